// The analyzer: a field's matching form → terms with positions, in two views.
//
// Gram view (recall): over the Unicode scalars of the matching form, position
// = scalar index. For every scalar followed by a non-space scalar, the bigram
// starting there; for every scalar followed by a space or the end, the
// unigram. Every scalar is thus the first scalar of exactly one gram, so a
// query string of n >= 2 scalars occurs at position p iff its n-1 bigrams
// (unigram for a trailing single scalar before a space) occur at p, p+1, ...;
// a single scalar c occurs iff some gram starting with c occurs (a prefix
// range of the sorted dictionary). This is what makes "recall = substring
// truth" exact, which ICU word tokens alone cannot (boundaries depend on
// context: 在职人员 vs 职人员). Lucene's CJKBigramFilter is the same idea.
//
// Word view (ranking): ICU word tokens (numbers, letters, ideographic words).

/// Identifies the analyzer in the index; bump `version` whenever any
/// output of `MatchForm.make` or the token functions changes.
public struct AnalyzerID: Equatable, Sendable, CustomStringConvertible {
  public var name: String
  public var version: Int
  public var icu: String
  /// Version 2: Traditional characters fold to Simplified in the matching form.
  public static let current = AnalyzerID(name: "bs-cjk-gram+icu-word", version: 2, icu: icuVersion)
  public var description: String { "\(name)/\(version) (ICU \(icu))" }
}

public struct GramToken: Equatable, Sendable, CustomStringConvertible {
  public var term: String
  public var position: Int
  public var description: String { "\(term)@\(position)" }
}

public enum Analyzer {
  /// Calls `emit(termBytes, position)` for every gram of the matching-form text.
  /// `termBytes` is valid only during the call.
  @inlinable
  public static func forEachGram(
    _ matchForm: UnsafeBufferPointer<UInt8>, _ emit: (UnsafeBufferPointer<UInt8>, Int) -> Void
  ) {
    let n = matchForm.count
    guard n > 0, let base = matchForm.baseAddress else { return }
    var i = 0
    var position = 0
    while i < n {
      let len1 = utf8Length(lead: base[i])
      let next = min(i + len1, n)
      if base[i] == 0x20 {
        i = next
        position += 1
        continue
      }
      if next < n && base[next] != 0x20 {
        let len2 = min(utf8Length(lead: base[next]), n - next)
        emit(UnsafeBufferPointer(start: base + i, count: next - i + len2), position)
      } else {
        emit(UnsafeBufferPointer(start: base + i, count: next - i), position)
      }
      i = next
      position += 1
    }
  }

  /// The grams of a matching-form string (for tests, `analyze` and queries).
  public static func grams(_ matchForm: String) -> [GramToken] {
    var s = matchForm
    var out: [GramToken] = []
    s.withUTF8 { buf in
      forEachGram(buf) { term, pos in
        out.append(GramToken(term: String(decoding: term, as: UTF8.self), position: pos))
      }
    }
    return out
  }

  /// The ICU words of a matching-form string (numbers, letters, ideographic words).
  public static func words(_ matchForm: String, segmenter: Segmenter) throws(AnalysisError) -> [String] {
    try Array(matchForm.utf8).withUnsafeBufferPointer { (buf) throws(AnalysisError) -> [String] in
      try segmenter.spans(buf).compactMap { span in
        span.isWord ? String(decoding: UnsafeBufferPointer(rebasing: buf[span.start..<span.end]), as: UTF8.self) : nil
      }
    }
  }
}

/// Length of the UTF-8 sequence that starts with `lead` (1 for a stray continuation byte).
@inlinable
public func utf8Length(lead: UInt8) -> Int {
  if lead < 0xC0 { return 1 }
  if lead < 0xE0 { return 2 }
  if lead < 0xF0 { return 3 }
  return 4
}
