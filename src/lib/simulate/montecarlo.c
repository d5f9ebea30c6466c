/*
 * montecarlo.c - many negotiations over drawn inputs and shocks
 * (docs/simulation.md, "Monte Carlo").
 *
 * Runs are cut into blocks of MC_BLOCK; each block prepares its own session
 * and writes only its runs' slots, so any number of threads gives the same
 * per-run results, which mc_reduce() then combines in run order. A scenario
 * whose selected groups draw nothing is deterministic: it is negotiated once
 * and that run stands for all of them.
 */
#include <math.h>
#include <string.h>

#include "simulate/montecarlo_internal.h"

#define MC_BLOCK 64

void pl_montecarlo_options_init(pl_montecarlo_options *o)
{
    *o = (pl_montecarlo_options)PL_MONTECARLO_OPTIONS_INIT;
}

void pl_montecarlo_free(pl_montecarlo *m)
{
    if (m == NULL)
        return;
    for (size_t i = 0; m->issues != NULL && i < m->n_issues; i++) {
        pli_free(m->issues[i].option_share);
        pli_free(m->issues[i].option_count);
    }
    pli_free(m->issues);
    pli_free(m->inputs);
    pli_free(m->mean_utilities);
    pli_free(m->mean_agreement_utilities);
    pli_free(m->per_run_agreed);
    pli_free(m->per_run_step);
    pli_free(m->per_run_utilities);
    pli_free(m->per_run_package);
    pli_free(m->per_run_deviations);
    pli_free(m->agreed_at);
    pli_free(m);
}

#define MC_FAILURE_SIZE 160
_Static_assert(sizeof ((sao_session *)0)->callback_failure == MC_FAILURE_SIZE,
               "a block's failure holds its session's");

typedef struct mc_job {
    const pl_scenario *scenario;
    const pl_montecarlo_options *options;
    const mc_plan *plan;
    mc_runs *runs;
    size_t first;      /**< the run number of slot 0 (pl_montecarlo_run_range) */
    size_t simulated;  /**< runs actually negotiated (1 when deterministic) */
    const unsigned char *shock_flags; /**< per shock, nonzero when it applies */
    int *status;       /**< per block */
    /** Per block, what a caller's negotiator failed in (PL_ERR_CALLBACK; sao_callback.c). */
    char (*failures)[MC_FAILURE_SIZE];
    char *failure;     /**< the first failing block's, for the diag (MC_FAILURE_SIZE) */
} mc_job;

static void store(mc_runs *out, size_t run, const pl_negotiation *r)
{
    out->agreed[run] = (unsigned char)(r->agreed != 0);
    out->step[run] = r->agreement_step;
    memcpy(out->utilities + run * out->n_parties, r->utilities,
           out->n_parties * sizeof(double));
    memcpy(out->package + run * out->n_issues, r->package, out->n_issues * sizeof(double));
}

static int run_one(sao_session *ss, const mc_job *job, size_t run, pl_negotiation *r)
{
    const pl_montecarlo_options *o = job->options;
    sao_inputs_reset(&ss->inputs, job->scenario);
    mc_apply_draws(job->plan, &ss->inputs, job->scenario, o->seed, job->first + run,
                   job->runs->deviations + run * job->runs->n_inputs);
    int rc = sao_session_rebuild(ss);
    if (rc == PL_OK)
        rc = o->simulation.protocol == PL_PROTOCOL_MEDIATOR ? sao_mediator_run(ss, r)
                                                            : sao_session_run(ss, r);
    if (rc == PL_OK)
        store(job->runs, run, r);
    return rc;
}

static void run_block(size_t block, void *payload)
{
    mc_job *job = payload;
    sao_session ss;
    pl_negotiation r;
    int rc = sao_session_init(&ss, job->scenario, &job->options->simulation);
    if (rc != PL_OK) {
        job->status[block] = rc;
        return;
    }
    ss.use_shock = job->shock_flags;
    rc = sao_result_alloc(&r, job->scenario->n_actors, job->scenario->n_issues);
    size_t end = (block + 1) * MC_BLOCK;
    for (size_t run = block * MC_BLOCK; rc == PL_OK && run < end && run < job->simulated; run++)
        rc = run_one(&ss, job, run, &r);
    pli_free(r.package);
    pli_free(r.utilities);
    for (size_t e = 0; e < r.n_events; e++) {
        pli_free(r.events[e].utilities);
        pli_free(r.events[e].package);
    }
    pli_free(r.events);
    if (rc == PL_ERR_CALLBACK)
        memcpy(job->failures[block], ss.callback_failure, MC_FAILURE_SIZE);
    sao_session_free(&ss);
    job->status[block] = rc;
}

void mc_runs_free(mc_runs *r)
{
    pli_free(r->agreed);
    pli_free(r->step);
    pli_free(r->utilities);
    pli_free(r->package);
    pli_free(r->deviations);
}

int mc_runs_alloc(mc_runs *r, size_t runs, const pl_scenario *s, size_t n_inputs)
{
    memset(r, 0, sizeof *r);
    r->runs = runs;
    r->n_parties = s->n_actors;
    r->n_issues = s->n_issues;
    r->n_inputs = n_inputs;
    r->agreed = pli_calloc(runs, 1);
    r->step = pli_calloc(runs, sizeof *r->step);
    r->utilities = pli_calloc(runs * s->n_actors, sizeof(double));
    r->package = pli_calloc(runs * s->n_issues + 1, sizeof(double));
    r->deviations = pli_calloc(runs * n_inputs + 1, sizeof(double));
    return r->agreed && r->step && r->utilities && r->package && r->deviations ? PL_OK
                                                                               : PL_ERR_NOMEM;
}

/* A deterministic scenario: copy run 0 into every slot. */
static void replicate(mc_runs *r)
{
    for (size_t run = 1; run < r->runs; run++) {
        r->agreed[run] = r->agreed[0];
        r->step[run] = r->step[0];
        memcpy(r->utilities + run * r->n_parties, r->utilities, r->n_parties * sizeof(double));
        memcpy(r->package + run * r->n_issues, r->package, r->n_issues * sizeof(double));
    }
}

/* One batch of blocks [first, first + count) on the pool: block first + index. */
typedef struct mc_batch {
    mc_job *job;
    size_t first;
} mc_batch;

static void run_batch_block(size_t index, void *payload)
{
    mc_batch *batch = payload;
    run_block(batch->first + index, batch->job);
}

/*
 * Without a progress function every block runs in one pool loop; with one,
 * in batches of a few blocks per thread, reporting from this (the calling)
 * thread between batches. Blocks are independent, so batching changes no
 * result.
 */
static int execute(mc_job *job, pl_pool *pool)
{
    size_t blocks = (job->simulated + MC_BLOCK - 1) / MC_BLOCK;
    const pl_progress *progress = &job->options->progress;
    size_t per_batch = blocks;
    if (progress->function != NULL)
        per_batch = 4 * (size_t)pl_pool_threads(pool);
    job->status = pli_calloc(blocks, sizeof *job->status);
    job->failures = pli_calloc(blocks, sizeof *job->failures);
    if (job->status == NULL || job->failures == NULL) {
        pli_free(job->status);
        pli_free(job->failures);
        return PL_ERR_NOMEM;
    }
    int rc = PL_OK;
    for (size_t first = 0; rc == PL_OK && first < blocks; first += per_batch) {
        size_t count = blocks - first < per_batch ? blocks - first : per_batch;
        mc_batch batch = {job, first};
        rc = pl_pool_for(pool, count, run_batch_block, &batch);
        for (size_t b = first; rc == PL_OK && b < first + count; b++)
            if ((rc = job->status[b]) == PL_ERR_CALLBACK)
                memcpy(job->failure, job->failures[b], MC_FAILURE_SIZE);
        if (rc == PL_OK && progress->function != NULL) {
            size_t done = (first + count) * MC_BLOCK;
            double fraction = done >= job->simulated ? 1.0 : (double)done / job->simulated;
            if (progress->function(fraction, progress->payload) != 0)
                rc = PL_ERR_CANCELLED;
        }
    }
    pli_free(job->status);
    pli_free(job->failures);
    return rc;
}

static int check(const pl_scenario *s, const pl_montecarlo_options *o, pl_diag *diag)
{
    if (s == NULL || o == NULL)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no scenario or options");
    if (o->version != PL_MONTECARLO_OPTIONS_VERSION ||
        o->simulation.version != PL_SIMULATION_OPTIONS_VERSION)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "montecarlo: unknown options version %u",
                           o->version);
    if (o->runs < 1 || o->runs > ((size_t)1 << 32))
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "runs must be between 1 and 2^32");
    if (s->n_actors < 2)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "a negotiation needs two parties or "
                           "more; the scenario has %zu", s->n_actors);
    const pl_simulation_options *so = &o->simulation;
    if (so->n_agents > 1 && so->n_agents != s->n_actors)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "%zu agents given for %zu parties: give "
                           "one agent for all or one per party", so->n_agents, s->n_actors);
    if (so->steps < 1 || so->grid < 1 || so->talk_rounds < 1)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "steps, grid and rounds must be >= 1");
    return sao_callback_check(so, diag);
}

int mc_negotiate_runs(const pl_scenario *s, const pl_montecarlo_options *o, pl_pool *pool,
                      const mc_plan *plan, size_t first, mc_runs *runs, char *failure)
{
    int rc = PL_OK;
    unsigned char *flags = pli_calloc(s->n_shocks + 1, 1);
    for (size_t h = 0; flags != NULL && h < s->n_shocks; h++)
        flags[h] = (unsigned char)(o->use_shock == NULL || o->use_shock[h]);
    if (flags == NULL)
        rc = PL_ERR_NOMEM;
    /* a caller's negotiator may draw its own numbers unless it says otherwise */
    int deterministic = plan->n_inputs == 0 && sao_agents_deterministic(&o->simulation);
    mc_job job = {s,     o,    plan, runs, first, deterministic ? 1 : runs->runs,
                  flags, NULL, NULL, failure};
    if (rc == PL_OK)
        rc = execute(&job, pool);
    /* No drawn input and deterministic agents: every run is the first. */
    if (rc == PL_OK && deterministic)
        replicate(runs);
    pli_free(flags);
    return rc;
}

static int simulate(const pl_scenario *s, const pl_montecarlo_options *o, pl_pool *pool,
                    const mc_plan *plan, pl_montecarlo *m, char *failure)
{
    mc_runs runs;
    int rc = mc_runs_alloc(&runs, o->runs, s, plan->n_inputs);
    if (rc == PL_OK)
        rc = mc_negotiate_runs(s, o, pool, plan, 0, &runs, failure);
    if (rc == PL_OK)
        rc = mc_finish(s, o, plan, &runs, m);
    mc_runs_free(&runs);
    return rc;
}

int mc_finish(const pl_scenario *s, const pl_montecarlo_options *o, const mc_plan *plan,
              mc_runs *runs_in, pl_montecarlo *m)
{
    int rc = PL_OK;
    mc_runs runs = *runs_in;
    m->deterministic = plan->n_inputs == 0 && sao_agents_deterministic(&o->simulation);
    m->n_steps = (size_t)o->simulation.steps;
    if (rc == PL_OK)
        rc = mc_reduce(&runs, plan, s, m);
    double outcomes = 1;
    for (size_t i = 0; i < s->n_issues; i++)
        outcomes *= s->issues[i].kind == PL_ISSUE_OPTIONS ? (double)s->issues[i].n_options
                                                           : (double)o->simulation.grid + 1;
    m->exact = !o->simulation.never_exact && outcomes <= PL_SAO_EXACT_LIMIT &&
               !sao_tradeoff_applies(s, &o->simulation);
    if (rc == PL_OK && o->keep_runs) {
        /* The runs' arrays become the result's (runs_free then frees NULLs). */
        m->per_run_agreed = runs.agreed;
        m->per_run_step = runs.step;
        m->per_run_utilities = runs.utilities;
        m->per_run_package = runs.package;
        m->per_run_deviations = runs.deviations;
        runs.agreed = NULL;
        runs.step = NULL;
        runs.utilities = runs.package = runs.deviations = NULL;
    }
    *runs_in = runs;
    return rc;
}

int pl_montecarlo_run(const pl_scenario *s, const pl_montecarlo_options *o, pl_pool *pool,
                      pl_montecarlo **out, pl_diag *diag)
{
    if (out == NULL)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no output");
    *out = NULL;
    int rc = check(s, o, diag);
    if (rc != PL_OK)
        return rc;
    pl_pool *own = NULL;
    if (pool == NULL && (rc = pl_pool_new(&own, o->threads)) != PL_OK)
        return pl_diag_set(diag, rc, 0, 0, "cannot start %d threads", o->threads);
    mc_plan plan;
    char failure[MC_FAILURE_SIZE] = "a negotiator's callback failed";
    pl_montecarlo *m = pli_calloc(1, sizeof *m);
    rc = m ? mc_plan_init(&plan, s, o->use_uncertainty) : PL_ERR_NOMEM;
    if (rc == PL_OK) {
        rc = simulate(s, o, pool ? pool : own, &plan, m, failure);
        mc_plan_free(&plan);
    }
    pl_pool_free(own);
    if (rc != PL_OK) {
        pl_montecarlo_free(m);
        if (rc == PL_ERR_CALLBACK) /* which negotiator, party, step and function */
            return pl_diag_set(diag, rc, 0, 0, "%s", failure);
        return pl_diag_set(diag, rc, 0, 0, rc == PL_ERR_NOMEM ? "out of memory"
                           : rc == PL_ERR_CANCELLED ? "cancelled" : "the simulation failed");
    }
    *out = m;
    return PL_OK;
}

/* ---- ranges of runs, for spreading a Monte Carlo over processes ---- */

pl_montecarlo_runs *pl_montecarlo_runs_new(size_t count, size_t n_parties, size_t n_issues,
                                           size_t n_inputs)
{
    pl_montecarlo_runs *r = pli_calloc(1, sizeof *r);
    if (r == NULL)
        return NULL;
    *r = (pl_montecarlo_runs){0, count, n_parties, n_issues, n_inputs,
                              pli_calloc(count + 1, 1), pli_calloc(count + 1, sizeof(int)),
                              pli_calloc(count * n_parties + 1, sizeof(double)),
                              pli_calloc(count * n_issues + 1, sizeof(double)),
                              pli_calloc(count * n_inputs + 1, sizeof(double))};
    if (!r->agreed || !r->step || !r->utilities || !r->package || !r->deviations) {
        pl_montecarlo_runs_free(r);
        return NULL;
    }
    return r;
}

void pl_montecarlo_runs_free(pl_montecarlo_runs *r)
{
    if (r == NULL)
        return;
    pli_free(r->agreed);
    pli_free(r->step);
    pli_free(r->utilities);
    pli_free(r->package);
    pli_free(r->deviations);
    pli_free(r);
}

int pl_montecarlo_run_range(const pl_scenario *s, const pl_montecarlo_options *o, pl_pool *pool,
                            size_t first, size_t count, pl_montecarlo_runs **out, pl_diag *diag)
{
    if (out == NULL)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no output");
    *out = NULL;
    int rc = check(s, o, diag);
    if (rc != PL_OK)
        return rc;
    if (count == 0 || first > o->runs || count > o->runs - first)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "runs %zu to %zu are not among the %zu",
                           first, first + count, o->runs);
    pl_montecarlo_options quiet = *o;
    quiet.progress = (pl_progress){NULL, NULL};
    pl_pool *own = NULL;
    if (pool == NULL && (rc = pl_pool_new(&own, o->threads)) != PL_OK)
        return pl_diag_set(diag, rc, 0, 0, "cannot start %d threads", o->threads);
    mc_plan plan;
    mc_runs runs;
    memset(&runs, 0, sizeof runs);
    char failure[MC_FAILURE_SIZE] = "a negotiator's callback failed";
    rc = mc_plan_init(&plan, s, o->use_uncertainty);
    if (rc == PL_OK) {
        rc = mc_runs_alloc(&runs, count, s, plan.n_inputs);
        if (rc == PL_OK)
            rc = mc_negotiate_runs(s, &quiet, pool ? pool : own, &plan, first, &runs, failure);
        mc_plan_free(&plan);
    }
    pl_pool_free(own);
    pl_montecarlo_runs *r = pli_calloc(1, sizeof *r);
    if (rc == PL_OK && r == NULL)
        rc = PL_ERR_NOMEM;
    if (rc != PL_OK) {
        mc_runs_free(&runs);
        pli_free(r);
        if (rc == PL_ERR_CALLBACK) /* which negotiator, party, step and function */
            return pl_diag_set(diag, rc, 0, 0, "%s", failure);
        return pl_diag_set(diag, rc, 0, 0, rc == PL_ERR_NOMEM ? "out of memory"
                                                              : "the simulation failed");
    }
    *r = (pl_montecarlo_runs){first, count, runs.n_parties, runs.n_issues, runs.n_inputs,
                              runs.agreed, runs.step, runs.utilities, runs.package,
                              runs.deviations};
    *out = r;
    return PL_OK;
}

int pl_montecarlo_from_runs(const pl_scenario *s, const pl_montecarlo_options *o,
                            const pl_montecarlo_runs *in, pl_montecarlo **out, pl_diag *diag)
{
    if (out == NULL || in == NULL)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no runs or no output");
    *out = NULL;
    int rc = check(s, o, diag);
    if (rc != PL_OK)
        return rc;
    mc_plan plan;
    if ((rc = mc_plan_init(&plan, s, o->use_uncertainty)) != PL_OK)
        return pl_diag_set(diag, rc, 0, 0, "out of memory");
    mc_runs runs;
    memset(&runs, 0, sizeof runs);
    pl_montecarlo *m = NULL;
    int fits = in->first == 0 && in->count == o->runs && in->n_parties == s->n_actors &&
               in->n_issues == s->n_issues && in->n_inputs == plan.n_inputs;
    if (!fits)
        rc = PL_ERR_ARGUMENT;
    else if ((rc = mc_runs_alloc(&runs, in->count, s, plan.n_inputs)) == PL_OK &&
             (m = pli_calloc(1, sizeof *m)) != NULL) {
        memcpy(runs.agreed, in->agreed, in->count);
        memcpy(runs.step, in->step, in->count * sizeof *runs.step);
        memcpy(runs.utilities, in->utilities, in->count * in->n_parties * sizeof(double));
        memcpy(runs.package, in->package, in->count * in->n_issues * sizeof(double));
        memcpy(runs.deviations, in->deviations, in->count * in->n_inputs * sizeof(double));
        rc = mc_finish(s, o, &plan, &runs, m);
    } else if (rc == PL_OK) {
        rc = PL_ERR_NOMEM;
    }
    mc_runs_free(&runs);
    mc_plan_free(&plan);
    if (rc != PL_OK) {
        pl_montecarlo_free(m);
        return pl_diag_set(diag, rc, 0, 0, fits ? "out of memory"
                                                : "the runs' records do not fit the scenario "
                                                  "and options");
    }
    *out = m;
    return PL_OK;
}
