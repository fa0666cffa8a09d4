import Foundation
import SearchTestSupport
import Testing

@testable import IndexFormat

@Suite struct CodecTests {
  @Test func vintRoundTrip() throws {
    var rng = SeededRandom(seed: 1)
    var values: [UInt64] = [0, 1, 127, 128, 16383, 16384, UInt64.max]
    for _ in 0..<1000 { values.append(rng.next() >> (rng.next() % 64)) }
    var w = ByteWriter()
    for v in values { w.vint(v) }
    try w.bytes.withUnsafeBytes { (raw) throws in
      var r = ByteReader(raw, from: 0, to: raw.count, file: "t")
      for v in values { #expect(try r.vint() == v) }
      #expect(r.atEnd)
    }
  }

  @Test func truncatedVIntThrows() {
    [UInt8]([0x80, 0x80]).withUnsafeBytes { raw in
      var r = ByteReader(raw, from: 0, to: raw.count, file: "t.pst")
      #expect(throws: IndexFormatError.self) { try r.vint() }
    }
  }

  @Test func crc32cKnownValue() {
    // RFC 3720 test vector: CRC-32C of "123456789" is 0xE3069283.
    #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
    #expect(CRC32C.software(UnsafeRawBufferPointer(start: nil, count: 0), seed: 7) == 7)
  }

  @Test func unpackEqualsValueAtEveryWidthAndOffset() {
    // The bulk decoder against the one-value decoder, up to the last byte of
    // the buffer (where the 64-bit loads must give way to byte reads).
    var rng = SeededRandom(seed: 11)
    for width in 0...32 {
      let n = 200
      let values = (0..<n).map { _ in width == 0 ? 0 : rng.next() & ((1 << UInt64(width)) - 1) }
      var w = ByteWriter()
      w.u8(0xAB)  // the run starts at byte 1
      BitPacking.pack(values, width: width, into: &w)
      w.bytes.withUnsafeBytes { raw in
        let out = UnsafeMutablePointer<UInt32>.allocate(capacity: n)
        defer { out.deallocate() }
        for first in [0, 1, 7, 63, 150] {
          let count = n - first
          BitPacking.unpack(raw, start: 1, first: first, count: count, width: width, into: out)
          for k in 0..<count where UInt64(out[k]) != values[first + k] {
            Issue.record("width \(width) first \(first): value \(first + k) is \(out[k]), wrote \(values[first + k])")
            return
          }
        }
      }
    }
  }
}

@Suite struct DictionaryTests {
  func build(_ terms: [String], dir: String) throws -> DictionaryReader {
    var w = DictionaryWriter()
    for (i, t) in terms.enumerated() {
      Array(t.utf8).withUnsafeBufferPointer { w.add($0, TermInfo(docFreq: i + 1, postingsOffset: i * 10, postingsLength: 10)) }
    }
    let path = dir + "/seg-1.dict"
    try FileSystem.writeFile(path, w.finish(generation: 1))
    return try DictionaryReader(MappedFile(path: path), name: path, generation: 1)
  }

  @Test func lookupEveryTermAndMisses() throws {
    var rng = SeededRandom(seed: 7)
    let alphabet = Array("预算决算人员减少增加ab")
    var set = Set<String>()
    while set.count < 500 { set.insert(String((0..<Int.random(in: 1...4, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })) }
    let terms = set.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    let dict = try build(terms, dir: temporaryDirectory())
    #expect(dict.termCount == terms.count)
    for (i, t) in terms.enumerated() {
      #expect(try dict.lookup(Array(t.utf8))?.docFreq == i + 1, "term \(t)")
    }
    #expect(try dict.lookup(Array("zz".utf8)) == nil)
    #expect(try dict.lookup([]) == nil)
    // Prefix ranges agree with a linear filter.
    for p in ["预", "人员", "a", "减少增"] {
      var got: [String] = []
      try dict.forEach(prefix: Array(p.utf8)) { t, _ in got.append(String(decoding: t, as: UTF8.self)) }
      #expect(got == terms.filter { $0.hasPrefix(p) && Array($0.utf8).starts(with: Array(p.utf8)) }, "prefix \(p)")
    }
  }
}

extension DictionaryTests {
  /// Lookups compare in place against prefix-compressed entries: on terms
  /// of a four-byte alphabet (long shared prefixes, terms that are prefixes
  /// of others, blocks of every fill), every key of up to six bytes, present
  /// or not, gets exactly the entry a linear search finds.
  @Test func lookupsAgreeWithALinearSearch() throws {
    var rng = SeededRandom(seed: 11)
    for count in [1, 31, 32, 33, 700] {
      var set = Set<[UInt8]>()
      while set.count < count { set.insert((0..<Int.random(in: 1...6, using: &rng)).map { _ in UInt8.random(in: 0...3, using: &rng) }) }
      let terms = set.sorted { $0.lexicographicallyPrecedes($1) }
      var w = DictionaryWriter()
      var offset = 0
      var infos: [[UInt8]: TermInfo] = [:]
      for (i, t) in terms.enumerated() {
        let info = TermInfo(docFreq: i + 1, postingsOffset: offset, postingsLength: 3 + i % 7, hasPositions: i % 3 == 0)
        offset += info.postingsLength
        infos[t] = info
        t.withUnsafeBufferPointer { w.add($0, info) }
      }
      let path = temporaryDirectory() + "/seg-1.dict"
      try FileSystem.writeFile(path, w.finish(generation: 1))
      let dict = try DictionaryReader(MappedFile(path: path), name: path, generation: 1)
      for _ in 0..<3000 {
        let key = (0..<Int.random(in: 0...6, using: &rng)).map { _ in UInt8.random(in: 0...4, using: &rng) }
        #expect(try dict.lookup(key) == infos[key], "\(count) terms, key \(key)")
      }
      for t in terms { #expect(try dict.lookup(t) == infos[t], "\(count) terms, term \(t)") }
    }
  }
}

@Suite struct EnvelopeTests {
  func writeSample(_ dir: String) throws -> String {
    var w = Envelope.begin(.postings, generation: 3)
    w.append([1, 2, 3, 4, 5])
    Envelope.finish(&w)
    let path = dir + "/seg-3.pst"
    try FileSystem.writeFile(path, w.bytes)
    return path
  }

  @Test func openAndVerify() throws {
    let path = try writeSample(temporaryDirectory())
    let f = try MappedFile(path: path)
    #expect(try Envelope.open(f, name: path, kind: .postings, generation: 3) == 20..<25)
    try Envelope.verifyChecksum(f, name: path)
  }

  @Test func everyFlippedByteIsCaught() throws {
    let path = try writeSample(temporaryDirectory())
    let original = try FileSystem.readFile(path)
    for i in 0..<original.count {
      var bytes = original
      bytes[i] ^= 0x40
      try FileSystem.writeFile(path, bytes)
      let f = try MappedFile(path: path)
      let failed = (try? Envelope.open(f, name: path, kind: .postings, generation: 3)) == nil
        || (try? Envelope.verifyChecksum(f, name: path)) == nil
      #expect(failed, "flip at \(i) went unnoticed")
    }
  }

  @Test func truncationIsCaught() throws {
    let path = try writeSample(temporaryDirectory())
    let original = try FileSystem.readFile(path)
    for n in 0..<original.count {
      try FileSystem.writeFile(path, Array(original[0..<n]))
      let f = try MappedFile(path: path)
      #expect(throws: IndexFormatError.self) {
        _ = try Envelope.open(f, name: path, kind: .postings, generation: 3)
        try Envelope.verifyChecksum(f, name: path)
      }
    }
  }
}
