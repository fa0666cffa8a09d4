// 决算 十一 预算绩效: the narrative paragraph, the unit-level 整体支出绩效自评表
// (not a project: it says 单位名称) and one 项目支出绩效自评表 per project, in
// the document's table layout. The `项目名称` row and the `年度资金总额` row
// (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分) are what the ground
// truth records; indicator rows are filler with the seeds' hazards
// (`>=1期`, `=100%`, empty cells, words split inside narrow cells).

extension DocumentComposer {
  mutating func performanceFinal() {
    w.heading(DocumentComposer.finalSections[10])
    let active = h.projects(in: year)
    let f = finalFigures(year)
    let plannedAll = f.spending + Int64(rng.below(200))
    let projBudget = active.reduce(Int64(0)) { $0 + $1.adjusted }, projExec = active.reduce(Int64(0)) { $0 + $1.executed }
    var p = Paragraph()
    if rng.chance(0.1) { p.verbatim("[bookmark: _GoBack]") }
    p.text("根据预算绩效管理要求,本单位\(year)年度预算绩效管理形成整体支出绩效自评表1个,全年预算总额"); p.amount(plannedAll)
    p.text(",实际执行总额"); p.amount(f.spending); p.text(";预算绩效评价项目\(active.count)个,全年预算数"); p.amount(projBudget)
    p.text(",全年执行数"); p.amount(projExec)
    p.text("。预算绩效管理取得的成效:一是" + rng.pick(Boilerplate.achievements) + ";二是" + rng.pick(Boilerplate.achievements))
    p.text("。发现的问题及原因:一是" + rng.pick(Boilerplate.problems) + "。下一步改进措施:一是" + rng.pick(Boilerplate.measures))
    p.text("。具体附整体支出绩效自评表,项目支出绩效自评表和评价报告。")
    w.paragraph(p)
    unitTable(planned: plannedAll, spent: f.spending)
    for a in active { projectTable(a.index, initial: a.initial, adjusted: a.adjusted, executed: a.executed) }
  }

  mutating func tableTitle(_ s: String) {
    w.blank(w.style.layout == .docx ? 2 : 1)
    w.table([[s]])
    w.table([["(\(year)年度)"]])
  }

  mutating func unitTable(planned: Int64, spent: Int64) {
    tableTitle("单位整体支出绩效自评表")
    let label = w.style.layout == .pdf && rng.chance(0.5) ? "部门名称" : "单位名称"
    let initial = Money.scaled(planned, by: 0.85 + rng.unit() * 0.15)
    let rate = Money.share(spent, of: planned)
    var rows: [[String]] = [
      [label, name],
      ["部门资金(万元)", "资金来源", "年初预算数", "全年预算数", "全年执行数", "分值权重", "执行率", "得分"],
      ["", "上级资金", "0.00", "0.00", "0.00", "-", "-", "-"],
      ["", "本级资金", Money.text(initial), Money.text(planned), Money.text(spent), "-", "-", "-"],
      ["", "其他资金", "0.00", "0.00", "0.00", "-", "-", "-"],
      ["", "合计", Money.text(initial), Money.text(planned), Money.text(spent), "10", Money.text(rate) + "%",
       Money.text(Money.divideRounded(rate, 10))],
      ["年度总体目标", "预期目标", "实际完成情况"],
    ]
    rows.append(["", "保障" + name + "正常运转,完成年度各项工作任务。", "已完成年度各项工作任务,单位运转正常。"])
    rows += indicatorRows(count: 5 + rng.below(6))
    w.table(rows.map(cellsForLayout))
  }

  mutating func projectTable(_ index: Int, initial: Int64, adjusted: Int64, executed: Int64) {
    let stem = department.projects[index]
    let pname = stem.name(year: year)
    tableTitle("项目支出绩效自评表")
    let execRate = Money.share(executed, of: adjusted)
    // 10 points at 100% execution, in hundredths of a point.
    let score = Money.divideRounded(execRate, 10)
    let unit = department.subordinateUnits.first.flatMap { rng.chance(0.3) ? $0 : nil } ?? name
    let spacedName = w.style.layout == .pdf && rng.chance(0.05) ? w.narrowCell(pname) : pname
    let header = ["项目资金(万元)", "", w.narrowCell("年初预算数"), w.narrowCell("全年预算数"), w.narrowCell("全年执行数"),
                  "分值", "执行率", "得分"]
    let pdf = w.style.layout == .pdf
    var rows: [[String]] = [
      ["项目名称", spacedName] + (pdf ? Array(repeating: "", count: 6) : []),
      ["主管部门", name, "实施单位", unit],
      header,
      ["", "年度资金总额", Money.text(initial), Money.text(adjusted), Money.text(executed), "10",
       Money.text(execRate) + "%", Money.text(score) + (pdf ? " 分" : "")],
      ["", "其中:当年财政拨款", Money.text(initial), Money.text(adjusted), Money.text(executed), "—", "—", "—"],
      ["", "其他资金", "0.00", "0.00", "0.00", "—", "—", "—"],
      ["年度总体目标", "预期目标", "实际完成情况"],
      ["", (pdf && rng.chance(0.3) ? "<p>" : "") + pname + "预算金额" + Money.text(adjusted) + "万元,用于保障相关工作顺利开展。",
       "截至\(year)年12月31日,已按计划完成项目各项工作任务。"],
    ]
    rows += indicatorRows(count: 6 + rng.below(7))
    rows.append(["总分", "100", "", "", Money.text(9000 + Int64(rng.below(1001))) + "分"])
    let lines = w.table(rows.map(cellsForLayout))
    w.projects.append(
      TruthProject(
        name: Width.compact(spacedName), initialBudget: initial, budget: adjusted, executed: executed,
        projectKey: stem.key, line: lines[0]))
  }

  /// Indicator rows: `一级指标 | 二级指标 | 三级指标 | 指标值 | 完成值 | 分值 | 得分`.
  mutating func indicatorRows(count: Int) -> [[String]] {
    var rows: [[String]] = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]]
    var pool = department.kind.indicators + DepartmentKinds.commonIndicators
    rng.shuffle(&pool)
    for i in 0..<min(count, pool.count) {
      let (label, unit) = pool[i]
      let level = i < count / 2 ? ["产出指标", "数量指标"] : ["效益指标", "社会效益指标"]
      let target = unit == "%" ? rng.pick(["95", "100", "90"]) : String(1 + rng.below(500))
      let op = unit == "%" ? rng.pick([">=", "≥", "="]) : rng.pick([">=", "=", "≥", "<="])
      let points = rng.pick(["10", "20", "5", "15"])
      rows.append(level + [label, op + target + unit, "=" + target + unit, points, points, rng.chance(0.1) ? "无偏差" : ""])
    }
    return rows
  }

  /// DOCX tables leave empty cells as lone tabs; PDF rows end with a stray tab now and then.
  func cellsForLayout(_ row: [String]) -> [String] {
    w.style.layout == .pdf && row.count > 2 ? row + [""] : row
  }
}
