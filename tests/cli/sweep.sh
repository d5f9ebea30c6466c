#!/usr/bin/env bash
# `parley sweep` (docs/sweep.md; the contract's `parley sweep`): the columns, the grid order
# (last --vary fastest), hand-checked zone results, CSV and SQLite holding the same rows,
# the same output for any --threads, resuming (a cut-off CSV is repaired, only missing points
# are computed), refusing another sweep's output, and bad --vary input on one line, exit 2.
. "$(dirname "$0")/lib.bash"

vary_ua="actors.UA.red_lines.donetsk.max=80:100:10"
vary_ru="actors.RU.capability=90:110:20"

# Grid: RU capability (2 levels) x UA's Donetsk maximum (3 levels), the last fastest.
expect_status 0 "$PARLEY" sweep --vary "$vary_ru" --vary "$vary_ua" --analyses zopa,evaluate \
    -o "$WORK/a.csv"
header=$(head -n 1 "$WORK/a.csv")
want="point,actors.RU.capability,actors.UA.red_lines.donetsk.max,possible,margin,\
decision.us_28_point,decision.european_counter,decision.us_revised,decision.russian_terms"
if [ "$header" = "$want" ]; then pass; else fail "header: $header"; fi
if [ "$(tail -n +2 "$WORK/a.csv" | cut -d, -f1-3 | paste -sd' ')" = \
     "0,90,80 1,90,90 2,90,100 3,110,80 4,110,90 5,110,100" ]; then pass
else fail "grid order: $(tail -n +2 "$WORK/a.csv" | cut -d, -f1-3 | paste -sd' ')"; fi
# Russia needs at least 90 on Donetsk (its red line in examples/peace-talks-2025.json), so
# a zone opens exactly when Ukraine's maximum reaches 90 (README); capability does not
# enter the zone.
if [ "$(tail -n +2 "$WORK/a.csv" | cut -d, -f4 | paste -sd' ')" = \
     "false true true false true true" ]; then pass
else fail "possible: $(tail -n +2 "$WORK/a.csv" | cut -d, -f4 | paste -sd' ')"; fi
# The margin at 90 is the one `parley zopa` finds on the scenario edited to say so.
if command -v jq >/dev/null; then
    jq '(.actors[] | select(.id == "UA") | .red_lines.donetsk.max) = 90' \
        "$SRC/examples/peace-talks-2025.json" >"$WORK/ua90.json"
    want=$("$PARLEY" zopa "$WORK/ua90.json" --json | jq -r .margin)
    margin=$(sed -n 3p "$WORK/a.csv" | cut -d, -f5)
    if [ -n "$margin" ] && [ "$margin" = "$want" ]; then pass
    else fail "margin at 90: $margin, zopa says $want"; fi
fi
if [ -z "$(sed -n 2p "$WORK/a.csv" | cut -d, -f5)" ]; then pass
else fail "margin with clashing red lines should be empty"; fi

# Threads change nothing.
expect_status 0 "$PARLEY" sweep --vary "$vary_ru" --vary "$vary_ua" --analyses zopa,evaluate \
    -o "$WORK/b.csv" --threads 3
if cmp -s "$WORK/a.csv" "$WORK/b.csv"; then pass; else fail "--threads 3 differs"; fi

# Resume: rows 0-2 and half of row 3, as a killed run leaves them; the rest is computed.
head -n 4 "$WORK/a.csv" >"$WORK/c.csv"
sed -n 5p "$WORK/a.csv" | head -c 9 >>"$WORK/c.csv"
expect_status 0 "$PARLEY" sweep --vary "$vary_ru" --vary "$vary_ua" --analyses zopa,evaluate \
    -o "$WORK/c.csv"
if cmp -s "$WORK/a.csv" "$WORK/c.csv"; then pass; else fail "resumed CSV differs"; fi
# A complete output: nothing to do, nothing changes.
expect_status 0 "$PARLEY" sweep --vary "$vary_ru" --vary "$vary_ua" --analyses zopa,evaluate \
    -o "$WORK/c.csv"
if cmp -s "$WORK/a.csv" "$WORK/c.csv"; then pass; else fail "rerun changed a complete CSV"; fi
# Another sweep's output is refused, and left alone.
expect_status 2 "$PARLEY" sweep --vary "$vary_ru" --vary "actors.UA.red_lines.donetsk.max=70:100:10" \
    --analyses zopa,evaluate -o "$WORK/c.csv"
expect_error_line "c.csv: error: .*point"
if cmp -s "$WORK/a.csv" "$WORK/c.csv"; then pass; else fail "refused output was changed"; fi
expect_status 2 "$PARLEY" sweep --vary "$vary_ru" --vary "$vary_ua" --analyses zopa \
    -o "$WORK/c.csv"
expect_error_line "c.csv: error: has other columns"

# SQLite: the same rows in table results.
if command -v sqlite3 >/dev/null; then
    expect_status 0 "$PARLEY" sweep --vary "$vary_ru" --vary "$vary_ua" --analyses zopa,evaluate \
        -o "$WORK/a.sqlite"
    rows=$(sqlite3 -separator , "$WORK/a.sqlite" \
        "SELECT point, CAST(\"actors.RU.capability\" AS INTEGER), possible FROM results ORDER BY point" |
        paste -sd' ')
    if [ "$rows" = "0,90,0 1,90,1 2,90,1 3,110,0 4,110,1 5,110,1" ]; then pass
    else fail "sqlite rows: $rows"; fi
    # Delete two points: the rerun computes exactly those again.
    sqlite3 "$WORK/a.sqlite" "DELETE FROM results WHERE point IN (1, 4)"
    expect_status 0 "$PARLEY" sweep --vary "$vary_ru" --vary "$vary_ua" --analyses zopa,evaluate \
        -o "$WORK/a.sqlite"
    if [ "$(sqlite3 "$WORK/a.sqlite" 'SELECT count(*), sum(possible) FROM results')" = "6|4" ]
    then pass; else fail "sqlite after resume: $(sqlite3 "$WORK/a.sqlite" 'SELECT count(*) FROM results')"; fi
    expect_status 2 "$PARLEY" sweep --vary "$vary_ru" --vary "$vary_ua" --analyses zopa,evaluate \
        --runs 5 --sample 4 -o "$WORK/a.sqlite"
    expect_error_line "a.sqlite: error: .*other parameters"
    # A reader holding the file (sqlite3 watching the sweep) delays the sweep, never fails
    # it: before the busy timeout this was "database is locked", exit 1.
    { echo "BEGIN; SELECT count(*) FROM sqlite_master;"; sleep 2; echo "COMMIT;"; } |
        sqlite3 "$WORK/held.sqlite" >"$WORK/held.out" &
    reader=$!
    for _ in $(seq 500); do [ -s "$WORK/held.out" ] && break; sleep 0.02; done
    if [ -s "$WORK/held.out" ]; then pass; else fail "the reader never held the file"; fi
    expect_status 0 "$PARLEY" sweep --vary "$vary_ru" --vary "$vary_ua" --analyses zopa \
        -o "$WORK/held.sqlite"
    wait "$reader"
    if [ "$(sqlite3 "$WORK/held.sqlite" 'SELECT count(*) FROM results')" = 6 ]; then pass
    else fail "sqlite rows with a reader: $(sqlite3 "$WORK/held.sqlite" 'SELECT count(*) FROM results')"; fi
fi

# A Sobol sample: N rows, values inside the ranges, the same for the same seed.
expect_status 0 "$PARLEY" sweep --vary "actors.RU.capability=50:150" --sample 8 --seed 3 \
    --analyses predict --models compromise -o "$WORK/s.csv"
if [ "$(wc -l <"$WORK/s.csv")" = 9 ]; then pass; else fail "sample rows: $(wc -l <"$WORK/s.csv")"; fi
if tail -n +2 "$WORK/s.csv" | awk -F, '$2 < 50 || $2 >= 150 { bad = 1 } END { exit bad }'; then pass
else fail "sample outside the range"; fi
# The compromise forecast rises with Russia's capability on Donetsk (Russia sits at 100,
# above the capability-weighted mean of the others).
if tail -n +2 "$WORK/s.csv" | sort -t, -k2,2g |
    awk -F, 'NR > 1 && $3 <= prev { bad = 1 } { prev = $3 } END { exit bad }'; then pass
else fail "compromise forecast not increasing in capability"; fi

# A path outside the direct ones goes through pl_scenario_set (the --set route).
expect_status 0 "$PARLEY" sweep --vary evaluation.acceptable=0.6:0.8:0.1 --analyses evaluate \
    -o "$WORK/g.csv"
if [ "$(tail -n +2 "$WORK/g.csv" | cut -d, -f1,2,6 | paste -sd' ')" = \
     "0,0.6,rejected 1,0.7,rejected 2,0.8,rejected" ]; then pass
else fail "general path: $(cat "$WORK/g.csv")"; fi

# Bad input: one line, exit 2, nothing written.
expect_status 2 "$PARLEY" sweep --vary "actors.XX.capability=1:2:1" --analyses zopa -o "$WORK/x.csv"
expect_error_line "error: --vary actors.XX.capability"
expect_status 2 "$PARLEY" sweep --vary "actors.RU.reservation=0:2:0.5" --analyses zopa -o "$WORK/x.csv"
expect_error_line "error: --vary actors.RU.reservation: at 2"
expect_status 2 "$PARLEY" sweep --vary "actors.RU.capability=1:2" --analyses zopa -o "$WORK/x.csv"
expect_error_line "error: --vary actors.RU.capability=1:2: give PATH=FROM:TO:STEP"
expect_status 2 "$PARLEY" sweep --vary "actors.RU.capability=1:2:1" --analyses zopa,tea \
    -o "$WORK/x.csv"
expect_error_line "unknown analysis 'tea'"
if [ ! -e "$WORK/x.csv" ]; then pass; else fail "x.csv written on bad input"; fi
finish
