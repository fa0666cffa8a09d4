// The term dictionary (.dict): sorted terms in prefix-compressed blocks with
// a block index, so a lookup is a binary search over block starts plus a scan
// of at most `blockSize` entries (Lucene's BlockTree and tantivy's sstable use
// the same shape, with more levels).
//
//   Payload   --> TermCount u32le, BlockCount u32le, Block^BlockCount, BlockStart u32le^BlockCount
//   Block     --> PostingsStart VInt, Entry^(≤ blockSize); the first entry of a block has PrefixLen 0
//   Entry     --> PrefixLen VInt, SuffixLen VInt, Suffix bytes, DocFreq VInt,
//                 LengthAndFlag VInt (PostingsLength·2 + 1 if the postings have positions)
// BlockStart values are offsets from the start of the payload. Postings of
// consecutive terms are contiguous in .pst (the writers add them in term
// order), so only a block's first offset is stored: PostingsStart, and each
// next term's postings start where the previous term's end.

public let dictionaryBlockSize = 32

/// Where a term's postings are, and how many documents it has.
public struct TermInfo: Equatable, Sendable {
  public var docFreq: Int
  public var postingsOffset: Int
  public var postingsLength: Int
  /// Whether the postings carry positions (gram terms do; the writer
  /// decides per term, see PostingsWriter.add).
  public var hasPositions: Bool
  public init(docFreq: Int, postingsOffset: Int, postingsLength: Int, hasPositions: Bool = false) {
    self.docFreq = docFreq
    self.postingsOffset = postingsOffset
    self.postingsLength = postingsLength
    self.hasPositions = hasPositions
  }
}

public struct DictionaryWriter {
  private var payload = ByteWriter(capacity: 1 << 16)
  private var blockStarts: [UInt32] = []
  private var previous: [UInt8] = []
  private var inBlock = 0
  private var postingsEnd = 0
  public private(set) var termCount = 0

  public init() {
    payload.u32(0)  // TermCount, patched in finish
    payload.u32(0)  // BlockCount, patched in finish
  }

  /// Adds a term; terms must arrive in strictly increasing byte order.
  public mutating func add(_ term: UnsafeBufferPointer<UInt8>, _ info: TermInfo) {
    precondition(termCount == 0 || previous.lexicographicallyPrecedes(term), "terms out of order")
    var prefix = 0
    if inBlock == dictionaryBlockSize || termCount == 0 {
      blockStarts.append(UInt32(payload.count))
      payload.vint(info.postingsOffset)
      inBlock = 0
    } else {
      precondition(info.postingsOffset == postingsEnd, "postings must be contiguous in term order")
      let n = min(previous.count, term.count)
      while prefix < n && previous[prefix] == term[prefix] { prefix += 1 }
    }
    payload.vint(prefix)
    payload.vint(term.count - prefix)
    payload.append(term[prefix...])
    payload.vint(info.docFreq)
    payload.vint(UInt64(info.postingsLength) << 1 | (info.hasPositions ? 1 : 0))
    postingsEnd = info.postingsOffset + info.postingsLength
    previous.removeAll(keepingCapacity: true)
    previous.append(contentsOf: term)
    inBlock += 1
    termCount += 1
  }

  /// The file bytes, envelope included.
  public func finish(generation: UInt64) -> [UInt8] {
    var p = payload
    p.patchU32(at: 0, UInt32(termCount))
    p.patchU32(at: 4, UInt32(blockStarts.count))
    for s in blockStarts { p.u32(s) }
    var w = Envelope.begin(.dictionary, generation: generation)
    w.append(p.bytes)
    Envelope.finish(&w)
    return w.bytes
  }
}

/// Reads a mapped .dict file. Lookups touch only the blocks they search.
public struct DictionaryReader: @unchecked Sendable {
  let file: MappedFile
  let name: String
  let payloadStart: Int
  let payloadEnd: Int
  public let termCount: Int
  let blockCount: Int
  let blockIndexStart: Int

  public init(_ file: MappedFile, name: String, generation: UInt64) throws(IndexFormatError) {
    self.file = file
    self.name = name
    let range = try Envelope.open(file, name: name, kind: .dictionary, generation: generation)
    payloadStart = range.lowerBound
    payloadEnd = range.upperBound
    var r = ByteReader(file.bytes, from: payloadStart, to: payloadEnd, file: name)
    termCount = Int(try r.u32())
    blockCount = Int(try r.u32())
    blockIndexStart = payloadEnd - blockCount * 4
    guard blockIndexStart >= r.offset, blockCount <= termCount, termCount == 0 || blockCount > 0 else {
      throw .corrupt(file: name, offset: payloadStart, reason: "block count \(blockCount) does not fit the file")
    }
  }

  func blockStart(_ i: Int) throws(IndexFormatError) -> Int {
    let o = Int(file.bytes.loadUnaligned(fromByteOffset: blockIndexStart + i * 4, as: UInt32.self).littleEndian)
    guard o >= 8, payloadStart + o < blockIndexStart else {
      throw .corrupt(file: name, offset: blockIndexStart + i * 4, reason: "block start \(o) out of range")
    }
    return payloadStart + o
  }

  func corrupt(_ offset: Int, _ reason: String) -> IndexFormatError { .corrupt(file: name, offset: offset, reason: reason) }

  /// Compares the first term of block i with `key`. Decoded in place, without
  /// a ByteReader (which retains the file name) or a copy of the term: a
  /// lookup compares a dozen block starts.
  func firstTermOfBlock(_ i: Int, compareTo key: UnsafeBufferPointer<UInt8>) throws(IndexFormatError) -> Int {
    let bytes = file.bytes, end = blockIndexStart
    var o = try blockStart(i)
    guard ByteReader.vint(bytes, &o, end) != nil, let prefix = ByteReader.vint(bytes, &o, end),
      let len = ByteReader.vint(bytes, &o, end), len <= UInt64(end - o)
    else { throw corrupt(o, "block \(i): first entry unreadable") }
    guard prefix == 0 else { throw corrupt(o, "block \(i) starts with a shared prefix") }
    return compareBytes(UnsafeBufferPointer(start: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + o, count: Int(len)), key)
  }

  /// The entry of `key` in `block` (the one `findBlock` gives), compared in
  /// place: no term is rebuilt from its shared prefix. `matched` counts the
  /// bytes of `key` that the last term (below `key`) has in common with it:
  /// a next term that shares fewer bytes with that one is above `key` (a
  /// miss), one that shares more is still below it, and only one that
  /// shares exactly `matched` needs its suffix compared.
  func find(_ key: UnsafeBufferPointer<UInt8>, inBlock block: Int) throws(IndexFormatError) -> TermInfo? {
    let bytes = file.bytes, end = blockIndexStart
    let raw = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
    var o = try blockStart(block)
    guard let start = ByteReader.vint(bytes, &o, end), start <= UInt64(Int32.max) else {
      throw corrupt(o, "postings start unreadable")
    }
    var postings = Int(start)
    var matched = 0
    var previousLength = 0
    for e in 0..<min(dictionaryBlockSize, termCount - block * dictionaryBlockSize) {
      let at = o
      guard let p64 = ByteReader.vint(bytes, &o, end), let s64 = ByteReader.vint(bytes, &o, end),
        p64 <= UInt64(previousLength), s64 <= UInt64(end - o), e > 0 || p64 == 0
      else { throw corrupt(at, "dictionary entry \(e) of block \(block) unreadable") }
      let p = Int(p64), s = Int(s64)
      let suffix = o
      o += s
      guard let docFreq = ByteReader.vint(bytes, &o, end), docFreq <= UInt64(UInt32.max),
        let code = ByteReader.vint(bytes, &o, end), code <= UInt64(Int32.max)
      else { throw corrupt(at, "dictionary entry \(e) of block \(block) unreadable") }
      let length = Int(code >> 1)
      defer {
        postings += length
        previousLength = p + s
      }
      if p < matched { return nil }  // above key
      if p > matched { continue }  // still below key
      let rest = key.count - matched
      let n = min(s, rest)
      var i = 0
      while i < n && raw[suffix + i] == key[matched + i] { i += 1 }
      if i < n {
        if raw[suffix + i] > key[matched + i] { return nil }
      } else if s == rest {
        return TermInfo(docFreq: Int(docFreq), postingsOffset: postings, postingsLength: length, hasPositions: code & 1 != 0)
      } else if s > rest {
        return nil  // key is a proper prefix of this term: below it
      }
      matched += i
    }
    return nil
  }

  /// The block that would contain `key`: the last block whose first term is <= key.
  func findBlock(_ key: UnsafeBufferPointer<UInt8>) throws(IndexFormatError) -> Int? {
    var lo = 0, hi = blockCount - 1, found: Int? = nil
    while lo <= hi {
      let mid = (lo + hi) / 2
      if try firstTermOfBlock(mid, compareTo: key) <= 0 {
        found = mid
        lo = mid + 1
      } else {
        hi = mid - 1
      }
    }
    return found
  }

  /// The postings location of `term`, nil if absent.
  public func lookup(_ term: [UInt8]) throws(IndexFormatError) -> TermInfo? {
    guard termCount > 0 else { return nil }
    return try term.withUnsafeBufferPointer { (key) throws(IndexFormatError) -> TermInfo? in
      guard let block = try findBlock(key) else { return nil }
      return try find(key, inBlock: block)
    }
  }

  /// Calls `body` for every term starting with `prefix`, in order.
  public func forEach(
    prefix: [UInt8], _ body: (UnsafeBufferPointer<UInt8>, TermInfo) throws(IndexFormatError) -> Void
  ) throws(IndexFormatError) {
    guard termCount > 0 else { return }
    try prefix.withUnsafeBufferPointer { (key) throws(IndexFormatError) in
      let block = try findBlock(key) ?? 0
      try scan(fromBlock: block) { (t, info) throws(IndexFormatError) -> Bool in
        if t.starts(with: key) {
          try body(t, info)
          return true
        }
        return compareBytes(t, key) < 0
      }
    }
  }

  /// Calls `body` for every term in order.
  public func forEachTerm(_ body: (UnsafeBufferPointer<UInt8>, TermInfo) throws(IndexFormatError) -> Void) throws(IndexFormatError) {
    guard termCount > 0 else { return }
    try scan(fromBlock: 0) { (t, info) throws(IndexFormatError) -> Bool in
      try body(t, info)
      return true
    }
  }

  /// Decodes entries from the start of `block` on while `body` returns true.
  func scan(
    fromBlock block: Int, _ body: (UnsafeBufferPointer<UInt8>, TermInfo) throws(IndexFormatError) -> Bool
  ) throws(IndexFormatError) {
    var it = try TermIterator(self, fromBlock: block)
    while try it.next() {
      let info = it.info
      let more = try it.term.withUnsafeBufferPointer { (t) throws(IndexFormatError) -> Bool in try body(t, info) }
      if !more { return }
    }
  }
}

/// Bytewise three-way comparison (byte order = code point order for UTF-8).
@inlinable
public func compareBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
  let n = min(a.count, b.count)
  var i = 0
  while i < n {
    if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
    i += 1
  }
  return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
}

/// Walks a dictionary's terms in order, one at a time (what a k-way merge
/// of several dictionaries needs; `forEachTerm` is the closure form).
public struct TermIterator {
  var r: ByteReader
  var off = 0
  var seen = 0
  var remaining: Int
  /// The current term and its postings location (valid after `next()` returned true).
  public private(set) var term: [UInt8] = []
  public private(set) var info = TermInfo(docFreq: 0, postingsOffset: 0, postingsLength: 0)

  /// Starts at the first term of `block` (block starts are where decoding can begin).
  init(_ d: DictionaryReader, fromBlock block: Int = 0) throws(IndexFormatError) {
    remaining = max(0, d.termCount - block * dictionaryBlockSize)
    if remaining > 0 {
      r = ByteReader(d.file.bytes, from: try d.blockStart(block), to: d.blockIndexStart, file: d.name)
      off = try r.vint(max: Int(Int32.max), "postings start")
    } else {
      r = ByteReader(d.file.bytes, from: d.payloadStart, to: d.payloadStart, file: d.name)
    }
  }

  /// Moves to the next term; false after the last.
  public mutating func next() throws(IndexFormatError) -> Bool {
    guard remaining > 0 else { return false }
    if seen > 0 && seen % dictionaryBlockSize == 0 {
      guard try r.vint() == UInt64(off) else { throw r.corrupt("postings start breaks the run") }
    }
    let prefix = try r.vint(max: term.count, "shared prefix")
    if seen % dictionaryBlockSize == 0 && prefix != 0 { throw r.corrupt("block starts with a shared prefix") }
    let len = try r.vint(max: r.end - r.offset, "suffix length")
    let suffix = try r.bytes(len)
    term.removeSubrange(prefix...)
    term.append(contentsOf: suffix)
    let docFreq = try r.vint(max: Int(UInt32.max), "doc freq")
    let code = try r.vint(max: Int(Int32.max), "postings length")
    info = TermInfo(docFreq: docFreq, postingsOffset: off, postingsLength: code >> 1, hasPositions: code & 1 != 0)
    off += code >> 1
    seen += 1
    remaining -= 1
    return true
  }
}

extension DictionaryReader {
  public func makeTermIterator() throws(IndexFormatError) -> TermIterator { try TermIterator(self) }

  /// An iterator on the first term >= `key` (`live` false when there is
  /// none): where a merge of the terms from `key` on starts.
  public func makeTermIterator(atOrAfter key: [UInt8]) throws(IndexFormatError) -> (iterator: TermIterator, live: Bool) {
    let block = termCount == 0 ? 0 : try key.withUnsafeBufferPointer { (k) throws(IndexFormatError) in try findBlock(k) } ?? 0
    var it = try TermIterator(self, fromBlock: block)
    var live = try it.next()
    while live && it.term.lexicographicallyPrecedes(key) { live = try it.next() }
    return (it, live)
  }

  /// The first term of the first block whose postings start at or past
  /// `fraction` of `postingsLength` (the postings payload's length), nil for
  /// none past the first block: a term that splits the postings about so.
  public func splitTerm(at fraction: Double, postingsLength: Int) throws(IndexFormatError) -> [UInt8]? {
    let target = Int(Double(postingsLength) * fraction)
    var lo = 1, hi = blockCount - 1, found: Int? = nil
    while lo <= hi {
      let mid = (lo + hi) / 2
      if try TermIterator(self, fromBlock: mid).off >= target {  // the block's PostingsStart
        found = mid
        hi = mid - 1
      } else {
        lo = mid + 1
      }
    }
    guard let found else { return nil }
    var it = try TermIterator(self, fromBlock: found)
    guard try it.next() else { return nil }
    return it.term
  }
}
