#!/usr/bin/env bash
# parley serve: SIGTERM during a long analysis (docs/serve.md, "Stopping"). The analysis's
# long calls (smp, eu, exchange, the frontier) ask the server's stopping flag through the
# library's progress callback (parley/progress.h), so the server exits 0 within seconds instead of joining a thread that runs on: here POST
# /api/charts on a KTAB table of 250 actors x 10 issues, whose smp alone takes about 9 s
# of CPU (14 s on the shared 2-core machine); the server must be gone 5 s after SIGTERM.
source "$(dirname "$0")/lib.bash"
cd "$WORK" || exit 1

# A KTAB table (KTAB's CSV layout, as tests/data/ktab/dummyData_3Dim.csv) of 250 actors
# and 10 issues, saliences adding up to less than 100; awk's srand(7) fixes the numbers.
awk -v n=250 -v d=10 'BEGIN { srand(7); printf "Big,\"generated\",%d,%d,\n", n, d;
  printf "Actor,Description,Power"; for (j = 1; j <= d; j++) printf ",Pstn%d,Sal%d", j, j
  print ","
  for (i = 0; i < n; i++) { printf "A%03d,actor,%.3f", i, 50 + 100 * rand()
    for (j = 1; j <= d; j++) printf ",%.2f,%.2f", 100 * rand(), (100 / d) * (0.2 + 0.7 * rand())
    print "," } }' >big.csv

start_server big big.csv --workspace "$WORK/ws"
check "scenario" "$(status GET /api/scenario -H "$AUTH")" 200
cp "$WORK/body" big.json

# The slow request, in the background; SIGTERM once the server has been on it for a second.
curl -s -o charts.out -w '%{http_code}' -X POST -H "$AUTH" --data-binary @big.json \
    --max-time 120 "$BASE/api/charts" >charts.status &
client=$!
sleep 1.5
check "the request is still running at SIGTERM" "$(kill -0 $client 2>/dev/null && echo running)" running
start=$(date +%s.%N)
kill -TERM "$PID"
# Wait at most 10 s for the server to go (then SIGKILL it).
for _ in $(seq 1 100); do
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.1
done
gone=$(kill -0 "$PID" 2>/dev/null && echo running || echo gone)
check "the server is gone within 10 s of SIGTERM" "$gone" gone
if [ "$gone" = gone ]; then
    wait "$PID"
    check "exit status after SIGTERM" "$?" 0
else
    kill -KILL "$PID"
fi
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
check "gone within 5 s ($elapsed s)" "$(echo "$elapsed < 5" | bc)" 1
wait $client
# The cut-short analysis is not an answer: 503, or no answer at all.
code=$(cat charts.status)
check "the request's answer (503 or none)" "$(case $code in 503|000) echo ok;; *) echo "$code";; esac)" ok
finish
