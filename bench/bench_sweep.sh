#!/usr/bin/env bash
# bench_sweep.sh [PARLEY] - the figures of docs/scale.md: a 100,000-point zone sweep of the
# default scenario, a 4,096-sample Sobol analysis of the compromise forecast, the parallel
# efficiency of 2 MPI ranks, and the coordinator's load with 2..32 ranks (oversubscribed).
# Prints one line per measurement; `uptime` first, since the machine may be shared.
set -eu
parley=${1:-build/parley}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
t() { /usr/bin/time -f "%e s wall, %U s user, %S s system" "$@" 2>&1 >/dev/null | tail -1; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs);" \
     "load: $(cut -d' ' -f1-3 /proc/loadavg)"

zone=(sweep --vary actors.UA.red_lines.donetsk.max=0:99.9:0.1
      --vary actors.RU.reservation=0.5:0.599:0.001 --analyses zopa)
echo "100,000-point zone sweep, --threads 2: $(t "$parley" "${zone[@]}" --threads 2 -o "$work/a.csv")"
if command -v mpiexec >/dev/null; then
    echo "100,000-point zone sweep, mpiexec -n 2: $(t mpiexec -n 2 "$parley" "${zone[@]}" -o "$work/b.csv")"
    cmp "$work/a.csv" "$work/b.csv" && echo "  (the same bytes)"
fi
echo "4,096-sample Sobol analysis of forecast:compromise:donetsk, 1 thread:" \
     "$(t "$parley" sensitivity --output forecast:compromise:donetsk --samples 4096 --json)"

# Parallel efficiency: E = T1 / (2 T2) on a 20,000-point sweep.
small=(sweep --vary actors.UA.red_lines.donetsk.max=0:99.5:0.5
       --vary actors.RU.reservation=0.5:0.599:0.001 --analyses zopa,evaluate)
if command -v mpiexec >/dev/null; then
    for run in 1 2 3; do
        rm -f "$work"/e*.csv
        one=$( { /usr/bin/time -f %e "$parley" "${small[@]}" -o "$work/e1.csv" >/dev/null; } 2>&1 | tail -1)
        two=$( { /usr/bin/time -f %e mpiexec -n 2 "$parley" "${small[@]}" -o "$work/e2.csv" >/dev/null; } 2>&1 | tail -1)
        echo "efficiency run $run: 1 process $one s, 2 ranks $two s, E = $(awk -v a="$one" -v b="$two" 'BEGIN { printf "%.2f", a / (2 * b) }')"
    done
    # The coordinator's load (rank 0's line of PARLEY_FARM_STATS) as ranks grow.
    for k in 2 4 8 16 32; do
        rm -f "$work/k.csv"
        line=$(PARLEY_FARM_STATS=1 mpiexec -n $k "$parley" "${small[@]}" -o "$work/k.csv" 2>&1 >/dev/null |
               grep 'rank 0 ')
        echo "ranks $k: $line"
    done
fi
