import ArgumentParser
import TextAnalysis

struct AnalyzeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "analyze",
    abstract: "Show the tokens the analyzer makes of a text, to explain a match or a miss.",
    discussion: """
      Prints the matching form (NFKC, case-folded, spaces next to CJK removed), the gram view
      (term@position: what substring matching uses, and what ranks `text`) and the ICU word
      view (what ranks `reason` and `subject`).

      Example:
        budgetsearch analyze '在职人员工资基数调增'
      """)

  @Argument(help: "The text to analyze.")
  var text: String

  func run() throws {
    do {
      let form = try MatchForm.fromRaw(text)
      Console.out("analyzer: \(AnalyzerID.current)")
      Console.out("form:     \(form)")
      Console.out("grams:    " + Analyzer.grams(form).map(\.description).joined(separator: " "))
      Console.out("words:    " + (try Analyzer.words(form, segmenter: Segmenter())).joined(separator: " | "))
    } catch {
      throw CLIError(message: error.description, status: .usage)
    }
  }
}
