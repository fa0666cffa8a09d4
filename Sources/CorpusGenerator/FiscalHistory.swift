// A department's money, year by year from 2017: staff and pay drive the
// personnel items, the contribution base drives insurance and housing,
// projects drive project items, and the 三公 parts follow cars and visits.
// Final figures (决算) and initial budgets (年初预算) are both kept, so a
// 决算 can state 预决算差异率 against the budget a 预算 document published.
// All amounts are hundredths of 万元; index 0 is `Department.historyStart`.

struct FiscalHistory: Sendable {
  static let span = Department.historyStart...2025

  private(set) var staff: [Int] = []
  private(set) var retirees: [Int] = []
  private(set) var payRaise: [Bool] = []
  /// [subject][year]
  private(set) var final: [[Int64]] = []
  private(set) var budget: [[Int64]] = []
  /// [project][year]: 年初预算数, 全年预算数, 全年执行数 (0 when inactive).
  private(set) var projectInitial: [[Int64]] = []
  private(set) var projectAdjusted: [[Int64]] = []
  private(set) var projectExecuted: [[Int64]] = []
  /// Subject index each project is charged to.
  private(set) var projectSubject: [Int] = []
  /// 三公 parts, final and 全年预算: 因公出国(境)费, 公务用车购置费, 公务用车运行维护费, 公务接待费.
  private(set) var threePublicFinal: [[Int64]] = []
  private(set) var threePublicBudget: [[Int64]] = []
  private(set) var cars: [Int] = []
  private(set) var otherIncome: [Int64] = []
  private(set) var carryIn: [Int64] = []
  /// Share of 基本支出 that is 公用经费, basis points.
  private(set) var publicShare: Int64 = 1200

  static func index(_ year: Int) -> Int { year - span.lowerBound }

  init(subjects: [Subject], ownSections: [String], projects: [ProjectStem], baseStaff: Int, founded: Int?,
       carTransferYear: Int?, rng: inout SeededRandom) {
    let salary = simulateStaff(baseStaff: baseStaff, founded: founded, rng: &rng)
    publicShare = Int64(800 + rng.below(900))
    simulateProjects(projects, subjects: subjects, ownSections: ownSections, founded: founded, rng: &rng)
    simulateItems(subjects, salary: salary, rng: &rng)
    simulateThreePublic(carTransferYear: carTransferYear, rng: &rng)
  }

  /// Staff and retirees as a walk; pay per head rising in 调资 years. Returns the salary bill per year.
  private mutating func simulateStaff(baseStaff: Int, founded: Int?, rng: inout SeededRandom) -> [Double] {
    var s = baseStaff, r = rng.below(max(2, baseStaff / 3))
    var perCapita = Double(900 + rng.below(700))  // 9–16 万元 a head
    var salary: [Double] = []
    for y in FiscalHistory.span {
      let alive = founded.map { y >= $0 } ?? true
      let raise = rng.chance(0.45)
      perCapita *= raise ? 1.03 + rng.unit() * 0.06 : 0.99 + rng.unit() * 0.02
      if y > FiscalHistory.span.lowerBound {
        s = max(3, s + rng.int(-3...3))
        r = max(0, r + rng.int(-1...2))
      }
      staff.append(alive ? s : 0)
      retirees.append(alive ? r : 0)
      payRaise.append(raise)
      // A unit set up this year paid salaries for part of it.
      let fraction = founded == y ? 0.35 + rng.unit() * 0.3 : 1
      salary.append(alive ? Double(s) * perCapita * fraction : 0)
    }
    return salary
  }

  /// Projects: yearly amounts inside their span, charged to a project item of
  /// the department's own 款 (not to a shared item such as 宗教事务).
  private mutating func simulateProjects(
    _ projects: [ProjectStem], subjects: [Subject], ownSections: [String], founded: Int?, rng: inout SeededRandom
  ) {
    let own = subjects.indices.filter { subjects[$0].role == .project && ownSections.contains(subjects[$0].sectionKey) }
    let projectItems = own.isEmpty ? subjects.indices.filter { subjects[$0].role == .project } : own
    for p in projects {
      projectSubject.append(projectItems.isEmpty ? -1 : rng.pick(projectItems))
      var ini: [Int64] = [], adj: [Int64] = [], exe: [Int64] = []
      for y in FiscalHistory.span {
        guard p.years.contains(y), founded.map({ y >= $0 }) ?? true else {
          ini.append(0); adj.append(0); exe.append(0)
          continue
        }
        let plan = Money.scaled(p.scale, by: 0.7 + rng.unit() * 0.6)
        let adjusted = rng.chance(0.5) ? plan : Money.scaled(plan, by: 0.5 + rng.unit() * 0.7)
        let executed = rng.chance(0.7) ? adjusted : Money.scaled(adjusted, by: 0.9 + rng.unit() * 0.1)
        ini.append(plan); adj.append(adjusted); exe.append(executed)
      }
      projectInitial.append(ini); projectAdjusted.append(adj); projectExecuted.append(exe)
    }
  }

  /// Items: personnel items follow the salary bill, project items their
  /// projects (or, with none, a walk), 其他支出 comes and goes. Budgets sit
  /// within ±10% of the outcome.
  private mutating func simulateItems(_ subjects: [Subject], salary: [Double], rng: inout SeededRandom) {
    for (k, subject) in subjects.enumerated() {
      let active = FiscalHistory.activeYears(subject, &rng)
      let charged = projectSubject.indices.filter { projectSubject[$0] == k }
      var f: [Int64] = [], b: [Int64] = []
      var misc = Double(500 + rng.below(14_500))  // 5–150 万元 of unnamed project spending
      for (i, y) in FiscalHistory.span.enumerated() {
        var v: Double
        switch subject.role {
        case .operations: v = salary[i] * (subject.itemName == "行政运行" ? 0.78 : 0.25)
        case .pension: v = salary[i] * (subject.itemCode == "05" ? 0.16 : 0.08)
        case .medical: v = salary[i] * (subject.itemCode == "01" ? 0.065 : subject.itemCode == "03" ? 0.006 : 0.02)
        case .housing: v = salary[i] * (subject.itemCode == "01" ? 0.12 : 0.02)
        case .retirees: v = Double(retirees[i]) * (300 + rng.unit() * 500)
        case .project where charged.isEmpty:
          misc *= 0.8 + rng.unit() * 0.45
          v = misc
        case .project: v = Double(charged.reduce(Int64(0)) { $0 + projectExecuted[$1][i] })
        case .other: v = rng.chance(0.3) ? 0 : Double(50 + rng.below(1500))
        }
        if !active.contains(y) || staff[i] == 0 { v = 0 }
        // Project items equal their projects exactly; the others carry noise.
        let amount = subject.role == .project && !charged.isEmpty
          ? Int64(v) : Money.scaled(Int64(v), by: 0.97 + rng.unit() * 0.06)
        f.append(amount)
        b.append(amount == 0 && rng.chance(0.8) ? 0 : Money.scaled(amount, by: 0.9 + rng.unit() * 0.2))
      }
      final.append(f)
      budget.append(b)
    }
  }

  /// 三公: cars, their running costs and purchases, visits, trips abroad
  /// (fewer visits and no trips during 2020–2022); also other income and
  /// carry-overs, which only the 收入支出总体 section states.
  private mutating func simulateThreePublic(carTransferYear: Int?, rng: inout SeededRandom) {
    var c = rng.chance(0.25) ? 0 : 1 + rng.below(6)
    let receptionBase = rng.chance(0.3) ? 0 : 20 + rng.below(400)
    let travels = rng.chance(0.1)
    for (i, y) in FiscalHistory.span.enumerated() {
      if let t = carTransferYear, y >= t { c = 0 } else if rng.chance(0.1) { c = max(0, c + rng.int(-1...1)) }
      let alive = staff[i] > 0
      cars.append(alive ? c : 0)
      let run = alive ? Int64(c) * Int64(100 + rng.below(200)) : 0
      let buy: Int64 = alive && c > 0 && rng.chance(0.07) ? Int64(1500 + rng.below(1500)) : 0
      let covid = (2020...2022).contains(y)
      let visits: Int64 =
        alive && receptionBase > 0 ? Int64(Double(receptionBase) * (covid ? 0.4 : 1) * (0.5 + rng.unit())) : 0
      let abroad: Int64 = alive && travels && !covid && rng.chance(0.4) ? Int64(200 + rng.below(800)) : 0
      let parts = [abroad, buy, run, visits]
      threePublicFinal.append(parts)
      threePublicBudget.append(parts.map { v in
        v == 0 ? (rng.chance(0.05) ? Int64(50 + rng.below(300)) : 0) : (rng.chance(0.6) ? v : Money.scaled(v, by: 1 + rng.unit() * 0.25))
      })
      otherIncome.append(alive && rng.chance(0.2) ? Int64(rng.below(3000)) : 0)
      carryIn.append(alive && rng.chance(0.3) ? Int64(rng.below(2000)) : 0)
    }
  }

  /// Years an item has spending: the core items always, others may start
  /// late or stop early (a unit moves out, a programme ends).
  static func activeYears(_ s: Subject, _ rng: inout SeededRandom) -> ClosedRange<Int> {
    if s.itemName == "行政运行" || s.role == .pension || s.role == .housing || rng.chance(0.7) { return span }
    let a = span.lowerBound + rng.below(5)
    let b = max(a, span.upperBound - rng.below(5))
    return a...b
  }
}

extension FiscalHistory {
  func finalAmount(_ subject: Int, _ year: Int) -> Int64 { final[subject][Self.index(year)] }
  func budgetAmount(_ subject: Int, _ year: Int) -> Int64 { budget[subject][Self.index(year)] }

  /// Σ items: 一般公共预算财政拨款支出 (final) or 一般公共预算 (budget).
  func total(_ year: Int, budget isBudget: Bool) -> Int64 {
    let i = Self.index(year)
    return (isBudget ? budget : final).reduce(0) { $0 + $1[i] }
  }

  /// Σ items of one role group: basic (personnel-driven) or project.
  func total(_ year: Int, budget isBudget: Bool, subjects: [Subject], project: Bool) -> Int64 {
    let i = Self.index(year)
    var sum: Int64 = 0
    for (k, s) in subjects.enumerated() where (s.role == .project) == project {
      sum += (isBudget ? budget : final)[k][i]
    }
    return sum
  }

  func threePublic(_ year: Int, budget isBudget: Bool) -> [Int64] {
    (isBudget ? threePublicBudget : threePublicFinal)[Self.index(year)]
  }

  /// 公用经费 (= 机关运行经费) for a 基本支出 total.
  func publicFunds(ofBasic basic: Int64) -> Int64 { Money.divideRounded(basic * publicShare, 10_000) }

  func staffDelta(_ year: Int) -> Int {
    let i = Self.index(year)
    return i == 0 ? 0 : staff[i] - staff[i - 1]
  }

  func raised(_ year: Int) -> Bool { payRaise[Self.index(year)] }

  /// Active projects in `year` with (index, initial, adjusted, executed).
  func projects(in year: Int) -> [(index: Int, initial: Int64, adjusted: Int64, executed: Int64)] {
    let i = Self.index(year)
    return projectInitial.indices.compactMap { p in
      projectInitial[p][i] > 0 ? (p, projectInitial[p][i], projectAdjusted[p][i], projectExecuted[p][i]) : nil
    }
  }
}
