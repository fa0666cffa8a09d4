// Stored fields (.rec): what a hit displays. Two tables in one file: the
// segment's records (one per DocID) and its source files (one per input
// document); a record points at its file through the `file` column. Entries
// are packed into LZ4 blocks of ~32 KB (Lucene's stored fields, tantivy's doc
// store), each with a CRC-32C checked when it is decompressed; values of
// "shared" fields (record types, departments: the same few strings on
// thousands of records) are stored once per table and referenced by ordinal.
//
//   Payload   --> Table(records), Table(files)
//   Table     --> EntryCount u32le, BlockCount u32le, StringCount u32le, DictLength u32le (version ≥ 6),
//                 BlockHead^BlockCount, StringEnd u32le^StringCount, StringBytes, StringsCRC u32le,
//                 <Dictionary bytes^DictLength, DictCRC u32le>?  (when DictLength > 0), BlockData
//   BlockHead --> FirstEntry u32le, End u32le, RawLength u32le, CRC u32le        (16 bytes)
//   raw block --> Count VInt, EntryEnd VInt^Count, Entry^Count
//   Entry     --> <FieldID u8 (< 0x40), Value String | FieldID|0x80 u8, Ordinal VInt
//                   | FieldID|0x40 u8 (the previous entry's value of the field; never in a block's first entry)>*
// A block's CRC covers its head's first 12 bytes, then its compressed bytes,
// so every number used to find an entry in it is checked; StringsCRC covers
// StringEnd and StringBytes and is checked on the first use of a string.
// Every block of a table with a dictionary was compressed with it as its
// history (LZ4Dictionary); DictCRC is checked on the table's first decode.
// Written by SegmentBuilder and SegmentMerger; read by QueryEngine (hits,
// section filters) and the merger. See docs/FORMAT.md "Stored fields".

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

public typealias StoredEntry = [(field: UInt8, value: String)]

/// Raw bytes per block before it is closed: big enough for LZ4 to find the
/// boilerplate that repeats from record to record, small enough that showing
/// one hit decompresses little (~40 µs).
public let storedBlockTarget = 32 * 1024

/// Which dictionary a stored table's blocks are compressed with.
public enum StoredDictionary {
  /// None: every block stands alone (the files table; small tables).
  case none
  /// Trained on the table's first `StoredTableWriter.trainingBytes` of raw
  /// blocks, which wait uncompressed until then (a build's first segment).
  case train
  /// This one (the index's: segments that share it can have their blocks
  /// copied by a merge). An empty one is `none`.
  case use(LZ4Dictionary)
}

public struct StoredTableWriter {
  let sharedFields: Set<UInt8>
  var strings: [String] = []
  var ordinals: [String: Int] = [:]
  var heads = ByteWriter()
  var data = ByteWriter(capacity: 1 << 16)
  /// Where compressed blocks go instead of `data` when the table is too
  /// large to hold (a merge's records): `write(to:)` copies them back.
  var spill: SpillFile?
  /// Compressed bytes written so far (in `data` or the spill file).
  var dataLength = 0
  var pending = ByteWriter(capacity: storedBlockTarget + 4096)
  var pendingEnds: [Int] = []
  var blockCount = 0
  public private(set) var count = 0
  /// The open block's previous entry, by field id: a value equal to it is
  /// written as FieldID|0x40 alone. Consecutive records of a file share their
  /// section path (and mostly their type): 28 % of the raw bytes and, after
  /// LZ4 with the dictionary, 16 % of the compressed ones (python-lz4 on the
  /// 50 MB bench records).
  var previous = [String?](repeating: nil, count: 0x40)
  var previousFields: [UInt8] = []
  var currentFields: [(field: UInt8, value: String)] = []
  /// Whether full blocks are compressed on a thread of their own
  /// (BlockCompressor), made when the first full block closes.
  let compressInBackground: Bool
  var compressor: BlockCompressor?
  /// FirstEntry and RawLength of the blocks handed to `compressor` whose
  /// compressed bytes are not filed yet, oldest first.
  var inFlight: [(first: Int, rawLength: Int)] = []
  /// The dictionary every block is compressed with (nil: none, or not
  /// trained yet).
  public private(set) var dictionary: LZ4Dictionary?
  /// Whether closed blocks wait in `untrained` for the dictionary.
  var training: Bool
  var untrained: [(first: Int, raw: [UInt8])] = []
  var untrainedBytes = 0

  /// Raw bytes of blocks a table trains its dictionary on (`.train`): a
  /// corpus's boilerplate recurs from file to file, so the first 60 or so
  /// files' records find what the rest repeat (dictionaries trained on near
  /// and on far files did equally well on the generated corpus).
  public static let trainingBytes = 2_000_000
  /// Below this much raw text in all, a table gets no dictionary: it would
  /// cost more than it saves.
  public static let minimumTrainingBytes = 256 * 1024
  /// Dictionary bytes per raw byte trained on, up to LZ4Dictionary.maxSize.
  static let dictionaryShare = 32

  /// `sharedFields`: field ids (< 0x40) whose values are stored once per
  /// table and referenced by ordinal; worth it for values that repeat.
  /// `compressInBackground`: see BlockCompressor; the bytes are the same.
  public init(sharedFields: Set<UInt8> = [], dictionary: StoredDictionary = .none, compressInBackground: Bool = true) {
    precondition(sharedFields.allSatisfy { $0 < 0x40 })
    self.sharedFields = sharedFields
    self.compressInBackground = compressInBackground
    switch dictionary {
    case .none: training = false
    case .train: training = true
    case .use(let d):
      training = false
      self.dictionary = d.bytes.isEmpty ? nil : d
    }
  }

  /// A writer whose compressed blocks go to the file `spillPath` (created,
  /// removed when the writer is done with it) rather than to memory.
  public init(
    sharedFields: Set<UInt8> = [], dictionary: StoredDictionary = .none, spillPath: String, compressInBackground: Bool = true
  ) throws(IndexFormatError) {
    self.init(sharedFields: sharedFields, dictionary: dictionary, compressInBackground: compressInBackground)
    spill = try SpillFile(path: spillPath)
  }

  /// Heap bytes reserved: compressed blocks, the open block, blocks waiting
  /// for the dictionary, heads and the shared strings (with their lookup table).
  public var approximateBytes: Int {
    grownCapacity(data.count) + grownCapacity(pending.count) + grownCapacity(heads.count)
      + grownCapacity(pendingEnds.count) * 8 + sharedStringBytes + untrainedBytes
  }
  private var sharedStringBytes = 0

  public mutating func add(_ entry: StoredEntry) {
    let firstOfBlock = pendingEnds.isEmpty
    currentFields.removeAll(keepingCapacity: true)
    for (field, value) in entry where !value.isEmpty {
      precondition(field < 0x40, "stored field ids are below 0x40")
      currentFields.append((field, value))
      if !firstOfBlock, let p = previous[Int(field)], p == value {
        pending.u8(field | 0x40)
      } else if sharedFields.contains(field) {
        let ordinal: Int
        if let known = ordinals[value] {
          ordinal = known
        } else {
          ordinal = strings.count
          strings.append(value)
          ordinals[value] = ordinal
          sharedStringBytes += 2 * value.utf8.count + 64
        }
        pending.u8(field | 0x80)
        pending.vint(ordinal)
      } else {
        pending.u8(field)
        pending.string(value)
      }
    }
    for f in previousFields { previous[Int(f)] = nil }
    previousFields.removeAll(keepingCapacity: true)
    for (f, v) in currentFields {
      previous[Int(f)] = v
      previousFields.append(f)
    }
    pendingEnds.append(pending.count)
    count += 1
    if pending.count >= storedBlockTarget { closeBlock(last: false) }
  }

  /// Appends a block compressed elsewhere (a merge input's, `StoredTable.
  /// compressedBlock`) as it is: `entries` entries in `rawLength` raw
  /// bytes. The open block is closed first, so entries keep their order.
  /// Its shared-string ordinals are taken as this table's: the caller
  /// checks `adoptStrings` first.
  /// The block must have been compressed with this table's dictionary.
  public mutating func appendCompressed(_ bytes: UnsafeRawBufferPointer, entries: Int, rawLength: Int) {
    precondition(entries > 0)
    precondition(!training, "a table that trains its dictionary takes no compressed blocks")
    closeBlock(last: true)  // everything before it filed, in order
    inFlight.append((count, rawLength))
    count += entries
    fileBlock(Array(bytes))
  }

  /// Makes `strings` (a merge input's shared strings, in ordinal order) mean
  /// the same here: true when this table's strings so far are a prefix of
  /// them (the rest are added in order) or they are a prefix of this
  /// table's; false when an ordinal would mean two strings.
  public mutating func adoptStrings(_ strings: [String]) -> Bool {
    let common = min(strings.count, self.strings.count)
    guard strings[..<common] == self.strings[..<common] else { return false }
    for value in strings[common...] {
      ordinals[value] = self.strings.count
      self.strings.append(value)
      sharedStringBytes += 2 * value.utf8.count + 64
    }
    return true
  }

  /// Closes the open block: compressed here, or handed to the compressor
  /// when it is not the table's last (the last is waited for anyway).
  /// While the table trains its dictionary, closed blocks wait; when enough
  /// have (or the table ends) the dictionary is trained and they go on.
  mutating func closeBlock(last: Bool) {
    if !pendingEnds.isEmpty {
      var raw = ByteWriter(capacity: pending.count + pendingEnds.count * 2)
      raw.vint(pendingEnds.count)
      for e in pendingEnds { raw.vint(e) }
      raw.append(pending.bytes)
      let first = count - pendingEnds.count
      pending.bytes.removeAll(keepingCapacity: true)
      pendingEnds.removeAll(keepingCapacity: true)
      if training {
        untrainedBytes += raw.count
        untrained.append((first, raw.bytes))
      } else {
        compress(raw.bytes, first: first, inline: last)
      }
    }
    if training && (last || untrainedBytes >= Self.trainingBytes) { train(last: last) }
    fileCompressed(all: last)
  }

  /// Trains the dictionary now on the blocks closed so far (none if they
  /// are too few), when it has not been trained yet: a writer that gives
  /// every segment of an index one dictionary takes it from the first
  /// segment, whatever that segment's size.
  public mutating func endTraining() {
    if training { train(last: false) }
  }

  /// Trains the dictionary on the waiting blocks and compresses them.
  private mutating func train(last: Bool) {
    training = false
    if untrainedBytes >= Self.minimumTrainingBytes {
      var samples: [UInt8] = []
      samples.reserveCapacity(untrainedBytes)
      for b in untrained { samples += b.raw }
      let size = min(LZ4Dictionary.maxSize, untrainedBytes / Self.dictionaryShare)
      let trained = LZ4Dictionary.train(samples, size: size)
      if !trained.isEmpty { dictionary = LZ4Dictionary(trained) }
    }
    let waiting = untrained
    untrained = []
    untrainedBytes = 0
    for (k, b) in waiting.enumerated() { compress(b.raw, first: b.first, inline: last && k == waiting.count - 1) }
  }

  /// Closes the last block and waits for every block's compression (and
  /// trains the dictionary if it was still waiting for samples); the
  /// table's writes do it anyway, this makes `dictionary` final first.
  public mutating func close() { closeBlock(last: true) }

  /// Compresses a closed block here (`inline`), or hands it to the compressor.
  private mutating func compress(_ raw: [UInt8], first: Int, inline: Bool) {
    if !inline && compressInBackground && compressor == nil { compressor = BlockCompressor() }
    if let compressor, !inline {
      inFlight.append((first, raw.count))
      compressor.submit(raw, dictionary: dictionary)
    } else {
      // Blocks handed out earlier are filed first: heads stay in order.
      fileCompressed(all: true)
      inFlight.append((first, raw.count))
      fileBlock(LZ4.compress(raw, dictionary: dictionary))
    }
  }

  /// Files the compressor's finished blocks (with `all`, every block handed to it).
  private mutating func fileCompressed(all: Bool) {
    guard let compressor else { return }
    for block in compressor.take(all: all) { fileBlock(block) }
    precondition(!all || inFlight.isEmpty, "a block handed to the compressor was not returned")
  }

  /// Appends the oldest in-flight block's compressed bytes and its head.
  private mutating func fileBlock(_ compressed: [UInt8]) {
    let (first, rawLength) = inFlight.removeFirst()
    if let spill {
      spill.append(compressed)
    } else {
      data.append(compressed)
    }
    dataLength += compressed.count
    precondition(dataLength < Int(UInt32.max), "stored table over 4 GiB: flush smaller segments")
    let headStart = heads.count
    heads.u32(UInt32(first))
    heads.u32(UInt32(dataLength))
    heads.u32(UInt32(rawLength))
    let headCRC = heads.bytes[headStart...].withUnsafeBytes { CRC32C.checksum($0) }
    heads.u32(compressed.withUnsafeBytes { CRC32C.checksum($0, seed: headCRC) })
    blockCount += 1
  }

  mutating func write(into w: inout ByteWriter) {
    precondition(spill == nil, "a spilled table is written with write(to:)")
    writeHead(into: &w)
    w.append(data.bytes)
  }

  /// Writes the table to a streaming file: its head from memory, then the
  /// compressed blocks (copied from the spill file when there is one).
  mutating func write(to out: EnvelopeFileWriter) throws(IndexFormatError) {
    var head = ByteWriter()
    writeHead(into: &head)
    try out.append(head.bytes)
    if let spill {
      try spill.copy(to: out)
      self.spill = nil
    } else {
      try out.append(data.bytes)
    }
  }

  /// Everything before the compressed blocks: counts, heads, shared strings.
  mutating func writeHead(into w: inout ByteWriter) {
    closeBlock(last: true)
    w.u32(UInt32(count))
    w.u32(UInt32(blockCount))
    w.u32(UInt32(strings.count))
    let dictionaryBytes = dictionary?.bytes ?? []
    w.u32(UInt32(dictionaryBytes.count))
    w.append(heads.bytes)
    var table = ByteWriter()
    var end = 0
    for s in strings {
      end += s.utf8.count
      table.u32(UInt32(end))
    }
    for s in strings { table.append(s.utf8) }
    w.append(table.bytes)
    w.u32(table.bytes.withUnsafeBytes { CRC32C.checksum($0) })
    if !dictionaryBytes.isEmpty {
      w.append(dictionaryBytes)
      w.u32(dictionaryBytes.withUnsafeBytes { CRC32C.checksum($0) })
    }
  }
}

/// A temporary file of bytes a merge writes ahead of their place (compressed
/// stored blocks, the postings of a second range of terms): appended to,
/// read back once into the final file, then removed.
public final class SpillFile {
  let path: String
  private let fd: Int32
  private var buffer = ByteWriter(capacity: 1 << 20)
  private var failure: IndexFormatError?

  public init(path: String) throws(IndexFormatError) {
    self.path = path
    fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw .io(path: path, operation: "open for writing", errno: errno) }
  }

  deinit {
    close(fd)
    unlink(path)
  }

  /// Buffers bytes; a write error is kept and thrown by `copy`.
  public func append(_ bytes: [UInt8]) {
    buffer.append(bytes)
    if buffer.count >= 1 << 20 { flush() }
  }

  private func flush() {
    guard failure == nil else { return }
    do { try FileSystem.writeAll(fd, buffer.bytes, path: path) } catch { failure = error }
    buffer.bytes.removeAll(keepingCapacity: true)
  }

  /// Appends everything written so far to `out`, 1 MB at a time.
  public func copy(to out: EnvelopeFileWriter) throws(IndexFormatError) {
    flush()
    if let failure { throw failure }
    guard lseek(fd, 0, SEEK_SET) == 0 else { throw .io(path: path, operation: "seek", errno: errno) }
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { chunk.deallocate() }
    while true {
      let n = read(fd, chunk.baseAddress, chunk.count)
      if n < 0 {
        if errno == EINTR { continue }
        throw .io(path: path, operation: "read", errno: errno)
      }
      if n == 0 { return }
      try out.append(UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
    }
  }
}

public enum StoredWriter {
  /// Streams the .rec file to `path` (for a merge's spilled records table).
  public static func write(
    records: StoredTableWriter, files: StoredTableWriter, to path: String, generation: UInt64
  ) throws(IndexFormatError) {
    let out = try EnvelopeFileWriter(path: path, kind: .stored, generation: generation)
    var records = records, files = files
    try records.write(to: out)
    try files.write(to: out)
    try out.finish()
  }

  public static func finish(records: StoredTableWriter, files: StoredTableWriter, generation: UInt64) -> [UInt8] {
    var w = Envelope.begin(.stored, generation: generation)
    var records = records, files = files
    records.write(into: &w)
    files.write(into: &w)
    Envelope.finish(&w)
    return w.bytes
  }
}

public struct StoredTable: @unchecked Sendable {
  let base: UnsafeRawBufferPointer
  /// The mapping `base` points into, kept alive by every copy of the table.
  let owner: MappedFile
  let name: String
  public let count: Int
  let blockCount: Int
  let stringCount: Int
  let headsStart: Int
  let stringEndsStart: Int
  let stringBytesStart: Int
  let stringsCRCAt: Int
  /// The dictionary's bytes (empty: none) and where its CRC is.
  let dictionaryRange: Range<Int>
  let dataStart: Int
  let dataEnd: Int
  /// This table's key in `StoredBlockCache.shared`.
  let cacheID = StoredBlockCache.shared.newTable()
  let strings = CheckedOnce()
  let dictionaryChecked = CheckedOnce()

  /// The table at `r`, a reader over `owner`'s bytes, of format `version`
  /// (a dictionary from version 6 on).
  init(reading r: inout ByteReader, owner: MappedFile, version: UInt32) throws(IndexFormatError) {
    self.owner = owner
    base = r.base
    name = r.file
    count = Int(try r.u32())
    blockCount = Int(try r.u32())
    stringCount = Int(try r.u32())
    let dictionaryLength = version >= 6 ? Int(try r.u32()) : 0
    guard dictionaryLength <= LZ4Dictionary.maxSize else { throw r.corrupt("dictionary of \(dictionaryLength) bytes") }
    guard blockCount <= count, count == 0 || blockCount > 0,
      blockCount <= (r.end - r.offset) / 16, stringCount <= (r.end - r.offset) / 4
    else { throw r.corrupt("table of \(count) entries in \(blockCount) blocks with \(stringCount) strings does not fit") }
    headsStart = r.offset
    _ = try r.bytes(blockCount * 16)
    stringEndsStart = r.offset
    _ = try r.bytes(stringCount * 4)
    stringBytesStart = r.offset
    let stringsLength = stringCount == 0 ? 0 : Int(base.loadUnaligned(fromByteOffset: r.offset - 4, as: UInt32.self).littleEndian)
    _ = try r.bytes(stringsLength)
    stringsCRCAt = r.offset
    _ = try r.u32()
    dictionaryRange = r.offset..<(r.offset + dictionaryLength)
    if dictionaryLength > 0 {
      _ = try r.bytes(dictionaryLength)
      _ = try r.u32()
    }
    dataStart = r.offset
    let dataLength = blockCount == 0 ? 0 : Int(base.loadUnaligned(fromByteOffset: headsStart + (blockCount - 1) * 16 + 4, as: UInt32.self).littleEndian)
    _ = try r.bytes(dataLength)
    dataEnd = r.offset
  }

  func head(_ b: Int, _ field: Int) -> Int {
    Int(base.loadUnaligned(fromByteOffset: headsStart + b * 16 + field * 4, as: UInt32.self).littleEndian)
  }

  func corrupt(_ offset: Int, _ reason: String) -> IndexFormatError { .corrupt(file: name, offset: offset, reason: reason) }

  /// The block holding entry i: the last whose FirstEntry ≤ i (binary search).
  func block(of i: Int) -> Int {
    var lo = 0, hi = blockCount - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if head(mid, 0) <= i { lo = mid } else { hi = mid - 1 }
    }
    return lo
  }

  /// Decompresses block b (checking its CRC) and splits it into entries.
  func decode(_ b: Int) throws(IndexFormatError) -> StoredBlock {
    let headAt = headsStart + b * 16
    let (compressed, entries, rawLength) = try compressedBlock(b)
    let first = entries.lowerBound, next = entries.upperBound
    let raw = try LZ4.decompress(
      compressed, rawLength: rawLength, dictionary: try dictionary(),
      file: name, fileOffset: compressed.baseAddress! - base.baseAddress!)
    var bounds: [Int] = [0]
    bounds.reserveCapacity(next - first + 1)
    try raw.withUnsafeBufferPointer { (buf) throws(IndexFormatError) in
      let p = UnsafeRawBufferPointer(buf)
      var r = ByteReader(p, from: 0, to: p.count, file: name)
      // The checked count must agree with the next block's (unchecked) first entry.
      guard try r.vint() == UInt64(next - first) else { throw corrupt(headAt, "stored block \(b) entry count disagrees with the next block") }
      var previous = 0
      for _ in first..<next {
        let e = try r.vint(max: p.count, "entry end")
        guard e >= previous else { throw corrupt(headAt, "stored block \(b) entry ends decrease") }
        bounds.append(e)
        previous = e
      }
      guard r.offset + previous == p.count else { throw corrupt(headAt, "stored block \(b) entries do not fill it") }
      for k in bounds.indices { bounds[k] += r.offset }
    }
    return StoredBlock(index: b, first: first, raw: raw, bounds: bounds)
  }

  /// Block b decompressed, as the writer handed it to LZ4 (for measuring
  /// codecs on real blocks: `budgetsearch-bench codec --index`).
  public func rawBlock(_ b: Int) throws(IndexFormatError) -> [UInt8] {
    let (compressed, _, rawLength) = try compressedBlock(b)
    return try LZ4.decompress(
      compressed, rawLength: rawLength, dictionary: try dictionary(),
      file: name, fileOffset: compressed.baseAddress! - base.baseAddress!)
  }

  /// The dictionary the table's blocks were compressed with (empty: none),
  /// CRC checked on the first call; valid while the table's file is mapped.
  public func dictionary() throws(IndexFormatError) -> UnsafeRawBufferPointer {
    let bytes = UnsafeRawBufferPointer(rebasing: base[dictionaryRange])
    if !bytes.isEmpty && !dictionaryChecked.passed {
      let at = dictionaryRange.upperBound
      guard CRC32C.checksum(bytes) == base.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian else {
        throw corrupt(at, "dictionary checksum mismatch")
      }
      dictionaryChecked.passed = true
    }
    return bytes
  }

  /// The table's blocks, for a merge that copies them (`compressedBlock`).
  public var blocks: Int { blockCount }

  /// The table's shared strings in ordinal order.
  public func sharedStrings() throws(IndexFormatError) -> [String] {
    var out: [String] = []
    for k in 0..<stringCount { out.append(try string(k)) }
    return out
  }

  /// Block b as stored, CRC checked but not decompressed: its LZ4 bytes
  /// (valid while the table's file is mapped), the entries it holds and its
  /// raw length. Entries refer to this table's shared strings by ordinal.
  public func compressedBlock(_ b: Int) throws(IndexFormatError) -> (bytes: UnsafeRawBufferPointer, entries: Range<Int>, rawLength: Int) {
    guard b >= 0, b < blockCount else { throw corrupt(headsStart, "stored block \(b) of \(blockCount)") }
    let headAt = headsStart + b * 16
    let first = head(b, 0)
    let next = b + 1 < blockCount ? head(b + 1, 0) : count
    let start = b == 0 ? 0 : head(b - 1, 1), end = head(b, 1), rawLength = head(b, 2)
    guard first < next, next <= count, start <= end, dataStart + end <= dataEnd,
      rawLength <= (end - start) * 255 + 16
    else { throw corrupt(headAt, "stored block \(b) header out of range") }
    let compressed = UnsafeRawBufferPointer(rebasing: base[(dataStart + start)..<(dataStart + end)])
    let headCRC = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: base[headAt..<(headAt + 12)]))
    guard CRC32C.checksum(compressed, seed: headCRC) == UInt32(head(b, 3)) else {
      throw corrupt(headAt, "stored block \(b) checksum mismatch")
    }
    return (compressed, first..<next, rawLength)
  }

  /// Shared string `ordinal`.
  func string(_ ordinal: Int) throws(IndexFormatError) -> String {
    guard ordinal < stringCount else { throw corrupt(stringEndsStart, "string ordinal \(ordinal) of \(stringCount)") }
    if !strings.passed {
      let crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: base[stringEndsStart..<stringsCRCAt]))
      guard crc == base.loadUnaligned(fromByteOffset: stringsCRCAt, as: UInt32.self).littleEndian else {
        throw corrupt(stringsCRCAt, "shared strings checksum mismatch")
      }
      strings.passed = true
    }
    func end(_ k: Int) -> Int { Int(base.loadUnaligned(fromByteOffset: stringEndsStart + k * 4, as: UInt32.self).littleEndian) }
    let s = ordinal == 0 ? 0 : end(ordinal - 1), e = end(ordinal)
    guard s <= e, stringBytesStart + e <= dataStart else { throw corrupt(stringEndsStart + ordinal * 4, "string \(ordinal) out of range") }
    guard let str = String(validating: UnsafeRawBufferPointer(rebasing: base[(stringBytesStart + s)..<(stringBytesStart + e)]), as: UTF8.self) else {
      throw corrupt(stringBytesStart + s, "invalid UTF-8 in shared string \(ordinal)")
    }
    return str
  }

  /// The fields of entry i. Decompresses only the entry's block (recent
  /// blocks are cached, StoredBlockCache, so reading entries in order
  /// decompresses each block once). Throws `.corrupt` on a bad checksum,
  /// offset or length.
  public func entry(_ i: Int) throws(IndexFormatError) -> StoredEntry {
    let (blk, k) = try located(i)
    var out: StoredEntry = []
    try blk.raw.withUnsafeBufferPointer { (buf) throws(IndexFormatError) in
      let p = UnsafeRawBufferPointer(buf)
      var r = ByteReader(p, from: blk.bounds[k], to: blk.bounds[k + 1], file: name)
      while !r.atEnd {
        let field = try r.u8()
        if field & 0x80 != 0 {
          out.append((field & 0x7F, try string(try r.vint(max: Int(Int32.max), "string ordinal"))))
        } else if field & 0x40 != 0 {
          let f = field & 0x3F
          out.append((f, try text(of: try earlierValue(f, before: k, blk, p), p)))
        } else {
          out.append((field, try r.string()))
        }
      }
    }
    return out
  }

  /// Where a field's value is written: inline bytes of the raw block, or a
  /// shared string.
  enum ValueRef {
    case bytes(Range<Int>)
    case shared(Int)
  }

  /// The value of `field` that a repeat marker in entry k of `blk` refers
  /// to: that of the nearest earlier entry of the block that writes it.
  func earlierValue(_ field: UInt8, before k: Int, _ blk: StoredBlock, _ p: UnsafeRawBufferPointer) throws(IndexFormatError) -> ValueRef {
    var j = k - 1
    while j >= 0 {
      var r = ByteReader(p, from: blk.bounds[j], to: blk.bounds[j + 1], file: name)
      var repeated = false
      scan: while !r.atEnd {
        let f = try r.u8()
        if f & 0x80 != 0 {
          let ordinal = try r.vint(max: Int(Int32.max), "string ordinal")
          if f & 0x7F == field { return .shared(ordinal) }
        } else if f & 0x40 != 0 {
          if f & 0x3F == field {
            repeated = true
            break scan
          }
        } else {
          let n = try r.vint(max: r.end - r.offset, "string length")
          let start = r.offset
          _ = try r.bytes(n)
          if f == field { return .bytes(start..<(start + n)) }
        }
      }
      guard repeated else { break }
      j -= 1
    }
    throw corrupt(headsStart + blk.index * 16, "stored block \(blk.index) entry \(k) repeats field \(field) that the entry before does not hold")
  }

  /// A value as a String (inline bytes are checked UTF-8).
  func text(of ref: ValueRef, _ p: UnsafeRawBufferPointer) throws(IndexFormatError) -> String {
    switch ref {
    case .shared(let ordinal): return try string(ordinal)
    case .bytes(let range):
      guard let s = String(validating: UnsafeRawBufferPointer(rebasing: p[range]), as: UTF8.self) else {
        throw corrupt(headsStart, "invalid UTF-8 in a stored value")
      }
      return s
    }
  }
}

extension StoredTable {
  /// The decompressed block holding entry i (cached) and i's index in it.
  func located(_ i: Int) throws(IndexFormatError) -> (StoredBlock, Int) {
    guard i >= 0 && i < count else { throw corrupt(headsStart, "entry \(i) of \(count)") }
    let b = block(of: i)
    let blk: StoredBlock
    if let cached = StoredBlockCache.shared.get(cacheID, b) {
      blk = cached
    } else {
      blk = try decode(b)
      StoredBlockCache.shared.put(cacheID, blk)
    }
    let k = i - blk.first
    guard k >= 0, k + 1 < blk.bounds.count else { throw corrupt(headsStart + b * 16, "entry \(i) not in stored block \(b)") }
    return (blk, k)
  }

  /// Field `field` of entry i (nil when the entry has none), without
  /// building the entry's other values.
  public func value(_ i: Int, field: UInt8) throws(IndexFormatError) -> String? {
    var out: String?
    _ = try test(i, field: field) { bytes in
      out = bytes.map { String(decoding: $0, as: UTF8.self) }
      return true
    }
    return out
  }

  /// Whether field `field` of entry i satisfies `test`, which sees the
  /// value's UTF-8 bytes (nil when the entry has no such field). Builds no
  /// String and skips the entry's other values: filters that scan many
  /// records (section:) read one field each.
  public func test(
    _ i: Int, field: UInt8, _ test: (UnsafeRawBufferPointer?) -> Bool
  ) throws(IndexFormatError) -> Bool {
    let (blk, k) = try located(i)
    return try blk.raw.withUnsafeBufferPointer { (buf) throws(IndexFormatError) -> Bool in
      let p = UnsafeRawBufferPointer(buf)
      var r = ByteReader(p, from: blk.bounds[k], to: blk.bounds[k + 1], file: name)
      while !r.atEnd {
        let f = try r.u8()
        if f & 0x80 != 0 {
          let ordinal = try r.vint(max: Int(Int32.max), "string ordinal")
          if f & 0x7F == field {
            let value = try string(Int(ordinal))
            var copy = value
            return copy.withUTF8 { test(UnsafeRawBufferPointer($0)) }
          }
        } else if f & 0x40 != 0 {
          guard f & 0x3F == field else { continue }
          switch try earlierValue(field, before: k, blk, p) {
          case .bytes(let range): return test(UnsafeRawBufferPointer(rebasing: p[range]))
          case .shared(let ordinal):
            var copy = try string(ordinal)
            return copy.withUTF8 { test(UnsafeRawBufferPointer($0)) }
          }
        } else {
          let n = try r.vint(max: r.end - r.offset, "string length")
          let bytes = try r.bytes(n)
          if f == field { return test(bytes) }  // raw bytes: the caller decodes (repairing) what it keeps
        }
      }
      return test(nil)
    }
  }
}

/// One decompressed block: the raw bytes and where each entry starts and
/// ends (bounds[k] ..< bounds[k + 1] is entry first + k).
struct StoredBlock {
  var index: Int
  var first: Int
  var raw: [UInt8]
  var bounds: [Int]
}

public struct StoredFile: @unchecked Sendable {
  let file: MappedFile
  public let records: StoredTable
  public let files: StoredTable

  public init(_ file: MappedFile, name: String, generation: UInt64, docCount: Int) throws(IndexFormatError) {
    self.file = file
    let payload = try Envelope.open(file, name: name, kind: .stored, generation: generation)
    var r = ByteReader(file.bytes, from: payload.lowerBound, to: payload.upperBound, file: name)
    let version = Envelope.version(file)
    records = try StoredTable(reading: &r, owner: file, version: version)
    files = try StoredTable(reading: &r, owner: file, version: version)
    guard records.count == docCount else { throw r.corrupt("\(records.count) stored records, manifest says \(docCount)") }
    guard r.atEnd else { throw r.corrupt("\(r.end - r.offset) bytes after the files table") }
  }
}
