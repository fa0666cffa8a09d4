// The 预算 (budget) template, in the order of 004: title, table of contents,
// 第一部分 部门概况, 第二部分 部门预算公开表 (表1–表11), 第三部分 部门预算情况说明
// (一–十二, statements compare with 比上年预算), 第四部分 名词解释.

extension DocumentComposer {
  /// `关于X部门 2024 年…` headings of 第三部分.
  func budgetSections() -> [String] {
    let d = name + "部门" + (w.style.layout == .pdf ? " \(year) 年" : "\(year)年")
    return [
      "一、关于" + d + "收支预算情况的总体说明", "二、关于" + d + "收入预算情况说明", "三、关于" + d + "支出预算情况说明",
      "四、关于" + d + "财政拨款收支预算情况的总体说明", "五、关于" + d + "一般公共预算当年拨款情况说明",
      "六、关于" + d + "一般公共预算基本支出情况说明", "七、关于" + d + "一般公共预算项目支出情况说明",
      "八、关于" + d + "政府性基金预算拨款情况说明", "九、关于" + d + "国有资本经营预算拨款情况说明",
      "十、关于" + d + "财政拨款“三公”经费预算情况说明", "十一、关于" + d + "上年结转结余预算情况说明",
      "十二、其他重要事项的情况说明",
    ]
  }

  static let budgetTables = [
    "部门收支总体情况表", "部门收入总体情况表", "部门支出总体情况表", "财政拨款收支预算总体情况表", "一般公共预算支出情况表",
    "一般公共预算基本支出情况表", "一般公共预算项目支出情况表", "政府性基金预算支出情况表", "国有资本经营预算支出情况表",
    "财政拨款“三公”经费支出情况表", "上年结转结余情况明细表",
  ]

  mutating func composeBudget() {
    let y = w.style.layout == .pdf ? " \(year) 年" : " \(year)年"
    let parts = ["第一部分" + y + "部门概况", "第二部分" + y + "部门预算公开表", "第三部分" + y + "部门预算情况说明", "第四部分 名词解释"]
    w.blank(1 + rng.below(3))
    title(kindWord: "预算")
    if w.style.layout == .pdf && rng.chance(0.7) || rng.chance(0.1) {
      w.raw("目 录")
      w.raw(parts[0]); w.raw("一、主要职能"); w.raw("二、机构设置及人员情况")
      w.raw(parts[1])
      for (i, t) in DocumentComposer.budgetTables.enumerated() { w.raw(DocumentComposer.numeral(i + 1) + "、" + t) }
      w.raw(parts[2])
      for s in budgetSections() { w.raw(s) }
      w.raw(parts[3])
    }
    w.heading(parts[0])
    w.heading("一、主要职能")
    duties(numbered: true)
    w.heading("二、机构设置及人员情况")
    budgetOrganisation()
    w.heading(parts[1])
    budgetTables()
    w.heading(parts[2])
    budgetStatements()
    w.heading(parts[3])
    glossary(Boilerplate.budgetGlossary, markup: false)
  }

  /// 004's 机构设置: what the budget consolidates, divisions, staff.
  mutating func budgetOrganisation() {
    let units = department.subordinateUnits
    if units.isEmpty {
      w.paragraph(Paragraph("从预算单位构成看," + name + "部门的预算仅包括" + name + "本级预算。"))
    } else {
      w.paragraph(Paragraph("从预算单位构成看," + name + "部门的预算包括:" + name + "本级预算及下属\(units.count)家预算单位在内的汇总预算。"))
    }
    var divisions = department.kind.divisions
    rng.shuffle(&divisions)
    divisions = Array(divisions.prefix(3 + rng.below(max(1, divisions.count - 2))))
    w.paragraph(Paragraph(name + "部门本级下设\(divisions.count)个处室,分别是:" + divisions.joined(separator: "、") + "。"))
    if !units.isEmpty {
      w.paragraph(Paragraph("本部门中,行政单位1家,事业单位\(units.count)家,纳入" + name + "部门\(year)年度预算编制范围的下属预算单位包括:"))
      let sp = w.style.itemSpace ? " " : ""
      w.paragraph(Paragraph("1." + sp + name + "(本级)"))
      for (i, u) in units.enumerated() { w.paragraph(Paragraph("\(i + 2)." + sp + u)) }
    }
    let i = FiscalHistory.index(year)
    let staff = h.staff[i], retired = h.retirees[i]
    let ds = h.staffDelta(year), dr = retired - h.retirees[i - 1]
    func delta(_ d: Int) -> String { d >= 0 ? "增加\(d)人" : "减少\(-d)人" }
    w.paragraph(Paragraph(
      name + "部门编制数\(staff + rng.below(8)),实有人数\(staff + retired)人,其中:在职\(staff)人," + delta(ds)
        + ";退休\(retired)人," + delta(dr) + ";离休0人,增加0人。"))
  }
}
