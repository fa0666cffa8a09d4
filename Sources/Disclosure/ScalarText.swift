// Random-access text for the extractors. Paragraphs are matched position by
// position (cores, markers, numbers), so they are held as arrays of Unicode
// scalars: O(1) indexing, no Character (grapheme) segmentation in the hot
// loops, and literals compared scalar by scalar.
import TextAnalysis

/// A literal to match: a source literal kept as its StaticString. Building one
/// costs nothing (literals are written inline in hot loops: `t.has("万元", at: k)`),
/// and a comparison decodes the literal's UTF-8 scalar by scalar, stopping at
/// the first difference (almost always the first scalar).
struct Lit: ExpressibleByStringLiteral, Sendable {
  typealias StringLiteralType = StaticString
  private let literal: StaticString

  @inline(__always) init(stringLiteral s: StaticString) { literal = s }

  /// The length in scalars (only asked for after a match, or for bounds).
  var count: Int {
    literal.withUTF8Buffer { buf in
      var n = 0
      for b in buf where b & 0xC0 != 0x80 { n += 1 }
      return n
    }
  }

  /// The first scalar, nil for the empty literal: a search compares it
  /// before matching the rest.
  var first: Unicode.Scalar? {
    literal.withUTF8Buffer { buf in buf.isEmpty ? nil : Lit.decode(buf, at: 0).0 }
  }

  var scalars: [Unicode.Scalar] {
    literal.withUTF8Buffer { buf in
      var out: [Unicode.Scalar] = []
      var p = 0
      while p < buf.count {
        let (c, len) = Lit.decode(buf, at: p)
        out.append(c)
        p += len
      }
      return out
    }
  }

  /// Whether the literal's scalars equal `s[i..<i+count]` (`i >= 0`); false
  /// when the literal would run past the end of `s`.
  @inline(__always) func matches(_ s: UnsafeBufferPointer<Unicode.Scalar>, at i: Int) -> Bool {
    end(in: s, at: i) != nil
  }

  /// Where the literal ends when it occurs at `i` of `s`, else nil.
  @inline(__always) func end(in s: UnsafeBufferPointer<Unicode.Scalar>, at i: Int) -> Int? {
    literal.withUTF8Buffer { buf in
      var p = 0
      var k = i
      while p < buf.count {
        guard k < s.count else { return nil }
        let (c, len) = Lit.decode(buf, at: p)
        if s[k] != c { return nil }
        p += len
        k += 1
      }
      return k
    }
  }

  /// The scalar at `i` of valid UTF-8, and its length in bytes.
  @inline(__always) static func decode(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
    let c0 = UInt32(b[i])
    if c0 < 0x80 { return (Unicode.Scalar(UInt8(c0)), 1) }
    if c0 < 0xE0 { return (Unicode.Scalar((c0 & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)).unsafelyUnwrapped, 2) }
    if c0 < 0xF0 {
      return (Unicode.Scalar((c0 & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)).unsafelyUnwrapped, 3)
    }
    let v = (c0 & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
    return (Unicode.Scalar(v).unsafelyUnwrapped, 4)
  }
}

/// The number of scalars in valid UTF-8: every byte but a continuation byte
/// starts one. Counted without a branch into a 32-bit counter, so that the
/// loop compiles to vector compares (measured 4× faster than `for b in buf
/// where …`); pieces of 2^30 bytes cannot overflow it.
func scalarCount(utf8 buf: UnsafeBufferPointer<UInt8>) -> Int {
  var n = 0
  var pieceStart = 0
  while pieceStart < buf.count {
    var starts: UInt32 = 0
    for b in UnsafeBufferPointer(rebasing: buf[pieceStart..<min(buf.count, pieceStart + (1 << 30))]) {
      starts &+= UInt32(truncatingIfNeeded: b & 0xC0 != 0x80 ? 1 : 0)
    }
    n += Int(starts)
    pieceStart += 1 << 30
  }
  return n
}

/// A number as written: its span, its text and its fixed-point value (nil when
/// it has more decimals than asked, so that nothing is rounded).
struct WrittenNumber {
  var start: Int
  var end: Int
  var value: Int64?
}

struct ScalarText {
  /// The scalars matched against: Traditional characters of the marker and
  /// label vocabulary folded to Simplified (Script.fold), one scalar for one,
  /// so offsets into `s` are offsets into `raw`.
  private(set) var s: [Unicode.Scalar]
  /// The scalars as written: what `string(_:)` returns, so records keep the
  /// document's own script.
  private(set) var raw: [Unicode.Scalar]
  /// Whether some scalar was folded. When none was (most text: the fold only
  /// touches Traditional characters), `s` and `raw` share one buffer
  /// instead of each holding a copy.
  private var folded = false

  init(_ string: String) {
    var string = string
    self = string.withUTF8 { ScalarText(utf8: $0) }
  }

  /// The scalars of valid UTF-8 (a line of the document, decoded straight
  /// from its bytes). Array(string.unicodeScalars) would walk the view twice
  /// (an O(n) `count` to size the array, then the copy), each step through
  /// the view's index machinery. The fold is looked up in the same pass, so
  /// that text without a Traditional character is read once.
  init(utf8 buf: UnsafeBufferPointer<UInt8>) {
    let base = Script.foldBase, span = Script.foldSpan
    var firstFold: Int? = nil
    let n = scalarCount(utf8: buf)
    let scalars = Script.foldBits.withUnsafeBufferPointer { foldBits in
      [Unicode.Scalar](unsafeUninitializedCapacity: n) { out, initialized in
        var i = 0, k = 0
        while k < n {
          let (c, length) = SourceLines.decodeScalar(buf, at: i)
          out.initializeElement(at: k, to: c)
          if firstFold == nil {
            let o = Int(c.value) &- base
            if o >= 0 && o < span && foldBits[o >> 6] & (1 << UInt64(o & 63)) != 0 { firstFold = k }
          }
          i += length
          k += 1
        }
        initialized = n
      }
    }
    self.init(scalars: scalars, firstFold: firstFold)
  }

  init(scalars: [Unicode.Scalar]) {
    let table = Script.foldTable
    let firstFold = scalars.withUnsafeBufferPointer { buf in
      buf.firstIndex { c in
        let o = Int(c.value) &- Script.foldBase
        return o >= 0 && o < table.count && table[o] != 0
      }
    }
    self.init(scalars: scalars, firstFold: firstFold)
  }

  /// `scalars` as written, folded from `firstFold` (the first scalar with a fold) on.
  private init(scalars: [Unicode.Scalar], firstFold: Int?) {
    raw = scalars
    s = scalars
    guard let firstFold else { return }
    let table = Script.foldTable
    folded = true
    s.withUnsafeMutableBufferPointer { buf in
      for i in firstFold..<buf.count {
        let o = Int(buf[i].value) &- Script.foldBase
        if o >= 0 && o < table.count {
          let f = table[o]
          if f != 0 { buf[i] = Unicode.Scalar(f).unsafelyUnwrapped }
        }
      }
    }
  }

  var count: Int { s.count }
  subscript(i: Int) -> Unicode.Scalar { s[i] }

  func string(_ range: Range<Int>) -> String {
    let r = max(0, range.lowerBound)..<min(s.count, max(range.lowerBound, range.upperBound))
    return makeString(raw[r])
  }

  /// `ScalarText(string(range).removingCJKSpaces())` without the String round
  /// trip: blank runs that touch a CJK scalar (or an end) are dropped, other
  /// runs become one space, decided on the scalars as written.
  func removingCJKSpaces(_ range: Range<Int>) -> ScalarText {
    let r = max(0, range.lowerBound)..<min(s.count, max(range.lowerBound, range.upperBound))
    guard raw[r].contains(where: { isBlank($0) }) else { return slice(r) }
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(r.count)
    var i = r.lowerBound
    while i < r.upperBound {
      let c = raw[i]
      guard isBlank(c) else {
        out.append(c)
        i += 1
        continue
      }
      var j = i
      while j < r.upperBound, isBlank(raw[j]) { j += 1 }
      let after: Unicode.Scalar? = j < r.upperBound ? raw[j] : nil
      let touchesCJK = (out.last.map { isCJK($0.value) } ?? true) || (after.map { isCJK($0.value) } ?? true)
      if !touchesCJK { out.append(" ") }
      i = j
    }
    return ScalarText(scalars: out)
  }

  /// The text from `range` (clamped), raw and folded forms kept together.
  func slice(_ range: Range<Int>) -> ScalarText {
    let r = max(0, range.lowerBound)..<min(s.count, max(range.lowerBound, range.upperBound))
    var t = self
    t.s = Array(s[r])
    t.raw = folded ? Array(raw[r]) : t.s
    return t
  }

  func slice(from i: Int) -> ScalarText { slice(i..<s.count) }

  mutating func append(_ other: ScalarText, from i: Int = 0) {
    if !folded && !other.folded {
      raw = []  // `s` is then the buffer's only owner and grows in place
      s.append(contentsOf: other.s[i...])
      raw = s
      return
    }
    s.append(contentsOf: other.s[i...])
    raw.append(contentsOf: other.raw[i...])
    folded = true
  }

  /// Whether `lit` occurs at `i`.
  func has(_ lit: Lit, at i: Int) -> Bool {
    guard i >= 0 && i <= s.count else { return false }
    return s.withUnsafeBufferPointer { lit.matches($0, at: i) }
  }

  /// Whether `lit` ends exactly at `end` (exclusive).
  func has(_ lit: Lit, endingAt end: Int) -> Bool { has(lit, at: end - lit.count) }

  /// First of `lits` occurring at `i` (in list order), with its end.
  func matchAny(_ lits: [Lit], at i: Int) -> (index: Int, end: Int)? {
    guard i >= 0 && i <= s.count else { return nil }
    return s.withUnsafeBufferPointer { buf in
      for (k, lit) in lits.enumerated() {
        if let end = lit.end(in: buf, at: i) { return (k, end) }
      }
      return nil
    }
  }

  /// First position >= from (and < to) where `lit` occurs.
  func find(_ lit: Lit, from: Int, to: Int? = nil) -> Int? {
    let limit = min(to ?? s.count, s.count)
    let upper = limit - lit.count
    guard upper >= 0 else { return nil }
    guard let first = lit.first else { return max(0, from) <= upper ? max(0, from) : nil }
    return s.withUnsafeBufferPointer { buf in
      // The literal may not run past `to`: it is matched in the text cut there.
      let cut = UnsafeBufferPointer(rebasing: buf[0..<limit])
      var i = max(0, from)
      while i <= upper {
        if cut[i] == first && lit.matches(cut, at: i) { return i }
        i += 1
      }
      return nil
    }
  }

  /// Where `lit` ends when it occurs at `i`, else nil.
  func end(of lit: Lit, at i: Int) -> Int? {
    guard i >= 0 && i <= s.count else { return nil }
    return s.withUnsafeBufferPointer { lit.end(in: $0, at: i) }
  }

  /// Whether the two scalars `a` then `b` occur anywhere.
  func containsPair(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
    s.withUnsafeBufferPointer { buf in
      var i = 0
      while i + 1 < buf.count {
        if buf[i] == a && buf[i + 1] == b { return true }
        i += 1
      }
      return false
    }
  }

  /// Last position p with from <= p and p + lit.count <= to where `lit` occurs.
  func findLast(_ lit: Lit, from: Int, to: Int) -> Int? {
    var i = min(to, s.count) - lit.count
    guard let first = lit.first else { return i >= max(0, from) && i <= s.count ? i : nil }
    return s.withUnsafeBufferPointer { buf in
      while i >= max(0, from) {
        if buf[i] == first && lit.matches(buf, at: i) { return i }
        i -= 1
      }
      return nil
    }
  }

  func skipSpaces(_ i: Int) -> Int {
    var j = i
    while j < s.count, isBlank(s[j]) { j += 1 }
    return j
  }

  func skipSpacesBackward(_ end: Int) -> Int {
    var j = end
    while j > 0, isBlank(s[j - 1]) { j -= 1 }
    return j
  }

  /// A decimal number written at `i`: optional sign, digits with `,` thousands
  /// groups, optional fraction. Spaces are not part of a number.
  func number(at i: Int) -> WrittenNumber? {
    var j = i
    if j < s.count, s[j] == "-" || s[j] == "+" { j += 1 }
    let digitsStart = j
    while j < s.count, isDigit(s[j]) { j += 1 }
    if j == digitsStart { return nil }
    // A comma continues the number only before exactly three digits (1,337.99),
    // never before a clause (`减少2人,增加`).
    while j + 3 < s.count, s[j] == ",", isDigit(s[j + 1]), isDigit(s[j + 2]), isDigit(s[j + 3]),
      j + 4 == s.count || !isDigit(s[j + 4])
    {
      j += 4
    }
    if j + 1 < s.count, s[j] == ".", isDigit(s[j + 1]) {
      j += 1
      while j < s.count, isDigit(s[j]) { j += 1 }
    }
    let text = string(i..<j)
    return WrittenNumber(start: i, end: j, value: FixedPoint.parse(Substring(text), decimals: 2))
  }

  /// An amount of money at i: `number [spaces] 万元|亿元|元`, its value in
  /// hundredths of 万元 (MoneyUnit.value). `元/人` is a unit price, not money.
  func money(at i: Int) -> WrittenNumber? {
    let j = skipSpaces(i)
    guard var n = number(at: j), let u = moneyUnit(at: skipSpaces(n.end)) else { return nil }
    n.value = MoneyUnit.value(Substring(string(n.start..<n.end)), u.unit)
    n.end = u.end
    return n
  }

  func moneyUnit(at k: Int) -> (unit: MoneyUnit, end: Int)? {
    let found: (MoneyUnit, Int)
    if has("万元", at: k) {
      found = (.wan, k + 2)
    } else if has("亿元", at: k) {
      found = (.yi, k + 2)
    } else if has("元", at: k) {
      found = (.yuan, k + 1)
    } else {
      return nil
    }
    if has("/", at: found.1) { return nil }
    return found
  }

  /// `number [spaces] unit` at i (spaces allowed before the number too).
  func quantity(at i: Int, unit: Lit) -> WrittenNumber? {
    let j = skipSpaces(i)
    guard var n = number(at: j) else { return nil }
    let k = skipSpaces(n.end)
    guard has(unit, at: k) else { return nil }
    n.end = k + unit.count
    return n
  }
}

// MARK: - scalar classes

@inline(__always) func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

/// Whitespace inside a line: spaces, tabs, NBSP, ideographic and zero-width
/// spaces, BOM, and the form feed pdftotext leaves at page starts.
@inline(__always) func isBlank(_ c: Unicode.Scalar) -> Bool {
  let v = c.value
  return v == 0x20 || v == 0x09 || v == 0x0B || v == 0x0C || v == 0xA0 || v == 0x3000
    || (v >= 0x2000 && v <= 0x200B) || v == 0xFEFF
}

@inline(__always) func isHan(_ c: Unicode.Scalar) -> Bool {
  let v = c.value
  return (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x20000 && v <= 0x3FFFF)
}

/// Sentence terminators: a statement or reason never runs past one of these
/// unless a rule says so (numbered reasons).
@inline(__always) func isSentenceEnd(_ c: Unicode.Scalar) -> Bool {
  c == "。" || c == "!" || c == "?"
}

/// Punctuation that carries no searchable content on its own.
@inline(__always) func isPunct(_ c: Unicode.Scalar) -> Bool {
  switch c {
  case "。", ",", ";", ":", "、", "!", "?", ".", "(", ")", "“", "”", "\"", "'", "-", "—", "|", "·", "《", "》":
    return true
  default:
    return isBlank(c)
  }
}

/// The String of `scalars`, encoded once into UTF-8 storage.
@inline(__always) func makeString(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
  if scalars.isEmpty { return "" }
  return String(unsafeUninitializedCapacity: scalars.count * 4) { buf in
    var n = 0
    for c in scalars {
      let v = c.value
      if v < 0x80 {
        buf[n] = UInt8(v)
        n += 1
      } else if v < 0x800 {
        buf[n] = UInt8(0xC0 | (v >> 6))
        buf[n + 1] = UInt8(0x80 | (v & 0x3F))
        n += 2
      } else if v < 0x10000 {
        buf[n] = UInt8(0xE0 | (v >> 12))
        buf[n + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
        buf[n + 2] = UInt8(0x80 | (v & 0x3F))
        n += 3
      } else {
        buf[n] = UInt8(0xF0 | (v >> 18))
        buf[n + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
        buf[n + 2] = UInt8(0x80 | ((v >> 6) & 0x3F))
        buf[n + 3] = UInt8(0x80 | (v & 0x3F))
        n += 4
      }
    }
    return n
  }
}

extension String {
  /// Trims blanks (including U+3000 and NBSP) at both ends.
  func trimmedBlank() -> String {
    let u = unicodeScalars
    var a = u.startIndex, b = u.endIndex
    while a < b, isBlank(u[a]) || u[a] == "\r" { a = u.index(after: a) }
    while b > a {
      let p = u.index(before: b)
      guard isBlank(u[p]) || u[p] == "\r" else { break }
      b = p
    }
    if a == u.startIndex && b == u.endIndex { return self }
    return String(u[a..<b])
  }

  /// Removes whitespace that touches a CJK character (PDF extraction inserts
  /// spaces inside words: `档案馆 藏档案`, `2024 年`); other runs become one space.
  func removingCJKSpaces() -> String {
    var text = self
    return text.withUTF8 { buf in
      // Nothing to remove without a blank: the text is returned as is.
      var i = 0
      while i < buf.count {
        let (c, length) = SourceLines.decodeScalar(buf, at: i)
        if isBlank(c) { break }
        i += length
      }
      if i == buf.count { return self }
      // The text up to the first blank is kept as is; from there scalars are
      // copied as UTF-8 bytes, blank runs dropped or made one space.
      return String(unsafeUninitializedCapacity: buf.count) { out in
        var n = 0
        for b in buf[0..<i] {
          out[n] = b
          n += 1
        }
        // The last scalar written (nil while nothing is).
        var before: Unicode.Scalar? = i > 0 ? SourceLines.scalar(endingAt: i, in: buf) : nil
        while i < buf.count {
          let (c, length) = SourceLines.decodeScalar(buf, at: i)
          if isBlank(c) {
            var j = i + length
            var after: Unicode.Scalar? = nil
            while j < buf.count {
              let (d, dLength) = SourceLines.decodeScalar(buf, at: j)
              if !isBlank(d) {
                after = d
                break
              }
              j += dLength
            }
            let touchesCJK = (before.map { isCJK($0.value) } ?? true) || (after.map { isCJK($0.value) } ?? true)
            if !touchesCJK {
              out[n] = 0x20
              n += 1
              before = " "
            }
            i = j
            continue
          }
          for k in i..<(i + length) {
            out[n] = buf[k]
            n += 1
          }
          before = c
          i += length
        }
        return n
      }
    }
  }
}

/// Traditional → Simplified for the characters that markers, comparators,
/// units and labels are made of (`減少`, `增長`, `萬元`, `與上年相比`,
/// `機關運行經費`…). One scalar for one, so offsets never move. The full
/// transform (ICU Traditional-Simplified) belongs to the analyzer, for
/// search; here only the extractor's vocabulary needs to match.
enum Script {
  static let fold: [Unicode.Scalar: Unicode.Scalar] = {
    let traditional = Array("萬億減長與較預決經費機關運財撥門總體類項為數務車購護維國實際員職離於漲無變額達產資險醫療標況說們業學訓練會議調動發專區縣鄉鎮規劃轉廳單開辦結餘構後個輛積設備衛養權歸補貼壓縮節約嚴執應級紀檔檢驗證編製報並從對來將進這過還錢稅質層點線網絡統據庫場時間問題屬條態電話現環農圖書館園邊黨幹組織團協聯婦負債擔擬則處鬥圍勵獎營貨託採讓認識輔導稱濟劑韓臺灣隊廠舊優勞災蓋樓戶慶兩歷滿雜倉糧鐵彙匯擴興舉辭懷屆獲續陸貿濱寧齊爾烏魯廣東遼蘭貴雲陝龍鳳師參觀確準傷殘隨閉閱鬆壞虧裝飾飯賓遊鄰緊斷顯響勢義異歲視頻繫係誤錄聽評價績監審計帳賬幣銀儲籌遞傳輸鐘頭腦啟創憑攤銷鍋爐燈熱氣纜塊壩閘橋軌輕雙雖須樣討論講課紙張賸".unicodeScalars)
    let simplified = Array("万亿减长与较预决经费机关运财拨门总体类项为数务车购护维国实际员职离于涨无变额达产资险医疗标况说们业学训练会议调动发专区县乡镇规划转厅单开办结余构后个辆积设备卫养权归补贴压缩节约严执应级纪档检验证编制报并从对来将进这过还钱税质层点线网络统据库场时间问题属条态电话现环农图书馆园边党干组织团协联妇负债担拟则处斗围励奖营货托采让认识辅导称济剂韩台湾队厂旧优劳灾盖楼户庆两历满杂仓粮铁汇汇扩兴举辞怀届获续陆贸滨宁齐尔乌鲁广东辽兰贵云陕龙凤师参观确准伤残随闭阅松坏亏装饰饭宾游邻紧断显响势义异岁视频系系误录听评价绩监审计账账币银储筹递传输钟头脑启创凭摊销锅炉灯热气缆块坝闸桥轨轻双虽须样讨论讲课纸张剩".unicodeScalars)
    var m: [Unicode.Scalar: Unicode.Scalar] = [:]
    for (a, b) in zip(traditional, simplified) { m[a] = b }
    return m
  }()

  /// `fold` as a flat table over the lowest..highest folded scalar (0: no fold).
  static let foldBase: Int = Int(fold.keys.map(\.value).min()!)
  /// How many scalars `foldTable` spans.
  static let foldSpan: Int = foldTable.count
  /// `foldTable != 0` as bits (a few KB, where the table takes tens): the
  /// test every scalar of the document goes through stays in the L1 cache.
  static let foldBits: [UInt64] = {
    var bits = [UInt64](repeating: 0, count: foldSpan / 64 + 1)
    for (o, f) in foldTable.enumerated() where f != 0 { bits[o >> 6] |= 1 << UInt64(o & 63) }
    return bits
  }()
  static let foldTable: [UInt32] = {
    let hi = Int(fold.keys.map(\.value).max()!)
    var t = [UInt32](repeating: 0, count: hi - foldBase + 1)
    for (a, b) in fold { t[Int(a.value) - foldBase] = b.value }
    return t
  }()
}

/// Units of money and their exact conversion to hundredths of 万元.
/// 亿元 converts exactly (up to 6 decimals); 元 only when the amount is a
/// whole number of hundredths of 万元 (100 元): `21,900元` → 2.19 万元, but
/// `12,345.67元` gets no value (nil): the record's text keeps the figure as
/// written and nothing is rounded.
enum MoneyUnit {
  case wan, yi, yuan

  static func value(_ text: Substring, _ unit: MoneyUnit) -> Int64? {
    switch unit {
    case .wan: return FixedPoint.parse(text, decimals: 2)
    case .yi: return FixedPoint.parse(text, decimals: 6)
    case .yuan: return FixedPoint.parse(text, decimals: 2).flatMap { $0 % 10_000 == 0 ? $0 / 10_000 : nil }
    }
  }
}
