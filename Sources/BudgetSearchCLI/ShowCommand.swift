import ArgumentParser
import IndexFormat
import QueryEngine

struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Show a record in its context: document, section, and the records around it.",
    discussion: """
      ID is the `id` of a search hit (valid for the index generation that printed it).

      Example:
        budgetsearch show 1:52
        budgetsearch show 1:52 --context 3 --format json
      """)

  @Argument(help: "A hit id such as 1:52.")
  var id: String

  @OptionGroup var locations: Locations

  @Option(help: "How many records before and after to show.")
  var context: Int = 2

  @Option(name: .shortAndLong, help: "Output format: table, json, jsonl, csv, tsv.")
  var format: String = "table"

  func validate() throws {
    try OutputFormat.validate(format)
    guard context >= 0 else { throw ValidationError("--context must be 0 or more") }
  }

  func run() throws {
    let parts = id.split(separator: ":")
    guard parts.count == 2, let generation = UInt64(parts[0]), let doc = UInt32(parts[1]) else {
      throw CLIError(message: "'\(id)' is not a hit id (expected <segment>:<doc>, e.g. 1:52, as search prints)", status: .usage)
    }
    try ensureIndex(locations.paths, allowUpdate: false)
    do {
      let searcher = try Searcher(reader: try IndexReader(directory: locations.index, includeSources: false))
      guard let s = searcher.reader.segments.firstIndex(where: { $0.meta.generation == generation }),
        doc < UInt32(searcher.reader.segments[s].meta.docCount)
      else {
        throw CLIError(message: "no record \(id) in \(locations.index) (ids change when the index is rebuilt; search again)", status: .noHits)
      }
      let target = try searcher.load(HitRef(segment: s, doc: doc))
      var rows: [OutputRow] = []
      let lo = doc >= UInt32(context) ? doc - UInt32(context) : 0
      let hi = min(UInt32(searcher.reader.segments[s].meta.docCount), doc + UInt32(context) + 1)
      for d in lo..<hi {
        let hit = try searcher.load(HitRef(segment: s, doc: d))
        guard hit.file["path"] == target.file["path"] else { continue }  // context stays in the document
        let mark: MarkStyle = d == doc ? .guillemets : .none
        rows.append(OutputRow(hit: hit, highlights: Highlights(), style: mark))
      }
      if format == "table" {
        Console.out("\(target.file["path"] ?? "")  \(target.file["dept"] ?? "")  \(target.numbers["year"].map { String($0.value) } ?? "")\(target.file["file_kind"] ?? "")")
        Console.out("section: \(target.fields["section"] ?? "")")
        for (row, d) in zip(rows, lo..<hi) {
          let marker = d == doc ? "▶" : " "
          Console.out("\(marker) \(row["line"].plain): [\(row["type"].plain)] \(row["text"].plain)")
        }
      } else {
        Console.write(RowRenderer.render(rows, as: OutputFormat(rawValue: format)!))
      }
    } catch let e as SearchError {
      throw CLIError.from(e)
    } catch let e as IndexFormatError {
      throw CLIError(message: e.description, status: .index)
    }
  }
}
