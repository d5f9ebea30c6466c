/*
 * agreement_solve.c - one package problem of the agreement analysis and the
 * mediator (lp.h): the options issues are enumerated depth first with bound
 * pruning, and for each combination the continuous issues are one LP.
 *
 * Why an LP is exact here: with the linear form, actor a's utility on a
 * continuous issue is w_ai (1 - |x_i - p_ai| / R_i), concave and piecewise
 * linear. Writing d_ai >= x_i - p_ai and d_ai >= p_ai - x_i, the constraint
 * U_a(x) >= level holds for some d exactly when it holds with d_ai = |x_i - p_ai|
 * (a larger d only lowers U), so "U_a >= level" and "min_a U_a - r_a >= t"
 * are linear in (x, d, t) (the epigraph form of Boyd and Vandenberghe, "Convex
 * Optimization", 2004, section 4.3). Red lines are boxes on x_i.
 */
#include <math.h>
#include <string.h>

#include "core/internal.h"
#include "zone/zone.h"
#include "zone/zone_search.h"

double pli_zone_issue_range(const pl_scenario *s, size_t i)
{
    return s->issues[i].high - s->issues[i].low;
}

int pli_zone_reservation_used(const search *sr, size_t k)
{
    const pl_zone_problem *p = sr->p;
    return p->constraints[k].kind == PL_CONSTRAINT_RESERVATION && p->state[k] != PL_ZONE_OFF;
}

/* The coefficient of reservation k (lp.h), 1 when none is given. */
double pli_zone_coefficient(const search *sr, size_t k)
{
    return sr->p->coefficient != NULL ? sr->p->coefficient[k] : 1.0;
}

static int prepare(search *sr)
{
    const pl_scenario *s = sr->s;
    size_t na = sr->n_actors, ni = sr->n_issues;
    sr->weight = pli_calloc(na * ni + 1, sizeof *sr->weight);
    sr->option_best = pli_calloc(na * ni + 1, sizeof *sr->option_best);
    sr->indifferent = pli_calloc(na + 1, 1);
    sr->choice = pli_calloc(ni + 1, sizeof *sr->choice);
    sr->package = pli_calloc(ni + 1, sizeof *sr->package);
    if (!sr->weight || !sr->option_best || !sr->indifferent || !sr->choice || !sr->package)
        return PL_ERR_NOMEM;
    for (size_t a = 0; a < na; a++) {
        double total = 0;
        for (size_t i = 0; i < ni; i++) {
            const pl_stance *st = pl_scenario_stance_const(s, a, i);
            if (st->present && st->salience > 0)
                total += st->salience;
        }
        sr->indifferent[a] = total <= 0;
        for (size_t i = 0; i < ni && total > 0; i++) {
            const pl_stance *st = pl_scenario_stance_const(s, a, i);
            double w = st->present && st->salience > 0 ? st->salience / total : 0;
            sr->weight[a * ni + i] = w;
            if (s->issues[i].kind != PL_ISSUE_OPTIONS || w == 0)
                continue;
            double top = 0;
            for (size_t o = 0; o < s->issues[i].n_options; o++)
                top = fmax(top, st->option_values[o]);
            sr->option_best[a * ni + i] = w * top;
        }
    }
    return PL_OK;
}

static void release(search *sr)
{
    pli_free(sr->weight);
    pli_free(sr->option_best);
    pli_free(sr->indifferent);
    pli_free(sr->choice);
    pli_free(sr->package);
}

/* Constant part of U_a on the options issues (and 1 for an indifferent actor). */
static double options_utility(const search *sr, size_t a)
{
    if (sr->indifferent[a])
        return 1.0;
    double u = 0;
    for (size_t i = 0; i < sr->n_issues; i++) {
        double w = sr->weight[a * sr->n_issues + i];
        if (sr->s->issues[i].kind == PL_ISSUE_OPTIONS && w > 0)
            u += w * pl_scenario_stance_const(sr->s, a, i)->option_values[sr->choice[i]];
    }
    return u;
}

static double continuous_weight(const search *sr, size_t a)
{
    double w = 0;
    for (size_t i = 0; i < sr->n_issues; i++)
        if (sr->s->issues[i].kind == PL_ISSUE_CONTINUOUS)
            w += sr->weight[a * sr->n_issues + i];
    return w;
}

/* U_a with every distance d_ai at zero: U_a = this - sum_i (w_ai / R_i) d_ai. */
double pli_zone_utility_constant(const search *sr, size_t a)
{
    return options_utility(sr, a) + (sr->indifferent[a] ? 0.0 : continuous_weight(sr, a));
}

/* Cost of the options part of the leaf: soft options red lines crossed, options changed. */
static double options_cost(const search *sr, int largest)
{
    const pl_zone_problem *p = sr->p;
    double cost = 0;
    if (p->objective == PL_ZONE_MIN_CHANGE) {
        for (size_t i = 0; i < sr->n_issues; i++)
            if (sr->s->issues[i].kind == PL_ISSUE_OPTIONS &&
                (double)sr->choice[i] != p->origin[i])
                cost += 1;
        return cost;
    }
    for (size_t k = 0; k < p->n_constraints; k++) {
        const pl_agreement_constraint *c = &p->constraints[k];
        if (c->kind != PL_CONSTRAINT_RED_LINE || p->state[k] != PL_ZONE_SOFT ||
            sr->s->issues[c->issue].kind != PL_ISSUE_OPTIONS)
            continue;
        if (!sr->s->red_lines[c->red_line].allowed[sr->choice[c->issue]])
            cost = largest ? 1 : cost + 1;
    }
    return cost;
}

static int make_layout(const search *sr, layout *l)
{
    const pl_zone_problem *p = sr->p;
    size_t ni = sr->n_issues, na = sr->n_actors;
    l->y = pli_malloc((ni + 1) * sizeof *l->y);
    l->e = pli_malloc((ni + 1) * sizeof *l->e);
    l->d = pli_malloc((na * ni + 1) * sizeof *l->d);
    l->sigma = pli_malloc((p->n_constraints + 1) * sizeof *l->sigma);
    if (!l->y || !l->e || !l->d || !l->sigma)
        return PL_ERR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < ni; i++) {
        int cont = sr->s->issues[i].kind == PL_ISSUE_CONTINUOUS;
        l->y[i] = cont ? n++ : (size_t)-1;
        l->e[i] = cont && p->objective == PL_ZONE_MIN_CHANGE ? n++ : (size_t)-1;
    }
    for (size_t j = 0; j < na * ni; j++)
        l->d[j] = (size_t)-1;
    for (size_t k = 0; k < p->n_constraints; k++) {
        const pl_agreement_constraint *c = &p->constraints[k];
        l->sigma[k] = (size_t)-1;
        if (pli_zone_reservation_used(sr, k) && !sr->indifferent[c->actor])
            for (size_t i = 0; i < ni; i++)
                if (l->y[i] != (size_t)-1 && sr->weight[c->actor * ni + i] > 0)
                    l->d[c->actor * ni + i] = n++;
        int soft = p->state[k] == PL_ZONE_SOFT && p->objective != PL_ZONE_MAXIMIN &&
                   p->objective != PL_ZONE_MIN_CHANGE;
        if (soft && (c->kind == PL_CONSTRAINT_RESERVATION || l->y[c->issue] != (size_t)-1))
            l->sigma[k] = n++;
    }
    l->t = p->objective == PL_ZONE_MAXIMIN ? n++ : (size_t)-1;
    l->z = p->objective == PL_ZONE_MIN_MAX ? n++ : (size_t)-1;
    l->n = n;
    return PL_OK;
}

static void free_layout(layout *l)
{
    pli_free(l->y);
    pli_free(l->e);
    pli_free(l->d);
    pli_free(l->sigma);
}

#define ROW(n_, sense_, rhs_) pli_lp_add_row(lp, (n_), idx, val, (sense_), (rhs_))

/* Ranges, distances |x - p| and changes |x - origin| of the continuous issues. */
static int issue_rows(const search *sr, const layout *l, pl_lp *lp)
{
    size_t idx[2], ni = sr->n_issues;
    double val[2];
    int rc = PL_OK;
    for (size_t i = 0; i < ni && rc == PL_OK; i++) {
        if (l->y[i] == (size_t)-1)
            continue;
        double low = sr->s->issues[i].low;
        idx[0] = l->y[i];
        val[0] = 1;
        rc = ROW(1, PL_LP_LE, pli_zone_issue_range(sr->s, i));
        if (rc == PL_OK && l->e[i] != (size_t)-1) {
            idx[1] = l->e[i];
            double o = sr->p->origin[i] - low;
            val[1] = -1;
            rc = ROW(2, PL_LP_LE, o);
            val[0] = -1;
            rc = rc == PL_OK ? ROW(2, PL_LP_LE, -o) : rc;
            pli_lp_set_objective(lp, l->e[i], -1.0 / pli_zone_issue_range(sr->s, i));
        }
        for (size_t a = 0; a < sr->n_actors && rc == PL_OK; a++) {
            if (l->d[a * ni + i] == (size_t)-1)
                continue;
            double pos = pl_scenario_stance_const(sr->s, a, i)->position - low;
            idx[1] = l->d[a * ni + i];
            val[0] = 1;
            val[1] = -1;
            rc = ROW(2, PL_LP_LE, pos);
            val[0] = -1;
            rc = rc == PL_OK ? ROW(2, PL_LP_LE, -pos) : rc;
        }
    }
    return rc;
}

/* A red line on a continuous issue: y in [low, high] (shifted), softened by sigma. */
static int red_line_rows(const search *sr, const layout *l, size_t k, pl_lp *lp)
{
    const pl_zone_problem *p = sr->p;
    size_t i = p->constraints[k].issue, idx[2] = {l->y[i], l->sigma[k]};
    double low = sr->s->issues[i].low, val[2] = {1, 1};
    size_t n = l->sigma[k] == (size_t)-1 ? 1 : 2;
    int rc = ROW(n, PL_LP_GE, p->low[k] - low);
    val[1] = -1;
    if (rc == PL_OK)
        rc = ROW(n, PL_LP_LE, p->high[k] - low);
    if (rc == PL_OK && n == 2) {
        double scale = 1.0 / pli_zone_issue_range(sr->s, i);
        pli_lp_set_objective(lp, l->sigma[k], p->objective == PL_ZONE_MIN_SUM ? -scale : 0);
        idx[0] = l->z;
        val[0] = -1;
        val[1] = scale;
        if (l->z != (size_t)-1)
            rc = ROW(2, PL_LP_LE, 0);
    }
    return rc;
}

/*
 * U_a >= level (+ t, - sigma): sum_i (w_ai / R_i) d_ai (+ t') (- sigma) <=
 * W_cont + C_opt - level (+ 1 for t' = t + 1).
 */
static int reservation_row(const search *sr, const layout *l, size_t k, pl_lp *lp,
                           size_t *idx, double *val)
{
    const pl_zone_problem *p = sr->p;
    size_t a = p->constraints[k].actor, n = 0, ni = sr->n_issues;
    double rhs = options_utility(sr, a) - p->level[k];
    if (!sr->indifferent[a])
        rhs += continuous_weight(sr, a);
    for (size_t i = 0; i < ni; i++)
        if (l->d[a * ni + i] != (size_t)-1) {
            idx[n] = l->d[a * ni + i];
            val[n++] = sr->weight[a * ni + i] / pli_zone_issue_range(sr->s, i);
        }
    if (l->t != (size_t)-1) { /* U_a >= level + c (t' - 1), c the Kalai-Smorodinsky scale */
        idx[n] = l->t;
        val[n++] = pli_zone_coefficient(sr, k);
        rhs += pli_zone_coefficient(sr, k);
    }
    for (size_t j = 0; p->objective == PL_ZONE_WEIGHTED_SUM && j < n; j++)
        pli_lp_set_objective(lp, idx[j], -pli_zone_coefficient(sr, k) * val[j]);
    if (l->sigma[k] != (size_t)-1) {
        idx[n] = l->sigma[k];
        val[n++] = -1;
        if (p->objective == PL_ZONE_MIN_SUM)
            pli_lp_set_objective(lp, l->sigma[k], -1);
    }
    int rc = ROW(n, PL_LP_LE, rhs);
    if (rc == PL_OK && l->z != (size_t)-1 && l->sigma[k] != (size_t)-1) {
        idx[0] = l->sigma[k];
        val[0] = 1;
        idx[1] = l->z;
        val[1] = -1;
        rc = ROW(2, PL_LP_LE, 0);
    }
    return rc;
}

/* MIN_MAX: the total of the normalised slacks stays within sum_cap; z covers options. */
static int min_max_rows(const search *sr, const layout *l, pl_lp *lp, size_t *idx,
                        double *val)
{
    const pl_zone_problem *p = sr->p;
    size_t n = 0;
    for (size_t k = 0; k < p->n_constraints; k++) {
        if (l->sigma[k] == (size_t)-1)
            continue;
        idx[n] = l->sigma[k];
        val[n++] = p->constraints[k].kind == PL_CONSTRAINT_RESERVATION
                       ? 1.0
                       : 1.0 / pli_zone_issue_range(sr->s, p->constraints[k].issue);
    }
    double cap = p->sum_cap - options_cost(sr, 0) + PL_TOLERANCE * (1 + p->sum_cap);
    int rc = ROW(n, PL_LP_LE, cap);
    idx[0] = l->z;
    val[0] = 1;
    pli_lp_set_objective(lp, l->z, -1);
    return rc == PL_OK ? ROW(1, PL_LP_GE, options_cost(sr, 1)) : rc;
}

static int build_lp(const search *sr, const layout *l, pl_lp *lp)
{
    const pl_zone_problem *p = sr->p;
    size_t *idx = pli_malloc((l->n + 2) * sizeof *idx);
    double *val = pli_malloc((l->n + 2) * sizeof *val);
    int rc = idx && val ? issue_rows(sr, l, lp) : PL_ERR_NOMEM;
    for (size_t k = 0; k < p->n_constraints && rc == PL_OK; k++) {
        const pl_agreement_constraint *c = &p->constraints[k];
        if (p->state[k] == PL_ZONE_OFF)
            continue;
        if (c->kind == PL_CONSTRAINT_RESERVATION)
            rc = reservation_row(sr, l, k, lp, idx, val);
        else if (l->y[c->issue] != (size_t)-1)
            rc = red_line_rows(sr, l, k, lp);
    }
    if (rc == PL_OK && l->t != (size_t)-1) {
        idx[0] = l->t;
        val[0] = 1;
        rc = ROW(1, PL_LP_LE, 2.0); /* t <= 1: the level is capped when nothing binds */
        pli_lp_set_objective(lp, l->t, 1);
    }
    if (rc == PL_OK && l->z != (size_t)-1)
        rc = min_max_rows(sr, l, lp, idx, val);
    pli_free(idx);
    pli_free(val);
    return rc;
}

/*
 * A position from the LP: the simplex leaves rounding of the order of 1e-14 in
 * values that are round in the data (30 comes out as 29.999999999999993);
 * values within 1e-9 of the range of a multiple of 1e-6 are snapped to it, and
 * all are kept inside the range.
 */
double pli_zone_snap(const pl_issue *is, double y)
{
    double x = is->low + y, round = nearbyint(x * 1e6) / 1e6;
    if (fabs(x - round) <= PL_TOLERANCE * (is->high - is->low))
        x = round;
    return fmin(is->high, fmax(is->low, x));
}

/* NASH: U_a - level of reservation k at the LP's point, from the true distances |x - p|. */
double pli_zone_leaf_gain(const search *sr, const layout *l, size_t k, const double *x)
{
    size_t a = sr->p->constraints[k].actor, ni = sr->n_issues;
    double u = pli_zone_utility_constant(sr, a);
    for (size_t i = 0; i < ni && !sr->indifferent[a]; i++) {
        double w = sr->weight[a * ni + i];
        if (l->y[i] == (size_t)-1 || w == 0)
            continue;
        double pos = pl_scenario_stance_const(sr->s, a, i)->position - sr->s->issues[i].low;
        u -= w * fabs(x[l->y[i]] - pos) / pli_zone_issue_range(sr->s, i);
    }
    return u - sr->p->level[k];
}

/* The objective of a leaf's LP optimum `value`, as pli_zone_solve() reports it. */
static double leaf_value(const search *sr, double value)
{
    const pl_zone_problem *p = sr->p;
    if (p->objective == PL_ZONE_MAXIMIN)
        return value - 1.0;
    if (p->objective == PL_ZONE_NASH)
        return value;
    if (p->objective == PL_ZONE_WEIGHTED_SUM) {
        for (size_t k = 0; k < p->n_constraints; k++)
            if (pli_zone_reservation_used(sr, k))
                value += pli_zone_coefficient(sr, k) * pli_zone_utility_constant(sr, p->constraints[k].actor);
        return value;
    }
    return p->objective == PL_ZONE_MIN_MAX ? value : value - options_cost(sr, 0);
}

/* The slot of the current option combination in the leaf cache, or NULL. */
static pl_lp **cache_slot(const search *sr)
{
    const pl_zone_problem *p = sr->p;
    if (p->leaf_cache == NULL ||
        (p->objective != PL_ZONE_WEIGHTED_SUM && p->objective != PL_ZONE_NASH))
        return NULL;
    size_t index = 0;
    for (size_t i = 0; i < sr->n_issues; i++)
        if (sr->s->issues[i].kind == PL_ISSUE_OPTIONS)
            index = index * sr->s->issues[i].n_options + sr->choice[i];
    return index < p->n_leaf_cache ? &p->leaf_cache[index] : NULL;
}

/* WEIGHTED_SUM on a cached LP: the objective of reservation_row(), set afresh. */
static void weighted_objective(const search *sr, const layout *l, pl_lp *lp)
{
    size_t ni = sr->n_issues;
    for (size_t j = 0; j < l->n; j++)
        pli_lp_set_objective(lp, j, 0);
    for (size_t k = 0; k < sr->p->n_constraints; k++) {
        if (!pli_zone_reservation_used(sr, k))
            continue;
        size_t a = sr->p->constraints[k].actor;
        for (size_t i = 0; i < ni; i++)
            if (l->d[a * ni + i] != (size_t)-1)
                pli_lp_set_objective(lp, l->d[a * ni + i], -pli_zone_coefficient(sr, k) *
                                     sr->weight[a * ni + i] / pli_zone_issue_range(sr->s, i));
    }
}

/* The leaf's LP: from the cache, or built (and then *fresh is set). */
static int leaf_lp(const search *sr, const layout *l, pl_lp **slot, pl_lp **lp, int *fresh)
{
    const pl_zone_problem *p = sr->p;
    *fresh = slot == NULL || *slot == NULL;
    if (!*fresh) {
        *lp = *slot;
        pli_lp_set_meter(*lp, p->meter);
        if (p->objective == PL_ZONE_WEIGHTED_SUM)
            weighted_objective(sr, l, *lp);
        return PL_OK;
    }
    int rc = pli_lp_new(l->n, lp);
    if (rc == PL_OK)
        pli_lp_set_meter(*lp, p->meter);
    if (rc == PL_OK)
        rc = build_lp(sr, l, *lp);
    if (rc == PL_OK && (p->objective == PL_ZONE_WEIGHTED_SUM || p->objective == PL_ZONE_NASH ||
                        p->coefficient != NULL)) /* the solutions (agreement_solutions.c) */
        pli_lp_set_dantzig(*lp, 1);
    return rc;
}

/* The most pli_zone_snap() moves a member's utility: sum_i w_ai |snapped - y_i| / R_i. */
static double snap_shift(const search *sr, const layout *l, const double *x)
{
    double most = 0;
    for (size_t a = 0; a < sr->n_actors; a++) {
        double shift = 0;
        for (size_t i = 0; i < sr->n_issues; i++)
            if (l->y[i] != (size_t)-1)
                shift += sr->weight[a * sr->n_issues + i] *
                         fabs(sr->best_package[i] - sr->s->issues[i].low - x[l->y[i]]) /
                         pli_zone_issue_range(sr->s, i);
        most = fmax(most, shift);
    }
    return most;
}

/* The current option combination's entry in leaf_level, or NULL. */
static double *level_slot(const search *sr)
{
    const pl_zone_problem *p = sr->p;
    size_t index = 0;
    for (size_t i = 0; p->leaf_level != NULL && i < sr->n_issues; i++)
        if (sr->s->issues[i].kind == PL_ISSUE_OPTIONS)
            index = index * sr->s->issues[i].n_options + sr->choice[i];
    return p->leaf_level != NULL && index < p->n_leaf_level ? &p->leaf_level[index] : NULL;
}

/* Solve the LP of the current option combination; keep it when it beats the best. */
/*
 * MIN_CHANGE ties: the total utility of the actors the problem does not
 * protect (no reservation constraint: the parties outside the deciding
 * coalition), or of every actor when all are protected.
 */
static double others_utility(const search *sr, const double *package)
{
    const pl_zone_problem *p = sr->p;
    double sum = 0, everyone = 0;
    int any = 0;
    for (size_t a = 0; a < sr->n_actors; a++) {
        int protected = 0;
        for (size_t k = 0; k < p->n_constraints && !protected; k++)
            protected = p->constraints[k].kind == PL_CONSTRAINT_RESERVATION &&
                        p->constraints[k].actor == a;
        double u = pl_package_utility(sr->s, a, package);
        everyone += u;
        if (!protected) {
            sum += u;
            any = 1;
        }
    }
    return any ? sum : everyone;
}

/*
 * Whether the leaf's package (in sr->package), of objective `value`, replaces
 * the best so far: a better value; for MIN_CHANGE also an equal-cost change
 * that is better for the other parties (issue #15: among equal-cost changes a
 * mediator proposes the one that costs the others least; Raiffa 1982, ch. 14).
 * On a full tie the first found stays: input order, since options are tried
 * in order.
 */
static int leaf_wins(search *sr, double value, double *others)
{
    if (!sr->found || value > sr->best + 1e-12)
        return 1;
    if (sr->p->objective != PL_ZONE_MIN_CHANGE || value < sr->best - 1e-9)
        return 0;
    *others = others_utility(sr, sr->package);
    return *others > sr->best_others + 1e-9;
}

static int solve_leaf(search *sr)
{
    double *level = level_slot(sr);
    if (level != NULL && sr->p->objective != PL_ZONE_MAXIMIN && *level < sr->p->leaf_floor)
        return PL_OK; /* a known optimum too low for the levels of this problem */
    layout l = {0};
    pl_lp *lp = NULL, **slot = cache_slot(sr);
    double *x = NULL, value = 0;
    int fresh = 1, rc = make_layout(sr, &l);
    if (rc == PL_OK)
        rc = leaf_lp(sr, &l, slot, &lp, &fresh);
    if (rc == PL_OK && (x = pli_calloc(l.n + 1, sizeof *x)) == NULL)
        rc = PL_ERR_NOMEM;
    double upper = -INFINITY, error = 0;
    if (rc == PL_OK && sr->p->objective == PL_ZONE_NASH) {
        rc = pli_zone_nash_leaf(sr, &l, lp, x, &value, &upper, &error);
        if (rc == PL_LP_OPTIMAL)
            sr->upper = fmax(sr->upper, upper);
    } else if (rc == PL_OK) {
        rc = pli_lp_solve(lp, x, &value);
    }
    if (level != NULL && sr->p->objective == PL_ZONE_MAXIMIN)
        *level = rc == PL_LP_OPTIMAL ? leaf_value(sr, value) : -INFINITY;
    if (rc == PL_LP_OPTIMAL) {
        value = leaf_value(sr, value);
        for (size_t i = 0; i < sr->n_issues; i++)
            sr->package[i] = l.y[i] == (size_t)-1 ? (double)sr->choice[i]
                                                  : pli_zone_snap(&sr->s->issues[i], x[l.y[i]]);
        double others = NAN;
        if (leaf_wins(sr, value, &others)) {
            if (sr->found)
                sr->others_upper = fmax(sr->others_upper, sr->winner_upper);
            sr->best = sr->found ? fmax(sr->best, value) : value; /* a tie keeps the best */
            sr->found = 1;
            memcpy(sr->best_package, sr->package, sr->n_issues * sizeof *sr->package);
            sr->best_others = sr->p->objective == PL_ZONE_MIN_CHANGE && isnan(others)
                                  ? others_utility(sr, sr->package)
                                  : others;
            sr->winner_upper = upper;
            sr->winner_error = error + snap_shift(sr, &l, x);
        } else {
            sr->others_upper = fmax(sr->others_upper, upper);
        }
    }
    if (rc == PL_LP_INFEASIBLE)
        rc = PL_OK;
    else if (rc == PL_LP_UNBOUNDED)
        rc = PL_ERR_ARGUMENT; /* every variable is bounded: cannot happen */
    pli_free(x);
    if (slot != NULL && fresh && rc == PL_OK)
        *slot = lp;
    else if (fresh)
        pli_lp_free(lp);
    free_layout(&l);
    return rc;
}

/* An upper bound of the objective over every completion of choices before issue `depth`. */
static double bound(const search *sr, size_t depth)
{
    const pl_zone_problem *p = sr->p;
    if (p->objective != PL_ZONE_MAXIMIN && p->objective != PL_ZONE_WEIGHTED_SUM &&
        p->objective != PL_ZONE_NASH) {
        /* Options costs only grow as more options issues are fixed. */
        double cost = 0;
        for (size_t i = 0; i < depth; i++) {
            if (sr->s->issues[i].kind != PL_ISSUE_OPTIONS)
                continue;
            if (p->objective == PL_ZONE_MIN_CHANGE) {
                cost += (double)sr->choice[i] != p->origin[i];
                continue;
            }
            for (size_t k = 0; k < p->n_constraints; k++) {
                const pl_agreement_constraint *c = &p->constraints[k];
                if (c->kind == PL_CONSTRAINT_RED_LINE && c->issue == i &&
                    p->state[k] == PL_ZONE_SOFT &&
                    !sr->s->red_lines[c->red_line].allowed[sr->choice[i]])
                    cost = p->objective == PL_ZONE_MIN_MAX ? 1 : cost + 1;
            }
        }
        return -cost;
    }
    double level = 1.0, sum = 0;
    for (size_t k = 0; k < p->n_constraints; k++) {
        if (!pli_zone_reservation_used(sr, k))
            continue;
        if (sr->indifferent[p->constraints[k].actor]) {
            sum += p->objective == PL_ZONE_WEIGHTED_SUM ? pli_zone_coefficient(sr, k) : 0;
            continue;
        }
        size_t a = p->constraints[k].actor, ni = sr->n_issues;
        double u = 0;
        for (size_t i = 0; i < ni; i++) {
            double w = sr->weight[a * ni + i];
            if (sr->s->issues[i].kind == PL_ISSUE_CONTINUOUS)
                u += w;
            else if (i < depth && w > 0)
                u += w * pl_scenario_stance_const(sr->s, a, i)->option_values[sr->choice[i]];
            else
                u += sr->option_best[a * ni + i];
        }
        double c = pli_zone_coefficient(sr, k), gain = u - p->level[k];
        if (p->objective == PL_ZONE_WEIGHTED_SUM)
            sum += c * u;
        else if (p->objective == PL_ZONE_NASH && c > 0)
            sum += gain > 0 ? log(fmin(gain, c)) : -INFINITY;
        else if (c > 0)
            level = fmin(level, gain / c);
        else if (gain < 0) /* a hard reservation out of reach */
            level = -INFINITY;
    }
    return p->objective == PL_ZONE_MAXIMIN ? level : sum;
}

/* May option `o` of options issue `i` be chosen (hard red lines)? */
static int option_allowed(const search *sr, size_t i, size_t o)
{
    const pl_zone_problem *p = sr->p;
    for (size_t k = 0; k < p->n_constraints; k++) {
        const pl_agreement_constraint *c = &p->constraints[k];
        int hard = p->state[k] == PL_ZONE_HARD ||
                   (p->state[k] == PL_ZONE_SOFT && (p->objective == PL_ZONE_MAXIMIN ||
                                                    p->objective == PL_ZONE_MIN_CHANGE));
        if (c->kind == PL_CONSTRAINT_RED_LINE && c->issue == i && hard &&
            !sr->s->red_lines[c->red_line].allowed[o])
            return 0;
    }
    return 1;
}

static int descend(search *sr, size_t depth, unsigned long long max_nodes)
{
    while (depth < sr->n_issues && sr->s->issues[depth].kind != PL_ISSUE_OPTIONS)
        depth++;
    if (++*sr->nodes > max_nodes)
        return PL_ERR_LIMIT;
    double cut = sr->found ? bound(sr, depth) : INFINITY;
    /* MIN_CHANGE keeps equal-cost branches: one may be better for the others (leaf_wins) */
    double margin = sr->p->objective == PL_ZONE_MIN_CHANGE ? -1e-9 : 1e-12;
    if (cut <= sr->best + margin) {
        sr->pruned = 1;
        sr->others_upper = fmax(sr->others_upper, cut);
        return PL_OK;
    }
    if (depth == sr->n_issues)
        return solve_leaf(sr);
    for (size_t o = 0; o < sr->s->issues[depth].n_options; o++) {
        if (!option_allowed(sr, depth, o))
            continue;
        sr->choice[depth] = o;
        int rc = descend(sr, depth + 1, max_nodes);
        if (rc != PL_OK)
            return rc;
    }
    return PL_OK;
}

static int continuous_quadratic(const pl_scenario *s)
{
    if (s->utility_form != PL_UTILITY_QUADRATIC)
        return 0;
    for (size_t i = 0; i < s->n_issues; i++)
        if (s->issues[i].kind == PL_ISSUE_CONTINUOUS)
            return 1;
    return 0;
}

int pli_zone_solve(const pl_zone_problem *p, int *feasible, double *package, double *value,
                   unsigned long long *nodes)
{
    *feasible = 0;
    if (continuous_quadratic(p->scenario))
        return PL_ERR_UNSUPPORTED;
    search sr = {0};
    sr.p = p;
    sr.s = p->scenario;
    sr.n_actors = p->scenario->n_actors;
    sr.n_issues = p->scenario->n_issues;
    sr.best_package = package;
    sr.nodes = nodes;
    sr.upper = sr.others_upper = -INFINITY;
    int rc = prepare(&sr);
    unsigned long long start = *nodes;
    if (rc == PL_OK)
        rc = descend(&sr, 0, start + p->max_nodes);
    if (rc == PL_OK && sr.found) {
        *feasible = 1;
        *value = sr.best;
        if (p->gap != NULL) /* leaves cut by the bound could not beat sr.best + 1e-12 */
            *p->gap = fmax(sr.upper - sr.best, 0.0) + (sr.pruned ? 1e-12 : 0.0);
        if (p->error != NULL) /* no other combination may come near: the leaf's bound holds */
            *p->error = sr.others_upper < sr.best - 1e-13 ? sr.winner_error : NAN;
    }
    release(&sr);
    return rc;
}

double pli_zone_violation(const pl_zone_problem *p, size_t k, const double *package)
{
    const pl_agreement_constraint *c = &p->constraints[k];
    const pl_scenario *s = p->scenario;
    if (c->kind == PL_CONSTRAINT_RESERVATION)
        return fmax(0.0, p->level[k] - pl_package_utility(s, c->actor, package));
    if (s->issues[c->issue].kind == PL_ISSUE_OPTIONS)
        return s->red_lines[c->red_line].allowed[(size_t)package[c->issue]] ? 0.0 : 1.0;
    double x = package[c->issue];
    return fmax(0.0, fmax(p->low[k] - x, x - p->high[k])) / pli_zone_issue_range(s, c->issue);
}
