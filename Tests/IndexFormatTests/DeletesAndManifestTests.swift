// XXH64 against the reference library's values, delete bitmaps and the
// manifest's new lines round-tripping, and their open-time checks.
import SearchTestSupport
import Foundation
import Testing

@testable import IndexFormat

@Suite struct DeletesAndManifestTests {
  @Test func xxhash64MatchesReference() {
    // From libxxhash 0.8.1, XXH64(data, len, 0).
    #expect(XXHash64.hash([]) == 0xEF46_DB37_51D8_E999)
    #expect(XXHash64.hash(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
    #expect(XXHash64.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
    #expect(XXHash64.hash(Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!".utf8)) == 0xAA4D_CAD6_9FAC_0EB3)
    let long = (0..<3).flatMap { _ in (0..<256).map { UInt8($0) } } + Array("xyz".utf8)
    #expect(XXHash64.hash(long) == 0xE921_A1B4_5BD7_79F8)
  }

  func writeDeletes(_ dir: String, docs: Int, deleted: [Int]) throws -> (String, SegmentMeta) {
    var w = DeletesWriter(docCount: docs)
    for d in deleted { w.delete(d) }
    let path = dir + "/" + SegmentFiles.deletesName(4, commit: 9)
    try FileSystem.writeFile(path, w.finish(segment: 4, commit: 9))
    return (path, SegmentMeta(generation: 4, docCount: docs, fileCount: 1, deleteGeneration: 9, deletedCount: Set(deleted).count))
  }

  @Test func deleteBitmapRoundTrip() throws {
    let dir = temporaryDirectory()
    let deleted = [0, 3, 8, 9, 63, 99, 3]
    let (path, meta) = try writeDeletes(dir, docs: 100, deleted: deleted)
    let bitmap = try DeleteBitmap(MappedFile(path: path), name: path, segment: meta)
    #expect(bitmap.deletedCount == 6)
    for d in 0..<100 { #expect(bitmap.contains(UInt32(d)) == deleted.contains(d), "doc \(d)") }
  }

  @Test func deleteBitmapChecksCountsAgainstManifest() throws {
    let dir = temporaryDirectory()
    let (path, meta) = try writeDeletes(dir, docs: 10, deleted: [1, 2])
    var wrong = meta
    wrong.deletedCount = 3
    #expect(throws: IndexFormatError.self) { try DeleteBitmap(MappedFile(path: path), name: path, segment: wrong) }
    wrong = meta
    wrong.docCount = 11
    #expect(throws: IndexFormatError.self) { try DeleteBitmap(MappedFile(path: path), name: path, segment: wrong) }
    // A set bit past DocCount is corrupt even with a matching count.
    var bytes = try FileSystem.readFile(path)
    bytes[20 + 16 + 1] |= 0x80
    var w = ByteWriter()
    w.append(bytes[0..<(bytes.count - 8)])
    Envelope.finish(&w)
    try FileSystem.writeFile(path, w.bytes)
    wrong = meta
    wrong.deletedCount = 3
    #expect(throws: IndexFormatError.self) { try DeleteBitmap(MappedFile(path: path), name: path, segment: wrong) }
  }

  @Test func manifestRoundTrip() throws {
    let dir = temporaryDirectory()
    var m = Manifest(
      generation: 7, analyzer: "a/1 (ICU 72.1)",
      segments: [SegmentMeta(generation: 3, docCount: 10, fileCount: 2, deleteGeneration: 6, deletedCount: 4),
                 SegmentMeta(generation: 5, docCount: 1, fileCount: 1)],
      fields: [FieldMeta(id: 1, name: "text", kind: .text)], columns: [ColumnMeta(name: "amount", decimals: 2)],
      sources: [SourceStamp(path: "dir/a file.txt", size: 12, mtimeNanos: -5, hash: 0xAB, segment: 3, fileOrdinal: 1),
                SourceStamp(path: "bad.txt", size: 3, mtimeNanos: 1, hash: .max, segment: 0, fileOrdinal: 0)])
    m.nextSegment = 6
    try m.commit(directory: dir)
    #expect(try Manifest.read(directory: dir) == m)
    // A reader that skips the corpus file list sees everything else.
    var withoutSources = m
    withoutSources.sources = []
    #expect(try Manifest.read(directory: dir, includeSources: false) == withoutSources)
  }
}
