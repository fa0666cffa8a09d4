// The sentence family beyond the seeds (CORPUS-GUIDE §10, issue 3): units,
// comparators, verbs, no-change words, non-comparable rates, budget
// completion, reason markers, numbered and later-sentence reasons, paired
// values, pipe tables, project codes, Traditional script, typed figures.
import Testing

@testable import Disclosure

private func parse(_ text: String) -> ParsedDocument {
  DisclosureParser.parse(path: "t.txt", text: text, charset: "UTF-8")
}

private func one(_ text: String) throws -> Record {
  let doc = parse(text)
  #expect(doc.statements.count == 1, "\(doc.statements.map(\.text))")
  return try #require(doc.statements.first)
}

@Suite struct UnitTests {
  @Test func yuanConvertsWhenExact() throws {
    let s = try one("公务接待费支出21,900元,比上年减少3,500元,下降13.78%,主要原因是:压缩接待。\n")
    #expect(s.subject == "公务接待费" && s.amount == 219 && s.change == -35 && s.rate == -1378)
  }

  @Test func yuanWithMorePrecisionKeepsNoValue() throws {
    let s = try one("公务接待费支出12,345.67元,比上年增加1,234.56元,增长11.11%,主要原因是:接待增加。\n")
    #expect(s.amount == nil && s.change == nil && s.rate == 1111)
    #expect(s.text.contains("12,345.67元"))
  }

  @Test func yiYuan() throws {
    let s = try one("一般公共预算财政拨款支出1.2345亿元,比上年增加0.05亿元,增长4.22%,主要原因是:项目增加。\n")
    #expect(s.amount == 1_234_500 && s.change == 50_000 && s.rate == 422)
  }

  @Test func unitPriceIsNotMoney() {
    let doc = parse("培训标准比上年增加50元/人,增长10.00%。\n")
    #expect(doc.statements.allSatisfy { $0.change == nil })
  }
}

@Suite struct ComparatorTests {
  @Test func tongbi() throws {
    let s = try one("机关运行经费支出35.20万元,同比下降12.50%,主要是厉行节约。\n")
    #expect(s.subject == "机关运行经费" && s.amount == 3520 && s.rate == -1250 && s.basis == .lastYear)
    #expect(s.reason == "厉行节约")
  }

  @Test func jiaoShangnian() throws {
    let s = try one("“三公”经费支出8.00万元,较上年减少2.00万元,降低20.00%,原因是公务用车划转。\n")
    #expect(s.change == -200 && s.rate == -2000 && s.basis == .lastYear && s.reason == "公务用车划转")
  }

  @Test func jiaoYearJuesuanshu() throws {
    let s = try one("2024年度支出决算合计1,500.00万元,较2023年度决算数增加100.00万元,增长7.14%,主要原因是人员增加。\n")
    #expect(s.amount == 150000 && s.change == 10000 && s.rate == 714 && s.comparedYear == 2023 && s.basis == .lastYear)
  }

  @Test func yuYearXiangbi() throws {
    let s = try one("基本支出300.00万元,与2023年相比,减少30.00万元,下降9.09%,主要原因是退休人员增加。\n")
    #expect(s.subject == "基本支出" && s.comparedYear == 2023 && s.change == -3000 && s.rate == -909)
  }

  @Test func tongkoujing() throws {
    let s = try one("项目支出120.00万元,同口径比2023年增长20.00%,主要原因是新增项目。\n")
    #expect(s.subject == "项目支出" && s.amount == 12000 && s.rate == 2000 && s.comparedYear == 2023)
  }

  @Test func statedPrior() throws {
    let s = try one("公务接待费1969万元,较2024年的2190万元减少221万元,下降10.09%,主要原因是压减接待。\n")
    #expect(s.amount == 196_900 && s.prior == 219_000 && s.change == -22_100 && s.rate == -1009 && s.comparedYear == 2024)
  }

  @Test func beforeEpidemic() throws {
    let s = try one("因公出国(境)费支出15.00万元,比2019年(疫情前)下降50.00%,主要原因是出访减少。\n")
    #expect(s.subject == "因公出国(境)费" && s.rate == -5000 && s.comparedYear == 2019)
  }
}

@Suite struct VerbTests {
  @Test func jiangdi() throws {
    let s = try one("公用经费比上年降低5.00万元,降低10.00%,主要原因是节约开支。\n")
    #expect(s.subject == "公用经费" && s.change == -500 && s.rate == -1000)
  }

  @Test func zengfuJianfu() throws {
    let a = try one("人员经费200.00万元,比上年增加20.00万元,增幅11.11%,主要原因是工资调标。\n")
    #expect(a.rate == 1111 && a.change == 2000)
    let b = try one("公用经费20.00万元,比上年减少5.00万元,减幅为20.00%,主要原因是压减。\n")
    #expect(b.rate == -2000 && b.change == -500)
  }

  @Test func twoWayVerbTakesTheNumbersSign() throws {
    let s = try one("培训费支出8.00万元,比上年增加(减少)-2.00万元,增长(下降)-20.00%,主要原因是培训减少。\n")
    #expect(s.change == -200 && s.rate == -2000)
  }

  @Test func parenthesizedVerb() throws {
    let s = try one("会议费支出3.00万元,比上年(减少)1.00万元,下降25.00%,主要原因是会议减少。\n")
    #expect(s.change == -100 && s.rate == -2500)
  }

  @Test func le() throws {
    let s = try one("差旅费支出6.00万元,比上年减少了2.00万元,减少了25.00%,主要原因是出差减少。\n")
    #expect(s.change == -200 && s.rate == -2500)
  }

  @Test func increasedToIsNotAChange() {
    let doc = parse("支出由100.00万元增加为120.00万元。\n")
    #expect(doc.statements.isEmpty)
  }
}

@Suite struct NoChangeTests {
  @Test func chiping() throws {
    let s = try one("公务接待费支出2.00万元,与上年持平。\n")
    #expect(s.subject == "公务接待费" && s.amount == 200 && s.change == 0 && s.rate == 0 && s.basis == .lastYear)
  }

  @Test func wuzengjianAndWubianhua() throws {
    let a = try one("因公出国(境)费支出0.00万元,比上年无增减,主要原因是未安排出国。\n")
    #expect(a.change == 0 && a.rate == 0 && a.reason == "未安排出国")
    let b = try one("公务用车购置费0.00万元,较上年无变化。\n")
    #expect(b.change == 0 && b.rate == 0)
  }

  @Test func roughlyFlatStatesNoNumber() {
    let doc = parse("公务接待费支出2.01万元,与上年基本持平。\n")
    #expect(doc.statements.isEmpty)
  }
}

@Suite struct NotComparableTests {
  @Test func dashesWithBaseZero() throws {
    let s = try one("公务接待费支出1.20万元,比上年增加1.20万元,增长--(基数为0,不可比),主要原因是新增接待任务。\n")
    #expect(s.change == 120 && s.rate == nil && s.reason == "新增接待任务")
  }

  @Test func rateNotComparable() throws {
    let s = try one("培训费支出3.00万元,比上年增加3.00万元,增长率无可比性,主要原因是上年无此项支出。\n")
    #expect(s.change == 300 && s.rate == nil && s.reason == "上年无此项支出")
  }
}

@Suite struct CompletionTests {
  @Test func completionOfBudget() throws {
    let s = try one("2024年度一般公共预算财政拨款支出决算数为950.00万元,完成全年预算(1,000.00万元)的95.00%。决算数小于预算数的主要原因是:项目结转。\n")
    #expect(s.subject == "一般公共预算财政拨款支出" && s.amount == 95000 && s.prior == 100000)
    #expect(s.completion == 9500 && s.rate == nil && s.basis == .budget && s.reason == "项目结转")
  }

  @Test func completionWithoutBudgetAmount() throws {
    let s = try one("机关运行经费支出48.00万元,完成预算的96.00%,主要原因是厉行节约。\n")
    #expect(s.completion == 9600 && s.prior == nil && s.amount == 4800)
  }
}

@Suite struct ReasonMarkerTests {
  @Test(arguments: [
    ("主要原因是", "人员减少"), ("主要是", "人员减少"), ("原因是", "人员减少"), ("原因为", "人员减少"),
    ("主要情况:", "人员减少"), ("增加原因为", "人员减少"), ("增长原因是", "人员减少"), ("增加的主要原因是:", "人员减少"),
  ])
  func markers(_ marker: String, _ reason: String) throws {
    let s = try one("人员经费100.00万元,比上年增加10.00万元,增长11.11%,\(marker)\(reason)。\n")
    #expect(s.reason == reason)
  }

  @Test func reasonInTheNextSentence() throws {
    let s = try one("公用经费比上年减少5.00万元,下降15.00%。下降的原因主要是压减会议费。\n")
    #expect(s.reason == "压减会议费")
  }

  @Test func numberedReasonsInALaterSentence() throws {
    let s = try one("“三公”经费支出5.00万元,比上年减少1.00万元,下降16.67%。下降的主要原因:一是严控出国;二是公务用车减少。\n")
    #expect(s.reason == "一是严控出国;二是公务用车减少")
  }

  @Test func numberedReasonsOverSentences() throws {
    let s = try one(
      "基本支出100.00万元,比上年减少10.00万元,下降9.09%,主要原因是:1.在职人员减少2名。2.公用经费压减。3.无新购车辆。\n")
    #expect(s.reason == "1.在职人员减少2名。2.公用经费压减。3.无新购车辆")
    let t = try one("基本支出100.00万元,比上年减少10.00万元,下降9.09%,主要原因是:一是在职人员减少。二是公用经费压减。\n")
    #expect(t.reason == "一是在职人员减少。二是公用经费压减")
  }

  @Test func numberedItemStartingWithAYear() throws {
    // `2.2023` alone reads as a decimal; after item 1 it is item 2.
    let s = try one(
      "公路水路运输(款)一般行政管理事务(项):支出决算数为20.00万元,比上年决算增加5.00万元,增长33.33%,"
        + "主要原因是:1.本年新增交通战备工作经费项目,支出相应增加。2.2023 年大理市交通战备工作经费项目支出增加。\n")
    #expect(s.reason == "1.本年新增交通战备工作经费项目,支出相应增加。2.2023 年大理市交通战备工作经费项目支出增加")
    // Without an open list a `2.50` after the reason is not a new item.
    let t = try one("基本支出100.00万元,比上年减少10.00万元,下降9.09%,主要原因是:人员减少。2.50万元为结转。\n")
    #expect(t.reason == "人员减少")
  }

  @Test(arguments: ["产生差异的原因是:", "差异原因是:", "形成差异的原因:", "差异的主要原因是:", "造成差异的原因是"])
  func varianceLeadIns(_ leadIn: String) throws {
    let s = try one("财政拨款收入支出总体年初预算数100.00万元,决算数82.92万元,预决算差异率-17.08%,\(leadIn)本年相关项目年中调减。\n")
    #expect(s.reason == "本年相关项目年中调减" && s.rate == -1708 && s.basis == .budget)
  }

  @Test func leadInNamingASubjectIsNotAReason() throws {
    let s = try one("基本支出100.00万元,比上年减少10.00万元,下降9.09%。公用经费减少的原因是压减会议。\n")
    #expect(s.reason == "")
  }
}

@Suite struct SentenceShapeTests {
  @Test func amountThenChangeInTheNextSentence() throws {
    let s = try one("2024年度机关运行经费支出12.00万元。较上年减少2.00万元,下降14.29%,主要原因是节约开支。\n")
    #expect(s.subject == "机关运行经费" && s.amount == 1200 && s.change == -200 && s.rate == -1429)
  }

  @Test func pairedValues() {
    let doc = parse("因公出国(境)费和公务接待费比上年各减少1.00,2.00万元,各下降10.00%、20.00%,主要原因是压减支出。\n")
    #expect(doc.statements.map(\.subject) == ["因公出国(境)费", "公务接待费"])
    #expect(doc.statements.map(\.change) == [-100, -200])
    #expect(doc.statements.map(\.rate) == [-1000, -2000])
    #expect(doc.statements.allSatisfy { $0.reason == "压减支出" && $0.basis == .lastYear && $0.amount == nil })
  }

  @Test func pairedValuesWithFenbie() {
    let doc = parse("公务用车购置费、公务用车运行维护费分别比上年减少3.00万元、1.50万元,分别下降100.00%、15.00%。\n")
    #expect(doc.statements.map(\.subject) == ["公务用车购置费", "公务用车运行维护费"])
    #expect(doc.statements.map(\.change) == [-300, -150])
    #expect(doc.statements.map(\.rate) == [-10000, -1500])
  }

  @Test func pairedCountMismatchStaysAPassage() {
    let doc = parse("因公出国(境)费、公务接待费和会议费各减少1.00,2.00万元,各下降10.00%、20.00%。\n")
    #expect(doc.statements.isEmpty)
    #expect(doc.passages.count == 1)
  }
}

@Suite struct TraditionalScriptTests {
  @Test func traditionalMarkers() throws {
    let s = try one("一般公共服務支出(類)行政運行(項):支出決算數為143.67萬元,比上年決算減少2.90萬元,下降1.98%,主要原因是:本年在職人員減少。\n")
    #expect(s.subject == "一般公共服務支出(類)行政運行(項)")
    #expect(s.amount == 14367 && s.change == -290 && s.rate == -198 && s.basis == .lastYear)
    #expect(s.reason == "本年在職人員減少")
  }

  @Test func traditionalComparatorsAndLabels() throws {
    let s = try one("機關運行經費支出20.00萬元,與上年相比增長10.00%,主要原因是辦公費增加。\n")
    #expect(s.subject == "机关运行经费" && s.rate == 1000 && s.basis == .lastYear)
  }
}

@Suite struct TableFamilyTests {
  @Test func pipeTableProject() {
    let doc = parse(
      "| 项目名称 | 干部教育培训经费 |\n|---|---|\n| 年初预算数 | 全年预算数 | 全年执行数 |\n| 年度资金总额 | 100.00 | 90.00 | 85.50 |\n")
    #expect(doc.projects.count == 1)
    let p = doc.projects.first
    #expect(p?.subject == "干部教育培训经费" && p?.initialBudget == 10000 && p?.budget == 9000 && p?.executed == 8550)
  }

  @Test func projectCodesAreStripped() {
    let doc = parse("项目名称\t65230024T000000123456 档案数字化经费\t\t\n项目名称\t[2024-001]视联网运维经费\t\t\n项目名称\t2024年机关运行补助经费\t\n")
    #expect(doc.projects.map(\.subject) == ["档案数字化经费", "视联网运维经费", "2024年机关运行补助经费"])
  }
}

@Suite struct FigureTests {
  @Test func staffCounts() throws {
    let doc = parse("本单位编制数20,实有人数25人,其中:在职人员18人,减少2人;离休人员1人,增加0人;退休人员6人,增加1人。\n")
    let r = try #require(doc.passages.first)
    #expect(r.staffTotal == 25 && r.staffActive == 18 && r.staffActiveChange == -2)
    #expect(r.staffRetiredCadres == 1 && r.staffRetiredCadresChange == 0 && r.staffRetirees == 6 && r.staffRetireesChange == 1)
  }

  @Test func reasonHeadcountsAreNotStaffFigures() throws {
    let s = try one("人员经费100.00万元,比上年增加10.00万元,增长11.11%,主要原因是本年退休2人。\n")
    #expect(s.staffRetirees == nil)
  }

  @Test func procurementAndVehicles() {
    let doc = parse(
      "2024年度政府采购支出总额16.02万元,其中:政府采购货物支出14.19万元。\n授予中小企业合同金额16.02万元,占政府采购支出总额的100.00%。\n"
        + "公务用车购置数0辆,公务用车保有量5辆。国有资产占用情况中固定资产车辆3辆,与公务用车保有量差异原因是:划转。\n租用车辆7辆。\n")
    let p = doc.passages
    #expect(p[0].procurementTotal == 1602)
    #expect(p[1].procurementSME == 1602)
    #expect(p[2].officialVehicles == 5 && p[2].vehicles == 3)
    #expect(p[3].vehicles == nil)
  }
}
