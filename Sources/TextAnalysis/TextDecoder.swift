// Bytes of a disclosure file → UTF-8 text. Government files come as UTF-8
// (with or without BOM), GB18030/GBK, or UTF-16 with a BOM.

public struct DecodedText: Sendable {
  public var text: String
  /// The charset the bytes were decoded from: "UTF-8", "GB18030", "UTF-16LE", "UTF-16BE".
  public var charset: String
}

public enum TextDecoder {
  /// Decodes a file's bytes. Throws `.empty`, `.binary` or `.undecodable`
  /// rather than guessing: a file we cannot read is reported, not mangled.
  public static func decode(_ bytes: [UInt8]) throws(AnalysisError) -> DecodedText {
    if bytes.isEmpty { throw .empty }
    // BOMs are authoritative.
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      return try finish(utf8: bytes[3...], charset: "UTF-8")
    }
    if bytes.starts(with: [0xFF, 0xFE]) {
      return try finish(utf8: convertToUTF8(bytes[2...], from: "UTF-16LE")[...], charset: "UTF-16LE")
    }
    if bytes.starts(with: [0xFE, 0xFF]) {
      return try finish(utf8: convertToUTF8(bytes[2...], from: "UTF-16BE")[...], charset: "UTF-16BE")
    }
    if let nul = bytes.firstIndex(of: 0) {
      // UTF-16 without a BOM has a NUL in every other byte of ASCII text; let ICU's detector decide.
      if let guess = detectCharset(bytes[...]), guess.name.hasPrefix("UTF-16"),
        let utf8 = try? convertToUTF8(bytes[...], from: guess.name)
      {
        return try finish(utf8: utf8[...], charset: guess.name)
      }
      throw .binary(offset: nul)
    }
    if let text = String(validating: bytes, as: UTF8.self) {
      return try finish(utf8: bytes[...], charset: "UTF-8", validated: text)
    }
    // Not UTF-8: GB18030 is a superset of GBK and GB2312, the usual legacy encodings.
    if let utf8 = try? convertToUTF8(bytes[...], from: "GB18030") {
      return try finish(utf8: utf8[...], charset: "GB18030")
    }
    throw .undecodable(tried: ["UTF-8", "UTF-16 (BOM)", "GB18030"])
  }

  /// `validated`: the String of `utf8` when the caller has already made it
  /// (validating is a pass over the whole file; once is enough).
  private static func finish(utf8: ArraySlice<UInt8>, charset: String, validated: String? = nil) throws(AnalysisError)
    -> DecodedText
  {
    guard let text = validated ?? String(validating: utf8, as: UTF8.self) else {
      throw .undecodable(tried: [charset])
    }
    // Control characters other than tab, newline, CR, form feed mean a binary file.
    var controls = 0, nonSpace = 0
    // On the buffer: the same scan as over the slice's elements, without an
    // iterator and a bounds check per byte.
    let nul = utf8.withUnsafeBufferPointer { buf -> Int? in
      for i in 0..<buf.count {
        let b = buf[i]
        if b == 0 { return i }
        if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C { controls += 1 }
        if b > 0x20 { nonSpace += 1 }
      }
      return nil
    }
    if let nul { throw .binary(offset: nul) }
    if nonSpace == 0 { throw .empty }
    if controls * 20 > utf8.count { throw .binary(offset: 0) }
    return DecodedText(text: text, charset: charset)
  }
}

extension TextDecoder {
  /// Decodes and NFKC-normalizes a file's bytes: the text every later layer sees.
  public static func decodeNormalized(_ bytes: [UInt8]) throws(AnalysisError) -> DecodedText {
    var decoded = try decode(bytes)
    // Usually no ICU call: see NFKCQuickCheck.normalizeSimple.
    if let simple = decoded.text.withUTF8({ NFKCQuickCheck.normalizeSimple($0) }) {
      decoded.text = String(decoding: simple, as: UTF8.self)
      return decoded
    }
    let normalized = try nfkc(Array(decoded.text.utf8))
    decoded.text = String(decoding: normalized, as: UTF8.self)
    return decoded
  }
}

extension MatchForm {
  /// NFKC then `make`: the matching form of raw user or document text.
  public static func fromRaw(_ text: String) throws(AnalysisError) -> String {
    make(String(decoding: try nfkc(Array(text.utf8)), as: UTF8.self))
  }
}
