// Numeric clauses: comparisons (`amount>=100`, `rate≤-10`), equality
// (`year:2024`, `amount=5`), ranges (`rate:-20..-5`, `amount:100..`) and the
// numbers in them (`-2.06`, `1.5亿`, `20%`). Values stay exact (DecimalValue).

extension Parser {
  /// `<op>number` starting at `opIndex`; the clause starts at `clause`.
  func comparison(
    _ field: NumericField, opIndex: Int, end: Int, clause: Int
  ) throws(QuerySyntaxError) -> QueryNode {
    let folded = lexer.folded
    var numberStart = opIndex + 1
    var inclusive = true
    switch folded[opIndex] {
    case ">", "<":
      if numberStart < end && folded[numberStart] == "=" {
        numberStart += 1
      } else {
        inclusive = false
      }
    default: break  // `=`, `≥`, `≤`
    }
    let opText = lexer.text(clause..<numberStart)
    guard numberStart < end else {
      throw QuerySyntaxError("expected a number after '\(opText)'", at: .init(clause..<end))
    }
    let bound = NumericBound(
      value: try number(field, numberStart..<end, after: opText), inclusive: inclusive)
    let range = SourceRange(clause..<end)
    switch folded[opIndex] {
    case ">", "≥": return .numeric(field: field, lower: bound, upper: nil, range: range)
    case "<", "≤": return .numeric(field: field, lower: nil, upper: bound, range: range)
    default: return .numeric(field: field, lower: bound, upper: bound, range: range)
    }
  }

  /// `number` (equality) or `lower..upper` with either end optional. A range
  /// end without a unit takes the other end's: `amount:100..200万` is
  /// 100万..200万, as one would read it.
  func interval(
    _ field: NumericField, _ range: Range<Int>, clause: Int
  ) throws(QuerySyntaxError) -> QueryNode {
    let context = "\(field.rawValue):"
    let node = { (lower: NumericBound?, upper: NumericBound?) in
      QueryNode.numeric(
        field: field, lower: lower, upper: upper, range: .init(clause..<range.upperBound))
    }
    guard let dots = firstDoubleDot(in: range) else {
      let bound = NumericBound(value: try number(field, range, after: context), inclusive: true)
      return node(bound, bound)
    }
    let lowerRange = range.lowerBound..<dots
    let upperRange = dots + 2..<range.upperBound
    if lowerRange.isEmpty && upperRange.isEmpty {
      throw QuerySyntaxError(
        "a range needs at least one bound, as in '\(context)1..5'", at: .init(range))
    }
    var lower = lowerRange.isEmpty ? nil : try number(field, lowerRange, after: context)
    var upper = upperRange.isEmpty ? nil : try number(field, upperRange, after: context)
    if let l = lower, let u = upper {
      if l.unit == nil { lower?.unit = u.unit }
      if u.unit == nil { upper?.unit = l.unit }
      if lower!.isGreater(than: upper!) {
        throw QuerySyntaxError(
          "empty range: \(lower!) is greater than \(upper!)", at: .init(range))
      }
    }
    return node(
      lower.map { NumericBound(value: $0, inclusive: true) },
      upper.map { NumericBound(value: $0, inclusive: true) })
  }

  /// `[+-]digits[.digits][unit]`, checked against the field's units.
  /// `context` is the text before the number, for "expected a number after …".
  func number(
    _ field: NumericField, _ range: Range<Int>, after context: String
  ) throws(QuerySyntaxError) -> DecimalValue {
    let folded = lexer.folded
    var i = range.lowerBound
    let negative = folded[i] == "-"
    if negative || folded[i] == "+" { i += 1 }
    var mantissa: Int64 = 0
    var scale = 0
    var overflow = false
    func take(_ digit: Int64) {
      let (times10, o1) = mantissa.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times10.addingReportingOverflow(digit)
      overflow = overflow || o1 || o2
      mantissa = sum
    }
    let digitsStart = i
    while i < range.upperBound, let d = Self.digit(folded[i]) {
      take(d)
      i += 1
    }
    guard i > digitsStart else {
      throw QuerySyntaxError(
        "expected a number after '\(context)', found '\(lexer.text(range))'", at: .init(range))
    }
    if i + 1 < range.upperBound, folded[i] == ".", Self.digit(folded[i + 1]) != nil {
      i += 1
      while i < range.upperBound, let d = Self.digit(folded[i]) {
        take(d)
        scale += 1
        i += 1
      }
    }
    if overflow {
      throw QuerySyntaxError(
        "number is too large to hold exactly", at: .init(range.lowerBound..<i))
    }
    if field.spec.wholeNumber && scale > 0 {
      throw QuerySyntaxError(
        "'\(field.rawValue)' takes a whole number", at: .init(range.lowerBound..<i))
    }
    let unit = try self.unit(field, i..<range.upperBound)
    return DecimalValue(mantissa: negative ? -mantissa : mantissa, scale: scale, unit: unit)
  }

  /// The unit suffix in `range` (nil when empty); it must be one the field accepts.
  private func unit(
    _ field: NumericField, _ range: Range<Int>
  ) throws(QuerySyntaxError) -> String? {
    if range.isEmpty { return nil }
    let spelling = lexer.foldedText(range)
    let allowed = field.spec.units.spellings
    guard allowed.contains(spelling) else {
      let expected =
        allowed.isEmpty
        ? "'\(field.rawValue)' takes no unit"
        : "units for '\(field.rawValue)' are \(allowed.joined(separator: ", "))"
      throw QuerySyntaxError(
        "unexpected '\(lexer.text(range))' after the number; \(expected)", at: .init(range))
    }
    return spelling
  }

  private func firstDoubleDot(in range: Range<Int>) -> Int? {
    var i = range.lowerBound
    while i + 1 < range.upperBound {
      if lexer.folded[i] == "." && lexer.folded[i + 1] == "." { return i }
      i += 1
    }
    return nil
  }

  private static func digit(_ s: Unicode.Scalar) -> Int64? {
    ("0"..."9").contains(s) ? Int64(s.value - 0x30) : nil
  }
}
