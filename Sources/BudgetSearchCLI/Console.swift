// Output without Foundation: buffered stdout, unbuffered stderr.
#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

enum Console {
  static func out(_ s: String) {
    var line = s
    line.append("\n")
    fputs(line, stdout)
  }

  static func write(_ s: String) { fputs(s, stdout) }

  static func error(_ s: String) {
    fflush(stdout)
    var line = s
    line.append("\n")
    fputs(line, stderr)
  }

  static var stdoutIsTerminal: Bool { isatty(1) == 1 }
  static var stderrIsTerminal: Bool { isatty(2) == 1 }

  /// Terminal columns from $COLUMNS or the tty, else 120.
  static var columns: Int {
    if let c = getenv("COLUMNS"), let n = Int(String(cString: c)), n > 20 { return n }
    var ws = winsize()
    if ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 20 { return Int(ws.ws_col) }
    return 120
  }

  /// Monotonic seconds, for progress lines.
  static func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }
}
