// The most cited reasons, with near-identical phrasings grouped: "which
// departments cite 工资基数调增". Reasons are compared on a key that ignores
// punctuation, digits and spacing, then keys whose character-bigram sets
// overlap strongly (Jaccard >= 0.7: one changed character in a 15-character
// reason still joins) join the cluster of the most
// frequent one. Greedy and deterministic. Candidate clusters come from an
// inverted index of cluster bigrams, so each key is compared only with
// clusters it shares bigrams with (not with every cluster).
import TextAnalysis

public struct ReasonCluster: Sendable {
  /// The most frequent phrasing in the cluster, as written.
  public var reason: String
  public var statements = 0
  /// Distinct phrasings (after the punctuation-blind key) merged here.
  public var variants = 0
  /// Departments citing it, most statements first.
  public var departments: [String] = []
}

public enum ReasonClusters {
  public static func cluster(
    _ items: [(reason: String, department: String)], threshold: Double = 0.7
  ) -> [ReasonCluster] {
    // 1. Exact groups on the punctuation-blind key.
    var byKey: [String: (count: Int, phrasings: [String: Int], depts: [String: Int])] = [:]
    for item in items where !item.reason.isEmpty {
      let key = Self.key(item.reason)
      if key.isEmpty { continue }
      var g = byKey[key] ?? (0, [:], [:])
      g.count += 1
      g.phrasings[item.reason, default: 0] += 1
      g.depts[item.department, default: 0] += 1
      byKey[key] = g
    }
    let keys = byKey.keys.sorted { (byKey[$0]!.count, $1) > (byKey[$1]!.count, $0) }
    // 2. Greedy merge of near-identical keys into the most frequent.
    var clusters: [(grams: Set<UInt64>, members: [String])] = []
    var postings: [UInt64: [Int]] = [:]  // bigram → clusters whose representative has it
    for key in keys {
      let grams = bigrams(key)
      var shared: [Int: Int] = [:]
      for g in grams { for c in postings[g] ?? [] { shared[c, default: 0] += 1 } }
      // Jaccard >= t needs |A ∩ B| >= t·|A|; the first (most frequent) qualifying cluster wins.
      let need = Int((threshold * Double(grams.count)).rounded(.up))
      let match = shared.filter { $0.value >= need }.keys.sorted()
        .first { jaccard(clusters[$0].grams, grams) >= threshold }
      if let i = match {
        clusters[i].members.append(key)
      } else {
        for g in grams { postings[g, default: []].append(clusters.count) }
        clusters.append((grams, [key]))
      }
    }
    return clusters.map { c in
      var phrasings: [String: Int] = [:], depts: [String: Int] = [:]
      var total = 0
      for k in c.members {
        let g = byKey[k]!
        total += g.count
        for (p, n) in g.phrasings { phrasings[p, default: 0] += n }
        for (d, n) in g.depts { depts[d, default: 0] += n }
      }
      let top = phrasings.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
      let deptOrder = depts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
      return ReasonCluster(reason: top, statements: total, variants: c.members.count, departments: deptOrder)
    }.sorted { ($0.departments.count, $0.statements, $1.reason) > ($1.departments.count, $1.statements, $0.reason) }
  }

  /// Matching form without punctuation, symbols, digits or spaces.
  static func key(_ reason: String) -> String {
    let form = (try? MatchForm.fromRaw(reason)) ?? reason
    var out = String.UnicodeScalarView()
    for s in form.unicodeScalars where s.properties.isAlphabetic || s.properties.isIdeographic {
      if s.properties.numericType != nil { continue }
      out.append(s)
    }
    return String(out)
  }

  static func bigrams(_ key: String) -> Set<UInt64> {
    let s = Array(key.unicodeScalars)
    if s.count < 2 { return Set(s.map { UInt64($0.value) }) }
    return Set(zip(s, s.dropFirst()).map { UInt64($0.value) << 32 | UInt64($1.value) })
  }

  static func jaccard(_ a: Set<UInt64>, _ b: Set<UInt64>) -> Double {
    if a.isEmpty && b.isEmpty { return 1 }
    let inter = a.intersection(b).count
    return Double(inter) / Double(a.count + b.count - inter)
  }
}
