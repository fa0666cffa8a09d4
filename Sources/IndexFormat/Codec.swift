// Byte codecs shared by every index file: little-endian integers and LEB128
// VInts (7 bits per byte, low group first), as in Lucene's DataOutput.

/// An append-only byte buffer with the writers every file format uses.
public struct ByteWriter: Sendable {
  public var bytes: [UInt8] = []
  public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }
  public var count: Int { bytes.count }

  public mutating func u8(_ v: UInt8) { bytes.append(v) }
  public mutating func u32(_ v: UInt32) {
    withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
  }
  public mutating func u64(_ v: UInt64) {
    withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
  }
  public mutating func i64(_ v: Int64) { u64(UInt64(bitPattern: v)) }
  public mutating func vint(_ value: UInt64) {
    var v = value
    while v >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }
  public mutating func vint(_ value: Int) { vint(UInt64(value)) }
  public mutating func append<C: Collection>(_ b: C) where C.Element == UInt8 { bytes.append(contentsOf: b) }
  /// A VInt length then the UTF-8 bytes.
  public mutating func string(_ s: String) {
    vint(s.utf8.count)
    bytes.append(contentsOf: s.utf8)
  }
  public mutating func patchU32(at offset: Int, _ v: UInt32) {
    withUnsafeBytes(of: v.littleEndian) { src in
      for i in 0..<4 { bytes[offset + i] = src[i] }
    }
  }
  public mutating func align(to n: Int) {
    while bytes.count % n != 0 { bytes.append(0) }
  }
}

/// A bounds-checked reader over a slice of a mapped file. Every read checks
/// the remaining length and throws `.corrupt` with the file name and offset.
public struct ByteReader {
  public let base: UnsafeRawBufferPointer
  public var offset: Int
  public let end: Int
  public let file: String

  public init(_ base: UnsafeRawBufferPointer, from start: Int, to end: Int, file: String) {
    self.base = base
    self.offset = start
    self.end = end
    self.file = file
  }

  public var atEnd: Bool { offset >= end }

  public func corrupt(_ reason: String) -> IndexFormatError {
    .corrupt(file: file, offset: offset, reason: reason)
  }

  public mutating func u8() throws(IndexFormatError) -> UInt8 {
    guard offset < end else { throw corrupt("unexpected end of data") }
    let v = base[offset]
    offset += 1
    return v
  }
  public mutating func u32() throws(IndexFormatError) -> UInt32 {
    guard end - offset >= 4 else { throw corrupt("unexpected end of data (u32)") }
    let v = base.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
    offset += 4
    return v
  }
  public mutating func u64() throws(IndexFormatError) -> UInt64 {
    guard end - offset >= 8 else { throw corrupt("unexpected end of data (u64)") }
    let v = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
    offset += 8
    return v
  }
  public mutating func vint() throws(IndexFormatError) -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard offset < end else { throw corrupt("unexpected end of data (VInt)") }
      let b = base[offset]
      offset += 1
      result |= UInt64(b & 0x7F) << shift
      if b < 0x80 { return result }
      shift += 7
      if shift > 63 { throw corrupt("VInt longer than 10 bytes") }
    }
  }
  /// A VInt that must be at most `limit` (lengths, counts, ids).
  public mutating func vint(max limit: Int, _ what: String) throws(IndexFormatError) -> Int {
    let v = try vint()
    guard v <= UInt64(limit) else { throw corrupt("\(what) \(v) exceeds \(limit)") }
    return Int(v)
  }
  public mutating func bytes(_ n: Int) throws(IndexFormatError) -> UnsafeRawBufferPointer {
    guard n >= 0, end - offset >= n else { throw corrupt("length \(n) runs past the end") }
    let r = UnsafeRawBufferPointer(rebasing: base[offset..<offset + n])
    offset += n
    return r
  }
  public mutating func string() throws(IndexFormatError) -> String {
    let n = try vint(max: end - offset, "string length")
    let b = try bytes(n)
    guard let s = String(validating: b, as: UTF8.self) else { throw corrupt("invalid UTF-8 in string") }
    return s
  }
}

/// The capacity an array grown one append at a time has reached for `count`
/// elements under doubling: the next power of two. Memory estimates use it
/// instead of `Array.capacity`, which malloc's size classes round up
/// differently from run to run, so that when a writer flushes (and so which
/// segment each file lands in) depends only on the input.
@inlinable public func grownCapacity(_ count: Int) -> Int {
  count <= 1 ? count : 1 << (Int.bitWidth - (count - 1).leadingZeroBitCount)
}

extension ByteReader {
  /// The VInt at `offset` of `base` (moved past it) if it ends before `end`
  /// within 10 bytes. No reader value: a ByteReader retains its file name,
  /// which the hot paths (skip entries, dictionary lookups) cannot afford
  /// per entry; they report damage with their own offsets.
  @inline(__always)
  static func vint(_ base: UnsafeRawBufferPointer, _ offset: inout Int, _ end: Int) -> UInt64? {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while offset < end && shift <= 63 {
      let b = base[offset]
      offset &+= 1
      result |= UInt64(b & 0x7F) << shift
      if b < 0x80 { return result }
      shift &+= 7
    }
    return nil
  }
}
