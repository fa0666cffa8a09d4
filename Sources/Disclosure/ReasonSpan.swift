// Where a stated reason starts and ends.
//
// Start: a marker right after the core — `,主要原因是:`, with or without the
// colon (004 `主要原因是本年…`), or sentence-initial after the statement ended
// (004 `…下降 6.34%。主要原因是:…`). Look-alikes such as `其他用车主要是:` or
// `…差异原因是:` never follow a core, so they never start a reason.
//
// End: the first `。`, except that numbered reasons go on while the next
// sentence continues the numbering (001 `1.…。2.…。`, also `2.2023 年…` after
// item 1, where `2.2023` alone would be a decimal); a `;` ends the reason
// only when the clause after it is a new numeric statement (004's 三公 parts),
// otherwise it is inside the reason (001 `…抚恤金费用减少;本年在职人员减少…`).

struct ReasonSpan {
  /// The reason text (trimmed, without its closing punctuation).
  var text: String
  /// Where the reason's text starts.
  var start: Int
  /// After the reason's closing `。`/`;` (or the paragraph end): where the
  /// next statement may start.
  var next: Int
}

enum Reasons {
  /// Markers after a core, longest first where one is a prefix of another.
  static let markers: [Lit] = [
    "主要原因是", "主要原因为", "主要原因有", "主要原因:", "主要原因", "原因主要是", "原因主要为", "原因主要有",
    "原因是", "原因为", "原因:", "原因有",
    "主要是由于", "主要是因为", "主要是", "主要由于", "主要系", "主要情况:", "主要情况是", "是由于", "由于",
  ]

  /// Markers that may follow a short lead-in naming the movement
  /// (`下降的主要原因:`, `增加原因为`, `决算数小于预算数的主要原因是`).
  static let leadInMarkers: [Lit] = [
    "主要原因是", "主要原因为", "主要原因有", "主要原因:", "主要原因", "原因主要是", "原因主要为", "原因主要有",
    "原因是", "原因为", "原因:", "原因有",
  ]

  /// The only words a lead-in may be made of: it names the movement, never a
  /// subject (`公用经费增加的原因是` after another statement is not its reason).
  static let leadInWords: [Lit] = [
    "决算数", "预算数", "执行数", "决算", "预算", "大于", "小于", "高于", "低于", "超过", "增加", "减少", "增长",
    "下降", "降低", "上升", "增减", "变动", "变化", "差异", "较大", "较多", "的", "其", "支出", "数",
    // `产生差异的原因是`, `形成差异的原因`, `造成差异的主要原因是` after a 预决算差异率 core.
    // (`…与公务用车保有量差异原因是` follows no core, so it never gets here.)
    "产生", "形成", "造成", "导致", "存在", "出现",
  ]

  /// Markers that may stand without a core (reason-only statements); `主要是`
  /// is left out on purpose (`其他用车主要是:`).
  static let standaloneMarkers: [Lit] = ["主要原因是", "主要原因为", "原因是", "原因为"]

  /// A reason introduced right after a core ending at `coreEnd`.
  static func after(_ t: ScalarText, coreEnd: Int) -> ReasonSpan? {
    var k = t.skipSpaces(coreEnd)
    if k < t.count, t[k] == "," || t[k] == ";" || t[k] == "。" { k = t.skipSpaces(k + 1) }
    if let m = t.matchAny(markers, at: k) { return span(t, afterMarker: m.end) }
    var j = k
    while j < t.count, j < k + 24 {
      if let m = t.matchAny(leadInMarkers, at: j) { return span(t, afterMarker: m.end) }
      guard let w = t.matchAny(leadInWords, at: j) else { return nil }
      j = w.end
    }
    return nil
  }

  /// The reason after a marker ending at `markerEnd`.
  static func span(_ t: ScalarText, afterMarker markerEnd: Int) -> ReasonSpan {
    var r = t.skipSpaces(markerEnd)
    if r < t.count, t[r] == ":" { r = t.skipSpaces(r + 1) }
    let (end, next) = end(t, from: r)
    // `trimPunct(t.string(r..<end).trimmedBlank())`, trimmed on the scalars
    // (blanks and `\r` first, then punctuation) so that one String is built.
    var a = max(0, r), b = min(t.count, max(r, end))
    while a < b, isBlank(t[a]) || t[a] == "\r" { a += 1 }
    while b > a, isBlank(t[b - 1]) || t[b - 1] == "\r" { b -= 1 }
    let text = SubjectNames.trimPunct(t, a..<b)
    return ReasonSpan(text: text, start: r, next: next)
  }

  /// (end of the reason text, position after its closing punctuation).
  static func end(_ t: ScalarText, from r: Int) -> (Int, Int) {
    // The number of the open list item (`1.` → 1), nil when the reason is not a list.
    var item = numbering(t, at: r) != nil ? listNumber(t, at: r) : nil
    let numbered = item != nil || numbering(t, at: r) != nil
    var k = r
    while k < t.count {
      let c = t[k]
      if isSentenceEnd(c) {
        let j = t.skipSpaces(k + 1)
        if numbered, numbering(t, at: j) != nil || continuesList(t, at: j, after: item) {
          item = listNumber(t, at: j)
          k = j
          continue
        }
        return (k, k + 1)
      }
      if c == ";" {
        var clauseEnd = k + 1
        while clauseEnd < t.count, !isSentenceEnd(t[clauseEnd]), t[clauseEnd] != ";" { clauseEnd += 1 }
        if Cores.occurs(t, from: k + 1, to: clauseEnd) { return (k, k + 1) }
      }
      k += 1
    }
    return (t.count, t.count)
  }

  /// The integer of a leading `N.` / `N、` at i, if any.
  static func listNumber(_ t: ScalarText, at i: Int) -> Int? {
    var j = i
    while j < t.count, j < i + 3, isDigit(t[j]) { j += 1 }
    guard j > i, j < t.count, t[j] == "." || t[j] == "、" else { return nil }
    return Int(t.string(i..<j))
  }

  /// `2.2023 年…` after item 1: the next item of an open list even though
  /// `2.2023` alone would read as a decimal.
  static func continuesList(_ t: ScalarText, at i: Int, after item: Int?) -> Bool {
    guard let item, let n = listNumber(t, at: i) else { return false }
    return n == item + 1
  }

  /// A numbering token at i: `1.` `2、` `(1)` `一是` `二是`…
  static func numbering(_ t: ScalarText, at i: Int) -> Int? {
    guard i < t.count else { return nil }
    if isDigit(t[i]) {
      var j = i
      while j < t.count, isDigit(t[j]) { j += 1 }
      if j < t.count, t[j] == "、" { return j + 1 }
      if j < t.count, t[j] == ".", j + 1 == t.count || !isDigit(t[j + 1]) { return j + 1 }
      return nil
    }
    if t[i] == "(", i + 2 < t.count, isDigit(t[i + 1]), t[i + 2] == ")" { return i + 3 }
    if HeadingRule.isNumeral(t[i]), t.has("是", at: i + 1) { return i + 2 }
    return nil
  }
}
