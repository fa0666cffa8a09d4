// ConsistencyChecker on the seeds (CORPUS-GUIDE §9) and on small documents.
// The seeds' rounding residues of 0.01 (000 收入 parts, 基本支出; 001 社保,
// 卫生; 002 本年收入, 政府采购; 003 一般公共服务, 卫生; 004 类 201, 工资福利;
// percent lists at 100.01) must not be flagged; the real inconsistencies the
// checks cover must be, and nothing else.
import Testing

@testable import Disclosure

private func parse(_ text: String) -> ParsedDocument {
  DisclosureParser.parse(path: "t.txt", text: text, charset: "UTF-8")
}

@Suite struct CheckerSeedTests {
  /// (seed, line, check) of every finding, in order.
  @Test(arguments: [
    // 100% on a zero base: an item new this year (000–002, 004) and 003's
    // newly founded unit (CORPUS-GUIDE §9 "100% rates on zero bases").
    ("000", ["53 rate"]),
    ("001", ["48 rate"]),
    ("002", ["139 rate", "171 vehicles"]),
    ("003", [
      "27 rate", "30 rate", "30 rate", "37 rate", "38 rate", "39 rate", "40 rate", "41 rate", "42 rate",
      "43 rate", "52 rate", "52 rate", "55 vehicles",
    ]),
    // 车辆 10 辆 价值 192.63 vs parts 0; 整体预算绩效目标 1210.98 vs 收支总预算 1076.35.
    ("004", ["487 rate", "578 sum", "588 coverage"]),
  ])
  func findings(_ seed: String, _ expected: [String]) throws {
    let found = ConsistencyChecker.check(try Seeds.parsed(seed))
    #expect(found.map { "\($0.line) \($0.check)" } == expected)
    #expect(found.allSatisfy { $0.file.hasPrefix(seed) && !$0.numbers.isEmpty && !$0.message.isEmpty })
  }

  @Test func findingNamesTheNumbers() throws {
    let f = ConsistencyChecker.check(try Seeds.parsed("004")).first { $0.check == "coverage" }
    #expect(f?.numbers == ["整体预算绩效目标=1210.98", "收支总预算=1076.35"])
  }
}

@Suite struct CheckerRuleTests {
  @Test func rateMismatch() {
    let doc = parse("公务接待费支出10.00万元,比上年增加2.00万元,增长30.00%,主要原因是接待增加。\n")
    let f = ConsistencyChecker.check(doc)
    #expect(f.map(\.check) == ["rate"])
    #expect(f.first?.numbers == ["amount=10.00", "change=2.00", "rate=30.00%", "expected=25.00%"])
  }

  @Test func rateWithinRounding() {
    // 2.90 / 140.77 = 2.0601…% → 2.06%
    let doc = parse("行政运行(项):支出决算数为143.67万元,比上年决算增加2.90万元,增长2.06%,主要原因是:人员增加。\n")
    #expect(ConsistencyChecker.check(doc).isEmpty)
  }

  @Test func varianceRate() {
    let ok = parse("与年初预算相比,年初预算数211.59万元,决算数254.56万元,预决算差异率20.31%,主要原因是:追加。\n")
    #expect(ConsistencyChecker.check(ok).isEmpty)
    let bad = parse("与年初预算相比,年初预算数200.00万元,决算数250.00万元,预决算差异率20.00%,主要原因是:追加。\n")
    #expect(ConsistencyChecker.check(bad).map(\.check) == ["rate"])
  }

  @Test func partsAndShares() {
    let doc = parse(
      "本年支出100.00万元,其中:基本支出60.00万元,占60.00%;项目支出30.00万元,占35.00%。\n"
        + "本年收入100.00万元,其中:财政拨款收入99.99万元,占99.99%;其他收入0.02万元,占0.02%。\n")
    let f = ConsistencyChecker.check(doc)
    #expect(f.map(\.check) == ["percent", "sum"])
    #expect(f.allSatisfy { $0.line == 1 })
  }

  @Test func threePublicParts() {
    let doc = parse(
      "“三公”经费支出10.00万元,比上年减少1.00万元,下降9.09%,主要原因是压减。其中:因公出国(境)费支出1.00万元,比上年增加0.00万元,增长0.00%,主要原因是未变;"
        + "公务用车购置及运行维护费5.00万元,比上年减少1.00万元,下降16.67%,主要原因是划转;公务接待费支出3.00万元,比上年增加0.00万元,增长0.00%,主要原因是未变。\n")
    let f = ConsistencyChecker.check(doc)
    #expect(f.map(\.check) == ["sum"])
    #expect(f.first?.numbers == ["total=10.00", "parts=1.00+5.00+3.00", "sum=9.00"])
  }

  @Test func structureAgainstTotal() {
    let doc = parse(
      "2024年度一般公共预算财政拨款支出100.00万元,占本年支出合计的100.00%。与上年相比,增加0.00万元,增长0.00%,主要原因是:持平。\n"
        + "1.一般公共服务支出(类)60.00万元,占60.00%。\n2.住房保障支出(类)30.00万元,占30.00%。\n")
    let f = ConsistencyChecker.check(doc)
    #expect(f.map(\.check) == ["percent", "sum"])
  }

  @Test func staffAndVehicles() {
    let doc = parse("实有人数10人,其中:在职人员8人,增加0人;离休人员0人,增加0人;退休人员1人,增加0人。\n公务用车保有量2辆。固定资产车辆2辆。\n")
    #expect(ConsistencyChecker.check(doc).map(\.check) == ["staff"])
  }
}
