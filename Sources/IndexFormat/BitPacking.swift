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
    var k = 0
    if first == 0 {
      // Groups of 8 values (`width` whole bytes) with the width a constant:
      // fixed offsets and shifts, no per-value bit arithmetic.
      // Each group's loads end before byte start + (g + 1)·width + 8.
      let groups = min(n >> 3, max(0, (limit &- start &+ 1) / width &- 1))
      if groups > 0 {
        unpackGroups(raw + start, groups: groups, width: width, into: out)
        k = groups &<< 3
      }
    }
    var bit = (start &<< 3) &+ (first &+ k) &* width
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

  /// Unpacks `groups` groups of 8 values of `width` (1…32) bits, the first at
  /// bit 0 of `raw`; every 8-byte load must be readable. One specialized
  /// loop per width (the switch), so offsets and shifts are constants.
  @usableFromInline
  static func unpackGroups(_ raw: UnsafeRawPointer, groups: Int, width: Int, into out: UnsafeMutablePointer<UInt32>) {
    switch width {
    case 1: unpackGroups(raw, groups, 1, out)
    case 2: unpackGroups(raw, groups, 2, out)
    case 3: unpackGroups(raw, groups, 3, out)
    case 4: unpackGroups(raw, groups, 4, out)
    case 5: unpackGroups(raw, groups, 5, out)
    case 6: unpackGroups(raw, groups, 6, out)
    case 7: unpackGroups(raw, groups, 7, out)
    case 8: unpackGroups(raw, groups, 8, out)
    case 9: unpackGroups(raw, groups, 9, out)
    case 10: unpackGroups(raw, groups, 10, out)
    case 11: unpackGroups(raw, groups, 11, out)
    case 12: unpackGroups(raw, groups, 12, out)
    case 13: unpackGroups(raw, groups, 13, out)
    case 14: unpackGroups(raw, groups, 14, out)
    case 15: unpackGroups(raw, groups, 15, out)
    case 16: unpackGroups(raw, groups, 16, out)
    case 17: unpackGroups(raw, groups, 17, out)
    case 18: unpackGroups(raw, groups, 18, out)
    case 19: unpackGroups(raw, groups, 19, out)
    case 20: unpackGroups(raw, groups, 20, out)
    case 21: unpackGroups(raw, groups, 21, out)
    case 22: unpackGroups(raw, groups, 22, out)
    case 23: unpackGroups(raw, groups, 23, out)
    case 24: unpackGroups(raw, groups, 24, out)
    case 25: unpackGroups(raw, groups, 25, out)
    case 26: unpackGroups(raw, groups, 26, out)
    case 27: unpackGroups(raw, groups, 27, out)
    case 28: unpackGroups(raw, groups, 28, out)
    case 29: unpackGroups(raw, groups, 29, out)
    case 30: unpackGroups(raw, groups, 30, out)
    case 31: unpackGroups(raw, groups, 31, out)
    case 32: unpackGroups(raw, groups, 32, out)
    default: preconditionFailure("width \(width)")
    }
  }

  @inline(__always)
  static func unpackGroups(_ raw: UnsafeRawPointer, _ groups: Int, _ width: Int, _ out: UnsafeMutablePointer<UInt32>) {
    let mask: UInt64 = (1 << UInt64(width)) &- 1
    var p = raw, o = out
    for _ in 0..<groups {
      @inline(__always) func value(_ j: Int) -> UInt32 {
        let bit = j &* width
        let word = p.loadUnaligned(fromByteOffset: bit &>> 3, as: UInt64.self).littleEndian
        return UInt32(truncatingIfNeeded: (word &>> UInt64(bit & 7)) & mask)
      }
      o[0] = value(0)
      o[1] = value(1)
      o[2] = value(2)
      o[3] = value(3)
      o[4] = value(4)
      o[5] = value(5)
      o[6] = value(6)
      o[7] = value(7)
      p += width
      o += 8
    }
  }
}
