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
    double upper;          /* NASH: the largest upper bound of a leaf solved */
    int pruned;            /* some branch was cut by its bound (within 1e-12) */
    double winner_upper;   /* NASH: the upper bound of the best leaf so far */
    double winner_error;   /* NASH: its proven error in utility */
    double others_upper;   /* NASH: the largest bound of every other leaf or cut branch */
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

/* The coefficient of reservation k (lp.h), 1 when none is given. */
static double coefficient(const search *sr, size_t k)
{
    return sr->p->coefficient != NULL ? sr->p->coefficient[k] : 1.0;
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

/* U_a with every distance d_ai at zero: U_a = this - sum_i (w_ai / R_i) d_ai. */
static double utility_constant(const search *sr, size_t a)
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
    if (l->t != (size_t)-1) { /* U_a >= level + c (t' - 1), c the Kalai-Smorodinsky scale */
        idx[n] = l->t;
        val[n++] = coefficient(sr, k);
        rhs += coefficient(sr, k);
    }
    for (size_t j = 0; p->objective == PL_ZONE_WEIGHTED_SUM && j < n; j++)
        pl_lp_set_objective(lp, idx[j], -coefficient(sr, k) * val[j]);
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
    double cap = p->sum_cap - options_cost(sr, 0) + 1e-9 * (1 + p->sum_cap);
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
    if (fabs(x - round) <= 1e-9 * (is->high - is->low))
        x = round;
    return fmin(is->high, fmax(is->low, x));
}

/* NASH: U_a - level of reservation k at the LP's point, from the true distances |x - p|. */
static double leaf_gain(const search *sr, const layout *l, size_t k, const double *x)
{
    size_t a = sr->p->constraints[k].actor, ni = sr->n_issues;
    double u = utility_constant(sr, a);
    for (size_t i = 0; i < ni && !sr->indifferent[a]; i++) {
        double w = sr->weight[a * ni + i];
        if (l->y[i] == (size_t)-1 || w == 0)
            continue;
        double pos = pl_scenario_stance_const(sr->s, a, i)->position - sr->s->issues[i].low;
        u -= w * fabs(x[l->y[i]] - pos) / issue_range(sr->s, i);
    }
    return u - sr->p->level[k];
}

/*
 * NASH on one leaf: simplicial decomposition (von Hohenbalken 1977,
 * "Simplicial decomposition in nonlinear programming algorithms", Math.
 * Programming 13), with clean LPs only. The oracle maximises sum_k lambda_k
 * U_a(k) over the leaf (the LP of WEIGHTED_SUM); at the current gains s and
 * lambda = 1/s its optimum v gives the Frank-Wolfe gap G = sum_k v_k / s_k - m,
 * which bounds the shortfall: by concavity, sum log(s*) <= sum log(s) + G.
 * The master (pl_nash_master(), nash.c) finds the Nash point of the convex
 * hull of the oracle's points; the package is the same convex combination of
 * their packages, feasible because the leaf's zone is convex, and at least as
 * good for every member because each U_a is concave.
 */
#define NASH_POINTS 64
#define NASH_ROUNDS 200
#define NASH_GAP 1e-13

typedef struct nash_state {
    size_t m, q;      /* members in the sum, points */
    size_t *member;   /* [m] their reservation constraints */
    double *points;   /* [NASH_POINTS x m] gains */
    double *x;        /* [NASH_POINTS x layout n] LP points */
    double *mu, *s, *lambda;
    double gap;       /* the last Frank-Wolfe gap */
} nash_state;

/* The oracle at ns->lambda: appends its point (weight 0). */
static int nash_oracle(const search *sr, const layout *l, pl_lp *lp, nash_state *ns)
{
    size_t ni = sr->n_issues;
    for (size_t j = 0; j < l->n; j++)
        pl_lp_set_objective(lp, j, 0);
    for (size_t r = 0; r < ns->m; r++) {
        size_t a = sr->p->constraints[ns->member[r]].actor;
        for (size_t i = 0; i < ni; i++)
            if (l->d[a * ni + i] != (size_t)-1)
                pl_lp_set_objective(lp, l->d[a * ni + i], -ns->lambda[r] *
                                    sr->weight[a * ni + i] / issue_range(sr->s, i));
    }
    double *x = &ns->x[ns->q * l->n], v = 0;
    int rc = pl_lp_solve(lp, x, &v);
    if (rc != PL_LP_OPTIMAL)
        return rc;
    for (size_t r = 0; r < ns->m; r++) /* rounding may leave -1e-17 */
        ns->points[ns->q * ns->m + r] = fmax(0.0, leaf_gain(sr, l, ns->member[r], x));
    ns->mu[ns->q++] = 0;
    return PL_OK;
}

/* Drop the points of weight 0 to make room. */
static void nash_compact(nash_state *ns, size_t n)
{
    size_t kept = 0;
    for (size_t j = 0; j < ns->q; j++) {
        if (ns->mu[j] <= 0)
            continue;
        memmove(&ns->points[kept * ns->m], &ns->points[j * ns->m], ns->m * sizeof(double));
        memmove(&ns->x[kept * n], &ns->x[j * n], n * sizeof(double));
        ns->mu[kept++] = ns->mu[j];
    }
    ns->q = kept;
}

/* Start: the oracle at 1/(largest gain), then each member with no gain yet at its own best. */
static int nash_start(const search *sr, const layout *l, pl_lp *lp, nash_state *ns, int *none)
{
    for (size_t r = 0; r < ns->m; r++)
        ns->lambda[r] = 1.0 / coefficient(sr, ns->member[r]);
    int rc = nash_oracle(sr, l, lp, ns);
    *none = 0;
    for (size_t r = 0; r < ns->m && rc == PL_OK && !*none; r++) {
        if (ns->points[r] > 0)
            continue;
        for (size_t k = 0; k < ns->m; k++)
            ns->lambda[k] = k == r ? 1.0 : 1e-6 / coefficient(sr, ns->member[k]);
        rc = nash_oracle(sr, l, lp, ns);
        *none = rc == PL_OK && ns->points[(ns->q - 1) * ns->m + r] <= 0;
    }
    for (size_t j = 0; j < ns->q; j++)
        ns->mu[j] = 1.0 / (double)ns->q;
    return rc;
}

static int nash_rounds(const search *sr, const layout *l, pl_lp *lp, nash_state *ns,
                       double *upper)
{
    int rc = PL_OK;
    for (int round = 0; rc == PL_OK && round < NASH_ROUNDS; round++) {
        rc = pl_nash_master(ns->m, ns->q, ns->points, ns->mu, ns->s);
        double f = 0, gap = -(double)ns->m;
        for (size_t r = 0; r < ns->m; r++) {
            ns->lambda[r] = 1.0 / ns->s[r];
            f += log(ns->s[r]);
        }
        if (rc == PL_OK && ns->q == NASH_POINTS)
            nash_compact(ns, l->n);
        if (rc != PL_OK || ns->q == NASH_POINTS)
            break;
        rc = nash_oracle(sr, l, lp, ns);
        for (size_t r = 0; r < ns->m && rc == PL_OK; r++)
            gap += ns->points[(ns->q - 1) * ns->m + r] * ns->lambda[r];
        if (rc == PL_OK)
            *upper = fmin(*upper, f + fmax(gap, 0.0));
        ns->gap = gap;
        if (rc == PL_OK && gap <= NASH_GAP)
            break;
    }
    return rc;
}

/*
 * A proven bound on max_a |g_a - g*_a|, g the gains of the package x, g* the
 * leaf's optimum (docs/agreement.md, "Accuracy, proven"). F = sum log g has
 * (grad F(h) - grad F(g*)) (h - g*) = -sum (h_a - g*_a)^2 / (h_a g*_a) <=
 * -|h - g*|^2 / B^2 (B >= every gain); g* is optimal, so grad F(g*) (h - g*)
 * <= 0; if h maximises c over the leaf's zone to eps, c (g* - h) <= eps. Then
 * |h - g*|^2 / B^2 <= grad F(h) (g* - h) <= rho |h - g*| + eps, rho =
 * |grad F(h) - c|: linear in rho (Nesterov, "Introductory Lectures on Convex
 * Optimization", 2004, theorem 2.1.9, the strong monotonicity of a gradient).
 * h is the master's point sum mu_j P_j, c its gradient projected so that every
 * point in use has the same c P_j (pl_nash_normal()), eps the oracle's excess
 * at c over a rounding tolerance. Without a usable c (a component <= 0), c =
 * grad F(h) and eps = the Frank-Wolfe gap (|h - g*| <= B sqrt(G)).
 */
static int nash_certify(const search *sr, const layout *l, pl_lp *lp, nash_state *ns,
                        const double *x, double *error)
{
    size_t m = ns->m;
    double *h = pl_calloc(2 * m + 1, sizeof *h), *c = h + m, rho = 0, big = 0;
    if (h == NULL)
        return PL_ERR_NOMEM;
    for (size_t j = 0; j < ns->q; j++)
        for (size_t r = 0; r < m; r++)
            h[r] += ns->mu[j] * ns->points[j * m + r];
    int rc = pl_nash_normal(m, ns->q, ns->points, ns->mu, h, c, &rho), usable = 1;
    double eps = fmax(ns->gap, 0.0), hc = 0, scale = 0, moved = 0;
    for (size_t r = 0; r < m; r++) {
        size_t k = ns->member[r];
        big = fmax(big, fmax(h[r], utility_constant(sr, sr->p->constraints[k].actor) -
                                       sr->p->level[k]));
        usable &= c[r] > 0 && h[r] > 0;
        moved = fmax(moved, fabs(leaf_gain(sr, l, k, x) - h[r]));
    }
    if (rc == PL_OK && usable) {
        if (ns->q == NASH_POINTS)
            nash_compact(ns, l->n);
        memcpy(ns->lambda, c, m * sizeof *c);
        rc = nash_oracle(sr, l, lp, ns);
        eps = 0;
        for (size_t r = 0; rc == PL_OK && r < m; r++) {
            eps += c[r] * ns->points[(ns->q - 1) * m + r];
            hc += c[r] * h[r];
            scale += c[r];
        }
        /* The LP leaves rounding of 1e-14 of a range in its point (snap()): a
         * gain off by 1e-12 is rounding, not a better vertex. */
        eps = fmax(0.0, eps - hc - 1e-12 * scale);
    } else {
        rho = 0;
    }
    double b2 = big * big;
    *error = (rho + sqrt(rho * rho + 4 * eps / b2)) * b2 / 2 + moved;
    pl_free(h);
    return rc;
}

static int nash_leaf(const search *sr, const layout *l, pl_lp *lp, double *x, double *value,
                     double *upper, double *error)
{
    const pl_zone_problem *p = sr->p;
    nash_state ns = {0};
    ns.member = pl_calloc(p->n_constraints + 1, sizeof *ns.member);
    for (size_t k = 0; ns.member && k < p->n_constraints; k++)
        if (reservation_used(sr, k) && coefficient(sr, k) > 0)
            ns.member[ns.m++] = k;
    ns.points = pl_calloc(NASH_POINTS * ns.m + 1, sizeof *ns.points);
    ns.x = pl_calloc(NASH_POINTS * l->n + 1, sizeof *ns.x);
    ns.mu = pl_calloc(NASH_POINTS, sizeof *ns.mu);
    ns.s = pl_calloc(ns.m + 1, sizeof *ns.s);
    ns.lambda = pl_calloc(ns.m + 1, sizeof *ns.lambda);
    int none = 0, rc = ns.member && ns.points && ns.x && ns.mu && ns.s && ns.lambda
                           ? PL_OK : PL_ERR_NOMEM;
    *upper = INFINITY;
    *value = -INFINITY;
    if (rc == PL_OK)
        rc = nash_start(sr, l, lp, &ns, &none);
    if (rc == PL_OK && none) /* a member has no gain anywhere in this leaf: log 0 */
        *upper = -INFINITY;
    if (rc == PL_OK && !none)
        rc = nash_rounds(sr, l, lp, &ns, upper);
    for (size_t j = 0; rc == PL_OK && j < l->n; j++) {
        x[j] = 0;
        for (size_t k = 0; k < ns.q; k++)
            x[j] += (none ? k == 0 : ns.mu[k]) * ns.x[k * l->n + j];
    }
    *error = 0;
    if (rc == PL_OK && !none) {
        *value = 0;
        for (size_t r = 0; r < ns.m; r++)
            *value += log(leaf_gain(sr, l, ns.member[r], x));
    }
    /* Only a leaf that becomes the best (solve_leaf()) needs its certificate. */
    if (rc == PL_OK && !none && (!sr->found || *value > sr->best + 1e-12))
        rc = nash_certify(sr, l, lp, &ns, x, error);
    pl_free(ns.member);
    pl_free(ns.points);
    pl_free(ns.x);
    pl_free(ns.mu);
    pl_free(ns.s);
    pl_free(ns.lambda);
    return rc;
}

/* The objective of a leaf's LP optimum `value`, as pl_zone_solve() reports it. */
static double leaf_value(const search *sr, double value)
{
    const pl_zone_problem *p = sr->p;
    if (p->objective == PL_ZONE_MAXIMIN)
        return value - 1.0;
    if (p->objective == PL_ZONE_NASH)
        return value;
    if (p->objective == PL_ZONE_WEIGHTED_SUM) {
        for (size_t k = 0; k < p->n_constraints; k++)
            if (reservation_used(sr, k))
                value += coefficient(sr, k) * utility_constant(sr, p->constraints[k].actor);
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
        pl_lp_set_objective(lp, j, 0);
    for (size_t k = 0; k < sr->p->n_constraints; k++) {
        if (!reservation_used(sr, k))
            continue;
        size_t a = sr->p->constraints[k].actor;
        for (size_t i = 0; i < ni; i++)
            if (l->d[a * ni + i] != (size_t)-1)
                pl_lp_set_objective(lp, l->d[a * ni + i], -coefficient(sr, k) *
                                    sr->weight[a * ni + i] / issue_range(sr->s, i));
    }
}

/* The leaf's LP: from the cache, or built (and then *fresh is set). */
static int leaf_lp(const search *sr, const layout *l, pl_lp **slot, pl_lp **lp, int *fresh)
{
    const pl_zone_problem *p = sr->p;
    *fresh = slot == NULL || *slot == NULL;
    if (!*fresh) {
        *lp = *slot;
        if (p->objective == PL_ZONE_WEIGHTED_SUM)
            weighted_objective(sr, l, *lp);
        return PL_OK;
    }
    int rc = pl_lp_new(l->n, lp);
    if (rc == PL_OK)
        rc = build_lp(sr, l, *lp);
    if (rc == PL_OK && (p->objective == PL_ZONE_WEIGHTED_SUM || p->objective == PL_ZONE_NASH ||
                        p->coefficient != NULL)) /* the solutions (agreement_solutions.c) */
        pl_lp_set_dantzig(*lp, 1);
    return rc;
}

/* The most snap() moves a member's utility: sum_i w_ai |snapped - y_i| / R_i. */
static double snap_shift(const search *sr, const layout *l, const double *x)
{
    double most = 0;
    for (size_t a = 0; a < sr->n_actors; a++) {
        double shift = 0;
        for (size_t i = 0; i < sr->n_issues; i++)
            if (l->y[i] != (size_t)-1)
                shift += sr->weight[a * sr->n_issues + i] *
                         fabs(sr->best_package[i] - sr->s->issues[i].low - x[l->y[i]]) /
                         issue_range(sr->s, i);
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
    if (rc == PL_OK && (x = pl_calloc(l.n + 1, sizeof *x)) == NULL)
        rc = PL_ERR_NOMEM;
    double upper = -INFINITY, error = 0;
    if (rc == PL_OK && sr->p->objective == PL_ZONE_NASH) {
        rc = nash_leaf(sr, &l, lp, x, &value, &upper, &error);
        if (rc == PL_LP_OPTIMAL)
            sr->upper = fmax(sr->upper, upper);
    } else if (rc == PL_OK) {
        rc = pl_lp_solve(lp, x, &value);
    }
    if (level != NULL && sr->p->objective == PL_ZONE_MAXIMIN)
        *level = rc == PL_LP_OPTIMAL ? leaf_value(sr, value) : -INFINITY;
    if (rc == PL_LP_OPTIMAL) {
        value = leaf_value(sr, value);
        if (!sr->found || value > sr->best + 1e-12) {
            if (sr->found)
                sr->others_upper = fmax(sr->others_upper, sr->winner_upper);
            sr->found = 1;
            sr->best = value;
            for (size_t i = 0; i < sr->n_issues; i++)
                sr->best_package[i] = l.y[i] == (size_t)-1
                                          ? (double)sr->choice[i]
                                          : snap(&sr->s->issues[i], x[l.y[i]]);
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
    pl_free(x);
    if (slot != NULL && fresh && rc == PL_OK)
        *slot = lp;
    else if (fresh)
        pl_lp_free(lp);
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
        if (!reservation_used(sr, k))
            continue;
        if (sr->indifferent[p->constraints[k].actor]) {
            sum += p->objective == PL_ZONE_WEIGHTED_SUM ? coefficient(sr, k) : 0;
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
        double c = coefficient(sr, k), gain = u - p->level[k];
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
    if (cut <= sr->best + 1e-12) {
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
