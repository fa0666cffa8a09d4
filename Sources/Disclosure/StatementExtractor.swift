// Statements in one repaired paragraph, left to right.
//
// Each comparison core (ComparisonCore.swift) makes one statement. Its head is
// the text from the previous statement's end, sentence end, `;` or `其中:` up
// to the core; the head names the subject and states the amount. When the
// head names nothing (`…。与上年相比,减少…`, `…。与年初预算相比,年初预算数…`):
//   - an unclaimed sentence just before it in the paragraph that states an
//     amount is the statement's subject and amount (`2024年度一般公共预算
//     财政拨款支出254.56万元,占…。与上年相比,…`), and becomes part of its text;
//   - otherwise the subject is the previous statement's (its amount is not
//     carried over: the sentence does not state it).
// A change without a comparator of its own inherits the previous statement's
// basis (004 `“三公”经费比上年预算减少…,其中:因公出国(境)费减少…`).
// Amounts are only ever read where written: `收入支出总体与上年相比,减少…`
// has none, and none is borrowed from the 收入总计 line.

struct StatementDraft {
  var start: Int
  var end: Int
  var subject: String
  var amount: Int64?
  var prior: Int64?
  var change: Int64?
  var rate: Int64?
  var basis: Basis?
  var reason: String
  var comparedYear: Int? = nil
  var completion: Int64? = nil
}

enum StatementExtractor {
  static func extract(_ t: ScalarText) -> [StatementDraft] {
    var out: [StatementDraft] = []
    var cursor = 0
    while let core = Cores.next(t, from: cursor, to: t.count) {
      let hs = headStart(t, notBefore: cursor, before: core.start)
      if core.kind == .paired {
        let reason = Reasons.after(t, coreEnd: core.end)
        let end = reason?.next ?? closingPunctuation(t, after: core.end)
        // Each subject gets its own pair, in order; when the head does not
        // name exactly as many subjects the sentence stays a passage.
        if let subjects = pairedSubjects(t, hs..<core.start), subjects.count == core.pairs.count {
          let basis = core.basis ?? out.last?.basis
          for (subject, pair) in zip(subjects, core.pairs) {
            out.append(
              StatementDraft(
                start: hs, end: end, subject: subject, amount: nil, prior: nil, change: pair.change,
                rate: pair.rate, basis: basis, reason: reason?.text ?? "", comparedYear: core.comparedYear))
          }
        }
        cursor = end
        continue
      }
      var textStart = hs
      var subject = SubjectNames.subject(t, hs..<core.start)
      var amount = core.kind == .variance ? core.amount : lastQuantity(t, hs..<core.start)?.value
      let previous = out.last
      if subject == nil {
        if let lead = leadSentence(t, from: cursor, to: hs), let q = lastQuantity(t, lead),
          let s = SubjectNames.subject(t, lead.lowerBound..<q.start)
        {
          subject = s
          if amount == nil { amount = q.value }
          textStart = lead.lowerBound
        } else {
          subject = previous?.subject
        }
      }
      let basis = core.basis ?? previous?.basis
      let reason = Reasons.after(t, coreEnd: core.end)
      let end = reason?.next ?? closingPunctuation(t, after: core.end)
      out.append(
        StatementDraft(
          start: textStart, end: end, subject: subject ?? "", amount: amount, prior: core.prior,
          change: core.change, rate: core.rate, basis: basis, reason: reason?.text ?? "",
          comparedYear: core.comparedYear, completion: core.completion))
      cursor = end
    }
    return (out + standalone(t, claimed: out)).sorted { $0.start < $1.start }
  }

  /// Where a head starts: after the last sentence end or `;` in
  /// `notBefore..<before`, and after a `其中:` that follows it.
  static func headStart(_ t: ScalarText, notBefore: Int, before: Int) -> Int {
    var hs = notBefore
    var k = before - 1
    while k >= notBefore {
      if isSentenceEnd(t[k]) || t[k] == ";" {
        hs = k + 1
        break
      }
      k -= 1
    }
    if let q = t.findLast("其中:", from: hs, to: before) { hs = q + 3 }
    return t.skipSpaces(hs)
  }

  /// The last sentence in `from..<to` (text nobody claimed yet), if it has content.
  static func leadSentence(_ t: ScalarText, from: Int, to: Int) -> Range<Int>? {
    var end = t.skipSpacesBackward(to)
    guard end > from else { return nil }
    if isSentenceEnd(t[end - 1]) || t[end - 1] == ";" { end -= 1 }
    var start = end
    while start > from, !isSentenceEnd(t[start - 1]), t[start - 1] != ";" { start -= 1 }
    start = t.skipSpaces(start)
    return start < end ? start..<end : nil
  }

  /// The last `N 万元` in `range`: the amount closest to the core.
  static func lastQuantity(_ t: ScalarText, _ range: Range<Int>) -> WrittenNumber? {
    var found: WrittenNumber?
    var i = range.lowerBound
    while i < range.upperBound {
      let startsNumber = isDigit(t[i]) && (i == 0 || !(isDigit(t[i - 1]) || t[i - 1] == "." || t[i - 1] == ","))
      if startsNumber, let q = t.money(at: i), q.end <= range.upperBound {
        found = q
        i = q.end
        continue
      }
      i += 1
    }
    return found
  }

  /// `因公出国(境)费和公务接待费` / `A、B` / `A及B`: the subjects of a paired
  /// core, each a name SubjectNames accepts; nil when any is not.
  static func pairedSubjects(_ t: ScalarText, _ range: Range<Int>) -> [String]? {
    let head = SubjectNames.stripLeadIns(t.slice(range))
    var parts: [Range<Int>] = []
    var a = 0
    var depth = 0
    for k in 0..<head.count {
      let c = head[k]
      if c == "(" { depth += 1 } else if c == ")" { depth = max(0, depth - 1) }
      if depth == 0, c == "、" || c == "和" || c == "及" || c == "与" {
        parts.append(a..<k)
        a = k + 1
      }
    }
    parts.append(a..<head.count)
    var names: [String] = []
    for p in parts {
      // A number in the head would be an amount nobody can pair safely.
      if (p.lowerBound..<p.upperBound).contains(where: { isDigit(head[$0]) }) { return nil }
      guard let s = SubjectNames.subject(head, p) else { return nil }
      names.append(s)
    }
    return names.count >= 2 ? names : nil
  }

  /// A statement without a reason keeps the `。`/`;` that closes it.
  static func closingPunctuation(_ t: ScalarText, after i: Int) -> Int {
    let k = t.skipSpaces(i)
    if k < t.count, isSentenceEnd(t[k]) || t[k] == ";" { return k + 1 }
    return i
  }

  /// Reason-only statements: `X支出5.00万元,主要原因是…` with no change or
  /// rate, in text no core claimed. The sentence must state an amount.
  static func standalone(_ t: ScalarText, claimed: [StatementDraft]) -> [StatementDraft] {
    var out: [StatementDraft] = []
    var gaps: [Range<Int>] = []
    var a = 0
    for d in claimed {
      if d.start > a { gaps.append(a..<d.start) }
      a = max(a, d.end)
    }
    if a < t.count { gaps.append(a..<t.count) }
    for gap in gaps {
      var i = gap.lowerBound
      while i < gap.upperBound {
        // Every standalone marker starts with 主 or 原.
        guard t[i] == "主" || t[i] == "原", let m = t.matchAny(Reasons.standaloneMarkers, at: i),
          !t.has("差异", endingAt: i),
          !t.has("偏差", endingAt: i)
        else {
          i += 1
          continue
        }
        // Bounded look-back: a marker-rich paragraph without 。 stays linear.
        let sentence = headStart(t, notBefore: max(gap.lowerBound, i - 400), before: i)
        let reason = Reasons.span(t, afterMarker: m.end)
        if reason.next <= gap.upperBound, let q = lastQuantity(t, sentence..<i),
          let subject = SubjectNames.subject(t, sentence..<q.start)
        {
          out.append(
            StatementDraft(
              start: sentence, end: reason.next, subject: subject, amount: q.value, prior: nil,
              change: nil, rate: nil, basis: nil, reason: reason.text))
          i = reason.next
        } else {
          i = m.end
        }
      }
    }
    return out
  }
}
