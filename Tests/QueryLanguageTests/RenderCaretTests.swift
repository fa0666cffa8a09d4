// Caret rendering: the `^` run sits under the offending characters in
// terminal columns, where CJK and full-width characters take two.

import QueryLanguage
import Testing

@Suite struct RenderCaretTests {
  private func rendered(_ query: String) -> String {
    do {
      _ = try QueryParser.parse(query)
      return "parsed"
    } catch {
      return renderCaret(query: query, error: error)
    }
  }

  @Test func caretAfterCJKText() {
    #expect(
      rendered("reason:人员 xyz:1") == """
        reason:人员 xyz:1
                    ^^^
        unknown field 'xyz'; expected one of text, reason, subject, project, dept, region, \
        section, kind, basis, type, amount, prior, change, rate, year, budget, executed, initial, \
        completion, compared_year, staff, active, active_change, retirees, retirees_change, \
        retired_cadres, retired_cadres_change, vehicles, official_vehicles, procurement, \
        procurement_sme
        """)
  }

  @Test func caretUnderCJKValueIsTwoColumnsPerCharacter() {
    #expect(
      rendered("kind:年度") == """
        kind:年度
             ^^^^
        invalid value '年度' for 'kind'; expected one of 预算, 决算
        """)
  }

  @Test func fullWidthOperatorCountsTwoColumns() {
    #expect(
      rendered("amount＞abc") == """
        amount＞abc
                ^^^
        expected a number after 'amount＞', found 'abc'
        """)
  }

  @Test func emptyRangeGetsOneCaretAndTabsStayAligned() {
    #expect(rendered("") == "\n^\nempty query")
    #expect(
      rendered("a\t(b") == """
        a (b
          ^
        unclosed '('; expected ')'
        """)
  }
}
