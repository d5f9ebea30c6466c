#!/usr/bin/env bash
# Honest statistics (docs/simulation.md): a deterministic simulation says so, without an
# interval; options outcomes are counts and exact shares (ten runs of ten print 1.0, where a
# sum of 1/10s gives 0.9999999999999999); a shock the talks never reach is an error at
# `validate` once the scenario states its horizon, and a warning line otherwise; when the
# simulation contradicts the zone of agreement the report says so.
. "$(dirname "$0")/lib.bash"

coincide="$SRC/tests/data/simulate/coincide"
example="$SRC/examples/peace-talks-2025.json"

expect_status 0 "$PARLEY" simulate "$coincide" --agents linear,conceder --runs 10 --json
if jq -e '.deterministic == true and .agreement_interval == null and .agreements == 10' \
    "$WORK/out" >/dev/null; then pass; else fail "deterministic json"; fi
if jq -e '.outcomes.venue | .mean == null and .counts.Geneva == 10 and .counts.Oslo == 0' \
    "$WORK/out" >/dev/null; then pass; else fail "option counts"; fi
if grep -q '"Geneva": 1.0,' "$WORK/out"; then pass; else fail "share of 10 in 10 is not 1.0"; fi
expect_status 0 "$PARLEY" simulate "$coincide" --agents linear,conceder --runs 10
if grep -q 'deterministic' "$WORK/out" && ! grep -q 'Wilson' "$WORK/out"; then pass
else fail "deterministic text"; fi
if grep -Eq '^venue +Geneva +10 +1$' "$WORK/out"; then pass; else fail "option share line"; fi

# Drawn inputs: not deterministic, with an interval.
expect_status 0 "$PARLEY" simulate "$example" --runs 20 --json
if jq -e '.deterministic == false and (.agreement_interval | length) == 2' "$WORK/out" \
    >/dev/null; then pass; else fail "drawn inputs"; fi

# A shock after the simulated rounds: a warning line; with a horizon, an error at validate.
expect_status 0 "$PARLEY" simulate "$example" --runs 5 --rounds 2
if grep -q "^Warning: shock 'battlefield_gains' starts at round 3, after the 2 rounds" \
    "$WORK/out"; then pass; else fail "no shock warning"; fi
expect_status 0 "$PARLEY" simulate "$example" --runs 5 --rounds 2 --json
if jq -e '.warnings | length == 1' "$WORK/out" >/dev/null; then pass; else fail "json warning"; fi
expect_status 0 "$PARLEY" simulate "$example" --runs 5
if ! grep -q '^Warning' "$WORK/out"; then pass; else fail "a warning without cause"; fi
jq '.horizon = 2' "$example" >"$WORK/short.json"
expect_status 2 "$PARLEY" validate "$WORK/short.json"
expect_error_line 'shocks\[0\]\.start_round: 3 lies beyond the horizon of 2 rounds'
jq '.horizon = 6' "$example" >"$WORK/six.json"
expect_status 0 "$PARLEY" validate "$WORK/six.json"
expect_status 0 "$PARLEY" simulate "$WORK/six.json" --runs 5 --json
if jq -e '.talk_rounds == 6' "$WORK/out" >/dev/null; then pass; else fail "horizon as rounds"; fi
expect_status 0 "$PARLEY" convert "$WORK/six.json" -o "$WORK/six-again.json"
if jq -e '.horizon == 6' "$WORK/six-again.json" >/dev/null; then pass; else fail "writer"; fi
jq '.horizon = 0' "$example" >"$WORK/zero.json"
expect_status 2 "$PARLEY" validate "$WORK/zero.json"
expect_error_line 'horizon'

# A zone (UA's Donetsk line at <= 90) that hardheaded agents never reach (trade-off agents that
# concede do reach it): the report says why.
jq '(.actors[] | select(.id == "UA") | .red_lines.donetsk.max) = 90' "$example" \
    >"$WORK/relaxed.json"
expect_status 0 "$PARLEY" simulate "$WORK/relaxed.json" --uncertainty none --shock none \
    --agents hardheaded --runs 5 --json
if jq -e '.zone.possible == true and .agreements == 0 and
        (.zone.contradiction | test("yet no simulated run settled"))' "$WORK/out" >/dev/null
then pass; else fail "contradiction: $(jq -c .zone "$WORK/out")"; fi
expect_status 0 "$PARLEY" simulate "$WORK/relaxed.json" --uncertainty none --shock none \
    --agents hardheaded --runs 5
# Only the reason that holds: the agents (trade-off offers, no grid; every party's zone exists).
if grep -q 'yet no simulated run settled' "$WORK/out" &&
    tr '\n' ' ' <"$WORK/out" | grep -q "hardheaded agents never concede" &&
    ! grep -q "grid of\|all 4 parties" "$WORK/out" &&
    grep -q "^Note: offers are trade-off packages on the continuum" "$WORK/out"
then pass; else fail "contradiction text: $(tail -4 "$WORK/out")"; fi
expect_status 0 "$PARLEY" simulate "$WORK/relaxed.json" --uncertainty none --shock none \
    --agents tit-for-tat --runs 5 --json
if jq -e '.agreements == 0 and .zone.reasons == ["stubborn_agents"] and .zone.offers ==
        "tradeoff" and (.zone.contradiction | test("tit-for-tat agents concede only")) and
        (.zone.contradiction | test("hardheaded") | not)' "$WORK/out" >/dev/null
then pass; else fail "tit-for-tat: $(jq -c .zone "$WORK/out")"; fi
# The scenario's shocks (within the 12 rounds) are a reason too.
expect_status 0 "$PARLEY" simulate "$WORK/relaxed.json" --uncertainty none --agents hardheaded \
    --runs 3 --json
if jq -e '.zone.reasons == ["shocks", "stubborn_agents"] and
        (.zone.contradiction | test("shocks change"))' "$WORK/out" >/dev/null
then pass; else fail "shocks: $(jq -c .zone "$WORK/out")"; fi
# The same zone with boulware agents that reach their reservation by the deadline: no note.
expect_status 0 "$PARLEY" simulate "$WORK/relaxed.json" --uncertainty none --shock none \
    --runs 5 --json
if jq -e '.agreements == 5 and .zone.contradiction == null and .zone.matches == "both" and
        .zone.reasons == []' "$WORK/out" >/dev/null
then pass; else fail "boulware on the relaxed zone: $(jq -c '[.agreements, .zone]' "$WORK/out")"; fi
# EU (no veto) asking 0.99: the veto actors' zone stays, the zone of all four parties closes;
# SAO needs all four and settles in none, which the note explains by consent; the mediator
# (the decision rule's coalition) still settles.
jq '(.actors[] | select(.id == "EU") | .reservation) = 0.99' "$WORK/relaxed.json" \
    >"$WORK/consent.json"
expect_status 0 "$PARLEY" simulate "$WORK/consent.json" --uncertainty none --shock none \
    --runs 5 --json
if jq -e '.agreements == 0 and .zone.possible == true and .zone.matches == "all_parties" and
        .zone.all_parties.possible == false and .zone.reasons == ["consent"] and
        (.zone.contradiction | test("needs all 4 parties. acceptance")) and
        (.zone.contradiction | test("hardheaded|grid") | not)' "$WORK/out" >/dev/null
then pass; else fail "consent: $(jq -c .zone "$WORK/out")"; fi
expect_status 0 "$PARLEY" simulate "$WORK/consent.json" --uncertainty none --shock none \
    --runs 5 --protocol mediator --json
if jq -e '.agreements == 5 and .zone.contradiction == null' "$WORK/out" >/dev/null
then pass; else fail "mediator on consent.json: $(jq -c .agreements "$WORK/out")"; fi
# Drawn inputs with hardheaded agents: both reasons, drawn inputs first.
expect_status 0 "$PARLEY" simulate "$WORK/relaxed.json" --shock none --agents hardheaded \
    --runs 5 --json
if jq -e '.agreements == 0 and (.zone.contradiction | test("15 drawn inputs .*hardheaded"))' \
    "$WORK/out" >/dev/null; then pass; else fail "drawn: $(jq -c .zone "$WORK/out")"; fi
expect_status 0 "$PARLEY" simulate "$example" --runs 5 --json
if jq -e '.zone.possible == false and .zone.contradiction == null' "$WORK/out" >/dev/null
then pass; else fail "no contradiction without cause"; fi
# run says it too, for its baseline, in the text and the JSON.
expect_status 0 "$PARLEY" run "$WORK/relaxed.json" --agents hardheaded --runs 5 --quiet --json
if jq -e '.simulation.contradiction | test("yet no simulated run settled")' "$WORK/out" \
    >/dev/null; then pass; else fail "run json contradiction"; fi
expect_status 0 "$PARLEY" run "$WORK/relaxed.json" --agents hardheaded --runs 5 --quiet
if grep -q 'yet no simulated run settled' "$WORK/out"; then pass; else fail "run text note"; fi

# The Nash package's accuracy is proven and reported: within 1e-9 in utility on the relaxed
# scenario (docs/agreement.md, "Nash"); absent when no zone exists.
expect_status 0 "$PARLEY" zopa "$WORK/relaxed.json" --json
if jq -e '.possible == true and (.nash_error | type == "number") and .nash_error >= 0 and
        .nash_error <= 1e-9' "$WORK/out" >/dev/null
then pass; else fail "nash_error: $(jq -c .nash_error "$WORK/out")"; fi
expect_status 0 "$PARLEY" zopa "$example" --json
if jq -e 'has("nash_error") | not' "$WORK/out" >/dev/null; then pass; else fail "nash_error absent"; fi

finish
