// Swift-side wrappers over the CICU shim: buffer management and error mapping.
// Each wrapper makes one C call per text (plus one retry when the output
// buffer was too small), never one per token.
import CICU

/// The ICU library version, e.g. "72.1"; recorded in the index manifest.
public let icuVersion: String = {
  var buf = [CChar](repeating: 0, count: 32)
  cicu_version(&buf)
  return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}()

func icuError(_ op: String, _ code: Int32) -> AnalysisError {
  .icu(operation: op, code: code, name: String(cString: cicu_error_name(code)))
}

/// Runs a CICU "write into out, return needed length" call, growing the buffer once.
func withGrowingOutput(
  initialCapacity: Int, operation: String,
  _ call: (UnsafeMutablePointer<CChar>, Int32, inout Int32) -> Int32
) throws(AnalysisError) -> [UInt8] {
  var capacity = max(initialCapacity, 16)
  for _ in 0..<2 {
    var out = [UInt8](repeating: 0, count: capacity)
    var err: Int32 = 0
    let n = out.withUnsafeMutableBufferPointer { buf in
      buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: capacity) { p in
        call(p, Int32(capacity), &err)
      }
    }
    if n < 0 { throw icuError(operation, err) }
    if Int(n) <= capacity {
      out.removeLast(capacity - Int(n))
      return out
    }
    capacity = Int(n)
  }
  throw icuError(operation, 15 /* U_BUFFER_OVERFLOW_ERROR */)
}

/// NFKC of UTF-8 bytes (full-width digits, letters and punctuation become ASCII).
public func nfkc(_ utf8: [UInt8]) throws(AnalysisError) -> [UInt8] {
  if utf8.isEmpty { return [] }
  return try utf8.withUnsafeBufferPointer { (src) throws(AnalysisError) -> [UInt8] in
    try src.baseAddress!.withMemoryRebound(to: CChar.self, capacity: src.count) {
      (p) throws(AnalysisError) -> [UInt8] in
      try withGrowingOutput(initialCapacity: src.count + src.count / 4, operation: "NFKC") {
        out, cap, err in cicu_nfkc(p, Int32(src.count), out, cap, &err)
      }
    }
  }
}

/// Converts bytes in `charset` (an ICU converter name) to UTF-8; throws when
/// any sequence is illegal or unmappable in that charset.
public func convertToUTF8(_ bytes: ArraySlice<UInt8>, from charset: String) throws(AnalysisError) -> [UInt8] {
  if bytes.isEmpty { return [] }
  return try bytes.withUnsafeBufferPointer { (src) throws(AnalysisError) -> [UInt8] in
    try src.baseAddress!.withMemoryRebound(to: CChar.self, capacity: src.count) {
      (p) throws(AnalysisError) -> [UInt8] in
      try withGrowingOutput(initialCapacity: src.count * 3 / 2 + 16, operation: "convert from \(charset)") {
        out, cap, err in cicu_to_utf8(charset, p, Int32(src.count), out, cap, &err)
      }
    }
  }
}

/// ICU's charset detector: best guess and confidence (0-100), nil if none.
public func detectCharset(_ bytes: ArraySlice<UInt8>) -> (name: String, confidence: Int)? {
  if bytes.isEmpty { return nil }
  var name = [CChar](repeating: 0, count: 64)
  let conf = bytes.withUnsafeBufferPointer { src in
    src.baseAddress!.withMemoryRebound(to: CChar.self, capacity: src.count) {
      cicu_detect($0, Int32(src.count), &name, 64)
    }
  }
  if conf < 0 { return nil }
  let s = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  return (s, Int(conf))
}
