import ArgumentParser
import IndexFormat
import QueryEngine
import QueryLanguage

struct StatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Summarize the index: documents, records by type, departments, years, size.",
    discussion: """
      Example:
        budgetsearch stats
      """)

  @OptionGroup var locations: Locations

  func run() throws {
    try ensureIndex(locations.paths, allowUpdate: true)
    do {
      let reader = try IndexReader(directory: locations.index)
      let searcher = try Searcher(reader: reader)
      // Every record has exactly one type, so this selects every live record.
      let everyType = KeywordField.type.allowedValues.map { QueryNode.keyword(field: .type, value: $0, range: SourceRange(0..<0)) }
      let all = try searcher.search(.or(everyType))
      let byType = try searcher.group(all, by: .type)
      let depts = try searcher.group(all, by: .dept)
      let years = try searcher.group(all, by: .year).sorted { $0.key < $1.key }
      let kinds = try searcher.group(all, by: .kind)
      let files = try searcher.group(all, by: .file)
      var bytes = 0
      for name in try FileSystem.list(locations.index) {
        bytes += FileSystem.fileStatus(locations.index + "/" + name)?.size ?? 0
      }
      let sourceBytes = reader.manifest.sources.reduce(0) { $0 + $1.size }
      Console.out("index       \(locations.index) (generation \(reader.manifest.generation), \(reader.segments.count) segment(s))")
      Console.out("analyzer    \(reader.manifest.analyzer)")
      Console.out("documents   \(files.count) of \(reader.manifest.sources.count) files")
      Console.out("records     \(all.count): " + byType.map { "\($0.count) \($0.key)" }.joined(separator: ", "))
      Console.out("departments \(depts.count)")
      Console.out("years       " + years.map { "\($0.key.isEmpty ? "?" : $0.key) (\($0.count))" }.joined(separator: ", "))
      Console.out("kinds       " + kinds.map { "\($0.key.isEmpty ? "?" : $0.key) (\($0.count))" }.joined(separator: ", "))
      let share = sourceBytes > 0 ? formatted(Double(bytes) * 100 / Double(sourceBytes), 1) + "% of the corpus" : ""
      Console.out("size        \(formatted(Double(bytes) / 1_000_000, 2)) MB, \(share) (\(formatted(Double(sourceBytes) / 1_000_000, 2)) MB)")
    } catch let e as SearchError {
      throw CLIError.from(e)
    } catch let e as IndexFormatError {
      throw CLIError(message: e.description, status: .index)
    }
  }
}
