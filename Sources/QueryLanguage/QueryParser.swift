// Tokens → QueryNode: the boolean structure (OR < AND < NOT, parentheses,
// field groups). Clauses inside a word (`amount>100`, `kind:决算`) are parsed
// in QueryParser+Clauses.swift. Recursive descent, one token of lookahead.

public enum QueryParser {
  /// Deepest nesting of parentheses and negations accepted. Bounds the
  /// recursion so that hostile input gets an error instead of a stack overflow.
  public static let maxDepth = 100

  /// Parses a query (grammar in docs/QUERY.md). Throws the first error in
  /// reading order, except that phrase quoting errors are found first.
  public static func parse(_ text: String) throws(QuerySyntaxError) -> QueryNode {
    var parser = try Parser(text)
    return try parser.parseQuery()
  }
}

struct Parser {
  let lexer: QueryLexer
  let tokens: [Token]
  var position = 0
  var depth = 0
  var openParens = 0
  /// The field of the enclosing `field:( … )` group, applied to each term in it.
  var scope: AnyField?

  init(_ text: String) throws(QuerySyntaxError) {
    lexer = QueryLexer(text)
    tokens = try lexer.tokenize()
  }

  var peek: Token { tokens[position] }

  @discardableResult
  mutating func advance() -> Token {
    defer { position += 1 }
    return tokens[position]
  }

  mutating func parseQuery() throws(QuerySyntaxError) -> QueryNode {
    if peek.kind == .end {
      throw QuerySyntaxError("empty query", at: .init(0..<lexer.raw.count))
    }
    let node = try parseOr(after: nil)
    // parseOr stops only at the end or at a ')' that closes nothing.
    if peek.kind != .end {
      throw QuerySyntaxError("unexpected ')' with no matching '('", at: .init(peek.range))
    }
    return node
  }

  // MARK: Boolean structure

  private mutating func parseOr(after previous: Token?) throws(QuerySyntaxError) -> QueryNode {
    var items = [try parseAnd(after: previous)]
    while peek.kind == .or {
      let op = advance()
      items.append(try parseAnd(after: op))
    }
    return Self.combine(items, isOr: true)
  }

  private mutating func parseAnd(after previous: Token?) throws(QuerySyntaxError) -> QueryNode {
    var items = [try parseUnary(after: previous)]
    while true {
      if peek.kind == .and {
        let op = advance()
        items.append(try parseUnary(after: op))
      } else if peek.startsClause {
        items.append(try parseUnary(after: nil))
      } else {
        break
      }
    }
    return Self.combine(items, isOr: false)
  }

  private mutating func parseUnary(after previous: Token?) throws(QuerySyntaxError) -> QueryNode {
    try enter(peek)
    defer { depth -= 1 }
    switch peek.kind {
    case .not:
      let op = advance()
      return .not(try parseUnary(after: op))
    case .minus:
      let op = advance()
      // In `rate:( … )` a leading `-` is a sign: `rate:(-5 OR -10)`.
      if case .numeric = scope, peek.kind == .word, peek.range.lowerBound == op.range.upperBound {
        let word = advance()
        return try value(for: scope!, op.range.lowerBound..<word.range.upperBound, clause: nil)
      }
      guard peek.startsClause, peek.range.lowerBound == op.range.upperBound else {
        throw QuerySyntaxError(
          "expected a term right after '-' (no space); use NOT before a spaced term",
          at: .init(op.range))
      }
      return .not(try parseUnary(after: op))
    default:
      return try parsePrimary(after: previous)
    }
  }

  private mutating func parsePrimary(after previous: Token?) throws(QuerySyntaxError) -> QueryNode {
    let token = peek
    switch token.kind {
    case .leftParen:
      return try parseGroup()
    case .word:
      advance()
      return try wordClause(token)
    case .phrase:
      advance()
      if let scope {
        return try phraseValue(for: scope, token, clauseStart: token.range.lowerBound)
      }
      return .term(field: nil, text: token.text, phrase: true, range: .init(token.range))
    default:
      throw missingClause(after: previous)
    }
  }

  /// `( … )`, also the body of a field group (`scope` set by the caller).
  mutating func parseGroup() throws(QuerySyntaxError) -> QueryNode {
    let open = advance()
    if peek.kind == .rightParen {
      throw QuerySyntaxError(
        "empty parentheses", at: .init(open.range.lowerBound..<peek.range.upperBound))
    }
    if peek.kind == .end {
      throw QuerySyntaxError("unclosed '('; expected a term and ')'", at: .init(open.range))
    }
    openParens += 1
    let inner = try parseOr(after: open)
    openParens -= 1
    guard peek.kind == .rightParen else {
      throw QuerySyntaxError("unclosed '('; expected ')'", at: .init(open.range))
    }
    advance()
    return inner
  }

  // MARK: Helpers

  private mutating func enter(_ token: Token) throws(QuerySyntaxError) {
    depth += 1
    if depth > QueryParser.maxDepth {
      throw QuerySyntaxError(
        "query nests more than \(QueryParser.maxDepth) levels deep", at: .init(token.range))
    }
  }

  /// The error for a missing clause, naming the operator that needed it.
  private func missingClause(after previous: Token?) -> QuerySyntaxError {
    let found = peek
    if found.kind == .rightParen && openParens == 0 {
      return QuerySyntaxError("unexpected ')' with no matching '('", at: .init(found.range))
    }
    let foundText = lexer.text(found.range)
    guard let previous else {
      return QuerySyntaxError("expected a term before '\(foundText)'", at: .init(found.range))
    }
    let previousText = lexer.text(previous.range)
    if found.kind == .end {
      return QuerySyntaxError("expected a term after '\(previousText)'", at: .init(previous.range))
    }
    return QuerySyntaxError(
      "expected a term after '\(previousText)', found '\(foundText)'", at: .init(found.range))
  }

  /// One clause stays as it is; nested groups of the same kind are flattened.
  private static func combine(_ items: [QueryNode], isOr: Bool) -> QueryNode {
    if items.count == 1 { return items[0] }
    var flat: [QueryNode] = []
    for item in items {
      switch item {
      case .or(let children) where isOr: flat += children
      case .and(let children) where !isOr: flat += children
      default: flat.append(item)
      }
    }
    return isOr ? .or(flat) : .and(flat)
  }
}
