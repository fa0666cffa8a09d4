// Property: for every tree the parser can produce, parse(canonical) gives it
// back (ranges aside), and canonical text is a fixed point. Failures print the
// seed; `RandomQuery.make(using: &SplitMix64(seed:))` replays one.

import QueryLanguage
import Testing

@Suite struct RoundTripPropertyTests {
  @Test func canonicalRoundTrips() {
    for seed in UInt64(0)..<3000 {
      var rng = SplitMix64(seed: seed)
      let tree = RandomQuery.make(using: &rng)
      let text = tree.canonical
      do {
        let parsed = try QueryParser.parse(text)
        if parsed != tree || parsed.canonical != text {
          Issue.record("seed \(seed): \(text) parsed as \(parsed.canonical)")
          return
        }
      } catch {
        Issue.record("seed \(seed): \(text) → \(error)")
        return
      }
    }
  }
}
