// WorkerPool: parked helpers take part in a job's work with the caller, every
// task runs once, a busy pool runs a second caller's work inline, and the
// job closure does not outlive `run` (ParallelTasks passes a non-escaping one).
#if canImport(Glibc)
  import Glibc
#endif
import Testing

@testable import IndexFormat

/// Tasks 0..<count handed out once each, and who ran them.
private final class TaskLog: @unchecked Sendable {  // behind `mutex`
  let count: Int
  private var next = 0
  private(set) var runs: [Int]
  private(set) var threads: Set<UInt> = []
  private let mutex = PThreadMutex()

  init(_ count: Int) {
    self.count = count
    runs = Array(repeating: 0, count: count)
  }

  func take() -> Int? {
    mutex.withLock {
      guard next < count else { return nil }
      next += 1
      return next - 1
    }
  }

  func ran(_ i: Int, on thread: UInt) {
    mutex.withLock {
      runs[i] += 1
      threads.insert(thread)
    }
  }
}

private func currentThread() -> UInt { UInt(pthread_self()) }

@Suite struct WorkerPoolTests {
  @Test func everyTaskRunsOnceAndHelpersTakePart() {
    let pool = WorkerPool()
    let log = TaskLog(1_000)
    pool.run(helpers: 2) {
      while let i = log.take() {
        usleep(20)  // slow enough that a helper woken within microseconds finds tasks left
        log.ran(i, on: currentThread())
      }
    }
    #expect(log.runs.allSatisfy { $0 == 1 })
    #expect(pool.helperCount == 2)
    #expect(log.threads.count >= 2, "the caller ran every task: no helper took part")
  }

  @Test func manyJobsInARowAllEnd() {
    // A lost wake-up or a caller that waits on a helper that never joins hangs here.
    let pool = WorkerPool()
    for job in 0..<300 {
      let log = TaskLog(job % 5)
      pool.run(helpers: 1 + job % 2) {
        while let i = log.take() { log.ran(i, on: 0) }
      }
      #expect(log.runs.allSatisfy { $0 == 1 })
    }
    #expect(pool.helperCount == 2)  // made once, reused
  }

  @Test func aBusyPoolRunsAnotherJobInline() {
    let pool = WorkerPool()
    var inner = 0
    let outer = TaskLog(1)
    pool.run(helpers: 1) {
      while let i = outer.take() {
        // A job posted from inside a job: the pool is busy, so it runs here, at once.
        pool.run(helpers: 1) { inner += 1 }
        outer.ran(i, on: 0)
      }
    }
    #expect(inner == 1)
    #expect(outer.runs == [1])
  }

  @Test func aNonEscapingJobDoesNotEscape() {
    // withoutActuallyEscaping traps if the closure is still referenced when
    // it returns: a helper must drop the job before the caller sees it finished.
    let pool = WorkerPool()
    for _ in 0..<200 {
      let log = TaskLog(8)
      let body: () -> Void = { while let i = log.take() { log.ran(i, on: 0) } }
      func run(_ f: () -> Void) { withoutActuallyEscaping(f) { pool.run(helpers: 1, $0) } }
      run(body)
      #expect(log.runs.allSatisfy { $0 == 1 })
    }
  }

  @Test func noHelpersWantedRunsOnTheCaller() {
    let pool = WorkerPool()
    var ran = 0
    pool.run(helpers: 0) { ran += 1 }
    #expect(ran == 1)
    #expect(pool.helperCount == 0)
  }
}
