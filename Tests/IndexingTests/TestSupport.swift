// Shared helpers for the indexing tests: a seeded PRNG, temporary folders,
// synthetic parsed documents (no dependency on the disclosure parser) and
// on-disk corpora of small text files for IndexWriter.
import Disclosure
import Foundation
import SearchTestSupport
import IndexFormat
import Indexing
import TextAnalysis


let words = ["预算", "决算", "人员", "减少", "增加", "在职", "工资", "基数", "调增", "经费", "支出", "公务用车", "主要原因"]

func randomText(_ rng: inout SeededRandom, words count: Int) -> String {
  (0..<count).map { _ in words[Int.random(in: 0..<words.count, using: &rng)] }.joined()
    + String(Int.random(in: 0..<1000, using: &rng))
}

/// Synthetic parsed documents with every field and column filled in places.
func syntheticDocuments(_ rng: inout SeededRandom, files: Int, records: Int) -> [ParsedDocument] {
  (0..<files).map { f in
    let info = DocumentInfo(
      path: "dir/f\(f).txt", department: "部门\(f % 3)", region: "新疆 昌吉回族自治州",
      year: 2022 + f % 3, kind: f % 2 == 0 ? .finalAccount : .budget)
    let recs = (0..<records).map { i in
      Record(
        type: RecordType.allCases[i % 3], subject: randomText(&rng, words: 2),
        text: randomText(&rng, words: 8), reason: randomText(&rng, words: 3), section: "一、收支",
        line: i + 1, amount: Int64.random(in: -5_000...500_000, using: &rng),
        rate: i % 2 == 0 ? Int64.random(in: -9_000...9_000, using: &rng) : nil, basis: .lastYear)
    }
    return ParsedDocument(info: info, records: recs)
  }
}

/// Opens the index and verifies every segment; the error, or nil if sound.
func openAndVerify(_ dir: String) -> IndexFormatError? {
  do {
    let reader = try IndexReader(directory: dir)
    for s in reader.segments { try s.verify() }
    return nil
  } catch { return error }
}

extension IndexFormatError {
  /// The file or path the error names.
  var file: String {
    switch self {
    case .missing(let p), .io(let p, _, _), .locked(let p): return p
    case .corrupt(let f, _, _), .checksumMismatch(let f, _, _), .unsupportedVersion(let f, _, _): return f
    case .analyzerMismatch(let index, _): return index
    }
  }
}

/// Index files in `dir` (the manifest and segment files), sorted.
func indexFiles(_ dir: String) throws -> [String] {
  try FileSystem.list(dir).filter { $0 == Manifest.fileName || $0.hasPrefix("seg-") }
}
