#!/usr/bin/python3
"""parley from Python: the figures of docs/python.md, "Speed".

    make && /usr/bin/python3 bench/bench_python.py [SHARED_DATA]

SHARED_DATA defaults to ../shared/data (the ANAC domains AgentHp2 and Camera;
the measures that need them are skipped without it). Every figure is the best
of several repetitions (the machine is shared). Targets (issue #17): the
frontier of AgentHp2 (5,764,801 outcomes) under 50 ms after loading; 20,000
SAO runs on Camera under 1 s; per-call overhead of small calls under 20 us.
"""
import ctypes
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))
import parley  # noqa: E402
from parley._ffi import ffi, lib  # noqa: E402


def best(function, repeat=5, number=1):
    """Best time of one call of `function`, over `repeat` batches of `number` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            function()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def report(name, seconds, target=None):
    shown = "%.3f ms" % (seconds * 1e3) if seconds >= 1e-3 else "%.2f us" % (seconds * 1e6)
    verdict = "" if target is None else ("  (target %s: %s)" % (
        target[1], "met" if seconds < target[0] else "MISSED"))
    print("%-62s %12s%s" % (name, shown, verdict))


def binding_overhead():
    """cffi (ABI mode) against ctypes on the same trivial C function: why cffi."""
    path = os.environ.get("PARLEY_LIBRARY") or os.path.join(ROOT, "build", "libparley.so.0")
    c = ctypes.CDLL(path)
    c.pl_solution_name.restype = ctypes.c_char_p
    c.pl_solution_name.argtypes = [ctypes.c_int]
    report("raw call, cffi ABI mode: pl_solution_name(0)",
           best(lambda: lib.pl_solution_name(0), number=200000))
    report("raw call, ctypes: pl_solution_name(0)",
           best(lambda: c.pl_solution_name(0), number=200000))
    diag = ffi.new("pl_diag *")
    cdiag = ctypes.create_string_buffer(ffi.sizeof("pl_diag"))
    report("raw call with a struct pointer, cffi: pl_diag_clear",
           best(lambda: lib.pl_diag_clear(diag), number=200000))
    report("raw call with a struct pointer, ctypes: pl_diag_clear",
           best(lambda: c.pl_diag_clear(cdiag), number=200000))


def small_calls():
    table = parley.load(os.path.join(ROOT, "tests", "data", "stakeholder",
                                     "emission_standards.csv"))
    report("Scenario.predict('compromise'), 1-issue table (%d actors)" % len(table.actors),
           best(lambda: table.predict("compromise"), number=5000), (20e-6, "20 us"))
    report("Scenario.predict('median'), same table",
           best(lambda: table.predict("median"), number=5000), (20e-6, "20 us"))
    report("Scenario.issues (ids from the C struct)",
           best(lambda: table.issues, number=20000), (20e-6, "20 us"))
    talks = parley.load(os.path.join(ROOT, "examples", "peace-talks-2025.json"))
    report("Scenario.predict('compromise'), default scenario (4 x 14)",
           best(lambda: talks.predict("compromise"), number=2000))
    report("parley.load(default scenario)",
           best(lambda: parley.load(os.path.join(ROOT, "examples", "peace-talks-2025.json")),
                number=200))


def big_frontier(shared):
    folder = os.path.join(shared, "genius", "anac", "y2016", "AgentHp2")
    if not os.path.isdir(folder):
        print("(no %s: AgentHp2 skipped)" % folder)
        return
    start = time.perf_counter()
    s = parley.load(folder)
    report("load AgentHp2 (domain + 3 profiles)", time.perf_counter() - start)
    d = s.frontier()
    print("  AgentHp2: %s outcomes, %d frontier points, numpy %s" % (
        d["outcomes"], d["frontier_size"], getattr(d["frontier"], "shape", "-")))
    report("frontier() of AgentHp2, 1 thread, after loading",
           best(lambda: s.frontier(), repeat=7), (50e-3, "50 ms"))
    report("frontier() of AgentHp2, 2 threads",
           best(lambda: s.frontier(threads=2), repeat=7), (50e-3, "50 ms"))


def camera(shared):
    folder = os.path.join(shared, "genius", "anac", "y2011", "Camera")
    if not os.path.isdir(folder):
        print("(no %s: Camera skipped)" % folder)
        return
    s = parley.load(folder)
    report("simulate(runs=20000) on Camera, linear x linear (deterministic)",
           best(lambda: s.simulate(agents="linear", runs=20000)), (1.0, "1 s"))
    # With a drawn reservation every one of the 20,000 runs is negotiated (no replication).
    document = s.to_dict()
    party = document["actors"][0]["id"]
    document["uncertainty"] = [{"id": "rv", "draws": [
        {"actor": party, "quantity": "reservation", "spread": 0.05}]}]
    drawn = parley.load(document)
    d = drawn.simulate(agents="linear", runs=20000)
    assert not d["deterministic"]
    for threads in (1, 2):
        report("simulate(runs=20000) on Camera, drawn reservation, %d thread%s" % (
            threads, "s" if threads > 1 else ""),
            best(lambda: drawn.simulate(agents="linear", runs=20000, threads=threads),
                 repeat=3), (1.0, "1 s"))
    report("... the same with keep_runs=True (per-run numpy arrays)",
           best(lambda: drawn.simulate(agents="linear", runs=20000, keep_runs=True),
                repeat=3))


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(ROOT),
                                                                 "shared", "data")
    print("parley %s, Python %s, cffi %s, %d processors" % (
        parley.version(), sys.version.split()[0], __import__("cffi").__version__,
        os.cpu_count()))
    binding_overhead()
    small_calls()
    big_frontier(shared)
    camera(shared)


if __name__ == "__main__":
    main()
