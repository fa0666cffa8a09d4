// Composes one disclosure: picks the wording (templates in the
// DocumentComposer+… files), hands paragraphs and tables to the
// DocumentWriter, and keeps the ground truth of every statement and project
// it writes. One composer per document; its random stream is the document's.

struct DocumentComposer {
  let department: Department
  let year: Int
  let kind: DocumentKindTag
  var rng: SeededRandom
  var w: DocumentWriter
  /// The name this document uses in its body (mostly the title's).
  let name: String

  var h: FiscalHistory { department.history }
  var place: Place { department.place }

  init(department: Department, year: Int, kind: DocumentKindTag, layout: TextStyle.Layout, rng: SeededRandom) {
    self.department = department
    self.year = year
    self.kind = kind
    self.rng = rng
    let style = TextStyle(layout: layout, kind: kind, rng: &self.rng)
    w = DocumentWriter(style: style, rng: SeededRandom(seed: self.rng.next()))
    var r = self.rng
    name = department.bodyName(&r)
    self.rng = r
  }

  /// The document's text as UTF-8 bytes, with its statements and projects.
  mutating func compose() -> (bytes: [UInt8], statements: [TruthStatement], projects: [TruthProject]) {
    switch kind {
    case .finalAccount: composeFinalAccount()
    case .budget: composeBudget()
    }
    return (w.bytes, w.statements, w.projects)
  }

  func context(project: String? = nil, item: String? = nil) -> ReasonContext {
    ReasonContext(
      year: year, place: place, project: project, item: item, budgetDocument: kind == .budget,
      foundedMonth: department.founded?.month ?? 9)
  }

  // MARK: Statement pieces

  /// `<comparator>增加X万元,增长Y%` (减少/下降 for decreases, `与上年持平`
  /// when nothing moved, now and then); returns the signed change and rate as stated.
  mutating func core(_ p: inout Paragraph, now: Int64, before: Int64, comparator standard: String) -> (Int64, Int64?) {
    let change = now - before
    let rate = Money.rate(change: change, prior: before)
    if change == 0, !standard.isEmpty, varies() {
      let (c, word) = rng.pick(Phrasing.noChange)
      p.text(c + word)
      return (0, 0)
    }
    p.text(comparator(standard))
    let vary = change != 0 && varies()
    if change >= 0 {
      p.text(vary ? rng.pick(Phrasing.upChange) : "增加")
    } else {
      p.text(vary ? rng.pick(Phrasing.downChange) : "减少")
    }
    p.amount(abs(change))
    p.text(",")
    if before == 0 && change > 0 && vary && rng.chance(0.5) {
      // A zero base: some documents say the rate is not comparable instead of 100%.
      p.text(rng.pick(["增长--(基数为0,不可比)", "增长率无可比性", "增长--"]))
      return (change, nil)
    }
    if change >= 0 {
      p.text(vary ? rng.pick(Phrasing.upRate) : "增长")
    } else {
      p.text(vary ? rng.pick(Phrasing.downRate) : (rng.chance(0.03) ? "降低" : "下降"))
    }
    p.rate(abs(rate))
    return (change, rate)
  }

  /// `,主要原因是:<reason>` (or `。主要原因是:`, or a lead-in such as
  /// `,下降的主要原因是:`); returns the reason's mark. The caller closes the sentence.
  mutating func reason(_ p: inout Paragraph, _ text: String, _ movement: Movement = .none) -> Int {
    let m = marker(movement)
    p.text(m.sentenceInitial ? "。" : ",")
    p.text(m.text)
    // A slip real documents keep (002 `本年在在职人员`); the truth is the text as written.
    if rng.chance(0.005), let r = text.firstRange(of: "在职") {
      var slipped = text
      slipped.replaceSubrange(r, with: "在在职")
      return p.marked(slipped)
    }
    return p.marked(text)
  }

  /// Ends a year-on-year statement whose head (subject and amount, opened
  /// with mark `start`) the caller wrote: the core, the reason, `。`.
  mutating func finishChange(
    _ p: inout Paragraph, start: Int, subject: String, amount: Int64?, now: Int64, before: Int64,
    comparator: String, reasonText: String?, basis: String = "上年", close: String = "。"
  ) {
    let (change, rate) = core(&p, now: now, before: before, comparator: comparator)
    let movement: Movement = change > 0 ? .up : change < 0 ? .down : .none
    let r = reasonText.map { reason(&p, $0, movement) }
    p.text(close == "。" && rng.chance(0.004) ? "。。" : close)
    p.statement(
      TruthStatement(
        subject: subject, amount: amount, prior: nil, change: change, rate: rate, basis: basis, reason: "", line: 0),
      start: start, reason: r)
  }

  /// `年初预算数X万元,决算数Y万元,预决算差异率Z%,主要原因是:R。`
  mutating func varianceStatement(
    _ p: inout Paragraph, subject: String, final: Int64, budget: Int64, priorLabel: String, reasonText: String,
    lead: String
  ) {
    let start = p.open()
    p.text(lead)
    p.close(start)
    p.text(priorLabel)
    p.amount(budget)
    p.text(",决算数")
    p.amount(final)
    p.text(",预决算差异率")
    let rate = Money.rate(change: final - budget, prior: budget)
    p.rate(rate)
    let r = reason(&p, reasonText, final > budget ? .over : final < budget ? .under : .none)
    p.text("。")
    p.statement(
      TruthStatement(
        subject: subject, amount: final, prior: budget, change: nil, rate: rate, basis: "预算", reason: "", line: 0),
      start: start, reason: r)
  }

  /// Comparator for totals: mostly `比上年`, with the long tail real documents show.
  mutating func totalComparator() -> String {
    let r = rng.below(100)
    return r < 88 ? "比上年" : r < 93 ? "较上年" : r < 97 ? "同比" : "比上年度"
  }
}
