/*
 * sao_tradeoff_lp.c - the trade-off offer's LP (docs/simulation.md,
 * "Trade-off offers on scenario issues"; the model is explained at the top of
 * sao_tradeoff.c): for each combination of the options issues, one LP in the
 * kinks of the continuous issues, maximising the others' least normalised
 * utility subject to the agent's own utility >= its aspiration and the red
 * lines; the combinations are branched on depth first with a bound.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "numeric/lp.h"
#include "simulate/sao_tradeoff.h"


typedef struct problem {
    const pl_scenario *s;
    const sao_tradeoff *tr;
    size_t self;
    double lo;
    int with_red_lines;  /* keep the others' stated red lines */
    const double *x;     /* options issues: the combination (continuous entries unused) */
} problem;

/* The others whose acceptance the offer courts: not blocked and with a range. */
static int courted(const problem *pb, size_t b)
{
    const view *v = &pb->tr->belief[b];
    return b != pb->self && !v->blocked && v->u_max - v->m > 1e-12;
}

/* The view of party a in this problem: the agent's own, or its belief. */
static const view *seen(const problem *pb, size_t a)
{
    return a == pb->self ? &pb->tr->own[a] : &pb->tr->belief[a];
}

/* The interval of continuous issue i: own red lines, and the others' when kept. */
static void interval(const problem *pb, size_t i, double *low, double *high)
{
    *low = pb->tr->own[pb->self].low[i];
    *high = pb->tr->own[pb->self].high[i];
    for (size_t b = 0; pb->with_red_lines && b < pb->tr->n; b++)
        if (b != pb->self) {
            *low = fmax(*low, pb->tr->belief[b].low[i]);
            *high = fmin(*high, pb->tr->belief[b].high[i]);
        }
}

/*
 * The LP in the breakpoints of the utilities. On continuous issue i every
 * U_a is linear between consecutive kinks k_i0 < k_i1 < ... (the interval's
 * ends and the positions inside it), so x_i = k_i0 + sum_j lambda_ij
 * (k_ij - k_i0) with lambda >= 0, sum_j lambda_ij <= 1 (the weight left on
 * k_i0), and sum_j lambda_ij f_ai(k_ij) <= f_ai(x_i) by concavity, with
 * equality when only adjacent kinks carry weight, which some optimum has. So
 * the LP in lambda has the trade-off's optimum, and any of its solutions gives
 * a package at least as good for every party. It has one row per continuous
 * issue and per party, about (parties + 1) columns per issue, and every row
 * but the parties' starts feasible.
 */
typedef struct kinks {
    size_t *first;   /* [i]: column of lambda_i1 (lambda_i0 is implicit) */
    size_t *count;   /* [i]: number of kinks, 0 for options issues */
    double *at;      /* [i * stride + j]: kink j of issue i */
    size_t stride, n_columns, tau_plus, tau_minus;
} kinks;

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* The kinks of every continuous issue; *empty when some interval is empty. */
static int make_kinks(const problem *pb, kinks *k, int *empty)
{
    size_t ni = pb->s->n_issues, n = pb->tr->n;
    k->stride = n + 2;
    k->first = pli_calloc(ni + 1, sizeof *k->first);
    k->count = pli_calloc(ni + 1, sizeof *k->count);
    k->at = pli_calloc(ni * k->stride + 1, sizeof *k->at);
    if (!k->first || !k->count || !k->at)
        return PL_ERR_NOMEM;
    size_t column = 0;
    for (size_t i = 0; i < ni; i++) {
        if (pb->s->issues[i].kind != PL_ISSUE_CONTINUOUS)
            continue;
        double low, high, *at = k->at + i * k->stride;
        interval(pb, i, &low, &high);
        if (low > high) {
            *empty = 1;
            high = low;
        }
        size_t m = 0;
        at[m++] = low;
        at[m++] = high;
        for (size_t a = 0; a < n; a++)
            if ((a == pb->self || courted(pb, a)) && seen(pb, a)->p->weight[i] > 0) {
                double p = seen(pb, a)->position[i];
                if (p > low && p < high)
                    at[m++] = p;
            }
        qsort(at, m, sizeof *at, cmp_double);
        size_t u = 1;
        for (size_t j = 1; j < m; j++)
            if (at[j] != at[u - 1])
                at[u++] = at[j];
        k->count[i] = u;
        k->first[i] = column;
        column += u - 1;
    }
    k->tau_plus = column++;
    k->tau_minus = column++;
    k->n_columns = column;
    return PL_OK;
}

static void free_kinks(kinks *k)
{
    pli_free(k->first);
    pli_free(k->count);
    pli_free(k->at);
}

#define ROW(n_, sense_, rhs_) pli_lp_add_row(lp, (n_), idx, val, (sense_), (rhs_))

/* sum_j lambda_ij <= 1 on each continuous issue. */
static int convexity_rows(const problem *pb, const kinks *k, pl_lp *lp, size_t *idx,
                          double *val)
{
    int rc = PL_OK;
    for (size_t i = 0; i < pb->s->n_issues && rc == PL_OK; i++) {
        if (k->count[i] < 2)
            continue;
        for (size_t j = 1; j < k->count[i]; j++)
            idx[j - 1] = k->first[i] + j - 1, val[j - 1] = 1;
        rc = ROW(k->count[i] - 1, PL_LP_LE, 1.0);
    }
    return rc;
}

/* U_a >= level + range tau, in lambda: the terms at k_i0 and the options are constants. */
static int utility_row(const problem *pb, const kinks *k, pl_lp *lp, size_t a, double level,
                       double range, size_t *idx, double *val)
{
    const pl_scenario *s = pb->s;
    const view *v = seen(pb, a);
    size_t n = 0;
    double constant = 0;
    for (size_t i = 0; i < s->n_issues; i++) {
        if (s->issues[i].kind == PL_ISSUE_OPTIONS) {
            constant += v->p->term[i][(uint32_t)pb->x[i]];
            continue;
        }
        double w = v->p->weight[i];
        if (!(w > 0))
            continue;
        const double *at = k->at + i * k->stride;
        double f0 = w * sao_view_evaluation(s, v, i, at[0]);
        constant += f0;
        for (size_t j = 1; j < k->count[i]; j++)
            idx[n] = k->first[i] + j - 1, val[n++] = w * sao_view_evaluation(s, v, i, at[j]) - f0;
    }
    if (range > 0) {
        idx[n] = k->tau_plus, val[n++] = -range;
        idx[n] = k->tau_minus, val[n++] = range;
    }
    return ROW(n, PL_LP_GE, level - constant);
}

static int build(const problem *pb, const kinks *k, pl_lp *lp)
{
    size_t *idx = pli_malloc((k->n_columns + 2) * sizeof *idx);
    double *val = pli_malloc((k->n_columns + 2) * sizeof *val);
    int rc = idx && val ? convexity_rows(pb, k, lp, idx, val) : PL_ERR_NOMEM;
    if (rc == PL_OK)
        rc = utility_row(pb, k, lp, pb->self, pb->lo, 0, idx, val);
    for (size_t b = 0; b < pb->tr->n && rc == PL_OK; b++)
        if (courted(pb, b)) {
            const view *v = &pb->tr->belief[b];
            rc = utility_row(pb, k, lp, b, v->m, v->u_max - v->m, idx, val);
        }
    if (rc == PL_OK) {
        idx[0] = k->tau_plus;
        val[0] = 1;
        rc = ROW(1, PL_LP_LE, 2.0); /* tau <= 2: bounded when nobody is courted */
    }
    pli_lp_set_objective(lp, k->tau_plus, 1);
    pli_lp_set_objective(lp, k->tau_minus, -1);
    pli_free(idx);
    pli_free(val);
    return rc;
}

/*
 * Solve the LP of the combination in pb->x; on success write the continuous
 * positions into `out` (options entries copied) and the value into *tau.
 * *found is zero when the combination admits no package.
 */
static int solve_combination(const problem *pb, double *out, double *tau, int *found)
{
    kinks k = {0};
    pl_lp *lp = NULL;
    double *sol = NULL, value = 0;
    int empty = 0;
    *found = 0;
    int rc = make_kinks(pb, &k, &empty);
    if (rc == PL_OK && !empty)
        rc = pli_lp_new(k.n_columns, &lp);
    if (rc == PL_OK && !empty)
        rc = build(pb, &k, lp);
    if (rc == PL_OK && !empty)
        rc = (sol = pli_calloc(k.n_columns + 1, sizeof *sol)) ? pli_lp_solve(lp, sol, &value)
                                                             : PL_ERR_NOMEM;
    if (rc == PL_LP_OPTIMAL && !empty) {
        *found = 1;
        *tau = value;
        for (size_t i = 0; i < pb->s->n_issues; i++) {
            if (pb->s->issues[i].kind == PL_ISSUE_OPTIONS) {
                out[i] = pb->x[i];
                continue;
            }
            const double *at = k.at + i * k.stride;
            double x = at[0];
            for (size_t j = 1; j < k.count[i]; j++)
                x += sol[k.first[i] + j - 1] * (at[j] - at[0]);
            out[i] = fmin(at[k.count[i] - 1], fmax(at[0], x));
        }
    }
    /* PL_ERR_LIMIT: the solver gave up on a degenerate problem; the combination counts
     * as not found (docs/simulation.md) rather than failing the negotiation */
    if (rc == PL_LP_INFEASIBLE || rc == PL_LP_UNBOUNDED || rc == PL_LP_OPTIMAL ||
        rc == PL_ERR_LIMIT)
        rc = PL_OK;
    pli_free(sol);
    pli_lp_free(lp);
    free_kinks(&k);
    return rc;
}

/* ---- branching on the options issues ---- */

typedef struct branch {
    problem pb;
    double *x;           /* the combination being built (then the LP's package) */
    double *best;        /* the best package found */
    double best_tau;
    int found;
    size_t leaves;
} branch;

/* May the offer hold option o of issue i (own red lines; the others' when kept)? */
static int option_open(const problem *pb, size_t i, size_t o)
{
    for (size_t a = 0; a < pb->tr->n; a++) {
        if (a != pb->self && !pb->with_red_lines)
            continue;
        const unsigned char *ok = seen(pb, a)->p->allowed[i];
        if (ok != NULL && !ok[o])
            return 0;
    }
    return 1;
}

/* An upper bound of U for view v over the completions of the options fixed before `depth`. */
static double upper_utility(const problem *pb, const view *v, const double *x, size_t depth)
{
    double u = 0;
    for (size_t i = 0; i < pb->s->n_issues; i++) {
        if (pb->s->issues[i].kind == PL_ISSUE_CONTINUOUS) {
            u += v->p->weight[i];
        } else if (i < depth) {
            u += v->p->term[i][(uint32_t)x[i]];
        } else {
            double top = 0;
            for (size_t o = 0; o < pb->s->issues[i].n_options; o++)
                top = fmax(top, v->p->term[i][o]);
            u += top;
        }
    }
    return u;
}

/* Nonzero when no completion can beat the best found or meet the agent's aspiration. */
static int pruned(const branch *br, size_t depth)
{
    const problem *pb = &br->pb;
    if (upper_utility(pb, seen(pb, pb->self), br->x, depth) < pb->lo - TRADEOFF_TOLERANCE)
        return 1;
    if (!br->found)
        return 0;
    double tau = 2.0;
    for (size_t b = 0; b < pb->tr->n; b++)
        if (courted(pb, b)) {
            const view *v = &pb->tr->belief[b];
            tau = fmin(tau, (upper_utility(pb, v, br->x, depth) - v->m) / (v->u_max - v->m));
        }
    return tau <= br->best_tau + 1e-12;
}

static int descend(branch *br, size_t depth, double *package)
{
    const pl_scenario *s = br->pb.s;
    while (depth < s->n_issues && s->issues[depth].kind != PL_ISSUE_OPTIONS)
        depth++;
    if (br->leaves >= TRADEOFF_MAX_LEAVES || pruned(br, depth))
        return PL_OK;
    if (depth == s->n_issues) {
        double tau = 0;
        int found = 0;
        br->leaves++;
        int rc = solve_combination(&br->pb, package, &tau, &found);
        if (rc == PL_OK && found && (!br->found || tau > br->best_tau + 1e-12)) {
            br->found = 1;
            br->best_tau = tau;
            memcpy(br->best, package, s->n_issues * sizeof *package);
        }
        return rc;
    }
    for (size_t o = 0; o < s->issues[depth].n_options; o++) {
        if (!option_open(&br->pb, depth, o))
            continue;
        br->x[depth] = (double)o;
        int rc = descend(br, depth + 1, package);
        if (rc != PL_OK)
            return rc;
    }
    return PL_OK;
}

/*
 * The trade-off offer of party `self` at aspiration lo into `out` and its
 * maximin value into *tau; *found zero when not even its own constraints
 * can be met (then `out` is untouched).
 */
int sao_trade_off(const sao_session *ss, size_t self, double lo, double *out, double *tau,
                  int *found, int *stage)
{
    const sao_tradeoff *tr = ss->tradeoff;
    size_t ni = ss->scenario->n_issues;
    double *x = pli_calloc(2 * ni + 1, sizeof *x);
    if (x == NULL)
        return PL_ERR_NOMEM;
    /* Stage 1 keeps the others' red lines: hopeless when lo exceeds what they leave. */
    int keep = !(lo > tr->memo[self].within + TRADEOFF_TOLERANCE);
    branch br = {{ss->scenario, tr, self, lo, keep, x}, x, out, 0, 0, 0};
    int rc = keep ? descend(&br, 0, x + ni) : PL_OK;
    if (rc == PL_OK && !br.found) {
        br.pb.with_red_lines = 0; /* the others' stated red lines cannot be met: drop them */
        br.leaves = 0;
        rc = descend(&br, 0, x + ni);
    }
    *found = br.found;
    *tau = br.best_tau;
    *stage = br.pb.with_red_lines;
    pli_free(x);
    return rc;
}
