// `build`: the index of a corpus folder from scratch, timed as a user pays for it.
import Glibc
import IndexFormat
import Indexing

func runBuild(_ o: Options) {
  let corpus = o.required("corpus"), index = o.required("index")
  let raw = files(under: corpus, suffix: ".txt").reduce(0) { $0 + fileSize($1) }
  guard raw > 0 else { fail("\(corpus): no .txt files") }
  // From scratch: a leftover index would make the build incremental (and fast for the wrong reason).
  for f in files(under: index) { unlink(f) }
  var skipped = 0
  let cpu0 = cpuSeconds(), t0 = now()
  let report: IndexingReport
  do {
    let budget = o.int("budget-mb", default: IndexWriter.defaultMemoryBudget >> 20) << 20
    report = try IndexWriter.build(corpus: corpus, index: index, rebuild: true, memoryBudget: budget) { _, _ in skipped += 1 }
  } catch { fail("build failed: \(error)") }
  let seconds = Double(now() - t0) / 1e9, cpu = cpuSeconds() - cpu0
  precondition(report.records > 0, "the build produced no records")
  let indexBytes = files(under: index).reduce(0) { $0 + fileSize($1) }
  let rss = peakRSS()
  note(
    "build: \(report.files) files (\(skipped) skipped), \(report.records) records, \(fmt(Double(raw) / 1e6, 1)) MB raw "
      + "in \(fmt(seconds)) s = \(fmt(Double(raw) / 1e6 / seconds)) MB/s (CPU \(fmt(cpu)) s); "
      + "index \(fmt(Double(indexBytes) / 1e6, 1)) MB = \(fmt(Double(indexBytes) / Double(raw), 3))× raw; "
      + "\(report.segments) segments; peak RSS \(rss >> 20) MB")
  emit([
    ("tool", "budgetsearch"), ("files", report.files), ("skipped", skipped), ("records", report.records),
    ("raw_bytes", raw), ("seconds", seconds), ("cpu_seconds", cpu), ("mb_per_s", Double(raw) / 1e6 / seconds),
    ("index_bytes", indexBytes), ("index_share", Double(indexBytes) / Double(raw)),
    ("segments", report.segments), ("peak_rss_bytes", rss),
  ])
}
