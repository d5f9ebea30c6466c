/*
 * median.c - the weighted median (Black 1958).
 *
 * With single-peaked preferences on one dimension the position that no
 * majority can beat is the median voter's. Weighting each actor by
 * capability times salience, the forecast is the smallest position at which
 * the cumulative weight of the actors at or below it reaches half the total
 * (docs/design.md).
 */
#include <float.h>
#include <stdlib.h>

#include "core/internal.h"
#include "models/model_support.h"

typedef struct weighted_position {
    double position;
    double weight;
    size_t order; /* input order, to keep the sort stable */
} weighted_position;

static int compare_positions(const void *x, const void *y)
{
    const weighted_position *a = x, *b = y;
    if (a->position != b->position)
        return a->position < b->position ? -1 : 1;
    return a->order < b->order ? -1 : (a->order > b->order);
}

/*
 * The smallest position whose cumulative weight reaches half of `total`.
 *
 * An exact half tie must count as reaching half (issue #19: capabilities
 * 7, 6, 1 with saliences 0.35, 0.28, 0.77 give weights 2.45, 1.68, 0.77; the
 * first alone holds exactly half of 4.9, but 7 * 0.35 rounds to
 * 2.4499999999999997). Each weight c*s carries at most two roundings (the
 * salience as read and the product, u = DBL_EPSILON / 2 each) and a sum of n
 * non-negative terms at most (n - 1) u of the total (Higham 2002, "Accuracy
 * and Stability of Numerical Algorithms", section 4.2), so `cumulative` and
 * `total / 2` each lie within (n + 1) u total of their exact values; a
 * shortfall below 2 (n + 1) eps total is therefore rounding, never a real
 * difference in the inputs at that scale.
 */
static double weighted_median(weighted_position *points, size_t n, double total)
{
    qsort(points, n, sizeof *points, compare_positions);
    double cumulative = 0.0, slack = 2.0 * (double)(n + 1) * DBL_EPSILON * total;
    for (size_t k = 0; k < n; k++) {
        cumulative += points[k].weight;
        if (cumulative >= total / 2.0 - slack)
            return points[k].position;
    }
    return points[n - 1].position; /* not reached: the weights sum to total */
}

/* The actor's best option of an options issue (first on ties). */
static size_t favourite_option(const pl_stance *stance, size_t n_options)
{
    size_t best = 0;
    for (size_t k = 1; k < n_options; k++)
        if (stance->option_values[k] > stance->option_values[best])
            best = k;
    return best;
}

static double median_of_issue(const pl_scenario *s, size_t issue, weighted_position *points,
                              double total)
{
    const pl_issue *is = &s->issues[issue];
    int placed = is->kind == PL_ISSUE_OPTIONS;
    size_t n = 0;
    for (size_t a = 0; a < s->n_actors; a++) {
        const pl_stance *stance = pl_scenario_stance_const(s, a, issue);
        if (!stance->present)
            continue;
        double position = stance->position;
        if (placed)
            position = is->options[favourite_option(stance, is->n_options)].position;
        points[n].position = position;
        points[n].weight = pl_scenario_capability_on(s, a, issue) * stance->salience;
        points[n].order = a;
        n++;
    }
    double median = weighted_median(points, n, total);
    if (!placed)
        return median;
    for (size_t k = 0; k < is->n_options; k++)
        if (is->options[k].position == median)
            return (double)k;
    return 0.0; /* not reached: the median is one of the option positions */
}

int pl_predict_median(const pl_scenario *s, double *forecast, pl_diag *diag)
{
    if (s == NULL || forecast == NULL)
        return PL_ERR_ARGUMENT;
    weighted_position *points = pli_malloc(s->n_actors * sizeof *points);
    if (points == NULL)
        return PL_ERR_NOMEM;
    int rc = PL_OK;
    for (size_t i = 0; i < s->n_issues && rc == PL_OK; i++) {
        double total;
        rc = pli_issue_weight(s, i, &total, diag);
        if (rc != PL_OK)
            break;
        const pl_issue *is = &s->issues[i];
        if (is->kind == PL_ISSUE_OPTIONS && !pli_options_on_scale(is))
            forecast[i] = (double)pli_weighted_best_option(s, i);
        else
            forecast[i] = median_of_issue(s, i, points, total);
    }
    pli_free(points);
    return rc;
}
