// The matching form of text: what the analyzer indexes and what queries are
// compared against. Defined once here so both ends agree (DESIGN.md: "same
// analyzer at both ends"). Input is NFKC text (see `nfkc`).

/// Whether a scalar is CJK: ideographs, CJK punctuation, kana, compatibility forms.
@inlinable
public func isCJK(_ v: UInt32) -> Bool {
  (v >= 0x2E80 && v <= 0x9FFF) || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFE30 && v <= 0xFE4F)
    || (v >= 0xFF00 && v <= 0xFFEF) || (v >= 0x20000 && v <= 0x3FFFF)
}

/// Whitespace as the matching form sees it (U+FFFD counts too: a cut byte sequence).
@inlinable
public func isSpace(_ v: UInt32) -> Bool {
  v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || v == 0x0C || v == 0x0B || v == 0xA0 || v == 0x3000
    || (v >= 0x2000 && v <= 0x200B) || v == 0xFFFD
}

public enum MatchForm {
  /// The matching form of NFKC text:
  /// - ASCII letters lower-cased (NFKC already mapped full-width letters to ASCII);
  /// - whitespace next to a CJK character removed (PDF extraction inserts
  ///   spaces inside words: `年初预 算 数`, `2024 年`);
  /// - other whitespace runs collapsed to one space; leading/trailing trimmed;
  /// - U+FFFD (a cut byte sequence) treated as whitespace;
  /// - Traditional characters folded to Simplified (one-to-one mappings of
  ///   ICU's Traditional-Simplified transform), so either script finds both.
  /// Idempotent: `make(make(s)) == make(s)`.
  public static func make(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    forEachScalar(text) { s, _ in out.append(s) }
    return String(out)
  }

  /// The matching form as scalars, with the index (in `text.unicodeScalars`)
  /// each came from; a collapsed space maps to the whitespace before the
  /// next kept scalar. For mapping matches back to the text (highlights).
  public static func mapped(_ text: String) -> (scalars: [Unicode.Scalar], origins: [Int]) {
    var scalars: [Unicode.Scalar] = [], origins: [Int] = []
    forEachScalar(text) { s, i in
      scalars.append(s)
      origins.append(i)
    }
    return (scalars, origins)
  }

  /// The one definition of the matching form: calls `emit` with each output
  /// scalar and the index of the input scalar it stands for.
  @inline(__always)
  static func forEachScalar(_ text: String, _ emit: (Unicode.Scalar, Int) -> Void) {
    var pendingSpace = false
    var lastWasCJK = false
    var emitted = false
    for (i, s) in text.unicodeScalars.enumerated() {
      let v = s.value
      if isSpace(v) {
        if emitted { pendingSpace = true }
        continue
      }
      let cjk = isCJK(v)
      if pendingSpace && !cjk && !lastWasCJK { emit(" ", i - 1) }
      pendingSpace = false
      if v >= 0x41 && v <= 0x5A {
        emit(Unicode.Scalar(v + 0x20)!, i)
      } else if v >= T2S.first && v <= T2S.last, let simplified = T2S.fold(v) {
        emit(simplified, i)
      } else {
        emit(s, i)
      }
      emitted = true
      lastWasCJK = cjk
    }
  }
}

extension MatchForm {
  /// Whether matching form `needle` occurs in matching form `haystack`.
  /// Compared as UTF-8 bytes, which for valid UTF-8 is exactly scalar
  /// substring (UTF-8 is self-synchronizing), unlike String.contains, which
  /// compares grapheme clusters.
  public static func contains(_ haystack: String, _ needle: String) -> Bool {
    let h = Array(haystack.utf8), n = Array(needle.utf8)
    if n.isEmpty { return true }
    if n.count > h.count { return false }
    let first = n[0]
    var i = 0
    while i <= h.count - n.count {
      if h[i] == first && h[(i + 1)..<(i + n.count)].elementsEqual(n[1...]) { return true }
      i += 1
    }
    return false
  }
}

/// Traditional → Simplified for single scalars, from the generated pairs in
/// TraditionalToSimplified.swift, as a flat table over U+3400..U+9FFF (55 KB,
/// built once per process in well under a millisecond).
enum T2S {
  static let first: UInt32 = 0x3400
  static let last: UInt32 = 0x9FFF
  static let table: [UInt16] = {
    var t = [UInt16](repeating: 0, count: Int(last - first) + 1)
    var pending: UInt32? = nil
    for s in traditionalToSimplifiedPairs.unicodeScalars {
      if let from = pending {
        t[Int(from - first)] = UInt16(s.value)
        pending = nil
      } else {
        pending = s.value
      }
    }
    return t
  }()

  @inline(__always)
  static func fold(_ v: UInt32) -> Unicode.Scalar? {
    let to = table[Int(v - first)]
    return to == 0 ? nil : Unicode.Scalar(UInt32(to))
  }
}
