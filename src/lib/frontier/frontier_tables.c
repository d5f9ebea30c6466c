/*
 * frontier_tables.c - the candidate outcomes of each issue and what each is
 * worth to each party, for the frontier (docs/frontier.md, "Candidates").
 *
 * Utility semantics are pl_package_utility()'s (docs/design.md, "The scenario"):
 * party a gets sum_i w_ai u_ai(x_i), w_ai = salience_ai / sum of a's
 * saliences, over the issues where a has a stance with positive salience;
 * an actor with no salience anywhere gets 1 whatever happens. So per issue,
 * each value gives the vector (w_ai u_ai(x))_a, and a package's utility
 * vector is the sum of its issues' vectors.
 *
 * Options issues contribute every option. A continuous issue contributes its
 * range ends, every actor's ideal point, the ends of the interval its red
 * lines leave, and the points of a uniform grid of `continuous_steps`
 * intervals. Under the linear form u = 1 - |x - p| / range each party's
 * utility is linear between consecutive ideal points, so every breakpoint of
 * the issue's utility vector is a candidate.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "frontier/frontier_internal.h"

static int64_t to_fixed(double u)
{
    return (int64_t)llround(u * FR_SCALE);
}

/* Which values of issue i every red line allows (contract: crossing any party's line excludes). */
static void mark_allowed(const pl_scenario *s, size_t issue, fr_issue *is)
{
    for (size_t v = 0; v < is->n_values; v++) {
        is->allowed[v] = 1;
        for (size_t r = 0; r < s->n_red_lines; r++)
            if (s->red_lines[r].issue == issue &&
                !pl_red_line_allows(s, &s->red_lines[r], is->values[v]))
                is->allowed[v] = 0;
        is->n_allowed += is->allowed[v] != 0;
    }
}

/* The positions of a continuous issue: grid, ideal points, red-line interval ends. */
static int continuous_values(const pl_scenario *s, size_t issue, size_t steps, fr_issue *is)
{
    const pl_issue *src = &s->issues[issue];
    size_t cap = steps + 1 + s->n_actors + 2;
    is->values = pli_malloc(cap * sizeof *is->values);
    if (is->values == NULL)
        return PL_ERR_NOMEM;
    size_t n = 0;
    for (size_t k = 0; k <= steps; k++)
        is->values[n++] = k == steps ? src->high
                                     : src->low + (src->high - src->low) * (double)k / steps;
    for (size_t a = 0; a < s->n_actors; a++) {
        const pl_stance *st = pl_scenario_stance_const(s, a, issue);
        if (st->present && st->position >= src->low && st->position <= src->high)
            is->values[n++] = st->position;
    }
    double lo = src->low, hi = src->high;
    for (size_t r = 0; r < s->n_red_lines; r++)
        if (s->red_lines[r].issue == issue) {
            lo = fmax(lo, s->red_lines[r].low);
            hi = fmin(hi, s->red_lines[r].high);
        }
    if (lo <= hi) {
        is->values[n++] = lo;
        is->values[n++] = hi;
    }
    qsort(is->values, n, sizeof *is->values, pli_compare_doubles);
    size_t unique = 0;
    for (size_t k = 0; k < n; k++)
        if (unique == 0 || is->values[k] != is->values[unique - 1])
            is->values[unique++] = is->values[k];
    is->n_values = unique;
    return PL_OK;
}

static int option_values(const pl_issue *src, fr_issue *is)
{
    is->n_values = src->n_options;
    is->values = pli_malloc((src->n_options ? src->n_options : 1) * sizeof *is->values);
    if (is->values == NULL)
        return PL_ERR_NOMEM;
    for (size_t k = 0; k < src->n_options; k++)
        is->values[k] = (double)k;
    return PL_OK;
}

/* Sum of each actor's saliences over the issues it has a stance on (pl_package_utility). */
static void salience_totals(const pl_scenario *s, double *total)
{
    for (size_t a = 0; a < s->n_actors; a++) {
        total[a] = 0.0;
        for (size_t i = 0; i < s->n_issues; i++) {
            const pl_stance *st = pl_scenario_stance_const(s, a, i);
            if (st->present && st->salience > 0)
                total[a] += st->salience;
        }
    }
}

static void fill_gains(const pl_scenario *s, size_t issue, const double *total, fr_issue *is)
{
    size_t P = s->n_actors;
    for (size_t a = 0; a < P; a++) {
        const pl_stance *st = pl_scenario_stance_const(s, a, issue);
        int counts = st->present && st->salience > 0 && total[a] > 0;
        double w = counts ? st->salience / total[a] : 0.0;
        for (size_t v = 0; v < is->n_values; v++)
            is->gain[v * P + a] =
                counts ? to_fixed(w * pl_item_utility(s, a, issue, is->values[v])) : 0;
    }
}

typedef struct sort_item {
    const int64_t *gain;
    uint32_t index;
    uint32_t parties;
} sort_item;

static int compare_items(const void *a, const void *b)
{
    const sort_item *x = a, *y = b;
    int c = fr_compare_desc(x->gain, y->gain, x->parties);
    if (c != 0)
        return c;
    return (x->index > y->index) - (x->index < y->index);
}

/* The allowed values no other allowed value of the issue weakly dominates (lowest index kept). */
static int issue_pareto(fr_issue *is, size_t P, pl_pool *pool)
{
    size_t n = is->n_allowed, k = 0;
    sort_item *items = pli_malloc((n ? n : 1) * sizeof *items);
    int64_t *points = pli_malloc((n ? n : 1) * P * sizeof *points);
    unsigned char *keep = pli_malloc(n ? n : 1);
    is->pareto = pli_malloc((n ? n : 1) * sizeof *is->pareto);
    int rc = PL_ERR_NOMEM;
    if (items == NULL || points == NULL || keep == NULL || is->pareto == NULL)
        goto done;
    for (size_t v = 0; v < is->n_values; v++)
        if (is->allowed[v])
            items[k++] = (sort_item){&is->gain[v * P], (uint32_t)v, (uint32_t)P};
    qsort(items, n, sizeof *items, compare_items);
    for (size_t j = 0; j < n; j++)
        memcpy(&points[j * P], items[j].gain, P * sizeof *points);
    rc = fr_skyline(points, n, P, pool, keep);
    if (rc != PL_OK)
        goto done;
    is->n_pareto = 0;
    for (size_t j = 0; j < n; j++)
        if (keep[j])
            is->pareto[is->n_pareto++] = items[j].index;
done:
    pli_free(items);
    pli_free(points);
    pli_free(keep);
    return rc;
}

static int build_issue(const pl_scenario *s, const pl_frontier_options *o, size_t issue,
                       const double *total, fr_issue *is, pl_pool *pool)
{
    const pl_issue *src = &s->issues[issue];
    int rc = src->kind == PL_ISSUE_OPTIONS ? option_values(src, is)
                                           : continuous_values(s, issue, o->continuous_steps, is);
    if (rc != PL_OK)
        return rc;
    if (is->n_values > UINT32_MAX)
        return PL_ERR_LIMIT;
    size_t P = s->n_actors;
    is->allowed = pli_calloc(is->n_values, 1);
    is->gain = pli_malloc((is->n_values ? is->n_values : 1) * P * sizeof *is->gain);
    if (is->allowed == NULL || is->gain == NULL)
        return PL_ERR_NOMEM;
    mark_allowed(s, issue, is);
    fill_gains(s, issue, total, is);
    return issue_pareto(is, P, pool);
}

/* Suffix sums of each party's best and worst allowed gain, and its lowest utility overall. */
static void bounds(fr_tables *t)
{
    size_t P = t->parties, n = t->n_issues;
    for (size_t a = 0; a < P; a++) {
        t->rem_max[n * P + a] = t->rem_min[n * P + a] = 0;
        t->lowest[a] = t->offset[a];
    }
    for (size_t i = n; i-- > 0;) {
        const fr_issue *is = &t->issues[i];
        for (size_t a = 0; a < P; a++) {
            int64_t best = INT64_MIN, worst = INT64_MAX, low = INT64_MAX;
            for (size_t v = 0; v < is->n_values; v++) {
                int64_t g = is->gain[v * P + a];
                low = g < low ? g : low;
                if (!is->allowed[v])
                    continue;
                best = g > best ? g : best;
                worst = g < worst ? g : worst;
            }
            if (is->n_allowed == 0)
                best = worst = 0;
            t->rem_max[i * P + a] = t->rem_max[(i + 1) * P + a] + best;
            t->rem_min[i * P + a] = t->rem_min[(i + 1) * P + a] + worst;
            t->lowest[a] += is->n_values ? low : 0;
        }
    }
}

static int alloc_tables(const pl_scenario *s, fr_tables *t)
{
    size_t P = s->n_actors, n = s->n_issues;
    memset(t, 0, sizeof *t);
    t->parties = P;
    t->n_issues = n;
    t->issues = pli_calloc(n ? n : 1, sizeof *t->issues);
    t->offset = pli_calloc(P, sizeof *t->offset);
    t->threshold = pli_calloc(P, sizeof *t->threshold);
    t->rem_max = pli_calloc((n + 1) * P, sizeof *t->rem_max);
    t->rem_min = pli_calloc((n + 1) * P, sizeof *t->rem_min);
    t->lowest = pli_calloc(P, sizeof *t->lowest);
    if (!t->issues || !t->offset || !t->threshold || !t->rem_max || !t->rem_min || !t->lowest)
        return PL_ERR_NOMEM;
    return PL_OK;
}

int fr_tables_build(const pl_scenario *s, const pl_frontier_options *o, fr_tables *t,
                    pl_pool *pool, pl_diag *diag)
{
    int rc = alloc_tables(s, t);
    double *total = pli_malloc(s->n_actors * sizeof *total);
    if (rc != PL_OK || total == NULL) {
        pli_free(total);
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "frontier: out of memory");
    }
    salience_totals(s, total);
    for (size_t a = 0; a < s->n_actors; a++) {
        /* An actor that cares about nothing gets 1 (pl_package_utility). */
        t->offset[a] = total[a] > 0 ? 0 : to_fixed(1.0);
        /* Rational: u_i >= rv_i - 1e-9 (docs/cli-contract.md). */
        t->threshold[a] = to_fixed(s->actors[a].reservation) - FR_TOLERANCE;
    }
    for (size_t i = 0; i < s->n_issues && rc == PL_OK; i++) {
        rc = build_issue(s, o, i, total, &t->issues[i], pool);
        if (s->issues[i].kind == PL_ISSUE_CONTINUOUS) {
            if (s->utility_form == PL_UTILITY_LINEAR)
                t->n_continuous_exact++;
            else
                t->n_continuous_grid++;
        }
    }
    pli_free(total);
    if (rc == PL_ERR_LIMIT)
        return pl_diag_set(diag, rc, 0, 0, "frontier: an issue has more than 2^32 values");
    if (rc != PL_OK)
        return pl_diag_set(diag, rc, 0, 0, "frontier: out of memory");
    bounds(t);
    return PL_OK;
}

void fr_tables_free(fr_tables *t)
{
    for (size_t i = 0; t->issues && i < t->n_issues; i++) {
        pli_free(t->issues[i].values);
        pli_free(t->issues[i].allowed);
        pli_free(t->issues[i].gain);
        pli_free(t->issues[i].pareto);
    }
    pli_free(t->issues);
    pli_free(t->offset);
    pli_free(t->threshold);
    pli_free(t->rem_max);
    pli_free(t->rem_min);
    pli_free(t->lowest);
    memset(t, 0, sizeof *t);
}
