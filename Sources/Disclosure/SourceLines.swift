// Raw lines → classified lines: blank, prose, one table cell (DOCX-like
// layout: `\t<cell>` per line, a blank line ends the row) or a whole table
// row (PDF-like layout: cells separated by tabs on one line). Markup left by
// converters is stripped here, and the table of contents is dropped.

enum LineKind: Equatable {
  case blank
  case prose(String)
  case cell(String)
  case row([String])
}

struct SourceLine: Equatable {
  /// 1-based line number in the file.
  var number: Int
  var kind: LineKind
}

enum SourceLines {
  static func classify(_ text: String) -> [SourceLine] {
    var out: [SourceLine] = []
    var number = 0
    // Split on scalars, not Characters: `\r\n` is one Character and would not
    // split on "\n".
    for raw in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
      number += 1
      var view = String.UnicodeScalarView()
      view.append(contentsOf: raw)
      out.append(SourceLine(number: number, kind: kind(of: Substring(String(view)))))
    }
    return dropTableOfContents(out)
  }

  static func kind(of raw: Substring) -> LineKind {
    var line = raw
    while let last = line.unicodeScalars.last, last == "\r" { line = Substring(line.unicodeScalars.dropLast()) }
    if line.contains("\t") {
      var rest = line
      let leadingTab = rest.first == "\t"
      if leadingTab { rest = rest.dropFirst() }
      // A stray tab may close a cell (`达到预期指标\t`): ignore trailing tabs and blanks.
      while let last = rest.unicodeScalars.last, last == "\t" || isBlank(last) { rest = rest.dropLast() }
      if leadingTab && !rest.contains("\t") {
        return .cell(stripMarkup(String(rest)).trimmedBlank())
      }
      return .row(line.split(separator: "\t", omittingEmptySubsequences: false).map {
        stripMarkup(String($0)).trimmedBlank()
      })
    }
    if let cells = pipeCells(line) { return cells.isEmpty ? .blank : .row(cells) }
    var t = stripMarkup(String(line)).trimmedBlank()
    // Markdown bullets (002: `- 一、《收入支出决算总表》`).
    for bullet in ["- ", "• ", "· "] where t.hasPrefix(bullet) {
      t = String(t.dropFirst(bullet.count)).trimmedBlank()
    }
    return t.isEmpty ? .blank : .prose(t)
  }

  /// A pipe-table line (`| 项目名称 | 培训经费 |`, `项目名称 | 培训经费 |`):
  /// its cells, `[]` for a rule line (`|---|:---:|`), nil when the line is
  /// not a table line (fewer than two pipes).
  static func pipeCells(_ line: Substring) -> [String]? {
    guard line.unicodeScalars.filter({ $0 == "|" }).count >= 2 else { return nil }
    var cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
      stripMarkup(String($0)).trimmedBlank()
    }
    if cells.first == "" { cells.removeFirst() }
    if cells.last == "" { cells.removeLast() }
    let rule = cells.allSatisfy { c in !c.isEmpty && c.unicodeScalars.allSatisfy { $0 == "-" || $0 == ":" || $0 == " " } }
    return rule ? [] : cells
  }

  /// Removes `<p>`, `</p>`, `<br>`, `**` and `[bookmark: …]` (000 glues one
  /// to a paragraph). Everything else is kept as written.
  static func stripMarkup(_ s: String) -> String {
    let t = ScalarText(s)
    guard s.contains("<") || s.contains("*") || s.contains("[bookmark") else { return s }
    let tags: [Lit] = ["<p>", "</p>", "<br>", "<br/>", "<br />", "**"]
    var out = String.UnicodeScalarView()
    var i = 0
    while i < t.count {
      if let m = t.matchAny(tags, at: i) {
        i = m.end
        continue
      }
      if t.has("[bookmark:", at: i), let close = t.find("]", from: i) {
        i = close + 1
        continue
      }
      out.append(t[i])
      i += 1
    }
    return String(out)
  }

  /// Drops the table of contents (002, 004): from a `目录` line to the second
  /// occurrence of the first `第X部分` heading after it. Without that second
  /// occurrence nothing is dropped (better a doubled heading than lost text).
  static func dropTableOfContents(_ lines: [SourceLine]) -> [SourceLine] {
    func prose(_ i: Int) -> String? {
      if case .prose(let t) = lines[i].kind { return t.removingCJKSpaces() }
      return nil
    }
    guard let toc = lines.indices.prefix(200).first(where: { prose($0) == "目录" || prose($0) == "目 录" }) else {
      return lines
    }
    var firstPart: String?
    for i in (toc + 1)..<lines.count {
      guard let t = prose(i) else { continue }
      if let m = HeadingRule.marker(ScalarText(t)), m.level == 1 {
        if let first = firstPart {
          if t == first { return Array(lines[..<toc]) + Array(lines[i...]) }
        } else {
          firstPart = t
        }
      }
    }
    return lines
  }
}
