// Runs jobs 0..<count on worker threads and hands their results to one
// consumer in job order, at most `window` results ahead of it (so memory
// stays bounded however fast the workers are). IndexWriter uses it to read,
// parse and analyse files on all cores while one thread builds the segment
// in corpus order: the segment is the same as a sequential build's.
// pthreads (no Foundation); every worker gets its own state (an ICU
// segmenter is not thread-safe).
import Glibc

final class OrderedPool<State, Output>: @unchecked Sendable {
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private let count: Int
  private let window: Int
  private let makeState: () -> State
  private let work: (inout State, Int) -> Output
  private var results: [Int: Output] = [:]
  private var nextJob = 0
  /// Jobs below this index have been handed to the consumer.
  private var consumed = 0
  private var stopping = false
  private var threads: [pthread_t] = []
  /// State for jobs run on the consumer's thread (no workers).
  private var inlineState: State?

  /// Starts `workers` threads (0: every job runs inside `next`).
  init(count: Int, workers: Int, window: Int, makeState: @escaping () -> State, work: @escaping (inout State, Int) -> Output) {
    self.count = count
    self.window = max(1, window)
    self.makeState = makeState
    self.work = work
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(changed, nil)
    guard count > 0 else { return }
    for _ in 0..<min(workers, count) {
      let box = Unmanaged.passRetained(WorkerBox(run: { [self] in self.runWorker() })).toOpaque()
      var tid = pthread_t()
      let rc = pthread_create(&tid, nil, { raw in
        let box = Unmanaged<WorkerBox>.fromOpaque(raw!).takeRetainedValue()
        box.run()
        return nil
      }, box)
      if rc == 0 {
        threads.append(tid)
      } else {
        Unmanaged<WorkerBox>.fromOpaque(box).release()  // run inline instead
      }
    }
  }

  deinit {
    pthread_mutex_destroy(mutex)
    pthread_cond_destroy(changed)
    mutex.deallocate()
    changed.deallocate()
  }

  private func runWorker() {
    var state = makeState()
    pthread_mutex_lock(mutex)
    while true {
      while !stopping && nextJob < count && nextJob >= consumed + window { pthread_cond_wait(changed, mutex) }
      if stopping || nextJob >= count { break }
      let job = nextJob
      nextJob += 1
      pthread_mutex_unlock(mutex)
      let out = work(&state, job)
      pthread_mutex_lock(mutex)
      results[job] = out
      pthread_cond_broadcast(changed)
    }
    pthread_mutex_unlock(mutex)
  }

  /// The result of `job`; jobs must be asked for in order 0, 1, 2, …
  func next(_ job: Int) -> Output {
    precondition(job < count)
    pthread_mutex_lock(mutex)
    consumed = job
    pthread_cond_broadcast(changed)
    if threads.isEmpty && nextJob <= job {
      // No workers: run it here.
      nextJob = job + 1
      pthread_mutex_unlock(mutex)
      if inlineState == nil { inlineState = makeState() }
      return work(&inlineState!, job)
    }
    while results[job] == nil { pthread_cond_wait(changed, mutex) }
    let out = results.removeValue(forKey: job)!
    consumed = job + 1
    pthread_cond_broadcast(changed)
    pthread_mutex_unlock(mutex)
    return out
  }

  /// Stops the workers (after their current job) and joins them.
  func shutdown() {
    pthread_mutex_lock(mutex)
    stopping = true
    pthread_cond_broadcast(changed)
    pthread_mutex_unlock(mutex)
    for t in threads { pthread_join(t, nil) }
    threads = []
    results = [:]
  }
}

private final class WorkerBox {
  let run: () -> Void
  init(run: @escaping () -> Void) { self.run = run }
}

/// Processors this process may run on.
public func availableProcessors() -> Int {
  max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
}
