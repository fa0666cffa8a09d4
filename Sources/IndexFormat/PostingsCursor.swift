// Iterates one term's postings (layout in Postings.swift): packed blocks are
// decoded 128 docs at a time into two small buffers after their CRC checks;
// `seek` reads skip entries to jump whole blocks without touching them
// (Lucene's Lucene90PostingsReader level-0 skipping); positions are decoded
// only when asked for, so a leapfrog that rejects a doc never reads them.

/// Iterates one term's documents in increasing order, with their positions.
/// `advance()` returns the next doc or `.terminated`; positions of the current
/// doc are read with `positions()` before the next advance (or skipped).
public struct PostingsCursor {
  let base: UnsafeRawBufferPointer
  let name: String
  let end: Int
  let docCount: Int
  public let hasPositions: Bool
  public private(set) var doc: DocID = DocID(rawValue: 0)
  public private(set) var freq = 0
  var started = false
  /// Last doc id returned or skipped over (−1 before the first).
  var previous: Int64 = -1

  // Skip data: the entry for the next block not yet loaded.
  var skipOffset = 0
  var skipEnd = 0
  var blocksLeft: Int
  var nextBlock = 0  // byte offset of the next block (then of the tail)
  var nextLastDoc: Int64 = -1
  var nextLength = 0
  var skipLastDoc: Int64 = 0

  // The loaded packed block.
  var docs: [UInt32] = []
  var freqs: [UInt32] = []
  var index = 0  // current doc's index in `docs`; docs.count when none is loaded
  var positionsStart = 0  // byte offset of the block's packed positions
  var positionBits = 0
  var positionsAt = 0  // index of the first position of doc `positionsIndex`
  var positionsIndex = 0

  // The tail.
  var tailLeft: Int
  var tailOffset = -1  // −1 until the tail's CRC is checked
  var tailEnd = 0
  var tailPositionsPending = false

  init(
    base: UnsafeRawBufferPointer, name: String, start: Int, end: Int, docFreq: Int, hasPositions: Bool, docCount: Int
  ) throws(IndexFormatError) {
    self.base = base
    self.name = name
    self.end = end
    self.docCount = docCount
    self.hasPositions = hasPositions
    blocksLeft = docFreq / postingsBlockSize
    tailLeft = docFreq % postingsBlockSize
    if blocksLeft > 0 {
      var r = ByteReader(base, from: start, to: end, file: name)
      let skipLength = try r.vint(max: end - r.offset, "skip length")
      skipOffset = r.offset
      skipEnd = r.offset + skipLength
      nextBlock = skipEnd
      try readSkip()
    } else {
      nextBlock = start
    }
  }

  func corrupt(_ offset: Int, _ reason: String) -> IndexFormatError { .corrupt(file: name, offset: offset, reason: reason) }

  /// Reads the skip entry of the next block.
  mutating func readSkip() throws(IndexFormatError) {
    var r = ByteReader(base, from: skipOffset, to: skipEnd, file: name)
    let delta = try r.vint(max: docCount, "skip doc delta")
    nextLength = try r.vint(max: end - nextBlock, "block length")
    skipOffset = r.offset
    nextLastDoc = skipLastDoc + Int64(delta)
    skipLastDoc = nextLastDoc
    guard nextLastDoc < docCount, nextLastDoc >= previous + Int64(postingsBlockSize), nextLength >= 6 else {
      throw corrupt(skipOffset, "skip entry: last doc \(nextLastDoc), length \(nextLength)")
    }
  }

  /// Moves past the next block without decoding it.
  mutating func skipBlock() throws(IndexFormatError) {
    previous = nextLastDoc
    nextBlock += nextLength
    blocksLeft -= 1
    index = docs.count
    if blocksLeft > 0 { try readSkip() }
  }

  /// Decodes the next packed block into `docs` and `freqs`.
  mutating func loadBlock() throws(IndexFormatError) {
    let s = nextBlock, len = nextLength
    let crcAt = s + len - 4
    let crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: base[s..<crcAt]))
    guard crc == base.loadUnaligned(fromByteOffset: crcAt, as: UInt32.self).littleEndian else {
      throw corrupt(s, "postings block checksum mismatch")
    }
    let docBits = Int(base[s]), freqBits = Int(base[s + 1])
    let docBytes = BitPacking.byteCount(postingsBlockSize, width: docBits)
    let freqBytes = BitPacking.byteCount(postingsBlockSize, width: freqBits)
    let packedEnd = s + 2 + docBytes + freqBytes
    guard docBits <= 32, freqBits <= 24, packedEnd <= crcAt, hasPositions ? packedEnd < crcAt : packedEnd == crcAt else {
      throw corrupt(s, "postings block widths \(docBits)/\(freqBits) do not fit \(len) bytes")
    }
    if docs.isEmpty {
      docs.reserveCapacity(postingsBlockSize)
      freqs.reserveCapacity(postingsBlockSize)
    }
    BitPacking.unpack(base, start: s + 2, count: postingsBlockSize, width: docBits, into: &docs)
    BitPacking.unpack(base, start: s + 2 + docBytes, count: postingsBlockSize, width: freqBits, into: &freqs)
    var d = previous
    var total = 0
    for i in 0..<postingsBlockSize {
      d += Int64(docs[i]) + 1  // gaps < 2^32: no overflow in Int64
      docs[i] = UInt32(truncatingIfNeeded: d)
      freqs[i] += 1
      total += Int(freqs[i])  // freqs < 2^24: no overflow
    }
    guard d == nextLastDoc else { throw corrupt(s, "postings block ends at doc \(d), skip data says \(nextLastDoc)") }
    if hasPositions {
      positionBits = Int(base[packedEnd])
      positionsStart = packedEnd + 1
      guard positionBits <= 30, positionsStart + BitPacking.byteCount(total, width: positionBits) == crcAt else {
        throw corrupt(packedEnd, "postings block: \(total) positions of \(positionBits) bits do not fit")
      }
    }
    positionsAt = 0
    positionsIndex = 0
    previous = d
    nextBlock += len
    blocksLeft -= 1
    index = 0
    if blocksLeft > 0 { try readSkip() }
  }

  /// Checks the tail's CRC and starts reading it.
  mutating func enterTail() throws(IndexFormatError) {
    guard end - nextBlock >= 4 else { throw corrupt(nextBlock, "postings tail truncated") }
    tailEnd = end - 4
    let crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: base[nextBlock..<tailEnd]))
    guard crc == base.loadUnaligned(fromByteOffset: tailEnd, as: UInt32.self).littleEndian else {
      throw corrupt(nextBlock, "postings tail checksum mismatch")
    }
    tailOffset = nextBlock
  }

  public mutating func advance() throws(IndexFormatError) -> DocID {
    started = true
    if index + 1 < docs.count {
      index += 1
      doc = DocID(rawValue: docs[index])
      freq = Int(freqs[index])
      return doc
    }
    if blocksLeft > 0 {
      try loadBlock()
      doc = DocID(rawValue: docs[0])
      freq = Int(freqs[0])
      return doc
    }
    index = docs.count
    return try advanceInTail()
  }

  mutating func advanceInTail() throws(IndexFormatError) -> DocID {
    guard tailLeft > 0 else {
      doc = .terminated
      return doc
    }
    if tailOffset < 0 { try enterTail() }
    var r = ByteReader(base, from: tailOffset, to: tailEnd, file: name)
    if tailPositionsPending {
      for _ in 0..<freq { _ = try r.vint() }
      tailPositionsPending = false
    }
    tailLeft -= 1
    let code = try r.vint()
    let gap = code >> 1
    // gap < 2^32 is checked first, so the sum cannot overflow.
    let next = gap >= UInt64(docCount) ? Int64.max : previous + 1 + Int64(gap)
    guard next < Int64(docCount) else { throw r.corrupt("doc id \(next) beyond \(docCount) docs") }
    previous = next
    doc = DocID(rawValue: UInt32(next))
    if code & 1 != 0 {
      freq = 1
    } else {
      freq = try r.vint(max: 1 << 24, "term frequency")
      guard freq > 1 else { throw r.corrupt("term frequency \(freq) written in full") }
    }
    tailPositionsPending = hasPositions
    tailOffset = r.offset
    return doc
  }

  /// Advances to the first doc >= target; skips whole blocks whose last doc
  /// is below it without decoding them.
  public mutating func seek(_ target: DocID) throws(IndexFormatError) -> DocID {
    if started && doc >= target { return doc }
    started = true
    let t = Int64(target.rawValue)
    if index < docs.count, Int64(docs[docs.count - 1]) >= t {
      // In the loaded block: positions of docs passed over stay pending.
      while Int64(docs[index]) < t { index += 1 }
      doc = DocID(rawValue: docs[index])
      freq = Int(freqs[index])
      return doc
    }
    index = docs.count
    while blocksLeft > 0 && nextLastDoc < t { try skipBlock() }
    while try advance() < target {}
    return doc
  }

  /// The current document's positions, ascending; call at most once per
  /// doc. Empty for a term stored without positions (`hasPositions` false).
  public mutating func positions(into out: inout [UInt32]) throws(IndexFormatError) {
    out.removeAll(keepingCapacity: true)
    guard hasPositions else { return }
    if index < docs.count {
      while positionsIndex < index {  // skip the positions of docs passed over
        positionsAt += Int(freqs[positionsIndex])
        positionsIndex += 1
      }
      guard positionsIndex == index else { return }  // already read
      // loadBlock checked that all of the block's positions fit its bytes.
      var p: UInt64 = 0
      for k in 0..<freq {
        p += BitPacking.value(base, start: positionsStart, index: positionsAt + k, width: positionBits)
        guard p < maxPosition else { throw corrupt(positionsStart, "position \(p) beyond \(maxPosition)") }
        out.append(UInt32(p))
      }
      positionsAt += freq
      positionsIndex += 1
      return
    }
    guard tailPositionsPending else { return }
    var r = ByteReader(base, from: tailOffset, to: tailEnd, file: name)
    try decodePositions(&r, into: &out)
    tailOffset = r.offset
    tailPositionsPending = false
  }

  func decodePositions(_ r: inout ByteReader, into out: inout [UInt32]) throws(IndexFormatError) {
    var p: UInt64 = 0
    for k in 0..<freq {
      let d = try r.vint()
      // Both terms stay below 2^30, so the sum cannot overflow, and callers
      // may add a query offset to a position without overflowing UInt32.
      guard d < maxPosition else { throw r.corrupt("position delta \(d) too large") }
      p = k == 0 ? d : p + d
      guard p < maxPosition else { throw r.corrupt("position \(p) beyond \(maxPosition)") }
      out.append(UInt32(p))
    }
  }
}
