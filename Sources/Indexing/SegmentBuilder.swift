// Records → analysed fields + numeric columns → one segment's bytes.
import Disclosure
import Glibc
import IndexFormat
import TextAnalysis

/// Builds one segment in memory. Not thread-safe (owns an ICU segmenter).
public final class SegmentBuilder {
  /// nil only while `add` works on it as a local (see there).
  private var terms: TermTable? = TermTable()
  /// Scratch for one field's terms, reused.
  private var batch = TermTable.Batch()
  private var storedRecords: StoredTableWriter
  private var storedFiles = StoredTableWriter(sharedFields: Schema.sharedFileFields)
  /// Column values, in Schema.columns order, sparse: most columns are
  /// absent on most records (an `Int64?` per doc and column was 16 bytes ×
  /// 26 columns per record, more than the record's text).
  private var columnValues: [SparseColumn] = Schema.columns.map { _ in SparseColumn() }
  private let analyzer: DocumentAnalyzer
  public private(set) var docCount = 0
  public private(set) var fileCount = 0
  /// The current section run: consecutive records of one file with the same
  /// section path (see `Schema.sectionRun`).
  private var sectionRunFile: Int64 = -1
  private var sectionRunStart: UInt32 = 0
  private var sectionRunPath = ""

  /// `recordsDictionary`: the stored records' LZ4 dictionary, the index's
  /// (`.use`, so merges copy the segment's blocks) or trained on this
  /// segment's first records (`.train`, a build's first segment).
  public init(recordsDictionary: StoredDictionary = .train) throws(AnalysisError) {
    analyzer = try DocumentAnalyzer()
    storedRecords = StoredTableWriter(sharedFields: Schema.sharedRecordFields, dictionary: recordsDictionary)
  }

  /// The stored records' dictionary, once trained or given (nil: none yet,
  /// or the records were too few to train one).
  public var recordsDictionary: LZ4Dictionary? { storedRecords.dictionary }

  /// Trains the records' dictionary now if it is still waiting for samples
  /// (see StoredTableWriter.endTraining).
  public func endDictionaryTraining() { storedRecords.endTraining() }

  /// Heap bytes held (for flushing at a memory budget): what the term
  /// table, the stored tables (compressed blocks, pending block, shared
  /// strings) and the column values have reserved, capacities not counts.
  /// `finish` needs about the encoded segment's size on top (the postings
  /// are smaller than the pool that holds them).
  public var approximateBytes: Int {
    terms!.approximateBytes + storedRecords.approximateBytes + storedFiles.approximateBytes
      + columnValues.reduce(0) { $0 + $1.approximateBytes }
  }

  /// Adds a parsed document: one files-table entry and one doc per record.
  public func add(_ document: ParsedDocument) throws(AnalysisError) {
    try add(analyzer.analyze(document))
  }

  /// Adds a document analysed elsewhere (a parse worker): the same segment
  /// as `add(_: ParsedDocument)` would build.
  public func add(_ analyzed: AnalyzedDocument) {
    let document = analyzed.document
    let info = document.info
    let fileOrdinal = Int64(fileCount)
    storedFiles.add([
      (Schema.path.id, info.path), (Schema.department.id, info.department),
      (Schema.region.id, info.region), (Schema.charset.id, info.charset),
      (Schema.fileKind.id, info.kind?.rawValue ?? ""),
    ])
    fileCount += 1
    // The term table and the batch scratch are worked on as locals for the
    // document: every mutation of a class's stored property is checked for
    // exclusive access at run time (swift_beginAccess, ~8% of this thread
    // when done per term), a local's is not.
    var table = terms.take()!
    var scratch = batch
    batch = TermTable.Batch()
    // By index through buffers: a zip would copy each Record (a few hundred
    // bytes and its strings' retains) before `add` copies it once more.
    document.records.withUnsafeBufferPointer { records in
      analyzed.records.withUnsafeBufferPointer { fields in
        for k in 0..<min(records.count, fields.count) {
          add(records[k], fields[k], info: info, file: fileOrdinal, &table, &scratch)
        }
      }
    }
    terms = table
    batch = scratch
  }

  private func add(
    _ r: Record, _ fields: AnalyzedRecord, info: DocumentInfo, file: Int64, _ table: inout TermTable,
    _ scratch: inout TermTable.Batch
  ) {
    let doc = UInt32(docCount)
    docCount += 1
    if file != sectionRunFile || !sameBytes(sectionRunPath, r.section) {
      sectionRunFile = file
      sectionRunStart = doc
      sectionRunPath = r.section
      indexSection(r.section, doc: doc, &table, &scratch)
    }
    let lengths = (
      text: index(fields.text, field: Schema.text, doc: doc, &table, &scratch),
      reason: index(fields.reason, field: Schema.reason, doc: doc, &table, &scratch),
      subject: index(fields.subject, field: Schema.subject, doc: doc, &table, &scratch)
    )
    keyword(r.type.rawValue, field: Schema.type, doc: doc, &table)
    if let b = r.basis { keyword(b.rawValue, field: Schema.basis, doc: doc, &table) }
    if let k = info.kind { keyword(k.rawValue, field: Schema.kind, doc: doc, &table) }
    storedRecords.add([
      (Schema.text.id, r.text), (Schema.reason.id, r.reason), (Schema.subject.id, r.subject),
      (Schema.section.id, r.section), (Schema.type.id, r.type.rawValue), (Schema.basis.id, r.basis?.rawValue ?? ""),
    ])
    var context = RecordContext(
      record: r, info: info, file: file, lengths: lengths, sectionRun: Int64(doc - sectionRunStart))
    withUnsafePointer(to: &context) { c in
      for (i, source) in Schema.columnSources.enumerated() {
        if let v = source.value(c) { columnValues[i].append(doc, v) }
      }
    }
  }

  /// A text field's gram view (positions = scalar index) and, when it was
  /// segmented (kind `text`), its ICU word view. Returns the field's length
  /// in the view that ranks it: words, or grams for a gram-text field (nil
  /// for an empty field). Each view's terms are gathered as keys first and
  /// added as one batch (TermTable.addBatch), in the order one `add` per
  /// term would use.
  private func index(
    _ field: AnalyzedField?, field meta: FieldMeta, doc: UInt32, _ table: inout TermTable,
    _ scratch: inout TermTable.Batch
  ) -> Int64? {
    guard let field else { return nil }
    return field.form.withUnsafeBufferPointer { (buf) -> Int64 in
      scratch.removeAll()
      if let base = buf.baseAddress {
        Analyzer.forEachGram(buf) { gram, position in
          let start = gram.baseAddress! - base
          scratch.append(meta.id, TermView.gram.rawValue, buf, start, start + gram.count, position: UInt32(position))
        }
      }
      let gramCount = scratch.count
      table.addBatch(
        scratch, prefix0: meta.id, prefix1: TermView.gram.rawValue, form: buf, doc: doc, withPositions: true)
      guard let words = field.words else { return Int64(gramCount) }
      scratch.removeAll()
      var wordPosition: UInt32 = 0
      var k = 0
      while k < words.count {
        scratch.append(
          meta.id, TermView.word.rawValue, buf, Int(words[k]), Int(words[k + 1]), position: wordPosition)
        wordPosition += 1
        k += 2
      }
      table.addBatch(
        scratch, prefix0: meta.id, prefix1: TermView.word.rawValue, form: buf, doc: doc, withPositions: false)
      return Int64(words.count / 2)
    }
  }

  /// The gram view of a section path, on the first record of its run only
  /// (the path repeats on every record of the run: indexed on each, its
  /// grams would add about half the text's postings). `section:` finds the
  /// run starts through these grams and the run's records through the
  /// `section_run` column. The matching form is the one the query side
  /// compares with (Searcher.sectionDocs).
  private func indexSection(_ path: String, doc: UInt32, _ table: inout TermTable, _ scratch: inout TermTable.Batch) {
    guard !path.isEmpty else { return }
    let form = Array(((try? MatchForm.fromRaw(path)) ?? path).utf8)
    form.withUnsafeBufferPointer { buf in
      guard let base = buf.baseAddress else { return }
      scratch.removeAll()
      Analyzer.forEachGram(buf) { gram, position in
        let start = gram.baseAddress! - base
        scratch.append(Schema.section.id, TermView.gram.rawValue, buf, start, start + gram.count, position: UInt32(position))
      }
      table.addBatch(
        scratch, prefix0: Schema.section.id, prefix1: TermView.gram.rawValue, form: buf, doc: doc, withPositions: true)
    }
  }

  /// Byte equality of two strings (String's `==` compares canonical
  /// equivalence, and `utf8.elementsEqual` goes byte by byte through a
  /// generic iterator: both cost more per record than the run check is worth).
  private func sameBytes(_ a: String, _ b: String) -> Bool {
    guard a.utf8.count == b.utf8.count else { return false }
    var a = a, b = b
    return a.withUTF8 { x in b.withUTF8 { y in x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
  }

  private func keyword(_ value: String, field: FieldMeta, doc: UInt32, _ table: inout TermTable) {
    var value = value  // withUTF8 reads the string in place (no array per keyword)
    value.withUTF8 {
      table.add(field.id, TermView.keyword.rawValue, $0, doc: doc, position: 0, withPositions: false)
    }
  }

  /// The .rec file's bytes, the records' dictionary final first.
  private func storedFile(generation: UInt64) -> [UInt8] {
    storedRecords.close()
    return StoredWriter.finish(records: storedRecords, files: storedFiles, generation: generation)
  }

  /// Serializes the segment in memory (tests, small segments).
  public func finish(generation: UInt64) -> SegmentData {
    var dictionary = DictionaryWriter()
    var postings = PostingsWriter()
    writeTerms(into: &dictionary, &postings) { _ in }
    return SegmentData(
      dictionary: dictionary.finish(generation: generation),
      postings: postings.finish(generation: generation),
      columns: columnsFile(generation: generation),
      stored: storedFile(generation: generation))
  }

  /// Writes (and fsyncs) the segment's four files, streaming the postings
  /// (the largest) to disk as they are encoded, so a flush needs little
  /// memory beyond the builder's own.
  public func write(directory: String, generation: UInt64) throws(IndexFormatError) {
    func path(_ kind: FileKind) -> String { directory + "/" + SegmentFiles.name(generation, kind) }
    try FileSystem.writeFile(path(.columns), columnsFile(generation: generation))
    columnValues = []
    try FileSystem.writeFile(path(.stored), storedFile(generation: generation))
    storedRecords = StoredTableWriter(dictionary: recordsDictionary.map { .use($0) } ?? .none)  // frees the blocks
    let file = try EnvelopeFileWriter(path: path(.postings), kind: .postings, generation: generation)
    var dictionary = DictionaryWriter()
    var postings = PostingsWriter()
    var failure: IndexFormatError? = nil
    writeTerms(into: &dictionary, &postings) { p in
      guard failure == nil, p.payload.count >= 1 << 20 else { return }
      do throws(IndexFormatError) { try file.append(p.drain()) } catch { failure = error }
    }
    if let failure { throw failure }
    try file.append(postings.drain())
    try file.finish()
    terms = TermTable()
    try FileSystem.writeFile(path(.dictionary), dictionary.finish(generation: generation))
  }

  private func writeTerms(
    into dictionary: inout DictionaryWriter, _ postings: inout PostingsWriter, afterTerm: (inout PostingsWriter) -> Void
  ) {
    var docs: [UInt32] = [], freqs: [UInt32] = [], positions: [UInt32] = []
    let terms = self.terms!
    let ids = terms.sortedIDs()
    // Reading a term's postings back out of the pool (a chase along its
    // block chain) and encoding them cost about the same: a helper thread
    // decodes chunks of terms ahead while this one encodes, in term order.
    let decoder = PostingsDecoder(terms: terms, ids: ids)
    var k = 0
    while let chunk = decoder.next() {
      for t in 0..<chunk.count {
        let id = ids[k]
        k += 1
        docs.removeAll(keepingCapacity: true)
        freqs.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
        docs.append(contentsOf: chunk.docs[chunk.docStart[t]..<chunk.docStart[t + 1]])
        freqs.append(contentsOf: chunk.freqs[chunk.docStart[t]..<chunk.docStart[t + 1]])
        positions.append(contentsOf: chunk.positions[chunk.positionStart[t]..<chunk.positionStart[t + 1]])
        let info = postings.add(docs: docs, freqs: freqs, positions: terms.hasPositions(id) ? positions : nil)
        terms.term(id).withUnsafeBufferPointer { dictionary.add($0, info) }
        afterTerm(&postings)
      }
      decoder.recycle(chunk)
    }
    decoder.join()
  }

  private func columnsFile(generation: UInt64) -> [UInt8] {
    var columns = ColumnsWriter(docCount: docCount)
    for (i, c) in Schema.columns.enumerated() { columns.add(name: c.name, values: columnValues[i].dense(docCount)) }
    return columns.finish(generation: generation)
  }
}

/// The present values of one column: (doc, value) in doc order.
struct SparseColumn {
  var docs: [UInt32] = []
  var values: [Int64] = []

  mutating func append(_ doc: UInt32, _ value: Int64) {
    docs.append(doc)
    values.append(value)
  }

  var approximateBytes: Int { grownCapacity(docs.count) * 4 + grownCapacity(values.count) * 8 }

  /// One value per doc, nil where absent.
  func dense(_ docCount: Int) -> [Int64?] {
    var out = [Int64?](repeating: nil, count: docCount)
    for (d, v) in zip(docs, values) { out[Int(d)] = v }
    return out
  }
}

/// The postings of consecutive terms, flattened: term t's docs and freqs are
/// `docStart[t]..<docStart[t + 1]`, its positions `positionStart[t]..<…`.
final class PostingsChunk {
  var count = 0
  var docs: [UInt32] = []
  var freqs: [UInt32] = []
  var positions: [UInt32] = []
  var docStart: [Int] = [0]
  var positionStart: [Int] = [0]

  func reset() {
    count = 0
    // Capacity is kept for reuse, unless one huge term left it large.
    let keep = docs.capacity + positions.capacity <= 4 * PostingsDecoder.valuesPerChunk
    docs.removeAll(keepingCapacity: keep)
    freqs.removeAll(keepingCapacity: keep)
    positions.removeAll(keepingCapacity: keep)
    docStart.removeAll(keepingCapacity: true)
    positionStart.removeAll(keepingCapacity: true)
    docStart.append(0)
    positionStart.append(0)
  }
}

/// Decodes the postings of `ids` (in that order) from a term table on a
/// pthread of its own, `termsPerChunk` terms at a time, at most `depth`
/// chunks ahead of the consumer. The table is only read, on both threads.
final class PostingsDecoder: @unchecked Sendable {
  static let termsPerChunk = 4096
  static let valuesPerChunk = 1 << 18
  static let depth = 3
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private var ready: [PostingsChunk] = []
  private var free: [PostingsChunk] = []
  private var allocated = 0
  private var done = false
  private var thread = pthread_t()
  private var running = false
  private let terms: TermTable
  private let ids: [Int]

  init(terms: TermTable, ids: [Int]) {
    self.terms = terms
    self.ids = ids
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(changed, nil)
    let box = Unmanaged.passRetained(self).toOpaque()
    running = true  // before the thread starts: it reads the flag
    let rc = pthread_create(&thread, nil, { raw in
      let me = Unmanaged<PostingsDecoder>.fromOpaque(raw!).takeRetainedValue()
      me.produce()
      return nil
    }, box)
    if rc != 0 {
      running = false
      Unmanaged<PostingsDecoder>.fromOpaque(box).release()
      produce()  // no thread: decode everything here (memory: the whole table once)
    }
  }

  deinit {
    pthread_mutex_destroy(mutex)
    pthread_cond_destroy(changed)
    mutex.deallocate()
    changed.deallocate()
  }

  private func produce() {
    var docs: [UInt32] = [], freqs: [UInt32] = [], positions: [UInt32] = []
    var start = 0
    while start < ids.count {
      // A free chunk, a new one while fewer than `depth` exist, else wait.
      pthread_mutex_lock(mutex)
      while free.isEmpty && allocated >= Self.depth && running { pthread_cond_wait(changed, mutex) }
      let chunk: PostingsChunk
      if let recycled = free.popLast() {
        chunk = recycled
      } else {
        allocated += 1
        chunk = PostingsChunk()
      }
      pthread_mutex_unlock(mutex)
      chunk.reset()
      // Up to `termsPerChunk` terms, fewer when they hold many values (a
      // chunk stays about a MB unless one term alone is larger).
      while start < ids.count && chunk.count < Self.termsPerChunk
        && chunk.docs.count + chunk.positions.count < Self.valuesPerChunk
      {
        terms.postings(ids[start], docs: &docs, freqs: &freqs, positions: &positions)
        chunk.docs.append(contentsOf: docs)
        chunk.freqs.append(contentsOf: freqs)
        chunk.positions.append(contentsOf: positions)
        chunk.docStart.append(chunk.docs.count)
        chunk.positionStart.append(chunk.positions.count)
        chunk.count += 1
        start += 1
      }
      pthread_mutex_lock(mutex)
      ready.append(chunk)
      pthread_cond_broadcast(changed)
      pthread_mutex_unlock(mutex)
    }
    pthread_mutex_lock(mutex)
    done = true
    pthread_cond_broadcast(changed)
    pthread_mutex_unlock(mutex)
  }

  /// The next chunk in term order; nil after the last.
  func next() -> PostingsChunk? {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    while ready.isEmpty && !done { pthread_cond_wait(changed, mutex) }
    return ready.isEmpty ? nil : ready.removeFirst()
  }

  /// Hands a consumed chunk back for reuse.
  func recycle(_ chunk: PostingsChunk) {
    pthread_mutex_lock(mutex)
    free.append(chunk)
    pthread_cond_broadcast(changed)
    pthread_mutex_unlock(mutex)
  }

  func join() {
    if running {
      pthread_join(thread, nil)
      running = false
    }
  }
}
