// `codec`: LZ4 compress and decompress MB/s and ratio on the corpus text cut into blocks of the
// stored table's size, the codec of .rec files (build CPU and stored-record reads both pay it).
import IndexFormat
import TextAnalysis

func runCodec(_ o: Options) {
  let paths = files(under: o.required("corpus"), suffix: ".txt")
  guard !paths.isEmpty else { fail("no .txt files") }
  let limit = o.int("mb", default: 50) * 1_000_000
  var text: [UInt8] = []
  for p in paths where text.count < limit {
    let b = readAll(p)
    text += (try? TextDecoder.decode(b)).map { Array($0.text.utf8) } ?? b
  }
  let blockSize = 32 * 1024
  let blocks = stride(from: 0, to: text.count, by: blockSize).map { Array(text[$0..<min($0 + blockSize, text.count)]) }
  let runs = o.int("runs", default: 3)
  var compressed: [[UInt8]] = []
  var best = Double.infinity
  for _ in 0..<runs {
    let t0 = now()
    compressed = blocks.map { LZ4.compress($0) }
    best = min(best, Double(now() - t0) / 1e9)
  }
  for (b, c) in zip(blocks, compressed) {
    let d = c.withUnsafeBytes { try? LZ4.decompress($0, rawLength: b.count, file: "bench") }
    precondition(d == b, "LZ4 round trip failed")
  }
  // Timed without the compare: the decoder alone (the block's array included).
  var bestDecode = Double.infinity
  var sink = 0
  for _ in 0..<runs {
    let t0 = now()
    for (b, c) in zip(blocks, compressed) {
      sink &+= c.withUnsafeBytes { (try? LZ4.decompress($0, rawLength: b.count, file: "bench"))?.count ?? 0 }
    }
    bestDecode = min(bestDecode, Double(now() - t0) / 1e9)
  }
  precondition(sink == runs * text.count)
  let mb = Double(text.count) / 1e6
  let ratio = Double(compressed.reduce(0) { $0 + $1.count }) / Double(text.count)
  note("codec: LZ4 on \(blocks.count) blocks of 32 KiB (\(fmt(mb, 1)) MB): compress \(fmt(mb / best, 1)) MB/s, "
    + "decompress \(fmt(mb / bestDecode, 1)) MB/s, compressed/raw \(fmt(ratio, 4))")
  emit([("tool", "codec"), ("bytes", text.count), ("compress_mb_per_s", mb / best),
    ("decompress_mb_per_s", mb / bestDecode), ("ratio", ratio)])
}
