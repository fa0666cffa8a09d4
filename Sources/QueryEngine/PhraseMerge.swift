// The merge plan for a substring clause whose grams are all frequent: rather
// than a leapfrog that seeks each gram per document and decodes positions
// per document (tens of nanoseconds per candidate), every gram's postings
// are decoded a block at a time into keys doc << 32 | (position − offset +
// bias), and the sorted keys are intersected. A key common to every gram is
// a doc and a start p where every gram sits at p + its offset: exactly what
// `SubstringMatcher.verify` checks, as an intersection of flat arrays
// (Lucene's and tantivy's phrase scorers decode a block of positions at a
// time for the same reason).
//
// Window by window: one block of the rarest gram's keys, against each other
// gram's keys of the same docs (decoded up to the window's last doc, the
// rest kept for the next window). Block skipping stays: a gram's blocks that
// end before a window's first doc are skipped unread, so a sparse rarest
// gram still spares the others much of their decoding.
import CIntersect
import IndexFormat

/// How `SubstringMatcher.matchAll` evaluates substring clauses.
public enum SubstringPlan: Sendable {
  /// The merge for clauses whose grams are all frequent, the leapfrog otherwise.
  case automatic
  /// Always the per-document leapfrog (and position checks).
  case leapfrog
  /// The merge for every clause it can take (exact grams with positions).
  case merge
}

/// One gram's postings as a stream of ascending keys, decoded a block at a time.
struct KeyStream {
  var cursor: PostingsCursor
  let block = KeyBlock()
  let bias: UInt32
  /// Doc of the last key decoded (−1 before the first block).
  var lastDoc: Int64 = -1
  var exhausted = false

  init(cursor: PostingsCursor, bias: UInt32) {
    self.cursor = cursor
    self.bias = bias
  }

  /// Decodes blocks until every key of docs ≤ `hi` is held, skipping
  /// blocks that end before doc `lo` unread.
  mutating func cover(from lo: UInt32, through hi: UInt32) throws(IndexFormatError) {
    while !exhausted && lastDoc < Int64(hi) {
      let n = try cursor.nextKeys(fromDoc: lo, bias: bias, into: block)
      if n == 0 {
        exhausted = true
      } else {
        lastDoc = Int64(block.keys[block.count - 1] >> 32)
      }
    }
  }
}

extension SubstringMatcher {
  /// Whether the merge plan takes this clause's grams: every one an exact gram
  /// with positions, at least two of them, one at offset 0 (as covering grams
  /// always have: it keeps every start ≥ 0, as `verify` does).
  static func mergeable(_ grams: [GramCursor]) -> Bool {
    grams.count >= 2 && grams.contains { $0.offset == 0 }
      && grams.allSatisfy { $0.rest.isEmpty && $0.head.hasPositions }
  }

  /// Whether the automatic plan prefers the merge: the rarest gram is common
  /// enough that a leapfrog would visit most blocks of the others anyway
  /// (its docs at least 1/16 of every other gram's), and there are enough of
  /// them (2048 in the segment) for the per-candidate cost to dominate; on
  /// rare terms a leapfrog decodes a few positions per candidate where the
  /// merge would decode whole blocks. `bound` is the most docs a leapfrog
  /// would visit anyway (the given candidates, or another clause's rarest
  /// gram, when fewer): the merge is taken only when they are at least a
  /// quarter of this clause's rarest gram's docs. On the 500 MB bench corpus
  /// the merge is 2–3.6× faster on the eight queries it takes and the
  /// leapfrog keeps the rare ones (bench/RESULTS.md).
  static func prefersMerge(_ grams: [GramCursor], bound: Int) -> Bool {
    let least = grams.map(\.docFreq).min()!, most = grams.map(\.docFreq).max()!
    return least >= mergeFloor && least >= most / 16 && bound >= least / 4
  }

  /// The fewest docs in a segment of a clause's rarest gram for the merge.
  static let mergeFloor = 2048

  /// The docs where one clause's grams (`grams`, mergeable) occur at their
  /// offsets from a common start, ascending; only among `candidates` when
  /// given. Window by window: the keys of one block of the rarest gram are
  /// intersected with each other gram's keys of the same docs (decoded up to
  /// the window's last doc, the rest kept for the next window), by a merge
  /// without branches on the comparisons. Only docs within `range` (when
  /// given) are kept, and only their blocks decoded, give or take a block
  /// at each end.
  static func mergeDocs(
    _ grams: [GramCursor], candidates: DocList? = nil, within range: DocRange? = nil
  ) throws(IndexFormatError) -> DocList {
    let start = range?.lowerBound ?? 0, end = range?.upperBound ?? UInt32.max
    let sorted = grams.sorted { $0.docFreq < $1.docFreq }
    let maxOffset = sorted.map(\.offset).max()!
    var lead = KeyStream(cursor: sorted[0].head, bias: maxOffset - sorted[0].offset)
    var others = sorted.dropFirst().map { KeyStream(cursor: $0.head, bias: maxOffset - $0.offset) }
    var out: DocList = []
    out.reserveCapacity(min(sorted[0].docFreq, candidates?.count ?? Int.max))
    var nextCandidate = 0
    var scratch = Scratch<UInt64>(capacity: 1024)  // the intersection's output
    var docs = Scratch<UInt32>(capacity: 1024)  // a window's docs
    // The candidates as a bit per doc from the first to the last: the lead's
    // keys are kept by a lookup each instead of a merge with the list.
    var marked = Scratch<UInt64>(capacity: 1)
    let firstCandidate = candidates?.first ?? 0, lastCandidate = candidates?.last ?? 0
    if let candidates, !candidates.isEmpty {
      let words = Int(lastCandidate - firstCandidate) >> 6 + 1
      marked.reserve(words)
      DocSetOps.mark(candidates, from: firstCandidate, through: lastCandidate, into: marked.base, words: words)
    }
    defer {
      scratch.release()
      docs.release()
      marked.release()
    }
    let window = lead.block
    windows: while true {
      window.removeFirst(window.count)
      // Given candidates, lead blocks before the next one are skipped unread.
      let from = candidates.map { nextCandidate < $0.count ? $0[nextCandidate] : UInt32.max } ?? start
      if try lead.cursor.nextKeys(fromDoc: from, bias: lead.bias, into: window) == 0 { break }
      // Only the range's keys: the first block read may begin before it,
      // the last one run past it.
      let keys = window.keys
      if UInt32(truncatingIfNeeded: keys[0] >> 32) < start {
        window.removeFirst(firstKey(atOrAfterDoc: start, keys, window.count))
        if window.count == 0 { continue }
      }
      if UInt32(truncatingIfNeeded: keys[0] >> 32) >= end { break }
      var m = firstKey(atOrAfterDoc: end, keys, window.count)
      let finalWindow = m < window.count  // it reaches the range's end
      let lo = UInt32(truncatingIfNeeded: keys[0] >> 32), hi = UInt32(truncatingIfNeeded: keys[m - 1] >> 32)
      if let candidates {
        if candidates.isEmpty { break }
        m = ckeep_marked_docs(keys, m, marked.base, firstCandidate, lastCandidate)
        nextCandidate = candidateIndex(after: hi, candidates, from: nextCandidate)
        if nextCandidate == candidates.count && m == 0 { break }
        if m == 0 { continue }
      }
      for s in others.indices {
        try others[s].cover(from: lo, through: hi)
        let block = others[s].block
        let theirs = block.keys
        let count = block.count
        // keys[0..<m] ∩ theirs (CIntersect: four keys a side per step with AVX2).
        scratch.reserve(m + 3)
        m = cintersect_u64(keys, m, theirs, count, scratch.base)
        keys.update(from: scratch.base, count: m)
        // Their keys of docs ≤ hi are spent; later windows start after hi.
        block.removeFirst(firstKey(atOrAfterDoc: hi &+ 1, theirs, count))
        if m == 0 {
          if others[s].exhausted && block.count == 0 { break windows }
          continue windows
        }
      }
      // Each doc of the surviving keys once (all within the range: the window
      // was cut to it).
      docs.reserve(m)
      let n = cunique_docs(keys, m, docs.base)
      out.append(contentsOf: UnsafeBufferPointer(start: docs.base, count: n))
      if finalWindow { break }
    }
    return out
  }

  /// Index of the first of `count` ascending keys whose doc is ≥ `doc`
  /// (`count` when none; every key when `doc` is 0).
  static func firstKey(atOrAfterDoc doc: UInt32, _ keys: UnsafeMutablePointer<UInt64>, _ count: Int) -> Int {
    let limit = UInt64(doc) << 32
    var lo = 0, hi = count
    while lo < hi {
      let mid = (lo + hi) >> 1
      if keys[mid] < limit { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// Index of the first of `candidates` (ascending) after doc `hi`, at or
  /// after `from`.
  static func candidateIndex(after hi: UInt32, _ candidates: DocList, from: Int) -> Int {
    var lo = from, up = candidates.count
    while lo < up {
      let mid = (lo + up) >> 1
      if candidates[mid] <= hi { lo = mid + 1 } else { up = mid }
    }
    return lo
  }
}
