#!/usr/bin/env bash
# parley serve: the token, the Host and Origin checks, the body limit, the
# concurrent-request limit, the refusal of a taken port and of a remote host
# without --allow-remote (docs/serve.md, "Security"; docs/cli-contract.md, "parley serve").
source "$(dirname "$0")/lib.bash"

start_server main --workspace "$WORK/ws"
check "token is 256 bits of hex" "${#TOKEN}" 64

# The first page: with ?token= it is served and sets the cookie.
check "GET / with ?token=" "$(curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "$URL")" 200
grep -qi '^content-type: text/html' "$WORK/headers" && pass || fail "GET / is not text/html"
grep -qi "^content-security-policy: default-src 'self'" "$WORK/headers" && pass || fail "no CSP"
grep -qi '^x-content-type-options: nosniff' "$WORK/headers" && pass || fail "no nosniff"
grep -qi '^cache-control:' "$WORK/headers" && pass || fail "no Cache-Control"
grep -qi "^set-cookie: parley_token_$PORT=$TOKEN; Path=/; HttpOnly; SameSite=Strict" \
    "$WORK/headers" && pass || fail "no HttpOnly SameSite=Strict cookie: $(grep -i cookie "$WORK/headers")"
# The page refers to nothing outside the server (no CDN).
if grep -Eiq '(src|href)="(https?:)?//' "$WORK/body"; then fail "the page loads from elsewhere"; else pass; fi

# Without a token, with a wrong one, and with each of the three ways.
check "no token" "$(status GET /api/scenario)" 403
check "wrong token" "$(status GET "/api/scenario?token=${TOKEN%?}x")" 403
check "wrong Bearer" "$(status GET /api/scenario -H "Authorization: Bearer x$TOKEN")" 403
check "wrong cookie" "$(status GET /api/scenario -b "parley_token_$PORT=${TOKEN}0")" 403
check "cookie of another port" "$(status GET /api/scenario -b "parley_token_1$PORT=$TOKEN")" 403
check "?token=" "$(status GET "/api/scenario?token=$TOKEN")" 200
check "Bearer" "$(status GET /api/scenario -H "$AUTH")" 200
check "cookie" "$(status GET /api/scenario -b "a=b; parley_token_$PORT=$TOKEN; c=d")" 200
grep -qi '^set-cookie' "$WORK/headers" && fail "API answer sets a cookie" || pass

# DNS rebinding: a foreign Host gets 403 whatever the token; localhost:PORT is fine.
check "foreign Host" "$(status GET /api/scenario -H "$AUTH" -H "Host: evil.example:$PORT")" 403
check "foreign Host, right port" "$(status GET / -H "Host: evil.example" -H "$AUTH")" 403
check "other port" "$(status GET /api/scenario -H "$AUTH" -H "Host: 127.0.0.1:1$PORT")" 403
check "localhost:PORT" "$(status GET /api/scenario -H "$AUTH" -H "Host: localhost:$PORT")" 200

# Writes from another origin (CSRF) are refused; from the app's own origin they pass.
body=$SRC/examples/peace-talks-2025.json
check "foreign Origin" "$(status POST /api/validate -H "$AUTH" -H 'Origin: http://evil.example' --data-binary @"$body")" 403
check "null Origin" "$(status POST /api/validate -H "$AUTH" -H 'Origin: null' --data-binary @"$body")" 403
check "own Origin" "$(status POST /api/validate -H "$AUTH" -H "Origin: $BASE" --data-binary @"$body")" 200
check "GET with foreign Origin" "$(status GET /api/scenario -H "$AUTH" -H 'Origin: http://evil.example')" 200

# The body limit (16 MiB): one byte over gets 413, and the server carries on.
head -c $((16 * 1024 * 1024 + 1)) /dev/zero | tr '\0' ' ' >"$WORK/big"
check "body over 16 MiB" "$(status POST /api/analyze -H "$AUTH" --data-binary @"$WORK/big")" 413
check "after 413" "$(status GET /api/scenario -H "$AUTH")" 200

# Unknown endpoints and methods; no path leaves the app's files.
check "404" "$(status GET /api/nothing -H "$AUTH")" 404
check "405" "$(status DELETE /api/scenario -H "$AUTH")" 405
check "no file outside" "$(status GET /../../etc/passwd -H "$AUTH" --path-as-is)" 404

# Eight clients at once, each analysing the default scenario: all answered.
clients=()
for k in 1 2 3 4 5 6 7 8; do
    curl -s -o "$WORK/c$k" -w '%{http_code}' -H "$AUTH" --data-binary @"$body" \
        "$BASE/api/analyze" >"$WORK/s$k" &
    clients+=($!)
done
wait "${clients[@]}"
for k in 1 2 3 4 5 6 7 8; do
    check "concurrent client $k" "$(cat "$WORK/s$k")" 200
    check "concurrent client $k answer" "$(jq -r '.scenario.id' "$WORK/c$k")" peace-talks-2025
done

# A second server on the same port: one clear line, exit 1, nothing on stdout.
"$PARLEY" serve --port "$PORT" >"$WORK/taken.out" 2>"$WORK/taken.err" &
taken=$!
SERVERS="$SERVERS $taken"
wait "$taken"
check "port taken: exit" "$?" 1
check "port taken: one line" "$(wc -l <"$WORK/taken.err")" 1
grep -q "port $PORT .*is taken" "$WORK/taken.err" && pass || fail "message: $(cat "$WORK/taken.err")"
check "port taken: no stdout" "$(wc -c <"$WORK/taken.out")" 0

# Another host than loopback only with --allow-remote, and then with a warning.
"$PARLEY" serve --host 0.0.0.0 --port 0 >"$WORK/remote.out" 2>"$WORK/remote.err"
check "0.0.0.0 without --allow-remote" "$?" 2
start_server remote --host 0.0.0.0 --allow-remote --workspace "$WORK/ws"
remote=$PID
grep -q "warning" "$WORK/remote.err" && pass || fail "no warning for 0.0.0.0"
check "0.0.0.0 Host 0.0.0.0:PORT" "$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" "http://127.0.0.1:$PORT/api/scenario" -H "Host: 0.0.0.0:$PORT")" 200
check "0.0.0.0 refuses Host localhost" "$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" "http://127.0.0.1:$PORT/api/scenario")" 403
stop_server "$remote"
check "SIGTERM exit" "$STOPPED" 0
finish
