// Readers never see a half commit (issue 4): searches in several threads
// while one writer commits over and over, alternating the corpus between two
// states, each with known answers. Every search must succeed and answer
// exactly as state A or state B, all queries of one snapshot agreeing.
// Also covers deletes through the engine: state B deletes and re-adds files.
import SearchTestSupport
import Foundation
import IndexFormat
import Indexing
import QueryEngine
import QueryLanguage
import Testing

@Suite struct ConcurrentCommitTests {
  static let sentences = [
    "一般公共服务支出决算数为143.67万元，比上年决算增加2.90万元，增长2.06%，主要原因是：本年新增在职人员，人员经费增加。",
    "教育支出决算数为20.50万元，比上年决算减少3.10万元，下降13.14%，主要原因是：在职人员减少。",
    "“三公”经费支出决算数为8.00万元，比上年决算减少1.00万元，下降11.11%，主要原因是：公务用车划转。",
    "社会保障和就业支出决算数为66.60万元，比上年决算增加6.60万元，增长11.00%，主要原因是：工资基数调增。",
  ]
  static let queries = ["人员", "reason:公务用车", "rate<0", "工资基数调增", "-教育"].map { try! QueryParser.parse($0) }

  /// Writes corpus state A (even) or B (odd) with strictly increasing mtimes.
  func writeState(_ root: String, _ state: Int, clock: inout TimeInterval) throws {
    let fm = FileManager.default
    for i in 0..<6 {
      let path = root + "/f\(i).txt"
      let inB = state % 2 == 1
      if inB && i == 5 { try? fm.removeItem(atPath: path); continue }
      let lines = (0..<3).map { Self.sentences[(i + $0 + (inB && i < 3 ? 1 : 0)) % Self.sentences.count] }
      try ("某某局2023年部门决算公开说明\n" + lines.joined(separator: "\n") + (inB ? "\n" : "")).write(
        toFile: path, atomically: false, encoding: .utf8)
      clock += 1
      try fm.setAttributes([.modificationDate: Date(timeIntervalSince1970: clock)], ofItemAtPath: path)
    }
  }

  /// Every query's hits as sorted "path|text" lines: independent of doc ids and segments.
  /// `count` must agree with the hits (state B has deletes, where it cannot
  /// take a lone term's doc frequency); a disagreement makes the answer wrong.
  static func answers(_ dir: String) throws -> [[String]] {
    let searcher = try Searcher(reader: try IndexReader(directory: dir))
    return try queries.map { q in
      let refs = try searcher.search(q)
      let lines = try refs.map { ref in
        let hit = try searcher.load(ref)
        return "\(hit.file["path"] ?? "")|\(hit.fields["text"] ?? "")"
      }.sorted()
      let counted = try searcher.count(q)
      return counted == refs.count ? lines : lines + ["count() said \(counted)"]
    }
  }

  @Test func searchesDuringCommitsSeeWholeCommits() throws {
    let corpus = temporaryDirectory("corpus"), index = temporaryDirectory()
    var clock: TimeInterval = 1_700_000_000
    var expected: [[[String]]] = []
    for state in 0..<2 {
      try writeState(corpus, state, clock: &clock)
      let fresh = temporaryDirectory()
      _ = try IndexWriter.build(corpus: corpus, index: fresh)
      expected.append(try Self.answers(fresh))
    }
    #expect(expected[0] != expected[1], "the two states must answer differently")
    #expect(expected[0].contains { !$0.isEmpty })
    try writeState(corpus, 0, clock: &clock)
    _ = try IndexWriter.build(corpus: corpus, index: index)

    let shared = Shared()
    let commits = 24, startClock = clock, expectedAnswers = expected
    // Real threads (concurrentPerform may run iterations one after another
    // on a busy 2-core machine). Before each commit the writer waits for a
    // new search to finish, so commits and searches interleave on any machine.
    var threads: [Thread] = []
    for worker in 1...3 {
      threads.append(Thread {
        while !shared.finished {
          do {
            let got = try Self.answers(index)
            if got != expectedAnswers[0] && got != expectedAnswers[1] { shared.fail("reader \(worker): a half commit") }
            shared.searched()
          } catch { shared.fail("reader \(worker): \(error)"); shared.searched() }
        }
        shared.exit()
      })
    }
    threads.forEach { $0.start() }
    var c = startClock
    do {
      for k in 1...commits {
        let seen = shared.searches
        while shared.searches == seen { usleep(200) }
        try writeState(corpus, k, clock: &c)
        _ = try IndexWriter.build(corpus: corpus, index: index)
      }
    } catch { shared.fail("writer: \(error)") }
    shared.finish()
    while shared.exited < threads.count { usleep(1000) }
    let failures = shared.failures, searches = shared.searches
    #expect(failures.isEmpty, "\(failures.prefix(5))")
    #expect(searches >= commits)
    #expect(try Self.answers(index) == expected[commits % 2])
  }
}

/// State shared by the writer and reader threads, behind one lock.
final class Shared: @unchecked Sendable {
  private let lock = NSLock()
  private var _finished = false
  private var _failures: [String] = []
  private var _searches = 0
  private var _exited = 0
  var exited: Int { lock.withLock { _exited } }
  func exit() { lock.withLock { _exited += 1 } }
  var finished: Bool { lock.withLock { _finished } }
  var failures: [String] { lock.withLock { _failures } }
  var searches: Int { lock.withLock { _searches } }
  func finish() { lock.withLock { _finished = true } }
  func fail(_ message: String) { lock.withLock { _failures.append(message) } }
  func searched() { lock.withLock { _searches += 1 } }
}
