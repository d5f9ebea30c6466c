#!/usr/bin/env bash
# Diagnostics that tell the truth (docs/robustness.md "Diagnostics"): one line per failure,
# exit 1 for unwritable outputs and internal failures, 2 for bad input; write errors on stdout
# detected; errors of the analyses named after the input's path; `report` reads what
# `run --json` writes; one reading of whole numbers and lists for every command.
. "$(dirname "$0")/lib.bash"

example="$SRC/examples/peace-talks-2025.json"
small="$SRC/tests/data/report/small.json"

# Standard output on a full device: exit 1 and one line, never a false "out of memory".
if [ -w /dev/full ]; then
    for args in "--help" "--version" "predict --help" "evaluate $example" "run --quiet $small"; do
        # shellcheck disable=SC2086
        "$PARLEY" $args >/dev/full 2>"$WORK/err" </dev/null
        status=$?
        if [ "$status" = 1 ]; then pass; else fail "$args > /dev/full: exit $status (want 1)"; fi
        if [ "$(wc -l <"$WORK/err")" = 1 ] &&
            grep -q '^parley: error: cannot write the output: No space left on device$' "$WORK/err"
        then pass; else fail "$args > /dev/full: stderr $(cat "$WORK/err")"; fi
    done
fi

# An unwritable output is exit 1; an empty option value is refused (exit 2) and named.
expect_status 1 "$PARLEY" simulate --quiet --runs 2 --trace /nonexistent/x.csv "$example"
expect_error_line '^/nonexistent/x\.csv: error: cannot write: No such file or directory$'
expect_status 2 "$PARLEY" simulate --trace= "$example"
expect_error_line '^parley simulate: error: option --trace needs a value, not an empty one$'
expect_status 2 "$PARLEY" simulate --agents '' "$example"
expect_error_line 'option --agents needs a value'
expect_status 2 "$PARLEY" simulate --agents boulware,,conceder "$example"
expect_error_line '^parley simulate: error: --agents: an empty item'
(cd "$WORK" && "$PARLEY" convert --to genius -o '' "$example") >"$WORK/out" 2>"$WORK/err" </dev/null
status=$?
if [ "$status" = 2 ] && [ ! -e "$WORK/_domain.xml" ]; then pass; else
    fail "convert --to genius -o '': exit $status, $(ls "$WORK")"; fi

# validate: one line per invalid file (each is its own failure), no more.
printf '{' >"$WORK/bad1.json"
printf '{"actors": 1}' >"$WORK/bad2.json"
expect_status 2 "$PARLEY" validate "$WORK/bad1.json" "$example" "$WORK/bad2.json"
if [ "$(wc -l <"$WORK/err")" = 2 ] && grep -q '^.*bad1\.json:' "$WORK/err" &&
    grep -q '^.*bad2\.json' "$WORK/err"; then pass; else fail "validate: $(cat "$WORK/err")"; fi

# One reading of whole numbers everywhere: "+5" accepted, " 5" refused, by every command.
for args in "simulate --runs X" "zopa --max-set X" "frontier --threads X" \
    "predict --model eu --rounds X" "run --quiet --runs X"; do
    # shellcheck disable=SC2086
    set -- $args
    plus=("${@/X/+3}")
    blank=("${@/X/ 3}")
    expect_status 0 "$PARLEY" "${plus[@]}" "$small"
    expect_status 2 "$PARLEY" "${blank[@]}" "$small"
    expect_error_line "wants a whole number"
done
expect_status 2 "$PARLEY" backtest --bootstrap ' 5' "$SRC/tests/data/deu/deu3-sample.csv"
expect_error_line "whole number"

# `report` reads what `run --json` writes: an actor id holding a comma (it names one of the
# frontier's parties), a UTF-8 byte-order mark; duplicate keys are refused as in scenarios.
jq '(.. | strings | select(. == "RU")) |= "R,U"' "$example" >"$WORK/comma.json"
"$PARLEY" run --runs 5 --json "$WORK/comma.json" >"$WORK/comma_run.json" </dev/null
if jq -e '.frontier_parties | index("R,U")' "$WORK/comma_run.json" >/dev/null; then pass; else
    fail "the comma id is not a frontier party: the check proves nothing"; fi
expect_status 0 "$PARLEY" report "$WORK/comma_run.json" -o "$WORK/comma.html"
printf '\357\273\277' | cat - "$WORK/comma_run.json" >"$WORK/bom.json"
expect_status 0 "$PARLEY" report "$WORK/bom.json" -o "$WORK/bom.html"
if cmp -s "$WORK/comma.html" "$WORK/bom.html"; then pass; else fail "the BOM changed the report"; fi
jq -c . "$WORK/comma_run.json" | sed 's/^{/{"models":{},/' >"$WORK/dup.json"
expect_status 2 "$PARLEY" report "$WORK/dup.json" -o "$WORK/dup.html"
expect_error_line '^.*dup\.json:1:[0-9]+: error: duplicate object key'
# A document without actors: one true line (pl_diag_set used to read the message it was
# overwriting: garbled text, an overlapping copy under valgrind).
jq 'del(.scenario_document.actors)' "$WORK/comma_run.json" >"$WORK/noactors.json"
expect_status 2 "$PARLEY" report "$WORK/noactors.json" -o "$WORK/n.html"
expect_error_line '^.*noactors\.json: error: scenario_document: actors: missing \(required\)$'

# Limits checked before the work starts (docs/robustness.md, "Work limits"): eu with 40 rounds
# and exchange on 400 actors x 50 issues are refused at once with the numbers and the way out
# (they would run for minutes).
awk 'BEGIN { srand(1); n = 400; d = 50; printf "T,\"d\",%d,%d,\n", n, d;
    printf "Actor,Description,Power,"; for (i = 0; i < d; i++) printf "Pstn%d,Sal%d,", i, i;
    printf "\n"; for (a = 0; a < n; a++) { printf "A%d,x,%.2f,", a, 1 + 99 * rand();
    for (i = 0; i < d; i++) printf "%.2f,%.2f,", 100 * rand(), 0.1 + 1.8 * rand(); printf "\n" } }' \
    >"$WORK/big.csv"
expect_status 2 "$PARLEY" predict --model eu --rounds 40 "$WORK/big.csv"
expect_error_line "^$WORK/big\.csv: error: eu: 400 actors x 50 issues x 40 rounds needs 3\.2e\+08 pair evaluations, more than the limit .*eu\.max_work=N"
expect_status 2 "$PARLEY" predict --model exchange "$WORK/big.csv"
expect_error_line "^$WORK/big\.csv: error: exchange: 400 actors x 50 issues give up to 1\.96e\+08 candidate exchanges a round, more than the limit"

# simulate --grid: refused at once when (grid + 1)^2 x runs is over the limit (this one would
# run for over ten minutes); the way out is named.
expect_status 2 "$PARLEY" simulate --grid 100000 --steps 5 --runs 3 "$example"
expect_error_line '^parley simulate: error: --grid 100000 with 3 runs makes 3e\+10 .*give a smaller --grid or fewer --runs$'

# Little memory (ulimit -v): whatever fails says so in one line, named after the input, and
# never "error: success". Not under the sanitizers or valgrind, which need the address space.
if [ "${PARLEY_VALGRIND:-0}" != 1 ] && ! nm -a "$PARLEY" 2>/dev/null | grep -q '__[at]san_init'
then
    ktab="$SRC/tests/data/ktab/dummyData_3Dim.csv"
    for limit in 64000 2000000; do
        for case in "predict --model smp --threads 8|$ktab" "frontier --threads 8|$small" \
            "simulate --quiet --threads 8 --runs 500|$small" "zopa|$small"; do
            input=${case#*|}
            # shellcheck disable=SC2086
            (ulimit -v "$limit"; exec "$PARLEY" ${case%|*} "$input") >/dev/null 2>"$WORK/err" \
                </dev/null
            status=$?
            [ "$status" = 127 ] && continue # the loader itself did not fit
            if [ "$status" = 0 ] || { [ "$status" = 1 ] && [ "$(wc -l <"$WORK/err")" = 1 ] &&
                ! grep -q 'success' "$WORK/err" && grep -q "^$input: error: " "$WORK/err"; }
            then pass; else fail "ulimit -v $limit, $case: exit $status, $(cat "$WORK/err")"; fi
        done
    done
fi

finish
