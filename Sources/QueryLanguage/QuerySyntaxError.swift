// Source positions and the one error type of this layer (STYLE.md §3).
// Offsets count Unicode scalars of the query string (`unicodeScalars` view):
// the lexer works on scalars, and scalars are what `renderCaret` measures.

/// A half-open range of Unicode-scalar offsets into the query string.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
  public var lowerBound: Int
  public var upperBound: Int

  public init(lowerBound: Int, upperBound: Int) {
    precondition(lowerBound <= upperBound, "SourceRange bounds out of order")
    self.lowerBound = lowerBound
    self.upperBound = upperBound
  }

  public init(_ range: Range<Int>) {
    self.init(lowerBound: range.lowerBound, upperBound: range.upperBound)
  }

  public var description: String { "\(lowerBound)..<\(upperBound)" }
}

/// A query that does not parse: what was found and what was expected, and
/// the range of the offending characters (empty only at the end of input).
public struct QuerySyntaxError: Error, CustomStringConvertible, Sendable {
  public var message: String
  public var range: SourceRange

  public init(_ message: String, at range: SourceRange) {
    self.message = message
    self.range = range
  }

  /// One line for logs; terminals should prefer `renderCaret(query:error:)`.
  public var description: String { "query syntax error at \(range): \(message)" }
}
