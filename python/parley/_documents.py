"""The --json documents of parley's commands, built from the library's result
structs: each function mirrors one command's JSON writer in src/cli (named
beside it), key for key and in the same order, with numbers as the same
doubles. NaN is None where the CLI writes null."""
from . import _arrays, _zone
from ._arrays import number, reals
from ._ffi import ParleyError, check, ffi, lib, new_diag, text


def _ids(items, n):
    return [text(items[k].id) for k in range(n)]


def actor_ids(s):
    return _ids(s.actors, s.n_actors)


def issue_ids(s):
    return _ids(s.issues, s.n_issues)


def issue_value(s, i, x):
    """report_json.c cli_json_value: an option's id, a position, or None."""
    if x != x:
        return None
    if s.issues[i].kind == lib.PL_ISSUE_OPTIONS:
        return text(s.issues[i].options[int(x)].id)
    return x


def issue_values(s, values):
    return [issue_value(s, i, values[i]) for i in range(s.n_issues)]


def _native(scenario):
    return scenario._s


def _diag_for(s):
    diag = new_diag()
    lib.pl_diag_set_source(diag, s.id if s.id != ffi.NULL else b"scenario")
    return diag


# ---- evaluate (cmd_evaluate.c, report_json.c cli_json_evaluation) ----

def _evaluation(s, p, e):
    ni = s.n_issues
    actors = []
    for a in range(s.n_actors):
        items = [{"issue": text(s.issues[i].id),
                  "utility": number(e.item_utility[a * ni + i]),
                  "verdict": text(lib.pl_verdict_name(e.verdict[a * ni + i]))}
                 for i in range(ni)]
        actors.append({"actor": text(s.actors[a].id), "utility": number(e.utility[a]),
                       "reservation": s.actors[a].reservation,
                       "acceptance": text(lib.pl_acceptance_name(e.acceptance[a])),
                       "red_lines_crossed": e.red_lines_crossed[a], "items": items})
    proposal = s.proposals[p]
    return {"proposal": text(proposal.id), "name": text(proposal.name),
            "date": text(proposal.date), "positions": issue_values(s, proposal.values),
            "actors": actors, "passes": bool(e.passes),
            "accepting_capability_share": e.accepting_capability_share}


def evaluate(scenario, proposals=None):
    s = _native(scenario)
    if s.n_proposals == 0:
        raise ParleyError("the scenario has no proposals to evaluate")
    known = [text(s.proposals[p].id) for p in range(s.n_proposals)]
    if proposals is None:
        chosen = list(range(s.n_proposals))
    else:
        if isinstance(proposals, str):
            proposals = [proposals]
        chosen = []
        for name in proposals:
            if name not in known:
                raise ParleyError("no proposal '%s' in the scenario (it has: %s)"
                                  % (name, ", ".join(known)))
            chosen.append(known.index(name))
    out = ffi.new("pl_evaluation **")
    evaluations = []
    for p in chosen:
        check(lib.pl_evaluate(s, s.proposals[p].values, out))
        try:
            evaluations.append(_evaluation(s, p, out[0]))
        finally:
            lib.pl_evaluation_free(out[0])
    return {"issues": issue_ids(s), "actors": actor_ids(s), "evaluations": evaluations}


# ---- predict (cmd_predict.c, model_run.c, model_eu.c, model_exchange.c, model_smp.c) ----

_MODELS = ["compromise", "median", "eu", "exchange", "smp"]


def _trace_rows(pointer, row, n):
    return [pointer[row * n + k] for k in range(n)]


def _positions(s, tr, t, convert):
    n, d = s.n_actors, s.n_issues
    return [convert(_trace_rows(tr.positions, t * n + a, d)) for a in range(n)]


def _eu_document(s, r):
    tr = r.trace
    plain = lambda row: [number(x) for x in row]
    rounds = []
    for t in range(tr.n_rounds):
        offers = []
        for k in range(r.round_offers[t], r.round_offers[t + 1]):
            o = r.offers[k]
            offers.append({"issue": text(s.issues[o.issue].id),
                           "actor": text(s.actors[o.actor].id),
                           "kind": text(lib.pl_eu_offer_kind_name(o.kind)),
                           "towards": text(s.actors[o.towards].id), "to": o.to})
        rounds.append({"positions": _positions(s, tr, t, plain),
                       "forecast": issue_values(s, _trace_rows(tr.forecast, t, s.n_issues)),
                       "mean": plain(_trace_rows(tr.mean, t, s.n_issues)),
                       "offers": offers})
    return {"forecast": issue_values(s, r.forecast), "rounds": rounds}


def _exchange_document(s, r):
    tr = r.trace
    values = lambda row: issue_values(s, row)
    rounds = []
    for t in range(tr.n_rounds):
        exchanges = []
        for k in range(r.round_count[t]):
            e = r.exchanges[r.round_first[t] + k]
            exchanges.append({"actors": [text(s.actors[e.actors[0]].id),
                                         text(s.actors[e.actors[1]].id)],
                              "supplies": [text(s.issues[e.supplies[0]].id),
                                           text(s.issues[e.supplies[1]].id)],
                              "from": [getattr(e, "from")[0], getattr(e, "from")[1]],
                              "to": [e.to[0], e.to[1]], "gain": e.gain})
        rounds.append({"positions": _positions(s, tr, t, values),
                       "forecast": values(_trace_rows(tr.forecast, t, s.n_issues)),
                       "mean": values(_trace_rows(tr.mean, t, s.n_issues)),
                       "exchanges": exchanges})
    return {"forecast": issue_values(s, r.forecast), "rounds": rounds}


def _smp_document(s, r):
    tr = r.trace
    n, d = s.n_actors, s.n_issues
    plain = lambda row: list(row)
    rounds = [{"positions": _positions(s, tr, t, plain),
               "forecast": _trace_rows(tr.forecast, t, d),
               "mean": _trace_rows(tr.mean, t, d),
               "win_probabilities": _trace_rows(r.win_probability, t + 1, n)}
              for t in range(tr.n_rounds)]
    return {"forecast": [r.forecast[i] for i in range(d)],
            "most_probable": [r.most_probable[i] for i in range(d)],
            "probability": r.most_probable_probability, "rounds": rounds}


_DYNAMIC = {
    "eu": ("pl_eu_options *", lib.pl_eu_options_init, lib.pl_eu_options_set,
           "pl_eu_result **", lib.pl_eu_run, lib.pl_eu_result_free, _eu_document),
    "exchange": ("pl_exchange_options *", lib.pl_exchange_options_init,
                 lib.pl_exchange_options_set, "pl_exchange_result **", lib.pl_exchange_run,
                 lib.pl_exchange_result_free, _exchange_document),
    "smp": ("pl_smp_options *", lib.pl_smp_options_init, lib.pl_smp_options_set,
            "pl_smp_result **", lib.pl_smp_run, lib.pl_smp_result_free, _smp_document),
}


def _option_text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _settings_for(model, rounds, options, n_models):
    """(name, value) settings for one model, as cmd_predict.c apply_settings
    hands out --rounds and --option MODEL.NAME=VALUE."""
    settings = []
    if rounds is not None and model in _DYNAMIC:
        settings.append(("max-rounds" if model == "smp" else "rounds", str(int(rounds))))
    for key, value in (options or {}).items():
        target, _, name = key.rpartition(".")
        if not target and n_models > 1:
            raise ParleyError("with several models, name the model: options={'MODEL.%s': ...}"
                              % key)
        if target and target != model:
            continue
        settings.append((name, _option_text(value)))
    return settings


# models.h PL_SKIP_FLAG_ZERO_EXCLUDE (1u: cffi's cdef cannot read the suffix).
_SKIP_FLAG_ZERO_EXCLUDE = 1


def _options(s, model, settings):
    """The model's options struct with the settings applied (None for a static
    model), as cmd_predict.c apply_settings does before any model runs: a bad
    setting is an error even with several models."""
    if model not in _DYNAMIC:
        if settings:
            raise ParleyError("the %s model takes no options" % model)
        return None
    otype, init, setter = _DYNAMIC[model][:3]
    options = ffi.new(otype)
    init(options)
    diag = _diag_for(s)
    for name, value in settings:
        check(setter(options, name.encode(), value.encode(), diag), diag)
    return options


def _skip_flags(model, options):
    """model_run.c model_scenario: the flags of the model's options."""
    if model == "exchange" and options.zero == lib.PL_EXCHANGE_ZERO_EXCLUDE:
        return _SKIP_FLAG_ZERO_EXCLUDE
    return 0


def _skip_reasons(s, model, flags):
    """{issue index: reason} for the issues the model leaves out."""
    reasons = {}
    for i in range(s.n_issues):
        why = lib.pl_model_skip_reason(s, _MODELS.index(model), flags, i)
        if why != ffi.NULL:
            reasons[i] = text(why)
    return reasons


_PER_ISSUE = ("forecast", "most_probable", "mean")


def _spread(values, reasons):
    """model_run.c spread_array: null inserted on the issues left out."""
    if isinstance(values, list):
        for i in sorted(reasons):
            values.insert(i, None)


def _spread_model(document, reasons):
    """model_run.c spread_model: every per-issue array, of the model and of each round."""
    for key in _PER_ISSUE:
        _spread(document.get(key), reasons)
    for round_ in document.get("rounds", []):
        for key in _PER_ISSUE:
            _spread(round_.get(key), reasons)
        for positions in round_.get("positions", []):
            _spread(positions, reasons)


def _run_model(s, model, options):
    """The model's JSON object (model_run.c cli_model_execute and cli_model_json);
    raises ParleyError (with the library's diag) on failure."""
    diag = _diag_for(s)
    flags = _skip_flags(model, options) if options is not None else 0
    part_out = ffi.new("pl_scenario **")
    check(lib.pl_model_scenario(s, _MODELS.index(model), flags, part_out, diag), diag)
    part = part_out[0]
    try:
        if model not in _DYNAMIC:
            forecast = ffi.new("double[]", s.n_issues + 1)
            check(lib.pl_predict(s, _MODELS.index(model), forecast, diag), diag)
            document = {"forecast": issue_values(s, forecast)}
        else:
            rtype, run, free, build = _DYNAMIC[model][3:]
            on = part if part != ffi.NULL else s
            out = ffi.new(rtype)
            check(run(on, options, out, diag), diag)
            try:
                document = build(on, out[0])
            finally:
                free(out[0])
    finally:
        if part != ffi.NULL:
            lib.pl_scenario_free(part)
    reasons = _skip_reasons(s, model, flags)
    if part != ffi.NULL and model in _DYNAMIC:
        _spread_model(document, reasons)
    if reasons:
        document["skipped"] = {text(s.issues[i].id): why for i, why in reasons.items()}
    return document


def predict(scenario, model="all", rounds=None, options=None):
    s = _native(scenario)
    if model not in _MODELS + ["all"]:
        raise ParleyError("unknown model '%s' (compromise, median, eu, exchange, smp, all)"
                          % model)
    chosen = _MODELS if model == "all" else [model]
    structs = [_options(s, name, _settings_for(name, rounds, options, len(chosen)))
               for name in chosen]
    models, skipped, failures = {}, {}, []
    for name, struct in zip(chosen, structs):
        try:
            models[name] = _run_model(s, name, struct)
        except ParleyError as error:
            if len(chosen) == 1:
                raise
            skipped[name] = error.message
            failures.append(error)
    if not models:
        # cmd_predict.c execute: one line, each model's reason after the verdict
        raise ParleyError("no model could forecast this scenario: "
                          + "; ".join(e.message for e in failures))
    document = {"issues": issue_ids(s), "actors": actor_ids(s), "models": models}
    if skipped:
        document["not_applicable"] = skipped
    return document


# ---- frontier (cmd_frontier.c report_json) ----

def _count(c):
    return int(c.value) if c.exact_double else ffi.string(c.decimal).decode()


def _package(s, package):
    return [text(s.issues[i].options[int(package[i])].label)
            if s.issues[i].kind == lib.PL_ISSUE_OPTIONS else package[i]
            for i in range(s.n_issues)]


def frontier(scenario, disagreement="reservation", asymmetric=False, threads=1, steps=None):
    s = _native(scenario)
    options = ffi.new("pl_frontier_options *")
    lib.pl_frontier_options_init(options)
    kind = ffi.new("pl_disagreement *")
    if lib.pl_disagreement_from_name(str(disagreement).encode(), kind) != 0:
        raise ParleyError("unknown disagreement point '%s' (reservation, minimum, zero)"
                          % disagreement)
    options.disagreement = kind[0]
    options.asymmetric = 1 if asymmetric else 0
    options.threads = int(threads)
    if steps is not None:
        options.continuous_steps = int(steps)
    out = ffi.new("pl_frontier **")
    diag = _diag_for(s)
    check(lib.pl_frontier_compute(s, options, out, diag), diag)
    f = out[0]
    try:
        solutions = {}
        for k in range(lib.PL_SOLUTION_COUNT):
            if k == lib.PL_SOLUTION_ASYMMETRIC_NASH and not asymmetric:
                continue
            sol = f.solutions[k]
            solutions[text(lib.pl_solution_name(k))] = (
                {"utilities": reals(sol.utilities, f.n_parties),
                 "outcome": _package(s, sol.package)} if sol.present else None)
        document = {"parties": actor_ids(s), "outcomes": _count(f.outcomes),
                    "rational": _count(f.rational) if f.rational_counted else None,
                    "frontier_size": f.n_points,
                    "frontier": _arrays.matrix(f.utilities, f.n_points, f.n_parties),
                    "solutions": solutions, "agreement_possible": bool(f.agreement_possible)}
        if f.exact_vertices:
            document["frontier_vertices"] = True
        if f.solutions_exact:
            document["solutions_exact"] = True
        return document
    finally:
        lib.pl_frontier_free(f)


# ---- simulate (cmd_simulate.c, simulation_report.c cli_json_montecarlo) ----

_QUANTILES = ["5", "25", "50", "75", "95"]


def _outcome(s, i, d):
    options = d.option_share != ffi.NULL
    document = {"mean": None if options else number(d.mean),
                "quantiles": {name: None if options else number(d.quantiles[k])
                              for k, name in enumerate(_QUANTILES)}}
    if options:
        issue = s.issues[i]
        # the CLI leaves out a share it cannot write (NaN: no run agreed), as jansson does
        document["options"] = {text(issue.options[k].id): d.option_share[k]
                               for k in range(issue.n_options)
                               if d.option_share[k] == d.option_share[k]}
        document["counts"] = {text(issue.options[k].id): d.option_count[k]
                              for k in range(issue.n_options)}
    return document


def _sensitivity(s, m):
    rows = []
    for j in range(m.n_inputs):
        e = m.inputs[j]
        rows.append({"uncertainty": text(s.uncertainties[e.uncertainty].id),
                     "actor": text(s.actors[e.actor].id),
                     "quantity": text(lib.pl_quantity_name(e.quantity)),
                     "issue": None if e.issue >= s.n_issues else text(s.issues[e.issue].id),
                     "correlation": number(e.correlation), "rate_below": number(e.rate_below),
                     "rate_above": number(e.rate_above)})
    return rows


def _selected(items, n, use):
    return [text(items[k].id) for k in range(n) if use is None or use[k]]


def _shock_warnings(s, talk_rounds, use_shock):
    """simulation_notes.c cli_json_shock_warnings: shocks the talks never reach."""
    warnings = []
    for k in range(s.n_shocks):
        shock = s.shocks[k]
        if (use_shock is None or use_shock[k]) and shock.start_round > talk_rounds:
            warnings.append("shock '%s' starts at round %d, after the %d rounds the talks span "
                            "(--rounds), so it never applies"
                            % (text(shock.id), shock.start_round, talk_rounds))
    return warnings


def _per_run(m):
    runs, n, d = m.runs, m.n_parties, m.n_issues
    return {"agreed": _arrays.matrix(m.per_run_agreed, runs, 1, "B", vector=True),
            "step": _arrays.matrix(m.per_run_step, runs, 1, "i", vector=True),
            "utilities": _arrays.matrix(m.per_run_utilities, runs, n),
            "package": _arrays.matrix(m.per_run_package, runs, d)}


def montecarlo_document(s, mc, m, agent_names, use_uncertainty=None, use_shock=None):
    so = mc.simulation
    return {
        "runs": m.runs, "agreements": m.agreements, "agreement_rate": m.agreement_rate,
        "mean_agreement_step": number(m.mean_agreement_step),
        "mean_utilities": reals(m.mean_utilities, m.n_parties), "seed": mc.seed,
        "protocol": "mediator" if so.protocol == lib.PL_PROTOCOL_MEDIATOR else "sao",
        "parties": actor_ids(s), "agents": agent_names, "issues": issue_ids(s),
        "steps": so.steps, "grid": so.grid, "talk_rounds": so.talk_rounds,
        "exact": bool(m.exact),
        "agreement_interval": None if m.deterministic else [m.interval_low, m.interval_high],
        "mean_agreement_utilities": reals(m.mean_agreement_utilities, m.n_parties),
        "uncertainties": _selected(s.uncertainties, s.n_uncertainties, use_uncertainty),
        "shocks": _selected(s.shocks, s.n_shocks, use_shock),
        "outcomes": {text(s.issues[i].id): _outcome(s, i, m.issues[i])
                     for i in range(s.n_issues)},
        "sensitivity": _sensitivity(s, m), "deterministic": bool(m.deterministic),
        "warnings": _shock_warnings(s, so.talk_rounds, use_shock)}


def montecarlo_options(s, protocol, steps, runs, seed, threads, grid, rounds):
    mc = ffi.new("pl_montecarlo_options *")
    lib.pl_montecarlo_options_init(mc)
    if protocol not in ("sao", "mediator"):
        raise ParleyError("unknown protocol '%s' (sao, mediator)" % protocol)
    mc.simulation.protocol = lib.PL_PROTOCOL_MEDIATOR if protocol == "mediator" \
        else lib.PL_PROTOCOL_SAO
    for name, value, low in (("steps", steps, 1), ("runs", runs, 1), ("threads", threads, 1)):
        if int(value) != value or value < low:
            raise ParleyError("%s must be a whole number >= %d (got %r)" % (name, low, value))
    mc.simulation.steps = int(steps)
    mc.runs = int(runs)
    mc.seed = int(seed)
    mc.threads = int(threads)
    if grid is not None:
        mc.simulation.grid = int(grid)
    if rounds is not None:
        mc.simulation.talk_rounds = int(rounds)
    elif s.horizon > 0:
        mc.simulation.talk_rounds = s.horizon   # cli_simulation_horizon
    return mc


def _selection(what, chosen, items, n):
    """cmd_simulate.c select_ids: None (every one), or flags for the ids chosen ("none": none)."""
    if chosen is None:
        return None, ffi.NULL
    if isinstance(chosen, str):
        chosen = [chosen]
    ids = [text(items[k].id) for k in range(n)]
    flags = [0] * n
    for name in chosen:
        if name == "none":
            continue
        if name not in ids:
            raise ParleyError("the scenario has no %s '%s'" % (what, name))
        flags[ids.index(name)] = 1
    return flags, ffi.new("unsigned char[]", flags + [0])


def simulate(scenario, protocol, agents, steps, runs, seed, threads, grid, rounds, keep_runs,
             uncertainty=None, shocks=None):
    from . import _negotiator
    s = _native(scenario)
    mc = montecarlo_options(s, protocol, steps, runs, seed, threads, grid, rounds)
    use_u, c_use_u = _selection("uncertainty group", uncertainty, s.uncertainties,
                                s.n_uncertainties)
    use_h, c_use_h = _selection("shock", shocks, s.shocks, s.n_shocks)
    mc.use_uncertainty = c_use_u
    mc.use_shock = c_use_h
    table = _negotiator.AgentTable(scenario, agents, mc.simulation.grid)
    if len(table) > 1 and len(table) != s.n_actors:
        raise ParleyError("%d agents for %d parties: give one agent for all or one per party, "
                          "in the parties' order" % (len(table), s.n_actors))
    mc.simulation.agents = table.array
    mc.simulation.n_agents = len(table)
    mc.keep_runs = 1 if keep_runs else 0
    out = ffi.new("pl_montecarlo **")
    diag = _diag_for(s)
    status = lib.pl_montecarlo_run(s, mc, ffi.NULL, out, diag)
    table.raise_for(status, diag)
    m = out[0]
    try:
        document = montecarlo_document(s, mc, m, table.names(s.n_actors), use_u, use_h)
        zone = _zone.zone(s, mc, m)
        if zone is not None:
            document["zone"] = zone
        if keep_runs:
            document["per_run"] = _per_run(m)
        return document
    finally:
        lib.pl_montecarlo_free(m)


# ---- zopa (cmd_zopa.c, report_agreement.c cli_json_agreement, report_what_it_takes.c) ----

def _package_values(s, package):
    if package == ffi.NULL:
        return []
    return issue_values(s, package)


def _constraint_name(s, c):
    buffer = ffi.new("char[]", 256)
    return text(lib.pl_agreement_constraint_name(s, c, buffer, 256))


def _constraint(s, c):
    o = {"name": _constraint_name(s, c),
         "kind": "red_line" if c.kind == lib.PL_CONSTRAINT_RED_LINE else "reservation",
         "actor": text(s.actors[c.actor].id)}
    if c.kind == lib.PL_CONSTRAINT_RESERVATION:
        o["reservation"] = s.actors[c.actor].reservation
        return o
    line = s.red_lines[c.red_line]
    issue = s.issues[c.issue]
    o["issue"] = text(issue.id)
    if issue.kind == lib.PL_ISSUE_OPTIONS:
        o["allowed"] = [text(issue.options[k].id) for k in range(issue.n_options)
                        if line.allowed[k]]
    else:
        o["min"] = line.low
        o["max"] = line.high
    return o


def _names(s, g, members, n):
    return [_constraint_name(s, ffi.addressof(g.constraints[members[m]])) for m in range(n)]


def _relaxation(s, g, r):
    moves = []
    for m in range(r.n_members):
        c = g.constraints[r.members[m]]
        move = {"constraint": _constraint_name(s, ffi.addressof(c)),
                "amount": number(r.amount[m])}
        if c.kind == lib.PL_CONSTRAINT_RESERVATION:
            move["reservation"] = number(r.new_low[m])
        elif s.issues[c.issue].kind == lib.PL_ISSUE_CONTINUOUS:
            move["min"] = number(r.new_low[m])
            move["max"] = number(r.new_high[m])
        moves.append(move)
    return {"constraints": _names(s, g, r.members, r.n_members), "moves": moves,
            "total": number(r.total), "margin": number(r.margin),
            "outcome": _package_values(s, r.package),
            "utilities": reals(r.utilities, s.n_actors)}


def _agreement(s, g):
    document = {
        "actors": actor_ids(s),
        "coalition": [text(s.actors[g.coalition[m]].id) for m in range(g.n_coalition)],
        "coalition_share": g.coalition_share,
        "constraints": [_constraint(s, ffi.addressof(g.constraints[k]))
                        for k in range(g.n_constraints)],
        "possible": bool(g.possible), "red_lines_compatible": bool(g.red_lines_compatible),
        "margin": number(g.margin),
        "maximin": None if g.maximin == ffi.NULL else {
            "outcome": _package_values(s, g.maximin),
            "utilities": reals(g.maximin_utilities, s.n_actors)}}
    if g.possible:
        solutions = {}
        for k in range(lib.PL_SOLUTION_COUNT):
            if k == lib.PL_SOLUTION_ASYMMETRIC_NASH:
                continue
            sol = g.solutions[k]
            solutions[text(lib.pl_solution_name(k))] = {
                "outcome": _package_values(s, sol.package),
                "utilities": reals(sol.utilities, s.n_actors)} if sol.present else None
        document["solutions"] = solutions
        document["nash_error"] = number(g.nash_error)
        document["blocked"] = None
    else:
        document["solutions"] = None
        document["blocked"] = {
            "conflicts": [{"constraints": _names(s, g, c.members, c.n_members),
                           "margin_without": number(c.margin_without)}
                          for c in (g.conflicts[k] for k in range(g.n_conflicts))],
            "relaxations": [_relaxation(s, g, g.relaxations[k])
                            for k in range(g.n_relaxations)],
            "searched_size": g.searched_size,
            "conflicts_searched_size": g.conflicts_searched_size,
            "truncated": bool(g.sets_truncated or g.conflicts_truncated),
            "search_limited": bool(g.search_limited),
            "closest": _relaxation(s, g, g.closest) if g.closest.n_members else None}
    return document


def _what_it_takes(s, w):
    entries = []
    for k in range(w.n_entries):
        e = w.entries[k]
        steps = [{"value": p.value, "possible": bool(p.possible), "margin": number(p.margin)}
                 for p in (e.steps[j] for j in range(e.n_steps))]
        bound = "min" if e.bound == lib.PL_BOUND_MIN else \
            "max" if e.bound == lib.PL_BOUND_MAX else None
        entries.append({"issue": text(s.issues[e.issue].id),
                        "actor": text(s.actors[e.actor].id),
                        "constraint": "reservation" if e.kind == lib.PL_CONSTRAINT_RESERVATION
                        else "red_line",
                        "bound": bound, "from": getattr(e, "from"), "to": e.to,
                        "opens_at": e.opens_at if e.opens else None, "steps": steps})
    return entries


def zopa(scenario, max_set=3, max_work=None):
    s = _native(scenario)
    if int(max_set) != max_set or not 0 <= max_set <= 16:
        raise ParleyError("max_set must be an integer in 0..16 (got %r)" % (max_set,))
    if max_work is not None and (int(max_work) != max_work or not 1 <= max_work <= 10**15):
        raise ParleyError("max_work must be an integer in 1..10^15 (got %r)" % (max_work,))
    options = ffi.new("pl_agreement_options *")
    lib.pl_agreement_options_init(options)
    options.max_set = int(max_set)
    if max_work is not None:
        options.max_search_work = float(int(max_work))
    out = ffi.new("pl_agreement **")
    diag = _diag_for(s)
    check(lib.pl_agreement_compute(s, options, out, diag), diag)
    g = ffi.gc(out[0], lib.pl_agreement_free)
    document = _agreement(s, g)
    wo = ffi.new("pl_what_it_takes_options *")
    lib.pl_what_it_takes_options_init(wo)
    # as cmd_zopa.c without --runs (report_what_it_takes.c): no Monte Carlo at each step,
    # whose settlement the document leaves out (the library's default runs one: 25x slower)
    wo.settlement = 0
    wout = ffi.new("pl_what_it_takes **")
    check(lib.pl_what_it_takes_compute(s, g, wo, wout, diag), diag)
    try:
        document["what_it_takes"] = _what_it_takes(s, wout[0])
    finally:
        lib.pl_what_it_takes_free(wout[0])
    document["what_it_takes_simulation"] = None
    return document


# ---- mediate (cmd_mediate.c, report_agreement.c cli_json_mediation) ----

def mediate(scenario, from_proposal=None):
    s = _native(scenario)
    start, name = ffi.NULL, "the compromise forecast"
    if from_proposal is not None or s.n_proposals > 0:
        index = ffi.new("size_t *")
        if from_proposal is not None and \
                lib.pl_scenario_find_proposal(s, str(from_proposal).encode(), index) != 0:
            raise ParleyError("no proposal '%s' in the scenario" % from_proposal)
        start = s.proposals[index[0]].values
        name = text(s.proposals[index[0]].id)
    out = ffi.new("pl_mediation **")
    diag = _diag_for(s)
    check(lib.pl_mediate(s, start, ffi.NULL, out, diag), diag)
    m = out[0]
    try:
        n = s.n_actors
        items = [{"issue": text(s.issues[it.issue].id),
                  "from": issue_value(s, it.issue, getattr(it, "from")),
                  "to": issue_value(s, it.issue, it.to), "change": it.change,
                  "gains": reals(m.item_gain + k * n, n)}
                 for k, it in ((k, m.items[k]) for k in range(m.n_items))]
        crossed = [{"constraint": _constraint_name(s, ffi.addressof(m.crossed[k])),
                    "amount": m.crossed_amount[k]} for k in range(m.n_crossed)]
        return {"actors": actor_ids(s),
                "coalition": [text(s.actors[m.coalition[j]].id) for j in range(m.n_coalition)],
                "from": name, "feasible": bool(m.feasible), "distance": m.distance,
                "start": _package_values(s, m.start), "text": _package_values(s, m.text),
                "start_utilities": reals(m.start_utilities, n),
                "text_utilities": reals(m.text_utilities, n), "items": items,
                "crossed": crossed}
    finally:
        lib.pl_mediation_free(m)
