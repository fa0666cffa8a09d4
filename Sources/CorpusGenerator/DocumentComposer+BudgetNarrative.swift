// 预算 第三部分 六–九 and 十二: 基本支出 composition, the project descriptions
// (`(一)项目名称:…` / `预算安排规模:X万元`, where budget documents name their
// projects), empty-fund notes, 机关运行经费 (a statement), 政府采购, 国有资产
// (with the `截至 2023 年底` year trap) and the performance-target tables.

extension DocumentComposer {
  mutating func budgetNarrative(_ sections: [String], basic: Int64) {
    w.heading(sections[5])
    let pub = h.publicFunds(ofBasic: basic)
    var p = Paragraph(name + "部门\(year)年一般公共预算基本支出"); p.amount(basic); p.text(",其中:")
    w.paragraph(p)
    p = Paragraph("人员经费"); p.amount(basic - pub); p.text(",主要包括:" + pickParts(Boilerplate.personnelParts) + "。")
    w.paragraph(p)
    p = Paragraph("公用经费"); p.amount(pub); p.text(",主要包括:" + pickParts(Boilerplate.publicParts) + "。")
    w.paragraph(p)

    w.heading(sections[6])
    let active = h.projects(in: year)
    if active.isEmpty {
      w.paragraph(Paragraph(name + "部门\(year)年未安排一般公共预算项目支出。"))
    }
    for (n, a) in active.enumerated() {
      let stem = department.projects[a.index]
      let pname = stem.name(year: year)
      let shown = w.style.layout == .pdf && rng.chance(0.1) ? w.narrowCell(pname) : pname
      var head = Paragraph("(" + DocumentComposer.numeral(n + 1) + ")项目名称:")
      let mark = head.open()
      head.verbatim(shown)
      head.close(mark)
      let line = w.line
      w.paragraph(head)
      w.paragraph(Paragraph("设立的政策依据:根据《关于印发" + place.local + rng.pick(["年度重点工作任务", "机构职能配置方案", "相关工作实施方案"]) + "的通知》等文件精神设立。"))
      p = Paragraph("预算安排规模:"); p.amount(a.initial)
      w.paragraph(p)
      w.paragraph(Paragraph("项目承担单位:" + name))
      p = Paragraph("资金分配情况:" + pname); p.amount(a.initial); p.text("。")
      w.paragraph(p)
      w.paragraph(Paragraph("资金执行时间:\(year)年1月1日-\(year)年12月31日"))
      w.projects.append(
        TruthProject(name: Width.compact(shown), initialBudget: nil, budget: a.initial, executed: nil,
                     projectKey: stem.key, line: line))
    }
    w.heading(sections[7])
    w.paragraph(Paragraph(name + "\(year)年没有使用政府性基金预算拨款安排的支出,政府性基金预算支出情况表为空表。"))
    w.heading(sections[8])
    w.paragraph(Paragraph(name + "\(year)年没有使用国有资本经营预算拨款安排的支出,国有资本经营预算支出情况表为空表。"))
  }

  mutating func budgetOtherMatters(_ heading: String, basic: Int64, basicBefore: Int64) {
    w.heading(heading)
    w.heading("(一)部门运行经费情况")
    let now = h.publicFunds(ofBasic: basic), before = h.publicFunds(ofBasic: basicBefore)
    var p = Paragraph()
    let start = p.marked(name + "部门\(year)年的机关运行经费财政拨款预算")
    p.amount(now); p.text(",")
    let topic: ReasonTopic = now >= before ? .runningUp : .runningDown
    finishChange(&p, start: start, subject: "机关运行经费", amount: now, now: now, before: before,
                 comparator: "比上年预算", reasonText: ReasonComposer.compose(topic, context(), rng: &rng))
    w.paragraph(p)

    w.heading("(二)政府采购情况")
    let goods = Int64(rng.below(5000)), services = Int64(rng.below(5000))
    p = Paragraph("\(year)年," + name + "部门政府采购预算"); p.amount(goods + services); p.text(",其中:政府采购货物预算")
    p.amount(goods); p.text(",政府采购工程预算0万元,政府采购服务预算"); p.amount(services); p.text("。")
    w.paragraph(p)

    w.heading("(三)国有资产占用使用情况")
    w.paragraph(Paragraph("截至\(year - 1)年底," + name + "部门及下属各预算单位占用使用国有资产总体情况为:"))
    let cars = h.cars[FiscalHistory.index(year)]
    let sp = w.style.itemSpace ? " " : ""
    w.paragraph(Paragraph("1." + sp + "房屋\(rng.chance(0.6) ? 0 : 200 + rng.below(3000))平方米。"))
    p = Paragraph("2." + sp + "车辆\(cars)辆,价值"); p.amount(Int64(cars * (800 + rng.below(1500)))); p.text("。")
    w.paragraph(p)
    p = Paragraph("3." + sp + "办公家具价值"); p.amount(Int64(500 + rng.below(8000))); p.text("。")
    w.paragraph(p)
    w.paragraph(Paragraph("\(year)年部门预算未安排购置车辆经费,安排购置50万元以上大型设备0台,部门价值100万元以上大型设备0台。"))

    w.heading("(四)预算绩效情况")
    let active = h.projects(in: year)
    p = Paragraph("\(year)年,本部门预算绩效管理整体预算绩效目标1个,涉及金额")
    p.amount(h.total(year, budget: true) + Int64(rng.below(20000)))
    p.text(";当年财政拨款项目\(active.count)个,涉及预算金额"); p.amount(active.reduce(Int64(0)) { $0 + $1.initial })
    p.text(";当年非财政拨款项目0个,涉及预算金额0万元。具体情况见下表(按项目分别填报):")
    w.paragraph(p)
    targetTables(active)
  }

  /// 部门整体绩效目标表 and one 项目支出绩效目标表 per project (`项目名称 | | <name>`).
  mutating func targetTables(_ active: [(index: Int, initial: Int64, adjusted: Int64, executed: Int64)]) {
    w.raw("部门整体绩效目标表")
    w.raw("(\(year)年)")
    w.table([
      ["部门名称(盖章)", "", name, "", ""],
      ["年度绩效目标", "", (w.style.layout == .pdf ? "<p>" : "") + "目标1.保障" + name + "正常运转,完成年度重点工作任务;</p>"],
      ["年度预算(万元)", "", "资金来源", "", "资金总额(万元)"],
      ["", "", "一般公共预算", "", Money.text(h.total(year, budget: true))],
    ])
    for a in active {
      let pname = department.projects[a.index].name(year: year)
      w.raw("项目支出绩效目标表")
      w.raw("(\(year)年)")
      var rows: [[String]] = [
        ["项目名称", "", pname, "", "", "项目负责人", "", String(rng.pick(DocumentComposer.surnames)) + "某"],
        ["主管部门", "", name, "", "", "实施单位", "", name],
        ["项目资金(万元)", "", "年度预算总额:", Money.text(a.initial)],
        ["", "", "其中:财政拨款", Money.text(a.initial)],
        ["年度绩效目标", "", "保障" + pname + "顺利实施。"],
      ]
      rows += indicatorRows(count: 4 + rng.below(5))
      w.table(rows)
    }
  }

  static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高")
}
