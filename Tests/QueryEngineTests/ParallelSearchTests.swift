// A query's segments run on several threads (ParallelTasks): every answer
// (hits, counts, rankings with their scores and ties, errors) must be what
// one thread gives, whatever the number of threads.
import SearchTestSupport
import QueryLanguage
import Testing

@testable import QueryEngine

extension Searcher {
  /// Makes a small index take the parallel path with its segments cut into
  /// doc ranges of a few docs (Searcher.pieces), whose answers must be the
  /// whole segments'.
  func cutIntoPieces() {
    threads = 3
    spawnAfterNanos = 0
    minPieceDocs = 7
    minPieceHits = 5
  }
}

@Suite struct ParallelSearchTests {
  static let queries = [
    "人员", "工资 OR 基数", "reason:减", "预算 -决算", "rate<0", "kind:预算 amount>100", "dept:部门1",
    "type:passage basis:上年", "\"人员减少\" reason:减少", "section:支出", "-预", "年",
    "region:新疆 -人员", "project:人员 year:2020..2024", "section:支出 rate<0",
  ]

  @Test func anyNumberOfThreadsAnswersAsOne() throws {
    var rng = SeededRandom(seed: 77)
    // Segments of different sizes, so the largest-first order differs from segment order.
    let searcher = try TestIndex.build(segments: [2, 5, 1, 3, 4].map { randomCorpus(&rng, files: $0, recordsPerFile: 60) })
    #expect(searcher.reader.segments.count == 5)
    for text in Self.queries {
      let query = try QueryParser.parse(text)
      searcher.threads = 1
      let hits = try searcher.search(query)
      let count = try searcher.count(query)
      let ranked = try searcher.rank(hits, query: query)
      let page = try searcher.rank(hits, query: query, limit: 7)
      #expect(count == hits.count, "\(text)")
      // The merge of the segments' best: each hit's score ranked alone,
      // stably sorted, is the whole ranking; a page is its prefix.
      let alone = try hits.map { try searcher.rank([$0], query: query)[0].score }
      let order = hits.indices.sorted { alone[$0] != alone[$1] ? alone[$0] > alone[$1] : $0 < $1 }
      #expect(ranked.map(\.ref) == order.map { hits[$0] }, "\(text)")
      #expect(ranked.map(\.score) == order.map { alone[$0] }, "\(text)")
      #expect(page.map(\.ref) == ranked.prefix(7).map(\.ref), "\(text)")
      for (threads, minPiece) in [(2, 65_536), (3, 65_536), (8, 65_536), (2, 1), (3, 7), (8, 1)] {
        searcher.threads = threads
        searcher.spawnAfterNanos = 0  // threads even for this small index
        searcher.minPieceDocs = minPiece  // 1 or 7: segments cut into doc ranges (Searcher.pieces)
        searcher.minPieceHits = minPiece  // and their hits into chunks to rank
        #expect(try searcher.search(query) == hits, "\(text), \(threads) threads")
        #expect(try searcher.count(query) == count, "\(text), \(threads) threads")
        let again = try searcher.rank(hits, query: query)
        #expect(again.map(\.ref) == ranked.map(\.ref) && again.map(\.score) == ranked.map(\.score), "\(text), \(threads) threads")
        let pageAgain = try searcher.rank(hits, query: query, limit: 7)
        #expect(pageAgain.map(\.ref) == page.map(\.ref) && pageAgain.map(\.score) == page.map(\.score), "\(text), \(threads) threads")
      }
    }
    // Some query must rank with real scores, or the ranking checks prove little.
    let scored = try searcher.rank(try searcher.search(try QueryParser.parse("人员")), query: try QueryParser.parse("人员"))
    #expect(scored.contains { $0.score > 0 })
  }

  @Test func resultsComeInTaskOrderAndTheFirstErrorInTaskOrderWins() throws {
    // spawnAfter 0: threads always; .max: the calling thread alone whenever
    // there are more tasks than threads (otherwise threads start at once).
    for threads in [1, 2, 4, 16] {
      for spawnAfter in [0, UInt64.max] {
        let label = "\(threads) threads, spawn after \(spawnAfter)"
        // Results come back in task order whatever order the tasks ran in.
        let squares = try ParallelTasks.map(40, threads: threads, cost: { $0 % 7 }, spawnAfterNanos: spawnAfter) {
          (i) throws(SearchError) -> Int in i * i
        }
        #expect(squares == (0..<40).map { $0 * $0 }, "\(label)")
        // Tasks 9 and 23 fail; 23 costs the most, so it runs first when threaded.
        do {
          _ = try ParallelTasks.map(30, threads: threads, cost: { $0 == 23 ? 100 : 1 }, spawnAfterNanos: spawnAfter) {
            (i) throws(SearchError) -> Int in
            if i == 9 || i == 23 { throw SearchError.query(message: "task \(i)", range: SourceRange(lowerBound: 0, upperBound: 0)) }
            return i
          }
          Issue.record("no error: \(label)")
        } catch {
          #expect(error.description == "task 9", "\(label)")
        }
        #expect(try ParallelTasks.map(0, threads: threads, cost: { $0 }, spawnAfterNanos: spawnAfter) { (i) throws(SearchError) -> Int in i } == [])
      }
    }
  }
}
