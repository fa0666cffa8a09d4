// In-memory postings accumulation for one segment: term bytes → postings.
//
// Terms are interned in an open-addressing table. A term of at most 15 bytes
// (every gram: 2-byte prefix + at most 2 scalars; most words and keywords)
// is its own key, packed into two UInt64 with its length in the last byte,
// so a lookup hashes and compares two integers and allocates nothing; longer
// terms live in a byte arena, keyed by a hash and compared byte by byte.
//
// Postings live in one pool of UInt32 pages as per-term chains of blocks
// that double in size (4, 8, … 1024 values; the last slot of a block links
// the next), Lucene's ByteBlockPool shape: no array per term, no copying as
// a list grows. A term's stream is, per document, `doc, freq` then (gram
// terms only) its positions; freq is incremented in place.
// `approximateBytes` is the memory reserved (pages, per-term arrays, slots,
// arena), so the writer's budget measures what it holds.
//
// Adding is bound by cache misses, not instructions: a term's slot, its
// state and its current block are three random places in hundreds of MB.
// So the state an add touches (key, write cursor, block end, last doc,
// freq slot) sits in one 32-byte record per term (`HotTerm`, one cache
// line, instead of seven parallel arrays), and `addBatch` first walks a
// run of terms only loading slot → record → block (independent chains the
// CPU overlaps, a software prefetch), then adds them in order. The order of
// adds, hence of block allocations, is unchanged, and so is
// `approximateBytes` (its formula still counts the arrays it counted; the
// 32-byte records replace four of the seven per-term UInt32 arrays and copy
// the two key words, so the count is about 16 bytes per term short), which
// keeps segment flush points, and so every index file, byte-identical.

import IndexFormat

struct TermTable {
  // Per-term arrays (struct of arrays, indexed by term id).
  private var keyA: [UInt64] = []
  private var keyB: [UInt64] = []
  /// Long terms: offset into `arena` (length in `longLength`); unused for short ones.
  private var longOffset: [UInt32] = []
  private var longLength: [UInt32] = []
  private var head: [UInt32] = []
  private var level: [UInt8] = []
  private var positional: [Bool] = []
  private var arena: [UInt8] = []
  /// Per-term hot state, indexed by term id (capacity `hotCapacity`).
  private var hot: UnsafeMutablePointer<HotTerm>
  private var hotCapacity = 0
  /// Sink for the prefetch pass's loads, so the optimizer keeps them.
  private var touched: UInt32 = 0

  /// Open addressing: term id + 1, 0 = empty. Capacity a power of two, load ≤ 1/2.
  private var slots: [Int32] = [Int32](repeating: 0, count: 1 << 12)
  private var mask = (1 << 12) - 1

  private static let pageShift = 16
  private static let pageSize = 1 << pageShift
  private static let maxLevel: UInt8 = 8  // 4 << 8 = 1024 values
  private var pages: [UnsafeMutablePointer<UInt32>] = []
  /// Frees the pages when the table goes away (the struct keeps the pointers
  /// itself so the hot path makes no class access).
  private let owner = PageOwner()
  private var pageFill = pageSize

  private(set) var positionCount = 0
  /// (term, doc) pairs: one doc id and one freq each.
  private(set) var postingCount = 0
  var termCount: Int { keyA.count }

  init() {
    hotCapacity = 1024
    hot = Self.allocateHot(hotCapacity)
    owner.hot = hot
  }

  /// Bytes reserved: pool pages, per-term arrays, slots and the long-term
  /// arena (arrays counted as grown by doubling, not by `capacity`: see
  /// `grownCapacity`, which keeps flush points the same from run to run).
  var approximateBytes: Int {
    pages.count * Self.pageSize * 4 + grownCapacity(keyA.count) * 8 * 2 + grownCapacity(head.count) * 4 * 7
      + grownCapacity(level.count) * 2 + slots.count * 4 + grownCapacity(arena.count)
  }

  // MARK: adding

  /// Records one occurrence of the term `prefix0 prefix1 bytes` in `doc` at
  /// `position`. Docs arrive in increasing order and positions increase
  /// within a doc, so postings are built already sorted. Positions are kept
  /// when `withPositions` (the gram view).
  @inline(__always)
  mutating func add(_ prefix0: UInt8, _ prefix1: UInt8, _ bytes: UnsafeBufferPointer<UInt8>, doc: UInt32, position: UInt32, withPositions: Bool) {
    let length = bytes.count + 2
    let id: Int
    if length <= 15 {
      let (a, b) = Self.shortKey(prefix0, prefix1, bytes)
      id = internShort(a, b, withPositions)
    } else {
      id = internLong(prefix0, prefix1, bytes, withPositions)
    }
    occurrence(id, doc: doc, position: position, withPositions: withPositions)
  }

  /// Records an occurrence of term `id` (the posting part of `add`).
  @inline(__always)
  private mutating func occurrence(_ id: Int, doc: UInt32, position: UInt32, withPositions: Bool) {
    if hot[id].lastDoc != doc {
      hot[id].lastDoc = doc
      _ = append(id, doc)
      hot[id].freqSlot = append(id, 1)
      postingCount += 1
    } else {
      Self.slot(pages, hot[id].freqSlot).pointee += 1
    }
    if withPositions {
      _ = append(id, position)
      positionCount += 1
    }
  }

  /// Short keys (`shortKey`), or `longMarker` with the term's byte range in
  /// `form` (start << 32 | end), with their positions: one field's terms in
  /// order, for `addBatch`.
  struct Batch {
    var a: [UInt64] = []
    var b: [UInt64] = []
    var position: [UInt32] = []
    var count: Int { a.count }

    mutating func removeAll() {
      a.removeAll(keepingCapacity: true)
      b.removeAll(keepingCapacity: true)
      position.removeAll(keepingCapacity: true)
    }

    /// Appends the term `prefix0 prefix1 bytes[start..<end]` of `form`.
    @inline(__always)
    mutating func append(_ prefix0: UInt8, _ prefix1: UInt8, _ form: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, position p: UInt32) {
      let length = end - start + 2
      if length <= 15 {
        let (ka, kb) = TermTable.shortKey(prefix0, prefix1, UnsafeBufferPointer(rebasing: form[start..<end]))
        a.append(ka)
        b.append(kb)
      } else {
        a.append(UInt64(start) << 32 | UInt64(end))
        b.append(TermTable.longMarker)
      }
      position.append(p)
    }
  }

  /// Not a short key: its last byte (the length, at most 15) would be 0xFF.
  static let longMarker = UInt64.max

  /// A term of at most 15 bytes as its key: the bytes, zero padded, with
  /// the length in the last byte, as two little-endian words.
  @inline(__always)
  static func shortKey(_ prefix0: UInt8, _ prefix1: UInt8, _ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
    var words: (UInt64, UInt64) = (0, 0)
    withUnsafeMutableBytes(of: &words) { raw in
      raw[0] = prefix0
      raw[1] = prefix1
      if let base = bytes.baseAddress { (raw.baseAddress! + 2).copyMemory(from: base, byteCount: bytes.count) }
      raw[15] = UInt8(bytes.count + 2)
    }
    return (UInt64(littleEndian: words.0), UInt64(littleEndian: words.1))
  }

  /// `add` for each term of `batch` in order (long terms read from `form`),
  /// all in `doc`. The same adds as one `add` per term; only the memory
  /// loads of a few terms ahead are issued first (see the file comment).
  mutating func addBatch(
    _ batch: Batch, prefix0: UInt8, prefix1: UInt8, form: UnsafeBufferPointer<UInt8>, doc: UInt32, withPositions: Bool
  ) {
    let n = batch.count
    guard n > 0 else { return }
    batch.a.withUnsafeBufferPointer { a in
      batch.b.withUnsafeBufferPointer { b in
        batch.position.withUnsafeBufferPointer { position in
          withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Self.prefetchDistance) { ahead in
            var prefetched = 0
            var k = 0
            while k < n {
              if k == prefetched {
                prefetched = min(n, k + Self.prefetchDistance)
                prefetch(a, b, k..<prefetched, ahead)
              }
              let id: Int
              if b[k] != Self.longMarker {
                id = internShort(a[k], b[k], withPositions)
              } else {
                let start = Int(a[k] >> 32), end = Int(a[k] & 0xFFFF_FFFF)
                id = internLong(prefix0, prefix1, UnsafeBufferPointer(rebasing: form[start..<end]), withPositions)
              }
              occurrence(id, doc: doc, position: position[k], withPositions: withPositions)
              k += 1
            }
          }
        }
      }
    }
  }

  /// Terms loaded ahead by `addBatch`.
  static let prefetchDistance = 32

  /// Loads the slot, the record and the current block of the short terms
  /// `range`, one level at a time: the loads of a level are independent of
  /// each other, so their cache misses overlap (a load chain per term, slot
  /// → record → block, would wait for each miss in turn). The values only
  /// feed `touched`; `scratch` holds one level's results.
  private mutating func prefetch(
    _ a: UnsafeBufferPointer<UInt64>, _ b: UnsafeBufferPointer<UInt64>, _ range: Range<Int>,
    _ scratch: UnsafeMutableBufferPointer<UInt32>
  ) {
    let none = UInt32.max
    let m = mask
    slots.withUnsafeBufferPointer { slotBuffer in
      for j in range {
        scratch[j - range.lowerBound] =
          b[j] == Self.longMarker ? 0 : UInt32(bitPattern: slotBuffer[Self.mix(a[j], b[j]) & m])
      }
    }
    for j in 0..<range.count {
      let s = scratch[j]
      scratch[j] = s == 0 ? none : hot[Int(s) - 1].write
    }
    var sink: UInt32 = 0
    for j in 0..<range.count where scratch[j] != none {
      sink &+= Self.slot(pages, scratch[j]).pointee
    }
    touched &+= sink
  }

  @inline(__always) private static func mix(_ a: UInt64, _ b: UInt64) -> Int {
    var h = a ^ (b &* 0x9E37_79B9_7F4A_7C15)
    h = (h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
    h ^= h >> 32
    return Int(truncatingIfNeeded: h)
  }

  @inline(__always) private mutating func internShort(_ a: UInt64, _ b: UInt64, _ withPositions: Bool) -> Int {
    var i = Self.mix(a, b) & mask
    while true {
      let s = Int(slots[i])
      if s == 0 { break }
      if hot[s - 1].keyA == a && hot[s - 1].keyB == b { return s - 1 }
      i = (i + 1) & mask
    }
    let id = newTerm(a, b, withPositions)
    slots[i] = Int32(id + 1)
    growIfNeeded()
    return id
  }

  private mutating func internLong(_ p0: UInt8, _ p1: UInt8, _ bytes: UnsafeBufferPointer<UInt8>, _ withPositions: Bool) -> Int {
    // FNV-1a over the whole term; the marker byte 0xFF (never a short length) in keyB.
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    h = (h ^ UInt64(p0)) &* 0x100_0000_01B3
    h = (h ^ UInt64(p1)) &* 0x100_0000_01B3
    for c in bytes { h = (h ^ UInt64(c)) &* 0x100_0000_01B3 }
    let b = UInt64(0xFF) << 56 | UInt64(bytes.count + 2)
    var i = Self.mix(h, b) & mask
    while true {
      let s = Int(slots[i])
      if s == 0 { break }
      let t = s - 1
      if hot[t].keyA == h && hot[t].keyB == b {
        let o = Int(longOffset[t])
        if arena[o] == p0 && arena[o + 1] == p1 && arena.withUnsafeBufferPointer({ a in
          memcmpEqual(UnsafeBufferPointer(rebasing: a[(o + 2)..<(o + 2 + bytes.count)]), bytes)
        }) {
          return t
        }
      }
      i = (i + 1) & mask
    }
    let id = newTerm(h, b, withPositions)
    longOffset[id] = UInt32(arena.count)
    longLength[id] = UInt32(bytes.count + 2)
    arena.append(p0)
    arena.append(p1)
    arena.append(contentsOf: bytes)
    slots[i] = Int32(id + 1)
    growIfNeeded()
    return id
  }

  private mutating func newTerm(_ a: UInt64, _ b: UInt64, _ withPositions: Bool) -> Int {
    let id = keyA.count
    keyA.append(a)
    keyB.append(b)
    longOffset.append(0)
    longLength.append(0)
    let block = allocate(level: 0)
    head.append(block)
    level.append(0)
    positional.append(withPositions)
    if id == hotCapacity {
      let grown = Self.allocateHot(2 * hotCapacity)
      grown.moveInitialize(from: hot, count: id)
      UnsafeMutableRawPointer(hot).deallocate()
      hot = grown
      hotCapacity *= 2
      owner.hot = hot
    }
    (hot + id).initialize(to: HotTerm(keyA: a, keyB: b, write: block, blockEnd: block + 3, lastDoc: UInt32.max, freqSlot: 0))
    return id
  }

  /// Records aligned to a cache line, so none straddles two (32-byte stride).
  private static func allocateHot(_ count: Int) -> UnsafeMutablePointer<HotTerm> {
    UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<HotTerm>.stride, alignment: 64)
      .bindMemory(to: HotTerm.self, capacity: count)
  }

  private mutating func growIfNeeded() {
    guard keyA.count * 2 > slots.count else { return }
    let capacity = slots.count * 2
    var fresh = [Int32](repeating: 0, count: capacity)
    let m = capacity - 1
    for s in slots where s != 0 {
      var i = Self.mix(hot[Int(s) - 1].keyA, hot[Int(s) - 1].keyB) & m
      while fresh[i] != 0 { i = (i + 1) & m }
      fresh[i] = s
    }
    slots = fresh
    mask = m
  }

  // MARK: the pool

  @inline(__always) private static func slot(_ pages: [UnsafeMutablePointer<UInt32>], _ at: UInt32) -> UnsafeMutablePointer<UInt32> {
    pages[Int(at >> UInt32(pageShift))] + Int(at & UInt32(pageSize - 1))
  }

  @inline(__always) private static func blockSize(_ level: UInt8) -> Int { 4 << Int(level) }

  /// A fresh block of `level`'s size; never straddles a page.
  private mutating func allocate(level: UInt8) -> UInt32 {
    let size = Self.blockSize(level)
    if pageFill + size > Self.pageSize {
      let page = UnsafeMutablePointer<UInt32>.allocate(capacity: Self.pageSize)
      // Zeroed: the prefetch pass may load a slot before it is written.
      page.initialize(repeating: 0, count: Self.pageSize)
      pages.append(page)
      owner.pages.append(page)
      pageFill = 0
    }
    let at = UInt32((pages.count - 1) << Self.pageShift + pageFill)
    pageFill += size
    return at
  }

  /// Appends `value` to term `id`'s stream; returns the slot it went to.
  @inline(__always) private mutating func append(_ id: Int, _ value: UInt32) -> UInt32 {
    var at = hot[id].write
    if at == hot[id].blockEnd {
      let next = min(level[id] + 1, Self.maxLevel)
      let block = allocate(level: next)
      Self.slot(pages, at).pointee = block
      at = block
      hot[id].blockEnd = block + UInt32(Self.blockSize(next) - 1)
      level[id] = next
    }
    Self.slot(pages, at).pointee = value
    hot[id].write = at + 1
    return at
  }

  // MARK: reading back

  /// The term's bytes.
  func term(_ id: Int) -> [UInt8] {
    if keyB[id] >> 56 == 0xFF {
      let o = Int(longOffset[id])
      return Array(arena[o..<(o + Int(longLength[id]))])
    }
    var words = (keyA[id].littleEndian, keyB[id].littleEndian)
    return withUnsafeBytes(of: &words) { raw in Array(raw[0..<Int(raw[15])]) }
  }

  /// Term ids in term byte order.
  func sortedIDs() -> [Int] {
    // Short keys compare as big-endian words (zero padding sorts a prefix
    // first; equal padded words tie-break on length).
    let a = keyA.map { $0.byteSwapped }
    let b = keyB.map { $0.byteSwapped & ~0xFF }  // without the length byte
    return (0..<termCount).sorted { x, y in
      let longX = keyB[x] >> 56 == 0xFF, longY = keyB[y] >> 56 == 0xFF
      if !longX && !longY {
        if a[x] != a[y] { return a[x] < a[y] }
        if b[x] != b[y] { return b[x] < b[y] }
        return keyB[x] >> 56 < keyB[y] >> 56
      }
      return term(x).lexicographicallyPrecedes(term(y))
    }
  }

  /// Whether the term keeps positions.
  func hasPositions(_ id: Int) -> Bool { positional[id] }

  /// Decodes term `id`'s postings into the buffers (cleared first).
  func postings(_ id: Int, docs: inout [UInt32], freqs: inout [UInt32], positions: inout [UInt32]) {
    docs.removeAll(keepingCapacity: true)
    freqs.removeAll(keepingCapacity: true)
    positions.removeAll(keepingCapacity: true)
    var at = head[id]
    var end = at + 3
    var lvl: UInt8 = 0
    let stop = hot[id].write
    let withPositions = positional[id]
    @inline(__always) func next() -> UInt32 {
      if at == end {
        at = Self.slot(pages, end).pointee
        lvl = min(lvl + 1, Self.maxLevel)
        end = at + UInt32(Self.blockSize(lvl) - 1)
      }
      let v = Self.slot(pages, at).pointee
      at += 1
      return v
    }
    while at != stop {
      let doc = next()
      let freq = next()
      docs.append(doc)
      freqs.append(freq)
      if withPositions { for _ in 0..<freq { positions.append(next()) } }
    }
  }
}

@inline(__always) func memcmpEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
  guard a.count == b.count else { return false }
  for i in 0..<a.count where a[i] != b[i] { return false }
  return true
}

/// A term's state while postings are added (see the file comment).
struct HotTerm {
  var keyA: UInt64
  var keyB: UInt64
  /// Next free slot of the term's current block, and that block's link slot.
  var write: UInt32
  var blockEnd: UInt32
  /// The last doc added (UInt32.max: none) and the slot of its freq.
  var lastDoc: UInt32
  var freqSlot: UInt32
}

private final class PageOwner {
  var pages: [UnsafeMutablePointer<UInt32>] = []
  var hot: UnsafeMutablePointer<HotTerm>? = nil
  deinit {
    for p in pages { p.deallocate() }
    if let hot { UnsafeMutableRawPointer(hot).deallocate() }
  }
}
