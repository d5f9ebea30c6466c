#!/usr/bin/env bash
# Long-format tables (docs/formats.md "Long-format tables"): the example folder validates,
# the three tables validate given in any order, and the folder backtests with the declared
# ranges (a 1-7 issue stays [1, 7]) and the Outcome column of its issues table.
. "$(dirname "$0")/lib.bash"
PY=/usr/bin/python3
dir="$SRC/examples/long-format"

expect_status 0 "$PARLEY" validate "$dir"
if grep -q "ok (long-csv; 5 actors, 3 issues" "$WORK/out"; then pass; else fail "validate: $(cat "$WORK/out")"; fi
# The Notes column is kept out of the analysis and listed.
if grep -q 'note: .*stances.csv: column 5 ("Notes")' "$WORK/out"; then pass; else fail "no note for Notes"; fi
expect_status 0 "$PARLEY" validate "$dir/stances.csv" "$dir/actors.csv" "$dir/issues.csv"
# The folder, through the library (run, and every command of cli_load_scenario) and through
# the simulation's folder loading (simulate, tournament).
expect_status 0 "$PARLEY" run "$dir" --runs 5 --steps 20
expect_status 0 "$PARLEY" simulate "$dir" --runs 5 --steps 20 --seed 1

# Backtest straight from the folder. The two baselines need only the declared ranges,
# outcomes and reference points of issues.csv, so their errors are checked by hand:
# midpoint |50-55|, |4-5| x 100/6, |2029-2029| -> mean (5 + 16.667 + 0)/3 = 7.2222;
# reference |30-55|, |2-5| x 100/6, |2032-2029| x 100/6 -> mean (25 + 50 + 50)/3 = 41.6667.
# With ranges inferred from the positions (25..75, 2..7, 2027..2030) both would differ.
expect_status 0 "$PARLEY" backtest "$dir" --json --bootstrap 0
cp "$WORK/out" "$WORK/backtest.json"
if $PY - "$WORK/backtest.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["issues"] == 3, d["issues"]
m = {x["name"]: x for x in d["methods"]}
assert abs(m["midpoint"]["mean_error"] - 65 / 9) < 1e-9, m["midpoint"]
assert abs(m["reference"]["mean_error"] - 125 / 3) < 1e-9, m["reference"]
PYEOF
then pass; else fail "backtest of the example folder"; fi

# The same tables with ';' and decimal commas, in a folder of their own: the same backtest.
mkdir "$WORK/semi"
for f in stances issues actors; do sed 's/,/;/g; s/0\.2/0,2/; s/0\.1/0,1/' "$dir/$f.csv" >"$WORK/semi/$f.csv"; done
expect_status 0 "$PARLEY" backtest "$WORK/semi" --json --bootstrap 0
if $PY - "$WORK/backtest.json" "$WORK/out" <<'PYEOF'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert a["methods"] == b["methods"], "results differ"
PYEOF
then pass; else fail "semicolon tables backtest differently"; fi

# A bad cell: one error line with its position.
printf 'Actor,Issue,Position,Salience\nmayor,transit_share,,50%%\n' >"$WORK/bad.csv"
expect_status 2 "$PARLEY" validate "$WORK/bad.csv" "$dir/issues.csv"
expect_error_line "^$WORK/bad.csv:2:21: error: Position is missing$"
# A folder without tables.
mkdir "$WORK/empty"
expect_status 2 "$PARLEY" validate "$WORK/empty"
expect_error_line "^$WORK/empty: error: the folder holds no GENIUS domain with its profiles [(].xml files[)] and no long-format tables"

finish
