// BM25 ranking (Robertson/Spärck Jones; Lucene's defaults k1 = 1.2,
// b = 0.75). Matching is decided by the gram view (exact substrings); the
// score only orders the hits. For each positive text term of the query, the
// field it targets (default: text) is ranked in the view the index's
// manifest gives it: a field of kind `text` on its ICU words (the term's
// words looked up in the word view), one of kind `gram-text` on its grams
// (the term's grams, as the analyzer makes them, in the gram view, whose
// postings carry the frequencies too; Lucene's CJKAnalyzer ranks bigrams
// the same way). A hit's score sums, over those ranking terms t,
//   idf(t) · tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl))
// with idf(t) = ln(1 + (N − df + 0.5)/(df + 0.5)), dl = the field's length
// in that view (column `<field>_len`; when an index has no such column,
// dl = avgdl, i.e. no length normalization). N, df and avgdl are the whole
// index's, as Lucene's: N the docs of every segment, df the sum of the
// term's doc frequencies, avgdl the length columns' Sums over N (a
// version-2 segment, which has no Sum, counts as its docs times the mean of
// an even sample). Deleted docs count in N and df until a merge drops them,
// as in Lucene. So a score depends on the index's docs, not on how they are
// cut into segments: flushes and merges do not reorder results.
// Ties keep index order, so results are deterministic.
#if canImport(Glibc)
  import Glibc
#endif
import IndexFormat
import QueryLanguage
import TextAnalysis

/// Docs sampled to estimate a field's average length (see averageLength).
let averageSample = 4096

public struct BM25: Sendable {
  public var k1 = 1.2
  public var b = 0.75
  public init() {}
}

extension Searcher {
  /// Hits ordered by descending BM25 score (stable: ties in index order),
  /// with their scores; only the first `limit` of that order when given
  /// (a bounded heap: no sort of every hit when a page of 20 is shown).
  /// Queries without positive text terms keep index order (score 0).
  public func rank(
    _ refs: [HitRef], query: QueryNode, parameters: BM25 = BM25(), limit: Int? = nil
  ) throws(SearchError) -> [(ref: HitRef, score: Double)] {
    let words = try rankingTerms(query)
    let k = min(limit ?? refs.count, refs.count)
    if words.isEmpty || refs.isEmpty { return refs.prefix(k).map { ($0, 0) } }
    // Hits of one segment are contiguous and ascending in `refs`: each such
    // run, cut into chunks of about refs.count / (4 · threads) hits (a
    // merged segment holds half of them: one run per segment would leave a
    // thread idle), is scored (into its own range of `scores`) and cut to
    // its best k on whichever thread takes it; the best k of those are the
    // best k of all. A chunk reads only its docs' part of each term's postings.
    let chunk = threads > 1 ? max(1, minPieceHits, refs.count / (4 * threads)) : refs.count
    var runs: [Range<Int>] = []
    var start = 0
    while start < refs.count {
      let s = refs[start].segment
      var end = start
      while end < refs.count && refs[end].segment == s { end += 1 }
      let pieces = max(1, ((end - start) + chunk / 2) / chunk)
      for i in 0..<pieces {
        runs.append((start + (end - start) * i / pieces)..<(start + (end - start) * (i + 1) / pieces))
      }
      start = end
    }
    let stats = try collectionStatistics(words)
    let scores = UnsafeMutableBufferPointer<Double>.allocate(capacity: refs.count)
    scores.initialize(repeating: 0)
    defer { scores.deallocate() }
    let best = try ParallelTasks.map(
      runs.count, threads: threads, cost: { runs[$0].count }, spawnAfterNanos: spawnAfterNanos
    ) {
      (r) throws(SearchError) -> [Int] in
      let run = runs[r]
      let own = UnsafeMutableBufferPointer(rebasing: scores[run])
      try score(refs[run], into: own, segment: refs[run.lowerBound].segment, terms: words, stats, parameters)
      return TopK.select(UnsafeBufferPointer(scores), among: run, k)
    }
    let kept = runs.count == 1 ? best[0] : TopK.select(UnsafeBufferPointer(scores), among: best.joined(), k)
    return kept.map { (refs[$0], scores[$0]) }
  }

  /// The ranking terms of the query's positive text terms: each one's field
  /// and dictionary key (field id, view, bytes), the term's ICU words for a
  /// field of kind `text`, its grams for one of kind `gram-text`. A field
  /// the index does not have ranks nothing.
  func rankingTerms(_ query: QueryNode) throws(SearchError) -> [(field: String, key: [UInt8])] {
    var out: [(String, [UInt8])] = []
    var segmenter: Segmenter?
    func collect(_ n: QueryNode, negated: Bool) throws(SearchError) {
      switch n {
      case .term(let field, let text, _, _):
        if negated { return }
        let name: String
        switch field {
        case nil, .text: name = "text"
        case .reason: name = "reason"
        case .subject, .project: name = "subject"
        case .dept, .region, .section: return
        }
        guard let meta = reader.manifest.field(named: name) else { return }
        do {
          var form = try MatchForm.fromRaw(text)
          switch meta.kind {
          case .gramText:
            form.withUTF8 { buf in
              Analyzer.forEachGram(buf) { gram, _ in
                out.append((name, [meta.id, 0x67] + gram))  // TermView.gram
              }
            }
          case .text:
            if segmenter == nil { segmenter = try Segmenter() }
            for w in try Analyzer.words(form, segmenter: segmenter!) {
              out.append((name, [meta.id, 0x77] + Array(w.utf8)))  // TermView.word
            }
          case .keyword, .stored: return
          }
        } catch { throw .analysis(error) }
      case .keyword, .numeric: return
      case .and(let c), .or(let c): for x in c { try collect(x, negated: negated) }
      case .not(let c): try collect(c, negated: !negated)
      }
    }
    try collect(query, negated: false)
    return out
  }

  /// The index-wide N, each ranking term's df and each field's average
  /// length: one dictionary lookup per term and segment (kept for scoring),
  /// and the Sum in each segment's length column header.
  func collectionStatistics(_ terms: [(field: String, key: [UInt8])]) throws(SearchError) -> CollectionStatistics {
    let segments = reader.segments
    let docs = segments.reduce(0) { $0 + $1.meta.docCount }
    var docFreqs = [Int](repeating: 0, count: terms.count)
    var infos = [[TermInfo?]](repeating: [TermInfo?](repeating: nil, count: terms.count), count: segments.count)
    var fields: [String] = []
    for t in terms where !fields.contains(t.field) { fields.append(t.field) }
    var lengthSums = [Double?](repeating: nil, count: fields.count)  // nil: no segment has the column
    do {
      for (s, segment) in segments.enumerated() where segment.meta.docCount > 0 {
        for (i, term) in terms.enumerated() {
          let info = try segment.dictionary.lookup(term.key)
          infos[s][i] = info
          docFreqs[i] += info?.docFreq ?? 0
        }
        let columns = try segment.columns
        for (k, field) in fields.enumerated() {
          guard let c = columns.column(field + "_len") else { continue }
          lengthSums[k] = (lengthSums[k] ?? 0) + (c.sum.map(Double.init) ?? averageLength(c) * Double(c.docCount))
        }
      }
    } catch { throw .index(error) }
    let n = Double(max(1, docs))
    let averages = fields.indices.compactMap { k in lengthSums[k].map { NameTable.Entry(name: fields[k], value: max(1, $0 / n)) } }
    return CollectionStatistics(docCount: n, docFreqs: docFreqs, averageLengths: NameTable(entries: averages), termInfos: infos)
  }

  /// Scores `hits`, all of segment number `s`, into `scores`.
  func score(
    _ hits: ArraySlice<HitRef>, into scores: UnsafeMutableBufferPointer<Double>, segment s: Int,
    terms: [(field: String, key: [UInt8])], _ stats: CollectionStatistics, _ p: BM25
  ) throws(SearchError) {
    let segment = reader.segments[s], infos = stats.termInfos[s]
    let n = stats.docCount
    let docs = hits.map(\.doc)  // contiguous, for the walks below
    let columns: ColumnsFile
    do { columns = try segment.columns } catch { throw .index(error) }
    var normsByField: [String: FieldNorms] = [:]
    var postingDocs: [UInt32] = [], postingFreqs: [UInt32] = []
    for (t, (field, _)) in terms.enumerated() {
      var norms = normsByField.removeValue(forKey: field)
        ?? FieldNorms(columns.column(field + "_len"), average: stats.averageLengths[field], hits: docs.count, p)
      defer { normsByField[field] = norms }
      do {
        guard let info = infos[t] else { continue }
        let df = Double(stats.docFreqs[t])
        let idf = log1p((n - df + 0.5) / (df + 0.5))
        var cursor = try segment.postings.cursor(info)
        let scale = idf * (p.k1 + 1)  // as `addTerm` computes it: the same bits either way
        @inline(__always) func add(_ k: Int, doc: UInt32, freq: UInt32) {
          let tf = Double(freq)
          scores[k] += scale * tf / (tf + norms.norm(k, doc: doc))
        }
        // The term's docs within the hits' span, assuming them spread evenly.
        let spanned = Double(info.docFreq) * Double(docs.last! - docs.first! + 1) / Double(max(1, segment.meta.docCount))
        if Double(docs.count) * 8 >= spanned {
          // Many hits for the term's list: list it (a few nanoseconds a
          // doc) and walk both, rather than seek it per hit (tens). A
          // sentinel above every doc ends the inner walk without a bound check.
          postingDocs.removeAll(keepingCapacity: true)
          postingFreqs.removeAll(keepingCapacity: true)
          try cursor.drainDocsAndFreqs(into: &postingDocs, &postingFreqs, from: docs.first!, below: docs.last! + 1)
          postingDocs.append(UInt32.max)
          postingDocs.withUnsafeBufferPointer { pd in
            postingFreqs.withUnsafeBufferPointer { pf in
              docs.withUnsafeBufferPointer { hd in
                Self.addTerm(hits: hd, postings: pd, freqs: pf, idf: idf, p, &norms, into: scores)
              }
            }
          }
          continue
        }
        var i = 0
        while i < docs.count {
          let d = try cursor.seek(DocID(rawValue: docs[i]))
          if d == .terminated { break }
          while i < docs.count && docs[i] < d.rawValue { i += 1 }
          guard i < docs.count, docs[i] == d.rawValue else { continue }
          add(i, doc: d.rawValue, freq: UInt32(cursor.freq))
          i += 1
        }
      } catch { throw .index(error) }
    }
  }

  /// Adds one term's part of the score to each of the hits `hd` that its
  /// postings `pd` (with frequencies `pf`) hold; both ascending, `pd` ending
  /// with a sentinel above every doc. A function of its own: inlined into
  /// `score`, the walk lost registers to the caller's state and reloaded
  /// the scores' address for every hit (5 % of a ranked `and`).
  @inline(never)
  static func addTerm(
    hits hd: UnsafeBufferPointer<UInt32>, postings pd: UnsafeBufferPointer<UInt32>, freqs pf: UnsafeBufferPointer<UInt32>,
    idf: Double, _ p: BM25, _ norms: inout FieldNorms, into scores: UnsafeMutableBufferPointer<Double>
  ) {
    let scale = idf * (p.k1 + 1)
    var j = 0
    for k in 0..<hd.count {
      let doc = hd[k]
      while pd[j] < doc { j &+= 1 }
      if pd[j] == doc {
        let tf = Double(pf[j])
        scores[k] += scale * tf / (tf + norms.norm(k, doc: doc))
      } else if pd[j] == UInt32.max {
        break
      }
    }
  }

  /// Mean of a length column over one segment's docs (absent counts as 0):
  /// its Sum / DocCount, exact and without reading the column. A version-2
  /// segment has no Sum: the mean is estimated from at most
  /// `averageSample` docs spread evenly over the segment (exact below that
  /// many docs), since a full scan would make every ranked query linear in
  /// the segment. Deterministic either way.
  func averageLength(_ c: ColumnReader) -> Double {
    if c.docCount == 0 { return 1 }
    if let sum = c.sum { return max(1, Double(sum) / Double(c.docCount)) }
    let stride = max(1, c.docCount / averageSample)
    var sum = 0.0, n = 0
    var d = 0
    while d < c.docCount {
      sum += Double(max(0, c.raw(d)))
      n += 1
      d += stride
    }
    return max(1, sum / Double(n))
  }
}

/// The whole index's BM25 statistics for one query's ranking terms.
struct CollectionStatistics {
  /// N: the docs of every segment (at least 1).
  let docCount: Double
  /// df of each ranking term (by its index in the query's list), summed over segments.
  let docFreqs: [Int]
  /// avgdl of each field that has a length column (a NameTable, not a
  /// dictionary: see NameTable).
  let averageLengths: NameTable<Double>
  /// Each ranking term's entry in each segment's dictionary ([segment][term]).
  let termInfos: [[TermInfo?]]
}

/// One field's length part of BM25, k1·(1 − b + b·dl/avgdl), per hit of a
/// segment run: computed from the field's length column when a term of the
/// field first matches the hit (NaN until then), so a hit's length is read
/// once per field, not once per term.
struct FieldNorms {
  let lengths: ColumnReader?
  let average: Double
  let parameters: BM25
  /// The part for the integer lengths below 512, from the same expression
  /// (the same bits): a division less per hit.
  let table: [Double]
  var byHit: [Double]

  /// `average` is the field's mean length over the index (nil: no segment
  /// has the column).
  init(_ lengths: ColumnReader?, average: Double?, hits: Int, _ p: BM25) {
    self.lengths = lengths
    // Without a length column every length is the average: no normalization.
    self.average = lengths == nil ? 1 : average ?? 1
    parameters = p
    let avg = self.average
    table = (0..<512).map { dl in p.k1 * (1 - p.b + p.b * Double(dl) / max(avg, 1e-9)) }
    byHit = Array(repeating: .nan, count: hits)
  }

  @inline(__always)
  mutating func norm(_ k: Int, doc: UInt32) -> Double {
    let known = byHit[k]
    if !known.isNaN { return known }
    let p = parameters
    let value: Double
    if let lengths {
      let dl = max(0, lengths.raw(Int(doc)))
      value = dl < table.count ? table[Int(dl)] : p.k1 * (1 - p.b + p.b * Double(dl) / max(average, 1e-9))
    } else {
      value = p.k1 * (1 - p.b + p.b * average / max(average, 1e-9))
    }
    byHit[k] = value
    return value
  }
}

/// The k best of n scores, as indexes in rank order: higher score first,
/// then lower index (index order breaks ties, so results are deterministic).
enum TopK {
  static func select(_ scores: [Double], _ k: Int) -> [Int] {
    scores.withUnsafeBufferPointer { select($0, among: $0.indices, k) }
  }

  /// The k best of the scores at `candidates` (indexes into `scores`).
  static func select<C: Collection<Int>>(_ scores: UnsafeBufferPointer<Double>, among candidates: C, _ k: Int) -> [Int] {
    if k <= 0 { return [] }
    @inline(__always) func better(_ a: Int, _ b: Int) -> Bool {
      scores[a] != scores[b] ? scores[a] > scores[b] : a < b
    }
    if k * 4 >= candidates.count {
      return Array(candidates.sorted(by: better).prefix(k))
    }
    // A binary min-heap of the k best so far: its root is the worst kept.
    var heap: [Int] = []
    heap.reserveCapacity(k)
    func siftDown(_ i0: Int) {
      var i = i0
      while true {
        let l = 2 * i + 1, r = l + 1
        var worst = i
        if l < heap.count && better(heap[worst], heap[l]) { worst = l }
        if r < heap.count && better(heap[worst], heap[r]) { worst = r }
        if worst == i { return }
        heap.swapAt(i, worst)
        i = worst
      }
    }
    for i in candidates {
      if heap.count < k {
        heap.append(i)
        var c = heap.count - 1
        while c > 0 {
          let parent = (c - 1) / 2
          guard better(heap[parent], heap[c]) else { break }
          heap.swapAt(parent, c)
          c = parent
        }
      } else if better(i, heap[0]) {
        heap[0] = i
        siftDown(0)
      }
    }
    return heap.sorted(by: better)
  }
}
