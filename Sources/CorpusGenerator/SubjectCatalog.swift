// The budget classification (政府收支分类科目, functional side) as far as the
// generated departments use it: 类 → 款 → 项 with their codes. Item statements
// name the full path `类名(类)款名(款)项名(项)`; budget tables show the codes
// (`201\t31\t01\t行政运行`). Names keep their own full-width parentheses
// (`政府办公厅（室）及相关机构事务`), as the documents print them.

/// One 项 with its 类 and 款.
struct Subject: Sendable, Hashable {
  let classCode: String
  let className: String
  let sectionCode: String
  let sectionName: String
  let itemCode: String
  let itemName: String
  /// What drives its amount, and so which reasons fit.
  let role: SubjectRole
}

/// How an item's amount moves: personnel items with staff and pay, insurance
/// items with the contribution base, project items with projects.
enum SubjectRole: Sendable, Hashable {
  case operations       // 行政运行, 事业运行: salaries and running costs
  case pension          // 养老保险 / 职业年金 contributions
  case retirees         // 离退休
  case medical          // 医疗
  case housing          // 住房公积金
  case project          // 一般行政管理事务, 其他…支出, special programmes
  case other            // 其他支出(类)
}

enum SubjectCatalog {
  /// `201` → (name, 款 → (name, [项])).
  typealias Section = (code: String, name: String, items: [(code: String, name: String, role: SubjectRole)])

  static let classes: [(code: String, name: String)] = [
    ("201", "一般公共服务支出"), ("204", "公共安全支出"), ("205", "教育支出"), ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"), ("208", "社会保障和就业支出"), ("210", "卫生健康支出"),
    ("212", "城乡社区支出"), ("213", "农林水支出"), ("214", "交通运输支出"), ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"), ("229", "其他支出"),
  ]

  /// 款 by `类code.款code`.
  static let sections: [String: Section] = [
    "201.03": ("03", "政府办公厅（室）及相关机构事务", [
      ("01", "行政运行", .operations), ("02", "一般行政管理事务", .project), ("50", "事业运行", .operations),
      ("99", "其他政府办公厅（室）及相关机构事务支出", .project)]),
    "201.05": ("05", "统计信息事务", [
      ("01", "行政运行", .operations), ("02", "一般行政管理事务", .project), ("07", "专项普查活动", .project),
      ("99", "其他统计信息事务支出", .project)]),
    "201.06": ("06", "财政事务", [
      ("01", "行政运行", .operations), ("02", "一般行政管理事务", .project), ("50", "事业运行", .operations),
      ("99", "其他财政事务支出", .project)]),
    "201.08": ("08", "审计事务", [
      ("01", "行政运行", .operations), ("04", "审计业务", .project), ("99", "其他审计事务支出", .project)]),
    "201.26": ("26", "档案事务", [
      ("01", "行政运行", .operations), ("04", "档案馆", .project), ("99", "其他档案事务支出", .project)]),
    "201.31": ("31", "党委办公厅（室）及相关机构事务", [
      ("01", "行政运行", .operations), ("02", "一般行政管理事务", .project), ("50", "事业运行", .operations),
      ("99", "其他党委办公厅（室）及相关机构事务支出", .project)]),
    "201.32": ("32", "组织事务", [
      ("01", "行政运行", .operations), ("02", "一般行政管理事务", .project), ("50", "事业运行", .operations),
      ("99", "其他组织事务支出", .project)]),
    "201.33": ("33", "宣传事务", [
      ("01", "行政运行", .operations), ("02", "一般行政管理事务", .project), ("99", "其他宣传事务支出", .project)]),
    "201.34": ("34", "统战事务", [
      ("01", "行政运行", .operations), ("04", "宗教事务", .project), ("99", "其他统战事务支出", .project)]),
    "201.36": ("36", "其他共产党事务支出", [
      ("01", "行政运行", .operations), ("02", "一般行政管理事务", .project), ("99", "其他共产党事务支出", .project)]),
    "204.06": ("06", "司法", [
      ("01", "行政运行", .operations), ("05", "普法宣传", .project), ("07", "公共法律服务", .project),
      ("99", "其他司法支出", .project)]),
    "205.01": ("01", "教育管理事务", [
      ("01", "行政运行", .operations), ("02", "一般行政管理事务", .project), ("99", "其他教育管理事务支出", .project)]),
    "205.02": ("02", "普通教育", [
      ("02", "小学教育", .project), ("03", "初中教育", .project), ("99", "其他普通教育支出", .project)]),
    "206.04": ("04", "技术与开发", [("99", "其他技术与开发支出", .project)]),
    "207.01": ("01", "文化和旅游", [
      ("01", "行政运行", .operations), ("09", "群众文化", .project), ("99", "其他文化和旅游支出", .project)]),
    "208.02": ("02", "民政管理事务", [
      ("01", "行政运行", .operations), ("02", "一般行政管理事务", .project), ("99", "其他民政管理事务支出", .project)]),
    "208.05": ("05", "行政事业单位养老支出", [
      ("01", "行政单位离退休", .retirees), ("02", "事业单位离退休", .retirees),
      ("05", "机关事业单位基本养老保险缴费支出", .pension), ("06", "机关事业单位职业年金缴费支出", .pension)]),
    "208.08": ("08", "抚恤", [("01", "死亡抚恤", .retirees)]),
    "210.01": ("01", "卫生健康管理事务", [
      ("01", "行政运行", .operations), ("99", "其他卫生健康管理事务支出", .project)]),
    "210.04": ("04", "公共卫生", [
      ("01", "疾病预防控制机构", .project), ("08", "基本公共卫生服务", .project), ("09", "重大公共卫生服务", .project)]),
    "210.11": ("11", "行政事业单位医疗", [
      ("01", "行政单位医疗", .medical), ("02", "事业单位医疗", .medical), ("03", "公务员医疗补助", .medical),
      ("99", "其他行政事业单位医疗支出", .medical)]),
    "212.01": ("01", "城乡社区管理事务", [
      ("01", "行政运行", .operations), ("99", "其他城乡社区管理事务支出", .project)]),
    "213.01": ("01", "农业农村", [
      ("01", "行政运行", .operations), ("02", "一般行政管理事务", .project), ("99", "其他农业农村支出", .project)]),
    "214.01": ("01", "公路水路运输", [
      ("01", "行政运行", .operations), ("02", "一般行政管理事务", .project), ("99", "其他公路水路运输支出", .project)]),
    "220.01": ("01", "自然资源事务", [
      ("01", "行政运行", .operations), ("02", "一般行政管理事务", .project), ("99", "其他自然资源事务支出", .project)]),
    "221.02": ("02", "住房改革支出", [("01", "住房公积金", .housing), ("02", "提租补贴", .housing)]),
    "229.99": ("99", "其他支出", [("99", "其他支出", .other)]),
  ]

  static func className(_ code: String) -> String {
    classes.first { $0.code == code }!.name
  }

  /// The 项 `itemCode` of 款 `key` (`201.32`), or nil if the catalog lacks it.
  static func subject(_ key: String, item itemCode: String) -> Subject? {
    guard let s = sections[key], let it = s.items.first(where: { $0.code == itemCode }) else { return nil }
    let cls = String(key.prefix(3))
    return Subject(
      classCode: cls, className: className(cls), sectionCode: s.code, sectionName: s.name,
      itemCode: it.code, itemName: it.name, role: it.role)
  }

  /// Every 项 of 款 `key`.
  static func subjects(_ key: String) -> [Subject] {
    guard let s = sections[key] else { return [] }
    return s.items.compactMap { subject(key, item: $0.code) }
  }
}

extension Subject {
  /// `一般公共服务支出(类)组织事务(款)行政运行(项)` with the document's paren
  /// style for the level markers; names keep their own parentheses.
  func path(open: String = "(", close: String = ")") -> String {
    className + open + "类" + close + sectionName + open + "款" + close + itemName + open + "项" + close
  }

  /// `201.32`: the key of its 款 in `SubjectCatalog.sections`.
  var sectionKey: String { classCode + "." + sectionCode }

  /// The canonical subject the extractor should produce (NFKC: ASCII parens).
  var canonical: String { Width.fold(path()) }
}
