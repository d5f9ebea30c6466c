/*
 * tournament.c - every assignment of agents to the parties of one scenario,
 * negotiated by Monte Carlo and measured against the exact Pareto frontier
 * (parley/tournament.h; docs/simulation.md, "Tournaments").
 *
 * The frontier is computed once (disagreement = reservation, continuous
 * issues on the simulation's grid so that every outcome the agents can agree
 * on is among the frontier's candidates). Each assignment is one task of the
 * pool and writes only its own row, so the rows do not depend on the threads.
 */
#include <math.h>
#include <string.h>

#include "core/internal.h"
#include "parley/frontier.h"
#include "parley/tournament.h"

/* Work budget of the frontier's rational count: the tournament does not need the count. */
#define TOURNAMENT_COUNT_NODES 100000000ULL

void pl_tournament_options_init(pl_tournament_options *o)
{
    *o = (pl_tournament_options)PL_TOURNAMENT_OPTIONS_INIT;
}

void pl_tournament_free(pl_tournament *t)
{
    if (t == NULL)
        return;
    for (size_t k = 0; t->rows != NULL && k < t->n_rows; k++) {
        pli_free(t->rows[k].assignment);
        pli_free(t->rows[k].mean_utilities);
        pli_free(t->rows[k].mean_agreement_utilities);
    }
    pli_free(t->rows);
    pli_free(t->nash);
    pli_free(t);
}

double pl_tournament_nearest(const double *x, const double *points, size_t m, size_t n)
{
    double best = NAN;
    for (size_t i = 0; i < n; i++)
        if (isnan(x[i]))
            return NAN;
    for (size_t k = 0; k < m; k++) {
        double sum = 0.0;
        for (size_t i = 0; i < n; i++) {
            double d = x[i] - points[k * n + i];
            sum += d * d;
        }
        double distance = sqrt(sum);
        if (isnan(best) || distance < best)
            best = distance;
    }
    return best < PL_TOLERANCE ? 0.0 : best; /* below the frontier's tolerance: 0 */
}

typedef struct job {
    const pl_scenario *scenario;
    const pl_tournament_options *options;
    const pl_frontier *frontier;  /**< NULL when not available */
    pl_tournament *result;
    int *status;                  /**< per row */
} job;

/* Assignment number k: party 0's agent is the most significant digit. */
static void decode(size_t k, size_t n_agents, size_t n_parties, size_t *assignment)
{
    for (size_t p = n_parties; p-- > 0;) {
        assignment[p] = k % n_agents;
        k /= n_agents;
    }
}

static int fill_row(const job *jb, pl_tournament_row *row, const pl_montecarlo *m)
{
    size_t n = jb->scenario->n_actors;
    row->runs = m->runs;
    row->agreements = m->agreements;
    row->agreement_rate = m->agreement_rate;
    row->mean_agreement_step = m->mean_agreement_step;
    memcpy(row->mean_utilities, m->mean_utilities, n * sizeof(double));
    memcpy(row->mean_agreement_utilities, m->mean_agreement_utilities, n * sizeof(double));
    row->nash_distance = row->frontier_distance = NAN;
    if (jb->frontier == NULL || m->agreements == 0)
        return PL_OK;
    const pl_frontier *f = jb->frontier;
    row->frontier_distance = pl_tournament_nearest(row->mean_agreement_utilities, f->utilities,
                                                   f->n_points, n);
    if (f->solutions[PL_SOLUTION_NASH].present)
        row->nash_distance = pl_tournament_nearest(row->mean_agreement_utilities,
                                                   jb->result->nash, 1, n);
    return PL_OK;
}

static void run_assignment(size_t k, void *payload)
{
    job *jb = payload;
    const pl_scenario *s = jb->scenario;
    size_t n = s->n_actors;
    pl_tournament_row *row = &jb->result->rows[k];
    pl_agent *agents = pli_calloc(n, sizeof *agents);
    int rc = agents ? PL_OK : PL_ERR_NOMEM;
    pl_montecarlo *m = NULL;
    if (rc == PL_OK) {
        decode(k, jb->options->n_agents, n, row->assignment);
        for (size_t p = 0; p < n; p++)
            agents[p] = jb->options->agents[row->assignment[p]];
        pl_montecarlo_options mo = jb->options->montecarlo;
        mo.simulation.agents = agents;
        mo.simulation.n_agents = n;
        mo.threads = 1;
        mo.progress = (pl_progress){NULL, NULL}; /* workers never call the caller back */
        rc = pl_montecarlo_run(s, &mo, NULL, &m, NULL);
    }
    if (rc == PL_OK)
        rc = fill_row(jb, row, m);
    pl_montecarlo_free(m);
    pli_free(agents);
    jb->status[k] = rc;
}

static int check(const pl_scenario *s, const pl_tournament_options *o, size_t *rows,
                 pl_diag *diag)
{
    if (s == NULL || o == NULL || (o->n_agents > 0 && o->agents == NULL))
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no scenario, options or agents");
    if (o->version != PL_TOURNAMENT_OPTIONS_VERSION ||
        o->montecarlo.version != PL_MONTECARLO_OPTIONS_VERSION ||
        o->montecarlo.simulation.version != PL_SIMULATION_OPTIONS_VERSION)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "tournament: unknown options version %u",
                           o->version);
    if (s->n_actors < 2)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "a negotiation needs two parties or "
                           "more; the scenario has %zu", s->n_actors);
    if (o->n_agents == 0)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "a tournament needs one agent or more");
    const pl_montecarlo_options *mo = &o->montecarlo;
    if (mo->runs < 1 || mo->simulation.steps < 1 || mo->simulation.grid < 1 ||
        mo->simulation.talk_rounds < 1)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "runs, steps, grid and rounds must be "
                           ">= 1");
    size_t count = 1;
    for (size_t p = 0; p < s->n_actors; p++) {
        if (count > o->max_assignments / o->n_agents)
            return pl_diag_set(diag, PL_ERR_LIMIT, 0, 0, "%zu agents for %zu parties make "
                               "more than %zu assignments (%zu^%zu); give fewer agents",
                               o->n_agents, s->n_actors, o->max_assignments, o->n_agents,
                               s->n_actors);
        count *= o->n_agents;
    }
    *rows = count;
    return PL_OK;
}

static int alloc_result(pl_tournament **out, size_t rows, size_t n, size_t n_agents)
{
    pl_tournament *t = pli_calloc(1, sizeof *t);
    if (t == NULL)
        return PL_ERR_NOMEM;
    *out = t;
    t->n_parties = n;
    t->n_agents = n_agents;
    t->nash = pli_calloc(n, sizeof *t->nash);
    t->rows = pli_calloc(rows, sizeof *t->rows);
    if (t->nash == NULL || t->rows == NULL)
        return PL_ERR_NOMEM;
    t->n_rows = rows;
    for (size_t p = 0; p < n; p++)
        t->nash[p] = NAN;
    for (size_t k = 0; k < rows; k++) {
        pl_tournament_row *r = &t->rows[k];
        r->assignment = pli_calloc(n, sizeof *r->assignment);
        r->mean_utilities = pli_calloc(n, sizeof(double));
        r->mean_agreement_utilities = pli_calloc(n, sizeof(double));
        if (!r->assignment || !r->mean_utilities || !r->mean_agreement_utilities)
            return PL_ERR_NOMEM;
    }
    return PL_OK;
}

int pl_tournament_new(size_t n_rows, size_t n_parties, size_t n_agents, pl_tournament **out)
{
    *out = NULL;
    pl_tournament *t = NULL;
    int rc = alloc_result(&t, n_rows, n_parties, n_agents);
    if (rc != PL_OK) {
        pl_tournament_free(t);
        return rc;
    }
    *out = t;
    return PL_OK;
}

/* The frontier with disagreement = reservation; NULL (not an error) when too large. */
static int frontier(const pl_scenario *s, const pl_tournament_options *o, pl_frontier **out)
{
    pl_frontier_options fo;
    pl_frontier_options_init(&fo);
    fo.disagreement = PL_DISAGREEMENT_RESERVATION;
    fo.continuous_steps = o->montecarlo.simulation.grid;
    fo.max_count_nodes = TOURNAMENT_COUNT_NODES;
    int rc = pl_frontier_compute(s, &fo, out, NULL);
    /* Beyond the count's budget the domain is too large for the frontier's metrics. */
    if (rc == PL_OK && !(*out)->rational_counted) {
        pl_frontier_free(*out);
        rc = PL_ERR_LIMIT;
    }
    if (rc == PL_ERR_LIMIT) {
        *out = NULL;
        return PL_OK;
    }
    return rc;
}

int pl_tournament_run(const pl_scenario *s, const pl_tournament_options *o, pl_pool *pool,
                      pl_tournament **out, pl_diag *diag)
{
    if (out == NULL)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no output");
    *out = NULL;
    size_t rows = 0;
    int rc = check(s, o, &rows, diag);
    if (rc != PL_OK)
        return rc;
    pl_tournament *t = NULL;
    pl_frontier *f = NULL;
    int *status = pli_calloc(rows, sizeof *status);
    rc = status ? alloc_result(&t, rows, s->n_actors, o->n_agents) : PL_ERR_NOMEM;
    if (rc == PL_OK)
        rc = frontier(s, o, &f);
    if (rc == PL_OK && f != NULL) {
        t->frontier_available = 1;
        const pl_frontier_solution *nash = &f->solutions[PL_SOLUTION_NASH];
        for (size_t p = 0; nash->present && p < s->n_actors; p++)
            t->nash[p] = nash->utilities[p];
    }
    job jb = {s, o, f, t, status};
    if (rc == PL_OK && pool != NULL)
        rc = pl_pool_for(pool, rows, run_assignment, &jb);
    for (size_t k = 0; rc == PL_OK && pool == NULL && k < rows; k++)
        run_assignment(k, &jb);
    for (size_t k = 0; rc == PL_OK && k < rows; k++)
        rc = status[k];
    pl_frontier_free(f);
    pli_free(status);
    if (rc != PL_OK) {
        pl_tournament_free(t);
        return pl_diag_set(diag, rc, 0, 0, rc == PL_ERR_NOMEM ? "out of memory"
                           : rc == PL_ERR_CALLBACK ? "a negotiator's callback failed; the "
                                                     "tournament was stopped"
                           : "the tournament failed (bad simulation options?)");
    }
    *out = t;
    return PL_OK;
}
