// The fast paths of the writer against their slow references: parallel
// parsing writes the same bytes as a sequential build, the term table
// matches a dictionary model, and streaming merges answer like one segment.
import SearchTestSupport
import Foundation
import IndexFormat
@testable import Indexing
import Testing

@Suite struct ThroughputTests {
  /// Every file of `dir` by name → bytes (LOCK excluded).
  func files(_ dir: String) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name != "LOCK" {
      out[name] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
    }
    return out
  }

  @Test(arguments: [IndexWriter.defaultMemoryBudget, 1])
  func parallelBuildWritesTheSameBytesAsSequential(budget: Int) throws {
    var rng = SeededRandom(seed: 77)
    var corpus = TestCorpus()
    for i in 0..<20 { try corpus.write("d\(i % 3)/f\(i).txt", disclosureFile(&rng, lines: 2 + i % 4)) }
    try corpus.write("broken.txt", "")  // skipped in both
    let sequential = temporaryDirectory(), parallel = temporaryDirectory()
    let a = try IndexWriter.build(corpus: corpus.root, index: sequential, memoryBudget: budget, threads: 0)
    let b = try IndexWriter.build(corpus: corpus.root, index: parallel, memoryBudget: budget, threads: 3)
    #expect(a.records == b.records && a.files == b.files && a.skipped.count == b.skipped.count)
    #expect(try files(sequential) == files(parallel))
    #expect(openAndVerify(parallel) == nil)
  }

  @Test func termsMergedInTwoRangesWriteTheSameBytesAsInOne() throws {
    // SegmentMerger merges the terms below and from a split term on two
    // threads, the second range's postings spilled and copied after the
    // first's: the .dict and .pst must be those of one k-way pass.
    var rng = SeededRandom(seed: 79)
    var corpus = TestCorpus()
    for i in 0..<12 { try corpus.write("f\(i).txt", disclosureFile(&rng, lines: 3 + i % 3)) }
    let index = temporaryDirectory()
    _ = try IndexWriter.build(corpus: corpus.root, index: index, memoryBudget: 1, threads: 0)
    let manifest = try Manifest.read(directory: index)
    #expect(manifest.segments.count >= 3)
    let readers = try manifest.segments.map { meta throws in try SegmentReader(directory: index, meta: meta) }
    let split = try #require(try SegmentMerger.splitTerm(readers), "the inputs should span several dictionary blocks")
    // Some terms on each side of the split.
    #expect(try readers.contains { r in try r.dictionary.makeTermIterator(atOrAfter: split).live })
    var outputs: [String: [FileKind: [UInt8]]] = [:]
    for splitTerms in [false, true] {
      let dir = temporaryDirectory()
      let inputs = readers.map { MergeInput(reader: $0, isDeleted: { _ in false }, isLiveFile: { _ in true }) }
      _ = try SegmentMerger.merge(inputs, columns: Schema.columns, generation: 50, directory: dir, splitTerms: splitTerms)
      for kind in [FileKind.dictionary, .postings] {
        outputs["\(splitTerms)", default: [:]][kind] = try FileSystem.readFile(dir + "/" + SegmentFiles.name(50, kind))
      }
      #expect(!(try FileSystem.list(dir)).contains { $0.hasSuffix(".spill") }, "the spill file is removed")
    }
    #expect(outputs["true"] == outputs["false"])
    #expect((outputs["true"]?[.postings]?.count ?? 0) > 1000)
  }

  @Test func tinyBudgetMergesAnswerLikeOneSegment() throws {
    var rng = SeededRandom(seed: 78)
    var corpus = TestCorpus()
    for i in 0..<20 { try corpus.write("f\(i).txt", disclosureFile(&rng, lines: 3)) }
    let small = temporaryDirectory(), large = temporaryDirectory()
    let report = try IndexWriter.build(corpus: corpus.root, index: small, memoryBudget: 1)
    _ = try IndexWriter.build(corpus: corpus.root, index: large)
    let manifest = try Manifest.read(directory: small)
    // 20 one-file segments: the tiered policy merged 8 of them (streaming).
    #expect(manifest.nextSegment > UInt64(report.segments) + 1, "a merge must have happened")
    #expect(report.segments > 1)
    #expect(try liveContent(small) == liveContent(large))
    #expect(openAndVerify(small) == nil)
  }

  @Test func mergeAllLeavesOneSegmentWithTheSameAnswers() throws {
    var rng = SeededRandom(seed: 80)
    var corpus = TestCorpus()
    for i in 0..<12 { try corpus.write("f\(i).txt", disclosureFile(&rng, lines: 3)) }
    let index = temporaryDirectory(), reference = temporaryDirectory()
    let first = try IndexWriter.build(corpus: corpus.root, index: index, memoryBudget: 1)
    #expect(first.segments > 1)
    // Change one file so a segment carries deletes, then merge everything.
    try corpus.write("f3.txt", disclosureFile(&rng, lines: 4))
    let merged = try IndexWriter.build(corpus: corpus.root, index: index, mergeAll: true, memoryBudget: 1)
    #expect(merged.segments == 1)
    let manifest = try Manifest.read(directory: index)
    #expect(manifest.segments.count == 1 && manifest.segments[0].deletedCount == 0)
    _ = try IndexWriter.build(corpus: corpus.root, index: reference)
    #expect(try liveContent(index) == liveContent(reference))
    #expect(openAndVerify(index) == nil)
    // Merging a one-segment index without deletes changes nothing.
    let again = try IndexWriter.build(corpus: corpus.root, index: index, mergeAll: true)
    #expect(again.segments == 1)
    #expect(try Manifest.read(directory: index).segments == manifest.segments)
  }

  @Test func termTableMatchesADictionaryModel() {
    var rng = SeededRandom(seed: 79)
    var table = TermTable()
    var model: [[UInt8]: (positional: Bool, docs: [UInt32], freqs: [UInt32], positions: [UInt32])] = [:]
    let alphabet: [[UInt8]] = ["预", "算", "a", "1", "人员", "\u{0}", "减少增加在职工资"].map { Array($0.utf8) }
    for doc in UInt32(0)..<300 {
      for position in UInt32(0)..<UInt32.random(in: 1...40, using: &rng) {
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 0...3, using: &rng) { bytes += alphabet.randomElement(using: &rng)! }
        let view = [TermView.gram, .word, .keyword].randomElement(using: &rng)!
        let field = UInt8.random(in: 1...3, using: &rng)
        let positional = view == .gram
        bytes.withUnsafeBufferPointer {
          table.add(field, view.rawValue, $0, doc: doc, position: position, withPositions: positional)
        }
        let key = [field, view.rawValue] + bytes
        var entry = model[key] ?? (positional, [], [], [])
        if entry.docs.last == doc { entry.freqs[entry.freqs.count - 1] += 1 } else {
          entry.docs.append(doc)
          entry.freqs.append(1)
        }
        if positional { entry.positions.append(position) }
        model[key] = entry
      }
    }
    #expect(table.termCount == model.count)
    let ids = table.sortedIDs()
    #expect(ids.map(table.term) == model.keys.sorted { $0.lexicographicallyPrecedes($1) })
    var docs: [UInt32] = [], freqs: [UInt32] = [], positions: [UInt32] = []
    for id in ids {
      let want = model[table.term(id)]!
      table.postings(id, docs: &docs, freqs: &freqs, positions: &positions)
      #expect(docs == want.docs && freqs == want.freqs && positions == want.positions)
      #expect(table.hasPositions(id) == want.positional)
    }
  }
}
