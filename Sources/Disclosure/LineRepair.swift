// Classified lines → blocks: headings, paragraphs, table rows. This is where
// page-break and blank-line splits are repaired (002 and 004 put a blank line
// between all lines and cut sentences mid-word at page ends).
//
// A prose line is joined with the next prose line when it does not end a
// sentence (`。;!?`, or `:` other than a reason marker's `主要原因是:`), the next
// line does not open a block (heading marker, label like `预算安排规模:`), and
// the line is not a short numbered item. Table cells are never joined.

/// A paragraph after line repair, with the source line of each joined piece.
struct Paragraph {
  var text: ScalarText
  /// (scalar offset in `text`, 1-based source line) where each piece starts.
  var starts: [(offset: Int, line: Int)]

  var firstLine: Int { starts.first?.line ?? 0 }

  /// The source line holding scalar `offset` (binary search: a repaired
  /// paragraph may join many lines).
  func line(at offset: Int) -> Int {
    var lo = 0, hi = starts.count - 1
    guard hi >= 0 else { return 0 }
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if starts[mid].offset <= offset { lo = mid } else { hi = mid - 1 }
    }
    return starts[lo].line
  }
}

struct Heading {
  var level: Int
  var text: String
  var line: Int
}

struct TableRow {
  /// Cells as written (trimmed), empty cells included so columns line up.
  var cells: [String]
  var line: Int
  var nonEmpty: [String] { cells.filter { !$0.isEmpty } }
  /// The non-empty cells joined by ` | `, copied as bytes into one String of
  /// the exact size (String appends cost hundreds of instructions each).
  var text: String {
    var bytes = 0
    var pieces = 0
    for c in cells where !c.isEmpty {
      bytes += c.utf8.count
      pieces += 1
    }
    guard pieces > 0 else { return "" }
    return String(unsafeUninitializedCapacity: bytes + 3 * (pieces - 1)) { out in
      var n = 0
      for var c in cells where !c.isEmpty {
        if n > 0 {
          out[n] = 0x20  // ` | `
          out[n + 1] = 0x7C
          out[n + 2] = 0x20
          n += 3
        }
        c.withUTF8 { cell in
          UnsafeMutableRawPointer(out.baseAddress! + n).copyMemory(from: cell.baseAddress!, byteCount: cell.count)
          n += cell.count
        }
      }
      return n
    }
  }
}

enum Block {
  case heading(Heading)
  case paragraph(Paragraph)
  case row(TableRow)
}

enum LineRepair {
  static let reasonColonEndings: [Lit] = ["主要原因是:", "主要原因为:", "原因是:", "原因为:", "主要是:", "主要原因:", "原因:", "主要情况:", "原因如下:"]
  static let labelExclusions: [Lit] = ["原因", "其中", "包括", "主要是"]

  static func blocks(_ lines: [SourceLine], fullText: WholeText) -> [Block] {
    var out: [Block] = []
    var i = 0
    // Numbered items right after `…包括:` or after another item are a list, not headings.
    var listContext = false
    while i < lines.count {
      switch lines[i].kind {
      case .blank:
        i += 1
      case .cell:
        var cells: [String] = []
        var first = lines[i].number
        var sawContent = false
        while i < lines.count, case .cell(let c) = lines[i].kind {
          // Merged cells leave leading empty-cell lines: the row starts at its first content.
          if !sawContent && !c.isEmpty {
            first = lines[i].number
            sawContent = true
          }
          cells.append(c)
          i += 1
        }
        out.append(.row(TableRow(cells: cells, line: first)))
        listContext = false
      case .row(let cells):
        out.append(.row(TableRow(cells: cells, line: lines[i].number)))
        i += 1
        listContext = false
      case .prose(let st):
        if let m = HeadingRule.marker(st), HeadingRule.looksLikeTitle(st, level: m.level, markerEnd: m.end),
          m.level < 4 || !listContext
        {
          var heading = st
          let headingLine = lines[i].number
          i += 1
          if !HeadingRule.looksComplete(st), let next = nextProse(lines, after: i - 1),
            isHeadingTail(next.text)
          {
            heading.append(next.text)
            i = next.index + 1
          }
          let display = HeadingRule.display(heading, markerEnd: m.end)
          out.append(.heading(Heading(level: m.level, text: display, line: headingLine)))
          listContext = false
          continue
        }
        let (paragraph, next) = joinParagraph(lines, from: i, fullText: fullText)
        out.append(.paragraph(paragraph))
        let isItem = HeadingRule.marker(st).map { $0.level == 4 } ?? false
        listContext = isItem || paragraph.text.has(":", endingAt: paragraph.text.count)
        i = next
      }
    }
    return out
  }

  /// The next non-blank line after `index` if it is prose.
  static func nextProse(_ lines: [SourceLine], after index: Int) -> (index: Int, text: ScalarText, crossedBlank: Bool)? {
    var j = index + 1
    while j < lines.count, case .blank = lines[j].kind { j += 1 }
    guard j < lines.count, case .prose(let t) = lines[j].kind else { return nil }
    return (j, t, j > index + 1)
  }

  /// A short fragment with no punctuation that can finish a cut heading.
  static func isHeadingTail(_ t: ScalarText) -> Bool {
    guard t.count <= 12, HeadingRule.marker(t) == nil else { return false }
    for i in 0..<t.count where isPunct(t[i]) && t[i] != " " { return false }
    return true
  }

  /// Whether a line opens a new block whatever precedes it.
  static func opensBlock(_ t: ScalarText, previous: ScalarText) -> Bool {
    if HeadingRule.marker(t) != nil { return true }
    // Only a line starting with 目 (or a compatibility ideograph, which String
    // equality takes as equivalent) can read 目录: others are not turned into a String.
    if let lead = t.raw.first, lead == "目" || lead.value >= 0xF900,
      t.string(0..<t.count).removingCJKSpaces() == "目录"
    {
      return true
    }
    // `预算安排规模:59.68 万元`, `编制部门:…`: a label starts a paragraph,
    // unless the previous line was cut right after a comma.
    if let last = previous.s.last, last == "," || last == "、" { return false }
    var j = 0
    while j < t.count, j < 11, isHan(t[j]) || t[j] == "(" || t[j] == ")" { j += 1 }
    guard j >= 2, j < t.count, t[j] == ":" else { return false }
    let label = t.slice(0..<j)
    return !labelExclusions.contains { label.find($0, from: 0) != nil }
  }

  /// Whether a paragraph ends where a sentence may end.
  static func endsSentence(_ p: ScalarText) -> Bool {
    guard let last = p.s.last else { return true }
    if isSentenceEnd(last) || last == ";" { return true }
    if last == ":" { return !reasonColonEndings.contains { p.has($0, endingAt: p.count) } }
    return false
  }

  static func joinParagraph(
    _ lines: [SourceLine], from start: Int, fullText: WholeText
  ) -> (Paragraph, Int) {
    guard case .prose(var text) = lines[start].kind else { fatalError("joinParagraph on a non-prose line") }
    var starts = [(offset: 0, line: lines[start].number)]
    var cur = start
    // A short numbered item without punctuation (`2. 和静县群众工作服务中心`) stands alone.
    if let m = HeadingRule.marker(text), text.count <= 30, !text.s[m.end...].contains(where: { isPunct($0) && $0 != " " }) {
      return (Paragraph(text: text, starts: starts), start + 1)
    }
    while !endsSentence(text), let next = nextProse(lines, after: cur) {
      let n = next.text
      if opensBlock(n, previous: text) { break }
      var skip = 0
      // A character doubled across a page break (002 `…、组` / `组织部…`) is
      // dropped when the doubled pair occurs nowhere else in the document.
      if next.crossedBlank, let a = text.s.last, let b = n.s.first, a == b, isHan(a),
        !fullText.scalars.containsPair(a, b)
      {
        skip = 1
      }
      starts.append((text.count, lines[next.index].number))
      text.append(n, from: skip)
      cur = next.index
    }
    return (Paragraph(text: text, starts: starts), cur + 1)
  }
}
