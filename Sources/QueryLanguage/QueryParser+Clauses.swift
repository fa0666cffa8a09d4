// The clauses inside one word: terms, `field:value`, comparisons, ranges and
// numbers with units. Called by the boolean parser in QueryParser.swift.
//
// Rule for `:` `<` `>` `=` `≥` `≤` in a bare word: they are query syntax. A word
// that starts with ASCII letters followed by one of them is a field clause,
// and an unknown name is an error (so `http://x` is "unknown field 'http'");
// anywhere else they are an error too. To search for them, quote the text.

extension Parser {
  /// A word: a term, a field clause, or (inside a field group) a value.
  mutating func wordClause(_ token: Token) throws(QuerySyntaxError) -> QueryNode {
    let range = token.range
    var nameEnd = range.lowerBound
    while nameEnd < range.upperBound && Self.isFieldNameScalar(lexer.folded[nameEnd]) {
      nameEnd += 1
    }
    if nameEnd > range.lowerBound, nameEnd < range.upperBound,
      QueryLexer.isOperator(lexer.folded[nameEnd])
    {
      let nameRange = range.lowerBound..<nameEnd
      guard let field = AnyField(name: lexer.foldedText(nameRange)) else {
        let names = AnyField.allNames.joined(separator: ", ")
        throw QuerySyntaxError(
          "unknown field '\(lexer.text(nameRange))'; expected one of \(names)", at: .init(nameRange)
        )
      }
      if let scope {
        throw QuerySyntaxError(
          "field '\(field.name)' inside '\(scope.name):( … )'; a field group applies one field",
          at: .init(nameRange))
      }
      return try fieldClause(field, nameRange: nameRange, end: range.upperBound)
    }
    if let scope { return try value(for: scope, range, clause: nil) }
    try rejectOperators(in: range)
    return .term(field: nil, text: lexer.text(range), phrase: false, range: .init(range))
  }

  /// `name:value`, `name:( … )`, `name:"…"` or `name<op>number`.
  private mutating func fieldClause(
    _ field: AnyField, nameRange: Range<Int>, end: Int
  ) throws(QuerySyntaxError) -> QueryNode {
    let start = nameRange.lowerBound
    let opIndex = nameRange.upperBound
    guard lexer.folded[opIndex] == ":" else {
      guard case .numeric(let numeric) = field else {
        let numericNames = NumericField.allCases.map(\.rawValue).joined(separator: ", ")
        throw QuerySyntaxError(
          "'\(field.name)' is not a numeric field; write '\(field.name):value' "
            + "(comparisons apply to \(numericNames))", at: .init(opIndex..<opIndex + 1))
      }
      return try comparison(numeric, opIndex: opIndex, end: end, clause: start)
    }
    if opIndex + 1 < end { return try value(for: field, opIndex + 1..<end, clause: start) }
    // The value is the group or phrase that follows with no space.
    if peek.range.lowerBound == end && peek.kind == .leftParen {
      let saved = scope
      scope = field
      defer { scope = saved }
      return try parseGroup()
    }
    if peek.range.lowerBound == end && peek.kind == .phrase {
      return try phraseValue(for: field, advance(), clauseStart: start)
    }
    throw QuerySyntaxError(
      "expected a value after '\(lexer.text(start..<end))'", at: .init(start..<end))
  }

  /// The value of `field` written in `range`; the clause starts at `clause`
  /// (the field name), or at the value itself inside a field group.
  mutating func value(
    for field: AnyField, _ range: Range<Int>, clause: Int?
  ) throws(QuerySyntaxError) -> QueryNode {
    let start = clause ?? range.lowerBound
    switch field {
    case .text(let f):
      try rejectOperators(in: range)
      return .term(
        field: f, text: lexer.text(range), phrase: false, range: .init(start..<range.upperBound))
    case .keyword(let f):
      return try keyword(f, lexer.text(range), valueRange: range, clause: start..<range.upperBound)
    case .numeric(let f):
      let first = lexer.folded[range.lowerBound]
      if first != ":" && QueryLexer.isOperator(first) {  // `amount:>5`, `rate:(<0 OR >10)`
        return try comparison(f, opIndex: range.lowerBound, end: range.upperBound, clause: start)
      }
      return try interval(f, range, clause: start)
    }
  }

  /// A phrase given as a field's value: `reason:"…"`, `kind:“决算”`.
  mutating func phraseValue(
    for field: AnyField, _ token: Token, clauseStart: Int
  ) throws(QuerySyntaxError) -> QueryNode {
    let range = clauseStart..<token.range.upperBound
    switch field {
    case .text(let f):
      return .term(field: f, text: token.text, phrase: true, range: .init(range))
    case .keyword(let f):
      return try keyword(f, token.text, valueRange: token.range, clause: range)
    case .numeric(let f):
      throw QuerySyntaxError(
        "'\(f.rawValue)' takes a number, not a phrase", at: .init(token.range))
    }
  }

  private func keyword(
    _ field: KeywordField, _ text: String, valueRange: Range<Int>, clause: Range<Int>
  ) throws(QuerySyntaxError) -> QueryNode {
    let folded = String(String.UnicodeScalarView(text.unicodeScalars.map(QueryLexer.fold)))
    let value = folded.lowercased()  // `type:Statement`; Chinese values are unchanged
    guard field.allowedValues.contains(value) else {
      throw QuerySyntaxError(
        "invalid value '\(text)' for '\(field.rawValue)'; expected one of "
          + field.allowedValues.joined(separator: ", "), at: .init(valueRange))
    }
    return .keyword(field: field, value: value, range: .init(clause))
  }

  private func rejectOperators(in range: Range<Int>) throws(QuerySyntaxError) {
    if let i = range.first(where: { QueryLexer.isOperator(lexer.folded[$0]) }) {
      throw QuerySyntaxError(
        "unexpected '\(lexer.text(i..<i + 1))' in a term; put the term in quotes to search for it",
        at: .init(i..<i + 1))
    }
  }

  static func isFieldNameScalar(_ s: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(s) || ("A"..."Z").contains(s) || s == "_"
  }
}
