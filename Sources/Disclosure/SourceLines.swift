// Raw lines → classified lines: blank, prose, one table cell (DOCX-like
// layout: `\t<cell>` per line, a blank line ends the row) or a whole table
// row (PDF-like layout: cells separated by tabs on one line). Markup left by
// converters is stripped here, and the table of contents is dropped.

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

enum LineKind {
  case blank
  /// Decoded once, here: line repair looks at a prose line as a candidate
  /// heading, a paragraph start and the next line of the paragraph before it.
  case prose(ScalarText)
  case cell(String)
  case row([String])
}

struct SourceLine {
  /// 1-based line number in the file.
  var number: Int
  var kind: LineKind
}

enum SourceLines {
  static func classify(_ text: String) -> [SourceLine] {
    var out: [SourceLine] = []
    var number = 0
    // Split on bytes: `\n` is one byte in UTF-8 and never part of another
    // scalar (splitting on Characters would keep `\r\n` together).
    var text = text
    text.withUTF8 { buf in
      var start = 0
      let n = buf.count
      while true {
        // memchr: the line's end found a machine word (or vector) at a time.
        var end = n
        if start < n, let nl = memchr(buf.baseAddress! + start, 0x0A, n - start) {
          end = buf.baseAddress!.distance(to: nl.assumingMemoryBound(to: UInt8.self))
        }
        number += 1
        let line = UnsafeBufferPointer(rebasing: buf[start..<end])
        out.append(SourceLine(number: number, kind: kind(of: line)))
        if end == n { break }
        start = end + 1
      }
    }
    return dropTableOfContents(out)
  }

  /// Classifies one line (its UTF-8 bytes, without the `\n`). Tabs, pipes,
  /// `\r` and markup are ASCII, so they are found on bytes; the text is
  /// decoded once, into the Strings the line yields.
  static func kind(of bytes: UnsafeBufferPointer<UInt8>) -> LineKind {
    var end = bytes.count
    while end > 0 && bytes[end - 1] == 0x0D { end -= 1 }
    let line = UnsafeBufferPointer(rebasing: bytes[0..<end])
    // Counted without branches into 32-bit counters, so that this loop over
    // every byte of the document compiles to vector compares (measured 2-3×
    // faster than a switch per byte); pieces of 2^30 bytes cannot overflow them.
    var tabCount = 0, pipes = 0, markupCount = 0
    var pieceStart = 0
    while pieceStart < line.count {
      let piece = UnsafeBufferPointer(rebasing: line[pieceStart..<min(line.count, pieceStart + (1 << 30))])
      var t: UInt32 = 0, p: UInt32 = 0, m: UInt32 = 0
      for b in piece {
        t &+= UInt32(truncatingIfNeeded: b == 0x09 ? 1 : 0)
        p &+= UInt32(truncatingIfNeeded: b == 0x7C ? 1 : 0)
        // `<`, `*`, `[`
        m &+= UInt32(truncatingIfNeeded: b == 0x3C ? 1 : 0) &+ UInt32(truncatingIfNeeded: b == 0x2A ? 1 : 0)
          &+ UInt32(truncatingIfNeeded: b == 0x5B ? 1 : 0)
      }
      tabCount += Int(t)
      pipes += Int(p)
      markupCount += Int(m)
      pieceStart += 1 << 30
    }
    let tabs = tabCount > 0, markup = markupCount > 0
    // Tab lines (table rows and cells: more than half of all lines) are
    // split on bytes; rarer shapes (pipes, markup) take the general path.
    if tabs, let kind = tabKind(line, tabs: tabCount) { return kind }
    if tabs || pipes >= 2 || markup {
      return kind(of: Substring(String(decoding: line, as: UTF8.self)))
    }
    let t = trimmedBlank(line)
    if t.isEmpty { return .blank }
    // Markdown bullets (002: `- 一、《收入支出决算总表》`): `-`, `•` (E2 80 A2), `·` (C2 B7).
    let lead = t[0]
    if lead == 0x2D || lead == 0xE2 || lead == 0xC2 {
      return kind(of: Substring(String(decoding: line, as: UTF8.self)))
    }
    return .prose(ScalarText(utf8: t))
  }

  /// `kind(of: Substring)` for a line with a tab (no trailing `\r`), on
  /// bytes. nil in the one case where Character semantics could differ
  /// from scalars: a trailing blank after a Prepend scalar (which `dropLast`
  /// would drop together with it). Tabs are Control: always a Character of
  /// their own, so byte splits equal the Character splits of the original.
  static func tabKind(_ line: UnsafeBufferPointer<UInt8>, tabs: Int) -> LineKind? {
    let leadingTab = line.count > 0 && line[0] == 0x09
    let a = leadingTab ? 1 : 0
    var b = line.count
    // A stray tab may close a cell (`达到预期指标\t`): ignore trailing tabs and blanks.
    while b > a {
      var s = b - 1
      while s > a && line[s] & 0xC0 == 0x80 { s -= 1 }
      let (scalar, _) = decodeScalar(line, at: s)
      guard scalar == "\t" || isBlank(scalar) else { break }
      if s > a && mayBePrepend(line, before: s) { return nil }
      b = s
    }
    if leadingTab && !line[a..<b].contains(0x09) {
      return .cell(cell(UnsafeBufferPointer(rebasing: line[a..<b])))
    }
    var cells: [String] = []
    cells.reserveCapacity(tabs + 1)
    var start = 0
    for i in 0...line.count where i == line.count || line[i] == 0x09 {
      cells.append(cell(UnsafeBufferPointer(rebasing: line[start..<i])))
      start = i + 1
    }
    return .row(cells)
  }

  /// `stripMarkup(String(cell)).trimmedBlank()`, trimming on bytes when the
  /// cell has no markup byte (then stripMarkup returns its input).
  static func cell(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    if bytes.contains(where: { $0 == 0x3C || $0 == 0x2A || $0 == 0x5B }) {
      return stripMarkup(String(decoding: bytes, as: UTF8.self)).trimmedBlank()
    }
    return String(decoding: trimmedBlank(bytes), as: UTF8.self)
  }

  /// Whether the scalar ending right before byte `end` may be a grapheme
  /// Prepend (Arabic number signs and the like; anything outside the BMP
  /// counts, to be safe). Never in practice; checked so the byte path stays
  /// exactly the Character path.
  static func mayBePrepend(_ bytes: UnsafeBufferPointer<UInt8>, before end: Int) -> Bool {
    var s = end - 1
    while s > 0 && bytes[s] & 0xC0 == 0x80 { s -= 1 }
    let v = decodeScalar(bytes, at: s).0.value
    return (v >= 0x600 && v <= 0x605) || v == 0x6DD || v == 0x70F || v == 0x890 || v == 0x891 || v == 0x8E2
      || v == 0xD4E || v >= 0x10000
  }

  /// `bytes` without leading and trailing blanks and `\r` (String.trimmedBlank on bytes).
  static func trimmedBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var a = 0, b = bytes.count
    while a < b {
      let (scalar, length) = decodeScalar(bytes, at: a)
      guard isBlank(scalar) || scalar == "\r" else { break }
      a += length
    }
    while b > a {
      var s = b - 1
      while s > a && bytes[s] & 0xC0 == 0x80 { s -= 1 }
      let (scalar, _) = decodeScalar(bytes, at: s)
      guard isBlank(scalar) || scalar == "\r" else { break }
      b = s
    }
    return UnsafeBufferPointer(rebasing: bytes[a..<b])
  }

  /// The scalar starting at `i` of valid UTF-8, and its length in bytes.
  @inline(__always) static func decodeScalar(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
    let c0 = UInt32(b[i])
    if c0 < 0x80 { return (Unicode.Scalar(UInt8(c0)), 1) }
    if c0 < 0xE0 { return (Unicode.Scalar((c0 & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)) ?? "\u{FFFD}", 2) }
    if c0 < 0xF0 {
      return (Unicode.Scalar((c0 & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)) ?? "\u{FFFD}", 3)
    }
    let v = (c0 & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
    return (Unicode.Scalar(v) ?? "\u{FFFD}", 4)
  }

  /// The scalar that ends right before byte `end` of valid UTF-8.
  @inline(__always) static func scalar(endingAt end: Int, in b: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar {
    var s = end - 1
    while s > 0 && b[s] & 0xC0 == 0x80 { s -= 1 }
    return decodeScalar(b, at: s).0
  }

  static func kind(of raw: Substring) -> LineKind {
    var line = raw
    while let last = line.unicodeScalars.last, last == "\r" { line = Substring(line.unicodeScalars.dropLast()) }
    if line.utf8.contains(0x09) {
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
    return t.isEmpty ? .blank : .prose(ScalarText(t))
  }

  /// A pipe-table line (`| 项目名称 | 培训经费 |`, `项目名称 | 培训经费 |`):
  /// its cells, `[]` for a rule line (`|---|:---:|`), nil when the line is
  /// not a table line (fewer than two pipes).
  static func pipeCells(_ line: Substring) -> [String]? {
    var pipes = 0
    for b in line.utf8 where b == 0x7C { pipes += 1 }
    guard pipes >= 2 else { return nil }
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
    // Every tag starts with an ASCII byte (`<`, `*`, `[`): check bytes before decoding.
    guard s.utf8.contains(where: { $0 == 0x3C || $0 == 0x2A || $0 == 0x5B }) else { return s }
    guard s.contains("<") || s.contains("*") || s.contains("[bookmark") else { return s }
    let t = ScalarText(s)
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
      if case .prose(let t) = lines[i].kind { return t.string(0..<t.count).removingCJKSpaces() }
      return nil
    }
    // A line that reads 目录 once its spaces are removed starts with 目 (prose is
    // trimmed, and removingCJKSpaces keeps the first scalar) or with a CJK
    // compatibility ideograph (U+F900 and up), which String equality would take
    // as canonically equivalent: other lines are not turned into Strings.
    func mayBeContents(_ i: Int) -> Bool {
      guard case .prose(let t) = lines[i].kind, let lead = t.raw.first else { return false }
      return lead == "目" || lead.value >= 0xF900
    }
    guard
      let toc = lines.indices.prefix(200).first(where: { i in
        guard mayBeContents(i), let t = prose(i) else { return false }
        return t == "目录" || t == "目 录"
      })
    else {
      return lines
    }
    var firstPart: String?
    for i in (toc + 1)..<lines.count {
      // A level-1 marker starts with `第`, and so does the line: prose is
      // trimmed, so removingCJKSpaces keeps its first scalar (and `第` is
      // no fold target). Other lines are not decoded.
      guard case .prose(let line) = lines[i].kind, line.raw.first == "第" else { continue }
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
