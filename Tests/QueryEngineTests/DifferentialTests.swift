// The recall contract (DESIGN.md): a record is a hit iff the query string
// occurs in its field after normalization. Checked against a brute-force
// substring scan on seeded random corpora; numeric filters against integer
// comparisons. A failure prints the seed and the query.
import SearchTestSupport
import Disclosure
@testable import QueryEngine
import QueryLanguage
import Testing
import TextAnalysis

let alphabet: [String] = Array("预算决人员减少增加在职工资基数调经费支出年本").map(String.init)
  + ["0", "1", "2", ".", "%", ",", "a", "B", " ", " ", "（", "）", "２"]

func randomText(_ rng: inout SeededRandom, maxLength: Int) -> String {
  let n = Int.random(in: 0...maxLength, using: &rng)
  // Skewed choice so some grams are frequent and others rare.
  return (0..<n).map { _ in
    let r = Double.random(in: 0..<1, using: &rng)
    return alphabet[Int(r * r * Double(alphabet.count))]
  }.joined()
}

func randomCorpus(_ rng: inout SeededRandom, files: Int, recordsPerFile: Int) -> [ParsedDocument] {
  (0..<files).map { f in
    let info = DocumentInfo(
      path: "f\(f).txt", department: "部门\(f % 3)", region: f % 2 == 0 ? "新疆 昌吉回族自治州" : "新疆 乌鲁木齐市",
      year: 2022 + f % 3, kind: f % 2 == 0 ? .finalAccount : .budget)
    let records = (0..<recordsPerFile).map { i in
      Record(
        type: RecordType.allCases[Int.random(in: 0..<3, using: &rng)],
        subject: randomText(&rng, maxLength: 8), text: randomText(&rng, maxLength: 40),
        reason: randomText(&rng, maxLength: 15), section: ["第一部分", "三公经费", "机关运行经费", ""][i % 4], line: i + 1,
        amount: Bool.random(using: &rng) ? Int64.random(in: -50_000...500_000, using: &rng) : nil,
        change: Bool.random(using: &rng) ? Int64.random(in: -5_000...5_000, using: &rng) : nil,
        rate: Bool.random(using: &rng) ? Int64.random(in: -10_000...10_000, using: &rng) : nil,
        basis: Bool.random(using: &rng) ? .lastYear : nil)
    }
    return ParsedDocument(info: info, records: records)
  }
}

func docs(_ refs: [HitRef]) -> [UInt32] { refs.map(\.doc) }

/// Every way of matching substring clauses: each must give the brute-force answer.
let allPlans: [SubstringPlan] = [.automatic, .leapfrog, .merge]

@Suite struct DifferentialTests {
  @Test func substringRecallEqualsBruteForce() throws {
    for seed in 0..<12 {
      var rng = SeededRandom(seed: UInt64(seed))
      let corpus = randomCorpus(&rng, files: 4, recordsPerFile: 60)
      let searcher = try TestIndex.build(corpus)
      if seed % 2 == 1 { searcher.cutIntoPieces() }
      let oracle = Oracle(corpus)
      for _ in 0..<60 {
        // Half the queries are substrings of a real record, half random strings.
        var q: String
        let (rec, _) = oracle.records[Int.random(in: 0..<oracle.records.count, using: &rng)]
        let source = Array(rec.text.unicodeScalars)
        if Bool.random(using: &rng), source.count > 1 {
          let a = Int.random(in: 0..<source.count, using: &rng)
          let b = min(source.count, a + Int.random(in: 1...6, using: &rng))
          q = String(String.UnicodeScalarView(source[a..<b]))
        } else {
          q = randomText(&rng, maxLength: 4)
        }
        let field: TextField? = [nil, .text, .reason, .subject].randomElement(using: &rng)!
        let node = QueryNode.term(field: field, text: q, phrase: true, range: SourceRange(0..<1))
        let want = oracle.hits { r, _ in
          Oracle.contains(field == .reason ? r.reason : field == .subject ? r.subject : r.text, q)
        }
        for plan in allPlans {
          searcher.substringPlan = plan
          let got = docs(try searcher.search(node))
          #expect(got == want, "seed \(seed), \(plan): \(field?.rawValue ?? "default"):\"\(q)\"")
        }
        // count() answers lone two-scalar terms from the dictionary: the same number.
        #expect(try searcher.count(node) == want.count, "count, seed \(seed): \"\(q)\"")
      }
    }
  }

  @Test func conjunctionsOfSubstringsEqualBruteForce() throws {
    // Two or three substring clauses on random fields in one AND: their grams
    // leapfrog together and each clause is verified on its own positions.
    for seed in 20..<26 {
      var rng = SeededRandom(seed: UInt64(seed))
      let corpus = randomCorpus(&rng, files: 3, recordsPerFile: 80)
      let searcher = try TestIndex.build(corpus)
      if seed % 2 == 1 { searcher.cutIntoPieces() }
      let oracle = Oracle(corpus)
      var nonEmpty = 0
      for _ in 0..<80 {
        // Mostly clauses cut from one record (so some records match them all), sometimes from several.
        let shared = oracle.records[Int.random(in: 0..<oracle.records.count, using: &rng)].record
        let clauses: [(TextField?, String)] = (0..<Int.random(in: 2...3, using: &rng)).map { _ in
          let rec = Int.random(in: 0..<4, using: &rng) > 0
            ? shared : oracle.records[Int.random(in: 0..<oracle.records.count, using: &rng)].record
          let field: TextField? = [nil, .text, .reason, .subject].randomElement(using: &rng)!
          let source = Array((field == .reason ? rec.reason : field == .subject ? rec.subject : rec.text).unicodeScalars)
          // Random strings of frequent scalars: their grams are often all in a
          // record without the string being there (what the positions decide).
          guard source.count > 2, Bool.random(using: &rng) else { return (field, randomText(&rng, maxLength: 4)) }
          let a = Int.random(in: 0..<(source.count - 2), using: &rng)
          let b = min(source.count, a + Int.random(in: 2...5, using: &rng))
          return (field, String(String.UnicodeScalarView(source[a..<b])))
        }
        let node = QueryNode.and(clauses.map { .term(field: $0.0, text: $0.1, phrase: true, range: SourceRange(0..<1)) })
        let want = oracle.hits { r, _ in
          clauses.allSatisfy { field, q in
            Oracle.contains(field == .reason ? r.reason : field == .subject ? r.subject : r.text, q)
          }
        }
        if !want.isEmpty { nonEmpty += 1 }
        for plan in allPlans {
          searcher.substringPlan = plan
          #expect(docs(try searcher.search(node)) == want, "seed \(seed), \(plan): \(clauses)")
        }
      }
      #expect(nonEmpty >= 15, "seed \(seed): too few conjunctions with hits to test anything")
    }
  }

  @Test func numericFiltersEqualIntegerComparisons() throws {
    var rng = SeededRandom(seed: 99)
    let corpus = randomCorpus(&rng, files: 3, recordsPerFile: 200)
    let searcher = try TestIndex.build(corpus)
    let oracle = Oracle(corpus)
    let cases: [(String, (Record) -> Bool)] = [
      ("amount>100", { ($0.amount ?? .min) > 10_000 }),
      ("amount>=100", { ($0.amount ?? .min) >= 10_000 }),
      ("amount<0.005", { $0.amount.map { $0 < 1 } ?? false }),
      ("amount>0.005", { ($0.amount ?? .min) >= 1 }),
      ("amount>1亿", { ($0.amount ?? .min) > 1_000_000 * 100 }),
      ("amount>=5000000元", { ($0.amount ?? .min) >= 50_000 }),
      ("rate<-10", { $0.rate.map { $0 < -1000 } ?? false }),
      ("rate<=-10%", { $0.rate.map { $0 <= -1000 } ?? false }),
      ("rate:-20..-5", { $0.rate.map { $0 >= -2000 && $0 <= -500 } ?? false }),
      ("rate>=0", { ($0.rate ?? .min) >= 0 }),
      ("change<0", { $0.change.map { $0 < 0 } ?? false }),
      ("amount=12.5", { $0.amount == 1250 }),
    ]
    for (text, predicate) in cases {
      let got = docs(try searcher.search(try QueryParser.parse(text)))
      #expect(got == oracle.hits { r, _ in predicate(r) }, "\(text)")
    }
  }

  @Test func booleanCombinations() throws {
    var rng = SeededRandom(seed: 5)
    let corpus = randomCorpus(&rng, files: 4, recordsPerFile: 80)
    let searcher = try TestIndex.build(corpus)
    let oracle = Oracle(corpus)
    let cases: [(String, (Record, DocumentInfo) -> Bool)] = [
      ("type:passage", { r, _ in r.type == .passage }),  // lone keyword: counted from the dictionary
      ("reason:工资", { r, _ in Oracle.contains(r.reason, "工资") }),  // lone bigram: likewise
      // Plain substring terms of one AND leapfrog together (SubstringMatcher.matchAll).
      ("人员 工资", { r, _ in Oracle.contains(r.text, "人员") && Oracle.contains(r.text, "工资") }),
      ("reason:减 人员 -预", { r, _ in
        Oracle.contains(r.reason, "减") && Oracle.contains(r.text, "人员") && !Oracle.contains(r.text, "预")
      }),
      ("dept:部门1 人员 reason:减少 subject:经费", { r, i in
        i.department.contains("部门1") && Oracle.contains(r.text, "人员") && Oracle.contains(r.reason, "减少")
          && Oracle.contains(r.subject, "经费")
      }),
      ("人员 rate<0", { r, _ in Oracle.contains(r.text, "人员") && (r.rate.map { $0 < 0 } ?? false) }),
      ("reason:减 OR reason:增", { r, _ in Oracle.contains(r.reason, "减") || Oracle.contains(r.reason, "增") }),
      ("预 -算", { r, _ in Oracle.contains(r.text, "预") && !Oracle.contains(r.text, "算") }),
      ("-预", { r, _ in !Oracle.contains(r.text, "预") }),
      ("kind:预算 amount>100", { r, i in i.kind == .budget && (r.amount ?? .min) > 10_000 }),
      ("type:passage basis:上年", { r, _ in r.type == .passage && r.basis == .lastYear }),
      ("dept:部门1 year:2023", { _, i in i.department.contains("部门1") && i.year == 2023 }),
      ("region:乌鲁木齐 (工资 OR 基数)", { r, i in
        i.region.contains("乌鲁木齐") && (Oracle.contains(r.text, "工资") || Oracle.contains(r.text, "基数"))
      }),
      ("project:人员", { r, _ in r.type == .project && Oracle.contains(r.subject, "人员") }),
      ("section:三公", { r, _ in Oracle.contains(r.section, "三公") }),
      ("section:经费 rate<0 -预", { r, _ in
        Oracle.contains(r.section, "经费") && (r.rate.map { $0 < 0 } ?? false) && !Oracle.contains(r.text, "预")
      }),
    ]
    for (text, predicate) in cases {
      for plan in allPlans {
        searcher.substringPlan = plan
        let got = docs(try searcher.search(try QueryParser.parse(text)))
        #expect(got == oracle.hits(predicate), "\(plan): \(text)")
        #expect(try searcher.count(try QueryParser.parse(text)) == got.count, "count, \(plan): \(text)")
      }
    }
  }

  @Test func badUnitIsAQueryError() throws {
    var rng = SeededRandom(seed: 1)
    let searcher = try TestIndex.build(randomCorpus(&rng, files: 1, recordsPerFile: 5))
    // The parser accepts 万 on money fields only; the engine re-checks what it converts.
    #expect(throws: SearchError.self) {
      _ = try searcher.search(.numeric(field: .rate, lower: NumericBound(value: DecimalValue(mantissa: 5, scale: 0, unit: "万"), inclusive: true), upper: nil, range: SourceRange(0..<3)))
    }
  }
}

@Suite struct GroupingTests {
  @Test func groupByEqualsBruteForce() throws {
    var rng = SeededRandom(seed: 17)
    let corpus = randomCorpus(&rng, files: 6, recordsPerFile: 50)
    let searcher = try TestIndex.build(corpus)
    let oracle = Oracle(corpus)
    // The last query selects one record type: no group may appear empty.
    let cases: [(String, (Record) -> Bool)] = [
      ("人员", { Oracle.contains($0.text, "人员") }), ("预", { Oracle.contains($0.text, "预") }),
      ("type:statement 人员", { $0.type == .statement && Oracle.contains($0.text, "人员") }),
    ]
    for (query, predicate) in cases {
      let refs = try searcher.search(try QueryParser.parse(query))
      let matching = oracle.records.filter { predicate($0.record) }
      for key in GroupKey.allCases {
        let got = try searcher.group(refs, by: key)
        // Hits in any order (as --sort leaves them) group the same.
        let shuffled = try searcher.group(refs.shuffled(using: &rng), by: key)
        #expect(shuffled.map { "\($0.key) \($0.count) \($0.amountSum) \(String(describing: $0.rateMin))" }
          == got.map { "\($0.key) \($0.count) \($0.amountSum) \(String(describing: $0.rateMin))" }, "\(query) by \(key), shuffled")
        var want: [String: (count: Int, sum: Int64, amounts: [Int64], rates: [Int64])] = [:]
        for (r, info) in matching {
          let k: String
          switch key {
          case .dept: k = info.department
          case .region: k = info.region
          case .year: k = info.year.map(String.init) ?? ""
          case .kind: k = info.kind?.rawValue ?? ""
          case .subject: k = r.subject
          case .type: k = r.type.rawValue
          case .file: k = info.path
          }
          var g = want[k] ?? (0, 0, [], [])
          g.count += 1
          if let a = r.amount {
            g.sum += a
            g.amounts.append(a)
          }
          if let x = r.rate { g.rates.append(x) }
          want[k] = g
        }
        #expect(got.count == want.count, "\(query) by \(key)")
        for g in got {
          let w = try #require(want[g.key], "\(query) by \(key): unexpected group \(g.key)")
          #expect(g.count == w.count && g.amountSum == w.sum && g.amountCount == w.amounts.count, "\(query) by \(key) \(g.key)")
          #expect(g.amountMin == w.amounts.min() && g.amountMax == w.amounts.max())
          #expect(g.rateMin == w.rates.min() && g.rateMax == w.rates.max())
        }
        // Largest groups first, ties by key.
        for (a, b) in zip(got, got.dropFirst()) {
          #expect(a.count > b.count || (a.count == b.count && a.key.utf8.lexicographicallyPrecedes(b.key.utf8)))
        }
      }
    }
  }
}

@Suite struct CoveringGramTests {
  /// Regression: dropping the unigram before a space let "ab c" match "abxc".
  @Test func spacesArePinned() throws {
    let docs = [
      ParsedDocument(info: DocumentInfo(path: "a"), records: [
        Record(type: .passage, text: "abxc", line: 1), Record(type: .passage, text: "ab c", line: 2),
        Record(type: .passage, text: "ab cd", line: 3), Record(type: .passage, text: "xab c", line: 4),
      ])
    ]
    let searcher = try TestIndex.build(docs)
    let hits = try searcher.search(.term(field: nil, text: "ab c", phrase: true, range: SourceRange(0..<4)))
    #expect(hits.map(\.doc) == [1, 2, 3])
  }

  /// The bigrams read for a plain run pin every scalar (the first and last
  /// bigram, none more than 2 apart) and have the fewest docs of all such
  /// choices (every subset tried).
  @Test func cheapestCoverIsValidAndMinimal() {
    var rng = SeededRandom(seed: 12)
    for _ in 0..<300 {
      let n = Int.random(in: 4...11, using: &rng)
      let dfs = (0..<n).map { _ in Int.random(in: 1...[3, 1000][Int.random(in: 0...1, using: &rng)], using: &rng) }
      let chosen = SubstringMatcher.cheapestCover(dfs)
      func valid(_ c: [Int]) -> Bool { c.first == 0 && c.last == n - 1 && zip(c, c.dropFirst()).allSatisfy { $1 - $0 >= 1 && $1 - $0 <= 2 } }
      #expect(valid(chosen), "\(dfs) → \(chosen)")
      var least = Int.max
      for mask in 0..<(1 << n) {
        let c = (0..<n).filter { mask >> $0 & 1 == 1 }
        if valid(c) { least = min(least, c.reduce(0) { $0 + dfs[$1] }) }
      }
      #expect(chosen.reduce(0) { $0 + dfs[$1] } == least, "\(dfs) → \(chosen)")
    }
  }
}
