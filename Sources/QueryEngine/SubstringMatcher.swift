// Finds the records whose field contains a string, exactly, through the gram
// view (see TextAnalysis/Analyzer.swift for why this is exact).
//
// A query string of matching form q yields grams g_k at offsets k. Bigrams
// must match exactly; a unigram followed by a space in q must match exactly;
// the trailing unigram of q (the last scalar) may be followed by anything in
// the record, so it matches every gram that starts with it (a prefix range of
// the dictionary). A record matches when, for some position p, every g_k
// occurs at p + k. Intersection is driven by the rarest gram (bleve's
// conjunction searcher).
import IndexFormat
import TextAnalysis

struct GramRequirement {
  var offset: UInt32
  var cursors: [PostingsCursor]  // one for an exact gram; the prefix range otherwise
  var docFreq: Int
}

enum SubstringMatcher {
  /// Records of `segment` whose field `fieldID` contains the matching-form string `form`.
  static func match(form: String, fieldID: UInt8, in segment: SegmentReader) throws(IndexFormatError) -> DocList {
    var grams = Analyzer.grams(form)
    if grams.isEmpty { return [] }
    // The trailing unigram is implied by a bigram ending on the same scalar
    // (that bigram pins the scalar, and every scalar starts some gram); drop
    // it rather than expand a prefix range of a frequent character.
    if grams.count >= 2, grams[grams.count - 2].position == grams[grams.count - 1].position - 1,
      grams[grams.count - 2].term.unicodeScalars.count == 2
    {
      grams.removeLast()
    }
    let lastPosition = grams.last!.position
    var requirements: [GramRequirement] = []
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
      if cursors.isEmpty { return [] }
      requirements.append(GramRequirement(offset: UInt32(g.position), cursors: cursors, docFreq: df))
    }
    // Each requirement becomes doc → positions (union over its cursors), then
    // a position-aligned intersection, rarest first.
    var lists: [(offset: UInt32, postings: [(doc: UInt32, positions: [UInt32])])] = []
    for r in requirements.sorted(by: { $0.docFreq < $1.docFreq }) {
      lists.append((r.offset, try materialize(r.cursors)))
    }
    var candidates: [(doc: UInt32, starts: [UInt32])] = lists[0].postings.map { p in
      (p.doc, p.positions.compactMap { $0 >= lists[0].offset ? $0 - lists[0].offset : nil })
    }
    for l in lists.dropFirst() {
      var next: [(doc: UInt32, starts: [UInt32])] = []
      var j = 0
      for c in candidates {
        while j < l.postings.count && l.postings[j].doc < c.doc { j += 1 }
        guard j < l.postings.count, l.postings[j].doc == c.doc else { continue }
        let positions = l.postings[j].positions
        let kept = c.starts.filter { s in binarySearch(positions, s + l.offset) }
        if !kept.isEmpty { next.append((c.doc, kept)) }
      }
      candidates = next
      if candidates.isEmpty { break }
    }
    return candidates.filter { !$0.starts.isEmpty }.map(\.doc)
  }

  /// Merges cursors into doc-ordered (doc, sorted positions) pairs.
  static func materialize(_ cursors: [PostingsCursor]) throws(IndexFormatError) -> [(doc: UInt32, positions: [UInt32])] {
    var pairs: [(UInt32, UInt32)] = []
    var buffer: [UInt32] = []
    for var c in cursors {
      while try c.advance() != .terminated {
        try c.positions(into: &buffer)
        for p in buffer { pairs.append((c.doc.rawValue, p)) }
      }
    }
    if cursors.count > 1 { pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 } }
    var out: [(doc: UInt32, positions: [UInt32])] = []
    for (d, p) in pairs {
      if let last = out.last, last.doc == d {
        out[out.count - 1].positions.append(p)
      } else {
        out.append((d, [p]))
      }
    }
    return out
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
