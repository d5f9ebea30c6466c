#!/usr/bin/env bash
# Every file parley writes is written atomically: a write that fails (a full disk, a file-size
# limit, a directory it may not write) leaves the previous file as it was and no temporary
# file behind; bad input writes nothing (docs/robustness.md).
. "$(dirname "$0")/lib.bash"

example="$SRC/examples/peace-talks-2025.json"
ktab="$SRC/tests/data/ktab/dummyData_3Dim.csv"

# intact FILE: FILE still holds "previous content" and nothing *.tmp / *.part is left.
intact() {
    if [ "$(cat "$1")" = "previous content" ]; then pass; else fail "$1 was changed"; fi
    local leftovers
    leftovers=$(find "$WORK" \( -name '*.tmp' -o -name '*.part' \) | wc -l)
    if [ "$leftovers" = 0 ]; then pass; else fail "temporary files left behind"; fi
}

# A write cut short, as by a full disk: the file-size limit (ulimit -f, in KiB) makes write()
# fail with EFBIG once SIGXFSZ is ignored. The converted example is far larger than 4 KiB.
echo "previous content" >"$WORK/out.json"
(trap '' XFSZ; ulimit -f 4; exec "$PARLEY" convert "$example" -o "$WORK/out.json") \
    >"$WORK/out" 2>"$WORK/err" </dev/null
status=$?
if [ "$status" = 1 ]; then pass; else fail "convert under ulimit -f: exit $status (want 1)"; fi
if grep -q "$WORK/out.json: error: cannot write" "$WORK/err"; then pass
else fail "no error naming the file: $(cat "$WORK/err")"; fi
intact "$WORK/out.json"

# The same for the smp trace of `predict --trace`.
echo "previous content" >"$WORK/trace.csv"
(trap '' XFSZ; ulimit -f 1; exec "$PARLEY" predict "$ktab" --model smp --trace "$WORK/trace.csv") \
    >"$WORK/out" 2>"$WORK/err" </dev/null
status=$?
if [ "$status" = 1 ]; then pass; else fail "predict --trace under ulimit -f: exit $status"; fi
intact "$WORK/trace.csv"

# GENIUS output: several files, none replaced when one cannot be written.
echo "previous content" >"$WORK/g_domain.xml"
laptop="$SRC/tests/data/genius/laptop"
(trap '' XFSZ; ulimit -f 1; exec "$PARLEY" convert "$laptop/laptop_domain.xml" \
    "$laptop/laptop_buyer_utility.xml" "$laptop/laptop_seller_utility.xml" \
    --to genius -o "$WORK/g") >"$WORK/out" 2>"$WORK/err" </dev/null
status=$?
if [ "$status" = 1 ]; then pass; else fail "convert --to genius under ulimit -f: exit $status"; fi
intact "$WORK/g_domain.xml"
if [ "$(find "$WORK" -name 'g_*' | wc -l)" = 1 ]; then pass; else fail "partial GENIUS output"; fi

# A directory parley may not write into (not testable as root, who may write anywhere).
if [ "$(id -u)" != 0 ]; then
    mkdir "$WORK/ro"
    echo "previous content" >"$WORK/ro/out.json"
    chmod 555 "$WORK/ro"
    expect_status 1 "$PARLEY" convert "$example" -o "$WORK/ro/out.json"
    chmod 755 "$WORK/ro"
    intact "$WORK/ro/out.json"
fi

# Standard output on a full disk: /dev/full fails every write; parley says so and exits 1.
"$PARLEY" convert "$example" -o - >/dev/full 2>"$WORK/err" </dev/null
status=$?
if [ "$status" = 1 ]; then pass; else fail "convert -o - >/dev/full: exit $status (want 1)"; fi
if grep -q "error: cannot write" "$WORK/err"; then pass; else fail "no error for /dev/full"; fi

# Bad input writes nothing: neither the output nor a temporary file.
printf '{"actors": [' >"$WORK/broken.json"
echo "previous content" >"$WORK/keep.json"
expect_status 2 "$PARLEY" convert "$WORK/broken.json" -o "$WORK/keep.json"
intact "$WORK/keep.json"
expect_status 2 "$PARLEY" convert "$WORK/broken.json" -o "$WORK/new.json"
if [ ! -e "$WORK/new.json" ]; then pass; else fail "output written for bad input"; fi

# A successful write replaces the file whole.
expect_status 0 "$PARLEY" convert "$example" -o "$WORK/out.json"
expect_status 0 "$PARLEY" validate "$WORK/out.json"

finish
