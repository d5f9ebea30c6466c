#!/usr/bin/env bash
# The frontier and Monte Carlo charts (docs/report.md) on tests/data/report/zone.json: two
# veto parties with a zone of agreement, a shock, an uncertainty group whose runs sometimes
# settle. The SVGs equal tests/data/report/expected/zone/ byte for byte
# (PARLEY_UPDATE_GOLDEN=1 rewrites them), are well-formed XML without URLs; frontier.csv and
# montecarlo.csv; --parties; `parley report` redraws the same bytes; --png writes PNG files
# (or, in a build without librsvg, refuses with one clear error line).
. "$(dirname "$0")/lib.bash"

zone="$SRC/tests/data/report/zone.json"
expected="$SRC/tests/data/report/expected/zone"
charts="frontier.svg settlement.svg outcomes.svg sensitivity.svg"

expect_status 0 "$PARLEY" run "$zone" --svg "$WORK/svg" --csv "$WORK/csv" \
    --report "$WORK/r.html" --quiet
for chart in $charts; do
    if [ -s "$WORK/svg/$chart" ]; then pass; else fail "no $chart"; fi
done

# Golden SVGs of the new charts.
if [ "${PARLEY_UPDATE_GOLDEN:-0}" = 1 ]; then
    mkdir -p "$expected" && rm -f "$expected"/*.svg
    for chart in $charts; do cp "$WORK/svg/$chart" "$expected/"; done
fi
for chart in $charts; do
    if cmp -s "$expected/$chart" "$WORK/svg/$chart"; then pass; else
        fail "$chart differs from tests/data/report/expected/zone"
        diff "$expected/$chart" "$WORK/svg/$chart" | head -10
    fi
done
if command -v xmllint >/dev/null; then
    for file in "$WORK/svg"/*.svg; do
        if xmllint --noout "$file"; then pass; else fail "$(basename "$file") is not XML"; fi
    done
else
    echo "note: xmllint missing (apt-get install libxml2-utils): XML checks skipped"
fi
urls=$(cat "$WORK/svg"/*.svg "$WORK/r.html" | grep -Eo '[a-zA-Z]+://[^" <]*' |
    grep -v '^http://www.w3.org/2000/svg$')
if [ -z "$urls" ]; then pass; else fail "URLs in the charts: $urls"; fi
for chart in $charts; do
    if grep -qF -- "$(head -c 300 "$WORK/svg/$chart")" "$WORK/r.html"; then pass; else
        fail "$chart is not inline in the HTML"
    fi
done

# What the charts show: the proposals inside and outside the zone, the solutions, the lines.
# The frontier's solutions are exact (two parties, linear form) and agree with `parley zopa`'s
# exact zone packages on this scenario (nash 0.7610 / 0.7472, kalai_smorodinsky 0.7685 /
# 0.7377, egalitarian 0.7726 / 0.7326, utilitarian 0.7389 / 0.7750).
svg="$WORK/svg/frontier.svg"
for text in "Frontier of Eastland and Westland" "east's reservation 0.66" \
    "west's reservation 0.62" "nash: 0.76 / 0.75" "kalai_smorodinsky: 0.77 / 0.74" \
    "egalitarian: 0.77 / 0.73" "utilitarian: 0.74 / 0.77" \
    "Split the difference: 0.68 / 0.8" "in the zone: both accept" \
    "outside the zone: rejected by one or both"; do
    if grep -qF -- "$text" "$svg"; then pass; else fail "frontier.svg lacks '$text'"; fi
done
if grep -qF 'Resolve in doubt' "$WORK/svg/settlement.svg" &&
    grep -qF '98.5% (95%: 97.5-99.1%), mean step 91.7' "$WORK/svg/settlement.svg"; then pass
else fail "settlement.svg: the uncertainty what-if"; fi

# CSV tables.
check_head() { # FILE HEADER
    local got
    got=$(head -1 "$WORK/csv/$1")
    if [ "$got" = "$2" ]; then pass; else fail "$1 header: $got"; fi
}
check_head frontier.csv "kind,name,east,west,in_zone"
check_head montecarlo.csv "whatif,name,runs,agreements,rate,interval_low,interval_high,mean_step"
if grep -q '^proposal,split,.*,yes$' "$WORK/csv/frontier.csv" &&
    grep -q '^proposal,east_terms,.*,no$' "$WORK/csv/frontier.csv"; then pass
else fail "frontier.csv proposals"; fi
if grep -q '^solution,nash,' "$WORK/csv/frontier.csv"; then pass; else fail "no nash row"; fi
if grep -q '^resolve,Resolve in doubt,1000,985,0.985,' "$WORK/csv/montecarlo.csv"; then pass
else fail "montecarlo.csv: $(cat "$WORK/csv/montecarlo.csv")"; fi

# `parley report` redraws the same bytes; the JSON names the parties.
"$PARLEY" run "$zone" --json --quiet >"$WORK/run.json"
if jq -e '.frontier_parties == ["east", "west"] and
          (.simulation.whatifs[2].agreement_steps | map(.[1]) | add) == 985' \
    "$WORK/run.json" >/dev/null; then pass; else fail "run --json: new keys"; fi
expect_status 0 "$PARLEY" report "$WORK/run.json" -o "$WORK/again.html" --svg "$WORK/svg2" \
    --csv "$WORK/csv2"
if cmp -s "$WORK/r.html" "$WORK/again.html"; then pass; else fail "report differs from run's"; fi
if diff -r "$WORK/svg" "$WORK/svg2" >/dev/null && diff -r "$WORK/csv" "$WORK/csv2" >/dev/null
then pass; else fail "report --svg/--csv differ from run's"; fi

# --parties picks the frontier's two actors; bad values: one error line, exit 2, no output.
expect_status 0 "$PARLEY" run "$zone" --parties west,observer --svg "$WORK/svg3" --quiet
if grep -qF 'Frontier of Westland and Observer' "$WORK/svg3/frontier.svg"; then pass
else fail "--parties ignored"; fi
for bad in east nobody,west east,east east,west,observer; do
    expect_status 2 "$PARLEY" run "$zone" --parties "$bad" --svg "$WORK/bad" --csv "$WORK/bad2"
    expect_error_line "^parley run: error: --parties: "
    if [ ! -e "$WORK/bad" ] && [ ! -e "$WORK/bad2" ]; then pass; else fail "output on bad input"; fi
done

# No simulation settles (small.json: red lines block): no outcome or sensitivity chart.
expect_status 0 "$PARLEY" run "$SRC/tests/data/report/small.json" --svg "$WORK/svg4" --quiet
if [ -s "$WORK/svg4/settlement.svg" ] && [ ! -e "$WORK/svg4/outcomes.svg" ] &&
    [ ! -e "$WORK/svg4/sensitivity.svg" ]; then pass; else fail "charts drawn empty"; fi

# PNG: valid files when built with librsvg; otherwise one clear error and nothing written.
# Under valgrind it is skipped: librsvg's own caches (fonts, Rust runtime) count as leaks there.
status=skipped
if [ "${PARLEY_VALGRIND:-0}" != 1 ]; then
    "$PARLEY" run "$zone" --png "$WORK/png" --quiet >"$WORK/out" 2>"$WORK/err"
    status=$?
fi
if [ "$status" = skipped ]; then
    echo "note: --png not checked under valgrind"
elif [ "$status" = 0 ]; then
    for chart in $charts issues.svg; do
        png="$WORK/png/${chart%.svg}.png"
        magic=$(head -c 8 "$png" 2>/dev/null | od -An -tx1 | tr -d ' \n')
        size=$(wc -c <"$png" 2>/dev/null || echo 0)
        if [ "$magic" = 89504e470d0a1a0a ] && [ "$size" -gt 10000 ]; then pass
        else fail "$png is not a PNG ($magic, $size bytes)"; fi
    done
    expect_status 0 "$PARLEY" report "$WORK/run.json" --png "$WORK/png2"
    if [ -s "$WORK/png2/frontier.png" ]; then pass; else fail "report --png"; fi
elif [ "$status" = 2 ] &&
    grep -qx 'parley run: error: parley was built without PNG support (librsvg2-dev)' \
        "$WORK/err" && [ ! -e "$WORK/png" ]; then
    pass
    echo "note: parley built without PNG support: --png refusal checked"
else
    fail "--png: exit $status: $(cat "$WORK/err")"
fi

finish
