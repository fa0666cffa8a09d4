import ArgumentParser
import TextAnalysis
// Machine-readable renderings of rows: JSON array, JSON lines, CSV, TSV.
// Numbers are written as the decimals the disclosure shows (143.67, -2.18),
// never through a binary float.

enum OutputFormat: String, CaseIterable {
  case table, json, jsonl, csv, tsv

  /// Rejects a --format value a command does not offer, naming the ones it does.
  static func validate(_ value: String, among offered: [OutputFormat] = allCases) throws {
    guard let f = OutputFormat(rawValue: value), offered.contains(f) else {
      throw ValidationError(
        "unknown format '\(value)'; expected one of \(offered.map(\.rawValue).joined(separator: ", "))")
    }
  }
}

enum RowRenderer {
  static func render(_ rows: [OutputRow], as format: OutputFormat) -> String {
    var out = ""
    let keys = rows.first?.values.map(\.key) ?? OutputRow.keys
    switch format {
    case .json:
      out = "["
      for (i, r) in rows.enumerated() { out += (i == 0 ? "\n  " : ",\n  ") + jsonObject(r) }
      out += rows.isEmpty ? "]\n" : "\n]\n"
    case .jsonl:
      for r in rows { out += jsonObject(r) + "\n" }
    case .csv:
      out = rows.isEmpty ? "" : keys.joined(separator: ",") + "\r\n"
      for r in rows { out += r.values.map { csvField($0.value.plain) }.joined(separator: ",") + "\r\n" }
    case .tsv:
      out = rows.isEmpty ? "" : keys.joined(separator: "\t") + "\n"
      for r in rows { out += r.values.map { tsvField($0.value.plain) }.joined(separator: "\t") + "\n" }
    case .table:
      out = rows.first?.isGroup == true
        ? TableRenderer.plain(rows, width: Console.columns) : TableRenderer.render(rows, width: Console.columns)
    }
    return out
  }

  static func jsonObject(_ row: OutputRow) -> String {
    var s = "{"
    for (i, (key, value)) in row.values.enumerated() {
      if i > 0 { s += "," }
      s += jsonString(key) + ":"
      switch value {
      case .string(let v): s += jsonString(v)
      case .decimal, .json: s += value.plain  // a JSON number literal (exact) or object
      case .null: s += "null"
      }
    }
    return s + "}"
  }

  static func jsonString(_ s: String) -> String { jsonQuoted(s) }

  static func csvField(_ s: String) -> String {
    if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
  }

  static func tsvField(_ s: String) -> String {
    String(s.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
  }
}

extension String {
  /// Foundation-free replacement of every occurrence of `target`.
  func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
