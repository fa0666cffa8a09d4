// Postings (.pst): for each term, its documents with frequencies and positions.
//
//   Payload      --> TermPostings^TermCount   (located through the dictionary)
//   TermPostings --> <DocDelta VInt, Freq VInt, PositionDelta VInt^Freq>^DocFreq
// DocDelta is the gap to the previous document (the first is absolute);
// PositionDelta the gap to the previous position in the same document (the
// first is absolute). Example: doc 7 at positions 3, 5 and doc 11 at 0 →
// 07 02 03 02 | 04 01 00.
// Format version 1 keeps VInts throughout; bit-packed blocks with skip data
// come with the next version (issue 4).

/// Positions are below 2^30 (FORMAT.md); a field that long is not a record.
public let maxPosition: UInt64 = 1 << 30

/// DocID of a record inside one segment.
public struct DocID: RawRepresentable, Hashable, Comparable, Sendable {
  public var rawValue: UInt32
  public init(rawValue: UInt32) { self.rawValue = rawValue }
  public init(_ v: Int) { rawValue = UInt32(v) }
  /// The cursor sentinel after the last document (tantivy's TERMINATED).
  public static let terminated = DocID(rawValue: UInt32.max)
  public static func < (a: DocID, b: DocID) -> Bool { a.rawValue < b.rawValue }
}

public struct PostingsWriter {
  public private(set) var payload = ByteWriter(capacity: 1 << 20)
  public init() {}

  /// Appends one term's postings; `positions` holds each doc's positions
  /// back to back (freqs[i] of them for docs[i]). Returns the TermInfo to
  /// put in the dictionary.
  public mutating func add(docs: [UInt32], freqs: [UInt32], positions: [UInt32]) -> TermInfo {
    let start = payload.count
    var previousDoc: UInt32 = 0
    var p = 0
    for (i, doc) in docs.enumerated() {
      payload.vint(UInt64(i == 0 ? doc : doc - previousDoc))
      previousDoc = doc
      let f = Int(freqs[i])
      payload.vint(UInt64(f))
      var previousPos: UInt32 = 0
      for k in 0..<f {
        let pos = positions[p + k]
        payload.vint(UInt64(k == 0 ? pos : pos - previousPos))
        previousPos = pos
      }
      p += f
    }
    return TermInfo(docFreq: docs.count, postingsOffset: start, postingsLength: payload.count - start)
  }

  public func finish(generation: UInt64) -> [UInt8] {
    var w = Envelope.begin(.postings, generation: generation)
    w.append(payload.bytes)
    Envelope.finish(&w)
    return w.bytes
  }
}

public struct PostingsFile: @unchecked Sendable {
  let file: MappedFile
  let name: String
  let payload: Range<Int>
  public let docCount: Int

  public init(_ file: MappedFile, name: String, generation: UInt64, docCount: Int) throws(IndexFormatError) {
    self.file = file
    self.name = name
    self.docCount = docCount
    payload = try Envelope.open(file, name: name, kind: .postings, generation: generation)
  }

  public func cursor(_ info: TermInfo) throws(IndexFormatError) -> PostingsCursor {
    let start = payload.lowerBound + info.postingsOffset
    guard info.postingsOffset >= 0, info.postingsLength >= 0, start + info.postingsLength <= payload.upperBound else {
      throw .corrupt(file: name, offset: start, reason: "postings range \(info.postingsOffset)+\(info.postingsLength) outside the file")
    }
    // Each posting takes at least 3 bytes (delta, freq, one position), so a
    // doc freq the bytes cannot hold is corrupt; callers may reserve capacity by it.
    guard info.docFreq >= 1, info.docFreq <= docCount, info.docFreq <= info.postingsLength / 3 else {
      throw .corrupt(file: name, offset: start, reason: "doc freq \(info.docFreq) impossible for \(info.postingsLength) bytes and \(docCount) docs")
    }
    return PostingsCursor(
      reader: ByteReader(file.bytes, from: start, to: start + info.postingsLength, file: name),
      remaining: info.docFreq, docCount: docCount)
  }
}

/// Iterates one term's documents in increasing order, with their positions.
/// `advance()` returns the next doc or `.terminated`; positions of the current
/// doc are read with `positions()` before the next advance (or skipped).
public struct PostingsCursor {
  var reader: ByteReader
  var remaining: Int
  let docCount: Int
  public private(set) var doc: DocID = DocID(rawValue: 0)
  public private(set) var freq = 0
  var started = false
  var positionsPending = false

  init(reader: ByteReader, remaining: Int, docCount: Int) {
    self.reader = reader
    self.remaining = remaining
    self.docCount = docCount
  }

  public mutating func advance() throws(IndexFormatError) -> DocID {
    if positionsPending {
      for _ in 0..<freq { _ = try reader.vint() }
      positionsPending = false
    }
    guard remaining > 0 else {
      doc = .terminated
      return doc
    }
    remaining -= 1
    let delta = try reader.vint()
    // delta < 2^32 is checked first, so the sum cannot overflow.
    let next = delta >= UInt64(docCount) ? UInt64.max : started ? UInt64(doc.rawValue) + delta : delta
    guard next < UInt64(docCount), !started || delta > 0 else {
      throw reader.corrupt("doc id \(next) out of order or beyond \(docCount) docs")
    }
    started = true
    doc = DocID(rawValue: UInt32(next))
    freq = try reader.vint(max: 1 << 24, "term frequency")
    guard freq > 0 else { throw reader.corrupt("zero term frequency") }
    positionsPending = true
    return doc
  }

  /// Advances to the first doc >= target.
  public mutating func seek(_ target: DocID) throws(IndexFormatError) -> DocID {
    if started && doc >= target { return doc }
    while try advance() < target {}
    return doc
  }

  /// The current document's positions, ascending; call at most once per doc.
  public mutating func positions(into out: inout [UInt32]) throws(IndexFormatError) {
    out.removeAll(keepingCapacity: true)
    guard positionsPending else { return }
    var p: UInt64 = 0
    for k in 0..<freq {
      let d = try reader.vint()
      // Both terms stay below 2^30, so the sum cannot overflow, and callers
      // may add a query offset to a position without overflowing UInt32.
      guard d < maxPosition else { throw reader.corrupt("position delta \(d) too large") }
      p = k == 0 ? d : p + d
      guard p < maxPosition else { throw reader.corrupt("position \(p) beyond \(maxPosition)") }
      out.append(UInt32(p))
    }
    positionsPending = false
  }
}
