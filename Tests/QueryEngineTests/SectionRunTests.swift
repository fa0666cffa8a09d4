// `section:` through the section-run index (Schema.sectionRun): grams of a
// run's path on its first record, every record's distance back to it in a
// column. Checked against a brute-force scan of the stored paths, with runs
// of many lengths, runs cut at file boundaries, empty paths, and the filter
// alone, with other clauses and negated.
import SearchTestSupport
import Disclosure
import QueryEngine
import QueryLanguage
import Foundation
import IndexFormat
import Indexing
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

/// Segments written before the section-run column, merged with newer ones,
/// leave a segment where some records have a `section_run` value and others
/// none: those are judged on their stored paths.
@Suite struct SectionRunMixedTests {
  static func file(_ f: Int) -> String {
    let headings = ["一、收入支出决算总体情况说明", "二、“三公”经费支出情况", "（一）机关运行经费", "三、其他重要事项"]
    var text = "乌鲁木齐市某局\(2020 + f)年部门决算公开说明\n"
    for i in 0..<12 {
      if (i + f) % 3 == 0 { text += headings[(i / 3 + f) % headings.count] + "\n" }
      text += "一般公共服务支出决算数为\(100 + i).5万元，比上年决算增加\(i + 1).2万元，增长\(i + 2).1%，主要原因是：在职人员增加。\n"
    }
    return text
  }

  /// Rewrites segment `generation`'s columns without `section_run`, as a
  /// writer from before the column would have left them.
  static func dropSectionRun(_ dir: String, _ meta: SegmentMeta) throws {
    let reader = try SegmentReader(directory: dir, meta: meta)
    var writer = ColumnsWriter(docCount: meta.docCount)
    for c in Schema.columns where c.name != Schema.sectionRun {
      let column = try reader.columns.column(c.name)
      writer.add(name: c.name, values: (0..<meta.docCount).map { column?.value($0) })
    }
    let bytes = writer.finish(generation: meta.generation)
    try FileSystem.writeFile(dir + "/" + SegmentFiles.name(meta.generation, .columns), bytes)
  }

  /// (path, line) of every hit: comparable across indexes whose doc ids differ.
  static func hits(_ dir: String, _ query: String) throws -> [String] {
    let searcher = try Searcher(reader: IndexReader(directory: dir))
    return try searcher.search(try QueryParser.parse(query)).map { ref in
      let hit = try searcher.load(ref)
      return "\(hit.file["path"] ?? "?"):\(hit.numbers["line"]?.value ?? -1)"
    }.sorted()
  }

  @Test func mergedOldAndNewSegmentsAnswerLikeAFreshIndex() throws {
    let corpus = temporaryDirectory("corpus")
    for f in 0..<6 { try Self.file(f).write(toFile: corpus + "/f\(f).txt", atomically: false, encoding: .utf8) }
    let mixed = temporaryDirectory("mixed"), fresh = temporaryDirectory("fresh")
    // One segment per file (a tiny memory budget), no merge yet: 6 files < 8 per tier.
    _ = try IndexWriter.build(corpus: corpus, index: mixed, memoryBudget: 1)
    let segments = try Manifest.read(directory: mixed).segments
    #expect(segments.count > 2)
    for meta in segments.prefix(segments.count / 2) { try Self.dropSectionRun(mixed, meta) }
    _ = try IndexWriter.build(corpus: corpus, index: mixed, mergeAll: true)
    let merged = try Manifest.read(directory: mixed).segments
    #expect(merged.count == 1)
    let reader = try SegmentReader(directory: mixed, meta: merged[0])  // keeps the column's file mapped
    let column = try #require(reader.columns.column(Schema.sectionRun))
    #expect(!column.hasEveryValue && (0..<merged[0].docCount).contains { column.value($0) != nil })
    _ = try IndexWriter.build(corpus: corpus, index: fresh)
    for q in ["section:三公", "section:经费 amount>105", "section:（一）", "section:说明", "增加 -section:其他"] {
      let want = try Self.hits(fresh, q)
      #expect(!want.isEmpty, "\(q) should match something")
      #expect(try Self.hits(mixed, q) == want, "\(q)")
    }
  }
}
