// docs/FORMAT.md must describe the format this build writes (STYLE.md §4):
// its "Format version: N" line is compared with Envelope.formatVersion.
import Foundation
import Testing

@testable import IndexFormat

@Suite struct FormatDocTests {
  static var formatDoc: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../docs/FORMAT.md").standardized
  }

  @Test func versionLineMatchesEnvelope() throws {
    let text = try String(contentsOf: Self.formatDoc, encoding: .utf8)
    let lines = text.split(separator: "\n").filter { $0.hasPrefix("Format version: ") }
    #expect(lines.count == 1, "FORMAT.md needs exactly one 'Format version: N' line")
    let number = lines.first.map { UInt32($0.dropFirst("Format version: ".count)) } ?? nil
    #expect(number == Envelope.formatVersion)
    // The sentence on which versions are read must agree with the code too.
    let range = Envelope.supportedVersions
    #expect(text.contains("reads versions \(range.lowerBound)...\(range.upperBound)"))
  }
}
