// Where PDF page breaks cut a paragraph (002: 8 cuts, 004: 5). A cut falls
// at a printed line end (a multiple of the page's line width), never inside
// a number, next to a space, after `。;:` or where the next line would read
// as a heading or a `label:` line: a human reader would not join those
// either, and the truth assumes a reader who joins every other cut.

extension DocumentWriter {
  /// Offsets where a page break cuts this paragraph (PDF only).
  mutating func pageBreaks(_ u: [Unicode.Scalar]) -> [Int] {
    guard style.layout == .pdf, u.count > pageLine + 12, rng.chance(style.pageBreaks) else { return [] }
    let lines = (u.count - 8) / pageLine
    guard lines >= 1 else { return [] }
    let target = pageLine * (1 + rng.below(lines))
    for delta in [0, 1, -1, 2, -2, 3, -3] {
      let p = target + delta
      if p >= pageLine, p <= u.count - 8, canCut(u, at: p) { return [p] }
    }
    return []
  }

  func canCut(_ u: [Unicode.Scalar], at p: Int) -> Bool {
    let a = Width.fold(u[p - 1]), b = Width.fold(u[p])
    func numeric(_ c: Unicode.Scalar) -> Bool {
      Width.isDigit(c) || c == "." || c == "," || c == "%" || c == "-"
    }
    if a == " " || b == " " || numeric(a) || numeric(b) { return false }
    if "。;；:：".unicodeScalars.contains(a) { return false }
    return !startsLikeBlock(u, at: p)
  }

  /// Whether text starting at p would read as a new block: a heading
  /// marker, or a short label and colon (`预算安排规模:`).
  func startsLikeBlock(_ u: [Unicode.Scalar], at p: Int) -> Bool {
    let c = Width.fold(u[p])
    if c == "(" || c == "第" || c == "-" || c == "•" || Width.isDigit(c) { return true }
    if "一二三四五六七八九十".unicodeScalars.contains(c) { return true }
    var j = p
    while j < u.count, j - p < 12, Width.isHan(u[j]) || Width.fold(u[j]) == "(" || Width.fold(u[j]) == ")" { j += 1 }
    return j < u.count && Width.fold(u[j]) == ":"
  }
}
