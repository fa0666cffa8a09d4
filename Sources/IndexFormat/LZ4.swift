// The LZ4 block format (lz4/lz4 doc/lz4_Block_format.md), compressor and
// decompressor in plain Swift, for the stored-records blocks of .rec files
// (DESIGN.md allows no system library but ICU, so no zlib or liblz4).
//
//   Block    --> Sequence*, LastSequence
//   Sequence --> Token u8, LiteralLength extension, Literals, Offset u16le, MatchLength extension
//   Token    --> high nibble: literal length (15 = more follows), low nibble: match length − 4 (15 = more)
//   extension: bytes of 255 then one byte < 255, all added to the nibble's 15
//   LastSequence --> Token, LiteralLength extension, Literals   (no offset: the input ends)
//
// The compressor searches hash chains (LZ4HC's idea, depth-limited) rather
// than one hash slot: stored text is written once and read many times, so a
// better ratio is worth a slower write. It keeps the format's end rules (the
// last 5 bytes are literals, no match starts in the last 12), so any LZ4
// decoder reads its output. The decompressor checks every length and offset
// against both buffers and throws on anything a valid block cannot contain:
// damaged input never traps and never reads or writes out of bounds.
//
// Both take an optional dictionary (LZ4's "preset dictionary", as
// LZ4_compress_fast_continue after LZ4_loadDict): bytes that count as output
// written before the block, so its first match may already refer back into
// them. Stored records of one index repeat the same boilerplate block after
// block; a dictionary of it trained once (LZ4Dictionary.train) lets every
// 32 KB block start with a 64 KB history instead of none.

public enum LZ4 {
  static let minMatch = 4
  static let lastLiterals = 5
  static let matchStartLimit = 12
  static let maxOffset = 65_535
  static let hashBits = 15
  /// Candidates tried per position: bounds the compressor's worst case
  /// (long runs of one byte) while finding the longest of the recent repeats.
  static let chainDepth = 24

  /// The hash-chain slot of 4 bytes (Knuth's multiplicative hash).
  @inline(__always) static func hash(_ v: UInt32) -> Int {
    Int((v &* 2_654_435_761) >> UInt32(32 - hashBits))
  }

  /// Compresses `src` into one LZ4 block, with `dictionary` as the history
  /// before it (nil: none).
  public static func compress(_ src: UnsafeRawBufferPointer, dictionary: LZ4Dictionary? = nil) -> [UInt8] {
    guard let dictionary, !dictionary.bytes.isEmpty else { return compress(src, history: 0, tables: nil) }
    // The dictionary and the block in one buffer: positions below `history`
    // are the dictionary's, already in the hash chains, never emitted.
    let history = dictionary.bytes.count
    let joined = UnsafeMutableRawBufferPointer.allocate(byteCount: history + src.count, alignment: 16)
    defer { joined.deallocate() }
    dictionary.bytes.withUnsafeBytes { joined.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: history) }
    if let base = src.baseAddress { (joined.baseAddress! + history).copyMemory(from: base, byteCount: src.count) }
    return compress(UnsafeRawBufferPointer(joined), history: history, tables: dictionary)
  }

  /// Compresses `src[history...]`; the bytes before are history that
  /// matches may refer to. `tables`: the hash chains of exactly those
  /// history bytes (a dictionary's, computed once), nil when history is 0.
  static func compress(_ src: UnsafeRawBufferPointer, history: Int, tables: LZ4Dictionary?) -> [UInt8] {
    let n = src.count
    var out = ByteWriter(capacity: (n - history) / 2 + 16)
    var anchor = history
    if n - history > matchStartLimit, let s = src.baseAddress {
      // Raw tables: head[h] is the newest position with hash h (−1: none),
      // chain[p & maxOffset] the previous position with p's hash. Only
      // positions already inserted are ever read from `chain`, so it needs no
      // initialization, and a block shorter than the window needs only n slots.
      let head = UnsafeMutablePointer<Int32>.allocate(capacity: 1 << hashBits)
      let chain = UnsafeMutablePointer<Int32>.allocate(capacity: min(n, maxOffset + 1))
      defer {
        head.deallocate()
        chain.deallocate()
      }
      if let tables {
        tables.head.withUnsafeBufferPointer { head.initialize(from: $0.baseAddress!, count: 1 << hashBits) }
        tables.chain.withUnsafeBufferPointer { chain.initialize(from: $0.baseAddress!, count: $0.count) }
      } else {
        head.initialize(repeating: -1, count: 1 << hashBits)
      }
      let mflimit = n - matchStartLimit
      let matchLimit = n - lastLiterals
      @inline(__always) func load32(_ i: Int) -> UInt32 { s.loadUnaligned(fromByteOffset: i, as: UInt32.self) }
      @inline(__always) func hash(_ i: Int) -> Int { LZ4.hash(load32(i)) }
      /// Length of the common run of s[a...] and s[b...] (a < b), stopping at matchLimit.
      @inline(__always) func common(_ a: Int, _ b: Int) -> Int {
        var len = 0
        let room = matchLimit - b
        while len &+ 8 <= room {
          let x = s.loadUnaligned(fromByteOffset: a &+ len, as: UInt64.self)
            ^ s.loadUnaligned(fromByteOffset: b &+ len, as: UInt64.self)
          if x != 0 { return len &+ (UInt64(littleEndian: x).trailingZeroBitCount >> 3) }
          len &+= 8
        }
        while len < room && s.load(fromByteOffset: a &+ len, as: UInt8.self) == s.load(fromByteOffset: b &+ len, as: UInt8.self) {
          len &+= 1
        }
        return len
      }
      var inserted = tables?.prefilled ?? 0  // positions below this are in the chains
      var i = history
      while i < mflimit {
        while inserted < i {
          let h = hash(inserted)
          chain[inserted & maxOffset] = head[h]
          head[h] = Int32(truncatingIfNeeded: inserted)
          inserted &+= 1
        }
        var best = 0, bestRef = 0
        var ref = Int(head[hash(i)])
        var depth = 0
        let seq = load32(i)
        while ref >= 0 && i &- ref <= maxOffset && depth < chainDepth {
          if load32(ref) == seq {
            let len = minMatch &+ common(ref &+ minMatch, i &+ minMatch)
            if len > best {
              best = len
              bestRef = ref
            }
          }
          let next = Int(chain[ref & maxOffset])
          if next >= ref { break }  // a slot reused by a newer position: the chain is over
          ref = next
          depth &+= 1
        }
        if best < minMatch {
          i &+= 1
          continue
        }
        // Extend backwards into pending literals.
        var start = i, from = bestRef
        while start > anchor && from > 0 && src[start - 1] == src[from - 1] {
          start -= 1
          from -= 1
          best += 1
        }
        emit(&out, src, literals: anchor..<start, offset: start - from, matchLength: best)
        i = start + best
        anchor = i
      }
    }
    emitLast(&out, src, literals: anchor..<n)
    return out.bytes
  }

  public static func compress(_ bytes: [UInt8], dictionary: LZ4Dictionary? = nil) -> [UInt8] {
    bytes.withUnsafeBytes { compress($0, dictionary: dictionary) }
  }

  static func length(_ out: inout ByteWriter, _ extra: Int) {
    var v = extra
    while v >= 255 {
      out.u8(255)
      v -= 255
    }
    out.u8(UInt8(v))
  }

  static func emit(_ out: inout ByteWriter, _ src: UnsafeRawBufferPointer, literals: Range<Int>, offset: Int, matchLength: Int) {
    let lit = literals.count, ml = matchLength - minMatch
    out.u8(UInt8(min(lit, 15) << 4 | min(ml, 15)))
    if lit >= 15 { length(&out, lit - 15) }
    out.append(UnsafeRawBufferPointer(rebasing: src[literals]))
    out.u8(UInt8(offset & 0xFF))
    out.u8(UInt8(offset >> 8))
    if ml >= 15 { length(&out, ml - 15) }
  }

  static func emitLast(_ out: inout ByteWriter, _ src: UnsafeRawBufferPointer, literals: Range<Int>) {
    let lit = literals.count
    out.u8(UInt8(min(lit, 15) << 4))
    if lit >= 15 { length(&out, lit - 15) }
    out.append(UnsafeRawBufferPointer(rebasing: src[literals]))
  }

  /// Decompresses one block that must expand to exactly `rawLength` bytes.
  /// Throws `.corrupt(file:offset:)` (offset = `fileOffset` + position in
  /// `src`) on any inconsistency.
  public static func decompress(
    _ src: UnsafeRawBufferPointer, rawLength: Int, file: String, fileOffset: Int = 0
  ) throws(IndexFormatError) -> [UInt8] {
    try decompress(src, rawLength: rawLength, dictionary: UnsafeRawBufferPointer(start: nil, count: 0), file: file, fileOffset: fileOffset)
  }

  /// Decompresses one block written with `dictionary` (empty: none) as its
  /// history: a match reaching back past the block's start copies from the
  /// dictionary's end (without copying the dictionary in front of the block).
  public static func decompress(
    _ src: UnsafeRawBufferPointer, rawLength: Int, dictionary: UnsafeRawBufferPointer, file: String, fileOffset: Int = 0
  ) throws(IndexFormatError) -> [UInt8] {
    let n = src.count
    let history = dictionary.count
    let dict = dictionary.baseAddress?.assumingMemoryBound(to: UInt8.self)
    var failure: (at: Int, reason: String)?
    // Not zeroed first: a block decoded without error has written all
    // rawLength bytes (decode checks that it ends exactly there); on an
    // error the array is dropped with no byte counted as initialized.
    // `slack` bytes past rawLength let short literal runs and matches be
    // copied 16 bytes at a time whatever their length (lz4's wildcopy);
    // they are scratch, never counted as initialized.
    let out = [UInt8](unsafeUninitializedCapacity: rawLength + slack) { dst, initialized in
      initialized = 0
      guard let s = src.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
        failure = (0, "missing last sequence")
        return
      }
      if let d = dst.baseAddress, rawLength > 0 {
        failure = decode(s, n, d, rawLength, dict, history)
      } else {  // rawLength 0: nothing may be written, but the input is still checked
        failure = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: slack) { decode(s, n, $0.baseAddress!, 0, dict, history) }
      }
      if failure == nil { initialized = rawLength }
    }
    if let failure {
      throw .corrupt(file: file, offset: fileOffset + failure.at, reason: "LZ4 block: " + failure.reason)
    }
    return out
  }

  /// Scratch bytes the decoder may write past `rawLength` (see decompress).
  static let slack = 32

  @inline(__always) private static func copy16(_ to: UnsafeMutablePointer<UInt8>, _ from: UnsafePointer<UInt8>) {
    let a = UnsafeRawPointer(from).loadUnaligned(as: UInt64.self)
    let b = UnsafeRawPointer(from + 8).loadUnaligned(as: UInt64.self)
    UnsafeMutableRawPointer(to).storeBytes(of: a, as: UInt64.self)
    UnsafeMutableRawPointer(to + 8).storeBytes(of: b, as: UInt64.self)
  }

  /// The decoding loop, on raw pointers with its cursors in locals (a
  /// cursor captured by a nested function would live in a heap box and be
  /// reloaded on every byte). `dst` has room for `rawLength + slack` bytes:
  /// a literal run of at most 14 bytes, or a match of at most 18 at an
  /// offset ≥ 16, is copied as whole 16-byte words when both buffers have
  /// the room (most sequences of stored text), the bytes past its end
  /// being overwritten by the next sequence or left as scratch. Every
  /// length and offset is checked before it is used, as on the general
  /// path. A match may also reach back into the `history` bytes of `dict`
  /// (a preset dictionary: output before the block's first byte). Returns
  /// where and why the input is invalid, nil when it decoded exactly
  /// `rawLength` bytes.
  private static func decode(
    _ src: UnsafePointer<UInt8>, _ n: Int, _ dst: UnsafeMutablePointer<UInt8>, _ rawLength: Int,
    _ dict: UnsafePointer<UInt8>?, _ history: Int
  ) -> (at: Int, reason: String)? {
    var ip = 0, op = 0
    while true {
      guard ip < n else { return (ip, "missing last sequence") }
      let token = Int(src[ip])
      ip &+= 1
      var lit = token >> 4
      if lit < 15 && n &- ip >= 16 && rawLength &- op >= lit {
        copy16(dst + op, src + ip)  // dst has slack: op + 16 ≤ rawLength + slack
      } else {
        if lit == 15, let failure = extend(&lit, src, n, &ip, limit: rawLength) { return failure }
        guard lit <= n &- ip, lit <= rawLength &- op else { return (ip, "\(lit) literals overrun") }
        if lit > 0 { (dst + op).update(from: src + ip, count: lit) }
      }
      ip &+= lit
      op &+= lit
      if ip == n {
        return op == rawLength ? nil : (ip, "decoded \(op) bytes, expected \(rawLength)")
      }
      guard n &- ip >= 2 else { return (ip, "truncated offset") }
      let offset = Int(src[ip]) | Int(src[ip &+ 1]) << 8
      ip &+= 2
      guard offset > 0, offset <= op &+ history else { return (ip, "offset \(offset) at output \(op)") }
      var ml = token & 15
      if ml < 15 && offset >= 16 && rawLength &- op >= ml &+ minMatch {
        if offset <= op {
          // At most 18 bytes from at least 16 back: two words whose sources
          // are written (the second may read what the first just wrote).
          copy16(dst + op, dst + (op &- offset))
          copy16(dst + (op &+ 16), dst + (op &+ 16 &- offset))
          op &+= ml &+ minMatch
          continue
        }
        if offset &- op >= 32, let dict {
          // Inside the dictionary, 32 bytes or more before its end.
          let from = dict + (history &+ op &- offset)
          copy16(dst + op, from)
          copy16(dst + (op &+ 16), from + 16)
          op &+= ml &+ minMatch
          continue
        }
      }
      if ml == 15, let failure = extend(&ml, src, n, &ip, limit: rawLength) { return failure }
      ml &+= minMatch
      guard ml <= rawLength &- op else { return (ip, "match of \(ml) overruns") }
      // A match may overlap its own output (offset < length). With offset ≥ 16
      // (≥ 8) every 16-byte (8-byte) word's source is already written, so copy
      // by words, the last 16-byte word running at most 15 bytes into the
      // slack; closer repeats (runs of one character) go byte by byte.
      var from = op &- offset
      let end = op &+ ml
      if from < 0, let dict {
        // Starts in the dictionary (its last −from bytes), and goes on
        // from the block's first byte if it is longer.
        let k = min(0 &- from, ml)
        (dst + op).update(from: dict + (history &+ from), count: k)
        op &+= k
        from &+= k
        if op == end { continue }
      }
      if offset >= 16 {
        while op < end {
          copy16(dst + op, dst + from)
          op &+= 16
          from &+= 16
        }
        op = end
        continue
      }
      if offset >= 8 {
        while op &+ 8 <= end {
          UnsafeMutableRawPointer(dst + op).storeBytes(
            of: UnsafeRawPointer(dst + from).loadUnaligned(as: UInt64.self), as: UInt64.self)
          op &+= 8
          from &+= 8
        }
      }
      while op < end {
        dst[op] = dst[from]
        op &+= 1
        from &+= 1
      }
    }
  }

  /// Adds a length extension (bytes of 255, then one below 255) at `ip` to
  /// `length`, keeping the total ≤ `limit` so it cannot overflow; where and
  /// why it fails, nil when it ends in place. Inlined, so `ip` stays in a register.
  @inline(__always) private static func extend(
    _ length: inout Int, _ src: UnsafePointer<UInt8>, _ n: Int, _ ip: inout Int, limit: Int
  ) -> (at: Int, reason: String)? {
    while true {
      guard ip < n else { return (ip, "length runs past the end") }
      let b = Int(src[ip])
      ip &+= 1
      length &+= b
      guard length <= limit else { return (ip, "length \(length) beyond the block") }
      if b != 255 { return nil }
    }
  }
}
