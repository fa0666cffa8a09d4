// Corpus directory → committed index, incrementally: files whose size and
// mtime are unchanged are not read; changed ones are hashed and re-indexed
// only if their content changed; the records of changed and removed files
// are deleted through per-segment bitmaps; new records go to new segments,
// flushed at a memory budget; a tiered policy merges small segments.
// The CLI's `index` and `search` commands call `build`.
import Disclosure
import IndexFormat
import TextAnalysis

public struct IndexingReport: Sendable {
  public var files: Int = 0
  public var skipped: [(path: String, reason: String)] = []
  public var records: Int = 0
  public var bytesRead: Int = 0
  public var generation: UInt64 = 0
  /// Files left as they were (unchanged stamp or content hash).
  public var unchanged: Int = 0
  /// Files whose records were deleted (changed or removed).
  public var removed: Int = 0
  public var segments: Int = 0
}

public enum IndexingError: Error, CustomStringConvertible {
  case corpusMissing(path: String)
  case index(IndexFormatError)
  case analysis(AnalysisError)
  case unexpected(String)

  public var description: String {
    switch self {
    case .corpusMissing(let path): return "\(path): no such corpus directory (give one with --corpus)"
    case .index(let e): return e.description
    case .analysis(let e): return e.description
    case .unexpected(let message): return "indexing failed: \(message)"
    }
  }
}

public enum IndexWriter {
  /// Default indexing memory budget: the in-memory segment is flushed when
  /// `SegmentBuilder.approximateBytes` reaches it.
  public static let defaultMemoryBudget = 256 << 20

  /// Deletes the `seg-*` files the committed manifest does not name: what a
  /// writer killed after its commit but before its clean-up left behind.
  /// `build` does this on every commit; an index that is up to date needs
  /// no build, so `index` calls this instead. Takes the writer lock without
  /// waiting (a running writer's new files are not named yet) and does
  /// nothing when another writer holds it or no commit can be read.
  public static func removeLeftovers(index: String) {
    guard let lock = try? FileSystem.lockExclusive(index + "/LOCK", waitMilliseconds: 0) else { return }
    defer { FileSystem.unlock(lock) }
    guard let manifest = try? Manifest.read(directory: index, includeSources: false) else { return }
    WriterSession.removeUnreferenced(manifest, in: index)
  }

  /// Brings the index at `index` up to date with `corpus` and commits.
  /// `rebuild` ignores the previous commit (its files are deleted after the
  /// new one commits). Undecodable files are reported through `onSkip` and
  /// left out. `mergeAll` leaves one segment (see `mergeSegments(all:)`).
  /// Throws `.index(.locked)` if another writer holds the lock.
  public static func build(
    corpus: String, index: String, rebuild: Bool = false, mergeAll: Bool = false, memoryBudget: Int = defaultMemoryBudget,
    threads: Int = availableProcessors(), onSkip: (String, String) -> Void = { _, _ in }
  ) throws(IndexingError) -> IndexingReport {
    let corpusNow = try corpusFiles(corpus)
    do {
      try FileSystem.createDirectory(index)
      let lock = try FileSystem.lockExclusive(index + "/LOCK")
      defer { FileSystem.unlock(lock) }
      // A previous commit we cannot read, or one of another analyzer or
      // schema, is rebuilt from scratch.
      var previous = try? IndexReader(directory: index)
      if let p = previous, !Schema.isCurrent(p.manifest) { previous = nil }
      let session = WriterSession(
        index: index, previous: rebuild ? nil : previous, directoryNames: try FileSystem.list(index),
        memoryBudget: memoryBudget)
      // With parse workers, a full segment is written while they go on.
      session.writeInBackground = threads > 1
      // Declared after the lock's defer, so it runs first: no segment write
      // outlives the lock, even when the build throws.
      defer { try? session.waitForWrites() }
      var report = IndexingReport(generation: session.commitGeneration)
      var old: [String: SourceStamp] = [:]
      if !rebuild, let previous { for s in previous.manifest.sources { old[s.path] = s } }
      // Which files must be read (stat changed or new), in corpus order.
      var plan: [(source: SourceStamp, before: SourceStamp?)] = []
      var jobs: [(path: String, before: SourceStamp?)] = []
      for source in corpusNow {
        let before = old.removeValue(forKey: source.path)
        plan.append((source, before))
        if let before, before.sameStat(source) { continue }
        jobs.append((source.path, before))
      }
      // Workers read, hash, parse and analyse; this thread adds documents in
      // corpus order, so segments and doc ids are those of a sequential build.
      let pool = OrderedPool<DocumentAnalyzer?, FileOutcome>(
        // The window lets workers run ahead while this thread writes a full
        // segment (about a second per 256 MB budget): with 4 per thread they
        // stalled for all of it.
        count: jobs.count, workers: threads > 1 ? threads : 0, window: 32 * max(threads, 1),
        makeState: { nil },
        work: { analyzer, k in readFile(corpus: corpus, path: jobs[k].path, before: jobs[k].before, analyzer: &analyzer) })
      defer { pool.shutdown() }
      var job = 0
      for (var source, before) in plan {
        if let before, before.sameStat(source) {
          session.sources.append(before)
          report.unchanged += 1
          continue
        }
        let outcome = pool.next(job)
        job += 1
        report.bytesRead += outcome.size
        source.size = outcome.size
        source.hash = outcome.hash
        if case .failed(let e) = outcome.result { throw e }
        if let before {
          if case .touched = outcome.result {
            // Touched, not changed: keep its records, note the new mtime.
            source.segment = before.segment
            source.fileOrdinal = before.fileOrdinal
            session.sources.append(source)
            report.unchanged += 1
            continue
          }
          try session.delete(before)
          report.removed += 1
        }
        switch outcome.result {
        case .parsed(let analyzed):
          session.sources.append(try session.add(analyzed, stamp: source))
          report.files += 1
          report.records += analyzed.document.records.count
        case .skipped(let reason):
          source.segment = SourceStamp.noSegment  // skipped: no records, re-read only when it changes
          session.sources.append(source)
          report.skipped.append((source.path, reason))
          onSkip(source.path, reason)
        case .touched, .failed: break
        }
      }
      for gone in old.values {
        try session.delete(gone)
        report.removed += 1
      }
      try session.mergeSegments(all: mergeAll)
      let manifest = try session.commit()
      report.segments = manifest.segments.count
      return report
    } catch let e as IndexFormatError {
      throw .index(e)
    } catch let e as IndexingError {
      throw e
    } catch let e as AnalysisError {
      throw .analysis(e)
    } catch {
      throw .unexpected("\(error)")  // no other error is thrown above; never trap if one appears
    }
  }
}

/// What a worker made of one file to (re)index.
struct FileOutcome {
  enum Result {
    /// Same bytes as the previous commit's (only its stat changed).
    case touched
    case parsed(AnalyzedDocument)
    /// Undecodable: left out, with the reason.
    case skipped(String)
    /// Unreadable file or an analyzer failure: the build fails.
    case failed(IndexingError)
  }
  var size = 0
  var hash: UInt64 = 0
  var result: Result
}

/// Reads, hashes, parses and analyses one corpus file (on a worker thread).
func readFile(corpus: String, path: String, before: SourceStamp?, analyzer: inout DocumentAnalyzer?) -> FileOutcome {
  let bytes: [UInt8]
  do { bytes = try FileSystem.readFile(corpus + "/" + path) } catch { return FileOutcome(result: .failed(.index(error))) }
  var out = FileOutcome(size: bytes.count, hash: XXHash64.hash(bytes), result: .touched)
  if let before, before.hash == out.hash && before.size == out.size { return out }
  let document: ParsedDocument
  do { document = try parseDocument(path: path, bytes: bytes) } catch {
    out.result = .skipped("\(error)")
    return out
  }
  do {
    if analyzer == nil { analyzer = try DocumentAnalyzer() }
    out.result = .parsed(try analyzer!.analyze(document))
  } catch {
    out.result = .failed(.analysis(error))
  }
  return out
}

/// One file's bytes → its records (the disclosure layer); a seam so tests
/// and the writer share one entry point.
public func parseDocument(path: String, bytes: [UInt8]) throws(AnalysisError) -> ParsedDocument {
  try DisclosureParser.parse(path: path, bytes: bytes)
}
