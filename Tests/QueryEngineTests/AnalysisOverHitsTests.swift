import QueryEngine
import Testing

@Suite struct ReasonClusterTests {
  @Test func nearIdenticalPhrasingsJoin() {
    let items: [(reason: String, department: String)] = [
      ("本年在职人员减少,相关人员经费较上年减少", "甲"),
      ("本年在职人员减少，相关人员经费较上年减少。", "乙"),  // punctuation only
      ("1.本年在职人员减少,相关人员经费较上年减少", "丙"),  // a list number
      ("本年在职人员减少，相应人员经费较上年减少", "甲"),  // one character changed
      ("严格落实中央八项规定精神,厉行节约", "乙"),
    ]
    let clusters = ReasonClusters.cluster(items)
    #expect(clusters.count == 2)
    let staff = clusters[0]
    #expect(staff.statements == 4)
    #expect(Set(staff.departments) == ["甲", "乙", "丙"])
    #expect(staff.departments.first == "甲", "most statements first")
    #expect(staff.variants == 2, "the punctuation-blind key merges three phrasings; the edit is a second variant")
    #expect(clusters[1].statements == 1)
  }

  @Test func differentReasonsStayApart() {
    let clusters = ReasonClusters.cluster([
      ("2023年与2024年均未安排公务接待费支出", "甲"), ("2023年与2024年均未安排因公出国(境)费支出", "甲"),
    ])
    #expect(clusters.count == 2)
  }
}

@Suite struct ProjectSeriesTests {
  func entry(_ name: String, _ year: Int) -> ProjectEntry {
    ProjectEntry(name: name, year: year, budget: 100, executed: 90, id: "\(year)")
  }

  @Test func namesDifferingByYearPunctuationOrAnEditAreOneSeries() {
    let series = ProjectSeriesBuilder.build([
      ("组织部", entry("2022年党员教育培训经费", 2022)),
      ("组织部", entry("2023年度党员教育培训经费", 2023)),
      ("组织部", entry("2024年“党员教育”培训经费", 2024)),
      ("组织部", entry("2025年党员教育培训费", 2025)),  // one character dropped
      ("组织部", entry("视联网视频会议系统建设项目", 2024)),
      ("办公室", entry("2024年党员教育培训经费", 2024)),  // another department: another project
    ])
    #expect(series.count == 3)
    let main = series[0]
    #expect(main.department == "组织部")
    #expect(main.entries.map(\.year) == [2022, 2023, 2024, 2025])
    #expect(main.name == "2025年党员教育培训费", "named after the latest year")
  }
}
