// How one document is typeset: the converter it went through (DOCX-like: one
// table cell per line; PDF-like: a blank line between lines, spaces around
// numbers, rows on one line, page breaks mid-sentence) and the habits of its
// author (punctuation width, thousands separators, reason markers). Drawn once
// per document so that a document is consistent with itself, as real ones
// mostly are, and the corpus varies between documents.

struct TextStyle: Sendable {
  enum Layout: String, Sendable { case docx, pdf }

  var layout: Layout
  /// Probability that an ASCII `,` `:` `;` `(` `)` in prose is printed full-width.
  var wideComma: Double
  var wideColon: Double
  var wideSemicolon: Double
  var wideParen: Double
  /// `(类)(款)(项)` markers full-width (budget documents) or half-width (final accounts).
  var wideSubjectParens: Bool
  /// `％` instead of `%` (rare).
  var widePercent: Bool
  /// Full-width digits in prose (`２０２４年`, rare; NFKC folds them).
  var wideDigits: Bool
  /// Probability that a paragraph puts spaces between Han characters and numbers (`2024 年`, `1.5 万元`).
  var spacedNumbers: Double
  /// Probability that an amount of 1,000 万元 or more gets thousands separators.
  var separators: Double
  /// Probability that a long paragraph is cut by a page break.
  var pageBreaks: Double
  /// Numbered items as `1. ` (PDF) or `1.`.
  var itemSpace: Bool
  /// The reason marker most statements use, and how often another one is used.
  var marker: String
  var markerVariation: Double
  /// How often a statement departs from the seed template (Phrasing).
  var variation: Double

  init(layout: Layout, kind: DocumentKindTag, rng: inout SeededRandom) {
    self.layout = layout
    let pdf = layout == .pdf
    wideComma = rng.pick([1.0, 1.0, 0.95, 0.85, 0.6])
    wideColon = rng.pick([1.0, 1.0, 0.9, 0.7])
    wideSemicolon = rng.pick([1.0, 0.95, 0.8])
    wideParen = rng.pick([1.0, 1.0, 0.9, 0.5])
    if rng.chance(0.04) {
      // Half-width punctuation throughout (CORPUS-GUIDE §10).
      (wideComma, wideColon, wideSemicolon, wideParen) = (0, 0, 0, 0)
    }
    wideSubjectParens = kind == .budget ? rng.chance(0.8) : rng.chance(0.15)
    widePercent = rng.chance(0.02)
    wideDigits = rng.chance(0.01)
    spacedNumbers = pdf ? rng.pick([1.0, 0.95, 0.8, 0.7]) : (rng.chance(0.05) ? 0.5 : 0)
    separators = pdf ? rng.pick([0.9, 1.0, 0.5, 0]) : rng.pick([0, 0, 0, 0.9])
    pageBreaks = pdf ? rng.pick([0.1, 0.15, 0.25]) : 0
    itemSpace = pdf ? rng.chance(0.85) : rng.chance(0.05)
    if kind == .budget {
      marker = rng.pick(["主要原因是:", "主要原因是", "主要原因是:", "主要原因为:"])
    } else {
      marker = rng.pick(["主要原因是:", "主要原因是:", "主要原因是:", "主要原因为:", "原因是:"])
    }
    markerVariation = rng.pick([0.0, 0.05, 0.15])
    variation = rng.pick([0, 0, 0, 0, 0.05, 0.15, 0.3])
  }

  /// A reason marker for one statement; `sentenceInitial` asks for `。主要原因是:`.
  func reasonMarker(_ rng: inout SeededRandom) -> (text: String, sentenceInitial: Bool) {
    if rng.chance(markerVariation) {
      let m = rng.pick(["主要原因是", "主要原因为:", "原因是:", "主要是", "主要原因是:", "主要原因:"])
      return (m, rng.chance(0.15))
    }
    return (marker, false)
  }
}

/// The two kinds of disclosure, as the generator's templates know them.
public enum DocumentKindTag: String, Sendable {
  case budget = "预算"
  case finalAccount = "决算"
}
