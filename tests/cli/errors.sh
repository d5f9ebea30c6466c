#!/usr/bin/env bash
# Bad input: one error line (PATH:LINE:COL: error: ... or PATH: error: ...),
# exit status 2, nothing on stdout, no file written.
. "$(dirname "$0")/lib.bash"

# Syntax error: position of the fault.
printf '{\n  "actors": [\n    {"id": "a",, }\n  ]\n}\n' >"$WORK/syntax.json"
expect_status 2 "$PARLEY" validate "$WORK/syntax.json"
expect_error_line "^$WORK/syntax.json:3:[0-9]+: error: "

# Semantic error: the JSON path of the field.
sed 's/"capability": 50/"capability": -5/' "$SRC/examples/peace-talks-2025.json" >"$WORK/neg.json"
expect_status 2 "$PARLEY" run "$WORK/neg.json"
expect_error_line "^$WORK/neg.json: error: actors\[1\]\.capability: must be positive$"

# Missing file.
expect_status 2 "$PARLEY" run "$WORK/does-not-exist.json"
expect_error_line "^$WORK/does-not-exist.json: error: cannot open"

# A directory is not a scenario.
expect_status 2 "$PARLEY" validate "$WORK"
expect_error_line "error: "

# Unknown format.
printf 'hello world\n' >"$WORK/unknown.txt"
expect_status 2 "$PARLEY" validate "$WORK/unknown.txt"
expect_error_line "^$WORK/unknown.txt: error: cannot tell the format"

# Every malformed file of the corpus: exit 2, one error line, no output, no crash.
n=0
for f in "$SRC"/tests/data/bad/*; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    expect_status 2 "$PARLEY" validate "$f"
    expect_error_line "^$f(:[0-9]+:[0-9]+)?: error: ."
done
echo "malformed corpus: $n files"

# Usage errors.
expect_status 2 "$PARLEY" frobnicate
expect_error_line "unknown command 'frobnicate'"
expect_status 2 "$PARLEY" predict "$SRC/examples/peace-talks-2025.json" --model crystal-ball
expect_error_line "unknown model 'crystal-ball'"
expect_status 2 "$PARLEY" evaluate "$SRC/examples/peace-talks-2025.json" --proposal nope
expect_error_line "no proposal 'nope'"
expect_status 2 "$PARLEY" run --frobnicate
expect_error_line "unknown option '--frobnicate'"
expect_status 2 "$PARLEY" convert "$SRC/examples/peace-talks-2025.json"
expect_error_line "-o OUT.json"

finish
