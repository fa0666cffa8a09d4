// FileSystem.entries lists a directory for the corpus scan that runs before
// every `search`: names sorted bytewise, each entry's kind and (for files)
// size and mtime from fstatat on two threads for a large directory. Checked
// against `stat` of each full path and a sort of the names' bytes.
import Glibc
import SearchTestSupport
import Testing

@testable import IndexFormat

@Suite struct DirectoryEntriesTests {
  func write(_ path: String, bytes: Int) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    precondition(fd >= 0)
    let data = [UInt8](repeating: 0x61, count: bytes)
    _ = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, bytes) }
    close(fd)
  }

  /// What `stat` of the full path says, as an EntryKind.
  func expectedKind(_ path: String) -> FileSystem.EntryKind {
    if let st = FileSystem.fileStatus(path) { return .file(size: st.size, mtimeNanos: st.mtimeNanos) }
    return FileSystem.isDirectory(path) ? .directory : .other
  }

  @Test(arguments: [40, 3000])  // below and above the size that splits the stat calls over two threads
  func entriesMatchStatAndBytewiseOrder(count: Int) throws {
    var rng = SeededRandom(seed: UInt64(count))
    let dir = temporaryDirectory()
    let stems = ["a", "B", "b", "ab", "a.b", "_", "z9", "预算", "决算", "预算说明", "Ä", "ä"]
    var made: [String] = []
    for i in 0..<count {
      let name = stems[i % stems.count] + (i < stems.count ? "" : "\(rng.next() % 100_000)-\(i)")
      let path = dir + "/" + name
      switch i % 7 {
      case 0: try FileSystem.createDirectory(path)
      case 1: symlink(dir + "/" + (made.last ?? "missing"), path)  // to an earlier entry, or dangling
      default: write(path, bytes: Int(rng.next() % 300))
      }
      made.append(name)
    }
    let got = try FileSystem.entries(dir)
    #expect(got.count == count)
    // Bytewise order of the UTF-8 names.
    let sorted = made.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    #expect(got.map(\.name) == sorted)
    for (name, kind) in got {
      #expect(kind == expectedKind(dir + "/" + name), "\(name)")
    }
    #expect(try FileSystem.entries(dir, status: false).allSatisfy { $0.kind == .other })
    #expect(try FileSystem.list(dir) == sorted)
  }
}
