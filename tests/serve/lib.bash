# lib.bash - helpers for the tests of `parley serve` (tests/serve/*.sh); sourced.
# Each script gets $1 the parley binary and $2 the repository root; it starts its own
# servers on free ports (--port 0) and stops them. curl and jq are needed (exit 77 without).
set -u
PARLEY=$1
SRC=$2
FAILED=0
CHECKS=0
WORK=$(mktemp -d)
SERVERS=""
cleanup() {
    for p in $SERVERS; do kill "$p" 2>/dev/null; done
    rm -rf "$WORK"
}
trap cleanup EXIT
for tool in curl jq; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed"; exit 77; }
done

fail() { echo "FAIL: $*"; FAILED=$((FAILED + 1)); }
pass() { CHECKS=$((CHECKS + 1)); }
check() { # check DESCRIPTION GOT WANT
    if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', want '$3'"; fi
}

# start_server NAME ARGS...: `parley serve ARGS --port 0` in the background; sets PID, URL,
# BASE (http://HOST:PORT), TOKEN, PORT, and AUTH (curl's Bearer header argument).
start_server() {
    local name=$1; shift
    "$PARLEY" serve "$@" --port 0 >"$WORK/$name.out" 2>"$WORK/$name.err" &
    PID=$!
    SERVERS="$SERVERS $PID"
    for _ in $(seq 1 200); do
        [ -s "$WORK/$name.out" ] && break
        kill -0 "$PID" 2>/dev/null || break
        sleep 0.05
    done
    local line
    line=$(head -1 "$WORK/$name.out")
    if ! [[ $line =~ ^parley\ serve:\ (http://([^/]+):([0-9]+))/\?token=([0-9a-f]+)$ ]]; then
        fail "first line '$line' (stderr: $(head -3 "$WORK/$name.err"))"
        finish; exit 1
    fi
    URL=${line#parley serve: }
    BASE=${BASH_REMATCH[1]}
    PORT=${BASH_REMATCH[3]}
    TOKEN=${BASH_REMATCH[4]}
    AUTH="Authorization: Bearer $TOKEN"
}

stop_server() { # stop_server PID: SIGTERM, then the exit status in STOPPED
    kill -TERM "$1"
    wait "$1"
    STOPPED=$?
}

# status METHOD PATH [CURL ARGS...]: the HTTP status; the body in $WORK/body.
status() {
    local method=$1 path=$2; shift 2
    curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' -X "$method" "$@" "$BASE$path"
}

finish() {
    echo "$CHECKS passed, $FAILED failed"
    [ "$FAILED" = 0 ]
}
