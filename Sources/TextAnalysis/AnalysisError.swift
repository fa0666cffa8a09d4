// Errors of the text layer: decoding and ICU failures.

/// Why bytes could not become text, or an ICU call failed.
public enum AnalysisError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The input is empty (zero bytes, or only whitespace after decoding).
  case empty
  /// The input looks binary (NUL bytes or mostly control characters).
  case binary(offset: Int)
  /// No supported charset decodes the input; `tried` lists what was attempted.
  case undecodable(tried: [String])
  /// An ICU call failed.
  case icu(operation: String, code: Int32, name: String)

  public var description: String {
    switch self {
    case .empty: return "the file is empty"
    case .binary(let offset): return "the file looks binary (NUL byte at offset \(offset)), not a text disclosure"
    case .undecodable(let tried):
      return "the bytes are not valid text in any supported charset (tried \(tried.joined(separator: ", ")))"
    case .icu(let operation, let code, let name): return "ICU \(operation) failed: \(name) (\(code))"
    }
  }
}
