/*
 * frontier_api.c - pl_frontier_compute() and the small public helpers of
 * parley/frontier.h: candidates (frontier_tables.c), counts
 * (frontier_count.c), the merge (frontier.c, frontier_skyline.c), the
 * contract's frontier and the solutions (frontier_solutions.c).
 */
#include <math.h>
#include <string.h>

#include "frontier/frontier_internal.h"
#include "numeric/lp.h"

static const char *const disagreement_names[] = {"reservation", "minimum", "zero"};
static const char *const solution_names[] = {"nash", "kalai_smorodinsky", "egalitarian",
                                             "utilitarian", "asymmetric_nash"};

const char *pl_disagreement_name(pl_disagreement disagreement)
{
    return (unsigned)disagreement < 3 ? disagreement_names[disagreement] : NULL;
}

int pl_disagreement_from_name(const char *name, pl_disagreement *out)
{
    for (unsigned k = 0; name != NULL && k < 3; k++)
        if (strcmp(name, disagreement_names[k]) == 0) {
            *out = (pl_disagreement)k;
            return PL_OK;
        }
    return PL_ERR_NOT_FOUND;
}

const char *pl_solution_name(pl_solution_kind kind)
{
    return (unsigned)kind < PL_SOLUTION_COUNT ? solution_names[kind] : NULL;
}

void pl_frontier_options_init(pl_frontier_options *options)
{
    const pl_frontier_options defaults = PL_FRONTIER_OPTIONS_INIT;
    *options = defaults;
}

const double *pl_frontier_point(const pl_frontier *f, size_t k)
{
    return &f->utilities[k * f->n_parties];
}

void pl_frontier_free(pl_frontier *f)
{
    if (f == NULL)
        return;
    pli_free(f->utilities);
    pli_free(f->disagreement);
    pli_free(f->ideal);
    pli_free(f->minimum);
    for (int k = 0; k < PL_SOLUTION_COUNT; k++) {
        pli_free(f->solutions[k].utilities);
        pli_free(f->solutions[k].package);
    }
    pli_free(f);
}

static int check_options(const pl_scenario *s, const pl_frontier_options *o, pl_diag *diag)
{
    if (o->version != PL_FRONTIER_OPTIONS_VERSION)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "frontier: unknown options version %u",
                           o->version);
    if (pl_disagreement_name(o->disagreement) == NULL)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "frontier: unknown disagreement point");
    if (o->threads < 1 || o->threads > PL_POOL_MAX_THREADS)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "frontier: threads must be in 1..%d",
                           PL_POOL_MAX_THREADS);
    if (o->continuous_steps < 1 || o->continuous_steps > 1000000)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0,
                           "frontier: continuous_steps must be in 1..1000000");
    if (s->n_actors == 0)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "frontier: the scenario has no actor");
    return PL_OK;
}

/* Product of every issue's candidate count (red lines and reservations ignored). */
static int count_outcomes(const fr_tables *t, pl_frontier *f, pl_diag *diag)
{
    fr_big total;
    fr_big_set(&total, 1);
    for (size_t i = 0; i < t->n_issues; i++)
        if (fr_big_mul(&total, (uint32_t)t->issues[i].n_values))
            return pl_diag_set(diag, PL_ERR_LIMIT, 0, 0,
                               "frontier: more than 2^%d outcomes", FR_BIG_LIMBS * 32);
    fr_big_to_count(&total, &f->outcomes);
    return PL_OK;
}

static pl_frontier *frontier_new(size_t P, size_t n_issues, pl_disagreement kind)
{
    pl_frontier *f = pli_calloc(1, sizeof *f);
    if (f == NULL)
        return NULL;
    f->n_parties = P;
    f->n_issues = n_issues;
    f->disagreement_kind = kind;
    f->disagreement = pli_calloc(P, sizeof *f->disagreement);
    f->ideal = pli_calloc(P, sizeof *f->ideal);
    f->minimum = pli_calloc(P, sizeof *f->minimum);
    if (!f->disagreement || !f->ideal || !f->minimum) {
        pl_frontier_free(f);
        return NULL;
    }
    return f;
}

/*
 * Refuse at once what would run for minutes or exhaust memory. With eight
 * parties or more a frontier keeps most of the outcomes (measured: KTAB's
 * 27-party table, Decide's 10- to 15-party files) and the k-d tree skyline of
 * each merge stage degrades towards the square of its pool (27 parties,
 * 173 000 points: 20 s), so the bound on the last pool, the product of the
 * issues' Pareto values, must fit the memory that max_points allows two
 * parties: max_points points of 4 numbers, here (parties + 2) numbers each.
 * Fewer parties keep far smaller frontiers (AgentHp2, 3 parties, 5.8 million
 * outcomes: milliseconds; the default scenario relaxed, 4 parties: 681 000
 * points of 9e13 candidates, 26 s) and are bounded stage by stage in
 * run_stage(), with progress after each stage.
 */
#define PLI_FRONTIER_BOUND_PARTIES 8

static int check_size(const fr_tables *t, const pl_frontier_options *o, pl_diag *diag)
{
    if (t->parties < PLI_FRONTIER_BOUND_PARTIES)
        return PL_OK;
    double bound = 1.0;
    for (size_t i = 0; i < t->n_issues; i++)
        bound *= (double)t->issues[i].n_pareto;
    double budget = (double)o->max_points * 4.0 / (double)(t->parties + 2);
    if (bound <= budget)
        return PL_OK;
    return pl_diag_set(diag, PL_ERR_LIMIT, 0, 0,
                       "frontier: %zu parties over up to %.3g candidate outcomes: the frontier "
                       "may hold most of them, more than the limit of %.3g (max_points x 4 / "
                       "(parties + 2)); use a coarser grid (--steps N), fewer parties, "
                       "--max-points N to raise the limit, or `parley zopa` for the zone's "
                       "best packages",
                       t->parties, bound, budget);
}

/* Counts, merge, contract frontier and solutions, once the tables are built. */
static int analyse(const pl_scenario *s, const pl_frontier_options *o, const fr_tables *t,
                   pl_pool *pool, pl_frontier *f, pl_diag *diag)
{
    int rc = check_size(t, o, diag);
    if (rc == PL_OK)
        rc = count_outcomes(t, f, diag);
    if (rc != PL_OK)
        return rc;
    fr_big rational;
    rc = fr_count_rational(t, o, pool, &rational, diag);
    f->rational_counted = rc == PL_OK;
    if (rc == PL_ERR_LIMIT) { /* the count's budget: give up the count, not the frontier */
        pl_diag_clear(diag);
        fr_big_set(&rational, 0);
        rc = PL_OK;
    }
    if (rc != PL_OK)
        return rc;
    fr_big_to_count(&rational, &f->rational);
    if (fr_continuous_applies(s))
        return fr_continuous_frontier(s, o, t, pool, f, diag);
    fr_merge m;
    rc = fr_merge_run(t, o, pool, &m, diag);
    unsigned char *keep = rc == PL_OK ? pli_malloc(m.n ? m.n : 1) : NULL;
    if (rc == PL_OK && keep == NULL)
        rc = PL_ERR_NOMEM;
    if (rc == PL_OK)
        rc = fr_tolerant_filter(&m, t->parties, keep);
    if (rc == PL_OK)
        rc = fr_solutions(s, t, &m, keep, o, f);
    if (rc == PL_OK)
        f->agreement_possible = m.n > 0;
    if (rc == PL_OK)
        rc = fr_zone_solutions_apply(s, o, f);
    pli_free(keep);
    fr_merge_free(&m, t->n_issues);
    if (rc == PL_ERR_NOMEM)
        pl_diag_set(diag, rc, 0, 0, "frontier: out of memory");
    return rc;
}

int pl_frontier_compute(const pl_scenario *s, const pl_frontier_options *options,
                        pl_frontier **out, pl_diag *diag)
{
    pl_frontier_options o;
    if (out == NULL || s == NULL)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "frontier: NULL argument");
    *out = NULL;
    if (options != NULL)
        o = *options;
    else
        pl_frontier_options_init(&o);
    int rc = check_options(s, &o, diag);
    if (rc != PL_OK)
        return rc;
    pl_pool *pool = NULL;
    if (o.threads > 1 && pl_pool_new(&pool, o.threads) != PL_OK)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "frontier: cannot start %d threads",
                           o.threads);
    fr_tables t;
    rc = fr_tables_build(s, &o, &t, pool, diag);
    pl_frontier *f = NULL;
    if (rc == PL_OK) {
        f = frontier_new(s->n_actors, s->n_issues, o.disagreement);
        rc = f ? PL_OK : pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "frontier: out of memory");
    }
    if (rc == PL_OK) {
        f->n_continuous_exact = t.n_continuous_exact;
        f->n_continuous_grid = t.n_continuous_grid;
        rc = analyse(s, &o, &t, pool, f, diag);
    }
    fr_tables_free(&t);
    pl_pool_free(pool);
    if (rc != PL_OK) {
        pl_frontier_free(f);
        return rc;
    }
    *out = f;
    return PL_OK;
}

/*
 * The zone's answers for options issues only from the exact frontier
 * (docs/agreement.md, "Options domains"). A package whose utilities another
 * package weakly exceeds for every actor is no better for the members by any
 * of the four concepts, so a best package lies on the Pareto frontier of all
 * actors; reservations are lifted (rv = -2) so that packages below them stay
 * for the margin, and the members' reservations are applied when scoring.
 * best[k * n_issues ...]: the maximin package, then nash, kalai_smorodinsky,
 * utilitarian (present[k] zero when no member's reservation is met).
 */
static double zone_score(int kind, const double *u, const pl_scenario *s, const size_t *members,
                         size_t n, const double *ideal)
{
    double v = kind == 1 ? 0.0 : INFINITY;
    if (kind == 3)
        v = 0.0;
    for (size_t k = 0; k < n; k++) {
        size_t a = members[k];
        double gain = u[a] - s->actors[a].reservation, room = ideal[a] - s->actors[a].reservation;
        if (kind == 0)
            v = fmin(v, gain);
        else if (kind == 1 && room > 1e-12)
            v += log(fmax(gain, 0.0));
        else if (kind == 2 && room > 1e-12)
            v = fmin(v, gain / room);
        else if (kind == 3)
            v += u[a];
    }
    return v;
}

int fr_options_zone(const pl_scenario *s, const size_t *members, size_t n, double *best,
                    int *present, pl_diag *diag)
{
    pl_scenario *copy = NULL;
    if (pl_scenario_copy(s, &copy) != PL_OK)
        return PL_ERR_NOMEM;
    for (size_t a = 0; a < copy->n_actors; a++)
        copy->actors[a].reservation = -2.0;
    pl_frontier_options o = PL_FRONTIER_OPTIONS_INIT;
    fr_tables t;
    fr_merge m;
    memset(&m, 0, sizeof m);
    int rc = fr_tables_build(copy, &o, &t, NULL, diag);
    if (rc == PL_OK)
        rc = fr_merge_run(&t, &o, NULL, &m, diag);
    size_t P = s->n_actors;
    double *u = pli_malloc((m.n ? m.n : 1) * P * sizeof *u);
    double *ideal = pli_calloc(P, sizeof *ideal);
    unsigned char *rational = pli_calloc(m.n ? m.n : 1, 1);
    if (rc == PL_OK && (u == NULL || ideal == NULL || rational == NULL))
        rc = PL_ERR_NOMEM;
    for (size_t k = 0; rc == PL_OK && k < m.n * P; k++)
        u[k] = (double)m.points[k] / FR_SCALE;
    for (size_t k = 0; rc == PL_OK && k < m.n; k++) /* the members' tolerance, as the zone's */
        rational[k] = zone_score(0, &u[k * P], s, members, n, ideal) >= -PL_TOLERANCE;
    for (size_t a = 0; rc == PL_OK && a < P; a++) {
        ideal[a] = -INFINITY;
        for (size_t k = 0; k < m.n; k++)
            if (rational[k])
                ideal[a] = fmax(ideal[a], u[k * P + a]);
    }
    static const int order[4] = {0, 3, 1, 2}; /* nash falls back on utilitarian */
    for (int o4 = 0; rc == PL_OK && o4 < 4; o4++) {
        int kind = order[o4];
        double top = -INFINITY;
        size_t at = (size_t)-1;
        for (size_t k = 0; k < m.n; k++) {
            if (kind > 0 && !rational[k])
                continue;
            double v = zone_score(kind, &u[k * P], s, members, n, ideal);
            if (at == (size_t)-1 || v > top + 1e-12 * fmax(1.0, fabs(top))) {
                top = v;
                at = k;
            }
        }
        present[kind] = at != (size_t)-1;
        if (present[kind] && kind == 1 && top == -INFINITY) /* every product is zero */
            memcpy(&best[s->n_issues], &best[3 * s->n_issues], s->n_issues * sizeof *best);
        else if (present[kind])
            fr_merge_package(&t, &m, at, &best[(size_t)kind * s->n_issues]);
    }
    pli_free(u);
    pli_free(ideal);
    pli_free(rational);
    if (t.issues != NULL)
        fr_merge_free(&m, t.n_issues);
    fr_tables_free(&t);
    pl_scenario_free(copy);
    return rc;
}

int pl_frontier_pair(const pl_scenario *scenario, size_t a, size_t b,
                     const pl_frontier_options *options, pl_frontier **out, pl_diag *diag)
{
    pl_diag_clear(diag);
    if (scenario == NULL || out == NULL)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "frontier: no scenario or no output");
    *out = NULL;
    if (a >= scenario->n_actors || b >= scenario->n_actors || a == b)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0,
                           "frontier: a pair needs two different actors of the scenario");
    size_t parties[2] = {a, b};
    pl_scenario *pair = NULL;
    int rc = pl_scenario_restrict(scenario, parties, 2, NULL, 0, &pair);
    if (rc != PL_OK)
        return pl_diag_set(diag, rc, 0, 0, "%s", pl_strerror(rc));
    /* Both must agree to anything on their frontier, whatever the scenario's decision rule. */
    pair->actors[0].veto = pair->actors[1].veto = 1;
    rc = pl_scenario_validate(pair, diag);
    if (rc == PL_OK)
        rc = pl_frontier_compute(pair, options, out, diag);
    pl_scenario_free(pair);
    return rc;
}
