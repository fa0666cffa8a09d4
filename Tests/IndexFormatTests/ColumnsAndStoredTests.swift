// Format-2 columns (bit-packed blocks with absent bitmaps) and stored tables
// (LZ4 blocks, shared strings): round trips against the values written,
// block min/max, the cost of absent columns, and damaged stored blocks.
import SearchTestSupport
import Testing

@testable import IndexFormat

@Suite struct ColumnsTests {
  func write(_ columns: [(String, [Int64?])], docCount: Int, dir: String) throws -> ColumnsFile {
    var w = ColumnsWriter(docCount: docCount)
    for (name, values) in columns { w.add(name: name, values: values) }
    let path = dir + "/seg-1.num"
    try FileSystem.writeFile(path, w.finish(generation: 1))
    return try ColumnsFile(MappedFile(path: path), name: path, generation: 1, docCount: docCount)
  }

  @Test func valuesAndBlockRangesRoundTrip() throws {
    var rng = SeededRandom(seed: 21)
    let n = 128 * 5 + 37
    func random(_ presentShare: UInt64, _ spread: UInt64) -> [Int64?] {
      (0..<n).map { _ in rng.next() % 100 < presentShare ? Int64(bitPattern: rng.next() % spread) - Int64(spread / 2) : nil }
    }
    let columns: [(String, [Int64?])] = [
      ("dense", random(100, 1_000_000)), ("sparse", random(3, 5000)), ("half", random(50, 300)),
      ("constant", (0..<n).map { _ in 42 }), ("absent", (0..<n).map { _ in nil }),
      ("extremes", (0..<n).map { i in [Int64.min + 1, Int64.max, 0, -1][i % 4] }),
      ("file", (0..<n).map { Int64($0 / 50) }),
    ]
    let file = try write(columns, docCount: n, dir: temporaryDirectory())
    for (name, values) in columns {
      let c = try #require(file.column(name))
      for d in 0..<n { #expect(c.value(d) == values[d], "\(name) doc \(d)") }
      for b in 0..<((n + 127) / 128) {
        let present = values[(b * 128)..<min(n, b * 128 + 128)].compactMap { $0 }
        let (lo, hi) = c.blockRange(b)
        if present.isEmpty {
          #expect(lo > hi, "\(name) block \(b) should be empty")
        } else {
          #expect(lo == present.min()! && hi == present.max()!, "\(name) block \(b)")
        }
      }
      try c.validate(file: "t")
    }
    #expect(file.column("missing") == nil)
  }

  @Test func absentColumnsCostAlmostNothing() throws {
    let n = 10_000
    let dir = temporaryDirectory()
    let one = try write([("a", (0..<n).map { Int64($0) })], docCount: n, dir: dir)
    let sizeOne = one.file.bytes.count
    let many = try write(
      [("a", (0..<n).map { Int64($0) })] + (0..<20).map { ("empty\($0)", [Int64?](repeating: nil, count: n)) },
      docCount: n, dir: dir)
    // Each all-absent column is its name, one length byte and one Sum byte.
    #expect(many.file.bytes.count - sizeOne <= 20 * 10)
    // A column present on one doc in 100 costs its 79 blocks' ends plus a few headers.
    let sparse = try write([("s", (0..<n).map { $0 % 100 == 0 ? 7 : nil })], docCount: n, dir: dir)
    #expect(sparse.file.bytes.count < 79 * (4 + 17 + 16) + 100)
  }
}

@Suite struct StoredTests {
  func entries(_ rng: inout SeededRandom, _ n: Int) -> [StoredEntry] {
    let sections = ["一、收支决算总体情况", "二、收入决算情况", "三、支出决算情况 > 基本支出"]
    let types = ["statement", "passage"]
    var out: [StoredEntry] = []
    for i in 0..<n {
      let text = String(repeating: "支出决算数为\(rng.next() % 10_000)万元，", count: Int(rng.next() % 6) + 1)
      let reason = i % 3 == 0 ? "" : "在职人员减少\(i)"
      var e: StoredEntry = [(1, text), (2, reason)]
      e.append((4, sections[i % 3]))
      e.append((5, types[i % 2]))
      out.append(e)
    }
    return out
  }

  func write(_ records: [StoredEntry], dir: String, dictionary: StoredDictionary = .none) throws -> StoredFile {
    var r = StoredTableWriter(sharedFields: [4, 5], dictionary: dictionary)
    for e in records { r.add(e) }
    var f = StoredTableWriter()
    f.add([(20, "a.txt"), (21, "组织部")])
    let path = dir + "/seg-1.rec"
    try FileSystem.writeFile(path, StoredWriter.finish(records: r, files: f, generation: 1))
    return try StoredFile(MappedFile(path: path), name: path, generation: 1, docCount: records.count)
  }

  func same(_ a: StoredEntry, _ b: StoredEntry) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.field == $1.field && $0.value == $1.value }
  }

  @Test func entriesRoundTripAcrossBlocks() throws {
    var rng = SeededRandom(seed: 31)
    let records = entries(&rng, 3000)
    let stored = try write(records, dir: temporaryDirectory())
    #expect(stored.records.blockCount > 3, "the test should span several blocks")
    #expect(stored.records.stringCount == 5, "three sections and two types, stored once")
    for i in [0, 1, 2999, 1500, 17, 2998] + (0..<3000).map({ $0 }) {
      let want = records[i].filter { !$0.value.isEmpty }
      #expect(same(try stored.records.entry(i), want), "entry \(i)")
    }
    #expect(same(try stored.files.entry(0), [(20, "a.txt"), (21, "组织部")]))
    #expect(throws: IndexFormatError.self) { try stored.records.entry(3000) }
    #expect(throws: IndexFormatError.self) { try stored.records.entry(-1) }
  }

  @Test func backgroundCompressionWritesTheSameBytes() throws {
    // BlockCompressor hands blocks back in order; the table must not tell
    // where they were compressed, in memory or spilled, whatever the
    // compressing thread's pace (backlog full or idle).
    var rng = SeededRandom(seed: 33)
    let records = entries(&rng, 4000)
    let dir = temporaryDirectory()
    func table(background: Bool, spill: Bool) throws -> [UInt8] {
      var w = spill
        ? try StoredTableWriter(sharedFields: [4, 5], spillPath: dir + "/spill-\(background)", compressInBackground: background)
        : StoredTableWriter(sharedFields: [4, 5], compressInBackground: background)
      for e in records { w.add(e) }
      #expect(background == (w.compressor != nil), "a thread compresses exactly when asked to")
      let out = try EnvelopeFileWriter(path: dir + "/t-\(background)-\(spill)", kind: .stored, generation: 1)
      try w.write(to: out)
      try out.finish()
      return try FileSystem.readFile(dir + "/t-\(background)-\(spill)")
    }
    let inline = try table(background: false, spill: false)
    #expect(inline.count > 8 * 1024, "the table should span several blocks")
    #expect(try table(background: true, spill: false) == inline)
    #expect(try table(background: true, spill: true) == inline)
    #expect(try table(background: false, spill: true) == inline)
  }

  @Test func copiedCompressedBlocksReadAsTheEntriesTheyHeld() throws {
    // A merge appends an input's blocks as they are when the input's shared
    // strings keep their ordinals (adoptStrings), entry by entry otherwise.
    var rng = SeededRandom(seed: 34)
    let a = entries(&rng, 900), b = entries(&rng, 700)
    // c meets the shared values in another order: its ordinals would mean other strings.
    let c = entries(&rng, 300).map { e in e.map { f in f.field == 5 ? (f.field, f.value == "passage" ? "statement" : "passage") : f } }
    let dir = temporaryDirectory()
    let inputs = try [a, b, c].map { records in try write(records, dir: temporaryDirectory()) }
    var merged = StoredTableWriter(sharedFields: [4, 5])
    var copied = 0
    for input in inputs {
      let table = input.records
      let adopt = merged.adoptStrings(try table.sharedStrings())
      for blk in 0..<table.blocks {
        let block = try table.compressedBlock(blk)
        if adopt {
          merged.appendCompressed(block.bytes, entries: block.entries.count, rawLength: block.rawLength)
          copied += 1
        } else {
          for d in block.entries { merged.add(try table.entry(d)) }
        }
      }
    }
    #expect(inputs[0].records.blocks > 1 && copied == inputs[0].records.blocks + inputs[1].records.blocks, "a and b copied, c not")
    var files = StoredTableWriter()
    files.add([(20, "a.txt")])
    let path = dir + "/seg-1.rec"
    try FileSystem.writeFile(path, StoredWriter.finish(records: merged, files: files, generation: 1))
    let all = a + b + c
    let stored = try StoredFile(MappedFile(path: path), name: path, generation: 1, docCount: all.count)
    for i in 0..<all.count {
      #expect(same(try stored.records.entry(i), all[i].filter { !$0.value.isEmpty }), "entry \(i)")
    }
    // A copied block is checked as it is read, like any other.
    let first = Array(try stored.records.compressedBlock(0).bytes)
    var bytes = try FileSystem.readFile(path)
    let at = try #require((0...(bytes.count - first.count)).first { bytes[$0..<($0 + first.count)].elementsEqual(first) })
    bytes[at + first.count / 2] ^= 0x40
    let damaged = dir + "/seg-2.rec"
    try FileSystem.writeFile(damaged, bytes)
    let broken = try StoredFile(MappedFile(path: damaged), name: damaged, generation: 1, docCount: all.count)
    #expect(throws: IndexFormatError.self) { _ = try broken.records.compressedBlock(0) }
    #expect(throws: IndexFormatError.self) { _ = try broken.records.entry(0) }
  }

  /// Entries whose text repeats phrasings of a vocabulary too large for one
  /// block (1,500 sentences of ~60 bytes, the frequent ones far more often),
  /// as disclosures repeat their boilerplate from file to file.
  func boilerplateEntries(_ rng: inout SeededRandom, _ n: Int) -> [StoredEntry] {
    let words = ["一般公共预算", "财政拨款", "基本支出", "项目支出", "人员经费", "公用经费", "比上年", "增加", "减少",
      "主要原因是", "在职人员", "退休人员", "工资基数调增", "公务用车", "运行维护费", "政府采购", "决算数", "年初预算",
      "万元", "部门", "单位", "较上年", "严格执行", "厉行节约", "会议费", "培训费", "办公费", "印刷费", "差旅费", "资本性支出"]
    var vocabulary = SeededRandom(seed: 99)
    let sentences = (0..<1500).map { _ in
      (0..<6).map { _ in words[Int(vocabulary.next() % UInt64(words.count))] }.joined() + "。"
    }
    return (0..<n).map { i in
      let u = Double(rng.next() % 1_000_000) / 1_000_000
      let sentence = sentences[Int(u * u * u * Double(sentences.count))]
      return [(1, sentence + "\(rng.next() % 10_000).\(rng.next() % 100)万元"), (5, i % 2 == 0 ? "passage" : "statement")]
    }
  }

  @Test func aTrainedDictionaryShrinksTheTableAndReadsBack() throws {
    // Below trainingBytes the table trains when it closes; above, after its
    // first 2 MB, while later blocks go straight to the compressor.
    for n in [7_000, 40_000] {
      var rng = SeededRandom(seed: 35)
      let records = boilerplateEntries(&rng, n)
      let plain = try write(records, dir: temporaryDirectory())
      let trained = try write(records, dir: temporaryDirectory(), dictionary: .train)
      let dictionary = try trained.records.dictionary()
      #expect(dictionary.count > 0 && dictionary.count <= LZ4Dictionary.maxSize)
      #expect(try plain.records.dictionary().count == 0 && trained.files.dictionary().count == 0)
      // Smaller, dictionary included (by 3 and 12 % on this text; 44 % on the
      // generated corpus's records: `budgetsearch-bench codec --index`).
      #expect(trained.file.bytes.count < plain.file.bytes.count, "\(n): \(trained.file.bytes.count) vs \(plain.file.bytes.count)")
      for i in stride(from: 0, to: n, by: 7) + [n - 1] {
        #expect(same(try trained.records.entry(i), records[i].filter { !$0.value.isEmpty }), "entry \(i)")
      }
      // Given the same dictionary, another table writes the same blocks.
      let reused = try write(records, dir: temporaryDirectory(), dictionary: .use(LZ4Dictionary(Array(dictionary))))
      #expect(Array(reused.file.bytes) == Array(trained.file.bytes))
    }
    // Too little text: no dictionary.
    var rng = SeededRandom(seed: 36)
    let small = try write(boilerplateEntries(&rng, 200), dir: temporaryDirectory(), dictionary: .train)
    #expect(try small.records.dictionary().count == 0)
  }

  @Test func aDamagedDictionaryFailsTheFirstRead() throws {
    var rng = SeededRandom(seed: 37)
    let dir = temporaryDirectory()
    let stored = try write(boilerplateEntries(&rng, 7_000), dir: dir, dictionary: .train)
    let dictionary = Array(try stored.records.dictionary())
    var bytes = try FileSystem.readFile(dir + "/seg-1.rec")
    let at = try #require((0...(bytes.count - 64)).first { bytes[$0..<($0 + 64)].elementsEqual(dictionary.prefix(64)) })
    bytes[at + 10] ^= 0x01
    let damaged = dir + "/seg-2.rec"
    try FileSystem.writeFile(damaged, bytes)
    let broken = try StoredFile(MappedFile(path: damaged), name: damaged, generation: 1, docCount: 7_000)
    #expect(throws: IndexFormatError.self) { _ = try broken.records.entry(0) }
    #expect(throws: IndexFormatError.self) { _ = try broken.records.dictionary() }
  }

  /// The field tags of every entry of a raw block, in order.
  func tags(of raw: [UInt8]) throws -> [UInt8] {
    var out: [UInt8] = []
    try raw.withUnsafeBytes { p in
      var r = ByteReader(p, from: 0, to: p.count, file: "t")
      let n = try r.vint(max: p.count, "count")
      for _ in 0..<n { _ = try r.vint() }
      while !r.atEnd {
        let tag = try r.u8()
        out.append(tag)
        if tag & 0x80 != 0 { _ = try r.vint() } else if tag & 0x40 == 0 { _ = try r.bytes(try r.vint(max: p.count, "length")) }
      }
    }
    return out
  }

  @Test func valuesEqualToThePreviousEntrysAreMarkersAndReadBack() throws {
    // Runs of records sharing a section (inline) and a type (shared): each
    // repeat inside a block is one marker byte, and every reader resolves it.
    var rng = SeededRandom(seed: 40)
    var records: [StoredEntry] = []
    var repeats = 0
    while records.count < 5_000 {
      let section = "第\(rng.next() % 50)部分 > 收支决算总体情况", type = rng.next() % 2 == 0 ? "passage" : "statement"
      for k in 0..<(1 + Int(rng.next() % 9)) {
        let text = "支出决算数为\(rng.next() % 100_000)万元，" + (k % 3 == 2 ? "" : "比上年增加\(rng.next() % 1000)万元")
        records.append([(1, text), (2, k == 1 ? "" : "在职人员减少"), (4, section), (5, type)])
      }
    }
    for i in 1..<records.count where records[i][2].value == records[i - 1][2].value { repeats += 1 }
    for dictionary in [StoredDictionary.none, .train] {
      let stored = try write(records, dir: temporaryDirectory(), dictionary: dictionary)
      var markers = 0
      for b in 0..<stored.records.blocks { markers += try tags(of: stored.records.rawBlock(b)).filter { $0 == 4 | 0x40 }.count }
      #expect(markers <= repeats && markers >= repeats - stored.records.blocks, "\(markers) section markers for \(repeats) repeats")
      for i in 0..<records.count {
        let want = records[i].filter { !$0.value.isEmpty }
        #expect(same(try stored.records.entry(i), want), "entry \(i)")
        for field: UInt8 in [2, 4, 5] {
          #expect(try stored.records.value(i, field: field) == want.first { $0.field == field }?.value, "entry \(i) field \(field)")
        }
      }
    }
  }

  @Test func aRepeatWithNothingBeforeItIsDamage() throws {
    // Blocks no writer makes: a marker in a block's first entry, and one
    // whose previous entry does not hold the field.
    let dir = temporaryDirectory()
    func table(_ raw: [UInt8], entries: Int) throws -> StoredFile {
      var w = StoredTableWriter(sharedFields: [5])
      let compressed = LZ4.compress(raw)
      compressed.withUnsafeBytes { w.appendCompressed($0, entries: entries, rawLength: raw.count) }
      let path = dir + "/seg-\(raw.count).rec"
      try FileSystem.writeFile(path, StoredWriter.finish(records: w, files: StoredTableWriter(), generation: 1))
      return try StoredFile(MappedFile(path: path), name: path, generation: 1, docCount: entries)
    }
    // One entry: [section repeat].
    let first = try table([1, 1, 4 | 0x40], entries: 1)
    #expect(throws: IndexFormatError.self) { _ = try first.records.entry(0) }
    #expect(throws: IndexFormatError.self) { _ = try first.records.value(0, field: 4) }
    // Two entries: [text "a"], [section repeat].
    let second = try table([2, 3, 4, 1, 1, 0x61, 4 | 0x40], entries: 2)
    #expect(same(try second.records.entry(0), [(1, "a")]))
    #expect(throws: IndexFormatError.self) { _ = try second.records.entry(1) }
  }

  @Test func damageToATableWithADictionaryThrowsOrReadsNeverTraps() throws {
    // Random flips anywhere in a .rec whose records table has a dictionary:
    // reading every entry throws `.corrupt` naming the file or returns
    // (a flip in a length the CRCs do not cover can go unseen until
    // `verify`), and the whole-file checksum always fails.
    var rng = SeededRandom(seed: 39)
    let dir = temporaryDirectory()
    let records = boilerplateEntries(&rng, 7_000)
    let original = try write(records, dir: dir, dictionary: .train)
    #expect(try original.records.dictionary().count > 0)
    let bytes = try FileSystem.readFile(dir + "/seg-1.rec")
    var failed = 0
    for trial in 0..<60 {
      var bad = bytes
      for _ in 0...(trial % 3) { bad[20 + Int(rng.next() % UInt64(bad.count - 28))] ^= UInt8(1) << UInt8(rng.next() % 8) }
      let path = dir + "/bad-\(trial).rec"
      try FileSystem.writeFile(path, bad)
      let file = try MappedFile(path: path)
      #expect(throws: IndexFormatError.self) { try Envelope.verifyChecksum(file, name: path) }
      do throws(IndexFormatError) {
        let stored = try StoredFile(file, name: path, generation: 1, docCount: records.count)
        for i in stride(from: 0, to: records.count, by: 13) { _ = try stored.records.entry(i) }
      } catch {
        guard case .corrupt(let name, _, _) = error else { Issue.record("unexpected \(error)"); continue }
        #expect(name == path)
        failed += 1
      }
    }
    #expect(failed > 30, "most damage is caught on read (\(failed) of 60)")
  }

  @Test func blocksAreCopiedOnlyBetweenTablesOfOneDictionary() throws {
    // A merge copies an input's blocks when its dictionary is the output's;
    // an input with another (or none) goes entry by entry.
    var rng = SeededRandom(seed: 38)
    let shared = LZ4Dictionary(LZ4Dictionary.train(
      entries(&rng, 6_000).flatMap { e in e.flatMap { Array($0.value.utf8) } }, size: 16 * 1024))
    #expect(shared.bytes.count > 0)
    let other = LZ4Dictionary(Array(shared.bytes.reversed()))
    let parts = [entries(&rng, 900), entries(&rng, 700), entries(&rng, 500)]
    let inputs = try zip(parts, [shared, other, nil]).map { records, d in
      try write(records, dir: temporaryDirectory(), dictionary: d.map { .use($0) } ?? .none)
    }
    var merged = StoredTableWriter(sharedFields: [4, 5], dictionary: .use(shared))
    var copied: [Int] = []
    for (k, input) in inputs.enumerated() {
      let table = input.records
      let sameDictionary = try table.dictionary().elementsEqual(shared.bytes)
      let adopt = sameDictionary ? merged.adoptStrings(try table.sharedStrings()) : false
      for blk in 0..<table.blocks {
        let block = try table.compressedBlock(blk)
        if adopt {
          merged.appendCompressed(block.bytes, entries: block.entries.count, rawLength: block.rawLength)
          copied.append(k)
        } else {
          for d in block.entries { merged.add(try table.entry(d)) }
        }
      }
    }
    #expect(Set(copied) == [0] && copied.count == inputs[0].records.blocks)
    var files = StoredTableWriter()
    files.add([(20, "a.txt")])
    let dir = temporaryDirectory()
    try FileSystem.writeFile(dir + "/seg-1.rec", StoredWriter.finish(records: merged, files: files, generation: 1))
    let all = parts.flatMap { $0 }
    let stored = try StoredFile(MappedFile(path: dir + "/seg-1.rec"), name: "seg-1.rec", generation: 1, docCount: all.count)
    #expect(try stored.records.dictionary().elementsEqual(shared.bytes))
    for i in 0..<all.count {
      #expect(same(try stored.records.entry(i), all[i].filter { !$0.value.isEmpty }), "entry \(i)")
    }
  }

  @Test func oneFieldTestSeesWhatEntryReads() throws {
    // StoredTable.test (the section filter's reader) sees, for every field of
    // every entry, exactly the value entry() returns: inline (1, 2) and
    // shared (4, 5) values, absent fields (3, and empty values) as nil.
    var rng = SeededRandom(seed: 33)
    let records = entries(&rng, 1200)
    let stored = try write(records, dir: temporaryDirectory())
    for i in 0..<records.count {
      let entry = try stored.records.entry(i)
      for field: UInt8 in [1, 2, 3, 4, 5] {
        let want = entry.first { $0.field == field }?.value
        var seen: String?? = .none
        let verdict = try stored.records.test(i, field: field) { bytes in
          seen = .some(bytes.map { String(decoding: $0, as: UTF8.self) })
          return bytes != nil
        }
        #expect(seen == .some(want), "entry \(i) field \(field)")
        #expect(verdict == (want != nil))
      }
    }
  }

  @Test func damagedBlockThrowsCorruptNamingTheFile() throws {
    var rng = SeededRandom(seed: 32)
    let records = entries(&rng, 800)
    let dir = temporaryDirectory()
    let path = dir + "/seg-1.rec"
    _ = try write(records, dir: dir)
    let original = try FileSystem.readFile(path)
    var caught = 0
    for _ in 0..<200 {
      var bytes = original
      let i = 20 + Int(rng.next() % UInt64(original.count - 28))
      bytes[i] ^= UInt8(1) << UInt8(rng.next() % 8)
      try FileSystem.writeFile(path, bytes)
      do throws(IndexFormatError) {
        let s = try StoredFile(MappedFile(path: path), name: path, generation: 1, docCount: records.count)
        for k in 0..<records.count {
          let e = try s.records.entry(k)
          // Damage may only ever show as an error, never as other text.
          #expect(same(e, records[k].filter { !$0.value.isEmpty }), "flip at \(i) changed entry \(k) silently")
        }
        _ = try s.files.entry(0)
      } catch {
        guard case .corrupt(let file, _, _) = error else { Issue.record("\(error)"); continue }
        #expect(file == path)
        caught += 1
      }
    }
    #expect(caught > 150)
  }
}
