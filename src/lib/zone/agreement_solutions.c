/*
 * agreement_solutions.c - the best packages of a zone of agreement by the
 * bargaining solutions of frontier.h (docs/agreement.md, "When agreement is
 * possible"), each as a package problem over the zone itself (lp.h), exact on
 * the continuum; no frontier, no grid.
 *
 * The parties are the coalition's members, the disagreement point their
 * reservations r_a, ideal_a = max U_a over the zone (docs/cli-contract.md, frontier):
 *   utilitarian        max sum_a U_a                        one LP per leaf
 *   kalai_smorodinsky  max t, U_a - r_a >= t (ideal_a - r_a) one LP per member
 *                      for the ideals, one for t, then max sum_a U_a with t kept
 *                      (so the package is on the frontier, not only weakly)
 *   nash               max sum_a log(U_a - r_a)             Kelley's cuts, bounded
 *   egalitarian        the maximin package of the analysis
 * Members with no room (ideal_a - r_a <= 1e-12: U_a = r_a on the whole zone)
 * are left out of Kalai-Smorodinsky's minimum, as the contract says, and out
 * of Nash's product, which they would make zero everywhere. When no leaf of
 * the options search gives every other member a gain at once, every product
 * is zero: every frontier point is a Nash package, and the utilitarian one
 * is reported.
 */
#include <math.h>
#include <string.h>

#include "core/internal.h"
#include "zone/zone.h"

/* Most option combinations whose LPs are kept across the problems (lp.h, leaf_cache). */
#define LEAF_CACHE 4096

/* Members' gains below this count as no room (docs/cli-contract.md's 1e-12). */
#define NO_ROOM 1e-12

/* Solve `z` with `objective` and `coefficient`; *package gets a copy of the result. */
static int solve(pl_zone *z, pl_agreement *g, pl_zone_objective objective,
                 const double *coefficient, int *feasible, double *value)
{
    z->problem.objective = objective;
    z->problem.coefficient = coefficient;
    return pli_zone_run(z, &g->work, feasible, value);
}

static int keep(const pl_scenario *s, const pl_zone *z, pl_agreement *g, pl_solution_kind k)
{
    pl_agreement_solution *sol = &g->solutions[k];
    int rc = pli_copy_utilities(s, z->package, &sol->package, &sol->utilities);
    sol->present = rc == PL_OK;
    return rc;
}

/*
 * The member's own best package where it cares (its positions, its best
 * options), the maximin package elsewhere: when that meets every constraint
 * of the zone (within 1e-12), it is where the member's ideal lies and no LP is
 * needed (*ideal its utility); otherwise *ideal is NaN.
 */
static int own_best(const pl_scenario *s, const pl_zone *z, const pl_agreement *g, size_t a,
                    double *package, double *ideal)
{
    *ideal = NAN;
    for (size_t i = 0; i < s->n_issues; i++) {
        const pl_stance *st = pl_scenario_stance_const(s, a, i);
        package[i] = g->maximin[i];
        if (!st->present || st->salience <= 0)
            continue;
        if (s->issues[i].kind == PL_ISSUE_CONTINUOUS) {
            package[i] = st->position;
            continue;
        }
        for (size_t o = 0; o < s->issues[i].n_options; o++)
            if (st->option_values[o] > st->option_values[(size_t)package[i]])
                package[i] = (double)o;
    }
    for (size_t k = 0; k < g->n_constraints; k++)
        if (pli_zone_violation(&z->problem, k, package) > 1e-12)
            return PL_OK;
    *ideal = pl_package_utility(s, a, package);
    return PL_OK;
}

/* ideal_a - r_a of each reservation constraint into span[k] (0 elsewhere). */
static int spans(const pl_scenario *s, pl_zone *z, pl_agreement *g, double *span)
{
    double *unit = pli_calloc(g->n_constraints + 1, sizeof *unit);
    double *package = pli_calloc(s->n_issues + 1, sizeof *package);
    int rc = unit && package ? PL_OK : PL_ERR_NOMEM;
    for (size_t k = 0; k < g->n_constraints && rc == PL_OK; k++) {
        if (g->constraints[k].kind != PL_CONSTRAINT_RESERVATION)
            continue;
        int feasible = 1;
        double ideal = NAN;
        rc = own_best(s, z, g, g->constraints[k].actor, package, &ideal);
        unit[k] = 1;
        if (rc == PL_OK && isnan(ideal))
            rc = solve(z, g, PL_ZONE_WEIGHTED_SUM, unit, &feasible, &ideal);
        unit[k] = 0;
        double gain = ideal - s->actors[g->constraints[k].actor].reservation;
        span[k] = rc == PL_OK && feasible && gain > NO_ROOM ? gain : 0;
    }
    pli_free(unit);
    pli_free(package);
    return rc;
}

/* Kalai-Smorodinsky: max t, then the largest sum of utilities that keeps t. */
static int kalai_smorodinsky(const pl_scenario *s, pl_zone *z, pl_agreement *g,
                             const double *span, const double *ones)
{
    int feasible = 0;
    double t = NAN, sum = NAN;
    size_t leaves = 1; /* each combination's t, so that the second problem skips the low ones */
    for (size_t i = 0; i < s->n_issues && leaves <= LEAF_CACHE; i++)
        if (s->issues[i].kind == PL_ISSUE_OPTIONS)
            leaves *= s->issues[i].n_options;
    if (leaves > 1 && leaves <= LEAF_CACHE) {
        if ((z->problem.leaf_level = pli_malloc(leaves * sizeof(double))) == NULL)
            return PL_ERR_NOMEM;
        z->problem.n_leaf_level = leaves;
        for (size_t k = 0; k < leaves; k++)
            z->problem.leaf_level[k] = INFINITY;
    }
    int rc = solve(z, g, PL_ZONE_MAXIMIN, span, &feasible, &t);
    /* A leaf whose own t falls short by more than the LP's tolerances cannot meet the
     * levels raised to t - 1e-12 below; the others are solved as before. */
    z->problem.leaf_floor = t - 1e-8;
    if (rc != PL_OK || !feasible) {
        pli_free(z->problem.leaf_level);
        z->problem.leaf_level = NULL;
        z->problem.n_leaf_level = 0;
        return rc;
    }
    double *phase_one = pli_malloc((s->n_issues + 1) * sizeof *phase_one);
    rc = phase_one != NULL ? PL_OK : PL_ERR_NOMEM;
    if (rc == PL_OK) {
        memcpy(phase_one, z->package, s->n_issues * sizeof *phase_one);
        for (size_t k = 0; k < g->n_constraints; k++)
            if (g->constraints[k].kind == PL_CONSTRAINT_RESERVATION)
                z->level[k] += fmax(0.0, t - 1e-12) * span[k];
        rc = solve(z, g, PL_ZONE_WEIGHTED_SUM, ones, &feasible, &sum);
    }
    if (rc == PL_OK && !feasible) /* rounding lost the raised levels: keep the first LP's */
        memcpy(z->package, phase_one, s->n_issues * sizeof *phase_one);
    pli_free(phase_one);
    pli_free(z->problem.leaf_level);
    z->problem.leaf_level = NULL;
    z->problem.n_leaf_level = 0;
    pli_zone_reset(z, s);
    return rc == PL_OK ? keep(s, z, g, PL_SOLUTION_KALAI_SMORODINSKY) : rc;
}

static int utilitarian_and_nash(const pl_scenario *s, pl_zone *z, pl_agreement *g,
                                const double *span, const double *ones)
{
    int feasible = 0, any = 0;
    double sum = NAN, logs = NAN;
    int rc = solve(z, g, PL_ZONE_WEIGHTED_SUM, ones, &feasible, &sum);
    if (rc != PL_OK || !feasible)
        return rc;
    rc = keep(s, z, g, PL_SOLUTION_UTILITARIAN);
    for (size_t k = 0; k < g->n_constraints; k++)
        any |= span[k] > 0;
    if (rc == PL_OK && any) {
        z->problem.gap = &g->nash_gap;
        z->problem.error = &g->nash_error;
        rc = solve(z, g, PL_ZONE_NASH, span, &feasible, &logs);
        z->problem.gap = NULL;
        z->problem.error = NULL;
    }
    if (rc == PL_OK && (!any || !feasible || !isfinite(logs))) {
        g->nash_gap = 0; /* every product is zero: the utilitarian package is a Nash package */
        g->nash_error = 0;
        rc = solve(z, g, PL_ZONE_WEIGHTED_SUM, ones, &feasible, &sum);
    }
    return rc == PL_OK ? keep(s, z, g, PL_SOLUTION_NASH) : rc;
}

int pli_agreement_solutions(const pl_scenario *s, const pl_agreement_options *o,
                            pli_meter *meter, pl_agreement *g)
{
    pl_agreement_solution *egalitarian = &g->solutions[PL_SOLUTION_EGALITARIAN];
    int rc = pli_copy_utilities(s, g->maximin, &egalitarian->package, &egalitarian->utilities);
    if (rc != PL_OK)
        return rc;
    egalitarian->present = 1;
    g->solutions_on_grid = 0;
    if (g->n_coalition == 0)
        return PL_OK;
    pl_zone z;
    double *span = pli_calloc(g->n_constraints + 1, sizeof *span);
    double *ones = pli_calloc(g->n_constraints + 1, sizeof *ones);
    rc = span && ones ? pli_zone_init(&z, s, g, o, meter) : PL_ERR_NOMEM;
    if (rc != PL_OK) {
        pli_free(span);
        pli_free(ones);
        return rc;
    }
    for (size_t k = 0; k < g->n_constraints; k++)
        ones[k] = g->constraints[k].kind == PL_CONSTRAINT_RESERVATION;
    size_t leaves = 1; /* the option combinations, when few enough to keep their LPs */
    for (size_t i = 0; i < s->n_issues && leaves <= LEAF_CACHE; i++)
        if (s->issues[i].kind == PL_ISSUE_OPTIONS)
            leaves *= s->issues[i].n_options;
    if (leaves <= LEAF_CACHE) {
        z.problem.leaf_cache = pli_calloc(leaves, sizeof(pl_lp *));
        z.problem.n_leaf_cache = z.problem.leaf_cache ? leaves : 0;
        rc = z.problem.leaf_cache ? PL_OK : PL_ERR_NOMEM;
    }
    if (rc == PL_OK)
        rc = spans(s, &z, g, span);
    if (rc == PL_OK)
        rc = utilitarian_and_nash(s, &z, g, span, ones);
    for (size_t k = 0; k < z.problem.n_leaf_cache; k++) /* KS moves the levels: no cache */
        pli_lp_free(z.problem.leaf_cache[k]);
    pli_free(z.problem.leaf_cache);
    z.problem.leaf_cache = NULL;
    z.problem.n_leaf_cache = 0;
    if (rc == PL_OK)
        rc = kalai_smorodinsky(s, &z, g, span, ones);
    if (rc == PL_ERR_LIMIT) /* the solutions are extras: too many options leave them out */
        rc = PL_OK;
    pli_zone_release(&z);
    pli_free(span);
    pli_free(ones);
    return rc;
}
