/*
 * frontier_solutions.c - the contract's frontier (1e-9 tolerance), the
 * disagreement and ideal points, and the bargaining solutions
 * (docs/cli-contract.md, `parley frontier`).
 *
 * The merge gives the exact Pareto set E of the rational outcomes. The
 * contract's frontier is what remains of E after dropping every point another
 * point of E dominates within the tolerance (b_i >= a_i - 1e-9 for all i,
 * b_j > a_j + 1e-9 for some j) and keeping one of vectors within 1e-9 of each
 * other (the first in E's order). Looking only inside E is enough: whatever
 * rational outcome dominates a within the tolerance, some point of E is >= it
 * and dominates a as well.
 *
 * Solutions (any frontier point within 1e-9 of the optimum is valid; parley
 * takes the first in frontier order within 1e-12 of the optimum):
 *   nash               max prod (u_i - d_i)            (Nash 1950)
 *   kalai_smorodinsky  max min (u_i - d_i)/(ideal_i - d_i) over the parties
 *                      with ideal_i - d_i > 1e-12      (Kalai and Smorodinsky 1975)
 *   egalitarian        max min (u_i - d_i)             (Kalai 1977)
 *   utilitarian        max sum u_i
 *   asymmetric_nash    max prod (u_i - d_i)^(c_i / sum c), c the capability
 *                      (Kalai 1977; Roth 1979): bargaining power.
 * Gains u_i - d_i below zero (only within the 1e-9 rationality tolerance under
 * the reservation point) count as zero in the products.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "frontier/frontier_internal.h"
#include "zone/zone.h"
#include "parley/agreement.h"

typedef struct coordinate_item {
    int64_t value;
    size_t index;
} coordinate_item;

/*
 * Sort items by value, ascending, ties in the order given (the callers give
 * them by index): a stable least-significant-digit radix sort on the bytes of
 * the value with its sign bit flipped; a pass whose byte is the same for
 * every item is skipped (most high bytes of utilities are). `tmp` holds n
 * items.
 */
static uint64_t sort_key(const coordinate_item *item, int shift)
{
    return ((uint64_t)item->value ^ 0x8000000000000000ULL) >> shift & 0xff;
}

static void sort_by_value(coordinate_item *items, coordinate_item *tmp, size_t n)
{
    size_t count[256];
    for (int shift = 0; n > 1 && shift < 64; shift += 8) {
        memset(count, 0, sizeof count);
        for (size_t i = 0; i < n; i++)
            count[sort_key(&items[i], shift)]++;
        if (count[sort_key(&items[0], shift)] == n)
            continue;
        size_t total = 0;
        for (size_t d = 0; d < 256; d++) {
            size_t c = count[d];
            count[d] = total;
            total += c;
        }
        for (size_t i = 0; i < n; i++)
            tmp[count[sort_key(&items[i], shift)]++] = items[i];
        memcpy(items, tmp, n * sizeof *items);
    }
}

/* b dominates a within the tolerance (docs/cli-contract.md). */
static int tolerant_dominates(const int64_t *b, const int64_t *a, size_t P)
{
    int better = 0;
    for (size_t i = 0; i < P; i++) {
        if (b[i] < a[i] - FR_TOLERANCE)
            return 0;
        if (b[i] > a[i] + FR_TOLERANCE)
            better = 1;
    }
    return better;
}

static int near_equal(const int64_t *a, const int64_t *b, size_t P)
{
    for (size_t i = 0; i < P; i++)
        if (a[i] - b[i] > FR_TOLERANCE || b[i] - a[i] > FR_TOLERANCE)
            return 0;
    return 1;
}

/*
 * In an antichain, a point b that dominates a within the tolerance is below a
 * somewhere, by at most 1e-9: scan, per coordinate k, the points with
 * b_k in [a_k - 1e-9, a_k).
 */
static void drop_dominated(const fr_merge *m, size_t P, size_t k, coordinate_item *items,
                           coordinate_item *tmp, unsigned char *keep)
{
    size_t n = m->n;
    /* E is sorted by the first coordinate, descending: only the others need sorting. */
    for (size_t i = 0; i < n; i++) {
        size_t at = k == 0 ? n - 1 - i : i;
        items[i] = (coordinate_item){m->points[at * P + k], at};
    }
    if (k > 0)
        sort_by_value(items, tmp, n);
    size_t lo = 0, hi = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t a = items[i].value;
        while (items[lo].value < a - FR_TOLERANCE)
            lo++;
        while (items[hi].value < a)
            hi++;
        const int64_t *pa = &m->points[items[i].index * P];
        for (size_t j = lo; j < hi; j++)
            if (tolerant_dominates(&m->points[items[j].index * P], pa, P)) {
                keep[items[i].index] = 0;
                break;
            }
    }
}

int fr_tolerant_filter(const fr_merge *m, size_t P, unsigned char *keep)
{
    size_t n = m->n;
    memset(keep, 1, n);
    coordinate_item *items = pli_malloc((n ? 2 * n : 1) * sizeof *items);
    if (items == NULL)
        return PL_ERR_NOMEM;
    for (size_t k = 0; k < P; k++)
        drop_dominated(m, P, k, items, items + n, keep);
    pli_free(items);
    /* Near-equal vectors count once: E is sorted by u_1 descending. */
    for (size_t i = 0; i < n; i++) {
        if (!keep[i])
            continue;
        const int64_t *a = &m->points[i * P];
        for (size_t j = i; j-- > 0 && m->points[j * P] <= a[0] + FR_TOLERANCE;)
            if (keep[j] && near_equal(&m->points[j * P], a, P)) {
                keep[i] = 0;
                break;
            }
    }
    return PL_OK;
}

/* The objective each solution maximises, at utilities u. */
double fr_objective(pl_solution_kind kind, const double *u, const pl_frontier *f,
                    const double *power)
{
    size_t P = f->n_parties;
    const double *d = f->disagreement;
    double value = INFINITY; /* egalitarian, kalai_smorodinsky: a minimum */
    if (kind == PL_SOLUTION_NASH)
        value = 1.0;
    else if (kind == PL_SOLUTION_ASYMMETRIC_NASH || kind == PL_SOLUTION_UTILITARIAN)
        value = 0.0; /* a sum (of logarithms for the asymmetric product) */
    int counted = 0;
    for (size_t a = 0; a < P; a++) {
        double gain = u[a] - d[a];
        switch (kind) {
        case PL_SOLUTION_NASH:
            value *= gain > 0 ? gain : 0.0;
            break;
        case PL_SOLUTION_ASYMMETRIC_NASH:
            value += power[a] > 0 ? power[a] * log(gain > 0 ? gain : 0.0) : 0.0;
            break;
        case PL_SOLUTION_EGALITARIAN:
            value = gain < value ? gain : value;
            break;
        case PL_SOLUTION_KALAI_SMORODINSKY:
            if (f->ideal[a] - d[a] > 1e-12) {
                double share = gain / (f->ideal[a] - d[a]);
                value = share < value ? share : value;
                counted = 1;
            }
            break;
        default:
            value += u[a];
        }
    }
    if (kind == PL_SOLUTION_ASYMMETRIC_NASH)
        return exp(value);
    if (kind == PL_SOLUTION_KALAI_SMORODINSKY && !counted)
        return 0.0;
    return value;
}

/*
 * The frontier point that maximises `kind`: the first in frontier order whose
 * objective is within 1e-12 (relative) of the maximum, so that rounding-level
 * ties resolve the same way on every machine.
 */
static size_t best_point(pl_solution_kind kind, const pl_frontier *f, const double *power,
                         double *value)
{
    double best = -INFINITY;
    for (size_t k = 0; k < f->n_points; k++) {
        double v = fr_objective(kind, &f->utilities[k * f->n_parties], f, power);
        best = v > best ? v : best;
    }
    double slack = 1e-12 * (fabs(best) > 1.0 ? fabs(best) : 1.0);
    for (size_t k = 0; k < f->n_points; k++) {
        double v = fr_objective(kind, &f->utilities[k * f->n_parties], f, power);
        if (v >= best - slack) {
            *value = v;
            return k;
        }
    }
    *value = best;
    return 0;
}

static int fill_solution(const pl_scenario *s, const fr_tables *t, const fr_merge *m,
                         const size_t *rows, pl_solution_kind kind, const double *power,
                         pl_frontier *f)
{
    pl_frontier_solution *sol = &f->solutions[kind];
    sol->utilities = pli_malloc(f->n_parties * sizeof *sol->utilities);
    sol->package = pli_malloc((t->n_issues ? t->n_issues : 1) * sizeof *sol->package);
    if (sol->utilities == NULL || sol->package == NULL)
        return PL_ERR_NOMEM;
    sol->point = best_point(kind, f, power, &sol->value);
    fr_merge_package(t, m, rows[sol->point], sol->package);
    for (size_t a = 0; a < f->n_parties; a++)
        sol->utilities[a] = pl_package_utility(s, a, sol->package);
    sol->present = 1;
    return PL_OK;
}

static void reference_points(const pl_scenario *s, const fr_tables *t, const fr_merge *m,
                             pl_frontier *f)
{
    size_t P = t->parties;
    for (size_t a = 0; a < P; a++) {
        f->minimum[a] = (double)t->lowest[a] / FR_SCALE;
        /* ideal_i: best utility over rational outcomes = best over their Pareto set. */
        int64_t best = INT64_MIN;
        for (size_t k = 0; k < m->n; k++)
            best = m->points[k * P + a] > best ? m->points[k * P + a] : best;
        f->ideal[a] = m->n ? (double)best / FR_SCALE : NAN;
        switch (f->disagreement_kind) {
        case PL_DISAGREEMENT_MINIMUM:
            f->disagreement[a] = f->minimum[a];
            break;
        case PL_DISAGREEMENT_ZERO:
            f->disagreement[a] = 0.0;
            break;
        default:
            f->disagreement[a] = s->actors[a].reservation;
        }
    }
}

static int frontier_points(const fr_merge *m, size_t P, const unsigned char *keep,
                           pl_frontier *f, size_t *rows)
{
    size_t n = 0;
    for (size_t k = 0; k < m->n; k++)
        n += keep[k] != 0;
    f->n_points = n;
    f->utilities = pli_malloc((n ? n : 1) * P * sizeof *f->utilities);
    if (f->utilities == NULL)
        return PL_ERR_NOMEM;
    size_t w = 0;
    for (size_t k = 0; k < m->n; k++) {
        if (!keep[k])
            continue;
        for (size_t a = 0; a < P; a++)
            f->utilities[w * P + a] = (double)m->points[k * P + a] / FR_SCALE;
        rows[w++] = k;
    }
    return PL_OK;
}

int fr_solutions(const pl_scenario *s, const fr_tables *t, const fr_merge *m,
                 const unsigned char *keep, const pl_frontier_options *o, pl_frontier *f)
{
    size_t P = t->parties;
    size_t *rows = pli_malloc((m->n ? m->n : 1) * sizeof *rows);
    double *power = pli_malloc(P * sizeof *power);
    int rc = rows && power ? frontier_points(m, P, keep, f, rows) : PL_ERR_NOMEM;
    if (rc == PL_OK) {
        reference_points(s, t, m, f);
        double total = 0.0;
        for (size_t a = 0; a < P; a++)
            total += s->actors[a].capability;
        for (size_t a = 0; a < P; a++)
            power[a] = total > 0 ? s->actors[a].capability / total : 1.0 / (double)P;
    }
    for (int kind = 0; rc == PL_OK && f->n_points > 0 && kind < PL_SOLUTION_COUNT; kind++)
        if (kind != PL_SOLUTION_ASYMMETRIC_NASH || o->asymmetric)
            rc = fill_solution(s, t, m, rows, (pl_solution_kind)kind, power, f);
    pli_free(rows);
    pli_free(power);
    return rc;
}

/*
 * Three parties or more on continuous issues (linear form), d = reservations:
 * the solutions as exact optima over the rational set, by the zone's package
 * problems (agreement_solutions.c: LPs over the continuum, the Nash master
 * problem) on a copy of the scenario where every actor must agree, so that
 * every actor's red lines and reservation bound the set, as the contract's
 * rational outcomes are. `point` is then the listed frontier point nearest
 * to the solution. When the zone's search stops at its limit, or finds no
 * package, the candidates' solutions stay (docs/frontier.md).
 */
static int zone_solutions(const pl_scenario *s, pl_frontier *f)
{
    pl_scenario *copy = NULL;
    if (pl_scenario_copy(s, &copy) != PL_OK)
        return PL_ERR_NOMEM;
    for (size_t a = 0; a < copy->n_actors; a++)
        copy->actors[a].veto = 1;
    copy->decision_rule.kind = PL_RULE_UNANIMITY;
    pl_agreement_options ao;
    pl_agreement_options_init(&ao);
    ao.max_set = 0;
    pl_agreement *g = NULL;
    unsigned char *member = pli_malloc(copy->n_actors + 1);
    int rc = member ? PL_OK : PL_ERR_NOMEM;
    if (member != NULL)
        memset(member, 1, copy->n_actors + 1);
    if (rc == PL_OK)
        rc = pli_zone_decide(copy, &ao, member, NULL, &g);
    pli_free(member);
    pl_scenario_free(copy);
    if (rc != PL_OK || g == NULL || !g->possible) {
        pl_agreement_free(g);
        return rc == PL_ERR_NOMEM ? rc : PL_OK;
    }
    size_t P = f->n_parties;
    for (int kind = 0; kind <= PL_SOLUTION_UTILITARIAN; kind++) {
        const pl_agreement_solution *z = &g->solutions[kind];
        pl_frontier_solution *sol = &f->solutions[kind];
        if (!z->present || !sol->present)
            continue;
        memcpy(sol->package, z->package, s->n_issues * sizeof *sol->package);
        for (size_t a = 0; a < P; a++)
            sol->utilities[a] = pl_package_utility(s, a, sol->package);
        sol->value = fr_objective((pl_solution_kind)kind, sol->utilities, f, NULL);
        double nearest = INFINITY;
        for (size_t k = 0; k < f->n_points; k++) {
            double d2 = 0;
            for (size_t a = 0; a < P; a++) {
                double d = f->utilities[k * P + a] - sol->utilities[a];
                d2 += d * d;
            }
            if (d2 < nearest) {
                nearest = d2;
                sol->point = k;
            }
        }
    }
    f->solutions_exact = 1;
    pl_agreement_free(g);
    return PL_OK;
}

int fr_zone_solutions_apply(const pl_scenario *s, const pl_frontier_options *o, pl_frontier *f)
{
    if (s->n_actors < 3 || s->utility_form != PL_UTILITY_LINEAR || !f->agreement_possible ||
        o->disagreement != PL_DISAGREEMENT_RESERVATION)
        return PL_OK;
    for (size_t i = 0; i < s->n_issues; i++)
        if (s->issues[i].kind == PL_ISSUE_CONTINUOUS)
            return zone_solutions(s, f);
    return PL_OK;
}
