// 预算 第三部分: every comparison is with last year's budget (`比上年预算`, a
// year-on-year basis, CORPUS-GUIDE §3): 一般公共预算, 基本支出 and 项目支出 (twice,
// as in 004), each 项 (`…(项):2024年预算数为X万元,比上年预算增加…`), the “三公”
// total without an amount and its parts without amounts or comparators of
// their own (they inherit 比上年预算), and 机关运行经费.

extension DocumentComposer {
  mutating func budgetStatements() {
    let sections = budgetSections()
    let total = h.total(year, budget: true), totalBefore = h.total(year - 1, budget: true)
    let subjects = department.subjects
    let basic = h.total(year, budget: true, subjects: subjects, project: false)
    let basicBefore = h.total(year - 1, budget: true, subjects: subjects, project: false)
    let project = total - basic, projectBefore = totalBefore - basicBefore
    let driver = department.totalTopic(year: year, budget: true)
    let totalReason = ReasonComposer.compose(driver.topic, context(project: driver.project), rng: &rng)
    let basicReason = ReasonComposer.compose(basic >= basicBefore ? .staffUp : .staffDown, context(), rng: &rng)
    let projectTopic: ReasonTopic = project >= projectBefore ? .projectUp : .projectDown
    let projectReason = ReasonComposer.compose(projectTopic, context(project: department.projects.first?.name(year: year)), rng: &rng)
    let classes = Array(Set(subjects.map(\.className))).sorted()

    w.heading(sections[0])
    var p = Paragraph("按照全口径预算的原则," + name + "部门\(year)年所有收入和支出均纳入部门预算管理。收支总预算")
    p.amount(total); p.text("。")
    w.paragraph(p)
    w.paragraph(Paragraph("收入预算包括:一般公共预算。"))
    w.paragraph(Paragraph("支出预算包括:" + classes.joined(separator: "、") + "。"))

    w.heading(sections[1])
    p = Paragraph(name + "部门收入预算"); p.amount(total); p.text(",其中:")
    w.paragraph(p)
    p = Paragraph()
    var start = p.marked("一般公共预算")
    p.amount(total); p.text(",占100.00%,")
    finishChange(&p, start: start, subject: "一般公共预算", amount: total, now: total, before: totalBefore,
                 comparator: "比上年预算", reasonText: totalReason, close: rng.chance(0.5) ? ";" : "。")
    w.paragraph(p)
    for line in ["上级一般公共预算安排的转移支付资金未安排。", "政府性基金预算未安排。", "上级政府性基金安排的转移支付资金未安排。",
                 "国有资本经营预算未安排。"] {
      w.paragraph(Paragraph(line))
    }

    w.heading(sections[2])
    p = Paragraph(name + "部门\(year)年支出预算"); p.amount(total); p.text(",其中:")
    w.paragraph(p)
    for (label, now, before, why) in [("基本支出", basic, basicBefore, basicReason), ("项目支出", project, projectBefore, projectReason)] {
      p = Paragraph()
      start = p.marked(label)
      p.amount(now); p.text(",占"); p.rate(Money.share(now, of: total)); p.text(",")
      finishChange(&p, start: start, subject: label, amount: now, now: now, before: before, comparator: "比上年预算",
                   reasonText: why)
      w.paragraph(p)
    }

    w.heading(sections[3])
    p = Paragraph("\(year)年财政拨款收支总预算"); p.amount(total); p.text("。")
    w.paragraph(p)
    w.paragraph(Paragraph("收入全部为一般公共预算拨款,无政府性基金预算拨款和国有资本经营预算。"))
    p = Paragraph("收入预算包括:一般公共预算拨款"); p.amount(total); p.text("。")
    w.paragraph(p)
    p = Paragraph("一般公共预算支出包括:")
    for (i, c) in classes.enumerated() {
      let v = subjects.indices.filter { subjects[$0].className == c }.reduce(Int64(0)) { $0 + h.budgetAmount($1, year) }
      p.text((i > 0 ? ";" : "") + c); p.amount(v); p.text(",主要用于保障单位正常运行的人员经费、公用经费支出")
    }
    p.text("。")
    w.paragraph(p)

    w.heading(sections[4])
    w.heading("(一)一般公共预算当年拨款规模变化情况")
    p = Paragraph(name + "部门\(year)年一般公共预算拨款合计"); p.amount(total); p.text(",其中:")
    w.paragraph(p)
    for (label, now, before, why) in [("基本支出", basic, basicBefore, basicReason), ("项目支出", project, projectBefore, projectReason)] {
      p = Paragraph()
      start = p.marked(label)
      p.amount(now); p.text(",")
      finishChange(&p, start: start, subject: label, amount: now, now: now, before: before, comparator: "比上年预算",
                   reasonText: why)
      w.paragraph(p)
    }
    structureByClass(final: false, heading: "(二)一般公共预算当年拨款结构情况")
    w.heading("(三)一般公共预算当年拨款具体使用情况")
    budgetItems()

    budgetNarrative(sections, basic: basic)
    threePublicBudget(sections[9])
    w.heading(sections[10])
    w.paragraph(Paragraph(name + "部门\(year)年无上年结转结余预算的支出,结转结余预算支出情况表为空表。"))
    budgetOtherMatters(sections[11], basic: basic, basicBefore: basicBefore)
  }

  /// One statement per 项 budgeted this year or last.
  mutating func budgetItems() {
    var n = 0
    for (k, s) in department.subjects.enumerated() {
      let now = h.budgetAmount(k, year), before = h.budgetAmount(k, year - 1)
      guard now > 0 || before > 0 else { continue }
      n += 1
      let t = department.itemTopic(k, year: year, budget: true)
      let why = ReasonComposer.compose(t.topic, context(project: t.project, item: s.itemName), rng: &rng)
      var p = Paragraph()
      p.text("\(n)." + (w.style.itemSpace ? " " : ""))
      let start = p.open()
      p.verbatim(subjectPath(s))
      p.close(start)
      p.verbatim(w.style.wideSubjectParens ? "：" : ":")
      p.text(varies() ? rng.pick(["预算数为", "\(year)年预算安排", "预算安排", "\(year)年预算"]) : "\(year)年预算数为")
      p.amount(now); p.text(",")
      finishChange(&p, start: start, subject: s.canonical, amount: now, now: now, before: before,
                   comparator: "比上年预算", reasonText: why)
      w.paragraph(p)
    }
  }

  /// 十: the “三公” budget, then its change with parts that inherit the comparator (004).
  mutating func threePublicBudget(_ heading: String) {
    w.heading(heading)
    let now = h.threePublic(year, budget: true), before = h.threePublic(year - 1, budget: true)
    let runName = rng.chance(0.5) ? "公务用车运行费" : "公务用车运行维护费"
    let names = ["因公出国(境)费", "公务用车购置费", runName, "公务接待费"]
    let total = now.reduce(0, +), totalBefore = before.reduce(0, +)
    var p = Paragraph(name + "单位\(year)年财政拨款“三公”经费数为"); p.amount(total); p.text(",其中:")
    for i in 0..<4 { p.text((i > 0 ? "," : "") + names[i]); p.amount(now[i]) }
    p.text("。")
    w.paragraph(p)

    p = Paragraph()
    var start = p.marked("\(year)年财政拨款“三公”经费")
    let totalWhy: String? = rng.chance(0.3)
      ? ReasonComposer.compose(total >= totalBefore ? .receptionUp : .receptionDown, context(), rng: &rng) : nil
    finishChange(&p, start: start, subject: DocumentComposer.threePublicLabel, amount: nil, now: total, before: totalBefore,
                 comparator: "比上年预算", reasonText: totalWhy, close: totalWhy == nil ? "," : "。")
    p.text("其中:")
    for i in 0..<4 {
      start = p.marked(names[i])
      let topic = department.threePublicTopic(i, year: year, budget: true)
      let why = ReasonComposer.compose(topic, context(item: names[i]), rng: &rng)
      finishChange(&p, start: start, subject: Width.fold(DocumentComposer.partNames[i]), amount: nil, now: now[i],
                   before: before[i], comparator: "", reasonText: why, close: i < 3 ? ";" : "。")
    }
    w.paragraph(p)
  }
}
