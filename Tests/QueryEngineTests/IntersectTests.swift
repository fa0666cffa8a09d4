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

  /// The merge's other two loops over keys: each doc once, and the keys of
  /// marked docs only (docs outside the marked span are never kept).
  @Test func uniqueDocsAndMarkedKeysEqualTheirDefinitions() {
    var rng = SeededRandom(seed: 9)
    for trial in 0..<200 {
      var set = Set<UInt64>()
      let docs = UInt64([3, 50, 2_000][trial % 3]), n = Int(rng.next() % min(200, docs * 8))  // at most docs · 8 distinct keys
      let base: UInt64 = trial % 4 == 0 ? UInt64(UInt32.max) - docs : 0  // docs up to the largest id
      while set.count < n { set.insert((base + rng.next() % docs) << 32 | rng.next() % 8) }
      let keys = set.sorted()
      var unique = [UInt32](repeating: 0, count: keys.count)
      let u = cunique_docs(keys, keys.count, &unique)
      var seen: [UInt32] = []
      for k in keys where seen.last != UInt32(k >> 32) { seen.append(UInt32(k >> 32)) }
      #expect(Array(unique[0..<u]) == seen, "trial \(trial)")

      let first = UInt32(base + rng.next() % docs)
      let last = first + UInt32(min(rng.next() % docs, UInt64(UInt32.max - first)))
      let marked = Set((first...last).filter { _ in rng.next() % 3 == 0 })
      var bits = [UInt64](repeating: 0, count: Int(last - first) / 64 + 1)
      for d in marked { bits[Int(d - first) / 64] |= 1 << UInt64((d - first) % 64) }
      var kept = keys
      let k = ckeep_marked_docs(&kept, kept.count, bits, first, last)
      #expect(Array(kept[0..<k]) == keys.filter { marked.contains(UInt32($0 >> 32)) }, "trial \(trial)")
    }
  }
}
