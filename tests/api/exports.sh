#!/usr/bin/env bash
# The shared library exports exactly the public API (include/parley/export.h): every
# dynamic symbol libparley.so defines is a function declared in include/parley/*.h,
# every function declared there is exported, and every declaration carries PL_API.
# Usage: exports.sh LIBPARLEY.so SOURCE_DIR
set -euo pipefail
lib=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v nm >/dev/null || { echo "nm not found (binutils)"; exit 77; }

# Declarations: a line at column 0 (not a typedef, macro, comment or continuation)
# naming pl_NAME( declares the function pl_NAME.
grep -hE '^[A-Za-z_]' "$src"/include/parley/*.h | grep -vE '^(typedef|extern|static)\b' |
    grep -E '\bpl_[a-z0-9_]+ *\(' >"$work/lines" || true
grep -oE '\bpl_[a-z0-9_]+ *\(' "$work/lines" | sed 's/ *(//' | sort -u >"$work/declared"
nm -D --defined-only "$lib" | awk 'NF == 3 {print $3}' | sed 's/@.*//' | sort -u >"$work/exported"

status=0
[ -s "$work/declared" ] || { echo "FAIL: no declaration found in $src/include/parley"; exit 1; }
if grep -v '^PL_API ' "$work/lines" >"$work/unmarked"; then
    echo "FAIL: public declarations without PL_API (they would not be exported):"
    sed 's/^/  /' "$work/unmarked"; status=1
fi
if comm -23 "$work/exported" "$work/declared" | grep . >"$work/extra"; then
    echo "FAIL: libparley.so exports symbols no public header declares:"
    sed 's/^/  /' "$work/extra"; status=1
fi
if comm -13 "$work/exported" "$work/declared" | grep . >"$work/missing"; then
    echo "FAIL: declared in include/parley but not exported by libparley.so:"
    sed 's/^/  /' "$work/missing"; status=1
fi
echo "$(wc -l <"$work/exported") exported, $(wc -l <"$work/declared") declared"
for h in "$src"/include/parley/*.h; do
    name=parley/$(basename "$h")
    [ "$name" = parley/parley.h ] || grep -q "^#include \"$name\"" "$src/include/parley/parley.h" ||
        { echo "FAIL: parley.h does not include $name"; status=1; }
done
exit $status
