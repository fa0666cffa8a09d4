// The pure-Swift LZ4 block codec and the bit packer: round trips on text
// shaped like stored records, edge sizes, and damaged input that must throw
// `.corrupt`, never trap or read out of bounds.
import SearchTestSupport
import Testing

@testable import IndexFormat

@Suite struct BitPackingTests {
  @Test func everyWidthRoundTrips() {
    var rng = SeededRandom(seed: 3)
    for width in 0...64 {
      for n in [1, 7, 128, 129] {
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
        let values = (0..<n).map { _ in rng.next() & mask }
        var w = ByteWriter()
        BitPacking.pack(values, width: width, into: &w)
        #expect(w.count == BitPacking.byteCount(n, width: width))
        w.bytes.withUnsafeBytes { raw in
          for (i, v) in values.enumerated() {
            #expect(BitPacking.value(raw, start: 0, index: i, width: width) == v, "width \(width) n \(n) i \(i)")
          }
        }
      }
    }
  }

  @Test func valueAtTheVeryEndDoesNotReadPast() {
    // 9 values of 7 bits = 8 bytes: the slow path (fewer than 9 bytes left).
    let values: [UInt64] = [1, 127, 64, 3, 0, 99, 5, 126, 77]
    var w = ByteWriter()
    BitPacking.pack(values, width: 7, into: &w)
    let exact = Array(w.bytes)  // no slack after the run
    exact.withUnsafeBytes { raw in
      #expect((0..<9).map { BitPacking.value(raw, start: 0, index: $0, width: 7) } == values)
    }
  }
}

@Suite struct LZ4Tests {
  func roundTrip(_ input: [UInt8]) throws -> [UInt8] {
    let c = LZ4.compress(input)
    let d = try c.withUnsafeBytes { try LZ4.decompress($0, rawLength: input.count, file: "t.rec") }
    #expect(d == input)
    return c
  }

  func recordLikeText(_ rng: inout SeededRandom, bytes: Int) -> [UInt8] {
    let parts = ["一般公共服务支出", "决算数为", "万元，比上年决算", "增加", "减少", "主要原因是：", "在职人员减少", "。", "143.67", "2.06%"]
    var out: [UInt8] = []
    while out.count < bytes {
      out += Array(parts[Int(rng.next() % UInt64(parts.count))].utf8)
      if rng.next() % 4 == 0 { out += Array(String(rng.next() % 100_000).utf8) }
    }
    return out
  }

  @Test func roundTripsEdgeSizesAndText() throws {
    var rng = SeededRandom(seed: 5)
    for n in [0, 1, 4, 5, 11, 12, 13, 14, 15, 16, 17, 30, 255, 270, 65_536 + 300] {
      _ = try roundTrip((0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) })  // incompressible
      _ = try roundTrip([UInt8](repeating: 0x61, count: n))  // one long overlapping match
    }
    let text = recordLikeText(&rng, bytes: 32 * 1024)
    let c = try roundTrip(text)
    #expect(c.count * 2 < text.count, "record-like text should at least halve, got \(c.count) of \(text.count)")
  }

  @Test func repeatsOfEveryShortPeriodRoundTrip() throws {
    // A period p gives matches at offset p: below 8 the decoder copies byte
    // by byte (the match overlaps its own output), from 8 on by words.
    var rng = SeededRandom(seed: 11)
    for p in 1...24 {
      let unit = (0..<p).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      for total in [p + 4, 37, 300, 1000 + p] {
        let head = (0..<Int(rng.next() % 9)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        _ = try roundTrip(head + (0..<total).map { unit[$0 % p] } + head)
      }
    }
  }

  @Test func randomSequenceShapesDecodeExactly() throws {
    var rng = SeededRandom(seed: 21)
    for trial in 0..<3000 {
      let (block, raw) = randomLZ4Sequences(&rng, count: trial % 14)
      let d = try block.withUnsafeBytes { try LZ4.decompress($0, rawLength: raw.count, file: "t") }
      #expect(d == raw, "trial \(trial)")
      // One byte short or long is an error, never a trap.
      #expect(throws: IndexFormatError.self) { try block.withUnsafeBytes { try LZ4.decompress($0, rawLength: raw.count + 1, file: "t") } }
      if !raw.isEmpty {
        #expect(throws: IndexFormatError.self) { try block.withUnsafeBytes { try LZ4.decompress($0, rawLength: raw.count - 1, file: "t") } }
      }
    }
  }

  @Test func knownBlockFromTheSpecDecodes() throws {
    // Token 0x1F: 1 literal 'a', match length 15+4+extension; offset 1 → 'a'×(1+15+4+5) then last literals "b".
    let block: [UInt8] = [0x1F, 0x61, 0x01, 0x00, 0x05, 0x10, 0x62]
    let d = try block.withUnsafeBytes { try LZ4.decompress($0, rawLength: 26, file: "t") }
    #expect(d == Array(repeating: 0x61, count: 25) + [0x62])
  }

  @Test func damagedInputThrowsCorrupt() throws {
    var rng = SeededRandom(seed: 9)
    let text = recordLikeText(&rng, bytes: 4000)
    let c = LZ4.compress(text)
    func decodes(_ bytes: [UInt8], _ rawLength: Int) -> Bool {
      do throws(IndexFormatError) {
        _ = try bytes.withUnsafeBufferPointer { (b) throws(IndexFormatError) in
          try LZ4.decompress(UnsafeRawBufferPointer(b), rawLength: rawLength, file: "t.rec")
        }
        return true
      } catch {
        guard case .corrupt(let file, _, _) = error else { Issue.record("unexpected \(error)"); return false }
        #expect(file == "t.rec")
        return false
      }
    }
    // Every truncation fails (the block must end with its last literals, exactly at rawLength).
    for n in 0..<c.count { #expect(!decodes(Array(c[0..<n]), text.count), "truncated to \(n)") }
    // Wrong declared lengths fail.
    #expect(!decodes(c, text.count - 1))
    #expect(!decodes(c, text.count + 1))
    // Random damage: may decode to other bytes (the CRC around blocks catches
    // that), but must never trap.
    for _ in 0..<3000 {
      var bad = c
      let i = Int(rng.next() % UInt64(bad.count))
      bad[i] ^= UInt8(1) << UInt8(rng.next() % 8)
      _ = decodes(bad, text.count)
    }
    // Pure garbage of many shapes.
    for _ in 0..<500 {
      let garbage = (0..<Int(rng.next() % 64)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      _ = decodes(garbage, Int(rng.next() % 300))
    }
    // An offset reaching before the output start, and offset 0.
    #expect(!decodes([0x10, 0x61, 0x02, 0x00, 0x00], 6))
    #expect(!decodes([0x10, 0x61, 0x00, 0x00, 0x00], 6))
    // A length extension that never ends.
    #expect(!decodes([0xF0, 0xFF, 0xFF], 100))
  }
}

/// A valid block of random sequences — literal runs of 0…40 bytes, matches
/// of 4…40 at offsets 1…70 — and what it decodes to, written by a naive
/// byte-at-a-time encoder of the format rather than by `compress`, so the
/// decoder sees the shapes its 16-byte word copies must get right (runs of
/// 14/15, matches of 18/19, offsets around 8 and 16, sequences right at
/// the block's end) whether or not the compressor makes them. With a
/// `history` (a dictionary: output before the block), a third of the
/// matches reach anywhere in the 64 KB window, into it or across its end.
func randomLZ4Sequences(_ rng: inout SeededRandom, count: Int, history: [UInt8] = []) -> (block: [UInt8], raw: [UInt8]) {
  var block: [UInt8] = [], raw: [UInt8] = []
  func lengthBytes(_ extra: Int) {
    var v = extra
    while v >= 255 { block.append(255); v -= 255 }
    block.append(UInt8(v))
  }
  func literals(_ n: Int) -> [UInt8] { (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) } }
  for _ in 0..<count {
    var lit = literals(Int(rng.next() % 41))
    if history.isEmpty && raw.isEmpty && lit.isEmpty { lit = literals(1) }  // a match needs output behind it
    let reach = history.count + raw.count + lit.count
    let far = !history.isEmpty && rng.next() % 3 == 0
    let offset = 1 + Int(rng.next() % UInt64(min(reach, far ? 65_535 : 70)))
    let ml = 4 + Int(rng.next() % 37)
    block.append(UInt8(min(lit.count, 15) << 4 | min(ml - 4, 15)))
    if lit.count >= 15 { lengthBytes(lit.count - 15) }
    block += lit
    raw += lit
    block += [UInt8(offset & 0xFF), UInt8(offset >> 8)]
    if ml - 4 >= 15 { lengthBytes(ml - 4 - 15) }
    for _ in 0..<ml {
      let from = raw.count - offset
      raw.append(from >= 0 ? raw[from] : history[history.count + from])
    }
  }
  let last = literals(Int(rng.next() % 20))
  block.append(UInt8(min(last.count, 15) << 4))
  if last.count >= 15 { lengthBytes(last.count - 15) }
  block += last
  raw += last
  return (block, raw)
}
