#!/usr/bin/env bash
# --set PATH=VALUE (docs/paths.md): on every command that takes a scenario, applied in order
# to the scenario as read, before anything runs; a bad one is one error line naming it, exit 2.
. "$(dirname "$0")/lib.bash"

talks="$SRC/examples/peace-talks-2025.json"

# The contract's example: UA's Donetsk red line at 90 opens the zone (docs/agreement.md: RU
# needs at least 90, UA accepts at most 10 - the only barrier of the default scenario).
expect_status 0 "$PARLEY" zopa "$talks" --json
if [ "$(jq -c .possible "$WORK/out")" = false ]; then pass; else fail "default zone is open"; fi
expect_status 0 "$PARLEY" zopa "$talks" --set actors.UA.red_lines.donetsk.max=90 --json
if [ "$(jq -c .possible "$WORK/out")" = true ]; then pass; else fail "--set did not open the zone"; fi
# --set=PATH=VALUE is the same, and the built-in default scenario takes it too.
expect_status 0 "$PARLEY" zopa --set=actors.UA.red_lines.donetsk.max=90 --json
if [ "$(jq -c .possible "$WORK/out")" = true ]; then pass; else fail "--set= form"; fi

# The same as editing the file: the converted output equals a hand edit done with jq.
expect_status 0 "$PARLEY" convert "$talks" --set actors.RU.capability=120 \
    --set 'actors.UA.red_lines.donetsk=null' -o "$WORK/set.json"
jq '(.actors[] | select(.id == "RU") | .capability) = 120
    | (.actors[] | select(.id == "UA") | .red_lines) |= del(.donetsk)' "$talks" >"$WORK/edited.json"
expect_status 0 "$PARLEY" convert "$WORK/edited.json" -o "$WORK/edited-native.json"
if cmp -s "$WORK/set.json" "$WORK/edited-native.json"; then pass
else fail "--set output differs from the same edit made by hand"; diff "$WORK/set.json" "$WORK/edited-native.json" | head -5; fi

# In the order given: the last assignment wins.
expect_status 0 "$PARLEY" convert "$talks" --set actors.RU.capability=120 \
    --set actors.RU.capability=80 -o "$WORK/order.json"
if [ "$(jq '.actors[] | select(.id == "RU") | .capability' "$WORK/order.json")" = 80 ]; then pass
else fail "assignments not applied in order"; fi

# Every command that takes a scenario refuses a bad --set with one line naming it.
for cmd in run validate evaluate predict zopa frontier mediate simulate backtest; do
    expect_status 2 "$PARLEY" "$cmd" "$talks" --set actors.XX.capability=1
    expect_error_line "^--set actors\.XX\.capability=1: error: no actor 'XX'$"
done
expect_status 2 "$PARLEY" convert "$talks" --set actors.XX.capability=1 -o "$WORK/never.json"
expect_error_line "^--set actors\.XX\.capability=1: error: no actor 'XX'$"
if [ ! -e "$WORK/never.json" ]; then pass; else fail "convert wrote a file after a bad --set"; fi
# A command that takes no scenario does not take --set.
expect_status 2 "$PARLEY" report "$WORK/x.json" --set actors.RU.capability=1 -o "$WORK/r.html"
expect_error_line "unknown option '--set'"

# Bad values, in the reader's words, at the member's path; bad paths.
expect_status 2 "$PARLEY" evaluate "$talks" --set actors.UA.capability=high
expect_error_line "^--set actors\.UA\.capability=high: error: must be a number, not a string$"
expect_status 2 "$PARLEY" evaluate "$talks" --set 'issues.donetsk.range=[0,5]'
expect_error_line "^--set issues\.donetsk\.range=\[0,5\]: error: actors\.RU\.stances\.donetsk\.position: "
expect_status 2 "$PARLEY" evaluate "$talks" --set actors.UA.capability.value=1
expect_error_line "actors\.UA\.capability is a number, with no member 'value'$"
expect_status 2 "$PARLEY" evaluate "$talks" --set actors.UA.capability
expect_error_line "no '=' \(want PATH=VALUE"
expect_status 2 "$PARLEY" evaluate "$talks" --set
expect_error_line "option --set needs PATH=VALUE"

# Other formats: a KTAB table's actor by its name; the format stays KTAB's.
ktab="$SRC/tests/data/ktab/dummyData_3Dim.csv"
actor=$("$PARLEY" convert "$ktab" -o "$WORK/k.json" && jq -r '.actors[0].id' "$WORK/k.json")
expect_status 0 "$PARLEY" validate "$ktab" --set "actors.\"$actor\".capability=7" --json
if [ "$(jq -r '.files[0].format' "$WORK/out")" = ktab-csv ]; then pass; else fail "format not kept"; fi
expect_status 0 "$PARLEY" predict "$ktab" --model compromise --json
before=$(jq -c '.models.compromise.forecast' "$WORK/out")
expect_status 0 "$PARLEY" predict "$ktab" --model compromise --json --set "actors.\"$actor\".capability=1000"
after=$(jq -c '.models.compromise.forecast' "$WORK/out")
if [ "$before" != "$after" ]; then pass; else fail "--set on a KTAB table changed no forecast"; fi

# A GENIUS domain and its profiles: the buyer's reservation (0 in its profile) raised to 0.9
# leaves fewer rational outcomes (docs/frontier.md: u_i >= rv_i).
laptop="$SRC/tests/data/genius/laptop"
set -- "$laptop/laptop_domain.xml" "$laptop/laptop_buyer_utility.xml" "$laptop/laptop_seller_utility.xml"
expect_status 0 "$PARLEY" frontier "$@" --json
rational=$(jq .rational "$WORK/out")
expect_status 0 "$PARLEY" frontier "$@" --json --set actors.laptop_buyer_utility.reservation=0.9
if [ "$(jq .rational "$WORK/out")" -lt "$rational" ]; then pass
else fail "--set reservation on a GENIUS profile left $rational rational outcomes"; fi

finish
