// BackgroundThread's `awayFromCaller` (CAffinity): a helper of a short query
// process starts on another CPU than its creator, and may run anywhere after.
#if canImport(Glibc)
  import Glibc
#endif
import CAffinity
import Testing

@testable import IndexFormat

@Suite struct BackgroundThreadTests {
  @Test func aThreadMadeAwayStartsElsewhereAndKeepsEveryCPUAllowed() throws {
    let allowedHere = caffinity_allowed_cpus()
    // Several times: a thread placed beside its creator by chance would
    // pass once, not every time.
    for _ in 0..<20 {
      var seen: (cpu: Int32, allowed: Int32) = (-1, -1)
      var runs = 0
      let creatorCPU = caffinity_current_cpu()
      let helper = BackgroundThread(awayFromCaller: true) {
        seen = (caffinity_current_cpu(), caffinity_allowed_cpus())
        runs += 1
      }
      helper.join()
      #expect(runs == 1)  // its work runs, once
      #expect(seen.allowed == allowedHere)  // allowed everywhere again before its work
      if allowedHere >= 2 && creatorCPU >= 0 {
        // Where it first ran is where it was placed: it could only have
        // moved since if the kernel chose to, within microseconds.
        #expect(seen.cpu != creatorCPU && seen.cpu >= 0)
      }
    }
  }

  @Test func aThreadNotMadeAwayStillRunsItsWork() {
    var runs = 0
    let t = BackgroundThread { runs += 1 }
    t.join()
    #expect(runs == 1)
  }
}
