// Amounts and rates as the disclosures state them. Amounts are Int64
// hundredths of 万元 and rates Int64 basis points (hundredths of a percent),
// the same fixed point as the Disclosure layer, so the ground truth compares
// as integers and no float rounds a number we claim a document states.

enum Money {
  /// `133799` → `1337.99`, or `1,337.99` with thousands separators.
  static func text(_ value: Int64, separators: Bool = false) -> String {
    let negative = value < 0
    let m = value.magnitude
    var whole = String(m / 100)
    let cents = m % 100
    if separators && whole.count > 3 {
      var grouped = ""
      for (i, ch) in whole.enumerated() {
        if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(",") }
        grouped.append(ch)
      }
      whole = grouped
    }
    return (negative ? "-" : "") + whole + "." + (cents < 10 ? "0" : "") + String(cents)
  }

  /// Basis points as a percent: `-2357` → `-23.57`.
  static func percent(_ bp: Int64) -> String { text(bp) }

  /// The change rate a disclosure prints for a move of `change` from `prior`:
  /// change / prior, half away from zero to 0.01%. A zero base with a
  /// non-zero change is printed as 100.00% (CORPUS-GUIDE §7: `增长100.00%` for
  /// new items); nothing from nothing is 0.00%.
  static func rate(change: Int64, prior: Int64) -> Int64 {
    if prior == 0 { return change == 0 ? 0 : (change > 0 ? 10_000 : -10_000) }
    return divideRounded(change * 10_000, prior)
  }

  /// a / b rounded half away from zero (b ≠ 0).
  static func divideRounded(_ a: Int64, _ b: Int64) -> Int64 {
    let negative = (a < 0) != (b < 0)
    let (q, r) = a.magnitude.quotientAndRemainder(dividingBy: b.magnitude)
    let rounded = r * 2 >= b.magnitude ? q + 1 : q
    return negative ? -Int64(rounded) : Int64(rounded)
  }

  /// `value` scaled by `factor` (e.g. 1.07), rounded to a cent, never negative.
  static func scaled(_ value: Int64, by factor: Double) -> Int64 {
    let v = (Double(value) * factor).rounded()
    return v < 0 ? 0 : Int64(v)
  }

  /// Share of `part` in `whole` in basis points (0 when whole is 0).
  static func share(_ part: Int64, of whole: Int64) -> Int64 {
    whole == 0 ? 0 : divideRounded(part * 10_000, whole)
  }
}
