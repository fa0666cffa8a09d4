// Project series across years: the same project appears each year under a
// slightly different name (`2023年…经费` / `2024年…经费`, changed punctuation,
// a small edit). Within a department, names are keyed without years,
// punctuation and spaces; keys within a small edit distance (<= 15% of the
// length, at least 1) join the series of the longer-lived key.
import TextAnalysis

public struct ProjectEntry: Sendable {
  public var name: String
  public var year: Int?
  /// The document kind (预算 or 决算): a project appears in both each year.
  public var kind: String
  public var budget: Int64?
  public var executed: Int64?
  public var id: String
  public init(name: String, year: Int?, kind: String = "", budget: Int64?, executed: Int64?, id: String) {
    self.name = name
    self.year = year
    self.kind = kind
    self.budget = budget
    self.executed = executed
    self.id = id
  }
}

public struct ProjectSeries: Sendable {
  public var department: String
  /// The most recent name.
  public var name: String
  /// Entries ordered by year (unknown years last), then kind (决算 before 预算), name.
  public var entries: [ProjectEntry]
}

public enum ProjectSeriesBuilder {
  public static func build(_ items: [(department: String, entry: ProjectEntry)]) -> [ProjectSeries] {
    var byDept: [String: [ProjectEntry]] = [:]
    for i in items { byDept[i.department, default: []].append(i.entry) }
    var out: [ProjectSeries] = []
    for (dept, entries) in byDept {
      var groups: [(key: [Unicode.Scalar], entries: [ProjectEntry])] = []
      for e in entries.sorted(by: { ($0.year ?? 0, $0.name) < ($1.year ?? 0, $1.name) }) {
        let k = key(e.name)
        if let i = groups.firstIndex(where: { close($0.key, k) }) {
          groups[i].entries.append(e)
        } else {
          groups.append((k, [e]))
        }
      }
      for g in groups {
        let ordered = g.entries.sorted {
          ($0.year ?? Int.max, $0.kind, $0.name, $0.id) < ($1.year ?? Int.max, $1.kind, $1.name, $1.id)
        }
        let latest = ordered.last { $0.year != nil } ?? ordered.last!
        out.append(ProjectSeries(department: dept, name: latest.name, entries: ordered))
      }
    }
    return out.sorted { ($0.entries.count, $1.department, $1.name) > ($1.entries.count, $0.department, $0.name) }
  }

  /// The name without years (`2024年`, `2024年度`, a bare `2024`), punctuation, spaces.
  static func key(_ name: String) -> [Unicode.Scalar] {
    let s = Array(((try? MatchForm.fromRaw(name)) ?? name).unicodeScalars)
    var out: [Unicode.Scalar] = []
    var i = 0
    while i < s.count {
      // A four-digit year 19xx/20xx, with 年 or 年度 after it.
      if i + 4 <= s.count, s[i..<(i + 4)].allSatisfy({ $0.properties.numericType != nil }),
        s[i] == "1" || s[i] == "2", i + 4 == s.count || s[i + 4].properties.numericType == nil
      {
        i += 4
        if i < s.count && s[i] == "年" { i += 1 }
        if i < s.count && s[i] == "度" { i += 1 }
        continue
      }
      if s[i].properties.isAlphabetic || s[i].properties.isIdeographic || s[i].properties.numericType != nil {
        out.append(s[i])
      }
      i += 1
    }
    return out
  }

  static func close(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
    if a == b { return true }
    let limit = max(1, min(a.count, b.count) * 15 / 100)
    if abs(a.count - b.count) > limit { return false }
    return editDistance(a, b, limit: limit) <= limit
  }

  /// Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`.
  static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
    var previous = Array(0...b.count)
    for i in 1...max(1, a.count) where !a.isEmpty {
      var current = [i] + Array(repeating: 0, count: b.count)
      var rowMin = i
      for j in 1...max(1, b.count) where !b.isEmpty {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        rowMin = min(rowMin, current[j])
      }
      if rowMin > limit { return limit + 1 }
      previous = current
    }
    return a.isEmpty ? b.count : previous[b.count]
  }
}
