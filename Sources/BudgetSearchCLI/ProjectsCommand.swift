import ArgumentParser
import QueryEngine
import QueryLanguage

struct ProjectsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "projects",
    abstract: "Project series across years, each year's amounts side by side.",
    discussion: """
      Finds projects (项目名称) matching QUERY and groups them, per department, into series:
      names that differ only by a year (2023年…经费 / 2024年…经费), punctuation or a small edit
      are one project. Amounts: 全年预算数 (budget) and 全年执行数 (executed), 万元.

      Examples:
        budgetsearch projects 培训
        budgetsearch projects 'project:经费 executed>100' --format json
      """)

  @Argument(help: "Which projects (a query; bare words match the project row's text).")
  var query: String

  @OptionGroup var locations: Locations

  @Option(name: .shortAndLong, help: "Output format: table, json, jsonl.")
  var format: String = "table"

  @Option(name: .shortAndLong, help: "At most this many series (0 = all).")
  var limit: Int = 50

  func validate() throws {
    try OutputFormat.validate(format, among: [.table, .json, .jsonl])
  }

  func run() throws {
    let projects = QueryNode.keyword(field: .type, value: "project", range: SourceRange(0..<0))
    let (searcher, refs) = try runQuery(.and([projects, try parseQuery(query)]), query: query, locations: locations.paths)
    var items: [(department: String, entry: ProjectEntry)] = []
    do {
      for ref in refs {
        let h = try searcher.load(ref)
        items.append((
          h.file["dept"] ?? "",
          ProjectEntry(
            name: h.fields["subject"] ?? "", year: h.numbers["year"].map { Int($0.value) },
            kind: h.file["file_kind"] ?? "", budget: h.numbers["budget"]?.value, executed: h.numbers["executed"]?.value, id: h.id)
        ))
      }
    } catch { throw CLIError.from(error) }
    let all = ProjectSeriesBuilder.build(items)
    let series = limit == 0 ? all : Array(all.prefix(limit))
    func money(_ v: Int64?) -> String { v.map { OutputValue.decimal($0, decimals: 2).plain } ?? "-" }
    if format == "table" {
      for s in series {
        Console.out("\(s.name)  —  \(s.department)")
        for e in s.entries {
          Console.out("  \(e.year.map(String.init) ?? "????")\(e.kind)  budget \(money(e.budget))  executed \(money(e.executed))  \(e.name)  [\(e.id)]")
        }
      }
    } else {
      var lines: [String] = []
      for s in series {
        let entries = s.entries.map { e in
          "{\"year\":\(e.year.map(String.init) ?? "null"),\"kind\":\(RowRenderer.jsonString(e.kind)),\"name\":\(RowRenderer.jsonString(e.name)),"
            + "\"budget\":\(e.budget.map { OutputValue.decimal($0, decimals: 2).plain } ?? "null"),"
            + "\"executed\":\(e.executed.map { OutputValue.decimal($0, decimals: 2).plain } ?? "null"),"
            + "\"id\":\(RowRenderer.jsonString(e.id))}"
        }
        lines.append("{\"department\":\(RowRenderer.jsonString(s.department)),\"name\":\(RowRenderer.jsonString(s.name)),\"entries\":[\(entries.joined(separator: ","))]}")
      }
      Console.write(format == "json" ? "[" + lines.map { "\n  " + $0 }.joined(separator: ",") + (lines.isEmpty ? "]\n" : "\n]\n") : lines.map { $0 + "\n" }.joined())
    }
    if series.count < all.count { Console.error("showing \(series.count) of \(all.count) series; --limit 0 shows all") }
    if all.isEmpty { throw ExitCode(ExitStatus.noHits.rawValue) }
  }
}
