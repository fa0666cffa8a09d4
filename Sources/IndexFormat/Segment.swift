// A segment: four files sharing the generation that wrote them
// (seg-<gen>.dict, .pst, .num, .rec). Immutable once committed.

public enum SegmentFiles {
  public static func name(_ generation: UInt64, _ kind: FileKind) -> String {
    "seg-\(generation).\(kind.fileExtension)"
  }
}

/// The bytes of one segment, ready to write.
public struct SegmentData {
  public var dictionary: [UInt8]
  public var postings: [UInt8]
  public var columns: [UInt8]
  public var stored: [UInt8]
  public init(dictionary: [UInt8], postings: [UInt8], columns: [UInt8], stored: [UInt8]) {
    self.dictionary = dictionary
    self.postings = postings
    self.columns = columns
    self.stored = stored
  }

  /// Writes and fsyncs the four files into `directory`.
  public func write(directory: String, generation: UInt64) throws(IndexFormatError) {
    for (kind, bytes) in [(FileKind.dictionary, dictionary), (.postings, postings), (.columns, columns), (.stored, stored)] {
      try FileSystem.writeFile(directory + "/" + SegmentFiles.name(generation, kind), bytes)
    }
  }
}

/// An open segment: mapped files, checked headers and footers.
public final class SegmentReader: @unchecked Sendable {
  public let meta: SegmentMeta
  public let dictionary: DictionaryReader
  public let postings: PostingsFile
  public let columns: ColumnsFile
  public let stored: StoredFile
  let files: [(String, MappedFile)]

  public init(directory: String, meta: SegmentMeta) throws(IndexFormatError) {
    self.meta = meta
    let g = meta.generation
    func map(_ kind: FileKind) throws(IndexFormatError) -> (String, MappedFile) {
      let path = directory + "/" + SegmentFiles.name(g, kind)
      return (path, try MappedFile(path: path))
    }
    let d = try map(.dictionary), p = try map(.postings), c = try map(.columns), s = try map(.stored)
    files = [d, p, c, s]
    dictionary = try DictionaryReader(d.1, name: d.0, generation: g)
    postings = try PostingsFile(p.1, name: p.0, generation: g, docCount: meta.docCount)
    columns = try ColumnsFile(c.1, name: c.0, generation: g, docCount: meta.docCount)
    stored = try StoredFile(s.1, name: s.0, generation: g, docCount: meta.docCount)
  }

  /// Checks every file's checksum, then walks the dictionary and every
  /// postings list (ordering, bounds, doc freq = list length).
  public func verify() throws(IndexFormatError) {
    for (name, file) in files { try Envelope.verifyChecksum(file, name: name) }
    var previous: [UInt8] = []
    var first = true
    var positions: [UInt32] = []
    try dictionary.forEachTerm { (term, info) throws(IndexFormatError) in
      if !first && !previous.lexicographicallyPrecedes(term) {
        throw .corrupt(file: dictionary.name, offset: 0, reason: "terms out of order")
      }
      first = false
      previous = Array(term)
      var cursor = try postings.cursor(info)
      var n = 0
      while try cursor.advance() != .terminated {
        try cursor.positions(into: &positions)
        n += 1
      }
      if n != info.docFreq {
        throw .corrupt(file: postings.name, offset: info.postingsOffset, reason: "doc freq \(info.docFreq) but \(n) postings")
      }
    }
    for i in 0..<stored.records.count { _ = try stored.records.entry(i) }
    for i in 0..<stored.files.count { _ = try stored.files.entry(i) }
  }
}

/// A snapshot of the index: the manifest and its open segments. Readers
/// never see a half commit: they read one manifest and map the files it names.
public final class IndexReader: @unchecked Sendable {
  public let directory: String
  public let manifest: Manifest
  public let segments: [SegmentReader]

  public init(directory: String) throws(IndexFormatError) {
    self.directory = directory
    // A writer may delete an old segment between our reading MANIFEST and
    // mapping the files it names; read the new manifest then (bounded retries).
    var attempt = 0
    while true {
      let m = try Manifest.read(directory: directory)
      do {
        segments = try m.segments.map { (s) throws(IndexFormatError) -> SegmentReader in
          try SegmentReader(directory: directory, meta: s)
        }
        manifest = m
        return
      } catch {
        attempt += 1
        if case .missing = error, attempt < 5,
          let again = try? Manifest.read(directory: directory), again.generation != m.generation
        {
          continue
        }
        throw error
      }
    }
  }

  public var docCount: Int { segments.reduce(0) { $0 + $1.meta.docCount } }
}
