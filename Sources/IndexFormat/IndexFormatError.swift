// Errors of the on-disk layer. Every decoded length and offset is checked
// before use; a bad one throws `.corrupt` naming the file, never traps.

public enum IndexFormatError: Error, CustomStringConvertible, Sendable, Equatable {
  case missing(path: String)
  case io(path: String, operation: String, errno: Int32)
  case corrupt(file: String, offset: Int, reason: String)
  case checksumMismatch(file: String, expected: UInt32, actual: UInt32)
  case unsupportedVersion(file: String, found: UInt32, supported: ClosedRange<UInt32>)
  case analyzerMismatch(index: String, runtime: String)
  case locked(path: String)

  public var description: String {
    switch self {
    case .missing(let path): return "\(path): no index here (run `budgetsearch index`)"
    case .io(let path, let op, let e): return "\(path): \(op) failed: \(errnoDescription(e))"
    case .corrupt(let file, let offset, let reason):
      return "\(file): corrupt at byte \(offset): \(reason); rebuild with `budgetsearch index --rebuild`"
    case .checksumMismatch(let file, let expected, let actual):
      return "\(file): checksum mismatch (stored \(hex(expected)), computed \(hex(actual))); rebuild with `budgetsearch index --rebuild`"
    case .unsupportedVersion(let file, let found, let supported):
      return "\(file): format version \(found), this build reads \(supported.lowerBound)...\(supported.upperBound); rebuild with `budgetsearch index --rebuild`"
    case .analyzerMismatch(let index, let runtime):
      return "index was built by analyzer \(index), this build uses \(runtime); rebuild with `budgetsearch index --rebuild`"
    case .locked(let path): return "\(path): another `budgetsearch index` holds the writer lock"
    }
  }
}

func hex(_ v: UInt32) -> String { "0x" + hexDigits(UInt64(v), count: 8) }

/// `v` in lower-case hex, zero-padded to `count` digits.
func hexDigits(_ v: UInt64, count: Int) -> String {
  let s = String(v, radix: 16)
  return String(repeating: "0", count: max(0, count - s.count)) + s
}
