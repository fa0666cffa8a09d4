// The envelope every index file shares (Lucene CodecUtil's header/footer):
//   Header --> Magic u32le "BSIX", FormatVersion u32le, Kind u8, 0 u8 ×3, Generation u64le   (20 bytes)
//   Footer --> FooterMagic u32le (= ~Magic), CRC32C u32le over all preceding bytes            (8 bytes)
// Opening checks header and footer shape (cheap); `verify` checks the CRC.

public enum FileKind: UInt8, Sendable, CaseIterable {
  case manifest = 1, dictionary = 2, postings = 3, columns = 4, stored = 5, deletes = 6

  public var fileExtension: String {
    switch self {
    case .manifest: return ""
    case .dictionary: return "dict"
    case .postings: return "pst"
    case .columns: return "num"
    case .stored: return "rec"
    case .deletes: return "del"
    }
  }
}

public enum Envelope {
  public static let magic: UInt32 = 0x5849_5342  // "BSIX" little-endian
  public static let footerMagic: UInt32 = ~magic
  public static let formatVersion: UInt32 = 6
  /// Version 1 (uncompressed columns and records, VInt-only postings) is
  /// not read: `index` treats such an index as absent and rebuilds it.
  /// Version 2 is read: it differs only in `.num` column heads, which lack
  /// the column's Sum (see Columns.swift). Version 3 is read: its MANIFEST
  /// has no `head-crc` line (Manifest.swift), so a search checks all of it.
  /// Version 4 is read: its MANIFEST never names the field kind `gram-text`
  /// (every text field has a word view); its files are those of version 5.
  /// Version 5 is read: its stored tables have no DictLength and no repeat
  /// markers (Stored.swift); every other file is as in version 6.
  public static let supportedVersions: ClosedRange<UInt32> = 2...6
  public static let headerSize = 20
  public static let footerSize = 8

  /// Starts a file: writes the header into a fresh writer.
  public static func begin(_ kind: FileKind, generation: UInt64) -> ByteWriter {
    var w = ByteWriter(capacity: 4096)
    w.u32(magic)
    w.u32(formatVersion)
    w.u8(kind.rawValue)
    w.append([0, 0, 0])
    w.u64(generation)
    return w
  }

  /// Ends a file: appends the footer with the CRC of everything before it.
  public static func finish(_ w: inout ByteWriter) {
    w.u32(footerMagic)
    let crc = w.bytes.withUnsafeBytes { CRC32C.checksum($0) }
    w.u32(crc)
  }

  /// Checks header and footer shape; returns the payload range.
  public static func open(
    _ file: MappedFile, name: String, kind: FileKind, generation: UInt64? = nil
  ) throws(IndexFormatError) -> Range<Int> {
    let b = file.bytes
    guard b.count >= headerSize + footerSize else {
      throw .corrupt(file: name, offset: 0, reason: "file is \(b.count) bytes, shorter than header and footer")
    }
    var r = ByteReader(b, from: 0, to: b.count, file: name)
    guard try r.u32() == magic else { throw .corrupt(file: name, offset: 0, reason: "bad magic (not a budgetsearch index file)") }
    let version = try r.u32()
    guard supportedVersions.contains(version) else {
      throw .unsupportedVersion(file: name, found: version, supported: supportedVersions)
    }
    let k = try r.u8()
    guard k == kind.rawValue else { throw .corrupt(file: name, offset: 8, reason: "file kind \(k), expected \(kind.rawValue)") }
    r.offset = 12
    let gen = try r.u64()
    if let generation, gen != generation {
      throw .corrupt(file: name, offset: 12, reason: "generation \(gen), expected \(generation)")
    }
    var f = ByteReader(b, from: b.count - footerSize, to: b.count, file: name)
    guard try f.u32() == footerMagic else {
      throw .corrupt(file: name, offset: b.count - footerSize, reason: "bad footer (truncated or overwritten)")
    }
    return headerSize..<(b.count - footerSize)
  }

  /// The FormatVersion of a file `open` accepted.
  public static func version(_ file: MappedFile) -> UInt32 {
    UInt32(littleEndian: file.bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
  }

  /// Recomputes the CRC over the whole file and compares it with the footer.
  public static func verifyChecksum(_ file: MappedFile, name: String) throws(IndexFormatError) {
    let b = file.bytes
    guard b.count >= headerSize + footerSize else {
      throw .corrupt(file: name, offset: 0, reason: "file shorter than header and footer")
    }
    let stored = b.loadUnaligned(fromByteOffset: b.count - 4, as: UInt32.self).littleEndian
    let actual = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: b[0..<(b.count - 4)]))
    if stored != actual { throw .checksumMismatch(file: name, expected: stored, actual: actual) }
  }
}

