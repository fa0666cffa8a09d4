// A one-segment index written exactly as the indexer would, from parsed
// documents (no corpus files, no disclosure parser): shared by the indexing
// and query tests.
import Disclosure
import IndexFormat
import Indexing
import TextAnalysis

/// Writes a one-segment index of `documents` into `dir` and commits it.
public func buildTestIndex(_ documents: [ParsedDocument], in dir: String) throws {
  let builder = try SegmentBuilder()
  for d in documents { try builder.add(d) }
  try builder.finish(generation: 1).write(directory: dir, generation: 1)
  try Manifest(
    generation: 1, analyzer: AnalyzerID.current.description,
    segments: [SegmentMeta(generation: 1, docCount: builder.docCount, fileCount: builder.fileCount)],
    fields: Schema.fields, columns: Schema.columns, sources: []
  ).commit(directory: dir)
}
