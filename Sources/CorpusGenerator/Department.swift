// One publishing body, fixed for all its documents: name, place, kind, the
// budget items it reports, its projects and its history. Built from the
// corpus seed and the department number alone, so each of its documents can
// be generated independently and still agree with the others (a 决算's prior
// year is the previous 决算's current year; a project keeps its identity
// across years while its name drifts).

struct Department: Sendable {
  let number: Int
  let kind: DepartmentKind
  let place: Place
  let name: String
  /// Other spellings used in the body.
  let aliases: [String]
  /// Items it reports, in classification order.
  let subjects: [Subject]
  let projects: [ProjectStem]
  /// (year, month) it was set up, when within the corpus years.
  let founded: (year: Int, month: Int)?
  /// Year its official cars were handed to a central pool, if any.
  let carTransferYear: Int?
  /// 下属预算单位 folded into its budget (budget documents list them).
  let subordinateUnits: [String]
  /// Personnel scale.
  let baseStaff: Int
  let history: FiscalHistory

  static let years = 2019...2025
  /// The history starts early enough for every document's prior year.
  static let historyStart = 2017

  /// Every (place, kind) pair, in a fixed order; department n takes pair
  /// `permutation(n)`. Past the pair count numbers wrap around to new
  /// instances of the same names (a corpus of several GB).
  static let pairs: [(Place, DepartmentKind)] = {
    var out: [(Place, DepartmentKind)] = []
    for prov in Gazetteer.provinces {
      for pref in prov.prefectures {
        let places = [Place(province: prov, prefecture: pref, county: nil)]
          + pref.counties.map { Place(province: prov, prefecture: pref, county: $0) }
        for place in places {
          for kind in DepartmentKinds.all {
            switch kind.level {
            case .prefecture where place.county != nil: continue
            case .county where place.county == nil: continue
            default: out.append((place, kind))
            }
          }
        }
      }
    }
    return out
  }()

  init(seed: UInt64, number: Int) {
    var rng = SeededRandom(seed: seed, 1, UInt64(number))
    self.number = number
    let pairs = Department.pairs
    // An odd multiplier coprime with the pair count walks all pairs before repeating.
    var mult = 7919
    while gcd(mult, pairs.count) != 1 { mult += 2 }
    let offset = Int(seed % UInt64(pairs.count))
    var (place, kind) = pairs[(number &* mult &+ offset) % pairs.count]
    place.qualified = place.county?.hasSuffix("区") == true && rng.chance(0.5) || rng.chance(0.1)
    self.place = place
    self.kind = kind
    name = kind.name(place)
    aliases = kind.aliases(place)
    if let from = kind.foundedFrom {
      founded = (from, 1 + rng.below(10))
    } else {
      founded = rng.chance(0.04) ? (2020 + rng.below(5), 1 + rng.below(10)) : nil
    }
    carTransferYear = rng.chance(0.3) ? 2019 + rng.below(7) : nil
    baseStaff = place.county == nil ? 12 + rng.below(80) : 6 + rng.below(50)
    subordinateUnits = rng.chance(0.35) ? [place.local + rng.pick(Department.unitNames)] : []
    let subjects = Department.chooseSubjects(kind: kind, hasSubordinate: !subordinateUnits.isEmpty, rng: &rng)
    self.subjects = subjects
    projects = ProjectStem.choose(kind: kind, place: place, department: number, rng: &rng)
    history = FiscalHistory(
      subjects: subjects, ownSections: kind.sections, projects: projects, baseStaff: baseStaff, founded: founded?.year,
      carTransferYear: carTransferYear, rng: &rng)
  }

  static let unitNames = ["群众工作服务中心", "机关事务服务中心", "信息中心", "综合保障中心", "政务服务中心"]

  /// The items a department reports: its own 款 (行政运行 always, others
  /// often), social insurance and housing (almost always), extras sometimes.
  static func chooseSubjects(kind: DepartmentKind, hasSubordinate: Bool, rng: inout SeededRandom) -> [Subject] {
    var out: [Subject] = []
    for (i, key) in kind.sections.enumerated() {
      for s in SubjectCatalog.subjects(key) {
        let keep: Bool
        switch (s.itemName, s.role) {
        case ("行政运行", _): keep = i == 0
        case ("事业运行", _): keep = hasSubordinate || rng.chance(0.2)
        case (_, .project): keep = rng.chance(i == 0 ? 0.7 : 0.5)
        default: keep = rng.chance(0.5)
        }
        if keep { out.append(s) }
      }
    }
    if !out.contains(where: { $0.role == .project }), let p = SubjectCatalog.subjects(kind.sections[0]).first(where: { $0.role == .project }) {
      out.append(p)
    }
    let common: [(String, String, Double)] = [
      ("208.05", "01", 0.3), ("208.05", "05", 0.95), ("208.05", "06", 0.85), ("210.11", "01", 0.95),
      ("210.11", "02", hasSubordinate ? 0.9 : 0.1), ("210.11", "03", 0.8), ("210.11", "99", 0.3),
      ("221.02", "01", 0.97), ("229.99", "99", 0.15), ("206.04", "99", 0.08), ("201.34", "04", 0.08),
    ]
    for (key, item, p) in common where rng.chance(p) {
      if let s = SubjectCatalog.subject(key, item: item), !out.contains(s) { out.append(s) }
    }
    return out.sorted { ($0.classCode, $0.sectionCode, $0.itemCode) < ($1.classCode, $1.sectionCode, $1.itemCode) }
  }

  /// The name as the body sometimes writes it (mostly the title's).
  func bodyName(_ rng: inout SeededRandom) -> String {
    if !aliases.isEmpty, rng.chance(0.12) { return rng.pick(aliases) }
    return name
  }

  /// Whether the department publishes a document of `kind` for `year`.
  func publishes(_ kind: DocumentKindTag, year: Int) -> Bool {
    guard let f = founded else { return true }
    return kind == .finalAccount ? year >= f.year : year > f.year
  }
}

func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
