#!/usr/bin/env bash
# bench_frontier_genius.sh - `parley frontier --json` as a whole process on every
# additive domain of ../shared/data/genius/INDEX.tsv (docs/frontier.md, "Benchmarks").
#
# Usage: bench/bench_frontier_genius.sh [PARLEY] [DATA_DIR] [RUNS]
#   PARLEY      the parley binary (default build/parley)
#   DATA_DIR    the reference data, ../shared/data (default)
#   RUNS        runs per domain for perf stat (default 5)
# Prints one table row per domain: outcomes, parties, frontier points, the mean wall
# time of RUNS runs (perf stat -r RUNS, output to /dev/null) and the peak resident
# memory (/usr/bin/time -f %M). Run it on an otherwise idle machine.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
parley=${1:-$root/build/parley}
data=${2:-$root/../shared/data}
runs=${3:-5}
index=$data/genius/INDEX.tsv
[ -f "$index" ] || { echo "no $index" >&2; exit 2; }
echo "| domain | outcomes | parties | frontier | wall ms (mean of $runs) | peak MB |"
echo "|---|---|---|---|---|---|"
tail -n +2 "$index" | while IFS=$'\t' read -r folder domain _ _ outcomes _ kind _; do
    [ "$kind" = additive ] || continue
    dir=$data/genius/$folder
    files=("$dir/$domain")
    for f in "$dir"/*.xml; do [ "$f" = "$dir/$domain" ] || files+=("$f"); done
    parties=$(( ${#files[@]} - 1 ))
    frontier=$("$parley" frontier "${files[@]}" --json | jq .frontier_size)
    ms=$(perf stat -r "$runs" "$parley" frontier "${files[@]}" --json 2>&1 >/dev/null |
             awk '/seconds time elapsed/ { printf "%.1f", $1 * 1000 }')
    kb=$(/usr/bin/time -f %M "$parley" frontier "${files[@]}" --json 2>&1 >/dev/null | tail -1)
    printf '| %s | %s | %s | %s | %s | %s |\n' "$folder" "$outcomes" "$parties" "$frontier" \
        "$ms" "$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')"
done
