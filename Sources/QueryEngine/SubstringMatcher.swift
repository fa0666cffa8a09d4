// Finds the records whose field contains a string, exactly, through the gram
// view (see TextAnalysis/Analyzer.swift for why this is exact).
//
// A query string of matching form q yields grams g_k at offsets k. Bigrams
// must match exactly; a unigram followed by a space in q must match exactly;
// the trailing unigram of q (the last scalar) may be followed by anything in
// the record, so it matches every gram that starts with it (a prefix range of
// the dictionary), and is dropped when a bigram already pins that scalar.
// A record matches when, for some position p, every g_k occurs at p + k.
//
// Execution is a leapfrog over postings cursors, rarest gram first (bleve's
// conjunction searcher, tantivy's intersection): no postings list is
// materialized, positions are decoded only for documents where every gram
// occurs, and given candidates from other clauses only those are visited.
// When every gram of a clause is frequent, that per-document work costs more
// than decoding whole blocks: such a clause goes through the merge of
// block-decoded positions instead (PhraseMerge.swift; `SubstringPlan`).
import IndexFormat
import TextAnalysis

/// One gram requirement: an exact gram (one cursor) or a prefix range (a union).
struct GramCursor {
  var offset: UInt32
  /// The gram's cursor, or the first of a prefix range's.
  var head: PostingsCursor
  /// The rest of a prefix range (empty for an exact gram).
  var rest: [PostingsCursor]
  var docFreq: Int
  var doc = DocID(rawValue: 0)
  /// A prefix range's positions merged over its sub-cursors (nil for an exact gram).
  let merged: MergedPositions?

  init(offset: UInt32, cursors: [PostingsCursor], docFreq: Int) {
    self.offset = offset
    head = cursors[0]
    rest = Array(cursors.dropFirst())
    merged = rest.isEmpty ? nil : MergedPositions()
    self.docFreq = docFreq
  }

  /// Moves to the first doc >= target (every sub-cursor at or past it).
  mutating func seek(_ target: DocID) throws(IndexFormatError) -> DocID {
    var least = try head.seek(target)
    if !rest.isEmpty {
      for i in rest.indices {
        let d = try rest[i].seek(target)
        if d < least { least = d }
      }
    }
    doc = least
    return least
  }

  /// Positions of the current doc, ascending (merged over sub-cursors);
  /// valid until the cursor moves.
  mutating func positionSpan() throws(IndexFormatError) -> UnsafeBufferPointer<UInt32> {
    guard let merged else { return try head.positionSpan() }
    merged.count = 0
    if head.doc == doc { merged.append(try head.positionSpan()) }
    for i in rest.indices where rest[i].doc == doc { merged.append(try rest[i].positionSpan()) }
    var out = UnsafeMutableBufferPointer(start: merged.base, count: merged.count)
    out.sort()
    return UnsafeBufferPointer(out)
  }
}

/// Positions gathered from several cursors; owned by one GramCursor.
final class MergedPositions {
  var base = UnsafeMutablePointer<UInt32>.allocate(capacity: 64)
  var capacity = 64
  var count = 0

  func append(_ span: UnsafeBufferPointer<UInt32>) {
    guard let from = span.baseAddress, !span.isEmpty else { return }
    if count + span.count > capacity {
      let bigger = UnsafeMutablePointer<UInt32>.allocate(capacity: max(count + span.count, capacity * 2))
      bigger.update(from: base, count: count)
      base.deallocate()
      base = bigger
      capacity = max(count + span.count, capacity * 2)
    }
    (base + count).update(from: from, count: span.count)
    count += span.count
  }

  deinit { base.deallocate() }
}

/// One substring clause of a conjunction: a matching-form string that a field must contain.
struct SubstringClause {
  var form: String
  var fieldID: UInt8
}

enum SubstringMatcher {
  /// Records of `segment` whose field `fieldID` contains the matching-form
  /// string `form`; only among `candidates` when given (ascending), only
  /// within `range` when given.
  static func match(
    form: String, fieldID: UInt8, in segment: SegmentReader, candidates: DocList? = nil, within range: DocRange? = nil,
    plan: SubstringPlan = .automatic
  ) throws(IndexFormatError) -> DocList {
    try matchAll([SubstringClause(form: form, fieldID: fieldID)], in: segment, candidates: candidates, within: range, plan: plan)
  }

  /// Records of `segment` that satisfy every clause (each field contains its
  /// string), only among `candidates` when given (which must lie within
  /// `range`), only within `range` (default: the whole segment). All the
  /// clauses' grams leapfrog together at the doc level, so positions are
  /// decoded only for docs that have every gram of every clause; then each
  /// clause is verified on its own grams' positions.
  static func matchAll(
    _ clauses: [SubstringClause], in segment: SegmentReader, candidates given: DocList? = nil,
    within range: DocRange? = nil, plan: SubstringPlan = .automatic
  ) throws(IndexFormatError) -> DocList {
    let range = range ?? 0..<UInt32(segment.meta.docCount)
    if range.isEmpty { return [] }
    var perClause: [[GramCursor]] = []
    for clause in clauses {
      guard let grams = try requirements(form: clause.form, fieldID: clause.fieldID, in: segment) else { return [] }
      perClause.append(grams)
    }
    // Clauses of frequent grams go through the merge (PhraseMerge.swift);
    // their docs are the candidates of the others' leapfrog.
    var candidates = given
    if plan != .leapfrog {
      let rarest = perClause.flatMap { $0.map(\.docFreq) }.min() ?? 0
      let bound = min(given?.count ?? Int.max, rarest)
      var kept: [[GramCursor]] = []
      // The most selective clause first: its docs narrow the next ones'.
      perClause.sort { $0.map(\.docFreq).min()! < $1.map(\.docFreq).min()! }
      for grams in perClause {
        guard mergeable(grams), plan == .merge || prefersMerge(grams, bound: bound) else {
          kept.append(grams)
          continue
        }
        candidates = try mergeDocs(grams, candidates: candidates, within: range)
        if candidates!.isEmpty { return [] }
      }
      perClause = kept
    }
    var cursors: [GramCursor] = []
    // Per clause that needs positions: indexes into `cursors`, rarest
    // first (its positions give the candidate starts).
    var groups: [[Int]] = []
    for var grams in perClause {
      grams.sort { $0.docFreq < $1.docFreq }
      // One gram at offset 0 (a two-scalar word, or one scalar's prefix
      // range): being in the doc is the match; no positions to decode.
      if !(grams.count == 1 && grams[0].offset == 0) {
        groups.append(Array(cursors.count..<(cursors.count + grams.count)))
      }
      cursors += grams
    }
    if cursors.isEmpty { return candidates ?? DocSetOps.all(range) }
    var out: DocList = []
    out.reserveCapacity(min(cursors.map(\.docFreq).min()!, candidates?.count ?? Int.max))
    if cursors.count == 1 && groups.isEmpty && cursors[0].rest.isEmpty {
      // One exact gram: its postings are the answer. Given candidates, a
      // seek per candidate costs tens of nanoseconds, listing a doc a few:
      // many candidates are intersected with the whole list instead.
      if let candidates {
        if candidates.count * 8 < cursors[0].docFreq { return try cursors[0].head.keep(candidates) }
        try cursors[0].head.drainDocs(into: &out, from: range.lowerBound, below: range.upperBound)
        return DocSetOps.intersect(out, candidates)
      }
      try cursors[0].head.drainDocs(into: &out, from: range.lowerBound, below: range.upperBound)
      return out
    }
    // Leapfrog order: rarest gram first.
    let order = cursors.indices.sorted { cursors[$0].docFreq < cursors[$1].docFreq }
    var starts = StartBuffer(capacity: 256)
    // The cursors move in place in a buffer of their own: stepping them
    // through an array would check its uniqueness on every step.
    let reqs = UnsafeMutableBufferPointer<GramCursor>.allocate(capacity: cursors.count)
    _ = reqs.initialize(from: cursors)
    cursors = []
    defer {
      starts.release()
      reqs.deinitialize()
      reqs.deallocate()
    }
    func verified() throws(IndexFormatError) -> Bool {
      for g in groups where try !verify(reqs, g, &starts) { return false }
      return true
    }
    if let candidates {
      candidateLoop: for c in candidates {
        let target = DocID(rawValue: c)
        for i in order {
          let d = try reqs[i].seek(target)
          if d == .terminated { break candidateLoop }
          if d != target { continue candidateLoop }
        }
        if try verified() { out.append(c) }
      }
      return out
    }
    let lead = order[0]
    var target = DocID(rawValue: range.lowerBound)
    let end = range.upperBound
    while true {
      var d = try reqs[lead].seek(target)
      var i = 1
      while i < order.count && d != .terminated {
        let e = try reqs[order[i]].seek(d)
        if e == d {
          i += 1
        } else {
          d = e == .terminated ? e : try reqs[lead].seek(e)
          i = 1
        }
      }
      if d.rawValue >= end { break }  // also .terminated (UInt32.max)
      if try verified() { out.append(d.rawValue) }
      target = DocID(rawValue: d.rawValue + 1)
    }
    return out
  }

  /// Whether some start p has every gram of one clause (`group`, rarest
  /// first) at p + its offset, all cursors being on the same doc: the first
  /// gram's positions give the candidate starts, each further gram keeps
  /// those it has (a merge of two sorted lists).
  static func verify(
    _ reqs: UnsafeMutableBufferPointer<GramCursor>, _ group: [Int], _ starts: inout StartBuffer
  ) throws(IndexFormatError) -> Bool {
    let span0 = try reqs[group[0]].positionSpan()
    let first = reqs[group[0]].offset
    starts.reserve(span0.count)
    let s = starts.base
    var n = 0
    for p in span0 where p >= first {
      s[n] = p &- first
      n &+= 1
    }
    var i = 1
    while i < group.count && n > 0 {
      let span = try reqs[group[i]].positionSpan()
      let off = reqs[group[i]].offset
      var kept = 0, j = 0
      let m = span.count
      for k in 0..<n {
        let want = s[k] &+ off  // positions and offsets < 2^30: no overflow
        while j < m && span[j] < want { j &+= 1 }
        if j == m { break }
        if span[j] == want {
          s[kept] = s[k]
          kept &+= 1
        }
      }
      n = kept
      i &+= 1
    }
    return n > 0
  }

  /// The number of docs of `segment` whose field contains `form` when one
  /// exact gram decides it (its doc frequency, deleted docs included), nil
  /// when the answer needs postings.
  static func countFromDictionary(form: String, fieldID: UInt8, in segment: SegmentReader) throws(IndexFormatError) -> Int? {
    let grams = coveringGrams(Analyzer.grams(form))
    guard grams.count == 1, grams[0].position == 0 else { return grams.isEmpty ? 0 : nil }
    // A lone unigram is a one-scalar query: a prefix range of grams, whose
    // doc frequencies overlap. A lone bigram (a two-scalar query) is one term.
    let g = grams[0]
    guard g.term.unicodeScalars.count == 2 else { return nil }
    return try segment.dictionary.lookup(gramKey(g, fieldID))?.docFreq ?? 0
  }

  /// Cursors for the grams of `form`, or nil when some gram is absent (no match).
  static func requirements(form: String, fieldID: UInt8, in segment: SegmentReader) throws(IndexFormatError) -> [GramCursor]? {
    let all = Analyzer.grams(form)
    let grams = coveringGrams(all)
    if grams.isEmpty { return nil }
    if let bigrams = plainRun(all) {
      // The covering bigrams first (every other one, then the last); when
      // all of them are frequent enough for the merge, the other bigrams
      // too, and their doc frequencies decide which to read. Rare phrases
      // are spared the extra lookups: the leapfrog reads few postings of any gram.
      let n = bigrams.count
      var infos = [TermInfo?](repeating: nil, count: n)
      var chosen = grams.map(\.position)  // a plain run's covering grams are bigrams: positions are indexes
      for i in chosen {
        guard let info = try segment.dictionary.lookup(gramKey(bigrams[i], fieldID)) else { return nil }
        infos[i] = info
      }
      if chosen.allSatisfy({ infos[$0]!.docFreq >= mergeFloor }) {
        for i in 0..<n where infos[i] == nil {
          guard let info = try segment.dictionary.lookup(gramKey(bigrams[i], fieldID)) else { return nil }
          infos[i] = info
        }
        chosen = cheapestCover(infos.map { $0!.docFreq })
      }
      var out: [GramCursor] = []
      for i in chosen {
        let info = infos[i]!
        out.append(GramCursor(offset: UInt32(i), cursors: [try segment.postings.cursor(info)], docFreq: info.docFreq))
      }
      return out
    }
    let lastPosition = grams.last!.position
    var out: [GramCursor] = []
    for (i, g) in grams.enumerated() {
      let key = gramKey(g, fieldID)
      let isTrailingUnigram = i == grams.count - 1 && g.position == lastPosition
        && g.term.unicodeScalars.count == 1
      var cursors: [PostingsCursor] = []
      var df = 0
      if isTrailingUnigram {
        try segment.dictionary.forEach(prefix: key) { (_, info) throws(IndexFormatError) in
          cursors.append(try segment.postings.cursor(info))
          df += info.docFreq
        }
      } else if let info = try segment.dictionary.lookup(key) {
        cursors.append(try segment.postings.cursor(info))
        df = info.docFreq
      }
      if cursors.isEmpty { return nil }
      out.append(GramCursor(offset: UInt32(g.position), cursors: cursors, docFreq: df))
    }
    return out
  }

  /// The bigrams of a query of five or more scalars without spaces (its
  /// grams: a bigram at each position but the last, then the trailing
  /// unigram), where the grams to read can be chosen; nil for other queries.
  static func plainRun(_ grams: [GramToken]) -> [GramToken]? {
    guard grams.count >= 5, grams.last!.term.unicodeScalars.count == 1 else { return nil }
    let bigrams = grams.dropLast()
    for (i, g) in bigrams.enumerated() where g.position != i || g.term.unicodeScalars.count != 2 { return nil }
    return Array(bigrams)
  }

  /// The dictionary key of a gram of field `fieldID`.
  static func gramKey(_ g: GramToken, _ fieldID: UInt8) -> [UInt8] {
    [fieldID, 0x67] + Array(g.term.utf8)  // TermView.gram; IndexFormat knows terms only as bytes
  }

  /// Which bigrams of a plain run (their doc frequencies, by position) to
  /// read: the first and the last (they pin the first and last scalars),
  /// and between them no two chosen ones more than 2 apart (so every scalar
  /// is pinned), with the fewest docs in all, which is what the merge and
  /// the leapfrog decode. `coveringGrams` takes every other one instead:
  /// in "主要原因是" 原因 (in 60k records of the 50 MB corpus) where 要原
  /// (44k) pins the same scalar. On a tie, the cover of fewer grams. Ascending.
  static func cheapestCover(_ docFreqs: [Int]) -> [Int] {
    let n = docFreqs.count
    // best[i]: the fewest docs of a cover of scalars 0...i+1 that chooses i.
    var best = [Int](repeating: 0, count: n), from = [Int](repeating: -1, count: n)
    best[0] = docFreqs[0]
    for i in 1..<n {
      var j = i - 1
      if i >= 2 && best[i - 2] <= best[i - 1] { j = i - 2 }
      best[i] = best[j] + docFreqs[i]
      from[i] = j
    }
    var chosen: [Int] = []
    var i = n - 1
    while i >= 0 {
      chosen.append(i)
      i = from[i]
    }
    return chosen.reversed()
  }

  /// A subset of the query's grams that still pins every scalar at its
  /// offset: bigrams at offsets 0, 2, 4, … plus whatever covers the rest
  /// (about half the grams, so half the postings to intersect and verify).
  /// A unigram before a space is always kept: matched exactly, it is what
  /// pins the space (the scalar ends a run in the record too). A trailing
  /// unigram (which expands to a prefix range) is used only when no bigram
  /// ends on the last scalar.
  static func coveringGrams(_ grams: [GramToken]) -> [GramToken] {
    var chosen: [GramToken] = []
    var covered = -1  // highest offset pinned so far
    for (i, g) in grams.enumerated() {
      let isBigram = g.term.unicodeScalars.count == 2
      let isLast = i == grams.count - 1
      if !isBigram && !isLast {
        chosen.append(g)  // unigram before a space
        covered = max(covered, g.position)
        continue
      }
      if g.position <= covered { continue }
      if !isBigram, i > 0, grams[i - 1].position == g.position - 1, grams[i - 1].term.unicodeScalars.count == 2 {
        chosen.append(grams[i - 1])  // the bigram ending on the last scalar pins it exactly
      } else {
        chosen.append(g)
      }
      covered = g.position + (isBigram ? 1 : 0)
    }
    return chosen
  }

}

/// A buffer reused from doc to doc or window to window (no array traffic in
/// the inner loops); its contents do not survive `reserve`.
struct Scratch<Element> {
  var base: UnsafeMutablePointer<Element>
  var capacity: Int

  init(capacity: Int) {
    self.capacity = capacity
    base = .allocate(capacity: capacity)
  }

  mutating func reserve(_ n: Int) {
    if n <= capacity { return }
    base.deallocate()
    capacity = max(n, capacity * 2)
    base = .allocate(capacity: capacity)
  }

  func release() { base.deallocate() }
}

/// Candidate match starts of one doc.
typealias StartBuffer = Scratch<UInt32>
