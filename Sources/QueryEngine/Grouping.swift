// Group-by over hits: "all departments citing X" is one query grouped by
// department. Sums and extremes are over the stated values only (a record
// without an amount adds nothing), kept as fixed-point integers.

public enum GroupKey: String, CaseIterable, Sendable {
  case dept, region, year, kind, subject, type, file
}

public struct Group: Sendable {
  public var key: String
  public var count = 0
  /// Records that state an amount (and so enter the sum and extremes).
  public var amountCount = 0
  public var amountSum: Int64 = 0
  public var amountMin: Int64?
  public var amountMax: Int64?
  public var rateMin: Int64?
  public var rateMax: Int64?
}

extension Searcher {
  /// Groups hits by `key`, largest groups first, then by key.
  public func group(_ refs: [HitRef], by key: GroupKey) throws(SearchError) -> [Group] {
    var groups: [String: Group] = [:]
    for ref in refs {
      let hit = try load(ref)
      let k: String
      switch key {
      case .dept: k = hit.file["dept"] ?? ""
      case .region: k = hit.file["region"] ?? ""
      case .kind: k = hit.file["file_kind"] ?? ""
      case .file: k = hit.file["path"] ?? ""
      case .year: k = hit.numbers["year"].map { String($0.value) } ?? ""
      case .subject: k = hit.fields["subject"] ?? ""
      case .type: k = hit.fields["type"] ?? ""
      }
      var g = groups[k] ?? Group(key: k)
      g.count += 1
      if let a = hit.numbers["amount"]?.value {
        g.amountCount += 1
        g.amountSum &+= a
        g.amountMin = min(g.amountMin ?? a, a)
        g.amountMax = max(g.amountMax ?? a, a)
      }
      if let r = hit.numbers["rate"]?.value {
        g.rateMin = min(g.rateMin ?? r, r)
        g.rateMax = max(g.rateMax ?? r, r)
      }
      groups[k] = g
    }
    return groups.values.sorted { $0.count != $1.count ? $0.count > $1.count : $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
  }
}
