#!/usr/bin/env bash
# `parley simulate --runs-csv FILE.csv` (docs/simulation.md, "Every run"): one row per Monte
# Carlo run, consistent with the summary of the same command (agreements, mean step, mean
# utilities), a deviation column per drawn input, agreed values only where a run agreed, the
# same file for any --threads, and an unwritable file reported on one line with exit 2.
. "$(dirname "$0")/lib.bash"

zone="$SRC/tests/data/report/zone.json"
runs="$WORK/runs.csv"

expect_status 0 "$PARLEY" simulate "$zone" --runs 200 --runs-csv "$runs" --json
header="run,agreed,step,u_east,u_west,u_observer,price,term,venue,\
resolve:east:reservation,resolve:west:reservation,resolve:east:position:price"
if [ "$(head -n 1 "$runs")" = "$header" ]; then pass; else fail "header: $(head -n 1 "$runs")"; fi
if [ "$(($(wc -l <"$runs") - 1))" = 200 ]; then pass; else fail "rows: $(wc -l <"$runs")"; fi
# Runs numbered 0..199 in order (the Philox counter).
if awk -F, 'NR > 1 && $1 != NR - 2 { bad = 1 } END { exit bad }' "$runs"; then pass
else fail "run numbers"; fi
# The summary is the mean of the rows.
agreed=$(awk -F, 'NR > 1 { n += $2 } END { print n }' "$runs")
if [ "$agreed" = "$(jq .agreements "$WORK/out")" ] && [ "$agreed" -gt 0 ] && [ "$agreed" -lt 200 ]
then pass; else fail "agreements: csv $agreed, json $(jq .agreements "$WORK/out")"; fi
step=$(awk -F, 'NR > 1 && $2 == 1 { s += $3; n++ } END { printf "%.9f", s / n }' "$runs")
want=$(jq -r '.mean_agreement_step * 1e9 | round / 1e9' "$WORK/out")
if awk -v a="$step" -v b="$want" 'BEGIN { exit !(a - b < 1e-6 && b - a < 1e-6) }'; then pass
else fail "mean step: csv $step, json $want"; fi
u=$(awk -F, 'NR > 1 { s += $4 } END { printf "%.9f", s / (NR - 1) }' "$runs")
want=$(jq -r '.mean_utilities[0]' "$WORK/out")
if awk -v a="$u" -v b="$want" 'BEGIN { exit !(a - b < 1e-6 && b - a < 1e-6) }'; then pass
else fail "mean utility: csv $u, json $want"; fi
# An agreement on every issue exactly where the run agreed.
if awk -F, 'NR > 1 && (($2 == 1) != ($7 != "" && $8 != "" && $9 != "")) { bad = 1 }
            END { exit bad }' "$runs"; then pass; else fail "agreed values"; fi
# Deviations drawn: uniform within the spread (0.12), normal not constant.
if awk -F, 'NR > 1 && ($10 < -0.12 || $10 > 0.12 || $11 < -0.12 || $11 > 0.12) { bad = 1 }
            END { exit bad }' "$runs"; then pass; else fail "uniform deviations"; fi
if [ "$(tail -n +2 "$runs" | cut -d, -f12 | sort -u | wc -l)" -gt 100 ]; then pass
else fail "normal deviations"; fi

# The same rows for any number of threads.
expect_status 0 "$PARLEY" simulate "$zone" --runs 200 --threads 2 --runs-csv "$WORK/runs2.csv"
if cmp -s "$runs" "$WORK/runs2.csv"; then pass; else fail "threads change the runs"; fi

# Unwritable: one error line, exit 1 (the contract: an unwritable output), no stdout.
expect_status 1 "$PARLEY" simulate "$zone" --runs 3 --runs-csv "$WORK/no/such/dir/r.csv"
expect_error_line "r\.csv"

finish
