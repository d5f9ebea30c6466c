/*
 * sao.c - the stacked alternating offers protocol (docs/specs/negmas-sao.md §9),
 * for two parties exactly as NegMAS runs it and, stacked, for more: in each
 * round the parties move in input order; a party facing another's standing
 * offer accepts it or rejects it and makes its own; an offer is agreed when
 * every other party has accepted it in turn. The relative time of round k is
 * t_k = fl((k + 1) / (N + 1)) for judging and offering alike (§4). On
 * scenario input the offers are trade-off packages on the continuum
 * (sao_tradeoff.c) and t_k = (k + 1) / N.
 */
#include <math.h>
#include <string.h>

#include "simulate/sao_internal.h"

void pl_simulation_options_init(pl_simulation_options *o)
{
    *o = (pl_simulation_options)PL_SIMULATION_OPTIONS_INIT;
}

/* ---- results ---- */

static void free_events(pl_negotiation *r)
{
    for (size_t e = 0; e < r->n_events; e++) {
        pli_free(r->events[e].utilities);
        pli_free(r->events[e].package);
    }
    pli_free(r->events);
    r->events = NULL;
    r->n_events = 0;
}

void pl_negotiation_free(pl_negotiation *r)
{
    if (r == NULL)
        return;
    free_events(r);
    pli_free(r->package);
    pli_free(r->utilities);
    pli_free(r);
}

int sao_result_alloc(pl_negotiation *r, size_t n_parties, size_t n_issues)
{
    memset(r, 0, sizeof *r);
    r->n_parties = n_parties;
    r->n_issues = n_issues;
    r->package = pli_calloc(n_issues + 1, sizeof *r->package);
    r->utilities = pli_calloc(n_parties + 1, sizeof *r->utilities);
    return r->package && r->utilities ? PL_OK : PL_ERR_NOMEM;
}

/* ---- sessions ---- */

void sao_session_free(sao_session *ss)
{
    for (size_t a = 0; ss->parties != NULL && a < ss->inputs.n_actors; a++)
        sao_party_free(&ss->parties[a], ss->space.n_issues);
    for (size_t a = 0; ss->state != NULL && a < ss->inputs.n_actors; a++)
        pli_free(ss->state[a].last);
    pli_free(ss->parties);
    pli_free(ss->state);
    pli_free(ss->agents);
    pli_free(ss->offer);
    pli_free(ss->scratch);
    sao_mediator_free(ss->mediator);
    sao_tradeoff_free(ss->tradeoff, ss->space.n_issues);
    pli_free(ss->package);
    pli_free(ss->callback_offer);
    sao_space_free(&ss->space);
    sao_inputs_free(&ss->inputs);
    memset(ss, 0, sizeof *ss);
}

int sao_session_rebuild(sao_session *ss)
{
    for (size_t a = 0; a < ss->scenario->n_actors; a++) {
        int rc = sao_party_build(&ss->parties[a], &ss->space, ss->scenario, &ss->inputs, a);
        if (rc != PL_OK)
            return rc;
    }
    return ss->tradeoff != NULL ? sao_tradeoff_rebuild(ss) : PL_OK;
}

static int choose_agents(sao_session *ss, const pl_simulation_options *o, size_t n)
{
    if (o->n_agents > 1 && o->n_agents != n)
        return PL_ERR_INVALID;
    ss->agents = pli_calloc(n, sizeof *ss->agents);
    if (ss->agents == NULL)
        return PL_ERR_NOMEM;
    for (size_t a = 0; a < n; a++)
        ss->agents[a] = o->n_agents == 0 ? (pl_agent){PL_AGENT_TIME_BASED, 4.0, NULL}
                        : o->agents[o->n_agents == 1 ? 0 : a];
    return PL_OK;
}

int sao_session_init(sao_session *ss, const pl_scenario *s, const pl_simulation_options *o)
{
    memset(ss, 0, sizeof *ss);
    ss->scenario = s;
    ss->options = *o;
    size_t n = s->n_actors, ni = s->n_issues;
    if (n < 2 || o->steps < 1 || o->grid < 1 || o->talk_rounds < 1 ||
        (o->n_agents > 0 && o->agents == NULL))
        return PL_ERR_ARGUMENT;
    int rc = choose_agents(ss, o, n);
    /* the mediator ranks nothing: no enumeration of the space for it */
    if (rc == PL_OK)
        rc = sao_space_init(&ss->space, s, o->grid,
                            o->never_exact || o->protocol == PL_PROTOCOL_MEDIATOR);
    if (rc == PL_OK)
        rc = sao_inputs_init(&ss->inputs, s);
    if (rc == PL_OK) {
        ss->parties = pli_calloc(n, sizeof *ss->parties);
        ss->state = pli_calloc(n, sizeof *ss->state);
        ss->offer = pli_calloc(ni + 1, sizeof *ss->offer);
        ss->scratch = pli_calloc(ni + 1, sizeof *ss->scratch);
        rc = ss->parties && ss->state && ss->offer && ss->scratch ? PL_OK : PL_ERR_NOMEM;
    }
    for (size_t a = 0; rc == PL_OK && a < n; a++) {
        ss->state[a].last = pli_calloc(ni + 1, sizeof *ss->state[a].last);
        rc = ss->state[a].last ? PL_OK : PL_ERR_NOMEM;
    }
    if (rc == PL_OK && sao_has_callback(o)) {
        ss->callback_offer = pli_calloc(ni + 1, sizeof *ss->callback_offer);
        rc = ss->callback_offer ? PL_OK : PL_ERR_NOMEM;
    }
    if (rc == PL_OK && sao_tradeoff_applies(s, o)) {
        ss->space.exact = 0; /* nothing is ranked: the offers are on the continuum */
        ss->package = pli_calloc(ni + 1, sizeof *ss->package);
        rc = ss->package ? sao_tradeoff_new(ss) : PL_ERR_NOMEM;
    }
    if (rc == PL_OK)
        rc = sao_session_rebuild(ss);
    if (rc != PL_OK)
        sao_session_free(ss);
    return rc;
}

/* ---- the protocol ---- */

static void reset_agents(sao_session *ss)
{
    for (size_t a = 0; a < ss->scenario->n_actors; a++) {
        sao_agent *g = &ss->state[a];
        g->spec = ss->agents[a];
        g->party = &ss->parties[a];
        g->seen = 0;
        g->has_last = 0;
    }
}

int sao_record(sao_session *ss, pl_negotiation *r, int round, size_t party, int accepted,
               size_t *capacity)
{
    if (!ss->options.trace)
        return PL_OK;
    if (pli_grow((void **)&r->events, capacity, r->n_events + 1, sizeof *r->events) != PL_OK)
        return PL_ERR_NOMEM;
    pl_sao_event *e = &r->events[r->n_events++];
    size_t n = ss->scenario->n_actors, ni = ss->space.n_issues;
    e->round = round;
    e->party = party;
    e->accepted = accepted;
    e->utilities = pli_malloc((n + 1) * sizeof *e->utilities);
    e->package = pli_malloc((ni + 1) * sizeof *e->package);
    if (e->utilities == NULL || e->package == NULL)
        return PL_ERR_NOMEM;
    for (size_t a = 0; a < n; a++)
        e->utilities[a] = ss->tradeoff ? sao_tradeoff_utility(ss, a, ss->package)
                                       : sao_utility(&ss->parties[a], &ss->space, ss->offer);
    for (size_t i = 0; i < ni; i++)
        e->package[i] = ss->tradeoff ? ss->package[i] : ss->space.values[i][ss->offer[i]];
    return PL_OK;
}

static void settle(sao_session *ss, pl_negotiation *r, int agreed, int step)
{
    size_t n = ss->scenario->n_actors;
    r->agreed = agreed;
    r->agreement_step = step;
    for (size_t i = 0; i < ss->space.n_issues; i++)
        r->package[i] = !agreed ? NAN
                        : ss->tradeoff ? ss->package[i] : ss->space.values[i][ss->offer[i]];
    for (size_t a = 0; a < n; a++)
        r->utilities[a] = !agreed ? ss->inputs.reservation[a]
                          : ss->tradeoff ? sao_tradeoff_utility(ss, a, ss->package)
                                         : sao_utility(&ss->parties[a], &ss->space, ss->offer);
    r->exact = ss->space.exact;
}

/* Shocks due at step k, then (if any applied) the parties' tables again. */
static int shock(sao_session *ss, int k)
{
    int changed = 0;
    int rc = ss->use_shock ? sao_apply_shocks(ss, k, &changed) : PL_OK;
    if (rc == PL_OK && changed)
        rc = sao_session_rebuild(ss);
    return rc;
}

/* A turn on the continuum (sao_tradeoff.c): the same moves, with real packages. */
static int continuum_turn(sao_session *ss, pl_negotiation *r, int k, double t, size_t p,
                          int *standing, size_t *proposer, size_t *accepts, size_t *capacity)
{
    sao_agent *g = &ss->state[p];
    if (*standing && *proposer != p) {
        sao_agent_observe(g, sao_tradeoff_utility(ss, p, ss->package));
        if (sao_tradeoff_accepts(ss, p, t, ss->package)) {
            ++*accepts;
            return sao_record(ss, r, k, p, 1, capacity);
        }
    }
    int rc = sao_tradeoff_offer(ss, p, k, t, ss->package);
    *standing = 1;
    *proposer = p;
    *accepts = 0;
    return rc == PL_OK ? sao_record(ss, r, k, p, 0, capacity) : rc;
}

/* One party's turn (§9): judge the standing offer, or make one. */
static int turn(sao_session *ss, pl_negotiation *r, int k, double t, size_t p, int *standing,
                size_t *proposer, size_t *accepts, size_t *capacity)
{
    sao_agent *g = &ss->state[p];
    if (ss->agents[p].kind == PL_AGENT_CALLBACK)
        return sao_callback_turn(ss, r, k, t, p, standing, proposer, accepts, capacity);
    if (ss->tradeoff != NULL)
        return continuum_turn(ss, r, k, t, p, standing, proposer, accepts, capacity);
    if (*standing && *proposer != p) {
        sao_agent_observe(g, sao_utility(g->party, &ss->space, ss->offer));
        if (sao_agent_accepts(g, &ss->space, t, ss->offer)) {
            ++*accepts;
            return sao_record(ss, r, k, p, 1, capacity);
        }
    }
    sao_agent_offer(g, &ss->space, t, ss->offer);
    *standing = 1;
    *proposer = p;
    *accepts = 0;
    return sao_record(ss, r, k, p, 0, capacity);
}

int sao_session_run(sao_session *ss, pl_negotiation *r)
{
    size_t n = ss->scenario->n_actors, capacity = 0, proposer = 0, accepts = 0;
    int steps = ss->options.steps, standing = 0, rc = PL_OK;
    free_events(r);
    reset_agents(ss);
    if (ss->callback_offer != NULL && (rc = sao_callback_begin(ss)) != PL_OK)
        return rc;
    /* the shortcut assumes the built-in acceptance rules, which a caller's agent may not keep */
    if (ss->tradeoff != NULL && !ss->options.trace && ss->callback_offer == NULL &&
        sao_tradeoff_hopeless(ss)) {
        /* The outcome is known (no agreement); only the shocks' effect on the
         * reservations remains to be applied, as the full run would. */
        for (int k = 0; k < steps && rc == PL_OK; k++)
            rc = shock(ss, k);
        if (rc == PL_OK)
            settle(ss, r, 0, steps);
        return rc;
    }
    for (int k = 0; k < steps && rc == PL_OK; k++) {
        /* §4; on the continuum t reaches 1 in the last round, where every time-based
         * agent's aspiration is its reservation (docs/simulation.md) */
        double t = ss->tradeoff ? (double)(k + 1) / (double)steps
                                : (double)(k + 1) / (double)(steps + 1);
        rc = shock(ss, k);
        for (size_t p = 0; p < n && rc == PL_OK; p++) {
            rc = turn(ss, r, k, t, p, &standing, &proposer, &accepts, &capacity);
            if (rc == PL_OK && accepts == n - 1) {
                settle(ss, r, 1, k + 1); /* §9: agreement_step = k + 1 */
                return PL_OK;
            }
        }
    }
    if (rc == PL_OK)
        settle(ss, r, 0, steps); /* §9 deadline */
    return rc;
}

/* ---- the public interface ---- */

struct pl_sao {
    sao_session session;
};

int pl_sao_new(pl_sao **out, const pl_scenario *s, const pl_simulation_options *o,
               pl_diag *diag)
{
    if (out == NULL || s == NULL || o == NULL)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no scenario or options");
    *out = NULL;
    if (o->version != PL_SIMULATION_OPTIONS_VERSION)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "simulation: unknown options version %u",
                           o->version);
    if (s->n_actors < 2)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "a negotiation needs two parties or "
                           "more; the scenario has %zu", s->n_actors);
    if (o->n_agents > 1 && o->n_agents != s->n_actors)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "%zu agents given for %zu parties: give "
                           "one agent for all or one per party", o->n_agents, s->n_actors);
    int rc = sao_callback_check(o, diag);
    if (rc != PL_OK)
        return rc;
    pl_sao *sao = pli_calloc(1, sizeof *sao);
    if (sao == NULL)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    rc = sao_session_init(&sao->session, s, o);
    if (rc != PL_OK) {
        pli_free(sao);
        return pl_diag_set(diag, rc, 0, 0, rc == PL_ERR_NOMEM ? "out of memory"
                           : "bad simulation options (steps, grid and rounds must be >= 1)");
    }
    *out = sao;
    return PL_OK;
}

int pl_sao_run(pl_sao *sao, pl_negotiation **out)
{
    if (sao == NULL || out == NULL)
        return PL_ERR_ARGUMENT;
    *out = NULL;
    sao_session *ss = &sao->session;
    pl_negotiation *r = pli_calloc(1, sizeof *r);
    int rc = r ? sao_result_alloc(r, ss->scenario->n_actors, ss->space.n_issues)
               : PL_ERR_NOMEM;
    if (rc == PL_OK)
        rc = ss->options.protocol == PL_PROTOCOL_MEDIATOR ? sao_mediator_run(ss, r)
                                                          : sao_session_run(ss, r);
    if (rc != PL_OK) {
        pl_negotiation_free(r);
        return rc;
    }
    *out = r;
    return PL_OK;
}

void pl_sao_free(pl_sao *sao)
{
    if (sao == NULL)
        return;
    sao_session_free(&sao->session);
    pli_free(sao);
}

int pl_negotiate(const pl_scenario *s, const pl_simulation_options *o, pl_negotiation **out,
                 pl_diag *diag)
{
    pl_sao *sao = NULL;
    int rc = pl_sao_new(&sao, s, o, diag);
    if (rc == PL_OK && (rc = pl_sao_run(sao, out)) != PL_OK)
        pl_diag_set(diag, rc, 0, 0, "%s", rc == PL_ERR_CALLBACK ? sao->session.callback_failure
                                                                : "out of memory");
    pl_sao_free(sao);
    return rc;
}
