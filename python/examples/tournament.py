"""docs/python.md's tutorial: two negotiators written in Python and parley's
built-in agents in one tournament on ANAC 2011's Laptop domain (shipped in
tests/data/genius/laptop). Run from the repository root after `make`:

    PYTHONPATH=python /usr/bin/python3 python/examples/tournament.py
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import parley  # noqa: E402
from aspiration import Aspiration  # noqa: E402
from tit_for_tat import NaiveTitForTat  # noqa: E402

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
laptop = os.path.join(root, "tests", "data", "genius", "laptop")

result = parley.tournament([laptop],
                           agents=[NaiveTitForTat(), Aspiration(4.0), "boulware", "conceder"],
                           steps=100, runs=1)
print("Nash point:", ", ".join("%.4f" % u for u in result["domains"][0]["nash"]))
print("%-34s %6s %5s %15s %9s" % ("agents (buyer, seller)", "agreed", "step", "utilities",
                                   "to Nash"))
for row in result["results"]:
    utilities = row["mean_utilities"]
    print("%-34s %6.2f %5s %7.4f %7.4f %9s" % (
        " vs ".join(row["agents"]), row["agreement_rate"],
        "-" if row["mean_agreement_step"] is None else "%d" % row["mean_agreement_step"],
        utilities[0], utilities[1],
        "-" if row["nash_distance"] is None else "%.4f" % row["nash_distance"]))
