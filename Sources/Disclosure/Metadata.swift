// Document metadata from the title: department, year, kind; region from the
// national gazetteer (Regions.swift, parsed on first use). The title is the first paragraph (line repair has already joined
// titles spread over two or three lines: 001 `…部门决算` / `公开说明`, 002
// `… 2024 年度部门` / `决算` / `公开说明`). Years in the body are traps
// (`截至 2023 年底`, `2023年与2024年均未安排…`), so the body is used only for
// the kind cue and the department fallback; the path is the last resort.

enum Metadata {
  static func info(path: String, charset: String, title: String, body: WholeText, department fallback: String?)
    -> DocumentInfo
  {
    let whole = ScalarText(String(title.unicodeScalars.prefix(120)))
    // The year and name precede the kind word (`…2024年度部门决算`); what
    // follows may be body text that line repair joined to a short title.
    let t = titleScope(whole)
    var info = DocumentInfo(path: path, charset: charset)
    var rest = t.count
    let nameEnd = [t.find("部门", from: 0), t.find("决算", from: 0), t.find("预算", from: 0)].compactMap { $0 }.min()
    if let y = firstYear(t) {
      info.year = y.year
      info.department = cleanDepartment(t.string(0..<y.start))
      rest = y.end
      if info.department.isEmpty {
        // `2024年度XX局部门决算公开说明`: the name follows the year.
        let k = [t.find("部门", from: y.end), t.find("决算", from: y.end), t.find("预算", from: y.end)]
          .compactMap { $0 }.min() ?? y.end
        info.department = cleanDepartment(t.string(y.end..<k))
      }
    } else if let k = nameEnd {
      info.year = yearAfterKind(whole, scopeEnd: t.count)
      info.department = cleanDepartment(t.string(0..<k))
      rest = k
    }
    let tail = t.slice(from: min(rest, t.count))
    info.kind = kind(in: tail) ?? kind(in: whole) ?? bodyKind(body.scalars) ?? kind(in: ScalarText(path))
    if info.year == nil, let y = firstYear(ScalarText(path)) { info.year = y.year }
    if info.department.isEmpty, let f = fallback { info.department = cleanDepartment(f) }
    info.region = region(in: t.string(0..<t.count).removingCJKSpaces()) ?? region(in: info.department) ?? ""
    return info
  }

  /// The title up to and including its first 决算/预算 (all of it if neither occurs).
  static func titleScope(_ t: ScalarText) -> ScalarText {
    let k = [t.find("决算", from: 0), t.find("预算", from: 0)].compactMap { $0 }.min()
    guard let k else { return t }
    return t.slice(0..<(k + 2))
  }

  /// `XX局部门决算(2024年度)`: a year right after the kind word.
  static func yearAfterKind(_ t: ScalarText, scopeEnd: Int) -> Int? {
    var j = t.skipSpaces(scopeEnd)
    if j < t.count, t[j] == "(" { j = t.skipSpaces(j + 1) }
    guard j < t.count, t[j] == "2", let y = firstYear(t.slice(from: j)), y.start == 0 else {
      return nil
    }
    return y.year
  }

  /// First `20\d\d\s*年(度)?` (or a bare 20xx in a path).
  static func firstYear(_ t: ScalarText) -> (year: Int, start: Int, end: Int)? {
    var i = 0
    while i + 4 <= t.count {
      if t[i] == "2", t[i + 1] == "0", isDigit(t[i + 2]), isDigit(t[i + 3]),
        i == 0 || !isDigit(t[i - 1]), i + 4 == t.count || !isDigit(t[i + 4])
      {
        let year = Int(t.string(i..<(i + 4)))!
        var j = t.skipSpaces(i + 4)
        if t.has("年", at: j) {
          j += 1
          if t.has("度", at: j) { j += 1 }
          return (year, i, j)
        }
        if !t.s.contains("年") { return (year, i, i + 4) }  // a path: `…/2024/…`
      }
      i += 1
    }
    return nil
  }

  static func kind(in t: ScalarText) -> DocumentKind? {
    let a = t.find("决算", from: 0), b = t.find("预算", from: 0)
    switch (a, b) {
    case (let x?, let y?): return x < y ? .finalAccount : .budget
    case (.some, nil): return .finalAccount
    case (nil, .some): return .budget
    default: return nil
    }
  }

  /// Body cues: 决算 documents say `支出决算数为` / `比上年决算`, budgets `比上年预算`.
  static func bodyKind(_ body: ScalarText) -> DocumentKind? {
    var fin = 0, bud = 0
    for cue: Lit in ["支出决算数为", "比上年决算", "决算数"] { if body.find(cue, from: 0) != nil { fin += 1 } }
    for cue: Lit in ["比上年预算", "年预算数为"] { if body.find(cue, from: 0) != nil { bud += 1 } }
    if fin == bud { return nil }
    return fin > bud ? .finalAccount : .budget
  }

  /// The department as the title names it, less a location prefix that is
  /// not part of its name (Regions.strippingLocationPrefix: `四川省` before
  /// `凉山彝族自治州档案馆`, 004's `新疆巴州` before `中共和静县委员会办公室`;
  /// `巴音郭楞蒙古自治州库尔勒市财政局` and `四川省财政厅` are kept whole).
  static func cleanDepartment(_ raw: String) -> String {
    Regions.strippingLocationPrefix(raw.trimmedBlank().removingCJKSpaces())
  }

  /// The most specific region the text names (Regions: all of China).
  static func region(in text: String) -> String? { Regions.region(in: text) }
}
