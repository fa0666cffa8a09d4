// A preset dictionary for the LZ4 blocks of a stored-records table, and the
// trainer that picks it. Records of one corpus repeat the same boilerplate
// (section headings, 财政拨款 phrasing, table captions) in every file, but a
// 32 KB block only finds the repeats inside itself; with 64 KB of the most
// recurrent text as history, its first sentences already match. Measured
// with python-lz4 on the stored blocks of the generated 50 MB index (HC
// compression, 64 KB trained dictionary): 0.45× the bytes of plain HC; on
// the five real seed disclosures with a dictionary trained on generated
// text, 0.64× (bench/RESULTS.md, tenth session).
//
// The trainer is a simplified COVER (Liao, Petri, Moffat, Wirth: "Effective
// construction of relative Lempel-Ziv dictionaries", WWW 2016; zstd's
// `ZDICT_trainFromBuffer_cover`): the samples are cut into epochs, and from
// each the segment of `segmentLength` bytes whose distinct 8-byte substrings
// are the most frequent over all samples is kept; a kept segment's
// substrings then count zero, so later segments add what the dictionary
// lacks. Frequencies are counted in a hashed table (collisions only blur
// the scores). The best segments go last, nearest to the block, where a
// 32 KB block's matches can reach them (offsets are at most 64 KB).

public final class LZ4Dictionary: @unchecked Sendable {  // immutable after init
  /// At most one window: a block's first byte can reach back this far.
  public static let maxSize = LZ4.maxOffset + 1
  public let bytes: [UInt8]
  /// The compressor's hash chains (LZ4.compress) over `bytes`, copied into
  /// every block's tables instead of inserting 64 K positions per block.
  let head: [Int32]
  let chain: [Int32]
  /// Positions inserted in `head`/`chain`: those whose 4 hashed bytes are
  /// all in the dictionary.
  let prefilled: Int

  public init(_ bytes: [UInt8]) {
    precondition(bytes.count <= Self.maxSize)
    self.bytes = bytes
    var head = [Int32](repeating: -1, count: 1 << LZ4.hashBits)
    var chain = [Int32](repeating: -1, count: bytes.count)
    let count = max(0, bytes.count - (LZ4.minMatch - 1))
    bytes.withUnsafeBytes { s in
      for p in 0..<count {
        let h = LZ4.hash(s.loadUnaligned(fromByteOffset: p, as: UInt32.self))
        chain[p] = head[h]  // p < maxSize: p & maxOffset == p
        head[h] = Int32(p)
      }
    }
    self.head = head
    self.chain = chain
    prefilled = count
  }

  /// Substrings counted: 8 bytes, long enough that a frequent one is a
  /// phrase and not a common character pair.
  static let substringLength = 8
  static let countBits = 20

  /// A dictionary of at most `size` bytes taken from `samples`, in segments
  /// of `segmentLength` bytes (empty when the samples are too short).
  public static func train(_ samples: [UInt8], size: Int, segmentLength: Int = 256) -> [UInt8] {
    let d = substringLength
    let n = samples.count
    let size = min(size, maxSize)
    guard n >= 2 * segmentLength, size >= segmentLength else { return [] }
    return samples.withUnsafeBytes { s -> [UInt8] in
      let positions = n - d + 1
      @inline(__always) func slot(_ p: Int) -> Int {
        Int(truncatingIfNeeded: (s.loadUnaligned(fromByteOffset: p, as: UInt64.self) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - countBits))
      }
      var slots = [Int32](repeating: 0, count: positions)
      var frequency = [UInt32](repeating: 0, count: 1 << countBits)
      for p in 0..<positions {
        let h = slot(p)
        slots[p] = Int32(h)
        frequency[h] &+= 1
      }
      // Per epoch, a sliding window of segmentLength − d + 1 substrings
      // scored by the frequencies of its distinct ones (`inWindow` counts a
      // substring's copies inside the window).
      var inWindow = [UInt16](repeating: 0, count: 1 << countBits)
      let span = segmentLength - d + 1
      let epochs = max(1, min(size / segmentLength, positions / segmentLength))
      let epochLength = positions / epochs
      var chosen: [(score: UInt64, start: Int)] = []
      for e in 0..<epochs {
        let lo = e * epochLength, hi = min(positions, lo + epochLength)
        guard hi - lo >= span else { continue }
        var score: UInt64 = 0, best: UInt64 = 0, bestStart = lo
        for p in lo..<hi {
          let h = Int(slots[p])
          if inWindow[h] == 0 { score &+= UInt64(frequency[h]) }
          inWindow[h] &+= 1
          if p - lo >= span {
            let old = Int(slots[p - span])
            inWindow[old] &-= 1
            if inWindow[old] == 0 { score &-= UInt64(frequency[old]) }
          }
          if p - lo >= span - 1 && score > best {
            best = score
            bestStart = p - span + 1
          }
        }
        // Empty the window for the next epoch.
        for p in max(lo, hi - span)..<hi { inWindow[Int(slots[p])] = 0 }
        guard best >= 2 * UInt64(span) else { continue }  // its substrings do not recur (twice on average)
        chosen.append((best, bestStart))
        for p in bestStart..<(bestStart + span) { frequency[Int(slots[p])] = 0 }
      }
      // Lowest scores first: the best segments end the dictionary.
      chosen.sort { $0.score != $1.score ? $0.score < $1.score : $0.start < $1.start }
      var out: [UInt8] = []
      out.reserveCapacity(min(size, chosen.count * segmentLength))
      for c in chosen.suffix(size / segmentLength) {
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: s[c.start..<(c.start + segmentLength)]))
      }
      return out
    }
  }
}
