// The numeric heart of a statement ("core"): the part that states how much a
// figure moved. Shapes:
//
//   change     [comparator] 增加 2.90 万元, 增长 2.06 %
//   variance   年初预算数 211.59 万元, 决算数 254.56 万元, 预决算差异率 20.31 %
//   completion 完成(全年)预算(100万元)的95.00%
//   no change  与上年持平 / 比上年无增减 / 较上年无变化
//   paired     (A和B) 各减少1.00、2.00万元, 各下降10.00%、20.00%
//
// Comparators (parsed, not listed): 同比; [同口径](比|较|与…相比|相比)
// (上年[度]|上年同期|去年|<year>年[度][(疫情前)]|年初预算|全年预算|预算)
// [的<amount>][决算数|预算数|决算|预算|数]. A comparator naming a year sets
// comparedYear (basis 上年: a comparison with an earlier year's figure); one
// stating the earlier amount (`较2024年的2190万元减少221万元`) sets prior.
//
// Signs come from the verbs (减少/下降 negative); only 预决算差异率 and the
// two-way verbs (`增加(减少)`, `增长(下降)`, `增(减)`) carry their number's
// own sign. A change with only one of its halves (`比上年增加5万元。`) counts
// only when a comparator names what it is compared with, so that reasons
// (`本年驻村人员减少1名`) and other prose never start a statement.
//
// No change: 持平, 无增减, 无变化 state that the figure did not move, so change
// and rate are 0 as stated; `基本持平` (roughly flat) states no number and is
// not a core. Not comparable (`增长--(基数为0,不可比)`, `增长率无可比性`) leaves
// the rate nil while the change half still counts.

struct ComparisonCore {
  enum Kind { case change, variance, completion, paired }
  var kind: Kind
  /// Where the core starts: its comparator if one precedes it directly.
  var start: Int
  /// After the last `%`, amount or closing parenthesis.
  var end: Int
  /// variance: 决算数.
  var amount: Int64?
  /// variance: 年初预算数 / 全年预算数; completion: the budget; a comparator's stated amount.
  var prior: Int64?
  var change: Int64?
  var rate: Int64?
  /// From the comparator; nil when the text names none (004's 三公 parts).
  var basis: Basis?
  /// The year a comparator names (`比2019年`, `较2023年度决算数`).
  var comparedYear: Int?
  /// completion: the stated share of the budget, basis points.
  var completion: Int64?
  /// paired: one (change, rate) per subject, in order.
  var pairs: [(change: Int64?, rate: Int64?)] = []
}

/// A comparator as parsed: where it starts and ends and what it names.
struct Comparator {
  var start: Int
  var end: Int
  var basis: Basis
  var year: Int?
  var prior: Int64?
  /// `与上年` without `相比`: only a no-change word may follow (`与上年持平`).
  var open: Bool
}

enum Cores {
  /// Change verbs with their sign; nil = two-way verb, the number keeps its sign.
  static let changeVerbs: [(Lit, Int64?)] = [
    ("增加(减少)", nil), ("增长(下降)", nil), ("增加/减少", nil), ("增(减)", nil),
    ("(减少)", -1), ("(增加)", 1),
    ("增加", 1), ("减少", -1), ("增长", 1), ("下降", -1), ("降低", -1), ("上升", 1),
  ]
  static let rateVerbs: [(Lit, Int64?)] = [
    ("增长(下降)", nil), ("增长率", nil), ("增减率", nil), ("变动率", nil), ("增幅", 1), ("减幅", -1), ("降幅", -1),
    ("涨幅", 1), ("下降率", -1), ("增长", 1), ("下降", -1), ("增加", 1), ("减少", -1), ("降低", -1), ("上升", 1),
  ]
  /// Said after a rate verb when the rate cannot be computed.
  static let notComparable: [Lit] = ["无可比性", "不可比", "--", "——", "—", "-", "/"]
  static let noChange: [Lit] = ["持平", "无增减", "无变化", "没有变化", "未发生变化"]
  static let variancePriors: [Lit] = ["年初预算数", "全年预算数", "预算数"]

  /// The first scalars of the core shapes (the cases of `match`'s switch).
  static let leadScalars: [Unicode.Scalar] = [
    "年", "全", "预", "各", "分", "完", "增", "减", "下", "降", "上", "(", "涨", "变", "持", "无", "没", "未",
  ]
  /// `leadScalars` as a bitmap over U+0000..<U+A000: one load and a bit test
  /// rule out almost every position, where the switch takes a chain of compares.
  static let leadLimit = 0xA000
  static let leadBits: [UInt64] = {
    var bits = [UInt64](repeating: 0, count: leadLimit / 64)
    for c in leadScalars {
      let v = Int(c.value)
      bits[v >> 6] |= 1 << UInt64(v & 63)
    }
    return bits
  }()

  /// The first core starting at or after `from` and ending by `to`.
  static func next(_ t: ScalarText, from: Int, to: Int) -> ComparisonCore? {
    leadBits.withUnsafeBufferPointer { bits in
      var i = max(from, 0)
      let end = min(to, t.count)
      while i < end {
        let v = Int(t[i].value)
        if v < leadLimit && bits[v >> 6] & (1 << UInt64(v & 63)) != 0, let c = match(t, at: i), c.end <= to {
          return c
        }
        i += 1
      }
      return nil
    }
  }

  static func match(_ t: ScalarText, at i: Int) -> ComparisonCore? {
    guard i < t.count else { return nil }
    // Each shape starts with a literal of its own, and their first scalars
    // differ from shape to shape: the scalar at `i` names the one shape that
    // can match there (the others would fail on their first comparison).
    switch t[i] {
    case "年", "全", "预": return variance(t, at: i)  // variancePriors
    case "各", "分": return paired(t, at: i)  // distributiveLeads
    case "完": return completion(t, at: i)  // 完成
    case "增", "减", "下", "降", "上", "(", "涨", "变": return change(t, at: i)  // changeVerbs, rateVerbs
    case "持", "无", "没", "未": return unchanged(t, at: i)  // noChange
    default: return nil
    }
  }

  // MARK: - shapes

  /// `年初预算数 X 万元, 决算数 Y 万元, 预决算差异率 Z%`.
  static func variance(_ t: ScalarText, at i: Int) -> ComparisonCore? {
    guard let p = t.matchAny(variancePriors, at: i) else { return nil }
    var j = p.end
    if t.has("为", at: j) { j += 1 }
    guard let prior = t.money(at: j) else { return nil }
    guard var k = comma(t, after: prior.end), t.has("决算数", at: k) else { return nil }
    k += 3
    if t.has("为", at: k) { k += 1 }
    guard let final = t.money(at: k) else { return nil }
    guard var r = comma(t, after: final.end) else { return nil }
    if t.has("预决算差异率", at: r) { r += 6 } else if t.has("差异率", at: r) { r += 3 } else { return nil }
    if t.has("为", at: r) { r += 1 }
    guard let rate = t.quantity(at: r, unit: "%") else { return nil }
    return ComparisonCore(
      kind: .variance, start: i, end: rate.end, amount: final.value, prior: prior.value,
      change: nil, rate: rate.value, basis: .budget)
  }

  static let completionBudgets: [Lit] = ["全年", "年初", "调整后", "调整"]

  /// `完成(全年|年初|调整)预算(数)(X万元)的Z%`.
  static func completion(_ t: ScalarText, at i: Int) -> ComparisonCore? {
    guard t.has("完成", at: i) else { return nil }
    var j = i + 2
    if let m = t.matchAny(completionBudgets, at: j) { j = m.end }
    guard t.has("预算", at: j) else { return nil }
    j += 2
    if t.has("数", at: j) { j += 1 }
    var prior: Int64?
    var k = t.skipSpaces(j)
    let paren = t.has("(", at: k)
    if paren { k += 1 }
    if let m = t.money(at: k) {
      prior = m.value
      k = t.skipSpaces(m.end)
      if paren {
        guard t.has(")", at: k) else { return nil }
        k += 1
      }
    } else if paren {
      return nil
    }
    guard t.has("的", at: k), let pct = t.quantity(at: k + 1, unit: "%") else { return nil }
    return ComparisonCore(
      kind: .completion, start: i, end: pct.end, prior: prior, basis: .budget, completion: pct.value)
  }

  /// `增加 X 万元, 增长 Y%`, `增长 Y%, 增加 X 万元`, or one half of it after a comparator.
  static func change(_ t: ScalarText, at i: Int) -> ComparisonCore? {
    var change: Int64?, rate: Int64?
    var end: Int
    var complete = false
    if let c = changeHalf(t, at: i) {
      change = c.value
      end = c.end
      if let k = comma(t, after: c.end), let r = rateHalf(t, at: k) {
        rate = r.value
        end = r.end
        complete = true
      }
    } else if let r = rateHalf(t, at: i) {
      rate = r.value
      end = r.end
      if let k = comma(t, after: r.end), let c = changeHalf(t, at: k) {
        change = c.value
        end = c.end
        complete = true
      }
      // A rate that is not comparable says nothing on its own.
      if r.value == nil && !complete { return nil }
    } else {
      return nil
    }
    let comparator = comparatorBefore(t, i)
    if comparator?.open == true { return nil }
    // `A、B分别比上年减少…` / `各增长…` that did not pair up: one number for
    // several subjects would be attached to the wrong one.
    if distributive(t, before: comparator?.start ?? i) { return nil }
    if !complete && comparator == nil { return nil }
    end = closingParenthetical(t, after: end)
    return ComparisonCore(
      kind: .change, start: comparator?.start ?? i, end: end, prior: comparator?.prior,
      change: change, rate: rate, basis: comparator?.basis, comparedYear: comparator?.year)
  }

  static func distributive(_ t: ScalarText, before i: Int) -> Bool {
    let b = t.skipSpacesBackward(i)
    return distributiveWords.contains { t.has($0, endingAt: b) }
  }
  static let distributiveWords: [Lit] = ["各", "分别", "均", "都"]

  /// `与上年持平`, `比上年无增减`, `较上年无变化` (a comparator is required).
  static func unchanged(_ t: ScalarText, at i: Int) -> ComparisonCore? {
    guard let m = t.matchAny(noChange, at: i) else { return nil }
    // `基本持平`, `大致持平`: roughly flat states no number.
    for hedge: Lit in ["基本", "大致", "大体", "略有", "总体"] where t.has(hedge, endingAt: i) { return nil }
    guard let c = comparatorBefore(t, i), !distributive(t, before: c.start) else { return nil }
    return ComparisonCore(
      kind: .change, start: c.start, end: m.end, prior: c.prior, change: 0, rate: 0, basis: c.basis,
      comparedYear: c.year)
  }

  static let distributiveLeads: [Lit] = ["各", "分别"]

  /// `各减少1.00、2.00万元,各下降10.00%、20.00%` (also `分别`): one change
  /// and rate per subject. The subjects are in the head; StatementExtractor
  /// pairs them only when the counts agree.
  static func paired(_ t: ScalarText, at i: Int) -> ComparisonCore? {
    guard let lead = t.matchAny(distributiveLeads, at: i) else { return nil }
    var changes: [Int64?] = []
    var rates: [Int64?] = []
    var end = lead.end
    var afterLead = lead.end
    // `分别比上年减少…`: the comparator may follow the lead word.
    var inner: Comparator?
    if let c = comparator(t, at: lead.end), !c.open {
      inner = c
      afterLead = c.end
      if let k = comma(t, after: afterLead) { afterLead = k }
    }
    if let v = verb(t, changeVerbs, changeVerbFirsts, at: afterLead), let list = moneyList(t, at: v.end, sign: v.sign) {
      changes = list.values
      end = list.end
      if let k = comma(t, after: end) {
        var r = k
        if let l = t.matchAny(distributiveLeads, at: r) { r = l.end }
        if let rv = verb(t, rateVerbs, rateVerbFirsts, at: r), let pl = percentList(t, at: rv.end, sign: rv.sign) {
          rates = pl.values
          end = pl.end
        }
      }
    } else if let rv = verb(t, rateVerbs, rateVerbFirsts, at: afterLead), let pl = percentList(t, at: rv.end, sign: rv.sign) {
      rates = pl.values
      end = pl.end
    } else {
      return nil
    }
    let n = max(changes.count, rates.count)
    guard n >= 2, changes.isEmpty || changes.count == n, rates.isEmpty || rates.count == n else { return nil }
    var pairs: [(change: Int64?, rate: Int64?)] = []
    for k in 0..<n {
      pairs.append((changes.isEmpty ? nil : changes[k], rates.isEmpty ? nil : rates[k]))
    }
    let comparator = inner ?? comparatorBefore(t, i)
    return ComparisonCore(
      kind: .paired, start: comparator?.start ?? i, end: end, prior: nil, basis: comparator?.basis,
      comparedYear: comparator?.year, pairs: pairs)
  }

  // MARK: - halves

  /// Rate nouns may take 为/达 (`增幅为10%`); verbs only 了 (`减少了5%`):
  /// `增加为120万元` states the new figure, not the change.
  static let rateNouns: Set<String> = ["增长率", "增减率", "变动率", "增幅", "减幅", "降幅", "涨幅", "下降率"]

  /// The first scalar of each of `changeVerbs` and `rateVerbs`: compared
  /// before a literal is matched (most verbs fail on it).
  static let changeVerbFirsts: [Unicode.Scalar] = changeVerbs.map { $0.0.first! }
  static let rateVerbFirsts: [Unicode.Scalar] = rateVerbs.map { $0.0.first! }

  static func verb(_ t: ScalarText, _ verbs: [(Lit, Int64?)], _ firsts: [Unicode.Scalar], at i: Int)
    -> (sign: Int64?, end: Int)?
  {
    guard i >= 0 && i < t.count else { return nil }
    let c = t[i]
    for k in verbs.indices where firsts[k] == c {
      let (lit, sign) = verbs[k]
      guard let litEnd = t.end(of: lit, at: i) else { continue }
      var j = litEnd
      if t.has("了", at: j) { j += 1 }
      // Every rate noun ends in 率 or 幅 (and `t` matched the literal, so its
      // last scalar is the literal's): other verbs skip building a String.
      let last = t[litEnd - 1]
      if (last == "率" || last == "幅") && rateNouns.contains(String(String.UnicodeScalarView(lit.scalars))) {
        if t.has("为", at: j) || t.has("达", at: j) { j += 1 }
      }
      return (sign, j)
    }
    return nil
  }

  static func signed(_ v: Int64?, _ sign: Int64?) -> Int64? {
    guard let v else { return nil }
    guard let sign else { return v }
    return sign * abs(v)
  }

  /// `增加 X 万元` → (signed value, end).
  static func changeHalf(_ t: ScalarText, at i: Int) -> (value: Int64?, end: Int)? {
    guard let v = verb(t, changeVerbs, changeVerbFirsts, at: i), let q = t.money(at: v.end) else { return nil }
    // `减少5.00万元/人` is not a change of the figure.
    return (signed(q.value, v.sign), q.end)
  }

  /// `增长 Y%` → (signed value, end); `增长--(基数为0,不可比)`, `增长率无可比性` → (nil, end).
  static func rateHalf(_ t: ScalarText, at i: Int) -> (value: Int64?, end: Int)? {
    guard let v = verb(t, rateVerbs, rateVerbFirsts, at: i) else { return nil }
    if let r = t.quantity(at: v.end, unit: "%") { return (signed(r.value, v.sign), r.end) }
    let k = t.skipSpaces(v.end)
    if let nc = t.matchAny(notComparable, at: k), nc.end >= t.count || !isDigit(t[nc.end]) {
      var end = nc.end
      while end < t.count, t[end] == "-" || t[end] == "—" { end += 1 }
      return (nil, closingParenthetical(t, after: end, onlyIfNotComparable: false))
    }
    return nil
  }

  /// After `end`, a parenthetical that explains the comparison (`(基数为0,不可比)`,
  /// `(上年无此项支出)`): part of the core. Only short ones without numbers
  /// other than a zero base.
  static let notComparableWords: [Lit] = ["不可比", "无可比", "基数为0", "基数为零", "上年为0", "上年无"]
  static func closingParenthetical(_ t: ScalarText, after end: Int, onlyIfNotComparable: Bool = true) -> Int {
    let k = t.skipSpaces(end)
    guard t.has("(", at: k), let close = t.find(")", from: k + 1, to: min(t.count, k + 24)) else { return end }
    let inner = t.slice((k + 1)..<close)
    let mentions = notComparableWords.contains { inner.find($0, from: 0) != nil }
    return mentions ? close + 1 : end
  }

  static func isListSeparator(_ c: Unicode.Scalar) -> Bool { c == "、" || c == "," || c == "和" || c == "及" }

  /// `1.00、2.00万元`, `1.00万元、2.00万元`, `1.00,2.00万元`: a bare number
  /// takes the unit that closes the list.
  static func moneyList(_ t: ScalarText, at i: Int, sign: Int64?) -> (values: [Int64?], end: Int)? {
    var items: [(text: Substring, unit: MoneyUnit?)] = []
    var j = i
    var end = i
    while true {
      let k = t.skipSpaces(j)
      guard let n = t.number(at: k) else { break }
      let text = Substring(t.string(n.start..<n.end))
      if let u = t.moneyUnit(at: t.skipSpaces(n.end)) {
        items.append((text, u.unit))
        j = u.end
        end = u.end
      } else {
        items.append((text, nil))
        j = n.end
      }
      let s = t.skipSpaces(j)
      guard s < t.count, isListSeparator(t[s]) else { break }
      j = s + 1
    }
    guard let last = items.last?.unit else { return nil }
    return (items.map { signed(MoneyUnit.value($0.text, $0.unit ?? last), sign) }, end)
  }

  /// `10.00%、20.00%`, `10.00、20.00%`.
  static func percentList(_ t: ScalarText, at i: Int, sign: Int64?) -> (values: [Int64?], end: Int)? {
    var values: [Int64?] = []
    var j = i
    var end = i
    var closed = false
    while true {
      let k = t.skipSpaces(j)
      guard let n = t.number(at: k) else { break }
      values.append(signed(n.value, sign))
      let p = t.skipSpaces(n.end)
      closed = t.has("%", at: p)
      j = closed ? p + 1 : n.end
      if closed { end = j }
      let s = t.skipSpaces(j)
      guard s < t.count, isListSeparator(t[s]) else { break }
      j = s + 1
    }
    guard closed, !values.isEmpty else { return nil }
    return (values, end)
  }

  // MARK: - comparators

  /// The comparator ending right before `i` (a comma may sit between: `与上年相比,减少`).
  static func comparatorBefore(_ t: ScalarText, _ i: Int) -> Comparator? {
    var b = t.skipSpacesBackward(i)
    if b > 0, t[b - 1] == "," { b = t.skipSpacesBackward(b - 1) }
    var p = max(0, b - 40)
    while p < b {
      if let c = comparator(t, at: p), c.end == b { return c }
      p += 1
    }
    return nil
  }

  static let lastYearBases: [Lit] = ["上年同期", "上一年度", "上一年", "上年度", "上年", "去年同期", "去年"]
  static let budgetBases: [Lit] = ["年初预算", "全年预算", "调整预算", "预算"]
  static let suffixes: [Lit] = ["决算数", "预算数", "执行数", "决算", "预算", "同期", "数"]

  static let xiangbiWords: [Lit] = ["相比较", "相比", "比较", "对比"]

  /// A comparator starting at `p`.
  static func comparator(_ t: ScalarText, at p: Int) -> Comparator? {
    // Every comparator starts with one of these (同比, 同口径, 与, 和, 相比, 相较, 比, 较).
    guard p >= 0, p < t.count else { return nil }
    switch t[p] {
    case "同", "与", "和", "相", "比", "较": break
    default: return nil
    }
    if t.has("同比", at: p) { return Comparator(start: p, end: p + 2, basis: .lastYear, open: false) }
    var j = p
    if t.has("同口径", at: j) { j += 3 }
    var needsXiangbi = false
    if t.has("与", at: j) || t.has("和", at: j) {
      needsXiangbi = true
      j += 1
    } else if t.has("相比", at: j) || t.has("相较", at: j) {
      j += 2
    } else if t.has("比", at: j) || t.has("较", at: j) {
      j += 1
    } else {
      return nil
    }
    j = t.skipSpaces(j)
    var basis: Basis
    var year: Int?
    if let m = t.matchAny(lastYearBases, at: j) {
      basis = .lastYear
      j = m.end
    } else if let m = t.matchAny(budgetBases, at: j) {
      basis = .budget
      j = m.end
    } else if let y = yearWord(t, at: j) {
      basis = .lastYear
      year = y.year
      j = y.end
      // `比2019年(疫情前)`
      let k = t.skipSpaces(j)
      if t.has("(", at: k), let close = t.find(")", from: k + 1, to: min(t.count, k + 14)),
        !(k + 1..<close).contains(where: { isDigit(t[$0]) })
      {
        j = close + 1
      }
    } else {
      return nil
    }
    var prior: Int64?
    if t.has("的", at: j), let m = t.money(at: j + 1) {
      prior = m.value
      j = m.end
    }
    if let m = t.matchAny(suffixes, at: j) { j = m.end }
    if needsXiangbi {
      let k = t.skipSpaces(j)
      if let m = t.matchAny(xiangbiWords, at: k) {
        j = m.end
      } else {
        return Comparator(start: p, end: j, basis: basis, year: year, prior: prior, open: true)
      }
    }
    return Comparator(start: p, end: j, basis: basis, year: year, prior: prior, open: false)
  }

  /// `2019年`, `2023 年度` at i.
  static func yearWord(_ t: ScalarText, at i: Int) -> (year: Int, end: Int)? {
    guard i + 4 <= t.count, (t.has("19", at: i) || t.has("20", at: i)) else { return nil }
    var y = 0
    for k in i..<(i + 4) {
      guard isDigit(t[k]) else { return nil }
      y = y * 10 + Int(t[k].value - 48)
    }
    if i + 4 < t.count, isDigit(t[i + 4]) { return nil }
    var j = t.skipSpaces(i + 4)
    guard t.has("年", at: j) else { return nil }
    j += 1
    if t.has("度", at: j) { j += 1 }
    return (y, j)
  }

  /// After `i`: optional spaces, a `,` or `、`, optional spaces; the position after them.
  static func comma(_ t: ScalarText, after i: Int) -> Int? {
    let k = t.skipSpaces(i)
    guard k < t.count, t[k] == "," || t[k] == "、" else { return nil }
    return t.skipSpaces(k + 1)
  }

  /// Whether a core starts anywhere in `from..<to`.
  static func occurs(_ t: ScalarText, from: Int, to: Int) -> Bool {
    leadBits.withUnsafeBufferPointer { bits in
      var i = max(from, 0)
      let end = min(to, t.count)
      while i < end {
        let v = Int(t[i].value)
        if v < leadLimit && bits[v >> 6] & (1 << UInt64(v & 63)) != 0, match(t, at: i) != nil { return true }
        i += 1
      }
      return false
    }
  }
}
