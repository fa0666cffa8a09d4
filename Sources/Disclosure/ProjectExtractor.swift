// Projects (项目名称) and their amounts.
//
// 项目支出绩效自评表 (000/001/003 one cell per line, 002 one row per line): a row
// `项目名称 | <name>`, then a header row naming 年初预算数/全年预算数/全年执行数
// and the row `年度资金总额 | a | b | c | 分值 | …` whose first three numbers
// follow the header's order. 004's budget prose: `(一)项目名称:<name>` and a
// later `预算安排规模:59.68 万元`; its 项目支出绩效目标表 gives
// `年度预算总额: | 59.68`. The unit-level 整体支出绩效自评表 says 单位名称 or
// 部门名称, never 项目名称, so it is not a project.

struct ProjectDraft {
  var name: String
  var text: String
  var line: Int
  var initialBudget: Int64?
  var budget: Int64?
  var executed: Int64?
  /// Blocks whose text this project absorbed (its amounts row or paragraph).
  var consumed: [Int]
}

enum ProjectExtractor {
  /// How far after the name the amounts may be (rows or paragraphs).
  static let lookahead = 12

  static func label(_ cell: String) -> String {
    var s = cell.removingCJKSpaces()
    while s.hasSuffix(":") { s.removeLast() }
    return s
  }

  /// Drops a project code written before the name (`65230024T000000123456 档案…`,
  /// `[2024-001]视联网…`, `P2024001-培训…`): a run of ASCII letters, digits
  /// and `-`/`_` of length >= 6 with at least 4 digits, optionally in
  /// brackets, followed by a blank, `-`, `:` or a Han character. A year
  /// (`2024年…`) is never a code. The record's text keeps the code.
  static func stripCode(_ name: String) -> String {
    let t = ScalarText(name)
    var i = 0
    let bracketed = i < t.count && (t[i] == "[" || t[i] == "【" || t[i] == "(")
    if bracketed { i += 1 }
    let start = i
    var digits = 0
    while i < t.count, t[i].isASCII, t[i].properties.isAlphabetic || isDigit(t[i]) || t[i] == "-" || t[i] == "_" {
      if isDigit(t[i]) { digits += 1 }
      i += 1
    }
    guard i - start >= 6, digits >= 4 else { return name }
    if bracketed {
      guard i < t.count, t[i] == "]" || t[i] == "】" || t[i] == ")" else { return name }
      i += 1
    }
    guard i < t.count else { return name }
    if isBlank(t[i]) || t[i] == "-" || t[i] == ":" || t[i] == "_" {
      i = t.skipSpaces(i + (isBlank(t[i]) ? 0 : 1))
    } else if !isHan(t[i]) || bracketed == false && t[i] == "年" {
      return name
    }
    let rest = t.string(i..<t.count).trimmedBlank()
    return rest.isEmpty ? name : rest
  }

  static func value(_ cell: String) -> Int64? {
    let t = ScalarText(cell.trimmedBlank())
    guard let n = t.number(at: 0), n.end == t.count || t.has("万元", at: t.skipSpaces(n.end)) else { return nil }
    return n.value
  }

  static func fromTable(_ blocks: [Block], at i: Int) -> ProjectDraft? {
    guard case .row(let row) = blocks[i] else { return nil }
    // `label(cells[0]) == "项目名称"` needs the first cell to start with 项
    // (cells are trimmed, and 项 composes with nothing): most rows are
    // ruled out without building `nonEmpty` or a label.
    guard let firstCell = row.cells.first(where: { !$0.isEmpty }), firstCell.utf8.starts(with: "项".utf8) else {
      return nil
    }
    let cells = row.nonEmpty
    guard cells.count >= 2, label(cells[0]) == "项目名称" else { return nil }
    let name = stripCode(cells[1].removingCJKSpaces())
    guard !name.isEmpty else { return nil }
    var draft = ProjectDraft(name: name, text: row.text, line: row.line, consumed: [])
    var order = ["年初预算数", "全年预算数", "全年执行数"]
    for k in (i + 1)..<min(blocks.count, i + 1 + lookahead) {
      guard case .row(let r) = blocks[k] else { break }
      let labels = r.nonEmpty.map(label)
      if labels.first == "项目名称" { break }
      let named = labels.filter { ["年初预算数", "全年预算数", "全年执行数"].contains($0) }
      if named.count == 3 { order = named }
      if let at = labels.firstIndex(of: "年度资金总额") {
        let numbers = r.nonEmpty[(at + 1)...].prefix(3).map(value)
        for (key, v) in zip(order, numbers) {
          switch key {
          case "年初预算数": draft.initialBudget = v
          case "全年预算数": draft.budget = v
          default: draft.executed = v
          }
        }
        draft.text += " / " + r.text
        draft.consumed.append(k)
        break
      }
      if let at = labels.firstIndex(where: { $0.hasPrefix("年度预算总额") }) {
        // `年度预算总额:` then the figure in the next cell (or after the colon).
        let inline = r.nonEmpty[at].split(separator: ":").dropFirst().first.map(String.init)
        draft.budget = inline.flatMap(value) ?? r.nonEmpty.dropFirst(at + 1).first.flatMap(value)
        draft.text += " / " + r.text
        draft.consumed.append(k)
        break
      }
    }
    return draft
  }

  /// `项目名称:<name>` (after an optional `(一)`), amounts from `预算安排规模:`.
  static func fromProse(_ blocks: [Block], at i: Int, text: String, line: Int) -> ProjectDraft? {
    fromProse(blocks, at: i, paragraph: ScalarText(text), line: line, text: text)
  }

  /// Same on a paragraph's text (its String is only built for a project).
  static func fromProse(
    _ blocks: [Block], at i: Int, paragraph full: ScalarText, line: Int, text given: String? = nil
  ) -> ProjectDraft? {
    var t = full
    // Checked in place before slicing (a slice copies the paragraph).
    var at = 0
    if let m = HeadingRule.marker(t) { at = t.skipSpaces(m.end) }
    guard t.has("项目名称:", at: at) else { return nil }
    if at > 0 { t = t.slice(from: at) }  // a marker ends at 1 or later
    let text = given ?? full.string(0..<full.count)
    let name = stripCode(t.string(5..<t.count).trimmedBlank().removingCJKSpaces())
    guard !name.isEmpty else { return nil }
    var draft = ProjectDraft(name: name, text: text, line: line, consumed: [])
    for k in (i + 1)..<min(blocks.count, i + 1 + lookahead) {
      guard case .paragraph(let p) = blocks[k] else { break }
      if p.text.has("项目名称:", at: 0) { break }
      if p.text.has("预算安排规模:", at: 0) {
        draft.budget = p.text.quantity(at: 7, unit: "万元")?.value
        draft.text += " / " + p.text.string(0..<p.text.count)
        draft.consumed.append(k)
        break
      }
    }
    return draft
  }
}
