// Sorted, duplicate-free document id lists and the boolean algebra on them.
// Version 1 of the engine materializes each clause's matches per segment;
// clauses are evaluated rarest first and numeric filters only check the
// candidates that survive, so the lists stay short for selective queries.

typealias DocList = [UInt32]
/// A segment's docs from lowerBound up to (not including) upperBound: the
/// part of a segment one task of a parallel query matches.
typealias DocRange = Range<UInt32>

enum DocSetOps {
  /// Docs in both, by a merge without branches on the comparisons (which
  /// side advances is as good as random: a branch would mispredict often).
  static func intersect(_ a: DocList, _ b: DocList) -> DocList {
    let n = min(a.count, b.count)
    if n == 0 { return [] }
    let lo = max(a[0], b[0]), hi = min(a[a.count - 1], b[b.count - 1])
    if lo > hi { return [] }
    let words = Int(hi - lo) >> 6 + 1
    if n >= 1024 && words <= a.count + b.count {
      return a.count <= b.count ? intersectByBitmap(a, marking: b, lo, hi, words) : intersectByBitmap(b, marking: a, lo, hi, words)
    }
    return [UInt32](unsafeUninitializedCapacity: n) { out, count in
      a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
          var i = 0, j = 0, k = 0
          while i < a.count && j < b.count {
            let x = a[i], y = b[j]
            out[k] = x  // kept only when counted; k < n while i < a.count and j < b.count
            k &+= Int(unsafeBitCast(x == y, to: UInt8.self))
            i &+= Int(unsafeBitCast(x <= y, to: UInt8.self))
            j &+= Int(unsafeBitCast(y <= x, to: UInt8.self))
          }
          count = k
        }
      }
    }
  }

  /// `intersect` for long lists dense enough in their common span [lo, hi]
  /// (a 64-bit word of it per doc of theirs at most): the docs of `marked`
  /// in the span set bits, then the docs of `kept` (the shorter) whose bit is
  /// set are kept. Every step is independent of the last, where a merge's
  /// next step waits on its comparison: 2–3× fewer cycles a doc (the NOT of
  /// a frequent two-character word drains it whole and intersects it).
  static func intersectByBitmap(_ kept: DocList, marking marked: DocList, _ lo: UInt32, _ hi: UInt32, _ words: Int) -> DocList {
    let bits = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
    defer { bits.deallocate() }
    mark(marked, from: lo, through: hi, into: bits, words: words)
    return kept.withUnsafeBufferPointer { k in
      var i = firstIndex(atLeast: lo, k)
      return [UInt32](unsafeUninitializedCapacity: k.count - i) { out, count in
        var n = 0
        while i < k.count && k[i] <= hi {
          let d = k[i], o = d &- lo
          out[n] = d
          n &+= Int((bits[Int(o >> 6)] >> UInt64(o & 63)) & 1)
          i &+= 1
        }
        count = n
      }
    }
  }

  /// Clears `words` words at `bits` and sets bit d − lo for each doc d of
  /// `docs` (ascending) with lo ≤ d ≤ hi; `words` covers hi − lo + 1 bits.
  static func mark(_ docs: DocList, from lo: UInt32, through hi: UInt32, into bits: UnsafeMutablePointer<UInt64>, words: Int) {
    bits.update(repeating: 0, count: words)
    docs.withUnsafeBufferPointer { m in
      var i = firstIndex(atLeast: lo, m)
      while i < m.count && m[i] <= hi {
        let o = m[i] &- lo
        bits[Int(o >> 6)] |= 1 << UInt64(o & 63)
        i &+= 1
      }
    }
  }

  /// Index of the first of the ascending `docs` that is ≥ `doc` (`docs.count` when none).
  static func firstIndex(atLeast doc: UInt32, _ docs: UnsafeBufferPointer<UInt32>) -> Int {
    var lo = 0, hi = docs.count
    while lo < hi {
      let mid = (lo + hi) >> 1
      if docs[mid] < doc { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// Docs in either, by a merge without branches on the comparisons (as
  /// `intersect`; the branches mispredicted on every other doc of an OR of
  /// two frequent phrases).
  static func union(_ a: DocList, _ b: DocList) -> DocList {
    if a.isEmpty { return b }
    if b.isEmpty { return a }
    return [UInt32](unsafeUninitializedCapacity: a.count + b.count) { out, count in
      a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
          var i = 0, j = 0, k = 0
          while i < a.count && j < b.count {
            let x = a[i], y = b[j]
            out[k] = min(x, y)  // a doc in both is written once: both sides advance
            k &+= 1
            i &+= Int(unsafeBitCast(x <= y, to: UInt8.self))
            j &+= Int(unsafeBitCast(y <= x, to: UInt8.self))
          }
          while i < a.count {
            out[k] = a[i]
            i &+= 1
            k &+= 1
          }
          while j < b.count {
            out[k] = b[j]
            j &+= 1
            k &+= 1
          }
          count = k
        }
      }
    }
  }

  /// Docs of `a` not in `b`, by a merge without branches on the comparisons
  /// (as `intersect`).
  static func subtract(_ a: DocList, _ b: DocList) -> DocList {
    if a.isEmpty || b.isEmpty { return a }
    return [UInt32](unsafeUninitializedCapacity: a.count) { out, count in
      a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
          var i = 0, j = 0, k = 0
          while i < a.count && j < b.count {
            let x = a[i], y = b[j]
            out[k] = x  // kept only when below b's next doc; k ≤ i < a.count
            k &+= Int(unsafeBitCast(x < y, to: UInt8.self))
            i &+= Int(unsafeBitCast(x <= y, to: UInt8.self))
            j &+= Int(unsafeBitCast(y <= x, to: UInt8.self))
          }
          while i < a.count {  // past b's last doc: the rest is kept
            out[k] = a[i]
            i &+= 1
            k &+= 1
          }
          count = k
        }
      }
    }
  }

  /// Every doc of a range.
  static func all(_ range: DocRange) -> DocList { Array(range) }
}
