#!/usr/bin/env bash
# parley convert writes a native scenario atomically, and what it writes reads back.
. "$(dirname "$0")/lib.bash"

# The example converts to itself: the native writer round-trips.
expect_status 0 "$PARLEY" convert "$SRC/examples/peace-talks-2025.json" -o "$WORK/a.json"
expect_status 0 "$PARLEY" convert "$WORK/a.json" -o "$WORK/b.json"
if cmp -s "$WORK/a.json" "$WORK/b.json"; then pass; else fail "convert is not idempotent"; fi
"$PARLEY" run "$SRC/examples/peace-talks-2025.json" --json >"$WORK/run1.json"
"$PARLEY" run "$WORK/a.json" --json >"$WORK/run2.json"
if cmp -s "$WORK/run1.json" "$WORK/run2.json"; then pass; else fail "converted scenario analyses differently"; fi

# A KTAB table converts and keeps its actors and positions.
ktab="$SRC/tests/data/ktab/dummyData_3Dim.csv"
expect_status 0 "$PARLEY" convert "$ktab" -o "$WORK/ktab.json"
expect_status 0 "$PARLEY" validate "$WORK/ktab.json"
"$PARLEY" predict "$ktab" --json >"$WORK/p1.json"
"$PARLEY" predict "$WORK/ktab.json" --json >"$WORK/p2.json"
if cmp -s "$WORK/p1.json" "$WORK/p2.json"; then pass; else fail "KTAB conversion changes forecasts"; fi
if grep -q "Converted by parley from" "$WORK/ktab.json"; then pass; else fail "no provenance line"; fi

# Bad input leaves an existing output untouched and creates no other file.
echo "previous content" >"$WORK/keep.json"
printf '{"actors": [' >"$WORK/broken.json"
expect_status 2 "$PARLEY" convert "$WORK/broken.json" -o "$WORK/keep.json"
expect_error_line "^$WORK/broken.json:1:[0-9]+: error: "
if [ "$(cat "$WORK/keep.json")" = "previous content" ]; then pass; else fail "output was touched"; fi
leftovers=$(find "$WORK" -name '*.tmp' | wc -l)
if [ "$leftovers" = 0 ]; then pass; else fail "temporary files left behind"; fi

# An unwritable destination fails cleanly without a partial file.
expect_status 1 "$PARLEY" convert "$SRC/examples/peace-talks-2025.json" -o "$WORK/no/such/dir/x.json"
if [ ! -e "$WORK/no/such/dir/x.json" ]; then pass; else fail "partial file"; fi

finish
