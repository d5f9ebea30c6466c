#!/usr/bin/env bash
# bench_smp.sh - time parley's smp model on KTAB's larger samples (docs/model-smp.md).
#
# Usage: bench/bench_smp.sh [BUILD_DIR] [DATA_DIR] [THREADS]
#   BUILD_DIR   a CMake build folder of parley (default /tmp/build-smp; make one with
#               cmake -S . -B /tmp/build-smp -DCMAKE_BUILD_TYPE=Release); the script
#               builds its `bench_smp` target there (-O2 -ffp-contract=off)
#   DATA_DIR    the reference data, ../shared/data (default), for ktab/*.csv
#   THREADS     threads for the model (default 2)
# Each file runs 3 times under /usr/bin/time -v; the table gives the medians of the
# whole process's wall time and peak resident memory, and of the model's own time.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:-/tmp/build-smp}
data=${2:-$root/../shared/data}
threads=${3:-2}
bin=$build/bench/bench_smp
# No -ffast-math and no FMA contraction (bench/CMakeLists.txt): the model's operation order
# is part of its result.
cmake --build "$build" --target bench_smp >/dev/null

median() { sort -g | sed -n 2p; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "| sample | states | most probable | p | wall s (median of 3) | model s | peak MB |"
echo "|---|---|---|---|---|---|---|"
for name in SOE-Policy dummyData_6Dim SOE-Competitive dummyData-a040 dummyData-a080 \
            dummyData-a160; do
    : > "$tmp/wall"; : > "$tmp/model"; : > "$tmp/rss"
    for run in 1 2 3; do
        /usr/bin/time -v "$bin" "$data/ktab/$name.csv" "$threads" \
            > "$tmp/out" 2> "$tmp/time"
        awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0;
                    for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$tmp/time" \
            >> "$tmp/wall"
        awk -F': ' '/Maximum resident set size/ {printf "%.1f\n", $2 / 1024}' "$tmp/time" \
            >> "$tmp/rss"
        sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' "$tmp/out" >> "$tmp/model"
    done
    states=$(sed -n 's/.*states=\([0-9]*\).*/\1/p' "$tmp/out")
    best=$(sed -n 's/^most_probable=\(\[.*\]\) p=.*/\1/p' "$tmp/out")
    p=$(sed -n 's/.* p=\([0-9.]*\)$/\1/p' "$tmp/out")
    echo "| $name | $states | $best | $p | $(median < "$tmp/wall") |" \
         "$(median < "$tmp/model") | $(median < "$tmp/rss") |"
done
