// Same seed → the same bytes and truth; another seed → another corpus.

import Testing
@testable import CorpusGenerator

@Suite struct DeterminismTests {
  @Test func sameSeedSameBytes() {
    let a = SmallCorpus.generate(seed: 42, count: 20)
    let b = SmallCorpus.generate(seed: 42, count: 20)
    #expect(a.map(\.id) == b.map(\.id))
    for (x, y) in zip(a, b) {
      #expect(x.bytes == y.bytes, "\(x.path) differs between two runs of seed 42")
      #expect(x.truth.jsonLines() == y.truth.jsonLines(), "\(x.path) truth differs")
    }
  }

  @Test func differentSeedDifferentCorpus() {
    let a = SmallCorpus.generate(seed: 42, count: 10)
    let b = SmallCorpus.generate(seed: 43, count: 10)
    #expect(a.map(\.id) != b.map(\.id))
    #expect(zip(a, b).filter { $0.bytes == $1.bytes }.isEmpty)
  }

  /// A smaller corpus is a prefix of a larger one with the same seed, and the
  /// GB18030 share changes encodings only, never the text.
  @Test func prefixAndEncodingStability() throws {
    let small = SmallCorpus.generate(seed: 5, count: 6, share: 0)
    let large = SmallCorpus.generate(seed: 5, count: 12, share: 1)
    for (s, l) in zip(small, large) {
      #expect(s.id == l.id)
      #expect(l.truth.encoding == "GB18030")
      #expect(try GB18030.encode(s.bytes) == l.bytes)
      #expect(s.truth.statements == l.truth.statements)
    }
  }

  @Test func coversKindsLayoutsAndEncodings() {
    let docs = SmallCorpus.documents
    #expect(Set(docs.map(\.truth.kind)) == ["预算", "决算"])
    #expect(Set(docs.map(\.truth.layout)) == ["docx", "pdf"])
    #expect(Set(docs.map(\.truth.encoding)) == ["UTF-8", "GB18030"])
    #expect(Set(docs.map(\.truth.year)).count >= 4)
    #expect(Set(docs.map(\.truth.department)).count >= 12)
    #expect(Set(docs.map { $0.truth.region.split(separator: " ").first! }).count >= 4)
  }
}
