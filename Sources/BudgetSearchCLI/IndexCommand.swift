import ArgumentParser
import Indexing
import TextAnalysis

struct IndexCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "index",
    abstract: "Build or update the index from the corpus folder.",
    discussion: """
      Files that cannot be decoded are reported on stderr and skipped; the rest are indexed.

      Examples:
        budgetsearch index
        budgetsearch index --corpus ~/disclosures --index /tmp/bs-index --rebuild
        budgetsearch index --merge      # one segment: slower to write, every search visits one
      """)

  @OptionGroup var locations: Locations

  @Flag(help: "Rebuild even if the index is up to date.")
  var rebuild = false

  @Flag(help: "Merge all segments into one after updating (takes a while on a large index; searches then open and visit one segment).")
  var merge = false

  @Flag(name: .shortAndLong, help: "Print nothing on success.")
  var quiet = false

  func run() throws {
    let l = locations.paths
    do {
      if !rebuild, !merge, !(try IndexWriter.isStale(index: l.index, corpus: l.corpus)) {
        IndexWriter.removeLeftovers(index: l.index)
        if !quiet { Console.error("\(l.index) is up to date with \(l.corpus)") }
        return
      }
      _ = try IndexCommand.build(locations: l, quiet: quiet, rebuild: rebuild, merge: merge)
    } catch let e as IndexingError { throw CLIError.from(e) }
  }

  /// Builds the index, reporting skipped files and a one-line summary on stderr.
  static func build(locations l: IndexPaths, quiet: Bool, rebuild: Bool = false, merge: Bool = false) throws -> IndexingReport {
    let start = Console.now()
    let report = try IndexWriter.build(corpus: l.corpus, index: l.index, rebuild: rebuild, mergeAll: merge) { path, reason in
      Console.error("budgetsearch: skipped \(l.corpus)/\(path): \(reason)")
    }
    if !quiet {
      let seconds = Console.now() - start
      let mb = Double(report.bytesRead) / 1_000_000
      Console.error(
        "indexed \(report.files) files (\(formatted(mb, 2)) MB read, \(report.records) records) in \(formatted(seconds, 2)) s"
          + (report.unchanged > 0 ? ", \(report.unchanged) unchanged" : "")
          + (report.removed > 0 ? ", \(report.removed) changed or removed" : "")
          + (report.skipped.isEmpty ? "" : ", skipped \(report.skipped.count)")
          + " → \(l.index) (generation \(report.generation), \(report.segments) segment\(report.segments == 1 ? "" : "s"))")
    }
    return report
  }
}

func formatted(_ v: Double, _ decimals: Int) -> String {
  var scale = 1.0
  for _ in 0..<decimals { scale *= 10 }
  return FixedPoint.format(Int64((v * scale).rounded()), decimals: decimals)
}
