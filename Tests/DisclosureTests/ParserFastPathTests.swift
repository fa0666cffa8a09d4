// The parser's fast paths against the straightforward forms they replace:
// scalar-level trimming and space removal, literal search, line scanning.
import TextAnalysis
import Testing

@testable import Disclosure

@Suite struct ParserFastPathTests {
  /// Texts with blanks of every kind next to CJK, ASCII, punctuation and the ends,
  /// Traditional characters (folded) and a scalar outside the BMP.
  static let samples: [String] = [
    "", " ", "\u{3000}", "档案馆 藏档案", "2024 年 度", " 收入 支出 ", "abc  def", "a \u{3000} b",
    "經費 支出 合計", "其中:\u{A0}公务 用车", "𠀋 x", "  ,主要原因是: 人员 减少。 ", "\t决算\u{200B}数 ",
  ]

  @Test func removingCJKSpacesOnScalarsMatchesTheStringForm() {
    for text in Self.samples {
      let t = ScalarText(text)
      for a in 0...t.count {
        for b in a...t.count {
          let fast = t.removingCJKSpaces(a..<b)
          let reference = ScalarText(t.string(a..<b).removingCJKSpaces())
          #expect(fast.s == reference.s && fast.raw == reference.raw, "\(text) \(a)..<\(b)")
        }
      }
    }
  }

  @Test func removingCJKSpacesOnBytesMatchesTheScalarForm() {
    for text in Self.samples {
      var out = String.UnicodeScalarView()
      let u = Array(text.unicodeScalars)
      var i = 0
      while i < u.count {
        if isBlank(u[i]) {
          var j = i
          while j < u.count, isBlank(u[j]) { j += 1 }
          let touches = (out.last.map { isCJK($0.value) } ?? true) || (j < u.count ? isCJK(u[j].value) : true)
          if !touches { out.append(" ") }
          i = j
          continue
        }
        out.append(u[i])
        i += 1
      }
      #expect(text.removingCJKSpaces() == String(out), "\(text)")
    }
  }

  @Test func trimPunctOnScalarsMatchesTheStringForm() {
    for text in Self.samples + ["(一)项目", "“三公”经费,", "、,说明)。"] {
      let t = ScalarText(text)
      for a in 0...t.count {
        for b in a...t.count {
          #expect(SubjectNames.trimPunct(t, a..<b) == SubjectNames.trimPunct(t.string(a..<b)), "\(text) \(a)..<\(b)")
        }
      }
    }
  }

  @Test func literalSearchesMatchAScalarByScalarScan() {
    let t = ScalarText("其中:比上年增加5万元,其中其中:同比下降。其")
    let lits: [(Lit, [Unicode.Scalar])] = [
      ("其中", ["其", "中"]), ("其中:", ["其", "中", ":"]), ("。其", ["。", "其"]), ("其", ["其"]), ("万元,", ["万", "元", ","]),
    ]
    for (lit, scalars) in lits {
      #expect(lit.count == scalars.count)
      let positions = (0...t.count).filter { i in
        i + scalars.count <= t.count && Array(t.s[i..<(i + scalars.count)]) == scalars
      }
      for i in -1...(t.count + 1) {
        #expect(t.has(lit, at: i) == positions.contains(i), "has at \(i)")
        #expect(t.end(of: lit, at: i) == (positions.contains(i) ? i + scalars.count : nil))
      }
      for from in 0...t.count {
        for to in from...t.count {
          let inRange = positions.filter { $0 >= from && $0 + scalars.count <= to }
          #expect(t.find(lit, from: from, to: to) == inRange.first, "find \(from)..<\(to)")
          #expect(t.findLast(lit, from: from, to: to) == inRange.last, "findLast \(from)..<\(to)")
        }
      }
    }
  }

  @Test func scalarCountCountsScalars() {
    for text in Self.samples + [String(repeating: "预算a𠀋", count: 100)] {
      var copy = text
      #expect(copy.withUTF8 { scalarCount(utf8: $0) } == text.unicodeScalars.count)
    }
  }

  @Test func tableRowTextJoinsNonEmptyCells() {
    for cells in [[], [""], ["a"], ["", "项目名称", "", "培训 经费", ""], ["年度资金总额", "1.00", "2.00"]] {
      #expect(TableRow(cells: cells, line: 1).text == cells.filter { !$0.isEmpty }.joined(separator: " | "))
    }
  }

  @Test func linesAreSplitOnEveryNewline() {
    let lines = SourceLines.classify("第一行\n\n\t单元格\n甲\t乙\r\n末行")
    #expect(lines.map(\.number) == [1, 2, 3, 4, 5])
    guard case .prose(let first) = lines[0].kind, case .blank = lines[1].kind, case .cell("单元格") = lines[2].kind,
      case .row(let cells) = lines[3].kind, case .prose(let last) = lines[4].kind
    else {
      Issue.record("unexpected kinds \(lines.map(\.kind))")
      return
    }
    #expect(first.string(0..<first.count) == "第一行" && cells == ["甲", "乙"] && last.string(0..<last.count) == "末行")
  }
}
