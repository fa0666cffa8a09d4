// `Searcher.load(_: [HitRef])` reads a page of hits in (segment, doc) order
// through the process-wide stored-block cache: it must give, in the order
// asked, exactly what loading each hit alone gives, whatever the order and
// however the hits spread over segments and stored blocks.
import IndexFormat
import Indexing
import SearchTestSupport
import TextAnalysis
import Testing

@testable import QueryEngine

@Suite struct HitLoadTests {
  /// An index of three segments (one per part), committed in `dir`.
  func threeSegments(_ rng: inout SeededRandom, in dir: String) throws -> Searcher {
    var metas: [SegmentMeta] = []
    for g in UInt64(1)...3 {
      let builder = try SegmentBuilder()
      for d in randomCorpus(&rng, files: 3, recordsPerFile: 150 * Int(g)) { try builder.add(d) }
      try builder.finish(generation: g).write(directory: dir, generation: g)
      metas.append(SegmentMeta(generation: g, docCount: builder.docCount, fileCount: builder.fileCount))
    }
    try Manifest(
      generation: 1, analyzer: AnalyzerID.current.description, segments: metas, fields: Schema.fields,
      columns: Schema.columns, sources: []
    ).commit(directory: dir)
    return try Searcher(reader: IndexReader(directory: dir))
  }

  func same(_ a: Hit, _ b: Hit) -> Bool {
    a.id == b.id && a.fields == b.fields && a.file == b.file && a.numbers.mapValues(\.0) == b.numbers.mapValues(\.0)
  }

  @Test func aPageLoadsAsEachHitAlone() throws {
    var rng = SeededRandom(seed: 41)
    let searcher = try threeSegments(&rng, in: temporaryDirectory())
    #expect(searcher.reader.segments.count == 3)
    let all = (0..<3).flatMap { s in (0..<searcher.reader.segments[s].meta.docCount).map { HitRef(segment: s, doc: UInt32($0)) } }
    for round in 0..<30 {
      // Random pages: spread over segments and blocks, repeats included.
      let page = (0..<(1 + Int(rng.next() % 150))).map { _ in all[Int(rng.next() % UInt64(all.count))] }
      let columns: Set<String>? = round % 2 == 0 ? nil : ["amount", "rate"]
      let batch = try searcher.load(page, columns: columns)
      #expect(batch.count == page.count)
      // Each alone, from a second reader of the same index (its tables have
      // their own cache keys): the batch must not take one table's block for another's.
      let other = try Searcher(reader: IndexReader(directory: searcher.reader.directory))
      for (ref, hit) in zip(page, batch) {
        let alone = try other.load(ref, columns: columns)
        #expect(same(hit, alone), "round \(round): \(ref)")
      }
    }
  }
}
