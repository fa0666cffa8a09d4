// The readers' fast paths agree with the reference code: the CPU's CRC-32C
// with the table version, and the byte-level manifest parser with the
// manifest's grammar (blank lines skipped, malformed lines reported by number).
import SearchTestSupport
import Testing

@testable import IndexFormat

@Suite struct ReaderFastPathTests {
  @Test func hardwareCRCMatchesTables() {
    #expect(Array("123456789".utf8).withUnsafeBytes { CRC32C.checksum($0) } == 0xE306_9283)
    var rng = SeededRandom(seed: 42)
    let data = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
    data.withUnsafeBytes { all in
      // Lengths below, at and above the three-stream block (3 × 8192 bytes).
      for (start, length) in [(0, 0), (0, 1), (1, 7), (3, 8), (5, 9), (7, 64), (0, 4999), (13, 4000),
                              (0, 24576), (1, 24577), (5, 49160), (3, 99_990), (0, 100_000)] {
        let slice = UnsafeRawBufferPointer(rebasing: all[start..<(start + length)])
        for seed: UInt32 in [0, 1, 0xDEAD_BEEF] {
          #expect(CRC32C.checksum(slice, seed: seed) == CRC32C.software(slice, seed: seed), "\(start) \(length) \(seed)")
        }
      }
    }
  }

  /// A manifest of the given lines, as format 3 wrote it (no head-crc line needed).
  func writeManifest(_ dir: String, _ text: String) throws {
    var w = Envelope.begin(.manifest, generation: 1)
    w.bytes[4] = 3
    w.append(text.utf8)
    Envelope.finish(&w)
    try FileSystem.writeFile(dir + "/" + Manifest.fileName, w.bytes)
  }

  @Test func manifestLinesParseAsBefore() throws {
    let dir = temporaryDirectory()
    try writeManifest(dir, """
      generation 1

      next-segment 4
      analyzer a b (ICU 72.1)
      segment 3 10 2 0 0
      field 1 text text
      column year 0
      file 12 -1700000000123456789 00000000000000ab 3 0 路径/有 空格.txt

      """)
    let m = try Manifest.read(directory: dir)
    #expect(m.generation == 1 && m.nextSegment == 4 && m.analyzer == "a b (ICU 72.1)")
    #expect(m.segments == [SegmentMeta(generation: 3, docCount: 10, fileCount: 2)])
    #expect(m.fields == [FieldMeta(id: 1, name: "text", kind: .text)])
    #expect(m.columns == [ColumnMeta(name: "year", decimals: 0)])
    #expect(m.sources == [SourceStamp(path: "路径/有 空格.txt", size: 12, mtimeNanos: -1_700_000_000_123_456_789, hash: 0xAB, segment: 3, fileOrdinal: 0)])
    #expect(try Manifest.read(directory: dir, includeSources: false).sources.isEmpty)
  }

  @Test func malformedManifestLinesAreCorrupt() throws {
    let dir = temporaryDirectory()
    for bad in [
      "segment 3 10 2 0", "segment 3 -1 2 0 0", "segment 3 10 2 0 11", "field 300 x text", "field 1 x blob",
      "column year 9", "file 1 2 abc 3 0 p", "file 1 2 000000000000000g 3 0 p", "file 1 2 0000000000000000 3 -1 p",
      "generation 99999999999999999999", "bogus 1", "file 1 2 0000000000000000 3 0",
    ] {
      try writeManifest(dir, "generation 1\n\n\(bad)\n")
      #expect(throws: IndexFormatError.corrupt(file: dir + "/MANIFEST", offset: 20, reason: "line 2: \(bad)"), "\(bad)") {
        try Manifest.read(directory: dir)
      }
    }
    var w = Envelope.begin(.manifest, generation: 1)
    w.append(Array("generation 1\nanalyzer ".utf8) + [0xFF, 0x0A])
    Envelope.finish(&w)
    try FileSystem.writeFile(dir + "/" + Manifest.fileName, w.bytes)
    #expect(throws: IndexFormatError.corrupt(file: dir + "/MANIFEST", offset: 20, reason: "manifest is not UTF-8")) {
      try Manifest.read(directory: dir)
    }
  }

  /// A search reads a format-4 manifest up to its `head-crc` line and checks
  /// that head's CRC alone: damage there is caught, damage in the `file` lines
  /// only by the readers that read them (the writer, the freshness check, verify).
  @Test func searchReadsAndChecksOnlyTheManifestHead() throws {
    let dir = temporaryDirectory()
    let sources = (0..<40).map { SourceStamp(path: "d/文件\($0).txt", size: $0 * 10, mtimeNanos: Int64($0), hash: UInt64($0), segment: 1, fileOrdinal: $0) }
    let m = Manifest(
      generation: 3, analyzer: "test analyzer", segments: [SegmentMeta(generation: 1, docCount: 9, fileCount: 40)],
      fields: [FieldMeta(id: 1, name: "text", kind: .text)], columns: [ColumnMeta(name: "year", decimals: 0)], sources: sources)
    try m.commit(directory: dir)
    var head = m
    head.sources = []
    #expect(try Manifest.read(directory: dir) == m)
    #expect(try Manifest.read(directory: dir, includeSources: false) == head)
    let path = dir + "/" + Manifest.fileName
    let original = try FileSystem.readFile(path)
    let text = String(decoding: original, as: UTF8.self)
    let lineStart = text.utf8.count - (text.components(separatedBy: "\nhead-crc ")[1].utf8.count) - "head-crc ".utf8.count
    // Every byte of the head (header and lines) flipped in turn: the head read names the manifest.
    for i in 0..<lineStart {
      var bytes = original
      bytes[i] ^= 0x04
      try FileSystem.writeFile(path, bytes)
      #expect(throws: IndexFormatError.self, "flip at \(i)") { try Manifest.read(directory: dir, includeSources: false) }
    }
    // Damage past it (the head-crc digits, a file line, the footer CRC): the head still
    // reads; the whole manifest does not.
    for i in [lineStart + 10, lineStart + 40, original.count / 2, original.count - 1] {
      var bytes = original
      bytes[i] ^= 0x04
      try FileSystem.writeFile(path, bytes)
      if i == lineStart + 10 {
        #expect(throws: IndexFormatError.self) { try Manifest.read(directory: dir, includeSources: false) }
      } else {
        #expect(try Manifest.read(directory: dir, includeSources: false) == head, "flip at \(i)")
      }
      #expect(throws: IndexFormatError.self, "flip at \(i)") { try Manifest.read(directory: dir) }
    }
    // A format-3 manifest (no head-crc line) is checked whole, as before.
    var w = Envelope.begin(.manifest, generation: 3)
    w.bytes[4] = 3
    w.append("generation 3\nanalyzer a\nfile 1 2 0000000000000001 1 0 p\n".utf8)
    Envelope.finish(&w)
    try FileSystem.writeFile(path, w.bytes)
    #expect(try Manifest.read(directory: dir, includeSources: false).sources.isEmpty)
    var damaged = w.bytes
    damaged[damaged.count - 20] ^= 0x04  // in the file line
    try FileSystem.writeFile(path, damaged)
    #expect(throws: IndexFormatError.self) { try Manifest.read(directory: dir, includeSources: false) }
  }
}
