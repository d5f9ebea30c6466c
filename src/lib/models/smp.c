/*
 * smp.c - KTAB's spatial model of politics (parley/smp.h): options, checks,
 * the run loop (§9 of docs/specs/ktab-smp.md), ideal adjustment (§8)
 * and the result (§10).
 */
#include <math.h>
#include <string.h>

#include "models/smp_internal.h"

#define SMP_MIN_ACTORS 3
#define SMP_MAX_ACTORS 250 /* §1: KTAB's limit */
#define SMP_MAX_ROUNDS_LIMIT 100000

/* ---- options ---- */

void pl_smp_options_init(pl_smp_options *o)
{
    *o = (pl_smp_options)PL_SMP_OPTIONS_INIT;
}

static int parse_int(const char *value, long lo, long hi, long *out)
{
    double v;
    if (value == NULL || pli_parse_number(value, &v) != 0 || v != floor(v) || v < (double)lo ||
        v > (double)hi)
        return PL_ERR_INVALID;
    *out = (long)v;
    return PL_OK;
}

int pl_smp_options_set(pl_smp_options *o, const char *name, const char *value, pl_diag *diag)
{
    long v;
    if (o == NULL || name == NULL || o->version != PL_SMP_OPTIONS_VERSION)
        return PL_ERR_ARGUMENT;
    if (strcmp(name, "threads") == 0) {
        if (parse_int(value, 1, 256, &v) != PL_OK)
            return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                               "smp option threads: expected a whole number from 1 to 256");
        o->threads = (int)v;
        return PL_OK;
    }
    if (strcmp(name, "max-rounds") == 0 || strcmp(name, "max_rounds") == 0) {
        if (parse_int(value, SMP_MIN_ROUNDS, SMP_MAX_ROUNDS_LIMIT, &v) != PL_OK)
            return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                               "smp option max-rounds: expected a whole number from 2 to 100000");
        o->max_rounds = (int)v;
        return PL_OK;
    }
    return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                       "unknown smp option \"%.64s\" (valid: threads, max-rounds)", name);
}

/* ---- checks: the model's requirements (§1 practical preconditions) ---- */

static int check_shape(const pl_scenario *s, pl_diag *diag)
{
    if (s->n_actors < SMP_MIN_ACTORS || s->n_actors > SMP_MAX_ACTORS)
        return pl_diag_set(diag, PL_ERR_UNSUPPORTED, 0, 0,
                           "smp: KTAB's spatial model takes 3 to 250 actors, not %zu",
                           s->n_actors);
    if (s->n_issues == 0)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "smp: the scenario has no issue");
    for (size_t i = 0; i < s->n_issues; i++) {
        const pl_issue *is = &s->issues[i];
        if (is->kind != PL_ISSUE_CONTINUOUS)
            return pl_diag_set(diag, PL_ERR_UNSUPPORTED, 0, 0,
                               "issues[%zu]: smp models continuous issues only; \"%s\" is an "
                               "options issue", i, is->id);
        if (!(is->high > is->low))
            return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                               "issues[%zu]: the range must have low < high", i);
    }
    return PL_OK;
}

static int check_stances(const pl_scenario *s, pl_diag *diag)
{
    for (size_t a = 0; a < s->n_actors; a++) {
        if (!(s->actors[a].capability > 0) || !pli_is_finite(s->actors[a].capability))
            return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                               "actors[%zu].capability: smp needs a positive capability", a);
        for (size_t i = 0; i < s->n_issues; i++) {
            const pl_stance *st = pl_scenario_stance_const(s, a, i);
            if (!st->present)
                return pl_diag_set(diag, PL_ERR_UNSUPPORTED, 0, 0,
                                   "actors[%zu]: smp needs every actor's stance on every issue; "
                                   "\"%s\" has none on \"%s\"",
                                   a, s->actors[a].id, s->issues[i].id);
            if (st->has_capability)
                return pl_diag_set(diag, PL_ERR_UNSUPPORTED, 0, 0,
                                   "actors[%zu]: smp uses one capability per actor; \"%s\" has "
                                   "a per-issue capability on \"%s\"",
                                   a, s->actors[a].id, s->issues[i].id);
            if (!(st->salience >= 0) || !pli_is_finite(st->position))
                return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                                   "actors[%zu]: invalid position or salience on \"%s\"", a,
                                   s->issues[i].id);
        }
    }
    return PL_OK;
}

/* ---- the workspace ---- */

void smp_work_free(smp_work *w)
{
    double **doubles[] = {&w->c, &w->s, &w->S, &w->omega, &w->den, &w->acc, &w->x, &w->y,
                          &w->delta, &w->delta_t, &w->table, &w->ca, &w->cb, &w->q, &w->prob,
                          &w->R, &w->W, &w->rep_prob, &w->actor_prob, &w->scratch, &w->phi,
                          &w->b_init, &w->b_recv, &w->vote, &w->queue_p, &w->x_next};
    for (size_t k = 0; k < sizeof doubles / sizeof doubles[0]; k++)
        pli_free(*doubles[k]);
    pli_free(w->rep);
    pli_free(w->target);
    pli_free(w->queue_start);
    pli_free(w->queue);
    pl_pool_free(w->pool);
    memset(w, 0, sizeof *w);
}

int smp_work_alloc(smp_work *w, size_t n, size_t d, int threads)
{
    memset(w, 0, sizeof *w);
    w->n = n;
    w->d = d;
    struct { double **p; size_t count; } arrays[] = {
        {&w->c, n}, {&w->s, n * d}, {&w->S, n}, {&w->omega, n}, {&w->den, n},
        {&w->x, n * d}, {&w->y, n * d}, {&w->delta, n * n}, {&w->delta_t, n * n},
        {&w->table, n * n}, {&w->ca, n * n}, {&w->cb, n * n}, {&w->q, n + 1}, {&w->prob, n},
        {&w->R, n}, {&w->W, n * n}, {&w->rep_prob, n}, {&w->actor_prob, n},
        {&w->scratch, 4 * n * n}, {&w->phi, n}, {&w->b_init, n * d}, {&w->b_recv, n * d},
        {&w->vote, n * (n + 1)}, {&w->queue_p, 3 * n}, {&w->x_next, n * d}};
    int ok = 1;
    for (size_t k = 0; k < sizeof arrays / sizeof arrays[0]; k++)
        ok &= (*arrays[k].p = pli_calloc(arrays[k].count, sizeof(double))) != NULL;
    w->rep = pli_calloc(n, sizeof *w->rep);
    w->target = pli_calloc(n, sizeof *w->target);
    w->queue_start = pli_calloc(n + 1, sizeof *w->queue_start);
    w->queue = pli_calloc(3 * n, sizeof *w->queue);
    ok &= w->rep && w->target && w->queue_start && w->queue;
    if (ok && pl_pool_new(&w->pool, threads) != PL_OK)
        ok = 0;
    if (!ok) {
        smp_work_free(w);
        return PL_ERR_NOMEM;
    }
    return PL_OK;
}

/* §1: internal positions (x - low) / (high - low), saliences, S_i, omega_i, Den_i. */
static int load_inputs(smp_work *w, const pl_scenario *s, size_t *normalised, pl_diag *diag)
{
    size_t n = w->n, d = w->d;
    *normalised = 0;
    for (size_t a = 0; a < n; a++) {
        w->c[a] = s->actors[a].capability;
        double total = 0.0;
        for (size_t i = 0; i < d; i++) {
            const pl_stance *st = pl_scenario_stance_const(s, a, i);
            const pl_issue *is = &s->issues[i];
            w->x[a * d + i] = (st->position - is->low) / (is->high - is->low);
            w->s[a * d + i] = st->salience;
            total += st->salience;
        }
        if (total > 1.0) { /* native scenarios only: share one unit of attention */
            for (size_t i = 0; i < d; i++)
                w->s[a * d + i] /= total;
            ++*normalised;
            total = 0.0;
            for (size_t i = 0; i < d; i++)
                total += w->s[a * d + i];
        }
        double den = 0.0;
        for (size_t i = 0; i < d; i++)
            den += w->s[a * d + i] * w->s[a * d + i];
        if (!(total > 0) || !(den > 0))
            return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                               "actors[%zu]: smp needs some salience; \"%s\" has none", a,
                               s->actors[a].id);
        w->S[a] = total;
        w->omega[a] = total * w->c[a];
        w->den[a] = den;
    }
    for (size_t k = d; k < n * d; k++)
        if (w->x[k] != w->x[k % d])
            return PL_OK;
    return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                       "smp: every actor holds the same position, so there is nothing to "
                       "negotiate (KTAB's risk attitudes are undefined)");
}

/* §8: KTAB's accommodation matrix is the identity with each pair's entry set. */
static int load_adjustments(smp_work *w, const pl_scenario *s)
{
    size_t n = w->n;
    if (s->ktab.n_adjustments == 0)
        return PL_OK;
    w->acc = pli_calloc(n * n, sizeof *w->acc);
    if (w->acc == NULL)
        return PL_ERR_NOMEM;
    for (size_t a = 0; a < n; a++)
        w->acc[a * n + a] = 1.0;
    for (size_t k = 0; k < s->ktab.n_adjustments; k++) {
        const pl_ktab_adjustment *pair = &s->ktab.adjustments[k];
        w->acc[pair->adjusting_actor * n + pair->reference_actor] = pair->adjust;
    }
    return PL_OK;
}

/*
 * §8: y_i' = sum_j A_ij x_j' (in order) + (1 - min(1, sum_j A_ij)) y_i, per
 * dimension; with A = I this is y' = x' exactly. Reads w->x_next (the new
 * positions); y_i' depends on no other actor's ideal, so w->y is updated in place.
 */
void smp_adjust_ideals(smp_work *w)
{
    size_t n = w->n, d = w->d;
    if (w->acc == NULL) {
        memcpy(w->y, w->x_next, n * d * sizeof *w->y);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const double *row = w->acc + i * n;
        double weight = 0.0;
        for (size_t j = 0; j < n; j++)
            weight += row[j];
        double keep = 1.0 - (weight < 1.0 ? weight : 1.0);
        for (size_t e = 0; e < d; e++) {
            double sum = 0.0;
            for (size_t j = 0; j < n; j++)
                sum += row[j] * w->x_next[j * d + e];
            w->y[i * d + e] = sum + keep * w->y[i * d + e];
        }
    }
}

/* ---- the result ---- */

void pl_smp_result_free(pl_smp_result *r)
{
    if (r == NULL)
        return;
    pl_trace_clear(&r->trace);
    pli_free(r->forecast);
    pli_free(r->most_probable);
    pli_free(r->win_probability);
    pli_free(r->risk);
    pli_free(r->unique_actor);
    pli_free(r->unique_probability);
    pli_free(r);
}

typedef struct run_ctx {
    const pl_scenario *s;
    smp_work w;
    pl_smp_result *r;
    size_t states_cap;
    double *issue_x; /* n x d positions on the issues' scales */
    double *mean, *wmean; /* d each */
} run_ctx;

static double to_issue(const pl_issue *is, double x)
{
    return is->low + x * (is->high - is->low);
}

/* Store state t's win probabilities and risk attitudes (rows t). */
static int record_state(run_ctx *ctx, size_t t)
{
    size_t n = ctx->w.n;
    pl_smp_result *r = ctx->r;
    if (t >= ctx->states_cap) {
        size_t cap = ctx->states_cap, cap2 = ctx->states_cap;
        if (pli_grow((void **)&r->win_probability, &cap, t + 1, n * sizeof(double)) != PL_OK ||
            pli_grow((void **)&r->risk, &cap2, t + 1, n * sizeof(double)) != PL_OK)
            return PL_ERR_NOMEM;
        ctx->states_cap = cap < cap2 ? cap : cap2;
    }
    memcpy(r->win_probability + t * n, ctx->w.actor_prob, n * sizeof(double));
    memcpy(r->risk + t * n, ctx->w.R, n * sizeof(double));
    return PL_OK;
}

/* Append state t (t >= 1) to the trace: positions, the distribution's mean, the c*s mean. */
static int record_round(run_ctx *ctx)
{
    const pl_scenario *s = ctx->s;
    size_t n = ctx->w.n, d = ctx->w.d, best;
    for (size_t a = 0; a < n; a++)
        for (size_t i = 0; i < d; i++)
            ctx->issue_x[a * d + i] = to_issue(&s->issues[i], ctx->w.x[a * d + i]);
    smp_state_forecast(&ctx->w, ctx->mean, &best);
    for (size_t i = 0; i < d; i++) {
        ctx->mean[i] = to_issue(&s->issues[i], ctx->mean[i]);
        ctx->wmean[i] = pl_weighted_mean(s, i, ctx->issue_x);
    }
    return pl_trace_append(&ctx->r->trace, ctx->issue_x, ctx->mean, ctx->wmean);
}

/* §10: the final state's distribution, most probable position and mean. */
static int finish(run_ctx *ctx)
{
    pl_smp_result *r = ctx->r;
    const smp_work *w = &ctx->w;
    size_t d = w->d, m = w->n_rep, best;
    r->n_unique = m;
    r->unique_actor = pli_calloc(m, sizeof *r->unique_actor);
    r->unique_probability = pli_calloc(m, sizeof *r->unique_probability);
    if (r->unique_actor == NULL || r->unique_probability == NULL)
        return PL_ERR_NOMEM;
    memcpy(r->unique_actor, w->rep, m * sizeof *w->rep);
    memcpy(r->unique_probability, w->rep_prob, m * sizeof *w->rep_prob);
    smp_state_forecast(w, r->forecast, &best);
    r->most_probable_probability = w->rep_prob[best];
    for (size_t i = 0; i < d; i++) {
        const pl_issue *is = &ctx->s->issues[i];
        r->forecast[i] = to_issue(is, r->forecast[i]);
        r->most_probable[i] = to_issue(is, w->x[w->rep[best] * d + i]);
    }
    return PL_OK;
}

/* Report round `tau` of at most `max_rounds`; PL_ERR_CANCELLED when the caller says stop. */
static int report(const pl_progress *progress, int tau, int max_rounds)
{
    double fraction = tau >= max_rounds ? 1.0 : (double)tau / max_rounds;
    if (progress->function != NULL && progress->function(fraction, progress->payload) != 0)
        return PL_ERR_CANCELLED;
    return PL_OK;
}

/* §9: rounds until the stop test passes. */
static int run_rounds(run_ctx *ctx, int max_rounds, const pl_progress *progress, pl_diag *diag)
{
    smp_work *w = &ctx->w;
    size_t n = w->n, d = w->d;
    double first = 0.0;
    int rc = smp_state_compute(w, diag);
    if (rc == PL_OK)
        rc = record_state(ctx, 0);
    for (int tau = 1; rc == PL_OK; tau++) {
        smp_round(w);
        double step = smp_state_distance(w->x_next, w->x, n, d);
        if (tau == 1)
            first = step;
        smp_adjust_ideals(w);
        double *old = w->x;
        w->x = w->x_next;
        w->x_next = old;
        rc = smp_state_compute(w, diag);
        if (rc == PL_OK)
            rc = record_state(ctx, (size_t)tau);
        if (rc == PL_OK)
            rc = record_round(ctx);
        if (rc == PL_OK && smp_should_stop(tau, max_rounds, step, first))
            return report(progress, max_rounds, max_rounds);
        if (rc == PL_OK)
            rc = report(progress, tau, max_rounds);
    }
    return rc;
}

static int prepare(run_ctx *ctx, const pl_scenario *s, const pl_smp_options *o, pl_diag *diag)
{
    size_t n = s->n_actors, d = s->n_issues;
    int rc = smp_work_alloc(&ctx->w, n, d, o->threads);
    if (rc != PL_OK)
        return rc;
    ctx->r = pli_calloc(1, sizeof *ctx->r);
    ctx->issue_x = pli_calloc(n * d, sizeof(double));
    ctx->mean = pli_calloc(d, sizeof(double));
    ctx->wmean = pli_calloc(d, sizeof(double));
    if (ctx->r == NULL || ctx->issue_x == NULL || ctx->mean == NULL || ctx->wmean == NULL)
        return PL_ERR_NOMEM;
    ctx->r->forecast = pli_calloc(d, sizeof(double));
    ctx->r->most_probable = pli_calloc(d, sizeof(double));
    if (ctx->r->forecast == NULL || ctx->r->most_probable == NULL)
        return PL_ERR_NOMEM;
    rc = pl_trace_init(&ctx->r->trace, n, d);
    if (rc == PL_OK)
        rc = load_inputs(&ctx->w, s, &ctx->r->n_normalised, diag);
    if (rc == PL_OK)
        rc = load_adjustments(&ctx->w, s);
    if (rc == PL_OK)
        memcpy(ctx->w.y, ctx->w.x, n * d * sizeof(double));
    return rc;
}

static int check_all(const pl_scenario *s, const pl_smp_options *o, pl_diag *diag)
{
    if (o->version != PL_SMP_OPTIONS_VERSION)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "smp: unknown options version %u",
                           o->version);
    if (o->threads < 1 || o->threads > PL_POOL_MAX_THREADS || o->max_rounds < SMP_MIN_ROUNDS)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0,
                           "smp: threads must be 1 to %d and max_rounds at least 2",
                           PL_POOL_MAX_THREADS);
    int rc = smp_check_ktab(s, diag);
    if (rc == PL_OK)
        rc = check_shape(s, diag);
    if (rc == PL_OK)
        rc = check_stances(s, diag);
    return rc;
}

int pl_smp_run(const pl_scenario *s, const pl_smp_options *options, pl_smp_result **out,
               pl_diag *diag)
{
    if (s == NULL || out == NULL)
        return PL_ERR_ARGUMENT;
    *out = NULL;
    pl_smp_options defaults;
    pl_smp_options_init(&defaults);
    const pl_smp_options *o = options ? options : &defaults;
    int rc = check_all(s, o, diag);
    if (rc != PL_OK)
        return rc;
    run_ctx ctx = {.s = s};
    rc = prepare(&ctx, s, o, diag);
    if (rc == PL_OK)
        rc = run_rounds(&ctx, o->max_rounds, &o->progress, diag);
    if (rc == PL_OK)
        rc = finish(&ctx);
    smp_work_free(&ctx.w);
    pli_free(ctx.issue_x);
    pli_free(ctx.mean);
    pli_free(ctx.wmean);
    if (rc != PL_OK) {
        if (rc == PL_ERR_NOMEM)
            pl_diag_set(diag, rc, 0, 0, "smp: out of memory");
        else if (rc == PL_ERR_CANCELLED)
            pl_diag_set(diag, rc, 0, 0, "smp: cancelled");
        pl_smp_result_free(ctx.r);
        return rc;
    }
    *out = ctx.r;
    return PL_OK;
}
