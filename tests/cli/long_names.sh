#!/usr/bin/env bash
# One rule for long names in text and HTML (issue #15): with 60-character actor, issue and
# option names no text line runs past 100 columns, every table column keeps its place,
# parties of one domain stay distinguishable, and a legend gives each shortened name in full.
. "$(dirname "$0")/lib.bash"

long="$SRC/tests/data/native/long-names.json"
prefix=AirportSiteSelectionNegotiationWithRegionalStakeholders

expect_status 0 "$PARLEY" run "$long" --runs 20 --quiet
text="$WORK/out"
wide=$(awk 'length > 100' "$text" | head -3)
if [ -z "$wide" ]; then pass; else fail "lines over 100 columns: $wide"; fi
# The actors table: three distinct labels, each with its capability in the same column.
rows=$(sed -n '/^Actors (3)/,/^$/p' "$text" | grep -E ' (40|30|20) +0\.00 +yes$')
if [ "$(echo "$rows" | awk '{print $1}' | sort -u | wc -l)" = 3 ]; then pass
else fail "actor labels not distinct: $rows"; fi
if [ "$(echo "$rows" | awk '{print index($0, " 0.00")}' | sort -u | wc -l)" = 1 ]; then pass
else fail "actor rows misaligned: $rows"; fi
# The proposal block: the actors' columns distinct, the option value in its column.
header=$(grep -E '^  item +value' "$text")
if [ "$(echo "$header" | grep -o '[^ ]*util[0-9]' | sort -u | wc -l)" = 3 ]; then pass
else fail "proposal header: $header"; fi
option_row=$(grep -E '^  which_s~' "$text" | head -1)
col_value=$(echo "$header" | awk '{print index($0, "value") + 4}')
col_cell=$(echo "$option_row" | awk '{print index($0, "no_new_site") + 10}')
if [ "$col_value" = "$col_cell" ]; then pass; else fail "option value not aligned: $option_row"; fi
# Every shortened name has a legend line with the full name.
for n in 1 2 3; do
    if grep -q "= ${prefix}_util$n\$" "$text"; then pass; else fail "no legend for util$n"; fi
done
# The forecasts table: the options issue's row as wide as the others.
widths=$(sed -n '/^Forecasts/,/^  Names/p' "$text" | grep -E '^  (capacity|noise|which)' |
         awk '{print length}' | sort -u | wc -l)
if [ "$widths" = 1 ]; then pass; else fail "forecast rows of different widths"; fi

# HTML: the same shortened names in the charts, with the legend of names in full.
expect_status 0 "$PARLEY" run "$long" --runs 20 --quiet --report "$WORK/r.html" --svg "$WORK/svg"
if grep -q 'Names shortened in the charts' "$WORK/r.html"; then pass; else fail "no legend"; fi
for n in 1 2 3; do
    if grep -q "<td>${prefix}_util$n</td>" "$WORK/r.html"; then pass
    else fail "HTML legend lacks util$n"; fi
done
# No chart label holds a 60-character id (titles and legends may).
if grep -h '<text' "$WORK/svg"/issues.svg "$WORK/svg"/verdicts-*.svg |
        sed 's/<title>[^<]*<\/title>//g' | grep -q "${prefix}_util1<"; then
    fail "a full 60-character id in a chart label"
else pass; fi
finish
