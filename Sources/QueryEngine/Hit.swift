// A hit and what it displays: the record's stored fields, its numbers (as
// stored integers with their decimals) and its source document.
import IndexFormat

public struct HitRef: Hashable, Sendable {
  /// Stored in 32 bits, so a hit takes 8 bytes, not 16: a query with 10⁵
  /// hits and more touches (and in a fresh process, faults in) half the memory.
  private var segmentIndex: UInt32
  public var doc: UInt32
  /// Index into `IndexReader.segments`.
  public var segment: Int {
    get { Int(segmentIndex) }
    set { segmentIndex = UInt32(newValue) }
  }
  public init(segment: Int, doc: UInt32) {
    segmentIndex = UInt32(segment)
    self.doc = doc
  }
}

public struct Hit: Sendable {
  /// A stable id within one index generation: "<segment generation>:<doc>".
  public var id: String
  public var fields: [String: String]
  /// Numeric columns present on this record: name → (value, decimals).
  public var numbers: [String: (value: Int64, decimals: Int)]
  public var file: [String: String]
}

extension Searcher {
  /// Loads what a hit displays: its stored fields, its source document and
  /// its numbers, every column or only those named in `columns`. Each column
  /// read touches its own page of the .num file: a table of 100 hits that
  /// shows four numbers spares a fresh process about 2,000 page faults of
  /// reading all 27 (500 MB bench index).
  public func load(_ ref: HitRef, columns wanted: Set<String>? = nil) throws(SearchError) -> Hit {
    let segment = reader.segments[ref.segment]
    let names = fieldNames
    do {
      let stored = try segment.stored, columns = try segment.columns
      var fields: [String: String] = [:]
      for (id, value) in try stored.records.entry(Int(ref.doc)) { fields[names[id] ?? "\(id)"] = value }
      var numbers: [String: (Int64, Int)] = [:]
      for c in reader.manifest.columns where c.name == "file" || wanted?.contains(c.name) != false {
        if let v = columns.column(c.name)?.value(Int(ref.doc)) { numbers[c.name] = (v, c.decimals) }
      }
      var file: [String: String] = [:]
      if let f = numbers["file"]?.0, f >= 0, f < Int64(stored.files.count) {
        for (id, value) in try stored.files.entry(Int(f)) { file[names[id] ?? "\(id)"] = value }
      }
      return Hit(id: "\(segment.meta.generation):\(ref.doc)", fields: fields, numbers: numbers, file: file)
    } catch { throw .index(error) }
  }

  /// `load` of each ref, in the order given, read in (segment, doc) order:
  /// hits of a segment that share a stored block decompress it once, and
  /// the few blocks the process caches (StoredBlockCache) are enough for a
  /// page of ranked hits spread over every segment.
  public func load(_ refs: [HitRef], columns wanted: Set<String>? = nil) throws(SearchError) -> [Hit] {
    let order = refs.indices.sorted { (refs[$0].segment, refs[$0].doc) < (refs[$1].segment, refs[$1].doc) }
    var hits = [Hit?](repeating: nil, count: refs.count)
    for i in order { hits[i] = try load(refs[i], columns: wanted) }
    return hits.map { $0! }
  }

  /// Sorts hits by a numeric column; absent values last; ties in index order.
  public func sort(_ refs: [HitRef], by column: String, descending: Bool) throws(SearchError) -> [HitRef] {
    var columns: [ColumnReader?] = []  // one lookup per segment, not per hit
    do {
      for segment in reader.segments { columns.append(try segment.columns.column(column)) }
    } catch { throw .index(error) }
    func key(_ r: HitRef) -> Int64? { columns[r.segment]?.value(Int(r.doc)) }
    let keyed = refs.map { ($0, key($0)) }
    return keyed.sorted { a, b in
      switch (a.1, b.1) {
      case let (x?, y?) where x != y: return descending ? x > y : x < y
      case (nil, _?): return false
      case (_?, nil): return true
      default: return (a.0.segment, a.0.doc) < (b.0.segment, b.0.doc)
      }
    }.map(\.0)
  }
}
