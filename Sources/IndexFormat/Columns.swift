// Numeric columns (.num): one optional Int64 per document for each typed
// field, in blocks of 128 documents, each block frame-of-reference bit-packed
// (min + width) with an absent bitmap only when some value is absent and no
// bytes at all when every value is; per-block min/max so range filters skip
// blocks (Lucene's doc values skipper, tantivy's bitpacked fast fields).
// Random access is O(1): block offset table → header → popcount rank → one
// unaligned load. See docs/FORMAT.md "Columns".
//
//   Payload    --> DocCount u32le, ColumnCount u32le, ColumnHead^ColumnCount, ColumnData^ColumnCount
//   ColumnHead --> Name String, DataLength VInt, Sum ZigZag VInt (DataLength 0: every value absent)
// Sum is the sum of the column's present values modulo 2^64, as a signed
// value zigzag-encoded (0 → 0, −1 → 1, 1 → 2, …: one byte for an absent
// column, three or four for a length column's): BM25's average
// field length is the length column's Sum / DocCount, exact and without
// reading the column. Format version 2 has no Sum (`ColumnReader.sum` nil).
//   ColumnData --> BlockEnd u32le^BlockCount, Block^BlockCount
//   Block      --> (empty: all absent) | Flags u8, Min i64le, Max i64le, Absent u8^16 (if Flags & 0x80), Packed
// Called by the writer (SegmentBuilder, SegmentMerger) and QueryEngine.

public let columnBlockSize = 128

public struct ColumnsWriter {
  /// Columns encoded as they are added (only one column's values are ever held).
  var columns: [(name: String, data: [UInt8], sum: Int64)] = []
  public let docCount: Int
  public init(docCount: Int) { self.docCount = docCount }

  /// Adds a column of `docCount` values; nil is stored as absent.
  public mutating func add(name: String, values: [Int64?]) {
    precondition(values.count == docCount)
    let sum = values.reduce(Int64(0)) { $0 &+ ($1 ?? 0) }
    columns.append((name, Self.encode(values), sum))
  }

  public func finish(generation: UInt64) -> [UInt8] {
    let data = columns.map(\.data)
    var w = Envelope.begin(.columns, generation: generation)
    w.u32(UInt32(docCount))
    w.u32(UInt32(columns.count))
    for (c, d) in zip(columns, data) {
      w.string(c.name)
      w.vint(d.count)
      w.vint(UInt64(bitPattern: c.sum << 1 ^ c.sum >> 63))
    }
    for d in data { w.append(d) }
    Envelope.finish(&w)
    return w.bytes
  }

  /// One column's ColumnData, or nothing when every value is absent.
  static func encode(_ values: [Int64?]) -> [UInt8] {
    if values.allSatisfy({ $0 == nil }) { return [] }
    let blockCount = (values.count + columnBlockSize - 1) / columnBlockSize
    var blocks = ByteWriter()
    var ends: [UInt32] = []
    for b in 0..<blockCount {
      let slice = values[(b * columnBlockSize)..<min((b + 1) * columnBlockSize, values.count)]
      let present = slice.compactMap { $0 }
      if let lo = present.min(), let hi = present.max() {
        // hi − lo fits in 64 bits as an unsigned difference even for extreme values.
        let width = BitPacking.width(UInt64(bitPattern: hi &- lo))
        let sparse = present.count < slice.count
        blocks.u8(UInt8(width) | (sparse ? 0x80 : 0))
        blocks.i64(lo)
        blocks.i64(hi)
        if sparse {
          var bitmap = [UInt8](repeating: 0, count: columnBlockSize / 8)
          for (k, v) in slice.enumerated() where v == nil { bitmap[k >> 3] |= 1 << UInt8(k & 7) }
          blocks.append(bitmap)
        }
        BitPacking.pack(present.lazy.map { UInt64(bitPattern: $0 &- lo) }, width: width, into: &blocks)
      }
      precondition(blocks.count < Int(UInt32.max), "column over 4 GiB: flush smaller segments")
      ends.append(UInt32(blocks.count))
    }
    var w = ByteWriter(capacity: ends.count * 4 + blocks.count)
    for e in ends { w.u32(e) }
    w.append(blocks.bytes)
    return w.bytes
  }
}

public struct ColumnsFile: @unchecked Sendable {
  /// What `ColumnReader.raw` returns for an absent value.
  public static let absent = Int64.min
  let file: MappedFile
  /// The file's path, for errors.
  public let name: String
  public let docCount: Int
  /// Byte range of each column's data, in file order (empty: all absent). An
  /// array of a plain struct, not a dictionary: a dozen names are found as
  /// fast by a scan, and a fresh process skips the runtime's generic type
  /// instantiation and conformance lookups (String: Hashable, Int: Comparable) at open.
  let ranges: [ColumnRange]

  public init(_ file: MappedFile, name: String, generation: UInt64, docCount: Int) throws(IndexFormatError) {
    self.file = file
    self.name = name
    let payload = try Envelope.open(file, name: name, kind: .columns, generation: generation)
    var r = ByteReader(file.bytes, from: payload.lowerBound, to: payload.upperBound, file: name)
    let n = Int(try r.u32())
    guard n == docCount else { throw r.corrupt("column doc count \(n), manifest says \(docCount)") }
    self.docCount = n
    let count = Int(try r.u32())
    guard count <= 1024 else { throw r.corrupt("column count \(count)") }
    let hasSums = Envelope.version(file) >= 3
    var heads: [(name: String, length: Int, sum: Int64?)] = []
    for _ in 0..<count {
      let colName = try r.string()
      let length = try r.vint(max: r.end - r.offset, "column data length")
      var sum: Int64? = nil
      if hasSums {
        let zigzag = try r.vint()
        sum = Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1)
      }
      heads.append((colName, length, sum))
    }
    let blocks = (n + columnBlockSize - 1) / columnBlockSize
    var ranges: [ColumnRange] = []
    ranges.reserveCapacity(heads.count)
    for (colName, length, sum) in heads {
      let start = r.offset
      _ = try r.bytes(length)
      guard length == 0 || length >= blocks * 4 else {
        throw .corrupt(file: name, offset: start, reason: "column \(colName): \(length) bytes cannot hold \(blocks) block ends")
      }
      // A repeated name: the last one wins, as it did in a dictionary.
      if let k = ranges.firstIndex(where: { $0.name == colName }) { ranges.remove(at: k) }
      ranges.append(ColumnRange(name: colName, start: start, end: r.offset, sum: sum))
    }
    guard r.atEnd else { throw r.corrupt("\(r.end - r.offset) bytes after the last column") }
    self.ranges = ranges
  }

  public func has(_ column: String) -> Bool { ranges.contains { $0.name == column } }

  /// Each column's name and data bytes, in file order (`budgetsearch-bench sizes`).
  public var columnSizes: [(name: String, bytes: Int)] { ranges.map { ($0.name, $0.end - $0.start) } }

  public func column(_ name: String) -> ColumnReader? {
    guard let c = ranges.first(where: { $0.name == name }) else { return nil }
    return ColumnReader(owner: file, data: c.start..<c.end, docCount: docCount, sum: c.sum)
  }
}

/// Where one column's data lies in a .num file, and its Sum (nil: version 2).
struct ColumnRange {
  var name: String
  var start: Int
  var end: Int
  var sum: Int64?
}

/// Random access to one column. Reads are bounds-checked against the
/// column's byte range (checked to lie inside the file on open), so damaged
/// bytes can never make a read leave the file; a block whose header or
/// offsets do not fit reads as absent, and `validate()` (run by `verify`)
/// reports it as corrupt.
public struct ColumnReader: @unchecked Sendable {
  @usableFromInline let base: UnsafeRawBufferPointer
  /// The mapping `base` points into, kept alive by every copy of the reader.
  let owner: MappedFile
  @usableFromInline let data: Range<Int>
  public let docCount: Int
  @usableFromInline let blockCount: Int
  /// The sum of the present values modulo 2^64, as the head states it (not
  /// checked against the values but by `validate`); nil in a version-2 file.
  public let sum: Int64?

  init(owner: MappedFile, data: Range<Int>, docCount: Int, sum: Int64?) {
    self.owner = owner
    self.base = owner.bytes
    self.data = data
    self.docCount = docCount
    self.sum = sum
    blockCount = (docCount + columnBlockSize - 1) / columnBlockSize
  }

  /// The byte range of block b's Block production (empty = all absent),
  /// nil when the offsets do not fit the column.
  @inlinable func blockBytes(_ b: Int) -> Range<Int>? {
    guard b >= 0 && b < blockCount else { return nil }
    if data.isEmpty { return data.lowerBound..<data.lowerBound }
    let table = data.lowerBound
    let blocksStart = table &+ blockCount &* 4
    let s = b == 0 ? 0 : Int(base.loadUnaligned(fromByteOffset: table &+ (b &- 1) &* 4, as: UInt32.self).littleEndian)
    let e = Int(base.loadUnaligned(fromByteOffset: table &+ b &* 4, as: UInt32.self).littleEndian)
    guard s <= e, blocksStart &+ e <= data.upperBound else { return nil }
    return (blocksStart &+ s)..<(blocksStart &+ e)
  }

  /// The value of `doc` (0 ≤ doc < docCount), or `ColumnsFile.absent`.
  @inlinable public func raw(_ doc: Int) -> Int64 {
    let b = doc >> 7  // columnBlockSize = 128
    guard let block = blockBytes(b), block.count >= 17 else { return ColumnsFile.absent }
    let flags = base[block.lowerBound]
    let width = Int(flags & 0x7F)
    let lo = base.loadUnaligned(fromByteOffset: block.lowerBound &+ 1, as: Int64.self).littleEndian
    var slot = doc & 127
    var packed = block.lowerBound &+ 17
    var present = min(columnBlockSize, docCount &- b &* columnBlockSize)
    if flags & 0x80 != 0 {
      guard block.count >= 33 else { return ColumnsFile.absent }
      // Rank of the slot among present values: slots below it minus the
      // absent ones (two popcounts over the 128-bit bitmap).
      let a0 = base.loadUnaligned(fromByteOffset: packed, as: UInt64.self).littleEndian
      let a1 = base.loadUnaligned(fromByteOffset: packed &+ 8, as: UInt64.self).littleEndian
      let word = slot < 64 ? a0 : a1
      if (word >> UInt64(slot & 63)) & 1 != 0 { return ColumnsFile.absent }
      let below: Int
      if slot < 64 {
        below = (a0 & ((1 << UInt64(slot)) &- 1)).nonzeroBitCount
      } else {
        below = a0.nonzeroBitCount &+ (a1 & ((1 << UInt64(slot &- 64)) &- 1)).nonzeroBitCount
      }
      present &-= a0.nonzeroBitCount &+ a1.nonzeroBitCount
      slot &-= below
      packed &+= 16
    }
    guard width <= 64, present >= 0, packed &+ BitPacking.byteCount(present, width: width) <= block.upperBound else {
      return ColumnsFile.absent
    }
    return lo &+ Int64(bitPattern: BitPacking.value(base, start: packed, index: slot, width: width))
  }

  /// Whether every document has a value: no block is empty or carries an
  /// absent bitmap (a read of each block's flags, not of its values).
  public var hasEveryValue: Bool {
    for b in 0..<blockCount {
      guard let block = blockBytes(b), !block.isEmpty, base[block.lowerBound] & 0x80 == 0 else { return false }
    }
    return true
  }

  public func value(_ doc: Int) -> Int64? {
    let v = raw(doc)
    return v == ColumnsFile.absent ? nil : v
  }

  /// Min and max of the present values in block `b` (min > max when none).
  public func blockRange(_ b: Int) -> (min: Int64, max: Int64) {
    guard let block = blockBytes(b), block.count >= 17 else { return (Int64.max, Int64.min) }
    return (
      base.loadUnaligned(fromByteOffset: block.lowerBound &+ 1, as: Int64.self).littleEndian,
      base.loadUnaligned(fromByteOffset: block.lowerBound &+ 9, as: Int64.self).littleEndian
    )
  }

  /// Checks every block's shape, that each value lies within its block's
  /// min and max, and that the values add up to the head's Sum (what
  /// `verify` runs; queries trust the checks above).
  public func validate(file: String) throws(IndexFormatError) {
    var total: Int64 = 0
    for b in 0..<blockCount {
      guard let block = blockBytes(b) else {
        throw .corrupt(file: file, offset: data.lowerBound + b * 4, reason: "column block \(b) offsets out of range")
      }
      if block.isEmpty { continue }
      guard block.count >= 17 else { throw .corrupt(file: file, offset: block.lowerBound, reason: "column block \(b) header truncated") }
      let flags = base[block.lowerBound]
      let width = Int(flags & 0x7F)
      let n = min(columnBlockSize, docCount - b * columnBlockSize)
      var present = n
      var header = 17
      if flags & 0x80 != 0 {
        header += 16
        guard block.count >= header else { throw .corrupt(file: file, offset: block.lowerBound, reason: "column block \(b) bitmap truncated") }
        var absent = 0
        for k in 0..<16 { absent += base[block.lowerBound + 17 + k].nonzeroBitCount }
        present -= absent
      }
      let (lo, hi) = blockRange(b)
      guard width <= 64, present > 0, lo <= hi, block.count == header + BitPacking.byteCount(present, width: width) else {
        throw .corrupt(file: file, offset: block.lowerBound, reason: "column block \(b) has a bad header")
      }
      for d in (b * columnBlockSize)..<(b * columnBlockSize + n) {
        let v = raw(d)
        guard v == ColumnsFile.absent || (v >= lo && v <= hi) else {
          throw .corrupt(file: file, offset: block.lowerBound, reason: "column block \(b) value outside its min/max")
        }
        if v != ColumnsFile.absent { total &+= v }
      }
    }
    if let sum, sum != total {
      throw .corrupt(file: file, offset: data.lowerBound, reason: "column values add up to \(total), its head says \(sum)")
    }
  }
}
