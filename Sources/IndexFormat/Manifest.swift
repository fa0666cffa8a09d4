// The manifest names the live segments and describes the schema. It is the
// commit point: a commit writes and fsyncs the segment files, then writes
// MANIFEST.tmp, fsyncs it and renames it over MANIFEST (atomic on POSIX),
// then fsyncs the directory. A reader sees the old or the new manifest,
// never a mix.
//
//   MANIFEST --> Header(kind 1), Line^*, Footer      (lines are UTF-8, '\n'-terminated)
//   Line     --> "generation" G | "next-segment" N | "analyzer" ID
//              | "segment" Gen DocCount FileCount DeleteGen DeletedCount
//              | "field" ID Name Kind | "column" Name Decimals
//              | "head-crc" CRC8 | "file" Size MTimeNanos Hash16 SegmentGen FileOrdinal Path
// docs/FORMAT.md gives the meaning of each field. `head-crc` (format 4)
// precedes the `file` lines and holds the CRC-32C of every byte before it:
// a search, which needs the segments and the schema but not the corpus list
// (most of the file: 2.2 MB at 26,000 files), checks only that head.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

public struct SegmentMeta: Equatable, Sendable {
  public var generation: UInt64
  public var docCount: Int
  public var fileCount: Int
  /// The commit that wrote this segment's delete bitmap; 0 when nothing is deleted.
  public var deleteGeneration: UInt64
  public var deletedCount: Int
  public init(generation: UInt64, docCount: Int, fileCount: Int, deleteGeneration: UInt64 = 0, deletedCount: Int = 0) {
    self.generation = generation
    self.docCount = docCount
    self.fileCount = fileCount
    self.deleteGeneration = deleteGeneration
    self.deletedCount = deletedCount
  }
  public var liveCount: Int { docCount - deletedCount }
}

/// How a field is indexed: text (gram view for matching, ICU word view for
/// ranking), gram text (the gram view alone, which also ranks it: format 5),
/// keyword (exact), or stored only. Readers take each field's kind from the
/// index they open, so an index written with another kind for a field ranks
/// as it was written.
public enum FieldKind: String, Sendable {
  case text, keyword, stored
  case gramText = "gram-text"
}

public struct FieldMeta: Equatable, Sendable {
  public var id: UInt8
  public var name: String
  public var kind: FieldKind
  public init(id: UInt8, name: String, kind: FieldKind) {
    self.id = id
    self.name = name
    self.kind = kind
  }
}

public struct ColumnMeta: Equatable, Sendable {
  public var name: String
  /// Implied decimal places: 2 for amounts (0.01 万元) and rates (0.01 %), 0 for years.
  public var decimals: Int
  public init(name: String, decimals: Int) {
    self.name = name
    self.decimals = decimals
  }
}

/// A corpus file as it was when indexed, and where its records are.
public struct SourceStamp: Equatable, Sendable {
  /// `segment` of a file whose records are in no segment (it was skipped).
  public static let noSegment: UInt64 = 0
  public var path: String
  public var size: Int
  public var mtimeNanos: Int64
  /// XXH64 of the file's bytes.
  public var hash: UInt64
  /// The segment holding the file's records, and the file's index in that
  /// segment's stored files table (= the `file` column of its records).
  public var segment: UInt64
  public var fileOrdinal: Int
  public init(path: String, size: Int, mtimeNanos: Int64, hash: UInt64 = 0, segment: UInt64 = 0, fileOrdinal: Int = 0) {
    self.path = path
    self.size = size
    self.mtimeNanos = mtimeNanos
    self.hash = hash
    self.segment = segment
    self.fileOrdinal = fileOrdinal
  }
  /// Same path, size and modification time: the cheap "unchanged" test.
  public func sameStat(_ other: SourceStamp) -> Bool {
    path == other.path && size == other.size && mtimeNanos == other.mtimeNanos
  }
}

public struct Manifest: Equatable, Sendable {
  public static let fileName = "MANIFEST"
  public var generation: UInt64
  /// The next segment generation to allocate; never reused, so a reader of an
  /// older manifest can never map a newer file under an old name.
  public var nextSegment: UInt64 = 0
  public var analyzer: String
  public var segments: [SegmentMeta]
  public var fields: [FieldMeta]
  public var columns: [ColumnMeta]
  public var sources: [SourceStamp]

  public init(
    generation: UInt64, analyzer: String, segments: [SegmentMeta], fields: [FieldMeta],
    columns: [ColumnMeta], sources: [SourceStamp]
  ) {
    self.generation = generation
    self.analyzer = analyzer
    self.segments = segments
    self.fields = fields
    self.columns = columns
    self.sources = sources
  }

  public func field(named name: String) -> FieldMeta? { fields.first { $0.name == name } }

  func encode() -> [UInt8] {
    var text = "generation \(generation)\nnext-segment \(nextSegment)\nanalyzer \(analyzer)\n"
    for s in segments {
      text += "segment \(s.generation) \(s.docCount) \(s.fileCount) \(s.deleteGeneration) \(s.deletedCount)\n"
    }
    for f in fields { text += "field \(f.id) \(f.name) \(f.kind.rawValue)\n" }
    for c in columns { text += "column \(c.name) \(c.decimals)\n" }
    var w = Envelope.begin(.manifest, generation: generation)
    w.append(text.utf8)
    let headCRC = w.bytes.withUnsafeBytes { CRC32C.checksum($0) }
    text = "head-crc \(hexDigits(UInt64(headCRC), count: 8))\n"
    for s in sources {
      text += "file \(s.size) \(s.mtimeNanos) \(hexDigits(s.hash, count: 16)) \(s.segment) \(s.fileOrdinal) \(s.path)\n"
    }
    w.append(text.utf8)
    Envelope.finish(&w)
    return w.bytes
  }

  /// Reads and verifies a manifest. The `file` lines (one per corpus file,
  /// written last) are parsed only when `includeSources`: a search needs the
  /// segments and the schema, and with 20,000 files the source list is most
  /// of the manifest. Without them, a format-4 manifest is checked by its
  /// head's CRC (the `head-crc` line) and the rest is never read; otherwise
  /// by the whole file's.
  ///
  /// Lines are parsed as bytes (a manifest of 26,000 files parses in a few
  /// milliseconds; splitting Strings into Characters took 100 ms and more).
  public static func read(directory: String, includeSources: Bool = true) throws(IndexFormatError) -> Manifest {
    let path = directory + "/" + fileName
    let file = try MappedFile(path: path)
    var payload = try Envelope.open(file, name: path, kind: .manifest)
    // The head ends where the `file` lines start (right after `head-crc` in format 4).
    let sourcesStart = includeSources ? nil : firstLine(file.bytes, in: payload, startingWith: "file ")
    if !includeSources && Envelope.version(file) >= 4 {
      let head = payload.lowerBound..<(sourcesStart ?? payload.upperBound)
      guard let line = firstLine(file.bytes, in: head, startingWith: "head-crc "),
        let crc = headCRC(file.bytes, line: line..<head.upperBound)
      else { throw .corrupt(file: path, offset: payload.lowerBound, reason: "no head-crc line") }
      let actual = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: file.bytes[0..<line]))
      guard actual == crc else { throw .checksumMismatch(file: path, expected: crc, actual: actual) }
      payload = payload.lowerBound..<line
    } else {
      try Envelope.verifyChecksum(file, name: path)
      if let sourcesStart { payload = payload.lowerBound..<sourcesStart }
    }
    let bytes = UnsafeRawBufferPointer(rebasing: file.bytes[payload])
    guard isValidUTF8(bytes) else {
      throw .corrupt(file: path, offset: payload.lowerBound, reason: "manifest is not UTF-8")
    }
    var m = Manifest(generation: 0, analyzer: "", segments: [], fields: [], columns: [], sources: [])
    var n = 0  // non-empty lines so far (blank lines are skipped, as before)
    var start = 0
    while start < bytes.count {
      let base = bytes.baseAddress!
      let newline = memchr(base + start, 0x0A, bytes.count - start).map { UnsafeRawPointer($0) - base } ?? bytes.count
      defer { start = newline + 1 }
      if newline == start { continue }
      n += 1
      let line = UnsafeRawBufferPointer(rebasing: bytes[start..<newline])
      guard parseLine(line, into: &m) else {
        let text = String(decoding: line, as: UTF8.self)
        throw .corrupt(file: path, offset: payload.lowerBound, reason: "line \(n): \(text.prefix(60))")
      }
    }
    return m
  }

  /// Parses one manifest line into `m`; false if it is malformed.
  static func parseLine(_ line: UnsafeRawBufferPointer, into m: inout Manifest) -> Bool {
    let isFile = line.starts(with: "file ".utf8)
    var parts = Fields(line: line, maxSplits: isFile ? 6 : 5)
    let count = parts.count
    let key = parts.next()
    func text(_ s: Slice<UnsafeRawBufferPointer>) -> String { String(decoding: s, as: UTF8.self) }
    func equal(_ s: Slice<UnsafeRawBufferPointer>, _ word: StaticString) -> Bool {
      s.count == word.utf8CodeUnitCount && s.elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }
    if equal(key, "file") {
      guard count == 7, let size = integer(parts.next(), as: Int.self), let mt = integer(parts.next(), as: Int64.self) else { return false }
      let hash = parts.next()
      guard characterCount(hash) == 16, let h = integer(hash, as: UInt64.self, radix: 16),
        let seg = integer(parts.next(), as: UInt64.self), let ord = integer(parts.next(), as: Int.self), ord >= 0
      else { return false }
      m.sources.append(SourceStamp(path: text(parts.next()), size: size, mtimeNanos: mt, hash: h, segment: seg, fileOrdinal: ord))
    } else if equal(key, "head-crc") {
      // Checked by `read` when it stops here; covered by the file's CRC otherwise.
      let crc = parts.next()
      guard count == 2, crc.count == 8, integer(crc, as: UInt32.self, radix: 16) != nil else { return false }
    } else if equal(key, "generation") {
      guard count == 2, let g = integer(parts.next(), as: UInt64.self) else { return false }
      m.generation = g
    } else if equal(key, "analyzer") {
      m.analyzer = String(decoding: line.dropFirst("analyzer ".count), as: UTF8.self)
    } else if equal(key, "next-segment") {
      guard count == 2, let n = integer(parts.next(), as: UInt64.self) else { return false }
      m.nextSegment = n
    } else if equal(key, "segment") {
      guard count == 6, let g = integer(parts.next(), as: UInt64.self), let d = integer(parts.next(), as: Int.self),
        let f = integer(parts.next(), as: Int.self), let dg = integer(parts.next(), as: UInt64.self),
        let dc = integer(parts.next(), as: Int.self), d >= 0, f >= 0, dc >= 0, dc <= d, dg > 0 || dc == 0
      else { return false }
      m.segments.append(SegmentMeta(generation: g, docCount: d, fileCount: f, deleteGeneration: dg, deletedCount: dc))
    } else if equal(key, "field") {
      guard count == 4, let id = integer(parts.next(), as: UInt8.self) else { return false }
      let name = text(parts.next())
      guard let kind = FieldKind(rawValue: text(parts.next())) else { return false }
      m.fields.append(FieldMeta(id: id, name: name, kind: kind))
    } else if equal(key, "column") {
      guard count == 3 else { return false }
      let name = text(parts.next())
      guard let d = integer(parts.next(), as: Int.self), (0...8).contains(d) else { return false }
      m.columns.append(ColumnMeta(name: name, decimals: d))
    } else {
      return false
    }
    return true
  }

  /// The pieces of `line` split at single spaces, at most `maxSplits` times,
  /// empty pieces kept (String.split(separator:maxSplits:omittingEmptySubsequences: false)),
  /// handed out one at a time without building an array.
  struct Fields {
    let line: UnsafeRawBufferPointer
    let maxSplits: Int
    private var start = 0
    private var splits = 0

    init(line: UnsafeRawBufferPointer, maxSplits: Int) {
      self.line = line
      self.maxSplits = maxSplits
    }

    /// How many pieces there are.
    var count: Int {
      var n = 1
      for b in line where b == 0x20 {
        n += 1
        if n > maxSplits { break }
      }
      return n
    }

    /// The next piece (empty past the last).
    mutating func next() -> Slice<UnsafeRawBufferPointer> {
      guard start <= line.count else { return line[line.count..<line.count] }
      var end = line.count
      if splits < maxSplits, let space = line[start...].firstIndex(of: 0x20) { end = space }
      defer {
        start = end + 1
        splits += 1
      }
      return line[start..<end]
    }
  }

  /// Parses an integer as `T(String, radix:)` does: ASCII digits take the
  /// fast path, anything else (signs, non-ASCII) goes through the standard
  /// library so the accepted forms are exactly the same.
  static func integer<T: FixedWidthInteger>(_ s: Slice<UnsafeRawBufferPointer>, as: T.Type, radix: Int = 10) -> T? {
    guard !s.isEmpty, s.count <= (radix == 16 ? 16 : 19) else { return T(String(decoding: s, as: UTF8.self), radix: radix) }
    var v: UInt64 = 0
    for b in s {
      let d: UInt8
      switch b {
      case 0x30...0x39: d = b &- 0x30
      case 0x61...0x66 where radix == 16: d = b &- 0x61 &+ 10
      case 0x41...0x46 where radix == 16: d = b &- 0x41 &+ 10
      default: return T(String(decoding: s, as: UTF8.self), radix: radix)
      }
      v = v &* UInt64(radix) &+ UInt64(d)  // 19 decimal or 16 hex digits never overflow 64 bits
    }
    return T(exactly: v)
  }

  /// Characters (grapheme clusters) in `s`: its byte count when ASCII.
  static func characterCount(_ s: Slice<UnsafeRawBufferPointer>) -> Int {
    s.allSatisfy { $0 < 0x80 } ? s.count : String(decoding: s, as: UTF8.self).count
  }

  /// Whether `bytes` is well-formed UTF-8 (ASCII runs skipped eight bytes at a time).
  static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var i = 0
    let n = bytes.count
    while i + 8 <= n && bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
    if i == n { return true }
    return String(validating: UnsafeRawBufferPointer(rebasing: bytes[i...]), as: UTF8.self) != nil
  }

  /// The CRC of the `head-crc` line at the start of `line` (its bytes up to
  /// the head's end); nil unless it is "head-crc" and 8 hex digits.
  static func headCRC(_ bytes: UnsafeRawBufferPointer, line: Range<Int>) -> UInt32? {
    let digits = line.lowerBound + "head-crc ".utf8.count
    guard digits + 9 <= line.upperBound, bytes[digits + 8] == 0x0A else { return nil }
    return integer(bytes[digits..<(digits + 8)], as: UInt32.self, radix: 16)
  }

  /// Offset of the first line in `range` (after its first byte) that starts with `prefix`, if any.
  static func firstLine(_ bytes: UnsafeRawBufferPointer, in range: Range<Int>, startingWith prefix: String) -> Int? {
    let pattern = Array(("\n" + prefix).utf8)
    var i = range.lowerBound
    while i + pattern.count <= range.upperBound {
      if bytes[i] == 0x0A && bytes[(i + 1)..<(i + pattern.count)].elementsEqual(pattern[1...]) { return i + 1 }
      i += 1
    }
    return nil
  }

  /// Commits this manifest into `directory` atomically (see the file comment).
  public func commit(directory: String) throws(IndexFormatError) {
    let tmp = directory + "/" + Manifest.fileName + ".tmp"
    try FileSystem.writeFile(tmp, encode())
    try FileSystem.rename(tmp, directory + "/" + Manifest.fileName, directory: directory)
  }
}
