// `sizes`: where an index's bytes go, for the size target of issue 6: each
// segment file kind, and the postings split by field and term view (from
// the dictionaries' postings lengths), as shares of the raw corpus when given.
import IndexFormat

func runSizes(_ o: Options) {
  let indexPath = o.required("index")
  let raw = o.values["corpus"].map { files(under: $0).reduce(0) { $0 + fileSize($1) } }
  let reader: IndexReader
  do { reader = try IndexReader(directory: indexPath) } catch { fail("open: \(error)") }
  var byKind: [String: Int] = [:]
  var postings: [String: (bytes: Int, terms: Int, docs: Int)] = [:]
  let names = Dictionary(uniqueKeysWithValues: reader.manifest.fields.map { ($0.id, $0.name) })
  let views: [UInt8: String] = [0x67: "gram", 0x77: "word", 0x6B: "keyword"]
  for s in reader.manifest.segments {
    for name in SegmentFiles.names(s) {
      let kind = name.split(separator: ".").dropFirst().first.map(String.init) ?? name
      byKind[kind, default: 0] += fileSize(indexPath + "/" + name)
    }
  }
  do {
    for segment in reader.segments {
      try segment.dictionary.forEachTerm { (term, info) throws(IndexFormatError) in
        guard term.count >= 2 else { return }
        let key = "\(names[term[0]] ?? "field \(term[0])").\(views[term[1]] ?? "view \(term[1])")"
        var e = postings[key] ?? (0, 0, 0)
        e.bytes += info.postingsLength
        e.terms += 1
        e.docs += info.docFreq
        postings[key] = e
      }
    }
  } catch { fail("read: \(error)") }
  var columnBytes: [String: Int] = [:]
  do {
    for segment in reader.segments {
      for c in try segment.columns.columnSizes { columnBytes[c.name, default: 0] += c.bytes }
    }
  } catch { fail("read: \(error)") }
  func share(_ n: Int) -> String { raw.map { " = \(fmt(Double(n) / Double($0), 3))× raw" } ?? "" }
  let total = byKind.values.reduce(0, +)
  note("index \(indexPath): \(total) bytes\(share(total)), \(reader.segments.count) segments")
  for (k, v) in byKind.sorted(by: { $0.value > $1.value }) {
    note("  .\(k): \(v) bytes\(share(v))")
    emit([("file", k), ("bytes", v)])
  }
  note("postings by field.view (bytes, terms, postings):")
  for (k, v) in postings.sorted(by: { $0.value.bytes > $1.value.bytes }) {
    note("  \(k): \(v.bytes) bytes\(share(v.bytes)), \(v.terms) terms, \(v.docs) postings, \(fmt(Double(v.bytes) / Double(max(1, v.docs)), 2)) B/posting")
    emit([("postings", k), ("bytes", v.bytes), ("terms", v.terms), ("postings_count", v.docs)])
  }
  note("columns (bytes):")
  for (k, v) in columnBytes.sorted(by: { $0.value > $1.value }) {
    note("  \(k): \(v) bytes\(share(v))")
    emit([("column", k), ("bytes", v)])
  }
  if let raw { emit([("raw_bytes", raw), ("index_bytes", total)]) }
}

/// Bits needed for `v` (0 for 0).
func bitWidth(_ v: UInt32) -> Int { v == 0 ? 0 : 32 - v.leadingZeroBitCount }

/// Bytes of `values` packed at the widest's bits (with a width byte), and with PFOR (a width
/// byte, an exception count byte, 4 bytes an exception), and the widest's bits.
func packingCost(_ values: [UInt32]) -> (packed: Int, pfor: Int, width: Int) {
  var histogram = [Int](repeating: 0, count: 33)
  for d in values { histogram[bitWidth(d)] += 1 }
  let maxWidth = histogram.lastIndex { $0 > 0 } ?? 0
  var best = Int.max, above = 0
  for b in stride(from: maxWidth, through: 0, by: -1) {
    best = min(best, 2 + (values.count * b + 7) / 8 + 4 * above)
    above += histogram[b]
  }
  return (1 + (values.count * maxWidth + 7) / 8, best, maxWidth)
}

/// `positions --index DIR`: what the positions of every positional term cost as written (one bit
/// width per block of 128 docs, the widest delta's) and with patched frame of reference (Lucene's
/// PFOR: the width that minimizes the block's bytes, larger deltas as exceptions of 4 bytes each:
/// a u16 index and a u16 high part), in blocks of 128 docs as the writer cuts them.
func runPositionsModel(_ o: Options) {
  let reader: IndexReader
  do { reader = try IndexReader(directory: o.required("index")) } catch { fail("open: \(error)") }
  var positions: [UInt32] = []
  var deltas: [UInt32] = []
  var gaps: [UInt32] = [], freqs: [UInt32] = []
  var packed = 0, pfor = 0, count = 0, blocks = 0
  var gapPFOR3 = 0
  var gapPacked = 0, gapPFOR = 0, freqPacked = 0, freqPFOR = 0, tailBytes = 0, fullBlockBytes = 0
  var widthHistogram = [Int](repeating: 0, count: 33)
  let bits = bitWidth, cost = packingCost
  /// Bytes with at most 3 exceptions of 3 bytes (a u8 index, a u16 high part).
  func cost3(_ values: [UInt32]) -> Int {
    let maxWidth = values.map(bits).max() ?? 0
    var best = (values.count * maxWidth + 7) / 8
    for b in stride(from: maxWidth - 1, through: 0, by: -1) {
      let above = values.filter { bits($0) > b }
      if above.count > 3 || above.contains(where: { bits($0) > b + 16 }) { break }
      best = min(best, (values.count * b + 7) / 8 + 3 * above.count)
    }
    return 1 + best
  }
  func close() {
    gapPFOR3 += cost3(gaps)
    let p = cost(deltas), g = cost(gaps), f = cost(freqs)
    packed += p.packed
    pfor += p.pfor
    gapPacked += g.packed
    gapPFOR += g.pfor
    freqPacked += f.packed
    freqPFOR += f.pfor
    count += deltas.count
    blocks += 1
    widthHistogram[p.width] += 1
    deltas.removeAll(keepingCapacity: true)
    gaps.removeAll(keepingCapacity: true)
    freqs.removeAll(keepingCapacity: true)
  }
  do {
    for segment in reader.segments {
      try segment.dictionary.forEachTerm { (term, info) throws(IndexFormatError) in
        guard info.hasPositions else { return }
        guard info.docFreq >= 128 else {
          tailBytes += info.postingsLength
          return
        }
        fullBlockBytes += info.postingsLength
        var cursor = try segment.postings.cursor(info)
        var n = 0
        let full = info.docFreq / 128 * 128
        var previousDoc: Int64 = -1
        while n < full, try cursor.advance() != .terminated {
          try cursor.positions(into: &positions)
          let doc = Int64(cursor.doc.rawValue)
          gaps.append(UInt32(doc - previousDoc - 1))
          previousDoc = doc
          freqs.append(UInt32(cursor.freq - 1))
          var previous: UInt32 = 0
          for (k, p) in positions.enumerated() {
            deltas.append(k == 0 ? p : p - previous)
            previous = p
          }
          n += 1
          if n % 128 == 0 { close() }
        }
      }
    }
  } catch { fail("read: \(error)") }
  note("positions in full blocks: \(count) in \(blocks) blocks; packed at the block's widest delta \(packed) bytes "
    + "(\(fmt(Double(packed * 8) / Double(max(1, count)), 2)) bits each); PFOR \(pfor) bytes (\(fmt(Double(pfor * 8) / Double(max(1, count)), 2)) bits each)")
  note("doc gaps: packed \(gapPacked) bytes, PFOR \(gapPFOR), PFOR of at most 3 exceptions \(gapPFOR3); freqs: packed \(freqPacked), PFOR \(freqPFOR); "
    + "terms with full blocks: \(fullBlockBytes) bytes of postings (tails included); terms of < 128 docs: \(tailBytes) bytes")
  note("blocks by widest delta's bits: " + widthHistogram.enumerated().filter { $0.element > 0 }.map { "\($0.offset):\($0.element)" }.joined(separator: " "))
  emit([("tool", "positions"), ("positions", count), ("packed", packed), ("pfor", pfor)])
}

/// `position-space --index DIR [--field text]`: what one field's gram postings would take with
/// one position space per segment instead of doc ids: the records laid end to end (record d
/// starts at the sum of extent + 1 of the records before it, a record's extent being its last
/// gram position + 1),
/// each occurrence a gap from the previous one in that space, packed in blocks of 128 gaps at
/// the widest gap's bits (and with PFOR), with the same 4-byte CRC and about 4 bytes of skip
/// entry per block as now, and a tail of VInts. No doc gaps and no frequencies: a hit's record
/// would be found from its position (a search in the records' start offsets, a column of about
/// the length column's size). For the size decision of issue 6: how much of the postings the doc
/// ids, frequencies and in-record positions cost.
func runPositionSpaceModel(_ o: Options) {
  let reader: IndexReader
  do { reader = try IndexReader(directory: o.required("index")) } catch { fail("open: \(error)") }
  let fieldName = o.values["field"] ?? "text"
  guard let field = reader.manifest.field(named: fieldName) else { fail("no field \(fieldName)") }
  var current = 0, packed = 0, pfor = 0, tails = 0, occurrences = 0, terms = 0, beyond = 0
  var gaps: [UInt32] = []
  var positions: [UInt32] = []
  func vintBytes(_ v: UInt64) -> Int { max(1, (64 - v.leadingZeroBitCount + 6) / 7) }
  func closeBlock() {
    let c = packingCost(gaps)
    packed += c.packed + 8  // the CRC and about a skip entry
    pfor += c.pfor + 8
    gaps.removeAll(keepingCapacity: true)
  }
  do {
    for segment in reader.segments {
      // A record's extent: its last position + 1 over all its grams (the
      // length column counts grams, and a space has none but a position).
      var extent = [UInt64](repeating: 0, count: segment.meta.docCount)
      try segment.dictionary.forEach(prefix: [field.id, 0x67]) { (_, info) throws(IndexFormatError) in
        guard info.hasPositions else { return }
        var cursor = try segment.postings.cursor(info)
        while try cursor.advance() != .terminated {
          let span = try cursor.positionSpan()
          let d = Int(cursor.doc.rawValue)
          if let last = span.last { extent[d] = max(extent[d], UInt64(last) + 1) }
        }
      }
      var starts = [UInt64](repeating: 0, count: segment.meta.docCount + 1)
      for d in 0..<segment.meta.docCount { starts[d + 1] = starts[d] + extent[d] + 1 }
      try segment.dictionary.forEach(prefix: [field.id, 0x67]) { (_, info) throws(IndexFormatError) in
        guard info.hasPositions else { return }
        current += info.postingsLength
        terms += 1
        var cursor = try segment.postings.cursor(info)
        var previous: UInt64 = 0, first = true
        var n = 0
        var tail: [UInt64] = []
        while try cursor.advance() != .terminated {
          try cursor.positions(into: &positions)
          let d = Int(cursor.doc.rawValue)
          for p in positions {
            if UInt64(p) >= starts[d + 1] - starts[d] { beyond += 1 }
            let global = starts[d] + UInt64(p)
            let gap = first ? global : global - previous - 1
            first = false
            previous = global
            n += 1
            tail.append(gap)
            if tail.count == 128 {
              gaps.append(contentsOf: tail.map { UInt32(truncatingIfNeeded: min($0, UInt64(UInt32.max))) })
              closeBlock()
              tail.removeAll(keepingCapacity: true)
            }
          }
        }
        if !tail.isEmpty { tails += tail.reduce(4) { $0 + vintBytes($1) } }
        occurrences += n
      }
    }
  } catch { fail("read: \(error)") }
  let model = packed + tails, modelPFOR = pfor + tails
  note("\(fieldName).gram: \(terms) terms, \(occurrences) occurrences; as written \(current) bytes "
    + "(\(fmt(Double(current * 8) / Double(max(1, occurrences)), 2)) bits an occurrence)")
  note("one position space per segment: \(model) bytes (\(fmt(Double(model * 8) / Double(max(1, occurrences)), 2)) bits an occurrence; "
    + "\(fmt(Double(model) / Double(max(1, current)), 3))× as written), with PFOR \(modelPFOR) "
    + "(\(fmt(Double(modelPFOR) / Double(max(1, current)), 3))×); tails \(tails) bytes; positions past their record's length: \(beyond)")
  emit([("tool", "position-space"), ("field", fieldName), ("terms", terms), ("occurrences", occurrences),
    ("current_bytes", current), ("model_bytes", model), ("model_pfor_bytes", modelPFOR), ("beyond", beyond)])
}
