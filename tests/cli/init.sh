#!/usr/bin/env bash
# parley init (docs/cli-contract.md "Authoring"): the skeleton validates and runs, with and
# without --actors/--issues; -o refuses to replace a file unless --force.
. "$(dirname "$0")/lib.bash"
PY=/usr/bin/python3

expect_status 0 "$PARLEY" init
cp "$WORK/out" "$WORK/stdout.json"
expect_status 0 "$PARLEY" validate "$WORK/stdout.json"

expect_status 0 "$PARLEY" init -o "$WORK/talks.json" --actors "north, south,un" --issues border,troops,x.y
if [ ! -s "$WORK/out" ]; then pass; else fail "init -o printed on stdout"; fi
expect_status 0 "$PARLEY" validate "$WORK/talks.json"
if grep -q "ok (parley; 3 actors, 3 issues, 1 proposals)" "$WORK/out"; then pass; else fail "validate: $(cat "$WORK/out")"; fi
expect_status 0 "$PARLEY" run "$WORK/talks.json" --json --runs 5 --steps 20

# Every member docs/scenario-format.md says a user is likely to fill is there, with the ids given.
if $PY - "$WORK/talks.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
for key in ("id", "name", "provenance", "actors", "issues", "proposals", "decision_rule",
            "evaluation", "uncertainty", "shocks", "horizon"):
    assert key in d, key
assert set(d["provenance"]) >= {"description", "date", "sources", "caveats"}
assert [a["id"] for a in d["actors"]] == ["north", "south", "un"]
assert [i["id"] for i in d["issues"]] == ["border", "troops", "x.y"]
for a in d["actors"]:
    assert {"capability", "reservation", "veto", "stances"} <= set(a), a
    assert set(a["stances"]) == {"border", "troops", "x.y"}
assert "red_lines" in d["actors"][0]
for i in d["issues"]:
    assert {"range", "low_label", "high_label", "reference"} <= set(i), i
assert set(d["proposals"][0]["positions"]) == {"border", "troops", "x.y"}
PYEOF
then pass; else fail "members of the skeleton"; fi

# An existing file is kept unless --force.
cp "$WORK/talks.json" "$WORK/before.json"
expect_status 2 "$PARLEY" init -o "$WORK/talks.json"
expect_error_line "^$WORK/talks.json: error: the file exists \(give --force to replace it\)$"
if cmp -s "$WORK/talks.json" "$WORK/before.json"; then pass; else fail "init replaced a file"; fi
expect_status 0 "$PARLEY" init -o "$WORK/talks.json" --force
if grep -q '"party_a"' "$WORK/talks.json"; then pass; else fail "--force did not replace"; fi

# Bad id lists are usage errors.
expect_status 2 "$PARLEY" init --actors a,a
expect_error_line "names 'a' twice"
expect_status 2 "$PARLEY" init --issues "x,,y"
expect_error_line "ids separated by commas"

finish
