#!/usr/bin/env bash
# Under mpiexec -n 1, 2 and 4 (oversubscribed on small machines), sweep, sensitivity, simulate
# and tournament print and write the same bytes as one plain process (the contract; docs/scale.md).
# Skipped (77) where mpiexec is absent.
. "$(dirname "$0")/../cli/lib.bash"
if ! command -v mpiexec >/dev/null; then echo "no mpiexec; skipped"; exit 77; fi
if [ "${PARLEY_SANITIZED:-0}" = 1 ]; then echo "sanitizer build; skipped"; exit 77; fi
scenario="$SRC/examples/peace-talks-2025.json"
laptop="$SRC/tests/data/genius/laptop"

# What a run left: stdout, then its output file (an SQLite database as its dump).
result() {
    cat "$WORK/stdout"
    case $1 in
        -) ;;
        *.sqlite) sqlite3 "$1" .dump ;;
        *) cat "$1" ;;
    esac
}

# same NAME OUT CMD...: stdout and OUT (- for none) under 1, 2 and 4 ranks equal the plain run's.
same() {
    local name=$1 out=$2; shift 2
    rm -f "$out"
    "$@" >"$WORK/stdout" 2>/dev/null || fail "$name: the plain run failed"
    result "$out" >"$WORK/plain"
    for k in 1 2 4; do
        rm -f "$out"
        timeout 60 mpiexec -n $k "$@" >"$WORK/stdout" 2>/dev/null || fail "$name: -n $k failed"
        result "$out" >"$WORK/ranks"
        if cmp -s "$WORK/plain" "$WORK/ranks"; then pass; else fail "$name: -n $k differs"; fi
    done
    rm -f "$out"
}

same sweep "$WORK/sweep.csv" "$PARLEY" sweep "$scenario" --vary actors.RU.capability=50:150:10 \
    --vary actors.UA.red_lines.donetsk.max=0:100:10 --analyses zopa,predict,evaluate \
    --models compromise,median -o "$WORK/sweep.csv"
if command -v sqlite3 >/dev/null; then
    same sweep_sqlite "$WORK/sweep.sqlite" "$PARLEY" sweep "$scenario" \
        --vary actors.RU.capability=50:150 --sample 40 --analyses zopa,simulate --runs 4 \
        -o "$WORK/sweep.sqlite"
fi
same sensitivity - "$PARLEY" sensitivity "$scenario" --output forecast:compromise:donetsk \
    --samples 256 --json
same simulate - "$PARLEY" simulate "$scenario" --runs 100 --seed 7 --json
same simulate_text "$WORK/runs.csv" "$PARLEY" simulate "$scenario" --runs 40 --seed 3 \
    --runs-csv "$WORK/runs.csv"
same tournament - "$PARLEY" tournament "$laptop" "$SRC/tests/data/simulate/coincide" \
    --agents linear,boulware --runs 2
same tournament_json - "$PARLEY" tournament "$laptop" --agents linear,conceder --runs 2 --json
finish
