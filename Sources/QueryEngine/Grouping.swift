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
  /// and, for the document-level keys, each file's entry once per segment,
  /// and record types from the type keyword's postings; stored records are
  /// decompressed only for subject. Per hit, the work is a few column reads
  /// and an integer lookup of its group (hits may come in any order).
  public func group(_ refs: [HitRef], by key: GroupKey) throws(SearchError) -> [Group] {
    var groups: [Group] = []
    var groupOf: [String: Int] = [:]
    func index(_ k: String) -> Int {
      if let i = groupOf[k] { return i }
      groupOf[k] = groups.count
      groups.append(Group(key: k))
      return groups.count - 1
    }
    let fileField: String? =
      switch key {
      case .dept: "dept"
      case .region: "region"
      case .kind: "file_kind"
      case .file: "path"
      default: nil
      }
    let subjectID = fieldIDs["subject"]
    var fileValues = fileField.map { FileFieldReader(fieldID: fieldIDs[$0]) }
    var current = -1
    var amounts: ColumnReader?, rates: ColumnReader?, years: ColumnReader?, files: ColumnReader?
    var byValue: [Int64: Int] = [:]  // file ordinal or year → group, for the current segment
    var byDoc: [Int32] = []  // doc → group (record type), for the current segment
    do {
      for ref in refs {
        let segment = reader.segments[ref.segment]
        if ref.segment != current {
          current = ref.segment
          let columns = try segment.columns
          amounts = columns.column("amount")
          rates = columns.column("rate")
          years = columns.column("year")
          files = columns.column("file")
          byValue.removeAll(keepingCapacity: true)
          if key == .type {
            // The type is a keyword: its few postings lists say it for every
            // hit of this segment without decompressing stored records.
            let docs = refs.lazy.filter { $0.segment == current }.map(\.doc).sorted()
            byDoc = [Int32](repeating: -1, count: segment.meta.docCount)
            for (value, members) in try recordTypes(of: docs, segment) {
              let g = Int32(index(value))
              for d in members { byDoc[Int(d)] = g }
            }
          }
        }
        let doc = Int(ref.doc)
        let g: Int
        switch key {
        case .dept, .region, .kind, .file:
          let f = files?.value(doc) ?? -1
          if let known = byValue[f] {
            g = known
          } else {
            g = index(try fileValues!.value(ref, in: reader))
            byValue[f] = g
          }
        case .year:
          let y = years?.value(doc) ?? Int64.min
          if let known = byValue[y] {
            g = known
          } else {
            g = index(y == Int64.min ? "" : String(y))
            byValue[y] = g
          }
        case .type:
          g = byDoc[doc] >= 0 ? Int(byDoc[doc]) : index("")
        case .subject:
          g = index(try subjectID.flatMap { id throws(IndexFormatError) in try segment.stored.records.value(doc, field: id) } ?? "")
        }
        groups[g].count += 1
        if let a = amounts?.value(doc) {
          groups[g].amountCount += 1
          groups[g].amountSum &+= a
          groups[g].amountMin = min(groups[g].amountMin ?? a, a)
          groups[g].amountMax = max(groups[g].amountMax ?? a, a)
        }
        if let r = rates?.value(doc) {
          groups[g].rateMin = min(groups[g].rateMin ?? r, r)
          groups[g].rateMax = max(groups[g].rateMax ?? r, r)
        }
      }
    } catch { throw .index(error) }
    return groups.sorted { $0.count != $1.count ? $0.count > $1.count : $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
  }

  /// For each hit, one stored record field and one field of its file (a
  /// reason and the department citing it), reading only that field of each
  /// record and each file's entry once per segment.
  public func fieldPairs(
    _ refs: [HitRef], recordField: String, fileField: String
  ) throws(SearchError) -> [(record: String, file: String)] {
    guard let recordID = fieldIDs[recordField] else { return refs.map { _ in ("", "") } }
    var files = FileFieldReader(fieldID: fieldIDs[fileField])
    var out: [(String, String)] = []
    out.reserveCapacity(refs.count)
    do {
      for ref in refs {
        let value = try reader.segments[ref.segment].stored.records.value(Int(ref.doc), field: recordID) ?? ""
        out.append((value, try files.value(ref, in: reader)))
      }
    } catch { throw .index(error) }
    return out
  }

  /// The docs among `docs` (ascending, one segment) of each record type, by
  /// seeking the type keyword's postings.
  func recordTypes(of docs: [UInt32], _ segment: SegmentReader) throws(IndexFormatError) -> [(String, [UInt32])] {
    guard let id = fieldIDs["type"], !docs.isEmpty else { return [] }
    var out: [(String, [UInt32])] = []
    let prefix: [UInt8] = [id, 0x6B]  // TermView.keyword
    try segment.dictionary.forEach(prefix: prefix) { (term, info) throws(IndexFormatError) in
      let value = String(decoding: term.dropFirst(2), as: UTF8.self)
      var cursor = try segment.postings.cursor(info)
      let members = try cursor.keep(docs)
      if !members.isEmpty { out.append((value, members)) }
    }
    return out
  }
}

/// One field of the files hits come from (department, region, …): each
/// file's entry is read once per segment, hits of one segment being contiguous.
struct FileFieldReader {
  let fieldID: UInt8?
  var segment = -1
  var files: ColumnReader?
  var cache: [Int64: String] = [:]

  init(fieldID: UInt8?) { self.fieldID = fieldID }

  mutating func value(_ ref: HitRef, in reader: IndexReader) throws(IndexFormatError) -> String {
    let s = reader.segments[ref.segment]
    if ref.segment != segment {
      segment = ref.segment
      files = try s.columns.column("file")
      cache.removeAll(keepingCapacity: true)
    }
    let f = files?.value(Int(ref.doc)) ?? -1
    if let known = cache[f] { return known }
    var v = ""
    let stored = try s.stored
    if f >= 0, f < Int64(stored.files.count) {
      let entry = try stored.files.entry(Int(f))
      v = entry.first { $0.field == fieldID }?.value ?? ""
    }
    cache[f] = v
    return v
  }
}
