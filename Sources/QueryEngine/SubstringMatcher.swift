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
import IndexFormat
import TextAnalysis

/// One gram requirement: an exact gram (one cursor) or a prefix range (a union).
struct GramCursor {
  var offset: UInt32
  var cursors: [PostingsCursor]
  var docFreq: Int
  var doc = DocID(rawValue: 0)
  var scratch: [UInt32] = []

  /// Moves to the first doc >= target (every sub-cursor at or past it).
  mutating func seek(_ target: DocID) throws(IndexFormatError) -> DocID {
    var least = DocID.terminated
    for i in cursors.indices {
      let d = try cursors[i].seek(target)
      if d < least { least = d }
    }
    doc = least
    return least
  }

  /// Positions of the current doc, ascending (merged over sub-cursors).
  mutating func positions(into out: inout [UInt32]) throws(IndexFormatError) {
    if cursors.count == 1 {
      try cursors[0].positions(into: &out)
      return
    }
    out.removeAll(keepingCapacity: true)
    for i in cursors.indices where cursors[i].doc == doc {
      try cursors[i].positions(into: &scratch)
      out.append(contentsOf: scratch)
    }
    out.sort()
  }
}

enum SubstringMatcher {
  /// Records of `segment` whose field `fieldID` contains the matching-form
  /// string `form`; only among `candidates` when given (ascending).
  static func match(
    form: String, fieldID: UInt8, in segment: SegmentReader, candidates: DocList? = nil
  ) throws(IndexFormatError) -> DocList {
    guard var requirements = try requirements(form: form, fieldID: fieldID, in: segment) else { return [] }
    requirements.sort { $0.docFreq < $1.docFreq }
    var out: DocList = []
    var starts: [UInt32] = [], buffer: [UInt32] = []

    func verify(_ doc: DocID) throws(IndexFormatError) -> Bool {
      // One gram at offset 0 (a two-scalar word, or one scalar's prefix
      // range): being in the doc is the match; no positions to decode.
      if requirements.count == 1 && requirements[0].offset == 0 { return true }
      try requirements[0].positions(into: &buffer)
      let first = requirements[0].offset
      starts.removeAll(keepingCapacity: true)
      for p in buffer where p >= first { starts.append(p - first) }
      for i in 1..<requirements.count where !starts.isEmpty {
        try requirements[i].positions(into: &buffer)
        let off = requirements[i].offset
        starts.removeAll { !binarySearch(buffer, $0 + off) }
      }
      return !starts.isEmpty
    }

    if let candidates {
      candidateLoop: for c in candidates {
        let target = DocID(rawValue: c)
        for i in requirements.indices {
          let d = try requirements[i].seek(target)
          if d == .terminated { break candidateLoop }
          if d != target { continue candidateLoop }
        }
        if try verify(target) { out.append(c) }
      }
      return out
    }

    var target = DocID(rawValue: 0)
    while true {
      var d = try requirements[0].seek(target)
      var i = 1
      while i < requirements.count && d != .terminated {
        let e = try requirements[i].seek(d)
        if e == d {
          i += 1
        } else {
          d = e == .terminated ? e : try requirements[0].seek(e)
          i = 1
        }
      }
      if d == .terminated { return out }
      if try verify(d) { out.append(d.rawValue) }
      target = DocID(rawValue: d.rawValue + 1)
    }
  }

  /// Cursors for the grams of `form`, or nil when some gram is absent (no match).
  static func requirements(form: String, fieldID: UInt8, in segment: SegmentReader) throws(IndexFormatError) -> [GramCursor]? {
    let grams = coveringGrams(Analyzer.grams(form))
    if grams.isEmpty { return nil }
    let lastPosition = grams.last!.position
    var out: [GramCursor] = []
    for (i, g) in grams.enumerated() {
      var key: [UInt8] = [fieldID, 0x67]  // TermView.gram; IndexFormat knows terms only as bytes
      key.append(contentsOf: g.term.utf8)
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

  static func binarySearch(_ a: [UInt32], _ x: UInt32) -> Bool {
    var lo = 0, hi = a.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if a[mid] < x { lo = mid + 1 } else { hi = mid }
    }
    return lo < a.count && a[lo] == x
  }
}
