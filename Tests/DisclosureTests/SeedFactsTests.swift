// Facts about the five seeds, checked against CORPUS-GUIDE and the text itself:
// metadata, record counts, and exact statements/projects.
import Testing

@testable import Disclosure

@Suite struct SeedMetadataTests {
  @Test(arguments: [
    ("000", "昌吉回族自治州党员教育中心(昌吉回族自治州党员干部远程教育工作办公室)", "新疆 昌吉回族自治州", DocumentKind.finalAccount),
    ("001", "昌吉回族自治州人民政府办公室", "新疆 昌吉回族自治州", .finalAccount),
    ("002", "中共乌鲁木齐市委员会组织部", "新疆 乌鲁木齐市", .finalAccount),
    ("003", "中共昌吉回族自治州委员会社会工作部", "新疆 昌吉回族自治州", .finalAccount),
    ("004", "中共和静县委员会办公室", "新疆 巴音郭楞蒙古自治州 和静县", .budget),
  ])
  func metadata(_ seed: String, _ department: String, _ region: String, _ kind: DocumentKind) throws {
    let info = try Seeds.parsed(seed).info
    #expect(info.department == department)
    #expect(info.region == region)
    #expect(info.year == 2024)
    #expect(info.kind == kind)
    #expect(info.charset == "UTF-8")
    #expect(info.path.hasPrefix(seed))
  }
}

@Suite struct SeedCountTests {
  /// CORPUS-GUIDE §3: 26/29/22/22/22 numeric comparison statements, all but
  /// 004's 三公 total with a reason; §6: projects.
  @Test(arguments: [
    ("000", 26, 26, 2), ("001", 29, 29, 5), ("002", 22, 22, 7), ("003", 22, 22, 1), ("004", 22, 21, 2),
  ])
  func counts(_ seed: String, _ statements: Int, _ withReason: Int, _ projects: Int) throws {
    let doc = try Seeds.parsed(seed)
    #expect(doc.statements.count == statements)
    #expect(doc.statements.filter { !$0.reason.isEmpty }.count == withReason)
    #expect(doc.projects.count == projects)
    // Every numeric comparison states its change or rate; every record has a line and text.
    #expect(doc.statements.allSatisfy { $0.rate != nil && $0.basis != nil && !$0.subject.isEmpty })
    #expect(doc.records.allSatisfy { $0.line > 0 && !$0.text.isEmpty })
    // Records come in document order.
    #expect(doc.records.map(\.line) == doc.records.map(\.line).sorted())
  }

  /// Each `主要原因` marker of the seed ends up in exactly one statement's text.
  @Test(arguments: ["000", "001", "002", "003", "004"])
  func everyReasonMarkerIsClaimed(_ seed: String) throws {
    let doc = try Seeds.parsed(seed)
    let inStatements = doc.statements.map { $0.text.components(separatedBy: "主要原因").count - 1 }.reduce(0, +)
    let inPassages = doc.passages.map { $0.text.components(separatedBy: "主要原因").count - 1 }.reduce(0, +)
    #expect(inStatements == doc.statements.filter { !$0.reason.isEmpty }.count)
    #expect(inPassages == 0)
  }

  @Test func reasonWithWageBaseComesFromThreeDocuments() throws {
    var seeds: [String] = []
    for seed in ["000", "001", "002", "003", "004"] where try Seeds.parsed(seed).statements.contains(where: {
      $0.reason.contains("工资基数调增")
    }) {
      seeds.append(seed)
    }
    #expect(seeds == ["000", "001", "002"])
  }

  @Test func newlyFoundedUnitReasonIn003() throws {
    let doc = try Seeds.parsed("003")
    #expect(doc.statements.filter { $0.reason == "我单位是2024年9月新成立的单位,无上年数据" }.count == 13)
  }
}

@Suite struct SeedStatementTests {
  @Test func seed000() throws {
    let doc = try Seeds.parsed("000")
    let item = try #require(doc.statement("一般公共服务支出(类)组织事务(款)行政运行(项)").first)
    #expect(item.amount == 14367 && item.change == 290 && item.rate == 206 && item.basis == .lastYear)
    #expect(item.reason.hasPrefix("本年新增在职人员"))
    #expect(item.line == 43)
    #expect(
      item.section
        == "第二部分 部门决算情况说明 > 五、一般公共预算财政拨款支出决算情况说明 > (三)一般公共预算财政拨款支出决算具体情况")

    // No amount in the sentence: none is invented.
    let total = try #require(doc.statement("收入支出总体").first)
    #expect(total.amount == nil && total.change == -29268 && total.rate == -5335)

    // Subject and amount from the previous sentence of the same line.
    let general = try #require(doc.statement("一般公共预算财政拨款支出", basis: .lastYear).first)
    #expect(general.amount == 25456 && general.change == -22789 && general.rate == -4724)
    #expect(general.text.hasPrefix("2024年度一般公共预算财政拨款支出254.56万元"))
    let variance = try #require(doc.statement("一般公共预算财政拨款支出", basis: .budget).first)
    #expect(variance.prior == 21159 && variance.amount == 25456 && variance.rate == 2031 && variance.change == nil)

    let running = try #require(doc.statement("机关运行经费").first)
    #expect(running.amount == 1495 && running.change == -581 && running.rate == -2799)
  }

  @Test func seed001() throws {
    let doc = try Seeds.parsed("001")
    let v = try #require(doc.statement("财政拨款收入支出总体", basis: .budget).first)
    #expect(v.rate == -343 && v.prior == 175338 && v.amount == 169316)
    #expect(v.reason == "年中调减机关运行补助经费,导致预决算存在差异")

    // Numbered multi-sentence reason.
    let total = try #require(doc.statement("收入支出总体").first)
    #expect(total.reason == "1.本年在职人员减少,相关人员经费较上年减少。2.本年减少保密无纸化及督查督办系统款项项目")

    // `;` inside a reason does not end it.
    let admin = try #require(doc.statement("一般公共服务支出(类)政府办公厅(室)及相关机构事务(款)行政运行(项)").first)
    #expect(admin.reason == "本年度对个人和家庭的补助-抚恤金费用减少;本年在职人员减少,相应人员经费较上年减少")
    #expect(admin.amount == 88138 && admin.change == -381 && admin.rate == -43)

    let abroad = try #require(doc.statement("因公出国(境)费", basis: .lastYear).first)
    #expect(abroad.amount == 246 && abroad.change == 57 && abroad.rate == 3016)
  }

  @Test func seed002() throws {
    let doc = try Seeds.parsed("002")
    let item = try #require(doc.statement("一般公共服务支出(类)组织事务(款)行政运行(项)").first)
    #expect(item.amount == 133799 && item.change == -2983 && item.rate == -218)

    // Reason after a page break (`增长 18.35%,` / `主要原因是:`).
    let operation = try #require(doc.statement("一般公共服务支出(类)组织事务(款)事业运行(项)").first)
    #expect(operation.rate == 1835 && operation.reason == "本年在职人员工资调增,导致相关人员经费较上年有所增加")

    // `…、组` / `组织部…`: the doubled character at the page break is dropped.
    let general = try #require(doc.statement("一般公共预算财政拨款支出", basis: .lastYear).first)
    #expect(general.reason.contains("人才工作培训、组织部管理工作经费"))
    #expect(general.amount == 241796 && general.change == -32504)

    // `公务接待费` / `支出 0.00 万元` joined; `主` / `要原因是` joined.
    #expect(doc.statement("公务接待费", basis: .lastYear).first?.amount == 0)
    let car = try #require(doc.statement("公务用车购置费", basis: .budget).first)
    #expect(car.reason == "本部门无公务用车购置费" && car.line == 175)

    let variance = try #require(doc.statement("财政拨款收入支出总体", basis: .budget).first)
    #expect(variance.rate == -2357 && variance.prior == 316377 && variance.amount == 241796)
  }

  @Test func seed003() throws {
    let doc = try Seeds.parsed("003")
    let v = try #require(doc.statement("财政拨款收入支出总体", basis: .budget).first)
    #expect(v.prior == 0 && v.amount == 12139 && v.rate == 10000)
    let car = try #require(doc.statement("公务用车购置及运行维护费").first)
    #expect(car.amount == 80 && car.change == 80 && car.rate == 10000)
    let running = try #require(doc.statement("机关运行经费").first)
    #expect(running.amount == 0 && running.change == 0 && running.rate == 0)
  }

  @Test func seed004() throws {
    let doc = try Seeds.parsed("004")
    // Split across a page break: `比上年预算增加` / `8.84 万元,增长 12.87%`.
    let fund = try #require(doc.statement("住房保障支出(类)住房改革支出(款)住房公积金(项)").first)
    #expect(fund.amount == 7755 && fund.change == 884 && fund.rate == 1287 && fund.basis == .lastYear)
    #expect(fund.line == 501)

    // The 三公 total has no amount and no reason; its parts inherit 比上年预算.
    let sangong = try #require(doc.statement("“三公”经费").first)
    #expect(sangong.amount == nil && sangong.change == -37 && sangong.rate == -394 && sangong.reason.isEmpty)
    let cars = try #require(doc.statement("公务用车运行维护费").first)
    #expect(cars.amount == nil && cars.change == -46 && cars.rate == -516 && cars.basis == .lastYear)
    #expect(cars.reason.hasPrefix("本年度严格公车管理") && !cars.reason.contains("公务接待费"))

    // Sentence-initial `。主要原因是:` belongs to the statement before it.
    let basic = doc.statement("基本支出")
    #expect(basic.count == 2)
    #expect(basic.allSatisfy { $0.reason.hasPrefix("本年我部门人员增加") && $0.amount == 100067 })

    // Reason without a colon, ended by `;` at the paragraph end.
    let general = try #require(doc.statement("一般公共预算").first)
    #expect(general.reason == "本年我部门人员增加且发放在职人员基础绩效奖,因此人员相关经费增加,预算较上年增加")

    let running = try #require(doc.statement("机关运行经费").first)
    #expect(running.amount == 5969 && running.change == -657 && running.reason.hasPrefix("本年度厉行节约"))
  }
}

@Suite struct SeedProjectTests {
  @Test func selfEvaluationTables() throws {
    let p000 = try Seeds.parsed("000").projects
    #expect(p000.map(\.subject) == ["昌吉州党员教育运转保障经费", "昌吉州党委组织部视联网视频会议系统运行维护服务保障项目"])
    #expect(p000[0].initialBudget == 4000 && p000[0].budget == 3304 && p000[0].executed == 3304)

    // CORPUS-GUIDE §9: Σ 自评表 全年预算/执行 = 预算绩效 project totals.
    let p001 = try Seeds.parsed("001").projects
    #expect(p001.compactMap(\.budget).reduce(0, +) == 50489)
    #expect(p001.compactMap(\.executed).reduce(0, +) == 50205)
    let p002 = try Seeds.parsed("002").projects
    #expect(p002.count == 7 && p002.compactMap(\.budget).reduce(0, +) == 60496)
    #expect(p002.contains { $0.subject == "提前下达2024援疆干部医疗费" && $0.initialBudget == 1230 && $0.executed == 1138 })
    let p003 = try Seeds.parsed("003").projects
    #expect(p003.map(\.subject) == ["州党委社会工作部开办经费"] && p003[0].executed == 6809)
  }

  @Test func budgetProse004() throws {
    let p = try Seeds.parsed("004").projects
    #expect(p.map(\.subject) == [
      "党政专用电视会议高清备份系统运行维护费、档案馆藏档案数字化经费及机构运行经费",
      "自治区、自治州、和静县综治视联动力网络会议保障服务和视频调度项目",
    ])
    #expect(p.map(\.budget) == [5968, 1600])
    #expect(p.allSatisfy { $0.executed == nil && $0.initialBudget == nil })
  }
}
