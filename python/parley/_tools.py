"""parley.tournament, parley.backtest, parley.convert and parley.to_dataframe."""
import os

from . import _documents
from ._arrays import number, reals
from ._ffi import ParleyError, check, ffi, lib, new_diag, text
from ._negotiator import AgentTable
from ._scenario import Scenario, _libc, load


def _scenario_of(domain):
    """(name, Scenario) of a tournament domain: a Scenario, a path (a scenario
    file, or a folder holding a GENIUS domain and its profiles) or a list of paths."""
    if isinstance(domain, Scenario):
        return text(domain._s.id) or "scenario", domain
    if isinstance(domain, (list, tuple)):
        return os.fsdecode(domain[0]), load(domain)
    return os.fsdecode(domain), load(domain)


def tournament(domains, agents=("boulware", "linear", "conceder"), steps=100, runs=1, seed=1,
               threads=1):
    """`parley tournament DOMAIN... --agents A,B --json`: every assignment of
    the agents to the parties of every domain. Agents are names or
    parley.Negotiator instances (with threads > 1 their copies run on the
    pool's threads, one call at a time under the GIL)."""
    if isinstance(domains, (str, os.PathLike, Scenario)):
        domains = [domains]
    loaded = [_scenario_of(d) for d in domains]
    if not loaded:
        raise ParleyError("give one domain or more")
    pool = ffi.new("pl_pool **")
    check(lib.pl_pool_new(pool, int(threads)))
    pool = ffi.gc(pool[0], lib.pl_pool_free)
    to = ffi.new("pl_tournament_options *")
    lib.pl_tournament_options_init(to)
    mc = _documents.montecarlo_options(loaded[0][1]._s, "sao", steps, runs, seed, threads,
                                       None, None)
    to.montecarlo = mc[0]
    to.montecarlo.simulation.talk_rounds = lib.PL_SIMULATION_DEFAULT_TALK_ROUNDS
    results, described = [], []
    tables = []
    for name, scenario in loaded:
        table = AgentTable(scenario, agents, to.montecarlo.simulation.grid)
        if len(table) == 0:
            raise ParleyError("agents names no agent")
        tables.append(table)
        to.agents = table.array
        to.n_agents = len(table)
        out = ffi.new("pl_tournament **")
        diag = new_diag()
        status = lib.pl_tournament_run(scenario._s, to, pool, out, diag)
        if status != 0:
            lib.pl_diag_set_source(diag, name.encode())
        table.raise_for(status, diag)
        r = out[0]
        try:
            s = scenario._s
            described.append({"domain": name, "parties": _documents.actor_ids(s),
                              "frontier": bool(r.frontier_available),
                              "nash": reals(r.nash, r.n_parties)})
            for k in range(r.n_rows):
                row = r.rows[k]
                results.append({
                    "domain": name,
                    "agents": [table.name(row.assignment[p]) for p in range(s.n_actors)],
                    "runs": row.runs, "agreements": row.agreements,
                    "agreement_rate": row.agreement_rate,
                    "mean_agreement_step": number(row.mean_agreement_step),
                    "mean_utilities": reals(row.mean_utilities, s.n_actors),
                    "mean_agreement_utilities": reals(row.mean_agreement_utilities, s.n_actors),
                    "nash_distance": number(row.nash_distance),
                    "frontier_distance": number(row.frontier_distance)})
        finally:
            lib.pl_tournament_free(r)
    return {"agents": [tables[0].name(a) for a in range(len(tables[0]))], "steps": int(steps),
            "runs": int(runs), "seed": int(seed), "domains": described, "results": results}


# ---- backtest (cmd_backtest.c json_report) ----

_MAX_INPUT_BYTES = 256 * 1024 * 1024  # PL_DEFAULT_MAX_INPUT_BYTES (parley/io.h)

def _read_for_backtest(path, capability):
    data = ffi.new("char **")
    size = ffi.new("size_t *")
    diag = new_diag()
    check(lib.pl_read_file(path.encode(), _MAX_INPUT_BYTES, data, size, diag), diag, path)
    out = ffi.new("pl_scenario **")
    try:
        if lib.pl_detect_format(path.encode(), data[0], size[0]) == lib.PL_FORMAT_DEU:
            status = lib.pl_read_deu_with(path.encode(), data[0], size[0], capability, out, diag)
        else:
            status = lib.pl_read_scenario(lib.PL_FORMAT_UNKNOWN, path.encode(), data[0], size[0],
                                          out, diag)
    finally:
        _libc.free(data[0])
    check(status, diag, path)
    return Scenario(out[0])


def _point(issue, x):
    if x != x:
        return None
    if issue.kind == lib.PL_ISSUE_OPTIONS and 0 <= x < issue.n_options and x == int(x):
        return text(issue.options[int(x)].id)
    return x


def _method(m):
    kinds = ["model", "baseline", "baseline"]
    within = {"%g" % lib.pl_backtest_within(t): number(m.within[t])
              for t in range(lib.PL_BACKTEST_WITHIN_COUNT)}
    d = m.difference
    difference = None if d.n == 0 else {
        "n": d.n, "mean": number(d.mean), "low": d.low if d.has_interval else None,
        "high": d.high if d.has_interval else None,
        "few_issues": d.n < lib.PL_BACKTEST_FEW_ISSUES}
    return {"name": text(m.name), "kind": kinds[m.kind], "n": m.n,
            "not_applicable": m.not_applicable, "mean_error": number(m.mean_error),
            "median_error": number(m.median_error), "within": within,
            "versus_compromise": difference}


def backtest(paths, capability="council", bootstrap=None, seed=None):
    """`parley backtest FILE... [--capability equal|council] [--bootstrap B]
    [--seed X] --json`: every model's error against the observed outcomes."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [os.fsdecode(p) for p in paths]
    if capability not in ("council", "equal"):
        raise ParleyError("capability must be equal or council, not '%s'" % capability)
    rule = lib.PL_DEU_CAPABILITY_EQUAL if capability == "equal" else lib.PL_DEU_CAPABILITY_COUNCIL
    scenarios = [_read_for_backtest(p, rule) for p in paths]
    options = ffi.new("pl_backtest_options *")  # PL_BACKTEST_OPTIONS_INIT
    options.version = lib.PL_BACKTEST_OPTIONS_VERSION
    options.bootstrap = lib.PL_BACKTEST_DEFAULT_BOOTSTRAP
    options.seed = lib.PL_BACKTEST_DEFAULT_SEED
    options.split = lib.PL_BACKTEST_SPLIT_AUTO
    if bootstrap is not None:
        options.bootstrap = int(bootstrap)
    if seed is not None:
        options.seed = int(seed)
    array = ffi.new("pl_scenario *[]", [s._s for s in scenarios])
    out = ffi.new("pl_backtest **")
    diag = new_diag()
    check(lib.pl_backtest_run(array, len(scenarios), options, out, diag), diag, "backtest")
    b = out[0]
    try:
        files = [{"path": p, "format": text(s._s.format), "issues": s._s.n_issues,
                  "with_outcome": sum(1 for i in range(s._s.n_issues)
                                      if s._s.issues[i].has_outcome)}
                 for p, s in zip(paths, scenarios)]
        methods = [_method(b.methods[m]) for m in range(b.n_methods)]
        per_issue = []
        for k in range(b.n_issues):
            at = b.issues[k]
            issue = scenarios[at.scenario]._s.issues[at.issue]
            names = [text(b.methods[m].name) for m in range(b.n_methods)]
            per_issue.append({
                "file": paths[at.scenario], "issue": text(issue.id),
                "outcome": _point(issue, issue.outcome),
                "forecasts": {names[m]: _point(issue, b.forecasts[k * b.n_methods + m])
                              for m in range(b.n_methods)},
                "errors": {names[m]: number(b.errors[k * b.n_methods + m])
                           for m in range(b.n_methods)},
                "not_applicable": {names[m]: text(b.reasons[k * b.n_methods + m])
                                   for m in range(b.n_methods)
                                   if b.reasons[k * b.n_methods + m] != ffi.NULL}})
        return {"files": files, "capability": capability, "issues": b.n_issues,
                "bootstrap": {"replicates": b.bootstrap, "seed": b.seed,
                              "generator": "philox4x32-10", "level": 0.95},
                "methods": methods, "per_issue": per_issue}
    finally:
        lib.pl_backtest_free(b)


# ---- convert (cmd_convert.c) ----

def convert(inputs, output, to="parley"):
    """`parley convert INPUT... -o OUTPUT.json` (to="genius": OUTPUT is a
    prefix, PREFIX_domain.xml and PREFIX_<actor>.xml). Written atomically;
    returns the paths written."""
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    inputs = [os.fsdecode(p) for p in inputs]
    scenario = load(inputs)
    s = scenario._s
    diag = new_diag()
    if to == "genius":
        domain = ffi.new("char **")
        profiles = ffi.new("char ***")
        check(lib.pl_write_genius(s, domain, profiles, diag), diag, inputs[0])
        texts = [domain[0]] + [profiles[0][k] for k in range(s.n_actors)]
        try:
            stems = ["domain"] + _documents.actor_ids(s)
            for stem in stems[1:]:
                if "/" in stem or stem == "domain":
                    raise ParleyError('actor id "%s" cannot name a file' % stem)
            paths = ["%s_%s.xml" % (os.fsdecode(output), stem) for stem in stems]
            for path, t in zip(paths, texts):
                check(lib.pl_write_file_atomic(path.encode(), t, len(ffi.string(t)), diag),
                      diag, path)
            return paths
        finally:
            for t in texts:
                _libc.free(t)
            _libc.free(profiles[0])
    if to != "parley":
        raise ParleyError("to takes parley or genius, not '%s'" % to)
    if text(s.format) != "parley":
        line = "Converted by parley from %s (%s format)." % (inputs[0], text(s.format) or "unknown")
        check(lib.pl_scenario_add_source(s, line.encode()))
    out = ffi.new("char **")
    check(lib.pl_write_parley_json(s, out, diag), diag, inputs[0])
    try:
        data = ffi.string(out[0])
        document = data if data.endswith(b"\n") else data + b"\n"
        check(lib.pl_write_file_atomic(os.fsdecode(output).encode(), document, len(document),
                                       diag), diag, os.fsdecode(output))
    finally:
        _libc.free(out[0])
    return [os.fsdecode(output)]


# ---- pandas ----

def to_dataframe(document):
    """A pandas DataFrame of a result's main table: a frontier's points (one
    column per party), a simulation's runs (with keep_runs=True), a
    tournament's results, a prediction's forecasts (issues x models) or a
    backtest's per-issue errors. Needs pandas (Debian python3-pandas)."""
    import pandas
    if "frontier" in document and "parties" in document:
        return pandas.DataFrame(document["frontier"], columns=document["parties"])
    if "per_run" in document:
        runs = document["per_run"]
        frame = pandas.DataFrame({"agreed": runs["agreed"], "step": runs["step"]})
        for k, party in enumerate(document["parties"]):
            frame["utility." + party] = [row[k] for row in runs["utilities"]]
        for k, issue in enumerate(document["issues"]):
            frame["agreement." + issue] = [row[k] for row in runs["package"]]
        return frame
    if "results" in document and "domains" in document:
        return pandas.DataFrame(document["results"])
    if "models" in document and "issues" in document:
        return pandas.DataFrame({name: model["forecast"]
                                 for name, model in document["models"].items()},
                                index=document["issues"])
    if "per_issue" in document:
        return pandas.DataFrame([dict(file=r["file"], issue=r["issue"], **r["errors"])
                                 for r in document["per_issue"]])
    raise ValueError("to_dataframe knows frontier, simulate (keep_runs=True), tournament, "
                     "predict and backtest documents")
