#!/usr/bin/env bash
# `parley sensitivity --report FILE.html` (docs/sensitivity.md, "The HTML report"): the page
# holds the chart's title, the question, the settings, a row for every factor and the
# scenario's caveats; --svg and --report are written together or not at all. `parley run`
# gives the same indices of the compromise forecast of each barrier issue as "sensitivity" in
# its JSON and as a "Which judgements matter" section of its report, which `parley report`
# redraws from that JSON.
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

# `parley run --json`: one output per barrier issue (the first issue when there is none), each
# a `parley sensitivity --json` document over the scenario's groups.
# (One run for the JSON and the report: the default scenario takes seconds under valgrind.)
expect_status 0 "$PARLEY" run --json --runs 20 --report "$WORK/run.html"
cp "$WORK/out" "$WORK/run.json"
check() { # jq FILTER -> true
    if jq -e "$1" "$WORK/run.json" >/dev/null; then pass; else fail "jq: $1"; fi
}
check '.sensitivity.samples == 256 and .sensitivity.seed == 1 and .sensitivity.bootstrap == 1000'
check '[.sensitivity.outputs[].output] == ([.red_lines.blocking[].issue] as $b
       | (if ($b | length) > 0 then $b else [.issues[0]] end) | map("forecast:compromise:" + .))'
for g in $groups; do check "all(.sensitivity.outputs[]; [.inputs[].group] | index(\"$g\"))"; done
# The default scenario has one group (checked above from the scenario): it alone moves the
# forecast, so S = ST = 1 exactly (Saltelli et al. 2008, 1.2.3: the indices sum to 1 without
# interactions); the 95% intervals of the estimates must hold 1.
if [ "$(echo "$groups" | wc -w)" = 1 ]; then
    check 'all(.sensitivity.outputs[].inputs[]; .first_order_interval[0] <= 1 and
                1 <= .first_order_interval[1] and .total_interval[0] <= 1 and 1 <= .total_interval[1])'
fi
# The member is an addition: the contract's keys stay.
check 'has("evaluations") and has("models") and has("red_lines")'
expect_status 0 "$PARLEY" run --json --runs 20 "$SRC/tests/data/native/minimal.json"
if jq -e 'has("sensitivity") | not' "$WORK/out" >/dev/null; then pass
else fail "a scenario without uncertainty groups has a sensitivity member"; fi

# `parley report` of `run --json` shows the section, a chart per output with every group.
expect_status 0 "$PARLEY" report "$WORK/run.json" -o "$WORK/from-json.html"
has "$WORK/from-json.html" '<section id="judgements">' "report's section"
has "$WORK/from-json.html" '<h2>Which judgements matter</h2>' "report's heading"
for issue in $(jq -r '.sensitivity.outputs[].output | sub("^forecast:compromise:"; "")' \
               "$WORK/run.json"); do
    has "$WORK/from-json.html" "id=\"judgements-$issue.svg\"" "chart of $issue"
done
for g in $groups; do has "$WORK/from-json.html" ">$g</text>" "group $g in the chart"; done
# `run --report` draws the same section, the same bytes as `parley report`'s.
if cmp -s "$WORK/run.html" "$WORK/from-json.html"; then pass
else fail "run --report and report of run --json differ"; fi
finish
