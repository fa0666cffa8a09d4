// The public face of the generator: a deterministic sequence of disclosures
// with their ground truth. Document n is a pure function of (seed, n): the
// plan walks departments in blocks of 16, each publishing its 决算 and 预算
// for 2019–2025 in a department-specific order, so even a small corpus has
// many departments, both kinds and several years, and a large one holds each
// department's whole series (projects recurring under drifting names).

public struct GeneratedDocument: Sendable {
  /// `000123_9f86d081884c7d65`.
  public var id: String
  /// `docs/<id>.txt`, relative to the corpus directory.
  public var path: String
  /// The file's bytes (UTF-8, or GB18030 for a share of files).
  public var bytes: [UInt8]
  public var truth: TruthDocument
}

/// One document to render; cheap to create, rendered on any thread.
public struct DocumentJob: Sendable {
  public let index: Int
  let seed: UInt64
  let department: Department
  let year: Int
  let kind: DocumentKindTag
  let gb18030Share: Double

  public func render() -> GeneratedDocument {
    var rng = SeededRandom(seed: seed, 3, UInt64(index))
    let layout: TextStyle.Layout = rng.chance(0.45) ? .pdf : .docx
    var composer = DocumentComposer(department: department, year: year, kind: kind, layout: layout, rng: rng)
    let (utf8, statements, projects) = composer.compose()
    // A separate stream, so changing the share does not change any text.
    var enc = SeededRandom(seed: seed, 4, UInt64(index))
    var bytes = utf8
    var encoding = "UTF-8"
    if enc.unit() < gb18030Share, let gb = try? GB18030.encode(utf8) {
      bytes = gb
      encoding = "GB18030"
    }
    let id = DocumentJob.id(index: index, seed: seed)
    let path = "docs/" + id + ".txt"
    let truth = TruthDocument(
      file: path, department: department.name, region: department.place.region, year: year, kind: kind.rawValue,
      layout: layout.rawValue, encoding: encoding, statements: statements, projects: projects)
    return GeneratedDocument(id: id, path: path, bytes: bytes, truth: truth)
  }

  static func id(index: Int, seed: UInt64) -> String {
    var n = String(index)
    if n.count < 6 { n = String(repeating: "0", count: 6 - n.count) + n }
    var r = SeededRandom(seed: seed, 5, UInt64(index))
    var hex = String(r.next(), radix: 16)
    if hex.count < 16 { hex = String(repeating: "0", count: 16 - hex.count) + hex }
    return n + "_" + hex
  }
}

public struct CorpusGenerator: Sequence, Sendable {
  public let seed: UInt64
  public let gb18030Share: Double

  static let blockSize = 16
  static let slots: [(Int, DocumentKindTag)] = Department.years.flatMap { [($0, .finalAccount), ($0, .budget)] }

  public init(seed: UInt64, gb18030Share: Double = 0.05) {
    self.seed = seed
    self.gb18030Share = gb18030Share
  }

  public func makeIterator() -> Iterator { Iterator(generator: self) }

  /// Yields jobs in corpus order; render them in any order or in parallel.
  public struct Iterator: IteratorProtocol {
    let generator: CorpusGenerator
    var block = 0
    var position = 0
    var departments: [Department] = []
    var order: [[(Int, DocumentKindTag)]] = []
    var count = 0

    init(generator: CorpusGenerator) { self.generator = generator }

    public mutating func next() -> DocumentJob? {
      while true {
        if departments.isEmpty || position == CorpusGenerator.blockSize * CorpusGenerator.slots.count {
          if !departments.isEmpty { block += 1 }
          load()
          position = 0
        }
        let d = position % CorpusGenerator.blockSize, slot = position / CorpusGenerator.blockSize
        position += 1
        let (year, kind) = order[d][slot]
        let dept = departments[d]
        guard dept.publishes(kind, year: year) else { continue }
        defer { count += 1 }
        return DocumentJob(
          index: count, seed: generator.seed, department: dept, year: year, kind: kind,
          gb18030Share: generator.gb18030Share)
      }
    }

    mutating func load() {
      departments = (0..<CorpusGenerator.blockSize).map {
        Department(seed: generator.seed, number: block * CorpusGenerator.blockSize + $0)
      }
      order = departments.map { d in
        var slots = CorpusGenerator.slots
        var rng = SeededRandom(seed: generator.seed, 2, UInt64(d.number))
        rng.shuffle(&slots)
        return slots
      }
    }
  }
}
