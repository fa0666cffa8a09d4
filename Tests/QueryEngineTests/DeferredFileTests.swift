// A segment's stored records (.rec) and numeric columns (.num) are opened
// with the segment but mapped at their first use (IndexFormat's
// DeferredFile): a count reads neither, a numeric filter reads the columns
// only, and the files stay this snapshot's even when a writer unlinks them.
import Foundation
import IndexFormat
import QueryLanguage
import SearchTestSupport
import Testing

@testable import QueryEngine

@Suite struct DeferredFileTests {
  static let textQueries = ["人员", "工资基数", "reason:减 OR reason:增", "-预", "type:passage"]

  /// An index of two segments in a fresh folder, and the paths of its
  /// .rec and .num files.
  func index(seed: UInt64) throws -> (dir: String, deferred: [String]) {
    var rng = SeededRandom(seed: seed)
    let dir = temporaryDirectory()
    _ = try TestIndex.build(segments: (1...2).map { _ in randomCorpus(&rng, files: 3, recordsPerFile: 120) }, in: dir)
    let names = try FileManager.default.contentsOfDirectory(atPath: dir)
    let deferred = names.filter { $0.hasSuffix(".rec") || $0.hasSuffix(".num") }.map { dir + "/" + $0 }
    #expect(deferred.count == 4)
    return (dir, deferred)
  }

  func counts(_ searcher: Searcher, _ queries: [String]) throws -> [Int] {
    try queries.map { try searcher.count(QueryParser.parse($0)) }
  }

  /// The file an index error names, or nil when `body` returns.
  func failure(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch let e as SearchError {
      guard case .index(let i) = e, case .corrupt(let file, _, _) = i else { return "unexpected \(e)" }
      return file
    } catch { return "unexpected \(error)" }
  }

  @Test func countsReadNeitherStoredRecordsNorColumns() throws {
    let (dir, deferred) = try index(seed: 71)
    let expected = try counts(Searcher(reader: IndexReader(directory: dir)), Self.textQueries)
    #expect(expected.contains { $0 > 0 })
    let searcher = try Searcher(reader: IndexReader(directory: dir))
    // Damage after the open: a reader that mapped these files would now
    // see their bytes gone (truncation shrinks the open inode too).
    for path in deferred { #expect(truncate(path, 0) == 0) }
    #expect(try counts(searcher, Self.textQueries) == expected)
    // The first reads of them report the damaged file by name.
    let loadFailure = failure { for ref in try searcher.search(QueryParser.parse("人员")) { _ = try searcher.load(ref) } }
    #expect(loadFailure?.hasSuffix(".rec") == true || loadFailure?.hasSuffix(".num") == true, "\(loadFailure ?? "no error")")
    let filterFailure = failure { _ = try searcher.count(QueryParser.parse("人员 amount>0")) }
    #expect(filterFailure?.hasSuffix(".num") == true, "\(filterFailure ?? "no error")")
  }

  @Test func unlinkedFilesStayThisSnapshots() throws {
    let (dir, deferred) = try index(seed: 72)
    let queries = ["人员 amount>0", "rate<0", "reason:减"]
    let before = try Searcher(reader: IndexReader(directory: dir))
    let expectedCounts = try counts(before, queries)
    let expectedHits = try before.search(QueryParser.parse("人员")).map { try before.load($0) }
    #expect(!expectedHits.isEmpty)
    // What a writer does to the files of segments a later commit dropped.
    let searcher = try Searcher(reader: IndexReader(directory: dir))
    for path in deferred { #expect(unlink(path) == 0) }
    #expect(try counts(searcher, queries) == expectedCounts)
    let hits = try searcher.search(QueryParser.parse("人员")).map { try searcher.load($0) }
    #expect(hits.map(\.id) == expectedHits.map(\.id))
    #expect(hits.map(\.fields) == expectedHits.map(\.fields))
    #expect(hits.map { $0.numbers.mapValues(\.0) } == expectedHits.map { $0.numbers.mapValues(\.0) })
  }

  @Test func verifyReadsTheDeferredFiles() throws {
    let (dir, deferred) = try index(seed: 73)
    let reader = try IndexReader(directory: dir)
    for path in deferred where path.hasSuffix(".num") { #expect(truncate(path, 30) == 0) }
    var named: String?
    do {
      for s in reader.segments { try s.verify() }
    } catch {
      if case .corrupt(let file, _, _) = error { named = file }
    }
    #expect(named?.hasSuffix(".num") == true, "\(named ?? "no error")")
  }
}
