#!/usr/bin/env bash
# selftest.sh CC AR [NM] - check.sh on small made-up libraries, so that the layout test
# is known to fail when it should: a cycle between two folders, a file over 800
# lines, a file directly in src/lib, two files of one name; and to pass on a layered
# library (c/ uses b/, b/ uses a/).
set -uo pipefail
cc=${1:?usage: selftest.sh CC AR [NM]}
ar=${2:?usage: selftest.sh CC AR [NM]}
nm=${3:-nm}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# source FOLDER/FILE.c BODY: one C file of the made-up library.
source_file() { mkdir -p "$tmp/src/$(dirname "$1")"; printf '%s\n' "$2" >"$tmp/src/$1"; }

# library: compile every .c below $tmp/src into $tmp/lib.a (names as CMake gives them).
library() {
    rm -rf "$tmp/obj" "$tmp/lib.a"; mkdir -p "$tmp/obj"
    find "$tmp/src" -name '*.c' | while read -r c; do
        "$cc" -c "$c" -o "$tmp/obj/$(basename "$c").o" || exit 1
    done
    "$ar" qc "$tmp/lib.a" "$tmp/obj"/*.o
}

# expect STATUS PATTERN NAME: run check.sh, compare its status, grep its output.
expect() {
    local out status
    out=$(bash "$here/check.sh" "$tmp/lib.a" "$tmp/src" "$nm" 2>&1); status=$?
    if [ "$status" != "$1" ] || ! grep -q -- "$2" <<<"$out"; then
        echo "FAIL $3: status $status (expected $1), output:"; sed 's/^/  /' <<<"$out"
        failures=$((failures + 1))
    else
        echo "ok   $3"
    fi
}

source_file a/low.c 'int low(void); int low(void) { return 1; }'
source_file b/mid.c 'int low(void); int mid(void); int mid(void) { return low() + 1; }'
source_file c/top.c 'int mid(void); int top(void); int top(void) { return mid() + 1; }'
library && expect 0 'c  *uses b' "layered folders pass"

# a/ now calls c/: a -> c -> b -> a.
source_file a/low.c 'int top(void); int low(void); int low(void) { return top(); }'
library && expect 1 'a -> c: top, low.c.o' "a cycle through three folders fails, edge named"

source_file a/low.c 'int low(void); int low(void) { return 1; }'
seq 801 | sed 's|.*|/* line & */|' >>"$tmp/src/b/mid.c"
library && expect 1 'mid.c: 80[0-9] lines' "a file over 800 lines fails"

source_file b/mid.c 'int low(void); int mid(void); int mid(void) { return low() + 1; }'
source_file loose.c 'int loose(void); int loose(void) { return 0; }'
library && expect 1 'loose.c' "a file directly in src/lib fails"

rm "$tmp/src/loose.c"
source_file c/low.c 'int other(void); int other(void) { return 2; }'
library && expect 1 'used twice' "two files of one name fail"

exit $((failures > 0))
