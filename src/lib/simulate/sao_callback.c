/*
 * sao_callback.c - agents played by the caller's functions (pl_negotiator,
 * parley/simulate.h): the same turns as the built-in agents in sao.c (judge
 * the standing offer, else make one), asked of the caller instead. A failing
 * callback stops the negotiation with PL_ERR_CALLBACK; the library never
 * unwinds through the caller's code, so a language binding returns nonzero
 * from its callback instead of raising through C.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "simulate/sao_internal.h"

void pl_negotiator_init(pl_negotiator *n)
{
    *n = (pl_negotiator)PL_NEGOTIATOR_INIT;
}

static int is_callback(const pl_agent *a)
{
    return a->kind == PL_AGENT_CALLBACK;
}

int sao_has_callback(const pl_simulation_options *o)
{
    for (size_t k = 0; o->agents != NULL && k < o->n_agents; k++)
        if (is_callback(&o->agents[k]))
            return 1;
    return 0;
}

int sao_agents_deterministic(const pl_simulation_options *o)
{
    for (size_t k = 0; o->agents != NULL && k < o->n_agents; k++)
        if (is_callback(&o->agents[k]) &&
            (o->agents[k].negotiator == NULL || !o->agents[k].negotiator->deterministic))
            return 0;
    return 1;
}

int sao_callback_check(const pl_simulation_options *o, pl_diag *diag)
{
    for (size_t k = 0; o->agents != NULL && k < o->n_agents; k++) {
        const pl_negotiator *n = o->agents[k].negotiator;
        if (!is_callback(&o->agents[k]))
            continue;
        if (n == NULL || n->version != PL_NEGOTIATOR_VERSION || n->propose == NULL ||
            n->respond == NULL)
            return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "agent %zu: a negotiator needs "
                               "version PL_NEGOTIATOR_VERSION, propose and respond", k + 1);
        if (o->protocol == PL_PROTOCOL_MEDIATOR)
            return pl_diag_set(diag, PL_ERR_UNSUPPORTED, 0, 0, "negotiators of the caller "
                               "play alternating offers only, not the mediator protocol");
    }
    return PL_OK;
}

static pl_sao_state state_of(const sao_session *ss, size_t p, int k, double t)
{
    pl_sao_state st;
    memset(&st, 0, sizeof st);
    st.party = p;
    st.n_parties = ss->scenario->n_actors;
    st.n_issues = ss->space.n_issues;
    st.step = k;
    st.steps = ss->options.steps;
    st.time = t;
    st.internal = ss;
    return st;
}

static int failed(sao_session *ss, size_t p, int k, const char *what)
{
    const pl_negotiator *n = ss->agents[p].negotiator;
    snprintf(ss->callback_failure, sizeof ss->callback_failure,
             "negotiator '%s' of party '%s' failed in %s at step %d",
             n != NULL && n->name != NULL ? n->name : "callback", ss->scenario->actors[p].id,
             what, k + 1);
    return PL_ERR_CALLBACK;
}

int sao_callback_begin(sao_session *ss)
{
    ss->callback_failure[0] = '\0';
    for (size_t p = 0; p < ss->scenario->n_actors; p++) {
        const pl_negotiator *n = ss->agents[p].negotiator;
        if (!is_callback(&ss->agents[p]) || n->begin == NULL)
            continue;
        pl_sao_state st = state_of(ss, p, 0, 0.0);
        if (n->begin(&st, n->payload) != 0)
            return failed(ss, p, -1, "begin");
    }
    return PL_OK;
}

/* Nonzero when x is a usable value of issue i (an option index, or a number). */
static int valid_value(const sao_session *ss, size_t i, double x)
{
    const pl_issue *is = &ss->scenario->issues[i];
    if (isnan(x))
        return 0;
    if (is->kind == PL_ISSUE_OPTIONS)
        return x >= 0 && x < (double)is->n_options && x == floor(x);
    return 1;
}

/* The grid value of issue i nearest x (the lower one on a tie). O(values). */
static uint32_t nearest_value(const sao_space *space, size_t i, double x)
{
    uint32_t best = 0;
    double gap = INFINITY;
    for (uint32_t v = 0; v < space->n_values[i]; v++) {
        double d = fabs(space->values[i][v] - x);
        if (d < gap) {
            gap = d;
            best = v;
        }
    }
    return best;
}

/* The package `x` made the standing offer: on the continuum as given (clipped), else snapped. */
static void place_offer(sao_session *ss, const double *x)
{
    for (size_t i = 0; i < ss->space.n_issues; i++) {
        const pl_issue *is = &ss->scenario->issues[i];
        if (ss->tradeoff != NULL)
            ss->package[i] = is->kind == PL_ISSUE_OPTIONS ? x[i]
                             : fmin(fmax(x[i], is->low), is->high);
        else
            ss->offer[i] = nearest_value(&ss->space, i, x[i]);
    }
}

/* The standing offer as a package, into ss->callback_offer. */
static void standing_package(sao_session *ss)
{
    for (size_t i = 0; i < ss->space.n_issues; i++)
        ss->callback_offer[i] = ss->tradeoff != NULL ? ss->package[i]
                                                     : ss->space.values[i][ss->offer[i]];
}

int sao_callback_turn(sao_session *ss, pl_negotiation *r, int k, double t, size_t p,
                      int *standing, size_t *proposer, size_t *accepts, size_t *capacity)
{
    const pl_negotiator *n = ss->agents[p].negotiator;
    pl_sao_state st = state_of(ss, p, k, t);
    if (*standing && *proposer != p) {
        standing_package(ss);
        st.standing = ss->callback_offer;
        st.proposer = *proposer;
        int accept = 0;
        if (n->respond(&st, ss->callback_offer, &accept, n->payload) != 0)
            return failed(ss, p, k, "respond");
        if (accept) {
            ++*accepts;
            return sao_record(ss, r, k, p, 1, capacity);
        }
        st.standing = NULL;
        st.proposer = 0;
    }
    for (size_t i = 0; i < ss->space.n_issues; i++)
        ss->callback_offer[i] = NAN;
    if (n->propose(&st, ss->callback_offer, n->payload) != 0)
        return failed(ss, p, k, "propose");
    for (size_t i = 0; i < ss->space.n_issues; i++)
        if (!valid_value(ss, i, ss->callback_offer[i]))
            return failed(ss, p, k, "propose (a NaN or an option index out of range)");
    place_offer(ss, ss->callback_offer);
    *standing = 1;
    *proposer = p;
    *accepts = 0;
    return sao_record(ss, r, k, p, 0, capacity);
}

/* ---- what a negotiator may ask ---- */

/* The package as value indices of the grid, into `values`; nonzero when it is usable. */
static int grid_values(const sao_session *ss, const double *package, uint32_t *values)
{
    for (size_t i = 0; i < ss->space.n_issues; i++) {
        if (!valid_value(ss, i, package[i]))
            return 0;
        values[i] = nearest_value(&ss->space, i, package[i]);
    }
    return 1;
}

double pl_sao_state_utility(const pl_sao_state *state, size_t party, const double *package)
{
    if (state == NULL || state->internal == NULL || package == NULL ||
        party >= state->n_parties)
        return NAN;
    sao_session *ss = (sao_session *)state->internal;
    if (ss->tradeoff != NULL) {
        for (size_t i = 0; i < ss->space.n_issues; i++)
            if (!valid_value(ss, i, package[i]))
                return NAN;
        return sao_tradeoff_utility(ss, party, package);
    }
    /* ss->scratch is free during a callback: sao.c uses it only inside its own agents */
    if (!grid_values(ss, package, ss->scratch))
        return NAN;
    return sao_utility(&ss->parties[party], &ss->space, ss->scratch);
}

int pl_sao_state_allowed(const pl_sao_state *state, size_t party, const double *package)
{
    if (state == NULL || state->internal == NULL || package == NULL ||
        party >= state->n_parties)
        return 0;
    sao_session *ss = (sao_session *)state->internal;
    if (ss->tradeoff != NULL) {
        for (size_t i = 0; i < ss->space.n_issues; i++)
            if (!valid_value(ss, i, package[i]))
                return 0;
        return sao_tradeoff_allowed(ss, party, package);
    }
    if (!grid_values(ss, package, ss->scratch))
        return 0;
    return sao_allowed(&ss->parties[party], &ss->space, ss->scratch);
}
