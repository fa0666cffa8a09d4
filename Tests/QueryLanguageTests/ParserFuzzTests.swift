// Fuzzing (swift-protobuf `Test_FuzzTests.swift` style): seeded mutations of
// valid queries and random strings over the syntax alphabet must give a tree
// or a QuerySyntaxError ranged inside the input; never a trap. A successful
// parse must also survive the canonical round trip, and every error must
// render a caret. Inputs that once failed go in `regressions`.

import QueryLanguage
import Testing

@Suite struct ParserFuzzTests {
  static let regressions: [String] = [
    "amount:-", "rate:(-)", "rate:(-x)", "“", "”", "\\", "\"\\", "reason:(", "amount>=..", "-",
    "--",
    "year:..", "rate:-..", "amount:1..亿", "NOT(", "reason:\"", "a:", ":", "<", "≥5", "amount≥",
  ]

  static let seeds: [String] =
    ParserTableTests.cases.map(\.0) + [
      "reason:(人员 OR 工资) amount:100..200万 -kind:预算",
      "rate:(-5 OR <0) NOT (a || b) && \"x\\\"y\"",
    ]

  /// Scalars that matter to the lexer and parser, plus ordinary text.
  static let alphabet: [Unicode.Scalar] = Array(
    "()\":-<>=.%\\ 　“”（）＂：－＞＜＝．≥≤−人员减少万亿元年0123456789０５abcAND ORNOT&|rateamount:year:kind:"
      .unicodeScalars)

  @Test func regressionsDoNotTrap() {
    for query in Self.regressions { check(query, seed: nil) }
  }

  @Test func mutatedQueriesDoNotTrap() {
    for seed in UInt64(0)..<3000 {
      var rng = SplitMix64(seed: seed)
      var scalars = Array(rng.pick(Self.seeds).unicodeScalars)
      for _ in 0..<1 + rng.below(4) { mutate(&scalars, using: &rng) }
      check(String(String.UnicodeScalarView(scalars)), seed: seed)
    }
  }

  @Test func randomStringsDoNotTrap() {
    for seed in UInt64(0)..<3000 {
      var rng = SplitMix64(seed: seed)
      var text = String.UnicodeScalarView()
      for _ in 0..<rng.below(24) { text.append(rng.pick(Self.alphabet)) }
      check(String(text), seed: seed)
    }
  }

  private func mutate(_ scalars: inout [Unicode.Scalar], using rng: inout SplitMix64) {
    let at = rng.below(scalars.count + 1)
    switch rng.below(5) {
    case 0: scalars.insert(rng.pick(Self.alphabet), at: at)
    case 1 where at < scalars.count: scalars.remove(at: at)
    case 2 where at < scalars.count: scalars[at] = rng.pick(Self.alphabet)
    case 3 where at < scalars.count:
      let end = min(scalars.count, at + 1 + rng.below(6))
      scalars.insert(contentsOf: scalars[at..<end], at: rng.below(scalars.count + 1))
    default:
      // A random byte string decoded leniently, as from a bad shell encoding.
      let bytes = (0..<rng.below(4)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      scalars.insert(contentsOf: String(decoding: bytes, as: UTF8.self).unicodeScalars, at: at)
    }
  }

  private func check(_ query: String, seed: UInt64?) {
    let label = seed.map { "seed \($0): " } ?? ""
    do {
      let tree = try QueryParser.parse(query)
      let again = try? QueryParser.parse(tree.canonical)
      if again != tree {
        Issue.record("\(label)\(query) → \(tree.canonical) does not round-trip")
      }
    } catch {
      let count = query.unicodeScalars.count
      let r = error.range
      if !(0 <= r.lowerBound && r.lowerBound <= r.upperBound && r.upperBound <= count) {
        Issue.record("\(label)\(query): range \(r) outside 0...\(count)")
      }
      if renderCaret(query: query, error: error).split(separator: "\n").count < 2 {
        Issue.record("\(label)\(query): caret rendering lost lines")
      }
    }
  }
}
