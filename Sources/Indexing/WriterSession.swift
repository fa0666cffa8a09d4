// The state of one `IndexWriter.build` between taking the lock and
// committing: segments written so far, deletes against older segments, the
// corpus stamps of the next manifest, and the tiered merge policy.
// Nothing here is visible to readers until `commit` renames the manifest.
import Disclosure
import IndexFormat
import TextAnalysis

final class WriterSession {
  let index: String
  let commitGeneration: UInt64
  var nextSegment: UInt64
  let memoryBudget: Int
  /// Live segments after this commit (old ones first, in their order).
  var segments: [SegmentMeta]
  /// Open readers of the previous commit's segments and of merge inputs.
  var readers: [UInt64: SegmentReader] = [:]
  /// This commit's complete bitmaps for segments that gained deletes.
  var deletes: [UInt64: DeletesWriter] = [:]
  var sources: [SourceStamp] = []
  private var builder: SegmentBuilder?
  private var builderGeneration: UInt64 = 0
  /// Full segments are written on a thread of their own while documents
  /// keep being added (parse workers would otherwise idle for the whole
  /// write: about a second per 256 MB budget). At most one such write is in
  /// flight; its builder's memory is held until it ends.
  var writeInBackground = false
  private var pendingWrite: BackgroundWrite?
  /// The stored records' LZ4 dictionary new segments use: the previous
  /// commit's newest one, else the first one a builder of this session
  /// trains. One per index, so merges copy compressed blocks.
  private var recordsDictionary: LZ4Dictionary?
  private var lookedForDictionary = false
  /// Merge at most this many segments of one size tier (Lucene's TieredMergePolicy: segsPerTier).
  static let mergeFactor = 8

  init(index: String, previous: IndexReader?, directoryNames: [String], memoryBudget: Int) {
    self.index = index
    self.memoryBudget = memoryBudget
    // Numbers above every file in the folder, even uncommitted leftovers, so
    // no name is ever reused for different bytes while a reader might map it.
    let maxOnDisk = directoryNames.compactMap(SegmentFiles.generation(of:)).max() ?? 0
    let maxDeleteCommit = directoryNames.compactMap { n in n.split(separator: ".").last.flatMap { UInt64($0) } }.max() ?? 0
    let m = previous?.manifest
    commitGeneration = max(m?.generation ?? 0, maxDeleteCommit) + 1
    nextSegment = max(m?.nextSegment ?? 0, maxOnDisk + 1, 1)
    segments = m?.segments ?? []
    for r in previous?.segments ?? [] { readers[r.meta.generation] = r }
  }

  /// Adds a document to the segment being built, flushing it at the budget.
  /// Returns `stamp` located in that segment.
  func add(_ document: AnalyzedDocument, stamp: SourceStamp) throws(IndexingError) -> SourceStamp {
    if builder == nil {
      let dictionary = try indexDictionary()
      do { builder = try SegmentBuilder(recordsDictionary: dictionary.map { .use($0) } ?? .train) } catch { throw .analysis(error) }
      builderGeneration = nextSegment
      nextSegment += 1
    }
    var located = stamp
    located.segment = builderGeneration
    located.fileOrdinal = builder!.fileCount
    builder!.add(document)
    if builder!.approximateBytes >= memoryBudget { try flush(background: writeInBackground) }
    return located
  }

  /// Writes (and fsyncs) the segment being built, if any; with `background`,
  /// on a thread of its own (`waitForWrites` ends it). Either way a previous
  /// background write has ended first, and its error is thrown here.
  func flush(background: Bool = false) throws(IndexingError) {
    try waitForWrites()
    guard let b = builder else { return }
    builder = nil
    // Trained once its first 2 MB of records were in, else now on what it
    // has (here, not on the writing thread, so the next builder gets it); a
    // segment too small to train on leaves it to the next builder.
    if recordsDictionary == nil {
      b.endDictionaryTraining()
      recordsDictionary = b.recordsDictionary
    }
    let meta = SegmentMeta(generation: builderGeneration, docCount: b.docCount, fileCount: b.fileCount)
    if background {
      let directory = index, generation = builderGeneration
      pendingWrite = BackgroundWrite { () -> IndexFormatError? in
        do throws(IndexFormatError) { try b.write(directory: directory, generation: generation) } catch {
          return error
        }
        return nil
      }
    } else {
      do { try b.write(directory: index, generation: builderGeneration) } catch { throw .index(error) }
    }
    segments.append(meta)
  }

  /// The dictionary of the previous commit's newest segment that has one.
  private func indexDictionary() throws(IndexingError) -> LZ4Dictionary? {
    if !lookedForDictionary {
      lookedForDictionary = true
      for meta in segments.reversed() {
        guard let reader = readers[meta.generation] else { continue }
        do {
          let bytes = try reader.stored.records.dictionary()
          if !bytes.isEmpty {
            recordsDictionary = LZ4Dictionary(Array(bytes))
            break
          }
        } catch { throw .index(error) }
      }
    }
    return recordsDictionary
  }

  /// Ends a background segment write, throwing its error. The writer calls
  /// it before anything reads the segment files and before it lets go of
  /// the index lock (even when the build fails).
  func waitForWrites() throws(IndexingError) {
    guard let write = pendingWrite else { return }
    pendingWrite = nil
    if let error = write.join() { throw .index(error) }
  }

  /// Deletes the records of a file indexed by an earlier commit.
  func delete(_ stamp: SourceStamp) throws(IndexingError) {
    guard stamp.segment != SourceStamp.noSegment, let reader = readers[stamp.segment] else { return }
    let columns: ColumnsFile
    do { columns = try reader.columns } catch { throw .index(error) }
    guard let fileColumn = columns.column("file") else {
      throw .index(.corrupt(file: SegmentFiles.name(stamp.segment, .columns), offset: 0, reason: "no file column"))
    }
    var bitmap = deletes[stamp.segment] ?? reader.deletes.map(DeletesWriter.init) ?? DeletesWriter(docCount: reader.meta.docCount)
    // The file column is non-decreasing (verify checks it): binary search the run.
    let lo = lowerBound(fileColumn, Int64(stamp.fileOrdinal)), hi = lowerBound(fileColumn, Int64(stamp.fileOrdinal) + 1)
    for d in lo..<max(lo, hi) { bitmap.delete(d) }
    deletes[stamp.segment] = bitmap
  }

  func isDeleted(_ segment: UInt64, _ doc: UInt32) -> Bool {
    if let d = deletes[segment] { return d.bits[Int(doc >> 3)] & (1 << UInt8(doc & 7)) != 0 }
    return readers[segment]?.isDeleted(doc) ?? false
  }

  private func lowerBound(_ c: ColumnReader, _ v: Int64) -> Int {
    var lo = 0, hi = c.docCount
    while lo < hi {
      let mid = (lo + hi) / 2
      if c.raw(mid) < v { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}

/// A segment write on a thread of its own, joined once for its error.
final class BackgroundWrite: @unchecked Sendable {
  private final class Outcome: @unchecked Sendable { var error: IndexFormatError? }  // written before join returns
  private let outcome = Outcome()
  private let thread: BackgroundThread

  init(_ work: @escaping () -> IndexFormatError?) {
    let outcome = self.outcome
    thread = BackgroundThread { outcome.error = work() }
  }

  /// Waits for the function to end; its error, if any.
  func join() -> IndexFormatError? {
    thread.join()
    return outcome.error
  }
}
