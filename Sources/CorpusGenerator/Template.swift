// Vocabulary templates: `{Y}`, `{PRJ}`, `{S}`… filled in one pass over the
// scalars (the standard library's `replacing` allocates per key and showed
// up in profiles of 500 MB runs).

/// `{KEY}` placeholders filled in one pass; unknown keys are left as written.
enum Template {
  static func fill(_ template: String, _ values: [String: String]) -> String {
    var u = template.unicodeScalars.makeIterator()
    guard template.utf8.contains(UInt8(ascii: "{")) else { return template }
    var out = String.UnicodeScalarView()
    while let c = u.next() {
      guard c == "{" else {
        out.append(c)
        continue
      }
      var key = String.UnicodeScalarView()
      var closed = false
      while let k = u.next() {
        if k == "}" {
          closed = true
          break
        }
        key.append(k)
      }
      let name = String(key)
      if closed, let v = values[name] {
        out.append(contentsOf: v.unicodeScalars)
      } else {
        out.append("{")
        out.append(contentsOf: key)
        if closed { out.append("}") }
      }
    }
    return String(out)
  }
}
