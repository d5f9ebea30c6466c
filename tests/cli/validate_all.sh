#!/usr/bin/env bash
# parley validate reports every error it finds (docs/cli-contract.md "Authoring"): one line
# each, exit 2, nothing on stdout; syntax errors at the token that is wrong.
. "$(dirname "$0")/lib.bash"

# Five independent mistakes, five lines: an unknown member, a negative capability, a
# reservation above 1, a position outside the range, a threshold above 1.
cat >"$WORK/five.json" <<'JSON'
{
  "parley": 1,
  "actors": [
    {"id": "a", "capability": -5, "stances": {"x": {"position": 20, "salience": 1}}},
    {"id": "b", "capability": 10, "reservation": 2, "stances": {"x": {"position": 150, "salience": 0.5}}},
    {"id": "c", "capabilty": 10}
  ],
  "issues": [{"id": "x", "range": [0, 100]}],
  "decision_rule": {"kind": "weighted_majority", "threshold": 2}
}
JSON
expect_status 2 "$PARLEY" validate "$WORK/five.json"
if [ "$(wc -l <"$WORK/err")" = 5 ]; then pass; else fail "want 5 lines: $(cat "$WORK/err")"; fi
if [ "$(grep -c "^$WORK/five.json: error: " "$WORK/err")" = 5 ]; then pass; else fail "line form"; fi
for message in 'actors\[2\]\.capabilty: unknown field' 'actors\[0\]\.capability: must be positive' \
    'actors\[1\]\.reservation: must lie in \[0, 1\]' 'actors\[1\]\.stances\.x\.position: 150 lies outside' \
    'decision_rule\.threshold: must lie in \(0, 1\]'; do
    if grep -Eq "$message" "$WORK/err"; then pass; else fail "missing: $message"; fi
done
if [ ! -s "$WORK/out" ]; then pass; else fail "stdout not empty"; fi
# The other commands stop at the first.
expect_status 2 "$PARLEY" run "$WORK/five.json"
expect_error_line "capabilty: unknown field"

# A missing comma: at the start of the next member, with what was expected.
printf '{\n  "actors": [{"id": "a", "capability": 1}]\n  "issues": [{"id": "x"}]\n}\n' >"$WORK/comma.json"
expect_status 2 "$PARLEY" validate "$WORK/comma.json"
expect_error_line "^$WORK/comma.json:3:3: error: expected ',' or '}' after member \"actors\" \(missing ',' between members\?\)$"
# A JSON-looking file with a comment gets a JSON error, not "cannot tell the format".
printf '// talks\n{"actors": []}\n' >"$WORK/comment.json"
expect_status 2 "$PARLEY" validate "$WORK/comment.json"
expect_error_line "^$WORK/comment.json:1:1: error: comments are not allowed in JSON"

# Long-format tables: every bad cell of every table.
printf 'Actor;Issue;Position;Salience\nmayor;transit_share;;50%%\nmayor;rent_control;9;50%%\nx;rent_control;3;-1\n' >"$WORK/long.csv"
expect_status 2 "$PARLEY" validate "$WORK/long.csv" "$SRC/examples/long-format/actors.csv"
if [ "$(wc -l <"$WORK/err")" = 3 ]; then pass; else fail "want 3 lines: $(cat "$WORK/err")"; fi
if grep -q "^$WORK/long.csv:2:21: error: Position is missing$" "$WORK/err" &&
   grep -q "^$WORK/long.csv:4:1: error: actor \"x\" is not in the actors table$" "$WORK/err" &&
   grep -q "^$WORK/long.csv:4:18: error: Salience -1 must not be negative$" "$WORK/err"
then pass; else fail "long-table errors: $(cat "$WORK/err")"; fi

finish
