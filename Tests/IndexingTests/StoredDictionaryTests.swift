// The stored records' LZ4 dictionary is one per index (WriterSession): the
// build's first segment trains it, every later segment of the build, of a
// later incremental build and of a merge uses the same bytes, so merges copy
// compressed blocks; and an index built that way answers and verifies as
// one built without segments.
import Foundation
import IndexFormat
import SearchTestSupport
import Testing

@testable import Indexing

@Suite struct StoredDictionaryTests {
  func dictionaries(_ index: String) throws -> [[UInt8]] {
    try IndexReader(directory: index).segments.map { Array(try $0.stored.records.dictionary()) }
  }

  @Test func oneDictionaryForEverySegmentOfAnIndex() throws {
    var rng = SeededRandom(seed: 81)
    var corpus = TestCorpus()
    for i in 0..<40 { try corpus.write("f\(i).txt", disclosureFile(&rng, lines: 120)) }
    let index = temporaryDirectory(), reference = temporaryDirectory()
    let first = try IndexWriter.build(corpus: corpus.root, index: index, memoryBudget: 3 << 20, threads: 0)
    let built = try dictionaries(index)
    #expect(first.segments >= 3 && built.count == first.segments)
    let dictionary = try #require(built.first)
    #expect(dictionary.count >= 4096, "the first segment holds enough records to train on")
    #expect(built.allSatisfy { $0 == dictionary }, "\(built.map(\.count))")
    // A later build adds a segment with the same dictionary.
    for i in 40..<46 { try corpus.write("f\(i).txt", disclosureFile(&rng, lines: 120)) }
    try corpus.write("f3.txt", disclosureFile(&rng, lines: 90))  // and deletes in an old one
    _ = try IndexWriter.build(corpus: corpus.root, index: index, memoryBudget: 3 << 20, threads: 0)
    let updated = try dictionaries(index)
    #expect(updated.count > built.count && updated.allSatisfy { $0 == dictionary })
    // Merged into one: the same dictionary, the same answers as a fresh build.
    _ = try IndexWriter.build(corpus: corpus.root, index: index, mergeAll: true)
    #expect(try dictionaries(index) == [dictionary])
    _ = try IndexWriter.build(corpus: corpus.root, index: reference, threads: 0)
    #expect(try liveContent(index) == liveContent(reference))
    #expect(openAndVerify(index) == nil)
  }

  @Test func aMergeRecompressesInputsOfAnotherDictionary() throws {
    // Segments of two indexes (two dictionaries) merged: the output takes
    // the larger input's dictionary and reads back every record.
    var rng = SeededRandom(seed: 82)
    var small = TestCorpus(), large = TestCorpus()
    for i in 0..<12 { try small.write("s\(i).txt", disclosureFile(&rng, lines: 150)) }
    for i in 0..<24 { try large.write("l\(i).txt", disclosureFile(&rng, lines: 150)) }
    let a = temporaryDirectory(), b = temporaryDirectory(), out = temporaryDirectory()
    _ = try IndexWriter.build(corpus: small.root, index: a, threads: 0)
    _ = try IndexWriter.build(corpus: large.root, index: b, threads: 0)
    let readers = try [a, b].map { try IndexReader(directory: $0).segments[0] }
    let inputDictionaries = try readers.map { Array(try $0.stored.records.dictionary()) }
    #expect(inputDictionaries[0] != inputDictionaries[1] && !inputDictionaries[1].isEmpty)
    let inputs = readers.map { MergeInput(reader: $0, isDeleted: { _ in false }, isLiveFile: { _ in true }) }
    let merged = try SegmentMerger.merge(inputs, columns: Schema.columns, generation: 9, directory: out)
    let stored = try StoredFile(
      MappedFile(path: out + "/seg-9.rec"), name: "seg-9.rec", generation: 9, docCount: merged.docCount)
    #expect(Array(try stored.records.dictionary()) == inputDictionaries[1])
    var k = 0
    for r in readers {
      let records = try r.stored.records
      for d in 0..<records.count {
        let want = try records.entry(d), got = try stored.records.entry(k)
        #expect(want.map(\.field) == got.map(\.field) && want.map(\.value) == got.map(\.value), "record \(k)")
        k += 1
      }
    }
    #expect(k == merged.docCount)
  }
}
