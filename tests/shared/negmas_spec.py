#!/usr/bin/env python3
# negmas_spec.py: an independent implementation of docs/specs/negmas-sao.md
# ("SAO with NegMAS time-based negotiators: an exact specification"), used to check
# `parley simulate` against the spec.  It was written from the spec's text alone,
# without reading parley's code (src/lib/simulate/sao*.c, agents.c, genius*.c): the two
# implementations agreeing bit for bit is the point.  Plain Python 3, standard
# library only (Python floats are IEEE binary64 and float() is correctly rounded,
# as spec §10 requires; math.pow is the C library's pow).
#
# Section numbers (§) below refer to the spec.
#
# Usage:
#   negmas_spec.py FOLDER [AGENT_A AGENT_B] [--domain FILE] [--literal]
#       FOLDER holds one GENIUS domain file and two profile files.  Prints one line
#       per ordered pair (all 9 of boulware/linear/conceder without agent names):
#       "A B STEP UA UB", UA/UB as repr() of the floats, "NONE NONE" (STEP 100)
#       without agreement.
#   negmas_spec.py --self-test [--shared DIR]
#       Appendix A test vectors and the Appendix B worked example (Laptop).
#   negmas_spec.py --check-parley PARLEY GENIUS_DIR
#       For every row of GENIUS_DIR/INDEX.tsv within the spec's scope, all 9 pairs:
#       compare `PARLEY simulate FOLDER --agents A,B --runs 1 --json` with this
#       oracle (agreement step, and both utilities bit for bit).
# --literal uses the literal §8 search over the whole list L instead of the fast
# equivalent procedure (slow; for checking the fast one on small domains).

import bisect
import csv
import json
import math
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

N_STEPS = 100                       # §1, §4
EXPONENTS = {"boulware": 4.0, "linear": 1.0, "conceder": 0.25}   # §5
AGENTS = ("boulware", "linear", "conceder")
MAX_OUTCOMES = 1000000              # §1, §12


class SpecError(Exception):
    """Input outside the spec's scope or malformed."""


# ----------------------------------------------------------------------------------
# §2.1 Issues and values

def issue_kind(elem):
    kinds = {(elem.get(a) or "").strip().lower() for a in ("type", "etype", "vtype")}
    kinds.discard("")
    if "real" in kinds:
        return "real"
    if "integer" in kinds:
        return "integer"
    if "discrete" in kinds or not kinds:
        return "discrete"
    return "/".join(sorted(kinds))


def integer_bounds(elem):
    lb, ub = elem.get("lowerbound"), elem.get("upperbound")
    rng = elem.find("range")
    if (lb is None or ub is None) and rng is not None:
        lb, ub = rng.get("lowerbound"), rng.get("upperbound")
    if lb is None or ub is None:
        raise SpecError("integer issue %r without bounds" % elem.get("name"))
    return int(lb), int(ub)


class Issue:
    def __init__(self, elem):
        self.index = int(elem.get("index"))
        self.name = elem.get("name")
        self.kind = issue_kind(elem)
        if self.kind == "discrete":
            self.values = []
            seen = set()
            # Direct <item> children only: items nested in e.g. <similarity_function>
            # are not values of the issue.
            for item in elem.findall("item"):
                label = item.get("value")
                if label in seen:          # a repeated label counts once (first)
                    continue
                seen.add(label)
                self.values.append(label)
            self.lb = None
        elif self.kind == "integer":
            self.lb, ub = integer_bounds(elem)
            self.values = list(range(self.lb, ub + 1))
        else:
            raise SpecError("issue %r is %s: out of the spec's scope (§12)"
                            % (self.name, self.kind))
        if not self.values:
            raise SpecError("issue %r has no values" % self.name)


def is_profile(root):
    return any(True for _ in root.iter("weight"))


def find_domain_file(folder, xml_files):
    """The domain is the XML file that defines issues but has no <weight>s."""
    domains = []
    for f in xml_files:
        try:
            root = ET.parse(os.path.join(folder, f)).getroot()
        except ET.ParseError:
            continue
        if any(True for _ in root.iter("issue")) and not is_profile(root):
            domains.append(f)
    if len(domains) != 1:
        raise SpecError("%s: cannot tell the domain file among %s (use --domain)"
                        % (folder, domains or xml_files))
    return domains[0]


# ----------------------------------------------------------------------------------
# §2.3 Utility

class Profile:
    def __init__(self, path, issues):
        self.path = path
        self.name = os.path.splitext(os.path.basename(path))[0]
        root = ET.parse(path).getroot()
        pissues = {}
        for e in root.iter("issue"):
            pissues.setdefault(int(e.get("index")), e)
        raw = {}
        for w in root.iter("weight"):
            raw.setdefault(int(w.get("index")), float(w.get("value")))
        # Weights: only those of issues count (nested objectives' are ignored);
        # W summed in issue order from 0.0, w_i = fl(raw_i / W).
        W = 0.0
        for iss in issues:
            if iss.index not in raw:
                raise SpecError("%s: no weight for issue %r" % (path, iss.name))
            W = W + raw[iss.index]
        self.weights = [raw[iss.index] / W for iss in issues]
        self.evals = []
        for iss in issues:
            pe = pissues.get(iss.index)
            if pe is None:
                raise SpecError("%s: issue %r missing" % (path, iss.name))
            if iss.kind == "discrete":
                ev = {}
                for item in pe.findall("item"):
                    if item.get("evaluation") is None:
                        raise SpecError("%s: item without evaluation" % path)
                    ev.setdefault(item.get("value"), float(item.get("evaluation")))
                M = max(ev.values()) if ev else 0.0
                e = []
                for label in iss.values:
                    if label not in ev:
                        raise SpecError("%s: no evaluation for %r of %r"
                                        % (path, label, iss.name))
                    e.append(0.0 if M < 1e-5 else ev[label] / M)
            else:
                evaluator = pe.find("evaluator")
                if evaluator is None:
                    raise SpecError("%s: integer issue %r without evaluator"
                                    % (path, iss.name))
                if evaluator.get("slope") is not None:
                    slope = float(evaluator.get("slope"))
                    offset = float(evaluator.get("offset") or "0")
                    e = [slope * float(v - iss.lb) + offset for v in iss.values]
                elif evaluator.get("parameter1") is not None:
                    p0 = float(evaluator.get("parameter0") or "0")
                    p1 = float(evaluator.get("parameter1"))
                    e = [p1 * float(v) + p0 for v in iss.values]
                else:
                    raise SpecError("%s: unknown integer evaluator" % path)
                e = [min(1.0, max(0.0, x)) for x in e]       # clamp to [0, 1]
            self.evals.append(e)
        # Per-issue term tables tau_i(v) = fl(w_i * e_i(v)).
        self.terms = [[w * x for x in e] for w, e in zip(self.weights, self.evals)]
        self.rv = 0.0
        for r in root.iter("reservation"):
            if r.get("value") is not None:
                self.rv = float(r.get("value"))
            break

    def utilities(self):
        """u(o) for every outcome in enumeration order (§2.2: the first issue varies
        slowest): fl(...fl(fl(0.0 + tau_1) + tau_2) ... + tau_n), never clipped."""
        sums = [0.0]
        for tau in self.terms:
            sums = [s + t for s in sums for t in tau]
        return sums


class Scenario:
    def __init__(self, folder, domain_file=None):
        self.folder = folder
        xml_files = sorted((f for f in os.listdir(folder) if f.endswith(".xml")),
                           key=lambda f: f.encode())       # byte-wise order (§1)
        if domain_file is None:
            domain_file = find_domain_file(folder, xml_files)
        self.domain_file = domain_file
        root = ET.parse(os.path.join(folder, domain_file)).getroot()
        self.issues = sorted((Issue(e) for e in root.iter("issue")),
                             key=lambda i: i.index)
        profiles = [f for f in xml_files if f != domain_file]
        if len(profiles) != 2:
            raise SpecError("%s: %d profiles, the spec covers 2" % (folder, len(profiles)))
        self.n_outcomes = 1
        for iss in self.issues:
            self.n_outcomes *= len(iss.values)
        if self.n_outcomes > MAX_OUTCOMES:
            raise SpecError("%s: %d outcomes > 1,000,000 (§12)" % (folder, self.n_outcomes))
        self.profiles = [Profile(os.path.join(folder, f), self.issues) for f in profiles]

    def outcome(self, r):
        """The values of the outcome numbered r (§2.2)."""
        vals = []
        for iss in reversed(self.issues):
            r, v = divmod(r, len(iss.values))
            vals.append(iss.values[v])
        return tuple(reversed(vals))


# ----------------------------------------------------------------------------------
# Appendix A: numpy 1.24's argsort (introsort) for doubles

def _heapsort(x, p, lo, s):
    # Heap position h (1..s) is p[lo + h - 1].
    base = lo - 1

    def sift(a, i, s):
        xa = x[a]
        j = 2 * i
        while j <= s:
            if j < s and x[p[base + j]] < x[p[base + j + 1]]:
                j += 1
            if xa < x[p[base + j]]:
                p[base + i] = p[base + j]
                i = j
                j = 2 * j
            else:
                break
        p[base + i] = a

    for start in range(s // 2, 0, -1):
        sift(p[base + start], start, s)
    while s > 1:
        tmp = p[base + s]
        p[base + s] = p[base + 1]
        s -= 1
        sift(tmp, 1, s)


def argsort(x):
    """The permutation of Appendix A: x[p[0]] <= x[p[1]] <= ..."""
    n = len(x)
    p = list(range(n))
    if n < 2:
        return p
    stack = []
    lo, hi = 0, n - 1
    budget = 2 * (n.bit_length() - 1)
    while True:
        if budget < 0:
            _heapsort(x, p, lo, hi - lo + 1)
        else:
            while hi - lo > 15:
                mid = lo + (hi - lo) // 2
                if x[p[mid]] < x[p[lo]]:
                    p[mid], p[lo] = p[lo], p[mid]
                if x[p[hi]] < x[p[mid]]:
                    p[hi], p[mid] = p[mid], p[hi]
                if x[p[mid]] < x[p[lo]]:
                    p[mid], p[lo] = p[lo], p[mid]
                v = x[p[mid]]
                p[mid], p[hi - 1] = p[hi - 1], p[mid]
                i, j = lo, hi - 1
                while True:
                    i += 1
                    while x[p[i]] < v:
                        i += 1
                    j -= 1
                    while v < x[p[j]]:
                        j -= 1
                    if i >= j:
                        break
                    p[i], p[j] = p[j], p[i]
                p[i], p[hi - 1] = p[hi - 1], p[i]
                budget -= 1
                if i - lo < hi - i:
                    stack.append((i + 1, hi, budget))
                    hi = i - 1
                else:
                    stack.append((lo, i - 1, budget))
                    lo = i + 1
            # straight insertion sort of p[lo..hi]
            for q in range(lo + 1, hi + 1):
                a = p[q]
                xa = x[a]
                k = q
                while k > lo and xa < x[p[k - 1]]:
                    p[k] = p[k - 1]
                    k -= 1
                p[k] = a
        if not stack:
            return p
        lo, hi, budget = stack.pop()


# ----------------------------------------------------------------------------------
# §3 Per-negotiator tables

class Party:
    def __init__(self, profile, issues, U):
        self.profile = profile
        self.U = U
        self.rv = rv = profile.rv
        # §3.1 best and worst outcome, issue by issue.
        best_pos, worst_pos = [], []
        for w, e in zip(profile.weights, profile.evals):
            top = bottom = 0
            for v in range(1, len(e)):
                if e[v] >= e[top]:
                    top = v            # last value reaching the largest e_i
                if e[v] < e[bottom]:
                    bottom = v         # first value reaching the smallest e_i
            if w > 0:
                best_pos.append(top)
                worst_pos.append(bottom)
            else:
                best_pos.append(bottom)
                worst_pos.append(top)

        def number(pos):
            r = 0
            for iss, v in zip(issues, pos):
                r = r * len(iss.values) + v
            return r

        def utility(pos):
            s = 0.0
            for tau, v in zip(profile.terms, pos):
                s = s + tau[v]
            return s

        self.bstar = number(best_pos)
        self.u_max = utility(best_pos)
        self.u_worst = utility(worst_pos)
        assert self.u_max == U[self.bstar] == max(U) and self.u_worst == min(U)
        # §3.2 floor
        self.m = rv if self.u_worst < rv else self.u_worst
        # §3.3-3.6 rational outcomes, ranking, tail
        R = [r for r, u in enumerate(U) if u >= rv]
        x = [U[r] for r in R]
        perm = argsort(x)
        self.P = [R[q] for q in perm]            # ranked list, ascending utility
        self.RU = [x[q] for q in perm]           # their utilities
        self.K = len(self.P)
        self.T = [r for r, u in enumerate(U) if u < rv]
        # fast §8: only tail outcomes with U >= fl(rv - 1e-6) can be in the window
        near = rv - 1e-6
        self.near_tail = [r for r in self.T if U[r] >= near]

    # §6 The utility band
    def band(self, t, e):
        alpha = 1.0 - math.pow(t, e)                  # §5
        m, u_max = self.m, self.u_max
        if m > u_max:
            return m, m
        d = u_max - m
        l0 = d * alpha                                # two roundings, no FMA
        l0 = l0 + m
        l1 = l0 - 1e-4
        lo = max(m, min(u_max, l1))
        return lo, u_max

    # §7 Acceptance
    def accepts(self, o, lo, hi):
        u = self.U[o]
        return lo <= u <= hi

    # §8 Offer rule, the fast equivalent procedure
    def offer(self, lo, hi):
        if self.K == 0:
            return self.bstar
        RU, P, U = self.RU, self.P, self.U
        i0 = bisect.bisect_left(RU, lo)          # first ranked position with U >= lo
        best = P[i0]
        delta = abs(RU[i0] - lo)
        a = lo - 1e-6
        b = hi + 2e-6
        for q in range(bisect.bisect_left(RU, a), i0):
            u = RU[q]
            if a <= u <= b:
                dq = abs(u - lo)
                if dq < delta:
                    best, delta = P[q], dq
        for r in self.near_tail:
            u = U[r]
            if a <= u <= b:
                dq = abs(u - lo)
                if dq < delta:
                    best, delta = r, dq
        return best

    # §8 Offer rule, literally (visit every position of L = P + T)
    def offer_literal(self, lo, hi):
        if self.K == 0:
            return self.bstar
        U = self.U
        i0 = 0
        while not U[self.P[i0]] >= lo:
            i0 += 1
        L = self.P + self.T
        best = i0
        delta = abs(U[L[i0]] - lo)
        a = lo - 1e-6
        b = hi + 2e-6
        for j in range(len(L)):
            u = U[L[j]]
            if a <= u <= b and abs(u - lo) < delta:
                best, delta = j, abs(u - lo)
        return L[best]


def prepare(scenario):
    """Per-party tables, built once per domain (they do not depend on the agent)."""
    return [Party(p, scenario.issues, p.utilities()) for p in scenario.profiles]


# ----------------------------------------------------------------------------------
# §4, §9 Time and protocol

def negotiate(A, B, eA, eB, literal=False, trace=None):
    """Returns (agreement_step, outcome or None)."""
    standing = None
    for k in range(N_STEPS):
        t = (k + 1) / (N_STEPS + 1)              # t_k = fl((k+1)/(N+1))
        loA, hiA = A.band(t, eA)
        loB, hiB = B.band(t, eB)
        if standing is not None and A.accepts(standing, loA, hiA):
            return k + 1, standing
        oA = A.offer_literal(loA, hiA) if literal else A.offer(loA, hiA)
        if trace is not None:
            trace.append(("A", k, loA, oA))
        if B.accepts(oA, loB, hiB):
            return k + 1, oA
        oB = B.offer_literal(loB, hiB) if literal else B.offer(loB, hiB)
        if trace is not None:
            trace.append(("B", k, loB, oB))
        standing = oB
    return N_STEPS, None


def result_line(parties, a, b, literal=False):
    A, B = parties
    step, o = negotiate(A, B, EXPONENTS[a], EXPONENTS[b], literal)
    if o is None:
        return step, None, None
    return step, A.U[o], B.U[o]


def run_folder(folder, agents, domain_file=None, literal=False):
    sc = Scenario(folder, domain_file)
    parties = prepare(sc)
    pairs = [tuple(agents)] if agents else [(a, b) for a in AGENTS for b in AGENTS]
    for a, b in pairs:
        step, ua, ub = result_line(parties, a, b, literal)
        if ua is None:
            print(a, b, step, "NONE", "NONE")
        else:
            print(a, b, step, repr(ua), repr(ub))
    return 0


# ----------------------------------------------------------------------------------
# Self-test: Appendix A test vectors and the Appendix B worked example

VEC1 = ([2, 0, 1, 1, 1, 0, 2, 0, 0, 2, 2, 1, 0, 1, 1, 2, 2],
        [8, 1, 5, 7, 12, 2, 3, 4, 14, 13, 11, 0, 9, 15, 6, 10, 16])
VEC2 = ([0.5, 0.25, 0.75, 0, 0, 1, 0, 0.5, 1, 0, 1, 0.25, 0, 0, 0.75, 0.75, 0, 0.25, 0, 1,
         0.75, 0, 1, 0, 0.25, 1, 0, 1, 1, 0.75, 0, 0.25, 0, 1, 0.25, 0.5, 0.75, 0.25, 1, 0],
        [39, 18, 16, 26, 30, 13, 12, 23, 9, 21, 6, 4, 3, 32, 34, 11, 37, 17, 1, 24, 31, 35,
         0, 7, 20, 2, 36, 15, 29, 14, 5, 33, 10, 22, 28, 27, 25, 38, 8, 19])


def self_test(shared):
    failures = []

    def check(what, got, want):
        if got != want:
            failures.append("%s: got %r, want %r" % (what, got, want))

    for n, (x, want) in enumerate((VEC1, VEC2), 1):
        check("Appendix A vector %d" % n, argsort([float(v) for v in x]), want)
    # the heap-sort branch: sorted output and a permutation, on an input that reaches it
    import random
    rnd = random.Random(1)
    for size in (0, 1, 2, 16, 17, 18, 100, 1000):
        x = [float(rnd.randint(0, 3)) for _ in range(size)]
        p = argsort(x)
        check("argsort permutation n=%d" % size, sorted(p), list(range(size)))
        check("argsort order n=%d" % size, [x[q] for q in p], sorted(x))
    for size in (7, 40):
        p = list(range(size))
        x = [float(rnd.random()) for _ in range(size)]
        _heapsort(x, p, 0, size)
        check("heapsort n=%d" % size, [x[q] for q in p], sorted(x))

    laptop = os.path.join(shared, "data", "genius", "anac", "y2011", "Laptop")
    if not os.path.isdir(laptop):
        print("self-test: Appendix B skipped, %s is absent" % laptop)
    else:
        sc = Scenario(laptop)
        check("Laptop party A", os.path.basename(sc.profiles[0].path),
              "laptop_buyer_utility.xml")
        A, B = prepare(sc)
        check("A u_max", A.u_max, 1.0)
        check("A u_worst", A.u_worst, 0.35041053657133014)
        check("A rv", A.rv, 0.0)
        check("A m", A.m, 0.35041053657133014)
        check("B u_max", B.u_max, 1.0)
        check("B m", B.m, 0.3526459436673577)
        e = EXPONENTS["linear"]
        trace = []
        step, o = negotiate(A, B, e, e, trace=trace)
        check("Appendix B step", step, 20)
        check("Appendix B utilities", (A.U[o], B.U[o]) if o is not None else None,
              (0.87397902271897376, 0.87397902271897365))
        check("Appendix B agreement", o is not None and sc.outcome(o),
              ("HP", "80 Gb", "19'' LCD"))
        ev = {(who, k): (lo, off) for who, k, lo, off in trace}
        want = [
            ("A", 0, 0.99346842115417155, ("HP", "60 Gb", "19'' LCD"), 1.0, 0.8150631714971639),
            ("B", 0, 0.99349055389769658, ("Macintosh", "80 Gb", "19'' LCD"),
             0.72558251788847661, 1.0),
            ("A", 18, None, ("HP", "60 Gb", "20'' LCD"), 0.88216829755638038,
             0.66666666666666674),
            ("B", 18, 0.87812052405623564, ("Macintosh", "60 Gb", "19'' LCD"),
             0.85160349516950296, 0.94108414877819024),
            ("A", 19, 0.87126842308343178, ("HP", "80 Gb", "19'' LCD"),
             0.87397902271897376, 0.87397902271897365),
        ]
        for who, k, lo, out, ua, ub in want:
            if (who, k) not in ev:
                failures.append("Appendix B: no offer by %s in round %d" % (who, k))
                continue
            got_lo, off = ev[(who, k)]
            if lo is not None:
                check("Appendix B %s floor round %d" % (who, k), got_lo, lo)
            check("Appendix B %s offer round %d" % (who, k), sc.outcome(off), out)
            check("Appendix B %s offer utilities round %d" % (who, k),
                  (A.U[off], B.U[off]), (ua, ub))
        check("Appendix B B floor round 19", B.band(20 / 101, e)[0], 0.87171107795393221)
        # the literal §8 search gives the same run
        check("Appendix B literal search", negotiate(A, B, e, e, literal=True), (step, o))
    for f in failures:
        print("self-test FAIL: " + f)
    print("self-test: %s" % ("passed" if not failures else "%d failures" % len(failures)))
    return 1 if failures else 0


# ----------------------------------------------------------------------------------
# Comparison with parley

def in_scope(row):
    """None if the spec covers this INDEX.tsv row, else the reason it does not."""
    if row["n_profiles"] != "2":
        return "%s profiles (the spec covers 2 parties, §1)" % row["n_profiles"]
    if row["profile_kind"] != "additive":
        return "%s profiles (the spec covers linear-additive ones, §12)" % row["profile_kind"]
    if int(row["n_outcomes"]) > MAX_OUTCOMES:
        return "%s outcomes > 1,000,000 (NegMAS switches to BIDS, §12)" % row["n_outcomes"]
    if "real" in row["issue_types"].split("/"):
        return "real-valued issues (§12)"
    return None


def parley_result(js):
    """(step, ua_text, ub_text) or (None, None, None) without agreement."""
    agreements = int(js["agreements"])
    if agreements == 0:
        return None, None, None, js.get("mean_agreement_step")
    if agreements != 1:
        raise RuntimeError("%d agreements in 1 run" % agreements)
    ua, ub = js["mean_utilities"]
    return js["mean_agreement_step"], ua, ub, None


def check_parley(parley, genius_dir):
    index = os.path.join(genius_dir, "INDEX.tsv")
    with open(index, newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    passed = failed = skipped = 0
    for row in rows:
        folder = os.path.join(genius_dir, row["folder"])
        reason = in_scope(row)
        if reason:
            print("skipped %s: %s" % (row["folder"], reason))
            skipped += 1
            continue
        pairs = [(a, b) for a in AGENTS for b in AGENTS]
        # start parley on the 9 pairs while the oracle builds its tables
        procs = {}
        for a, b in pairs:
            procs[(a, b)] = subprocess.Popen(
                [parley, "simulate", folder, "--agents", "%s,%s" % (a, b), "--runs", "1",
                 "--json", "--quiet"],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        try:
            sc = Scenario(folder, row["domain_file"])
            parties = prepare(sc)
        except SpecError as exc:
            for p in procs.values():
                p.communicate()
            print("FAIL %s: the oracle cannot load it: %s" % (row["folder"], exc))
            failed += len(pairs)
            continue
        for a, b in pairs:
            out, err = procs[(a, b)].communicate()
            step, ua, ub = result_line(parties, a, b)
            want = "%d %s %s" % (step, "NONE" if ua is None else "%.17g" % ua,
                                 "NONE" if ub is None else "%.17g" % ub)
            try:
                if procs[(a, b)].returncode != 0:
                    raise RuntimeError("exit %d: %s" % (procs[(a, b)].returncode, err.strip()))
                js = json.loads(out, parse_float=str, parse_int=str)
                pstep, pua, pub, nostep = parley_result(js)
            except (RuntimeError, ValueError, KeyError, TypeError) as exc:
                print("FAIL %s %s,%s: parley: %s; oracle %s" % (row["folder"], a, b, exc, want))
                failed += 1
                continue
            if pstep is None:
                got = "%d NONE NONE" % N_STEPS
                ok = ua is None and nostep is None
            else:
                got = "%s %s %s" % (pstep, pua, pub)
                ok = (ua is not None and float(pstep) == step
                      and float(pua) == ua and float(pub) == ub)
            if ok:
                passed += 1
            else:
                failed += 1
                print("FAIL %s %s,%s: parley %s, oracle %s"
                      % (row["folder"], a, b, got, want))
        sys.stdout.flush()
    print("%d domains skipped, %d compared" % (skipped, (passed + failed) // 9))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


# ----------------------------------------------------------------------------------

def main(argv):
    args = list(argv)
    shared = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                           "..", "..", "..", "shared"))
    if "--shared" in args:
        i = args.index("--shared")
        shared = args[i + 1]
        del args[i:i + 2]
    domain_file = None
    if "--domain" in args:
        i = args.index("--domain")
        domain_file = os.path.basename(args[i + 1])
        del args[i:i + 2]
    literal = "--literal" in args
    if literal:
        args.remove("--literal")
    if args and args[0] == "--self-test":
        return self_test(shared)
    if args and args[0] == "--check-parley" and len(args) == 3:
        return check_parley(args[1], args[2])
    if len(args) not in (1, 3) or (len(args) == 3 and not
                                   (args[1] in EXPONENTS and args[2] in EXPONENTS)):
        sys.stderr.write("usage: negmas_spec.py FOLDER [AGENT_A AGENT_B] [--domain FILE]"
                         " [--literal]\n       negmas_spec.py --self-test [--shared DIR]\n"
                         "       negmas_spec.py --check-parley PARLEY GENIUS_DIR\n")
        return 2
    try:
        return run_folder(args[0], args[1:], domain_file, literal)
    except SpecError as exc:
        sys.stderr.write("negmas_spec.py: %s\n" % exc)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
