// CIntersect (the phrase merge's inner loop) against a set intersection, on
// random ascending key arrays of many lengths and overlaps: the SIMD path
// (where the CPU has AVX2) and the scalar one must both give it exactly.
import CIntersect
import SearchTestSupport
import Testing

@Suite struct IntersectTests {
  @Test func intersectionEqualsSetIntersection() {
    var rng = SeededRandom(seed: 8)
    for trial in 0..<600 {
      func keys(_ n: Int, spread: UInt64) -> [UInt64] {
        // Distinct and ascending; doc-like high halves, some keys past 2^63.
        var set = Set<UInt64>()
        let high: UInt64 = trial % 5 == 0 ? 1 << 63 : 0
        while set.count < n { set.insert(high | (rng.next() % spread)) }
        return set.sorted()
      }
      let spread = UInt64([8, 40, 300, 5_000][trial % 4])
      let a = keys(Int(rng.next() % min(spread, 120)), spread: spread)
      let b = keys(Int(rng.next() % min(spread, 120)), spread: spread)
      let want = a.filter(Set(b).contains)
      for simd in [true, false] {
        var out = [UInt64](repeating: 0, count: a.count + 3)
        let n = out.withUnsafeMutableBufferPointer { o in
          simd
            ? cintersect_u64(a, a.count, b, b.count, o.baseAddress!)
            : cintersect_u64_scalar(a, a.count, b, b.count, o.baseAddress!)
        }
        #expect(Array(out[0..<n]) == want, "trial \(trial), simd \(simd): \(a.count) ∩ \(b.count)")
      }
    }
  }
}
