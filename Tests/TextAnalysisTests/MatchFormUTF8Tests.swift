import Testing

@testable import TextAnalysis

/// The indexer's byte-level matching form must be exactly the String one.
@Suite struct MatchFormUTF8Tests {
  /// Scalars that exercise every branch: ASCII (upper case, controls),
  /// every kind of space, Han (Simplified and Traditional), full-width forms
  /// (NFKC maps them), combining marks, Hangul jamo, compatibility
  /// ideographs, supplementary Han, `…`, circled numbers, U+FFFD, BOM.
  static let pool: [Unicode.Scalar] = Array(
    "aZ09 \t\n\r,.:%()-年预算减少增長萬億臺灣（）：，。、％ＡＢ１２\u{3000}\u{A0}\u{2003}\u{200B}\u{FEFF}\u{FFFD}é\u{301}\u{1100}\u{1161}\u{F900}\u{2F800}\u{20000}…①㎡ｶﾞ《》“”"
      .unicodeScalars)

  @Test func sameAsFromRawOnRandomText() throws {
    var state: UInt64 = 0x5EED
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: state >> 33)
    }
    for _ in 0..<3000 {
      var v = String.UnicodeScalarView()
      for _ in 0..<(next() % 24) { v.append(Self.pool[next() % Self.pool.count]) }
      let s = String(v)
      #expect(try MatchForm.utf8FromRaw(s) == Array(MatchForm.fromRaw(s).utf8), "\(s.unicodeScalars.map { $0.value })")
    }
  }

  @Test func simpleNormalizationEqualsICU() throws {
    var state: UInt64 = 0xD0C
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: state >> 33)
    }
    var simple = 0
    for _ in 0..<3000 {
      var v = String.UnicodeScalarView()
      for _ in 0..<(next() % 24) { v.append(Self.pool[next() % Self.pool.count]) }
      var s = String(v)
      if let fast = s.withUTF8({ NFKCQuickCheck.normalizeSimple($0) }) {
        simple += 1
        #expect(fast == (try nfkc(Array(s.utf8))), "\(s.unicodeScalars.map { $0.value })")
      }
    }
    #expect(simple > 100)
    // Every full-width ASCII form and U+3000 take the simple path.
    var wide = String(String.UnicodeScalarView((0xFF01...0xFF5E).map { Unicode.Scalar($0)! })) + "\u{3000}预算"
    #expect(wide.withUTF8({ NFKCQuickCheck.normalizeSimple($0) }) == (try nfkc(Array(wide.utf8))))
  }

  @Test func quickCheckNeverVouchesForUnnormalizedText() throws {
    for s in ["a\u{301}", "e\u{301}x", "\u{1100}\u{1161}", "（", "\u{3000}", "…", "\u{F900}", "ｶﾞ", "①"] {
      var t = s
      #expect(t.withUTF8 { NFKCQuickCheck.isNormalized($0) } == false, "\(s)")
    }
    var t = "预算 2024年, (abc) 《说明》“引号” é"
    #expect(t.withUTF8 { NFKCQuickCheck.isNormalized($0) })
  }

  @Test func everyStableScalarIsItsOwnNFKC() throws {
    for v in 0..<0x10000 where NFKCQuickCheck.stable[v >> 6] & (1 << UInt64(v & 63)) != 0 {
      let s = Array(String(Unicode.Scalar(UInt32(v))!).utf8)
      #expect(try nfkc(s) == s, "U+\(String(v, radix: 16))")
    }
  }
}
