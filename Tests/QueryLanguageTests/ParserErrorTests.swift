// Error table: query → message substring and the exact scalar range the caret
// goes under. Ranges are what users see, so they are pinned, not approximated.

import QueryLanguage
import Testing

@Suite struct ParserErrorTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var query: String
    var message: String
    var range: Range<Int>
    init(_ query: String, _ message: String, _ range: Range<Int>) {
      self.query = query
      self.message = message
      self.range = range
    }
    var testDescription: String { "\(query) → \(message)" }
  }

  static let cases: [Case] = [
    // Structure
    .init("", "empty query", 0..<0),
    .init("   ", "empty query", 0..<3),
    .init("(a", "unclosed '('; expected ')'", 0..<1),
    .init("(", "unclosed '('", 0..<1),
    .init("a (b (c)", "unclosed '('", 2..<3),
    .init("a)", "unexpected ')' with no matching '('", 1..<2),
    .init("(a))", "unexpected ')' with no matching '('", 3..<4),
    .init(")", "unexpected ')' with no matching '('", 0..<1),
    .init("a OR )", "unexpected ')' with no matching '('", 5..<6),
    .init("()", "empty parentheses", 0..<2),
    .init("a ( ) b", "empty parentheses", 2..<5),
    .init("a OR", "expected a term after 'OR'", 2..<4),
    .init("a AND", "expected a term after 'AND'", 2..<5),
    .init("a ||", "expected a term after '||'", 2..<4),
    .init("OR a", "expected a term before 'OR'", 0..<2),
    .init("a OR OR b", "expected a term after 'OR', found 'OR'", 5..<7),
    .init("a AND OR b", "expected a term after 'AND', found 'OR'", 6..<8),
    .init("(a OR )", "expected a term after 'OR', found ')'", 6..<7),
    .init("(OR a)", "expected a term after '(', found 'OR'", 1..<3),
    .init("NOT", "expected a term after 'NOT'", 0..<3),
    .init("a NOT", "expected a term after 'NOT'", 2..<5),
    .init("- a", "expected a term right after '-'", 0..<1),
    .init("a -", "expected a term right after '-'", 2..<3),
    .init("(a -)", "expected a term right after '-'", 3..<4),
    // Phrases and quotes
    .init("\"\"", "empty phrase", 0..<2),
    .init("a \" \"", "empty phrase", 2..<5),
    .init("“”", "empty phrase", 0..<2),
    .init("\"abc", "unterminated phrase; expected a closing '\"'", 0..<1),
    .init("x “abc", "unterminated phrase; expected a closing '”'", 2..<3),
    .init("\"abc\\\"", "unterminated phrase", 0..<1),
    .init("abc”", "unexpected closing quote '”'", 3..<4),
    // Fields
    .init("xyz:1", "unknown field 'xyz'; expected one of text, reason, subject", 0..<3),
    .init("人员 foo:bar", "unknown field 'foo'", 3..<6),
    .init("http://example.com", "unknown field 'http'", 0..<4),
    .init("a=b", "unknown field 'a'", 0..<1),
    .init("Amount>5", "unknown field 'Amount'", 0..<6),
    .init("人员:减少", "unexpected ':' in a term; put the term in quotes", 2..<3),
    .init("a1:b", "unexpected ':' in a term", 2..<3),
    .init("reason:a:b", "unexpected ':' in a term", 8..<9),
    .init("人员>5", "unexpected '>' in a term", 2..<3),
    .init("reason:", "expected a value after 'reason:'", 0..<7),
    .init("reason: 人员", "expected a value after 'reason:'", 0..<7),
    .init("amount:", "expected a value after 'amount:'", 0..<7),
    .init("reason>5", "'reason' is not a numeric field; write 'reason:value'", 6..<7),
    .init("kind>=1", "'kind' is not a numeric field", 4..<5),
    .init("reason:(dept:x)", "field 'dept' inside 'reason:( … )'", 8..<12),
    .init("reason:()", "empty parentheses", 7..<9),
    .init("reason:(a", "unclosed '('", 7..<8),
    // Keyword values
    .init("kind:年度", "invalid value '年度' for 'kind'; expected one of 预算, 决算", 5..<7),
    .init("basis:x", "invalid value 'x' for 'basis'; expected one of 上年, 预算", 6..<7),
    .init("type:table", "expected one of statement, project, passage", 5..<10),
    .init("type:\"stat ement\"", "invalid value 'stat ement' for 'type'", 5..<17),
    .init("kind:(预算 OR 年度)", "invalid value '年度' for 'kind'", 12..<14),
    // Numbers
    .init("amount>", "expected a number after 'amount>'", 0..<7),
    .init("amount>=", "expected a number after 'amount>='", 0..<8),
    .init("amount＞", "expected a number after 'amount＞'", 0..<7),
    .init("amount>abc", "expected a number after 'amount>', found 'abc'", 7..<10),
    .init("rate<-", "expected a number after 'rate<', found '-'", 5..<6),
    .init("amount:abc", "expected a number after 'amount:', found 'abc'", 7..<10),
    .init("amount:.5", "expected a number after 'amount:', found '.5'", 7..<9),
    .init("amount:\"5\"", "'amount' takes a number, not a phrase", 7..<10),
    .init(
      "amount>5kg", "unexpected 'kg' after the number; units for 'amount' are 万元, 万, 亿, 亿元, 元",
      8..<10),
    .init("amount>5%", "unexpected '%' after the number; units for 'amount'", 8..<9),
    .init("rate>5万", "unexpected '万' after the number; units for 'rate' are %", 6..<7),
    .init("year:2024年", "unexpected '年' after the number; 'year' takes no unit", 9..<10),
    .init("amount>5.", "unexpected '.' after the number", 8..<9),
    .init("amount>5..10", "unexpected '..10' after the number", 8..<12),
    .init("year:2024.5", "'year' takes a whole number", 5..<11),
    .init("amount>99999999999999999999", "number is too large", 7..<27),
    .init("amount:1..2..3", "unexpected '..3' after the number", 11..<14),
    // Ranges
    .init("rate:-5..-20", "empty range: -5 is greater than -20", 5..<12),
    .init("year:2024..2022", "empty range: 2024 is greater than 2022", 5..<15),
    .init("amount:1亿..5000万", "empty range: 1亿 is greater than 5000万", 7..<16),
    .init("amount:5000..1亿", "empty range: 5000亿 is greater than 1亿", 7..<15),
    .init("amount:..", "a range needs at least one bound", 7..<9),
    // Limits
    .init(
      String(repeating: "(", count: 150) + "a" + String(repeating: ")", count: 150),
      "query nests more than 100 levels deep", 100..<101),
    .init(
      String(repeating: "-", count: 150) + "a", "query nests more than 100 levels deep", 100..<101),
  ]

  @Test(arguments: cases)
  func rejects(_ c: Case) {
    #expect(throws: QuerySyntaxError.self) { try QueryParser.parse(c.query) }
    do {
      _ = try QueryParser.parse(c.query)
    } catch {
      #expect(error.message.contains(c.message), "message: \(error.message)")
      #expect(error.range == SourceRange(c.range), "range: \(error.range)")
    }
  }

  @Test func descriptionNamesRangeAndMessage() {
    let error = QuerySyntaxError("empty phrase", at: .init(3..<5))
    #expect(error.description == "query syntax error at 3..<5: empty phrase")
  }
}
