// Group-by over hits: "all departments citing X" is one query grouped by
// department. Sums and extremes are over the stated values only (a record
// without an amount adds nothing), kept as fixed-point integers.
import IndexFormat

public enum GroupKey: String, CaseIterable, Sendable {
  case dept, region, year, kind, subject, type, file
}

public struct Group: Sendable {
  public var key: String
  public var count = 0
  /// Records that state an amount (and so enter the sum and extremes).
  public var amountCount = 0
  public var amountSum: Int64 = 0
  public var amountMin: Int64?
  public var amountMax: Int64?
  public var rateMin: Int64?
  public var rateMax: Int64?
}

extension Searcher {
  /// Groups hits by `key`, largest groups first, then by key. Reads columns
  /// and, for the document-level keys, each file's entry once per segment;
  /// stored records are decompressed only for subject and type.
  public func group(_ refs: [HitRef], by key: GroupKey) throws(SearchError) -> [Group] {
    var groups: [String: Group] = [:]
    var current = -1
    var amounts: ColumnReader?, rates: ColumnReader?, years: ColumnReader?, files: ColumnReader?
    var fileKeys: [Int64: String] = [:]  // file ordinal → key, for the current segment
    let fileField: String? =
      switch key {
      case .dept: "dept"
      case .region: "region"
      case .kind: "file_kind"
      case .file: "path"
      default: nil
      }
    let recordField: UInt8? = key == .subject ? fieldIDs["subject"] : nil
    var typeOf: [UInt32: String] = [:]  // doc → record type, for the current segment
    do {
      for ref in refs {
        let segment = reader.segments[ref.segment]
        if ref.segment != current {
          current = ref.segment
          amounts = segment.columns.column("amount")
          rates = segment.columns.column("rate")
          years = segment.columns.column("year")
          files = segment.columns.column("file")
          fileKeys.removeAll(keepingCapacity: true)
          if key == .type {
            // The type is a keyword: its few postings lists say it for every hit
            // of this segment without decompressing stored records.
            let docs = refs.lazy.filter { $0.segment == current }.map(\.doc).sorted()
            typeOf = try recordTypes(of: docs, segment)
          }
        }
        let doc = Int(ref.doc)
        let k: String
        if let fileField {
          if let f = files?.value(doc), f >= 0, f < Int64(segment.stored.files.count) {
            if let cached = fileKeys[f] {
              k = cached
            } else {
              let id = fieldIDs[fileField]
              let entry = try segment.stored.files.entry(Int(f))
              k = entry.first { $0.field == id }?.value ?? ""
              fileKeys[f] = k
            }
          } else {
            k = ""
          }
        } else if key == .type {
          k = typeOf[ref.doc] ?? ""
        } else if key == .year {
          k = years?.value(doc).map { String($0) } ?? ""
        } else if let recordField {
          let entry = try segment.stored.records.entry(doc)
          k = entry.first { $0.field == recordField }?.value ?? ""
        } else {
          k = ""
        }
        var g = groups[k] ?? Group(key: k)
        g.count += 1
        if let a = amounts?.value(doc) {
          g.amountCount += 1
          g.amountSum &+= a
          g.amountMin = min(g.amountMin ?? a, a)
          g.amountMax = max(g.amountMax ?? a, a)
        }
        if let r = rates?.value(doc) {
          g.rateMin = min(g.rateMin ?? r, r)
          g.rateMax = max(g.rateMax ?? r, r)
        }
        groups[k] = g
      }
    } catch { throw .index(error) }
    return groups.values.sorted { $0.count != $1.count ? $0.count > $1.count : $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
  }

  /// The type keyword of each of `docs` (ascending) in one segment.
  func recordTypes(of docs: [UInt32], _ segment: SegmentReader) throws(IndexFormatError) -> [UInt32: String] {
    guard let id = fieldIDs["type"], !docs.isEmpty else { return [:] }
    var out: [UInt32: String] = [:]
    let prefix: [UInt8] = [id, 0x6B]  // TermView.keyword
    try segment.dictionary.forEach(prefix: prefix) { (term, info) throws(IndexFormatError) in
      let value = String(decoding: term.dropFirst(2), as: UTF8.self)
      var cursor = try segment.postings.cursor(info)
      for d in docs {
        let at = try cursor.seek(DocID(rawValue: d))
        if at == .terminated { break }
        if at.rawValue == d { out[d] = value }
      }
    }
    return out
  }
}
