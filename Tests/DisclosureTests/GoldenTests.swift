// The full record list of each seed against Fixtures/<seed>.golden.txt.
// `RECORD_GOLDEN=1 swift test --filter DisclosureTests` rewrites the files and
// fails, so that a recording is never mistaken for a passing run. Review the
// statements in a new golden against the seed text before committing it.
import Foundation
import Testing

@testable import Disclosure

@Suite struct GoldenTests {
  @Test(arguments: Seeds.names)
  func golden(_ name: String) throws {
    let doc = try Seeds.parsed(String(name.prefix(3)))
    try Golden.compare(Golden.render(doc), goldenFor: name)
  }
}

/// Whole synthetic documents in other provinces' styles (written by hand,
/// Fixtures/synthetic_*.txt), each against its reviewed golden.
@Suite struct SyntheticGoldenTests {
  static let names = ["synthetic_guangdong_2023.txt"]

  @Test(arguments: SyntheticGoldenTests.names)
  func golden(_ name: String) throws {
    let bytes = [UInt8](try Data(contentsOf: Seeds.fixtures.appendingPathComponent(name)))
    let doc = try DisclosureParser.parse(path: name, bytes: bytes)
    try Golden.compare(Golden.render(doc), goldenFor: name)
  }
}

extension Golden {
  /// Compares `actual` with Fixtures/<name>.golden.txt, or rewrites it (and
  /// records an issue) when RECORD_GOLDEN=1.
  static func compare(_ actual: String, goldenFor name: String) throws {
    let file = Seeds.fixtures.appendingPathComponent(name.replacingOccurrences(of: ".txt", with: ".golden.txt"))
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
      try FileManager.default.createDirectory(at: Seeds.fixtures, withIntermediateDirectories: true)
      try actual.write(to: file, atomically: true, encoding: .utf8)
      Issue.record("recorded \(file.lastPathComponent); unset RECORD_GOLDEN and review it")
      return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
      Issue.record("missing \(file.path); run with RECORD_GOLDEN=1")
      return
    }
    if expected != actual {
      Issue.record("golden mismatch for \(name):\n\(Golden.diff(expected: expected, actual: actual))")
    }
  }
}
