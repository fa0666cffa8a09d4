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
  var docCount: Int
  var fileCount: Int
  /// New file ordinal of (input index, old file ordinal), for live files.
  var fileMap: [[Int: Int]]
}

/// Merges streaming, so memory is bounded by what is merged per term and per
/// column, not by the segments' sizes: terms k-way over the inputs'
/// dictionaries with postings written to disk as they are merged, columns
/// one at a time, stored records' compressed blocks spilled to a temporary
/// file and copied into the .rec at the end. Held in full: the doc maps (4
/// bytes per input doc), the merged dictionary, the files table and one
/// column's values. Inputs are memory-mapped: each input's pages are given
/// back (MappedFile.release) once read, so the resident size does not grow
/// with the inputs either. Stored records and columns on one thread, the
/// terms below a split term on another and those from it on a third run at
/// the same time (the upper terms' postings spilled to a temporary file and
/// copied after the lower's). Stored blocks whose records all survive are
/// copied compressed.
enum SegmentMerger {
  /// `splitTerms`: merge the terms in two ranges on two threads (the same
  /// bytes; tests compare it with one range).
  static func merge(
    _ inputs: [MergeInput], columns: [ColumnMeta], generation: UInt64, directory: String, splitTerms: Bool = true
  ) throws(IndexFormatError) -> MergeOutput {
    func path(_ kind: FileKind) -> String { directory + "/" + SegmentFiles.name(generation, kind) }
    // Which docs and files survive, and their new numbers.
    var docMaps: [[Int32]] = []
    var fileMap: [[Int: Int]] = []
    var docCount = 0, fileCount = 0
    for input in inputs {
      let s = input.reader
      var files: [Int: Int] = [:]
      for f in 0..<(try s.stored.files.count) where input.isLiveFile(f) {
        files[f] = fileCount
        fileCount += 1
      }
      let fileColumn = try s.columns.column("file")
      var map = [Int32](repeating: -1, count: s.meta.docCount)
      for d in 0..<s.meta.docCount {
        let oldFile = fileColumn.map { Int($0.raw(d)) } ?? -1
        guard !input.isDeleted(UInt32(d)), files[oldFile] != nil else { continue }
        map[d] = Int32(docCount)
        docCount += 1
      }
      docMaps.append(map)
      fileMap.append(files)
    }
    // Stored records and columns on a thread of their own while the terms
    // are merged: they read and write different files (.rec/.num against
    // .dict/.pst), and the merge at the end of a build otherwise leaves a
    // core idle.
    let readers = inputs.map(\.reader)
    let (maps, filesKept, count) = (docMaps, fileMap, docCount)
    let recordsAndColumns = BackgroundWrite { () -> IndexFormatError? in
      do throws(IndexFormatError) {
        try mergeStoredAndColumns(
          readers, maps, filesKept, docCount: count, columns: columns, generation: generation, path: path)
      } catch { return error }
      return nil
    }
    // The terms in two ranges, the second on a thread of its own with its
    // postings spilled to a file, then copied after the first's: the terms
    // half is the longer (at 500 MB it was 19 s of a single core at the end
    // of an 84 s build, the stored half done long before). The split term
    // halves the postings of the input that has the most.
    var split: [UInt8]? = nil
    do throws(IndexFormatError) {
      if splitTerms { split = try splitTerm(readers) }
    } catch {
      _ = recordsAndColumns.join()
      throw error
    }
    final class Upper: @unchecked Sendable {  // written by its thread before join returns
      var terms: [(term: [UInt8], info: TermInfo)] = []
      var spill: SpillFile?
    }
    let upper = Upper()
    let upperTerms = split.map { split in
      BackgroundWrite { () -> IndexFormatError? in
        do throws(IndexFormatError) {
          let spill = try SpillFile(path: path(.postings) + ".spill")
          upper.spill = spill
          upper.terms = try mergeTerms(readers, maps, from: split, to: nil) { spill.append($0) }
        } catch { return error }
        return nil
      }
    }
    let termsError: IndexFormatError?
    do throws(IndexFormatError) {
      let postingsFile = try EnvelopeFileWriter(path: path(.postings), kind: .postings, generation: generation)
      let lower = try mergeTerms(readers, docMaps, from: nil, to: split) { (bytes) throws(IndexFormatError) in
        try postingsFile.append(bytes)
      }
      var dictionary = DictionaryWriter()
      for (term, info) in lower { term.withUnsafeBufferPointer { dictionary.add($0, info) } }
      if let upperTerms {
        if let error = upperTerms.join() { throw error }
        let base = postingsFile.payloadCount
        try upper.spill!.copy(to: postingsFile)
        upper.spill = nil  // removes the file
        for (term, var info) in upper.terms {
          info.postingsOffset += base
          term.withUnsafeBufferPointer { dictionary.add($0, info) }
        }
      }
      try postingsFile.finish()
      try FileSystem.writeFile(path(.dictionary), dictionary.finish(generation: generation))
      termsError = nil
    } catch { termsError = error }
    // Joined before anything is thrown: the threads read the inputs' mappings.
    _ = upperTerms?.join()
    if let error = recordsAndColumns.join() { throw error }
    if let termsError { throw termsError }
    return MergeOutput(docCount: docCount, fileCount: fileCount, fileMap: fileMap)
  }

  /// A term that halves the postings of the input that has the most (nil
  /// when its dictionary is a single block): where the terms split.
  static func splitTerm(_ readers: [SegmentReader]) throws(IndexFormatError) -> [UInt8]? {
    guard let largest = readers.max(by: { $0.postings.payloadLength < $1.postings.payloadLength }) else { return nil }
    return try largest.dictionary.splitTerm(at: 0.5, postingsLength: largest.postings.payloadLength)
  }

  /// The .rec (files and records, in new order) and the .num of the merge.
  static func mergeStoredAndColumns(
    _ readers: [SegmentReader], _ docMaps: [[Int32]], _ fileMap: [[Int: Int]], docCount: Int,
    columns: [ColumnMeta], generation: UInt64, path: (FileKind) -> String
  ) throws(IndexFormatError) {
    // The records' dictionary: the one of the input with the most records.
    // The segments of one index share theirs (WriterSession), so a merge
    // copies all their blocks; an input with another (or none) is
    // recompressed entry by entry.
    var chosen: (bytes: UnsafeRawBufferPointer, records: Int)?
    for s in readers {
      let d = try s.stored.records.dictionary()
      if !d.isEmpty && s.meta.docCount > chosen?.records ?? -1 { chosen = (d, s.meta.docCount) }
    }
    let dictionary = chosen.map { LZ4Dictionary(Array($0.bytes)) }
    var storedRecords = try StoredTableWriter(
      sharedFields: Schema.sharedRecordFields, dictionary: dictionary.map { .use($0) } ?? .none,
      spillPath: path(.stored) + ".spill")
    var storedFiles = StoredTableWriter(sharedFields: Schema.sharedFileFields)
    for (i, s) in readers.enumerated() {
      // Files in old order are files in new order (numbered that way above).
      let stored = try s.stored
      for f in 0..<stored.files.count where fileMap[i][f] != nil { storedFiles.add(try stored.files.entry(f)) }
      // A block whose records all survive is copied compressed, when the
      // input's shared strings can keep their ordinals here (they can when
      // every input met the same types and bases in the same order, as
      // inputs of one build do): decompressing and compressing every record
      // again was most of the stored half of a merge. Other blocks go
      // record by record.
      let records = stored.records
      let sameDictionary = try records.dictionary().elementsEqual(dictionary?.bytes ?? [])
      let copyBlocks = sameDictionary ? storedRecords.adoptStrings(try records.sharedStrings()) : false
      for b in 0..<records.blocks {
        let block = try records.compressedBlock(b)
        if copyBlocks && block.entries.allSatisfy({ docMaps[i][$0] >= 0 }) {
          storedRecords.appendCompressed(block.bytes, entries: block.entries.count, rawLength: block.rawLength)
        } else {
          for d in block.entries where docMaps[i][d] >= 0 { storedRecords.add(try records.entry(d)) }
        }
      }
      s.release(.stored)
    }
    // Columns, one at a time.
    var columnsWriter = ColumnsWriter(docCount: docCount)
    for c in columns {
      var values: [Int64?] = []
      values.reserveCapacity(docCount)
      for (i, s) in readers.enumerated() {
        let columns = try s.columns
        let fileColumn = columns.column("file"), column = columns.column(c.name)
        for d in 0..<s.meta.docCount where docMaps[i][d] >= 0 {
          if c.name == "file" {
            values.append(Int64(fileMap[i][fileColumn.map { Int($0.raw(d)) } ?? -1]!))
          } else {
            values.append(column?.value(d))
          }
        }
      }
      columnsWriter.add(name: c.name, values: values)
    }
    for s in readers { s.release(.columns) }
    try FileSystem.writeFile(path(.columns), columnsWriter.finish(generation: generation))
    try StoredWriter.write(records: storedRecords, files: storedFiles, to: path(.stored), generation: generation)
  }

  /// The terms of all inputs from `lower` (included; nil: the first) to
  /// `upper` (excluded; nil: past the last) in byte order (a k-way merge of
  /// their dictionaries); a term's postings are the concatenation of its
  /// inputs' postings, renumbered (inputs are in new doc order, so the result
  /// stays sorted), handed to `sink` in term order. Returns the terms with
  /// their postings' places, counted from the range's first postings byte.
  static func mergeTerms(
    _ readers: [SegmentReader], _ docMaps: [[Int32]], from lower: [UInt8]?, to upper: [UInt8]?,
    sink: ([UInt8]) throws(IndexFormatError) -> Void
  ) throws(IndexFormatError) -> [(term: [UInt8], info: TermInfo)] {
    var iterators: [TermIterator] = []
    var live: [Bool] = []
    // Postings are laid out in term order: what lies below the current
    // term's offset in an input has been read, and its pages can go (from
    // where this range's postings start in it: another range may be reading
    // below that).
    var consumed: [Int] = [], released: [Int] = []
    for r in readers {
      var it: TermIterator
      var more: Bool
      if let lower {
        (it, more) = try r.dictionary.makeTermIterator(atOrAfter: lower)
      } else {
        it = try r.dictionary.makeTermIterator()
        more = try it.next()
      }
      if more, let upper, !it.term.lexicographicallyPrecedes(upper) { more = false }
      live.append(more)
      iterators.append(it)
      let start = more ? it.info.postingsOffset : 0
      consumed.append(start)
      released.append(start)
    }
    var out: [(term: [UInt8], info: TermInfo)] = []
    var postings = PostingsWriter()
    var docs: [UInt32] = [], freqs: [UInt32] = [], positions: [UInt32] = [], buffer: [UInt32] = []
    var term: [UInt8] = []
    while true {
      // The smallest current term among the inputs.
      var smallest: Int? = nil
      for i in iterators.indices where live[i] {
        if let s = smallest {
          if iterators[i].term.lexicographicallyPrecedes(iterators[s].term) { smallest = i }
        } else {
          smallest = i
        }
      }
      guard let first = smallest else { break }
      term = iterators[first].term
      docs.removeAll(keepingCapacity: true)
      freqs.removeAll(keepingCapacity: true)
      positions.removeAll(keepingCapacity: true)
      var hasPositions = false
      // Inputs in index order (= new doc order) that hold the term.
      for i in iterators.indices where live[i] && iterators[i].term == term {
        let info = iterators[i].info
        // Every input wrote the term with the same view, so with positions or without.
        hasPositions = info.hasPositions
        var cursor = try readers[i].postings.cursor(info)
        while try cursor.advance() != .terminated {
          let newDoc = docMaps[i][Int(cursor.doc.rawValue)]
          guard newDoc >= 0 else { continue }  // deleted: positions are skipped by advance
          docs.append(UInt32(newDoc))
          freqs.append(UInt32(cursor.freq))
          if hasPositions {
            try cursor.positions(into: &buffer)
            positions.append(contentsOf: buffer)
          }
        }
        consumed[i] = info.postingsOffset + info.postingsLength
        if consumed[i] - released[i] >= 8 << 20 {
          let base = readers[i].postings.payloadStart
          readers[i].release(.postings, (base + released[i])..<(base + consumed[i]))
          released[i] = consumed[i]
        }
        var more = try iterators[i].next()
        if more, let upper, !iterators[i].term.lexicographicallyPrecedes(upper) { more = false }
        live[i] = more
      }
      if docs.isEmpty { continue }  // every document of the term was deleted
      let info = postings.add(docs: docs, freqs: freqs, positions: hasPositions ? positions : nil)
      out.append((term, info))
      if postings.payload.count >= 1 << 20 { try sink(postings.drain()) }
    }
    try sink(postings.drain())
    return out
  }
}
