// JSON string literals without Foundation, shared by every writer of JSON
// (the CLI's output rows, the generator's truth file, the bench's reports).

/// `s` as a JSON string literal: quotes, backslashes and control characters
/// escaped (`\n`, `\r`, `\t`, else `\u00XX`); every other scalar as is (UTF-8).
public func jsonQuoted(_ s: String) -> String {
  // Fast path: nothing to escape (the usual case).
  if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
    return "\"" + s + "\""
  }
  var out = "\""
  for u in s.unicodeScalars {
    switch u {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    default:
      if u.value < 0x20 {
        let h = String(u.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
      } else {
        out.unicodeScalars.append(u)
      }
    }
  }
  return out + "\""
}
