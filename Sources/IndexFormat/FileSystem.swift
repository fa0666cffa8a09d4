// System calls, wrapped as swift-system does: one function per call, EINTR
// retried, errors carrying errno and path. Glibc only (no Foundation), so a
// search process starts fast.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

func errnoDescription(_ e: Int32) -> String {
  guard let s = strerror(e) else { return "errno \(e)" }
  return String(cString: s)
}

public enum FileSystem {
  public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

  public static func isDirectory(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
  }

  /// Size and modification time (ns) of a regular file, nil if it is not one.
  public static func fileStatus(_ path: String) -> (size: Int, mtimeNanos: Int64)? {
    var st = stat()
    guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
    #if canImport(Darwin)
      let ns = Int64(st.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(st.st_mtimespec.tv_nsec)
    #else
      let ns = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
    #endif
    return (Int(st.st_size), ns)
  }

  public static func createDirectory(_ path: String) throws(IndexFormatError) {
    if mkdir(path, 0o755) != 0 && errno != EEXIST { throw .io(path: path, operation: "mkdir", errno: errno) }
  }

  /// Names in a directory (not "." and ".."), sorted bytewise.
  public static func list(_ path: String) throws(IndexFormatError) -> [String] {
    guard let d = opendir(path) else { throw .io(path: path, operation: "opendir", errno: errno) }
    defer { closedir(d) }
    var names: [String] = []
    while let e = readdir(d) {
      let name = withUnsafePointer(to: e.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  public static func readFile(_ path: String) throws(IndexFormatError) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw errno == ENOENT ? .missing(path: path) : .io(path: path, operation: "open", errno: errno) }
    defer { close(fd) }
    var out: [UInt8] = []
    if let st = fileStatus(path) { out.reserveCapacity(st.size) }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .io(path: path, operation: "read", errno: errno)
      }
      if n == 0 { break }
      out.append(contentsOf: chunk[0..<n])
    }
    return out
  }

  /// Writes `bytes` to `path` (created or truncated) and fsyncs it.
  public static func writeFile(_ path: String, _ bytes: [UInt8]) throws(IndexFormatError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw .io(path: path, operation: "open for writing", errno: errno) }
    defer { close(fd) }
    try writeAll(fd, bytes, path: path)
    if fsync(fd) != 0 { throw .io(path: path, operation: "fsync", errno: errno) }
  }

  /// Writes all of `bytes` to `fd`, retrying short writes and EINTR.
  static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(IndexFormatError) {
    var written = 0
    while written < bytes.count {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .io(path: path, operation: "write", errno: errno)
      }
      written += n
    }
  }

  /// Atomically replaces `to` with `from` (same directory), then fsyncs the directory.
  public static func rename(_ from: String, _ to: String, directory: String) throws(IndexFormatError) {
    if Glibc.rename(from, to) != 0 { throw .io(path: to, operation: "rename", errno: errno) }
    try syncDirectory(directory)
  }

  public static func syncDirectory(_ path: String) throws(IndexFormatError) {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { throw .io(path: path, operation: "open directory", errno: errno) }
    defer { close(fd) }
    if fsync(fd) != 0 && errno != EINVAL { throw .io(path: path, operation: "fsync directory", errno: errno) }
  }

  public static func remove(_ path: String) { unlink(path) }

  /// An exclusive advisory lock on `path` (created if needed), held until the
  /// returned descriptor is closed or the process exits, so a killed writer
  /// never leaves a stale lock behind. Waits up to `waitMilliseconds` for a
  /// holder to finish: besides another writer, a child process forked at the
  /// wrong moment briefly shares our descriptor (until its exec closes it),
  /// and with it the lock we just released.
  public static func lockExclusive(_ path: String, waitMilliseconds: Int = 2000) throws(IndexFormatError) -> Int32 {
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw .io(path: path, operation: "open lock", errno: errno) }
    var waited = 0
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      if waited >= waitMilliseconds {
        close(fd)
        throw .locked(path: path)
      }
      usleep(10_000)
      waited += 10
    }
    return fd
  }

  public static func unlock(_ fd: Int32) { close(fd) }
}

/// A read-only memory mapping of a whole file, unmapped in deinit.
/// @unchecked Sendable: the mapping is read-only and never remapped, so
/// sharing the pointer across threads is safe.
public final class MappedFile: @unchecked Sendable {
  public let path: String
  public let bytes: UnsafeRawBufferPointer
  private let length: Int

  public init(path: String) throws(IndexFormatError) {
    self.path = path
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw errno == ENOENT ? .missing(path: path) : .io(path: path, operation: "open", errno: errno)
    }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw .io(path: path, operation: "fstat", errno: errno) }
    length = Int(st.st_size)
    if length == 0 {  // mmap of length 0 fails; an empty file is corrupt for us anyway
      bytes = UnsafeRawBufferPointer(start: nil, count: 0)
      return
    }
    let p = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0)
    guard let p, p != MAP_FAILED else { throw .io(path: path, operation: "mmap", errno: errno) }
    bytes = UnsafeRawBufferPointer(start: p, count: length)
  }

  deinit {
    if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), length) }
  }

  /// Drops the whole pages inside `range` from this process's resident set
  /// (they stay in the page cache and are read back if touched again): a
  /// merge that has streamed through an input gives its pages back, so its
  /// resident size does not grow with the inputs it has read.
  public func release(_ range: Range<Int>) {
    guard let base = bytes.baseAddress else { return }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let lo = (max(range.lowerBound, 0) + page - 1) / page * page
    let hi = min(range.upperBound, length) / page * page
    if hi > lo { _ = madvise(UnsafeMutableRawPointer(mutating: base + lo), hi - lo, MADV_DONTNEED) }
  }
}

/// Writes one index file as a stream: header, payload chunks, footer with
/// the CRC of everything before it (the same bytes `Envelope.begin`/`finish`
/// produce in memory), then fsync. For files too large to hold (merges).
public final class EnvelopeFileWriter {
  public let path: String
  private let fd: Int32
  private var crc: UInt32 = 0
  private var buffer = ByteWriter(capacity: 1 << 20)
  public private(set) var payloadCount = 0
  private var closed = false

  public init(path: String, kind: FileKind, generation: UInt64) throws(IndexFormatError) {
    self.path = path
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw .io(path: path, operation: "open for writing", errno: errno) }
    buffer = Envelope.begin(kind, generation: generation)
  }

  deinit { if !closed { close(fd) } }

  /// Appends payload bytes.
  public func append(_ bytes: UnsafeRawBufferPointer) throws(IndexFormatError) {
    payloadCount += bytes.count
    buffer.append(bytes)
    if buffer.count >= 1 << 20 { try flush() }
  }

  /// Appends payload bytes.
  public func append(_ bytes: [UInt8]) throws(IndexFormatError) {
    payloadCount += bytes.count
    buffer.append(bytes)
    if buffer.count >= 1 << 20 { try flush() }
  }

  private func flush() throws(IndexFormatError) {
    crc = buffer.bytes.withUnsafeBytes { CRC32C.checksum($0, seed: crc) }
    try FileSystem.writeAll(fd, buffer.bytes, path: path)
    buffer.bytes.removeAll(keepingCapacity: true)
  }

  /// Writes the footer, fsyncs and closes.
  public func finish() throws(IndexFormatError) {
    buffer.u32(Envelope.footerMagic)
    crc = buffer.bytes.withUnsafeBytes { CRC32C.checksum($0, seed: crc) }
    buffer.u32(crc)
    try FileSystem.writeAll(fd, buffer.bytes, path: path)
    buffer.bytes = []
    if fsync(fd) != 0 { throw .io(path: path, operation: "fsync", errno: errno) }
    closed = true
    close(fd)
  }
}
