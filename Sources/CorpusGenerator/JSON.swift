// Writing the truth JSONL without Foundation: string escaping, fixed-point
// numbers as decimal strings, and a writer that appends fields in place.

import TextAnalysis

/// Just enough JSON writing for the truth file (no Foundation in this target).
enum JSON {
  static func string(_ s: String) -> String { jsonQuoted(s) }

  /// A fixed-point value as a decimal string (`"-23.57"`), or `null`.
  static func money(_ v: Int64?) -> String { v.map { string(Money.text($0)) } ?? "null" }

  /// Appends objects field by field into one string (the truth of a
  /// 500 MB corpus is ~1.5 M lines: no intermediate arrays per line).
  struct Writer {
    var out = ""

    init() { out.reserveCapacity(16 * 1024) }

    mutating func begin(_ type: String) { out += "{\"type\":\"" + type + "\"" }
    mutating func end() { out += "}\n" }
    mutating func field(_ key: String, _ value: String) { out += ",\"" + key + "\":" + string(value) }
    mutating func field(_ key: String, number: Int) { out += ",\"" + key + "\":" + String(number) }
    mutating func field(_ key: String, money v: Int64?) { out += ",\"" + key + "\":" + money(v) }
  }
}
