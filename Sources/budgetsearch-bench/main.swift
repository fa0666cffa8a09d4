// budgetsearch-bench: the in-process half of bench/run.sh (issue 6).
//
//   budgetsearch-bench build    --corpus DIR --index DIR [--budget-mb N]
//       builds the index from scratch (IndexWriter.build, rebuild: true) and reports wall time,
//       MB/s of raw corpus bytes, peak RSS (getrusage) and index size as a share of the raw text.
//       --budget-mb: the in-memory segment's flush budget (default IndexWriter.defaultMemoryBudget).
//   budgetsearch-bench query    --index DIR --queries FILE [--runs N] [--expect FILE] [--mode count|top10] [--plan auto|leapfrog|merge] [--threads N]
//       opens the index once, runs each query (parse + search) N times after one warm-up run and
//       reports median and p95 latency and the hit count. Every run of a query must return the
//       same count (precondition); with --expect (lines `name<TAB>count`) every count must equal
//       the brute-force truth, else the mismatches are listed and the exit status is 1. --mode
//       count (default) counts the hits; top10 also ranks them by BM25 and keeps the best 10. --plan
//       forces how substring clauses are matched (Searcher.substringPlan; same hits, for A/B timing).
//       --threads: threads per query (Searcher.threads; default: the processors online, at most 8).
//   budgetsearch-bench ceilings --corpus DIR
//       the machine's ceilings for an ICU-based indexer: warm read MB/s of the corpus, and ICU word
//       segmentation MB/s on one core (whole files, and line by line as the indexer feeds fields).
//   budgetsearch-bench sizes    --index DIR [--corpus DIR]
//       bytes per segment file kind and postings bytes per field and term view (gram, word,
//       keyword), as shares of the raw corpus when --corpus is given.
//   budgetsearch-bench codec    --corpus DIR [--mb N] [--runs N]
//       LZ4 (the stored records' codec) compress and decompress MB/s and ratio on the first N MB
//       (default 50) of the corpus text, cut into 32 KiB blocks as the stored table cuts records.
//   budgetsearch-bench codec    --index DIR [--train-mb N] [--dict-kb N] [--segment N] [--runs N]
//       the index's stored record blocks, compressed again without and with a dictionary trained
//       per segment on its first N MB (default 2) of blocks: ratio, MB/s, training time.
//   budgetsearch-bench sizes    ... also prints each numeric column's bytes.
//   budgetsearch-bench positions --index DIR
//       what the doc gaps, freqs and positions of full postings blocks cost as written (one bit
//       width per block) and with patched frame of reference (PFOR), for a codec decision.
//   budgetsearch-bench position-space --index DIR [--field text]
//       what the field's gram postings would take with one position space per segment (records
//       end to end, one gap per occurrence: no doc ids, no frequencies) against as written.
//   budgetsearch-bench parse    --corpus DIR [--runs N] [--from text|bytes]
//       the disclosure parser alone: MB/s of raw corpus bytes (best of N runs, default 3) over all
//       files, from NFKC text decoded before the clock starts (default) or from the file bytes as
//       the index build parses them; the record count and a 64-bit hash over every field of every
//       record, to check that a change of the parser keeps its output.
//
// Output: one JSON object per line on stdout (for bench/run.sh), a readable line each on stderr.
// Corpus model: the folder of budgetsearch-corpus (`DIR/docs/*.txt`), or any folder of .txt files.
import Glibc
import IndexFormat
import Indexing
import QueryEngine
import QueryLanguage
import TextAnalysis

var args = Array(CommandLine.arguments.dropFirst())
guard let command = args.first else { usage() }
args.removeFirst()
let options = Options(args)

switch command {
case "build": runBuild(options)
case "query": runQueries(options)
case "ceilings": runCeilings(options)
case "sizes": runSizes(options)
case "codec": runCodec(options)
case "parse": runParse(options)
case "positions": runPositionsModel(options)
case "position-space": runPositionSpaceModel(options)
default: usage()
}
