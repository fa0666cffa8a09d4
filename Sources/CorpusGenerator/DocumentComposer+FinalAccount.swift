// The 决算 (final account) template, in the order of 000–003: title, 第一部分
// 单位概况, 第二部分 部门决算情况说明 (一–十二), 第三部分 专业名词解释,
// 第四部分 部门决算报表. Statements are written by the +FinalStatements and
// +ThreePublic files; project tables by +Performance.

extension DocumentComposer {
  static let finalSections = [
    "一、收入支出决算总体情况说明", "二、收入决算情况说明", "三、支出决算情况说明", "四、财政拨款收入支出决算总体情况说明",
    "五、一般公共预算财政拨款支出决算情况说明", "六、一般公共预算财政拨款基本支出决算情况说明",
    "七、政府性基金预算财政拨款收入支出决算情况说明", "八、国有资本经营预算财政拨款收入支出决算情况说明",
    "九、财政拨款“三公”经费支出决算情况说明", "十、其他重要事项的情况说明", "十一、预算绩效的情况说明",
    "十二、其他需说明的事项",
  ]

  mutating func composeFinalAccount() {
    let overview = rng.chance(0.5) ? "第一部分 单位概况" : "第一部分 部门概况"
    w.blank(2 + rng.below(4))
    title(kindWord: "决算")
    if w.style.layout == .pdf && rng.chance(0.6) || rng.chance(0.05) { finalContents(overview) }
    w.heading(overview)
    w.heading("一、主要职能")
    duties(numbered: false)
    w.heading("二、机构设置及人员情况")
    staffParagraph()
    w.heading("第二部分 部门决算情况说明")
    finalStatements()
    threePublicFinal()
    otherMatters()
    performanceFinal()
    w.heading("十二、其他需说明的事项")
    w.paragraph(Paragraph(rng.chance(0.8) ? "本单位无其他需说明的事项。" : "本部门无其他需说明的事项。"))
    w.heading("第三部分 专业名词解释")
    glossary(Boilerplate.finalGlossary, markup: w.style.layout == .pdf && rng.chance(0.3))
    w.heading("第四部分 部门决算报表(见附表)")
    let bullets = w.style.layout == .pdf && rng.chance(0.3)
    for (i, t) in Boilerplate.finalTables.enumerated() {
      w.raw((bullets ? "- " : "") + DocumentComposer.numeral(i + 1) + "、《" + t + "》")
    }
    if rng.chance(0.3) {
      w.blank(3)
      w.raw(String(1 + rng.below(30)))
    }
  }

  /// The title over one, two or three lines (000, 001/003, 002; 004 for
  /// budgets), sometimes with a province prefix (004 `新疆巴州…`) or the year first.
  mutating func title(kindWord: String) {
    let spaced = w.style.layout == .pdf && rng.chance(0.7)
    let budget = kindWord == "预算"
    let y = (spaced ? " \(year) 年" : "\(year)年") + (budget && rng.chance(0.6) ? "" : "度")
    var dept = department.name
    if rng.chance(0.05) {
      // A location prefix that is not part of the name: the province, or
      // (before a party body, 004 `新疆巴州中共…`) province and prefecture.
      if dept.hasPrefix("中共") && place.county != nil && !place.qualified && rng.chance(0.5) {
        dept = place.province.short + (place.prefecture.alias ?? place.prefecture.name) + dept
      } else {
        dept = place.province.full + dept
      }
    }
    let tail = budget ? rng.pick(["公开", "公开说明", "公开说明", ""]) : "公开说明"
    let r = rng.below(10)
    if r == 0 {
      w.raw(y.trimmingSpaces + dept + "部门" + kindWord + tail)
    } else if r <= 3 {
      w.raw(dept + y + "部门" + kindWord + tail)
    } else if r <= 6 || tail.isEmpty {
      w.raw(dept + y + "部门" + kindWord)
      if !tail.isEmpty { w.raw(tail) }
    } else if budget {
      w.raw(dept + y)
      w.raw("部门" + kindWord + tail)
    } else {
      w.raw(dept + y + "部门")
      w.raw(kindWord)
      w.raw(tail)
    }
  }

  mutating func finalContents(_ overview: String) {
    w.raw("目 录")
    for line in [overview, "一、主要职能", "二、机构设置及人员情况", "第二部分 部门决算情况说明"] { w.raw(line) }
    for s in DocumentComposer.finalSections { w.raw(s) }
    for line in ["第三部分 专业名词解释", "第四部分 部门决算报表(见附表)"] { w.raw(line) }
  }

  /// 主要职能: `X主要职责是:` then `(一)…。` items (000) or `1. …。` items (004).
  mutating func duties(numbered: Bool) {
    var duties = department.kind.duties.map(place.fill)
    let keep = max(4, duties.count - rng.below(3))
    duties = Array(duties.prefix(keep))
    if !numbered { w.paragraph(Paragraph(name + "主要职责是:")) }
    for (i, d) in duties.enumerated() {
      let marker = numbered ? "\(i + 1)." + (w.style.itemSpace ? " " : "") : "(" + DocumentComposer.numeral(i + 1) + ")"
      w.paragraph(Paragraph(marker + d + "。"))
    }
  }

  /// 机构设置及人员情况: staff counts and divisions.
  mutating func staffParagraph() {
    let i = FiscalHistory.index(year)
    let staff = h.staff[i], retired = h.retirees[i]
    let ds = h.staffDelta(year), dr = retired - h.retirees[i - 1]
    func delta(_ d: Int) -> String { d >= 0 ? "增加\(d)人" : "减少\(-d)人" }
    var p = Paragraph()
    p.text(name + "\(year)年度,实有人数\(staff + retired)人,其中:在职人员\(staff)人," + delta(ds))
    p.text(";离休人员0人,增加0人;退休人员\(retired)人," + delta(dr) + "。")
    w.paragraph(p)
    var divisions = department.kind.divisions
    rng.shuffle(&divisions)
    divisions = Array(divisions.prefix(3 + rng.below(max(1, divisions.count - 2))))
    let units = department.subordinateUnits
    let lead = units.isEmpty ? name + "无下属预算单位," : name + "下属预算单位\(units.count)个(" + units.joined(separator: "、") + "),"
    w.paragraph(Paragraph(lead + "下设\(divisions.count)个科室,分别是:" + divisions.joined(separator: "、") + "。"))
  }

  /// 第三部分 / 第四部分 glossary entries `一、X:Y`; 002 bolds some terms.
  mutating func glossary(_ terms: [(String, String)], markup: Bool) {
    for (i, (term, text)) in terms.enumerated() {
      let t = markup && i < 8 ? "**" + term + "**" : term
      w.paragraph(Paragraph(DocumentComposer.numeral(i + 1) + "、" + t + ":" + text))
    }
  }

  /// 1 → 一, 12 → 十二.
  static func numeral(_ n: Int) -> String {
    let d = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
    if n < 10 { return d[n] }
    if n < 20 { return "十" + d[n - 10] }
    return d[n / 10] + "十" + d[n % 10]
  }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while s.first == " " { s = s.dropFirst() }
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
