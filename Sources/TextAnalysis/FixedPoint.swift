// Numbers as data: exact decimal parsing and fixed-point formatting.
// Amounts are held in hundredths of 万元 and rates in basis points (hundredths
// of a percent), both Int64, so filters compare integers and no float ever
// rounds a number a disclosure states.

public enum FixedPoint {
  /// Parses an ASCII decimal such as `1,337.99`, `-3.43`, `1740.7`, `0.00`
  /// into an integer with `decimals` implied decimal places. Thousands
  /// separators (`,`) are accepted between digit groups; spaces are not.
  /// Returns nil when the text is not such a number or has more decimal
  /// places than `decimals` (rounding would invent a number).
  public static func parse(_ text: Substring, decimals: Int = 2) -> Int64? {
    var negative = false
    var intPart: Int64 = 0
    var frac: Int64 = 0
    var fracDigits = 0
    var sawDigit = false, sawDot = false
    var first = true
    for b in text.utf8 {
      defer { first = false }
      switch b {
      case UInt8(ascii: "-") where first: negative = true
      case UInt8(ascii: "+") where first: break
      case UInt8(ascii: ","):
        if sawDot || !sawDigit { return nil }
      case UInt8(ascii: "."):
        if sawDot || !sawDigit { return nil }
        sawDot = true
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        let d = Int64(b - UInt8(ascii: "0"))
        sawDigit = true
        if sawDot {
          fracDigits += 1
          if fracDigits > decimals { return nil }
          frac = frac * 10 + d
        } else {
          let (m, o1) = intPart.multipliedReportingOverflow(by: 10)
          let (a, o2) = m.addingReportingOverflow(d)
          if o1 || o2 { return nil }
          intPart = a
        }
      default: return nil
      }
    }
    if !sawDigit || (sawDot && fracDigits == 0) { return nil }
    var scale: Int64 = 1
    for _ in 0..<decimals { scale *= 10 }
    var fracScaled = frac
    for _ in fracDigits..<decimals { fracScaled *= 10 }
    let (v, o) = intPart.multipliedReportingOverflow(by: scale)
    if o { return nil }
    let value = v + fracScaled
    return negative ? -value : value
  }

  /// Formats an integer with `decimals` implied places: 14367 → "143.67", -218 → "-2.18".
  public static func format(_ value: Int64, decimals: Int = 2) -> String {
    let negative = value < 0
    let magnitude = value.magnitude
    var scale: UInt64 = 1
    for _ in 0..<decimals { scale *= 10 }
    let whole = magnitude / scale
    var fraction = String(magnitude % scale)
    while fraction.count < decimals { fraction = "0" + fraction }
    let body = decimals == 0 ? "\(whole)" : "\(whole).\(fraction)"
    return negative ? "-" + body : body
  }
}
