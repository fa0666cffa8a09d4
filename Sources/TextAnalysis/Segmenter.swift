// ICU word segmentation (locale zh) over UTF-8, one C call per text.
import CICU

/// One ICU word span: UTF-8 byte range in the input and ICU's rule status.
public struct WordSpan: Equatable, Sendable {
  public var start: Int
  public var end: Int
  /// ICU rule status: 0-99 none (spaces, punctuation), 100 number, 200 letter,
  /// 300 kana, 400 ideographic.
  public var status: Int32
  /// Whether the span is a word worth indexing (number, letter, kana, ideograph).
  public var isWord: Bool { status >= 100 }
}

/// An ICU word break iterator. Not thread-safe: use one per thread.
public final class Segmenter {
  private let handle: OpaquePointer
  private var bounds: [Int32] = []
  private var statuses: [Int32] = []

  public init() throws(AnalysisError) {
    var err: Int32 = 0
    guard let h = cicu_segmenter_open(&err) else { throw icuError("ubrk_open(word, zh)", err) }
    handle = h
  }

  deinit { cicu_segmenter_close(handle) }

  /// Fills `bounds` and `statuses` with the break positions (span ends)
  /// and rule statuses of `utf8` and returns how many there are.
  private func breaks(_ utf8: UnsafeBufferPointer<UInt8>) throws(AnalysisError) -> Int {
    guard let base = utf8.baseAddress, utf8.count > 0 else { return 0 }
    // A word is at least one byte, so count/2 + 16 bounds is usually enough; retry once if not.
    var capacity = max(bounds.count, utf8.count / 2 + 16)
    while true {
      if bounds.count < capacity {
        bounds = [Int32](repeating: 0, count: capacity)
        statuses = [Int32](repeating: 0, count: capacity)
      }
      var err: Int32 = 0
      let n = base.withMemoryRebound(to: CChar.self, capacity: utf8.count) { p in
        cicu_breaks(handle, p, Int32(utf8.count), &bounds, &statuses, Int32(capacity), &err)
      }
      if n < 0 { throw icuError("ubrk_next", err) }
      if Int(n) > capacity { capacity = Int(n); continue }
      return Int(n)
    }
  }

  /// Word spans of `utf8`, in order, covering the whole input.
  public func spans(_ utf8: UnsafeBufferPointer<UInt8>) throws(AnalysisError) -> [WordSpan] {
    let n = try breaks(utf8)
    var out: [WordSpan] = []
    out.reserveCapacity(n)
    var start = 0
    for i in 0..<n {
      let end = Int(bounds[i])
      out.append(WordSpan(start: start, end: end, status: statuses[i]))
      start = end
    }
    return out
  }

  /// The start/end byte offsets of the word spans (`isWord`) of `utf8`,
  /// appended to `out` flattened: what `spans` yields, filtered, without an
  /// intermediate array of WordSpan (the indexer calls this once per field).
  public func appendWordBounds(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [Int32]) throws(AnalysisError) {
    let n = try breaks(utf8)
    bounds.withUnsafeBufferPointer { b in
      statuses.withUnsafeBufferPointer { st in
        var start: Int32 = 0
        for i in 0..<n {
          let end = b[i]
          if st[i] >= 100 {  // WordSpan.isWord
            out.append(start)
            out.append(end)
          }
          start = end
        }
      }
    }
  }

  public func spans(_ text: String) throws(AnalysisError) -> [WordSpan] {
    // Array.withUnsafeBufferPointer has typed throws; String.withUTF8 only rethrows.
    try Array(text.utf8).withUnsafeBufferPointer { (buf) throws(AnalysisError) -> [WordSpan] in try spans(buf) }
  }
}
