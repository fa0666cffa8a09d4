// The canonical printer: one spelling per AST, used in golden tests, logs and
// cache keys. For every tree the parser produces, `parse(node.canonical)`
// gives back an equal tree (the round-trip property test checks this).

extension QueryNode {
  /// Canonical query text. Spelling rules: implicit AND (a space), ` OR `,
  /// `-` for negation, parentheses around every AND or OR that is not the
  /// whole query (inside an OR they are not needed, but read more easily);
  /// `"…"` phrases with `\"` and `\\` escaped; numeric clauses as
  /// `f:V` (equality), `f>V`/`f>=V`/`f<V`/`f<=V` (one bound), `f:L..U` (both
  /// inclusive).
  ///
  /// Trees the parser cannot produce still print as valid queries where they
  /// can: a bare term that would not lex as one word prints as a phrase, and
  /// an interval with an exclusive end prints as an AND of two comparisons.
  /// A numeric node with no bounds prints as `f:..`, which does not parse.
  public var canonical: String { printed(nested: false) }

  private func printed(nested: Bool) -> String {
    switch self {
    case .term(let field, let text, let phrase, _):
      let prefix = field.map { "\($0.rawValue):" } ?? ""
      let bare = !phrase && QueryLexer.isBareWord(text, asFieldValue: field != nil)
      return prefix + (bare ? text : Self.quoted(text))
    case .keyword(let field, let value, _):
      let bare = QueryLexer.isBareWord(value, asFieldValue: true)
      return "\(field.rawValue):" + (bare ? value : Self.quoted(value))
    case .numeric(let field, let lower, let upper, _):
      return Self.comparison(field.rawValue, lower, upper)
    case .and(let children):
      let body = children.map { $0.printed(nested: $0.isGroup) }.joined(separator: " ")
      return nested ? "(\(body))" : body
    case .or(let children):
      let body = children.map { $0.printed(nested: $0.isGroup) }.joined(separator: " OR ")
      return nested ? "(\(body))" : body
    case .not(let child):
      return "-" + child.printed(nested: child.isGroup)
    }
  }

  private var isGroup: Bool {
    switch self {
    case .and, .or: true
    default: false
    }
  }

  private static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      // Full-width `＂` and `＼` fold to ASCII in the lexer, so they need escaping too.
      let folded = QueryLexer.fold(scalar)
      if folded == "\"" || folded == "\\" { out.unicodeScalars.append("\\") }
      out.unicodeScalars.append(scalar)
    }
    return out + "\""
  }

  private static func comparison(
    _ name: String, _ lower: NumericBound?, _ upper: NumericBound?
  ) -> String {
    switch (lower, upper) {
    case (let l?, let u?) where l.inclusive && u.inclusive:
      return l.value == u.value ? "\(name):\(l.value)" : "\(name):\(l.value)..\(u.value)"
    case (let l?, let u?):
      return "(\(comparison(name, l, nil)) \(comparison(name, nil, u)))"
    case (let l?, nil):
      return "\(name)\(l.inclusive ? ">=" : ">")\(l.value)"
    case (nil, let u?):
      return "\(name)\(u.inclusive ? "<=" : "<")\(u.value)"
    case (nil, nil):
      return "\(name):.."
    }
  }
}
