// The index schema: which record fields are indexed how, and the numeric
// columns. Written into the manifest, so readers (QueryEngine) resolve
// fields by name from the index itself, as tantivy's meta.json does.
import Disclosure
import IndexFormat
import TextAnalysis

public enum Schema {
  // Record fields, stored per record. `reason` and `subject` are short and
  // ranked on ICU words; `text` (every sentence and table row, most of the
  // corpus's bytes) is ranked on its grams, as Lucene's CJKAnalyzer ranks
  // bigrams: segmenting it was about a third of a build's CPU and its word
  // postings a fifth of the index (bench/RESULTS.md, seventh session).
  public static let text = FieldMeta(id: 1, name: "text", kind: .gramText)
  public static let reason = FieldMeta(id: 2, name: "reason", kind: .text)
  public static let subject = FieldMeta(id: 3, name: "subject", kind: .text)
  public static let section = FieldMeta(id: 4, name: "section", kind: .stored)
  public static let type = FieldMeta(id: 5, name: "type", kind: .keyword)
  public static let basis = FieldMeta(id: 6, name: "basis", kind: .keyword)
  public static let kind = FieldMeta(id: 7, name: "kind", kind: .keyword)
  // File fields (stored once per source file, in the files table).
  public static let path = FieldMeta(id: 20, name: "path", kind: .stored)
  public static let department = FieldMeta(id: 21, name: "dept", kind: .stored)
  public static let region = FieldMeta(id: 22, name: "region", kind: .stored)
  public static let charset = FieldMeta(id: 23, name: "charset", kind: .stored)
  public static let fileKind = FieldMeta(id: 24, name: "file_kind", kind: .stored)

  public static let fields = [text, reason, subject, section, type, basis, kind, path, department, region, charset, fileKind]

  /// Whether an index with this manifest was written with this build's
  /// analyzer and fields. The writer adds segments only to such an index
  /// (segments of two schemas would rank one field in two views), and a
  /// search rebuilds any other first; the query engine still reads one as
  /// its manifest describes it (`search --no-update`).
  public static func isCurrent(_ manifest: Manifest) -> Bool {
    manifest.analyzer == AnalyzerID.current.description && manifest.fields == fields
  }

  /// Stored fields whose few values repeat across entries (a handful of
  /// types and bases; a department's name and region on each of its files):
  /// stored once per segment table and referenced by ordinal (FORMAT.md
  /// "Stored fields"). Section paths are not: they name the department, so
  /// the table of them grew with the corpus (and is checksummed whole on a
  /// hit's first display), while LZ4 stores their repeats on consecutive
  /// records as matches.
  static let sharedRecordFields: Set<UInt8> = [type.id, basis.id]
  static let sharedFileFields: Set<UInt8> = [department.id, region.id, charset.id, fileKind.id]

  /// Whether a term's postings keep positions: only the gram view needs them
  /// (substring and phrase matching); BM25 over words uses only frequencies,
  /// and keywords always sit at position 0.
  static func hasPositions(_ term: [UInt8]) -> Bool {
    term.count >= 2 && term[1] == TermView.gram.rawValue
  }

  /// Numeric columns, each with how a record fills it. Amounts and rates in
  /// hundredths (0.01 万元, 0.01 %), counts and years whole. Column names are
  /// the query language's numeric field names (docs/QUERY.md). New columns are
  /// appended; an index without one reads it as absent.
  ///
  /// The functions take the context by pointer: a closure stored in an array
  /// is called through a thunk that copies a by-value struct argument, and
  /// 27 copies of a Record per record were about 2 % of a build's CPU (memmove).
  static let columnSources: [(meta: ColumnMeta, value: @Sendable (UnsafePointer<RecordContext>) -> Int64?)] = [
    (ColumnMeta(name: "amount", decimals: 2), { $0.pointee.record.amount }),
    (ColumnMeta(name: "prior", decimals: 2), { $0.pointee.record.prior }),
    (ColumnMeta(name: "change", decimals: 2), { $0.pointee.record.change }),
    (ColumnMeta(name: "rate", decimals: 2), { $0.pointee.record.rate }),
    (ColumnMeta(name: "budget", decimals: 2), { $0.pointee.record.budget }),
    (ColumnMeta(name: "executed", decimals: 2), { $0.pointee.record.executed }),
    (ColumnMeta(name: "year", decimals: 0), { $0.pointee.info.year.map(Int64.init) }),
    (ColumnMeta(name: "file", decimals: 0), { $0.pointee.file }),
    (ColumnMeta(name: "line", decimals: 0), { Int64($0.pointee.record.line) }),
    (ColumnMeta(name: "initial", decimals: 2), { $0.pointee.record.initialBudget }),
    (ColumnMeta(name: "completion", decimals: 2), { $0.pointee.record.completion }),
    (ColumnMeta(name: "compared_year", decimals: 0), { $0.pointee.record.comparedYear.map(Int64.init) }),
    (ColumnMeta(name: "staff", decimals: 0), { $0.pointee.record.staffTotal }),
    (ColumnMeta(name: "active", decimals: 0), { $0.pointee.record.staffActive }),
    (ColumnMeta(name: "active_change", decimals: 0), { $0.pointee.record.staffActiveChange }),
    (ColumnMeta(name: "retirees", decimals: 0), { $0.pointee.record.staffRetirees }),
    (ColumnMeta(name: "retirees_change", decimals: 0), { $0.pointee.record.staffRetireesChange }),
    (ColumnMeta(name: "retired_cadres", decimals: 0), { $0.pointee.record.staffRetiredCadres }),
    (ColumnMeta(name: "retired_cadres_change", decimals: 0), { $0.pointee.record.staffRetiredCadresChange }),
    (ColumnMeta(name: "vehicles", decimals: 0), { $0.pointee.record.vehicles }),
    (ColumnMeta(name: "official_vehicles", decimals: 0), { $0.pointee.record.officialVehicles }),
    (ColumnMeta(name: "procurement", decimals: 2), { $0.pointee.record.procurementTotal }),
    (ColumnMeta(name: "procurement_sme", decimals: 2), { $0.pointee.record.procurementSME }),
    // Field lengths for BM25's length normalization, counted in the view
    // that ranks the field: grams for `text`, ICU words for the others.
    (ColumnMeta(name: "text_len", decimals: 0), { $0.pointee.lengths.text }),
    (ColumnMeta(name: "reason_len", decimals: 0), { $0.pointee.lengths.reason }),
    (ColumnMeta(name: "subject_len", decimals: 0), { $0.pointee.lengths.subject }),
    // How many records back the record's section run starts (0 on its first
    // record). See `sectionRun`.
    (ColumnMeta(name: sectionRun, decimals: 0), { $0.pointee.sectionRun }),
  ]

  /// A section run is a maximal sequence of consecutive records of one file
  /// with the same section path. The path's grams are indexed (field
  /// `section`, gram view) on the run's first record only, and this column
  /// gives every record its distance back to that first record, so
  /// `section:` is a postings lookup plus a column read instead of a scan of
  /// every stored record. Distances survive merges: a file's records stay
  /// consecutive and are deleted together. A record without the column (a
  /// segment written before it, or merged from one) is judged on its stored
  /// path, as before.
  public static let sectionRun = "section_run"

  public static let columns = columnSources.map(\.meta)

  /// The column values a record states by itself (no file ordinal, no
  /// lengths): what `extract` prints without building an index.
  public static func statedValues(_ record: Record, info: DocumentInfo) -> [String: (value: Int64, decimals: Int)] {
    var context = RecordContext(record: record, info: info, file: 0, lengths: (nil, nil, nil), sectionRun: nil)
    var out: [String: (Int64, Int)] = [:]
    for (meta, value) in columnSources where meta.name != "file" && meta.name != sectionRun {
      if let v = value(&context) { out[meta.name] = (v, meta.decimals) }
    }
    return out
  }
}

/// What a record's column values are computed from.
struct RecordContext {
  var record: Record
  var info: DocumentInfo
  var file: Int64
  var lengths: (text: Int64?, reason: Int64?, subject: Int64?)
  /// Records back to the first of the record's section run.
  var sectionRun: Int64?
}

/// How terms are spelled in the dictionary: field id, view, then the bytes.
/// Shared by the writer here and the query engine (which rebuilds the same
/// keys from the manifest's field ids).
public enum TermView: UInt8 {
  case gram = 0x67  // "g": CJK bigrams / trailing unigrams (recall)
  case word = 0x77  // "w": ICU words (ranking)
  case keyword = 0x6B  // "k": exact values (type, basis, kind)
}
