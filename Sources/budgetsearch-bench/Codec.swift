// `codec`: LZ4 compress and decompress MB/s and ratio on the corpus text cut into blocks of the
// stored table's size, the codec of .rec files (build CPU and stored-record reads both pay it).
import IndexFormat
import TextAnalysis

func runCodec(_ o: Options) {
  if let index = o.values["index"] { return runStoredCodec(o, index: index) }
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

/// `codec --index DIR [--train-mb N] [--dict-kb N] [--segment N] [--runs N]`: the stored records'
/// blocks of an index, decompressed and compressed again without and with a dictionary trained on
/// the first N MB (default 2) of each segment's blocks, as the writer trains it.
func runStoredCodec(_ o: Options, index: String) {
  let reader: IndexReader
  do { reader = try IndexReader(directory: index) } catch { fail("open: \(error)") }
  let trainBytes = o.int("train-mb", default: 2) * 1_000_000
  let dictSize = o.int("dict-kb", default: 64) * 1024
  let segmentLength = o.int("segment", default: 256)
  let runs = o.int("runs", default: 1)
  var raw = 0, plain = 0, withDict = 0, dictBytes = 0
  var tPlain = 0.0, tDict = 0.0, tTrain = 0.0, dPlain = 0.0, dDict = 0.0
  for segment in reader.segments {
    let blocks: [[UInt8]]
    do {
      let records = try segment.stored.records
      blocks = try (0..<records.blocks).map { b throws(IndexFormatError) in try records.rawBlock(b) }
    } catch { fail("read: \(error)") }
    var samples: [UInt8] = []
    for b in blocks where samples.count < trainBytes { samples += b }
    var t0 = now()
    let dictionary = LZ4Dictionary(LZ4Dictionary.train(samples, size: dictSize, segmentLength: segmentLength))
    tTrain += Double(now() - t0) / 1e9
    dictBytes += dictionary.bytes.count
    var a: [[UInt8]] = [], c: [[UInt8]] = []
    var best = Double.infinity
    for _ in 0..<runs {
      t0 = now()
      a = blocks.map { LZ4.compress($0) }
      best = min(best, Double(now() - t0) / 1e9)
    }
    tPlain += best
    best = .infinity
    for _ in 0..<runs {
      t0 = now()
      c = blocks.map { LZ4.compress($0, dictionary: dictionary) }
      best = min(best, Double(now() - t0) / 1e9)
    }
    tDict += best
    var sink = 0
    t0 = now()
    for (b, x) in zip(blocks, a) { sink &+= x.withUnsafeBytes { (try? LZ4.decompress($0, rawLength: b.count, file: "bench"))?.count ?? 0 } }
    dPlain += Double(now() - t0) / 1e9
    t0 = now()
    dictionary.bytes.withUnsafeBytes { d in
      for (b, x) in zip(blocks, c) {
        let out = x.withUnsafeBytes { try? LZ4.decompress($0, rawLength: b.count, dictionary: d, file: "bench") }
        sink &+= out?.count ?? 0
      }
    }
    dDict += Double(now() - t0) / 1e9
    precondition(sink == 2 * blocks.reduce(0) { $0 + $1.count }, "round trip lengths")
    for (b, x) in zip(blocks, c) {
      let out = dictionary.bytes.withUnsafeBytes { d in x.withUnsafeBytes { try? LZ4.decompress($0, rawLength: b.count, dictionary: d, file: "bench") } }
      precondition(out == b, "LZ4 dictionary round trip failed")
    }
    raw += blocks.reduce(0) { $0 + $1.count }
    plain += a.reduce(0) { $0 + $1.count }
    withDict += c.reduce(0) { $0 + $1.count }
  }
  let mb = Double(raw) / 1e6
  note("stored codec: \(fmt(mb, 1)) MB raw in \(reader.segments.count) segments; plain LZ4 \(fmt(Double(plain) / Double(raw), 4)) "
    + "(compress \(fmt(mb / tPlain, 1)) MB/s, decompress \(fmt(mb / dPlain, 1)) MB/s); with a \(dictBytes / max(1, reader.segments.count)) B "
    + "dictionary \(fmt(Double(withDict + dictBytes) / Double(raw), 4)) incl. dictionaries (compress \(fmt(mb / tDict, 1)) MB/s, "
    + "decompress \(fmt(mb / dDict, 1)) MB/s, training \(fmt(tTrain, 3)) s)")
  emit([("tool", "stored-codec"), ("raw", raw), ("plain", plain), ("dictionary", withDict + dictBytes)])
}
