import ArgumentParser
import IndexFormat

struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Check every index file: checksums, term order, postings, stored records.",
    discussion: """
      Exit 0 when the index is sound, 3 naming the first bad file otherwise.

      Example:
        budgetsearch verify --index Index
      """)

  @Option(name: .long, help: "Index folder.")
  var index: String = "Index"

  func run() throws {
    do {
      let reader = try IndexReader(directory: index)
      for segment in reader.segments { try segment.verify() }
      Console.out("\(index): ok (generation \(reader.manifest.generation), \(reader.segments.count) segment(s), \(reader.liveDocCount) live records of \(reader.docCount))")
    } catch {
      throw CLIError(message: error.description, status: .index)
    }
  }
}
