// In-memory postings accumulation for one segment: term bytes → postings
// buffer. Grams are at most 2 scalars (≤ 8 bytes) plus a 2-byte prefix, so
// most keys fit inline in 16 bytes and a lookup allocates nothing.

struct TermKey: Hashable {
  var a: UInt64
  var b: UInt64
  var long: [UInt8]?

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    if bytes.count <= 15 {
      var words: (UInt64, UInt64) = (0, 0)
      withUnsafeMutableBytes(of: &words) { raw in
        raw.copyMemory(from: UnsafeRawBufferPointer(bytes))
        raw[15] = UInt8(bytes.count)
      }
      a = words.0
      b = words.1
      long = nil
    } else {
      a = 0
      b = 0xFF
      long = Array(bytes)
    }
  }

  var bytes: [UInt8] {
    if let long { return long }
    var words = (a, b)
    return withUnsafeBytes(of: &words) { raw in Array(raw[0..<Int(raw[15])]) }
  }
}

struct PostingsBuffer {
  var docs: [UInt32] = []
  var freqs: [UInt32] = []
  var positions: [UInt32] = []
}

struct TermTable {
  private var ids: [TermKey: Int] = [:]
  private(set) var keys: [TermKey] = []
  private(set) var postings: [PostingsBuffer] = []
  private(set) var positionCount = 0
  /// (term, doc) pairs: one doc id and one freq each.
  private(set) var postingCount = 0
  var termCount: Int { keys.count }

  /// Records one occurrence of `term` in `doc` at `position`. Docs arrive in
  /// increasing order and positions increase within a doc, so postings are
  /// built already sorted.
  mutating func add(_ term: UnsafeBufferPointer<UInt8>, doc: UInt32, position: UInt32) {
    let key = TermKey(term)
    let id: Int
    if let existing = ids[key] {
      id = existing
    } else {
      id = keys.count
      ids[key] = id
      keys.append(key)
      postings.append(PostingsBuffer())
    }
    if postings[id].docs.last != doc { postingCount += 1 }
    postings[id].add(doc: doc, position: position)
    positionCount += 1
  }

  /// Terms with their postings, sorted by term bytes.
  func sorted() -> [(term: [UInt8], postings: PostingsBuffer)] {
    keys.indices.map { (keys[$0].bytes, postings[$0]) }
      .sorted { $0.term.lexicographicallyPrecedes($1.term) }
  }
}

extension PostingsBuffer {
  mutating func add(doc: UInt32, position: UInt32) {
    if let last = docs.last, last == doc {
      freqs[freqs.count - 1] += 1
    } else {
      docs.append(doc)
      freqs.append(1)
    }
    positions.append(position)
  }
}
