// `ceilings`: what the machine allows an ICU-based indexer: warm read MB/s and ICU word
// segmentation MB/s on one core.
import Glibc
import TextAnalysis

func runCeilings(_ o: Options) {
  let paths = files(under: o.required("corpus"), suffix: ".txt")
  guard !paths.isEmpty else { fail("no .txt files") }
  // Warm read: one pass to fill the page cache, then the timed pass.
  var contents: [[UInt8]] = paths.map(readAll)
  contents = []
  let t0 = now()
  var bytes = 0
  for p in paths {
    let b = readAll(p)
    bytes += b.count
    contents.append(b)
  }
  let readSeconds = Double(now() - t0) / 1e9
  let mb = Double(bytes) / 1e6
  // ICU sees text as the indexer does: decoded to UTF-8 (a share of the corpus is GB18030).
  contents = contents.map { b in (try? TextDecoder.decode(b)).map { Array($0.text.utf8) } ?? b }
  note("ceilings: warm read \(fmt(mb, 1)) MB in \(fmt(readSeconds, 3)) s = \(fmt(mb / readSeconds, 0)) MB/s")

  let segmenter: Segmenter
  do { segmenter = try Segmenter() } catch { fail("ICU: \(error)") }
  // Whole files: one ICU call per file.
  var words = 0
  let t1 = now()
  for b in contents {
    do {
      words += try b.withUnsafeBufferPointer { (buf) throws(AnalysisError) -> Int in
        try segmenter.spans(buf).count
      }
    } catch { fail("ICU: \(error)") }
  }
  let segSeconds = Double(now() - t1) / 1e9
  // Line by line: one ICU call per line, as the indexer calls it per field.
  var lineWords = 0
  let t2 = now()
  for b in contents {
    b.withUnsafeBufferPointer { buf in
      var start = 0
      for i in 0...buf.count where i == buf.count || buf[i] == 0x0A {
        if i > start {
          do { lineWords += try segmenter.spans(UnsafeBufferPointer(rebasing: buf[start..<i])).count } catch {
            fail("ICU: \(error)")
          }
        }
        start = i + 1
      }
    }
  }
  let lineSeconds = Double(now() - t2) / 1e9
  precondition(words > bytes / 64 && lineWords > bytes / 64, "segmentation produced too few spans")
  note(
    "ceilings: ICU word segmentation, one core: whole files \(fmt(mb / segSeconds, 1)) MB/s (\(words) spans), "
      + "per line \(fmt(mb / lineSeconds, 1)) MB/s")
  emit([
    ("tool", "ceilings"), ("bytes", bytes), ("files", paths.count), ("read_mb_per_s", mb / readSeconds),
    ("icu_mb_per_s", mb / segSeconds), ("icu_line_mb_per_s", mb / lineSeconds), ("spans", words),
  ])
}
