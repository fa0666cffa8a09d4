// The matching form on UTF-8 bytes, for the indexer's hot path: the same
// output as `MatchForm.fromRaw` (NFKC then `make`), encoded, without going
// through String.UnicodeScalarView appends (one allocation growth per
// scalar) and without ICU when the text is already NFKC.
//
// Most record fields come out of a document that was NFKC-normalized as a
// whole, so the per-field NFKC (UTF-8 → UTF-16 → normalize → UTF-8, two
// mallocs) almost always returns its input. `NFKCQuickCheck` proves that
// cheaply: per UAX #15's quick check, a string whose every scalar has
// NFKC_Quick_Check=Yes and canonical combining class 0 is normalized.
// Anything else (or anything outside the scalars we vouch for) takes ICU.

enum NFKCQuickCheck {
  /// One bit per BMP scalar: set when the scalar alone is NFKC, has ccc 0
  /// and cannot combine with a preceding scalar (so it is NFKC_QC=Yes).
  static let stable: [UInt64] = {
    var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
    func set(_ v: Int) { bits[v >> 6] |= 1 << UInt64(v & 63) }
    // ASCII, CJK Unified Ideographs and Extension A: no decompositions, ccc 0, never combine backward.
    for v in 0x00...0x7F { set(v) }
    for v in 0x3400...0x4DBF { set(v) }
    for v in 0x4E00...0x9FFF { set(v) }
    // Punctuation and symbol blocks whose scalars all have ccc 0 and none of
    // which combines backward (the ccc≠0 marks U+20D0–20F0, U+302A–302F and
    // U+3099–309A are left out); each is kept only if ICU maps it to itself
    // (full-width forms, U+3000, `…`, circled numbers and the like are not).
    let candidates: [ClosedRange<Int>] = [
      0xA0...0xFF, 0x2000...0x205E, 0x2100...0x23FF, 0x2460...0x27BF, 0x3000...0x3029, 0x3030...0x3096,
      0x309B...0x30FF, 0xFE30...0xFE4F, 0xFEFF...0xFEFF, 0xFF00...0xFFEF, 0xFFF9...0xFFFD,
    ]
    for range in candidates {
      for v in range {
        guard let scalar = Unicode.Scalar(UInt32(v)) else { continue }
        let utf8 = Array(String(scalar).utf8)
        if let n = try? nfkc(utf8), n == utf8 { set(v) }
      }
    }
    return bits
  }()

  /// BMP scalars whose NFKC is one ASCII scalar (full-width forms, U+3000
  /// and the other wide spaces), that ASCII byte; 0 for the rest. Asked of
  /// ICU once, over the same candidate blocks as `stable`.
  static let toASCII: [UInt8] = {
    var map = [UInt8](repeating: 0, count: 0x10000)
    for range in [0xA0...0xFF, 0x2000...0x205E, 0x3000...0x3000, 0xFE30...0xFE4F, 0xFF00...0xFFEF] {
      for v in range {
        guard let scalar = Unicode.Scalar(UInt32(v)) else { continue }
        let utf8 = Array(String(scalar).utf8)
        if let n = try? nfkc(utf8), n.count == 1, n[0] > 0, n[0] < 0x80, n != utf8 { map[v] = n[0] }
      }
    }
    return map
  }()

  /// NFKC of `utf8` (valid UTF-8) without ICU when every scalar is either
  /// `stable` or maps to one ASCII scalar (`toASCII`): then NFKD of the text
  /// equals NFKD of the mapped text, and the mapped text is NFKC (all its
  /// scalars pass the quick check), so it is the NFKC of the text. Disclosure
  /// files qualify: their only non-NFKC scalars are full-width punctuation.
  /// nil when some scalar is neither (ICU has to normalize).
  static func normalizeSimple(_ utf8: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    let n = utf8.count
    var out: [UInt8] = []
    out.reserveCapacity(n)
    let toASCII = toASCII
    var i = 0
    while i < n {
      let b0 = utf8[i]
      if b0 < 0x80 {
        out.append(b0)
        i += 1
        continue
      }
      let v: Int, length: Int
      if b0 < 0xE0 {
        guard i + 1 < n else { return nil }
        v = Int(b0 & 0x1F) << 6 | Int(utf8[i + 1] & 0x3F)
        length = 2
      } else if b0 < 0xF0 {
        guard i + 2 < n else { return nil }
        v = Int(b0 & 0x0F) << 12 | Int(utf8[i + 1] & 0x3F) << 6 | Int(utf8[i + 2] & 0x3F)
        length = 3
      } else {
        return nil
      }
      if stable[v >> 6] & (1 << UInt64(v & 63)) != 0 {
        for k in i..<(i + length) { out.append(utf8[k]) }
      } else if toASCII[v] != 0 {
        out.append(toASCII[v])
      } else {
        return nil
      }
      i += length
    }
    return out
  }

  /// Whether `utf8` (valid UTF-8) is certainly NFKC already. False does not
  /// mean it is not, only that ICU has to say.
  static func isNormalized(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = utf8.count
    var i = 0
    // ASCII runs need no table look-up.
    while i < n {
      let b0 = utf8[i]
      if b0 < 0x80 {
        i += 1
        continue
      }
      let v: Int
      if b0 < 0xE0 {
        guard i + 1 < n else { return false }
        v = Int(b0 & 0x1F) << 6 | Int(utf8[i + 1] & 0x3F)
        i += 2
      } else if b0 < 0xF0 {
        guard i + 2 < n else { return false }
        v = Int(b0 & 0x0F) << 12 | Int(utf8[i + 1] & 0x3F) << 6 | Int(utf8[i + 2] & 0x3F)
        i += 3
      } else {
        return false  // supplementary planes: ask ICU
      }
      if stable[v >> 6] & (1 << UInt64(v & 63)) == 0 { return false }
    }
    return true
  }
}

extension MatchForm {
  /// `Array(fromRaw(text).utf8)`, computed on bytes: no NFKC call when the
  /// text is already NFKC (the usual case for parsed records).
  public static func utf8FromRaw(_ text: String) throws(AnalysisError) -> [UInt8] {
    var text = text
    if let form = text.withUTF8({ buf in NFKCQuickCheck.isNormalized(buf) ? makeUTF8(buf) : nil }) {
      return form
    }
    var normalized = String(decoding: try nfkc(Array(text.utf8)), as: UTF8.self)
    return normalized.withUTF8 { makeUTF8($0) }
  }

  /// `Array(make(String(decoding: utf8)).utf8)` for valid UTF-8: the same
  /// rules as `forEachScalar`, scalars decoded in place and copied as bytes.
  static func makeUTF8(_ utf8: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    let n = utf8.count
    // The form is never longer than the text: a kept space stands for a run
    // of at least one blank, lower-casing keeps ASCII one byte, and a fold
    // maps a 3-byte scalar (U+3400…) to a 3-byte one (the table is BMP CJK).
    return [UInt8](unsafeUninitializedCapacity: n) { buffer, initialized in
      var out = OutputBytes(base: buffer.baseAddress!, count: 0)
      makeUTF8(utf8, into: &out)
      initialized = out.count
    }
  }

  /// Bytes written through a pointer (bounds guaranteed by the caller).
  struct OutputBytes {
    let base: UnsafeMutablePointer<UInt8>
    var count: Int
    @inline(__always) mutating func append(_ b: UInt8) {
      base[count] = b
      count += 1
    }
  }

  private static func makeUTF8(_ utf8: UnsafeBufferPointer<UInt8>, into out: inout OutputBytes) {
    let n = utf8.count
    var pendingSpace = false
    var lastWasCJK = false
    var emitted = false
    let t2s = T2S.table
    var i = 0
    while i < n {
      let b0 = utf8[i]
      // ASCII: never CJK, never folded; letters lower-cased.
      if b0 < 0x80 {
        let v = UInt32(b0)
        i += 1
        if isSpace(v) {
          if emitted { pendingSpace = true }
          continue
        }
        if pendingSpace && !lastWasCJK { out.append(0x20) }
        pendingSpace = false
        out.append(b0 >= 0x41 && b0 <= 0x5A ? b0 + 0x20 : b0)
        emitted = true
        lastWasCJK = false
        continue
      }
      let length: Int
      let v: UInt32
      if b0 < 0xE0 {
        length = 2
        v = UInt32(b0 & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F)
      } else if b0 < 0xF0 {
        length = 3
        v = UInt32(b0 & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F)
      } else {
        length = 4
        v = UInt32(b0 & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12 | UInt32(utf8[i + 2] & 0x3F) << 6
          | UInt32(utf8[i + 3] & 0x3F)
      }
      if isSpace(v) {
        if emitted { pendingSpace = true }
        i += length
        continue
      }
      let cjk = isCJK(v)
      if pendingSpace && !cjk && !lastWasCJK { out.append(0x20) }
      pendingSpace = false
      let folded = v >= T2S.first && v <= T2S.last ? UInt32(t2s[Int(v - T2S.first)]) : 0
      if folded != 0 {
        appendUTF8(folded, to: &out)
      } else {
        for k in i..<(i + length) { out.append(utf8[k]) }
      }
      i += length
      emitted = true
      lastWasCJK = cjk
    }
  }

  @inline(__always) static func appendUTF8(_ v: UInt32, to out: inout OutputBytes) {
    if v < 0x80 {
      out.append(UInt8(v))
    } else if v < 0x800 {
      out.append(UInt8(0xC0 | (v >> 6)))
      out.append(UInt8(0x80 | (v & 0x3F)))
    } else if v < 0x10000 {
      out.append(UInt8(0xE0 | (v >> 12)))
      out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (v & 0x3F)))
    } else {
      out.append(UInt8(0xF0 | (v >> 18)))
      out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
      out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (v & 0x3F)))
    }
  }
}
