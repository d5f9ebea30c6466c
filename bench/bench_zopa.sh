#!/usr/bin/env bash
# Time `parley zopa --runs 0` (whole process: the zone analysis, without the
# settlement curve's Monte Carlo runs, which `--runs` sets) on the default
# scenario, every relaxation of Russia's and Ukraine's constraints in it, and
# generated scenarios.
# Usage: bench/bench_zopa.sh [PARLEY] [RUNS]   (default build/parley, 5 runs)
# Prints, per case, whether a zone exists and the least and median elapsed
# milliseconds and CPU milliseconds (user + system, from wait4) over RUNS runs.
# Relaxations: each red line of RU/UA moved to accept the other side's
# extreme ("relaxed") or deleted ("removed"), each reservation lowered by 0.1
# and set to 0. Generated: bench/gen_scenario.py A I SEED [OPTIONS_ISSUES].
set -eu
parley=${1:-build/parley}
runs=${2:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
example=$here/examples/peace-talks-2025.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

time_case() { # NAME FILE
    local zone
    zone=$("$parley" zopa --runs 0 --json "$2" | jq -r '.possible')
    python3 - "$1" "$zone" "$runs" "$parley" "$2" <<'PY'
import os, subprocess, sys, time
name, zone, runs, cmd = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
walls, cpus = [], []
for _ in range(runs):
    t0 = time.perf_counter()
    p = subprocess.Popen([cmd[0], "zopa", "--runs", "0", cmd[1]], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    walls.append((time.perf_counter() - t0) * 1e3)
    cpus.append((usage.ru_utime + usage.ru_stime) * 1e3)
walls.sort(); cpus.sort()
mid = (runs - 1) // 2
print(f"{name:<40} zone={zone:<5} wall min/median {walls[0]:6.1f}/{walls[mid]:6.1f} ms"
      f"  cpu min/median {cpus[0]:6.1f}/{cpus[mid]:6.1f} ms")
PY
}

time_case default "$example"
for actor in RU UA; do
    for issue in $(jq -r --arg a "$actor" '.actors[] | select(.id == $a) | .red_lines | keys[]' \
                   "$example"); do
        jq --arg a "$actor" --arg i "$issue" '(.actors[] | select(.id == $a) | .red_lines[$i])
            |= (if has("min") then .min = 0 else .max = 100 end)' "$example" > "$tmp/r.json"
        time_case "$actor $issue relaxed" "$tmp/r.json"
        jq --arg a "$actor" --arg i "$issue" \
            'del(.actors[] | select(.id == $a) | .red_lines[$i])' "$example" > "$tmp/r.json"
        time_case "$actor $issue removed" "$tmp/r.json"
    done
    jq --arg a "$actor" '(.actors[] | select(.id == $a) | .reservation) -= 0.1' "$example" \
        > "$tmp/r.json"
    time_case "$actor reservation - 0.1" "$tmp/r.json"
    jq --arg a "$actor" '(.actors[] | select(.id == $a) | .reservation) = 0' "$example" \
        > "$tmp/r.json"
    time_case "$actor reservation 0" "$tmp/r.json"
done
jq '.actors[1].red_lines.donetsk.max = 90' "$example" > "$tmp/r.json"
time_case "UA donetsk max 90 (issue #13)" "$tmp/r.json"
for shape in "3 9 0" "6 12 0" "6 12 3"; do
    for seed in 1 2 3; do
        set -- $shape
        python3 "$here/bench/gen_scenario.py" "$1" "$2" "$seed" "$3" > "$tmp/g.json"
        time_case "generated ${1}x${2} (${3} options) seed $seed" "$tmp/g.json"
    done
done
