// UTF-8 → GB18030, for the share of files government sites still publish in
// the national encoding. ICU's converter is only exposed (in TextAnalysis)
// for decoding, so this uses the C library's iconv, which glibc and Darwin
// both ship with a GB18030 table; no new dependency.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

public enum GB18030 {
  public enum Failure: Error, CustomStringConvertible {
    case unavailable
    case conversion(errno: Int32, offset: Int)
    public var description: String {
      switch self {
      case .unavailable: return "iconv has no UTF-8 → GB18030 converter on this system"
      case .conversion(let e, let offset): return "iconv failed (errno \(e)) at byte \(offset)"
      }
    }
  }

  /// Encodes UTF-8 bytes as GB18030. Every Unicode scalar has a GB18030 form,
  /// so this fails only when the system lacks the converter.
  public static func encode(_ utf8: [UInt8]) throws(Failure) -> [UInt8] {
    let cd = iconv_open("GB18030", "UTF-8")
    guard let cd, Int(bitPattern: cd) != -1 else { throw .unavailable }
    defer { iconv_close(cd) }
    var out = [UInt8](repeating: 0, count: utf8.count * 2 + 16)
    var input = utf8
    let produced: Int = try input.withUnsafeMutableBufferPointer { (inBuf) throws(Failure) -> Int in
      try out.withUnsafeMutableBufferPointer { (outBuf) throws(Failure) -> Int in
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
          .assumingMemoryBound(to: CChar.self)
        var inLeft = inBuf.count
        var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
          .assumingMemoryBound(to: CChar.self)
        var outLeft = outBuf.count
        if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 {
          throw .conversion(errno: errno, offset: inBuf.count - inLeft)
        }
        return outBuf.count - outLeft
      }
    }
    out.removeSubrange(produced...)
    return out
  }
}
