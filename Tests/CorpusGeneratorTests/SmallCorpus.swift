// The in-process corpus the tests share: 96 documents of seed 7 (both kinds,
// both layouts, a few GB18030 files), generated once per test process.
// CORPUS_TEST_COUNT=2000 CORPUS_TEST_SEED=3 run the same checks on a larger
// corpus (minutes in debug; the default stays under the ~10 s budget). For
// long runs call the test binary directly (`.build/debug/
// budgetsearchPackageTests.xctest --testing-library swift-testing --filter
// CorpusGeneratorTests`): `swift test` was seen to drop a long run's report.

import Foundation
@testable import CorpusGenerator

enum SmallCorpus {
  static let seed: UInt64 = ProcessInfo.processInfo.environment["CORPUS_TEST_SEED"].flatMap { UInt64($0) } ?? 7
  static let count = ProcessInfo.processInfo.environment["CORPUS_TEST_COUNT"].flatMap { Int($0) } ?? 96
  /// Generous GB18030 share so a small corpus certainly has some.
  static let gb18030Share = 0.15

  static let documents: [GeneratedDocument] = generate(seed: seed, count: count)

  static func generate(seed: UInt64, count: Int, share: Double = gb18030Share) -> [GeneratedDocument] {
    CorpusGenerator(seed: seed, gb18030Share: share).prefix(count).map { $0.render() }
  }
}
