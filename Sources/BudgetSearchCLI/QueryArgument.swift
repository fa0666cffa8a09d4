// Queries may start with `-` (`-因公出国 三公`): a negation, not an option.
// ArgumentParser would read such a word as an unknown option, so before
// parsing, the query argument of `search`, `reasons` and `projects` is moved
// behind a `--` terminator when it starts with `-`.

enum QueryArgument {
  // Arrays, not Sets: a Set<String> costs a fresh process a runtime
  // conformance lookup (String: Hashable) before any work starts.
  static let commands: [String] = ["search", "reasons", "projects"]
  /// Options of those commands that take a value (the next argument).
  static let valued: [String] = [
    "--format", "-f", "--limit", "-l", "--sort", "--offset", "--group-by", "--corpus", "--index",
  ]

  static func protect(_ arguments: [String]) -> [String] {
    guard let command = arguments.first, commands.contains(command), !arguments.contains("--") else {
      return arguments
    }
    var i = 1
    while i < arguments.count {
      let a = arguments[i]
      if valued.contains(a) {
        i += 2
        continue
      }
      if isOption(a) {
        i += 1
        continue
      }
      guard a.hasPrefix("-") else { return arguments }  // the query, an ordinary word
      var rest = arguments
      rest.remove(at: i)
      return rest + ["--", a]
    }
    return arguments
  }

  /// `--name`, `--name=value`, or a single-letter `-x`.
  static func isOption(_ a: String) -> Bool {
    let u = Array(a.utf8)
    func letter(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) }
    if u.count >= 3, u[0] == 0x2D, u[1] == 0x2D, letter(u[2]) { return true }
    return u.count == 2 && u[0] == 0x2D && letter(u[1])
  }
}
