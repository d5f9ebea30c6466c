"""simulate()'s "zone" member: the zone of agreement on the stated inputs
beside the simulation, whether they agree, and why they can disagree (as
cmd_simulate.c writes it with simulation_notes.c; docs/simulation.md, "When
the simulation and the zone disagree")."""
from ._arrays import number
from ._ffi import ffi, lib

_REASONS = ["drawn_inputs", "shocks", "consent", "grid", "stubborn_agents", "acceptance"]
_DRAWN, _SHOCKS, _CONSENT, _GRID, _STUBBORN, _ACCEPTANCE = (1 << k for k in range(6))
_OFFERS = {0: "tradeoff", 1: "ranked", 2: "grid_search", 3: "mediator_text"}


def _zone_of(s):
    """cmd_simulate.c zone_of: the zone without relaxations or solutions, or None."""
    options = ffi.new("pl_agreement_options *")
    lib.pl_agreement_options_init(options)
    options.max_set = 0
    options.solutions = 0
    options.searches = 0
    out = ffi.new("pl_agreement **")
    diag = ffi.new("pl_diag *")
    if lib.pl_agreement_compute(s, options, out, diag) != 0:
        return None
    return ffi.gc(out[0], lib.pl_agreement_free)


def _kinds(mc):
    so = mc.simulation
    return {so.agents[k].kind for k in range(so.n_agents)} if so.agents != ffi.NULL else set()


def _missed(c, mc):
    """simulation_notes.c missed_zone_reasons."""
    said = []
    if c.reasons & _CONSENT:
        said.append(" under SAO a settlement needs all %d parties' acceptance, and no package "
                    "meets every party's red lines and reservation (the zone of all parties is "
                    "empty: the simulation matches that zone, not the coalition's);"
                    % c.n_parties)
    if c.reasons & _GRID and c.offers == lib.PL_OFFERS_MEDIATOR_GRID:
        said.append(" with quadratic utilities the mediator drafts on a grid of %d intervals "
                    "per continuous issue, which a thin zone can fall between;"
                    % mc.simulation.grid)
    elif c.reasons & _GRID:
        said.append(" the agents offer points of a grid of %d intervals per continuous issue "
                    "(no trade-off offers on GENIUS domains, with more than 16 parties or "
                    "quadratic utilities), which a thin zone can fall between;"
                    % mc.simulation.grid)
    kinds = _kinds(mc)
    if c.reasons & _STUBBORN and lib.PL_AGENT_HARDHEADED in kinds:
        said.append(" hardheaded agents never concede, so they hold out above every package of "
                    "the zone;")
    if c.reasons & _STUBBORN and lib.PL_AGENT_TIT_FOR_TAT in kinds:
        said.append(" tit-for-tat agents concede only as much as the others have conceded to "
                    "them, so they can stay above every package of the zone;")
    if c.reasons & _STUBBORN and lib.PL_AGENT_CALLBACK in kinds:   # (the CLI has none)
        said.append(" negotiators of the caller follow rules of their own, which need not "
                    "reach the zone;")
    if c.reasons == 0:
        said.append(" none of the known reasons applies (%s, agents that reach their "
                    "reservation by the deadline): this is a defect of parley, please report "
                    "it;" % ("trade-off offers on the continuum"
                             if c.offers == lib.PL_OFFERS_TRADEOFF
                             else "exact texts of the mediator"))
    return said


def _contradiction(c, mc, m):
    """simulation_notes.c cli_zone_contradiction: the sentence, or None when they agree."""
    if not c.contradicts:
        return None
    if c.coalition_possible:
        said = ["The stated inputs leave a zone of agreement for the deciding coalition (%d of "
                "%d parties, margin %.4f), yet no simulated run settled. Why it can happen "
                "here:" % (c.n_coalition, c.n_parties, c.coalition_margin)]
    else:
        said = ["No package meets every red line and reservation of the deciding coalition on "
                "the stated inputs, yet %d of %d runs settled. Why it can happen here:"
                % (m.agreements, m.runs)]
    if c.reasons & _DRAWN:
        said.append(" %d drawn inputs move positions, red lines or reservations away from the "
                    "stated ones in each run;" % m.n_inputs)
    if c.reasons & _SHOCKS:
        said.append(" shocks change capabilities, reservations or positions during the talks;")
    if c.coalition_possible:
        said += _missed(c, mc)
    if c.reasons & _ACCEPTANCE:
        said.append(" the simulated parties accept by their own utility and red lines over the "
                    "simulated issues, which can differ from the zone's constraints;")
    text = "".join(said)
    return text[:-1] + "." if text.endswith(";") else text


def zone(s, mc, m):
    """The "zone" member, or None when the zone cannot be decided (then the CLI has none)."""
    g = _zone_of(s)
    if g is None:
        return None
    document = {"possible": bool(g.possible),
                "margin": number(g.margin) if g.red_lines_compatible else None}
    c = ffi.new("pl_zone_comparison *")
    if lib.pl_zone_compare(s, g, mc, m, c, ffi.NULL) != 0:
        document["contradiction"] = None
        return document
    document["contradiction"] = _contradiction(c, mc, m)
    document["all_parties"] = None if not c.all_known else {
        "possible": bool(c.all_possible), "margin": number(c.all_margin)}
    document["matches"] = ("both" if c.matches_coalition and c.matches_all else
                           "coalition" if c.matches_coalition else
                           "all_parties" if c.matches_all else "neither")
    document["offers"] = _OFFERS.get(c.offers, "mediator_grid")
    document["reasons"] = [name for k, name in enumerate(_REASONS) if c.reasons & (1 << k)]
    return document
