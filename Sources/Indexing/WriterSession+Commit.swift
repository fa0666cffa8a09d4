// The end of a build: the tiered merge policy, then the commit protocol of
// docs/FORMAT.md (segment and delete files fsynced, directory fsynced,
// MANIFEST.tmp renamed over MANIFEST, then old files deleted).
import IndexFormat
import TextAnalysis

extension WriterSession {
  /// Size tier of a segment: floor(log_mergeFactor(live docs)).
  static func tier(_ live: Int) -> Int {
    var t = 0, n = max(live, 1)
    while n >= mergeFactor {
      n /= mergeFactor
      t += 1
    }
    return t
  }

  /// Live docs of `s` after this commit's deletes.
  func liveCount(_ s: SegmentMeta) -> Int {
    s.docCount - (deletes[s.generation]?.deletedCount ?? s.deletedCount)
  }

  /// Tiered policy, one pass per commit (the next commit cascades): merge
  /// the `mergeFactor` smallest segments of any tier that has that many, and
  /// rewrite any segment more than half deleted. Segments with no live
  /// documents and no live files are simply dropped. `all` merges every
  /// segment into one (Lucene's forceMerge(1)): each query then visits one
  /// dictionary and one set of files instead of one per segment.
  func mergeSegments(all: Bool = false) throws(IndexingError) {
    try flush()
    let liveFiles = Set(sources.map { "\($0.segment):\($0.fileOrdinal)" })
    segments.removeAll { s in liveCount(s) == 0 && !sources.contains { $0.segment == s.generation } }
    var chosen: [SegmentMeta] = []
    let tiers = Dictionary(grouping: segments) { Self.tier(liveCount($0)) }
    for (_, group) in tiers where group.count >= Self.mergeFactor {
      chosen += group.sorted { liveCount($0) < liveCount($1) }.prefix(Self.mergeFactor)
    }
    for s in segments where liveCount(s) * 2 < s.docCount && !chosen.contains(s) { chosen.append(s) }
    if all && (segments.count > 1 || segments.contains { liveCount($0) < $0.docCount }) { chosen = segments }
    guard !chosen.isEmpty else { return }
    chosen = segments.filter { chosen.contains($0) }  // keep index order
    do {
      var inputs: [MergeInput] = []
      for s in chosen {
        let reader: SegmentReader
        if let open = readers[s.generation] { reader = open } else {
          reader = try SegmentReader(directory: index, meta: s)  // written by this build
          readers[s.generation] = reader
        }
        inputs.append(MergeInput(
          reader: reader, isDeleted: { [unowned self] d in self.isDeleted(s.generation, d) },
          isLiveFile: { liveFiles.contains("\(s.generation):\($0)") }))
      }
      let generation = nextSegment
      nextSegment += 1
      let out = try SegmentMerger.merge(inputs, columns: Schema.columns, generation: generation, directory: index)
      for (i, s) in chosen.enumerated() {
        for k in sources.indices where sources[k].segment == s.generation {
          sources[k].segment = generation
          sources[k].fileOrdinal = out.fileMap[i][sources[k].fileOrdinal]!
        }
        deletes[s.generation] = nil
      }
      let at = segments.firstIndex(of: chosen[0])!
      segments.removeAll { chosen.contains($0) }
      segments.insert(SegmentMeta(generation: generation, docCount: out.docCount, fileCount: out.fileCount), at: min(at, segments.count))
    } catch { throw .index(error) }
  }

  /// Writes delete bitmaps and the manifest, atomically switches to them,
  /// then removes files no longer named.
  func commit() throws(IndexingError) -> Manifest {
    do {
      for k in segments.indices {
        guard let bitmap = deletes[segments[k].generation] else { continue }
        let g = segments[k].generation
        try FileSystem.writeFile(
          index + "/" + SegmentFiles.deletesName(g, commit: commitGeneration),
          bitmap.finish(segment: g, commit: commitGeneration))
        segments[k].deleteGeneration = commitGeneration
        segments[k].deletedCount = bitmap.deletedCount
      }
      // New names must be durable before the manifest that names them.
      try FileSystem.syncDirectory(index)
      var manifest = Manifest(
        generation: commitGeneration, analyzer: AnalyzerID.current.description, segments: segments,
        fields: Schema.fields, columns: Schema.columns, sources: sources)
      manifest.nextSegment = nextSegment
      try manifest.commit(directory: index)
      removeUnreferenced(manifest)
      return manifest
    } catch { throw .index(error) }
  }

  /// Deletes `seg-*` files the committed manifest does not name (older
  /// commits, leftovers of a killed writer). Readers that mapped them keep
  /// their mapping; readers about to open them retry with the new manifest.
  func removeUnreferenced(_ manifest: Manifest) { Self.removeUnreferenced(manifest, in: index) }

  static func removeUnreferenced(_ manifest: Manifest, in index: String) {
    let live = Set(manifest.segments.flatMap(SegmentFiles.names))
    for name in (try? FileSystem.list(index)) ?? [] where name.hasPrefix("seg-") && !live.contains(name) {
      FileSystem.remove(index + "/" + name)
    }
  }
}
