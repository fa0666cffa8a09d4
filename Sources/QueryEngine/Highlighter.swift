// Where a hit's fields contain the query's terms, for display: ranges in
// Unicode scalar offsets of the stored field text. Matching is done on the
// matching form (as search does), then mapped back to the stored text, so
// `年初预 算 数` highlights for the query 年初预算数.
import QueryLanguage
import TextAnalysis

public struct Highlights: Sendable, Equatable {
  /// Field name → sorted, non-overlapping scalar ranges in that field's text.
  public var ranges: [String: [Range<Int>]] = [:]
  public init() {}
}

public struct Highlighter: Sendable {
  /// Matching forms of the positive terms, by the field they may highlight.
  let needles: [String: [String]]

  /// Collects the terms of `query` that are not under a NOT.
  public init(query: QueryNode) {
    var byField: [String: [String]] = [:]
    func collect(_ n: QueryNode, negated: Bool) {
      switch n {
      case .term(let field, let text, _, _):
        guard !negated, let form = try? MatchForm.fromRaw(text), !form.isEmpty else { return }
        // An unscoped term matched the whole text; the reason and subject
        // are parts of it, so highlight it there too.
        let targets: [String]
        switch field {
        case nil, .text: targets = ["text", "reason", "subject"]
        case .reason: targets = ["reason", "text"]
        case .subject, .project: targets = ["subject", "text"]
        case .dept, .region, .section: targets = []
        }
        for t in targets { byField[t, default: []].append(form) }
      case .keyword, .numeric: return
      case .and(let c), .or(let c): for x in c { collect(x, negated: negated) }
      case .not(let c): collect(c, negated: !negated)
      }
    }
    collect(query, negated: false)
    needles = byField
  }

  public func highlights(_ fields: [String: String]) -> Highlights {
    var h = Highlights()
    for (field, forms) in needles {
      guard let text = fields[field], !text.isEmpty else { continue }
      let ranges = Self.ranges(of: forms, in: text)
      if !ranges.isEmpty { h.ranges[field] = ranges }
    }
    return h
  }

  /// Scalar ranges in `text` whose matching form equals one of `forms`.
  static func ranges(of forms: [String], in text: String) -> [Range<Int>] {
    let (form, origin) = MatchForm.mapped(text)
    var found: [Range<Int>] = []
    for f in forms {
      let needle = Array(f.unicodeScalars)
      guard !needle.isEmpty, needle.count <= form.count else { continue }
      var i = 0
      while i <= form.count - needle.count {
        if form[i] == needle[0] && form[i..<(i + needle.count)].elementsEqual(needle) {
          found.append(origin[i]..<(origin[i + needle.count - 1] + 1))
          i += needle.count
        } else {
          i += 1
        }
      }
    }
    // Merge overlaps so markers never nest.
    var merged: [Range<Int>] = []
    for r in found.sorted(by: { $0.lowerBound < $1.lowerBound }) {
      if let last = merged.last, r.lowerBound <= last.upperBound {
        merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
      } else {
        merged.append(r)
      }
    }
    return merged
  }
}
