/*
 * zone_comparison.c - the simulation against the zone of agreement
 * (parley/zone_comparison.h; docs/simulation.md, "When the simulation and the
 * zone disagree").
 */
#include <math.h>
#include <string.h>

#include "simulate/sao_internal.h"

/* The zone of every party: the scenario with each actor a veto actor, under unanimity. */
static int all_parties_zone(const pl_scenario *s, int *possible, double *margin,
                            pl_diag *diag)
{
    pl_scenario *copy = NULL;
    int rc = pl_scenario_copy(s, &copy);
    if (rc != PL_OK)
        return rc;
    for (size_t a = 0; a < copy->n_actors; a++)
        copy->actors[a].veto = 1;
    copy->decision_rule.kind = PL_RULE_UNANIMITY;
    pl_agreement_options o;
    pl_agreement_options_init(&o);
    o.max_set = 0; /* only whether a zone exists, and its margin */
    o.solutions = 0;
    o.searches = 0;
    pl_agreement *g = NULL;
    rc = pl_agreement_compute(copy, &o, &g, diag);
    if (rc == PL_OK) {
        *possible = g->possible;
        *margin = g->margin;
    }
    pl_agreement_free(g);
    pl_scenario_free(copy);
    return rc;
}

static int has_continuous(const pl_scenario *s)
{
    for (size_t i = 0; i < s->n_issues; i++)
        if (s->issues[i].kind == PL_ISSUE_CONTINUOUS)
            return 1;
    return 0;
}

/* Where offers came from: sao.c's and mediator.c's own tests, mirrored. */
pl_offer_source pl_offer_source_of(const pl_scenario *s, const pl_montecarlo_options *o,
                                   const pl_montecarlo *m)
{
    if (o->simulation.protocol == PL_PROTOCOL_MEDIATOR)
        return s->utility_form == PL_UTILITY_QUADRATIC && has_continuous(s)
                   ? PL_OFFERS_MEDIATOR_GRID : PL_OFFERS_MEDIATOR_TEXT;
    if (sao_tradeoff_applies(s, &o->simulation))
        return PL_OFFERS_TRADEOFF;
    return m->exact ? PL_OFFERS_RANKED : PL_OFFERS_SEARCH;
}

/* Hardheaded agents never concede, tit-for-tat ones only as much as the others, and the
 * caller's negotiators (pl_negotiator) follow rules of their own. */
static int stubborn_agents(const pl_simulation_options *so)
{
    for (size_t k = 0; k < so->n_agents; k++)
        if (so->agents[k].kind == PL_AGENT_HARDHEADED ||
            so->agents[k].kind == PL_AGENT_TIT_FOR_TAT ||
            so->agents[k].kind == PL_AGENT_CALLBACK) /* the caller's rules: no promise */
            return 1;
    return 0;
}

static int shocks_apply(const pl_scenario *s, const pl_montecarlo_options *o)
{
    for (size_t k = 0; k < s->n_shocks; k++)
        if ((o->use_shock == NULL || o->use_shock[k]) &&
            s->shocks[k].start_round <= o->simulation.talk_rounds)
            return 1;
    return 0;
}

static unsigned reasons(const pl_scenario *s, const pl_montecarlo_options *o,
                        const pl_montecarlo *m, const pl_zone_comparison *c)
{
    unsigned why = 0;
    if (m->n_inputs > 0)
        why |= PL_ZONE_WHY_DRAWN;
    if (shocks_apply(s, o))
        why |= PL_ZONE_WHY_SHOCKS;
    if (!c->coalition_possible) {
        if (m->n_inputs == 0)
            why |= PL_ZONE_WHY_ACCEPTANCE;
        return why;
    }
    if (o->simulation.protocol == PL_PROTOCOL_SAO && c->all_known && !c->all_possible)
        why |= PL_ZONE_WHY_CONSENT;
    if ((c->offers == PL_OFFERS_RANKED || c->offers == PL_OFFERS_SEARCH ||
         c->offers == PL_OFFERS_MEDIATOR_GRID) && has_continuous(s))
        why |= PL_ZONE_WHY_GRID;
    if (stubborn_agents(&o->simulation))
        why |= PL_ZONE_WHY_STUBBORN;
    return why;
}

int pl_zone_compare(const pl_scenario *s, const pl_agreement *g,
                    const pl_montecarlo_options *o, const pl_montecarlo *m,
                    pl_zone_comparison *out, pl_diag *diag)
{
    if (s == NULL || g == NULL || o == NULL || m == NULL || out == NULL)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "pl_zone_compare: NULL argument");
    memset(out, 0, sizeof *out);
    out->coalition_possible = g->possible;
    out->coalition_margin = g->margin;
    out->n_coalition = g->n_coalition;
    out->n_parties = s->n_actors;
    out->all_possible = g->possible;
    out->all_margin = g->margin;
    out->all_known = 1;
    if (g->n_coalition < s->n_actors) {
        int rc = all_parties_zone(s, &out->all_possible, &out->all_margin, NULL);
        if (rc == PL_ERR_NOMEM)
            return pl_diag_set(diag, rc, 0, 0, "out of memory");
        if (rc != PL_OK) { /* undecided: say nothing about it */
            out->all_known = 0;
            out->all_possible = g->possible;
            out->all_margin = g->margin;
        }
    }
    out->agreements = m->agreements;
    out->runs = m->runs;
    int settled = m->agreements > 0;
    out->matches_coalition = settled == (g->possible != 0);
    out->matches_all = settled == (out->all_possible != 0);
    out->contradicts = !out->matches_coalition;
    out->offers = pl_offer_source_of(s, o, m);
    out->reasons = out->contradicts ? reasons(s, o, m, out) : 0;
    return PL_OK;
}
