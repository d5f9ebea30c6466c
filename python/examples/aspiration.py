"""A time-based aspiration negotiator in Python: its aspiration falls from its
best utility to its reservation as 1 - t^e (e > 1 concedes late, like a
Boulware agent; e < 1 early, like a conceder; after the time-based agents of
docs/specs/negmas-sao.md, section 5). It offers the outcome just above its
aspiration and accepts any offer at or above it.
"""
import parley


class Aspiration(parley.Negotiator):
    deterministic = True

    def __init__(self, exponent=4.0, reservation=0.0):
        self.exponent = exponent
        self.reservation = reservation
        self.name = "py-aspiration:%g" % exponent

    def begin(self, state):
        self.ranked = sorted((state.utility(o), k, o) for k, o in enumerate(state.outcomes()))
        self.best = self.ranked[-1][0]

    def aspiration(self, state):
        floor = max(self.reservation, self.ranked[0][0])
        return floor + (self.best - floor) * (1.0 - state.time ** self.exponent)

    def propose(self, state):
        level = self.aspiration(state)
        for utility, _, offer in self.ranked:   # the lowest outcome at or above the level
            if utility >= level - 1e-12:
                return offer
        return self.ranked[-1][2]

    def respond(self, state, offer):
        return state.utility(offer) >= self.aspiration(state) - 1e-12
