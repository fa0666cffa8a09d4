// Stored fields (.rec): what a hit displays. Two tables in one file: the
// segment's records (one per DocID) and its source files (one per input
// document); a record points at its file through the `file` column.
//
//   Payload --> Table(records), Table(files)
//   Table   --> EntryCount u32le, EntryOffset u32le^(EntryCount+1), EntryData
//   Entry   --> <FieldID u8, Length VInt, UTF-8 bytes>*
// EntryOffset values are relative to the start of EntryData; entry i spans
// [EntryOffset[i], EntryOffset[i+1]). Field ids are named in the manifest.
// Version 1 stores entries uncompressed; block compression comes with issue 4.

public typealias StoredEntry = [(field: UInt8, value: String)]

public struct StoredTableWriter {
  var offsets: [UInt32] = [0]
  var data = ByteWriter(capacity: 1 << 16)
  public init() {}
  public var count: Int { offsets.count - 1 }

  public mutating func add(_ entry: StoredEntry) {
    for (field, value) in entry where !value.isEmpty {
      data.u8(field)
      data.string(value)
    }
    precondition(data.count < Int(UInt32.max), "stored table over 4 GiB: flush smaller segments")
    offsets.append(UInt32(data.count))
  }

  func write(into w: inout ByteWriter) {
    w.u32(UInt32(count))
    for o in offsets { w.u32(o) }
    w.append(data.bytes)
  }
}

public enum StoredWriter {
  public static func finish(records: StoredTableWriter, files: StoredTableWriter, generation: UInt64) -> [UInt8] {
    var w = Envelope.begin(.stored, generation: generation)
    records.write(into: &w)
    files.write(into: &w)
    Envelope.finish(&w)
    return w.bytes
  }
}

public struct StoredTable: @unchecked Sendable {
  let base: UnsafeRawBufferPointer
  let name: String
  let offsetsStart: Int
  let dataStart: Int
  let dataEnd: Int
  public let count: Int

  init(reading r: inout ByteReader) throws(IndexFormatError) {
    base = r.base
    name = r.file
    count = Int(try r.u32())
    guard count <= (r.end - r.offset) / 4 else { throw r.corrupt("entry count \(count) does not fit") }
    offsetsStart = r.offset
    _ = try r.bytes((count + 1) * 4)
    dataStart = r.offset
    let dataLength = Int(base.loadUnaligned(fromByteOffset: offsetsStart + count * 4, as: UInt32.self).littleEndian)
    _ = try r.bytes(dataLength)
    dataEnd = r.offset
  }

  func offset(_ i: Int) -> Int {
    Int(base.loadUnaligned(fromByteOffset: offsetsStart + i * 4, as: UInt32.self).littleEndian)
  }

  /// The fields of entry i. Throws `.corrupt` on bad offsets or lengths.
  public func entry(_ i: Int) throws(IndexFormatError) -> StoredEntry {
    guard i >= 0 && i < count else { throw .corrupt(file: name, offset: offsetsStart, reason: "entry \(i) of \(count)") }
    let s = dataStart + offset(i), e = dataStart + offset(i + 1)
    guard s <= e, e <= dataEnd else { throw .corrupt(file: name, offset: offsetsStart + i * 4, reason: "entry \(i) spans \(s)..<\(e)") }
    var r = ByteReader(base, from: s, to: e, file: name)
    var out: StoredEntry = []
    while !r.atEnd {
      let field = try r.u8()
      out.append((field, try r.string()))
    }
    return out
  }
}

public struct StoredFile: @unchecked Sendable {
  let file: MappedFile
  public let records: StoredTable
  public let files: StoredTable

  public init(_ file: MappedFile, name: String, generation: UInt64, docCount: Int) throws(IndexFormatError) {
    self.file = file
    let payload = try Envelope.open(file, name: name, kind: .stored, generation: generation)
    var r = ByteReader(file.bytes, from: payload.lowerBound, to: payload.upperBound, file: name)
    records = try StoredTable(reading: &r)
    files = try StoredTable(reading: &r)
    guard records.count == docCount else { throw r.corrupt("\(records.count) stored records, manifest says \(docCount)") }
  }
}
