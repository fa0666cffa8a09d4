#!/bin/bash
# conformance-scans.sh BIN INDEX [QUERIES]: how many times a fresh `search` process
# scans every protocol-conformance record of the static binary, per query of the
# fixed set, for `--count` and for the default ranked table.
#
# The Swift runtime does such a scan (≈ 60 µs each here) the first time it builds
# a generic type whose parameters must conform to a protocol (Dictionary<String, X>
# checks String: Hashable, Result<T, E> checks E: Error, Range<UInt32> in a tuple
# array checks UInt32: Comparable, a string switch of many cases builds a
# [String: Int] cache). Since the ninth session a `--count` process of the bench
# set does none (bench/RESULTS.md); run this after touching the search path to
# keep it so. SCANS_VERBOSE=1 prints the frames that name the code.
#
# Needs gdb (apt-get install gdb).
set -euo pipefail
B=${1:?usage: conformance-scans.sh BIN INDEX [QUERIES]}
I=${2:?usage: conformance-scans.sh BIN INDEX [QUERIES]}
Q=${3:-$(dirname "$0")/queries.txt}
SYM=$(nm "$B" | awk '/swift_conformsToProtocolMaybeInstantiateSuperclasses/ && $2 ~ /^[tT]$/ && $3 !~ /_2cl|ENK/ && !s {s=$3} END {print s}')
[ -n "$SYM" ] || { echo "no conformance-scan function in $B" >&2; exit 2; }
CMDS=$(mktemp)
trap 'rm -f "$CMDS"' EXIT
cat > "$CMDS" <<GDB
set pagination off
break $SYM
commands
silent
bt 30
continue
end
run
GDB
printf '%-16s %8s %8s\n' query count ranked
while IFS=$'\t' read -r name q; do
  [[ "$name" == \#* || -z "$name" ]] && continue
  row=$(printf '%-16s' "$name")
  for mode in --count ""; do
    out=$(gdb -q -batch -x "$CMDS" --args "$B" search "$q" $mode --index "$I" --no-update 2>&1 || true)
    row="$row $(printf '%8s' "$(grep -c '^#0' <<<"$out" || true)")"
    if [ "${SCANS_VERBOSE:-0}" = 1 ]; then grep -E '^#1[0-9] ' <<<"$out" | grep -v 'swift::\|_swift\|swift_' >&2 || true; fi
  done
  echo "$row"
done < "$Q"
