import ArgumentParser
import Disclosure
import IndexFormat
import Indexing

/// `budgetsearch check [FILE…]`: inconsistencies a careful reader would flag
/// (Disclosure/ConsistencyChecker.swift), one row per finding.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Report numbers in disclosures that disagree with each other.",
    discussion: """
      Checks: stated rates against the stated amounts (±0.01 percentage points,
      a rate on a zero base), parts against their totals (a residue of 0.01 is
      rounding), shares that do not sum to 100%, 实有人数 against 在职+离休+退休,
      公务用车保有量 against 固定资产车辆, a budget's 整体绩效目标 against its total.
      Files that cannot be read or decoded are reported on stderr and skipped.
      Exit 0 when nothing is found, 1 when there are findings, 2 when no file
      could be read.

      Columns: file, line, check, numbers, message.

      Examples:
        budgetsearch check
        budgetsearch check Corpus/004_85ba5e7a02b017f7.txt --format jsonl
      """)

  @Argument(help: "Disclosure files (default: every file in Corpus/).")
  var files: [String] = []

  @Option(name: .shortAndLong, help: "Output format: table or jsonl.")
  var format: String = "table"

  func validate() throws {
    try OutputFormat.validate(format, among: [.table, .jsonl])
  }

  func run() throws {
    var paths = files
    if paths.isEmpty {
      do {
        paths = try IndexWriter.corpusFiles("Corpus").map { "Corpus/" + $0.path }
      } catch {
        throw CLIError(message: "\(error)", status: .usage)
      }
    }
    var rows: [OutputRow] = []
    var failures = 0
    for path in paths {
      do {
        let bytes = try FileSystem.readFile(path)
        let document = try DisclosureParser.parse(path: path, bytes: bytes)
        for f in ConsistencyChecker.check(document) {
          rows.append(
            OutputRow(values: [
              ("file", .string(f.file)), ("line", .decimal(Int64(f.line), decimals: 0)),
              ("check", .string(f.check)), ("numbers", .string(f.numbers.joined(separator: " "))),
              ("message", .string(f.message)),
            ], isGroup: true))  // isGroup: the plain table of these columns
        }
      } catch {
        failures += 1
        Console.error("budgetsearch: skipped \(path): \(error)")
      }
    }
    if failures == paths.count { throw ExitCode(ExitStatus.usage.rawValue) }
    if !rows.isEmpty { Console.write(RowRenderer.render(rows, as: OutputFormat(rawValue: format)!)) }
    if !rows.isEmpty { throw ExitCode(ExitStatus.noHits.rawValue) }
  }
}
