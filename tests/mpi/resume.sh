#!/usr/bin/env bash
# A sweep killed half way (kill -9 of its whole process group, mpiexec and ranks included)
# and run again equals one that was never stopped, for CSV and SQLite, plain and under
# mpiexec -n 2 (docs/sweep.md, "Resuming"). Skipped (77) where mpiexec is absent.
. "$(dirname "$0")/../cli/lib.bash"
if ! command -v mpiexec >/dev/null; then echo "no mpiexec; skipped"; exit 77; fi
if [ "${PARLEY_SANITIZED:-0}" = 1 ]; then echo "sanitizer build; skipped"; exit 77; fi
args=(sweep "$SRC/examples/peace-talks-2025.json" --vary actors.RU.capability=50:150:1
      --vary actors.UA.red_lines.donetsk.max=0:100:2 --analyses zopa,evaluate)

rows() { # rows written so far
    case $1 in
        *.sqlite) sqlite3 "$1" 'SELECT count(*) FROM results' 2>/dev/null || echo 0 ;;
        *) [ -e "$1" ] && wc -l <"$1" || echo 0 ;;
    esac
}
dump() {
    case $1 in *.sqlite) sqlite3 "$1" 'SELECT * FROM results ORDER BY point' ;; *) cat "$1" ;; esac
}

for ext in csv sqlite; do
    [ $ext = sqlite ] && ! command -v sqlite3 >/dev/null && continue
    "$PARLEY" "${args[@]}" -o "$WORK/whole.$ext" || fail "uninterrupted $ext run"
    total=$(rows "$WORK/whole.$ext")
    for launcher in plain mpi; do
        out="$WORK/cut-$launcher.$ext"
        rm -f "$out"*
        if [ $launcher = mpi ]; then
            setsid mpiexec -n 2 "$PARLEY" "${args[@]}" -o "$out" >/dev/null 2>&1 &
        else
            setsid "$PARLEY" "${args[@]}" -o "$out" >/dev/null 2>&1 &
        fi
        pid=$!
        # Until the first rows are in (SQLite commits every 256), at most 20 s: the whole
        # sweep takes about a second, so the kill must come soon after.
        for _ in $(seq 1000); do
            [ "$(rows "$out")" -gt 1 ] && break
            sleep 0.02
        done
        kill -9 -- -"$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        cut=$(rows "$out")
        if [ "$cut" -gt 1 ] && [ "$cut" -lt "$total" ]; then pass
        else fail "$launcher $ext: killed with $cut of $total rows"; fi
        if [ $launcher = mpi ]; then
            timeout 120 mpiexec -n 2 "$PARLEY" "${args[@]}" -o "$out" >/dev/null 2>&1
        else
            "$PARLEY" "${args[@]}" -o "$out" >/dev/null 2>&1
        fi
        if [ "$(dump "$out" | md5sum)" = "$(dump "$WORK/whole.$ext" | md5sum)" ]; then pass
        else fail "$launcher $ext: resumed output differs from the uninterrupted one"; fi
    done
done
finish
