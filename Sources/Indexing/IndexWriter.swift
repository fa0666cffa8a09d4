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

  /// Brings the index at `index` up to date with `corpus` and commits.
  /// `rebuild` ignores the previous commit (its files are deleted after the
  /// new one commits). Undecodable files are reported through `onSkip` and
  /// left out. Throws `.index(.locked)` if another writer holds the lock.
  public static func build(
    corpus: String, index: String, rebuild: Bool = false, memoryBudget: Int = defaultMemoryBudget,
    onSkip: (String, String) -> Void = { _, _ in }
  ) throws(IndexingError) -> IndexingReport {
    let corpusNow = try corpusFiles(corpus)
    do {
      try FileSystem.createDirectory(index)
      let lock = try FileSystem.lockExclusive(index + "/LOCK")
      defer { FileSystem.unlock(lock) }
      // A previous commit we cannot read, or one of another analyzer, is rebuilt from scratch.
      var previous = try? IndexReader(directory: index)
      if previous?.manifest.analyzer != AnalyzerID.current.description { previous = nil }
      let session = WriterSession(
        index: index, previous: rebuild ? nil : previous, directoryNames: try FileSystem.list(index),
        memoryBudget: memoryBudget)
      var report = IndexingReport(generation: session.commitGeneration)
      var old: [String: SourceStamp] = [:]
      if !rebuild, let previous { for s in previous.manifest.sources { old[s.path] = s } }
      for var source in corpusNow {
        let before = old.removeValue(forKey: source.path)
        if let before, before.sameStat(source) {
          session.sources.append(before)
          report.unchanged += 1
          continue
        }
        let bytes = try FileSystem.readFile(corpus + "/" + source.path)
        report.bytesRead += bytes.count
        source.size = bytes.count
        source.hash = XXHash64.hash(bytes)
        if let before {
          if before.hash == source.hash && before.size == source.size {
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
        do {
          let document = try parseDocument(path: source.path, bytes: bytes)
          session.sources.append(try session.add(document, stamp: source))
          report.files += 1
          report.records += document.records.count
        } catch let e as IndexingError {
          throw e
        } catch {
          source.segment = SourceStamp.noSegment  // skipped: no records, re-read only when it changes
          session.sources.append(source)
          report.skipped.append((source.path, "\(error)"))
          onSkip(source.path, "\(error)")
        }
      }
      for gone in old.values {
        try session.delete(gone)
        report.removed += 1
      }
      try session.mergeSegments()
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

/// One file's bytes → its records (the disclosure layer); a seam so tests
/// and the writer share one entry point.
public func parseDocument(path: String, bytes: [UInt8]) throws(AnalysisError) -> ParsedDocument {
  try DisclosureParser.parse(path: path, bytes: bytes)
}
