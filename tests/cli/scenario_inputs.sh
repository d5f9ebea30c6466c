#!/usr/bin/env bash
# One way to give scenarios to every command (issue #15): a GENIUS domain folder is accepted
# by every command that takes a scenario, as by simulate and tournament; `parley run a b`
# analyses each scenario in turn (README: run [SCENARIO...]).
. "$(dirname "$0")/lib.bash"

laptop="$SRC/tests/data/genius/laptop"
files=("$laptop/laptop_domain.xml" "$laptop/laptop_buyer_utility.xml"
       "$laptop/laptop_seller_utility.xml")
talks="$SRC/examples/peace-talks-2025.json"
minimal="$SRC/tests/data/native/minimal.json"

# The folder and its files give the same output, command by command.
for command in frontier predict zopa mediate "simulate --runs 20" "run --runs 20"; do
    # shellcheck disable=SC2086 # the command's words
    expect_status 0 "$PARLEY" $command "$laptop" --json
    cp "$WORK/out" "$WORK/folder.json"
    # shellcheck disable=SC2086
    expect_status 0 "$PARLEY" $command "${files[@]}" --json
    if cmp -s "$WORK/out" "$WORK/folder.json"; then pass; else
        fail "$command: the folder and its files differ"; fi
done

# run A B: both analysed, in order; --json: an array of the two documents.
expect_status 0 "$PARLEY" run "$talks" "$minimal" --runs 20 --quiet
if [ "$(grep -c '^Forecasts' "$WORK/out")" = 2 ]; then pass; else fail "run A B: not two reports"; fi
expect_status 0 "$PARLEY" run "$talks" "$minimal" --runs 20 --json
if jq -e 'type == "array" and length == 2 and (.[0].actors | length) == 4 and
          (.[1].actors == ["a"])' "$WORK/out" >/dev/null; then pass
else fail "run A B --json: not the two documents in order"; fi
# Each is the document `run` gives for it alone.
"$PARLEY" run "$minimal" --runs 20 --json >"$WORK/alone.json"
if jq -e --slurpfile alone "$WORK/alone.json" '.[1] == $alone[0]' "$WORK/out" >/dev/null; then pass
else fail "run A B: B's document differs from run B"; fi
# A bad second file: one error line, nothing analysed.
expect_status 2 "$PARLEY" run "$talks" "$WORK/missing.json"
expect_error_line 'missing.json: error: '
# A setting wrong for the second scenario (three agents: the first has 4 parties, minimal 1
# party): one error line, no report of the first.
expect_status 2 "$PARLEY" run "$talks" "$minimal" --runs 20 --agents boulware,boulware,linear,conceder
expect_error_line 'agents for 1 parties'
# Files are for one scenario.
expect_status 2 "$PARLEY" run "$talks" "$minimal" --svg "$WORK/svg"
expect_error_line 'take one scenario'
# A folder without a domain.
mkdir "$WORK/empty"
expect_status 2 "$PARLEY" frontier "$WORK/empty"
expect_error_line 'empty: error: the folder holds no GENIUS domain'
finish
