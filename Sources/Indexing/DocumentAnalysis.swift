// A parsed document's text fields analysed for the index: each field's
// matching form (UTF-8) and its ICU word spans. Computed on a parse worker
// (IndexPipeline) or inline by SegmentBuilder.add(_: ParsedDocument); the
// builder then only interns terms, so what it writes does not depend on
// where the analysis ran.
import Disclosure
import TextAnalysis

/// One text field: its matching form and the byte ranges of its ICU words.
struct AnalyzedField: Sendable {
  var form: [UInt8]
  /// Word spans (isWord only) as start/end byte offsets into `form`, flattened.
  var words: [Int32]
  var wordCount: Int { words.count / 2 }
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

  init() throws(AnalysisError) { segmenter = try Segmenter() }

  func analyze(_ document: ParsedDocument) throws(AnalysisError) -> AnalyzedDocument {
    var records: [AnalyzedRecord] = []
    records.reserveCapacity(document.records.count)
    for r in document.records {
      records.append(
        AnalyzedRecord(text: try field(r.text), reason: try field(r.reason), subject: try field(r.subject)))
    }
    return AnalyzedDocument(document: document, records: records)
  }

  /// fromRaw (NFKC + match form) is exactly what queries get: the same
  /// analyzer at both ends, even for records that did not come through the
  /// disclosure layer's document-wide NFKC.
  func field(_ value: String) throws(AnalysisError) -> AnalyzedField? {
    if value.isEmpty { return nil }
    let form = Array(try MatchForm.fromRaw(value).utf8)
    let words = try form.withUnsafeBufferPointer { (buf) throws(AnalysisError) -> [Int32] in
      var out: [Int32] = []
      for span in try segmenter.spans(buf) where span.isWord {
        out.append(Int32(span.start))
        out.append(Int32(span.end))
      }
      return out
    }
    return AnalyzedField(form: form, words: words)
  }
}
