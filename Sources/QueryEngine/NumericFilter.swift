// Numeric comparisons on columns. A query's decimal (with its unit) becomes
// an integer interval in the column's own units, exactly: `amount>0.005`
// on a column of 0.01 万元 is `amount >= 1`, never a float comparison.
import IndexFormat
import QueryLanguage

struct ColumnInterval {
  var lower: Int64  // inclusive
  var upper: Int64  // inclusive
  func contains(_ v: Int64) -> Bool { v >= lower && v <= upper }
}

enum NumericFilter {
  /// Power of ten of a unit relative to the column's base unit (万元 or %).
  static func unitExponent(_ unit: String?, field: NumericField) -> Int? {
    switch (field.unitFamily, unit) {
    case (.none, nil): return 0
    case (.percent, nil), (.percent, "%"): return 0
    case (.money, nil), (.money, "万元"), (.money, "万"): return 0
    case (.money, "亿"), (.money, "亿元"): return 4
    case (.money, "元"): return -4
    default: return nil
    }
  }

  /// The column interval for a bound pair; nil when the interval is empty.
  static func interval(
    field: NumericField, lower: NumericBound?, upper: NumericBound?, decimals: Int, range: SourceRange
  ) throws(SearchError) -> ColumnInterval? {
    var lo = Int64.min + 1, hi = Int64.max  // Int64.min is the absent marker
    if let lower {
      let (q, exact) = try scaled(lower.value, field: field, decimals: decimals, roundUp: true, range: range)
      lo = (lower.inclusive || !exact) ? q : q &+ 1
    }
    if let upper {
      let (q, exact) = try scaled(upper.value, field: field, decimals: decimals, roundUp: false, range: range)
      hi = (upper.inclusive || !exact) ? q : q &- 1
    }
    return lo <= hi ? ColumnInterval(lower: lo, upper: hi) : nil
  }

  /// value × 10^(decimals + unitExponent - scale), rounded toward the inside
  /// of the interval; `exact` says whether no rounding happened.
  static func scaled(
    _ v: DecimalValue, field: NumericField, decimals: Int, roundUp: Bool, range: SourceRange
  ) throws(SearchError) -> (Int64, exact: Bool) {
    guard let e = unitExponent(v.unit, field: field) else {
      throw .query(message: "\(field.rawValue) does not take the unit \(v.unit ?? "")", range: range)
    }
    let shift = decimals + e - v.scale
    var m = v.mantissa
    if shift >= 0 {
      for _ in 0..<shift {
        let (r, o) = m.multipliedReportingOverflow(by: 10)
        if o { return (m < 0 ? Int64.min + 1 : Int64.max, true) }
        m = r
      }
      return (m, true)
    }
    var divisor: Int64 = 1
    for _ in 0..<(-shift) {
      let (r, o) = divisor.multipliedReportingOverflow(by: 10)
      if o { return (0, false) }
      divisor = r
    }
    let q = m / divisor, rem = m % divisor
    if rem == 0 { return (q, true) }
    // Truncation rounds toward zero; move toward the inside of the interval.
    if roundUp { return (m > 0 ? q + 1 : q, false) }
    return (m < 0 ? q - 1 : q, false)
  }

  /// Docs among `candidates` (or all docs of `range`) whose column value lies in the interval.
  static func filter(
    _ column: ColumnReader, _ interval: ColumnInterval, candidates: DocList?, within range: DocRange? = nil
  ) -> DocList {
    if let candidates {
      return candidates.filter { interval.contains(column.raw(Int($0))) }
    }
    let lo = Int(range?.lowerBound ?? 0), hi = min(Int(range?.upperBound ?? UInt32.max), column.docCount)
    var out: DocList = []
    var block = lo / columnBlockSize
    while block * columnBlockSize < hi {
      let (mn, mx) = column.blockRange(block)
      let start = max(lo, block * columnBlockSize), end = min(block * columnBlockSize + columnBlockSize, hi)
      if mn <= mx && mx >= interval.lower && mn <= interval.upper {  // skip blocks outside the interval
        for d in start..<end where interval.contains(column.raw(d)) { out.append(UInt32(d)) }
      }
      block += 1
    }
    return out
  }
}
