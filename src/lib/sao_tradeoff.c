/*
 * sao_tradeoff.c - offers on the continuum for scenario input under SAO
 * (docs/simulation.md, "Trade-off offers on scenario issues").
 *
 * On a scenario (anything but a GENIUS or GeniusWeb domain) with continuous
 * issues and the linear utility form, an agent does not offer a grid point:
 * at its current aspiration level lo it offers the package that is as
 * acceptable as it can be to the others as it believes them, subject to its
 * own red lines and its own utility U_self >= lo. These are the trade-off
 * offers of Faratin, Sierra and Jennings (2002), "Using similarity criteria
 * to make issue trade-offs in automated negotiations", Artificial
 * Intelligence 142(2): a move along the agent's own iso-utility curve towards
 * the opponents. "As acceptable as it can be" is the maximin of the others'
 * normalised utilities (U_b - m_b) / (u_max_b - m_b), the share of its range
 * each other party gets, which is what a time-based party's acceptance tests
 * (spec §6-§7): max tau subject to U_b >= m_b + (u_max_b - m_b) tau.
 *
 * With linear utilities U_a(x) = C_a + sum_i w_ai (1 - |x_i - p_ai| / R_i) on
 * the continuous issues, each |x_i - p_ai| is an epigraph variable d_ai
 * (U_a >= level holds for some d_ai >= |x_i - p_ai| exactly when it holds at
 * d_ai = |x_i - p_ai|), so for each option combination the problem is one LP
 * (lp.h; the same construction as agreement_solve.c, after Boyd and
 * Vandenberghe, "Convex Optimization", 2004, §4.3). Options issues are
 * branched on, depth first, with a bound that prunes.
 *
 * What an agent believes of the others: the scenario's stated inputs (their
 * positions, saliences, reservations and red lines), never the drawn ones of a
 * Monte Carlo run. It first keeps the others' stated red lines as constraints;
 * when no package meets them and its own aspiration, it drops them.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lp.h"
#include "sao_internal.h"

/*
 * Most parties offered on the continuum: beyond, as on KTAB's samples of 27 to
 * 160 actors, each LP has a row per party and a column per party and issue,
 * the dense simplex (lp.c) takes milliseconds to seconds per offer, and the
 * agents keep the grid (docs/simulation.md).
 */
#define SAO_TRADEOFF_MAX_PARTIES 16
/* Option combinations (LPs) one offer may try before it keeps the best found. */
#define TRADEOFF_MAX_LEAVES 4096
/* Utility slack of acceptance and of the own-aspiration constraint: the LP's tolerance. */
#define TRADEOFF_TOLERANCE 1e-9

/* A party's utility on the continuum, as itself (true inputs) or another (stated). */
typedef struct view {
    const sao_party *p;  /* weights, option terms and allowed options */
    double *position;    /* per issue (continuous issues) */
    double *low, *high;  /* per issue: what its red lines allow (continuous issues) */
    double *best;        /* per issue: its best allowed package */
    double *weight;      /* per issue: the weights it was built with (to see a change) */
    double rv, u_max, u_worst, m;
    int blocked;
} view;

/* One aspiration level solved: the offer and its maximin value. */
typedef struct solved {
    double lo, tau;
    double *x;
    int valid;           /* x holds the offer at lo */
    int exact;           /* ... solved by the LP (not interpolated) */
    int stage;           /* 1: within the others' red lines, 0: without, -1: own best */
} solved;

typedef struct memo {
    solved last;         /* the last offer made (reused while lo does not move) */
    solved *schedule;    /* time-driven agents: the offer of every step, filled lazily */
    size_t n_schedule;
    double within;       /* the agent's best utility inside everyone's red lines */
} memo;

struct sao_tradeoff {
    size_t n, ni;
    int has_options;
    sao_inputs stated;
    sao_party *stated_party;  /* per actor: tables of the stated inputs */
    view *belief;             /* per actor: what the others believe of it */
    view *own;                /* per actor: its true utility in this run */
    memo *memo;               /* per actor */
    double *scratch;          /* n_issues */
};

/* ---- views ---- */

static void view_free(view *v)
{
    pl_free(v->position);
    pl_free(v->low);
    pl_free(v->high);
    pl_free(v->best);
    pl_free(v->weight);
    memset(v, 0, sizeof *v);
}

static double evaluation(const pl_scenario *s, const view *v, size_t i, double x)
{
    const pl_issue *is = &s->issues[i];
    double d = (x - v->position[i]) / (is->high - is->low);
    double e = s->utility_form == PL_UTILITY_QUADRATIC ? 1.0 - d * d : 1.0 - fabs(d);
    return e < 0 ? 0 : e;
}

/* U(x) summed left to right from 0.0, as sao_utility() (spec §2.3). */
static double view_utility(const pl_scenario *s, const view *v, const double *x)
{
    double u = 0.0;
    for (size_t i = 0; i < s->n_issues; i++)
        u += s->issues[i].kind == PL_ISSUE_OPTIONS ? v->p->term[i][(uint32_t)x[i]]
                                                   : v->p->weight[i] * evaluation(s, v, i, x[i]);
    return u;
}

static int view_allows(const pl_scenario *s, const view *v, const double *x)
{
    for (size_t i = 0; i < s->n_issues; i++) {
        if (s->issues[i].kind == PL_ISSUE_OPTIONS) {
            if (v->p->allowed[i] != NULL && !v->p->allowed[i][(uint32_t)x[i]])
                return 0;
        } else if (x[i] < v->low[i] || x[i] > v->high[i]) {
            return 0;
        }
    }
    return 1;
}

/* Best and worst allowed value of each issue, u_max, u_worst and m (spec §3.1-§3.2). */
static void view_extremes(const pl_scenario *s, view *v, double *worst)
{
    for (size_t i = 0; i < s->n_issues; i++) {
        double w = v->p->weight[i];
        if (s->issues[i].kind == PL_ISSUE_OPTIONS) {
            long top = -1, bottom = -1;
            const unsigned char *ok = v->p->allowed[i];
            for (size_t o = 0; o < s->issues[i].n_options; o++) {
                if (ok != NULL && !ok[o])
                    continue;
                double t = v->p->term[i][o];
                if (top < 0 || t > v->p->term[i][top])
                    top = (long)o;
                if (bottom < 0 || t < v->p->term[i][bottom])
                    bottom = (long)o;
            }
            if (top < 0)
                v->blocked = 1, top = bottom = 0;
            v->best[i] = (double)top;
            worst[i] = (double)bottom;
            continue;
        }
        if (v->low[i] > v->high[i]) {
            v->blocked = 1;
            v->best[i] = worst[i] = v->low[i];
            continue;
        }
        double p = v->position[i];
        v->best[i] = w > 0 ? fmin(v->high[i], fmax(v->low[i], p)) : v->low[i];
        worst[i] = fabs(v->low[i] - p) >= fabs(v->high[i] - p) ? v->low[i] : v->high[i];
    }
    v->u_max = view_utility(s, v, v->best);
    v->u_worst = view_utility(s, v, worst);
    v->m = v->u_worst < v->rv ? v->rv : v->u_worst;
}

static int view_build(view *v, const sao_party *p, const pl_scenario *s, const sao_inputs *in,
                      size_t a, double *scratch)
{
    size_t ni = s->n_issues;
    view_free(v);
    v->p = p;
    v->position = pl_calloc(ni + 1, sizeof *v->position);
    v->low = pl_calloc(ni + 1, sizeof *v->low);
    v->high = pl_calloc(ni + 1, sizeof *v->high);
    v->best = pl_calloc(ni + 1, sizeof *v->best);
    v->weight = pl_calloc(ni + 1, sizeof *v->weight);
    if (!v->position || !v->low || !v->high || !v->best || !v->weight)
        return PL_ERR_NOMEM;
    for (size_t i = 0; i < ni; i++) {
        v->weight[i] = p->weight[i];
        v->position[i] = in->position[a * ni + i];
        v->low[i] = s->issues[i].low;
        v->high[i] = s->issues[i].high;
    }
    for (size_t r = 0; r < s->n_red_lines; r++) {
        const pl_red_line *line = &s->red_lines[r];
        if (line->actor != a || s->issues[line->issue].kind == PL_ISSUE_OPTIONS)
            continue;
        v->low[line->issue] = fmax(v->low[line->issue], in->red_low[r]);
        v->high[line->issue] = fmin(v->high[line->issue], in->red_high[r]);
    }
    v->rv = in->reservation[a];
    view_extremes(s, v, scratch);
    return PL_OK;
}

/* Nonzero when two views of a party give the same utility, red lines and band. */
static int view_same(const view *a, const view *b, size_t ni)
{
    size_t bytes = ni * sizeof(double);
    return a->rv == b->rv && a->blocked == b->blocked && a->m == b->m &&
           a->u_max == b->u_max && memcmp(a->position, b->position, bytes) == 0 &&
           memcmp(a->low, b->low, bytes) == 0 && memcmp(a->high, b->high, bytes) == 0 &&
           memcmp(a->weight, b->weight, bytes) == 0;
}

/* ---- the LP of one option combination ---- */

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
    k->first = pl_calloc(ni + 1, sizeof *k->first);
    k->count = pl_calloc(ni + 1, sizeof *k->count);
    k->at = pl_calloc(ni * k->stride + 1, sizeof *k->at);
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
    pl_free(k->first);
    pl_free(k->count);
    pl_free(k->at);
}

#define ROW(n_, sense_, rhs_) pl_lp_add_row(lp, (n_), idx, val, (sense_), (rhs_))

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
        double f0 = w * evaluation(s, v, i, at[0]);
        constant += f0;
        for (size_t j = 1; j < k->count[i]; j++)
            idx[n] = k->first[i] + j - 1, val[n++] = w * evaluation(s, v, i, at[j]) - f0;
    }
    if (range > 0) {
        idx[n] = k->tau_plus, val[n++] = -range;
        idx[n] = k->tau_minus, val[n++] = range;
    }
    return ROW(n, PL_LP_GE, level - constant);
}

static int build(const problem *pb, const kinks *k, pl_lp *lp)
{
    size_t *idx = pl_malloc((k->n_columns + 2) * sizeof *idx);
    double *val = pl_malloc((k->n_columns + 2) * sizeof *val);
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
    pl_lp_set_objective(lp, k->tau_plus, 1);
    pl_lp_set_objective(lp, k->tau_minus, -1);
    pl_free(idx);
    pl_free(val);
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
        rc = pl_lp_new(k.n_columns, &lp);
    if (rc == PL_OK && !empty)
        rc = build(pb, &k, lp);
    if (rc == PL_OK && !empty)
        rc = (sol = pl_calloc(k.n_columns + 1, sizeof *sol)) ? pl_lp_solve(lp, sol, &value)
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
    pl_free(sol);
    pl_lp_free(lp);
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
static int trade_off(const sao_session *ss, size_t self, double lo, double *out, double *tau,
                     int *found, int *stage)
{
    const sao_tradeoff *tr = ss->tradeoff;
    size_t ni = ss->scenario->n_issues;
    double *x = pl_calloc(2 * ni + 1, sizeof *x);
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
    pl_free(x);
    return rc;
}

/* ---- offers, cached ---- */

static int solved_alloc(solved *v, size_t ni)
{
    v->x = pl_calloc(ni + 1, sizeof *v->x);
    v->valid = 0;
    return v->x ? PL_OK : PL_ERR_NOMEM;
}

/* Solve at v->lo into v (the agent's best package when nothing meets lo). */
static int solve_at(const sao_session *ss, size_t self, solved *v)
{
    int found = 0;
    int rc = trade_off(ss, self, v->lo, v->x, &v->tau, &found, &v->stage);
    if (rc == PL_OK && !found) {
        memcpy(v->x, ss->tradeoff->own[self].best, ss->scenario->n_issues * sizeof *v->x);
        v->tau = -INFINITY;
        v->stage = -1;
    }
    v->valid = v->exact = rc == PL_OK;
    return rc;
}

/* Nonzero for agents whose aspiration depends on time alone (not tit-for-tat). */
static int scheduled(const sao_agent *g)
{
    return g->spec.kind != PL_AGENT_TIT_FOR_TAT;
}

/* Step k's offer solved by the LP (its aspiration from the band at t = (k + 1) / N). */
static int solve_step(const sao_session *ss, size_t self, memo *mm, size_t k)
{
    solved *v = &mm->schedule[k];
    if (v->exact)
        return PL_OK;
    double hi;
    sao_agent_band(&ss->state[self], (double)(k + 1) / (double)mm->n_schedule, &v->lo, &hi);
    return solve_at(ss, self, v);
}

/*
 * Step k's offer of a time-driven agent, by a fixed bisection of the steps
 * 0..N-1. The best maximin value tau*(lo) is concave in lo (the value of a
 * convex program in its right-hand side), so when it meets the chord of
 * steps a < b at their middle step it is affine between them, and the convex
 * combinations of the two end packages are optimal offers at every step in
 * between (each meets U_self >= lo, U_self being concave): those steps need
 * no LP. Else the half holding k is bisected. The nodes solved depend only on
 * k and the inputs, so an offer is the same whenever and in whatever order it
 * is asked for (a shock mid-run, a plan kept from an earlier run).
 */
static int scheduled_offer(const sao_session *ss, size_t self, memo *mm, size_t k)
{
    size_t a = 0, b = mm->n_schedule - 1, ni = ss->scenario->n_issues;
    int rc = solve_step(ss, self, mm, a);
    if (rc == PL_OK)
        rc = solve_step(ss, self, mm, b);
    while (rc == PL_OK && !mm->schedule[k].valid) {
        size_t mid = a + (b - a) / 2;
        if ((rc = solve_step(ss, self, mm, mid)) != PL_OK)
            break;
        const solved *sa = &mm->schedule[a], *sb = &mm->schedule[b], *sm = &mm->schedule[mid];
        double span = sa->lo - sb->lo, lambda = span != 0 ? (sm->lo - sb->lo) / span : 0;
        double chord = sb->tau + lambda * (sa->tau - sb->tau);
        int same = sa->stage == sb->stage && sa->stage == sm->stage && sa->stage >= 0;
        if (same && (span == 0 ? sa->tau == sb->tau && sm->tau == sa->tau
                               : fabs(sm->tau - chord) <= 1e-9 * (1 + fabs(chord)))) {
            solved *v = &mm->schedule[k];
            double hi;
            sao_agent_band(&ss->state[self], (double)(k + 1) / (double)mm->n_schedule, &v->lo,
                           &hi);
            double l = span != 0 ? (v->lo - sb->lo) / span : 1;
            for (size_t i = 0; i < ni; i++)
                v->x[i] = ss->scenario->issues[i].kind == PL_ISSUE_OPTIONS
                              ? sa->x[i]
                              : sb->x[i] + l * (sa->x[i] - sb->x[i]);
            v->tau = sb->tau + l * (sa->tau - sb->tau);
            v->valid = 1;
        } else if (k < mid) {
            b = mid;
        } else {
            a = mid;
        }
    }
    return rc;
}

int sao_tradeoff_offer(sao_session *ss, size_t self, int k, double t, double *out)
{
    sao_tradeoff *tr = ss->tradeoff;
    const view *v = &tr->own[self];
    size_t ni = ss->scenario->n_issues;
    memo *mm = &tr->memo[self];
    int rc = PL_OK;
    if (v->blocked || !(v->m <= v->u_max)) {
        memcpy(out, v->best, ni * sizeof *out); /* §8.1: nothing to concede over */
        return PL_OK;
    }
    if (scheduled(&ss->state[self]) && !tr->has_options) {
        rc = scheduled_offer(ss, self, mm, (size_t)k);
        if (rc == PL_OK)
            memcpy(out, mm->schedule[k].x, ni * sizeof *out);
        return rc;
    }
    double lo, hi;
    sao_agent_band(&ss->state[self], t, &lo, &hi);
    if (!mm->last.valid || mm->last.lo != lo) {
        mm->last.lo = lo;
        rc = solve_at(ss, self, &mm->last);
    }
    if (rc == PL_OK)
        memcpy(out, mm->last.x, ni * sizeof *out);
    return rc;
}

int sao_tradeoff_accepts(const sao_session *ss, size_t self, double t, const double *x)
{
    const view *v = &ss->tradeoff->own[self];
    if (v->blocked || !view_allows(ss->scenario, v, x))
        return 0; /* red lines are absolute */
    double lo, hi;
    sao_agent_band(&ss->state[self], t, &lo, &hi);
    return view_utility(ss->scenario, v, x) >= lo - TRADEOFF_TOLERANCE;
}

double sao_tradeoff_utility(const sao_session *ss, size_t party, const double *x)
{
    return view_utility(ss->scenario, &ss->tradeoff->own[party], x);
}

/* Nonzero when some applicable shock moves a red line. */
static int red_lines_shocked(const sao_session *ss)
{
    const pl_scenario *s = ss->scenario;
    for (size_t h = 0; ss->use_shock != NULL && h < s->n_shocks; h++)
        for (size_t c = 0; ss->use_shock[h] && c < s->shocks[h].n_changes; c++)
            if (s->shocks[h].changes[c].quantity == PL_QUANTITY_RED_LINE)
                return 1;
    return 0;
}

int sao_tradeoff_hopeless(const sao_session *ss)
{
    const sao_tradeoff *tr = ss->tradeoff;
    const pl_scenario *s = ss->scenario;
    for (size_t a = 0; a < tr->n; a++)
        if (tr->own[a].blocked)
            return 0; /* a blocked party's offers cross its own red lines: play it out */
    if (red_lines_shocked(ss))
        return 0;
    for (size_t i = 0; i < s->n_issues; i++) {
        if (s->issues[i].kind == PL_ISSUE_CONTINUOUS) {
            double low = -INFINITY, high = INFINITY;
            for (size_t a = 0; a < tr->n; a++)
                low = fmax(low, tr->own[a].low[i]), high = fmin(high, tr->own[a].high[i]);
            if (low > high)
                return 1;
            continue;
        }
        int open = 0;
        for (size_t o = 0; o < s->issues[i].n_options && !open; o++) {
            open = 1;
            for (size_t a = 0; a < tr->n; a++) {
                const unsigned char *ok = tr->own[a].p->allowed[i];
                if (ok != NULL && !ok[o])
                    open = 0;
            }
        }
        if (!open)
            return 1;
    }
    return 0;
}

/* ---- setting up ---- */

int sao_tradeoff_applies(const pl_scenario *s, const pl_simulation_options *o)
{
    if (o->protocol != PL_PROTOCOL_SAO || s->utility_form == PL_UTILITY_QUADRATIC ||
        s->n_actors > SAO_TRADEOFF_MAX_PARTIES)
        return 0;
    if (s->format != NULL && (strcmp(s->format, "genius") == 0 ||
                              strcmp(s->format, "geniusweb") == 0))
        return 0; /* GENIUS domains keep NegMAS's behaviour to the bit */
    for (size_t i = 0; i < s->n_issues; i++)
        if (s->issues[i].kind == PL_ISSUE_CONTINUOUS)
            return 1;
    return 0;
}

void sao_tradeoff_free(sao_tradeoff *tr, size_t n_issues)
{
    if (tr == NULL)
        return;
    for (size_t a = 0; a < tr->n; a++) {
        if (tr->stated_party)
            sao_party_free(&tr->stated_party[a], n_issues);
        if (tr->belief)
            view_free(&tr->belief[a]);
        if (tr->own)
            view_free(&tr->own[a]);
        if (tr->memo) {
            pl_free(tr->memo[a].last.x);
            for (size_t k = 0; tr->memo[a].schedule && k < tr->memo[a].n_schedule; k++)
                pl_free(tr->memo[a].schedule[k].x);
            pl_free(tr->memo[a].schedule);
        }
    }
    pl_free(tr->stated_party);
    pl_free(tr->belief);
    pl_free(tr->own);
    pl_free(tr->memo);
    pl_free(tr->scratch);
    sao_inputs_free(&tr->stated);
    pl_free(tr);
}

static int memo_alloc(memo *mm, size_t ni, size_t steps)
{
    int rc = solved_alloc(&mm->last, ni);
    mm->schedule = rc == PL_OK ? pl_calloc(steps, sizeof *mm->schedule) : NULL;
    if (mm->schedule == NULL)
        return PL_ERR_NOMEM;
    mm->n_schedule = steps;
    for (size_t k = 0; k < steps && rc == PL_OK; k++)
        rc = solved_alloc(&mm->schedule[k], ni);
    return rc;
}

int sao_tradeoff_new(sao_session *ss)
{
    const pl_scenario *s = ss->scenario;
    size_t n = s->n_actors, ni = s->n_issues, steps = (size_t)ss->options.steps;
    sao_tradeoff *tr = ss->tradeoff = pl_calloc(1, sizeof *tr);
    if (tr == NULL)
        return PL_ERR_NOMEM;
    tr->n = n;
    tr->ni = ni;
    for (size_t i = 0; i < ni; i++)
        tr->has_options |= s->issues[i].kind == PL_ISSUE_OPTIONS;
    tr->stated_party = pl_calloc(n, sizeof *tr->stated_party);
    tr->belief = pl_calloc(n, sizeof *tr->belief);
    tr->own = pl_calloc(n, sizeof *tr->own);
    tr->memo = pl_calloc(n, sizeof *tr->memo);
    tr->scratch = pl_calloc(ni + 1, sizeof *tr->scratch);
    int rc = tr->stated_party && tr->belief && tr->own && tr->memo && tr->scratch
                 ? sao_inputs_init(&tr->stated, s) : PL_ERR_NOMEM;
    for (size_t a = 0; a < n && rc == PL_OK; a++) {
        rc = sao_party_build(&tr->stated_party[a], &ss->space, s, &tr->stated, a);
        if (rc == PL_OK)
            rc = view_build(&tr->belief[a], &tr->stated_party[a], s, &tr->stated, a,
                            tr->scratch);
        if (rc == PL_OK)
            rc = memo_alloc(&tr->memo[a], ni, steps);
    }
    return rc;
}

/* The agent's best utility within every party's red lines (continuous issues). */
static double best_within(const sao_tradeoff *tr, const pl_scenario *s, size_t self)
{
    const view *v = &tr->own[self];
    double *x = tr->scratch;
    for (size_t i = 0; i < s->n_issues; i++) {
        double low = v->low[i], high = v->high[i];
        for (size_t b = 0; b < tr->n && s->issues[i].kind == PL_ISSUE_CONTINUOUS; b++)
            if (b != self)
                low = fmax(low, tr->belief[b].low[i]), high = fmin(high, tr->belief[b].high[i]);
        if (low > high)
            return -INFINITY;
        x[i] = s->issues[i].kind == PL_ISSUE_OPTIONS ? v->best[i]
                                                     : fmin(high, fmax(low, v->position[i]));
    }
    /* options issues: the agent's own best, an upper bound when the others forbid it */
    return view_utility(s, v, x) + (tr->has_options ? 1e-9 : 0);
}

/*
 * Each party's own view from the current inputs; a party whose view did not
 * change (its inputs were not drawn or shocked) keeps its planned offers.
 */
int sao_tradeoff_rebuild(sao_session *ss)
{
    sao_tradeoff *tr = ss->tradeoff;
    view fresh = {0};
    int rc = PL_OK;
    for (size_t a = 0; a < tr->n && rc == PL_OK; a++) {
        sao_party *p = &ss->parties[a];
        rc = view_build(&fresh, p, ss->scenario, &ss->inputs, a, tr->scratch);
        if (rc != PL_OK)
            break;
        view *v = &tr->own[a];
        if (v->position == NULL || !view_same(v, &fresh, tr->ni)) {
            view old = *v;
            *v = fresh;
            fresh = old;
            memo *mm = &tr->memo[a];
            mm->last.valid = 0;
            for (size_t k = 0; k < mm->n_schedule; k++)
                mm->schedule[k].valid = mm->schedule[k].exact = 0;
        }
        v->p = p;
        tr->memo[a].within = best_within(tr, ss->scenario, a);
        /* the agent's band (sao_agent_band) reads these: the continuum's, not the grid's */
        p->u_max = v->u_max;
        p->u_worst = v->u_worst;
        p->m = v->m;
        p->blocked = v->blocked;
    }
    view_free(&fresh);
    return rc;
}
