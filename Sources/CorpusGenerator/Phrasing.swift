// The long tail of wording beyond the five seeds (CORPUS-GUIDE §10): other
// comparators (`较上年`, `同比`, `与2023年相比`, `较2023年度决算数`), verbs
// (`增幅`, `降幅`, `减少了`), no-change words (`与上年持平`), and reason
// markers with a lead-in (`,下降的主要原因是:`, `决算数小于预算数的主要原因是:`).
// A document's `variation` (TextStyle) sets how often a statement departs
// from the seed template; half the documents never do.

enum Phrasing {
  /// Alternatives to a seed comparator; `{Y1}` is the previous year.
  static func comparators(for standard: String) -> [String] {
    switch standard {
    case "比上年决算":
      return ["较上年决算", "比上年决算数", "较{Y1}年度决算数", "与上年决算相比,", "比{Y1}年", "较上年"]
    case "比上年预算":
      return ["较上年预算", "比上年预算数", "与上年预算相比,", "较{Y1}年预算", "比{Y1}年预算数"]
    case "与上年相比,":
      return ["与{Y1}年相比,", "较上年", "同比", "与上年度相比,"]
    case "":
      return []
    default:
      return ["较上年", "同比", "比上年度", "与上年相比,", "较{Y1}年", "与{Y1}年相比,", "比去年", "较上年同期"]
    }
  }

  static let upChange = ["增加了", "上升"], downChange = ["减少了", "降低"]
  static let upRate = ["增幅", "增长了", "增幅为"], downRate = ["降幅", "减幅", "下降了", "降低"]
  /// No-change phrasings after a bare comparator (`与上年` / `较上年`).
  static let noChange = [("与上年", "持平"), ("较上年", "无变化"), ("比上年", "无增减")]

  /// Markers with a lead-in naming the movement; `{D}` is 增加/减少/增长/下降.
  static let leadInMarkers = ["{D}的主要原因是:", "{D}原因是:", "{D}的原因主要是", "{D}的主要原因为:"]
  static let plainMarkers = ["主要原因为:", "原因是:", "主要是", "主要是由于", "主要原因:", "原因为:"]
  static let varianceLeadIns = ["差异的主要原因是:", "决算数{C}预算数的主要原因是:", "产生差异的原因是:"]
}

extension DocumentComposer {
  /// Whether this statement departs from the seed template.
  mutating func varies() -> Bool { rng.chance(w.style.variation) }

  mutating func comparator(_ standard: String) -> String {
    let alternatives = Phrasing.comparators(for: standard)
    guard !alternatives.isEmpty, varies() else { return standard }
    return rng.pick(alternatives).replacing("{Y1}", with: String(year - 1))
  }

  /// What a reason explains, which decides the lead-ins that fit.
  enum Movement { case up, down, none, over, under }

  /// A reason marker: the document's own most of the time, else a plain
  /// variant or a lead-in naming the movement.
  mutating func marker(_ movement: Movement) -> (text: String, sentenceInitial: Bool) {
    guard varies() else { return w.style.reasonMarker(&rng) }
    if movement == .none || rng.chance(0.5) { return (rng.pick(Phrasing.plainMarkers), rng.chance(0.1)) }
    if movement == .over || movement == .under {
      return (rng.pick(Phrasing.varianceLeadIns).replacing("{C}", with: movement == .over ? "大于" : "小于"), false)
    }
    let up = movement == .up
    let word = up ? rng.pick(["增加", "增长"]) : rng.pick(["减少", "下降"])
    return (rng.pick(Phrasing.leadInMarkers).replacing("{D}", with: word), rng.chance(0.3))
  }
}
