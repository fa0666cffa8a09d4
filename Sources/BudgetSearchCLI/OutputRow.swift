// The one row schema every output format renders (docs/OUTPUT.md). Search
// hits and `extract` records map to the same keys in the same order, so a
// script can switch between them.
import Disclosure
import Indexing
import QueryEngine
import TextAnalysis

enum OutputValue {
  case string(String)
  /// A fixed-point number: value with `decimals` implied places (14367, 2 → 143.67).
  case decimal(Int64, decimals: Int)
  /// Already-encoded JSON (objects such as `highlights`); plain text elsewhere.
  case json(String)
  case null

  /// The number or text as a reader sees it in the disclosure.
  var plain: String {
    switch self {
    case .string(let s): return s
    case .decimal(let v, let d): return FixedPoint.format(v, decimals: d)
    case .json(let j): return j
    case .null: return ""
    }
  }
}

struct OutputRow {
  var values: [(key: String, value: OutputValue)]
  /// Group rows (--group-by) have their own keys and a plain table.
  var isGroup = false

  /// Column order of every format; stable (new keys are only ever appended).
  static let keys = [
    "id", "type", "department", "region", "year", "kind", "file", "line", "section", "subject",
    "amount", "prior", "change", "rate", "basis", "budget", "executed", "reason", "text",
    "snippet", "highlights", "score", "initial", "completion", "compared_year", "figures",
  ]

  /// Numeric columns shown as keys of their own.
  static let numberKeys = ["amount", "prior", "change", "rate", "budget", "executed", "year", "line", "initial", "completion", "compared_year"]

  /// Typed figures grouped under `figures` (present ones only): staff counts,
  /// vehicles, procurement. Name → decimals.
  static let figureColumns: [(String, Int)] = [
    ("staff", 0), ("active", 0), ("active_change", 0), ("retirees", 0), ("retirees_change", 0),
    ("retired_cadres", 0), ("retired_cadres_change", 0), ("vehicles", 0), ("official_vehicles", 0),
    ("procurement", 2), ("procurement_sme", 2),
  ]

  /// `{"staff":10,"active":10}` from name → (value, decimals), or null when none.
  static func figures(_ lookup: (String) -> (Int64, Int)?) -> OutputValue {
    let parts = figureColumns.compactMap { (name, _) -> String? in
      guard let (v, d) = lookup(name) else { return nil }
      return "\"\(name)\":" + OutputValue.decimal(v, decimals: d).plain
    }
    return parts.isEmpty ? .null : .json("{" + parts.joined(separator: ",") + "}")
  }

  subscript(key: String) -> OutputValue { values.first { $0.key == key }?.value ?? .null }

  static func make(_ pairs: [String: OutputValue]) -> OutputRow {
    OutputRow(values: keys.map { ($0, pairs[$0] ?? .null) })
  }

  static func string(_ s: String?) -> OutputValue {
    guard let s, !s.isEmpty else { return .null }
    return .string(s)
  }

  static func number(_ v: Int64?, _ decimals: Int) -> OutputValue {
    guard let v else { return .null }
    return .decimal(v, decimals: decimals)
  }

  init(values: [(key: String, value: OutputValue)], isGroup: Bool = false) {
    self.values = values
    self.isGroup = isGroup
  }

  /// Keys of a group row, after the group key itself (dept, year, …).
  static let groupKeys = ["count", "amount_count", "amount_sum", "amount_min", "amount_max", "rate_min", "rate_max"]

  /// A --group-by row.
  init(group g: Group, key: GroupKey) {
    self.init(
      values: [
        (key.rawValue, key == .year ? Self.number(Int64(g.key), 0) : Self.string(g.key)),
        ("count", .decimal(Int64(g.count), decimals: 0)),
        ("amount_count", .decimal(Int64(g.amountCount), decimals: 0)),
        ("amount_sum", g.amountCount > 0 ? .decimal(g.amountSum, decimals: 2) : .null),
        ("amount_min", Self.number(g.amountMin, 2)), ("amount_max", Self.number(g.amountMax, 2)),
        ("rate_min", Self.number(g.rateMin, 2)), ("rate_max", Self.number(g.rateMax, 2)),
      ], isGroup: true)
  }

  /// A search hit; `highlights` mark where the query matched, `style` how
  /// the snippet shows them.
  init(hit: Hit, highlights: Highlights, style: MarkStyle, score: Double? = nil) {
    var p: [String: OutputValue] = ["id": .string(hit.id)]
    // BM25 to 4 decimals, rounded once here (the only float in the output).
    if let score { p["score"] = .decimal(Int64((score * 10_000).rounded()), decimals: 4) }
    let field = Snippet.field(of: hit)
    p["snippet"] = .string(Snippet.make(hit.fields[field] ?? "", highlights.ranges[field] ?? [], window: 80, style: style))
    p["highlights"] = .json(Snippet.json(highlights))
    for k in ["type", "section", "subject", "basis", "reason", "text"] { p[k] = Self.string(hit.fields[k]) }
    p["department"] = Self.string(hit.file["dept"])
    p["region"] = Self.string(hit.file["region"])
    p["kind"] = Self.string(hit.file["file_kind"])
    p["file"] = Self.string(hit.file["path"])
    for k in Self.numberKeys { if let n = hit.numbers[k] { p[k] = .decimal(n.value, decimals: n.decimals) } }
    p["figures"] = Self.figures { hit.numbers[$0].map { ($0.value, $0.decimals) } }
    self = Self.make(p)
  }

  /// A record straight from the extractor (`extract`): the same columns an
  /// index would hold (Schema.statedValues), so both outputs agree.
  init(record r: Record, info: DocumentInfo, ordinal: Int) {
    let n = Schema.statedValues(r, info: info)
    var p: [String: OutputValue] = [
      "id": .string("\(info.path):\(ordinal)"), "type": .string(r.type.rawValue),
      "department": Self.string(info.department), "region": Self.string(info.region),
      "kind": Self.string(info.kind?.rawValue), "file": .string(info.path),
      "section": Self.string(r.section), "subject": Self.string(r.subject),
      "basis": Self.string(r.basis?.rawValue), "reason": Self.string(r.reason), "text": .string(r.text),
    ]
    for k in Self.numberKeys { if let v = n[k] { p[k] = .decimal(v.value, decimals: v.decimals) } }
    p["figures"] = Self.figures { n[$0] }
    self = Self.make(p)
  }
}
