// Headings and the section path. The templates number their sections
// `第X部分` > `一、` > `(一)` (full-width parens are ASCII after NFKC) > `1.`;
// the same markers also open ordinary paragraphs (`(一)负责…。`, glossary
// entries `一、财政拨款收入:指…。`), so a marker line is a heading only when it
// reads like a title: short, no sentence punctuation.

/// Heading markers at the start of a line.
enum HeadingRule {
  /// Chinese numerals of section numbers (a switch: a Set would hash every scalar asked about).
  @inline(__always) static func isNumeral(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "〇", "零": return true
    default: return false
    }
  }

  /// The numbering marker at the start of `t`: its level (1 `第X部分`,
  /// 2 `一、`, 3 `(一)`, 4 `1.`/`1、`) and where the marker ends.
  static func marker(_ t: ScalarText) -> (level: Int, end: Int)? {
    let n = t.count
    guard n > 0 else { return nil }
    if t[0] == "第" {
      var j = 1
      while j < n, isNumeral(t[j]) { j += 1 }
      if j > 1, t.has("部分", at: j) { return (1, j + 2) }
      return nil
    }
    if isNumeral(t[0]) {
      var j = 0
      while j < n, j < 3, isNumeral(t[j]) { j += 1 }
      // `一、`, also `一.` (not `一.5`)
      if j < n, t[j] == "、" || (t[j] == "." && (j + 1 == n || !isDigit(t[j + 1]))) { return (2, j + 1) }
      return nil
    }
    if t[0] == "(" {
      var j = 1
      while j < n, j < 4, isNumeral(t[j]) { j += 1 }
      if j > 1, j < n, t[j] == ")" { return (3, j + 1) }
      return nil
    }
    if isDigit(t[0]) {
      var j = 0
      while j < n, j < 2, isDigit(t[j]) { j += 1 }
      // `1.` but not `1.5万元`; `1、`
      if j < n, t[j] == "、" { return (4, j + 1) }
      if j < n, t[j] == ".", j + 1 == n || !isDigit(t[j + 1]) { return (4, j + 1) }
    }
    return nil
  }

  /// Whether a marker line reads like a title rather than a paragraph.
  /// `(一)项目名称:…` (004's project headings) keeps its short label colon.
  static func looksLikeTitle(_ t: ScalarText, level: Int, markerEnd: Int) -> Bool {
    let limit = level == 4 ? 30 : 64
    guard t.count <= limit, t.count > markerEnd else { return false }
    var colons = 0
    for i in markerEnd..<t.count {
      switch t[i] {
      case "。", ";", ",", "!", "?", "\t": return false
      case ":":
        // `第一部分:单位概况` (colon right after the marker), `(一)项目名称:…`
        colons += 1
        if t.skipSpaces(markerEnd) == i { continue }
        if level != 3 || i - markerEnd > 6 || i == t.count - 1 { return false }
      default: break
      }
    }
    return colons <= 1
  }

  /// The heading's display form: marker followed directly by its title
  /// (`(二) 一般…` → `(二)一般…`).
  static func display(_ t: ScalarText, markerEnd: Int) -> String {
    let rest = t.skipSpaces(markerEnd)
    if rest == markerEnd || t.has("部分", endingAt: markerEnd) {
      return t.string(0..<t.count)
    }
    return t.string(0..<markerEnd) + t.string(rest..<t.count)
  }

  /// Headings that end like a complete title; a heading that does not may have
  /// been cut by a page break (004 `三、关于…2024 年支出预` / `算情况说明`).
  static let titleEndings: [Lit] = ["说明", "情况", "概况", "职能", "事项", "解释", "》", ")", "表", "部分", "附表)"]

  static func looksComplete(_ t: ScalarText) -> Bool {
    titleEndings.contains { t.has($0, endingAt: t.count) }
  }
}

/// The current heading path while walking a document top-down.
struct SectionTracker {
  private var stack: [(level: Int, text: String)] = []
  /// The joined path, rebuilt when a heading is entered: every record asks
  /// for it, headings are rare.
  private(set) var path = ""

  /// Enters a heading: closes every open heading at the same or a deeper level.
  mutating func enter(level: Int, text: String) {
    while let last = stack.last, last.level >= level { stack.removeLast() }
    stack.append((level, text))
    path = stack.map(\.text).joined(separator: " > ")
  }
}
