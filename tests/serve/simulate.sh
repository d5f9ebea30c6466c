#!/usr/bin/env bash
# parley serve: POST /api/simulate as one document and as server-sent events, both equal
# to `parley simulate --json`; a client that leaves cancels its simulation
# (docs/serve.md, "API").
source "$(dirname "$0")/lib.bash"
default=$SRC/examples/peace-talks-2025.json
cd "$WORK" || exit 1

start_server main --workspace "$WORK/ws"

# POST /api/simulate: the document of `parley simulate --json`, plain and as events.
jq -n --slurpfile s "$default" '{scenario: $s[0], runs: 40, seed: 7}' >"$WORK/sim.json"
check "simulate" "$(status POST /api/simulate -H "$AUTH" --data-binary @"$WORK/sim.json")" 200
"$PARLEY" simulate "$default" --runs 40 --seed 7 --json --quiet >"$WORK/simulate.json"
check "simulate = parley simulate" "$(cmp -s <(jq -S . "$WORK/body") <(jq -S . "$WORK/simulate.json") && echo same)" same
curl -s -N -H "$AUTH" -H 'Accept: text/event-stream' --data-binary @"$WORK/sim.json" \
    "$BASE/api/simulate" >"$WORK/events"
check "events: one result" "$(grep -c '^event: result$' "$WORK/events")" 1
[ "$(grep -c '^event: progress$' "$WORK/events")" -ge 2 ] && pass || fail "fewer than 2 progress events"
check "events: result last" "$(grep '^event:' "$WORK/events" | tail -1)" "event: result"
grep -A1 '^event: result$' "$WORK/events" | sed -n 's/^data: //p' >"$WORK/result.json"
check "result event = parley simulate" "$(cmp -s <(jq -S . "$WORK/result.json") <(jq -S . "$WORK/simulate.json") && echo same)" same
check "simulate bad runs" "$(status POST /api/simulate -H "$AUTH" --data-binary '{"scenario": {}, "runs": 0}')" 400
check "simulate no scenario" "$(status POST /api/simulate -H "$AUTH" --data-binary '{"runs": 5}')" 400

# Cancelling: a client that leaves stops its simulation (the server's CPU time stops).
jq -n --slurpfile s "$default" '{scenario: $s[0], runs: 1000000}' >"$WORK/long.json"
curl -s -N -H "$AUTH" -H 'Accept: text/event-stream' --data-binary @"$WORK/long.json" \
    "$BASE/api/simulate" >"$WORK/long.events" &
client=$!
for _ in $(seq 1 100); do grep -q 'fraction' "$WORK/long.events" 2>/dev/null && break; sleep 0.05; done
kill "$client"; wait "$client" 2>/dev/null
# The server's CPU time (clock ticks) must come to rest: under 3 ticks in half a second,
# within 10 s (a cancelled run stops at its next progress report; slower under sanitizers).
ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
rested=0
for _ in $(seq 1 20); do
    before=$(ticks); sleep 0.5; after=$(ticks)
    [ $((after - before)) -lt 3 ] && { rested=1; break; }
done
check "the simulation stops when the client leaves" "$rested" 1
check "after cancel" "$(status GET /api/scenario -H "$AUTH")" 200

# The concurrent-request limit: sixteen long simulations hold every slot, so the next
# request gets 503; SIGTERM then cancels them and the server exits 0 soon after.
# A probe takes a slot too while it is handled, so a holder that arrives then is refused
# (and ends): another is started in its place until sixteen hold. Up to 60 s: under the
# sanitizers on 2 busy cores the last holders can take many seconds to take their slots.
jq -n --slurpfile s "$default" '{scenario: $s[0], runs: 1000000, steps: 20}' >"$WORK/hold.json"
holders=()
start_holder() {
    curl -s -o /dev/null -H "$AUTH" --data-binary @"$WORK/hold.json" "$BASE/api/simulate" &
    holders+=($!)
}
got=""
for _ in $(seq 1 600); do
    running=0
    for p in "${holders[@]}"; do kill -0 "$p" 2>/dev/null && running=$((running + 1)); done
    for _ in $(seq $((running + 1)) 16); do start_holder; done
    got=$(status GET /api/scenario -H "$AUTH")
    [ "$got" = 503 ] && break
    sleep 0.1
done
check "17th request at once" "$got" 503
started=$(date +%s)
stop_server "$PID"
check "SIGTERM exit" "$STOPPED" 0
[ $(($(date +%s) - started)) -le 30 ] && pass || fail "SIGTERM took over 30 s with simulations running"
wait "${holders[@]}" 2>/dev/null
finish
