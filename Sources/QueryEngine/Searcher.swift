// Executes a parsed query over an open index snapshot.
//
// Plan (format version 1): per segment, each leaf becomes a sorted doc list;
// an AND evaluates its text and keyword leaves first (rarest wins: every
// later leaf only narrows), then checks numeric leaves on the surviving
// candidates by column lookup, then subtracts its negated children. OR
// unions; a lone NOT complements. Scores and top-k come with issue 5; hits
// are returned in index order (file, then position in the file) unless sorted.
// Segments are independent, and so are doc ranges of one: `search` and
// `count` run segments (large ones cut into ranges, `pieces`) and `rank`
// chunks of hits on up to `threads` threads (ParallelTasks), with the same
// answers as one thread.
#if canImport(Glibc)
  import Glibc
#endif
import IndexFormat
import QueryLanguage
import TextAnalysis

public final class Searcher {
  public let reader: IndexReader
  /// Field ids by name (`fieldIDs["text"]`) and names by id (`fieldNames[id]`).
  let fieldIDs: NameTable<UInt8>
  var fieldNames: NameTable<UInt8> { fieldIDs }
  /// Each numeric column's decimals, by name.
  let columnDecimals: NameTable<Int>
  /// How substring clauses are matched; the plans give the same hits (tests
  /// and `budgetsearch-bench query --plan` compare them).
  public var substringPlan: SubstringPlan = .automatic
  /// Threads one query may use: segments are matched, counted and scored
  /// in parallel (ParallelTasks). 1 runs everything on the calling thread.
  public var threads = ParallelTasks.defaultThreads
  /// Predicted work below which a query stays on the calling thread
  /// (ParallelTasks); tests set 0 to take the threaded path on small indexes.
  var spawnAfterNanos = ParallelTasks.defaultSpawnAfterNanos
  /// Docs below which a segment is not cut into pieces for the threads
  /// (`pieces`); tests set it low to cut small indexes.
  var minPieceDocs = 1 << 20
  /// Hits below which a segment's hits are not cut into chunks for the
  /// threads to rank (`rank`); tests set it low.
  var minPieceHits = 16_384

  /// Opens a searcher; the index must have been built by this analyzer.
  public init(reader: IndexReader) throws(SearchError) {
    self.reader = reader
    let runtime = AnalyzerID.current.description
    guard reader.manifest.analyzer == runtime else {
      throw .index(.analyzerMismatch(index: reader.manifest.analyzer, runtime: runtime))
    }
    fieldIDs = NameTable(entries: reader.manifest.fields.map { .init(name: $0.name, value: $0.id) })
    columnDecimals = NameTable(entries: reader.manifest.columns.map { .init(name: $0.name, value: $0.decimals) })
  }

  /// All matching records, in index order.
  public func search(_ query: QueryNode) throws(SearchError) -> [HitRef] {
    // Every piece's docs first, then one allocation for all the hits (a
    // reserve per piece would copy the hits so far each time).
    let segments = reader.segments
    let work = pieces(of: Array(segments.indices))
    let perPiece = try ParallelTasks.map(
      work.count, threads: threads, cost: { work[$0].docs.count }, spawnAfterNanos: spawnAfterNanos
    ) {
      (i) throws(SearchError) -> DocList in try evaluate(query, segments[work[i].segment], candidates: nil, within: work[i].docs)
    }
    var out: [HitRef] = []
    out.reserveCapacity(perPiece.reduce(0) { $0 + $1.count })
    for (i, docs) in perPiece.enumerated() {
      let s = work[i].segment
      let segment = segments[s]
      for d in docs where !segment.isDeleted(d) { out.append(HitRef(segment: s, doc: d)) }
    }
    return out
  }

  /// How many records match, without materializing them where the
  /// dictionary knows: in a segment without deletes, a lone two-scalar term
  /// or keyword is its doc frequency (tantivy's TermQuery counts the same way).
  public func count(_ query: QueryNode) throws(SearchError) -> Int {
    var total = 0
    // Dictionary counts first, on this thread (microseconds); the segments
    // that need matching then share the threads.
    let segments = reader.segments
    var rest: [Int] = []
    for (s, segment) in segments.enumerated() {
      if segment.deletes == nil, let n = try countFromDictionary(query, segment) {
        total += n
      } else {
        rest.append(s)
      }
    }
    let work = pieces(of: rest)
    let counts = try ParallelTasks.map(
      work.count, threads: threads, cost: { work[$0].docs.count }, spawnAfterNanos: spawnAfterNanos
    ) {
      (i) throws(SearchError) -> Int in
      let segment = segments[work[i].segment]
      var n = 0
      for d in try evaluate(query, segment, candidates: nil, within: work[i].docs) where !segment.isDeleted(d) { n += 1 }
      return n
    }
    return counts.reduce(total, +)
  }

  /// The units of work of a parallel match: the given segments, each cut
  /// into doc ranges of about `total / (4 · threads)` docs (at least
  /// `minPieceDocs`), in segment and doc order. Whole segments would leave
  /// a thread idle while another finishes the largest one (a merged
  /// segment holds half the docs); several pieces per thread, handed out
  /// largest first, end within a piece of each other. A piece costs its
  /// own dictionary look-ups and skip reads: with pieces of 65,536 docs a
  /// rare term at 50 MB took twice as long (the probe task, all fixed cost,
  /// predicted work that was not there and threads started), so only
  /// pieces of 2^20 docs or more are cut, where the work is milliseconds.
  func pieces(of segmentIndexes: [Int]) -> [Piece] {
    let segments = reader.segments
    let total = segmentIndexes.reduce(0) { $0 + segments[$1].meta.docCount }
    let target = max(1, minPieceDocs, total / max(1, 4 * threads))
    var out: [Piece] = []
    for s in segmentIndexes {
      let n = segments[s].meta.docCount
      let k = threads > 1 ? max(1, (n + target / 2) / target) : 1
      for i in 0..<k { out.append(Piece(segment: s, docs: UInt32(n * i / k)..<UInt32(n * (i + 1) / k))) }
    }
    return out
  }

  func countFromDictionary(_ node: QueryNode, _ segment: SegmentReader) throws(SearchError) -> Int? {
    let field: String
    let value: String
    switch node {
    case .term(nil, let text, _, _), .term(.text?, let text, _, _): (field, value) = ("text", text)
    case .term(.reason?, let text, _, _): (field, value) = ("reason", text)
    case .term(.subject?, let text, _, _): (field, value) = ("subject", text)
    case .keyword(let f, let v, _):
      guard let id = fieldIDs[f.rawValue] else { return 0 }
      var key: [UInt8] = [id, 0x6B]  // TermView.keyword
      key.append(contentsOf: v.utf8)
      do { return try segment.dictionary.lookup(key)?.docFreq ?? 0 } catch { throw .index(error) }
    default: return nil
    }
    guard let id = fieldIDs[field] else { return nil }
    let form: String
    do { form = try MatchForm.fromRaw(value) } catch { throw .analysis(error) }
    if form.isEmpty { return nil }
    do { return try SubstringMatcher.countFromDictionary(form: form, fieldID: id, in: segment) } catch { throw .index(error) }
  }

  /// The docs of `segment` within `range` that match `node`; only among
  /// `candidates` when given (ascending, within `range`).
  func evaluate(
    _ node: QueryNode, _ segment: SegmentReader, candidates: DocList?, within range: DocRange
  ) throws(SearchError) -> DocList {
    switch node {
    case .term(.section, let text, _, _):
      return try sectionDocs(text, segment, candidates: candidates, within: range)
    case .term(let field, let text, _, let source):
      return try termDocs(field: field, text: text, range: source, segment, candidates: candidates, within: range)
    case .keyword(let field, let value, _):
      // Given candidates, seek the keyword's postings for them instead of listing it whole.
      if let candidates { return try keywordFilter(candidates, field: field.rawValue, value: value, segment) }
      return try keywordDocs(field: field.rawValue, value: value, segment, within: range)
    case .numeric(let field, let lower, let upper, let source):
      guard let decimals = columnDecimals[field.rawValue] else {
        throw .query(message: "this index has no \(field.rawValue) column; rebuild it with `budgetsearch index --rebuild`", range: source)
      }
      let columns: ColumnsFile
      do { columns = try segment.columns } catch { throw .index(error) }
      guard let column = columns.column(field.rawValue) else {
        // The manifest names the column but the segment's file lacks it: damage, not a query error.
        throw .index(.corrupt(file: columns.name, offset: 0, reason: "column \(field.rawValue) is missing"))
      }
      guard let interval = try NumericFilter.interval(
        field: field, lower: lower, upper: upper, decimals: decimals, range: source)
      else { return [] }
      return NumericFilter.filter(column, interval, candidates: candidates, within: range)
    case .and(let children):
      // Department and region first (a file's run of records, often few),
      // then the plain substring terms together (one leapfrog over all their
      // grams), other leaves that use postings, filters (numeric, section)
      // on the survivors, negations last.
      let positive = children.filter { if case .not = $0 { return false } else { return true } }
      var current = candidates
      for child in positive where child.isFileField {
        current = try evaluate(child, segment, candidates: current, within: range)
        if current!.isEmpty { return [] }
      }
      var clauses: [SubstringClause] = [], others: [QueryNode] = []
      for child in positive where !child.isFileField {
        if let clause = try substringClause(child) {
          if !clause.form.isEmpty { clauses.append(clause) }  // an empty form matches every record
        } else {
          others.append(child)
        }
      }
      if !clauses.isEmpty {
        do {
          current = try SubstringMatcher.matchAll(clauses, in: segment, candidates: current, within: range, plan: substringPlan)
        } catch { throw .index(error) }
        if current!.isEmpty { return [] }
      }
      // Numeric filters (a column read per candidate) before section filters (a stored record each).
      let ordered = others.filter { !$0.isFilter } + others.filter { $0.isFilter && !$0.isSectionFilter }
        + others.filter(\.isSectionFilter)
      for child in ordered {
        current = try evaluate(child, segment, candidates: current, within: range)
        if current!.isEmpty { return [] }
      }
      var result = current ?? DocSetOps.all(range)
      for case .not(let child) in children {
        result = DocSetOps.subtract(result, try evaluate(child, segment, candidates: result, within: range))
      }
      return result
    case .or(let children):
      var result: DocList = []
      for child in children {
        result = DocSetOps.union(result, try evaluate(child, segment, candidates: candidates, within: range))
      }
      return result
    case .not(let child):
      let base = candidates ?? DocSetOps.all(range)
      return DocSetOps.subtract(base, try evaluate(child, segment, candidates: base, within: range))
    }
  }

  /// A term that is a plain substring of one indexed field (default, text,
  /// reason, subject), in matching form; nil for any other node.
  func substringClause(_ node: QueryNode) throws(SearchError) -> SubstringClause? {
    guard case .term(let field, let text, _, let range) = node else { return nil }
    let name: String
    switch field {
    case nil, .text?: name = "text"
    case .reason?: name = "reason"
    case .subject?: name = "subject"
    default: return nil
    }
    guard let id = fieldIDs[name] else { throw .query(message: "this index has no \(name) field", range: range) }
    do { return SubstringClause(form: try MatchForm.fromRaw(text), fieldID: id) } catch { throw .analysis(error) }
  }

  func restrict(_ docs: DocList, to candidates: DocList?) -> DocList {
    guard let candidates else { return docs }
    return DocSetOps.intersect(docs, candidates)
  }

  func termDocs(
    field: TextField?, text: String, range: SourceRange, _ segment: SegmentReader, candidates: DocList?,
    within docs: DocRange
  ) throws(SearchError) -> DocList {
    let form: String
    do { form = try MatchForm.fromRaw(text) } catch { throw .analysis(error) }
    if form.isEmpty { return candidates ?? DocSetOps.all(docs) }
    switch field {
    case nil, .text: return try substring(form, field: "text", segment, range, candidates, docs)
    case .reason: return try substring(form, field: "reason", segment, range, candidates, docs)
    case .subject: return try substring(form, field: "subject", segment, range, candidates, docs)
    case .project:
      // The name first (selective), then the type by seeking its postings:
      // listing every project record first would cost as many as there are.
      let named = try substring(form, field: "subject", segment, range, candidates, docs)
      return try keywordFilter(named, field: "type", value: "project", segment)
    case .dept, .region:
      return restrict(try fileFieldDocs(form, field: field == .dept ? "dept" : "region", segment, within: docs), to: candidates)
    case .section:
      return try sectionDocs(text, segment, candidates: candidates, within: docs)
    }
  }

  func substring(
    _ form: String, field: String, _ segment: SegmentReader, _ range: SourceRange, _ candidates: DocList?,
    _ docs: DocRange
  ) throws(SearchError) -> DocList {
    guard let id = fieldIDs[field] else { throw .query(message: "this index has no \(field) field", range: range) }
    do {
      return try SubstringMatcher.match(
        form: form, fieldID: id, in: segment, candidates: candidates, within: docs, plan: substringPlan)
    } catch { throw .index(error) }
  }

  /// The postings of keyword `value` of `field` in `segment`; nil when the
  /// index has no such field or the segment no such value.
  func keywordCursor(field: String, value: String, _ segment: SegmentReader) throws(IndexFormatError) -> PostingsCursor? {
    guard let id = fieldIDs[field] else { return nil }
    var key: [UInt8] = [id, 0x6B]  // TermView.keyword
    key.append(contentsOf: value.utf8)
    guard let info = try segment.dictionary.lookup(key) else { return nil }
    return try segment.postings.cursor(info)
  }

  func keywordDocs(field: String, value: String, _ segment: SegmentReader, within docs: DocRange) throws(SearchError) -> DocList {
    do {
      guard var cursor = try keywordCursor(field: field, value: value, segment) else { return [] }
      var out: DocList = []
      try cursor.drainDocs(into: &out, from: docs.lowerBound, below: docs.upperBound)
      return out
    } catch { throw .index(error) }
  }

  /// The docs of `docs` (ascending) that have the keyword, by seeking its postings.
  func keywordFilter(_ docs: DocList, field: String, value: String, _ segment: SegmentReader) throws(SearchError) -> DocList {
    do {
      guard !docs.isEmpty, var cursor = try keywordCursor(field: field, value: value, segment) else { return [] }
      return try cursor.keep(docs)
    } catch { throw .index(error) }
  }

  /// Document-level fields (department, region) live once per file in the
  /// files table; a match selects the file's contiguous run of records
  /// (the part of it within `docs`).
  func fileFieldDocs(_ form: String, field: String, _ segment: SegmentReader, within docs: DocRange) throws(SearchError) -> DocList {
    guard let id = fieldIDs[field] else { return [] }
    var out: DocList = []
    do {
      guard let fileColumn = try segment.columns.column("file") else { return [] }
      let files = try segment.stored.files
      for f in 0..<files.count {
        let entry = try files.entry(f)
        guard let value = entry.first(where: { $0.field == id })?.value else { continue }
        if MatchForm.contains((try? MatchForm.fromRaw(value)) ?? value, form) {
          let lo = max(lowerBound(fileColumn, Int64(f)), Int(docs.lowerBound))
          let hi = min(lowerBound(fileColumn, Int64(f + 1)), Int(docs.upperBound))
          // A corrupt (unsorted) file column can give hi < lo: skip, never trap.
          if lo < hi { out.append(contentsOf: (UInt32(lo)..<UInt32(hi))) }
        }
      }
    } catch { throw .index(error) }
    return out
  }

  /// First doc whose (non-decreasing) file column is >= v.
  func lowerBound(_ c: ColumnReader, _ v: Int64) -> Int {
    var lo = 0, hi = c.docCount
    while lo < hi {
      let mid = (lo + hi) / 2
      if c.raw(mid) < v { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}

extension Searcher {
  /// `section:` matches records whose stored section path contains the
  /// string. A segment with the `section_run` column (Indexing's
  /// Schema.sectionRun) has each run's path indexed in the gram view on the
  /// run's first record, and every record's distance back to that record:
  /// the run starts come from postings, the other records from the column.
  /// A record without the column (older segments) is judged on its stored
  /// path: a scan of the segment's stored records when `section:` stands alone.
  func sectionDocs(
    _ text: String, _ segment: SegmentReader, candidates: DocList?, within docs: DocRange
  ) throws(SearchError) -> DocList {
    let form: String
    do { form = try MatchForm.fromRaw(text) } catch { throw .analysis(error) }
    guard let id = fieldIDs["section"] else { return [] }
    // Records of one section are consecutive and share its path: the
    // previous record's verdict is reused when the bytes are the same.
    let emptyVerdict = MatchForm.contains("", form)  // a record without a section path
    var last: [UInt8] = [], lastVerdict = emptyVerdict
    func judge(_ bytes: UnsafeRawBufferPointer?) -> Bool {
      guard let bytes, !bytes.isEmpty else { return emptyVerdict }
      if bytes.count == last.count, last.withUnsafeBytes({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) {
        return lastVerdict
      }
      last = Array(bytes)
      let section = String(decoding: bytes, as: UTF8.self)
      lastVerdict = MatchForm.contains((try? MatchForm.fromRaw(section)) ?? section, form)
      return lastVerdict
    }
    var out: DocList = []
    if docs.isEmpty { return out }
    do {
      // An empty string is in every path, also the empty ones that index no gram.
      let runs = form.isEmpty ? nil : try segment.columns.column("section_run")
      // The run holding the range's first doc starts before it: its path is
      // on that start (an undamaged column; a damaged one is clamped, and
      // `verify` reports it).
      var from = docs.lowerBound
      if let runs {
        let back = runs.raw(Int(from))
        if back != ColumnsFile.absent && back > 0 { from -= UInt32(min(back, Int64(from))) }
      }
      // First records of the runs whose path contains the string, ascending.
      let starts = runs == nil ? [] : try SubstringMatcher.match(
        form: form, fieldID: id, in: segment, within: from..<docs.upperBound, plan: substringPlan)
      var next = 0  // starts[next] is the first start not below the current run's
      func accepts(_ d: UInt32) throws(IndexFormatError) -> Bool {
        let back = runs?.raw(Int(d)) ?? ColumnsFile.absent
        guard back != ColumnsFile.absent else { return try segment.stored.records.test(Int(d), field: id, judge) }
        guard back >= 0, back <= Int64(d) else { return false }  // damaged: verify reports it
        let start = d - UInt32(back)
        while next < starts.count && starts[next] < start { next += 1 }
        return next < starts.count && starts[next] == start
      }
      if let candidates {
        for d in candidates where try accepts(d) { out.append(d) }
      } else if let runs, runs.hasEveryValue {
        // Alone: each matching run from its first record on, as long as the
        // distances count up (reads proportional to the hits, not the segment).
        let end = docs.upperBound
        for s in starts {
          var d = max(s, docs.lowerBound)
          if d > s && runs.raw(Int(d)) != Int64(d - s) { continue }  // the run ended before the range
          while d < end && (d == s || runs.raw(Int(d)) == Int64(d - s)) {
            out.append(d)
            d += 1
          }
        }
      } else {
        for d in docs where try accepts(d) { out.append(d) }
      }
    } catch { throw .index(error) }
    return out
  }
}

extension QueryNode {
  /// Terms on a document-level field (department, region): a run of records per file.
  var isFileField: Bool {
    switch self {
    case .term(.dept?, _, _, _), .term(.region?, _, _, _): return true
    default: return false
    }
  }

  /// `section:` terms: a filter that reads each candidate's stored record.
  var isSectionFilter: Bool {
    if case .term(.section?, _, _, _) = self { return true }
    return false
  }

  /// Clauses evaluated as filters over candidates rather than from postings.
  var isFilter: Bool {
    switch self {
    case .numeric, .term(.section, _, _, _): return true
    default: return false
    }
  }
}

/// A unit of a parallel match: a doc range of one segment (`Searcher.pieces`).
/// A struct, not a tuple: an array of (Int, Range<UInt32>) made the runtime
/// check UInt32: Comparable when it first built the array's type, a scan
/// of every conformance record in the binary (≈ 60 µs of a fresh process).
struct Piece {
  let segment: Int
  let docs: DocRange
}

/// Values by name (the index's field ids, its columns' decimals), found by
/// a scan of a dozen entries. Dictionaries here cost a fresh process one
/// conformance lookup per key and value type (String: Hashable, UInt8:
/// Hashable) when the runtime first built their types, each a scan of every
/// conformance record of the static binary (≈ 60 µs; gdb on
/// swift_conformsToProtocol, bench/conformance-scans.sh).
struct NameTable<Value> {
  struct Entry {
    let name: String
    let value: Value
  }
  let entries: [Entry]

  subscript(name: String) -> Value? {
    for e in entries where e.name == name { return e.value }
    return nil
  }
}

extension NameTable where Value == UInt8 {
  /// The name of field `id`.
  subscript(id: UInt8) -> String? {
    for e in entries where e.value == id { return e.name }
    return nil
  }
}
