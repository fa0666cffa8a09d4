#!/usr/bin/env bash
# bench/run.sh [--size 50MB|500MB|2GB] [--seed N] [--runs N] [--fresh-runs N]
#
# budgetsearch next to the tools a user would pick instead, on one generated corpus and one
# query set (issue 6): SQLite FTS5 (trigram), Tantivy (Python package, CJK bigrams) and ripgrep.
# Reports build wall time and MB/s, peak RSS, index size / raw text, warm in-process latency
# (median, p95), median latency per fresh process, and hit counts next to a brute-force truth.
#
# Needs: swift, python3 with `pip install tantivy`, sqlite3 (FTS5 trigram: SQLite >= 3.34),
# ripgrep, hyperfine, GNU time (/usr/bin/time). Corpora, indexes and results go under
# $BENCH_DIR (default /tmp/budgetsearch-bench/SIZE); nothing is written into the package
# except the release build in .build-bench. BENCH_CORPUS_CMD overrides the corpus generator
# ("CMD OUT SIZE SEED" must write OUT/docs/*.txt).
set -euo pipefail

SIZE=50MB SEED=1 RUNS=50 FRESH_RUNS=20 REUSE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --size) SIZE=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --fresh-runs) FRESH_RUNS=$2; shift 2 ;;
    --reuse) REUSE=1; shift ;;  # keep the ceilings and our index of the previous run of this size
    *) echo "usage: bench/run.sh [--size 50MB|500MB|2GB] [--seed N] [--runs N] [--fresh-runs N] [--reuse]" >&2; exit 2 ;;
  esac
done

PKG=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$PKG/bench
WORK=${BENCH_DIR:-/tmp/budgetsearch-bench/$SIZE}
CORPUS=$WORK/corpus
OUT=$WORK/results
mkdir -p "$WORK" "$OUT"
rm -f "$OUT"/*.jsonl "$OUT"/*.json "$OUT"/*.md
PEERS=$BENCH/peers.tsv
QUERIES=$BENCH/queries.txt
PY="python3 $BENCH/peers.py"
BIN=$PKG/.build-bench/release
log() { printf '\n== %s\n' "$*" >&2; }

# Peak RSS (bytes) from a `/usr/bin/time -v` log.
peak_rss() { awk -F': ' '/Maximum resident set size/ {printf "%d\n", $2 * 1024}' "$1"; }
# Wall seconds since $1 (date +%s.%N).
since() { python3 -c "import sys,time; print(round(time.time()-float(sys.argv[1]),2))" "$1"; }

log "release build (scratch path .build-bench)"
for p in budgetsearch budgetsearch-bench budgetsearch-corpus; do
  if [ "$p" = budgetsearch-corpus ] && { [ -n "${BENCH_CORPUS_CMD:-}" ] || [ -d "$CORPUS/docs" ]; }; then continue; fi
  # Colleagues' edits can break a build for a moment ("modified during the build"): retry.
  for attempt in 1 2 3 4 5 6; do
    if (cd "$PKG" && swift build -c release --scratch-path .build-bench --static-swift-stdlib --product "$p" 2>&1 | tail -1) >&2; then break; fi
    [ "$attempt" = 6 ] && { echo "build of $p failed" >&2; exit 2; }
    sleep 30
  done
done

log "machine"
{
  echo "cpu: $(lscpu | awk -F': +' '/Model name/ {print $2; exit}'), $(nproc) cores"
  echo "memory: $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "kernel: $(uname -r)"
  echo "swift: $(swift --version 2>&1 | sed -n 1p)"
  echo "python: $(python3 --version 2>&1), tantivy $(python3 -c 'import importlib.metadata as m; print(m.version("tantivy"))')"
  echo "sqlite: $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)') (python), $(sqlite3 --version | cut -d' ' -f1) (cli)"
  echo "ripgrep: $(rg --version | sed -n 1p)"
  echo "hyperfine: $(hyperfine --version)"
  echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/machine.txt" >&2

GEN_SECONDS=null
if [ ! -d "$CORPUS/docs" ]; then
  log "generating a $SIZE corpus (seed $SEED)"
  t0=$(date +%s.%N)
  if [ -n "${BENCH_CORPUS_CMD:-}" ]; then
    $BENCH_CORPUS_CMD "$CORPUS" "$SIZE" "$SEED" >&2
  else
    "$BIN/budgetsearch-corpus" --out "$CORPUS" --size "$SIZE" --seed "$SEED" >&2
  fi
  GEN_SECONDS=$(since "$t0")
  echo "$GEN_SECONDS" > "$WORK/generate_seconds"
elif [ -f "$WORK/generate_seconds" ]; then
  GEN_SECONDS=$(cat "$WORK/generate_seconds")
fi
FILES=$(find "$CORPUS/docs" -name '*.txt' | wc -l)
RAW=$(find "$CORPUS/docs" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
echo "corpus: $FILES files, $RAW bytes" >&2

if [ "$REUSE" = 1 ] && [ -f "$WORK/ours-build.json" ] && [ -f "$WORK/ceilings.jsonl" ]; then
  log "reusing the ceilings and our index of the previous run (--reuse)"
else
  log "ceilings: warm read, ICU segmentation on one core"
  "$BIN/budgetsearch-bench" ceilings --corpus "$CORPUS/docs" > "$WORK/ceilings.jsonl"
  log "budgetsearch: index build"
  /usr/bin/time -v -o "$WORK/ours-time.txt" \
    "$BIN/budgetsearch-bench" build --corpus "$CORPUS/docs" --index "$WORK/index" > "$WORK/ours-build.json"
fi
cp "$WORK/ceilings.jsonl" "$OUT/ceilings.jsonl"
cp "$WORK/ours-time.txt" "$OUT/time-budgetsearch.txt"
python3 - "$WORK/ours-build.json" "$(peak_rss "$OUT/time-budgetsearch.txt")" >> "$OUT/build.jsonl" <<'EOF'
import json, sys
b = json.load(open(sys.argv[1])); b["peak_rss_bytes"] = int(sys.argv[2]); print(json.dumps(b))
EOF

log "extracting records (budgetsearch extract --format jsonl): what every peer loads"
t0=$(date +%s.%N)
# Two extractors side by side (batches of 1000 files; whole lines, order irrelevant to the peers).
(cd "$CORPUS/docs" && find . -name '*.txt' | sort | xargs -P 2 -n 1000 sh -c '"$0" extract --format jsonl "$@" > "$(mktemp -p "'"$WORK"'" records.part.XXXXXX)"' "$BIN/budgetsearch")
cat "$WORK"/records.part.* > "$WORK/records.jsonl" && rm -f "$WORK"/records.part.*
EXTRACT_SECONDS=$(since "$t0")
RECORDS=$(wc -l < "$WORK/records.jsonl")
$PY records "$WORK/records.jsonl" "$WORK/records.tsv" >&2

log "brute-force truth"
$PY truth "$WORK/records.jsonl" "$PEERS" "$OUT/truth.tsv" >&2

log "SQLite FTS5 trigram: build"
/usr/bin/time -v -o "$OUT/time-sqlite.txt" $PY sqlite-build "$WORK/records.tsv" "$WORK/fts5.db" > "$OUT/build-sqlite.json"
log "Tantivy bigram: build"
/usr/bin/time -v -o "$OUT/time-tantivy.txt" $PY tantivy-build "$WORK/records.tsv" "$WORK/tantivy" > "$OUT/build-tantivy.json"
for t in sqlite tantivy; do
  python3 - "$OUT/build-$t.json" "$(peak_rss "$OUT/time-$t.txt")" >> "$OUT/build.jsonl" <<'EOF'
import json, sys
b = json.load(open(sys.argv[1])); b["peak_rss_bytes"] = int(sys.argv[2]); print(json.dumps(b))
EOF
done

cat > "$OUT/meta.json" <<EOF
{"size": "$SIZE", "seed": $SEED, "files": $FILES, "raw_bytes": $RAW, "records": $RECORDS,
 "generate_seconds": $GEN_SECONDS, "extract_seconds": $EXTRACT_SECONDS, "runs": $RUNS,
 "fresh_runs": $FRESH_RUNS, "peers": "$PEERS"}
EOF

log "warm, in process ($RUNS runs per query after one warm-up)"
OURS_OK=0
"$BIN/budgetsearch-bench" query --index "$WORK/index" --queries "$QUERIES" --runs "$RUNS" \
  --expect "$OUT/truth.tsv" > "$OUT/warm-budgetsearch.jsonl" || OURS_OK=$?
# The same with BM25 ranking and the best 10 kept (what `search` shows by default).
"$BIN/budgetsearch-bench" query --index "$WORK/index" --queries "$QUERIES" --runs "$RUNS" --mode top10 \
  --expect "$OUT/truth.tsv" > "$OUT/warm-budgetsearch-top10.jsonl" || OURS_OK=$?
# Counting on one thread: what a query costs without splitting its segments
# over the cores (the peers' in-process figures are one thread each).
"$BIN/budgetsearch-bench" query --index "$WORK/index" --queries "$QUERIES" --runs "$RUNS" --threads 1 \
  --expect "$OUT/truth.tsv" > "$OUT/warm-budgetsearch-1thread.jsonl" || OURS_OK=$?
$PY sqlite-query "$WORK/fts5.db" "$PEERS" "$RUNS" > "$OUT/warm-sqlite.jsonl"
$PY tantivy-query "$WORK/tantivy" "$PEERS" "$RUNS" > "$OUT/warm-tantivy.jsonl"

log "fresh process per query (hyperfine, $FRESH_RUNS runs, 3 warm-ups)"
# name, our query, FTS5 WHERE, Tantivy query, rg arguments for each query.
python3 - "$QUERIES" "$PEERS" > "$WORK/fresh-plan.tsv" <<'EOF'
import sys
ours = dict(l.rstrip("\n").split("\t", 1) for l in open(sys.argv[1], encoding="utf-8") if l.strip() and not l.startswith("#"))
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
head = lines[0].split("\t")
for l in lines[1:]:
    r = dict(zip(head, l.split("\t")))
    print("\t".join((r["name"], ours[r["name"]], r["fts5_where"], r["tantivy"], r["rg"])))
EOF
fresh() {  # tool name -- command...
  local tool=$1 name=$2; shift 3
  local hits runs=$FRESH_RUNS
  # ripgrep scans the whole corpus per call: fewer runs keep big sizes affordable.
  if [ "$tool" = rg ] && [ "$runs" -gt 10 ]; then runs=10; fi
  hits=$("$@" 2>/dev/null || true)
  if [ "$tool" = rg ]; then hits=$(printf '%s\n' "$hits" | awk -F: '{s += $NF} END {print s + 0}'); fi
  # hyperfine -N splits its command line like a POSIX shell: single-quote every argument.
  local cmd="" a
  for a in "$@"; do cmd+="'${a//\'/\'\\\'\'}' "; done
  hyperfine -N -i --runs "$runs" --warmup 3 --export-json "$WORK/hf.json" -- "$cmd" >/dev/null 2>&1
  python3 - "$WORK/hf.json" "$tool" "$name" "${hits:-0}" >> "$OUT/fresh.jsonl" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(json.dumps({"tool": sys.argv[2], "query": sys.argv[3], "hits": int(sys.argv[4].strip() or 0),
                  "median_us": r["median"] * 1e6, "runs": len(r["times"])}))
EOF
}
while IFS=$'\t' read -r name ours fts tan rgargs; do
  echo "  $name" >&2
  fresh budgetsearch "$name" -- "$BIN/budgetsearch" search "$ours" --count --no-update --index "$WORK/index" --corpus "$CORPUS/docs"
  fresh sqlite "$name" -- sqlite3 -readonly "$WORK/fts5.db" "SELECT count(*) FROM r WHERE $fts"
  fresh tantivy "$name" -- python3 "$BENCH/peers.py" tantivy-once "$WORK/tantivy" "$tan"
  if [ "$rgargs" != "-" ]; then
    read -ra rga <<< "$rgargs"  # split on spaces, no globbing
    fresh rg "$name" -- rg -c "${rga[@]}" "$CORPUS/docs"
  fi
done < "$WORK/fresh-plan.tsv"

log "report"
$PY report "$OUT" | tee "$OUT/report.md"
cp "$OUT/machine.txt" "$OUT/report-machine.txt"
if [ "$OURS_OK" != 0 ]; then
  echo "budgetsearch DISAGREES with the brute-force truth (see above)" >&2
  exit 1
fi
