// `section:` through the section-run index (Schema.sectionRun): grams of a
// run's path on its first record, every record's distance back to it in a
// column. Checked against a brute-force scan of the stored paths, with runs
// of many lengths, runs cut at file boundaries, empty paths, and the filter
// alone, with other clauses and negated.
import SearchTestSupport
import Disclosure
import QueryEngine
import QueryLanguage
import Testing
import TextAnalysis

@Suite struct SectionRunTests {
  static let paths = [
    "一、收入支出决算总体情况说明", "一、收入支出决算总体情况说明 > （一）收入", "二、“三公”经费", "",
    "三、机关运行经费 > 1. 办公费", "Ｂ部分 二 经费", "二、“三公”经费 > （二）公务接待",
  ]

  func corpus(_ rng: inout SeededRandom) -> [ParsedDocument] {
    (0..<5).map { f in
      let info = DocumentInfo(
        path: "s\(f).txt", department: "部门\(f)", region: "新疆 乌鲁木齐市", year: 2023, kind: .budget)
      var records: [Record] = []
      // A file may start with the path the previous file ended with: the run
      // must still start anew at the file boundary.
      var path = Self.paths[f % Self.paths.count]
      while records.count < 70 {
        for _ in 0..<Int.random(in: 1...9, using: &rng) where records.count < 70 {
          records.append(Record(
            type: RecordType.allCases[Int.random(in: 0..<3, using: &rng)], subject: randomText(&rng, maxLength: 6),
            text: randomText(&rng, maxLength: 20), reason: "", section: path, line: records.count + 1,
            amount: Bool.random(using: &rng) ? Int64.random(in: -500...5_000, using: &rng) : nil))
        }
        path = Self.paths.randomElement(using: &rng)!
      }
      return ParsedDocument(info: info, records: records)
    }
  }

  @Test func sectionFilterEqualsBruteForce() throws {
    for seed in 40..<46 {
      var rng = SeededRandom(seed: UInt64(seed))
      let documents = corpus(&rng)
      let searcher = try TestIndex.build(documents)
      let oracle = Oracle(documents)
      var queries = ["三公", "（一）", "经费", ">", "一、收入", "二", "办公费 ", "B部分", "不存在"]
      for _ in 0..<20 {
        let scalars = Array(Self.paths.randomElement(using: &rng)!.unicodeScalars)
        guard scalars.count > 1 else { continue }
        let a = Int.random(in: 0..<(scalars.count - 1), using: &rng)
        let b = min(scalars.count, a + Int.random(in: 1...6, using: &rng))
        queries.append(String(String.UnicodeScalarView(scalars[a..<b])))
      }
      for q in queries where !(try MatchForm.fromRaw(q)).isEmpty {
        let quoted = "\"" + q + "\""
        let cases: [(String, (Record) -> Bool)] = [
          ("section:" + quoted, { Oracle.contains($0.section, q) }),
          ("section:\(quoted) amount>100", { Oracle.contains($0.section, q) && ($0.amount ?? .min) > 10_000 }),
          ("预 -section:\(quoted)", { Oracle.contains($0.text, "预") && !Oracle.contains($0.section, q) }),
        ]
        for (text, predicate) in cases {
          let got = docs(try searcher.search(try QueryParser.parse(text)))
          #expect(got == oracle.hits { r, _ in predicate(r) }, "seed \(seed): \(text)")
        }
      }
    }
  }
}
