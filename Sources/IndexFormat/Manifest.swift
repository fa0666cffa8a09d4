// The manifest names the live segments and describes the schema. It is the
// commit point: a commit writes and fsyncs the segment files, then writes
// MANIFEST.tmp, fsyncs it and renames it over MANIFEST (atomic on POSIX),
// then fsyncs the directory. A reader sees the old or the new manifest,
// never a mix.
//
//   MANIFEST --> Header(kind 1), Line^*, Footer      (lines are UTF-8, '\n'-terminated)
//   Line     --> "generation" G | "analyzer" ID | "segment" Gen DocCount FileCount
//              | "field" ID Name Kind | "column" Name Decimals | "source" Size MTimeNanos Path

public struct SegmentMeta: Equatable, Sendable {
  public var generation: UInt64
  public var docCount: Int
  public var fileCount: Int
  public init(generation: UInt64, docCount: Int, fileCount: Int) {
    self.generation = generation
    self.docCount = docCount
    self.fileCount = fileCount
  }
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

/// A corpus file as it was when indexed: staleness is a change in this list.
public struct SourceStamp: Equatable, Sendable {
  public var path: String
  public var size: Int
  public var mtimeNanos: Int64
  public init(path: String, size: Int, mtimeNanos: Int64) {
    self.path = path
    self.size = size
    self.mtimeNanos = mtimeNanos
  }
}

public struct Manifest: Equatable, Sendable {
  public static let fileName = "MANIFEST"
  public var generation: UInt64
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
    var text = "generation \(generation)\nanalyzer \(analyzer)\n"
    for s in segments { text += "segment \(s.generation) \(s.docCount) \(s.fileCount)\n" }
    for f in fields { text += "field \(f.id) \(f.name) \(f.kind.rawValue)\n" }
    for c in columns { text += "column \(c.name) \(c.decimals)\n" }
    for s in sources { text += "source \(s.size) \(s.mtimeNanos) \(s.path)\n" }
    var w = Envelope.begin(.manifest, generation: generation)
    w.append(text.utf8)
    Envelope.finish(&w)
    return w.bytes
  }

  /// Reads and fully verifies (checksum included: the file is small) a manifest.
  public static func read(directory: String) throws(IndexFormatError) -> Manifest {
    let path = directory + "/" + fileName
    let file = try MappedFile(path: path)
    try Envelope.verifyChecksum(file, name: path)
    let payload = try Envelope.open(file, name: path, kind: .manifest)
    guard let text = String(validating: UnsafeRawBufferPointer(rebasing: file.bytes[payload]), as: UTF8.self) else {
      throw .corrupt(file: path, offset: payload.lowerBound, reason: "manifest is not UTF-8")
    }
    var m = Manifest(generation: 0, analyzer: "", segments: [], fields: [], columns: [], sources: [])
    for (n, line) in text.split(separator: "\n").enumerated() {
      let bad = IndexFormatError.corrupt(file: path, offset: payload.lowerBound, reason: "line \(n + 1): \(line.prefix(60))")
      let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
      switch parts.first {
      case "generation":
        guard parts.count == 2, let g = UInt64(parts[1]) else { throw bad }
        m.generation = g
      case "analyzer":
        m.analyzer = String(line.dropFirst("analyzer ".count))
      case "segment":
        guard parts.count == 4, let g = UInt64(parts[1]), let d = Int(parts[2]), let f = Int(parts[3]), d >= 0, f >= 0
        else { throw bad }
        m.segments.append(SegmentMeta(generation: g, docCount: d, fileCount: f))
      case "field":
        guard parts.count == 4, let id = UInt8(parts[1]), let kind = FieldKind(rawValue: String(parts[3])) else { throw bad }
        m.fields.append(FieldMeta(id: id, name: String(parts[2]), kind: kind))
      case "column":
        guard parts.count == 3, let d = Int(parts[2]), (0...8).contains(d) else { throw bad }
        m.columns.append(ColumnMeta(name: String(parts[1]), decimals: d))
      case "source":
        guard parts.count == 4, let size = Int(parts[1]), let mt = Int64(parts[2]) else { throw bad }
        m.sources.append(SourceStamp(path: String(parts[3]), size: size, mtimeNanos: mt))
      default:
        throw bad
      }
    }
    return m
  }

  /// Commits this manifest into `directory` atomically (see the file comment).
  public func commit(directory: String) throws(IndexFormatError) {
    let tmp = directory + "/" + Manifest.fileName + ".tmp"
    try FileSystem.writeFile(tmp, encode())
    try FileSystem.rename(tmp, directory + "/" + Manifest.fileName, directory: directory)
  }
}
