// BackgroundThread's `awayFromCaller` (CAffinity): a helper of a short query
// process starts on another CPU than its creator, and may run anywhere after.
#if canImport(Glibc)
  import Glibc
#endif
import CAffinity
import Testing

@testable import IndexFormat

@Suite struct BackgroundThreadTests {
  @Test func movingAwayLandsElsewhereAndKeepsEveryCPUAllowed() throws {
    let online = sysconf(Int32(_SC_NPROCESSORS_ONLN))
    var result: (moved: Int32, before: Int32, after: Int32) = (0, 0, 0)
    let t = BackgroundThread {
      let before = caffinity_current_cpu()
      result = (caffinity_move_away_from(before), before, caffinity_current_cpu())
    }
    t.join()
    if online < 2 {
      #expect(result.moved == 0)  // nowhere to go
      return
    }
    #expect(result.moved == 1)
    #expect(result.after != result.before && result.after >= 0)
    // Away, then allowed everywhere again: a second move still finds another CPU.
    let again = BackgroundThread {
      let here = caffinity_current_cpu()
      _ = caffinity_move_away_from(here)
      result.moved = caffinity_move_away_from(caffinity_current_cpu())
    }
    again.join()
    #expect(result.moved == 1)
    // A thread made away from its caller still runs its work, once.
    var runs = 0
    let helper = BackgroundThread(awayFromCaller: true) { runs += 1 }
    helper.join()
    #expect(runs == 1)
  }
}
