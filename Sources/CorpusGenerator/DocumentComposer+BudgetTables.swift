// 预算 第二部分: the eleven disclosure tables, as 004 prints them (`表 1` /
// title / `编制部门:X` / `单位:万元` / rows with 功能分类 codes). Numbers only, no
// statements: they are the bulk of a budget document's text, and the place
// where item names appear as codes (`201\t31\t01\t行政运行`).

extension DocumentComposer {
  mutating func budgetTables() {
    let total = h.total(year, budget: true)
    let subjects = department.subjects
    let basic = h.total(year, budget: true, subjects: subjects, project: false)
    let amounts = subjects.indices.map { h.budgetAmount($0, year) }
    for (n, title) in DocumentComposer.budgetTables.enumerated() {
      w.raw(rng.chance(0.8) ? "表 \(n + 1)" : "表\(n + 1)")
      w.raw(title)
      w.label("编制部门:" + name)
      w.label("单位:万元")
      switch n {
      case 0: w.table(overviewRows(total))
      case 1: w.table([["功能分类科目编码", "", "", "功能分类科目名称", "总计", "财政拨款(补助)", "单位资金"]] + codeRows(amounts, extra: { v in [v, v, ""] }))
      case 2, 4:
        w.table([["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"]] + codeRows(amounts, extra: { _ in [] }, split: true))
      case 3:
        w.table([["财政拨款收入", "", "财政拨款支出", ""], ["一、财政拨款(补助)", Money.text(total), "合计", Money.text(total)],
                 ["一般公共预算", Money.text(total), "一般公共预算", Money.text(total)], ["收入总计", Money.text(total), "支出总计", Money.text(total)]])
      case 5: w.table(economicRows(basic))
      case 6: w.table(projectRows())
      case 9:
        let t = h.threePublic(year, budget: true)
        w.table([["“三公”经费支出内容", "合计", "一般公共预算"], ["合计", Money.text(t.reduce(0, +)), Money.text(t.reduce(0, +))],
                 ["因公出国(境)费", Money.text(t[0]), Money.text(t[0])], ["公务接待费", Money.text(t[3]), Money.text(t[3])],
                 ["公务用车购置及运行费 (小计)", Money.text(t[1] + t[2]), Money.text(t[1] + t[2])],
                 ["其中:公务用车购置费", Money.text(t[1]), Money.text(t[1])], ["公务用车运行费", Money.text(t[2]), Money.text(t[2])]])
      default:
        w.table([["科目", "", "", "合计", "基本支出", "项目支出"], ["", "", "", "合计", "", ""]])
        w.label("备注:" + name + "\(year)年没有使用相关预算拨款安排的支出," + title + "为空表。")
      }
    }
  }

  func overviewRows(_ total: Int64) -> [[String]] {
    var rows = [["收入", "", "支出", ""], ["项目", "预算数", "功能分类", "预算数"],
                ["一、本年收入", Money.text(total), "", ""], ["1.一般公共预算拨款", Money.text(total), "", ""]]
    var byClass: [String: Int64] = [:]
    for (k, s) in department.subjects.enumerated() { byClass[s.classCode, default: 0] += h.budgetAmount(k, year) }
    for (code, cname) in SubjectCatalog.classes {
      rows.append(["", "", code + " " + cname, byClass[code].map { Money.text($0) } ?? ""])
    }
    rows.append(["收入总计", Money.text(total), "支出总计", Money.text(total)])
    return rows
  }

  /// 类 / 款 / 项 rows with codes, then 合计.
  func codeRows(_ amounts: [Int64], extra: (String) -> [String], split: Bool = false) -> [[String]] {
    var rows: [[String]] = [["类", "款", "项", "", ""]]
    let s = department.subjects
    var total: Int64 = 0, basicTotal: Int64 = 0
    func cells(_ v: Int64, _ basic: Int64) -> [String] {
      split ? [Money.text(v), basic > 0 ? Money.text(basic) : "", v - basic > 0 ? Money.text(v - basic) : ""] : [Money.text(v)] + extra(Money.text(v))
    }
    var lastClass = "", lastSection = ""
    for (k, sub) in s.enumerated() where amounts[k] > 0 {
      let key = sub.classCode + "." + sub.sectionCode
      if sub.classCode != lastClass {
        let idx = s.indices.filter { s[$0].classCode == sub.classCode }
        let v = idx.reduce(Int64(0)) { $0 + amounts[$1] }
        let b = idx.filter { s[$0].role != .project }.reduce(Int64(0)) { $0 + amounts[$1] }
        rows.append([sub.classCode, "", "", sub.className] + cells(v, b))
        lastClass = sub.classCode
      }
      if key != lastSection {
        let idx = s.indices.filter { s[$0].classCode == sub.classCode && s[$0].sectionCode == sub.sectionCode }
        let v = idx.reduce(Int64(0)) { $0 + amounts[$1] }
        let b = idx.filter { s[$0].role != .project }.reduce(Int64(0)) { $0 + amounts[$1] }
        rows.append([sub.classCode, sub.sectionCode, "", sub.sectionName] + cells(v, b))
        lastSection = key
      }
      let b = sub.role == .project ? 0 : amounts[k]
      rows.append([sub.classCode, sub.sectionCode, sub.itemCode, sub.itemName] + cells(amounts[k], b))
      total += amounts[k]
      basicTotal += b
    }
    rows.append(["", "", "", "合计"] + cells(total, basicTotal))
    return rows
  }

  /// 表6 by economic classification: 工资福利支出 / 商品和服务支出 / 对个人和家庭的补助.
  func economicRows(_ basic: Int64) -> [[String]] {
    let pub = h.publicFunds(ofBasic: basic), personnel = basic - pub
    let wages: [(String, String, Int64)] = [("01", "基本工资", 28), ("02", "津贴补贴", 22), ("03", "奖金", 12), ("07", "绩效工资", 10),
                                            ("08", "机关事业单位基本养老保险缴费", 12), ("10", "职工基本医疗保险缴费", 6), ("13", "住房公积金", 10)]
    let goods: [(String, String, Int64)] = [("01", "办公费", 35), ("05", "水费", 3), ("06", "电费", 7), ("08", "取暖费", 20),
                                            ("11", "差旅费", 15), ("28", "工会经费", 8), ("31", "公务用车运行维护费", 12)]
    var rows: [[String]] = [["经济分类科目编码", "", "经济分类科目名称", "合计", "人员经费", "公用经费"], ["301", "", "工资福利支出", Money.text(personnel), Money.text(personnel), ""]]
    for (c, n, share) in wages { let v = personnel * share / 100; rows.append(["301", c, n, Money.text(v), Money.text(v), ""]) }
    rows.append(["302", "", "商品和服务支出", Money.text(pub), "", Money.text(pub)])
    for (c, n, share) in goods { let v = pub * share / 100; rows.append(["302", c, n, Money.text(v), "", Money.text(v)]) }
    rows.append(["", "", "合计", Money.text(basic), Money.text(personnel), Money.text(pub)])
    return rows
  }

  /// 表7: one row per project under the item it is charged to.
  func projectRows() -> [[String]] {
    var rows: [[String]] = [["科目编码", "", "", "科目名称", "项目名称", "项目支出合计", "商品和服务支出"]]
    var sum: Int64 = 0
    for a in h.projects(in: year) {
      let k = h.projectSubject[a.index]
      guard k >= 0 else { continue }
      let s = department.subjects[k]
      rows.append([s.classCode, s.sectionCode, s.itemCode, s.itemName, department.projects[a.index].name(year: year),
                   Money.text(a.initial), Money.text(a.initial)])
      sum += a.initial
    }
    rows.append(["", "", "", "", "合计", Money.text(sum), Money.text(sum)])
    return rows
  }
}
