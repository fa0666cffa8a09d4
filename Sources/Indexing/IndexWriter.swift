// Corpus directory → committed index. Format version 1 rebuilds the whole
// index into one new segment whenever the corpus changed; incremental
// indexing and merges come with issue 4.
import Disclosure
import IndexFormat
import TextAnalysis

public struct IndexingReport: Sendable {
  public var files: Int = 0
  public var skipped: [(path: String, reason: String)] = []
  public var records: Int = 0
  public var bytesRead: Int = 0
  public var generation: UInt64 = 0
}

public enum IndexingError: Error, CustomStringConvertible {
  case corpusMissing(path: String)
  case index(IndexFormatError)
  case analysis(AnalysisError)

  public var description: String {
    switch self {
    case .corpusMissing(let path): return "\(path): no such corpus directory (give one with --corpus)"
    case .index(let e): return e.description
    case .analysis(let e): return e.description
    }
  }
}

public enum IndexWriter {
  /// Files under `corpus` that are indexed: regular files, recursively,
  /// skipping hidden names; paths relative to `corpus`, sorted.
  public static func corpusFiles(_ corpus: String) throws(IndexingError) -> [SourceStamp] {
    guard FileSystem.isDirectory(corpus) else { throw .corpusMissing(path: corpus) }
    var out: [SourceStamp] = []
    func walk(_ relative: String) throws(IndexingError) {
      let dir = relative.isEmpty ? corpus : corpus + "/" + relative
      let names: [String]
      do { names = try FileSystem.list(dir) } catch { throw .index(error) }
      for name in names where !name.hasPrefix(".") {
        let rel = relative.isEmpty ? name : relative + "/" + name
        let full = corpus + "/" + rel
        if let st = FileSystem.fileStatus(full) {
          out.append(SourceStamp(path: rel, size: st.size, mtimeNanos: st.mtimeNanos))
        } else if FileSystem.isDirectory(full) {
          try walk(rel)
        }
      }
    }
    try walk("")
    return out
  }

  /// Whether the index at `index` is missing, built by another analyzer, or
  /// does not reflect the files now in `corpus`.
  public static func isStale(index: String, corpus: String) throws(IndexingError) -> Bool {
    guard let manifest = try? Manifest.read(directory: index) else { return true }
    if manifest.analyzer != AnalyzerID.current.description { return true }
    return try corpusFiles(corpus) != manifest.sources
  }

  /// Indexes every file of `corpus` into a new segment and commits it.
  /// Undecodable files are reported through `onSkip` and left out.
  public static func build(
    corpus: String, index: String, onSkip: (String, String) -> Void = { _, _ in }
  ) throws(IndexingError) -> IndexingReport {
    let sources = try corpusFiles(corpus)
    do {
      try FileSystem.createDirectory(index)
      let lock = try FileSystem.lockExclusive(index + "/LOCK")
      defer { FileSystem.unlock(lock) }
      let previous = try? Manifest.read(directory: index)
      let generation = (previous?.generation ?? 0) + 1
      var report = IndexingReport(generation: generation)
      let builder: SegmentBuilder
      do { builder = try SegmentBuilder() } catch { throw IndexingError.analysis(error) }
      for source in sources {
        let bytes = try FileSystem.readFile(corpus + "/" + source.path)
        report.bytesRead += bytes.count
        do {
          let document = try parseDocument(path: source.path, bytes: bytes)
          try builder.add(document)
          report.files += 1
          report.records += document.records.count
        } catch {
          report.skipped.append((source.path, "\(error)"))
          onSkip(source.path, "\(error)")
        }
      }
      let data = builder.finish(generation: generation)
      try data.write(directory: index, generation: generation)
      let manifest = Manifest(
        generation: generation, analyzer: AnalyzerID.current.description,
        segments: [SegmentMeta(generation: generation, docCount: builder.docCount, fileCount: builder.fileCount)],
        fields: Schema.fields, columns: Schema.columns, sources: sources)
      try manifest.commit(directory: index)
      removeUnreferenced(index: index, manifest: manifest)
      return report
    } catch let e as IndexFormatError {
      throw .index(e)
    } catch let e as IndexingError {
      throw e
    } catch {
      fatalError("unexpected error \(error)")
    }
  }

  /// Deletes segment files the committed manifest does not name (older
  /// generations, leftovers of a killed writer).
  static func removeUnreferenced(index: String, manifest: Manifest) {
    let live = Set(manifest.segments.flatMap { s in
      [FileKind.dictionary, .postings, .columns, .stored].map { SegmentFiles.name(s.generation, $0) }
    })
    for name in (try? FileSystem.list(index)) ?? [] where name.hasPrefix("seg-") && !live.contains(name) {
      FileSystem.remove(index + "/" + name)
    }
  }
}

/// One file's bytes → its records (the disclosure layer); a seam so tests
/// and the writer share one entry point.
public func parseDocument(path: String, bytes: [UInt8]) throws(AnalysisError) -> ParsedDocument {
  try DisclosureParser.parse(path: path, bytes: bytes)
}
