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

#include "internal.h"
#include "lp.h"

typedef struct search {
    const pl_zone_problem *p;
    const pl_scenario *s;
    size_t n_actors, n_issues;
    double *weight;        /* [a * n_issues + i] normalised salience, 0 without a stance */
    unsigned char *indifferent; /* [a] no salience anywhere: U_a = 1 */
    double *option_best;   /* [a * n_issues + i] best option value times weight (bounds) */
    size_t *choice;        /* [i] option chosen on options issues */
    double *package;       /* scratch package */
    double best;
    int found;
    double *best_package;
    unsigned long long *nodes;
} search;

/* Where each LP variable lives: index tables built once per leaf. */
typedef struct layout {
    size_t n;
    size_t *y;      /* [i] continuous issue variable, (size_t)-1 for options issues */
    size_t *d;      /* [a * n_issues + i] distance variable or (size_t)-1 */
    size_t *sigma;  /* [k] slack of a soft constraint or (size_t)-1 */
    size_t *e;      /* [i] change variable (MIN_CHANGE) */
    size_t t, z;
} layout;

static double issue_range(const pl_scenario *s, size_t i)
{
    return s->issues[i].high - s->issues[i].low;
}

static int reservation_used(const search *sr, size_t k)
{
    const pl_zone_problem *p = sr->p;
    return p->constraints[k].kind == PL_CONSTRAINT_RESERVATION && p->state[k] != PL_ZONE_OFF;
}

static int prepare(search *sr)
{
    const pl_scenario *s = sr->s;
    size_t na = sr->n_actors, ni = sr->n_issues;
    sr->weight = pl_calloc(na * ni + 1, sizeof *sr->weight);
    sr->option_best = pl_calloc(na * ni + 1, sizeof *sr->option_best);
    sr->indifferent = pl_calloc(na + 1, 1);
    sr->choice = pl_calloc(ni + 1, sizeof *sr->choice);
    sr->package = pl_calloc(ni + 1, sizeof *sr->package);
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
    pl_free(sr->weight);
    pl_free(sr->option_best);
    pl_free(sr->indifferent);
    pl_free(sr->choice);
    pl_free(sr->package);
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
    l->y = pl_malloc((ni + 1) * sizeof *l->y);
    l->e = pl_malloc((ni + 1) * sizeof *l->e);
    l->d = pl_malloc((na * ni + 1) * sizeof *l->d);
    l->sigma = pl_malloc((p->n_constraints + 1) * sizeof *l->sigma);
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
        if (reservation_used(sr, k) && !sr->indifferent[c->actor])
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
    pl_free(l->y);
    pl_free(l->e);
    pl_free(l->d);
    pl_free(l->sigma);
}

#define ROW(n_, sense_, rhs_) pl_lp_add_row(lp, (n_), idx, val, (sense_), (rhs_))

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
        rc = ROW(1, PL_LP_LE, issue_range(sr->s, i));
        if (rc == PL_OK && l->e[i] != (size_t)-1) {
            idx[1] = l->e[i];
            double o = sr->p->origin[i] - low;
            val[1] = -1;
            rc = ROW(2, PL_LP_LE, o);
            val[0] = -1;
            rc = rc == PL_OK ? ROW(2, PL_LP_LE, -o) : rc;
            pl_lp_set_objective(lp, l->e[i], -1.0 / issue_range(sr->s, i));
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
        double scale = 1.0 / issue_range(sr->s, i);
        pl_lp_set_objective(lp, l->sigma[k], p->objective == PL_ZONE_MIN_SUM ? -scale : 0);
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
            val[n++] = sr->weight[a * ni + i] / issue_range(sr->s, i);
        }
    if (l->t != (size_t)-1) {
        idx[n] = l->t;
        val[n++] = 1;
        rhs += 1;
    }
    if (l->sigma[k] != (size_t)-1) {
        idx[n] = l->sigma[k];
        val[n++] = -1;
        if (p->objective == PL_ZONE_MIN_SUM)
            pl_lp_set_objective(lp, l->sigma[k], -1);
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
                       : 1.0 / issue_range(sr->s, p->constraints[k].issue);
    }
    double cap = p->sum_cap - options_cost(sr, 0) + PL_TOLERANCE * (1 + p->sum_cap);
    int rc = ROW(n, PL_LP_LE, cap);
    idx[0] = l->z;
    val[0] = 1;
    pl_lp_set_objective(lp, l->z, -1);
    return rc == PL_OK ? ROW(1, PL_LP_GE, options_cost(sr, 1)) : rc;
}

static int build_lp(const search *sr, const layout *l, pl_lp *lp)
{
    const pl_zone_problem *p = sr->p;
    size_t *idx = pl_malloc((l->n + 2) * sizeof *idx);
    double *val = pl_malloc((l->n + 2) * sizeof *val);
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
        pl_lp_set_objective(lp, l->t, 1);
    }
    if (rc == PL_OK && l->z != (size_t)-1)
        rc = min_max_rows(sr, l, lp, idx, val);
    pl_free(idx);
    pl_free(val);
    return rc;
}

/*
 * A position from the LP: the simplex leaves rounding of the order of 1e-14 in
 * values that are round in the data (30 comes out as 29.999999999999993);
 * values within 1e-9 of the range of a multiple of 1e-6 are snapped to it, and
 * all are kept inside the range.
 */
static double snap(const pl_issue *is, double y)
{
    double x = is->low + y, round = nearbyint(x * 1e6) / 1e6;
    if (fabs(x - round) <= PL_TOLERANCE * (is->high - is->low))
        x = round;
    return fmin(is->high, fmax(is->low, x));
}

/* Solve the LP of the current option combination; keep it when it beats the best. */
static int solve_leaf(search *sr)
{
    layout l = {0};
    pl_lp *lp = NULL;
    double *x = NULL, value = 0;
    int rc = make_layout(sr, &l);
    if (rc == PL_OK)
        rc = pl_lp_new(l.n, &lp);
    if (rc == PL_OK)
        rc = build_lp(sr, &l, lp);
    if (rc == PL_OK)
        rc = (x = pl_calloc(l.n + 1, sizeof *x)) ? pl_lp_solve(lp, x, &value) : PL_ERR_NOMEM;
    if (rc == PL_LP_OPTIMAL) {
        const pl_zone_problem *p = sr->p;
        if (p->objective == PL_ZONE_MAXIMIN)
            value -= 1.0;
        else if (p->objective != PL_ZONE_MIN_MAX)
            value -= options_cost(sr, 0);
        if (!sr->found || value > sr->best + 1e-12) {
            sr->found = 1;
            sr->best = value;
            for (size_t i = 0; i < sr->n_issues; i++)
                sr->best_package[i] = l.y[i] == (size_t)-1
                                          ? (double)sr->choice[i]
                                          : snap(&sr->s->issues[i], x[l.y[i]]);
        }
    }
    if (rc == PL_LP_INFEASIBLE)
        rc = PL_OK;
    else if (rc == PL_LP_UNBOUNDED)
        rc = PL_ERR_ARGUMENT; /* every variable is bounded: cannot happen */
    pl_free(x);
    pl_lp_free(lp);
    free_layout(&l);
    return rc;
}

/* An upper bound of the objective over every completion of choices before issue `depth`. */
static double bound(const search *sr, size_t depth)
{
    const pl_zone_problem *p = sr->p;
    if (p->objective != PL_ZONE_MAXIMIN) {
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
    double level = 1.0;
    for (size_t k = 0; k < p->n_constraints; k++) {
        if (!reservation_used(sr, k) || sr->indifferent[p->constraints[k].actor])
            continue;
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
        level = fmin(level, u - p->level[k]);
    }
    return level;
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
    if (sr->found && bound(sr, depth) <= sr->best + 1e-12)
        return PL_OK;
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

int pl_zone_solve(const pl_zone_problem *p, int *feasible, double *package, double *value,
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
    int rc = prepare(&sr);
    unsigned long long start = *nodes;
    if (rc == PL_OK)
        rc = descend(&sr, 0, start + p->max_nodes);
    if (rc == PL_OK && sr.found) {
        *feasible = 1;
        *value = sr.best;
    }
    release(&sr);
    return rc;
}

double pl_zone_violation(const pl_zone_problem *p, size_t k, const double *package)
{
    const pl_agreement_constraint *c = &p->constraints[k];
    const pl_scenario *s = p->scenario;
    if (c->kind == PL_CONSTRAINT_RESERVATION)
        return fmax(0.0, p->level[k] - pl_package_utility(s, c->actor, package));
    if (s->issues[c->issue].kind == PL_ISSUE_OPTIONS)
        return s->red_lines[c->red_line].allowed[(size_t)package[c->issue]] ? 0.0 : 1.0;
    double x = package[c->issue];
    return fmax(0.0, fmax(p->low[k] - x, x - p->high[k])) / issue_range(s, c->issue);
}
