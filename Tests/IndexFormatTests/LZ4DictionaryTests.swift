// LZ4 with a preset dictionary (LZ4Dictionary): blocks compressed against a
// dictionary decode exactly with it, whatever the dictionary's size; matches
// that reach into the dictionary, or run from its end into the block, decode
// on every copy path; damaged input never traps; and the trainer keeps only
// recurring text, within its size, deterministically.
import Foundation
import SearchTestSupport
import Testing

@testable import IndexFormat

@Suite struct LZ4DictionaryTests {
  func text(_ rng: inout SeededRandom, bytes: Int) -> [UInt8] {
    let parts = ["一般公共服务支出", "决算数为", "万元，比上年决算", "增加", "减少", "主要原因是：", "在职人员减少",
      "。", "143.67", "2.06%", "第二部分 部门决算情况说明 > 九、财政拨款“三公”经费支出决算情况说明", "公务用车运行维护费"]
    var out: [UInt8] = []
    while out.count < bytes {
      out += Array(parts[Int(rng.next() % UInt64(parts.count))].utf8)
      if rng.next() % 4 == 0 { out += Array(String(rng.next() % 100_000).utf8) }
    }
    return Array(out.prefix(bytes))
  }

  func decompress(_ block: [UInt8], _ rawLength: Int, _ dictionary: [UInt8]) throws -> [UInt8] {
    try block.withUnsafeBytes { b in
      try dictionary.withUnsafeBytes { d in try LZ4.decompress(b, rawLength: rawLength, dictionary: d, file: "t.rec") }
    }
  }

  @Test func blocksRoundTripWithDictionariesOfEverySize() throws {
    var rng = SeededRandom(seed: 51)
    let source = text(&rng, bytes: 200_000)
    for size in [0, 1, 3, 4, 5, 17, 300, 4096, 40_000, LZ4Dictionary.maxSize] {
      let dictionary = LZ4Dictionary(Array(source.prefix(size)))
      for n in [0, 1, 5, 12, 13, 100, 5000, 32 * 1024, 70_000] {
        for block in [text(&rng, bytes: n), (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }] {
          let c = LZ4.compress(block, dictionary: dictionary)
          #expect(try decompress(c, block.count, dictionary.bytes) == block, "dictionary \(size), block \(n)")
        }
      }
    }
  }

  @Test func aDictionaryOfTheSameTextShrinksABlockAndIsNeededToReadIt() throws {
    var rng = SeededRandom(seed: 52)
    let dictionary = LZ4Dictionary(text(&rng, bytes: LZ4Dictionary.maxSize))
    let block = text(&rng, bytes: 2000)
    let plain = LZ4.compress(block), withDictionary = LZ4.compress(block, dictionary: dictionary)
    #expect(withDictionary.count * 3 < plain.count * 2, "\(withDictionary.count) with, \(plain.count) without")
    // Without it (or with another) the block does not decode to itself.
    let other = text(&rng, bytes: LZ4Dictionary.maxSize)
    #expect((try? decompress(withDictionary, block.count, [])) != block)
    #expect((try? decompress(withDictionary, block.count, other)) != block)
  }

  /// Matches inside the dictionary, across its end into the block, and
  /// inside the block, on every copy path of the decoder.
  @Test func matchesIntoTheDictionaryDecodeExactly() throws {
    var rng = SeededRandom(seed: 53)
    for trial in 0..<3000 {
      let history = (0..<[1, 8, 31, 32, 33, 100, 65_536][trial % 7]).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      let (block, raw) = randomLZ4Sequences(&rng, count: trial % 14, history: history)
      #expect(try decompress(block, raw.count, history) == raw, "trial \(trial)")
      #expect(throws: IndexFormatError.self) { try decompress(block, raw.count + 1, history) }
    }
  }

  @Test func damagedInputWithADictionaryThrowsCorrupt() throws {
    var rng = SeededRandom(seed: 54)
    let dictionary = LZ4Dictionary(text(&rng, bytes: 5000))
    let block = text(&rng, bytes: 4000)
    let c = LZ4.compress(block, dictionary: dictionary)
    for n in 0..<c.count { #expect(throws: IndexFormatError.self) { try decompress(Array(c[0..<n]), block.count, dictionary.bytes) } }
    for _ in 0..<3000 {  // may decode to other bytes (block CRCs catch that), never traps
      var bad = c
      bad[Int(rng.next() % UInt64(bad.count))] ^= UInt8(1) << UInt8(rng.next() % 8)
      _ = try? decompress(bad, block.count, dictionary.bytes)
    }
    // An offset one past the dictionary's start fails; one at its start decodes.
    let five: [UInt8] = [1, 2, 3, 4, 5]
    #expect(throws: IndexFormatError.self) { try decompress([0x00, 0x06, 0x00, 0x00], 4, five) }
    #expect(try decompress([0x00, 0x05, 0x00, 0x00], 4, five) == [1, 2, 3, 4])
  }

  @Test func theTrainerKeepsRecurringSegmentsWithinItsSize() throws {
    var rng = SeededRandom(seed: 55)
    let samples = text(&rng, bytes: 600_000)
    let trained = LZ4Dictionary.train(samples, size: 20_000)
    #expect(trained.count <= 20_000 && trained.count >= 1024 && trained.count % 256 == 0, "\(trained.count) bytes")
    #expect(LZ4Dictionary.train(samples, size: 20_000) == trained, "deterministic")
    // Every segment is a piece of the samples.
    let haystack = Data(samples)
    for k in stride(from: 0, to: trained.count, by: 256) {
      #expect(haystack.range(of: Data(trained[k..<(k + 256)])) != nil, "segment at \(k)")
    }
    // Text of the same kind compresses better with it than alone.
    let block = text(&rng, bytes: 32 * 1024)
    #expect(LZ4.compress(block, dictionary: LZ4Dictionary(trained)).count < LZ4.compress(block).count)
    // Too little to train on, or no recurrence: nothing.
    #expect(LZ4Dictionary.train(Array(samples.prefix(300)), size: 20_000).count == 0)
    let noise = (0..<100_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    #expect(LZ4Dictionary.train(noise, size: 20_000).count == 0)
  }
}
