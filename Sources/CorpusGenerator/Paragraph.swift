// A paragraph as the templates compose it: canonical text (ASCII
// punctuation), numbers kept as values until the document's style formats
// them, and marks around the spans the ground truth needs verbatim (reasons,
// statement starts). DocumentWriter renders it and resolves the marks.

struct Paragraph {
  enum Piece {
    case text(String)
    /// Text printed exactly as given: no widening, no spaces around numbers.
    case verbatim(String)
    /// An amount in hundredths of 万元, formatted with the document's separator habit.
    case money(Int64)
    /// Basis points printed as a percent number (the `%` is separate text).
    case percent(Int64)
    case open(Int)
    case close(Int)
  }

  var pieces: [Piece] = []
  var pendingStatements: [PendingStatement] = []
  private var nextMark = 0

  init() {}

  init(_ text: String) { pieces = [.text(text)] }

  mutating func text(_ s: String) { pieces.append(.text(s)) }
  mutating func verbatim(_ s: String) { pieces.append(.verbatim(s)) }
  mutating func money(_ v: Int64) { pieces.append(.money(v)) }

  /// `X万元`.
  mutating func amount(_ v: Int64) {
    pieces.append(.money(v))
    pieces.append(.text("万元"))
  }

  /// `Y%` (the sign is the caller's: verbs carry it except in 差异率).
  mutating func rate(_ bp: Int64) {
    pieces.append(.percent(bp))
    pieces.append(.text("%"))
  }

  /// Opens a mark; `close` with the returned id ends it.
  mutating func open() -> Int {
    let id = nextMark
    nextMark += 1
    pieces.append(.open(id))
    return id
  }

  mutating func close(_ id: Int) { pieces.append(.close(id)) }

  /// A marked span of text.
  mutating func marked(_ s: String) -> Int {
    let id = open()
    text(s)
    close(id)
    return id
  }

  var isEmpty: Bool { pieces.isEmpty }
}

/// A statement whose reason text and line are known only once its paragraph
/// is rendered (widths, spaces, page breaks).
struct PendingStatement {
  var truth: TruthStatement
  /// Mark opened where the statement's sentence starts.
  var start: Int
  /// Mark around the reason, if it has one.
  var reason: Int?
}

extension Paragraph {
  /// Statements registered on a paragraph are resolved and recorded by
  /// DocumentWriter.paragraph(_:).
  mutating func statement(_ truth: TruthStatement, start: Int, reason: Int?) {
    pendingStatements.append(PendingStatement(truth: truth, start: start, reason: reason))
  }
}
