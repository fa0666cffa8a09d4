// A parsed document's text fields analysed for the index: each field's
// matching form (UTF-8) and, for the fields ranked on ICU words (Schema:
// kind `text`), its word spans. Computed on a parse worker
// (IndexPipeline) or inline by SegmentBuilder.add(_: ParsedDocument); the
// builder then only interns terms, so what it writes does not depend on
// where the analysis ran.
import Disclosure
import IndexFormat
import TextAnalysis

/// One text field: its matching form and the byte ranges of its ICU words.
struct AnalyzedField: Sendable {
  var form: [UInt8]
  /// Word spans (isWord only) as start/end byte offsets into `form`,
  /// flattened; nil when the field was not segmented (a gram-text field).
  var words: [Int32]?
}

/// The three text fields of a record (nil: the field is empty).
struct AnalyzedRecord: Sendable {
  var text: AnalyzedField?
  var reason: AnalyzedField?
  var subject: AnalyzedField?
}

/// A document with its records' fields analysed, in record order.
public struct AnalyzedDocument: Sendable {
  public var document: ParsedDocument
  var records: [AnalyzedRecord]
}

/// Analyses documents; owns an ICU segmenter, so one per thread.
final class DocumentAnalyzer {
  private let segmenter: Segmenter
  /// Fields analysed recently, by the XXH64 of their UTF-8 (the raw bytes
  /// are kept to rule out collisions). Disclosures repeat themselves: the
  /// same glossary passages, headings, subjects and table labels appear in
  /// every department's file (about 40% of a generated corpus's line bytes
  /// are repeats), and a field's analysis depends on its text alone, so a
  /// repeat costs a hash and a compare instead of NFKC, the matching form
  /// and ICU segmentation. Bounded: emptied when it holds `cacheBudget`.
  private var cache: [UInt64: (raw: [UInt8], field: AnalyzedField)] = [:]
  private var cacheBytes = 0
  static let cacheBudget = 24 << 20
  /// Longer fields are rarely repeated; they are analysed without the cache.
  static let cacheableLength = 2048

  init() throws(AnalysisError) { segmenter = try Segmenter() }

  func analyze(_ document: ParsedDocument) throws(AnalysisError) -> AnalyzedDocument {
    var records: [AnalyzedRecord] = []
    records.reserveCapacity(document.records.count)
    for r in document.records {
      records.append(
        AnalyzedRecord(
          text: try field(r.text, words: Schema.text.kind == .text),
          reason: try field(r.reason, words: Schema.reason.kind == .text),
          subject: try field(r.subject, words: Schema.subject.kind == .text)))
    }
    return AnalyzedDocument(document: document, records: records)
  }

  /// fromRaw (NFKC + match form) is exactly what queries get: the same
  /// analyzer at both ends, even for records that did not come through the
  /// disclosure layer's document-wide NFKC (`utf8FromRaw` only skips the
  /// NFKC call when the text provably is NFKC already). `words`: whether
  /// the field needs its ICU word spans (the fields ranked on words).
  func field(_ value: String, words: Bool) throws(AnalysisError) -> AnalyzedField? {
    if value.isEmpty { return nil }
    guard value.utf8.count <= Self.cacheableLength else { return try analyzeField(value, words: words) }
    // Hashed and compared on the string's own bytes: the array copy is made
    // only for a new entry.
    var text = value
    let (key, found) = text.withUTF8 { buf -> (UInt64, AnalyzedField?) in
      let key = XXHash64.hash(UnsafeRawBufferPointer(buf))
      guard let hit = cache[key], hit.raw.count == buf.count else { return (key, nil) }
      let same = hit.raw.withUnsafeBufferPointer { memcmpEqual($0, buf) }
      return (key, same ? hit.field : nil)
    }
    // An entry made for a gram-text field lacks the words a word field
    // needs (the same text can fill both): it is analysed again and replaced.
    if let found, found.words != nil || !words { return found }
    let raw = Array(value.utf8)
    let field = try analyzeField(value, words: words)
    cacheBytes += 2 * raw.count + field.form.count + 4 * (field.words?.count ?? 0) + 96
    if cacheBytes > Self.cacheBudget {
      cache.removeAll(keepingCapacity: true)
      cacheBytes = 0
    }
    cache[key] = (raw, field)
    return field
  }

  private func analyzeField(_ value: String, words needed: Bool) throws(AnalysisError) -> AnalyzedField {
    let form = try MatchForm.utf8FromRaw(value)
    guard needed else { return AnalyzedField(form: form, words: nil) }
    var words: [Int32] = []
    try form.withUnsafeBufferPointer { (buf) throws(AnalysisError) in
      try segmenter.appendWordBounds(buf, to: &words)
    }
    return AnalyzedField(form: form, words: words)
  }
}
