// Ranking with a page limit must give exactly the first entries of the full
// ranking (same order, same ties), whichever path TopK takes.
import SearchTestSupport
import QueryLanguage
import Testing

@testable import QueryEngine

@Suite struct RankingTests {
  @Test func topKEqualsThePrefixOfAStableSort() {
    var rng = SeededRandom(seed: 21)
    for round in 0..<200 {
      let n = Int(rng.next() % 300)
      // Few distinct values: many ties, which index order must break.
      let scores = (0..<n).map { _ in Double(rng.next() % 7) / 2 }
      let full = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
      for k in [0, 1, 2, 5, 20, n / 3, n, n + 4] {
        #expect(TopK.select(scores, k) == Array(full.prefix(max(0, k))), "round \(round), n \(n), k \(k)")
      }
    }
  }

  @Test func rankWithLimitIsThePrefixOfTheFullRanking() throws {
    var rng = SeededRandom(seed: 8)
    let searcher = try TestIndex.build(randomCorpus(&rng, files: 4, recordsPerFile: 80))
    for text in ["人员", "工资 OR 基数", "reason:减", "预算 -决算", "rate<0"] {
      let query = try QueryParser.parse(text)
      let hits = try searcher.search(query)
      let full = try searcher.rank(hits, query: query)
      for limit in [1, 3, 10, hits.count] {
        let page = try searcher.rank(hits, query: query, limit: limit)
        #expect(page.map(\.ref) == full.prefix(limit).map(\.ref), "\(text) limit \(limit)")
        #expect(page.map(\.score) == full.prefix(limit).map(\.score))
      }
    }
  }

  @Test func aHitsScoreDoesNotDependOnTheOtherHitsRanked() throws {
    // Many hits walk the word's whole postings list, a few seek it
    // (Searcher.score): a hit's BM25 score must be the same either way.
    var rng = SeededRandom(seed: 12)
    let searcher = try TestIndex.build(randomCorpus(&rng, files: 6, recordsPerFile: 120))
    for text in ["预", "算", "人 OR 员", "reason:减", "年 -本"] {
      let query = try QueryParser.parse(text)
      let hits = try searcher.search(query)
      #expect(hits.count >= 40, "\(text): \(hits.count) hits")
      var full: [HitRef: Double] = [:]
      for (ref, score) in try searcher.rank(hits, query: query) { full[ref] = score }
      let few = stride(from: 0, to: hits.count, by: 25).map { hits[$0] }
      for (ref, score) in try searcher.rank(few, query: query) {
        #expect(score == full[ref], "\(text): \(ref)")
      }
    }
  }
}
