// Iterates one term's postings (layout in Postings.swift): packed blocks are
// decoded 128 docs at a time into fixed buffers after their CRC checks;
// `seek` reads skip entries to jump whole blocks without touching them
// (Lucene's Lucene90PostingsReader level-0 skipping); positions are decoded
// only when asked for, and only the current doc's (a prefix sum of the block's
// frequencies locates them), so a leapfrog that rejects a doc never reads them.

/// Decoded state of the loaded block, behind one reference: a cursor kept in
/// an array element is advanced in place without copying (or checking the
/// uniqueness of) Swift arrays on every step.
final class CursorBuffers {
  /// Doc ids of the loaded block (128).
  let docs: UnsafeMutablePointer<UInt32>
  /// Term frequencies of the loaded block (128).
  let freqs: UnsafeMutablePointer<UInt32>
  /// Index of doc i's first position among the block's positions (129 entries).
  let firstPosition: UnsafeMutablePointer<Int>
  /// The current doc's positions (grown on demand).
  var positions: UnsafeMutablePointer<UInt32>
  var positionsCapacity: Int

  init() {
    docs = .allocate(capacity: postingsBlockSize)
    freqs = .allocate(capacity: postingsBlockSize)
    firstPosition = .allocate(capacity: postingsBlockSize + 1)
    positionsCapacity = 64
    positions = .allocate(capacity: positionsCapacity)
  }

  func reservePositions(_ n: Int) {
    if n <= positionsCapacity { return }
    positions.deallocate()
    positionsCapacity = max(n, positionsCapacity * 2)
    positions = .allocate(capacity: positionsCapacity)
  }

  deinit {
    docs.deallocate()
    freqs.deallocate()
    firstPosition.deallocate()
    positions.deallocate()
  }
}

/// Iterates one term's documents in increasing order, with their positions.
/// `advance()` returns the next doc or `.terminated`; positions of the current
/// doc are read with `positionSpan()` (or `positions(into:)`) before the
/// cursor moves. A cursor is an iterator: copies share their decode buffers,
/// so only one copy may be moved.
public struct PostingsCursor {
  let base: UnsafeRawBufferPointer
  /// The mapping `base` points into: a cursor keeps it alive, so one that
  /// outlives its reader still reads mapped bytes, not an unmapped range.
  let owner: MappedFile
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
  let buffers = CursorBuffers()
  var loaded = 0  // docs in the loaded block: postingsBlockSize, or 0 before the first / in the tail
  var index = 0  // current doc's index in the loaded block
  var positionsStart = 0  // byte offset of the block's packed positions
  var positionBits = 0
  /// Doc whose positions sit in `buffers.positions` (−1: none).
  var decodedDoc: Int64 = -1
  var decodedCount = 0

  // The tail.
  var tailLeft: Int
  var tailOffset = -1  // −1 until the tail's CRC is checked
  var tailEnd = 0
  var tailPositionsPending = false

  init(
    owner: MappedFile, name: String, start: Int, end: Int, docFreq: Int, hasPositions: Bool, docCount: Int
  ) throws(IndexFormatError) {
    self.owner = owner
    self.base = owner.bytes
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
  /// Decoded without a ByteReader: one would retain the file name for every
  /// block (5 % of a ranked frequent query's time went to that retain).
  mutating func readSkip() throws(IndexFormatError) {
    var o = skipOffset
    guard let delta = ByteReader.vint(base, &o, skipEnd), delta <= UInt64(docCount) else {
      throw corrupt(o, "skip doc delta unreadable or beyond \(docCount)")
    }
    guard let length = ByteReader.vint(base, &o, skipEnd), length <= UInt64(end - nextBlock) else {
      throw corrupt(o, "block length unreadable or beyond \(end - nextBlock)")
    }
    nextLength = Int(length)
    skipOffset = o
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
    loaded = 0
    if blocksLeft > 0 { try readSkip() }
  }

  /// Checks the next packed block's CRC and widths and unpacks its doc gaps
  /// and frequencies − 1 into `buffers.docs` and `buffers.freqs`. Returns
  /// the block's offset, where its CRC starts and where its packed positions
  /// start (their width byte; `crcAt` without positions).
  mutating func unpackBlockHead() throws(IndexFormatError) -> (start: Int, crcAt: Int, packedEnd: Int) {
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
    BitPacking.unpack(base, start: s + 2, count: postingsBlockSize, width: docBits, into: buffers.docs)
    BitPacking.unpack(base, start: s + 2 + docBytes, count: postingsBlockSize, width: freqBits, into: buffers.freqs)
    return (s, crcAt, packedEnd)
  }

  /// Decodes the next packed block's doc ids and frequencies (positions are
  /// decoded per doc, on request).
  mutating func loadBlock() throws(IndexFormatError) {
    let (s, crcAt, packedEnd) = try unpackBlockHead()
    let len = nextLength
    let docs = buffers.docs, freqs = buffers.freqs, first = buffers.firstPosition
    var d = previous
    var total = 0
    for i in 0..<postingsBlockSize {
      d &+= Int64(docs[i]) &+ 1  // gaps < 2^32: no overflow in Int64
      docs[i] = UInt32(truncatingIfNeeded: d)
      freqs[i] &+= 1
      first[i] = total
      total &+= Int(freqs[i])  // freqs < 2^24: no overflow
    }
    first[postingsBlockSize] = total
    guard d == nextLastDoc else { throw corrupt(s, "postings block ends at doc \(d), skip data says \(nextLastDoc)") }
    if hasPositions {
      positionBits = Int(base[packedEnd])
      positionsStart = packedEnd + 1
      guard positionBits <= 30, positionsStart + BitPacking.byteCount(total, width: positionBits) == crcAt else {
        throw corrupt(packedEnd, "postings block: \(total) positions of \(positionBits) bits do not fit")
      }
    }
    previous = d
    nextBlock += len
    blocksLeft -= 1
    loaded = postingsBlockSize
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
    if index &+ 1 < loaded {
      index &+= 1
      doc = DocID(rawValue: buffers.docs[index])
      freq = Int(buffers.freqs[index])
      return doc
    }
    if blocksLeft > 0 {
      try loadBlock()
      doc = DocID(rawValue: buffers.docs[0])
      freq = Int(buffers.freqs[0])
      return doc
    }
    loaded = 0
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
    let t = target.rawValue
    if loaded > 0, buffers.docs[loaded - 1] >= t {
      // In the loaded block (sorted, the last doc ≥ t): gallop from the
      // current doc (1, 2, 4, … ahead), then binary search the last step.
      // A leapfrog's targets often land a few docs ahead, sometimes far.
      let docs = buffers.docs
      var lo = index, step = 1
      var hi = index
      while docs[hi] < t {
        lo = hi &+ 1
        hi = min(hi &+ step, loaded &- 1)
        step &<<= 1
      }
      while lo < hi {  // first i in lo...hi with docs[i] >= t (docs[hi] >= t)
        let mid = (lo &+ hi) &>> 1
        if docs[mid] < t { lo = mid &+ 1 } else { hi = mid }
      }
      let i = lo
      index = i
      doc = DocID(rawValue: docs[i])
      freq = Int(buffers.freqs[i])
      return doc
    }
    loaded = 0
    while blocksLeft > 0 && nextLastDoc < Int64(t) { try skipBlock() }
    while try advance() < target {}
    return doc
  }

  /// The docs of `docs` (ascending, not before the current doc) that this
  /// term has, by seeking: a filter costs a seek per doc, not the whole list.
  public mutating func keep(_ docs: [UInt32]) throws(IndexFormatError) -> [UInt32] {
    var out: [UInt32] = []
    for d in docs {
      let at = try seek(DocID(rawValue: d))
      if at == .terminated { break }
      if at.rawValue == d { out.append(d) }
    }
    return out
  }

  /// Appends the docs d with `lo` ≤ d < `hi` (from the current doc on) to
  /// `out`: a seek to `lo` (blocks before it skipped unread), then whole
  /// blocks until one reaches `hi`. The cursor is spent afterwards.
  public mutating func drainDocs(into out: inout [UInt32], from lo: UInt32, below hi: UInt32) throws(IndexFormatError) {
    try drain(from: lo, below: hi) { docs, _, n in out.append(contentsOf: UnsafeBufferPointer(start: docs, count: n)) }
  }

  /// Appends the docs d with `lo` ≤ d < `hi` and their frequencies to
  /// `docs` and `freqs` (as `drainDocs(into:from:below:)`); the cursor is
  /// spent afterwards.
  public mutating func drainDocsAndFreqs(
    into docs: inout [UInt32], _ freqs: inout [UInt32], from lo: UInt32, below hi: UInt32
  ) throws(IndexFormatError) {
    try drain(from: lo, below: hi) { d, f, n in
      docs.append(contentsOf: UnsafeBufferPointer(start: d, count: n))
      freqs.append(contentsOf: UnsafeBufferPointer(start: f, count: n))
    }
  }

  /// Hands the docs d with `lo` ≤ d < `hi`, with their frequencies, to
  /// `emit` in runs: the loaded block's from the seek on, further blocks
  /// cut at `hi`, then the tail's one at a time.
  private mutating func drain(
    from lo: UInt32, below hi: UInt32, _ emit: (UnsafePointer<UInt32>, UnsafePointer<UInt32>, Int) -> Void
  ) throws(IndexFormatError) {
    guard try seek(DocID(rawValue: lo)).rawValue < hi else { return }  // .terminated is UInt32.max
    if loaded > 0 {
      var start = index
      while true {
        let docs = buffers.docs
        var end = loaded
        if docs[loaded - 1] >= hi {
          end = start
          while docs[end] < hi { end &+= 1 }  // stops at loaded - 1 at the latest
        }
        emit(docs + start, buffers.freqs + start, end - start)
        if end < loaded { return }
        guard blocksLeft > 0 else { break }
        try loadBlock()
        start = 0
      }
      index = loaded - 1  // the block is spent: advance enters the tail
    } else {
      var d = doc.rawValue, f = UInt32(freq)
      emit(&d, &f, 1)
    }
    while try advance() != .terminated && doc.rawValue < hi {
      var d = doc.rawValue, f = UInt32(freq)
      emit(&d, &f, 1)
    }
  }

  /// The current document's positions, ascending; valid until the cursor
  /// moves. Empty for a term stored without positions (`hasPositions` false)
  /// and after the end. Calling it again for the same doc is free.
  public mutating func positionSpan() throws(IndexFormatError) -> UnsafeBufferPointer<UInt32> {
    guard hasPositions, started, doc != .terminated else { return UnsafeBufferPointer(start: nil, count: 0) }
    let current = Int64(doc.rawValue)
    if decodedDoc == current { return UnsafeBufferPointer(start: buffers.positions, count: decodedCount) }
    let n = freq
    buffers.reservePositions(n)
    let out = buffers.positions
    if loaded > 0 {
      // loadBlock checked that all of the block's positions fit its bytes.
      BitPacking.unpack(base, start: positionsStart, first: buffers.firstPosition[index], count: n, width: positionBits, into: out)
      var p: UInt32 = 0
      for k in 0..<n {
        p &+= out[k]  // each delta < 2^30, the running sum is checked before the next add
        guard UInt64(p) < maxPosition else { throw corrupt(positionsStart, "position \(p) beyond \(maxPosition)") }
        out[k] = p
      }
    } else {
      guard tailPositionsPending else { return UnsafeBufferPointer(start: nil, count: 0) }
      var r = ByteReader(base, from: tailOffset, to: tailEnd, file: name)
      var p: UInt64 = 0
      for k in 0..<n {
        let d = try r.vint()
        // Both terms stay below 2^30, so the sum cannot overflow, and callers
        // may add a query offset to a position without overflowing UInt32.
        guard d < maxPosition else { throw r.corrupt("position delta \(d) too large") }
        p = k == 0 ? d : p + d
        guard p < maxPosition else { throw r.corrupt("position \(p) beyond \(maxPosition)") }
        out[k] = UInt32(p)
      }
      tailOffset = r.offset
      tailPositionsPending = false
    }
    decodedDoc = current
    decodedCount = n
    return UnsafeBufferPointer(start: out, count: n)
  }

  /// The current document's positions copied into `out` (replacing its contents).
  public mutating func positions(into out: inout [UInt32]) throws(IndexFormatError) {
    let span = try positionSpan()
    out.removeAll(keepingCapacity: true)
    out.append(contentsOf: span)
  }
}

/// Keys decoded by `PostingsCursor.nextKeys`: a growable run of keys that
/// blocks are appended to and consumed from the front.
public final class KeyBlock {
  public private(set) var keys: UnsafeMutablePointer<UInt64>
  /// Keys held, `keys[0..<count]`.
  public private(set) var count = 0
  var capacity: Int
  /// Scratch for one block's packed position deltas, and a mark (1) on each
  /// doc's first position among them (`deltasCapacity` each).
  var deltas: UnsafeMutablePointer<UInt32>
  var firstMarks: UnsafeMutablePointer<UInt8>
  var deltasCapacity: Int
  /// Scratch: each doc of a block as `doc << 32 | bias`.
  let highs: UnsafeMutablePointer<UInt64>

  public init() {
    capacity = 1024
    keys = .allocate(capacity: capacity)
    deltasCapacity = 512
    deltas = .allocate(capacity: deltasCapacity)
    firstMarks = .allocate(capacity: deltasCapacity)
    highs = .allocate(capacity: postingsBlockSize)
  }

  /// Room for n more keys.
  func reserve(more n: Int) {
    if count + n > capacity {
      let size = max(count + n, capacity * 2)
      let bigger = UnsafeMutablePointer<UInt64>.allocate(capacity: size)
      bigger.update(from: keys, count: count)
      keys.deallocate()
      capacity = size
      keys = bigger
    }
  }

  func reserveDeltas(_ n: Int) {
    if n > deltasCapacity {
      deltas.deallocate()
      firstMarks.deallocate()
      deltasCapacity = max(n, deltasCapacity * 2)
      deltas = .allocate(capacity: deltasCapacity)
      firstMarks = .allocate(capacity: deltasCapacity)
    }
  }

  func append(_ key: UInt64) {
    keys[count] = key
    count &+= 1
  }

  func grow(by n: Int) { count &+= n }

  /// Drops the first n keys (the rest move to the front).
  public func removeFirst(_ n: Int) {
    precondition(n >= 0 && n <= count)
    (keys).update(from: keys + n, count: count - n)
    count -= n
  }

  deinit {
    keys.deallocate()
    deltas.deallocate()
    firstMarks.deallocate()
    highs.deallocate()
  }
}

extension PostingsCursor {
  /// Bulk decoding for merging whole position lists (the query engine's
  /// phrase merge): appends every posting of the next packed block, or of
  /// the whole tail, to `block` as the key `doc << 32 | (position + bias)`
  /// (bias < 2^30), ascending. Blocks whose last doc is below `fromDoc` are
  /// skipped unread. Returns how many keys it appended, 0 at the end of the
  /// list. A cursor used this way is not moved by `advance`/`seek` as well.
  /// Needs `hasPositions`.
  public mutating func nextKeys(fromDoc: UInt32, bias: UInt32, into block: KeyBlock) throws(IndexFormatError) -> Int {
    precondition(hasPositions && bias < 1 << 30, "nextKeys needs positions and a bias below 2^30")
    started = true
    while blocksLeft > 0 && nextLastDoc < Int64(fromDoc) { try skipBlock() }
    if blocksLeft > 0 { return try blockKeys(bias: bias, into: block) }
    // The tail (fewer than 128 docs): through the checked one-doc path.
    var n = 0
    while try advanceInTail() != .terminated {
      let span = try positionSpan()
      block.reserve(more: span.count)
      let high = UInt64(doc.rawValue) << 32
      for p in span { block.append(high | UInt64(p &+ bias)) }
      n &+= span.count
    }
    return n
  }

  /// The next packed block as keys, in one pass: the same checks as
  /// `loadBlock`, without its per-doc position offsets.
  mutating func blockKeys(bias: UInt32, into block: KeyBlock) throws(IndexFormatError) -> Int {
    let (s, crcAt, packedEnd) = try unpackBlockHead()
    let len = nextLength
    let gaps = buffers.docs, freqs = buffers.freqs
    let allOnes = base[s + 1] == 0  // frequency width 0: every doc has one position
    var total = postingsBlockSize
    for i in 0..<postingsBlockSize { total &+= Int(freqs[i]) }  // freqs < 2^24: no overflow
    let positionBits = Int(base[packedEnd])
    // Zero-bit positions take no bytes, so their count is not bounded by the
    // block's length; a doc's positions ascend, so they can only be single ones.
    guard positionBits <= 30, packedEnd + 1 + BitPacking.byteCount(total, width: positionBits) == crcAt,
      positionBits > 0 || allOnes
    else {
      throw corrupt(packedEnd, "postings block: \(total) positions of \(positionBits) bits do not fit")
    }
    block.reserve(more: total)
    block.reserveDeltas(total)
    let deltas = block.deltas, keys = block.keys + block.count
    BitPacking.unpack(base, start: packedEnd + 1, count: total, width: positionBits, into: deltas)
    var d = previous
    let b = UInt64(bias)
    if allOnes {
      // One position per doc (common): no inner loop.
      for i in 0..<postingsBlockSize {
        d &+= Int64(gaps[i]) &+ 1  // gaps < 2^32: no overflow in Int64
        keys[i] = UInt64(truncatingIfNeeded: d) << 32 | (UInt64(deltas[i]) &+ b)  // deltas < 2^30
      }
    } else {
      // Some docs hold several positions. A loop over each doc's positions
      // would branch on every doc's frequency, mispredicted about as often
      // as frequencies change (most are 1, some 2 or 3). Instead each doc's
      // first position is marked, and one pass over the positions steps the
      // doc and restarts the running position on a mark, without branches:
      // 5 % off `"公务用车"` on one thread (bench/RESULTS.md, ninth session).
      let marks = block.firstMarks, highs = block.highs
      marks.update(repeating: 0, count: total)
      var k = 0
      for i in 0..<postingsBlockSize {
        d &+= Int64(gaps[i]) &+ 1
        highs[i] = UInt64(truncatingIfNeeded: d) << 32 | b
        marks[k] = 1
        k &+= Int(freqs[i]) &+ 1  // k < total: the last doc's first position is before the end
      }
      var doc = -1
      var p: UInt64 = 0  // < 2^24 deltas of < 2^30 each: no overflow
      var highest: UInt64 = 0  // the largest position, checked once per block
      for k in 0..<total {
        let first = marks[k]
        doc &+= Int(first)
        p = (first != 0 ? 0 : p) &+ UInt64(deltas[k])
        highest = max(highest, p)
        keys[k] = highs[doc] &+ p  // a position past 2^30 is rejected below, before the keys count
      }
      guard highest < maxPosition else { throw corrupt(packedEnd + 1, "position \(highest) beyond \(maxPosition)") }
    }
    guard d == nextLastDoc else { throw corrupt(s, "postings block ends at doc \(d), skip data says \(nextLastDoc)") }
    block.grow(by: total)
    previous = d
    nextBlock += len
    blocksLeft -= 1
    loaded = 0
    if blocksLeft > 0 { try readSkip() }
    return total
  }
}
