// System calls, wrapped as swift-system does: one function per call, EINTR
// retried, errors carrying errno and path. Glibc only (no Foundation), so a
// search process starts fast.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import CAffinity

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
    guard stat(path, &st) == 0, case .file(let size, let mtimeNanos) = kind(st) else { return nil }
    return (size, mtimeNanos)
  }

  public static func createDirectory(_ path: String) throws(IndexFormatError) {
    if mkdir(path, 0o755) != 0 && errno != EEXIST { throw .io(path: path, operation: "mkdir", errno: errno) }
  }

  /// Names in a directory (not "." and ".."), sorted bytewise.
  public static func list(_ path: String) throws(IndexFormatError) -> [String] {
    try entries(path, status: false).map(\.name)
  }

  /// What `entries` says of one name.
  public enum EntryKind: Equatable, Sendable {
    case file(size: Int, mtimeNanos: Int64)
    case directory
    /// Anything else, or a name that could not be examined (gone, a broken link).
    case other
  }

  /// A directory's entries (not "." and ".."), sorted bytewise by name, each
  /// with its kind as `stat` sees it (links followed) when `status`, else
  /// `.other`. A corpus of 26,000 files is checked before every `search`, so
  /// this is written for that: the status comes from `fstatat` on the open
  /// directory (one path component to resolve per entry, not the whole
  /// path), on two threads for a large directory (the kernel's lookups are
  /// most of the time, and they run in parallel), and the names are sorted
  /// as indexes into one buffer by `strcmp` (bytewise), not as Strings.
  public static func entries(_ path: String, status: Bool = true) throws(IndexFormatError) -> [(name: String, kind: EntryKind)] {
    guard let d = opendir(path) else { throw .io(path: path, operation: "opendir", errno: errno) }
    defer { closedir(d) }
    let fd = dirfd(d)
    // Every name, NUL-terminated, one after another; `starts` indexes them.
    var names: [CChar] = []
    var starts: [Int] = []
    while let e = readdir(d) {
      withUnsafePointer(to: e.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { p in
          let n = strlen(p)
          if (n == 1 && p[0] == 0x2E) || (n == 2 && p[0] == 0x2E && p[1] == 0x2E) { return }
          starts.append(names.count)
          names.append(contentsOf: UnsafeBufferPointer(start: p, count: n + 1))
        }
      }
    }
    var kinds = [EntryKind](repeating: .other, count: starts.count)
    var order = Array(starts.indices)
    names.withUnsafeBufferPointer { b in
      let base = b.baseAddress!
      if status {
        kinds.withUnsafeMutableBufferPointer { k in
          let shared = StatJob(dir: fd, names: base, starts: starts, kinds: k)
          if starts.count >= 2048 {
            let half = starts.count / 2
            let other = BackgroundThread { shared.run(0..<half) }
            shared.run(half..<starts.count)
            other.join()
          } else {
            shared.run(0..<starts.count)
          }
        }
      }
      order.sort { strcmp(base + starts[$0], base + starts[$1]) < 0 }
    }
    return names.withUnsafeBufferPointer { b in
      order.map { (String(cString: b.baseAddress! + starts[$0]), kinds[$0]) }
    }
  }

  static func kind(_ st: stat) -> EntryKind {
    switch st.st_mode & S_IFMT {
    case S_IFREG:
      #if canImport(Darwin)
        let ns = Int64(st.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(st.st_mtimespec.tv_nsec)
      #else
        let ns = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
      #endif
      return .file(size: Int(st.st_size), mtimeNanos: ns)
    case S_IFDIR: return .directory
    default: return .other
    }
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

  public convenience init(path: String) throws(IndexFormatError) {
    let fd = try Self.openReadOnly(path)
    defer { close(fd) }
    try self.init(fd: fd, path: path)
  }

  /// `open(2)` for reading, with the errors a mapping reports.
  static func openReadOnly(_ path: String) throws(IndexFormatError) -> Int32 {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw errno == ENOENT ? .missing(path: path) : .io(path: path, operation: "open", errno: errno)
    }
    return fd
  }

  /// Maps the file open at `fd` (which the caller still owns and closes).
  init(fd: Int32, path: String) throws(IndexFormatError) {
    self.path = path
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

/// The `fstatat` calls of `entries`, shared by the threads that split them
/// (each writes only its own range of `kinds`).
private final class StatJob: @unchecked Sendable {
  let dir: Int32
  let names: UnsafePointer<CChar>
  let starts: [Int]
  let kinds: UnsafeMutableBufferPointer<FileSystem.EntryKind>

  init(dir: Int32, names: UnsafePointer<CChar>, starts: [Int], kinds: UnsafeMutableBufferPointer<FileSystem.EntryKind>) {
    self.dir = dir
    self.names = names
    self.starts = starts
    self.kinds = kinds
  }

  func run(_ range: Range<Int>) {
    for i in range {
      var st = stat()
      if fstatat(dir, names + starts[i], &st, 0) == 0 { kinds[i] = FileSystem.kind(st) }
    }
  }
}

/// One function run on a pthread of its own (no Foundation), joined once;
/// run on the caller's thread if no thread can be made (unless
/// `inlineOnFailure` is false: then it is not run, and `running` is false).
public final class BackgroundThread: @unchecked Sendable {
  private var thread = pthread_t()
  /// Whether the function runs on a thread of its own that is not joined yet.
  public private(set) var running = false
  private let work: () -> Void

  /// `awayFromCaller`: the thread starts on a CPU other than the one its
  /// creator runs on, then may run anywhere. Linux places a new thread
  /// beside its creator; in a process that lives 15 ms (a `search` from a
  /// script) the balancer did not move it within that time on this
  /// machine's VM, so the two threads took turns on one core while the
  /// other idled (`perf sched timehist`). A thread that moved itself once
  /// running still waited up to milliseconds, queued behind its busy
  /// creator, before it could: the affinity is set at creation instead
  /// (CAffinity). Best effort: any failure leaves the thread where the
  /// kernel puts it.
  public init(inlineOnFailure: Bool = true, awayFromCaller: Bool = false, _ work: @escaping () -> Void) {
    self.work = work
    let box = Unmanaged.passRetained(self).toOpaque()
    let rc = caffinity_thread_create(&thread, { raw in
      let me = Unmanaged<BackgroundThread>.fromOpaque(raw!).takeRetainedValue()
      me.work()
      return nil
    }, box, awayFromCaller ? caffinity_current_cpu() : -1)
    if rc == 0 {
      running = true
    } else {
      Unmanaged<BackgroundThread>.fromOpaque(box).release()
      if inlineOnFailure { work() }
    }
  }

  /// Waits for the function to end.
  public func join() {
    if running {
      pthread_join(thread, nil)
      running = false
    }
  }
}

/// A pthread mutex (no Foundation, no Synchronization availability limits):
/// the lock behind the few pieces of reader state that threads share.
public final class PThreadMutex: @unchecked Sendable {
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>

  public init() {
    mutex = .allocate(capacity: 1)
    mutex.initialize(to: pthread_mutex_t())
    pthread_mutex_init(mutex, nil)
  }

  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  /// `body` with the mutex held.
  public func withLock<T>(_ body: () throws -> T) rethrows -> T {
    lock()
    defer { unlock() }
    return try body()
  }

  /// For a holder whose body throws a typed error (which `withLock`'s
  /// `rethrows` would widen to `any Error`): pair with `unlock` in a `defer`.
  public func lock() { pthread_mutex_lock(mutex) }
  public func unlock() { pthread_mutex_unlock(mutex) }
}
