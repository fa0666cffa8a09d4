import ArgumentParser
import IndexFormat
import QueryEngine
import QueryLanguage

struct ReasonsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reasons",
    abstract: "The most cited reasons (near-identical phrasings grouped), with the departments citing each.",
    discussion: """
      Considers the statements matching QUERY (all statements when omitted). Ordered by how many
      departments cite a reason, then by statements.

      Examples:
        budgetsearch reasons
        budgetsearch reasons 'rate<-10' --limit 5
        budgetsearch reasons 'kind:预算' --format json
      """)

  @Argument(help: "Restrict to statements matching this query.")
  var query: String?

  @OptionGroup var locations: Locations

  @Option(name: .shortAndLong, help: "Output format: table, json, jsonl, csv, tsv.")
  var format: String = "table"

  @Option(name: .shortAndLong, help: "At most this many reasons (0 = all).")
  var limit: Int = 20

  func validate() throws {
    try OutputFormat.validate(format)
  }

  func run() throws {
    let statements = QueryNode.keyword(field: .type, value: "statement", range: SourceRange(0..<0))
    let node = try query.map { .and([statements, try parseQuery($0)]) } ?? statements
    let (searcher, refs) = try runQuery(node, query: query ?? "", locations: locations.paths)
    let items: [(reason: String, department: String)]
    do {
      items = try searcher.fieldPairs(refs, recordField: "reason", fileField: "dept").map { ($0.record, $0.file) }
    } catch { throw CLIError.from(error) }
    let clusters = ReasonClusters.cluster(items)
    let shown = limit == 0 ? clusters : Array(clusters.prefix(limit))
    let rows = shown.map { c in
      OutputRow(
        values: [
          ("reason", .string(c.reason)), ("departments", .decimal(Int64(c.departments.count), decimals: 0)),
          ("statements", .decimal(Int64(c.statements), decimals: 0)),
          ("variants", .decimal(Int64(c.variants), decimals: 0)),
          ("department_list", format == "json" || format == "jsonl"
            ? .json("[" + c.departments.map(RowRenderer.jsonString).joined(separator: ",") + "]")
            : .string(c.departments.joined(separator: "、"))),
        ], isGroup: true)
    }
    Console.write(RowRenderer.render(rows, as: OutputFormat(rawValue: format)!))
    if shown.count < clusters.count { Console.error("showing \(shown.count) of \(clusters.count) reasons; --limit 0 shows all") }
    if clusters.isEmpty { throw ExitCode(ExitStatus.noHits.rawValue) }
  }
}

/// Parses a query or throws the caret error (exit 2).
func parseQuery(_ text: String) throws -> QueryNode {
  do {
    return try QueryParser.parse(text)
  } catch {
    throw CLIError(message: "invalid query\n" + renderCaret(query: text, error: error), status: .usage)
  }
}

/// Opens the index (building it first if needed) and runs a query.
func runQuery(
  _ node: QueryNode, query: String, locations: IndexPaths, allowUpdate: Bool = true, threads: Int? = nil
) throws -> (Searcher, [HitRef]) {
  try withSearcher(query: query, locations: locations, allowUpdate: allowUpdate, threads: threads) { ($0, try $0.search(node)) }
}

/// Opens the index (building or updating it first when allowed) and runs
/// `body` on it; query errors become exit 2 with a caret, index errors exit 3.
/// `threads`: Searcher.threads, its default when nil.
func withSearcher<T>(
  query: String, locations: IndexPaths, allowUpdate: Bool, threads: Int? = nil, _ body: (Searcher) throws -> T
) throws -> T {
  try ensureIndex(locations, allowUpdate: allowUpdate)
  do {
    let reader = try IndexReader(directory: locations.index, includeSources: false)
    OpenIndex.keep(reader)
    let searcher = try Searcher(reader: reader)
    if let threads { searcher.threads = threads }
    return try body(searcher)
  } catch let e as SearchError {
    if case .query(let message, let range) = e {
      throw CLIError(message: "invalid query\n" + renderCaret(query: query, error: QuerySyntaxError(message, at: range)), status: .usage)
    }
    throw CLIError.from(e)
  } catch let e as IndexFormatError {
    throw CLIError(message: e.description, status: .index)
  }
}
