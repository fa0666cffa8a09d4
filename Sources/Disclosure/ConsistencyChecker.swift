// What a careful reader would flag in one parsed disclosure: stated numbers
// that disagree with each other. Pure: a ParsedDocument in, findings out.
//
// Checks (CORPUS-GUIDE §9):
//   rate      stated rate vs change / (amount − change) (year on year), and
//             预决算差异率 vs (决算 − 预算) / 预算; ±0.01 percentage points
//             after rounding the exact quotient to the text's two decimals.
//             A non-zero rate on a zero base is flagged (it has no value).
//   sum       a total and its `其中:` parts (收入/支出 totals, 本年收入/支出
//             parts, 基本支出 parts, 政府采购, 车辆 values…), 三公 total vs its
//             three parts (amounts and changes), Σ 结构(类) vs 一般公共预算
//             财政拨款支出. Parts are rounded one by one, so a residue of 0.01
//             is rounding and not flagged.
//   percent   `占Y%` shares of one list that do not sum to 100% (tolerance:
//             half a hundredth per share, rounded up).
//   staff     实有人数 ≠ 在职 + 离休 + 退休.
//   vehicles  公务用车保有量 ≠ 固定资产车辆 (the text may explain it: the
//             finding says so, it is still a difference).
//   coverage  a budget's 整体预算绩效目标 amount ≠ its 收支总预算.
// Amounts are hundredths of 万元 and rates basis points, as in Record.
import TextAnalysis

public struct Finding: Sendable, Equatable {
  public var file: String
  public var line: Int
  /// rate, sum, percent, staff, vehicles, coverage.
  public var check: String
  /// The numbers involved, as `label=value` (values as written: 万元, %, counts).
  public var numbers: [String]
  public var message: String

  public init(file: String, line: Int, check: String, numbers: [String], message: String) {
    self.file = file
    self.line = line
    self.check = check
    self.numbers = numbers
    self.message = message
  }
}

public enum ConsistencyChecker {
  public static func check(_ doc: ParsedDocument) -> [Finding] {
    var out: [Finding] = []
    let file = doc.info.path
    for r in doc.records where r.type == .statement { out += rate(r, file: file) }
    for r in doc.records where r.type != .project { out += sums(r, file: file) }
    out += threePublic(doc)
    out += structure(doc)
    for r in doc.records { out += staff(r, file: file) + vehicles(r, file: file) }
    out += coverage(doc)
    return out.sorted { ($0.line, $0.check) < ($1.line, $1.check) }
  }

  static func m(_ v: Int64) -> String { FixedPoint.format(v) }
  static func pct(_ v: Int64) -> String { FixedPoint.format(v) + "%" }

  /// round(num / den × 10000) to basis points, half away from zero, exactly.
  static func basisPoints(_ num: Int64, _ den: Int64) -> Int64 {
    let n = num * 10_000
    let q = n / den
    let r = n % den
    return 2 * abs(r) >= abs(den) ? q + ((n < 0) != (den < 0) ? -1 : 1) : q
  }

  // MARK: - rates

  static func rate(_ r: Record, file: String) -> [Finding] {
    guard let rate = r.rate, let amount = r.amount else { return [] }
    let prior: Int64
    let numbers: [String]
    if r.basis == .budget, let p = r.prior, r.change == nil {
      prior = p
      numbers = ["prior=\(m(p))", "amount=\(m(amount))", "rate=\(pct(rate))"]
    } else if let change = r.change {
      prior = r.prior ?? (amount - change)
      numbers = ["amount=\(m(amount))", "change=\(m(change))", "rate=\(pct(rate))"]
    } else {
      return []
    }
    let change = r.change ?? (amount - prior)
    if prior == 0 {
      guard rate != 0 else { return [] }
      return [
        Finding(
          file: file, line: r.line, check: "rate", numbers: numbers + ["base=0.00"],
          message: "\(r.subject): rate \(pct(rate)) stated on a zero base (no rate can be computed)")
      ]
    }
    let expected = basisPoints(change, prior)
    guard abs(expected - rate) > 1 else { return [] }
    return [
      Finding(
        file: file, line: r.line, check: "rate", numbers: numbers + ["expected=\(pct(expected))"],
        message: "\(r.subject): stated rate \(pct(rate)) but \(m(change)) / \(m(prior)) is \(pct(expected))")
    ]
  }

  // MARK: - totals and parts in one sentence

  /// A sentence's total (the last amount before `其中:`) and its parts (the
  /// amounts after it that a label names, not those after a change verb or
  /// inside a nested `其中`), with each part's `占Y%` if given.
  struct PartList {
    var total: Int64
    var parts: [(value: Int64, share: Int64?)]
  }

  static func partLists(_ text: String) -> [PartList] {
    let t = ScalarText(text)
    var out: [PartList] = []
    var sentenceStart = 0
    var i = 0
    while i < t.count {
      guard t.has("其中:", at: i) || t.has("其中,", at: i) else {
        if isSentenceEnd(t[i]) { sentenceStart = i + 1 }
        i += 1
        continue
      }
      guard let total = StatementExtractor.lastQuantity(t, sentenceStart..<i), let tv = total.value else {
        i += 3
        continue
      }
      var end = i + 3
      while end < t.count, !isSentenceEnd(t[end]), !t.has("其中", at: end) { end += 1 }
      var parts: [(Int64, Int64?)] = []
      var valid = true
      var k = i + 3
      while k < end {
        let startsNumber = isDigit(t[k]) && !(isDigit(t[k - 1]) || t[k - 1] == "." || t[k - 1] == ",")
        if startsNumber, let q = t.money(at: k), q.end <= end {
          let before = t.skipSpacesBackward(k)
          let afterVerb = Cores.changeVerbs.contains { t.has($0.0, endingAt: before) }
          if afterVerb { valid = false }
          guard let v = q.value else {
            valid = false
            break
          }
          var share: Int64?
          if let c = Cores.comma(t, after: q.end), t.has("占", at: c) {
            var s = c + 1
            while s < end, s < c + 16, !isDigit(t[s]) { s += 1 }
            share = t.quantity(at: s, unit: "%")?.value
          }
          parts.append((v, share))
          k = q.end
          continue
        }
        k += 1
      }
      if valid, parts.count >= 2 { out.append(PartList(total: tv, parts: parts)) }
      i = end
    }
    return out
  }

  static func sums(_ r: Record, file: String) -> [Finding] {
    var out: [Finding] = []
    for list in partLists(r.text) {
      let sum = list.parts.reduce(0) { $0 + $1.value }
      if abs(sum - list.total) > 1 {
        out.append(
          Finding(
            file: file, line: r.line, check: "sum",
            numbers: ["total=\(m(list.total))", "parts=" + list.parts.map { m($0.value) }.joined(separator: "+"), "sum=\(m(sum))"],
            message: "parts sum to \(m(sum)), the stated total is \(m(list.total))"))
      }
      let shares = list.parts.compactMap(\.share)
      if shares.count == list.parts.count {
        let total = shares.reduce(0, +)
        let tolerance = Int64((shares.count + 1) / 2)
        if abs(total - 10_000) > tolerance, list.total != 0 {
          out.append(
            Finding(
              file: file, line: r.line, check: "percent",
              numbers: ["shares=" + shares.map(pct).joined(separator: "+"), "sum=\(pct(total))"],
              message: "shares sum to \(pct(total)), not 100%"))
        }
      }
    }
    return out
  }

  // MARK: - 三公

  static let threeParts = ["因公出国(境)费", "公务用车购置及运行维护费", "公务接待费"]

  static func threePublic(_ doc: ParsedDocument) -> [Finding] {
    let st = doc.records.filter { $0.type == .statement && $0.basis != .budget }
    guard let total = st.first(where: { $0.subject == "“三公”经费" && $0.amount != nil }) else { return [] }
    var parts: [Record] = []
    for name in threeParts {
      guard let p = st.first(where: { $0.subject == name && $0.amount != nil }) else { return [] }
      parts.append(p)
    }
    var out: [Finding] = []
    let sum = parts.reduce(0) { $0 + ($1.amount ?? 0) }
    if let a = total.amount, abs(sum - a) > 1 {
      out.append(
        Finding(
          file: doc.info.path, line: total.line, check: "sum",
          numbers: ["total=\(m(a))", "parts=" + parts.map { m($0.amount ?? 0) }.joined(separator: "+"), "sum=\(m(sum))"],
          message: "“三公”经费 parts sum to \(m(sum)), the stated total is \(m(a))"))
    }
    if let c = total.change, parts.allSatisfy({ $0.change != nil }) {
      let cs = parts.reduce(0) { $0 + ($1.change ?? 0) }
      if abs(cs - c) > 1 {
        out.append(
          Finding(
            file: doc.info.path, line: total.line, check: "sum",
            numbers: ["change=\(m(c))", "parts=" + parts.map { m($0.change ?? 0) }.joined(separator: "+"), "sum=\(m(cs))"],
            message: "“三公”经费 part changes sum to \(m(cs)), the stated change is \(m(c))"))
      }
    }
    return out
  }

  // MARK: - 结构(类)

  /// `1.一般公共服务支出(类)194.71万元,占76.49%。` lines: Σ amounts vs the
  /// 一般公共预算财政拨款支出 total, Σ shares vs 100%.
  static func structure(_ doc: ParsedDocument) -> [Finding] {
    var items: [(line: Int, value: Int64, share: Int64?)] = []
    for r in doc.records where r.type == .passage {
      let t = ScalarText(r.text)
      guard let p = t.find("(类)", from: 0), t.find("(款)", from: 0) == nil, let q = t.money(at: p + 3),
        let v = q.value
      else { continue }
      var share: Int64?
      if let c = Cores.comma(t, after: q.end), t.has("占", at: c) { share = t.quantity(at: c + 1, unit: "%")?.value }
      items.append((r.line, v, share))
    }
    guard items.count >= 2 else { return [] }
    var out: [Finding] = []
    let sum = items.reduce(0) { $0 + $1.value }
    let total = doc.records.first {
      $0.type == .statement && $0.subject == "一般公共预算财政拨款支出" && $0.amount != nil
    }?.amount
    if let total, abs(sum - total) > 1 {
      out.append(
        Finding(
          file: doc.info.path, line: items[0].line, check: "sum",
          numbers: ["total=\(m(total))", "parts=" + items.map { m($0.value) }.joined(separator: "+"), "sum=\(m(sum))"],
          message: "Σ 结构(类) is \(m(sum)), 一般公共预算财政拨款支出 is \(m(total))"))
    }
    let shares = items.compactMap(\.share)
    if shares.count == items.count {
      let s = shares.reduce(0, +)
      if abs(s - 10_000) > Int64((shares.count + 1) / 2) {
        out.append(
          Finding(
            file: doc.info.path, line: items[0].line, check: "percent",
            numbers: ["shares=" + shares.map(pct).joined(separator: "+"), "sum=\(pct(s))"],
            message: "结构(类) shares sum to \(pct(s)), not 100%"))
      }
    }
    return out
  }

  // MARK: - figures

  static func staff(_ r: Record, file: String) -> [Finding] {
    guard let total = r.staffTotal, let a = r.staffActive else { return [] }
    let sum = a + (r.staffRetiredCadres ?? 0) + (r.staffRetirees ?? 0)
    guard sum != total else { return [] }
    return [
      Finding(
        file: file, line: r.line, check: "staff",
        numbers: [
          "实有人数=\(total)", "在职=\(a)", "离休=\(r.staffRetiredCadres ?? 0)", "退休=\(r.staffRetirees ?? 0)",
        ],
        message: "实有人数 \(total) ≠ 在职 + 离休 + 退休 = \(sum)")
    ]
  }

  static func vehicles(_ r: Record, file: String) -> [Finding] {
    guard let held = r.officialVehicles, let assets = r.vehicles, held != assets else { return [] }
    let explained = r.text.contains("差异原因")
    return [
      Finding(
        file: file, line: r.line, check: "vehicles", numbers: ["公务用车保有量=\(held)", "固定资产车辆=\(assets)"],
        message: "公务用车保有量 \(held) ≠ 固定资产车辆 \(assets)" + (explained ? " (the text gives a reason)" : ""))
    ]
  }

  /// Budget documents: `整体预算绩效目标1个,涉及金额X万元` covers the whole
  /// budget, so X should be the 收支总预算.
  static func coverage(_ doc: ParsedDocument) -> [Finding] {
    var whole: (line: Int, value: Int64)?
    var target: (line: Int, value: Int64)?
    for r in doc.records where r.type != .project {
      let t = ScalarText(r.text)
      if whole == nil, let p = t.find("收支总预算", from: 0), let q = t.money(at: p + 5), let v = q.value {
        whole = (r.line, v)
      }
      if target == nil, let p = t.find("整体预算绩效目标", from: 0), let a = t.find("金额", from: p, to: min(t.count, p + 30)),
        let q = t.money(at: a + 2), let v = q.value
      {
        target = (r.line, v)
      }
    }
    guard let whole, let target, whole.value != target.value else { return [] }
    return [
      Finding(
        file: doc.info.path, line: target.line, check: "coverage",
        numbers: ["整体预算绩效目标=\(m(target.value))", "收支总预算=\(m(whole.value))"],
        message: "整体预算绩效目标 covers \(m(target.value)), the budget (收支总预算, line \(whole.line)) is \(m(whole.value))")
    ]
  }
}
