// Why a figure moved, as the department would explain it: the reason topic
// follows what actually drove the number in FiscalHistory (staff joined, pay
// rose, a project ended, cars were handed over), so reasons and amounts agree
// the way a reader expects (`在职人员减少` next to a decrease, never an increase).

extension Department {
  /// The topic (and project, for {PRJ}) behind item `k`'s move into `year`.
  func itemTopic(_ k: Int, year: Int, budget: Bool) -> (topic: ReasonTopic, project: String?) {
    let h = history
    let now = budget ? h.budgetAmount(k, year) : h.finalAmount(k, year)
    let before = budget ? h.budgetAmount(k, year - 1) : h.finalAmount(k, year - 1)
    let s = subjects[k]
    if before == 0 && now > 0 && founded?.year == year - (budget ? 1 : 0) { return (.newUnit, nil) }
    if before == 0 && now > 0 && founded?.year == year { return (.newUnit, nil) }
    let up = now >= before
    let moved = movedProject(k, year: year)
    let project = moved?.name
    if now == 0 && before > 0 && s.role != .project && s.role != .other {
      return (rngTopic(year, k, [.itemGone, .staffDown]), nil)
    }
    if before == 0 && now > 0 && s.role != .project { return (.itemNew, nil) }
    switch s.role {
    case .operations:
      if up { return (h.staffDelta(year) > 0 ? .staffUp : .payUp, nil) }
      return (h.staffDelta(year) < 0 ? .staffDown : .runningDown, nil)
    case .pension: return (up ? .pensionUp : .pensionDown, nil)
    case .medical: return (up ? .medicalUp : .medicalDown, nil)
    case .housing: return (up ? .housingUp : .housingDown, nil)
    case .retirees: return (up ? .retireesUp : .retireesDown, nil)
    case .project:
      switch moved?.status {
      case .started?: return (up ? .projectNew : .projectDown, project)
      case .ended?: return (up ? .projectUp : .projectEnded, project)
      default: return (up ? .projectUp : .projectDown, project)
      }
    case .other: return (up ? .otherUp : .otherDown, nil)
    }
  }

  enum ProjectStatus { case running, started, ended }

  /// The project charged to item `k` whose spending moved most into `year`,
  /// and whether it started this year, ended last year or runs on.
  func movedProject(_ k: Int, year: Int) -> (name: String, status: ProjectStatus)? {
    let i = FiscalHistory.index(year)
    var best: (Int64, Int)?
    for (p, subject) in history.projectSubject.enumerated() where subject == k {
      let d = abs(history.projectExecuted[p][i] - history.projectExecuted[p][i - 1])
      if best == nil || d > best!.0 { best = (d, p) }
    }
    guard let (_, p) = best else { return projects.first.map { ($0.name(year: year), .running) } }
    let stem = projects[p]
    let now = stem.years.contains(year), before = stem.years.contains(year - 1)
    let status: ProjectStatus = now && !before ? .started : !now && before ? .ended : .running
    return (stem.name(year: now ? year : min(year - 1, stem.years.upperBound)), status)
  }

  /// A stable choice among topics for one item and year.
  func rngTopic(_ year: Int, _ k: Int, _ topics: [ReasonTopic]) -> ReasonTopic {
    topics[(year &* 31 &+ k &* 7 &+ number) % topics.count]
  }

  /// The topic behind a total's move: the item that moved most.
  func totalTopic(year: Int, budget: Bool) -> (topic: ReasonTopic, project: String?) {
    var best: (Int64, Int)?
    for k in subjects.indices {
      let d = budget
        ? history.budgetAmount(k, year) - history.budgetAmount(k, year - 1)
        : history.finalAmount(k, year) - history.finalAmount(k, year - 1)
      if best == nil || abs(d) > abs(best!.0) { best = (d, k) }
    }
    guard let (_, k) = best else { return (.projectDown, nil) }
    return itemTopic(k, year: year, budget: budget)
  }

  /// 三公 part `part` (0 出国, 1 购置, 2 运行, 3 接待) moving into `year`.
  func threePublicTopic(_ part: Int, year: Int, budget: Bool) -> ReasonTopic {
    let now = history.threePublic(year, budget: budget)[part]
    let before = history.threePublic(year - 1, budget: budget)[part]
    if now == 0 && before == 0 { return part == 0 ? .noAbroad : .zeroBoth }
    if founded?.year == year && before == 0 { return .newUnit }
    let up = now >= before
    switch part {
    case 0: return up ? .abroadUp : .abroadDown
    case 1, 2:
      if !up, let t = carTransferYear, t == year { return .carDown }
      return up ? .carUp : .carDown
    default: return up ? .receptionUp : .receptionDown
    }
  }

  /// 预决算差异 between a final figure and its budget.
  func varianceTopic(final: Int64, budget: Int64) -> ReasonTopic {
    final == budget ? .varianceNone : final > budget ? .varianceOver : .varianceUnder
  }
}
