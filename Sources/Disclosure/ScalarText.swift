// Random-access text for the extractors. Paragraphs are matched position by
// position (cores, markers, numbers), so they are held as arrays of Unicode
// scalars: O(1) indexing, no Character (grapheme) segmentation in the hot
// loops, and literals compared scalar by scalar.
import TextAnalysis

/// A literal to match, pre-split into scalars once.
struct Lit: ExpressibleByStringLiteral, Sendable {
  let scalars: [Unicode.Scalar]
  init(_ s: String) { scalars = Array(s.unicodeScalars) }
  init(stringLiteral s: String) { self.init(s) }
  var count: Int { scalars.count }
}

/// A number as written: its span, its text and its fixed-point value (nil when
/// it has more decimals than asked, so that nothing is rounded).
struct WrittenNumber {
  var start: Int
  var end: Int
  var value: Int64?
}

struct ScalarText {
  var s: [Unicode.Scalar]

  init(_ string: String) { s = Array(string.unicodeScalars) }
  init(scalars: [Unicode.Scalar]) { s = scalars }

  var count: Int { s.count }
  subscript(i: Int) -> Unicode.Scalar { s[i] }

  func string(_ range: Range<Int>) -> String {
    let r = max(0, range.lowerBound)..<min(s.count, max(range.lowerBound, range.upperBound))
    var v = String.UnicodeScalarView()
    v.append(contentsOf: s[r])
    return String(v)
  }

  /// Whether `lit` occurs at `i`.
  func has(_ lit: Lit, at i: Int) -> Bool {
    guard i >= 0, i + lit.count <= s.count else { return false }
    for k in 0..<lit.count where s[i + k] != lit.scalars[k] { return false }
    return true
  }

  /// Whether `lit` ends exactly at `end` (exclusive).
  func has(_ lit: Lit, endingAt end: Int) -> Bool { has(lit, at: end - lit.count) }

  /// First of `lits` occurring at `i` (in list order), with its end.
  func matchAny(_ lits: [Lit], at i: Int) -> (index: Int, end: Int)? {
    for (k, lit) in lits.enumerated() where has(lit, at: i) { return (k, i + lit.count) }
    return nil
  }

  /// First position >= from (and < to) where `lit` occurs.
  func find(_ lit: Lit, from: Int, to: Int? = nil) -> Int? {
    let limit = min(to ?? s.count, s.count) - lit.count
    var i = max(0, from)
    while i <= limit {
      if has(lit, at: i) { return i }
      i += 1
    }
    return nil
  }

  /// Last position p with from <= p and p + lit.count <= to where `lit` occurs.
  func findLast(_ lit: Lit, from: Int, to: Int) -> Int? {
    var i = min(to, s.count) - lit.count
    while i >= max(0, from) {
      if has(lit, at: i) { return i }
      i -= 1
    }
    return nil
  }

  func skipSpaces(_ i: Int) -> Int {
    var j = i
    while j < s.count, isBlank(s[j]) { j += 1 }
    return j
  }

  func skipSpacesBackward(_ end: Int) -> Int {
    var j = end
    while j > 0, isBlank(s[j - 1]) { j -= 1 }
    return j
  }

  /// A decimal number written at `i`: optional sign, digits with `,` thousands
  /// groups, optional fraction. Spaces are not part of a number.
  func number(at i: Int) -> WrittenNumber? {
    var j = i
    if j < s.count, s[j] == "-" || s[j] == "+" { j += 1 }
    let digitsStart = j
    while j < s.count, isDigit(s[j]) { j += 1 }
    if j == digitsStart { return nil }
    // A comma continues the number only before exactly three digits (1,337.99),
    // never before a clause (`减少2人,增加`).
    while j + 3 < s.count, s[j] == ",", isDigit(s[j + 1]), isDigit(s[j + 2]), isDigit(s[j + 3]),
      j + 4 == s.count || !isDigit(s[j + 4])
    {
      j += 4
    }
    if j + 1 < s.count, s[j] == ".", isDigit(s[j + 1]) {
      j += 1
      while j < s.count, isDigit(s[j]) { j += 1 }
    }
    let text = string(i..<j)
    return WrittenNumber(start: i, end: j, value: FixedPoint.parse(Substring(text), decimals: 2))
  }

  /// `number [spaces] unit` at i (spaces allowed before the number too).
  func quantity(at i: Int, unit: Lit) -> WrittenNumber? {
    let j = skipSpaces(i)
    guard var n = number(at: j) else { return nil }
    let k = skipSpaces(n.end)
    guard has(unit, at: k) else { return nil }
    n.end = k + unit.count
    return n
  }
}

// MARK: - scalar classes

@inline(__always) func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

/// Whitespace inside a line: spaces, tabs, NBSP, ideographic and zero-width
/// spaces, BOM, and the form feed pdftotext leaves at page starts.
@inline(__always) func isBlank(_ c: Unicode.Scalar) -> Bool {
  let v = c.value
  return v == 0x20 || v == 0x09 || v == 0x0B || v == 0x0C || v == 0xA0 || v == 0x3000
    || (v >= 0x2000 && v <= 0x200B) || v == 0xFEFF
}

@inline(__always) func isHan(_ c: Unicode.Scalar) -> Bool {
  let v = c.value
  return (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x20000 && v <= 0x3FFFF)
}

/// Sentence terminators: a statement or reason never runs past one of these
/// unless a rule says so (numbered reasons).
@inline(__always) func isSentenceEnd(_ c: Unicode.Scalar) -> Bool {
  c == "。" || c == "!" || c == "?"
}

/// Punctuation that carries no searchable content on its own.
@inline(__always) func isPunct(_ c: Unicode.Scalar) -> Bool {
  switch c {
  case "。", ",", ";", ":", "、", "!", "?", ".", "(", ")", "“", "”", "\"", "'", "-", "—", "|", "·", "《", "》":
    return true
  default:
    return isBlank(c)
  }
}

extension String {
  /// Trims blanks (including U+3000 and NBSP) at both ends.
  func trimmedBlank() -> String {
    let u = Array(unicodeScalars)
    var a = 0, b = u.count
    while a < b, isBlank(u[a]) || u[a] == "\r" { a += 1 }
    while b > a, isBlank(u[b - 1]) || u[b - 1] == "\r" { b -= 1 }
    if a == 0 && b == u.count { return self }
    var v = String.UnicodeScalarView()
    v.append(contentsOf: u[a..<b])
    return String(v)
  }

  /// Removes whitespace that touches a CJK character (PDF extraction inserts
  /// spaces inside words: `档案馆 藏档案`, `2024 年`); other runs become one space.
  func removingCJKSpaces() -> String {
    let u = Array(unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < u.count {
      if isBlank(u[i]) {
        var j = i
        while j < u.count, isBlank(u[j]) { j += 1 }
        let before = out.last
        let after = j < u.count ? u[j] : nil
        let touchesCJK = (before.map { isCJK($0.value) } ?? true) || (after.map { isCJK($0.value) } ?? true)
        if !touchesCJK { out.append(" ") }
        i = j
        continue
      }
      out.append(u[i])
      i += 1
    }
    return String(out)
  }
}
