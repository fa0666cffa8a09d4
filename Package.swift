// swift-tools-version:6.0
// budgetsearch: a local search engine for Chinese budget and final-account disclosures.
// Targets follow ../shared/DESIGN.md; imports go one way (see README "Modules").
import PackageDescription

/// The modules whose loops decode postings and merge positions: release builds
/// skip the runtime's dynamic exclusivity checks there (swift_beginAccess on
/// every access to a class's stored property, ≈ 2 % of a fresh count of 10⁵
/// hits). Debug builds, and so the tests, keep them.
let hotLoops: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
  name: "budgetsearch",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "budgetsearch", targets: ["budgetsearch"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    // The only place that includes ICU headers: opaque handles and plain C types.
    // Libraries in dependency order, then ICU's own dependencies, so that the static
    // executable below (which links the .a files from libicu-dev) resolves in one pass.
    .target(
      name: "CICU",
      linkerSettings: [
        .linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata"),
        .linkedLibrary("stdc++"), .linkedLibrary("m"),
      ]),
    // bytes → normalized UTF-8 → tokens; number parsing. Uses Glibc, not Foundation.
    .target(name: "TextAnalysis", dependencies: ["CICU"]),
    // document metadata and records (statements, projects, passages).
    .target(name: "Disclosure", dependencies: ["TextAnalysis"]),
    // CRC-32C with the CPU's instruction (the checksum a reader verifies on every open).
    .target(name: "CCRC32C", exclude: ["gen-shift-table.py", "shift-table.inc"]),
    // bytes on disk: codecs, envelope, mmap, segment readers and writers, manifest.
    .target(name: "CAffinity"),
    .target(name: "IndexFormat", dependencies: ["CCRC32C", "CAffinity"], swiftSettings: hotLoops),
    // records → analysed fields + numeric columns → segment → commit.
    .target(name: "Indexing", dependencies: ["Disclosure", "TextAnalysis", "IndexFormat"]),
    // query text → AST with source ranges; pure, no dependencies.
    .target(name: "QueryLanguage"),
    // AST → plan → execution over segment readers.
    .target(
      name: "QueryEngine", dependencies: ["QueryLanguage", "TextAnalysis", "IndexFormat", "CIntersect"],
      swiftSettings: hotLoops),
    // sorted-key intersection with AVX2 where the CPU has it (the phrase merge's inner loop).
    .target(name: "CIntersect"),
    // commands, rendering, exit codes.
    .target(
      name: "BudgetSearchCLI",
      dependencies: [
        "Indexing", "QueryEngine", "Disclosure", "TextAnalysis",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // Linked as one static executable on Linux (Swift runtime, Foundation, ICU and
    // libstdc++ included): no dynamic loader, no symbol lookups, no shared
    // libraries to map; a fresh process is what scripts pay per query.
    .executableTarget(
      name: "budgetsearch", dependencies: ["BudgetSearchCLI"],
      linkerSettings: [
        .unsafeFlags(["-static-executable"], .when(platforms: [.linux])),
        // Without --static-swift-stdlib, FoundationEssentials' own libraries are not autolinked.
        .linkedLibrary("_FoundationCollections", .when(platforms: [.linux])),
        .linkedLibrary("_FoundationCShims", .when(platforms: [.linux])),
        .linkedLibrary("swiftSynchronization", .when(platforms: [.linux])),
      ]),
    // Benchmark driver (release builds): in-process index build and query latency.
    .executableTarget(
      name: "budgetsearch-bench",
      dependencies: ["Indexing", "QueryEngine", "QueryLanguage", "TextAnalysis", "IndexFormat", "Disclosure"]),
    // Realistic synthetic disclosures with ground truth, for tests and benchmarks.
    .target(name: "CorpusGenerator", dependencies: ["TextAnalysis"]),
    .executableTarget(
      name: "budgetsearch-corpus",
      dependencies: ["CorpusGenerator", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

    // Seeded PRNG and temporary folders shared by the test targets.
    .target(
      name: "SearchTestSupport", dependencies: ["Indexing", "IndexFormat", "Disclosure", "TextAnalysis"],
      path: "Tests/SearchTestSupport"),
    .testTarget(name: "TextAnalysisTests", dependencies: ["TextAnalysis"]),
    .testTarget(
      name: "DisclosureTests", dependencies: ["Disclosure", "SearchTestSupport"], exclude: ["Fixtures"]),
    .testTarget(name: "IndexFormatTests", dependencies: ["IndexFormat", "SearchTestSupport"], exclude: ["Fixtures"]),
    .testTarget(name: "IndexingTests", dependencies: ["Indexing", "IndexFormat", "Disclosure", "SearchTestSupport"]),
    .testTarget(name: "QueryLanguageTests", dependencies: ["QueryLanguage"]),
    .testTarget(
      name: "QueryEngineTests", dependencies: ["QueryEngine", "Indexing", "Disclosure", "SearchTestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(name: "BudgetSearchCLITests", dependencies: ["BudgetSearchCLI"], exclude: ["Fixtures"]),
    .testTarget(name: "CorpusGeneratorTests", dependencies: ["CorpusGenerator", "Disclosure"]),
  ]
)
