// DocSetOps (AND, OR and NOT of doc lists) against Swift's Set, on random
// ascending lists of many lengths, densities and overlaps: the branch-free
// merges, and the bitmap intersection that long lists dense in their common
// span take (both sides of its threshold are drawn).
import SearchTestSupport
import Testing

@testable import QueryEngine

@Suite struct DocSetTests {
  /// `n` distinct docs in base..<base + spread, ascending.
  static func docs(_ n: Int, base: UInt32, spread: UInt32, _ rng: inout SeededRandom) -> [UInt32] {
    var set = Set<UInt32>()
    let n = min(n, Int(spread))
    while set.count < n { set.insert(base &+ UInt32(rng.next() % UInt64(spread))) }
    return set.sorted()
  }

  @Test func setOperationsEqualSwiftSets() {
    var rng = SeededRandom(seed: 21)
    for trial in 0..<150 {
      // Short and long lists (the bitmap needs 1024 on each side), dense and
      // sparse spans, overlapping, nested or apart, near 0 and near the top.
      let sizes = [0, 1, 7, 300, 1_500, 6_000]
      let spreads: [UInt32] = [2_000, 20_000, 400_000, 5_000_000]
      let bases: [UInt32] = [0, 1_000, UInt32.max - 5_000_001]
      let base = bases[trial % bases.count]
      let a = Self.docs(sizes[Int(rng.next() % 6)], base: base, spread: spreads[Int(rng.next() % 4)], &rng)
      let shift = trial % 7 == 0 ? UInt32(rng.next() % 4_000) : 0  // b's span starts later
      let b = Self.docs(sizes[Int(rng.next() % 6)], base: base &+ shift, spread: spreads[Int(rng.next() % 4)], &rng)
      let sa = Set(a), sb = Set(b)
      #expect(DocSetOps.intersect(a, b) == sa.intersection(sb).sorted(), "trial \(trial)")
      #expect(DocSetOps.intersect(b, a) == sa.intersection(sb).sorted(), "trial \(trial)")
      #expect(DocSetOps.union(a, b) == sa.union(sb).sorted(), "trial \(trial)")
      #expect(DocSetOps.subtract(a, b) == sa.subtracting(sb).sorted(), "trial \(trial)")
      #expect(DocSetOps.subtract(b, a) == sb.subtracting(sa).sorted(), "trial \(trial)")
    }
  }

  @Test func edgeCases() {
    let all = Array(UInt32(0)..<3_000)
    let evens = all.filter { $0 % 2 == 0 }
    #expect(DocSetOps.intersect(all, evens) == evens)  // dense: the bitmap
    #expect(DocSetOps.intersect(evens, all) == evens)
    #expect(DocSetOps.subtract(all, evens) == all.filter { $0 % 2 == 1 })
    #expect(DocSetOps.union(evens, all) == all)
    #expect(DocSetOps.intersect(all, all) == all)
    #expect(DocSetOps.subtract(all, all) == [])
    let far = Array(UInt32(10_000)..<13_000)  // spans apart
    #expect(DocSetOps.intersect(all, far) == [])
    #expect(DocSetOps.subtract(all, far) == all)
    #expect(DocSetOps.union(all, far) == all + far)
    #expect(DocSetOps.intersect([], all) == [])
    #expect(DocSetOps.union([], all) == all)
    #expect(DocSetOps.subtract([], all) == [])
    #expect(DocSetOps.subtract(all, []) == all)
    let top: [UInt32] = [UInt32.max - 2, UInt32.max - 1]
    #expect(DocSetOps.union(top, [0, UInt32.max - 1]) == [0, UInt32.max - 2, UInt32.max - 1])
    #expect(DocSetOps.subtract(top, [UInt32.max - 1]) == [UInt32.max - 2])
  }
}
