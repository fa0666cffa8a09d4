// Searching a damaged index (STYLE.md §5 "Corruption"): open, search and
// load either throw an error naming the damaged file or return; they never
// trap. (verify catches every such damage: see IndexingTests/CorruptionTests.)
import SearchTestSupport
import Disclosure
import Foundation
import IndexFormat
import QueryEngine
import QueryLanguage
import Testing

@Suite struct CorruptIndexSearchTests {
  static let queries = ["人员", "预算 rate<0", "reason:减 OR reason:增", "-预", "kind:预算 amount>100",
    "dept:部门1", "type:passage basis:上年", "工资基数", "2", "人员减少 reason:减少"].map { try! QueryParser.parse($0) }

  /// Runs every query and loads every hit; the file named by the error, or nil.
  func searchEverything(_ dir: String) -> String? {
    Self.failure {
      let searcher = try Searcher(reader: try IndexReader(directory: dir))
      for q in Self.queries {
        for ref in try searcher.search(q) { _ = try searcher.load(ref) }
        _ = try searcher.sort(try searcher.search(q), by: "amount", descending: true)
      }
      // The phrase merge decodes whole blocks of positions (PostingsCursor.nextKeys).
      searcher.substringPlan = .merge
      for q in Self.queries { _ = try searcher.search(q) }
    }
  }

  /// The file named by the error `body` throws, nil when it returns.
  static func failure(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch let e as SearchError {
      if case .index(let i) = e { return file(i) }
      return "unexpected \(e)"
    } catch let e as IndexFormatError {
      return file(e)
    } catch { return "unexpected \(error)" }
  }

  /// Damages segment 1's file `name` in `dir` once per trial (a truncation
  /// every `truncateEvery`-th trial, else one to three byte flips), runs
  /// `search` on each damaged version, which must return or name a file of
  /// segment 1, then restores the file.
  static func damageRepeatedly(
    _ dir: String, _ name: String, trials: Int, truncateEvery: Int, _ rng: inout SeededRandom,
    _ search: () -> String?
  ) throws {
    let path = dir + "/" + name
    let original = try Data(contentsOf: URL(fileURLWithPath: path))
    for trial in 0..<trials {
      var bytes = original
      if trial % truncateEvery == truncateEvery - 1 {
        bytes = bytes.prefix(Int.random(in: 0..<original.count, using: &rng))
      } else {
        // Several flips per trial so damage reaches past the first check.
        for _ in 0...trial % 3 {
          let i = Int.random(in: 20..<(original.count - 8), using: &rng)
          bytes[i] = UInt8.random(in: 0...255, using: &rng)
        }
      }
      try bytes.write(to: URL(fileURLWithPath: path))
      let failure = search()
      // Search names the file where decoding failed: a damaged dictionary
      // offset surfaces in .pst. Only verify's CRC pins the damaged file.
      #expect(failure == nil || failure!.hasPrefix(dir + "/seg-1."), "\(name) trial \(trial): \(failure ?? "")")
    }
    try original.write(to: URL(fileURLWithPath: path))
  }

  static func file(_ e: IndexFormatError) -> String {
    switch e {
    case .corrupt(let f, _, _), .checksumMismatch(let f, _, _), .unsupportedVersion(let f, _, _): return f
    case .missing(let p), .io(let p, _, _), .locked(let p): return p
    case .analyzerMismatch: return "analyzer"
    }
  }

  @Test func damagedFilesNeverTrapSearch() throws {
    var rng = SeededRandom(seed: 3)
    let dir = temporaryDirectory()
    _ = try TestIndex.build(randomCorpus(&rng, files: 3, recordsPerFile: 40), in: dir)
    #expect(searchEverything(dir) == nil)
    for name in ["seg-1.dict", "seg-1.pst", "seg-1.num", "seg-1.rec"] {
      try Self.damageRepeatedly(dir, name, trials: 120, truncateEvery: 4, &rng) { searchEverything(dir) }
    }
  }

  @Test func damagedPostingsNeverTrapThePhraseMerge() throws {
    // Packed blocks (not only tails): every bigram of these four letters is
    // in hundreds of records, so the merge decodes whole blocks of positions.
    var rng = SeededRandom(seed: 31)
    let letters = Array("人员减少").map(String.init)
    func text(_ n: Int) -> String { (0..<n).map { _ in letters[Int.random(in: 0..<4, using: &rng)] }.joined() }
    let corpus = (0..<2).map { f in
      ParsedDocument(
        info: DocumentInfo(path: "f\(f).txt", department: "部门", region: "新疆", year: 2023, kind: .budget),
        records: (0..<300).map { i in
          Record(
            type: .statement, subject: text(3), text: text(Int.random(in: 0...20, using: &rng)), reason: text(4),
            section: "", line: i + 1, amount: nil, change: nil, rate: nil, basis: nil)
        })
    }
    let dir = temporaryDirectory()
    _ = try TestIndex.build(corpus, in: dir)
    let queries = ["人员减少", "员减少人", "减少 人员", "reason:少人员"].map { try! QueryParser.parse($0) }
    func searchAll() -> String? {
      Self.failure {
        let searcher = try Searcher(reader: try IndexReader(directory: dir))
        searcher.substringPlan = .merge
        for q in queries { _ = try searcher.search(q) }
      }
    }
    #expect(searchAll() == nil)
    try Self.damageRepeatedly(dir, "seg-1.pst", trials: 150, truncateEvery: 5, &rng) { searchAll() }
  }
}
