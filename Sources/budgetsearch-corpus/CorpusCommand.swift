// `budgetsearch-corpus`: writes a synthetic disclosure corpus and its ground
// truth. Documents are rendered in parallel batches and written in corpus
// order, so output is byte-identical for a seed whatever the core count, and
// memory stays bounded by one batch (the corpus is never held in memory).

import ArgumentParser
import CorpusGenerator
import Foundation

@main
struct CorpusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "budgetsearch-corpus",
    abstract: "Generate realistic synthetic budget disclosures with a ground-truth JSONL.",
    discussion: """
      Writes DIR/docs/<id>.txt and DIR/truth.jsonl. Stops when --files documents or --size bytes \
      (whichever is given; both: whichever comes first) have been written. Deterministic: the same \
      seed gives the same bytes, and a smaller corpus is a prefix of a larger one.

      truth.jsonl, per document: one "document" line, then its "statement" \
      and "project" lines; every line has "type" and "file" (relative to DIR).
        document:  department, region, year, kind (预算|决算),
                   layout (docx|pdf), encoding (UTF-8|GB18030),
                   statements, projects (counts)
        statement: line, subject, amount, prior, change, rate, basis
                   (上年|预算), reason
        project:   line, name, project_key, year, initial_budget,
                   budget, executed
      Numbers are decimal strings as stated (万元, rates in %), signed,
      null when the text does not state them; text is NFKC.
      """)

  @Option(name: .long, help: "Output directory (created if missing).")
  var out: String

  @Option(name: .long, help: "Stop after this many bytes of documents, e.g. 50MB, 500MB, 2GB, 800KB.")
  var size: String?

  @Option(name: .long, help: "Stop after this many documents.")
  var files: Int?

  @Option(name: .long, help: "Seed of the corpus.")
  var seed: UInt64 = 1

  @Option(name: .customLong("gb18030-share"), help: "Share of files encoded as GB18030 (0…1).")
  var gb18030Share: Double = 0.05

  @Flag(name: .long, help: "Print no progress.")
  var quiet = false

  func validate() throws {
    guard size != nil || files != nil else { throw ValidationError("give --size or --files") }
    if let size, CorpusCommand.parseSize(size) == nil { throw ValidationError("bad --size '\(size)' (try 50MB)") }
    if let files, files < 0 { throw ValidationError("--files must be ≥ 0") }
    guard (0...1).contains(gb18030Share) else { throw ValidationError("--gb18030-share must be within 0…1") }
  }

  /// `50MB` → 50·2^20; units B, KB, MB, GB (binary), case-insensitive; a bare number is bytes.
  static func parseSize(_ text: String) -> Int? {
    let t = text.uppercased().trimmingCharacters(in: .whitespaces)
    let units: [(String, Int)] = [("GB", 1 << 30), ("G", 1 << 30), ("MB", 1 << 20), ("M", 1 << 20), ("KB", 1 << 10),
                                  ("K", 1 << 10), ("B", 1)]
    for (suffix, scale) in units where t.hasSuffix(suffix) {
      guard let v = Double(t.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), v >= 0 else { return nil }
      return Int(v * Double(scale))
    }
    return Int(t)
  }

  func run() throws {
    let fm = FileManager.default
    let docs = URL(fileURLWithPath: out).appendingPathComponent("docs")
    try fm.createDirectory(at: docs, withIntermediateDirectories: true)
    let truthURL = URL(fileURLWithPath: out).appendingPathComponent("truth.jsonl")
    _ = fm.createFile(atPath: truthURL.path, contents: nil)
    let truth = try FileHandle(forWritingTo: truthURL)
    defer { try? truth.close() }

    let limitBytes = size.flatMap(CorpusCommand.parseSize) ?? Int.max
    let limitFiles = files ?? Int.max
    var iterator = CorpusGenerator(seed: seed, gb18030Share: gb18030Share).makeIterator()
    var written = 0, bytes = 0, statements = 0, projects = 0, gb = 0
    let start = Date()
    let batch = 128
    let docsPath = docs.path
    var done = false
    while !done {
      var jobs: [DocumentJob] = []
      while jobs.count < min(batch, limitFiles - written), let job = iterator.next() { jobs.append(job) }
      if jobs.isEmpty { break }
      // Workers render, write their file and format their truth lines; this
      // thread only appends the truth in corpus order.
      let rendered = Rendered(count: jobs.count)
      let batchJobs = jobs
      DispatchQueue.concurrentPerform(iterations: batchJobs.count) { i in
        let doc = batchJobs[i].render()
        let error = CorpusCommand.writeFile(docsPath + "/" + doc.id + ".txt", doc.bytes)
        rendered.set(i, Rendered.Item(doc: doc, json: doc.truth.jsonLines(), error: error))
      }
      var lines = ""
      for item in rendered.all() {
        if let error = item.error { throw error }
        if done || written >= limitFiles || bytes >= limitBytes {
          // Rendered past the limit in this batch: not part of the corpus.
          done = true
          unlink(docsPath + "/" + item.doc.id + ".txt")
          continue
        }
        lines += item.json
        written += 1
        bytes += item.doc.bytes.count
        statements += item.doc.truth.statements.count
        projects += item.doc.truth.projects.count
        if item.doc.truth.encoding != "UTF-8" { gb += 1 }
      }
      truth.write(Data(lines.utf8))
      if written >= limitFiles || bytes >= limitBytes { done = true }
      if !quiet {
        FileHandle.standardError.write(Data("\r\(written) files, \(bytes >> 20) MB".utf8))
      }
    }
    let seconds = Date().timeIntervalSince(start)
    if !quiet {
      let mb = Double(bytes) / Double(1 << 20)
      let rate = seconds > 0 ? mb / seconds : 0
      FileHandle.standardError.write(Data(
        "\r\(written) files (\(gb) GB18030), \(String(format: "%.1f", mb)) MB, \(statements) statements, \(projects) projects in \(String(format: "%.1f", seconds)) s (\(String(format: "%.1f", rate)) MB/s)\n".utf8))
    }
  }

  struct WriteError: Error, CustomStringConvertible {
    var path: String
    var errno: Int32
    var description: String { "cannot write \(path): \(String(cString: strerror(errno)))" }
  }

  /// Plain open/write/close: no fsync per file (Data.write syncs, which
  /// dominated the run time), and callable from worker threads.
  static func writeFile(_ path: String, _ bytes: [UInt8]) -> WriteError? {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { return WriteError(path: path, errno: errno) }
    defer { close(fd) }
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0 {
        if errno == EINTR { continue }
        return WriteError(path: path, errno: errno)
      }
      offset += n
    }
    return nil
  }
}

/// Results of one parallel batch, each slot written by exactly one worker.
final class Rendered: @unchecked Sendable {
  // @unchecked: the lock guards the array; workers write disjoint slots and
  // `all()` is read only after concurrentPerform has returned.
  struct Item {
    var doc: GeneratedDocument
    var json: String
    var error: CorpusCommand.WriteError?
  }
  private var items: [Item?]
  private let lock = NSLock()
  init(count: Int) { items = Array(repeating: nil, count: count) }
  func set(_ i: Int, _ item: Item) { lock.lock(); items[i] = item; lock.unlock() }
  func all() -> [Item] { items.compactMap { $0 } }
}
