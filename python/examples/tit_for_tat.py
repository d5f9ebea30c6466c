"""A naive tit-for-tat negotiator in Python (the idea of NegMAS's
NaiveTitForTatNegotiator, written anew for parley): it starts from its best
outcome and concedes, in its own utility, as much as the other side's last
offer conceded to it; it accepts an offer worth at least what it would
propose next. Run with docs/python.md's tutorial.
"""
import parley


class NaiveTitForTat(parley.Negotiator):
    name = "py-tit-for-tat"
    deterministic = True   # its moves depend only on what it is told

    def begin(self, state):
        # Outcomes ranked by this party's utility, best first (one copy per negotiation).
        self.ranked = sorted(((state.utility(o), k, o) for k, o in enumerate(state.outcomes())),
                             key=lambda entry: (-entry[0], entry[1]))
        self.best = self.ranked[0][0]
        self.target = self.best
        self.last_seen = None

    def _observe(self, state, offer):
        seen = state.utility(offer)
        if self.last_seen is not None and seen > self.last_seen:
            self.target -= seen - self.last_seen   # mirror the concession
        self.last_seen = seen

    def _nearest(self):
        # the worst outcome still at or above the target (the best one if none is)
        above = [entry for entry in self.ranked if entry[0] >= self.target - 1e-12]
        return (above[-1] if above else self.ranked[0])[2]

    def propose(self, state):
        return self._nearest()

    def respond(self, state, offer):
        self._observe(state, offer)
        return state.utility(offer) >= state.utility(self._nearest()) - 1e-12
