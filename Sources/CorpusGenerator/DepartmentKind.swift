// What kind of body a department is: how it is named after its place, which
// budget 款 carry its spending, what its duties are and which projects it
// runs. The vocabulary itself lives in DepartmentKinds+Party.swift and
// DepartmentKinds+Government.swift; this file is the shape.

struct DepartmentKind: Sendable {
  enum Level: Sendable { case prefecture, county, both }

  let id: String
  let level: Level
  /// The department's name for a place.
  let name: @Sendable (Place) -> String
  /// Other spellings the body uses for itself (002 spells its name three ways).
  let aliases: @Sendable (Place) -> [String]
  /// The 款 keys (`201.32`) of its own function; the first is the main one.
  let sections: [String]
  /// Duties for 第一部分 一、主要职能; placeholders as in `Place.fill`.
  let duties: [String]
  /// Internal divisions (科室) to list under 机构设置.
  let divisions: [String]
  /// Project base names; `{P}` is replaced by the place.
  let projects: [String]
  /// Performance indicators for project tables: (name, unit).
  let indicators: [(String, String)]
  /// First year the body existed (社会工作部 were set up in 2023–2024), if recent.
  let foundedFrom: Int?
}

enum DepartmentKinds {
  static let all: [DepartmentKind] = party + government

  /// Indicators every project table may use besides its kind's own.
  static let commonIndicators: [(String, String)] = [
    ("资金支付及时率", "%"), ("项目完成率", "%"), ("服务对象满意度", "%"), ("工作任务按期完成率", "%"),
    ("资料归档率", "%"), ("培训覆盖人次", "人次"), ("检查督导次数", "次"), ("设备正常运行率", "%"),
  ]
}
