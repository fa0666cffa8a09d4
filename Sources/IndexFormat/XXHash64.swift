// XXH64 (seed 0), the content hash of corpus files in the manifest: the
// writer re-reads a file whose size or mtime changed and re-indexes it only
// if this hash changed too. Not cryptographic; ~10 GB/s on 64-bit CPUs, so
// hashing never shows next to parsing. Spec: github.com/Cyan4973/xxHash doc/xxhash_spec.md.

public enum XXHash64 {
  static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
  static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
  static let p3: UInt64 = 0x1656_67B1_9E37_79F9
  static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
  static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

  @inline(__always) static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }
  @inline(__always) static func round(_ acc: UInt64, _ lane: UInt64) -> UInt64 {
    rotl(acc &+ lane &* p2, 31) &* p1
  }
  @inline(__always) static func merge(_ acc: UInt64, _ v: UInt64) -> UInt64 {
    (acc ^ round(0, v)) &* p1 &+ p4
  }

  public static func hash(_ data: UnsafeRawBufferPointer) -> UInt64 {
    let n = data.count
    var i = 0
    var h: UInt64
    // One bounds check per 32-byte stripe (the loop condition), none per load.
    func u64(_ o: Int) -> UInt64 { data.loadUnaligned(fromByteOffset: o, as: UInt64.self).littleEndian }
    if n >= 32 {
      var v1 = p1 &+ p2, v2 = p2, v3: UInt64 = 0, v4: UInt64 = 0 &- p1
      while n - i >= 32 {
        v1 = round(v1, u64(i))
        v2 = round(v2, u64(i + 8))
        v3 = round(v3, u64(i + 16))
        v4 = round(v4, u64(i + 24))
        i += 32
      }
      h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
      h = merge(merge(merge(merge(h, v1), v2), v3), v4)
    } else {
      h = p5
    }
    h = h &+ UInt64(n)
    while n - i >= 8 {
      h = rotl(h ^ round(0, u64(i)), 27) &* p1 &+ p4
      i += 8
    }
    if n - i >= 4 {
      let w = UInt64(data.loadUnaligned(fromByteOffset: i, as: UInt32.self).littleEndian)
      h = rotl(h ^ (w &* p1), 23) &* p2 &+ p3
      i += 4
    }
    while i < n {
      h = rotl(h ^ (UInt64(data[i]) &* p5), 11) &* p1
      i += 1
    }
    h ^= h >> 33
    h = h &* p2
    h ^= h >> 29
    h = h &* p3
    return h ^ (h >> 32)
  }

  public static func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { hash($0) } }
}
