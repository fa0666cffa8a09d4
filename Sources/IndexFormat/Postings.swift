// Postings (.pst): for each term, its documents with frequencies and, for
// terms whose dictionary entry says so, positions. Full blocks of 128 docs
// are bit-packed with skip data and a CRC-32C each; the remainder is a VInt
// tail with its own CRC (Lucene90PostingsFormat's layout, one file).
//
//   TermPostings --> [SkipLength VInt, SkipEntry^BlockCount]   (when BlockCount > 0)
//                    PackedBlock^BlockCount, [Tail]             (Tail when TailCount > 0)
//   SkipEntry    --> LastDocDelta VInt, BlockLength VInt
//   PackedBlock  --> DocBits u8, FreqBits u8, Gap packed^128, FreqMinus1 packed^128,
//                    [PositionBits u8, PositionDelta packed^(sum of freqs)], CRC u32le
//   Tail         --> <DocCode VInt, [Freq VInt], [PositionDelta VInt^Freq]>^TailCount, CRC u32le
// BlockCount = ⌊DocFreq/128⌋, TailCount = DocFreq mod 128. Gap = doc −
// previous doc − 1 (previous = −1 before the first), so dense lists pack at
// 0 bits; DocCode = Gap·2 + (Freq == 1 ? 1 : 0), Freq follows only when ≠ 1.
// Each block's CRC covers its bytes before the CRC, checked when the block
// is decoded, so damage throws `.corrupt` instead of giving a wrong answer.
// See docs/FORMAT.md "Postings" for the worked example.

/// Positions are below 2^30 (FORMAT.md); a field that long is not a record.
public let maxPosition: UInt64 = 1 << 30
/// Documents per packed postings block.
public let postingsBlockSize = 128

/// DocID of a record inside one segment.
public struct DocID: RawRepresentable, Hashable, Comparable, Sendable {
  public var rawValue: UInt32
  public init(rawValue: UInt32) { self.rawValue = rawValue }
  public init(_ v: Int) { rawValue = UInt32(v) }
  /// The cursor sentinel after the last document (tantivy's TERMINATED).
  public static let terminated = DocID(rawValue: UInt32.max)
  public static func < (a: DocID, b: DocID) -> Bool { a.rawValue < b.rawValue }
}

public struct PostingsWriter {
  public private(set) var payload = ByteWriter(capacity: 1 << 20)
  private var block = ByteWriter(capacity: 4096)
  private var skips = ByteWriter(capacity: 256)
  private var scratch: [UInt64] = []
  public init() {}

  /// Appends one term's postings: docs ascending, freqs[i] ≥ 1 for docs[i],
  /// and `positions` (nil for a term without positions) holding each doc's
  /// ascending positions back to back. Returns the TermInfo for the dictionary.
  /// Payload bytes already handed out by `drain` (offsets count from the payload start).
  private var drained = 0

  /// The payload written since the last drain, removed from memory (a
  /// streaming writer appends it to the file; offsets stay file-relative).
  public mutating func drain() -> [UInt8] {
    let out = payload.bytes
    drained += out.count
    payload.bytes.removeAll(keepingCapacity: true)
    return out
  }

  public mutating func add(docs: [UInt32], freqs: [UInt32], positions: [UInt32]?) -> TermInfo {
    precondition(!docs.isEmpty && docs.count == freqs.count)
    let start = payload.count
    let blockCount = docs.count / postingsBlockSize
    var previous: Int64 = -1
    var p = 0  // next position to write
    skips.bytes.removeAll(keepingCapacity: true)
    var blocks = ByteWriter(capacity: blockCount * 64)
    var previousLast: Int64 = 0
    for b in 0..<blockCount {
      block.bytes.removeAll(keepingCapacity: true)
      let range = (b * postingsBlockSize)..<((b + 1) * postingsBlockSize)
      scratch.removeAll(keepingCapacity: true)
      for i in range {
        scratch.append(UInt64(Int64(docs[i]) - previous - 1))
        previous = Int64(docs[i])
      }
      let docBits = BitPacking.width(scratch.max()!)
      let freqBits = BitPacking.width(UInt64(freqs[range].max()! - 1))
      block.u8(UInt8(docBits))
      block.u8(UInt8(freqBits))
      BitPacking.pack(scratch, width: docBits, into: &block)
      BitPacking.pack(freqs[range].lazy.map { UInt64($0 - 1) }, width: freqBits, into: &block)
      if let positions {
        // Packed rather than VInts: gram positions are mostly 128…2047, two
        // VInt bytes but 8–11 bits packed (−8 % of .pst on a 50 MB generated corpus).
        scratch.removeAll(keepingCapacity: true)
        for i in range {
          var previousPosition: UInt32 = 0
          for k in 0..<Int(freqs[i]) {
            let pos = positions[p + k]
            scratch.append(UInt64(k == 0 ? pos : pos - previousPosition))
            previousPosition = pos
          }
          p += Int(freqs[i])
        }
        let positionBits = BitPacking.width(scratch.max()!)
        block.u8(UInt8(positionBits))
        BitPacking.pack(scratch, width: positionBits, into: &block)
      }
      block.u32(CRC32C.checksum(block.bytes))
      skips.vint(UInt64(previous - previousLast))
      skips.vint(block.count)
      previousLast = previous
      blocks.append(block.bytes)
    }
    if blockCount > 0 {
      payload.vint(skips.count)
      payload.append(skips.bytes)
      payload.append(blocks.bytes)
    }
    if docs.count > blockCount * postingsBlockSize {
      block.bytes.removeAll(keepingCapacity: true)
      for i in (blockCount * postingsBlockSize)..<docs.count {
        let gap = UInt64(Int64(docs[i]) - previous - 1)
        previous = Int64(docs[i])
        block.vint(gap << 1 | (freqs[i] == 1 ? 1 : 0))
        if freqs[i] != 1 { block.vint(UInt64(freqs[i])) }
        if let positions { writePositions(positions, from: &p, count: Int(freqs[i]), into: &block) }
      }
      block.u32(CRC32C.checksum(block.bytes))
      payload.append(block.bytes)
    }
    return TermInfo(
      docFreq: docs.count, postingsOffset: drained + start, postingsLength: payload.count - start,
      hasPositions: positions != nil)
  }

  private func writePositions(_ positions: [UInt32], from p: inout Int, count: Int, into w: inout ByteWriter) {
    var previousPosition: UInt32 = 0
    for k in 0..<count {
      let pos = positions[p + k]
      w.vint(UInt64(k == 0 ? pos : pos - previousPosition))
      previousPosition = pos
    }
    p += count
  }

  public func finish(generation: UInt64) -> [UInt8] {
    precondition(drained == 0, "a drained writer is finished by its stream")
    var w = Envelope.begin(.postings, generation: generation)
    w.append(payload.bytes)
    Envelope.finish(&w)
    return w.bytes
  }
}

public struct PostingsFile: @unchecked Sendable {
  let file: MappedFile
  public let name: String
  let payload: Range<Int>
  public let docCount: Int
  /// File offset of the payload, where TermInfo.postingsOffset counts from.
  public var payloadStart: Int { payload.lowerBound }
  /// Bytes of postings in the payload.
  public var payloadLength: Int { payload.count }

  public init(_ file: MappedFile, name: String, generation: UInt64, docCount: Int) throws(IndexFormatError) {
    self.file = file
    self.name = name
    self.docCount = docCount
    payload = try Envelope.open(file, name: name, kind: .postings, generation: generation)
  }

  /// A cursor before the first document of the term. O(1): reads nothing
  /// beyond the skip length; blocks are decoded (and checksummed) as reached.
  public func cursor(_ info: TermInfo) throws(IndexFormatError) -> PostingsCursor {
    let start = payload.lowerBound + info.postingsOffset
    guard info.postingsOffset >= 0, info.postingsLength >= 0, start + info.postingsLength <= payload.upperBound else {
      throw .corrupt(file: name, offset: start, reason: "postings range \(info.postingsOffset)+\(info.postingsLength) outside the file")
    }
    // A packed block takes at least 6 bytes (two widths and a CRC), a tail
    // posting at least one plus the tail's CRC: a doc freq the bytes cannot
    // hold is corrupt (callers may reserve capacity by it).
    let blocks = info.docFreq / postingsBlockSize, tail = info.docFreq % postingsBlockSize
    guard info.docFreq >= 1, info.docFreq <= docCount,
      blocks * 6 + (tail > 0 ? tail + 4 : 0) <= info.postingsLength
    else {
      throw .corrupt(file: name, offset: start, reason: "doc freq \(info.docFreq) impossible for \(info.postingsLength) bytes and \(docCount) docs")
    }
    return try PostingsCursor(
      owner: file, name: name, start: start, end: start + info.postingsLength,
      docFreq: info.docFreq, hasPositions: info.hasPositions, docCount: docCount)
  }
}
