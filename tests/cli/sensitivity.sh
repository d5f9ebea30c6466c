#!/usr/bin/env bash
# `parley sensitivity` (docs/sensitivity.md; the contract's `parley sensitivity`): the JSON
# keys, indices against the closed form of a linear model, the same output for any --threads
# and seed-reproducible intervals, the chart, and bad input on one line with exit 2.
. "$(dirname "$0")/lib.bash"

# The compromise forecast on Donetsk is sum(w_a x_a) / sum(w_a), w = capability x salience
# (examples/peace-talks-2025.json: RU 90 x 1, UA 50 x 1, US 100 x 0.5, EU 60 x 0.7), linear in
# the positions. Varying RU's position uniformly on 80..100 and UA's on 0..20 (half-widths
# h = 10 each), V(F) is proportional to sum(w_a^2 h_a^2), so S = ST = w_a^2 / (90^2 + 50^2):
# RU 8100 / 10600 = 0.7642, UA 2500 / 10600 = 0.2358 (no interactions).
args=(--output forecast:compromise:donetsk --vary actors.RU.stances.donetsk.position=80:100
      --vary actors.UA.stances.donetsk.position=0:20 --samples 1024)
expect_status 0 "$PARLEY" sensitivity "${args[@]}" --json
cp "$WORK/out" "$WORK/one.json"
check() { # jq FILTER -> true
    if jq -e "$1" "$WORK/one.json" >/dev/null; then pass; else fail "jq: $1"; fi
}
check '.output == "forecast:compromise:donetsk" and .samples == 1024'
check '[.inputs[].group] == ["actors.RU.stances.donetsk.position", "actors.UA.stances.donetsk.position"]'
check '.inputs[0].first_order - 0.7642 | fabs < 0.02'
check '.inputs[1].first_order - 0.2358 | fabs < 0.02'
check '.inputs[0].total - 0.7642 | fabs < 0.02'
check '.inputs[1].total - 0.2358 | fabs < 0.02'
check 'all(.inputs[]; .first_order_interval[0] <= .first_order and .first_order <= .first_order_interval[1]
                     and .total_interval[0] <= .total and .total <= .total_interval[1])'

expect_status 0 "$PARLEY" sensitivity "${args[@]}" --json --threads 3
if cmp -s "$WORK/out" "$WORK/one.json"; then pass; else fail "--threads 3 differs"; fi
expect_status 0 "$PARLEY" sensitivity "${args[@]}" --json --seed 2
if ! cmp -s "$WORK/out" "$WORK/one.json"; then pass; else fail "--seed 2 gives the same"; fi

# The scenario's own uncertainty group (Russia's sincerity) is the one factor by default.
expect_status 0 "$PARLEY" sensitivity --output utility:UA:us_revised --samples 64 --json \
    --svg "$WORK/j.svg"
if jq -e '[.inputs[].group] == ["sincerity_in_doubt"]' "$WORK/out" >/dev/null; then pass
else fail "default factors: $(cat "$WORK/out")"; fi
if command -v xmllint >/dev/null; then
    if xmllint --noout "$WORK/j.svg" 2>/dev/null; then pass; else fail "chart is not XML"; fi
fi
if grep -q 'Which judgements matter' "$WORK/j.svg"; then pass; else fail "chart title"; fi

# Bad input: one line, exit 2, nothing on stdout.
expect_status 2 "$PARLEY" sensitivity --output forecast:nomodel:donetsk
expect_error_line "error: --output forecast:nomodel:donetsk"
expect_status 2 "$PARLEY" sensitivity --output margin --samples 8
expect_error_line "error: --output margin is undefined"
expect_status 2 "$PARLEY" sensitivity --output margin --vary actors.RU.capability=1
expect_error_line "error: --vary actors.RU.capability=1"
finish
