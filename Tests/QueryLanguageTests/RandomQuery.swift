// Random query trees in the shape the parser produces (flattened AND/OR with
// at least two children, inclusive ranges with ordered bounds, unit-consistent
// range ends), for the round-trip property test.

import QueryLanguage

enum RandomQuery {
  static func make(using rng: inout SplitMix64, depth: Int = 3) -> QueryNode {
    if depth == 0 || rng.chance(40) { return leaf(using: &rng) }
    switch rng.below(3) {
    case 0: return .and(children(excluding: "and", depth: depth, using: &rng))
    case 1: return .or(children(excluding: "or", depth: depth, using: &rng))
    default: return .not(make(using: &rng, depth: depth - 1))
    }
  }

  private static func children(
    excluding kind: String, depth: Int, using rng: inout SplitMix64
  ) -> [QueryNode] {
    (0..<2 + rng.below(3)).map { _ in
      while true {
        let child = make(using: &rng, depth: depth - 1)
        switch (kind, child) {
        case ("and", .and), ("or", .or): continue
        default: return child
        }
      }
    }
  }

  static func leaf(using rng: inout SplitMix64) -> QueryNode {
    let none = SourceRange(0..<0)
    switch rng.below(5) {
    case 0, 1:
      let field = rng.chance(50) ? nil : rng.pick(TextField.allCases)
      return rng.chance(60)
        ? .term(field: field, text: word(using: &rng), phrase: false, range: none)
        : .term(field: field, text: phraseText(using: &rng), phrase: true, range: none)
    case 2:
      let field = rng.pick(KeywordField.allCases)
      return .keyword(field: field, value: rng.pick(field.allowedValues), range: none)
    default:
      return numeric(using: &rng)
    }
  }

  /// A bare word: never a keyword (no `N`/`D`/`R` letters), never starting
  /// with `-`, no whitespace, parentheses, quotes, `:` `<` `>` `=`.
  static func word(using rng: inout SplitMix64) -> String {
    let first = Array("人员减少工资基数调增视联网abcxyzABC0123456789年ａ％")
    let rest = first + Array("-._%'&|")
    var text = String(rng.pick(first))
    for _ in 0..<rng.below(6) { text.append(rng.pick(rest)) }
    return text
  }

  /// Phrase text with characters that need escaping; never blank.
  static func phraseText(using rng: inout SplitMix64) -> String {
    let pool = Array("人员 工资\"\\()：:<>=-“”＂＼AND OR abc12 ")
    var text = String(rng.pick(Array("人员工资abc")))
    for _ in 0..<rng.below(8) {
      text.insert(rng.pick(pool), at: rng.chance(50) ? text.startIndex : text.endIndex)
    }
    return text
  }

  static func numeric(using rng: inout SplitMix64) -> QueryNode {
    let field = rng.pick(NumericField.allCases)
    let unit: String? =
      switch field.unitFamily {
      case .none: nil
      case .percent: rng.pick([nil, "%"])
      case .money: rng.pick([nil, "万元", "万", "亿", "亿元", "元"])
      }
    let a = decimal(field, unit, using: &rng)
    let b = decimal(field, unit, using: &rng)
    let (low, high) = isLess(b, a) ? (b, a) : (a, b)
    let none = SourceRange(0..<0)
    switch rng.below(6) {
    case 0:
      let bound = NumericBound(value: a, inclusive: true)
      return .numeric(field: field, lower: bound, upper: bound, range: none)
    case 1, 2:
      return .numeric(
        field: field, lower: .init(value: a, inclusive: rng.chance(50)), upper: nil, range: none)
    case 3:
      return .numeric(
        field: field, lower: nil, upper: .init(value: a, inclusive: rng.chance(50)), range: none)
    default:
      return .numeric(
        field: field, lower: .init(value: low, inclusive: true),
        upper: .init(value: high, inclusive: true), range: none)
    }
  }

  private static func decimal(
    _ field: NumericField, _ unit: String?, using rng: inout SplitMix64
  ) -> DecimalValue {
    let scale = field.unitFamily == .none ? 0 : rng.below(4)  // counts and years are whole
    let mantissa = Int64(rng.below(2_000_001)) - 1_000_000
    return DecimalValue(mantissa: mantissa, scale: scale, unit: unit)
  }

  /// Same unit on both sides, so comparing scaled mantissas is enough.
  private static func isLess(_ a: DecimalValue, _ b: DecimalValue) -> Bool {
    var x = a.mantissa
    var y = b.mantissa
    for _ in 0..<b.scale { x *= 10 }
    for _ in 0..<a.scale { y *= 10 }
    return x < y
  }
}
