// An index-equality oracle that needs no query engine: every live document
// rendered as one line (source path, stored fields, column values, and every
// term with its positions), sorted. Two indexes of the same corpus must have
// equal content however they were built (incrementally, merged, in many
// segments, or fresh); doc ids and segment boundaries do not show.
import SearchTestSupport
import Foundation
import IndexFormat
import Indexing
import Testing

func liveContent(_ dir: String) throws -> [String] {
  let reader = try IndexReader(directory: dir)
  var lines: [String] = []
  for s in reader.segments {
    var terms = [[String]](repeating: [], count: s.meta.docCount)
    var positions: [UInt32] = []
    try s.dictionary.forEachTerm { (t, info) throws(IndexFormatError) in
      var cursor = try s.postings.cursor(info)
      let term = Array(t).map { String($0, radix: 16) }.joined(separator: ".")
      while try cursor.advance() != .terminated {
        try cursor.positions(into: &positions)
        // Terms without positions (word and keyword views) show their frequency.
        let detail = info.hasPositions ? positions.map(String.init).joined(separator: ",") : "×\(cursor.freq)"
        terms[Int(cursor.doc.rawValue)].append(term + "@" + detail)
      }
    }
    let segmentColumns = try s.columns
    let fileColumn = try #require(segmentColumns.column("file"))
    for d in 0..<s.meta.docCount where !s.isDeleted(UInt32(d)) {
      let file = try s.stored.files.entry(Int(fileColumn.raw(d))).map { "\($0.field)=\($0.value)" }
      let fields = try s.stored.records.entry(d).map { "\($0.field)=\($0.value)" }
      let columns = reader.manifest.columns.filter { $0.name != "file" }
        .map { "\($0.name)=\(segmentColumns.column($0.name)?.value(d).map(String.init) ?? "-")" }
      lines.append((file + fields + columns + terms[d]).joined(separator: "|"))
    }
  }
  return lines.sorted()
}

/// Realistic disclosure sentences, so the real parser yields records.
func disclosureFile(_ rng: inout SeededRandom, lines: Int) -> String {
  let subjects = ["一般公共服务支出", "教育支出", "社会保障和就业支出", "“三公”经费", "公务用车运行维护费"]
  let reasons = ["本年新增在职人员，人员经费增加", "在职人员减少", "工资基数调增", "公务用车划转", "项目支出减少"]
  // Headings now and then, so records come in section runs of several lengths.
  let headings = ["一、收入支出决算总体情况说明", "二、财政拨款支出决算情况说明", "（一）“三公”经费", "三、其他重要事项"]
  var text = "中共乌鲁木齐市委员会组织部2023年部门决算公开说明\n"
  for _ in 0..<lines {
    if Int.random(in: 0..<3, using: &rng) == 0 { text += headings.randomElement(using: &rng)! + "\n" }
    let amount = Double(Int.random(in: 100...99_999, using: &rng)) / 100
    let change = Double(Int.random(in: 1...9_999, using: &rng)) / 100
    let up = Bool.random(using: &rng)
    text += "\(subjects.randomElement(using: &rng)!)决算数为\(amount)万元，比上年决算\(up ? "增加" : "减少")\(change)万元，"
      + "\(up ? "增长" : "下降")\(Int.random(in: 1...60, using: &rng)).\(Int.random(in: 10...99, using: &rng))%，"
      + "主要原因是：\(reasons.randomElement(using: &rng)!)。\n"
  }
  return text
}

/// A corpus folder on disk that tests change step by step.
struct TestCorpus {
  let root = temporaryDirectory("corpus")
  var clock: TimeInterval = 1_700_000_000

  /// Writes `name` and gives it a fresh mtime (never equal to an earlier one).
  mutating func write(_ name: String, _ text: String) throws {
    let path = root + "/" + name
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    try touch(name)
  }

  mutating func touch(_ name: String) throws {
    clock += 1
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: clock)], ofItemAtPath: root + "/" + name)
  }

  func remove(_ name: String) throws { try FileManager.default.removeItem(atPath: root + "/" + name) }

  func names() throws -> [String] {
    try FileManager.default.subpathsOfDirectory(atPath: root).filter { $0.hasSuffix(".txt") }.sorted()
  }
}
