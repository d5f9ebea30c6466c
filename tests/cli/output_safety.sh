#!/usr/bin/env bash
# The output layer (src/cli/output.c, docs/robustness.md "Writing files"): what is at an output
# path is never lost (a file keeps its mode, a link stays a link, a device stays a device, a
# FIFO's reader gets the bytes), a set of outputs is written whole or not at all, a signal
# leaves no temporary file, no CSV cell can run as a formula and no name can drive the
# terminal. Root-safe: every device is made with mknod inside the test's own folder.
. "$(dirname "$0")/lib.bash"

example="$SRC/examples/peace-talks-2025.json"
W=$WORK/w
mkdir "$W"

# A regular file keeps its mode (600 used to become 644); a new file gets 0666 less the umask.
echo "previous" >"$W/private.json"
chmod 600 "$W/private.json"
expect_status 0 "$PARLEY" convert "$example" -o "$W/private.json"
if [ "$(stat -c %a "$W/private.json")" = 600 ]; then pass; else
    fail "mode became $(stat -c %a "$W/private.json")"; fi
(umask 027; exec "$PARLEY" convert "$example" -o "$W/new.json") </dev/null
if [ "$(stat -c %a "$W/new.json")" = 640 ]; then pass; else
    fail "a new file under umask 027 has mode $(stat -c %a "$W/new.json")"; fi

# A symbolic link is followed: the target gets the new bytes, the link stays a link. A
# relative link is read from its own folder; a dangling one creates its target.
mkdir "$W/real"
echo "previous" >"$W/real/target.json"
ln -s real/target.json "$W/link.json"
expect_status 0 "$PARLEY" convert "$example" -o "$W/link.json"
if [ -L "$W/link.json" ]; then pass; else fail "the link was replaced by a file"; fi
if jq -e .actors "$W/real/target.json" >/dev/null; then pass; else fail "the target was not written"; fi
ln -s nowhere.json "$W/dangling.json"
expect_status 0 "$PARLEY" convert "$example" -o "$W/dangling.json"
if [ -L "$W/dangling.json" ] && [ -s "$W/nowhere.json" ]; then pass; else
    fail "a dangling link was not followed"; fi

# Devices are written in place, never replaced: a null device stays a character device; a
# full one (like /dev/full) makes the write fail with one line, exit 1, and stays a device.
if mknod "$W/null" c 1 3 2>/dev/null && mknod "$W/full" c 1 7 2>/dev/null; then
    expect_status 0 "$PARLEY" convert "$example" -o "$W/null"
    if [ -c "$W/null" ]; then pass; else fail "the null device was replaced"; fi
    expect_status 1 "$PARLEY" run --quiet --runs 20 --report "$W/full"
    expect_error_line "^$W/full: error: cannot write: No space left on device$"
    if [ -c "$W/full" ]; then pass; else fail "the full device was replaced"; fi
else
    # Not root: /dev/null itself, which must still be a character device afterwards.
    expect_status 0 "$PARLEY" convert "$example" -o /dev/null
    if [ -c /dev/null ]; then pass; else fail "/dev/null was replaced"; fi
fi

# A FIFO's reader gets the whole text, and the FIFO stays a FIFO.
mkfifo "$W/pipe"
cat "$W/pipe" >"$W/from_pipe" &
reader=$!
expect_status 0 "$PARLEY" convert "$example" -o "$W/pipe"
wait "$reader"
if [ -p "$W/pipe" ] && jq -e .actors "$W/from_pipe" >/dev/null; then pass; else
    fail "the FIFO's reader did not get the scenario"; fi

# `-` and /dev/stdout are stdout, written in place: no file named "-", no temporary in /dev.
(cd "$W" && "$PARLEY" run --runs 20 --json "$example" >run.json && "$PARLEY" report run.json -o - \
    >report_stdout.html) </dev/null
if [ ! -e "$W/-" ] && grep -q '^<!DOCTYPE html>' "$W/report_stdout.html"; then pass; else
    fail "report -o - did not write stdout"; fi
"$PARLEY" convert "$example" -o /dev/stdout </dev/null >"$W/stdout.json"
if jq -e .actors "$W/stdout.json" >/dev/null; then pass; else fail "-o /dev/stdout"; fi

# A set of outputs is all or nothing: --csv naming a regular file fails (exit 1, one line)
# and the report is not written either.
touch "$W/not_a_dir"
expect_status 1 "$PARLEY" run --quiet --runs 20 --report "$W/r.html" --csv "$W/not_a_dir"
expect_error_line "^$W/not_a_dir: error: .*not a directory"
if [ ! -e "$W/r.html" ]; then pass; else fail "r.html written although --csv failed"; fi

# A full disk (the file-size limit: write() fails with EFBIG) under --csv: none of the CSVs,
# no temporary, and the folder parley created is removed again.
(trap '' XFSZ; ulimit -f 8; exec "$PARLEY" run --quiet --runs 20 --csv "$W/csv" --report "$W/r2.html") \
    >"$WORK/out" 2>"$WORK/err" </dev/null
status=$?
if [ "$status" = 1 ]; then pass; else fail "--csv under ulimit -f: exit $status (want 1)"; fi
if [ ! -e "$W/csv" ] && [ ! -e "$W/r2.html" ]; then pass; else fail "partial output on a full disk"; fi
if [ "$(find "$W" -name '*.tmp' | wc -l)" = 0 ]; then pass; else fail "temporary files left"; fi

# SIGINT and SIGTERM while a temporary exists: parley waits on a FIFO nobody reads (written
# after every temporary is staged), the signal removes the temporary, exit 128 + signal.
if [ "${PARLEY_VALGRIND:-0}" != 1 ]; then
    for signal in INT:130 TERM:143; do
        mkfifo "$W/stuck"
        # Job control on: a background job of a script would start with SIGINT ignored.
        set -m
        "$PARLEY" simulate --quiet --runs 50 --trace "$W/stuck" --runs-csv "$W/runs.csv" \
            "$example" >/dev/null 2>&1 </dev/null &
        pid=$!
        set +m
        for _ in $(seq 100); do
            [ -n "$(find "$W" -name 'runs.csv.*.tmp')" ] && break
            sleep 0.1
        done
        kill -s "${signal%:*}" "$pid"
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -s KILL "$pid"
        wait "$pid"
        status=$?
        if [ "$status" = "${signal#*:}" ]; then pass; else
            fail "SIG${signal%:*}: exit $status (want ${signal#*:})"; fi
        if [ -z "$(find "$W" -name 'runs.csv*')" ]; then pass; else
            fail "SIG${signal%:*} left $(find "$W" -name 'runs.csv*')"; fi
        rm -f "$W/stuck"
    done
fi

# Hostile names (a KTAB table): a terminal escape in the table's name, formulas and an
# unterminated right-to-left override (U+202E) in actor names.
printf 'T\033]0;pwned\007x,"d",4,1,\nActor,Description,Power,Pstn1,Sal1,\n' >"$W/hostile.csv"
printf '=1+2,a,100,10,50,\n-5,b,50,90,50,\n@SUM(A1),c,60,40,50,\nR\342\200\256evil,d,70,50,50,\n' \
    >>"$W/hostile.csv"
expect_status 0 "$PARLEY" run --quiet "$W/hostile.csv" --csv "$W/hcsv" --svg "$W/hsvg" \
    --report "$W/h.html"
if ! grep -q $'\033' "$WORK/out" && grep -q 'T\\x1b\]0;pwned\\x07x' "$WORK/out"; then pass; else
    fail "the terminal escape reached stdout raw"; fi
if ! grep -q $'\342\200\256' "$WORK/out" && grep -q 'R\\u202eevil' "$WORK/out"; then pass; else
    fail "the unpaired override reached stdout raw"; fi
if ! grep -rq $'\342\200\256' "$W/hsvg" && grep -rq 'R\\u202eevil' "$W/hsvg"; then pass; else
    fail "the unpaired override reached the SVG raw"; fi
if grep -q 'R\\u202eevil' "$W/h.html"; then pass; else fail "the HTML does not show the override"; fi
# CSV: text cells that could run as formulas get a leading apostrophe; the number -5 stays.
header=$(head -1 "$W/hcsv/trace_smp.csv")
if [ "$header" = "round,issue,forecast,mean,'=1+2,-5,'@SUM(A1),R"$'\342\200\256'"evil" ]; then pass
else fail "trace header: $header"; fi
if ! grep -rqE '(^|,)[=+@]' "$W/hcsv"; then pass; else fail "a CSV cell starts with = + or @"; fi

# A paired override (closed by U+202C) is how right-to-left text is written: kept as it is.
printf 'T,"d",2,1,\nActor,Description,Power,Pstn1,Sal1,\nA\342\200\256xy\342\200\254,a,1,1,50,\nB,b,1,2,50,\n' \
    >"$W/paired.csv"
expect_status 0 "$PARLEY" run --quiet "$W/paired.csv"
if grep -q $'A\342\200\256xy\342\200\254' "$WORK/out"; then pass; else fail "a paired override was escaped"; fi

# Chart file names are unique: proposals "a/b" and "a_b" both read "a_b" in a file name.
jq '.proposals[0].id = "a/b" | .proposals[1].id = "a_b"' "$example" >"$W/names.json"
expect_status 0 "$PARLEY" run --quiet --runs 20 "$W/names.json" --svg "$W/charts"
if [ -s "$W/charts/verdicts-a_b.svg" ] && [ -s "$W/charts/verdicts-a_b-2.svg" ]; then pass; else
    fail "chart names collide: $(ls "$W/charts" | tr '\n' ' ')"; fi

finish
