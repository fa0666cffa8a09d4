// The last few decompressed stored blocks of the whole process, shared by
// every stored table (each known by an id no other table ever gets), so
// reading a segment's records in DocID order (section filters, merges,
// `Searcher.load` of a page of hits) decompresses each block once, and the
// file-table block that the hits of one segment share is decompressed once
// rather than once per hit.
//
// One bound for the process rather than a few blocks per table: a page of
// 100 ranked hits spread over 11 segments used to keep up to 4 blocks of
// each of 22 tables alive (about 2.9 MB), so nearly every decompression
// wrote into pages the process had never touched, each a page fault (about
// 500 of a fresh `search`'s 1,200 at 500 MB). With a handful of blocks
// alive, an evicted block's memory is what the allocator hands the next one.
//
// Readers are shared across threads (IndexReader is Sendable), hence the
// mutex; it guards only the list, never the decompression itself.

final class StoredBlockCache: @unchecked Sendable {  // all state behind `mutex`
  static let shared = StoredBlockCache()

  private let mutex = PThreadMutex()
  /// Most recently used first; at most `capacity`.
  private var blocks: [(table: UInt64, block: StoredBlock)] = []
  static let capacity = 8
  private var lastTable: UInt64 = 0

  private init() {}

  /// A table id never handed out before (ids are not reused, so a block of
  /// a table that is gone can never be taken for another's).
  func newTable() -> UInt64 {
    mutex.withLock {
      lastTable += 1
      return lastTable
    }
  }

  func get(_ table: UInt64, _ index: Int) -> StoredBlock? {
    mutex.withLock {
      guard let k = blocks.firstIndex(where: { $0.table == table && $0.block.index == index }) else { return nil }
      let entry = blocks[k]
      if k > 0 {
        blocks.remove(at: k)
        blocks.insert(entry, at: 0)
      }
      return entry.block
    }
  }

  func put(_ table: UInt64, _ b: StoredBlock) {
    mutex.withLock {
      blocks.removeAll { $0.table == table && $0.block.index == b.index }
      blocks.insert((table, b), at: 0)
      if blocks.count > Self.capacity { blocks.removeLast() }
    }
  }
}

/// Whether a part of one table (its shared strings, its dictionary) passed
/// its CRC: checked once per table, on the part's first use.
final class CheckedOnce: @unchecked Sendable {  // `done` behind `mutex`
  private let mutex = PThreadMutex()
  private var done = false

  var passed: Bool {
    get { mutex.withLock { done } }
    set { mutex.withLock { done = newValue } }
  }
}
