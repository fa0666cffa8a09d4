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

  static func union(_ a: DocList, _ b: DocList) -> DocList {
    var out: DocList = []
    out.reserveCapacity(a.count + b.count)
    var i = 0, j = 0
    while i < a.count || j < b.count {
      if j == b.count || (i < a.count && a[i] < b[j]) {
        out.append(a[i])
        i += 1
      } else if i == a.count || b[j] < a[i] {
        out.append(b[j])
        j += 1
      } else {
        out.append(a[i])
        i += 1
        j += 1
      }
    }
    return out
  }

  /// Docs of `a` not in `b`.
  static func subtract(_ a: DocList, _ b: DocList) -> DocList {
    var out: DocList = []
    out.reserveCapacity(a.count)
    var j = 0
    for d in a {
      while j < b.count && b[j] < d { j += 1 }
      if j == b.count || b[j] != d { out.append(d) }
    }
    return out
  }

  /// Every doc of a range.
  static func all(_ range: DocRange) -> DocList { Array(range) }
}
