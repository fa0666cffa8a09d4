// Format version 3 stores each column's Sum in its head, and BM25 takes a
// field's average length from it instead of sampling the length column.
// Fixtures/index_v2 was written by a version-2 build (HEAD adafe75) from
// Fixtures/index_v2_source.txt (the first 6 KB of
// Corpus/000_ad6359a2a97814ad.txt), and Fixtures/index_v2_ranking.jsonl is
// what that build's `search Q --format jsonl --limit 0` printed on it for
// five queries (id and score, as the CLI rounds it): read by this build, the
// index must still open and rank exactly so.
import Foundation
import IndexFormat
import Indexing
import QueryLanguage
import SearchTestSupport
import Testing

@testable import QueryEngine

@Suite struct ColumnSumTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// Sum of a column's present values, read one doc at a time.
  func bruteSum(_ c: ColumnReader) -> Int64 {
    (0..<c.docCount).reduce(Int64(0)) { $0 &+ (c.value($1) ?? 0) }
  }

  @Test func versionTwoIndexRanksAsTheVersionTwoBuildDid() throws {
    let searcher = try Searcher(reader: IndexReader(directory: Self.fixtures.appendingPathComponent("index_v2").path))
    let segment = searcher.reader.segments[0]
    #expect(try segment.columns.column("text_len")?.sum == nil, "a version-2 .num has no sums")
    // query → [(id, score)] in rank order, as the version-2 build printed them.
    var expected: [String: [(id: String, score: Double)]] = [:]
    var queries: [String] = []
    let lines = try String(contentsOf: Self.fixtures.appendingPathComponent("index_v2_ranking.jsonl"), encoding: .utf8)
    for line in lines.split(separator: "\n") {
      let row = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      let query = try #require(row["query"] as? String)
      if expected[query] == nil { queries.append(query) }
      expected[query, default: []].append((try #require(row["id"] as? String), try #require(row["score"] as? Double)))
    }
    #expect(queries.count == 5)
    for text in queries {
      let query = try QueryParser.parse(text)
      let ranked = try searcher.rank(searcher.search(query), query: query)
      let got = ranked.map { ("\(segment.meta.generation):\($0.ref.doc)", ($0.score * 10_000).rounded() / 10_000) }
      #expect(got.map(\.0) == expected[text]!.map(\.id), "\(text)")
      #expect(got.map(\.1) == expected[text]!.map(\.score), "\(text)")
    }
  }

  @Test func aFreshIndexHasExactSums() throws {
    // The fixture's text indexed by this build: every column's Sum is its values' sum.
    let dir = temporaryDirectory()
    let corpus = dir + "/corpus"
    try FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: Self.fixtures.appendingPathComponent("index_v2_source.txt").path, toPath: corpus + "/a.txt")
    _ = try IndexWriter.build(corpus: corpus, index: dir + "/index")
    let columns = try IndexReader(directory: dir + "/index").segments[0].columns
    for name in ["text_len", "reason_len", "subject_len", "amount", "change"] {
      let c = try #require(columns.column(name))
      #expect(c.sum == bruteSum(c), "\(name)")
      #expect(c.sum != 0, "\(name): the fixture's text should give it values")
    }
  }

  @Test func averageLengthIsTheExactMeanBeyondTheSampleSize() throws {
    var rng = SeededRandom(seed: 31)
    let searcher = try TestIndex.build(randomCorpus(&rng, files: 10, recordsPerFile: 900))
    let columns = try searcher.reader.segments[0].columns
    // Twice the sample: a version-2 estimate would skip every other doc.
    #expect(columns.docCount >= 2 * averageSample)
    for name in ["text_len", "reason_len", "subject_len"] {
      let c = try #require(columns.column(name))
      #expect(c.sum == bruteSum(c), "\(name)")
      #expect(searcher.averageLength(c) == max(1, Double(bruteSum(c)) / Double(c.docCount)), "\(name)")
    }
  }

  @Test func verifyRejectsASumThatDisagreesWithTheValues() throws {
    var rng = SeededRandom(seed: 32)
    let dir = temporaryDirectory()
    _ = try TestIndex.build(randomCorpus(&rng, files: 2, recordsPerFile: 50), in: dir)
    let reader = try IndexReader(directory: dir)
    let generation = reader.segments[0].meta.generation
    let path = dir + "/" + SegmentFiles.name(generation, .columns)
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    // The first head: Name (VInt length + bytes), DataLength VInt, then Sum
    // (a VInt: flipping bit 1 of its first byte keeps it one valid VInt).
    var at = Envelope.headerSize + 8
    let nameLength = Int(bytes[at])
    at += 1 + nameLength
    while bytes[at] & 0x80 != 0 { at += 1 }
    at += 1
    bytes[at] ^= 2
    // Keep the file's CRC right, so only the column check can notice.
    let body = bytes.count - Envelope.footerSize
    let crc = bytes[0..<(body + 4)].withUnsafeBytes { CRC32C.checksum($0) }
    withUnsafeBytes(of: crc.littleEndian) { for k in 0..<4 { bytes[body + 4 + k] = $0[k] } }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let damaged = try IndexReader(directory: dir)
    #expect(throws: IndexFormatError.self) { try damaged.segments[0].verify() }
  }
}
