"""Negotiators written in Python, played by the library's SAO engine through
the C callback interface of parley/simulate.h (pl_negotiator).

Each negotiation starts from a fresh copy (copy.deepcopy) of the instance
given, one per party it plays, so an instance may play several parties (self-
play in a tournament) and runs on several threads without sharing state. An
exception inside propose or respond is caught here (never unwound through C):
the callback returns nonzero, the library stops the negotiation, and the
call raises ParleyError naming the exception, chained to it.
"""
import copy
import threading

from ._ffi import ParleyError, error_from, ffi, lib, text


class Negotiator:
    """Subclass and define propose and respond; optionally begin.

    propose(state) -> {issue id: value}: the offer (an option id on an options
    issue, a number on a continuous one; missing issues are an error).
    respond(state, offer) -> bool: accept the standing offer (a dict as above)?
    `state` (parley.NegotiationState) tells the party, step and time and gives
    the party's utility of any offer. Set `deterministic = True` when the moves
    depend only on the state (Monte Carlo may then negotiate once for all runs
    of a scenario without uncertainty); `name` shows in the results.
    """
    name = None
    deterministic = False

    def begin(self, state):
        """Called at the start of each negotiation (on a fresh copy)."""

    def propose(self, state):
        raise NotImplementedError("a Negotiator must define propose(state)")

    def respond(self, state, offer):
        raise NotImplementedError("a Negotiator must define respond(state, offer)")


class NegotiationState:
    """What a negotiator is told at each call (valid during the call only)."""
    __slots__ = ("_c", "_space", "party", "party_index", "step", "steps", "time", "proposer")

    def __init__(self, c_state, space):
        self._c = c_state
        self._space = space
        self.party_index = c_state.party
        self.party = space.actors[c_state.party]
        self.step = c_state.step
        self.steps = c_state.steps
        self.time = c_state.time
        self.proposer = space.actors[c_state.proposer] if c_state.standing != ffi.NULL else None

    @property
    def issues(self):
        """The issue ids, in order."""
        return self._space.issues

    def values(self, issue):
        """The values an offer may take on `issue`: its option ids, or the grid positions
        of a continuous issue (on the continuum any position in range is taken)."""
        return self._space.values[issue]

    def outcomes(self):
        """Every offer of the space, as dicts (the product of values(issue) over the
        issues; mind the size on large domains)."""
        import itertools
        issues = self._space.issues
        for combination in itertools.product(*(self._space.values[i] for i in issues)):
            yield dict(zip(issues, combination))

    def utility(self, offer, party=None):
        """`party`'s utility (this negotiator's own by default) of an offer dict."""
        index = self.party_index if party is None else self._space.actor_index(party)
        package = self._space.package(offer)
        return lib.pl_sao_state_utility(self._c, index, package)

    def allowed(self, offer):
        """True when the offer crosses none of this party's red lines."""
        return bool(lib.pl_sao_state_allowed(self._c, self.party_index,
                                             self._space.package(offer)))


class _Space:
    """Issue and option ids of a scenario, and offers dict <-> package array."""

    def __init__(self, scenario, grid):
        s = scenario._s
        self.actors = [text(s.actors[a].id) for a in range(s.n_actors)]
        self.issues = [text(s.issues[i].id) for i in range(s.n_issues)]
        self.options = []
        self.values = {}
        for i in range(s.n_issues):
            issue = s.issues[i]
            if issue.kind == lib.PL_ISSUE_OPTIONS:
                ids = [text(issue.options[k].id) for k in range(issue.n_options)]
                self.options.append({name: k for k, name in enumerate(ids)})
                self.values[self.issues[i]] = ids
            else:
                self.options.append(None)
                low, high = issue.low, issue.high
                self.values[self.issues[i]] = [
                    high if v == grid else low + (high - low) * v / grid
                    for v in range(grid + 1)]

    def actor_index(self, party):
        return self.actors.index(party) if isinstance(party, str) else int(party)

    def package(self, offer, out=None):
        if not isinstance(offer, dict):
            raise TypeError("an offer is a dict {issue id: value}, not %s"
                            % type(offer).__name__)
        if out is None:
            out = ffi.new("double[]", len(self.issues) + 1)
        for i, issue in enumerate(self.issues):
            if issue not in offer:
                raise KeyError("the offer has no value for issue '%s'" % issue)
            value = offer[issue]
            if self.options[i] is not None:
                if value not in self.options[i]:
                    raise ValueError("issue '%s' has no option %r" % (issue, value))
                out[i] = self.options[i][value]
            else:
                out[i] = float(value)
        if len(offer) != len(self.issues):
            unknown = sorted(set(offer) - set(self.issues))
            raise KeyError("the offer names unknown issues: %s" % ", ".join(map(str, unknown)))
        return out

    def offer(self, package):
        result = {}
        for i, issue in enumerate(self.issues):
            x = package[i]
            result[issue] = self.values[issue][int(x)] if self.options[i] is not None else x
        return result


class _Bridge:
    """One Negotiator instance as a pl_negotiator: C callbacks into Python."""

    def __init__(self, instance, space, failures):
        self.instance = instance
        self.space = space
        self.failures = failures
        self.local = threading.local()
        self.name = ffi.new("char[]", (instance.name or type(instance).__name__).encode())
        self._begin = ffi.callback("int(const pl_sao_state *, void *)", self.begin,
                                   error=-1, onerror=self.escaped)
        self._propose = ffi.callback("int(const pl_sao_state *, double *, void *)",
                                     self.propose, error=-1, onerror=self.escaped)
        self._respond = ffi.callback("int(const pl_sao_state *, const double *, int *, void *)",
                                     self.respond, error=-1, onerror=self.escaped)
        self.c = ffi.new("pl_negotiator *")
        self.c.version = lib.PL_NEGOTIATOR_VERSION
        self.c.begin = self._begin
        self.c.propose = self._propose
        self.c.respond = self._respond
        self.c.name = self.name
        self.c.deterministic = 1 if getattr(instance, "deterministic", False) else 0

    def escaped(self, kind, value, trace):
        # Only reached if the handlers below themselves fail: never print.
        self.failures.record(self.instance, value)

    def player(self, party):
        players = getattr(self.local, "players", None)
        if players is None:
            players = self.local.players = {}
        if party not in players:  # begin was not called (a C caller without begin)
            players[party] = copy.deepcopy(self.instance)
        return players[party]

    def begin(self, c_state, payload):
        try:
            players = getattr(self.local, "players", None)
            if players is None:
                players = self.local.players = {}
            player = players[c_state.party] = copy.deepcopy(self.instance)
            player.begin(NegotiationState(c_state, self.space))
            return 0
        except BaseException as error:  # noqa: B902 - handed back to the caller
            self.failures.record(self.instance, error)
            return -1

    def propose(self, c_state, offer, payload):
        try:
            state = NegotiationState(c_state, self.space)
            self.space.package(self.player(c_state.party).propose(state), offer)
            return 0
        except BaseException as error:
            self.failures.record(self.instance, error)
            return -1

    def respond(self, c_state, package, accept, payload):
        try:
            state = NegotiationState(c_state, self.space)
            offer = self.space.offer(package)
            accept[0] = 1 if self.player(c_state.party).respond(state, offer) else 0
            return 0
        except BaseException as error:
            self.failures.record(self.instance, error)
            return -1


class _Failures:
    def __init__(self):
        self.lock = threading.Lock()
        self.first = None

    def record(self, instance, error):
        with self.lock:
            if self.first is None:
                self.first = (instance, error)


class AgentTable:
    """The agents of a simulation or tournament as a C pl_agent array:
    built-in names parsed by the library, Negotiator instances as callbacks."""

    def __init__(self, scenario, agents, grid):
        if agents is None:
            agents = []
        elif isinstance(agents, (str, Negotiator)):
            agents = agents.split(",") if isinstance(agents, str) else [agents]
        self.agents = list(agents)
        self.failures = _Failures()
        self.bridges = []
        self.array = ffi.new("pl_agent[]", max(1, len(self.agents)))
        space = None
        for k, agent in enumerate(self.agents):
            if isinstance(agent, Negotiator):
                if space is None:
                    space = _Space(scenario, grid)
                bridge = _Bridge(agent, space, self.failures)
                self.bridges.append(bridge)
                self.array[k].kind = lib.PL_AGENT_CALLBACK
                self.array[k].negotiator = bridge.c
            elif isinstance(agent, str):
                if lib.pl_agent_parse(agent.strip().encode(), ffi.addressof(self.array[k])) != 0:
                    raise ParleyError("unknown agent '%s' (boulware, linear, conceder, "
                                      "hardheaded, tit-for-tat, tb:E, genius-boulware, "
                                      "genius-linear, genius-conceder, genius:E, or a "
                                      "parley.Negotiator)" % agent)
            else:
                raise TypeError("an agent is a name or a parley.Negotiator, not %s"
                                % type(agent).__name__)

    def __len__(self):
        return len(self.agents)

    def name(self, k):
        buffer = ffi.new("char[]", 256)
        return text(lib.pl_agent_name(ffi.addressof(self.array[k]), buffer, 256))

    def names(self, n_parties):
        """simulation_report.c cli_json_agent_names: one name per party."""
        if not self.agents:
            return ["boulware"] * n_parties
        return [self.name(0 if len(self.agents) == 1 else a) for a in range(n_parties)]

    def raise_for(self, status, diag):
        """Raise the ParleyError of a failed call; a callback's exception first."""
        if status == 0:
            return
        if status == lib.PL_ERR_CALLBACK and self.failures.first is not None:
            instance, error = self.failures.first
            raise ParleyError("negotiator '%s' raised %s: %s" % (
                instance.name or type(instance).__name__, type(error).__name__, error),
                status=status) from error
        raise error_from(status, diag)
