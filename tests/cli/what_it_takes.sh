#!/usr/bin/env bash
# What it would take (docs/agreement.md) in `parley zopa` and `parley run`: the contract's
# `what_it_takes` keys; on the default scenario RU's Donetsk line opens a zone at >= 10 and
# UA's at <= 90 (the 80-point gap of docs/agreement.md, "The default scenario"); --issue adds
# an issue and rejects an unknown one; `run` takes --protocol/--agents/--steps/--runs/--seed
# and says so in the text, the JSON and the HTML report; `parley report` redraws the chart.
. "$(dirname "$0")/lib.bash"

example="$SRC/examples/peace-talks-2025.json"

expect_status 0 "$PARLEY" zopa --json --runs 20
entries=$(jq -c '[.what_it_takes[] | [.issue, .actor, .constraint, .bound, .from, .opens_at]]' \
    "$WORK/out")
if [ "$entries" = '[["donetsk","RU","red_line","min",90,10],["donetsk","UA","red_line","max",10,90]]' ]
then pass; else fail "entries: $entries"; fi
# Every step has the contract's keys; the zone is closed before the opening, open after it.
if jq -e '[.what_it_takes[] | . as $e | .steps[] |
        (has("value") and has("possible") and has("margin")) and
        (.possible == (if $e.bound == "min" then .value <= $e.opens_at
                       else .value >= $e.opens_at end)) and
        ((.possible | not) == (.margin == null) or .possible)] | all' "$WORK/out" >/dev/null
then pass; else fail "steps against opens_at"; fi
if jq -e '.what_it_takes_simulation == {"protocol": "sao", "agents":
        ["boulware", "boulware", "boulware", "boulware"], "steps": 100, "runs": 20, "seed": 1}' \
    "$WORK/out" >/dev/null; then pass; else fail "what_it_takes_simulation"; fi
if jq -e '[.what_it_takes[].steps[] | .settlement >= 0 and .settlement <= 1] | all' \
    "$WORK/out" >/dev/null; then pass; else fail "settlement"; fi

# The text report.
expect_status 0 "$PARLEY" zopa --runs 20
if grep -q '^  RU red line on donetsk (>= 90): a zone opens at >= 10 (a move of 80 points)' \
    "$WORK/out" && grep -q '^  UA red line on donetsk (<= 10): a zone opens at <= 90' "$WORK/out"
then pass; else fail "text: $(grep -A2 'What it would take' "$WORK/out")"; fi
if awk 'length > 100 { bad = 1 } END { exit bad }' "$WORK/out"; then pass
else fail "a line over 100 columns"; fi

# --issue: one more issue (recognition: UA's line <= 50 faces RU's position), or an error.
expect_status 0 "$PARLEY" zopa --json --runs 1 --issue recognition
if jq -e '[.what_it_takes[] | select(.issue == "recognition")] | length >= 1' "$WORK/out" \
    >/dev/null; then pass; else fail "--issue recognition"; fi
expect_status 2 "$PARLEY" zopa --issue nowhere
expect_error_line "no issue 'nowhere'"
expect_status 2 "$PARLEY" zopa --runs -1
expect_error_line "runs"
# By default zopa simulates nothing (it must stay within 50 ms): margins and the opening only.
expect_status 0 "$PARLEY" zopa --json
if jq -e '.what_it_takes_simulation == null and ([.what_it_takes[].steps[] | has("settlement")]
        | any | not) and .what_it_takes[1].opens_at == 90' "$WORK/out" >/dev/null
then pass; else fail "zopa without --runs simulates"; fi
# The simulation's settings without --runs R > 0 would be ignored: an error instead.
expect_status 2 "$PARLEY" zopa --protocol mediator
expect_error_line "only with --runs"
expect_status 2 "$PARLEY" zopa --agents conceder --runs 0
expect_error_line "only with --runs"
# --runs 0: margins only, no simulation.
expect_status 0 "$PARLEY" zopa --runs 0 --json
if jq -e '.what_it_takes_simulation == null and ([.what_it_takes[].steps[] | has("settlement")]
        | any | not) and .what_it_takes[0].opens_at == 10' "$WORK/out" >/dev/null
then pass; else fail "--runs 0"; fi

# run: the settings of the simulation, in the text, the JSON and the report.
expect_status 0 "$PARLEY" run "$example" --protocol mediator --agents conceder --steps 40 \
    --runs 30 --seed 7 --quiet
if grep -q '^Simulated talks (mediator, conceder agents, 40 steps, 30 Monte Carlo runs, seed 7)' \
    "$WORK/out"; then pass; else fail "run text settings: $(grep 'Simulated talks' "$WORK/out")"; fi
if grep -q 'settlement probability (mediator, conceder agents, 40 steps, 30 Monte Carlo runs, ' \
    "$WORK/out" || grep -A1 'What it would take' "$WORK/out" | tr '\n' ' ' |
    grep -q 'mediator, conceder agents, 40 steps, 30 Monte Carlo'; then pass
else fail "run curve settings"; fi
expect_status 0 "$PARLEY" run "$example" --agents linear,boulware,conceder,linear --runs 30 \
    --seed 7 --json --quiet
if jq -e '.simulation | .runs == 30 and .seed == 7 and .protocol == "sao" and
        .agents == ["linear", "boulware", "conceder", "linear"] and .whatifs[0].runs == 30' \
    "$WORK/out" >/dev/null; then pass; else fail "run json settings"; fi
if jq -e '.agreement.what_it_takes | length == 2' "$WORK/out" >/dev/null; then pass
else fail "run json what_it_takes"; fi
expect_status 2 "$PARLEY" run "$example" --protocol auction
expect_error_line "protocol"
expect_status 2 "$PARLEY" run "$example" --agents boulware,linear
expect_error_line "2 agents for 4 parties"

# The HTML report draws the curve; `parley report` redraws the same bytes from the JSON.
expect_status 0 "$PARLEY" run "$example" --runs 20 --svg "$WORK/svg" --json --quiet
cp "$WORK/out" "$WORK/run.json"
if grep -q 'zone opens at &gt;= 10' "$WORK/svg/what-it-takes.svg" &&
    grep -q 'zone opens at &lt;= 90' "$WORK/svg/what-it-takes.svg" &&
    grep -q '20 Monte Carlo runs per point' "$WORK/svg/what-it-takes.svg"
then pass; else fail "what-it-takes.svg"; fi
expect_status 0 "$PARLEY" report "$WORK/run.json" --svg "$WORK/again"
if cmp -s "$WORK/svg/what-it-takes.svg" "$WORK/again/what-it-takes.svg"; then pass
else fail "parley report draws another what-it-takes.svg"; fi
expect_status 0 "$PARLEY" run "$example" --runs 20 --report "$WORK/r.html" --quiet
if grep -q 'id="what-it-takes.svg"' "$WORK/r.html"; then pass; else fail "not in the report"; fi

finish
