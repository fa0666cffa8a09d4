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
  /// An index of three segments, committed in `dir`.
  func threeSegments(_ rng: inout SeededRandom, in dir: String) throws -> Searcher {
    try TestIndex.build(segments: (1...3).map { g in randomCorpus(&rng, files: 3, recordsPerFile: 150 * g) }, in: dir)
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

/// A column reader, a postings cursor and a stored table point into their
/// segment's mapped files: each keeps its mapping alive, so one that outlives
/// the IndexReader it came from reads the same bytes, not an unmapped range.
@Suite struct MappingLifetimeTests {
  /// What the three read, from a reader that is gone when this returns.
  struct Detached {
    var column: ColumnReader
    var cursor: PostingsCursor
    var records: StoredTable
  }

  func detached(_ dir: String, term: [UInt8]) throws -> Detached {
    let reader = try IndexReader(directory: dir)
    let segment = reader.segments[0]
    let info = try #require(try segment.dictionary.lookup(term))
    return Detached(
      column: try #require(try segment.columns.column("line")), cursor: try segment.postings.cursor(info),
      records: try segment.stored.records)
  }

  @Test func readersOutliveTheirIndexReader() throws {
    var rng = SeededRandom(seed: 43)
    let dir = temporaryDirectory()
    _ = try TestIndex.build(randomCorpus(&rng, files: 3, recordsPerFile: 200), in: dir)
    let live = try IndexReader(directory: dir).segments[0]
    let textID = try #require(Schema.fields.first { $0.name == "text" }?.id)
    var firstTerm: [UInt8] = []
    try live.dictionary.forEachTerm { term, _ in if firstTerm.isEmpty && term.first == textID { firstTerm = Array(term) } }
    var d = try detached(dir, term: firstTerm)
    var fresh = try live.postings.cursor(try #require(try live.dictionary.lookup(firstTerm)))
    // Unmapping happens when the last reference goes; reading now would fault without the owners.
    let liveLines = try #require(try live.columns.column("line"))
    for doc in 0..<live.meta.docCount { #expect(d.column.raw(doc) == liveLines.raw(doc)) }
    while true {
      let a = try d.cursor.advance(), b = try fresh.advance()
      #expect(a == b)
      if a == .terminated || b == .terminated { break }
    }
    for i in stride(from: 0, to: live.meta.docCount, by: 37) {
      #expect(try d.records.entry(i).map(\.value) == live.stored.records.entry(i).map(\.value))
    }
  }
}
