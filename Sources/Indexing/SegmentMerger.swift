// Merges segments into one without re-analysing text: terms are merged in
// byte order, postings copied with documents renumbered and deleted ones
// dropped; stored entries and column values copied (Lucene's SegmentMerger,
// tantivy's IndexMerger). Called by WriterSession for the merge policy.
import IndexFormat

struct MergeInput {
  var reader: SegmentReader
  /// Deleted after this commit (the old bitmap plus this commit's deletes).
  var isDeleted: (UInt32) -> Bool
  /// Whether the manifest still names file `ordinal` of this segment.
  var isLiveFile: (Int) -> Bool
}

struct MergeOutput {
  var data: SegmentData
  var docCount: Int
  var fileCount: Int
  /// New file ordinal of (input index, old file ordinal), for live files.
  var fileMap: [[Int: Int]]
}

enum SegmentMerger {
  static func merge(_ inputs: [MergeInput], columns: [ColumnMeta], generation: UInt64) throws(IndexFormatError) -> MergeOutput {
    var storedRecords = StoredTableWriter(sharedFields: Schema.sharedRecordFields)
    var storedFiles = StoredTableWriter(sharedFields: Schema.sharedFileFields)
    var docMaps: [[Int32]] = []
    var fileMap: [[Int: Int]] = []
    var values: [String: [Int64?]] = [:]
    for c in columns { values[c.name] = [] }
    var docCount = 0
    for input in inputs {
      let s = input.reader
      var files: [Int: Int] = [:]
      for f in 0..<s.stored.files.count where input.isLiveFile(f) {
        files[f] = storedFiles.count
        storedFiles.add(try s.stored.files.entry(f))
      }
      let fileColumn = s.columns.column("file")
      var map = [Int32](repeating: -1, count: s.meta.docCount)
      for d in 0..<s.meta.docCount {
        let oldFile = fileColumn.map { Int($0.raw(d)) } ?? -1
        guard !input.isDeleted(UInt32(d)), let newFile = files[oldFile] else { continue }
        map[d] = Int32(docCount)
        docCount += 1
        storedRecords.add(try s.stored.records.entry(d))
        for c in columns {
          let v = c.name == "file" ? Int64(newFile) : s.columns.column(c.name)?.value(d)
          values[c.name]!.append(v)
        }
      }
      docMaps.append(map)
      fileMap.append(files)
    }
    let (dictionary, postings) = try mergeTerms(inputs.map(\.reader), docMaps, generation: generation)
    var columnsWriter = ColumnsWriter(docCount: docCount)
    for c in columns { columnsWriter.add(name: c.name, values: values[c.name]!) }
    let data = SegmentData(
      dictionary: dictionary, postings: postings, columns: columnsWriter.finish(generation: generation),
      stored: StoredWriter.finish(records: storedRecords, files: storedFiles, generation: generation))
    return MergeOutput(data: data, docCount: docCount, fileCount: storedFiles.count, fileMap: fileMap)
  }

  /// All terms of all inputs in byte order; a term's postings are the
  /// concatenation of its inputs' postings, renumbered (inputs are in new
  /// doc order, so the result stays sorted).
  static func mergeTerms(
    _ readers: [SegmentReader], _ docMaps: [[Int32]], generation: UInt64
  ) throws(IndexFormatError) -> (dictionary: [UInt8], postings: [UInt8]) {
    var entries: [(term: [UInt8], input: Int, info: TermInfo)] = []
    for (i, r) in readers.enumerated() {
      try r.dictionary.forEachTerm { (t, info) throws(IndexFormatError) in entries.append((Array(t), i, info)) }
    }
    entries.sort { a, b in a.term == b.term ? a.input < b.input : a.term.lexicographicallyPrecedes(b.term) }
    var dictionary = DictionaryWriter()
    var postings = PostingsWriter()
    var docs: [UInt32] = [], freqs: [UInt32] = [], positions: [UInt32] = [], buffer: [UInt32] = []
    var k = 0
    var hasPositions = false
    while k < entries.count {
      docs.removeAll(keepingCapacity: true)
      freqs.removeAll(keepingCapacity: true)
      positions.removeAll(keepingCapacity: true)
      let term = entries[k].term
      while k < entries.count && entries[k].term == term {
        let e = entries[k]
        // Every input wrote the term with the same view, so with positions or without.
        hasPositions = e.info.hasPositions
        var cursor = try readers[e.input].postings.cursor(e.info)
        while try cursor.advance() != .terminated {
          let newDoc = docMaps[e.input][Int(cursor.doc.rawValue)]
          guard newDoc >= 0 else { continue }  // deleted: positions are skipped by advance
          docs.append(UInt32(newDoc))
          freqs.append(UInt32(cursor.freq))
          if hasPositions {
            try cursor.positions(into: &buffer)
            positions.append(contentsOf: buffer)
          }
        }
        k += 1
      }
      if docs.isEmpty { continue }  // every document of the term was deleted
      let info = postings.add(docs: docs, freqs: freqs, positions: hasPositions ? positions : nil)
      term.withUnsafeBufferPointer { dictionary.add($0, info) }
    }
    return (dictionary.finish(generation: generation), postings.finish(generation: generation))
  }
}
