// The matching form of text: what the analyzer indexes and what queries are
// compared against. Defined once here so both ends agree (DESIGN.md: "same
// analyzer at both ends"). Input is NFKC text (see `nfkc`).

/// Whether a scalar is CJK: ideographs, CJK punctuation, kana, compatibility forms.
@inlinable
public func isCJK(_ v: UInt32) -> Bool {
  (v >= 0x2E80 && v <= 0x9FFF) || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFE30 && v <= 0xFE4F)
    || (v >= 0xFF00 && v <= 0xFFEF) || (v >= 0x20000 && v <= 0x3FFFF)
}

@inlinable
func isSpace(_ v: UInt32) -> Bool {
  v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || v == 0x0C || v == 0x0B || v == 0xA0 || v == 0x3000
    || (v >= 0x2000 && v <= 0x200B)
}

public enum MatchForm {
  /// The matching form of NFKC text:
  /// - ASCII letters lower-cased (NFKC already mapped full-width letters to ASCII);
  /// - whitespace next to a CJK character removed (PDF extraction inserts
  ///   spaces inside words: `年初预 算 数`, `2024 年`);
  /// - other whitespace runs collapsed to one space; leading/trailing trimmed;
  /// - U+FFFD (a cut byte sequence) treated as whitespace.
  /// Idempotent: `make(make(s)) == make(s)`.
  public static func make(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    var lastWasCJK = false
    for s in text.unicodeScalars {
      let v = s.value
      if isSpace(v) || v == 0xFFFD {
        if !out.isEmpty { pendingSpace = true }
        continue
      }
      let cjk = isCJK(v)
      if pendingSpace && !cjk && !lastWasCJK { out.append(" ") }
      pendingSpace = false
      if v >= 0x41 && v <= 0x5A {
        out.append(Unicode.Scalar(v + 0x20)!)
      } else {
        out.append(s)
      }
      lastWasCJK = cjk
    }
    return String(out)
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
