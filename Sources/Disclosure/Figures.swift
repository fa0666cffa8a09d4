// Figures users ask about, as typed fields of the record whose text states
// them (usually a passage):
//
//   实有人数78人,其中:在职54人,增加1人;退休24人,增加1人;离休0人,增加0人。
//   政府采购支出总额16.02万元 / 政府采购预算 93.4 万元
//   授予中小企业合同金额16.02万元 / 面向中小企业预留政府采购项目预算金额 93.4 万元
//   车辆 10 辆,价值… / 固定资产车辆0辆 / 公务用车保有量5辆
//
// A count is read only right after its label; its change only when 增加/减少
// follows the count directly (`在职人员45人,减少10人`). Nothing is summed.

enum Figures {
  static func fill(_ r: inout Record) {
    let t = ScalarText(r.text)
    guard t.count > 0 else { return }
    // Staff counts only where the staff sentence is (`实有人数…`): a reason's
    // `本年退休2人` is not the unit's headcount.
    let staffSentence = t.find("实有人数", from: 0) != nil
    var i = 0
    while i < t.count {
      if staffSentence, let (label, end) = staffLabel(t, at: i), let n = count(t, at: end, unit: "人") {
        let change = countChange(t, after: n.end)
        switch label {
        case .total: if r.staffTotal == nil { r.staffTotal = n.value }
        case .active:
          if r.staffActive == nil { (r.staffActive, r.staffActiveChange) = (n.value, change) }
        case .retiredCadres:
          if r.staffRetiredCadres == nil { (r.staffRetiredCadres, r.staffRetiredCadresChange) = (n.value, change) }
        case .retirees:
          if r.staffRetirees == nil { (r.staffRetirees, r.staffRetireesChange) = (n.value, change) }
        }
        i = n.end
        continue
      }
      if r.procurementTotal == nil, let m = t.matchAny(["政府采购支出总额", "政府采购预算总额", "政府采购预算"], at: i) {
        var j = m.end
        if t.has("为", at: j) { j += 1 }
        if let q = t.money(at: j) { r.procurementTotal = q.value }
      }
      if r.procurementSME == nil, let m = t.matchAny(["授予中小企业合同金额", "面向中小企业预留政府采购项目预算金额"], at: i) {
        var j = m.end
        if t.has("为", at: j) { j += 1 }
        if let q = t.money(at: j) { r.procurementSME = q.value }
      }
      if r.officialVehicles == nil, t.has("公务用车保有量", at: i), let n = count(t, at: i + 7, unit: "辆") {
        r.officialVehicles = n.value
      }
      if r.vehicles == nil, t.has("车辆", at: i), vehicleContext(t, before: i), let n = count(t, at: i + 2, unit: "辆") {
        r.vehicles = n.value
      }
      i += 1
    }
  }

  enum Staff { case total, active, retiredCadres, retirees }

  static func staffLabel(_ t: ScalarText, at i: Int) -> (Staff, Int)? {
    if t.has("实有人数", at: i) { return (.total, i + 4) }
    // `在职人员` / `在职`, not `在职人员经费`; `在在职人员` (002's slip) reads the same.
    for (lit, kind) in [("在职人员", Staff.active), ("在职", .active), ("离休人员", .retiredCadres), ("离休", .retiredCadres),
      ("退休人员", .retirees), ("退休", .retirees)] as [(Lit, Staff)] where t.has(lit, at: i)
    {
      // `离退休人员` is neither; `在职` must not be part of `不在职`.
      if t.has("离", endingAt: i) || t.has("不", endingAt: i) { return nil }
      return (kind, i + lit.count)
    }
    return nil
  }

  /// `[为|:] N [spaces] unit` at i, an integer count.
  static func count(_ t: ScalarText, at i: Int, unit: Lit) -> (value: Int64, end: Int)? {
    var j = t.skipSpaces(i)
    if t.has("为", at: j) || t.has(":", at: j) { j = t.skipSpaces(j + 1) }
    var v: Int64 = 0
    var k = j
    while k < t.count, isDigit(t[k]), k - j < 9 {
      v = v * 10 + Int64(t[k].value - 48)
      k += 1
    }
    guard k > j, k >= t.count || !isDigit(t[k]) && t[k] != "." else { return nil }
    let u = t.skipSpaces(k)
    guard t.has(unit, at: u) else { return nil }
    return (v, u + unit.count)
  }

  /// `,增加2人` / `,减少10人` right after a count.
  static func countChange(_ t: ScalarText, after i: Int) -> Int64? {
    guard let k = Cores.comma(t, after: i) else { return nil }
    let sign: Int64
    if t.has("增加", at: k) { sign = 1 } else if t.has("减少", at: k) { sign = -1 } else { return nil }
    guard let n = count(t, at: k + 2, unit: "人") else { return nil }
    return sign * n.value
  }

  /// `车辆` names fixed-asset vehicles after a clause break or `(固定)资产`,
  /// not `租赁车辆` or `购置车辆`.
  static func vehicleContext(_ t: ScalarText, before i: Int) -> Bool {
    let b = t.skipSpacesBackward(i)
    if b == 0 { return true }
    if t.has("资产", endingAt: b) || t.has("中", endingAt: b) { return true }
    let c = t[b - 1]
    return isPunct(c) || c == "." || isDigit(c)
  }
}
