#!/usr/bin/env bash
# parley diff A B (docs/paths.md, "parley diff"; the contract's "Authoring"): the input changes
# as --set paths, the analysis pairs [in A, in B], each result equal to what the command that
# computes it gives for A and for B.
. "$(dirname "$0")/lib.bash"

talks="$SRC/examples/peace-talks-2025.json"
jq '(.actors[] | select(.id == "UA") | .red_lines.donetsk.max) = 90' "$talks" >"$WORK/ua90.json"

# The contract's example: UA's Donetsk red line from 10 to 90 opens the zone (RU needs at least
# 90 there: docs/agreement.md), and Donetsk stops being the barrier.
expect_status 0 "$PARLEY" diff "$talks" "$WORK/ua90.json" --json
doc="$WORK/out"
if [ "$(jq -c 'keys' "$doc")" = '["analysis","changes"]' ]; then pass; else fail "top-level keys $(jq -c keys "$doc")"; fi
if [ "$(jq -c .changes "$doc")" = '[{"path":"actors.UA.red_lines.donetsk.max","from":10,"to":90}]' ]
then pass; else fail "changes: $(jq -c .changes "$doc")"; fi
if [ "$(jq -c .analysis.possible "$doc")" = '[false,true]' ]; then pass; else fail "possible"; fi
if [ "$(jq -c '.analysis.barrier' "$doc")" = '[["donetsk"],[]]' ]; then pass; else fail "barrier"; fi
# The margins are zopa's for A and for B.
"$PARLEY" zopa "$talks" --json | jq -c .margin >"$WORK/ma"
"$PARLEY" zopa "$WORK/ua90.json" --json | jq -c .margin >"$WORK/mb"
if [ "$(jq -c .analysis.margin "$doc")" = "[$(cat "$WORK/ma"),$(cat "$WORK/mb")]" ]; then pass
else fail "margin $(jq -c .analysis.margin "$doc") is not zopa's [$(cat "$WORK/ma"),$(cat "$WORK/mb")]"; fi
if jq -e '.analysis.margin[1] > 0' "$doc" >/dev/null; then pass; else fail "B's margin not > 0"; fi
# A red line moves no forecast and no decision here: neither is listed.
if [ "$(jq -c '.analysis | has("forecasts"), has("decisions")' "$doc" | tr '\n' ' ')" = 'false false ' ]
then pass; else fail "unchanged results listed"; fi

# One file and --set: B is A with the assignments; the same document.
expect_status 0 "$PARLEY" diff "$talks" --set actors.UA.red_lines.donetsk.max=90 --json
if cmp -s "$doc" "$WORK/out"; then pass; else fail "diff A --set differs from diff A B"; fi
cp "$doc" "$WORK/two-files.json"
# With no file, A is the built-in default (the same scenario as examples/).
expect_status 0 "$PARLEY" diff --set actors.UA.red_lines.donetsk.max=90 --json
if cmp -s "$WORK/two-files.json" "$WORK/out"; then pass; else fail "diff on the built-in default"; fi

# Identical inputs: no change, and only the zone's two results.
expect_status 0 "$PARLEY" diff "$talks" "$talks" --json
if [ "$(jq -c '.changes, (.analysis | keys), .analysis.possible' "$WORK/out" | tr '\n' ' ')" = \
    '[] ["margin","possible"] [false,false] ' ]; then pass; else fail "identical: $(jq -c . "$WORK/out")"; fi
expect_status 0 "$PARLEY" diff "$talks" "$talks"
if grep -q "No change in the inputs" "$WORK/out"; then pass; else fail "identical: text"; fi

# Decisions are evaluate's for A and for B: without RU's veto, a weighted majority passes the
# European counter-proposal (70% of the capability accepts it).
set -- --set actors.RU.veto=false --set decision_rule.kind=weighted_majority
expect_status 0 "$PARLEY" diff "$talks" "$@" --json
cp "$WORK/out" "$WORK/what-if.json"
"$PARLEY" evaluate "$talks" --json >"$WORK/ea.json"
"$PARLEY" evaluate "$talks" "$@" --json >"$WORK/eb.json"
want=$(jq -n -c --slurpfile a "$WORK/ea.json" --slurpfile b "$WORK/eb.json" '
    [range($a[0].evaluations | length) as $k
     | [$a[0].evaluations[$k], $b[0].evaluations[$k]]
     | select(.[0].passes != .[1].passes)
     | {(.[0].proposal): [.[] | if .passes then "accepted" else "rejected" end]}] | add')
if [ "$(jq -c .analysis.decisions "$WORK/what-if.json")" = "$want" ] && [ "$want" != null ]; then pass
else fail "decisions $(jq -c .analysis.decisions "$WORK/what-if.json") != evaluate's $want"; fi

# Forecasts are predict --model all's for A and for B, listed where they differ.
set -- --set actors.RU.capability=300
expect_status 0 "$PARLEY" diff "$talks" "$@" --json
cp "$WORK/out" "$WORK/what-if.json"
"$PARLEY" predict "$talks" --model all --json >"$WORK/pa.json"
"$PARLEY" predict "$talks" --model all "$@" --json >"$WORK/pb.json"
got=$(jq -c '.analysis.forecasts.compromise.donetsk' "$WORK/what-if.json")
want=$(jq -n -c --slurpfile a "$WORK/pa.json" --slurpfile b "$WORK/pb.json" \
    '[$a[0].models.compromise.forecast[0], $b[0].models.compromise.forecast[0]]')
if [ "$got" = "$want" ]; then pass; else fail "compromise on donetsk $got != predict's $want"; fi
bad=$(jq -n -r --slurpfile d "$WORK/what-if.json" --slurpfile a "$WORK/pa.json" \
    --slurpfile b "$WORK/pb.json" '
    $d[0].analysis.forecasts | to_entries[] | .key as $m | .value | to_entries[]
    | .key as $issue | ($a[0].issues | index($issue)) as $i
    | select(.value != [$a[0].models[$m].forecast[$i], $b[0].models[$m].forecast[$i]]
             or .value[0] == .value[1])
    | "\($m).\($issue)"' 2>&1 | head -3)
if [ -z "$bad" ]; then pass; else fail "forecast pairs unlike predict's: $bad"; fi
listed=$(jq '[.analysis.forecasts[] | length] | add' "$WORK/what-if.json")
if [ "$listed" -gt 0 ]; then pass; else fail "RU's capability tripled moved no forecast"; fi
differing=$(jq -n --slurpfile a "$WORK/pa.json" --slurpfile b "$WORK/pb.json" '
    [$a[0].models | keys[] as $m | range($a[0].issues | length) as $i
     | select($a[0].models[$m].forecast[$i] != $b[0].models[$m].forecast[$i])] | length')
if [ "$listed" = "$differing" ]; then pass
else fail "$listed forecasts listed, $differing differ in predict's output"; fi

# Text: 100 columns, the change as it would be typed back.
expect_status 0 "$PARLEY" diff "$talks" "$WORK/ua90.json"
if grep -Eq '^  actors\.UA\.red_lines\.donetsk\.max +10 -> 90$' "$WORK/out"; then pass
else fail "text change line"; cat "$WORK/out"; fi
width=$(awk '{ if (length($0) > w) w = length($0) } END { print w }' "$WORK/out")
if [ "$width" -le 100 ]; then pass; else fail "diff text is $width columns wide"; fi

# Help: usage and an example, and the command in parley's list.
expect_status 0 "$PARLEY" diff --help
if grep -q "^Usage: parley diff" "$WORK/out" && grep -q "Example: parley diff" "$WORK/out"; then pass
else fail "diff --help"; fi
expect_status 0 "$PARLEY" --help
if grep -q "^  diff " "$WORK/out"; then pass; else fail "--help lacks diff"; fi

# Errors: three scenarios; a bad --set (B's) names it.
expect_status 2 "$PARLEY" diff "$talks" "$talks" "$talks"
expect_error_line "^parley diff: error: give two scenarios"
expect_status 2 "$PARLEY" diff "$talks" --set actors.XX.capability=1
expect_error_line "^--set actors\.XX\.capability=1: error: no actor 'XX'$"
expect_status 2 "$PARLEY" diff "$talks" "$WORK/missing.json"
expect_error_line "missing.json"

finish
