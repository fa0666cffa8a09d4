// The numeric heart of a statement ("core"): the part that states how much a
// figure moved. Two shapes carry every numeric comparison in the seeds:
//
//   change   [比上年决算|与上年相比,|…] 增加 2.90 万元, 增长 2.06 %
//   variance 年初预算数 211.59 万元, 决算数 254.56 万元, 预决算差异率 20.31 %
//
// Signs come from the verbs (减少/下降 negative); only 预决算差异率 carries its
// own sign. A change with only one of its halves (`比上年增加5万元。`) counts
// only when a comparator names what it is compared with, so that reasons
// (`本年驻村人员减少1名`) and other prose never start a statement.

struct ComparisonCore {
  enum Kind { case change, variance }
  var kind: Kind
  /// Where the core starts: its comparator if one precedes it directly.
  var start: Int
  /// After the last `%` or `万元`.
  var end: Int
  /// variance: 决算数.
  var amount: Int64?
  /// variance: 年初预算数 / 全年预算数.
  var prior: Int64?
  var change: Int64?
  var rate: Int64?
  /// From the comparator; nil when the text names none (004's 三公 parts).
  var basis: Basis?
}

enum Cores {
  static let changeVerbs: [Lit] = ["增加", "减少", "增长", "下降", "降低", "上升"]
  static let changeSigns: [Int64] = [1, -1, 1, -1, -1, 1]
  static let rateVerbs: [Lit] = ["增长", "下降", "增加", "减少", "降低", "上升", "增幅", "减幅"]
  static let rateSigns: [Int64] = [1, -1, 1, -1, -1, 1, 1, -1]

  /// Comparators, longest first where one is a prefix of another.
  static let comparators: [(Lit, Basis)] = [
    ("与年初预算相比", .budget), ("与全年预算相比", .budget), ("比年初预算", .budget), ("比全年预算", .budget),
    ("与上年决算相比", .lastYear), ("与上年预算相比", .lastYear), ("与上年相比", .lastYear), ("与上年度相比", .lastYear),
    ("比上年决算数", .lastYear), ("比上年决算", .lastYear), ("比上年预算数", .lastYear), ("比上年预算", .lastYear),
    ("比上年度", .lastYear), ("比上年", .lastYear), ("较上年度", .lastYear), ("较上年", .lastYear), ("同比", .lastYear),
  ]

  static let variancePriors: [Lit] = ["年初预算数", "全年预算数", "预算数"]

  /// The first core starting at or after `from` and ending by `to`.
  static func next(_ t: ScalarText, from: Int, to: Int) -> ComparisonCore? {
    var i = from
    while i < to {
      if let c = match(t, at: i), c.end <= to { return c }
      i += 1
    }
    return nil
  }

  static func match(_ t: ScalarText, at i: Int) -> ComparisonCore? {
    variance(t, at: i) ?? change(t, at: i)
  }

  /// `年初预算数 X 万元, 决算数 Y 万元, 预决算差异率 Z%`.
  static func variance(_ t: ScalarText, at i: Int) -> ComparisonCore? {
    guard let p = t.matchAny(variancePriors, at: i) else { return nil }
    var j = p.end
    if t.has("为", at: j) { j += 1 }
    guard let prior = t.quantity(at: j, unit: "万元") else { return nil }
    guard var k = comma(t, after: prior.end), t.has("决算数", at: k) else { return nil }
    k += 3
    if t.has("为", at: k) { k += 1 }
    guard let final = t.quantity(at: k, unit: "万元") else { return nil }
    guard var r = comma(t, after: final.end) else { return nil }
    if t.has("预决算差异率", at: r) { r += 6 } else if t.has("差异率", at: r) { r += 3 } else { return nil }
    if t.has("为", at: r) { r += 1 }
    guard let rate = t.quantity(at: r, unit: "%") else { return nil }
    return ComparisonCore(
      kind: .variance, start: i, end: rate.end, amount: final.value, prior: prior.value,
      change: nil, rate: rate.value, basis: .budget)
  }

  /// `增加 X 万元, 增长 Y%`, or one half of it after a comparator.
  static func change(_ t: ScalarText, at i: Int) -> ComparisonCore? {
    var change: Int64?, rate: Int64?
    var end: Int
    var complete = false
    if let v = t.matchAny(changeVerbs, at: i), let q = t.quantity(at: v.end, unit: "万元") {
      change = q.value.map { changeSigns[v.index] * abs($0) }
      end = q.end
      if let k = comma(t, after: q.end), let rv = t.matchAny(rateVerbs, at: k),
        let r = t.quantity(at: rv.end, unit: "%")
      {
        rate = r.value.map { rateSigns[rv.index] * abs($0) }
        end = r.end
        complete = true
      }
    } else if let rv = t.matchAny(rateVerbs, at: i), let r = t.quantity(at: rv.end, unit: "%") {
      rate = r.value.map { rateSigns[rv.index] * abs($0) }
      end = r.end
    } else {
      return nil
    }
    let comparator = comparatorBefore(t, i)
    if !complete && comparator == nil { return nil }
    return ComparisonCore(
      kind: .change, start: comparator?.start ?? i, end: end, amount: nil, prior: nil,
      change: change, rate: rate, basis: comparator?.basis)
  }

  /// The comparator ending right before `i` (a comma may sit between: `与上年相比,减少`).
  static func comparatorBefore(_ t: ScalarText, _ i: Int) -> (start: Int, basis: Basis)? {
    var b = t.skipSpacesBackward(i)
    if b > 0, t[b - 1] == "," { b = t.skipSpacesBackward(b - 1) }
    for (lit, basis) in comparators where t.has(lit, endingAt: b) { return (b - lit.count, basis) }
    return nil
  }

  /// After `i`: optional spaces, a `,` or `、`, optional spaces; the position after them.
  static func comma(_ t: ScalarText, after i: Int) -> Int? {
    let k = t.skipSpaces(i)
    guard k < t.count, t[k] == "," || t[k] == "、" else { return nil }
    return t.skipSpaces(k + 1)
  }

  /// Whether a core starts anywhere in `from..<to`.
  static func occurs(_ t: ScalarText, from: Int, to: Int) -> Bool {
    var i = from
    while i < to {
      if match(t, at: i) != nil { return true }
      i += 1
    }
    return false
  }
}
