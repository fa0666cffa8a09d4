// Exact decimal numbers as written in a query (`-2.06`, `100万`, `20%`).
// No Double anywhere: DESIGN.md keeps numbers as fixed-point data, and a
// binary float would turn `0.1` into something the engine cannot compare.

/// `mantissa × 10^-scale`, plus the unit suffix as written (nil when none).
/// The value is kept as typed, trailing zeros included (`2.50` → 250, scale 2),
/// so printing it gives back the same text; the engine converts units and
/// rescales.
public struct DecimalValue: Hashable, Sendable, CustomStringConvertible {
  public var mantissa: Int64
  /// Digits after the decimal point; never negative.
  public var scale: Int
  /// One of `万元`, `万`, `亿`, `亿元`, `元`, `%`, or nil (the field's default unit).
  public var unit: String?

  public init(mantissa: Int64, scale: Int, unit: String? = nil) {
    precondition(scale >= 0, "DecimalValue scale must not be negative")
    self.mantissa = mantissa
    self.scale = scale
    self.unit = unit
  }

  /// The number as the query language writes it: `-2.06`, `0.5万`, `20%`.
  public var description: String {
    var digits = String(mantissa.magnitude)
    if scale > 0 {
      if digits.count <= scale {
        digits = String(repeating: "0", count: scale - digits.count + 1) + digits
      }
      digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
    }
    return (mantissa < 0 ? "-" : "") + digits + (unit ?? "")
  }

  /// Numeric order after applying the unit (`1亿` > `5000万`); unknown units
  /// count as the default. Used to reject empty ranges; overflow-safe.
  func isGreater(than other: DecimalValue) -> Bool {
    let a = exponent
    let b = other.exponent
    if a >= b {
      return Self.compare(mantissa, shiftedBy: a - b, with: other.mantissa) > 0
    }
    return Self.compare(other.mantissa, shiftedBy: b - a, with: mantissa) < 0
  }

  private var exponent: Int { (NumericUnit.named(unit)?.exponent ?? 0) - scale }

  /// Sign of `x × 10^shift − y`. If the shift overflows, |x × 10^shift|
  /// exceeds every Int64, so the sign of x decides.
  private static func compare(_ x: Int64, shiftedBy shift: Int, with y: Int64) -> Int {
    var scaled = x
    for _ in 0..<shift {
      let (next, overflow) = scaled.multipliedReportingOverflow(by: 10)
      if overflow { return x < 0 ? -1 : 1 }
      scaled = next
    }
    return scaled < y ? -1 : (scaled == y ? 0 : 1)
  }
}

/// One end of a numeric interval.
public struct NumericBound: Hashable, Sendable {
  public var value: DecimalValue
  public var inclusive: Bool

  public init(value: DecimalValue, inclusive: Bool) {
    self.value = value
    self.inclusive = inclusive
  }
}
