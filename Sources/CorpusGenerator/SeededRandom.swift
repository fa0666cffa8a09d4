// The corpus generator's only source of randomness. Every document is a pure
// function of (corpus seed, document index), so a corpus is reproducible byte
// for byte and a 50 MB corpus is a prefix of the 500 MB one with the same seed.
//
// SplitMix64 (Steele, Lea & Flood 2014) rather than the standard library's
// `random(in:using:)`: the stdlib does not promise how it maps generator
// output to ranges, and a toolchain update must not change a corpus.

public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  /// A generator for a named sub-stream: `derive(3, 2024)` of the same
  /// generator state always yields the same stream, whatever else was drawn.
  public init(seed: UInt64, _ labels: UInt64...) {
    var s = SeededRandom.mix(seed ^ 0x9E37_79B9_7F4A_7C15)
    for l in labels { s = SeededRandom.mix(s ^ SeededRandom.mix(l &+ 0x632B_E59B_D9B4_E019)) }
    state = s
  }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return SeededRandom.mix(state)
  }

  static func mix(_ x: UInt64) -> UInt64 {
    var z = x
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in 0..<n (n > 0). The modulo bias is below 2^-40 for our n.
  mutating func below(_ n: Int) -> Int {
    precondition(n > 0)
    return Int(next() % UInt64(n))
  }

  /// Uniform in the closed range.
  mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + below(r.count) }

  /// Uniform in [0, 1).
  mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

  mutating func chance(_ p: Double) -> Bool { unit() < p }

  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

  /// Fisher–Yates with our own index draws (see the file comment).
  mutating func shuffle<T>(_ items: inout [T]) {
    guard items.count > 1 else { return }
    for i in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(i, below(i + 1)) }
  }

  /// Approximately normal (Irwin–Hall of 4 uniforms), mean 0, sd ≈ 1.
  mutating func gaussian() -> Double { (unit() + unit() + unit() + unit() - 2) * 1.732 }
}

/// Zipf-weighted choice over `count` ranked alternatives: rank r (0-based) is
/// drawn with weight 1/(r+1), so a few phrasings dominate and a long tail
/// stays rare, as in real disclosures. (Exponent 1 exactly: no libm `pow`,
/// whose last bits may differ between platforms and so between corpora.)
struct ZipfTable: Sendable {
  private let cumulative: [Double]

  init(count: Int) {
    precondition(count > 0)
    var acc = 0.0
    var c: [Double] = []
    c.reserveCapacity(count)
    for r in 0..<count {
      acc += 1.0 / Double(r + 1)
      c.append(acc)
    }
    cumulative = c
  }

  func draw(_ rng: inout SeededRandom) -> Int {
    let x = rng.unit() * cumulative[cumulative.count - 1]
    var lo = 0, hi = cumulative.count - 1
    while lo < hi {
      let mid = (lo + hi) / 2
      if cumulative[mid] > x { hi = mid } else { lo = mid + 1 }
    }
    return lo
  }
}
