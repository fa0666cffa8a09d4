import Disclosure
import Foundation
import SearchTestSupport
import IndexFormat
import Indexing
import QueryEngine
import QueryLanguage
import TextAnalysis

/// Builds a one-segment index from parsed documents, as the indexer would.
enum TestIndex {
  static func build(_ documents: [ParsedDocument], in dir: String = temporaryDirectory()) throws -> Searcher {
    try buildTestIndex(documents, in: dir)
    return try Searcher(reader: IndexReader(directory: dir))
  }

  /// An index of one segment per part (generations 1, 2, …), committed in `dir`.
  static func build(segments parts: [[ParsedDocument]], in dir: String = temporaryDirectory()) throws -> Searcher {
    var metas: [SegmentMeta] = []
    for (i, part) in parts.enumerated() {
      let g = UInt64(i + 1)
      let builder = try SegmentBuilder()
      for d in part { try builder.add(d) }
      try builder.finish(generation: g).write(directory: dir, generation: g)
      metas.append(SegmentMeta(generation: g, docCount: builder.docCount, fileCount: builder.fileCount))
    }
    try Manifest(
      generation: 1, analyzer: AnalyzerID.current.description, segments: metas, fields: Schema.fields,
      columns: Schema.columns, sources: []
    ).commit(directory: dir)
    return try Searcher(reader: IndexReader(directory: dir))
  }
}

/// A brute-force oracle over the same records: substring scan of the
/// matching form, integer comparisons on the typed fields.
struct Oracle {
  var records: [(record: Record, info: DocumentInfo)]

  init(_ documents: [ParsedDocument]) {
    records = documents.flatMap { d in d.records.map { ($0, d.info) } }
  }

  /// Scalar substring of the matching forms, by brute force (no index, no grams).
  static func contains(_ haystack: String, _ needle: String) -> Bool {
    let h = Array((try! MatchForm.fromRaw(haystack)).unicodeScalars)
    let n = Array((try! MatchForm.fromRaw(needle)).unicodeScalars)
    if n.isEmpty { return true }
    if n.count > h.count { return false }
    return (0...(h.count - n.count)).contains { i in h[i..<(i + n.count)].elementsEqual(n) }
  }

  func hits(_ predicate: (Record, DocumentInfo) -> Bool) -> [UInt32] {
    records.enumerated().filter { predicate($0.element.record, $0.element.info) }.map { UInt32($0.offset) }
  }
}
