// Incremental indexing: after any sequence of added, changed, touched and
// removed files, the index holds exactly what a fresh build of the same
// corpus holds, verifies, and re-reads only what changed.
import SearchTestSupport
import Foundation
import IndexFormat
import Indexing
import Testing

@Suite struct IncrementalTests {
  func build(_ c: TestCorpus, _ index: String, rebuild: Bool = false, budget: Int = IndexWriter.defaultMemoryBudget) throws -> IndexingReport {
    try IndexWriter.build(corpus: c.root, index: index, rebuild: rebuild, memoryBudget: budget)
  }

  @Test(arguments: [IndexWriter.defaultMemoryBudget, 1])
  func randomEditsMatchFreshBuild(budget: Int) throws {
    var rng = SeededRandom(seed: 21)
    var corpus = TestCorpus()
    let index = temporaryDirectory()
    for i in 0..<6 { try corpus.write("d\(i % 2)/f\(i).txt", disclosureFile(&rng, lines: 4)) }
    var sawMerge = false, sawDeletes = false
    for step in 0..<14 {
      let names = try corpus.names()
      for _ in 0..<Int.random(in: 1...3, using: &rng) {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: try corpus.write("d\(step % 3)/n\(step)-\(rng.next() % 100).txt", disclosureFile(&rng, lines: 3))
        case 1: try corpus.write(names.randomElement(using: &rng)!, disclosureFile(&rng, lines: 5))
        case 2: try corpus.touch(names.randomElement(using: &rng)!)
        default: if names.count > 2 { try? corpus.remove(names.randomElement(using: &rng)!) }
        }
      }
      let report = try build(corpus, index, budget: budget)
      #expect(openAndVerify(index) == nil, "step \(step)")
      let fresh = temporaryDirectory()
      _ = try build(corpus, fresh, rebuild: true)
      let got = try liveContent(index), want = try liveContent(fresh)
      #expect(!want.isEmpty, "the parser must yield records for the test corpus")
      #expect(got == want, "step \(step), budget \(budget): \(got.count) vs \(want.count) docs")
      let manifest = try Manifest.read(directory: index)
      #expect(Set(manifest.sources.map(\.path)) == Set(try corpus.names()))
      sawDeletes = sawDeletes || manifest.segments.contains { $0.deletedCount > 0 }
      sawMerge = sawMerge || report.segments < manifest.nextSegment - 1
      // Exactly the manifest's files and MANIFEST/LOCK remain: old ones were removed.
      let expected = Set(manifest.segments.flatMap(SegmentFiles.names) + ["MANIFEST", "LOCK"])
      #expect(Set(try FileSystem.list(index)) == expected, "step \(step)")
    }
    #expect(sawDeletes)
    #expect(sawMerge)
  }

  @Test func unchangedAndTouchedFilesAreNotReindexed() throws {
    var rng = SeededRandom(seed: 4)
    var corpus = TestCorpus()
    let index = temporaryDirectory()
    for i in 0..<5 { try corpus.write("f\(i).txt", disclosureFile(&rng, lines: 3)) }
    let first = try build(corpus, index)
    #expect(first.files == 5)
    let again = try build(corpus, index)
    #expect(again.bytesRead == 0 && again.files == 0 && again.unchanged == 5)
    try corpus.touch("f2.txt")
    #expect(try IndexWriter.isStale(index: index, corpus: corpus.root))
    let touched = try build(corpus, index)
    #expect(touched.files == 0 && touched.unchanged == 5 && touched.bytesRead > 0)
    #expect(!(try IndexWriter.isStale(index: index, corpus: corpus.root)))
    try corpus.write("f3.txt", disclosureFile(&rng, lines: 2))
    let changed = try build(corpus, index)
    #expect(changed.files == 1 && changed.removed == 1 && changed.unchanged == 4)
  }

  @Test func anIndexOfAnotherFieldSchemaIsRebuiltNotExtended() throws {
    // A format-4 index ranked `text` on ICU words (field kind `text`): its
    // segments cannot share a manifest with gram-text ones.
    var rng = SeededRandom(seed: 9)
    var corpus = TestCorpus()
    let index = temporaryDirectory()
    for i in 0..<4 { try corpus.write("f\(i).txt", disclosureFile(&rng, lines: 3)) }
    _ = try build(corpus, index)
    var m = try Manifest.read(directory: index)
    #expect(Schema.isCurrent(m))
    m.fields = m.fields.map { $0.name == "text" ? FieldMeta(id: $0.id, name: $0.name, kind: .text) : $0 }
    try m.commit(directory: index)
    #expect(!Schema.isCurrent(try Manifest.read(directory: index)))
    #expect(try IndexWriter.isStale(index: index, corpus: corpus.root))
    let rebuilt = try build(corpus, index)
    #expect(rebuilt.files == 4 && rebuilt.unchanged == 0)
    #expect(Schema.isCurrent(try Manifest.read(directory: index)))
    #expect(!(try IndexWriter.isStale(index: index, corpus: corpus.root)))
  }

  @Test func leftoversOfAWriterKilledAfterItsCommitAreRemoved() throws {
    // A writer killed between its manifest's rename and its clean-up leaves
    // an up-to-date index with files no commit names; `index` then builds
    // nothing, so it removes them through removeLeftovers.
    var rng = SeededRandom(seed: 10)
    var corpus = TestCorpus()
    let index = temporaryDirectory()
    for i in 0..<3 { try corpus.write("f\(i).txt", disclosureFile(&rng, lines: 3)) }
    _ = try build(corpus, index)
    let live = Set(try FileSystem.list(index))
    let stray = SegmentFiles.names(SegmentMeta(generation: 99, docCount: 1, fileCount: 1))
    for name in stray { try FileSystem.writeFile(index + "/" + name, [1, 2, 3]) }
    // Another writer holds the lock: its files may be new, nothing is removed.
    let held = try FileSystem.lockExclusive(index + "/LOCK")
    IndexWriter.removeLeftovers(index: index)
    FileSystem.unlock(held)
    #expect(Set(try FileSystem.list(index)) == live.union(stray))
    IndexWriter.removeLeftovers(index: index)
    #expect(Set(try FileSystem.list(index)) == live)
    #expect(openAndVerify(index) == nil)
  }

  @Test func rebuildStartsFromScratch() throws {
    var rng = SeededRandom(seed: 8)
    var corpus = TestCorpus()
    let index = temporaryDirectory()
    for i in 0..<4 { try corpus.write("f\(i).txt", disclosureFile(&rng, lines: 3)) }
    _ = try build(corpus, index)
    try corpus.write("f1.txt", disclosureFile(&rng, lines: 3))
    _ = try build(corpus, index)
    let rebuilt = try build(corpus, index, rebuild: true)
    #expect(rebuilt.files == 4 && rebuilt.segments == 1)
    let m = try Manifest.read(directory: index)
    #expect(m.segments.count == 1 && m.segments[0].deletedCount == 0)
    #expect(try FileSystem.list(index).filter { $0.hasPrefix("seg-") }.count == 4)
  }

  @Test func smallBudgetFlushesManySegmentsWithEqualContent() throws {
    var rng = SeededRandom(seed: 30)
    var corpus = TestCorpus()
    for i in 0..<24 { try corpus.write("f\(i).txt", disclosureFile(&rng, lines: 3)) }
    let small = temporaryDirectory(), large = temporaryDirectory()
    let report = try build(corpus, small, budget: 20_000)
    _ = try build(corpus, large)
    #expect(report.segments > 1, "a 20 kB budget must flush several segments")
    #expect(try Manifest.read(directory: large).segments.count == 1)
    #expect(try liveContent(small) == liveContent(large))
    #expect(openAndVerify(small) == nil)
  }
}
