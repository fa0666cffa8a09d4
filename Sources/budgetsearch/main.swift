// Entry point: everything lives in BudgetSearchCLI so tests can drive it in-process.
import BudgetSearchCLI

#if canImport(Glibc)
  import Glibc
#endif
exit(BudgetSearch.runMain(Array(CommandLine.arguments.dropFirst())))
