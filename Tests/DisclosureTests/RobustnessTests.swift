// Bad or unusual input: empty, binary, legacy encodings, garbage, truncation.
import Foundation
import SearchTestSupport
import Testing

#if canImport(CoreFoundation)
  import CoreFoundation
#endif

@testable import Disclosure
import TextAnalysis

@Suite struct RobustnessTests {
  @Test func emptyInputThrows() {
    #expect(throws: AnalysisError.empty) { try DisclosureParser.parse(path: "e.txt", bytes: []) }
    #expect(throws: AnalysisError.empty) { try DisclosureParser.parse(path: "e.txt", bytes: Array(" \n\n\t \n".utf8)) }
  }

  @Test func binaryInputThrows() {
    let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48]
    #expect(throws: AnalysisError.binary(offset: 8)) { try DisclosureParser.parse(path: "b.png", bytes: bytes) }
  }

  /// A GB18030 copy of a seed gives the same records as the UTF-8 original.
  @Test(arguments: ["000", "001", "002", "003", "004"])
  func gb18030CopyParsesTheSame(_ seed: String) throws {
    let name = Seeds.names.first { $0.hasPrefix(seed) }!
    let utf8 = try Seeds.bytes(name)
    let text = try #require(String(bytes: utf8, encoding: .utf8))
    let gb = String.Encoding(
      rawValue: CFStringConvertEncodingToNSStringEncoding(CFStringEncoding(CFStringEncodings.GB_18030_2000.rawValue)))
    let gbBytes = [UInt8](try #require(text.data(using: gb)))
    #expect(gbBytes != utf8)
    let original = try Seeds.parsed(seed)
    let copy = try DisclosureParser.parse(path: name, bytes: gbBytes)
    #expect(copy.info.charset == "GB18030")
    #expect(copy.records == original.records)
    #expect(copy.info.department == original.info.department && copy.info.year == original.info.year)
  }

  /// Windows line ends (`\r\n`, a single Character in Swift) change nothing.
  @Test(arguments: ["000", "002"])
  func crlfCopyParsesTheSame(_ seed: String) throws {
    let name = Seeds.names.first { $0.hasPrefix(seed) }!
    let text = try #require(String(bytes: Seeds.bytes(name), encoding: .utf8))
    let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
    let copy = try DisclosureParser.parse(path: name, bytes: Array(crlf.utf8))
    #expect(copy.records == (try Seeds.parsed(seed)).records)
  }

  /// Random text over an alphabet of ideographs, digits, punctuation, tabs and
  /// newlines: no crash, and nothing but passages.
  @Test func garbageYieldsOnlyPassages() {
    var rng = SeededRandom(seed: 0x5EED)
    let punctuation = Array("。,:;、()“”%-.\t\n\n  万元".unicodeScalars)
    var scalars = String.UnicodeScalarView()
    for _ in 0..<20_000 {
      let r = rng.next() % 10
      if r < 6 {
        scalars.append(Unicode.Scalar(UInt32(0x4E00 + rng.next() % 0x5000))!)
      } else if r < 8 {
        scalars.append(Unicode.Scalar(UInt32(0x30 + rng.next() % 10))!)
      } else {
        scalars.append(punctuation[Int(rng.next() % UInt64(punctuation.count))])
      }
    }
    let doc = DisclosureParser.parse(path: "garbage.txt", text: String(scalars), charset: "UTF-8")
    #expect(!doc.records.isEmpty)
    #expect(doc.records.allSatisfy { $0.type == .passage })
  }

  /// Windows of a seed cut at random places (inside numbers, markers, table
  /// rows) parse without trapping.
  @Test func truncatedSeedsDoNotTrap() throws {
    let text = try #require(String(bytes: Seeds.bytes(Seeds.names[4]), encoding: .utf8))
    let scalars = Array(text.unicodeScalars)
    var rng = SeededRandom(seed: 42)
    for _ in 0..<12 {
      let cut = Int(rng.next() % UInt64(scalars.count))
      var v = String.UnicodeScalarView()
      v.append(contentsOf: scalars[cut...].prefix(4000))
      _ = DisclosureParser.parse(path: "cut.txt", text: String(v), charset: "UTF-8")
    }
  }
}
