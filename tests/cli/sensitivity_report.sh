#!/usr/bin/env bash
# `parley sensitivity --report FILE.html` (docs/sensitivity.md, "The HTML report"): the page
# holds the chart's title, the question, the settings, a row for every factor and the
# scenario's caveats; --svg and --report are written together or not at all.
. "$(dirname "$0")/lib.bash"

has() { # FILE TEXT WHAT
    if grep -qF -- "$2" "$1"; then pass; else fail "$3: no '$2' in $1"; fi
}

# The built-in default's uncertainty groups, read from the scenario itself (not from parley).
groups=$(jq -r '.uncertainty[]?.id // empty' "$SRC/examples/peace-talks-2025.json")
[ -n "$groups" ] || fail "no uncertainty group found in the default scenario"
expect_status 0 "$PARLEY" sensitivity --output forecast:compromise:donetsk --samples 64 \
    --seed 7 --bootstrap 50 --report "$WORK/r.html" --svg "$WORK/j.svg"
has "$WORK/r.html" 'Which judgements matter' "chart title"
has "$WORK/r.html" '<svg' "inline chart"
has "$WORK/r.html" 'forecast:compromise:donetsk' "question"
has "$WORK/r.html" '64 samples' "samples"
has "$WORK/r.html" 'seed 7' "seed"
has "$WORK/r.html" '50 bootstrap resamples' "bootstrap"
has "$WORK/r.html" 'class="caveats"' "caveats"
has "$WORK/r.html" 'analyst judgements, not data' "the scenario's first caveat"
for g in $groups; do has "$WORK/r.html" "<tr><td>$g</td>" "group $g"; done
# The page shell is the one of `parley run --report` (same styles), and no URL or script.
has "$WORK/r.html" '.caveats{border-left:6px solid #E69F00' "shared styles"
# (The SVG namespace is a name, not a link.)
urls=$(grep -Eo '[a-zA-Z]+://[^" <]*' "$WORK/r.html" | grep -v '^http://www.w3.org/2000/svg$')
if [ -z "$urls" ] && ! grep -q '<script' "$WORK/r.html"; then pass
else fail "URL or script in the report: $urls"; fi
# The chart in the page has the same bytes as --svg's file.
if grep -qF -- "$(head -c 200 "$WORK/j.svg")" "$WORK/r.html"; then pass; else fail "svg differs"; fi
# The table agrees with --json (4 decimals).
expect_status 0 "$PARLEY" sensitivity --output forecast:compromise:donetsk --samples 64 \
    --seed 7 --bootstrap 50 --json
first=$(jq -r '.inputs[0].first_order * 10000 | round / 10000' "$WORK/out")
has "$WORK/r.html" "<td>$first</td>" "first-order index $first"

# Two --vary factors: a row for each.
expect_status 0 "$PARLEY" sensitivity --output forecast:compromise:donetsk --samples 64 \
    --vary actors.RU.capability=50:150 --vary actors.UA.capability=20:80 --report "$WORK/v.html"
has "$WORK/v.html" '<tr><td>actors.RU.capability</td>' "factor RU"
has "$WORK/v.html" '<tr><td>actors.UA.capability</td>' "factor UA"
has "$WORK/v.html" 'factor (--vary)' "factor heading"

# All or none: an unwritable second output leaves no first output, and exit 1.
rm -f "$WORK/a.svg" "$WORK/a.html"
expect_status 1 "$PARLEY" sensitivity --output forecast:compromise:donetsk --samples 64 \
    --svg "$WORK/a.svg" --report /nonexistent/a.html
if [ ! -e "$WORK/a.svg" ]; then pass; else fail "--svg written although --report failed"; fi
expect_status 1 "$PARLEY" sensitivity --output forecast:compromise:donetsk --samples 64 \
    --svg /nonexistent/a.svg --report "$WORK/a.html"
if [ ! -e "$WORK/a.html" ]; then pass; else fail "--report written although --svg failed"; fi
finish
