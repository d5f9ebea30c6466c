# lib.bash - helpers for the CLI behaviour tests; sourced, not run.
# Each test script gets: $1 the parley binary, $2 the repository root.
set -u
PARLEY=$1
SRC=$2
FAILED=0
CHECKS=0
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# PARLEY_VALGRIND=1 (make check-valgrind): parley runs under valgrind, and any memory error
# or definite/indirect leak makes it exit 99, which no test expects.
if [ "${PARLEY_VALGRIND:-0}" = 1 ]; then
    VALGRIND_DIR=$(mktemp -d)
    trap 'rm -rf "$WORK" "$VALGRIND_DIR"' EXIT
    {
        echo '#!/bin/sh'
        echo 'exec valgrind --error-exitcode=99 --leak-check=full \'
        echo '    --errors-for-leak-kinds=definite,indirect -q \'
        printf '    "%s" "$@"\n' "$PARLEY"
    } >"$VALGRIND_DIR/parley"
    chmod +x "$VALGRIND_DIR/parley"
    PARLEY=$VALGRIND_DIR/parley
fi

fail() { echo "FAIL: $*"; FAILED=$((FAILED + 1)); }
pass() { CHECKS=$((CHECKS + 1)); }

# expect_status STATUS CMD...: run CMD, keep stdout/stderr in $WORK/out, $WORK/err.
expect_status() {
    local want=$1; shift
    "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
    local got=$?
    if [ "$got" != "$want" ]; then
        fail "exit $got (want $want): $*"; sed 's/^/    stderr: /' "$WORK/err" | head -5
    else
        pass
    fi
}

# expect_error_line REGEX: stderr is exactly one line matching REGEX; stdout empty.
expect_error_line() {
    local lines
    lines=$(wc -l <"$WORK/err")
    if [ "$lines" != 1 ]; then fail "stderr has $lines lines, want 1"; cat "$WORK/err"; return; fi
    if ! grep -Eq -- "$1" "$WORK/err"; then fail "stderr '$(cat "$WORK/err")' !~ /$1/"; return; fi
    if [ -s "$WORK/out" ]; then fail "stdout not empty on error"; return; fi
    pass
}

finish() {
    echo "$CHECKS passed, $FAILED failed"
    [ "$FAILED" = 0 ]
}
