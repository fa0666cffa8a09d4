// What a statement is about. Items are named by the budget classification
// (`一般公共服务支出(类)组织事务(款)行政运行(项)`, numbering stripped); the fixed
// template figures are canonicalised (CORPUS-GUIDE §5) so that one query finds
// 000–003's `…(行政单位和参照公务员法管理事业单位)机关运行经费支出` and 004's
// `…的机关运行经费财政拨款预算` alike.

enum SubjectNames {
  /// (as written, canonical), most specific first: the first label the head
  /// contains names the subject.
  static let labels: [(Lit, String)] = [
    ("财政拨款收入支出总体", "财政拨款收入支出总体"),
    ("收入支出总体", "收入支出总体"),
    ("一般公共预算财政拨款支出", "一般公共预算财政拨款支出"),
    ("机关运行经费", "机关运行经费"),
    ("“三公”经费", "“三公”经费"), ("\"三公\"经费", "“三公”经费"), ("‘三公’经费", "“三公”经费"), ("三公经费", "“三公”经费"),
    ("公务用车购置及运行维护费", "公务用车购置及运行维护费"),
    ("公务用车购置及运行费", "公务用车购置及运行维护费"),
    ("公务用车运行维护费", "公务用车运行维护费"),
    ("公务用车运行费", "公务用车运行维护费"),
    ("公务用车购置费", "公务用车购置费"),
    ("因公出国(境)费", "因公出国(境)费"),
    ("公务接待费", "公务接待费"),
    ("基本支出", "基本支出"), ("项目支出", "项目支出"),
    ("人员经费", "人员经费"), ("公用经费", "公用经费"),
    ("一般公共预算", "一般公共预算"),
  ]

  static let leadIns: [Lit] = ["其中:", "其中,", "其中", "另外,", "此外,"]

  /// The subject named in `range` of `t` (the text before a core or before
  /// the amount), or nil when the range names nothing (`与上年相比,`).
  static func subject(_ t: ScalarText, _ range: Range<Int>) -> String? {
    var h = t.removingCJKSpaces(range)
    h = stripLeadIns(h)
    guard h.s.contains(where: { !isPunct($0) }) else { return nil }

    // Budget classification items: up to the last (项), else (款), else (类).
    for level: Lit in ["(项)", "(款)", "(类)"] {
      if let p = h.findLast(level, from: 0, to: h.count) {
        return trimPunct(h, 0..<(p + level.count))
      }
    }
    for (lit, canonical) in labels where h.find(lit, from: 0) != nil { return canonical }

    // Anything else: the words before the amount (`会议费支出决算数为5万元` → `会议费支出`).
    var cut = h.count
    for i in 0..<h.count where isDigit(h[i]) || h[i] == "为" || h[i] == "," || h[i] == ":" {
      cut = i
      break
    }
    var name = h.slice(0..<cut)
    for suffix: Lit in ["决算数", "预算数", "金额"] where name.has(suffix, endingAt: name.count) {
      name = name.slice(0..<(name.count - suffix.count))
      break
    }
    let s = trimPunct(name, 0..<name.count)
    return s.isEmpty ? nil : s
  }

  /// Drops what precedes a name: punctuation, `其中:`, comparators, the
  /// report year (`2024年度`) and numbering (`1.`, `(一)`).
  static func stripLeadIns(_ text: ScalarText) -> ScalarText {
    var h = text
    var changed = true
    while changed && h.count > 0 {
      changed = false
      var i = 0
      while i < h.count, isPunct(h[i]) && h[i] != "(" && h[i] != "“" { i += 1 }
      if let m = h.matchAny(leadIns, at: i) {
        i = m.end
      } else if let c = Cores.comparator(h, at: i) {
        i = c.end
      } else if let y = yearPrefix(h, at: i) {
        i = y
      } else if let m = HeadingRule.marker(h.slice(from: i)), i + m.end < h.count {
        i += m.end
      }
      if i > 0 {
        h = h.slice(from: i)
        changed = true
      }
    }
    return h
  }

  /// End of `2024年` / `2024年度` at i.
  static func yearPrefix(_ h: ScalarText, at i: Int) -> Int? {
    guard i + 5 <= h.count, h[i] == "2", isDigit(h[i + 1]), isDigit(h[i + 2]), isDigit(h[i + 3]),
      h[i + 4] == "年"
    else { return nil }
    return h.has("度", at: i + 5) ? i + 6 : i + 5
  }

  static func trimPunct(_ s: String) -> String {
    let t = ScalarText(s)
    return trimPunct(t, 0..<t.count)
  }

  /// `trimPunct(t.string(range))` on the scalars (punctuation is never folded),
  /// building only the trimmed String.
  static func trimPunct(_ t: ScalarText, _ range: Range<Int>) -> String {
    var a = range.lowerBound, b = range.upperBound
    while a < b, isPunct(t[a]) && t[a] != "(" && t[a] != "“" { a += 1 }
    while b > a, isPunct(t[b - 1]) && t[b - 1] != ")" && t[b - 1] != "”" { b -= 1 }
    return t.string(a..<b)
  }
}
