// The human table: one line per hit, cells cut to fit the terminal by display
// width (CJK characters take two columns). Subjects are cut from the left so
// the item name (…行政运行(项)) stays visible; the last column shows the
// reason, or the text for records without one.

enum TableRenderer {
  /// The numeric columns the table shows (Searcher.load reads only these for it).
  static let columns: Set<String> = ["year", "amount", "change", "rate"]

  static func render(_ rows: [OutputRow], width: Int) -> String {
    if rows.isEmpty { return "" }  // like grep: no hits, no output
    let headers = ["DEPARTMENT", "DOCUMENT", "SUBJECT", "AMOUNT", "CHANGE", "RATE%", "REASON / TEXT"]
    let fixed = [16, 8, 24, 9, 8, 7]
    var lines: [[String]] = []
    for r in rows {
      let snippet = r["snippet"].plain
      let last = !snippet.isEmpty ? snippet : r["reason"].plain.isEmpty ? r["text"].plain : r["reason"].plain
      lines.append([
        shortDepartment(r["department"].plain), r["year"].plain + r["kind"].plain, r["subject"].plain,
        r["amount"].plain, r["change"].plain, r["rate"].plain, last,
      ])
    }
    let used = fixed.reduce(0, +) + fixed.count * 2
    let lastWidth = max(20, width - used)
    var out = ""
    for cells in [headers] + lines {
      var line = ""
      for (i, cell) in cells.enumerated() {
        let w = i < fixed.count ? fixed[i] : lastWidth
        let numeric = (3...5).contains(i)
        // Subjects and departments are cut from the left: their ends (…行政运行(项),
        // …人民政府办公室) tell them apart, their starts (类, region) repeat.
        let fitted = i <= 2 && i != 1 ? fitLeft(cell, w) : fitRight(cell, w)
        let pad = String(repeating: " ", count: max(0, w - displayWidth(fitted)))
        line += numeric ? pad + fitted : (i == cells.count - 1 ? fitted : fitted + pad)
        if i < cells.count - 1 { line += "  " }
      }
      out += line + "\n"
    }
    return out
  }

  /// Every column as wide as its widest cell, numbers right-aligned. When
  /// the terminal is too narrow the first column is capped and the last one
  /// takes what is left (cut with …).
  static func plain(_ rows: [OutputRow], width: Int) -> String {
    guard let first = rows.first else { return "" }
    let keys = first.values.map(\.key)
    let numeric = first.values.map { if case .decimal = $0.value { return true } else { return false } }
    let cells = rows.map { $0.values.map(\.value.plain) }
    var widths = keys.indices.map { i in max(displayWidth(keys[i]), cells.map { displayWidth($0[i]) }.max() ?? 0) }
    let gaps = 2 * (keys.count - 1)
    if widths.reduce(0, +) + gaps > width && keys.count > 1 {
      widths[0] = min(widths[0], max(20, width * 45 / 100))
      let others = widths.dropLast().reduce(0, +) + gaps
      widths[keys.count - 1] = max(10, min(widths[keys.count - 1], width - others))
    }
    var out = ""
    for (n, line) in ([keys.map { $0.uppercased() }] + cells).enumerated() {
      var text = ""
      for (i, cell) in line.enumerated() {
        let fitted = fitRight(cell, widths[i])
        let pad = String(repeating: " ", count: max(0, widths[i] - displayWidth(fitted)))
        text += (numeric[i] && n > 0) ? pad + fitted : fitted + pad
        if i < line.count - 1 { text += "  " }
      }
      out += text.trimmingSpaces() + "\n"
    }
    return out
  }

  /// A department without a trailing parenthesised second name
  /// (`…党员教育中心(…远程教育工作办公室)` → `…党员教育中心`).
  static func shortDepartment(_ d: String) -> String {
    guard d.hasSuffix(")"), let open = d.lastIndex(of: "("), open != d.startIndex else { return d }
    return String(d[..<open])
  }

  /// Keeps the start of `s`, ending with … when cut. ANSI colour sequences
  /// pass through without width and are closed if the cut falls inside one.
  static func fitRight(_ s: String, _ w: Int) -> String {
    let flat = String(s.map { $0 == "\n" || $0 == "\t" ? " " : $0 }).trimmingSpaces()
    if displayWidth(flat) <= w { return flat }
    var out = "", used = 0, inEscape = false, coloured = false
    for c in flat {
      if c == "\u{1B}" { inEscape = true }
      if inEscape {
        out.append(c)
        if c.isLetter {
          inEscape = false
          coloured = !out.hasSuffix("[0m")
        }
        continue
      }
      let cw = displayWidth(String(c))
      if used + cw > w - 1 { break }
      out.append(c)
      used += cw
    }
    return out + (coloured ? MarkStyle.ansi.close : "") + "…"
  }

  /// Keeps the end of `s`, starting with … when cut.
  static func fitLeft(_ s: String, _ w: Int) -> String {
    if displayWidth(s) <= w { return s }
    var out = "", used = 0
    for c in s.reversed() {
      let cw = displayWidth(String(c))
      if used + cw > w - 1 { break }
      out.insert(c, at: out.startIndex)
      used += cw
    }
    return "…" + out
  }
}

/// Terminal columns of a string: East Asian wide and full-width scalars take
/// two, combining marks none, everything else one.
func displayWidth(_ s: String) -> Int {
  var w = 0
  var inEscape = false
  for u in s.unicodeScalars {
    let v = u.value
    if v == 0x1B { inEscape = true }
    if inEscape {  // ANSI CSI sequence: ESC [ params letter
      if (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) { inEscape = false }
      continue
    }
    if v < 0x20 || (v >= 0x300 && v <= 0x36F) || v == 0x200B { continue }
    let wide =
      (v >= 0x1100 && v <= 0x115F) || (v >= 0x2E80 && v <= 0xA4CF) || (v >= 0xAC00 && v <= 0xD7A3)
      || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFE30 && v <= 0xFE4F) || (v >= 0xFF00 && v <= 0xFF60)
      || (v >= 0xFFE0 && v <= 0xFFE6) || (v >= 0x20000 && v <= 0x3FFFD)
    w += wide ? 2 : 1
  }
  return w
}

extension String {
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while s.first == " " { s.removeFirst() }
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}
