// The table reads only TableRenderer.columns of each hit (Searcher.load's
// `columns`): it must print exactly what it prints from fully loaded hits.
import IndexFormat
import QueryEngine
import QueryLanguage
import Testing

@testable import BudgetSearchCLI

@Suite struct TableColumnsTests {
  @Test func tableFromItsColumnsEqualsTableFromEveryColumn() throws {
    let searcher = try Searcher(reader: try IndexReader(directory: CLI.seedIndex))
    var rows = 0
    for q in ["reason:工资基数调增", "人员", "amount>100", "type:project", "三公"] {
      let query = try QueryParser.parse(q)
      let refs = try searcher.search(query)
      func table(_ columns: Set<String>?) throws -> String {
        let out = try refs.map { ref in
          OutputRow(hit: try searcher.load(ref, columns: columns), highlights: Highlights(), style: .guillemets)
        }
        return TableRenderer.render(out, width: 160)
      }
      let full = try table(nil)
      #expect(try table(TableRenderer.columns) == full, "\(q)")
      rows += refs.count
    }
    #expect(rows > 100)
  }
}
