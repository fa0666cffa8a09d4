// CRC-32C (Castagnoli), the checksum in every file footer and block (as in
// Lucene's CodecUtil and RocksDB). The CPU's crc32 instruction where there is
// one (CCRC32C: ≈10+ GB/s; readers verify the manifest on every open and a
// postings or stored block on every decode), else slicing-by-8 tables
// (~1 GB/s), which are also the reference the tests compare it with.
import CCRC32C

public enum CRC32C {
  /// Whether this CPU computes CRC-32C in hardware (checked once).
  static let hardware = ccrc32c_available() != 0

  static let tables: [[UInt32]] = {
    var t = [[UInt32]](repeating: [UInt32](repeating: 0, count: 256), count: 8)
    for i in 0..<256 {
      var c = UInt32(i)
      for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
      t[0][i] = c
    }
    for i in 0..<256 {
      for k in 1..<8 { t[k][i] = (t[k - 1][i] >> 8) ^ t[0][Int(t[k - 1][i] & 0xFF)] }
    }
    return t
  }()

  public static func checksum(_ data: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
    if hardware, let p = data.baseAddress { return ccrc32c_update(seed, p, data.count) }
    return software(data, seed: seed)
  }

  /// The table version (also what tests compare the hardware one with).
  static func software(_ data: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
    var crc = ~seed
    var i = 0
    let n = data.count
    tables.withUnsafeBufferPointer { tt in
      let t0 = tt[0], t1 = tt[1], t2 = tt[2], t3 = tt[3], t4 = tt[4], t5 = tt[5], t6 = tt[6], t7 = tt[7]
      while n - i >= 8 {
        let lo = data.loadUnaligned(fromByteOffset: i, as: UInt32.self).littleEndian ^ crc
        let hi = data.loadUnaligned(fromByteOffset: i + 4, as: UInt32.self).littleEndian
        crc = t7[Int(lo & 0xFF)] ^ t6[Int((lo >> 8) & 0xFF)] ^ t5[Int((lo >> 16) & 0xFF)]
          ^ t4[Int(lo >> 24)] ^ t3[Int(hi & 0xFF)] ^ t2[Int((hi >> 8) & 0xFF)]
          ^ t1[Int((hi >> 16) & 0xFF)] ^ t0[Int(hi >> 24)]
        i += 8
      }
      while i < n {
        crc = t0[Int((crc ^ UInt32(data[i])) & 0xFF)] ^ (crc >> 8)
        i += 1
      }
    }
    return ~crc
  }

  public static func checksum(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBytes { checksum($0) }
  }
}
