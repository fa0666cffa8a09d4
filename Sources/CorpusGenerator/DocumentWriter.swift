// Renders a document line by line into UTF-8 bytes in the layout its style
// imitates, counting lines and resolving paragraph marks into ground truth.
//
// DOCX-like: one line per paragraph; tables one cell per line (`\t<cell>`),
// a blank line ending each row. PDF-like: a blank line after every prose
// line, table rows on one line with tab-separated cells, spaces between Han
// characters and numbers, and long paragraphs cut by page breaks
// (DocumentWriter+PageBreaks.swift).

struct DocumentWriter {
  var style: TextStyle
  var rng: SeededRandom
  private(set) var bytes: [UInt8] = []
  /// The 1-based line the next character goes to.
  private(set) var line = 1
  private(set) var statements: [TruthStatement] = []
  var projects: [TruthProject] = []
  /// Page-break width (characters per printed line) of this document.
  let pageLine: Int

  init(style: TextStyle, rng: SeededRandom) {
    self.style = style
    self.rng = rng
    pageLine = 36 + self.rng.below(9)
    bytes.reserveCapacity(96 * 1024)
  }

  // MARK: Lines

  mutating func blank(_ n: Int = 1) {
    for _ in 0..<n { newline() }
  }

  private mutating func newline() {
    bytes.append(0x0A)
    line += 1
  }

  private mutating func emit(_ scalars: some Sequence<Unicode.Scalar>) {
    for c in scalars { put(c) }
  }

  /// One scalar as UTF-8 (hand-encoded: this is the generator's innermost loop).
  @inline(__always) private mutating func put(_ c: Unicode.Scalar) {
    let v = c.value
    if v < 0x80 {
      if v == 0x0A { line += 1 }
      bytes.append(UInt8(v))
    } else if v < 0x800 {
      bytes.append(UInt8(0xC0 | (v >> 6)))
      bytes.append(UInt8(0x80 | (v & 0x3F)))
    } else if v < 0x10000 {
      bytes.append(UInt8(0xE0 | (v >> 12)))
      bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
      bytes.append(UInt8(0x80 | (v & 0x3F)))
    } else {
      bytes.append(UInt8(0xF0 | (v >> 18)))
      bytes.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
      bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
      bytes.append(UInt8(0x80 | (v & 0x3F)))
    }
  }

  /// A line exactly as given, then the layout's line end.
  mutating func raw(_ s: String) {
    emit(s.unicodeScalars)
    endProse()
  }

  /// A short line with the document's punctuation widths (`编制部门:X`).
  mutating func label(_ s: String) {
    drawParens()
    let u = s.unicodeScalars.map { widen($0) }
    emit(u)
    endProse()
  }

  private mutating func endProse() {
    newline()
    if style.layout == .pdf { newline() }
  }

  /// A heading: `第一部分 …`, `一、…`, `(一)…`. PDF may print `(二) ` half-width
  /// with a space, and cut a long heading at a page break (004).
  mutating func heading(_ canonical: String) {
    drawParens()
    var t = canonical
    if style.layout == .pdf, t.hasPrefix("("), rng.chance(0.2), let close = t.firstIndex(of: ")") {
      t.insert(" ", at: t.index(after: close))
    } else {
      t = String(String.UnicodeScalarView(t.unicodeScalars.map { widen($0) }))
    }
    let u = Array(t.unicodeScalars)
    if style.layout == .pdf, u.count > 26, rng.chance(0.1) {
      let tail = 3 + rng.below(6)
      let cut = u.count - tail
      if Width.isHan(u[cut - 1]), Width.isHan(u[cut]) {
        emit(u[..<cut])
        endProse()
        emit(u[cut...])
        endProse()
        return
      }
    }
    emit(u)
    endProse()
  }

  /// Whether parentheses are printed full-width in the current block: one
  /// draw per paragraph, heading or table, so pairs match (`（六）`, not `(六）`).
  private var wideParens = true

  private mutating func drawParens() { wideParens = rng.chance(style.wideParen) }

  @inline(__always) private mutating func widen(_ c: Unicode.Scalar) -> Unicode.Scalar {
    switch c {
    case ",": return rng.chance(style.wideComma) ? Width.wide(c) : c
    case ":": return rng.chance(style.wideColon) ? Width.wide(c) : c
    case ";": return rng.chance(style.wideSemicolon) ? Width.wide(c) : c
    case "(", ")": return wideParens ? Width.wide(c) : c
    case "%": return style.widePercent ? Width.wide(c) : c
    default: return c
    }
  }

  // MARK: Paragraphs

  /// Renders a paragraph, records its statements, and returns the folded text
  /// of each mark (for names the caller records itself).
  @discardableResult
  mutating func paragraph(_ p: Paragraph) -> [Int: String] {
    drawParens()
    let spaced = rng.chance(style.spacedNumbers)
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(256)
    var starts: [Int: Int] = [:], ends: [Int: Int] = [:]
    var pendingStarts: [Int] = [], pendingEnds: [Int] = []

    let wideDigits = style.wideDigits
    func put(_ plain: Unicode.Scalar, _ out: inout [Unicode.Scalar]) {
      let c = wideDigits && Width.isDigit(plain) ? Width.wide(plain) : plain
      for id in pendingEnds { ends[id] = out.count }
      pendingEnds.removeAll()
      if spaced, let prev = out.last,
        (Width.isHan(prev) && Width.isDigit(plain)) || (Width.isDigit(Width.fold(prev)) && Width.isHan(c))
      {
        out.append(" ")
      }
      for id in pendingStarts { starts[id] = out.count }
      pendingStarts.removeAll()
      out.append(c)
    }

    for piece in p.pieces {
      switch piece {
      case .text(let s): for c in s.unicodeScalars { put(widen(c), &out) }
      case .verbatim(let s): for c in s.unicodeScalars { put(c, &out) }
      case .money(let v):
        let sep = v >= 100_000 && rng.chance(style.separators)
        for c in Money.text(v, separators: sep).unicodeScalars { put(c, &out) }
      case .percent(let bp): for c in Money.percent(bp).unicodeScalars { put(c, &out) }
      case .open(let id): pendingStarts.append(id)
      case .close(let id): pendingEnds.append(id)
      }
    }
    for id in pendingEnds { ends[id] = out.count }
    for id in pendingStarts { starts[id] = out.count }

    let cuts = pageBreaks(out)
    let firstLine = line
    var lineOf: (Int) -> Int = { offset in firstLine + 2 * cuts.filter { $0 <= offset }.count }
    if cuts.isEmpty { lineOf = { _ in firstLine } }
    var texts: [Int: String] = [:]
    for (id, s) in starts {
      let e = ends[id] ?? out.count
      texts[id] = trimmedFold(out[s..<max(s, e)])
    }
    for pending in p.pendingStatements {
      var t = pending.truth
      t.line = lineOf(starts[pending.start] ?? 0)
      t.reason = pending.reason.flatMap { texts[$0] } ?? ""
      statements.append(t)
    }
    var from = 0
    for cut in cuts {
      emit(out[from..<cut])
      endProse()
      from = cut
    }
    emit(out[from...])
    endProse()
    return texts
  }

  private func trimmedFold(_ s: ArraySlice<Unicode.Scalar>) -> String {
    var a = s.startIndex, b = s.endIndex
    while a < b, s[a] == " " { a += 1 }
    while b > a, s[b - 1] == " " { b -= 1 }
    var v = String.UnicodeScalarView()
    for c in s[a..<b] { v.append(Width.fold(c)) }
    return String(v)
  }

  // MARK: Tables

  /// A table: DOCX one cell per line (a blank line ends each row), PDF one
  /// row per line. Returns the line each row starts on.
  @discardableResult
  mutating func table(_ rows: [[String]]) -> [Int] {
    var lines: [Int] = []
    drawParens()
    let docx = style.layout == .docx
    for row in rows {
      lines.append(line)
      for (i, cell) in row.enumerated() {
        if docx || i > 0 { bytes.append(0x09) }
        for c in cell.unicodeScalars { put(widen(c)) }
        if docx { newline() }
      }
      newline()
    }
    return lines
  }

  /// PDF extraction breaks words inside narrow cells (`年初预 算 数`).
  mutating func narrowCell(_ s: String) -> String {
    guard style.layout == .pdf, s.unicodeScalars.count >= 4, rng.chance(0.5) else { return s }
    var u = Array(s.unicodeScalars)
    let at = 2 + rng.below(u.count - 3)
    if Width.isHan(u[at - 1]) && Width.isHan(u[at]) { u.insert(" ", at: at) }
    return String(String.UnicodeScalarView(u))
  }
}
