/*
 * nash_leaf.c - the Nash package of one option combination's leaf of a
 * package problem (zone_search.h): simplicial decomposition over the leaf's
 * LP with the master problem of nash.c, and its certificate.
 */
#include <math.h>
#include <string.h>

#include "core/internal.h"
#include "zone/zone_search.h"

/*
 * NASH on one leaf: simplicial decomposition (von Hohenbalken 1977,
 * "Simplicial decomposition in nonlinear programming algorithms", Math.
 * Programming 13), with clean LPs only. The oracle maximises sum_k lambda_k
 * U_a(k) over the leaf (the LP of WEIGHTED_SUM); at the current gains s and
 * lambda = 1/s its optimum v gives the Frank-Wolfe gap G = sum_k v_k / s_k - m,
 * which bounds the shortfall: by concavity, sum log(s*) <= sum log(s) + G.
 * The master (pli_nash_master(), nash.c) finds the Nash point of the convex
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
        pli_lp_set_objective(lp, j, 0);
    for (size_t r = 0; r < ns->m; r++) {
        size_t a = sr->p->constraints[ns->member[r]].actor;
        for (size_t i = 0; i < ni; i++)
            if (l->d[a * ni + i] != (size_t)-1)
                pli_lp_set_objective(lp, l->d[a * ni + i], -ns->lambda[r] *
                                     sr->weight[a * ni + i] / pli_zone_issue_range(sr->s, i));
    }
    double *x = &ns->x[ns->q * l->n], v = 0;
    int rc = pli_lp_solve(lp, x, &v);
    if (rc != PL_LP_OPTIMAL)
        return rc;
    for (size_t r = 0; r < ns->m; r++) /* rounding may leave -1e-17 */
        ns->points[ns->q * ns->m + r] = fmax(0.0, pli_zone_leaf_gain(sr, l, ns->member[r], x));
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
        ns->lambda[r] = 1.0 / pli_zone_coefficient(sr, ns->member[r]);
    int rc = nash_oracle(sr, l, lp, ns);
    *none = 0;
    for (size_t r = 0; r < ns->m && rc == PL_OK && !*none; r++) {
        if (ns->points[r] > 0)
            continue;
        for (size_t k = 0; k < ns->m; k++)
            ns->lambda[k] = k == r ? 1.0 : 1e-6 / pli_zone_coefficient(sr, ns->member[k]);
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
        rc = pli_nash_master(ns->m, ns->q, ns->points, ns->mu, ns->s);
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
 * point in use has the same c P_j (pli_nash_normal()), eps the oracle's excess
 * at c over a rounding tolerance. Without a usable c (a component <= 0), c =
 * grad F(h) and eps = the Frank-Wolfe gap (|h - g*| <= B sqrt(G)).
 */
static int nash_certify(const search *sr, const layout *l, pl_lp *lp, nash_state *ns,
                        const double *x, double *error)
{
    size_t m = ns->m;
    double *h = pli_calloc(2 * m + 1, sizeof *h), *c = h + m, rho = 0, big = 0;
    if (h == NULL)
        return PL_ERR_NOMEM;
    for (size_t j = 0; j < ns->q; j++)
        for (size_t r = 0; r < m; r++)
            h[r] += ns->mu[j] * ns->points[j * m + r];
    int rc = pli_nash_normal(m, ns->q, ns->points, ns->mu, h, c, &rho), usable = 1;
    double eps = fmax(ns->gap, 0.0), hc = 0, scale = 0, moved = 0;
    for (size_t r = 0; r < m; r++) {
        size_t k = ns->member[r];
        big = fmax(big, fmax(h[r], pli_zone_utility_constant(sr, sr->p->constraints[k].actor) -
                                       sr->p->level[k]));
        usable &= c[r] > 0 && h[r] > 0;
        moved = fmax(moved, fabs(pli_zone_leaf_gain(sr, l, k, x) - h[r]));
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
        /* The LP leaves rounding of 1e-14 of a range in its point (pli_zone_snap()): a
         * gain off by 1e-12 is rounding, not a better vertex. */
        eps = fmax(0.0, eps - hc - 1e-12 * scale);
    } else {
        rho = 0;
    }
    double b2 = big * big;
    *error = (rho + sqrt(rho * rho + 4 * eps / b2)) * b2 / 2 + moved;
    pli_free(h);
    return rc;
}

int pli_zone_nash_leaf(const search *sr, const layout *l, pl_lp *lp, double *x, double *value,
                     double *upper, double *error)
{
    const pl_zone_problem *p = sr->p;
    nash_state ns = {0};
    ns.member = pli_calloc(p->n_constraints + 1, sizeof *ns.member);
    for (size_t k = 0; ns.member && k < p->n_constraints; k++)
        if (pli_zone_reservation_used(sr, k) && pli_zone_coefficient(sr, k) > 0)
            ns.member[ns.m++] = k;
    ns.points = pli_calloc(NASH_POINTS * ns.m + 1, sizeof *ns.points);
    ns.x = pli_calloc(NASH_POINTS * l->n + 1, sizeof *ns.x);
    ns.mu = pli_calloc(NASH_POINTS, sizeof *ns.mu);
    ns.s = pli_calloc(ns.m + 1, sizeof *ns.s);
    ns.lambda = pli_calloc(ns.m + 1, sizeof *ns.lambda);
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
            *value += log(pli_zone_leaf_gain(sr, l, ns.member[r], x));
    }
    /* Only a leaf that becomes the best (solve_leaf()) needs its certificate. */
    if (rc == PL_OK && !none && (!sr->found || *value > sr->best + 1e-12))
        rc = nash_certify(sr, l, lp, &ns, x, error);
    pli_free(ns.member);
    pli_free(ns.points);
    pli_free(ns.x);
    pli_free(ns.mu);
    pli_free(ns.s);
    pli_free(ns.lambda);
    return rc;
}

