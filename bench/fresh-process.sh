#!/usr/bin/env bash
# bench/fresh-process.sh [-n RUNS] BINARY... -- ARGS...
#
# Wall time of a fresh process per call: runs `BINARY ARGS` RUNS times (default 30) for each
# binary, alternating the binaries run by run (A B A B ...) so that both see the same machine
# noise, after 3 warm-up runs each. Prints the median and the 10th/90th percentiles in ms per
# binary. Output of the command goes to /dev/null; its exit status is reported (0 hits, 1 none).
# Timing uses bash's $EPOCHREALTIME (no fork for the clock), so each sample includes bash's own
# fork+exec of the command (~0.2 ms), the same for every binary.
#
#   bench/fresh-process.sh -n 40 /tmp/old/budgetsearch .build/release/budgetsearch -- \
#     search 艰苦边远地区津贴 --index /tmp/idx500 --no-update --count
set -euo pipefail
RUNS=30
if [ "${1:-}" = "-n" ]; then RUNS=$2; shift 2; fi
BINS=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do BINS+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
[ ${#BINS[@]} -gt 0 ] || { echo "usage: bench/fresh-process.sh [-n RUNS] BINARY... -- ARGS..." >&2; exit 2; }

declare -A SAMPLES STATUS
for b in "${BINS[@]}"; do
  for _ in 1 2 3; do "$b" "$@" >/dev/null 2>&1 || true; done
  SAMPLES[$b]=""
done
for ((i = 0; i < RUNS; i++)); do
  for b in "${BINS[@]}"; do
    t0=$EPOCHREALTIME
    set +e; "$b" "$@" >/dev/null 2>&1; rc=$?; set -e
    t1=$EPOCHREALTIME
    STATUS[$b]=$rc
    us=$(( (${t1/./} - ${t0/./}) ))
    SAMPLES[$b]+="$us "
  done
done
for b in "${BINS[@]}"; do
  # shellcheck disable=SC2086
  printf '%s\n' ${SAMPLES[$b]} | sort -n | awk -v bin="$b" -v rc="${STATUS[$b]}" '
    { v[NR] = $1 }
    END {
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      p10 = v[int(NR * 0.1) + 1]; p90 = v[int(NR * 0.9)]
      printf "%-50s median %7.2f ms  p10 %7.2f  p90 %7.2f  (n=%d, exit %s)\n", bin, m / 1000, p10 / 1000, p90 / 1000, NR, rc
    }'
done
