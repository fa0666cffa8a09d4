import Testing

@testable import TextAnalysis

@Suite struct MatchFormTests {
  @Test(arguments: [
    ("年初预 算 数", "年初预算数"),
    ("2024 年度", "2024年度"),
    ("Hello   World", "hello world"),
    ("  支出决算数为 1,337.99 万元  ", "支出决算数为1,337.99万元"),
    ("a\tb\nc", "a b c"),
    ("x\u{FFFD}y", "x y"),
  ])
  func matchForm(_ input: String, _ expected: String) {
    #expect(MatchForm.make(input) == expected)
    #expect(MatchForm.make(MatchForm.make(input)) == MatchForm.make(input), "idempotent")
  }

  @Test func nfkcFoldsFullWidth() throws {
    #expect(try MatchForm.fromRaw("（项）：增长２．０６％ＡＢＣ") == "(项):增长2.06%abc")
  }
}

@Suite struct GramTests {
  @Test func gramsOfChinese() {
    // Every scalar starts exactly one gram: a bigram, or a unigram before a space / the end.
    #expect(Analyzer.grams("在职人员").map(\.description) == ["在职@0", "职人@1", "人员@2", "员@3"])
  }

  @Test func gramsAcrossSpaces() {
    #expect(Analyzer.grams("ab cd").map(\.description) == ["ab@0", "b@1", "cd@3", "d@4"])
  }

  @Test func singleScalar() {
    #expect(Analyzer.grams("减").map(\.description) == ["减@0"])
    #expect(Analyzer.grams("").isEmpty)
  }

  @Test func everyScalarStartsOneGram() {
    let text = "本年在职人员工资基数调增, 养老缴费基数上涨 2.06% abc"
    let form = MatchForm.make(text)
    let grams = Analyzer.grams(form)
    let nonSpace = form.unicodeScalars.enumerated().filter { $0.element != " " }.map(\.offset)
    #expect(grams.map(\.position) == nonSpace)
    for g in grams {
      let scalars = Array(form.unicodeScalars)
      #expect(g.term.unicodeScalars.first == scalars[g.position])
    }
  }
}

@Suite struct SegmenterTests {
  @Test func icuWords() throws {
    let words = try Analyzer.words(MatchForm.make("本年在职人员减少,人员经费增加2.06%"), segmenter: Segmenter())
    // ICU's dictionary segmentation of Chinese; numbers stay whole.
    #expect(words.contains("2.06"))
    #expect(words.contains("人员"))
    #expect(words.joined() == "本年在职人员减少人员经费增加2.06")
  }

  @Test func spansCoverInput() throws {
    let text = "中共乌鲁木齐市委员会组织部 2024 年度部门决算"
    let spans = try Segmenter().spans(text)
    #expect(spans.first?.start == 0)
    #expect(spans.last?.end == text.utf8.count)
    for (a, b) in zip(spans, spans.dropFirst()) { #expect(a.end == b.start) }
  }

  @Test func icuVersionKnown() {
    #expect(!icuVersion.isEmpty)
    #expect(AnalyzerID.current.description.contains(icuVersion))
  }
}

@Suite struct FixedPointTests {
  @Test(arguments: [
    ("143.67", Int64(14367)), ("1,337.99", 133799), ("-3.43", -343), ("1740.7", 174070), ("0.00", 0),
    ("100", 10000), ("2,582.72", 258272),
  ])
  func parse(_ text: String, _ expected: Int64) {
    #expect(FixedPoint.parse(text[...]) == expected)
  }

  @Test(arguments: ["", "-", "1.", ".5", "1.234", "1,2.3.4", "abc", "1 000", ",100"])
  func rejects(_ text: String) {
    #expect(FixedPoint.parse(text[...]) == nil)
  }

  @Test func format() {
    #expect(FixedPoint.format(14367) == "143.67")
    #expect(FixedPoint.format(-218) == "-2.18")
    #expect(FixedPoint.format(5) == "0.05")
    #expect(FixedPoint.format(-5) == "-0.05")
    #expect(FixedPoint.format(2024, decimals: 0) == "2024")
  }
}

@Suite struct DecoderTests {
  @Test func utf8WithBOM() throws {
    let d = try TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array("预算".utf8))
    #expect(d.text == "预算")
    #expect(d.charset == "UTF-8")
  }

  @Test func utf16LE() throws {
    var bytes: [UInt8] = [0xFF, 0xFE]
    for u in "决算说明".utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
    let d = try TextDecoder.decode(bytes)
    #expect(d.text == "决算说明")
    #expect(d.charset == "UTF-16LE")
  }

  @Test func gb18030() throws {
    // "部门预算" in GB18030 (GBK range).
    let bytes: [UInt8] = [0xB2, 0xBF, 0xC3, 0xC5, 0xD4, 0xA4, 0xCB, 0xE3]
    let d = try TextDecoder.decode(bytes)
    #expect(d.text == "部门预算")
    #expect(d.charset == "GB18030")
  }

  @Test func emptyAndBinary() {
    #expect(throws: AnalysisError.empty) { try TextDecoder.decode([]) }
    #expect(throws: AnalysisError.empty) { try TextDecoder.decode(Array("  \n ".utf8)) }
    #expect(throws: AnalysisError.binary(offset: 3)) { try TextDecoder.decode([0x50, 0x4B, 0x03, 0x00, 0x14, 0x00]) }
  }

  @Test func normalizedDecode() throws {
    let d = try TextDecoder.decodeNormalized(Array("增长２．０６％，主要原因是：".utf8))
    #expect(d.text == "增长2.06%,主要原因是:")
  }
}

@Suite struct TraditionalFoldingTests {
  @Test func traditionalAndSimplifiedShareAMatchingForm() throws {
    #expect(try MatchForm.fromRaw("機關運行經費減少") == "机关运行经费减少")
    #expect(try MatchForm.fromRaw("人員減少，主要原因是") == "人员减少,主要原因是")
    // Simplified text and non-CJK are untouched.
    #expect(MatchForm.make("机关运行经费 ABC 2.06%") == "机关运行经费abc 2.06%")
  }

  @Test func foldingIsIdempotent() {
    let s = "國有資產佔用情況說明 與上年相比"
    #expect(MatchForm.make(MatchForm.make(s)) == MatchForm.make(s))
  }
}
