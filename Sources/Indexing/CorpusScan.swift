// What is in the corpus folder, and whether the index still reflects it.
// Called by IndexWriter.build and by the CLI's staleness check before search.
import IndexFormat
import TextAnalysis

extension IndexWriter {
  /// Files under `corpus` that are indexed: regular files, recursively,
  /// skipping hidden names; paths relative to `corpus`, sorted. Only size
  /// and mtime are filled in (hashing needs the bytes).
  public static func corpusFiles(_ corpus: String) throws(IndexingError) -> [SourceStamp] {
    guard FileSystem.isDirectory(corpus) else { throw .corpusMissing(path: corpus) }
    var out: [SourceStamp] = []
    func walk(_ relative: String) throws(IndexingError) {
      let dir = relative.isEmpty ? corpus : corpus + "/" + relative
      let entries: [(name: String, kind: FileSystem.EntryKind)]
      do { entries = try FileSystem.entries(dir) } catch { throw .index(error) }
      for (name, kind) in entries where !name.hasPrefix(".") {
        let rel = relative.isEmpty ? name : relative + "/" + name
        switch kind {
        case .file(let size, let mtimeNanos): out.append(SourceStamp(path: rel, size: size, mtimeNanos: mtimeNanos))
        case .directory: try walk(rel)
        case .other: break
        }
      }
    }
    try walk("")
    return out
  }

  /// Whether the index at `index` is missing, unreadable, built by another
  /// analyzer or field schema (`Schema.isCurrent`), or names other files
  /// (path, size, mtime) than `corpus` holds.
  public static func isStale(index: String, corpus: String) throws(IndexingError) -> Bool {
    guard let manifest = try? Manifest.read(directory: index) else { return true }
    if !Schema.isCurrent(manifest) { return true }
    let files = try corpusFiles(corpus)
    return files.count != manifest.sources.count || zip(files, manifest.sources).contains { !$0.sameStat($1) }
  }
}
