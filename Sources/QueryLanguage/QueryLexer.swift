// Query text → tokens. Works on Unicode scalars so that token ranges are the
// scalar offsets `SourceRange` promises. Full-width forms (`＞`, `：`, `（`,
// `２０２４`) are folded to ASCII one scalar for one scalar, so offsets stay
// aligned with the original text; term text keeps the scalars as typed (the
// engine normalizes it with the analyzer, DESIGN.md "same analyzer at both ends").

struct Token {
  enum Kind: Equatable { case word, phrase, leftParen, rightParen, and, or, not, minus, end }

  var kind: Kind
  /// Scalar offsets, quotes included for phrases.
  var range: Range<Int>
  /// The phrase text with escapes removed; empty for other kinds.
  var text: String = ""

  /// Whether this token can begin a clause (and so continues an implicit AND).
  var startsClause: Bool {
    switch kind {
    case .word, .phrase, .leftParen, .not, .minus: true
    case .rightParen, .and, .or, .end: false
    }
  }
}

struct QueryLexer {
  /// The query's scalars as typed, and folded one for one (see `fold`).
  let raw: [Unicode.Scalar]
  let folded: [Unicode.Scalar]

  init(_ text: String) {
    raw = Array(text.unicodeScalars)
    folded = raw.map(Self.fold)
  }

  /// The scalars of `range` as typed.
  func text(_ range: Range<Int>) -> String { Self.string(raw, range) }

  /// The scalars of `range` after folding full-width forms.
  func foldedText(_ range: Range<Int>) -> String { Self.string(folded, range) }

  /// Scalars appended one at a time: `String.UnicodeScalarView(slice)` goes
  /// through a generic initializer whose type the runtime first checks for
  /// its conformances (ArraySlice: Sequence), a scan of every conformance
  /// record of the static binary (≈ 60 µs of a fresh `search` process).
  static func string(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
    var view = String.UnicodeScalarView()
    for i in range { view.append(scalars[i]) }
    return String(view)
  }

  func tokenize() throws(QuerySyntaxError) -> [Token] {
    var tokens: [Token] = []
    var i = 0
    while true {
      while i < folded.count && folded[i].properties.isWhitespace { i += 1 }
      guard i < folded.count else { break }
      let token: Token
      switch folded[i] {
      case "(": token = Token(kind: .leftParen, range: i..<i + 1)
      case ")": token = Token(kind: .rightParen, range: i..<i + 1)
      case "\"", "“": token = try phrase(at: i)
      case "”":
        throw QuerySyntaxError(
          "unexpected closing quote '”'; a phrase opens with '“' or '\"'", at: .init(i..<i + 1))
      // At the start of a token `-` negates; the parser checks that a clause
      // follows with no space. Inside a word (`rate<-10`, `a-b`) it is text.
      case "-": token = Token(kind: .minus, range: i..<i + 1)
      default: token = word(at: i)
      }
      tokens.append(token)
      i = token.range.upperBound
    }
    tokens.append(Token(kind: .end, range: folded.count..<folded.count))
    return tokens
  }

  /// A word runs to whitespace, a parenthesis or a quote. Operator keywords
  /// are whole words, so `ANDROID` and `a&&b` are terms.
  private func word(at start: Int) -> Token {
    var end = start
    while end < folded.count && !Self.endsWord(folded[end]) { end += 1 }
    let kind: Token.Kind =
      switch foldedText(start..<end) {
      case "AND", "&&": .and
      case "OR", "||": .or
      case "NOT": .not
      default: .word
      }
    return Token(kind: kind, range: start..<end)
  }

  /// `"…"` or `“…”`. A backslash escapes a quote or a backslash; before any
  /// other scalar it is kept, so `"C:\data"` needs no doubling.
  private func phrase(at start: Int) throws(QuerySyntaxError) -> Token {
    let close: Unicode.Scalar = folded[start] == "“" ? "”" : "\""
    var text = String.UnicodeScalarView()
    var i = start + 1
    while i < folded.count && folded[i] != close {
      if folded[i] == "\\", i + 1 < folded.count, Self.isEscapable(folded[i + 1]) { i += 1 }
      text.append(raw[i])
      i += 1
    }
    guard i < folded.count else {
      throw QuerySyntaxError(
        "unterminated phrase; expected a closing '\(close)'", at: .init(start..<start + 1))
    }
    guard text.contains(where: { !$0.properties.isWhitespace }) else {
      throw QuerySyntaxError("empty phrase", at: .init(start..<i + 1))
    }
    return Token(kind: .phrase, range: start..<i + 1, text: String(text))
  }

  // MARK: Scalar classes

  static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    switch scalar.value {
    case 0xFF01...0xFF5E: Unicode.Scalar(scalar.value - 0xFEE0)!  // full-width ASCII
    case 0x3000: " "  // ideographic space
    case 0x2212: "-"  // minus sign
    case 0x2267: "≥"
    case 0x2266: "≤"
    default: scalar
    }
  }

  static func endsWord(_ s: Unicode.Scalar) -> Bool {
    s.properties.isWhitespace || s == "(" || s == ")" || isQuote(s)
  }

  static func isQuote(_ s: Unicode.Scalar) -> Bool { s == "\"" || s == "“" || s == "”" }

  static func isEscapable(_ s: Unicode.Scalar) -> Bool { isQuote(s) || s == "\\" }

  /// Scalars that make a word a field clause: `:` and comparison operators.
  static func isOperator(_ s: Unicode.Scalar) -> Bool {
    s == ":" || s == "<" || s == ">" || s == "=" || s == "≥" || s == "≤"
  }

  /// Whether `text` lexes back as one plain word: used by the canonical
  /// printer to decide between `word` and `"phrase"`. A field value
  /// (`reason:AND`, `reason:-x`) may be a keyword or start with `-`.
  static func isBareWord(_ text: String, asFieldValue fieldValue: Bool) -> Bool {
    let scalars = text.unicodeScalars.map(fold)
    guard let first = scalars.first else { return false }
    if scalars.contains(where: { endsWord($0) || isOperator($0) }) { return false }
    if fieldValue { return true }
    let word = String(String.UnicodeScalarView(scalars))
    return first != "-" && !["AND", "&&", "OR", "||", "NOT"].contains(word)
  }
}
