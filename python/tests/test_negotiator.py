"""Negotiators written in Python (parley.Negotiator over the C callback
interface of parley/simulate.h): they play against the built-in agents and
each other, and an exception inside one ends the negotiation with a
ParleyError naming it, never a crash."""
import os
import sys
import unittest

import parley
from support import EXAMPLE, LAPTOP, SOURCE

sys.path.insert(0, os.path.join(SOURCE, "python", "examples"))
from aspiration import Aspiration  # noqa: E402
from tit_for_tat import NaiveTitForTat  # noqa: E402


class Concede(parley.Negotiator):
    """Offers its own best outcome, accepts anything: the other party's
    first offer is agreed at step 1 (NegMAS's convention, docs/cli-contract.md)."""
    def begin(self, state):
        self.best = max(state.outcomes(), key=state.utility)

    def propose(self, state):
        return self.best

    def respond(self, state, offer):
        return True


class Midpoint(parley.Negotiator):
    """Offers the middle value of every issue and accepts anything (any space size)."""
    def propose(self, state):
        return {issue: state.values(issue)[len(state.values(issue)) // 2]
                for issue in state.issues}

    def respond(self, state, offer):
        return state.allowed(offer)


class Raises(parley.Negotiator):
    def __init__(self, where):
        self.where = where

    def propose(self, state):
        if self.where == "propose":
            raise RuntimeError("propose broke")
        return {issue: state.values(issue)[0] for issue in state.issues}

    def respond(self, state, offer):
        if self.where == "respond":
            raise KeyError("respond broke")
        return False


class BadOffer(parley.Negotiator):
    def propose(self, state):
        return {"no such issue": 1}

    def respond(self, state, offer):
        return False


class Negotiators(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.laptop = parley.load(LAPTOP)

    def test_an_accepting_negotiator_takes_the_first_offer(self):
        d = self.laptop.simulate(agents=["boulware", Concede()], runs=3)
        self.assertEqual(d["agreement_rate"], 1.0)
        self.assertEqual(d["mean_agreement_step"], 1.0)
        # boulware opens with its best outcome: utility 1 for party 0 (GENIUS normalisation)
        self.assertEqual(d["mean_utilities"][0], 1.0)
        self.assertEqual(d["agents"], ["boulware", "Concede"])

    def test_the_python_boulware_matches_the_built_in_one(self):
        # Aspiration(4) is 1 - t^4 between the best and worst utilities like NegMAS's boulware;
        # on Laptop both settle on the same outcome at the same step against a conceder.
        mine = self.laptop.simulate(agents=[Aspiration(4.0), "conceder"], runs=1)
        theirs = self.laptop.simulate(agents=["boulware", "conceder"], runs=1)
        self.assertEqual(mine["mean_utilities"], theirs["mean_utilities"])

    def test_tournament_mixes_python_and_built_in_agents(self):
        agents = [NaiveTitForTat(), Aspiration(), "boulware", "conceder"]
        t = parley.tournament([os.path.dirname(LAPTOP[0])], agents, runs=2)
        self.assertEqual(t["agents"], ["py-tit-for-tat", "py-aspiration:4", "boulware",
                                       "conceder"])
        self.assertEqual(len(t["results"]), 16)
        pairs = {tuple(r["agents"]): r for r in t["results"]}
        # tit-for-tat against itself never concedes: no agreement; against conceder it agrees
        self.assertEqual(pairs[("py-tit-for-tat", "py-tit-for-tat")]["agreements"], 0)
        self.assertEqual(pairs[("py-tit-for-tat", "conceder")]["agreement_rate"], 1.0)

    def test_same_results_whatever_the_threads(self):
        # a drawn reservation makes every run a negotiation of its own, spread over the pool's
        # threads; each starts from a fresh copy of the negotiator, so the thread count cannot
        # change what it does
        document = self.laptop.to_dict()
        document["uncertainty"] = [{"id": "rv", "draws": [
            {"actor": document["actors"][1]["id"], "quantity": "reservation", "spread": 0.3}]}]
        drawn = parley.load(document)
        agents = [NaiveTitForTat(), Aspiration(2.0)]
        one = drawn.simulate(agents=agents, runs=150, threads=1)
        self.assertFalse(one["deterministic"])
        self.assertEqual(drawn.simulate(agents=agents, runs=150, threads=2), one)
        self.assertEqual(drawn.simulate(agents=agents, runs=150, threads=3), one)

    def test_exceptions_end_the_negotiation_with_a_parley_error(self):
        for where, kind in (("propose", RuntimeError), ("respond", KeyError)):
            with self.subTest(where=where):
                agents = [Raises(where), "conceder"] if where == "propose" \
                    else ["boulware", Raises(where)]
                with self.assertRaises(parley.ParleyError) as caught:
                    self.laptop.simulate(agents=agents, runs=5, threads=2)
                self.assertIn(kind.__name__, caught.exception.message)
                self.assertIsInstance(caught.exception.__cause__, kind)
                self.assertEqual(caught.exception.status, -10)
        with self.assertRaises(parley.ParleyError) as caught:
            parley.tournament([self.laptop], [Raises("propose"), "boulware"])
        self.assertIn("propose broke", str(caught.exception))

    def test_bad_offers_are_errors(self):
        with self.assertRaises(parley.ParleyError) as caught:
            self.laptop.simulate(agents=[BadOffer(), "boulware"], runs=1)
        self.assertIn("has no value for issue 'Laptop'", str(caught.exception))

    def test_on_the_continuum(self):
        # scenario input with continuous issues: offers are kept as given (docs/simulation.md)
        talks = parley.load(EXAMPLE)
        d = talks.simulate(agents=[Midpoint(), "conceder", "conceder", "conceder"], runs=4,
                           steps=30)
        self.assertEqual(d["runs"], 4)
        self.assertFalse(d["deterministic"])   # a Python negotiator may draw numbers
        self.assertEqual(d["agents"][0], "Midpoint")

    def test_mediator_refuses_python_negotiators(self):
        with self.assertRaises(parley.ParleyError):
            self.laptop.simulate("mediator", agents=[Concede()], runs=1)

    def test_state_utility_matches_evaluation(self):
        seen = []

        class Probe(Concede):
            def respond(self, state, offer):
                seen.append((state.utility(offer), state.utility(offer, 0), state.time,
                             state.proposer, state.party))
                return True
        self.laptop.simulate(agents=["boulware", Probe()], runs=1)
        own, other, time, proposer, party = seen[0]
        nash = self.laptop.frontier()["solutions"]["nash"]["utilities"]
        self.assertEqual(other, 1.0)              # boulware's opening: its best outcome
        self.assertEqual(own, nash[1])            # which is the Nash point on Laptop
        self.assertEqual(time, 1 / 101)           # t_0 = 1 / (N + 1), spec section 4
        self.assertEqual((proposer, party), ("laptop_buyer_utility", "laptop_seller_utility"))


if __name__ == "__main__":
    unittest.main()


class Tutorial(unittest.TestCase):
    def test_the_tutorial_runs_from_the_repository(self):
        import subprocess
        env = dict(os.environ, PYTHONPATH=os.path.join(SOURCE, "python"))
        result = subprocess.run([sys.executable, os.path.join(SOURCE, "python", "examples",
                                                              "tournament.py")],
                                capture_output=True, text=True, check=True, env=env)
        rows = {line[:34].strip(): line[34:].split() for line in result.stdout.splitlines()[2:]}
        self.assertEqual(len(rows), 16)
        # the Python aspiration agent with e = 4 is NegMAS's boulware: same results
        self.assertEqual(rows["py-aspiration:4 vs conceder"], rows["boulware vs conceder"])
        self.assertEqual(rows["conceder vs py-aspiration:4"], rows["conceder vs boulware"])
        self.assertEqual(rows["py-tit-for-tat vs py-tit-for-tat"][0], "0.00")
