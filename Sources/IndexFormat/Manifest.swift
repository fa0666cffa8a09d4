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
//              | "file" Size MTimeNanos Hash16 SegmentGen FileOrdinal Path
// docs/FORMAT.md gives the meaning of each field.

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

/// How a field is indexed: text (gram + word views), keyword (exact), or stored only.
public enum FieldKind: String, Sendable { case text, keyword, stored }

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
    for s in sources {
      let h = String(s.hash, radix: 16)
      text += "file \(s.size) \(s.mtimeNanos) \(String(repeating: "0", count: 16 - h.count) + h) \(s.segment) \(s.fileOrdinal) \(s.path)\n"
    }
    var w = Envelope.begin(.manifest, generation: generation)
    w.append(text.utf8)
    Envelope.finish(&w)
    return w.bytes
  }

  /// Reads and fully verifies (checksum included) a manifest. The `file`
  /// lines (one per corpus file, written last) are parsed only when
  /// `includeSources`: a search needs the segments and the schema, and with
  /// 20,000 files the source list is most of the manifest.
  public static func read(directory: String, includeSources: Bool = true) throws(IndexFormatError) -> Manifest {
    let path = directory + "/" + fileName
    let file = try MappedFile(path: path)
    try Envelope.verifyChecksum(file, name: path)
    var payload = try Envelope.open(file, name: path, kind: .manifest)
    if !includeSources, let cut = firstSourceLine(file.bytes, in: payload) { payload = payload.lowerBound..<cut }
    guard let text = String(validating: UnsafeRawBufferPointer(rebasing: file.bytes[payload]), as: UTF8.self) else {
      throw .corrupt(file: path, offset: payload.lowerBound, reason: "manifest is not UTF-8")
    }
    var m = Manifest(generation: 0, analyzer: "", segments: [], fields: [], columns: [], sources: [])
    for (n, line) in text.split(separator: "\n").enumerated() {
      let bad = IndexFormatError.corrupt(file: path, offset: payload.lowerBound, reason: "line \(n + 1): \(line.prefix(60))")
      let parts = line.split(separator: " ", maxSplits: line.hasPrefix("file ") ? 6 : 5, omittingEmptySubsequences: false)
      switch parts.first {
      case "generation":
        guard parts.count == 2, let g = UInt64(parts[1]) else { throw bad }
        m.generation = g
      case "analyzer":
        m.analyzer = String(line.dropFirst("analyzer ".count))
      case "next-segment":
        guard parts.count == 2, let n = UInt64(parts[1]) else { throw bad }
        m.nextSegment = n
      case "segment":
        guard parts.count == 6, let g = UInt64(parts[1]), let d = Int(parts[2]), let f = Int(parts[3]),
          let dg = UInt64(parts[4]), let dc = Int(parts[5]), d >= 0, f >= 0, dc >= 0, dc <= d, dg > 0 || dc == 0
        else { throw bad }
        m.segments.append(SegmentMeta(generation: g, docCount: d, fileCount: f, deleteGeneration: dg, deletedCount: dc))
      case "field":
        guard parts.count == 4, let id = UInt8(parts[1]), let kind = FieldKind(rawValue: String(parts[3])) else { throw bad }
        m.fields.append(FieldMeta(id: id, name: String(parts[2]), kind: kind))
      case "column":
        guard parts.count == 3, let d = Int(parts[2]), (0...8).contains(d) else { throw bad }
        m.columns.append(ColumnMeta(name: String(parts[1]), decimals: d))
      case "file":
        guard parts.count == 7, let size = Int(parts[1]), let mt = Int64(parts[2]), parts[3].count == 16,
          let h = UInt64(parts[3], radix: 16), let seg = UInt64(parts[4]), let ord = Int(parts[5]), ord >= 0
        else { throw bad }
        m.sources.append(SourceStamp(path: String(parts[6]), size: size, mtimeNanos: mt, hash: h, segment: seg, fileOrdinal: ord))
      default:
        throw bad
      }
    }
    return m
  }

  /// Offset of the first "file " line in `range`, if any.
  static func firstSourceLine(_ bytes: UnsafeRawBufferPointer, in range: Range<Int>) -> Int? {
    let pattern = Array("\nfile ".utf8)
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
