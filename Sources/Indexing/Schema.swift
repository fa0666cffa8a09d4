// The index schema: which record fields are indexed how, and the numeric
// columns. Written into the manifest, so readers (QueryEngine) resolve
// fields by name from the index itself, as tantivy's meta.json does.
import Disclosure
import IndexFormat

public enum Schema {
  // Record fields (stored per record; text fields indexed in both views).
  public static let text = FieldMeta(id: 1, name: "text", kind: .text)
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

  /// Numeric columns: amounts and rates in hundredths (0.01 万元, 0.01 %).
  public static let columns = [
    ColumnMeta(name: "amount", decimals: 2), ColumnMeta(name: "prior", decimals: 2),
    ColumnMeta(name: "change", decimals: 2), ColumnMeta(name: "rate", decimals: 2),
    ColumnMeta(name: "budget", decimals: 2), ColumnMeta(name: "executed", decimals: 2),
    ColumnMeta(name: "year", decimals: 0), ColumnMeta(name: "file", decimals: 0),
    ColumnMeta(name: "line", decimals: 0),
  ]
}

/// How terms are spelled in the dictionary: field id, view, then the bytes.
/// Shared by the writer here and the query engine (which rebuilds the same
/// keys from the manifest's field ids).
public enum TermView: UInt8 {
  case gram = 0x67  // "g": CJK bigrams / trailing unigrams (recall)
  case word = 0x77  // "w": ICU words (ranking)
  case keyword = 0x6B  // "k": exact values (type, basis, kind)
}
