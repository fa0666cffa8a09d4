// The root command. Subcommands are thin: they parse options, call the
// library targets, and render; all logic lives below.
import ArgumentParser

public struct BudgetSearch: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "budgetsearch",
    abstract: "Search Chinese public budget and final-account disclosures (部门预算/决算公开说明).",
    discussion: """
      Exit codes: 0 hits (or success), 1 no hits, 2 usage or query error, 3 index error.

      Examples:
        budgetsearch search 'reason:工资基数调增'
        budgetsearch search 'reason:在职人员减少 rate<0' --format json
        budgetsearch index --rebuild
        budgetsearch extract Corpus/000_ad6359a2a97814ad.txt --format jsonl
      """,
    version: "0.1.0",
    subcommands: [
      SearchCommand.self, ProjectsCommand.self, ReasonsCommand.self, ShowCommand.self, StatsCommand.self,
      IndexCommand.self, ExtractCommand.self, CheckCommand.self,
      AnalyzeCommand.self, VerifyCommand.self,
    ],
    defaultSubcommand: nil)

  public init() {}
}

/// Where the corpus and the index live; defaults are relative to the working directory.
struct Locations: ParsableArguments {
  @Option(name: .long, help: "Folder of disclosure files to index.")
  var corpus: String = "Corpus"

  @Option(name: .long, help: "Index folder.")
  var index: String = "Index"

  var paths: IndexPaths { IndexPaths(corpus: corpus, index: index) }
}

/// The corpus and index folders as plain strings (what the commands' code passes around).
struct IndexPaths {
  var corpus: String
  var index: String
}
