// A format-1 index (Fixtures/index_v1, written by the last format-1 build
// from the first 3 KB of Corpus/000_ad6359a2a97814ad.txt) must be refused
// with `.unsupportedVersion`, which `index` treats as "no index" and rebuilds.
import Foundation
import Testing

@testable import IndexFormat

@Suite struct VersionTests {
  let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/index_v1").path

  @Test func formatOneIndexIsUnsupported() throws {
    #expect(Envelope.formatVersion == 6)
    #expect(throws: IndexFormatError.unsupportedVersion(file: fixture + "/MANIFEST", found: 1, supported: 2...6)) {
      _ = try IndexReader(directory: fixture)
    }
    for kind in [FileKind.dictionary, .postings, .columns, .stored] {
      let path = fixture + "/" + SegmentFiles.name(1, kind)
      #expect(throws: IndexFormatError.unsupportedVersion(file: path, found: 1, supported: 2...6)) {
        _ = try Envelope.open(MappedFile(path: path), name: path, kind: kind, generation: 1)
      }
    }
  }
}
