// Errors of query execution. Index errors pass through as IndexFormatError;
// query problems the parser could not see (a unit a field does not take) carry
// the source range so the CLI can put a caret under them.
import IndexFormat
import QueryLanguage
import TextAnalysis

public enum SearchError: Error, CustomStringConvertible {
  case index(IndexFormatError)
  case analysis(AnalysisError)
  /// A query that parsed but cannot run: message and where in the query.
  case query(message: String, range: SourceRange)

  public var description: String {
    switch self {
    case .index(let e): return e.description
    case .analysis(let e): return e.description
    case .query(let message, _): return message
    }
  }
}
