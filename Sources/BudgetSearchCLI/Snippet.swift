// Snippets: a window of a field around its first match, with the matches
// marked: ANSI bold red on a terminal, «…» in text formats. JSON gets the
// scalar offsets instead (the `highlights` key), so nothing is lost.
import QueryEngine

enum MarkStyle {
  case ansi, guillemets, none

  var open: String {
    switch self {
    case .ansi: return "\u{1B}[1;31m"
    case .guillemets: return "«"
    case .none: return ""
    }
  }

  var close: String {
    switch self {
    case .ansi: return "\u{1B}[0m"
    case .guillemets: return "»"
    case .none: return ""
    }
  }
}

enum Snippet {
  /// `text` cut to about `window` scalars around the first range, with every
  /// range inside the window marked; … where it was cut.
  static func make(_ text: String, _ ranges: [Range<Int>], window: Int, style: MarkStyle) -> String {
    let scalars = Array(text.unicodeScalars)
    var start = 0
    if let first = ranges.first, scalars.count > window {
      start = max(0, min(first.lowerBound - window / 4, scalars.count - window))
    }
    let end = min(scalars.count, start + window)
    var out = start > 0 ? "…" : ""
    var i = start
    for r in ranges where r.upperBound > start && r.lowerBound < end {
      let lo = max(r.lowerBound, start), hi = min(r.upperBound, end)
      out += String(String.UnicodeScalarView(scalars[i..<lo]))
      out += style.open + String(String.UnicodeScalarView(scalars[lo..<hi])) + style.close
      i = hi
    }
    out += String(String.UnicodeScalarView(scalars[i..<end]))
    return end < scalars.count ? out + "…" : out
  }

  /// The field a hit's snippet shows: its reason when it has one, else its text.
  static func field(of hit: Hit) -> String {
    (hit.fields["reason"] ?? "").isEmpty ? "text" : "reason"
  }

  /// `{"reason":[[3,7]],"text":[[40,44]]}`: scalar offsets per field.
  static func json(_ h: Highlights) -> String {
    let parts = h.ranges.keys.sorted().map { key in
      "\"\(key)\":[" + h.ranges[key]!.map { "[\($0.lowerBound),\($0.upperBound)]" }.joined(separator: ",") + "]"
    }
    return "{" + parts.joined(separator: ",") + "}"
  }
}
