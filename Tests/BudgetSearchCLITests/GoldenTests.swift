// Golden files of every command's output on the seed corpus, in every format.
// A mismatch fails with a line diff; `RECORD_GOLDEN=1 swift test --filter
// GoldenTests` rewrites the files (and fails, so a recording is never
// mistaken for a pass): review the diff before committing it.
import Foundation
import Testing

enum Golden {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
  static let recording = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"

  /// A working directory with `Index` built from the seeds, so outputs name
  /// the index as a user would see it (`Index`), not a temporary path.
  /// `Corpus` there links to the seeds, so the defaults (Corpus/, Index/) apply and
  /// no machine-specific path appears in the output.
  static let workdir: String = {
    let dir = CLI.temporaryDirectory()
    try! FileManager.default.createSymbolicLink(atPath: dir + "/Corpus", withDestinationPath: CLI.corpus)
    let r = try! CLI.run(["index", "--quiet"], cwd: dir)
    precondition(r.status == 0, "index failed: \(r.stderr)")
    return dir
  }()

  /// `normalize` masks what legitimately varies between machines (byte sizes
  /// that depend on file timestamps in the manifest).
  static func check(
    _ name: String, _ arguments: [String], expectStatus: Int32 = 0, normalize: (String) -> String = { $0 }
  ) throws {
    let r = try CLI.run(arguments, cwd: workdir)
    #expect(r.status == expectStatus, "\(name): exit \(r.status), stderr: \(r.stderr)")
    let file = directory.appendingPathComponent(name + ".txt")
    let actual = "$ budgetsearch " + arguments.joined(separator: " ") + "\n" + normalize(r.stdout)
    if recording {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try actual.write(to: file, atomically: true, encoding: .utf8)
      Issue.record("recorded \(file.lastPathComponent); review the diff and run again without RECORD_GOLDEN")
      return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
      Issue.record("missing golden \(file.path); run with RECORD_GOLDEN=1")
      return
    }
    if expected != actual { Issue.record("\(name) differs from its golden:\n\(lineDiff(expected, actual))") }
  }

  static func lineDiff(_ a: String, _ b: String) -> String {
    let x = a.components(separatedBy: "\n"), y = b.components(separatedBy: "\n")
    var out: [String] = []
    for i in 0..<max(x.count, y.count) where (i < x.count ? x[i] : nil) != (i < y.count ? y[i] : nil) {
      if i < x.count { out.append("- \(i + 1): \(x[i])") }
      if i < y.count { out.append("+ \(i + 1): \(y[i])") }
      if out.count > 20 { break }
    }
    return out.joined(separator: "\n")
  }
}

@Suite(.serialized) struct GoldenTests {
  static let corpus: [String] = []  // the defaults: Corpus/ and Index/ in the work directory

  @Test(arguments: ["table", "json", "jsonl", "csv", "tsv"])
  func searchInEveryFormat(_ format: String) throws {
    try Golden.check("search-reason-\(format)", ["search", "reason:工资基数调增 rate>10", "--format", format] + Self.corpus)
  }

  @Test(arguments: ["table", "json", "csv"])
  func groupByInEveryFormat(_ format: String) throws {
    try Golden.check("search-group-dept-\(format)", ["search", "type:statement rate<0", "--group-by", "dept", "--format", format] + Self.corpus)
  }

  @Test func sortedAndPaged() throws {
    try Golden.check("search-sort-rate", ["search", "三公", "--sort", "-rate", "--limit", "5", "--offset", "2", "--format", "tsv"] + Self.corpus)
  }

  @Test func noHits() throws {
    try Golden.check("search-none", ["search", "reason:不存在的原因", "--format", "json"] + Self.corpus, expectStatus: 1)
  }

  @Test(arguments: ["table", "jsonl", "csv"])
  func reasons(_ format: String) throws {
    try Golden.check("reasons-\(format)", ["reasons", "rate<0", "--limit", "6", "--format", format] + Self.corpus)
  }

  @Test(arguments: ["table", "json", "jsonl"])
  func projects(_ format: String) throws {
    try Golden.check("projects-\(format)", ["projects", "经费", "--format", format] + Self.corpus)
  }

  @Test(arguments: ["table", "json"])
  func show(_ format: String) throws {
    try Golden.check("show-\(format)", ["show", "1:41", "--format", format] + Self.corpus)
  }

  @Test func stats() throws {
    try Golden.check("stats", ["stats"] + Self.corpus) { out in
      out.components(separatedBy: "\n").map { $0.hasPrefix("size ") ? "size        (varies with the manifest's timestamps)" : $0 }
        .joined(separator: "\n")
    }
  }

  @Test(arguments: ["jsonl", "table"])
  func extract(_ format: String) throws {
    try Golden.check("extract-\(format)", ["extract", "Corpus/003_0d0d50dd571d51d1.txt", "--type", "statement", "--format", format])
  }

  @Test func analyze() throws {
    try Golden.check("analyze", ["analyze", "機關運行經費 減少２．９０万元"])
  }

  @Test(arguments: ["jsonl", "table"])
  func check(_ format: String) throws {
    try Golden.check("check-\(format)", ["check", "Corpus/004_85ba5e7a02b017f7.txt", "--format", format], expectStatus: 1)
  }

  @Test(arguments: ["search", "reasons", "projects", "show", "stats", "index", "extract", "check", "analyze", "verify"])
  func help(_ command: String) throws {
    try Golden.check("help-\(command)", [command, "--help"])
  }
}
