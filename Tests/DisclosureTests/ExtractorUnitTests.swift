// Small synthetic documents for rules the seeds exercise only once or not at all.
import Foundation
import Testing

@testable import Disclosure

private func parse(_ text: String, path: String = "t.txt") -> ParsedDocument {
  DisclosureParser.parse(path: path, text: text, charset: "UTF-8")
}

@Suite struct StatementRuleTests {
  @Test func reasonOnlyStatementNeedsAnAmount() {
    let doc = parse("会议费支出5.00万元,主要原因是:本年召开会议增加。\n本年无此项支出,主要原因是:未安排。\n")
    #expect(doc.statements.count == 1)
    let s = doc.statements[0]
    #expect(s.subject == "会议费支出" && s.amount == 500 && s.change == nil && s.rate == nil && s.basis == nil)
    #expect(s.reason == "本年召开会议增加")
  }

  @Test func lookAlikeMarkersAreNotReasons() {
    let doc = parse(
      "车辆2辆,价值30.00万元,其中:其他用车2辆,其他用车主要是:一般公务用车。\n"
        + "固定资产车辆0辆,价值0.00万元,与公务用车保有量差异原因是:本单位无固定资产车辆。\n")
    #expect(doc.statements.isEmpty)
    #expect(doc.passages.count == 2)
  }

  @Test func numbersInReasonsDoNotStartStatements() {
    let doc = parse("公务接待费支出1.00万元,比上年减少0.50万元,下降33.33%,主要原因是:本年驻村人员减少1名,接待减少0.50万元。\n")
    #expect(doc.statements.count == 1)
    #expect(doc.statements[0].reason == "本年驻村人员减少1名,接待减少0.50万元")
  }

  @Test func partialChangeNeedsAComparator() {
    let doc = parse("本年新增人员,人员经费增加2.00万元。\n差旅费比上年增加2.00万元。主要原因是出差增加。\n")
    #expect(doc.statements.count == 1)
    let s = doc.statements[0]
    #expect(s.subject == "差旅费" && s.change == 200 && s.rate == nil && s.basis == .lastYear)
    #expect(s.reason == "出差增加")
  }

  @Test func semicolonEndsReasonBeforeANewStatement() {
    let doc = parse(
      "“三公”经费比上年预算减少 1.00 万元,下降 10.00%,其中:公务接待费减少 1.00 万元,下降 20.00%,主要原因是压减接待;"
        + "因公出国(境)费增加 0.00 万元,增长 0.00%,主要原因是未安排;本年无变化。\n")
    #expect(doc.statements.map(\.subject) == ["“三公”经费", "公务接待费", "因公出国(境)费"])
    #expect(doc.statements.map(\.reason) == ["", "压减接待", "未安排;本年无变化"])
    #expect(doc.statements.allSatisfy { $0.basis == .lastYear })
  }

  @Test func signedRatesAndThousands() {
    let doc = parse("与年初预算相比,年初预算数 1,753.38 万元,决算数 1,693.16 万元,预决算差异率-3.43%,主要原因是:调减。\n")
    let s = doc.statements[0]
    #expect(s.subject == "" && s.prior == 175338 && s.amount == 169316 && s.rate == -343 && s.basis == .budget)
  }

  @Test func moreDecimalsThanHundredthsAreNotRounded() {
    let doc = parse("公务接待费支出1.005万元,比上年增加0.5万元,增长100.123%,主要原因是:接待增加。\n")
    let s = doc.statements[0]
    #expect(s.amount == nil && s.change == 50 && s.rate == nil)
  }
}

@Suite struct LayoutRuleTests {
  @Test func pageBreakSplitsAreJoined() {
    let doc = parse(
      "三、关于某部门 2024 年支出预\n\n算情况说明\n\n住房公积金(项):2024年预算数为77.55万元,比上年预算增加\n\n8.84 万元,增长 12.87%,主\n\n要原因是:基数增加。\n")
    #expect(doc.statements.count == 1)
    let s = doc.statements[0]
    #expect(s.line == 5 && s.change == 884 && s.reason == "基数增加")
    #expect(s.section == "三、关于某部门 2024 年支出预算情况说明")
  }

  @Test func numberedListItemsAreNotHeadings() {
    let doc = parse("二、机构设置及人员情况\n下属单位包括:\n1. 甲单位(本级)\n2. 乙服务中心\n编制数 5,实有人数 5 人。\n")
    let last = doc.records.last!
    #expect(last.text == "编制数 5,实有人数 5 人。")
    #expect(last.section == "二、机构设置及人员情况")
  }

  @Test func shortNumberedTitlesAreHeadings() {
    let doc = parse("第二部分 情况说明\n三、支出情况\n1.项目运行情况\n项目运行良好。\n")
    #expect(doc.records.last?.section == "第二部分 情况说明 > 三、支出情况 > 1.项目运行情况")
  }

  @Test func markupAndBulletsAreStripped() {
    let doc = parse("一、**财政拨款收入**:指同级财政当年拨付的资金。\n- 二、《收入决算表》\n甲\t<p>乙</p> <p>丙</p>\t\n")
    #expect(doc.records.map(\.text) == ["一、财政拨款收入:指同级财政当年拨付的资金。", "二、《收入决算表》", "甲 | 乙 丙"])
  }

  @Test func tableOfContentsIsSkipped() {
    let doc = parse("某局 2024 年度部门决算\n\n目 录\n\n第一部分 概况\n\n一、职能\n\n第一部分 概况\n\n一、职能\n\n负责某事。\n")
    #expect(doc.records.map(\.line) == [1, 9, 11, 13])
    #expect(doc.info.department == "某局" && doc.info.kind == .finalAccount && doc.info.year == 2024)
  }

  @Test func docxTableRowsAndProjects() {
    let text = """
      \t项目名称
      \t培训经费

      \t项目资金(万元)
      \t
      \t年初预算数
      \t全年预算数
      \t全年执行数

      \t
      \t年度资金总额
      \t1,200.00
      \t1,100.50
      \t1,000.00
      \t10

      """
    let doc = parse(text)
    #expect(doc.projects.count == 1)
    let p = doc.projects[0]
    #expect(p.subject == "培训经费" && p.initialBudget == 120000 && p.budget == 110050 && p.executed == 100000)
    #expect(doc.passages.map(\.text) == ["项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数"])
    #expect(doc.passages[0].line == 4)
  }
}

@Suite struct MetadataRuleTests {
  @Test func regionFromGazetteerAndPrefixStripping() {
    let info = parse("新疆巴州和静县财政局 2023 年\n部门预算公开\n").info
    #expect(info.department == "和静县财政局")
    #expect(info.region == "新疆 巴音郭楞蒙古自治州 和静县")
    #expect(info.year == 2023 && info.kind == .budget)
  }

  @Test(arguments: [
    // (title, department, region)
    ("库车市财政局2024年度部门决算公开说明", "库车市财政局", "新疆 阿克苏地区 库车市"),
    ("乌鲁木齐市天山区审计局2024年度部门决算公开说明", "乌鲁木齐市天山区审计局", "新疆 乌鲁木齐市 天山区"),
    ("四川省凉山彝族自治州档案馆2023年度部门决算公开说明", "凉山彝族自治州档案馆", "四川 凉山彝族自治州"),
    ("四川省财政厅2023年度部门决算公开说明", "四川省财政厅", "四川"),
    ("河南省中共郑州市委员会组织部2022年度部门决算公开说明", "中共郑州市委员会组织部", "河南 郑州市"),
    ("巴音郭楞蒙古自治州库尔勒市财政局2024年部门预算", "巴音郭楞蒙古自治州库尔勒市财政局", "新疆 巴音郭楞蒙古自治州 库尔勒市"),
    ("云南大理州中共祥云县委员会办公室2023年部门预算", "中共祥云县委员会办公室", "云南 大理白族自治州 祥云县"),
    ("内蒙古自治区鄂尔多斯市准格尔旗档案馆2021年度部门决算公开说明", "鄂尔多斯市准格尔旗档案馆", "内蒙古 鄂尔多斯市 准格尔旗"),
    // Municipalities and counties under the province have no middle level.
    ("北京市朝阳区财政局2024年度部门决算公开说明", "北京市朝阳区财政局", "北京 朝阳区"),
    ("仙桃市审计局2024年度部门决算公开说明", "仙桃市审计局", "湖北 仙桃市"),
    // A shared county name needs its prefecture (or province) in the text.
    ("长春市朝阳区财政局2024年度部门决算公开说明", "长春市朝阳区财政局", "吉林 长春市 朝阳区"),
    ("朝阳区财政局2024年度部门决算公开说明", "朝阳区财政局", ""),
    ("某单位2024年度部门决算公开说明", "某单位", ""),
  ])
  func regionsOfAllChina(_ title: String, _ department: String, _ region: String) {
    let info = parse(title + "\n").info
    #expect(info.department == department)
    #expect(info.region == region)
  }

  @Test func gazetteerCoversTheCountry() {
    let t = Regions.table
    #expect(t.nodes.filter { $0.level == 0 }.count == 31)
    #expect(t.nodes.filter { $0.level == 1 }.count > 300)
    #expect(t.nodes.filter { $0.level == 2 }.count > 2800)
    // Every region path the generator uses is one the gazetteer gives.
    #expect(Regions.region(in: "和静县") == "新疆 巴音郭楞蒙古自治州 和静县")
    #expect(Regions.region(in: "昌吉州") == "新疆 昌吉回族自治州")
    // Parsing the packed table (done once, on first use) stays cheap.
    let clock = ContinuousClock()
    let elapsed = clock.measure { _ = Regions.parse(regionTablePacked) }
    #expect(elapsed < .seconds(1), "gazetteer parse took \(elapsed)")
    if ProcessInfo.processInfo.environment["REGIONS_TIMING"] != nil { print("gazetteer parse: \(elapsed)") }
  }

  @Test func bodyYearsAreNotTheYear() {
    let info = parse("某单位部门决算公开说明\n截至2023年底,资产0.00万元。\n", path: "corpus/2022/x.txt").info
    #expect(info.year == 2022)
    #expect(info.department == "某单位" && info.kind == .finalAccount && info.region == "")
  }

  @Test func yearFirstTitle() {
    let info = parse("2024年度乌鲁木齐市某局部门决算公开说明\n").info
    #expect(info.department == "乌鲁木齐市某局" && info.region == "新疆 乌鲁木齐市")
  }
}

@Suite struct VariantLayoutTests {
  /// Tab-indented prose (a lone cell per line) still yields statements and a title.
  @Test func indentedParagraphs() {
    let doc = parse("\t某局2023年度部门决算公开说明\n\n\t公务接待费支出1.00万元,比上年减少0.50万元,下降33.33%,主要原因是:压减接待。\n")
    #expect(doc.info.department == "某局" && doc.info.year == 2023 && doc.info.kind == .finalAccount)
    #expect(doc.statements.count == 1 && doc.statements[0].line == 3)
  }

  @Test func headingVariants() {
    let doc = parse("第一部分:部门概况\n一.主要职能\n负责某事。\n")
    #expect(doc.records.last?.section == "第一部分:部门概况 > 一.主要职能")
  }
}
