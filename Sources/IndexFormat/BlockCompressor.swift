// LZ4-compresses a stored table's blocks on a thread of its own, in the
// order they are handed in. The thread that fills a segment (the indexer's
// writer thread) bounds a build, and compressing its stored blocks was about
// a fifth of that thread's time while the parse workers waited for it
// (bench/RESULTS.md, seventh session); here it only copies the entries.
// Used by StoredTableWriter; the bytes written are the same either way.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

final class BlockCompressor: @unchecked Sendable {
  /// Blocks handed in and not yet compressed, at most: bounds the memory
  /// held when the compressing thread falls behind (4 × ~32 KB).
  static let backlog = 4

  private let state: State
  private let thread: BackgroundThread

  /// nil when no thread can be made (the caller compresses inline).
  init?() {
    let state = State()
    self.state = state
    thread = BackgroundThread(inlineOnFailure: false) { state.run() }
    guard thread.running else { return nil }
  }

  deinit {
    state.close()
    thread.join()
  }

  /// Queues a raw block, to be compressed with `dictionary`; waits while
  /// `backlog` blocks are queued.
  func submit(_ raw: [UInt8], dictionary: LZ4Dictionary?) { state.submit((raw, dictionary)) }

  /// The compressed blocks finished since the last call, in submission
  /// order; with `all`, waits until every submitted block is finished.
  func take(all: Bool) -> [[UInt8]] { state.take(all: all) }

  /// Everything the two threads share, behind one mutex and one condition
  /// (signalled on every change).
  private final class State: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var queued: [(raw: [UInt8], dictionary: LZ4Dictionary?)] = []
    private var finished: [[UInt8]] = []
    private var compressing = false
    private var closed = false

    init() {
      mutex.initialize(to: pthread_mutex_t())
      pthread_mutex_init(mutex, nil)
      changed.initialize(to: pthread_cond_t())
      pthread_cond_init(changed, nil)
    }

    deinit {
      pthread_cond_destroy(changed)
      pthread_mutex_destroy(mutex)
      changed.deallocate()
      mutex.deallocate()
    }

    func submit(_ raw: (raw: [UInt8], dictionary: LZ4Dictionary?)) {
      pthread_mutex_lock(mutex)
      while queued.count >= BlockCompressor.backlog { pthread_cond_wait(changed, mutex) }
      queued.append(raw)
      pthread_cond_broadcast(changed)
      pthread_mutex_unlock(mutex)
    }

    func take(all: Bool) -> [[UInt8]] {
      pthread_mutex_lock(mutex)
      while all && (!queued.isEmpty || compressing) { pthread_cond_wait(changed, mutex) }
      let out = finished
      finished = []
      pthread_mutex_unlock(mutex)
      return out
    }

    func close() {
      pthread_mutex_lock(mutex)
      closed = true
      pthread_cond_broadcast(changed)
      pthread_mutex_unlock(mutex)
    }

    /// The compressing thread: until closed, takes the oldest queued block,
    /// compresses it without the lock, and files the result.
    func run() {
      pthread_mutex_lock(mutex)
      while true {
        while queued.isEmpty && !closed { pthread_cond_wait(changed, mutex) }
        if queued.isEmpty { break }
        let raw = queued.removeFirst()
        compressing = true
        pthread_mutex_unlock(mutex)
        let compressed = LZ4.compress(raw.raw, dictionary: raw.dictionary)
        pthread_mutex_lock(mutex)
        finished.append(compressed)
        compressing = false
        pthread_cond_broadcast(changed)
      }
      pthread_mutex_unlock(mutex)
    }
  }
}
