import SearchTestSupport
import Testing

@testable import Indexing

/// `addBatch` (keys gathered first, prefetch pass) must record exactly what
/// one `add` per term records: same terms, postings and positions.
/// (`approximateBytes` is not compared: it counts array capacities, which
/// depend on malloc's usable sizes, so two tables built side by side can
/// differ by a few hundred bytes.)
@Suite struct TermTableTests {
  @Test func batchEqualsOneAddPerTerm() {
    var random = SeededRandom(seed: 42)
    // Short and long terms (a long one has more than 13 bytes), repeated
    // within and across docs, with enough distinct terms to grow the slots.
    let vocabulary: [[UInt8]] = (0..<6000).map { k in
      let length = k % 7 == 0 ? 14 + k % 9 : 1 + k % 8
      return (0..<length).map { UInt8(truncatingIfNeeded: 0x61 + (k * 31 + $0 * 7) % 26) }
    }
    var single = TermTable(), batched = TermTable()
    var batch = TermTable.Batch()
    for doc in UInt32(0)..<400 {
      for (field, view, positions) in [(UInt8(1), UInt8(0x67), true), (UInt8(2), UInt8(0x77), false)] {
        var form: [UInt8] = []
        var spans: [(Int, Int)] = []
        for _ in 0..<Int.random(in: 0..<60, using: &random) {
          let term = vocabulary[Int.random(in: 0..<(doc < 200 ? 300 : vocabulary.count), using: &random)]
          spans.append((form.count, form.count + term.count))
          form += term
        }
        form.withUnsafeBufferPointer { buf in
          batch.removeAll()
          for (p, (start, end)) in spans.enumerated() {
            single.add(
              field, view, UnsafeBufferPointer(rebasing: buf[start..<end]), doc: doc, position: UInt32(p * 2),
              withPositions: positions)
            batch.append(field, view, buf, start, end, position: UInt32(p * 2))
          }
          batched.addBatch(batch, prefix0: field, prefix1: view, form: buf, doc: doc, withPositions: positions)
        }
      }
    }
    #expect(single.termCount == batched.termCount)
    #expect(single.postingCount == batched.postingCount)
    #expect(single.positionCount == batched.positionCount)
    let ids = single.sortedIDs(), batchedIDs = batched.sortedIDs()
    #expect(ids.map(single.term) == batchedIDs.map(batched.term))
    var d1: [UInt32] = [], f1: [UInt32] = [], p1: [UInt32] = []
    var d2: [UInt32] = [], f2: [UInt32] = [], p2: [UInt32] = []
    for (a, b) in zip(ids, batchedIDs) {
      single.postings(a, docs: &d1, freqs: &f1, positions: &p1)
      batched.postings(b, docs: &d2, freqs: &f2, positions: &p2)
      #expect(d1 == d2 && f1 == f2 && p1 == p2)
      if d1 != d2 || f1 != f2 || p1 != p2 { break }
    }
  }
}
