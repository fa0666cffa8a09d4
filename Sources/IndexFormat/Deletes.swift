// Delete bitmaps (.del): which documents of a segment are deleted. Segments
// are immutable, so a commit that deletes records writes a new, complete
// bitmap for the segment, seg-<g>.del.<commit>, and the manifest names it
// (Lucene's .liv files, tantivy's .del). Readers filter hits through it.
//
//   Payload --> SegmentGeneration u64le, DocCount u32le, DeletedCount u32le,
//               Bitmap u8^ceil(DocCount/8)      bit (d mod 8) of byte (d div 8) set = doc d deleted
// Header Generation is the commit generation in the file name.

public struct DeletesWriter {
  public private(set) var bits: [UInt8]
  public let docCount: Int
  public private(set) var deletedCount = 0

  public init(docCount: Int) {
    self.docCount = docCount
    bits = [UInt8](repeating: 0, count: (docCount + 7) / 8)
  }

  /// Starts from an existing bitmap (deletes accumulate across commits).
  public init(_ existing: DeleteBitmap) {
    docCount = existing.docCount
    bits = Array(existing.bytes)
    deletedCount = existing.deletedCount
  }

  public mutating func delete(_ doc: Int) {
    precondition(doc >= 0 && doc < docCount)
    let mask = UInt8(1) << UInt8(doc & 7)
    if bits[doc >> 3] & mask == 0 {
      bits[doc >> 3] |= mask
      deletedCount += 1
    }
  }

  public func finish(segment: UInt64, commit: UInt64) -> [UInt8] {
    var w = Envelope.begin(.deletes, generation: commit)
    w.u64(segment)
    w.u32(UInt32(docCount))
    w.u32(UInt32(deletedCount))
    w.append(bits)
    Envelope.finish(&w)
    return w.bytes
  }
}

/// A mapped delete bitmap. Open checks the shape and that the popcount
/// equals DeletedCount (ceil(DocCount/8) bytes: cheap next to a query).
public struct DeleteBitmap: @unchecked Sendable {
  let file: MappedFile
  @usableFromInline let bytes: UnsafeRawBufferPointer
  public let docCount: Int
  public let deletedCount: Int

  public init(_ file: MappedFile, name: String, segment: SegmentMeta) throws(IndexFormatError) {
    self.file = file
    let payload = try Envelope.open(file, name: name, kind: .deletes, generation: segment.deleteGeneration)
    var r = ByteReader(file.bytes, from: payload.lowerBound, to: payload.upperBound, file: name)
    let g = try r.u64()
    guard g == segment.generation else { throw r.corrupt("deletes of segment \(g), expected \(segment.generation)") }
    docCount = Int(try r.u32())
    guard docCount == segment.docCount else { throw r.corrupt("doc count \(docCount), manifest says \(segment.docCount)") }
    deletedCount = Int(try r.u32())
    guard deletedCount == segment.deletedCount else {
      throw r.corrupt("\(deletedCount) deleted, manifest says \(segment.deletedCount)")
    }
    bytes = try r.bytes((docCount + 7) / 8)
    guard r.atEnd else { throw r.corrupt("\(r.end - r.offset) bytes after the bitmap") }
    var ones = 0
    for b in bytes { ones += b.nonzeroBitCount }
    if docCount % 8 != 0, let last = bytes.last, last >> UInt8(docCount % 8) != 0 {
      throw .corrupt(file: name, offset: payload.upperBound - 1, reason: "bits set past the last doc")
    }
    guard ones == deletedCount else { throw r.corrupt("bitmap has \(ones) deleted docs, header says \(deletedCount)") }
  }

  /// Whether `doc` (< docCount) is deleted.
  @inlinable public func contains(_ doc: UInt32) -> Bool {
    bytes[Int(doc >> 3)] & (UInt8(1) << UInt8(doc & 7)) != 0
  }
}
