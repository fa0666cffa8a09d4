// The disclosure layer's output: a document's metadata and its records.
// Numbers are typed: amounts in hundredths of 万元, rates in basis points
// (hundredths of a percent), signs explicit (减少/下降 negative). A field is
// nil when the text does not state it: nothing here is computed and then
// presented as stated.

/// 预算 (budget) or 决算 (final account).
public enum DocumentKind: String, Sendable, CaseIterable {
  case budget = "预算"
  case finalAccount = "决算"
}

/// What a comparison is against: last year (上年, 同比, 比上年预算/决算) or this
/// year's budget (与年初预算相比, 预决算差异率).
public enum Basis: String, Sendable, CaseIterable {
  case lastYear = "上年"
  case budget = "预算"
}

public enum RecordType: String, Sendable, CaseIterable {
  /// A sentence giving an amount and/or a change with a rate and usually a reason.
  case statement
  /// A project (项目名称) with its amounts.
  case project
  /// Any other paragraph or table row, kept so that nothing is unsearchable.
  case passage
}

/// Metadata of one disclosure file.
public struct DocumentInfo: Sendable, Equatable {
  /// The path as given to the parser (relative to the corpus root when indexing).
  public var path: String
  /// The department as named in the title, e.g. 中共乌鲁木齐市委员会组织部.
  public var department: String
  /// Region as far as the text says, e.g. 新疆 昌吉回族自治州; "" when unknown.
  public var region: String
  public var year: Int?
  public var kind: DocumentKind?
  /// The charset the file was decoded from.
  public var charset: String

  public init(
    path: String, department: String = "", region: String = "", year: Int? = nil,
    kind: DocumentKind? = nil, charset: String = "UTF-8"
  ) {
    self.path = path
    self.department = department
    self.region = region
    self.year = year
    self.kind = kind
    self.charset = charset
  }
}

/// One searchable unit of a disclosure.
public struct Record: Sendable, Equatable {
  public var type: RecordType
  /// Statement subject, e.g. `一般公共服务支出(类)组织事务(款)行政运行(项)` or
  /// `“三公”经费`; the project name for projects; "" for passages.
  public var subject: String
  /// The whole sentence, paragraph or table row (NFKC text, page breaks repaired).
  public var text: String
  /// The stated reason (after 主要原因是 and its family); "" when none.
  public var reason: String
  /// The heading path, outermost first, joined by " > ".
  public var section: String
  /// 1-based line in the file where the record starts.
  public var line: Int

  /// The stated amount (决算数, 预算数, 支出…万元), hundredths of 万元.
  public var amount: Int64?
  /// The stated comparison base (年初预算数, 上年数), hundredths of 万元.
  public var prior: Int64?
  /// The stated change, signed (减少 → negative), hundredths of 万元.
  public var change: Int64?
  /// The stated rate (增长/下降 or 预决算差异率), signed, basis points.
  public var rate: Int64?
  public var basis: Basis?

  /// Projects: 全年预算数 (or 预算安排规模 in budget documents), hundredths of 万元.
  public var budget: Int64?
  /// Projects: 全年执行数, hundredths of 万元.
  public var executed: Int64?
  /// Projects: 年初预算数 (项目支出绩效自评表), hundredths of 万元.
  public var initialBudget: Int64?

  /// Statements: the year the comparator names (`比2019年(疫情前)`,
  /// `较2023年度决算数`); nil for 上年/预算 comparators that name none.
  public var comparedYear: Int? = nil
  /// Statements: the stated share of the budget completed
  /// (`完成全年预算的95.00%`), basis points. Not a 预决算差异率: kept apart from `rate`.
  public var completion: Int64? = nil

  /// Figures stated in the record's text (typed so that they can be filtered);
  /// nil when the text does not state them. Counts are plain integers.
  /// 实有人数.
  public var staffTotal: Int64? = nil
  /// 在职人员 and its stated change (增加 +, 减少 −).
  public var staffActive: Int64? = nil
  public var staffActiveChange: Int64? = nil
  /// 离休人员 and its stated change.
  public var staffRetiredCadres: Int64? = nil
  public var staffRetiredCadresChange: Int64? = nil
  /// 退休人员 and its stated change.
  public var staffRetirees: Int64? = nil
  public var staffRetireesChange: Int64? = nil
  /// 政府采购支出总额 (决算) or 政府采购预算 (预算), hundredths of 万元.
  public var procurementTotal: Int64? = nil
  /// 授予中小企业合同金额 (决算) or 面向中小企业预留…预算金额 (预算), hundredths of 万元.
  public var procurementSME: Int64? = nil
  /// Vehicles held as fixed assets (国有资产 `车辆N辆`, `固定资产车辆N辆`).
  public var vehicles: Int64? = nil
  /// 公务用车保有量 (辆).
  public var officialVehicles: Int64? = nil

  public init(
    type: RecordType, subject: String = "", text: String, reason: String = "",
    section: String = "", line: Int, amount: Int64? = nil, prior: Int64? = nil,
    change: Int64? = nil, rate: Int64? = nil, basis: Basis? = nil,
    budget: Int64? = nil, executed: Int64? = nil, initialBudget: Int64? = nil
  ) {
    self.type = type
    self.subject = subject
    self.text = text
    self.reason = reason
    self.section = section
    self.line = line
    self.amount = amount
    self.prior = prior
    self.change = change
    self.rate = rate
    self.basis = basis
    self.budget = budget
    self.executed = executed
    self.initialBudget = initialBudget
  }
}

/// A parsed disclosure: its metadata and records in document order.
public struct ParsedDocument: Sendable {
  public var info: DocumentInfo
  public var records: [Record]
  public init(info: DocumentInfo, records: [Record]) {
    self.info = info
    self.records = records
  }
}
