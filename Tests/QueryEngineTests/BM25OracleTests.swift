// BM25 against a brute-force oracle: every hit's score recomputed from the
// records alone (no index), in the view the schema ranks each field on —
// grams for `text` (kind gram-text), ICU words for `reason` and `subject`
// (kind text). The oracle counts term frequencies, document frequencies and
// field lengths by scanning the analyzer's output for every record, so a
// wrong frequency, length, average or view in the index shows as a score
// that differs. A failure prints the seed and the query.
import Disclosure
import Foundation
import IndexFormat
import Indexing
import QueryLanguage
import SearchTestSupport
import Testing
import TextAnalysis

@testable import QueryEngine

/// One field of every record, analysed as the schema ranks it.
private struct FieldStats {
  var terms: [[String]]  // per doc, its ranking terms in order (empty: absent field)
  var averageLength: Double

  init(_ values: [String], kind: FieldKind, segmenter: Segmenter) throws {
    terms = try values.map { v in try FieldStats.rankingTerms(v, kind: kind, segmenter: segmenter) }
    averageLength = max(1, Double(terms.reduce(0) { $0 + $1.count }) / Double(max(1, values.count)))
  }

  static func rankingTerms(_ value: String, kind: FieldKind, segmenter: Segmenter) throws -> [String] {
    if value.isEmpty { return [] }
    let form = try MatchForm.fromRaw(value)
    return kind == .gramText ? Analyzer.grams(form).map(\.term) : try Analyzer.words(form, segmenter: segmenter)
  }

  func score(doc: Int, query: [String], _ p: BM25) -> Double {
    let n = Double(terms.count)
    let dl = Double(terms[doc].count)
    var score = 0.0
    for t in query {
      let df = Double(terms.reduce(0) { $0 + ($1.contains(t) ? 1 : 0) })
      let tf = Double(terms[doc].reduce(0) { $0 + ($1 == t ? 1 : 0) })
      guard df > 0, tf > 0 else { continue }
      let idf = log1p((n - df + 0.5) / (df + 0.5))
      score += idf * tf * (p.k1 + 1) / (tf + p.k1 * (1 - p.b + p.b * dl / averageLength))
    }
    return score
  }
}

@Suite struct BM25OracleTests {
  @Test func schemaRanksTextOnGramsAndReasonsOnWords() {
    #expect(Schema.text.kind == .gramText)
    #expect(Schema.reason.kind == .text && Schema.subject.kind == .text)
  }

  @Test func scoresEqualTheOracle() throws {
    let segmenter = try Segmenter()
    let p = BM25()
    // (query, its positive terms as (field, text)): the oracle's side of the query.
    // The random texts draw their first letters (预, 算, 决) most often.
    let queries: [(String, [(String, String)])] = [
      ("预算", [("text", "预算")]),
      ("预 算决", [("text", "预"), ("text", "算决")]),
      ("\"预算 决\"", [("text", "预算 决")]),
      ("reason:预算", [("reason", "预算")]),
      ("预算 reason:决", [("text", "预算"), ("reason", "决")]),
      ("subject:预算 OR 算决", [("subject", "预算"), ("text", "算决")]),
      ("预 -算", [("text", "预")]),
      ("aB", [("text", "aB")]),
    ]
    var scored = 0  // hits with a positive expected score: the test is not vacuous
    for seed in 40..<44 {
      var rng = SeededRandom(seed: UInt64(seed))
      let corpus = randomCorpus(&rng, files: 3, recordsPerFile: 100)
      let records = corpus.flatMap(\.records)
      // One segment, and one per file: N, df and the average lengths are the
      // index's, so both must give the oracle's scores (a hit's record is
      // the segment's first record's index plus its doc id).
      let layouts = [try TestIndex.build(corpus), try TestIndex.build(segments: corpus.map { [$0] })]
      let fields: [String: FieldStats] = [
        "text": try FieldStats(records.map(\.text), kind: Schema.text.kind, segmenter: segmenter),
        "reason": try FieldStats(records.map(\.reason), kind: Schema.reason.kind, segmenter: segmenter),
        "subject": try FieldStats(records.map(\.subject), kind: Schema.subject.kind, segmenter: segmenter),
      ]
      for searcher in layouts {
        let segments = searcher.reader.segments
        #expect(segments.count == (searcher === layouts[0] ? 1 : corpus.count))
        let firstRecord = segments.indices.map { i in segments[..<i].reduce(0) { $0 + $1.meta.docCount } }
        for (text, positives) in queries {
          let query = try QueryParser.parse(text)
          let hits = try searcher.search(query)
          let ranked = try searcher.rank(hits, query: query)
          #expect(ranked.count == hits.count)
          for (ref, score) in ranked {
            let doc = firstRecord[ref.segment] + Int(ref.doc)
            var expected = 0.0
            for (field, term) in positives {
              let stats = fields[field]!
              let kind = field == "text" ? Schema.text.kind : Schema.reason.kind
              let terms = try FieldStats.rankingTerms(term, kind: kind, segmenter: segmenter)
              expected += stats.score(doc: doc, query: terms, p)
            }
            if expected > 0 { scored += 1 }
            #expect(
              abs(score - expected) <= 1e-9 * max(1, expected),
              "seed \(seed), \(segments.count) segments, \(text), record \(doc): \(score) vs \(expected)")
          }
        }
      }
    }
    #expect(scored > 1000, "only \(scored) hits had a positive score")
  }
}
