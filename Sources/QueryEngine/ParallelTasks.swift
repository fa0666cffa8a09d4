// Runs a query's independent pieces of work (one per segment or doc range
// of one, or per chunk of one segment's hits) on several threads, from a
// TaskQueue: segments share nothing while a query is matched or scored
// (tantivy's and Lucene's searchers split a query the same way). The
// readers are Sendable (their only mutable state, the stored-block cache
// and the strings check, is behind mutexes); each task writes only its own
// result slot.
//
// Tasks are handed out largest first from a shared counter, so a thread that
// the machine slows down takes fewer of them, not the same share. The
// calling thread works too, so `threads` 2 uses one helper of the process's
// WorkerPool, parked between queries (made on first need, on another CPU
// than the caller's).
//
// Making a thread costs tens of microseconds, as much as a whole query on a
// rare term: while the pool lacks the helpers, when there are more tasks
// than threads, the calling thread runs the smallest task first, and
// helpers are made only if the time it took, scaled by the cost left,
// predicts more than `spawnAfterNanos` of work. Parked helpers are engaged
// at once (a wake-up: microseconds).
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import IndexFormat

enum ParallelTasks {
  /// Threads a query may use by default: the processors online (1 when
  /// that cannot be read), at most 8.
  static let defaultThreads: Int = {
    let online = sysconf(Int32(_SC_NPROCESSORS_ONLN))
    return max(1, min(8, online > 0 ? online : 1))
  }()

  /// Work predicted to be left after the probe (the smallest task) below
  /// which the rest runs on the calling thread (about five thread start-ups).
  static let defaultSpawnAfterNanos: UInt64 = 200_000

  /// `body(i)` for i in 0..<count, on up to `threads` threads, results in
  /// task order. `cost(i)` orders the tasks (largest first) for balance and
  /// predicts the work left (see the file comment; 0 always starts threads).
  /// The first error in task order is thrown, after every started task has
  /// ended (no thread outlives the call).
  static func map<T>(
    _ count: Int, threads: Int, cost: (Int) -> Int, spawnAfterNanos: UInt64 = defaultSpawnAfterNanos,
    _ body: (Int) throws(SearchError) -> T
  ) throws(SearchError) -> [T] {
    let workers = min(threads, count)
    if workers <= 1 {
      var out: [T] = []
      out.reserveCapacity(count)
      for i in 0..<count { out.append(try body(i)) }
      return out
    }
    let order = (0..<count).sorted { cost($0) != cost($1) ? cost($0) > cost($1) : $0 < $1 }
    let slots = UnsafeMutablePointer<Outcome<T>?>.allocate(capacity: count)
    slots.initialize(repeating: nil, count: count)
    defer {
      slots.deinitialize(count: count)
      slots.deallocate()
    }
    // The smallest task first, here: its time per unit of cost predicts the
    // rest, which then goes out largest first. Only when helpers would have
    // to be made, and more tasks than threads are left after it: otherwise
    // the probe would serialize work that the threads could share.
    let probe = count > workers && WorkerPool.shared.helperCount < workers - 1 ? order[count - 1] : nil
    let queue = TaskQueue(probe == nil ? order : Array(order.dropLast()))
    withoutActuallyEscaping(body) { body in
      let work = {
        while let i = queue.next() {
          do throws(SearchError) { slots[i] = .value(try body(i)) } catch { slots[i] = .failure(error) }
        }
      }
      var predicted = Double.infinity
      if let probe {
        let started = monotonicNanos()
        do throws(SearchError) { slots[probe] = .value(try body(probe)) } catch { slots[probe] = .failure(error) }
        let restCost = order.dropLast().reduce(0) { $0 + max(0, cost($1)) }
        predicted = Double(monotonicNanos() &- started) * Double(restCost) / Double(max(1, cost(probe)))
      }
      if predicted < Double(spawnAfterNanos) {
        work()
      } else {
        WorkerPool.shared.run(helpers: workers - 1, work)
      }
    }
    var out: [T] = []
    out.reserveCapacity(count)
    for i in 0..<count {
      switch slots[i]! {
      case .value(let v): out.append(v)
      case .failure(let e): throw e
      }
    }
    return out
  }
}

/// A task's result. Not `Result<T, SearchError>`: its requirement (Failure:
/// Error) made the runtime look the conformance up when it first built the
/// type, a scan of every conformance record of the static binary (≈ 60 µs
/// of each fresh `search` process).
private enum Outcome<T> {
  case value(T)
  case failure(SearchError)
}

/// CLOCK_MONOTONIC in nanoseconds.
func monotonicNanos() -> UInt64 {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return UInt64(t.tv_sec) &* 1_000_000_000 &+ UInt64(t.tv_nsec)
}
