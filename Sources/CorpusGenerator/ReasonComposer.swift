// Composes a stated reason from the vocabulary: who speaks (本年, 我单位…), a
// cause drawn Zipf-like, and often a consequence (`,相应支出增加`). A share of
// reasons give two causes, joined by a comma, by `;` (001), as `一是…;二是…`,
// or as numbered sentences `1.….。2.…` (001); the long tail of phrasings a
// search for 人员减少 has to cope with comes from these combinations.

struct ReasonContext {
  var year: Int
  var place: Place
  /// A project the change concerns ({PRJ}).
  var project: String?
  /// The item's own short name ({ITEM}).
  var item: String?
  /// Budget documents justify the next budget, not the spending.
  var budgetDocument: Bool
  /// Month the unit was set up ({M}).
  var foundedMonth: Int = 9
}

enum ReasonComposer {
  static let tables: [ReasonTopic: ZipfTable] = {
    var t: [ReasonTopic: ZipfTable] = [:]
    for topic in ReasonTopic.allCases { t[topic] = ZipfTable(count: ReasonVocabulary.causes(topic).count) }
    return t
  }()
  static let leadTable = ZipfTable(count: ReasonVocabulary.leads.count)
  static let consequenceTable = ZipfTable(count: 6)

  /// Topics whose cause reads as a whole sentence of its own (no 本年 before it).
  static let standalone: Set<ReasonTopic> = [.newUnit, .zeroBoth, .noAbroad, .varianceNone, .itemGone, .itemNew]

  static func compose(_ topic: ReasonTopic, _ ctx: ReasonContext, rng: inout SeededRandom) -> String {
    let up = direction(topic)
    if !standalone.contains(topic), rng.chance(0.1), let second = partner(topic, &rng) {
      let a = clause(topic, ctx, lead: true, consequence: false, rng: &rng)
      let b = clause(second, ctx, lead: rng.chance(0.5), consequence: false, rng: &rng)
      switch rng.below(4) {
      // `1.2022年…` would read as the number 1.2022: number only clauses that start with a word.
      case 0 where !ctx.budgetDocument && !(a.unicodeScalars.first.map(Width.isDigit) ?? true):
        return "1." + a + consequence(up, ctx, &rng, force: true) + "。2." + b + consequence(up, ctx, &rng)
      case 1: return "一是" + a + ";二是" + b + consequence(up, ctx, &rng)
      case 2: return a + ";" + b + consequence(up, ctx, &rng)
      default: return a + "," + b + consequence(up, ctx, &rng)
      }
    }
    return clause(topic, ctx, lead: true, consequence: true, rng: &rng)
  }

  /// One cause with its lead and, maybe, its consequence.
  static func clause(_ topic: ReasonTopic, _ ctx: ReasonContext, lead: Bool, consequence withConsequence: Bool,
                     rng: inout SeededRandom) -> String {
    let causes = ReasonVocabulary.causes(topic)
    let cause = fill(causes[tables[topic]!.draw(&rng)], ctx, &rng)
    var s = ""
    if lead, !standalone.contains(topic), !cause.hasPrefix("我"), !cause.hasPrefix("本"), !cause.hasPrefix("上年"),
      !cause.hasPrefix("年中"), !(cause.unicodeScalars.first.map(Width.isDigit) ?? false)
    {
      s = ReasonVocabulary.leads[leadTable.draw(&rng)]
    }
    s += cause
    if withConsequence, !standalone.contains(topic), rng.chance(cause.contains(",") ? 0.25 : 0.6) {
      s += consequence(direction(topic), ctx, &rng)
    }
    return s
  }

  static func consequence(_ up: Bool?, _ ctx: ReasonContext, _ rng: inout SeededRandom, force: Bool = false) -> String {
    guard let up else { return "" }
    let list: [String]
    if ctx.budgetDocument {
      list = up ? ReasonVocabulary.budgetUpConsequences : ReasonVocabulary.budgetDownConsequences
    } else {
      list = up ? ReasonVocabulary.upConsequences : ReasonVocabulary.downConsequences
    }
    var pick = list[consequenceTable.draw(&rng) % list.count]
    if force && pick.isEmpty { pick = list[1] }
    return pick
  }

  /// Variance reasons end in their own consequence (`,导致预决算存在差异`).
  static func variance(_ topic: ReasonTopic, _ ctx: ReasonContext, rng: inout SeededRandom) -> String {
    var s = clause(topic, ctx, lead: topic != .varianceNone && rng.chance(0.3), consequence: false, rng: &rng)
    if topic != .varianceNone {
      s += ReasonVocabulary.varianceConsequences[rng.below(ReasonVocabulary.varianceConsequences.count)]
    }
    return s
  }

  static func direction(_ t: ReasonTopic) -> Bool? {
    switch t {
    case .staffUp, .payUp, .pensionUp, .medicalUp, .housingUp, .retireesUp, .projectUp, .projectNew, .otherUp, .carUp,
      .receptionUp, .abroadUp, .runningUp:
      return true
    case .staffDown, .pensionDown, .medicalDown, .housingDown, .retireesDown, .projectDown, .projectEnded, .otherDown,
      .carDown,
      .receptionDown, .abroadDown, .runningDown:
      return false
    default: return nil
    }
  }

  /// A second cause pulling the same way.
  static func partner(_ t: ReasonTopic, _ rng: inout SeededRandom) -> ReasonTopic? {
    guard let up = direction(t) else { return nil }
    let pool: [ReasonTopic] = up ? [.staffUp, .payUp, .projectUp] : [.staffDown, .projectDown, .runningDown]
    let others = pool.filter { $0 != t }
    return rng.pick(others)
  }

  static func fill(_ template: String, _ ctx: ReasonContext, _ rng: inout SeededRandom) -> String {
    guard template.utf8.contains(UInt8(ascii: "{")) else { return template }
    let s = Template.fill(template, [
      "Y1": String(ctx.year - 1), "Y": String(ctx.year), "N": String(1 + rng.below(4)),
      "M": String(ctx.foundedMonth), "PRJ": ctx.project ?? "相关项目", "ITEM": ctx.item ?? "该项",
      "UP": ctx.place.levelWord + "机关事务管理局",
    ])
    return ctx.place.fill(s)
  }
}
