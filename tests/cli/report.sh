#!/usr/bin/env bash
# The HTML report, the SVG charts and the CSV tables (docs/report.md): SVGs are
# well-formed XML and equal, byte for byte, to tests/data/report/expected/
# (PARLEY_UPDATE_GOLDEN=1 rewrites them); no URL but the SVG namespace; CSV
# headers and rows; `parley report` redraws the same bytes from `run --json`;
# bad input and unwritable outputs leave no file behind.
. "$(dirname "$0")/lib.bash"

small="$SRC/tests/data/report/small.json"
expected="$SRC/tests/data/report/expected"
have_xmllint=0
command -v xmllint >/dev/null && have_xmllint=1
[ "$have_xmllint" = 1 ] ||
    echo "note: xmllint missing (apt-get install libxml2-utils): XML checks skipped"

mkdir "$WORK/res"
expect_status 0 "$PARLEY" run "$small" --svg "$WORK/svg" --csv "$WORK/csv" \
    --report "$WORK/res/r.html" --quiet
if grep -q '^Can any package respect' "$WORK/out"; then pass; else fail "no text report"; fi

# Every chart type of the small scenario, and nothing drawn empty.
for chart in issues.svg verdicts-mediator_draft.svg verdicts-north_terms.svg rounds-eu.svg \
    frontier.svg settlement.svg; do
    if [ -s "$WORK/svg/$chart" ]; then pass; else fail "no $chart"; fi
done
# exchange and smp leave out the options issue "monitor" and run on the other two (issue #15).
for chart in rounds-exchange.svg rounds-smp.svg; do
    if [ -s "$WORK/svg/$chart" ]; then pass; else fail "no $chart"; fi
done
laptop="$SRC/tests/data/genius/laptop"
expect_status 0 "$PARLEY" run "$laptop/laptop_domain.xml" "$laptop/laptop_buyer_utility.xml" \
    "$laptop/laptop_seller_utility.xml" --svg "$WORK/svg-laptop" --quiet
if [ ! -e "$WORK/svg-laptop/rounds-smp.svg" ]; then pass; else
    fail "chart of a model that did not run"; fi

# Golden SVGs.
if [ "${PARLEY_UPDATE_GOLDEN:-0}" = 1 ]; then
    rm -f "$expected"/*.svg && cp "$WORK/svg/"*.svg "$expected/"
fi
for file in "$expected"/*.svg; do
    name=$(basename "$file")
    if cmp -s "$file" "$WORK/svg/$name"; then pass; else
        fail "$name differs from tests/data/report/expected"
        diff "$file" "$WORK/svg/$name" | head -10
    fi
done
n_expected=$(ls "$expected"/*.svg | wc -l) n_written=$(ls "$WORK/svg"/*.svg | wc -l)
if [ "$n_expected" = "$n_written" ]; then pass; else fail "$n_written charts, not $n_expected"; fi

# Well-formed XML: each file, and each SVG of the HTML (the HTML holds the same bytes).
if [ "$have_xmllint" = 1 ]; then
    for file in "$WORK/svg"/*.svg; do
        if xmllint --noout "$file"; then pass; else fail "$(basename "$file") is not XML"; fi
    done
fi
for file in "$WORK/svg"/*.svg; do
    if grep -qF -- "$(head -c 300 "$file")" "$WORK/res/r.html"; then pass; else
        fail "$(basename "$file") is not inline in the HTML"
    fi
done
html_svgs=$(grep -c '^<svg ' "$WORK/res/r.html")
if [ "$html_svgs" = "$n_written" ]; then pass; else fail "HTML has $html_svgs SVGs"; fi

# Self-contained: no URL but the SVG namespace (the scenario's source holds one: defanged),
# no external reference, the run's JSON embedded and valid.
urls=$(grep -Eo '[a-zA-Z]+://[^" <]*' "$WORK/res/r.html" | grep -v '^http://www.w3.org/2000/svg$')
if [ -z "$urls" ]; then pass; else fail "URLs in the report: $urls"; fi
if grep -Eq '(src|href)="[^d#]' "$WORK/res/r.html"; then fail "external reference"; else pass; fi
if grep -q 'example.org/talks' "$WORK/res/r.html"; then pass; else fail "source text lost"; fi
sed -n '/<script type="application\/json" id="parley-run">/,/<\/script>/p' "$WORK/res/r.html" |
    sed '1d;$d' >"$WORK/embedded.json"
if jq -e '.scenario_document.id == "report-small"' "$WORK/embedded.json" >/dev/null; then pass
else fail "embedded JSON is not the run's"; fi
if grep -q '@media print' "$WORK/res/r.html"; then pass; else fail "no print stylesheet"; fi

# CSV tables.
check_head() { # FILE HEADER
    local got
    got=$(head -1 "$WORK/csv/$1")
    if [ "$got" = "$2" ]; then pass; else fail "$1 header: $got"; fi
}
check_head verdicts.csv \
    "proposal,actor,issue,value,utility,verdict,package_utility,reservation,acceptance"
check_head forecasts.csv "issue,compromise,median,eu,exchange,smp"
check_head red_lines.csv "actor,issue,low,high,allowed,note,feasible_low,feasible_high,blocking,gap"
check_head trace_eu.csv "round,issue,forecast,mean,north,south,mediator"
if [ "$(wc -l <"$WORK/csv/verdicts.csv")" = 19 ]; then pass; else fail "verdicts.csv rows"; fi
row='north_terms,south,border,90,0.19999999999999996,unacceptable,0.20999999999999996,0.4,'
if grep -qx "${row}rejects: red line" "$WORK/csv/verdicts.csv"; then pass
else fail "verdicts.csv content"; fi
if grep -qx 'south,border,0,30,,,70,30,yes,40' "$WORK/csv/red_lines.csv"; then pass
else fail "red_lines.csv content: $(cat "$WORK/csv/red_lines.csv")"; fi
if grep -q '^monitor,osce,osce,' "$WORK/csv/forecasts.csv"; then pass
else fail "option ids in forecasts.csv"; fi
if [ "$(wc -l <"$WORK/csv/trace_eu.csv")" = 25 ]; then pass; else fail "trace_eu.csv rows"; fi

# `parley report` redraws the same bytes from `parley run --json`.
"$PARLEY" run "$small" --json >"$WORK/run.json"
expect_status 0 "$PARLEY" report "$WORK/run.json" -o "$WORK/again.html" --svg "$WORK/svg2" \
    --csv "$WORK/csv2"
if cmp -s "$WORK/res/r.html" "$WORK/again.html"; then pass
else fail "report differs from run --report"; fi
if diff -r "$WORK/svg" "$WORK/svg2" >/dev/null && diff -r "$WORK/csv" "$WORK/csv2" >/dev/null
then pass; else fail "report --svg/--csv differ from run's"; fi

# The default scenario: the barrier is said at the top and drawn first.
expect_status 0 "$PARLEY" run --report "$WORK/default.html" --quiet
if grep -q 'Barrier: Ukrainian-held part of Donetsk oblast' "$WORK/default.html"; then pass
else fail "no barrier in the default report"; fi
if grep -q 'a gap of <strong>80 points</strong>' "$WORK/default.html"; then pass
else fail "no 80-point gap in the default report"; fi

# Bad input: one error line, exit 2, no output file.
printf '{"actors": [' >"$WORK/broken.json"
expect_status 2 "$PARLEY" run "$WORK/broken.json" --report "$WORK/bad.html" --svg "$WORK/bad"
expect_error_line "^$WORK/broken.json:1:[0-9]+: error: "
if [ ! -e "$WORK/bad.html" ] && [ ! -e "$WORK/bad" ]; then pass; else fail "output on bad input"; fi
echo '{"models": {}}' >"$WORK/nodoc.json"
expect_status 2 "$PARLEY" report "$WORK/nodoc.json" -o "$WORK/bad.html"
expect_error_line "^$WORK/nodoc.json: error: scenario_document: missing"
expect_status 2 "$PARLEY" report "$WORK/broken.json" -o "$WORK/bad.html"
expect_error_line "^$WORK/broken.json:1:[0-9]+: error: "
if [ ! -e "$WORK/bad.html" ]; then pass; else fail "report wrote after bad input"; fi
expect_status 2 "$PARLEY" report "$WORK/run.json"
expect_error_line "^parley report: error: say what to write"

# An unwritable destination: exit 1, nothing left behind.
expect_status 1 "$PARLEY" run "$small" --report "$WORK/no/such/dir/r.html"
if [ ! -e "$WORK/no/such/dir/r.html" ]; then pass; else fail "partial file"; fi
leftovers=$(find "$WORK" -name '*.tmp*' | wc -l)
if [ "$leftovers" = 0 ]; then pass; else fail "temporary files left behind"; fi

# --quiet is accepted; no progress bar when stderr is not a terminal.
expect_status 0 "$PARLEY" run "$small"
if [ ! -s "$WORK/err" ]; then pass; else fail "stderr not empty: $(cat "$WORK/err")"; fi

finish
