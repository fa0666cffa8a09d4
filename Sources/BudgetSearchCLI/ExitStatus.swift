// Exit codes, mapped in one place (like grep): 0 hits, 1 no hits,
// 2 usage or query error, 3 index error (missing, corrupt, locked, I/O).
import ArgumentParser
import IndexFormat
import Indexing
import QueryEngine

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

public enum ExitStatus: Int32, Sendable {
  case hits = 0
  case noHits = 1
  case usage = 2
  case index = 3
}

/// An error a user can hit, with the message to print and the exit status.
struct CLIError: Error, CustomStringConvertible {
  var message: String
  var status: ExitStatus
  var description: String { message }

  static func from(_ e: IndexingError) -> CLIError {
    switch e {
    case .corpusMissing: return CLIError(message: e.description, status: .usage)
    default: return CLIError(message: e.description, status: .index)
    }
  }

  static func from(_ e: any Error) -> CLIError {
    if let e = e as? SearchError { return from(e) }
    if let e = e as? CLIError { return e }
    return CLIError(message: "\(e)", status: .index)
  }

  static func from(_ e: SearchError) -> CLIError {
    switch e {
    case .query: return CLIError(message: e.description, status: .usage)
    default: return CLIError(message: e.description, status: .index)
    }
  }
}

extension BudgetSearch {
  /// Runs the command line and returns the process exit status. Never traps on
  /// user input: every error becomes a message on stderr and a documented code.
  public static func runMain(_ arguments: [String]) -> Int32 {
    let arguments = QueryArgument.protect(arguments)
    do {
      // The common case (`search QUERY --options`) skips ArgumentParser; see SearchRequest.fastParse.
      if let request = SearchRequest.fastParse(arguments) {
        try OpenIndex.keepingLast { try request.run() }
      } else {
        var command = try parseAsRoot(arguments)
        try OpenIndex.keepingLast { try command.run() }
      }
      return ExitStatus.hits.rawValue
    } catch let e as CLIError {
      Console.error("budgetsearch: " + e.message)
      return e.status.rawValue
    } catch let e as ExitCode {
      return e.rawValue
    } catch {
      // ArgumentParser's own errors: help and version exit 0, usage errors 2.
      let code = exitCode(for: error)
      let message = fullMessage(for: error)
      if code == .success {
        Console.out(message)
        return 0
      }
      Console.error(message)
      return ExitStatus.usage.rawValue
    }
  }
}

/// The index a command opened, kept mapped until the next command (or the
/// process exit) instead of being unmapped file by file when the command
/// returns: the kernel tears a whole address space down faster than 36
/// munmap calls, and a search process exits right after its command. Holds
/// one extra reference only (commands keep their own), behind a mutex since
/// in-process callers may run commands on several threads.
enum OpenIndex {
  nonisolated(unsafe) private static let mutex: UnsafeMutablePointer<pthread_mutex_t> = {
    let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    m.initialize(to: pthread_mutex_t())
    pthread_mutex_init(m, nil)
    return m
  }()
  nonisolated(unsafe) private static var reader: IndexReader?

  /// Keeps `r` (dropping the one kept before).
  static func keep(_ r: IndexReader?) {
    pthread_mutex_lock(mutex)
    let previous = reader
    reader = r
    pthread_mutex_unlock(mutex)
    _ = previous  // released here, outside the lock
  }

  static func keepingLast(_ body: () throws -> Void) rethrows {
    keep(nil)
    try body()
  }
}
