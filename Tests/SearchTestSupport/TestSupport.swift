// Helpers shared by the test targets (STYLE.md §1: like swift-collections'
// _CollectionsTestSupport): a seeded PRNG so a failing seed replays exactly,
// and fresh temporary folders.
import Foundation

/// Deterministic PRNG (SplitMix64).
public struct SeededRandom: RandomNumberGenerator {
  public var state: UInt64
  public init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1 }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// One folder per test process under the system's temporary directory,
/// removed when the process exits (so test runs do not pile up in /tmp).
public let testRunDirectory: String = {
  let path = NSTemporaryDirectory() + "bs-tests-\(getpid())-\(UUID().uuidString.prefix(8))"
  try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  atexit { try? FileManager.default.removeItem(atPath: testRunDirectory) }
  return path
}()

/// A new empty folder inside `testRunDirectory`, named after the test.
public func temporaryDirectory(_ name: String = #function) -> String {
  let path = testRunDirectory + "/\(name.filter { $0.isLetter })-\(UUID().uuidString)"
  try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}
