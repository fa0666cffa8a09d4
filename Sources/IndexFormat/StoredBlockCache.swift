// The last few decompressed stored blocks of one table (and whether its
// shared strings passed their CRC), so reading a segment's records in DocID
// order (section filters, merges) decompresses each block once, and a page of
// ranked hits, which alternates between the records and the file entries of
// several segments, decompresses a segment's file-table blocks (two or three
// for ~1,700 files) once rather than once per hit. Readers are shared across threads (IndexReader is
// Sendable), hence the mutex; it guards only two reference swaps, never the
// decompression itself.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

final class StoredBlockCache: @unchecked Sendable {  // all state behind `mutex`
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  /// Most recently used first; at most `capacity`.
  private var blocks: [StoredBlock] = []
  private static let capacity = 4
  private var checked = false

  /// Whether the table's shared strings passed their CRC (checked once).
  var stringsChecked: Bool {
    get {
      pthread_mutex_lock(mutex)
      defer { pthread_mutex_unlock(mutex) }
      return checked
    }
    set {
      pthread_mutex_lock(mutex)
      checked = newValue
      pthread_mutex_unlock(mutex)
    }
  }

  init() {
    mutex = .allocate(capacity: 1)
    mutex.initialize(to: pthread_mutex_t())
    pthread_mutex_init(mutex, nil)
  }

  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  func get(_ index: Int) -> StoredBlock? {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    guard let k = blocks.firstIndex(where: { $0.index == index }) else { return nil }
    let b = blocks[k]
    if k > 0 {
      blocks.remove(at: k)
      blocks.insert(b, at: 0)
    }
    return b
  }

  func put(_ b: StoredBlock) {
    pthread_mutex_lock(mutex)
    blocks.removeAll { $0.index == b.index }
    blocks.insert(b, at: 0)
    if blocks.count > Self.capacity { blocks.removeLast() }
    pthread_mutex_unlock(mutex)
  }
}
