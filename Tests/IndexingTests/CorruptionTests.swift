// Corruption (STYLE.md §5, SQLite fts5corrupt*.test): flipped or truncated
// bytes anywhere in any index file make open or verify throw an
// IndexFormatError naming that file; nothing traps.
import SearchTestSupport
import Disclosure
import IndexFormat
import Indexing
import Testing

@Suite struct CorruptionTests {
  func smallIndex() throws -> String {
    var rng = SeededRandom(seed: 11)
    let dir = temporaryDirectory()
    try buildTestIndex(syntheticDocuments(&rng, files: 3, records: 20), in: dir)
    #expect(openAndVerify(dir) == nil, "the fresh index must verify")
    return dir
  }

  /// Offsets to damage: the whole header and footer, plus a seeded sample.
  func positions(count: Int, samples: Int, _ rng: inout SeededRandom) -> [Int] {
    var out = Array(0..<min(20, count)) + Array(max(0, count - 8)..<count)
    for _ in 0..<samples { out.append(Int.random(in: 0..<count, using: &rng)) }
    return out
  }

  @Test func flippedBytesNameTheFile() throws {
    let dir = try smallIndex()
    var rng = SeededRandom(seed: 1)
    let files = try indexFiles(dir)
    #expect(files.count == 5)
    for name in files {
      let path = dir + "/" + name
      let original = try FileSystem.readFile(path)
      for i in positions(count: original.count, samples: 150, &rng) {
        var bytes = original
        bytes[i] ^= UInt8(1) << UInt8.random(in: 0...7, using: &rng)
        try FileSystem.writeFile(path, bytes)
        let error = openAndVerify(dir)
        #expect(error?.file == path, "\(name): flip at \(i) gave \(String(describing: error))")
      }
      try FileSystem.writeFile(path, original)
    }
    #expect(openAndVerify(dir) == nil)
  }

  @Test func truncationsNameTheFile() throws {
    let dir = try smallIndex()
    var rng = SeededRandom(seed: 2)
    for name in try indexFiles(dir) {
      let path = dir + "/" + name
      let original = try FileSystem.readFile(path)
      for n in Set(positions(count: original.count, samples: 80, &rng)) {
        try FileSystem.writeFile(path, Array(original[0..<n]))
        let error = openAndVerify(dir)
        #expect(error?.file == path, "\(name): truncated to \(n) gave \(String(describing: error))")
      }
      // Appended garbage moves the footer: caught too.
      try FileSystem.writeFile(path, original + [0, 1, 2])
      #expect(openAndVerify(dir)?.file == path, "\(name) with bytes appended")
      try FileSystem.writeFile(path, original)
    }
    #expect(openAndVerify(dir) == nil)
  }

  @Test func missingFileIsNamed() throws {
    let dir = try smallIndex()
    FileSystem.remove(dir + "/seg-1.pst")
    #expect(openAndVerify(dir) == .missing(path: dir + "/seg-1.pst"))
  }

  @Test func otherVersionIsUnsupported() throws {
    let dir = try smallIndex()
    let path = dir + "/seg-1.dict"
    var bytes = try FileSystem.readFile(path)
    bytes[4] = UInt8(Envelope.formatVersion + 7)
    try FileSystem.writeFile(path, bytes)
    let v = Envelope.formatVersion + 7
    #expect(openAndVerify(dir) == .unsupportedVersion(file: path, found: v, supported: Envelope.supportedVersions))
  }
}
