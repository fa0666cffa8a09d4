// 决算 第二部分 一–八: the totals (收入支出总体, 财政拨款收入支出总体,
// 一般公共预算财政拨款支出 with their 预决算差异率), the structure by 类, and one
// statement per 项 (`…(项):支出决算数为X万元,比上年决算增加Y万元,增长Z%,主要原因是:R`).

extension DocumentComposer {
  /// The year's totals as section 一–六 state them.
  struct FinalFigures {
    var fiscal: Int64          // 一般公共预算财政拨款支出 = 财政拨款收入/支出
    var initialBudget: Int64   // 年初预算数
    var basic: Int64           // 基本支出 (财政拨款)
    var project: Int64         // 项目支出
    var otherIncome: Int64
    var carryIn: Int64
    var carryOut: Int64
    var incomeTotal: Int64 { fiscal + otherIncome + carryIn }
    var spending: Int64 { incomeTotal - carryOut }
  }

  func finalFigures(_ y: Int) -> FinalFigures {
    let i = FiscalHistory.index(y)
    let fiscal = h.total(y, budget: false)
    let next = i + 1 < h.carryIn.count ? h.carryIn[i + 1] : 0
    let other = h.otherIncome[i], carry = h.carryIn[i]
    return FinalFigures(
      fiscal: fiscal, initialBudget: h.total(y, budget: true),
      basic: h.total(y, budget: false, subjects: department.subjects, project: false),
      project: h.total(y, budget: false, subjects: department.subjects, project: true),
      otherIncome: other, carryIn: carry, carryOut: min(next, other + carry))
  }

  /// The subject path as this document prints it: `(类)` or `（类）`.
  func subjectPath(_ s: Subject) -> String {
    w.style.wideSubjectParens ? s.path(open: "（", close: "）") : s.path()
  }

  mutating func finalStatements() {
    let f = finalFigures(year), before = finalFigures(year - 1)
    let driver = department.totalTopic(year: year, budget: false)
    let totalReason = ReasonComposer.compose(driver.topic, context(project: driver.project), rng: &rng)
    let variance = department.varianceTopic(final: f.fiscal, budget: f.initialBudget)
    let varianceReason = ReasonComposer.variance(variance, context(project: driver.project), rng: &rng)

    w.heading(DocumentComposer.finalSections[0])
    var p = Paragraph()
    p.text("\(year)年度收入总计"); p.amount(f.incomeTotal); p.text(",其中:本年收入合计"); p.amount(f.fiscal + f.otherIncome)
    p.text(",使用非财政拨款结余(含专用结余)0.00万元,年初结转和结余"); p.amount(f.carryIn); p.text("。")
    w.paragraph(p)
    p = Paragraph()
    p.text("\(year)年度支出总计"); p.amount(f.incomeTotal); p.text(",其中:本年支出合计"); p.amount(f.spending)
    p.text(",结余分配0.00万元,年末结转和结余"); p.amount(f.carryOut); p.text("。")
    w.paragraph(p)
    p = Paragraph()
    var start = p.marked("收入支出总体")
    let again = rng.chance(0.7) ? totalReason : ReasonComposer.compose(driver.topic, context(project: driver.project), rng: &rng)
    finishChange(&p, start: start, subject: "收入支出总体", amount: nil, now: f.incomeTotal, before: before.incomeTotal,
                 comparator: "与上年相比,", reasonText: again)
    w.paragraph(p)

    w.heading(DocumentComposer.finalSections[1])
    p = Paragraph()
    let income = f.fiscal + f.otherIncome
    p.text("本年收入"); p.amount(income); p.text(",其中:财政拨款收入"); p.amount(f.fiscal); p.text(",占")
    p.rate(Money.share(f.fiscal, of: income))
    p.text(";上级补助收入0.00万元,占0.00%;事业收入0.00万元,占0.00%;经营收入0.00万元,占0.00%;附属单位上缴收入0.00万元,占0.00%;其他收入")
    p.amount(f.otherIncome); p.text(",占"); p.rate(Money.share(f.otherIncome, of: income)); p.text("。")
    w.paragraph(p)

    w.heading(DocumentComposer.finalSections[2])
    p = Paragraph()
    let basicAll = f.spending - f.project
    p.text("本年支出"); p.amount(f.spending); p.text(",其中:基本支出"); p.amount(basicAll); p.text(",占")
    p.rate(Money.share(basicAll, of: f.spending)); p.text(";项目支出"); p.amount(f.project); p.text(",占")
    p.rate(Money.share(f.project, of: f.spending))
    p.text(";上缴上级支出0.00万元,占0.00%;经营支出0.00万元,占0.00%;对附属单位补助支出0.00万元,占0.00%。")
    w.paragraph(p)

    w.heading(DocumentComposer.finalSections[3])
    p = Paragraph()
    p.text("\(year)年度财政拨款收入总计"); p.amount(f.fiscal); p.text(",其中:年初财政拨款结转和结余0.00万元,本年财政拨款收入")
    p.amount(f.fiscal); p.text("。财政拨款支出总计"); p.amount(f.fiscal)
    p.text(",其中:年末财政拨款结转和结余0.00万元,本年财政拨款支出"); p.amount(f.fiscal); p.text("。")
    w.paragraph(p)
    p = Paragraph()
    start = p.marked("财政拨款收入支出总体")
    finishChange(&p, start: start, subject: "财政拨款收入支出总体", amount: nil, now: f.fiscal, before: before.fiscal,
                 comparator: "与上年相比,", reasonText: totalReason)
    varianceStatement(&p, subject: "财政拨款收入支出总体", final: f.fiscal, budget: f.initialBudget,
                      priorLabel: "年初预算数", reasonText: varianceReason, lead: "与年初预算相比,")
    w.paragraph(p)

    w.heading(DocumentComposer.finalSections[4])
    w.heading("(一)一般公共预算财政拨款支出决算总体情况")
    p = Paragraph()
    start = p.open()
    p.text("\(year)年度一般公共预算财政拨款支出"); p.amount(f.fiscal)
    if rng.chance(0.75) {
      p.text(",占本年支出合计的"); p.rate(Money.share(f.fiscal, of: f.spending)); p.text("。")
      p.close(start)
      p.text("与上年相比,")
      finishChange(&p, start: start, subject: "一般公共预算财政拨款支出", amount: f.fiscal, now: f.fiscal,
                   before: before.fiscal, comparator: "", reasonText: totalReason)
    } else {
      p.close(start)
      p.text(",")
      finishChange(&p, start: start, subject: "一般公共预算财政拨款支出", amount: f.fiscal, now: f.fiscal,
                   before: before.fiscal, comparator: totalComparator(), reasonText: totalReason)
    }
    varianceStatement(&p, subject: "一般公共预算财政拨款支出", final: f.fiscal, budget: f.initialBudget,
                      priorLabel: "年初预算数", reasonText: varianceReason, lead: "与年初预算相比,")
    w.paragraph(p)
    structureByClass(final: true, heading: "(二)一般公共预算财政拨款支出决算结构情况")
    w.heading("(三)一般公共预算财政拨款支出决算具体情况")
    itemStatements()

    w.heading(DocumentComposer.finalSections[5])
    basicSpending(basic: f.basic)
    w.heading(DocumentComposer.finalSections[6])
    let unit = rng.chance(0.7) ? "本单位" : "本部门"
    w.paragraph(Paragraph(unit + "本年度无政府性基金预算财政拨款收入、支出及结转和结余,政府性基金预算财政拨款收入支出决算表为空表。"))
    w.heading(DocumentComposer.finalSections[7])
    w.paragraph(Paragraph(unit + "本年度无国有资本经营预算财政拨款收入、支出及结转和结余,国有资本经营预算财政拨款收入支出决算表为空表。"))
  }

  /// `1.一般公共服务支出(类)194.71万元,占76.49%。` per 类.
  mutating func structureByClass(final: Bool, heading: String) {
    w.heading(heading)
    let total = h.total(year, budget: !final)
    var classes: [(String, Int64)] = []
    for (k, s) in department.subjects.enumerated() {
      let v = final ? h.finalAmount(k, year) : h.budgetAmount(k, year)
      let label = s.className + (w.style.wideSubjectParens ? "（类）" : "(类)")
      if let i = classes.firstIndex(where: { $0.0 == label }) { classes[i].1 += v } else { classes.append((label, v)) }
    }
    var n = 0
    for (label, v) in classes where v > 0 {
      n += 1
      var p = Paragraph()
      p.text("\(n)." + (w.style.itemSpace ? " " : ""))
      p.verbatim(label)
      p.amount(v); p.text(","); p.text("占"); p.rate(Money.share(v, of: total)); p.text("。")
      w.paragraph(p)
    }
  }

  /// One statement per 项 that had spending this year or last.
  mutating func itemStatements() {
    var n = 0
    for (k, s) in department.subjects.enumerated() {
      let now = h.finalAmount(k, year), before = h.finalAmount(k, year - 1)
      guard now > 0 || before > 0 else { continue }
      n += 1
      let t = department.itemTopic(k, year: year, budget: false)
      let why = ReasonComposer.compose(t.topic, context(project: t.project, item: s.itemName), rng: &rng)
      var p = Paragraph()
      p.text("\(n)." + (w.style.itemSpace ? " " : ""))
      let start = p.open()
      p.verbatim(subjectPath(s))
      p.close(start)
      p.verbatim(w.style.wideSubjectParens || rng.chance(0.3) ? "：" : ":")
      p.text(varies() ? rng.pick(["决算数为", "支出", "\(year)年度决算数为", "支出决算"]) : "支出决算数为")
      p.amount(now); p.text(",")
      finishChange(&p, start: start, subject: s.canonical, amount: now, now: now, before: before,
                   comparator: "比上年决算", reasonText: why)
      w.paragraph(p)
    }
  }

  /// 六: 基本支出 with 人员经费 and 公用经费 and what they include.
  mutating func basicSpending(basic: Int64) {
    let pub = h.publicFunds(ofBasic: basic)
    var p = Paragraph()
    p.text("\(year)年度一般公共预算财政拨款基本支出"); p.amount(basic); p.text(",其中:人员经费"); p.amount(basic - pub)
    p.text(",包括:" + pickParts(Boilerplate.personnelParts) + "。")
    w.paragraph(p)
    p = Paragraph()
    p.text("公用经费"); p.amount(pub); p.text(",包括:" + pickParts(Boilerplate.publicParts) + "。")
    w.paragraph(p)
  }

  mutating func pickParts(_ all: [String]) -> String {
    all.filter { _ in rng.chance(0.75) }.joined(separator: "、")
  }
}
