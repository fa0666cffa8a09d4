// Options, clocks, rusage, file sizes and output for the bench driver.
import Glibc
import TextAnalysis

func usage() -> Never {
  writeStderr(
    """
    usage: budgetsearch-bench build    --corpus DIR --index DIR
           budgetsearch-bench query    --index DIR --queries FILE [--runs N] [--expect FILE] [--mode count|top10] [--plan auto|leapfrog|merge]
           budgetsearch-bench ceilings --corpus DIR
           budgetsearch-bench sizes    --index DIR [--corpus DIR]
           budgetsearch-bench codec    --corpus DIR [--mb N] [--runs N]
           budgetsearch-bench parse    --corpus DIR [--runs N] [--from text|bytes]

    """)
  exit(2)
}

struct Options {
  var values: [String: String] = [:]
  init(_ args: [String]) {
    var i = 0
    while i < args.count {
      guard args[i].hasPrefix("--"), i + 1 < args.count else { usage() }
      values[String(args[i].dropFirst(2))] = args[i + 1]
      i += 2
    }
  }
  func required(_ name: String) -> String {
    guard let v = values[name] else {
      writeStderr("budgetsearch-bench: --\(name) is required\n")
      usage()
    }
    return v
  }
  func int(_ name: String, default d: Int) -> Int { values[name].flatMap { Int($0) } ?? d }
}

func fail(_ message: String) -> Never {
  writeStderr("budgetsearch-bench: \(message)\n")
  exit(2)
}

/// Monotonic nanoseconds.
@inline(__always) func now() -> UInt64 {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Peak resident set size of this process, bytes.
func peakRSS() -> Int {
  var usage = rusage()
  getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
  return usage.ru_maxrss * 1024
}

/// CPU seconds (user + system) of this process.
func cpuSeconds() -> Double {
  var usage = rusage()
  getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
  func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
  return s(usage.ru_utime) + s(usage.ru_stime)
}

/// Regular files under `path` (recursively) whose names end in `suffix`, sorted.
func files(under path: String, suffix: String = "") -> [String] {
  var out: [String] = []
  guard let dir = opendir(path) else { return [] }
  defer { closedir(dir) }
  while let entry = readdir(dir) {
    let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
      String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
    }
    if name == "." || name == ".." { continue }
    let full = path + "/" + name
    var st = stat()
    guard stat(full, &st) == 0 else { continue }
    if (st.st_mode & S_IFMT) == S_IFDIR {
      out += files(under: full, suffix: suffix)
    } else if (st.st_mode & S_IFMT) == S_IFREG && name.hasSuffix(suffix) {
      out.append(full)
    }
  }
  return out.sorted()
}

func fileSize(_ path: String) -> Int {
  var st = stat()
  return stat(path, &st) == 0 ? Int(st.st_size) : 0
}

func readAll(_ path: String) -> [UInt8] {
  guard let f = fopen(path, "rb") else { fail("cannot read \(path)") }
  defer { fclose(f) }
  var out: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 1 << 16)
  while true {
    let n = fread(&chunk, 1, chunk.count, f)
    if n <= 0 { break }
    out.append(contentsOf: chunk[0..<n])
  }
  return out
}

/// Keeps a value alive so the optimizer cannot drop the work that made it.
@inline(never) func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }

/// A JSON object line on stdout; values are numbers or strings.
func emit(_ pairs: [(String, Any)]) {
  var s = "{"
  for (i, (k, v)) in pairs.enumerated() {
    if i > 0 { s += "," }
    s += "\"\(k)\":"
    switch v {
    case let d as Double: s += d.isFinite ? "\(d)" : "null"
    case let n as Int: s += "\(n)"
    default: s += jsonQuoted("\(v)")
    }
  }
  print(s + "}")
}


/// `x` with `digits` decimals (for the readable lines; the JSON carries full precision).
func fmt(_ x: Double, _ digits: Int = 2) -> String {
  guard x.isFinite else { return "\(x)" }
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let n = Int((abs(x) * scale).rounded())
  let whole = n / Int(scale), frac = n % Int(scale)
  var f = String(frac)
  while f.count < digits { f = "0" + f }
  return (x < 0 && n != 0 ? "-" : "") + String(whole) + (digits > 0 ? "." + f : "")
}

func note(_ s: String) { writeStderr(s + "\n") }

func writeStderr(_ s: String) {
  var bytes = Array(s.utf8)
  var done = 0
  while done < bytes.count {
    let n = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + done, $0.count - done) }
    if n <= 0 { return }
    done += n
  }
}
