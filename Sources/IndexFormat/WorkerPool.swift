// Threads kept for a process's parallel work (IndexReader's segment open,
// the query engine's ParallelTasks), parked on a condition between jobs.
// Creating a thread per query cost the caller ≈ 75 µs and the new thread its
// start; a query that might not need a helper first ran a probe task alone
// to decide, which put ≈ 0.5 ms of a big fresh `search` on one thread. A
// parked helper is engaged with a wake-up instead (microseconds), so a query
// hands out its tasks at once. Helpers start on another CPU than their
// creator (BackgroundThread's `awayFromCaller`) and live as long as the
// process (tantivy's and Lucene's searchers keep executor threads the same way).
#if canImport(Glibc)
  import Glibc
#endif

public final class WorkerPool: @unchecked Sendable {  // state behind `mutex`
  /// The process's pool.
  public static let shared = WorkerPool()

  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  /// Signalled when a job is posted.
  private let posted = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  /// Signalled when the last helper of a job returns from it.
  private let finished = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private var helpers: [BackgroundThread] = []
  /// The current job (nil between jobs) and its number.
  private var job: (() -> Void)?
  private var generation: UInt64 = 0
  /// Helpers that may still join the current job, and those running it.
  private var openSlots = 0
  private var active = 0

  public init() {
    mutex.initialize(to: pthread_mutex_t())
    pthread_mutex_init(mutex, nil)
    posted.initialize(to: pthread_cond_t())
    pthread_cond_init(posted, nil)
    finished.initialize(to: pthread_cond_t())
    pthread_cond_init(finished, nil)
  }

  /// Helpers made so far (parked between jobs).
  public var helperCount: Int {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return helpers.count
  }

  /// Runs `work` on the calling thread and on up to `wanted` helpers at once
  /// (made on first need), and returns when every thread that took part has
  /// returned from it. `work` must be safe to run on several threads at once
  /// and must end when there is nothing left to do (it takes its tasks from
  /// a shared queue): a helper that wakes late may find none, and one that
  /// has not started when the caller's `work` returns no longer joins. While
  /// another caller's job runs (or if no thread can be made), `work` runs on
  /// the calling thread alone.
  public func run(helpers wanted: Int, _ work: @escaping () -> Void) {
    if wanted <= 0 {
      work()
      return
    }
    pthread_mutex_lock(mutex)
    if job != nil {
      pthread_mutex_unlock(mutex)
      work()
      return
    }
    while helpers.count < wanted {
      // The helper holds the pool: a pool, once it has helpers, lives as long as the process.
      let t = BackgroundThread(inlineOnFailure: false, awayFromCaller: true) { self.park() }
      if !t.running { break }
      helpers.append(t)
    }
    job = work
    generation &+= 1
    openSlots = min(wanted, helpers.count)
    if openSlots > 0 { pthread_cond_broadcast(posted) }
    pthread_mutex_unlock(mutex)
    work()
    pthread_mutex_lock(mutex)
    openSlots = 0
    while active > 0 { pthread_cond_wait(finished, mutex) }
    job = nil
    pthread_mutex_unlock(mutex)
  }

  /// A helper's life: wait for a job it has not run, run it, repeat.
  private func park() {
    var seen: UInt64 = 0
    pthread_mutex_lock(mutex)
    while true {
      while job == nil || generation == seen || openSlots == 0 { pthread_cond_wait(posted, mutex) }
      seen = generation
      openSlots -= 1
      active += 1
      do {
        let work = job!
        pthread_mutex_unlock(mutex)
        work()
      }  // The job is released before the caller can see it finished: a
      // caller that passed a non-escaping closure (withoutActuallyEscaping)
      // checks that no reference outlives its call.
      pthread_mutex_lock(mutex)
      active -= 1
      if active == 0 { pthread_cond_signal(finished) }
    }
  }
}

/// Task indexes handed out one at a time under a mutex, in the given order:
/// the shared queue a pool job's threads take their tasks from (a handful
/// per query or index open: the lock is never contended long enough to matter).
public final class TaskQueue: @unchecked Sendable {  // `position` behind `mutex`
  private let order: [Int]
  private var position = 0
  private let mutex = PThreadMutex()

  public init(_ order: [Int]) { self.order = order }

  public func next() -> Int? {
    mutex.withLock {
      guard position < order.count else { return nil }
      position += 1
      return order[position - 1]
    }
  }
}
