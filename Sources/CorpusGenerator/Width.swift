// Character classes and the full-/half-width mapping the generator needs.
//
// Documents mix `，` and `,`, `（` and `(` within one template (CORPUS-GUIDE
// §8). Vocabulary is written with ASCII punctuation; TextStyle widens some of
// it per document. The ground truth is what an extractor sees after NFKC, and
// for the characters we ever emit NFKC is exactly `fold`: full-width ASCII
// variants (U+FF01–FF5E) to ASCII and U+3000 to a space. The tests check
// `fold` against ICU's NFKC on whole generated documents.

enum Width {
  /// NFKC restricted to what the generator writes (see the file comment).
  static func fold(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    for c in s.unicodeScalars { out.append(fold(c)) }
    return String(out)
  }

  @inline(__always) static func fold(_ c: Unicode.Scalar) -> Unicode.Scalar {
    let v = c.value
    if v >= 0xFF01 && v <= 0xFF5E { return Unicode.Scalar(v - 0xFEE0)! }
    if v == 0x3000 { return " " }
    return c
  }

  /// The full-width form of an ASCII punctuation mark or digit.
  @inline(__always) static func wide(_ c: Unicode.Scalar) -> Unicode.Scalar {
    let v = c.value
    guard v >= 0x21 && v <= 0x7E else { return c }
    return Unicode.Scalar(v + 0xFEE0)!
  }

  @inline(__always) static func isHan(_ c: Unicode.Scalar) -> Bool {
    let v = c.value
    return (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF)
  }

  @inline(__always) static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

  /// CJK as the extractor's space rule sees it (ideographs, CJK and full-width punctuation).
  @inline(__always) static func isCJK(_ c: Unicode.Scalar) -> Bool {
    let v = c.value
    return (v >= 0x2E80 && v <= 0x9FFF) || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFE30 && v <= 0xFE4F)
      || (v >= 0xFF00 && v <= 0xFFEF) || (v >= 0x20000 && v <= 0x3FFFF)
  }

  /// `fold`, then spaces touching a CJK character removed: how a project name
  /// or department reads once PDF spaces inside words are discounted.
  static func compact(_ s: String) -> String {
    let u = Array(fold(s).unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < u.count {
      if u[i] == " " || u[i] == "\t" {
        var j = i
        while j < u.count, u[j] == " " || u[j] == "\t" { j += 1 }
        let touches = (out.last.map(isCJK) ?? true) || (j < u.count ? isCJK(u[j]) : true)
        if !touches { out.append(" ") }
        i = j
        continue
      }
      out.append(u[i])
      i += 1
    }
    return String(out)
  }
}
