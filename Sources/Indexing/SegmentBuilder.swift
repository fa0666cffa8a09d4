// Records → analysed fields + numeric columns → one segment's bytes.
import Disclosure
import IndexFormat
import TextAnalysis

/// Builds one segment in memory. Not thread-safe (owns an ICU segmenter).
public final class SegmentBuilder {
  private var terms = TermTable()
  private var storedRecords = StoredTableWriter(sharedFields: Schema.sharedRecordFields)
  private var storedFiles = StoredTableWriter(sharedFields: Schema.sharedFileFields)
  /// Column values, in Schema.columns order.
  private var columnValues: [[Int64?]] = Schema.columns.map { _ in [] }
  private let segmenter: Segmenter
  private var keyBuffer: [UInt8] = []
  public private(set) var docCount = 0
  public private(set) var fileCount = 0

  public init() throws(AnalysisError) {
    segmenter = try Segmenter()
  }

  private var storedBytes = 0

  /// Approximate heap bytes held (for flushing at a memory budget): 4 per
  /// position, 8 per (term, doc) for doc id and freq, ~160 per distinct term
  /// (hash entry, key, three array headers), stored text, and column values.
  public var approximateBytes: Int {
    terms.positionCount * 4 + terms.postingCount * 8 + terms.termCount * 160 + storedBytes
      + docCount * Schema.columns.count * 9
  }

  /// Adds a parsed document: one files-table entry and one doc per record.
  public func add(_ document: ParsedDocument) throws(AnalysisError) {
    let info = document.info
    let fileOrdinal = Int64(fileCount)
    storedFiles.add([
      (Schema.path.id, info.path), (Schema.department.id, info.department),
      (Schema.region.id, info.region), (Schema.charset.id, info.charset),
      (Schema.fileKind.id, info.kind?.rawValue ?? ""),
    ])
    fileCount += 1
    for record in document.records {
      try add(record, info: info, file: fileOrdinal)
    }
  }

  private func add(_ r: Record, info: DocumentInfo, file: Int64) throws(AnalysisError) {
    let doc = UInt32(docCount)
    docCount += 1
    let lengths = (
      text: try index(r.text, field: Schema.text, doc: doc),
      reason: try index(r.reason, field: Schema.reason, doc: doc),
      subject: try index(r.subject, field: Schema.subject, doc: doc)
    )
    keyword(r.type.rawValue, field: Schema.type, doc: doc)
    if let b = r.basis { keyword(b.rawValue, field: Schema.basis, doc: doc) }
    if let k = info.kind { keyword(k.rawValue, field: Schema.kind, doc: doc) }
    storedBytes += r.text.utf8.count + r.reason.utf8.count + r.subject.utf8.count + r.section.utf8.count + 24
    storedRecords.add([
      (Schema.text.id, r.text), (Schema.reason.id, r.reason), (Schema.subject.id, r.subject),
      (Schema.section.id, r.section), (Schema.type.id, r.type.rawValue), (Schema.basis.id, r.basis?.rawValue ?? ""),
    ])
    let context = RecordContext(record: r, info: info, file: file, lengths: lengths)
    for (i, source) in Schema.columnSources.enumerated() { columnValues[i].append(source.value(context)) }
  }

  /// Both views of a text field: grams (positions = scalar index) and ICU
  /// words. Returns the field's length in words (nil for an empty field).
  private func index(_ value: String, field: FieldMeta, doc: UInt32) throws(AnalysisError) -> Int64? {
    if value.isEmpty { return nil }
    // fromRaw (NFKC + match form) is exactly what queries get: the same
    // analyzer at both ends, even for records that did not come through
    // the disclosure layer's document-wide NFKC.
    let form = Array(try MatchForm.fromRaw(value).utf8)
    return try form.withUnsafeBufferPointer { (buf) throws(AnalysisError) -> Int64 in
      Analyzer.forEachGram(buf) { gram, position in
        add(field.id, .gram, gram, doc: doc, position: UInt32(position))
      }
      var wordPosition: UInt32 = 0
      for span in try segmenter.spans(buf) where span.isWord {
        add(field.id, .word, UnsafeBufferPointer(rebasing: buf[span.start..<span.end]), doc: doc, position: wordPosition)
        wordPosition += 1
      }
      return Int64(wordPosition)
    }
  }

  private func keyword(_ value: String, field: FieldMeta, doc: UInt32) {
    Array(value.utf8).withUnsafeBufferPointer { add(field.id, .keyword, $0, doc: doc, position: 0) }
  }

  private func add(_ field: UInt8, _ view: TermView, _ bytes: UnsafeBufferPointer<UInt8>, doc: UInt32, position: UInt32) {
    keyBuffer.removeAll(keepingCapacity: true)
    keyBuffer.append(field)
    keyBuffer.append(view.rawValue)
    keyBuffer.append(contentsOf: bytes)
    keyBuffer.withUnsafeBufferPointer { terms.add($0, doc: doc, position: position) }
  }

  /// Serializes the segment.
  public func finish(generation: UInt64) -> SegmentData {
    var dictionary = DictionaryWriter()
    var postings = PostingsWriter()
    for (term, p) in terms.sorted() {
      let info = postings.add(docs: p.docs, freqs: p.freqs, positions: Schema.hasPositions(term) ? p.positions : nil)
      term.withUnsafeBufferPointer { dictionary.add($0, info) }
    }
    var columns = ColumnsWriter(docCount: docCount)
    for (i, c) in Schema.columns.enumerated() { columns.add(name: c.name, values: columnValues[i]) }
    return SegmentData(
      dictionary: dictionary.finish(generation: generation),
      postings: postings.finish(generation: generation),
      columns: columns.finish(generation: generation),
      stored: StoredWriter.finish(records: storedRecords, files: storedFiles, generation: generation))
  }
}
