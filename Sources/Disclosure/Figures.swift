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
    // Every figure needs one of a few anchors (in folded form); most texts
    // have none, and then nothing is decoded: one byte scan, no scalars.
    guard mayHaveFigures(r.text) else { return }
    let t = ScalarText(r.text)
    guard t.count > 0 else { return }
    // Staff counts only where the staff sentence is (`实有人数…`): a reason's
    // `本年退休2人` is not the unit's headcount.
    let staffSentence = t.find(totalLabel, from: 0) != nil
    var i = 0
    while i < t.count {
      if staffSentence, let (label, end) = staffLabel(t, at: i), let n = count(t, at: end, unit: personUnit) {
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
      // Literals are built once (a `Lit` decodes its string into an array);
      // the first scalar rules out most positions before any comparison.
      let c = t[i]
      guard c == "政" || c == "授" || c == "面" || c == "公" || c == "车" else {
        i += 1
        continue
      }
      if r.procurementTotal == nil, let m = t.matchAny(procurementLabels, at: i) {
        var j = m.end
        if t.has("为", at: j) { j += 1 }
        if let q = t.money(at: j) { r.procurementTotal = q.value }
      }
      if r.procurementSME == nil, let m = t.matchAny(smeLabels, at: i) {
        var j = m.end
        if t.has("为", at: j) { j += 1 }
        if let q = t.money(at: j) { r.procurementSME = q.value }
      }
      if r.officialVehicles == nil, t.has(officialVehiclesLabel, at: i), let n = count(t, at: i + 7, unit: "辆") {
        r.officialVehicles = n.value
      }
      if r.vehicles == nil, t.has(vehiclesLabel, at: i), vehicleContext(t, before: i), let n = count(t, at: i + 2, unit: "辆") {
        r.vehicles = n.value
      }
      i += 1
    }
  }

  enum Staff { case total, active, retiredCadres, retirees }

  static let procurementLabels: [Lit] = ["政府采购支出总额", "政府采购预算总额", "政府采购预算"]
  static let smeLabels: [Lit] = ["授予中小企业合同金额", "面向中小企业预留政府采购项目预算金额"]
  static let officialVehiclesLabel: Lit = "公务用车保有量"
  static let vehiclesLabel: Lit = "车辆"
  static let totalLabel: Lit = "实有人数"
  static let staffLabels: [(Lit, Staff)] = [
    ("在职人员", .active), ("在职", .active), ("离休人员", .retiredCadres), ("离休", .retiredCadres),
    ("退休人员", .retirees), ("退休", .retirees),
  ]
  static let personUnit: Lit = "人"

  /// Raw UTF-8 spellings of every anchor a figure needs (`实有人数`,
  /// `政府采购`, `中小企业`, `公务用车保有量`, `车辆`), each in every mix of
  /// scripts that Script.fold maps to it: if a text contains none of them,
  /// its folded scalars contain no label `fill` looks for.
  static let anchors: [[UInt8]] = {
    var variants: [Unicode.Scalar: [Unicode.Scalar]] = [:]
    for (traditional, simplified) in Script.fold { variants[simplified, default: [simplified]].append(traditional) }
    var out: [[UInt8]] = []
    for anchor in ["实有人数", "政府采购", "中小企业", "公务用车保有量", "车辆"] {
      var spellings: [String.UnicodeScalarView] = [String.UnicodeScalarView()]
      for c in anchor.unicodeScalars {
        let options = variants[c] ?? [c]
        spellings = spellings.flatMap { prefix in options.map { var v = prefix; v.append($0); return v } }
      }
      out += spellings.map { Array(String($0).utf8) }
    }
    return out
  }()

  /// `anchors` grouped by their first scalar (3 UTF-8 bytes, as a key).
  static let anchorsByLead: [(lead: UInt32, anchors: [[UInt8]])] = {
    var out: [(lead: UInt32, anchors: [[UInt8]])] = []
    for a in anchors {
      precondition(a.count >= 3 && a[0] >= 0xE0 && a[0] < 0xF0, "anchors start with a 3-byte scalar")
      let lead = UInt32(a[0]) << 16 | UInt32(a[1]) << 8 | UInt32(a[2])
      if let k = out.firstIndex(where: { $0.lead == lead }) { out[k].anchors.append(a) } else { out.append((lead, [a])) }
    }
    return out
  }()

  /// The 16 bits of each anchor lead that vary (`lead` is E_ xx xx: 4 + 6 + 6
  /// bits), as a bitmap: most CJK scalars are ruled out by one bit test
  /// instead of a scan of `anchorsByLead`.
  static let leadBits: [UInt64] = {
    var bits = [UInt64](repeating: 0, count: 1024)
    for entry in anchorsByLead {
      let v = Int(leadKey(entry.lead))
      bits[v >> 6] |= 1 << UInt64(v & 63)
    }
    return bits
  }()

  @inline(__always) static func leadKey(_ lead: UInt32) -> UInt32 {
    (lead >> 16 & 0x0F) << 12 | (lead >> 8 & 0x3F) << 6 | (lead & 0x3F)
  }

  /// Whether `text` contains one of `anchors` (one pass over the bytes, no decoding).
  static func mayHaveFigures(_ text: String) -> Bool {
    var text = text
    let bits = leadBits
    return text.withUTF8 { buf in
      let n = buf.count
      var i = 0
      while i + 6 <= n {
        let b0 = buf[i]
        guard b0 >= 0xE0 && b0 < 0xF0 else {
          i += 1
          continue
        }
        let lead = UInt32(b0) << 16 | UInt32(buf[i + 1]) << 8 | UInt32(buf[i + 2])
        let key = Int(leadKey(lead))
        if bits[key >> 6] & (1 << UInt64(key & 63)) == 0 {
          i += 3
          continue
        }
        for entry in anchorsByLead where entry.lead == lead {
          for a in entry.anchors where i + a.count <= n {
            var k = 3
            while k < a.count && buf[i + k] == a[k] { k += 1 }
            if k == a.count { return true }
          }
        }
        i += 3
      }
      return false
    }
  }

  static func staffLabel(_ t: ScalarText, at i: Int) -> (Staff, Int)? {
    let c = t[i]
    guard c == "实" || c == "在" || c == "离" || c == "退" else { return nil }
    if t.has(totalLabel, at: i) { return (.total, i + 4) }
    // `在职人员` / `在职`, not `在职人员经费`; `在在职人员` (002's slip) reads the same.
    for (lit, kind) in staffLabels where t.has(lit, at: i) {
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
    guard let n = count(t, at: k + 2, unit: personUnit) else { return nil }
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
