// `search`'s fast path (SearchRequest.fastParse) reads exactly what
// ArgumentParser reads, and declines everything else so ArgumentParser
// parses or reports it as before.
import ArgumentParser
import Testing

@testable import BudgetSearchCLI

struct FastPathTests {
  func same(_ a: SearchRequest, _ b: SearchRequest) -> Bool {
    a.query == b.query && a.locations.corpus == b.locations.corpus && a.locations.index == b.locations.index
      && a.format == b.format && a.limit == b.limit && a.sort == b.sort && a.offset == b.offset
      && a.groupBy == b.groupBy && a.count == b.count && a.noUpdate == b.noUpdate && a.threads == b.threads
  }

  @Test(arguments: [
    ["search", "reason:工资基数调增"],
    ["search", "艰苦边远地区津贴", "--index", "/tmp/i", "--no-update", "--count"],
    ["search", "--count", "x", "--corpus", "c", "--index", "i"],
    ["search", "reason:人员减少 rate<-10", "--format", "json", "--limit", "5", "--offset", "2"],
    ["search", "q", "-f", "csv", "-l", "0", "--sort", "-amount", "--group-by", "dept"],
    ["search", "q", "--sort", "rate"],
    ["search", "q", "--threads", "1", "--count"],
    ["search", "--", "-因公出国 三公"],
    ["search", "--limit", "3", "--", "-x"],
    ["search", ""],
  ])
  func acceptsWhatArgumentParserReads(_ arguments: [String]) throws {
    let fast = try #require(SearchRequest.fastParse(arguments))
    let parsed = try #require(try BudgetSearch.parseAsRoot(arguments) as? SearchCommand)
    #expect(same(fast, parsed.request))
  }

  @Test(arguments: [
    ["search"], ["reasons", "x"], ["search", "--help"], ["search", "-h"], ["search", "x", "--version"],
    ["search", "x", "y"], ["search", "x", "--limit"], ["search", "x", "--limit", "-1"], ["search", "x", "--limit", "many"],
    ["search", "x", "--limit", "-5"], ["search", "x", "--format", "xml"], ["search", "x", "--sort", "size"],
    ["search", "x", "--group-by", "color"], ["search", "x", "--count", "--count"], ["search", "x", "--index=i"],
    ["search", "x", "--index", "a", "--index", "b"], ["search", "x", "--unknown"], ["search", "x", "-c"],
    ["search", "x", "--offset", "-1"], ["search", "x", "--index", "--count"],
    ["search", "x", "--threads", "0"], ["search", "x", "--threads", "two"], ["search", "x", "--threads", "1", "--threads", "2"],
  ])
  func declinesEverythingElse(_ arguments: [String]) {
    #expect(SearchRequest.fastParse(arguments) == nil)
  }
}
