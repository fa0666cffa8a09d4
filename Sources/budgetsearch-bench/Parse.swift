// `parse`: the disclosure parser alone (DisclosureParser), MB/s of raw corpus bytes, and a hash
// over every record of every file so that a faster parser can be checked to give the same output.
import Disclosure
import TextAnalysis

func runParse(_ o: Options) {
  let root = o.required("corpus")
  let paths = files(under: root, suffix: ".txt")
  guard !paths.isEmpty else { fail("no .txt files") }
  let runs = o.int("runs", default: 3)
  // --from text (default): decoding and NFKC (TextAnalysis) happen before the clock starts, so
  // the time is the Disclosure layer's own; --from bytes times parse(path:bytes:), as the index
  // build calls it.
  let fromBytes = o.values["from"] == "bytes"
  var inputs: [(path: String, bytes: [UInt8], text: String, charset: String)] = []
  var rawBytes = 0
  var undecodable = 0
  for p in paths {
    let bytes = readAll(p)
    rawBytes += bytes.count
    // The path relative to the corpus folder: it is part of the parsed metadata, and the hash
    // should not depend on where the corpus lies.
    let relative = p.hasPrefix(root + "/") ? String(p.dropFirst(root.count + 1)) : p
    guard let decoded = try? TextDecoder.decodeNormalized(bytes) else {
      undecodable += 1
      continue
    }
    inputs.append((relative, fromBytes ? bytes : [], decoded.text, decoded.charset))
  }

  var documents: [ParsedDocument] = []
  var best = Double.infinity
  // CPU seconds of the parse loop (getrusage), the figure to compare while other work shares the cores.
  var bestCPU = Double.infinity
  for _ in 0..<runs {
    documents = []
    documents.reserveCapacity(inputs.count)
    let cpu0 = cpuSeconds()
    let t0 = now()
    for input in inputs {
      if fromBytes {
        guard let d = try? DisclosureParser.parse(path: input.path, bytes: input.bytes) else { continue }
        documents.append(d)
      } else {
        documents.append(DisclosureParser.parse(path: input.path, text: input.text, charset: input.charset))
      }
    }
    best = min(best, Double(now() - t0) / 1e9)
    bestCPU = min(bestCPU, cpuSeconds() - cpu0)
    blackHole(documents)
  }

  // FNV-1a over every field of every document's metadata and every record (see `serialized`).
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  func mix(_ s: String) {
    for b in s.utf8 {
      hash ^= UInt64(b)
      hash = hash &* 0x100_0000_01b3
    }
    hash ^= 0x0A
    hash = hash &* 0x100_0000_01b3
  }
  var records = 0
  if let d = documents.first(where: { !$0.records.isEmpty }) {
    precondition(Mirror(reflecting: d.info).children.count == 6, "DocumentInfo changed: update serialized(_:)")
    precondition(Mirror(reflecting: d.records[0]).children.count == 27, "Record changed: update serialized(_:)")
  }
  for d in documents {
    mix(serialized(d.info))
    for r in d.records { mix(serialized(r)) }
    records += d.records.count
  }
  let mb = Double(rawBytes) / 1e6
  let hex = String(hash, radix: 16)
  let hashText = String(repeating: "0", count: 16 - hex.count) + hex
  note("parse: \(documents.count) files (\(undecodable) undecodable), \(fmt(mb, 1)) MB, "
    + "\(fromBytes ? "bytes" : "decoded text") → records: best of \(runs) \(fmt(best, 3)) s = "
    + "\(fmt(mb / best, 2)) MB/s (CPU \(fmt(bestCPU, 3)) s = \(fmt(mb / bestCPU, 2)) MB/s), "
    + "\(records) records, hash \(hashText)")
  emit([("tool", "parse"), ("from", fromBytes ? "bytes" : "text"), ("bytes", rawBytes), ("files", documents.count),
    ("seconds", best), ("mb_per_s", mb / best), ("cpu_seconds", bestCPU), ("cpu_mb_per_s", mb / bestCPU),
    ("records", records), ("hash", hashText)])
}

/// Every stored property, tab-separated, in declaration order. (The reflected form,
/// String(describing:), would do without a list, but costs ten times the parse itself.)
/// The property counts are checked, so a field added to either type cannot be left out unseen.
func serialized(_ i: DocumentInfo) -> String {
  return "\(i.path)\t\(i.department)\t\(i.region)\t\(opt(i.year))\t\(i.kind?.rawValue ?? "-")\t\(i.charset)"
}

func serialized(_ r: Record) -> String {
  let fields: [String] = [
    r.type.rawValue, r.subject, r.text, r.reason, r.section, String(r.line),
    opt(r.amount), opt(r.prior), opt(r.change), opt(r.rate), r.basis?.rawValue ?? "-",
    opt(r.budget), opt(r.executed), opt(r.initialBudget), opt(r.comparedYear), opt(r.completion),
    opt(r.staffTotal), opt(r.staffActive), opt(r.staffActiveChange), opt(r.staffRetiredCadres),
    opt(r.staffRetiredCadresChange), opt(r.staffRetirees), opt(r.staffRetireesChange),
    opt(r.procurementTotal), opt(r.procurementSME), opt(r.vehicles), opt(r.officialVehicles),
  ]
  return fields.joined(separator: "\t")
}

private func opt<T: BinaryInteger>(_ v: T?) -> String { v.map { String($0) } ?? "-" }
