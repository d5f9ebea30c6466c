#!/usr/bin/env bash
# The JSON text of --json (src/cli/cli_json.c): laid out as jansson lays it out with
# JSON_INDENT(2), every real in the shortest form that reads back to the same double.
# The oracle is Python's json module: json.dumps(indent=2) lays a document out the same
# way, and Python writes a float as repr(), the shortest round-trip text (with ".0" on
# whole values), so a text equal to Python's rewriting of it has both properties.
# (Python writes \u001f where jansson writes \u001F: escapes are compared case-blind.)
. "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "python3 not found: skipped"; exit 77; }

same_as_python() { # FILE: the text equals Python's rewriting of its own document
    python3 - "$1" <<'EOF'
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
again = json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
fold = lambda s: re.sub(r"\\u[0-9A-Fa-f]{4}", lambda m: m.group(0).lower(), s)
if fold(text) != fold(again):
    for k, (a, b) in enumerate(zip(text.splitlines(), again.splitlines())):
        if a != b:
            sys.exit(f"line {k + 1}: parley {a.strip()!r}, Python {b.strip()!r}")
    sys.exit("lengths differ")
reals = len(re.findall(r"[0-9][.eE]", text))
print(reals)
EOF
}

check() { # NAME ARGS...: the command's --json text is Python's
    local name=$1; shift
    expect_status 0 "$PARLEY" "$@"
    local reals
    if reals=$(same_as_python "$WORK/out" 2>"$WORK/why"); then
        [ "$reals" -gt 0 ] && pass || fail "$name: no real number to check"
    else
        fail "$name: $(cat "$WORK/why")"
    fi
}

default="$SRC/examples/peace-talks-2025.json"
laptop="$SRC/tests/data/genius/laptop"
check run run --json
check evaluate evaluate "$default" --proposal us_28_point --json
check predict predict "$default" --model eu --rounds 3 --json
check zopa zopa "$default" --json
check frontier frontier "$laptop/laptop_domain.xml" "$laptop/laptop_buyer_utility.xml" \
    "$laptop/laptop_seller_utility.xml" --json
check simulate simulate "$default" --runs 50 --seed 3 --json
check exchange predict "$SRC/tests/data/decide/toll-road.txt" --model exchange --json

# Strings with quotes, backslashes, control characters and non-ASCII text, escaped as
# jansson escapes them, and a number that is not short in %.17g (0.1 + 0.2).
python3 - "$SRC/tests/data/native/full.json" "$WORK/odd.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["name"] = 'Quote " backslash \\ tab \t bell \u0007 unit \u001f Zürich \u2014 \u0436'
d["actors"][0]["name"] = "line\nbreak\r\fform\bfeed /slash"
d["actors"][0]["capability"] = 0.1 + 0.2
json.dump(d, open(sys.argv[2], "w"))
EOF
check strings run "$WORK/odd.json" --json
if grep -qF '"Quote \" backslash \\ tab \t bell \u0007 unit \u001F Zürich' "$WORK/out"; then pass
else fail "escapes: $(grep -m1 Quote "$WORK/out")"; fi
if grep -q '0\.30000000000000004' "$WORK/out"; then pass; else fail "0.1 + 0.2 not shortest"; fi

# A frontier of more than one block of rows (512) and 20,000 numbers is formatted on
# several threads; the text is the same for any --threads.
python3 - "$WORK/big.json" <<'EOF'
import json, random, sys
rng = random.Random(7)
issues = [{"id": f"i{k}", "options": [{"id": f"v{j}"} for j in range(6)]} for k in range(9)]
actors = []
for a in range(4):
    stances = {i["id"]: {"values": {o["id"]: round(rng.random(), 3) for o in i["options"]},
                         "salience": round(rng.uniform(0.1, 1), 3)} for i in issues}
    actors.append({"id": f"p{a}", "capability": 1, "stances": stances})
json.dump({"parley": 1, "actors": actors, "issues": issues}, open(sys.argv[1], "w"))
EOF
check big-frontier frontier "$WORK/big.json" --threads 2 --json
cp "$WORK/out" "$WORK/big2"
points=$(jq .frontier_size "$WORK/big2")
if [ "$points" -gt 1024 ]; then pass; else fail "frontier of $points points: too small"; fi
for t in 1 3; do
    expect_status 0 "$PARLEY" frontier "$WORK/big.json" --threads $t --json
    if cmp -s "$WORK/out" "$WORK/big2"; then pass; else fail "--threads $t differs"; fi
done

# The streamed text on a full disk: parley says so once and exits 1.
"$PARLEY" frontier "$WORK/big.json" --json >/dev/full 2>"$WORK/err" </dev/null
status=$?
if [ "$status" = 1 ] && [ "$(wc -l <"$WORK/err")" = 1 ] &&
   grep -q "error: cannot write the output" "$WORK/err"; then pass
else fail "frontier --json >/dev/full: exit $status, $(cat "$WORK/err")"; fi

finish
