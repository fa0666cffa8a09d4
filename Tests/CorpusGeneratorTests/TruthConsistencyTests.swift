// The ground truth agrees with itself and with the text it describes:
// stated rates match stated amounts as real documents round them, the
// canonical forms are NFKC fixed points, and every reason is in the text.

import Testing
import TextAnalysis
@testable import CorpusGenerator

@Suite struct TruthConsistencyTests {
  /// rate = change / (amount − change) for year-on-year statements and
  /// (final − budget) / budget for 预决算差异率, to 0.01% as printed.
  @Test func ratesMatchAmounts() {
    var checked = 0
    for doc in SmallCorpus.documents {
      for s in doc.truth.statements {
        guard let rate = s.rate else { continue }
        if let amount = s.amount, let prior = s.prior {
          #expect(s.basis == "预算")
          #expect(abs(rate - Money.rate(change: amount - prior, prior: prior)) <= 1, "\(doc.path):\(s.line) \(s)")
          checked += 1
        } else if let amount = s.amount, let change = s.change {
          #expect(abs(rate - Money.rate(change: change, prior: amount - change)) <= 1, "\(doc.path):\(s.line) \(s)")
          #expect(amount >= 0 && amount - change >= 0, "\(doc.path):\(s.line) negative base")
          checked += 1
        }
        if let change = s.change { #expect((change < 0) == (rate < 0) || change == 0 || rate == 0) }
      }
    }
    #expect(checked > 500)
  }

  /// Subjects, reasons and names are already NFKC, and `Width.fold` is NFKC
  /// on everything the generator writes.
  @Test func canonicalFormsAreNFKC() throws {
    for doc in SmallCorpus.documents.prefix(12) where doc.truth.encoding == "UTF-8" {
      let text = String(decoding: doc.bytes, as: UTF8.self)
      #expect(Width.fold(text) == String(decoding: try nfkc(doc.bytes), as: UTF8.self), "\(doc.path)")
      for s in doc.truth.statements {
        #expect(String(decoding: try nfkc(Array(s.subject.utf8)), as: UTF8.self) == s.subject)
        #expect(String(decoding: try nfkc(Array(s.reason.utf8)), as: UTF8.self) == s.reason)
      }
    }
  }

  /// Every stated reason occurs in the document once page breaks are joined.
  @Test func reasonsOccurInText() throws {
    for doc in SmallCorpus.documents {
      let text = try TextDecoder.decodeNormalized(doc.bytes).text
      let joined = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\n" }))
      for s in doc.truth.statements where !s.reason.isEmpty {
        #expect(joined.contains(s.reason), "\(doc.path):\(s.line) reason not in text: \(s.reason)")
      }
    }
  }

  /// Statements are the minority of the text, as in the seeds (CORPUS-GUIDE §3).
  @Test func statementsAreAMinority() {
    let bytes = SmallCorpus.documents.reduce(0) { $0 + $1.bytes.count }
    let statements = SmallCorpus.documents.reduce(0) { $0 + $1.truth.statements.count }
    #expect(bytes / max(1, statements) > 600, "only \(bytes / max(1, statements)) bytes per statement")
  }
}
