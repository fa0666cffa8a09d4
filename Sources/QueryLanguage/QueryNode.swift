// The query AST: what `QueryParser.parse` returns and `QueryEngine` plans from.
// Leaves carry the source range of their clause so later layers can point at
// it (an engine-side error such as an unknown unit still gets a caret).

/// A parsed query. Invariants of parser output, which the engine may rely on:
/// `.and`/`.or` have at least two children and no child of the same kind
/// (nested groups are flattened); a single clause is never wrapped.
public indirect enum QueryNode: Sendable {
  /// A term or phrase; `field == nil` means the default fields. `text` is the
  /// text as typed (phrase escapes removed); the engine normalizes it.
  case term(field: TextField?, text: String, phrase: Bool, range: SourceRange)
  /// An exact value of a keyword field, always one of `field.allowedValues`.
  case keyword(field: KeywordField, value: String, range: SourceRange)
  /// An interval; at least one bound is present. Equality (`year:2024`,
  /// `amount=5`) has both bounds inclusive and equal.
  case numeric(
    field: NumericField, lower: NumericBound?, upper: NumericBound?, range: SourceRange)
  case and([QueryNode])
  case or([QueryNode])
  case not(QueryNode)
}

extension QueryNode {
  /// The source range of a leaf, or the span of a group's leaves.
  public var range: SourceRange {
    switch self {
    case .term(_, _, _, let r), .keyword(_, _, let r), .numeric(_, _, _, let r): return r
    case .not(let child): return child.range
    case .and(let children), .or(let children):
      let ranges = children.map(\.range)
      return SourceRange(
        lowerBound: ranges.map(\.lowerBound).min() ?? 0,
        upperBound: ranges.map(\.upperBound).max() ?? 0)
    }
  }
}

/// Structural equality that ignores source ranges: two queries are equal when
/// they mean the same tree, however they were spaced or spelled (`a AND b` and
/// `a  b`; `NOT x` and `-x`). This is what makes `parse(q.canonical) == q` a
/// testable property and lets callers compare or cache parsed queries.
extension QueryNode: Equatable {
  public static func == (lhs: QueryNode, rhs: QueryNode) -> Bool {
    switch (lhs, rhs) {
    case (.term(let f1, let t1, let p1, _), .term(let f2, let t2, let p2, _)):
      return f1 == f2 && t1 == t2 && p1 == p2
    case (.keyword(let f1, let v1, _), .keyword(let f2, let v2, _)):
      return f1 == f2 && v1 == v2
    case (.numeric(let f1, let l1, let u1, _), .numeric(let f2, let l2, let u2, _)):
      return f1 == f2 && l1 == l2 && u1 == u2
    case (.and(let c1), .and(let c2)), (.or(let c1), .or(let c2)):
      return c1 == c2
    case (.not(let c1), .not(let c2)):
      return c1 == c2
    default:
      return false
    }
  }
}
