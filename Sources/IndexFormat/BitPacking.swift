// Frame-of-reference bit packing, shared by the columns (.num) and the
// postings blocks (.pst): n unsigned values of `width` bits each, value i in
// bits [i·width, (i+1)·width) of a little-endian bit stream (bit 0 = the low
// bit of the first byte), ceil(n·width / 8) bytes. Lucene's ForUtil and
// tantivy's bitpacker pack the same way; width 0 takes no bytes at all, which
// is what makes a run of equal values (freq 1, consecutive doc ids) free.

public enum BitPacking {
  /// Bits needed for `v` (0 for 0).
  @inlinable public static func width(_ v: UInt64) -> Int { 64 - v.leadingZeroBitCount }

  /// Bytes that n values of `width` bits take.
  @inlinable public static func byteCount(_ n: Int, width: Int) -> Int { (n * width + 7) >> 3 }

  /// Appends `values` packed at `width` bits; every value must fit.
  public static func pack<C: Collection>(_ values: C, width: Int, into w: inout ByteWriter) where C.Element == UInt64 {
    precondition(width >= 0 && width <= 64)
    if width == 0 { return }
    var acc: UInt64 = 0  // pending bits, low first
    var used = 0  // how many of acc's low bits are pending
    for v in values {
      precondition(width == 64 || v >> UInt64(width) == 0, "value does not fit its width")
      acc |= v << UInt64(used)  // Swift's << by ≥ 64 yields 0, so used = 0 is fine
      let total = used + width
      if total >= 64 {
        w.u64(acc)
        // The bits of v that did not fit (none when total == 64).
        acc = total == 64 ? 0 : v >> UInt64(width - (total - 64))
        used = total - 64
      } else {
        used = total
      }
    }
    while used > 0 {
      w.u8(UInt8(truncatingIfNeeded: acc))
      acc >>= 8
      used -= 8
    }
  }

  /// Value `i` of a packed run starting at byte `start` of `base`. The caller
  /// checked that the run (byteCount(n, width) bytes, i < n) lies inside
  /// `base`; reads never go past `base.count` (an 8-byte load is used only
  /// where 9 bytes remain, otherwise bytes are gathered one by one).
  @inlinable
  public static func value(_ base: UnsafeRawBufferPointer, start: Int, index i: Int, width: Int) -> UInt64 {
    if width == 0 { return 0 }
    let bit = i &* width
    let byte = start &+ (bit >> 3)
    let shift = UInt64(bit & 7)
    let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) &- 1
    if byte &+ 9 <= base.count {
      var v = base.loadUnaligned(fromByteOffset: byte, as: UInt64.self).littleEndian >> shift
      // A 64-bit value at a shift > 0, or a wide value at a high shift,
      // spills into the ninth byte.
      if Int(shift) &+ width > 64 { v |= UInt64(base[byte &+ 8]) << (64 &- shift) }
      return v & mask
    }
    var v: UInt64 = 0
    var got = 0
    var k = byte
    while got < Int(shift) &+ width && k < base.count {
      let b = UInt64(base[k])
      if got == 0 {
        v = b >> shift
        got = 8 &- Int(shift)
      } else {
        v |= b << UInt64(got)
        got &+= 8
      }
      k &+= 1
    }
    return v & mask
  }

  /// Unpacks n values into `out` (replacing its contents).
  @inlinable
  public static func unpack(
    _ base: UnsafeRawBufferPointer, start: Int, count n: Int, width: Int, into out: inout [UInt32]
  ) {
    out.removeAll(keepingCapacity: true)
    out.reserveCapacity(n)
    if n == 0 { return }
    out.append(contentsOf: repeatElement(0, count: n))
    out.withUnsafeMutableBufferPointer { unpack(base, start: start, count: n, width: width, into: $0.baseAddress!) }
  }

  /// Unpacks values first..<first+n of a packed run starting at byte `start`
  /// into `out`, which has room for n. The caller checked that the run lies
  /// inside `base` (as for `value`). One unaligned 64-bit load per value
  /// where nine bytes remain; the last few values of a file go through `value`.
  @inlinable
  public static func unpack(
    _ base: UnsafeRawBufferPointer, start: Int, first: Int = 0, count n: Int, width: Int,
    into out: UnsafeMutablePointer<UInt32>
  ) {
    if width == 0 {
      out.update(repeating: 0, count: n)
      return
    }
    guard width <= 32, let raw = base.baseAddress else {
      for k in 0..<n { out[k] = UInt32(truncatingIfNeeded: value(base, start: start, index: first &+ k, width: width)) }
      return
    }
    // A value of ≤ 32 bits at a shift ≤ 7 lies inside one 64-bit load.
    let mask: UInt64 = (1 << UInt64(width)) &- 1
    let limit = base.count &- 9  // last byte offset where an 8-byte load stays inside `base` with a byte to spare
    var bit = (start &<< 3) &+ first &* width
    var k = 0
    while k < n {
      let byte = bit &>> 3
      if byte > limit { break }
      let word = raw.loadUnaligned(fromByteOffset: byte, as: UInt64.self).littleEndian
      out[k] = UInt32(truncatingIfNeeded: (word &>> UInt64(bit & 7)) & mask)
      bit &+= width
      k &+= 1
    }
    while k < n {
      out[k] = UInt32(truncatingIfNeeded: value(base, start: start, index: first &+ k, width: width))
      k &+= 1
    }
  }
}
