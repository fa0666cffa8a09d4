// Extraction equals ground truth: the disclosure parser, run on a generated
// corpus, finds every statement and project the generator wrote, with the
// same numbers, subject and reason, and nothing else (precision and recall
// 100%). Every mismatch is printed (file, line, expected, got) so that a
// failure names the phrasing to fix, in the generator or in the extractor.

import Disclosure
import Foundation
import Testing
@testable import CorpusGenerator

/// One statement reduced to what must agree.
struct StatementKey: Hashable, CustomStringConvertible {
  var subject: String
  var amount: Int64?, prior: Int64?, change: Int64?, rate: Int64?
  var basis: String
  var reason: String

  init(_ t: TruthStatement) {
    subject = t.subject; amount = t.amount; prior = t.prior; change = t.change; rate = t.rate
    basis = t.basis; reason = t.reason
  }

  init(_ r: Record) {
    subject = r.subject; amount = r.amount; prior = r.prior; change = r.change; rate = r.rate
    basis = r.basis?.rawValue ?? "-"; reason = r.reason
  }

  var description: String {
    func n(_ v: Int64?) -> String { v.map { Money.text($0) } ?? "nil" }
    return "\(subject) amount=\(n(amount)) prior=\(n(prior)) change=\(n(change)) rate=\(n(rate)) basis=\(basis) reason=「\(reason)」"
  }
}

struct ProjectKey: Hashable, CustomStringConvertible {
  var name: String
  var initialBudget: Int64?, budget: Int64?, executed: Int64?
  init(_ t: TruthProject) { name = t.name; initialBudget = t.initialBudget; budget = t.budget; executed = t.executed }
  init(_ r: Record) { name = r.subject; initialBudget = r.initialBudget; budget = r.budget; executed = r.executed }
  var description: String {
    func n(_ v: Int64?) -> String { v.map { Money.text($0) } ?? "nil" }
    return "\(name) initial=\(n(initialBudget)) budget=\(n(budget)) executed=\(n(executed))"
  }
}

/// Multiset comparison with a report.
struct Comparison<Key: Hashable & CustomStringConvertible> {
  var expected = 0, extracted = 0, matched = 0
  var report: [String] = []

  mutating func compare(file: String, expected e: [(Key, Int)], extracted x: [(Key, Int)]) {
    expected += e.count
    extracted += x.count
    var pool: [Key: [Int]] = [:]
    for (k, line) in x { pool[k, default: []].append(line) }
    var missing: [(Key, Int)] = []
    for (k, line) in e {
      if var lines = pool[k], !lines.isEmpty {
        lines.removeFirst()
        pool[k] = lines
        matched += 1
      } else {
        missing.append((k, line))
      }
    }
    var extra = x.filter { pool[$0.0]?.contains($0.1) ?? false }
    // Pair each miss with the extra record nearest in the file, so the report reads as expected/got.
    for (k, line) in missing {
      if let j = extra.indices.min(by: { abs(extra[$0].1 - line) < abs(extra[$1].1 - line) }),
        abs(extra[j].1 - line) <= 2
      {
        report.append("\(file):\(line)\n  expected \(k)\n  got      \(extra[j].0) (line \(extra[j].1))")
        extra.remove(at: j)
      } else {
        report.append("\(file):\(line)\n  expected \(k)\n  got      nothing")
      }
    }
    for (k, line) in extra { report.append("\(file):\(line)\n  expected nothing\n  got      \(k)") }
  }

  var precision: Double { extracted == 0 ? 1 : Double(matched) / Double(extracted) }
  var recall: Double { expected == 0 ? 1 : Double(matched) / Double(expected) }

  func summary(_ what: String) -> String {
    let p = (precision * 10_000).rounded() / 100, r = (recall * 10_000).rounded() / 100
    return "\(what): expected \(expected), extracted \(extracted), matched \(matched); precision \(p)%, recall \(r)%"
  }
}

/// Writes a report in one unbuffered write: print() goes through stdio's
/// buffer and interleaves with (or, at exit, loses to) the test runner's output.
func report(_ lines: [String]) {
  FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
}

@Suite(.serialized) struct ExtractionTests {
  static let parsed: [(GeneratedDocument, ParsedDocument?)] = SmallCorpus.documents.map { doc in
    (doc, try? DisclosureParser.parse(path: doc.path, bytes: doc.bytes))
  }

  @Test func statementsEqualGroundTruth() {
    var c = Comparison<StatementKey>()
    for (doc, parsed) in ExtractionTests.parsed {
      let records = parsed?.records.filter { $0.type == .statement } ?? []
      c.compare(
        file: doc.path, expected: doc.truth.statements.map { (StatementKey($0), $0.line) },
        extracted: records.map { (StatementKey($0), $0.line) })
    }
    report([c.summary("statements")] + c.report)
    #expect(c.precision == 1 && c.recall == 1, "\(c.summary("statements")); \(c.report.count) mismatches printed above")
  }

  @Test func projectsEqualGroundTruth() {
    var c = Comparison<ProjectKey>()
    for (doc, parsed) in ExtractionTests.parsed {
      let records = parsed?.records.filter { $0.type == .project } ?? []
      c.compare(
        file: doc.path, expected: doc.truth.projects.map { (ProjectKey($0), $0.line) },
        extracted: records.map { (ProjectKey($0), $0.line) })
    }
    report([c.summary("projects")] + c.report)
    #expect(c.precision == 1 && c.recall == 1, "\(c.summary("projects")); \(c.report.count) mismatches printed above")
  }

  @Test func metadataEqualsGroundTruth() {
    var wrong: [String] = []
    for (doc, parsed) in ExtractionTests.parsed {
      guard let info = parsed?.info else {
        wrong.append("\(doc.path): not parsed")
        continue
      }
      let t = doc.truth
      let expected = "\(t.department) | \(t.region) | \(t.year) | \(t.kind) | \(t.encoding)"
      let got = "\(info.department) | \(info.region) | \(info.year.map(String.init) ?? "nil") | "
        + "\(info.kind?.rawValue ?? "nil") | \(info.charset)"
      if expected != got { wrong.append("\(doc.path)\n  expected \(expected)\n  got      \(got)") }
    }
    let right = SmallCorpus.documents.count - wrong.count
    report(["metadata: \(right)/\(SmallCorpus.documents.count) documents right"] + wrong)
    #expect(wrong.count == 0, "\(wrong.count) documents with wrong metadata, printed above")
  }
}
