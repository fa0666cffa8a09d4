// Numeric columns (.num): one Int64 per document for each typed field, fixed
// width so `value(doc)` is one load, with per-block min/max so range filters
// can skip blocks (Lucene's doc values skipper, tantivy's fast fields).
//
//   Payload --> DocCount u32le, ColumnCount u32le, Column^ColumnCount
//   Column  --> Name (VInt length + UTF-8), 0-padding to 8,
//               Value i64le^DocCount, <Min i64le, Max i64le>^ceil(DocCount/128)
// Absent values are stored as Int64.min (`ColumnsFile.absent`) and are left
// out of a block's min/max (a block of only absent values has min > max).

public let columnBlockSize = 128

public struct ColumnsWriter {
  var columns: [(name: String, values: [Int64])] = []
  public let docCount: Int
  public init(docCount: Int) { self.docCount = docCount }

  /// Adds a column of `docCount` values; nil is stored as absent.
  public mutating func add(name: String, values: [Int64?]) {
    precondition(values.count == docCount)
    columns.append((name, values.map { $0 ?? ColumnsFile.absent }))
  }

  public func finish(generation: UInt64) -> [UInt8] {
    var w = Envelope.begin(.columns, generation: generation)
    w.u32(UInt32(docCount))
    w.u32(UInt32(columns.count))
    for c in columns {
      w.string(c.name)
      w.align(to: 8)
      for v in c.values { w.i64(v) }
      var start = 0
      while start < docCount {
        let block = c.values[start..<min(start + columnBlockSize, docCount)]
        var lo = Int64.max, hi = Int64.min
        for v in block where v != ColumnsFile.absent {
          lo = min(lo, v)
          hi = max(hi, v)
        }
        w.i64(lo)
        w.i64(hi)
        start += columnBlockSize
      }
    }
    Envelope.finish(&w)
    return w.bytes
  }
}

public struct ColumnsFile: @unchecked Sendable {
  public static let absent = Int64.min
  let file: MappedFile
  /// The file's path, for errors.
  public let name: String
  public let docCount: Int
  /// Byte offset of each column's values, by name.
  let valueStarts: [String: Int]

  public init(_ file: MappedFile, name: String, generation: UInt64, docCount: Int) throws(IndexFormatError) {
    self.file = file
    self.name = name
    let payload = try Envelope.open(file, name: name, kind: .columns, generation: generation)
    var r = ByteReader(file.bytes, from: payload.lowerBound, to: payload.upperBound, file: name)
    let n = Int(try r.u32())
    guard n == docCount else { throw r.corrupt("column doc count \(n), manifest says \(docCount)") }
    self.docCount = n
    let count = Int(try r.u32())
    guard count <= 1024 else { throw r.corrupt("column count \(count)") }
    var starts: [String: Int] = [:]
    let blocks = (n + columnBlockSize - 1) / columnBlockSize
    for _ in 0..<count {
      let colName = try r.string()
      while r.offset % 8 != 0 { _ = try r.u8() }
      starts[colName] = r.offset
      _ = try r.bytes(n * 8 + blocks * 16)
    }
    valueStarts = starts
  }

  public func has(_ column: String) -> Bool { valueStarts[column] != nil }

  public func column(_ name: String) -> ColumnReader? {
    guard let s = valueStarts[name] else { return nil }
    return ColumnReader(base: file.bytes, start: s, docCount: docCount)
  }
}

/// Random access to one column. Bounds were checked when the file was opened.
public struct ColumnReader: @unchecked Sendable {
  @usableFromInline let base: UnsafeRawBufferPointer
  @usableFromInline let start: Int
  public let docCount: Int

  @inlinable public func raw(_ doc: Int) -> Int64 {
    base.loadUnaligned(fromByteOffset: start + doc * 8, as: Int64.self).littleEndian
  }
  public func value(_ doc: Int) -> Int64? {
    let v = raw(doc)
    return v == ColumnsFile.absent ? nil : v
  }
  /// Min and max of the present values in block `b` (min > max when none).
  public func blockRange(_ b: Int) -> (min: Int64, max: Int64) {
    let o = start + docCount * 8 + b * 16
    return (
      base.loadUnaligned(fromByteOffset: o, as: Int64.self).littleEndian,
      base.loadUnaligned(fromByteOffset: o + 8, as: Int64.self).littleEndian
    )
  }
}
