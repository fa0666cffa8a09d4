// Format-2 postings: packed blocks + VInt tail, with and without positions,
// against the lists written (advance, seek, positions on some docs only), and
// damaged blocks that must throw `.corrupt` naming the .pst file.
import SearchTestSupport
import Testing

@testable import IndexFormat

@Suite struct PostingsTests {
  struct List {
    var docs: [UInt32] = []
    var freqs: [UInt32] = []
    var positions: [[UInt32]] = []
  }

  func randomList(_ rng: inout SeededRandom, count: Int, docCount: Int, dense: Bool) -> List {
    var l = List()
    var d = Int(rng.next() % 3)
    for _ in 0..<count {
      l.docs.append(UInt32(d))
      let f = rng.next() % 5 == 0 ? Int(rng.next() % 40) + 2 : 1
      l.freqs.append(UInt32(f))
      var p = Int(rng.next() % 300)
      l.positions.append((0..<f).map { _ in
        defer { p += 1 + Int(rng.next() % 200) }
        return UInt32(p)
      })
      d += dense ? 1 : 1 + Int(rng.next() % UInt64(max(1, docCount / count)))
    }
    return l
  }

  func write(_ lists: [(List, Bool)], docCount: Int, dir: String) throws -> (PostingsFile, [TermInfo], String) {
    var w = PostingsWriter()
    let infos = lists.map { l, pos in w.add(docs: l.docs, freqs: l.freqs, positions: pos ? l.positions.flatMap { $0 } : nil) }
    let path = dir + "/seg-1.pst"
    try FileSystem.writeFile(path, w.finish(generation: 1))
    return (try PostingsFile(MappedFile(path: path), name: path, generation: 1, docCount: docCount), infos, path)
  }

  @Test func advanceSeekAndPositionsMatchTheLists() throws {
    var rng = SeededRandom(seed: 41)
    let docCount = 200_000
    var lists: [(List, Bool)] = []
    for count in [1, 2, 127, 128, 129, 255, 256, 300, 1000, 5000] {
      for dense in [false, true] {
        for pos in [false, true] { lists.append((randomList(&rng, count: count, docCount: docCount, dense: dense), pos)) }
      }
    }
    let (file, infos, _) = try write(lists, docCount: docCount, dir: temporaryDirectory())
    var buffer: [UInt32] = []
    for ((list, pos), info) in zip(lists, infos) {
      #expect(info.hasPositions == pos && info.docFreq == list.docs.count)
      // Full walk, reading positions of every other doc.
      var c = try file.cursor(info)
      for i in list.docs.indices {
        #expect(try c.advance() == DocID(Int(list.docs[i])))
        #expect(c.freq == Int(list.freqs[i]))
        if i % 2 == 0 || i == list.docs.count - 1 {
          try c.positions(into: &buffer)
          #expect(buffer == (pos ? list.positions[i] : []), "positions of doc \(i)")
        }
      }
      #expect(try c.advance() == .terminated)
      // Seeks to random targets (present or not), with positions after some.
      var s = try file.cursor(info)
      var target = 0
      var lastRead = -1
      while true {
        target += 1 + Int(rng.next() % UInt64(1 + docCount / max(1, list.docs.count / 3)))
        let want = list.docs.firstIndex { Int($0) >= target }
        let got = try s.seek(DocID(target))
        guard let want else {
          #expect(got == .terminated)
          break
        }
        #expect(got == DocID(Int(list.docs[want])), "seek \(target)")
        #expect(s.freq == Int(list.freqs[want]))
        // Positions are readable once per doc; a later seek may land on the same doc.
        if rng.next() % 2 == 0 && want != lastRead {
          lastRead = want
          try s.positions(into: &buffer)
          #expect(buffer == (pos ? list.positions[want] : []))
        }
      }
    }
  }

  @Test func drainingARangeGivesTheListsDocsInIt() throws {
    var rng = SeededRandom(seed: 43)
    let docCount = 50_000
    var lists: [(List, Bool)] = []
    for count in [1, 127, 128, 129, 300, 1000, 5000] {
      for dense in [false, true] { lists.append((randomList(&rng, count: count, docCount: docCount, dense: dense), true)) }
    }
    let (file, infos, _) = try write(lists, docCount: docCount, dir: temporaryDirectory())
    for ((list, _), info) in zip(lists, infos) {
      let last = Int(list.docs.last!)
      // Bounds at and around block boundaries and the tail, and random ones.
      var bounds = [0, 1, last, last + 1, last + 2]
      for b in stride(from: 127, to: list.docs.count, by: 128) {
        bounds += [Int(list.docs[b]), Int(list.docs[b]) + 1, Int(list.docs[b - 1])]
      }
      for _ in 0..<20 { bounds.append(Int(rng.next() % UInt64(last + 2))) }
      for lo in bounds.shuffled(using: &rng).prefix(12) {
        for hi in bounds.shuffled(using: &rng).prefix(12) where lo <= hi {
          var c = try file.cursor(info)
          var got: [UInt32] = []
          try c.drainDocs(into: &got, from: UInt32(lo), below: UInt32(hi))
          #expect(got == list.docs.filter { $0 >= lo && $0 < hi }, "\(list.docs.count) docs, \(lo)..<\(hi)")
        }
      }
    }
  }

  @Test func denseListsPackToLittle() throws {
    // 1024 consecutive docs with freq 1 and no positions: gaps and freqs pack at
    // 0 bits, so each block is its two widths and its CRC.
    let l = List(docs: (0..<1024).map { UInt32($0) }, freqs: [UInt32](repeating: 1, count: 1024), positions: [])
    let (_, infos, _) = try write([(l, false)], docCount: 2000, dir: temporaryDirectory())
    #expect(infos[0].postingsLength <= 8 * 6 + 1 + 8 * 3)  // skip entries: a 2-byte doc delta (128), a 1-byte length
  }

  @Test func damagedBlocksThrowCorruptNamingTheFile() throws {
    var rng = SeededRandom(seed: 43)
    let lists = [(randomList(&rng, count: 700, docCount: 50_000, dense: false), true),
                 (randomList(&rng, count: 300, docCount: 50_000, dense: false), false)]
    let dir = temporaryDirectory()
    let (_, infos, path) = try write(lists, docCount: 50_000, dir: dir)
    let original = try FileSystem.readFile(path)
    var buffer: [UInt32] = []
    for i in 20..<(original.count - 8) where i % 3 == 0 {
      var bytes = original
      bytes[i] ^= UInt8(1) << UInt8(rng.next() % 8)
      try FileSystem.writeFile(path, bytes)
      let file = try PostingsFile(MappedFile(path: path), name: path, generation: 1, docCount: 50_000)
      var failed = false
      do throws(IndexFormatError) {
        for ((list, _), info) in zip(lists, infos) {
          var c = try file.cursor(info)
          var k = 0
          while try c.advance() != .terminated {
            try c.positions(into: &buffer)
            #expect(k < list.docs.count && c.doc == DocID(Int(list.docs[k])) && c.freq == Int(list.freqs[k]), "flip at \(i) changed doc \(k) silently")
            k += 1
          }
          #expect(k == list.docs.count, "flip at \(i) lost docs silently")
        }
      } catch {
        if case .corrupt(let f, _, _) = error { #expect(f == path) } else { Issue.record("\(error)") }
        failed = true
      }
      #expect(failed, "flip at \(i) went unnoticed")
    }
  }
}
