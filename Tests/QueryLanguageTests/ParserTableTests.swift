// Parser table: query → canonical text (tantivy `query_grammar.rs` style).
// The canonical form shows the tree: implicit AND is a space, groups nested in
// anything are parenthesised, negation is `-`.

import QueryLanguage
import Testing

@Suite struct ParserTableTests {
  static let cases: [(String, String)] = [
    // Terms and phrases
    ("人员减少", "人员减少"),
    ("abc", "abc"),
    ("2.06", "2.06"),
    ("2024年", "2024年"),
    ("a-b", "a-b"),
    ("ANDROID", "ANDROID"),
    ("and or not", "and or not"),
    ("a&&b", "a&&b"),
    ("\"工资基数调增\"", "\"工资基数调增\""),
    ("“工资基数调增”", "\"工资基数调增\""),
    ("＂工资＂", "\"工资\""),
    ("\"工资 基数\"", "\"工资 基数\""),
    ("\"say \\\"hi\\\"\"", "\"say \\\"hi\\\"\""),
    ("\"C:\\data\"", "\"C:\\\\data\""),
    ("\"AND\"", "\"AND\""),
    ("“他说\"好\"”", "\"他说\\\"好\\\"\""),
    ("\"a:b<c\"", "\"a:b<c\""),
    // Boolean structure and precedence: NOT > AND > OR
    ("a b", "a b"),
    ("a AND b", "a b"),
    ("a && b", "a b"),
    ("a OR b", "a OR b"),
    ("a || b", "a OR b"),
    ("NOT a", "-a"),
    ("-a", "-a"),
    ("a -b", "a -b"),
    ("a NOT b", "a -b"),
    ("a OR b c", "a OR (b c)"),
    ("a b OR c", "(a b) OR c"),
    ("a AND b OR c AND d", "(a b) OR (c d)"),
    ("NOT a b", "-a b"),
    ("NOT a OR b", "-a OR b"),
    ("NOT (a OR b) c", "-(a OR b) c"),
    ("-(a b)", "-(a b)"),
    ("(a OR b) (c OR d)", "(a OR b) (c OR d)"),
    ("a OR (b OR c)", "a OR b OR c"),
    ("a (b c)", "a b c"),
    ("((a))", "a"),
    ("--a", "--a"),
    ("NOT NOT a", "--a"),
    ("-\"因公 出国\"", "-\"因公 出国\""),
    ("NOT(a)", "-a"),
    ("a　b", "a b"),
    ("（a OR b）c", "(a OR b) c"),
    // Field scopes
    ("reason:人员减少", "reason:人员减少"),
    ("reason:\"工资 基数\"", "reason:\"工资 基数\""),
    ("reason:“工资”", "reason:\"工资\""),
    ("reason:(人员 OR 工资)", "reason:人员 OR reason:工资"),
    ("reason:(人员 工资)", "reason:人员 reason:工资"),
    ("reason:(人员 -工资)", "reason:人员 -reason:工资"),
    ("reason:(人员 (工资 OR \"基数\"))", "reason:人员 (reason:工资 OR reason:\"基数\")"),
    ("reason:-x", "reason:-x"),
    ("reason:AND", "reason:AND"),
    (
      "text:a subject:b project:c dept:d region:e section:f",
      "text:a subject:b project:c dept:d region:e section:f"
    ),
    ("reason：人员", "reason:人员"),
    // Keyword fields
    ("kind:预算", "kind:预算"),
    ("kind:决算", "kind:决算"),
    ("basis:上年", "basis:上年"),
    ("basis:预算", "basis:预算"),
    ("type:statement", "type:statement"),
    ("type:Project", "type:project"),
    ("type:\"passage\"", "type:passage"),
    ("kind:(预算 OR 决算)", "kind:预算 OR kind:决算"),
    // Numeric comparisons, equality, ranges
    ("amount>100", "amount>100"),
    ("rate<=-10", "rate<=-10"),
    ("change<0", "change<0"),
    ("rate>=0", "rate>=0"),
    ("amount=5", "amount:5"),
    ("year:2024", "year:2024"),
    ("rate:-20..-5", "rate:-20..-5"),
    ("year:2022..2024", "year:2022..2024"),
    ("amount:100..", "amount>=100"),
    ("amount:..50", "amount<=50"),
    ("rate<-10", "rate<-10"),
    ("prior>0 budget<=1 executed>=2", "prior>0 budget<=1 executed>=2"),
    ("amount:>100", "amount>100"),
    ("amount:2.50", "amount:2.50"),
    ("amount:+5", "amount:5"),
    ("amount:0.05", "amount:0.05"),
    ("year:(2022 OR 2024)", "year:2022 OR year:2024"),
    ("rate:(-5 OR -10..-8)", "rate:-5 OR rate:-10..-8"),
    ("rate:(<0 OR >10)", "rate<0 OR rate>10"),
    ("-rate<-10", "-rate<-10"),
    // Units
    ("amount>=100万元", "amount>=100万元"),
    ("amount>1.5亿", "amount>1.5亿"),
    ("amount>1亿元", "amount>1亿元"),
    ("amount<500元", "amount<500元"),
    ("amount:3万", "amount:3万"),
    ("rate>20%", "rate>20%"),
    ("amount:100..200万", "amount:100万..200万"),
    ("amount:5000万..1亿", "amount:5000万..1亿"),
    ("rate:-20%..-5", "rate:-20%..-5%"),
    // Full-width and mathematical operators
    ("amount＞１００", "amount>100"),
    ("rate＜－１０", "rate<-10"),
    ("amount＝５", "amount:5"),
    ("year：２０２４", "year:2024"),
    ("ｙｅａｒ：2024", "year:2024"),
    ("rate≥20", "rate>=20"),
    ("rate≤-5", "rate<=-5"),
    ("rate≧20", "rate>=20"),
    ("rate＞＝２０％", "rate>=20%"),
    ("rate<−10", "rate<-10"),
    ("year:２０２２．．２０２４", "year:2022..2024"),
    // DESIGN.md examples
    ("reason:人员减少 rate<-10", "reason:人员减少 rate<-10"),
    ("\"工资基数调增\" amount>=100", "\"工资基数调增\" amount>=100"),
    ("project:视联网 year:2022..2024", "project:视联网 year:2022..2024"),
    ("dept:组织部 kind:决算 basis:预算 rate>20", "dept:组织部 kind:决算 basis:预算 rate>20"),
    ("(公务用车 OR 公务接待) -因公出国", "(公务用车 OR 公务接待) -因公出国"),
  ]

  @Test(arguments: cases)
  func canonical(input: String, expected: String) throws {
    let node = try QueryParser.parse(input)
    #expect(node.canonical == expected)
    // The canonical text is a fixed point and parses to the same tree.
    let again = try QueryParser.parse(expected)
    #expect(again == node)
    #expect(again.canonical == expected)
  }

  @Test func decimalsAreExact() throws {
    let node = try QueryParser.parse("rate:-2.06")
    let value = DecimalValue(mantissa: -206, scale: 2, unit: nil)
    let bound = NumericBound(value: value, inclusive: true)
    #expect(node == .numeric(field: .rate, lower: bound, upper: bound, range: .init(0..<10)))
    let big = try QueryParser.parse("amount>1.5亿")
    let lower = NumericBound(value: .init(mantissa: 15, scale: 1, unit: "亿"), inclusive: false)
    #expect(big == .numeric(field: .amount, lower: lower, upper: nil, range: .init(0..<11)))
  }

  @Test func leavesCarryScalarRanges() throws {
    // "reason:人员 amount>5 “工资”": offsets count scalars, not UTF-8 bytes.
    let node = try QueryParser.parse("reason:人员 amount>5 “工资”")
    guard case .and(let children) = node, children.count == 3 else {
      Issue.record("expected three clauses, got \(node)")
      return
    }
    #expect(children.map(\.range) == [.init(0..<9), .init(10..<18), .init(19..<23)])
    let group = try QueryParser.parse("reason:(a OR bc)")
    #expect(group.range == SourceRange(8..<15))
  }

  @Test func singleClauseIsNotWrapped() throws {
    let node = try QueryParser.parse("(人员)")
    #expect(node == .term(field: nil, text: "人员", phrase: false, range: .init(1..<3)))
  }

  @Test func equalityIgnoresRanges() throws {
    #expect(try QueryParser.parse("a  AND  b") == QueryParser.parse("a b"))
    #expect(try QueryParser.parse("NOT x") == QueryParser.parse("-x"))
    #expect(try QueryParser.parse("a b") != QueryParser.parse("a OR b"))
  }
}
