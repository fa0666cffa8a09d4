import ArgumentParser
import Disclosure
import IndexFormat

struct ExtractCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "extract",
    abstract: "Print the records of disclosure files, without touching the index.",
    discussion: """
      Files that cannot be read or decoded are reported on stderr and skipped.
      Exit 0 when any record was printed, 1 when none, 2 when no file could be read.

      Examples:
        budgetsearch extract Corpus/000_ad6359a2a97814ad.txt
        budgetsearch extract Corpus/*.txt --format jsonl --type statement
      """)

  @Argument(help: "Disclosure files.")
  var files: [String]

  @Option(name: .shortAndLong, help: "Output format: table, json, jsonl, csv, tsv.")
  var format: String = "jsonl"

  @Option(help: "Only records of this type: statement, project or passage.")
  var type: String?

  func validate() throws {
    try OutputFormat.validate(format)
    if let type, RecordType(rawValue: type) == nil {
      throw ValidationError("unknown type '\(type)'; expected statement, project or passage")
    }
  }

  func run() throws {
    var rows: [OutputRow] = []
    var failures = 0
    for path in files {
      do {
        let bytes = try FileSystem.readFile(path)
        let document = try DisclosureParser.parse(path: path, bytes: bytes)
        for (i, r) in document.records.enumerated() where type == nil || r.type.rawValue == type {
          rows.append(OutputRow(record: r, info: document.info, ordinal: i))
        }
      } catch {
        failures += 1
        Console.error("budgetsearch: skipped \(path): \(error)")
      }
    }
    Console.write(RowRenderer.render(rows, as: OutputFormat(rawValue: format)!))
    if failures == files.count { throw ExitCode(ExitStatus.usage.rawValue) }
    if rows.isEmpty { throw ExitCode(ExitStatus.noHits.rawValue) }
  }
}
