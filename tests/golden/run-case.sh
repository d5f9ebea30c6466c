#!/usr/bin/env bash
# Run one golden case: tests/golden/NAME/args holds the arguments (one per line;
# @SRC@ stands for the repository root), `stdout` the expected standard output,
# `status` the expected exit status (0 if absent), `stderr` (optional) the
# expected standard error. PARLEY_UPDATE_GOLDEN=1 rewrites the expectations.
set -u
parley=$1 case=$2 src=$3
args=()
while IFS= read -r line || [ -n "$line" ]; do
    [ -n "$line" ] && args+=("${line//@SRC@/$src}")
done < "$case/args"
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
# PARLEY_VALGRIND=1 (make check-valgrind): under valgrind; a memory error or leak exits 99.
runner=()
if [ "${PARLEY_VALGRIND:-0}" = 1 ]; then
    runner=(valgrind --error-exitcode=99 --leak-check=full
            --errors-for-leak-kinds=definite,indirect -q)
fi
(cd "$src" && "${runner[@]}" "$parley" "${args[@]}") >"$out" 2>"$err" </dev/null
status=$?
if [ "${PARLEY_UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$out" "$case/stdout"
    [ "$status" = 0 ] && rm -f "$case/status" || echo "$status" > "$case/status"
    [ -s "$err" ] && cp "$err" "$case/stderr" || rm -f "$case/stderr"
    exit 0
fi
expected_status=0
[ -f "$case/status" ] && expected_status=$(cat "$case/status")
fail=0
if [ "$status" != "$expected_status" ]; then
    echo "exit status $status, expected $expected_status"; fail=1
fi
if ! diff -u "$case/stdout" "$out"; then
    echo "standard output differs"; fail=1
fi
if [ -f "$case/stderr" ]; then
    if ! diff -u "$case/stderr" "$err"; then echo "standard error differs"; fail=1; fi
elif [ -s "$err" ] && [ "$expected_status" = 0 ]; then
    echo "unexpected standard error:"; cat "$err"; fail=1
fi
exit $fail
