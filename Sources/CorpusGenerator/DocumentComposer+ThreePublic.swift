// 决算 九 and 十: the “三公” total and its parts against last year, their
// details, the same figures against the full-year budget (预决算差异率), then
// 机关运行经费, 政府采购 and 国有资产.

extension DocumentComposer {
  static let threePublicLabel = "“三公”经费"
  /// Part names as 九 writes them, and their canonical subjects.
  static let partNames = ["因公出国(境)费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]

  mutating func threePublicFinal() {
    w.heading(DocumentComposer.finalSections[8])
    let now = h.threePublic(year, budget: false), before = h.threePublic(year - 1, budget: false)
    let plan = h.threePublic(year, budget: true)
    // 九 groups purchase and running as one part; the variance paragraph splits them.
    let parts = [now[0], now[1] + now[2], now[3]], prior = [before[0], before[1] + before[2], before[3]]
    let names = ["因公出国(境)费", "公务用车购置及运行维护费", "公务接待费"]
    let topics = [department.threePublicTopic(0, year: year, budget: false),
                  department.threePublicTopic(now[2] != before[2] ? 2 : 1, year: year, budget: false),
                  department.threePublicTopic(3, year: year, budget: false)]
    let total = parts.reduce(0, +), totalBefore = prior.reduce(0, +)
    let label = rng.chance(0.03) ? "三公经费" : DocumentComposer.threePublicLabel

    var p = Paragraph()
    var start = p.open()
    p.text("\(year)年度财政拨款" + label + "支出"); p.amount(total); p.text(",")
    p.close(start)
    let mainTopic = total == totalBefore && total == 0
      ? ReasonTopic.zeroBoth : topics[(0..<3).max { abs(parts[$0] - prior[$0]) < abs(parts[$1] - prior[$1]) }!]
    finishChange(&p, start: start, subject: DocumentComposer.threePublicLabel, amount: total, now: total,
                 before: totalBefore, comparator: totalComparator(),
                 reasonText: partReason(mainTopic, item: "财政拨款“三公”经费"))
    for i in 0..<3 {
      if i == 0 { p.text("其中:") }
      start = p.open()
      p.text(names[i] + "支出"); p.amount(parts[i]); p.text(",占"); p.rate(Money.share(parts[i], of: total)); p.text(",")
      p.close(start)
      finishChange(&p, start: start, subject: Width.fold(names[i]), amount: parts[i], now: parts[i], before: prior[i],
                   comparator: "比上年", reasonText: partReason(topics[i], item: names[i]))
    }
    w.paragraph(p)

    w.paragraph(Paragraph("具体情况如下:"))
    let unit = rng.chance(0.7) ? "本单位" : "本部门"
    let trips = now[0] > 0 ? 1 + rng.below(3) : 0
    p = Paragraph()
    p.text("因公出国(境)费支出"); p.amount(now[0])
    p.text(trips > 0 ? ",开支内容包括国际旅费、住宿费、伙食费等。" : ",开支内容包括" + unit + "无因公出国(境)费。")
    p.text("单位全年安排的因公出国(境)团组\(trips)个,因公出国(境)\(trips * (2 + rng.below(4)))人次。")
    w.paragraph(p)
    let cars = h.cars[FiscalHistory.index(year)]
    p = Paragraph()
    p.text("公务用车购置及运行维护费"); p.amount(parts[1]); p.text(",其中:公务用车购置费"); p.amount(now[1])
    p.text(",公务用车运行维护费"); p.amount(now[2]); p.text("。公务用车运行维护费开支内容包括")
    p.text(now[2] > 0 ? "车辆加油费、维修费、保险费、审车费、过路费等。" : unit + "无公务用车运行维护费。")
    p.text("公务用车购置数\(now[1] > 0 ? 1 : 0)辆,公务用车保有量\(cars)辆。")
    if rng.chance(0.4) { p.text("国有资产占用情况中固定资产车辆\(cars)辆,与公务用车保有量无差异。") }
    w.paragraph(p)
    p = Paragraph()
    let batches = now[3] > 0 ? 1 + rng.below(20) : 0
    p.text("公务接待费"); p.amount(now[3])
    p.text(batches > 0 ? ",开支内容包括接待上级部门检查调研的工作餐费等。" : ",开支内容包括" + unit + "无公务接待费。")
    p.text("单位全年安排的国内公务接待\(batches)批次,\(batches * (3 + rng.below(8)))人次。")
    w.paragraph(p)

    p = Paragraph()
    let totalPlan = plan.reduce(0, +)
    varianceStatement(&p, subject: DocumentComposer.threePublicLabel, final: now.reduce(0, +), budget: totalPlan,
                      priorLabel: "全年预算数", reasonText: planReason(now.reduce(0, +), totalPlan, item: "财政拨款“三公”经费支出"),
                      lead: "与全年预算相比,财政拨款" + label + "支出")
    p.text("其中:")
    for i in 0..<4 {
      varianceStatement(&p, subject: Width.fold(DocumentComposer.partNames[i]), final: now[i], budget: plan[i],
                        priorLabel: "全年预算数", reasonText: planReason(now[i], plan[i], item: DocumentComposer.partNames[i]),
                        lead: DocumentComposer.partNames[i])
    }
    w.paragraph(p)
  }

  /// A 三公 reason; nothing-to-nothing parts say so in their own words.
  mutating func partReason(_ topic: ReasonTopic, item: String) -> String {
    ReasonComposer.compose(topic, context(item: item), rng: &rng)
  }

  /// Why a 三公 figure differs from its full-year budget.
  mutating func planReason(_ final: Int64, _ budget: Int64, item: String) -> String {
    if final == 0 && budget == 0 {
      return (rng.chance(0.7) ? "本单位无" : "本年度未安排") + item
    }
    let topic = department.varianceTopic(final: final, budget: budget)
    if topic == .varianceUnder && rng.chance(0.6) {
      return rng.pick(["严格落实中央八项规定精神,厉行节约", "厉行节约,压减一般性支出", "严格控制公务支出"])
    }
    return ReasonComposer.variance(topic, context(), rng: &rng)
  }

  /// 十: 机关运行经费 (a statement), 政府采购, 国有资产.
  mutating func otherMatters() {
    w.heading(DocumentComposer.finalSections[9])
    w.heading("(一)机关运行经费及公用经费支出情况")
    let basic = h.total(year, budget: false, subjects: department.subjects, project: false)
    let basicBefore = h.total(year - 1, budget: false, subjects: department.subjects, project: false)
    let now = h.publicFunds(ofBasic: basic), before = h.publicFunds(ofBasic: basicBefore)
    var p = Paragraph()
    let start = p.open()
    p.text("\(year)年度" + name + "(行政单位和参照公务员法管理事业单位)机关运行经费支出"); p.amount(now)
    let topic: ReasonTopic = founded(now, before) ? .newUnit : now >= before ? .runningUp : .runningDown
    let why = ReasonComposer.compose(topic, context(), rng: &rng)
    if varies() {
      // The amount in one sentence, the change in the next (`…支出X万元。与上年相比,减少…`).
      p.text("。")
      p.close(start)
      p.text("与上年相比,")
      finishChange(&p, start: start, subject: "机关运行经费", amount: now, now: now, before: before,
                   comparator: "", reasonText: why)
    } else {
      p.text(",")
      p.close(start)
      finishChange(&p, start: start, subject: "机关运行经费", amount: now, now: now, before: before,
                   comparator: totalComparator(), reasonText: why)
    }
    w.paragraph(p)

    w.heading("(二)政府采购情况")
    let goods = Int64(rng.below(3000)), works = rng.chance(0.1) ? Int64(rng.below(20000)) : 0
    let services = Int64(rng.below(2000)), all = goods + works + services
    p = Paragraph()
    p.text("\(year)年度政府采购支出总额"); p.amount(all); p.text(",其中:政府采购货物支出"); p.amount(goods)
    p.text("、政府采购工程支出"); p.amount(works); p.text("、政府采购服务支出"); p.amount(services); p.text("。")
    w.paragraph(p)
    p = Paragraph()
    let small = Money.scaled(all, by: 0.8 + rng.unit() * 0.2)
    p.text("授予中小企业合同金额"); p.amount(all); p.text(",占政府采购支出总额的"); p.rate(all == 0 ? 0 : 10_000)
    p.text(",其中:授予小微企业合同金额"); p.amount(small); p.text(",占政府采购支出总额的"); p.rate(Money.share(small, of: all))
    p.text("。")
    w.paragraph(p)

    w.heading("(三)国有资产占用情况说明")
    let cars = h.cars[FiscalHistory.index(year)]
    p = Paragraph()
    let area = rng.chance(0.6) ? 0 : 200 + rng.below(3000)
    p.text("截至\(year)年12月31日,房屋\(area).00平方米,价值"); p.amount(area == 0 ? 0 : Int64(area * (200 + rng.below(400))))
    p.text("。车辆\(cars)辆,价值"); p.amount(Int64(cars * (800 + rng.below(1500))))
    p.text(",其中:副部(省)级及以上领导用车0辆、主要负责人用车0辆、机要通信用车0辆、应急保障用车\(cars > 0 ? 1 : 0)辆、执法执勤用车0辆、")
    p.text("特种专业技术用车0辆、离退休干部服务用车0辆、其他用车\(max(0, cars - 1))辆,其他用车主要是:")
    p.text(cars > 1 ? "日常工作用车。" : "本单位无其他用车。")
    p.text("单价100万元(含)以上设备(不含车辆)0台(套)。")
    w.paragraph(p)
  }

  func founded(_ now: Int64, _ before: Int64) -> Bool { before == 0 && now > 0 && department.founded?.year == year }
}
