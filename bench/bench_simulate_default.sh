#!/usr/bin/env bash
# Time `parley simulate --runs 1000` (whole process) on the default scenario and on its
# relaxation (UA's Donetsk red line at <= 90, which opens a zone), under SAO and the mediator
# (docs/simulation.md, "Benchmarks").
# Usage: bench/bench_simulate_default.sh [PARLEY] [REPEATS]   (build/parley, 3)
# Prints, per case, the settlements, and the least and median elapsed and CPU
# (user + system, from wait4) milliseconds over REPEATS processes; 2 threads.
set -eu
parley=${1:-build/parley}
repeats=${2:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
example=$here/examples/peace-talks-2025.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
jq '(.actors[] | select(.id == "UA") | .red_lines.donetsk.max) = 90' "$example" >"$tmp/relaxed.json"
for file in "$example" "$tmp/relaxed.json"; do
    for protocol in sao mediator; do
        name="$(basename "$file" .json) $protocol"
        settled=$("$parley" simulate "$file" --protocol "$protocol" --runs 1000 --threads 2 \
                  --json | jq -r '"\(.agreements)/\(.runs)"')
        python3 - "$name" "$settled" "$repeats" "$parley" "$file" "$protocol" <<'PY'
import os, subprocess, sys, time
name, settled, repeats, parley, file, protocol = sys.argv[1:]
walls, cpus = [], []
for _ in range(int(repeats)):
    t0 = time.perf_counter()
    p = subprocess.Popen([parley, "simulate", file, "--protocol", protocol, "--runs", "1000",
                          "--threads", "2"], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    walls.append((time.perf_counter() - t0) * 1e3)
    cpus.append((usage.ru_utime + usage.ru_stime) * 1e3)
walls.sort(); cpus.sort()
mid = (len(walls) - 1) // 2
print(f"{name:<28} settled {settled:>9}  wall min/median {walls[0]:7.0f}/{walls[mid]:7.0f} ms"
      f"  cpu min/median {cpus[0]:7.0f}/{cpus[mid]:7.0f} ms")
PY
    done
done
