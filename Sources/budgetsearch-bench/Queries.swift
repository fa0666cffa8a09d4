// `query`: the query set in process, on one open index (warm), with checked hit counts.
import Glibc
import IndexFormat
import QueryEngine
import QueryLanguage

struct BenchQuery {
  var name: String
  var text: String
}

/// `name<TAB>query` lines; blank lines and lines starting with # are skipped.
func loadQueries(_ path: String) -> [BenchQuery] {
  String(decoding: readAll(path), as: UTF8.self).split(separator: "\n").compactMap { line in
    if line.hasPrefix("#") || line.allSatisfy(\.isWhitespace) { return nil }
    let parts = line.split(separator: "\t", maxSplits: 1)
    guard parts.count == 2 else { fail("\(path): expected name<TAB>query: \(line)") }
    return BenchQuery(name: String(parts[0]), text: String(parts[1]))
  }
}

/// `name<TAB>count` lines.
func loadExpected(_ path: String) -> [String: Int] {
  var out: [String: Int] = [:]
  for line in String(decoding: readAll(path), as: UTF8.self).split(separator: "\n") {
    let parts = line.split(separator: "\t")
    if parts.count >= 2, let n = Int(parts[1]) { out[String(parts[0])] = n }
  }
  return out
}

func percentile(_ sorted: [UInt64], _ p: Double) -> Double {
  // Nearest rank.
  let rank = max(1, Int((p * Double(sorted.count)).rounded(.up)))
  return Double(sorted[min(rank, sorted.count) - 1])
}

func runQueries(_ o: Options) {
  let indexPath = o.required("index"), runs = max(1, o.int("runs", default: 50))
  let queries = loadQueries(o.required("queries"))
  // count: the number of hits (what the peers' count queries answer);
  // top10: the hits, BM25-ranked, the best 10 kept (what `search` shows).
  let mode = o.values["mode"] ?? "count"
  guard mode == "count" || mode == "top10" else { fail("--mode is count or top10") }
  let expected = o.values["expect"].map(loadExpected)
  let t0 = now()
  let plans: [String: SubstringPlan] = ["auto": .automatic, "leapfrog": .leapfrog, "merge": .merge]
  guard let plan = plans[o.values["plan"] ?? "auto"] else { fail("--plan is auto, leapfrog or merge") }
  let searcher: Searcher
  do { searcher = try Searcher(reader: try IndexReader(directory: indexPath)) } catch { fail("open: \(error)") }
  searcher.substringPlan = plan
  if let threads = o.values["threads"] {
    guard let n = Int(threads), n >= 1 else { fail("--threads is a number, 1 or more") }
    searcher.threads = n
  }
  let openMicros = Double(now() - t0) / 1e3
  note("query: opened \(indexPath) (\(searcher.reader.segments.count) segments, \(searcher.reader.liveDocCount) records, \(searcher.threads) threads) in \(fmt(openMicros, 0)) µs")
  var mismatches: [String] = []
  for q in queries {
    func once() -> Int {
      do {
        let query = try QueryParser.parse(q.text)
        if mode == "count" { return try searcher.count(query) }
        let hits = try searcher.search(query)
        blackHole(try searcher.rank(hits, query: query, limit: 10))
        return hits.count
      } catch { fail("\(q.name): \(error)") }
    }
    let first = once()  // warm-up: touches the pages this query needs
    var times: [UInt64] = []
    times.reserveCapacity(runs)
    for _ in 0..<runs {
      let t = now()
      let n = once()
      times.append(now() - t)
      precondition(n == first, "\(q.name): hit count changed between runs (\(first) then \(n))")
      blackHole(n)
    }
    times.sort()
    let median = percentile(times, 0.5) / 1e3, p95 = percentile(times, 0.95) / 1e3
    var status = "unchecked"
    if let want = expected?[q.name] {
      status = want == first ? "ok" : "MISMATCH"
      if want != first { mismatches.append("\(q.name): \(first) hits, truth \(want)") }
    }
    note("  \(q.name): \(first) hits, median \(fmt(median, 1)) µs, p95 \(fmt(p95, 1)) µs [\(status)]")
    emit([
      ("tool", "budgetsearch"), ("query", q.name), ("mode", mode), ("hits", first), ("runs", runs),
      ("median_us", median), ("p95_us", p95), ("check", status), ("threads", searcher.threads),
    ])
  }
  emit([("tool", "budgetsearch"), ("open_us", openMicros), ("peak_rss_bytes", peakRSS())])
  if !mismatches.isEmpty {
    for m in mismatches { note("DISAGREEMENT \(m)") }
    exit(1)
  }
}
