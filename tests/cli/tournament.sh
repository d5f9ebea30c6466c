#!/usr/bin/env bash
# `parley tournament` (docs/simulation.md, "Tournaments"): the CSV header and one row per domain
# and assignment, -o written atomically, the same output for any --threads, and bad input (an
# unknown agent, a bad number, a missing domain) reported on one line with exit 2.
. "$(dirname "$0")/lib.bash"

if ! "$PARLEY" tournament --help >/dev/null 2>&1; then
    echo "parley tournament is not registered in this build; skipped"
    exit 77
fi

coincide="$SRC/tests/data/simulate/coincide"
laptop="$SRC/tests/data/genius/laptop"
header="domain,parties,agents,runs,agreements,agreement_rate,mean_agreement_step,nash_distance,\
frontier_distance,utility_1,utility_2,agreement_utility_1,agreement_utility_2"

# Default agents (boulware, linear, conceder): 3^2 = 9 rows for a two-party domain.
expect_status 0 "$PARLEY" tournament "$coincide"
first=$(head -n 1 "$WORK/out")
if [ "$first" = "$header" ]; then pass; else fail "header: $first"; fi
lines=$(wc -l <"$WORK/out")
if [ "$lines" = 10 ]; then pass; else fail "want 10 lines, got $lines"; fi
# Coinciding best outcomes: every pairing agrees at step 1, on the frontier and the Nash point.
if [ "$(tail -n +2 "$WORK/out" | cut -d, -f5-9 | sort -u)" = "1,1,1,0,0" ]; then pass
else fail "coincide rows: $(tail -n +2 "$WORK/out" | cut -d, -f5-9 | sort -u)"; fi

# Two domains, two agents: 2 x 2^2 rows, domains in the order given, pairings A-A, A-B, B-A, B-B.
expect_status 0 "$PARLEY" tournament "$coincide" "$laptop" --agents linear,boulware --runs 2
lines=$(wc -l <"$WORK/out")
if [ "$lines" = 9 ]; then pass; else fail "want 9 lines, got $lines"; fi
if [ "$(sed -n 6p "$WORK/out" | cut -d, -f3,4)" = "linear;linear,2" ]; then pass
else fail "row 6: $(sed -n 6p "$WORK/out")"; fi
if [ "$(sed -n 7p "$WORK/out" | cut -d, -f3)" = "linear;boulware" ]; then pass
else fail "row 7: $(sed -n 7p "$WORK/out")"; fi
cp "$WORK/out" "$WORK/one-thread.csv"

# The same with threads, and -o writes exactly what stdout would.
expect_status 0 "$PARLEY" tournament "$coincide" "$laptop" --agents linear,boulware --runs 2 \
    --threads 3 -o "$WORK/three.csv"
if cmp -s "$WORK/one-thread.csv" "$WORK/three.csv"; then pass; else fail "--threads 3 differs"; fi
if [ ! -s "$WORK/out" ]; then pass; else fail "stdout not empty with -o"; fi
expect_status 0 "$PARLEY" tournament "$coincide" "$laptop" --agents linear,boulware --runs 2 -o -
if cmp -s "$WORK/one-thread.csv" "$WORK/out"; then pass; else fail "-o - differs"; fi

# JSON: one document with a result per row.
expect_status 0 "$PARLEY" tournament "$coincide" --agents linear,boulware --json
if grep -q '"frontier_distance": 0.0' "$WORK/out"; then pass; else fail "JSON lacks distances"; fi
if [ "$(grep -c '"nash_distance"' "$WORK/out")" = 4 ]; then pass; else fail "JSON rows"; fi

# Atomic output: a write cut short (file-size limit) leaves the previous file and no temporary.
echo "previous content" >"$WORK/keep.json"
(trap '' XFSZ; ulimit -f 1; exec "$PARLEY" tournament "$coincide" "$laptop" --json \
    -o "$WORK/keep.json") >"$WORK/out" 2>"$WORK/err" </dev/null
status=$?
if [ "$status" = 1 ]; then pass; else fail "tournament under ulimit -f: exit $status (want 1)"; fi
if [ "$(cat "$WORK/keep.json")" = "previous content" ]; then pass; else fail "keep.json changed"; fi
if [ "$(find "$WORK" \( -name '*.tmp' -o -name '*.part' \) | wc -l)" = 0 ]; then pass
else fail "temporary files left behind"; fi

# Bad input: one error line, exit 2, nothing written.
expect_status 2 "$PARLEY" tournament "$coincide" --agents linear,bogus -o "$WORK/new.csv"
expect_error_line "unknown agent 'bogus'"
if [ ! -e "$WORK/new.csv" ]; then pass; else fail "output written for a bad agent"; fi
expect_status 2 "$PARLEY" tournament "$coincide" --runs 0
expect_error_line "--runs"
expect_status 2 "$PARLEY" tournament "$WORK/no-such-domain"
expect_error_line "no-such-domain"
expect_status 2 "$PARLEY" tournament
expect_error_line "give one domain"

finish
