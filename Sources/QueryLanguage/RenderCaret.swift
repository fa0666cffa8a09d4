// Terminal rendering of a syntax error: the query, a caret line under the
// offending characters, and the message. Column widths come from a small
// East Asian Width table because CJK text is the normal case here and each
// ideograph takes two terminal columns; no Foundation or ICU needed.

/// Three lines: the query, `^^^` under `error.range`, the message.
///
///     reason:人员 xyz:1
///                 ^^^
///     unknown field 'xyz'; expected one of text, reason, …
///
/// Whitespace and control characters in the query print as one space each so
/// the caret line stays aligned. An empty range (end of input) gets one caret.
/// East Asian Ambiguous characters (`“`, `”`, `·`) count as one column, as in
/// terminals outside CJK locales.
public func renderCaret(query: String, error: QuerySyntaxError) -> String {
  let scalars = Array(query.unicodeScalars)
  let lower = min(max(error.range.lowerBound, 0), scalars.count)
  let upper = min(max(error.range.upperBound, lower), scalars.count)
  var line = String.UnicodeScalarView()
  for s in scalars {
    line.append(s.properties.isWhitespace || s.properties.generalCategory == .control ? " " : s)
  }
  let indent = scalars[..<lower].reduce(0) { $0 + displayWidth($1) }
  let width = scalars[lower..<upper].reduce(0) { $0 + displayWidth($1) }
  let carets = String(repeating: " ", count: indent) + String(repeating: "^", count: max(width, 1))
  return String(line) + "\n" + carets + "\n" + error.message
}

/// Terminal columns a scalar occupies: 0 for combining marks and
/// zero-width format characters, 2 for East Asian Wide and Fullwidth, else 1.
/// Whitespace and controls count 1 because `renderCaret` prints them as a space.
func displayWidth(_ scalar: Unicode.Scalar) -> Int {
  if scalar.properties.isWhitespace || scalar.properties.generalCategory == .control { return 1 }
  switch scalar.properties.generalCategory {
  case .nonspacingMark, .enclosingMark, .format: return 0
  default: break
  }
  let v = scalar.value
  for range in wideRanges where range.contains(v) { return 2 }
  return 1
}

/// East Asian Width W and F blocks (UAX #11), coarsened to whole blocks; the
/// ranges that matter for Chinese text are exact. Sorted by start.
private let wideRanges: [ClosedRange<UInt32>] = [
  0x1100...0x115F,  // Hangul Jamo initials
  0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
  0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693,
  0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE,
  0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA,
  0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728, 0x274C...0x274C,
  0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797, 0x27B0...0x27B0,
  0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
  0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK punctuation
  0x3041...0x33FF,  // kana, bopomofo, Hangul compatibility, CJK strokes and compatibility
  0x3400...0x4DBF,  // CJK extension A
  0x4E00...0x9FFF,  // CJK unified ideographs
  0xA000...0xA4CF,  // Yi
  0xA960...0xA97F,  // Hangul Jamo extended A
  0xAC00...0xD7A3,  // Hangul syllables
  0xF900...0xFAFF,  // CJK compatibility ideographs
  0xFE10...0xFE19,  // vertical forms
  0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
  0xFF00...0xFF60,  // full-width ASCII and punctuation
  0xFFE0...0xFFE6,  // full-width signs
  0x16FE0...0x18CFF, 0x1B000...0x1B2FF,  // Tangut, kana supplements
  0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A,
  0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF,  // emoji
  0x20000...0x2FFFD, 0x30000...0x3FFFD,  // CJK extensions B and later
]
