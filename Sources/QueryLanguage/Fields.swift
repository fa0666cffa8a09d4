// The field vocabulary of the query language: which names exist, what kind of
// value each takes, and (for numbers) which units. The parser and the
// canonical printer read these tables; docs/QUERY.md describes them.

/// Fields searched for terms and phrases (substring match, done by the engine).
public enum TextField: String, CaseIterable, Sendable {
  case text, reason, subject, project, dept, region, section
}

/// Fields with a closed set of exact values.
public enum KeywordField: String, CaseIterable, Sendable {
  case kind, basis, type

  /// The allowed values, in the order error messages list them.
  public var allowedValues: [String] {
    switch self {
    case .kind: ["预算", "决算"]
    case .basis: ["上年", "预算"]
    case .type: ["statement", "project", "passage"]
    }
  }
}

/// Fields compared as numbers (`amount>100`, `rate:-20..-5`).
public enum NumericField: String, CaseIterable, Sendable {
  case amount, prior, change, rate, year, budget, executed
  /// A project's 年初预算数; the stated share of the budget completed (%).
  case initial, completion
  /// The year a comparator names (比2019年, 较2023年度决算数).
  case comparedYear = "compared_year"
  /// Staff counts (实有人数, 在职, 退休, 离休) and their stated changes.
  case staff, active
  case activeChange = "active_change"
  case retirees
  case retireesChange = "retirees_change"
  case retiredCadres = "retired_cadres"
  case retiredCadresChange = "retired_cadres_change"
  /// Vehicles (车辆 N 辆; 公务用车保有量).
  case vehicles
  case officialVehicles = "official_vehicles"
  /// 政府采购 total and 授予中小企业合同金额, 万元.
  case procurement
  case procurementSME = "procurement_sme"

  /// Which unit suffixes the field takes: money (万元 default), percent, or none.
  public var unitFamily: UnitFamily { spec.units }

  /// Everything the parser needs to know about a numeric field, in one table
  /// so that adding a field is one `case` here and one line below.
  var spec: NumericFieldSpec {
    switch self {
    case .amount, .prior, .change, .budget, .executed, .initial, .procurement, .procurementSME:
      .init(units: .money, wholeNumber: false)
    case .rate, .completion: .init(units: .percent, wholeNumber: false)
    case .year, .comparedYear, .staff, .active, .activeChange, .retirees, .retireesChange, .retiredCadres,
      .retiredCadresChange, .vehicles, .officialVehicles:
      .init(units: .none, wholeNumber: true)
    }
  }
}

struct NumericFieldSpec {
  var units: UnitFamily
  /// Years are counted, not measured: `year:2024.5` is an error.
  var wholeNumber: Bool
}

/// Which unit suffixes a numeric field accepts.
public enum UnitFamily: Sendable {
  case money, percent, none

  var spellings: [String] {
    switch self {
    case .money: NumericUnit.all.filter { $0.isMoney }.map(\.spelling)
    case .percent: ["%"]
    case .none: []
    }
  }
}

/// A unit suffix as written after a number. The parser records the spelling and
/// does not convert (the engine does); `exponent` only lets the parser check
/// that a range like `5000万..1亿` is not empty.
struct NumericUnit {
  var spelling: String
  /// Power of ten relative to 万元 (money) or 1 (percent).
  var exponent: Int
  var isMoney: Bool

  /// A suffix must match a spelling exactly; the order is the one messages use.
  static let all: [NumericUnit] = [
    .init(spelling: "万元", exponent: 0, isMoney: true),
    .init(spelling: "万", exponent: 0, isMoney: true),
    .init(spelling: "亿", exponent: 4, isMoney: true),
    .init(spelling: "亿元", exponent: 4, isMoney: true),
    .init(spelling: "元", exponent: -4, isMoney: true),
    .init(spelling: "%", exponent: 0, isMoney: false),
  ]

  static func named(_ spelling: String?) -> NumericUnit? {
    all.first { $0.spelling == spelling }
  }
}

/// A field name as written before `:` or a comparison operator.
enum AnyField: Equatable {
  case text(TextField)
  case keyword(KeywordField)
  case numeric(NumericField)

  init?(name: String) {
    if let f = TextField(rawValue: name) {
      self = .text(f)
    } else if let f = KeywordField(rawValue: name) {
      self = .keyword(f)
    } else if let f = NumericField.allCases.first(where: { $0.rawValue == name }) {
      // Not `NumericField(rawValue:)`: for this many cases the compiler's
      // string switch builds a [String: Int] cache on first use, and the
      // runtime then scans every conformance record of the static binary
      // for String: Hashable (≈ 60 µs of a fresh `search` with a number).
      self = .numeric(f)
    } else {
      return nil
    }
  }

  var name: String {
    switch self {
    case .text(let f): f.rawValue
    case .keyword(let f): f.rawValue
    case .numeric(let f): f.rawValue
    }
  }

  /// Every field name, for "expected one of …" messages.
  static let allNames: [String] =
    TextField.allCases.map(\.rawValue) + KeywordField.allCases.map(\.rawValue)
    + NumericField.allCases.map(\.rawValue)
}
