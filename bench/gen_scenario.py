#!/usr/bin/env python3
"""Write a random parley scenario (JSON) for the zone benchmarks (bench/bench_zopa.sh).

Usage: gen_scenario.py ACTORS ISSUES SEED [OPTIONS_ISSUES] > scenario.json

Every actor holds a veto (unanimity), has a position and a salience on every
continuous issue 0-100, a reservation between 0.15 and 0.35 and, with
probability 0.3 per issue, a red line half a range wide around its position.
The last OPTIONS_ISSUES issues (default 0) have three options with random
values. Python's random.Random(SEED) makes the file a function of the
arguments.
"""
import json
import random
import sys


def main():
    actors, issues, seed = (int(a) for a in sys.argv[1:4])
    n_options = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    rng = random.Random(seed)
    doc = {"parley": 1, "id": f"gen-{actors}x{issues}-{seed}", "name": "generated",
           "decision_rule": {"kind": "unanimity"}, "issues": [], "actors": []}
    for i in range(issues):
        issue = {"id": f"i{i}", "name": f"issue {i}"}
        if i >= issues - n_options:
            issue["options"] = [{"id": f"o{k}", "label": f"option {k}"} for k in range(3)]
        else:
            issue["range"] = [0, 100]
        doc["issues"].append(issue)
    for a in range(actors):
        actor = {"id": f"A{a}", "capability": rng.randint(10, 100), "veto": True,
                 "reservation": round(rng.uniform(0.15, 0.35), 3), "stances": {},
                 "red_lines": {}}
        for i, issue in enumerate(doc["issues"]):
            salience = round(rng.uniform(0.2, 1.0), 2)
            if "options" in issue:
                values = [round(rng.random(), 2) for _ in range(3)]
                values[rng.randrange(3)] = 1.0
                actor["stances"][issue["id"]] = {"values": dict(zip(["o0", "o1", "o2"], values)),
                                                 "salience": salience}
                continue
            position = rng.randint(0, 100)
            actor["stances"][issue["id"]] = {"position": position, "salience": salience}
            if rng.random() < 0.3:
                actor["red_lines"][issue["id"]] = ({"min": max(0, position - 50)}
                                                   if position >= 50 else
                                                   {"max": min(100, position + 50)})
        doc["actors"].append(actor)
    json.dump(doc, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
