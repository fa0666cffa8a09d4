// The last decompressed stored block of one table (and whether its shared
// strings passed their CRC), so reading a segment's
// records in DocID order (section filters, merges, hit pages) decompresses
// each block once. Readers are shared across threads (IndexReader is
// Sendable), hence the mutex; it guards only two reference swaps, never the
// decompression itself.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

final class StoredBlockCache: @unchecked Sendable {  // all state behind `mutex`
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  private var block: StoredBlock?
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
    return block?.index == index ? block : nil
  }

  func put(_ b: StoredBlock) {
    pthread_mutex_lock(mutex)
    block = b
    pthread_mutex_unlock(mutex)
  }
}
