import ArgumentParser
import IndexFormat
import Indexing
import QueryEngine
import QueryLanguage
import TextAnalysis

struct SearchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "search",
    abstract: "Find records matching a query.",
    discussion: """
      Bare words and "phrases" must all occur (substring match after NFKC and case folding);
      scopes like reason: subject: project: dept: region: kind: basis: type: narrow them;
      numbers compare on typed columns: amount>100 (万元), rate<-10 (%), change<0, year:2022..2024.
      See docs/QUERY.md. If the index is missing or older than the corpus, it is rebuilt first.

      Examples:
        budgetsearch search 'reason:工资基数调增'
        budgetsearch search 'reason:在职人员减少 rate<0' --format json
        budgetsearch search '"三公" amount>50' --sort -amount --limit 5
        budgetsearch search 'kind:预算 rate>10' --format csv
      """)

  @Argument(help: "The query (quote it in the shell).")
  var query: String

  @OptionGroup var locations: Locations

  @Option(name: .shortAndLong, help: "Output format: table, json, jsonl, csv, tsv.")
  var format: String = "table"

  @Option(name: .shortAndLong, help: "At most this many hits (0 = all).")
  var limit: Int = 100

  @Option(parsing: .unconditional, help: "score (BM25, best first; the default), or amount, prior, change, rate, year, budget, executed (ascending; prefix - for descending).")
  var sort: String = "score"

  @Option(name: .long, help: "Skip this many hits (after sorting).")
  var offset: Int = 0

  @Option(name: .customLong("group-by"), help: "Group hits by dept, region, year, kind, subject, type or file: counts, amount sums and min/max, rate min/max.")
  var groupBy: String?

  @Flag(help: "Print only the number of hits.")
  var count = false

  @Flag(help: "Use the index as it is, without checking the corpus for changes.")
  var noUpdate = false

  @Option(help: "Threads one query may use: segments (large ones cut into doc ranges) are searched side by side (default: the processors online, at most 8). 1 suits scripts that run many searches at once.")
  var threads: Int?

  func validate() throws { try request.validate() }

  func run() throws { try request.run() }

  /// The parsed command line as plain values.
  var request: SearchRequest {
    SearchRequest(
      query: query, locations: locations.paths, format: format, limit: limit, sort: sort, offset: offset,
      groupBy: groupBy, count: count, noUpdate: noUpdate, threads: threads)
  }
}

/// What `search` runs, without ArgumentParser's property wrappers, so the fast
/// path below can build one straight from the arguments.
struct SearchRequest {
  var query: String
  var locations: IndexPaths
  var format = "table"
  var limit = 100
  var sort = "score"
  var offset = 0
  var groupBy: String?
  var count = false
  var noUpdate = false
  var threads: Int?

  func validate() throws {
    try OutputFormat.validate(format)
    if let threads, threads < 1 { throw ValidationError("--threads must be 1 or more") }
    guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
    guard offset >= 0 else { throw ValidationError("--offset must be 0 or more") }
    if let groupBy, GroupKey(rawValue: groupBy) == nil {
      throw ValidationError("cannot group by '\(groupBy)'; expected one of \(GroupKey.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    switch sort.hasPrefix("-") ? String(sort.dropFirst()) : sort {
    case "score", "amount", "prior", "change", "rate", "year", "budget", "executed": break
    default:
      throw ValidationError("cannot sort by '\(sort)'; expected score, amount, prior, change, rate, year, budget or executed (prefix - for descending)")
    }
  }

  func run() throws {
    let parsed = try parseQuery(query)
    if count {
      // No hit list: a lone two-character term or keyword is counted from the dictionary.
      let total = try withSearcher(query: query, locations: locations, allowUpdate: !noUpdate, threads: threads) {
        try $0.count(parsed)
      }
      Console.out("\(total)")
      if total == 0 { throw ExitCode(ExitStatus.noHits.rawValue) }
      return
    }
    let (searcher, found) = try runQuery(parsed, query: query, locations: locations, allowUpdate: !noUpdate, threads: threads)
    let total = found.count
    let output = OutputFormat(rawValue: format)!
    do {
      var refs = found
      var scores: [HitRef: Double] = [:]
      if sort == "score" || sort == "-score" {
        if groupBy == nil {
          // Only the page shown is ranked in order (a bounded heap, not a sort of every hit).
          let ranked = try searcher.rank(found, query: parsed, limit: limit == 0 ? nil : offset + limit)
          refs = ranked.map(\.ref)
          for r in ranked { scores[r.ref] = r.score }
        }
      } else {
        let desc = sort.hasPrefix("-")
        refs = try searcher.sort(found, by: desc ? String(sort.dropFirst()) : sort, descending: desc)
      }
      if let groupBy, let key = GroupKey(rawValue: groupBy) {
        let groups = try searcher.group(refs, by: key)
        let page = window(groups)
        Console.write(RowRenderer.render(page.map { OutputRow(group: $0, key: key) }, as: output))
        if page.count < groups.count { Console.error("showing \(page.count) of \(groups.count) groups; --limit 0 shows all") }
      } else {
        let shown = window(refs)
        let highlighter = Highlighter(query: parsed)
        let style: MarkStyle = output == .table && Console.stdoutIsTerminal ? .ansi : .guillemets
        let hits = try searcher.load(shown, columns: output == .table ? TableRenderer.columns : nil)
        let rows = zip(shown, hits).map { ref, hit in
          OutputRow(hit: hit, highlights: highlighter.highlights(hit.fields), style: style, score: scores[ref])
        }
        Console.write(RowRenderer.render(rows, as: output))
        if shown.count < total {
          let from = offset > 0 ? " (from \(min(offset, total) + 1))" : ""
          Console.error("showing \(shown.count) of \(total) hits\(from); --limit 0 shows all")
        }
      }
    } catch { throw CLIError.from(error) }
    if total == 0 { throw ExitCode(ExitStatus.noHits.rawValue) }
  }

  /// The page --offset and --limit select.
  func window<T>(_ all: [T]) -> [T] {
    let start = min(offset, all.count)
    let end = limit == 0 ? all.count : min(all.count, start + limit)
    return Array(all[start..<end])
  }

  /// `search` arguments in their plain form, parsed without ArgumentParser:
  /// ArgumentParser reflects over every command's property wrappers on each
  /// run (a millisecond and more per process, and scripts start thousands).
  /// Returns nil for anything else (help, `--name=value`, a repeated or
  /// unknown option, a missing or malformed value, a failed validation), and
  /// the caller hands the arguments to ArgumentParser, which then parses or
  /// reports them exactly as before. `arguments` are after QueryArgument.protect.
  static func fastParse(_ arguments: [String]) -> SearchRequest? {
    guard arguments.first == "search" else { return nil }
    var query: String?
    var corpus: String?, index: String?, format: String?, limit: Int?, sort: String?, offset: Int?, groupBy: String?
    var threads: Int?
    var count = false, noUpdate = false
    var i = 1
    var terminated = false
    while i < arguments.count {
      let a = arguments[i]
      i += 1
      if terminated || !a.hasPrefix("-") {
        guard query == nil else { return nil }
        query = a
        continue
      }
      if a == "--" {
        terminated = true
        continue
      }
      if a == "--count" || a == "--no-update" {
        if a == "--count" {
          guard !count else { return nil }
          count = true
        } else {
          guard !noUpdate else { return nil }
          noUpdate = true
        }
        continue
      }
      // Valued options: the value is the next argument; only --sort takes one starting with '-'.
      guard i < arguments.count else { return nil }
      let v = arguments[i]
      i += 1
      if a != "--sort" && v.hasPrefix("-") { return nil }
      func set<T>(_ slot: inout T?, _ value: T?) -> Bool {
        guard slot == nil, let value else { return false }
        slot = value
        return true
      }
      let ok: Bool
      switch a {
      case "--corpus": ok = set(&corpus, v)
      case "--index": ok = set(&index, v)
      case "--format", "-f": ok = set(&format, v)
      case "--limit", "-l": ok = set(&limit, Int(v))
      case "--sort": ok = set(&sort, v)
      case "--offset": ok = set(&offset, Int(v))
      case "--group-by": ok = set(&groupBy, v)
      case "--threads": ok = set(&threads, Int(v))
      default: ok = false
      }
      guard ok else { return nil }
    }
    guard let query else { return nil }
    var r = SearchRequest(query: query, locations: IndexPaths(corpus: corpus ?? "Corpus", index: index ?? "Index"))
    if let format { r.format = format }
    if let limit { r.limit = limit }
    if let sort { r.sort = sort }
    if let offset { r.offset = offset }
    r.groupBy = groupBy
    r.count = count
    r.noUpdate = noUpdate
    r.threads = threads
    do { try r.validate() } catch { return nil }
    return r
  }
}

/// Builds the index first when it is missing or stale (saying so on stderr).
func ensureIndex(_ l: IndexPaths, allowUpdate: Bool) throws {
  do {
    let hasManifest = FileSystem.exists(l.index + "/" + Manifest.fileName)
    if !allowUpdate || (hasManifest && !FileSystem.isDirectory(l.corpus)) {
      if !hasManifest { throw CLIError(message: IndexFormatError.missing(path: l.index).description, status: .index) }
      return
    }
    if try IndexWriter.isStale(index: l.index, corpus: l.corpus) {
      Console.error("budgetsearch: " + staleReason(l) + "; building it from \(l.corpus)")
      _ = try IndexCommand.build(locations: l, quiet: false)
    }
  } catch let e as IndexingError { throw CLIError.from(e) }
}

/// Why the index must be (re)built, in words: missing, unreadable, another
/// analyzer or field schema, or a changed corpus.
func staleReason(_ l: IndexPaths) -> String {
  guard FileSystem.exists(l.index + "/" + Manifest.fileName) else { return "no index in \(l.index)" }
  do {
    let m = try Manifest.read(directory: l.index, includeSources: false)
    if m.analyzer != AnalyzerID.current.description {
      return "\(l.index) was built by analyzer \(m.analyzer), this build uses \(AnalyzerID.current)"
    }
    if !Schema.isCurrent(m) { return "\(l.index) was built with another field schema than this build's" }
    return "\(l.corpus) changed since \(l.index) was built"
  } catch {
    return "\(l.index) cannot be read (\(error))"
  }
}
