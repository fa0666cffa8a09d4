// A project that recurs across years under a drifting name: `2023年…经费`
// becomes `2024年…经费`, `及` turns into `、`, quotes come and go, `经费`
// becomes `专项经费`, the place name is prefixed or dropped. The drift is a
// per-year walk over a few flags, so consecutive years differ by small edits
// and the project key ties them together in the ground truth.

struct ProjectStem: Sendable {
  /// `<department>-<n>`: the same project in every year and every spelling.
  let key: String
  let base: String
  let place: Place
  let years: ClosedRange<Int>
  /// Typical yearly spending, hundredths of 万元.
  let scale: Int64
  /// Naming flags per year since `Department.historyStart`.
  private let flags: [UInt8]
  /// `年` or `年度` after a year prefix.
  private let yearWord: String

  init(key: String, base: String, place: Place, years: ClosedRange<Int>, scale: Int64, rng: inout SeededRandom) {
    self.key = key
    self.base = base
    self.place = place
    self.years = years
    self.scale = scale
    yearWord = rng.chance(0.7) ? "年" : "年度"
    var f = UInt8(rng.below(64))
    var all: [UInt8] = []
    for _ in Department.historyStart...2026 {
      all.append(f)
      for bit in 0..<6 where rng.chance(0.12) { f ^= 1 << bit }
    }
    flags = all
  }

  /// The name as printed in `year`'s documents.
  func name(year: Int) -> String {
    let f = flags[max(0, min(flags.count - 1, year - Department.historyStart))]
    var s = base
    if f & 1 != 0, let r = s.firstRange(of: "及") { s.replaceSubrange(r, with: "、") }
    if f & 2 != 0 { s = String(String.UnicodeScalarView(s.unicodeScalars.filter { $0 != "“" && $0 != "”" })) }
    if f & 4 != 0, s.hasSuffix("经费"), !s.hasSuffix("专项经费"), !s.hasSuffix("工作经费") {
      s = String(s.dropLast(2)) + (f & 8 != 0 ? "专项经费" : "工作经费")
    }
    if f & 16 != 0 { s = place.local + s }
    if f & 32 != 0 { s = String(year) + yearWord + s }
    return s
  }

  /// 2–6 projects of the department's kind, each running for a few years.
  static func choose(kind: DepartmentKind, place: Place, department: Int, rng: inout SeededRandom) -> [ProjectStem] {
    var bases = kind.projects.map(place.fill)
    rng.shuffle(&bases)
    let n = min(bases.count, 2 + rng.below(5))
    var out: [ProjectStem] = []
    for i in 0..<n {
      let start = Department.historyStart + rng.below(7)
      let length = 2 + rng.below(8)
      let end = min(2025, start + length)
      let scale = Int64(300 + rng.below(rng.chance(0.2) ? 40_000 : 12_000))
      out.append(
        ProjectStem(
          key: "d\(department)-p\(i)", base: bases[i], place: place, years: start...max(start, end), scale: scale,
          rng: &rng))
    }
    return out
  }
}
