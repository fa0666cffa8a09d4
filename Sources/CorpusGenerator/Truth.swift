// The ground truth: what a correct extractor reports for each generated
// document. Subjects, reasons and names are in the form the extractor should
// produce: NFKC (ASCII parentheses and punctuation), page breaks joined, the
// canonical label for template figures (`“三公”经费`, `因公出国(境)费`, …).
// Numbers are as the document states them, signed (减少/下降 negative) and
// nil where the sentence does not state them: nothing here is computed and
// then presented as stated.

public struct TruthStatement: Sendable, Equatable {
  public var subject: String
  /// Hundredths of 万元.
  public var amount: Int64?
  /// The stated comparison base (年初预算数 / 全年预算数), hundredths of 万元.
  public var prior: Int64?
  /// Signed, hundredths of 万元.
  public var change: Int64?
  /// Signed basis points.
  public var rate: Int64?
  /// `上年` or `预算`.
  public var basis: String
  public var reason: String
  /// 1-based line where the statement's sentence starts.
  public var line: Int
}

public struct TruthProject: Sendable, Equatable {
  public var name: String
  /// 年初预算数 (项目支出绩效自评表), hundredths of 万元.
  public var initialBudget: Int64?
  /// 全年预算数, or 预算安排规模 in budget documents.
  public var budget: Int64?
  /// 全年执行数.
  public var executed: Int64?
  /// The same project across years and renamings: `<department>-<n>`.
  public var projectKey: String
  public var line: Int
}

public struct TruthDocument: Sendable {
  /// Path relative to the corpus directory: `docs/<id>.txt`.
  public var file: String
  public var department: String
  /// `新疆 巴音郭楞蒙古自治州 和静县`.
  public var region: String
  public var year: Int
  /// `预算` or `决算`.
  public var kind: String
  /// `docx` or `pdf` (the layout the text imitates).
  public var layout: String
  /// `UTF-8` or `GB18030`.
  public var encoding: String
  public var statements: [TruthStatement]
  public var projects: [TruthProject]
}

extension TruthDocument {
  /// One JSON object per line: the document, then its statements, then its projects.
  public func jsonLines() -> String {
    var j = JSON.Writer()
    j.begin("document")
    j.field("file", file); j.field("department", department); j.field("region", region)
    j.field("year", number: year); j.field("kind", kind); j.field("layout", layout); j.field("encoding", encoding)
    j.field("statements", number: statements.count); j.field("projects", number: projects.count)
    j.end()
    for st in statements {
      j.begin("statement")
      j.field("file", file); j.field("line", number: st.line); j.field("subject", st.subject)
      j.field("amount", money: st.amount); j.field("prior", money: st.prior); j.field("change", money: st.change)
      j.field("rate", money: st.rate); j.field("basis", st.basis); j.field("reason", st.reason)
      j.end()
    }
    for p in projects {
      j.begin("project")
      j.field("file", file); j.field("line", number: p.line); j.field("name", p.name)
      j.field("project_key", p.projectKey); j.field("year", number: year)
      j.field("initial_budget", money: p.initialBudget); j.field("budget", money: p.budget)
      j.field("executed", money: p.executed)
      j.end()
    }
    return j.out
  }
}
