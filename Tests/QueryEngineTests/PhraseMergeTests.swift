// The phrase merge (QueryEngine/PhraseMerge.swift) on a corpus large enough
// for the automatic plan to choose it: grams in thousands of records, lists
// of many packed blocks plus a tail, candidates from other clauses. Every
// plan must give the brute-force answer.
import SearchTestSupport
import Disclosure
import IndexFormat
import QueryLanguage
import Testing

@testable import QueryEngine

@Suite struct PhraseMergeTests {
  /// n scalars of four: few scalars, long texts, so every bigram is in
  /// thousands of records.
  static func text(_ n: Int, _ rng: inout SeededRandom) -> String {
    let letters = Array("人员减少").map(String.init)
    return (0..<n).map { _ in letters[Int.random(in: 0..<letters.count, using: &rng)] }.joined()
  }

  @Test func automaticPlanMergesFrequentGramsAndAgreesWithBruteForce() throws {
    var rng = SeededRandom(seed: 42)
    func text(_ n: Int) -> String { Self.text(n, &rng) }
    let corpus = (0..<6).map { f in
      ParsedDocument(
        info: DocumentInfo(path: "f\(f).txt", department: "部门\(f % 2)", region: "新疆", year: 2023, kind: .budget),
        records: (0..<700).map { i in
          Record(
            type: .statement, subject: text(3), text: text(Int.random(in: 0...30, using: &rng)),
            reason: text(Int.random(in: 0...12, using: &rng)), section: "", line: i + 1,
            amount: Int64(i), change: nil, rate: nil, basis: nil)
        })
    }
    let searcher = try TestIndex.build(corpus)
    let oracle = Oracle(corpus)
    let segment = searcher.reader.segments[0]
    let textID = try #require(searcher.fieldIDs["text"])
    var merged = 0
    for _ in 0..<40 {
      let clauses = (0..<Int.random(in: 1...2, using: &rng)).map { _ in text(Int.random(in: 2...5, using: &rng)) }
      let query = try QueryParser.parse(clauses.joined(separator: " ") + " amount<600")
      let want = oracle.hits { r, _ in
        clauses.allSatisfy { Oracle.contains(r.text, $0) } && r.amount! < 60_000
      }
      for plan in allPlans {
        searcher.substringPlan = plan
        #expect(docs(try searcher.search(query)) == want, "\(plan): \(clauses)")
      }
      // Did the automatic plan take the merge for this clause?
      let grams = try #require(try SubstringMatcher.requirements(form: clauses[0], fieldID: textID, in: segment))
      if SubstringMatcher.mergeable(grams), SubstringMatcher.prefersMerge(grams, bound: .max) { merged += 1 }
    }
    #expect(merged >= 10, "the automatic plan chose the merge for \(merged) of 40 queries")
  }

  /// A parallel query cuts a segment into doc ranges (Searcher.pieces): every
  /// plan, given a range (and candidates within it), must give exactly the
  /// whole segment's answer cut to the range.
  @Test func aRangeOfDocsGetsTheWholeAnswerCutToIt() throws {
    var rng = SeededRandom(seed: 44)
    func text(_ n: Int) -> String { Self.text(n, &rng) }
    let records = (0..<3000).map { i in
      Record(
        type: .statement, subject: text(3), text: text(Int.random(in: 0...30, using: &rng)),
        reason: text(Int.random(in: 0...12, using: &rng)), section: "", line: i + 1,
        amount: Int64(i), change: nil, rate: nil, basis: nil)
    }
    let info = DocumentInfo(path: "f.txt", department: "部门", region: "新疆", year: 2023, kind: .budget)
    let searcher = try TestIndex.build([ParsedDocument(info: info, records: records)])
    let segment = searcher.reader.segments[0]
    let n = UInt32(segment.meta.docCount)
    let textID = try #require(searcher.fieldIDs["text"])
    let reasonID = try #require(searcher.fieldIDs["reason"])
    for _ in 0..<30 {
      let clauses = [SubstringClause(form: text(Int.random(in: 1...5, using: &rng)), fieldID: textID)]
        + (rng.next() % 2 == 0 ? [SubstringClause(form: text(Int.random(in: 2...3, using: &rng)), fieldID: reasonID)] : [])
      let candidates: DocList? = rng.next() % 3 == 0 ? (0..<n).filter { _ in rng.next() % 4 == 0 } : nil
      for plan in allPlans {
        let whole = try SubstringMatcher.matchAll(clauses, in: segment, candidates: candidates, plan: plan)
        for _ in 0..<6 {
          let a = UInt32(rng.next() % UInt64(n + 1)), b = UInt32(rng.next() % UInt64(n + 1))
          let range = min(a, b)..<max(a, b)
          let inRange = candidates?.filter { range.contains($0) }
          let got = try SubstringMatcher.matchAll(clauses, in: segment, candidates: inRange, within: range, plan: plan)
          #expect(got == whole.filter { range.contains($0) }, "\(plan): \(clauses.map(\.form)) in \(range)")
        }
      }
    }
  }
}
