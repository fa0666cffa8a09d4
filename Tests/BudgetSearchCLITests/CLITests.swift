// End to end: runs the built `budgetsearch` binary on the seed corpus and
// checks stdout, stderr and the exit code, as a script would see them.
import Foundation
import Testing

struct Run {
  var status: Int32
  var stdout: String
  var stderr: String
}

enum CLI {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let corpus = packageRoot.appendingPathComponent("Corpus").path

  /// The `budgetsearch` binary SwiftPM built next to the test bundle.
  static var binary: URL {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = dir.appendingPathComponent("budgetsearch")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    return packageRoot.appendingPathComponent(".build/debug/budgetsearch")
  }

  static func run(_ arguments: [String], cwd: String? = nil) throws -> Run {
    let p = Process()
    p.executableURL = binary
    p.arguments = arguments
    if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    var env = ProcessInfo.processInfo.environment
    env["COLUMNS"] = "160"
    p.environment = env
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
  }

  /// One folder per test process, removed when it exits.
  static let runDirectory: String = {
    let path = NSTemporaryDirectory() + "bs-cli-tests-\(getpid())-\(UUID().uuidString.prefix(8))"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: CLI.runDirectory) }
    return path
  }()

  static func temporaryDirectory() -> String {
    let path = runDirectory + "/\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// A fresh index of the seed corpus, built once per test run.
  static let seedIndex: String = {
    let dir = temporaryDirectory() + "/Index"
    let r = try! run(["index", "--corpus", corpus, "--index", dir])
    precondition(r.status == 0, "index failed: \(r.stderr)")
    return dir
  }()

  static func search(_ query: String, _ extra: [String] = []) throws -> Run {
    try run(["search", query, "--corpus", corpus, "--index", seedIndex] + extra)
  }

  static func json(_ r: Run) throws -> [[String: Any]] {
    let v = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    return try #require(v as? [[String: Any]])
  }
}

@Suite(.serialized) struct CLITests {
  @Test func reasonSearchFindsThreeDocuments() throws {
    let r = try CLI.search("reason:工资基数调增", ["--format", "json", "--limit", "0"])
    #expect(r.status == 0, "\(r.stderr)")
    let hits = try CLI.json(r)
    #expect(!hits.isEmpty)
    for h in hits { #expect((h["reason"] as? String)?.contains("工资基数调增") == true, "\(h)") }
    let files = Set(hits.compactMap { ($0["file"] as? String)?.prefix(3) }.map(String.init))
    #expect(files == ["000", "001", "002"])
    // 000's housing fund item, numbers exactly as written in the text.
    let fund = try #require(hits.first { ($0["file"] as? String)?.hasPrefix("000") == true && ($0["subject"] as? String)?.hasSuffix("住房公积金(项)") == true })
    #expect(fund["amount"] as? Double == 14.96)
    #expect(fund["change"] as? Double == 2.24)
    #expect(fund["rate"] as? Double == 17.61)
    #expect(fund["basis"] as? String == "上年")
    #expect(fund["kind"] as? String == "决算")
    #expect(fund["year"] as? Int == 2024)
    // Numbers are printed as the text writes them, not through a float.
    #expect(r.stdout.contains("\"amount\":14.96,"))
  }

  @Test func decreasesOnly() throws {
    let r = try CLI.search("reason:在职人员减少 rate<0", ["--format", "json", "--limit", "0"])
    #expect(r.status == 0, "\(r.stderr)")
    let hits = try CLI.json(r)
    #expect(!hits.isEmpty)
    for h in hits {
      #expect(try #require(h["rate"] as? Double) < 0, "\(h)")
      #expect((h["reason"] as? String)?.contains("在职人员减少") == true)
    }
  }

  @Test func noMatchExitsOne() throws {
    let r = try CLI.search("reason:这个短语不会出现在任何文件里", ["--format", "json"])
    #expect(r.status == 1)
    #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    let table = try CLI.search("不会出现的词语组合xyz")
    #expect(table.status == 1)
    #expect(table.stdout.isEmpty)
  }

  @Test func queryErrorPointsAtTheCharacter() throws {
    let r = try CLI.search("reason:(人员 OR")
    #expect(r.status == 2)
    #expect(r.stderr.contains("^"))
    #expect(r.stdout.isEmpty)
    let unknown = try CLI.search("budget<abc")
    #expect(unknown.status == 2)
  }

  @Test func countAndFormats() throws {
    let count = try CLI.search("三公", ["--count"])
    #expect(count.status == 0)
    let n = try #require(Int(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    #expect(n > 0)
    let jsonl = try CLI.search("三公", ["--format", "jsonl", "--limit", "0"])
    #expect(jsonl.stdout.split(separator: "\n").count == n)
    let csv = try CLI.search("三公", ["--format", "csv", "--limit", "3"])
    #expect(csv.stdout.hasPrefix("id,type,department,region,year,kind,file,line,section,subject,amount"))
    #expect(csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 4)
    #expect(csv.stderr.contains("showing 3 of \(n) hits"))
  }

  @Test func missingIndexIsExitThree() throws {
    let dir = CLI.temporaryDirectory()
    let r = try CLI.run(["search", "人员", "--index", dir + "/none", "--no-update"])
    #expect(r.status == 3)
    #expect(r.stderr.contains("no index"))
  }

  @Test func freshCheckoutBuildsTheIndexFirst() throws {
    let dir = CLI.temporaryDirectory()
    let r = try CLI.run(["search", "reason:工资基数调增", "--corpus", CLI.corpus, "--index", dir + "/Index", "--count"])
    #expect(r.status == 0)
    #expect(r.stderr.contains("building it from"))
    let again = try CLI.run(["search", "reason:工资基数调增", "--corpus", CLI.corpus, "--index", dir + "/Index", "--count"])
    #expect(again.stderr.isEmpty, "no rebuild when nothing changed: \(again.stderr)")
    #expect(again.stdout == r.stdout)
  }

  @Test func corruptIndexNamesTheFile() throws {
    let dir = CLI.temporaryDirectory() + "/Index"
    #expect(try CLI.run(["index", "--corpus", CLI.corpus, "--index", dir, "--quiet"]).status == 0)
    let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("seg-") && $0.hasSuffix(".pst") }
    let victim = dir + "/" + (try #require(files.first))
    var bytes = try Data(contentsOf: URL(fileURLWithPath: victim))
    bytes[bytes.count / 2] ^= 0xFF
    try bytes.write(to: URL(fileURLWithPath: victim))
    let r = try CLI.run(["verify", "--index", dir])
    #expect(r.status == 3)
    #expect(r.stderr.contains(victim))
  }

  @Test func extractPrintsRecordsAndSkipsBadFiles() throws {
    let dir = CLI.temporaryDirectory()
    let binary = dir + "/broken.txt"
    try Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF]).write(to: URL(fileURLWithPath: binary))
    let seed = CLI.corpus + "/000_ad6359a2a97814ad.txt"
    let r = try CLI.run(["extract", seed, binary, "--type", "statement"])
    #expect(r.status == 0)
    #expect(r.stderr.contains("skipped \(binary)"))
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count >= 20)
    for l in lines { #expect(l.contains("\"type\":\"statement\"")) }
    let onlyBad = try CLI.run(["extract", binary])
    #expect(onlyBad.status == 2)
  }

  @Test func helpAndUsage() throws {
    let help = try CLI.run(["search", "--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("Examples"))
    let bad = try CLI.run(["search", "x", "--format", "xml"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("unknown format"))
  }

  @Test func analyzeShowsGrams() throws {
    let r = try CLI.run(["analyze", "在职人员"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("在职@0 职人@1 人员@2 员@3"))
  }
}

@Suite struct CLIQueryGarbageTests {
  /// Random garbage never crashes the binary: exit 2 with a caret on stderr
  /// (or, if it happens to parse, 0 or 1).
  @Test func garbageQueriesExitTwoWithACaret() throws {
    var state: UInt64 = 42
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      return z ^ (z >> 27)
    }
    let pieces = ["(", ")", "\"", ":", "-", "<", ">", "=", "..", "OR", "AND", "NOT", "rate", "amount", "人员", "减少", "1", "万", "%", " ", "reason:", "xyz:", "“", "”"]
    var errors = 0
    for _ in 0..<25 {
      let q = (0..<Int(next() % 8 + 1)).map { _ in pieces[Int(next() % UInt64(pieces.count))] }.joined()
      let r = try CLI.search(q, ["--count"])
      #expect([0, 1, 2].contains(r.status), "query \(q): exit \(r.status) \(r.stderr)")
      if r.status == 2 {
        errors += 1
        #expect(r.stderr.contains("^"), "query \(q): no caret in \(r.stderr)")
      }
    }
    #expect(errors > 0)
  }
}

@Suite struct CLILeadingDashTests {
  @Test func queryStartingWithDashIsANegation() throws {
    let all = try CLI.search("三公", ["--count"])
    let without = try CLI.search("-因公出国 三公", ["--count"])
    #expect(without.status == 0, "\(without.stderr)")
    let a = try #require(Int(all.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    let b = try #require(Int(without.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    #expect(b < a)
    #expect(b > 0)
  }
}
