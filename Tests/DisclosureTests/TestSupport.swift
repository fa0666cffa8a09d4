// Shared helpers: locating seeds and fixtures, parsing once, rendering records
// in the golden format, and a small line diff for golden mismatches.
import Foundation
import Testing

@testable import Disclosure
import TextAnalysis

enum Seeds {
  static let names = [
    "000_ad6359a2a97814ad.txt", "001_e5361b4e9819f483.txt", "002_1653eecb287bc093.txt",
    "003_0d0d50dd571d51d1.txt", "004_85ba5e7a02b017f7.txt",
  ]

  /// Tests/DisclosureTests/
  static let testsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let packageRoot = testsDir.deletingLastPathComponent().deletingLastPathComponent()
  static let fixtures = testsDir.appendingPathComponent("Fixtures")

  static func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: packageRoot.appendingPathComponent("Corpus").appendingPathComponent(name)))
  }

  /// Parsed seeds, parsed once per test process (they are immutable).
  nonisolated(unsafe) private static var cache: [String: ParsedDocument] = [:]
  private static let lock = NSLock()

  static func parsed(_ prefix: String) throws -> ParsedDocument {
    let name = names.first { $0.hasPrefix(prefix) }!
    lock.lock()
    defer { lock.unlock() }
    if let d = cache[name] { return d }
    let d = try DisclosureParser.parse(path: name, bytes: bytes(name))
    cache[name] = d
    return d
  }
}

extension ParsedDocument {
  var statements: [Record] { records.filter { $0.type == .statement } }
  var projects: [Record] { records.filter { $0.type == .project } }
  var passages: [Record] { records.filter { $0.type == .passage } }

  func statement(_ subject: String, basis: Basis? = nil, where extra: (Record) -> Bool = { _ in true }) -> [Record] {
    statements.filter { $0.subject == subject && (basis == nil || $0.basis == basis) && extra($0) }
  }
}

func money(_ v: Int64?) -> String { v.map { FixedPoint.format($0) } ?? "nil" }

enum Golden {
  /// One block per record; a `§` line whenever the section changes.
  static func render(_ doc: ParsedDocument) -> String {
    let i = doc.info
    var out = [
      "# path=\(i.path) charset=\(i.charset)",
      "# department=\(i.department) region=\(i.region) year=\(i.year.map(String.init) ?? "nil") kind=\(i.kind?.rawValue ?? "nil")",
      "# statements=\(doc.statements.count) withReason=\(doc.statements.filter { !$0.reason.isEmpty }.count) projects=\(doc.projects.count) passages=\(doc.passages.count)",
    ]
    var section: String?
    for r in doc.records {
      if r.section != section {
        out.append("§ \(r.section)")
        section = r.section
      }
      switch r.type {
      case .statement:
        var nums: [String] = []
        if let v = r.amount { nums.append("amount=\(FixedPoint.format(v))") }
        if let v = r.prior { nums.append("prior=\(FixedPoint.format(v))") }
        if let v = r.change { nums.append("change=\(FixedPoint.format(v))") }
        if let v = r.rate { nums.append("rate=\(FixedPoint.format(v))%") }
        nums.append("basis=\(r.basis?.rawValue ?? "nil")")
        if let y = r.comparedYear { nums.append("year=\(y)") }
        if let v = r.completion { nums.append("completion=\(FixedPoint.format(v))%") }
        out.append("S L\(r.line) [\(r.subject)] \(nums.joined(separator: " "))")
        if let f = figures(r) { out.append("    figures: \(f)") }
        out.append("    reason: \(r.reason)")
        out.append("    text: \(r.text)")
      case .project:
        var nums: [String] = []
        if let v = r.initialBudget { nums.append("initial=\(FixedPoint.format(v))") }
        if let v = r.budget { nums.append("budget=\(FixedPoint.format(v))") }
        if let v = r.executed { nums.append("executed=\(FixedPoint.format(v))") }
        out.append("J L\(r.line) [\(r.subject)] \(nums.joined(separator: " "))")
        out.append("    text: \(r.text)")
      case .passage:
        let head = String(r.text.prefix(40))
        out.append("P L\(r.line) \(head)\(r.text.count > 40 ? "…" : "")")
        if let f = figures(r) { out.append("    figures: \(f)") }
      }
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// The typed figures of a record, or nil when it states none.
  static func figures(_ r: Record) -> String? {
    func n(_ v: Int64?) -> String { v.map(String.init) ?? "-" }
    func c(_ v: Int64?) -> String { v.map { $0 >= 0 ? "+\($0)" : "\($0)" } ?? "" }
    var parts: [String] = []
    if r.staffTotal != nil || r.staffActive != nil || r.staffRetirees != nil || r.staffRetiredCadres != nil {
      parts.append(
        "staff=\(n(r.staffTotal)) active=\(n(r.staffActive))\(c(r.staffActiveChange)) retiredCadres=\(n(r.staffRetiredCadres))\(c(r.staffRetiredCadresChange)) retirees=\(n(r.staffRetirees))\(c(r.staffRetireesChange))"
      )
    }
    if let v = r.procurementTotal { parts.append("procurement=\(FixedPoint.format(v))") }
    if let v = r.procurementSME { parts.append("procurementSME=\(FixedPoint.format(v))") }
    if let v = r.vehicles { parts.append("vehicles=\(v)") }
    if let v = r.officialVehicles { parts.append("officialVehicles=\(v)") }
    return parts.isEmpty ? nil : parts.joined(separator: " ")
  }

  /// A unified-style line diff (LCS), at most `limit` changed lines.
  static func diff(expected: String, actual: String, limit: Int = 80) -> String {
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var lcs = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
      for j in stride(from: b.count - 1, through: 0, by: -1) {
        lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
      }
    }
    var out: [String] = []
    var i = 0, j = 0
    while (i < a.count || j < b.count) && out.count < limit {
      if i < a.count, j < b.count, a[i] == b[j] {
        i += 1
        j += 1
      } else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] {
        out.append("-\(i + 1): \(a[i])")
        i += 1
      } else {
        out.append("+\(j + 1): \(b[j])")
        j += 1
      }
    }
    return out.joined(separator: "\n")
  }
}
