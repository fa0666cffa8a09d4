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
  if let raw { emit([("raw_bytes", raw), ("index_bytes", total)]) }
}
