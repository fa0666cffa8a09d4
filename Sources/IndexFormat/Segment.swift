// A segment: four files sharing the generation that wrote them
// (seg-<gen>.dict, .pst, .num, .rec), immutable once committed, plus at most
// one live delete bitmap seg-<gen>.del.<commit> named by the manifest.
#if canImport(Glibc)
  import Glibc
#endif

public enum SegmentFiles {
  public static func name(_ generation: UInt64, _ kind: FileKind) -> String {
    "seg-\(generation).\(kind.fileExtension)"
  }
  public static func deletesName(_ generation: UInt64, commit: UInt64) -> String {
    "seg-\(generation).del.\(commit)"
  }
  /// Every file a manifest's segment entry names.
  public static func names(_ s: SegmentMeta) -> [String] {
    [FileKind.dictionary, .postings, .columns, .stored].map { name(s.generation, $0) }
      + (s.deleteGeneration == 0 ? [] : [deletesName(s.generation, commit: s.deleteGeneration)])
  }
  /// The segment generation in a `seg-<g>.…` file name.
  public static func generation(of fileName: String) -> UInt64? {
    guard fileName.hasPrefix("seg-") else { return nil }
    return UInt64(fileName.dropFirst(4).prefix { $0 != "." })
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
  /// Deleted docs; nil when none are.
  public let deletes: DeleteBitmap?
  /// The files mapped at open: dictionary, postings, deletes.
  private let eager: [MappedFile]
  private let deferredColumns: DeferredFile
  private let deferredStored: DeferredFile

  /// The numeric columns, mapped and checked at the first use (a query
  /// without a numeric filter, `section:` or `dept:` never maps them).
  public var columns: ColumnsFile {
    get throws(IndexFormatError) {
      guard case .columns(let c) = try deferredColumns.value() else { preconditionFailure("not a .num") }
      return c
    }
  }
  /// The stored records and files, mapped and checked at the first use (a
  /// count never maps them).
  public var stored: StoredFile {
    get throws(IndexFormatError) {
      guard case .stored(let s) = try deferredStored.value() else { preconditionFailure("not a .rec") }
      return s
    }
  }

  /// Every file mapped so far.
  var files: [MappedFile] {
    var all = eager
    if let c = deferredColumns.mapping { all.append(c) }
    if let s = deferredStored.mapping { all.append(s) }
    return all
  }

  /// Gives back the resident pages of one of the segment's files below
  /// byte `offset` (all of it by default); see `MappedFile.release`.
  public func release(_ kind: FileKind, below offset: Int = .max) { release(kind, 0..<offset) }

  /// Gives back the resident pages of one of the segment's files in `range`
  /// (byte offsets in the file).
  public func release(_ kind: FileKind, _ range: Range<Int>) {
    let name = SegmentFiles.name(meta.generation, kind)
    for file in files where file.path.hasSuffix("/" + name) || file.path == name { file.release(range) }
  }

  public init(directory: String, meta: SegmentMeta) throws(IndexFormatError) {
    self.meta = meta
    let g = meta.generation
    func map(_ kind: FileKind) throws(IndexFormatError) -> MappedFile {
      try MappedFile(path: directory + "/" + SegmentFiles.name(g, kind))
    }
    let d = try map(.dictionary), p = try map(.postings)
    var mapped = [d, p]
    dictionary = try DictionaryReader(d, name: d.path, generation: g)
    postings = try PostingsFile(p, name: p.path, generation: g, docCount: meta.docCount)
    let docCount = meta.docCount, fileCount = meta.fileCount
    deferredColumns = try DeferredFile(path: directory + "/" + SegmentFiles.name(g, .columns)) {
      (file) throws(IndexFormatError) in
      .columns(try ColumnsFile(file, name: file.path, generation: g, docCount: docCount))
    }
    deferredStored = try DeferredFile(path: directory + "/" + SegmentFiles.name(g, .stored)) {
      (file) throws(IndexFormatError) in
      let stored = try StoredFile(file, name: file.path, generation: g, docCount: docCount)
      guard stored.files.count == fileCount else {
        throw .corrupt(file: file.path, offset: 0, reason: "\(stored.files.count) stored files, manifest says \(fileCount)")
      }
      return .stored(stored)
    }
    if meta.deleteGeneration != 0 {
      let path = directory + "/" + SegmentFiles.deletesName(g, commit: meta.deleteGeneration)
      let file = try MappedFile(path: path)
      mapped.append(file)
      deletes = try DeleteBitmap(file, name: path, segment: meta)
    } else {
      deletes = nil
    }
    eager = mapped
  }

  /// Whether `doc` was deleted by a later commit (its file changed or went away).
  @inlinable public func isDeleted(_ doc: UInt32) -> Bool { deletes?.contains(doc) ?? false }

  /// Checks every file's checksum, then walks the dictionary and every
  /// postings list (ordering, bounds, doc freq = list length).
  public func verify() throws(IndexFormatError) {
    let columns = try columns, stored = try stored
    for file in files { try Envelope.verifyChecksum(file, name: file.path) }
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
        if info.hasPositions && positions.count != cursor.freq {
          throw .corrupt(file: postings.name, offset: info.postingsOffset, reason: "\(positions.count) positions for freq \(cursor.freq)")
        }
        n += 1
      }
      if n != info.docFreq {
        throw .corrupt(file: postings.name, offset: info.postingsOffset, reason: "doc freq \(info.docFreq) but \(n) postings")
      }
    }
    for i in 0..<stored.records.count { _ = try stored.records.entry(i) }
    for c in columns.ranges { try columns.column(c.name)!.validate(file: columns.name) }
    // Records of a file are contiguous: the file column never decreases and
    // points into the files table (the writer's deletes and dept:/region: rely on it).
    if let fileColumn = columns.column("file") {
      var previous: Int64 = 0
      for d in 0..<meta.docCount {
        let f = fileColumn.raw(d)
        guard f >= previous, f < Int64(stored.files.count) else {
          throw .corrupt(file: columns.name, offset: 0, reason: "file column \(f) at doc \(d) out of order or range")
        }
        previous = f
      }
    }
    for i in 0..<stored.files.count { _ = try stored.files.entry(i) }
  }
}

/// A segment file opened with the segment but mapped and read at its first
/// use. A count never reads the stored records and most queries no numeric
/// column, and every mapping costs a fresh process an `mmap` (under the
/// memory-map lock, which the open's two threads contend for), page faults
/// for the envelope and the parse of its tables: 16 of a 500 MB index's 32
/// files. The descriptor is opened eagerly, so a writer that deletes the
/// file after a later commit cannot take it from this snapshot, and a
/// missing file still fails the open (which reads the new manifest then).
/// The first outcome, value or error, is kept. Not generic: the runtime
/// builds a generic class's metadata from its mangled name in every fresh
/// process; as `DeferredFile<Value>` that was ≈ 0.1 ms of CPU per fresh
/// count (perf: 493 → 113 samples of it under SegmentReader.init in 150
/// counts; task-clock 2.20–2.27 → 2.03–2.14 ms, three alternations).
final class DeferredFile: @unchecked Sendable {
  /// What a deferred file holds once read.
  enum Content {
    case unread
    case columns(ColumnsFile)
    case stored(StoredFile)
  }

  let path: String
  private var fd: Int32
  private var loaded = Content.unread
  private var failure: IndexFormatError?
  private var mapped: MappedFile?
  private let read: (MappedFile) throws(IndexFormatError) -> Content
  private let mutex = PThreadMutex()

  init(path: String, read: @escaping (MappedFile) throws(IndexFormatError) -> Content) throws(IndexFormatError) {
    fd = try MappedFile.openReadOnly(path)
    self.path = path
    self.read = read
  }

  deinit {
    if fd >= 0 { close(fd) }
  }

  /// The mapping, if the file has been read.
  var mapping: MappedFile? { mutex.withLock { mapped } }

  func value() throws(IndexFormatError) -> Content {
    mutex.lock()
    defer { mutex.unlock() }
    if case .unread = loaded {} else { return loaded }
    if let failure { throw failure }
    do throws(IndexFormatError) {
      defer {
        close(fd)
        fd = -1
      }
      let file = try MappedFile(fd: fd, path: path)
      let v = try read(file)
      mapped = file
      loaded = v
      return v
    } catch {
      failure = error
      throw error
    }
  }
}

/// A snapshot of the index: the manifest and its open segments. Readers
/// never see a half commit: they read one manifest and map the files it names.
public final class IndexReader: @unchecked Sendable {
  public let directory: String
  public let manifest: Manifest
  public let segments: [SegmentReader]

  /// Opens the committed snapshot. `includeSources: false` skips the corpus
  /// file list (`manifest.sources` is then empty): all a search needs.
  public init(directory: String, includeSources: Bool = true) throws(IndexFormatError) {
    self.directory = directory
    // A writer may delete an old segment between our reading MANIFEST and
    // mapping the files it names; read the new manifest then. Each retry
    // needs a newer commit, so this ends; the bound only stops a writer
    // committing faster than we can open from starving us forever.
    var attempt = 0
    while true {
      let m = try Manifest.read(directory: directory, includeSources: includeSources)
      do {
        segments = try Self.open(m.segments, in: directory)
        manifest = m
        return
      } catch {
        attempt += 1
        if case .missing = error, attempt < 100,
          let again = try? Manifest.read(directory: directory, includeSources: false), again.generation != m.generation
        {
          continue
        }
        throw error
      }
    }
  }

  /// The segments' readers, in manifest order. Each costs about 0.1 ms to
  /// open in a fresh process (two files to map and two to open, headers and
  /// footers to fault in and check, tables to read): a 500 MB index of 8
  /// segments took a millisecond of every `search` when all four files were
  /// mapped at open (see DeferredFile). From 4 segments on, a helper of
  /// the WorkerPool opens them too (and stays parked for the query). The
  /// first error in manifest order is thrown, after every open has ended.
  static func open(_ metas: [SegmentMeta], in directory: String) throws(IndexFormatError) -> [SegmentReader] {
    let opened = OpenSlots(metas.count)
    let queue = TaskQueue(Array(metas.indices))
    let work = {
      while let i = queue.next() {
        do throws(IndexFormatError) {
          opened.readers[i] = try SegmentReader(directory: directory, meta: metas[i])
        } catch {
          opened.errors[i] = error
        }
      }
    }
    WorkerPool.shared.run(helpers: metas.count >= 4 && sysconf(Int32(_SC_NPROCESSORS_ONLN)) >= 2 ? 1 : 0, work)
    var out: [SegmentReader] = []
    out.reserveCapacity(metas.count)
    for i in metas.indices {
      if let e = opened.errors[i] { throw e }
      out.append(opened.readers[i]!)
    }
    return out
  }

  public var docCount: Int { segments.reduce(0) { $0 + $1.meta.docCount } }
  /// Documents not deleted.
  public var liveDocCount: Int { segments.reduce(0) { $0 + $1.meta.liveCount } }
}

/// Each segment's reader or error: a slot is written by the one thread that
/// opened it, and read after the pool's `run` returns. Raw memory, not
/// arrays: threads write different slots at once. Not `Result`s: their
/// requirement (Failure: Error) costs a fresh process a scan of every
/// conformance record of the binary when the runtime first builds the type
/// (≈ 60 µs).
private final class OpenSlots: @unchecked Sendable {
  let readers: UnsafeMutablePointer<SegmentReader?>
  let errors: UnsafeMutablePointer<IndexFormatError?>
  private let count: Int

  init(_ count: Int) {
    self.count = count
    readers = .allocate(capacity: count)
    readers.initialize(repeating: nil, count: count)
    errors = .allocate(capacity: count)
    errors.initialize(repeating: nil, count: count)
  }

  deinit {
    // Slot by slot: `deinitialize(count:)` calls the runtime's array
    // destroy, which needs the element type's metadata, built from its
    // mangled name in every fresh process. Perf of 150 fresh counts: 1411 →
    // 1241 samples of metadata building in all (≈ 45 µs a count; part of it
    // moved to the next user of those types); wall time within noise.
    for i in 0..<count {
      _ = (readers + i).move()
      _ = (errors + i).move()
    }
    readers.deallocate()
    errors.deallocate()
  }
}
