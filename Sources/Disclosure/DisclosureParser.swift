// One disclosure file → metadata + records, in document order.
//
//   bytes ─decode+NFKC─► lines (SourceLines: classify, strip markup, drop TOC)
//         ─LineRepair─► blocks (headings, repaired paragraphs, table rows)
//         ─walk with SectionTracker─► statements, projects, passages
//
// Every block yields records: a paragraph its statements plus passages for
// whatever text no statement claimed; a table row a project or a passage; a
// heading a passage (or a project, 004 `(一)项目名称:…`). Nothing is dropped
// except the table of contents, empty table rows and bare page numbers.
import TextAnalysis

public enum DisclosureParser {
  /// Parses one file's bytes. Throws AnalysisError for undecodable/empty/binary input.
  public static func parse(path: String, bytes: [UInt8]) throws(AnalysisError) -> ParsedDocument {
    let decoded = try TextDecoder.decodeNormalized(bytes)
    return parse(path: path, text: decoded.text, charset: decoded.charset)
  }

  /// Same on already-decoded NFKC text (for tests and generated corpora).
  public static func parse(path: String, text: String, charset: String) -> ParsedDocument {
    let full = WholeText(text)
    let blocks = LineRepair.blocks(SourceLines.classify(text), fullText: full)
    var walk = Walk(blocks: blocks)
    walk.run()
    let info = Metadata.info(
      path: path, charset: charset, title: title(blocks), body: full, department: departmentCue(blocks))
    return ParsedDocument(info: info, records: walk.records)
  }

  /// The first paragraph, when it comes before any heading (a tab-indented
  /// title is a lone cell naming 决算 or 预算).
  static func title(_ blocks: [Block]) -> String {
    for b in blocks {
      switch b {
      case .paragraph(let p): return p.text.string(0..<p.text.count)
      case .heading: return ""
      case .row(let r):
        let cells = r.nonEmpty
        if cells.count == 1, cells[0].contains("决算") || cells[0].contains("预算") { return cells[0] }
      }
    }
    return ""
  }

  /// The department as the body names it: `编制部门:X` (004), or a
  /// `单位名称 | X` / `部门名称 | X` row (绩效自评表). Used when the title has none.
  static func departmentCue(_ blocks: [Block]) -> String? {
    for b in blocks {
      switch b {
      case .paragraph(let p) where p.text.has("编制部门:", at: 0):
        return p.text.string(5..<p.text.count)
      case .row(let r):
        // Those labels start with 单 or 部 (first cell trimmed): other rows are skipped undecoded.
        guard let first = r.cells.first(where: { !$0.isEmpty }),
          first.utf8.starts(with: "单".utf8) || first.utf8.starts(with: "部".utf8)
        else { continue }
        let cells = r.nonEmpty
        if cells.count >= 2, ["单位名称", "部门名称", "部门名称(盖章)"].contains(ProjectExtractor.label(cells[0])) {
          return cells[1]
        }
      default: continue
      }
    }
    return nil
  }
}

/// The whole document as ScalarText, made on first use: only line repair's
/// check of a character doubled across a page break and the body cues of a
/// title that names no kind look at it, and most documents need neither.
final class WholeText {
  private let text: String
  private var made: ScalarText?
  init(_ text: String) { self.text = text }

  var scalars: ScalarText {
    if let made { return made }
    let t = ScalarText(text)
    made = t
    return t
  }
}

/// The top-down walk over blocks that turns them into records.
private struct Walk {
  let blocks: [Block]
  var records: [Record] = []
  var sections = SectionTracker()
  var consumed = Set<Int>()
  /// Project name (matching form) → index in `records`, to merge repeated mentions.
  var projects: [String: Int] = [:]

  init(blocks: [Block]) {
    self.blocks = blocks
    // About one record per block (a paragraph may give several, a consumed block none):
    // reserved up front, the array of large records is not copied over and over as it grows.
    records.reserveCapacity(blocks.count + blocks.count / 4)
  }

  mutating func run() {
    for (i, block) in blocks.enumerated() where !consumed.contains(i) {
      switch block {
      case .heading(let h):
        sections.enter(level: h.level, text: h.text)
        if let p = ProjectExtractor.fromProse(blocks, at: i, text: h.text, line: h.line), add(p) { continue }
        passage(h.text, line: h.line)
      case .paragraph(let p):
        if let d = ProjectExtractor.fromProse(blocks, at: i, paragraph: p.text, line: p.firstLine), add(d) { continue }
        paragraph(p)
      case .row(let r):
        if let d = ProjectExtractor.fromTable(blocks, at: i), add(d) { continue }
        // Counted without building the array of non-empty cells.
        var contentCells = 0
        var lastContent = ""
        for c in r.cells where !c.isEmpty {
          contentCells += 1
          lastContent = c
        }
        if contentCells == 1 {
          // A lone cell may be a tab-indented paragraph: it can state things.
          paragraph(Paragraph(text: ScalarText(lastContent), starts: [(0, r.line)]))
        } else if contentCells > 0 {
          passage(r.text, line: r.line)
        }
      }
    }
  }

  /// Adds a project unless it repeats one already seen (the repeat then only
  /// fills amounts the first mention lacked, and stays a passage).
  mutating func add(_ d: ProjectDraft) -> Bool {
    let key = MatchForm.make(d.name)
    if let at = projects[key] {
      records[at].initialBudget = records[at].initialBudget ?? d.initialBudget
      records[at].budget = records[at].budget ?? d.budget
      records[at].executed = records[at].executed ?? d.executed
      return false
    }
    projects[key] = records.count
    consumed.formUnion(d.consumed)
    records.append(
      Record(
        type: .project, subject: d.name, text: d.text, section: sections.path, line: d.line,
        budget: d.budget, executed: d.executed, initialBudget: d.initialBudget))
    return true
  }

  mutating func paragraph(_ p: Paragraph) {
    let t = p.text
    var claimedUpTo = 0
    for s in StatementExtractor.extract(t) {
      leftover(p, claimedUpTo..<max(claimedUpTo, s.start))
      var r = Record(
        type: .statement, subject: s.subject, text: t.string(s.start..<s.end).trimmedBlank(),
        reason: s.reason, section: sections.path, line: p.line(at: s.start), amount: s.amount,
        prior: s.prior, change: s.change, rate: s.rate, basis: s.basis)
      r.comparedYear = s.comparedYear
      r.completion = s.completion
      Figures.fill(&r)
      records.append(r)
      claimedUpTo = max(claimedUpTo, s.end)
    }
    leftover(p, claimedUpTo..<t.count)
  }

  /// Built once: a literal written in the loop below is decoded per position.
  static let qizhong: Lit = "其中"

  /// Text between statements becomes a passage if it says anything
  /// (`,其中:` left between a total and its parts does not).
  mutating func leftover(_ p: Paragraph, _ range: Range<Int>) {
    guard !range.isEmpty else { return }
    let t = p.text
    var content = 0
    var i = range.lowerBound
    while i < range.upperBound {
      if t[i] == "其" && t.has(Self.qizhong, at: i) {
        i += 2
        continue
      }
      if !isPunct(t[i]) { content += 1 }
      i += 1
    }
    guard content > 0 else { return }
    let start = t.skipSpaces(range.lowerBound)
    passage(t.string(start..<range.upperBound).trimmedBlank(), line: p.line(at: start))
  }

  mutating func passage(_ text: String, line: Int) {
    // A bare page number (000 ends with `1`) is layout, not content.
    // (All ASCII digits first: then the length in bytes is the length in Characters.)
    if text.unicodeScalars.allSatisfy({ isDigit($0) }), text.utf8.count <= 4 { return }
    var r = Record(type: .passage, text: text, section: sections.path, line: line)
    Figures.fill(&r)
    records.append(r)
  }
}
