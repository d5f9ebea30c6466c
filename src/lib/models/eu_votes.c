/*
 * eu_votes.c - the expected-utility model's votes: pairwise vote totals, the
 * median (Condorcet winner) and the probability that one actor beats another
 * (docs/specs/bdm-eu.md sections 3 and 5; Scholz, Calbert and Smith
 * 2011, eqs. 28-31).
 */
#include <math.h>
#include <stdlib.h>

#include "core/internal.h"
#include "parley/eu.h"

#define SAME_POSITION 1e-12 /* spec section 3 */

/* Section 3. */
double pl_eu_vote(size_t n, const double *x, const double *w, double range, double a, double b)
{
    double total = 0.0;
    for (size_t k = 0; k < n; k++)
        total += w[k] * (fabs(x[k] - b) - fabs(x[k] - a));
    return total / range;
}

/* F(a) = sum_k w_k |x_k - a|: V(a, b) = (F(b) - F(a)) / R, so the Condorcet
 * winners are the minimisers of F (section 3). */
static double distance_sum(size_t n, const double *x, const double *w, double a)
{
    double total = 0.0;
    for (size_t k = 0; k < n; k++)
        total += w[k] * fabs(x[k] - a);
    return total;
}

static int ties(double f, double g)
{
    double scale = fabs(f) > fabs(g) ? fabs(f) : fabs(g);
    return fabs(f - g) <= PL_TOLERANCE * scale; /* spec section 3: ties within 1e-9 relative */
}

/* O9 `king`: each candidate in input order challenges the king and takes
 * over when it wins strictly (beyond the tie tolerance). */
static size_t king_median(size_t n, const double *x, const double *w)
{
    size_t king = 0;
    double f_king = distance_sum(n, x, w, x[0]);
    for (size_t c = 1; c < n; c++) {
        double f = distance_sum(n, x, w, x[c]);
        if (f < f_king && !ties(f, f_king)) {
            king = c;
            f_king = f;
        }
    }
    return king;
}

/* Nonzero when tied candidate c should replace the current choice under `tie`. */
static int prefer_tied(pl_eu_median_tie tie, double x_c, double x_best)
{
    if (tie == PL_EU_TIE_LOW)
        return x_c < x_best;
    if (tie == PL_EU_TIE_HIGH)
        return x_c > x_best;
    return 0; /* first, max_pair: the earliest in input order */
}

/*
 * O9 `max_pair` maximises max_b V(a, b) = (max_b F(b) - F(a)) / R, which is
 * largest exactly at the minimisers of F; among tied ones it keeps the first,
 * so in one dimension it chooses as `first` does.
 */
size_t pl_eu_median(size_t n, const double *x, const double *w, pl_eu_median_tie tie)
{
    if (tie == PL_EU_TIE_KING)
        return king_median(n, x, w);
    double f_min = INFINITY;
    for (size_t k = 0; k < n; k++) {
        double f = distance_sum(n, x, w, x[k]);
        if (f < f_min)
            f_min = f;
    }
    size_t best = n;
    for (size_t k = 0; k < n; k++) {
        if (!ties(distance_sum(n, x, w, x[k]), f_min))
            continue;
        if (best == n || prefer_tied(tie, x[k], x[best]))
            best = k;
    }
    return best < n ? best : 0;
}

/* Voter k's distance term u_k(y) = (|x_k - y| / R)^rho_k (section 5). */
static double voter_utility(double x_k, double y, double range, const double *rho, size_t k)
{
    double distance = fabs(x_k - y) / range;
    if (rho == NULL || rho[k] == 1.0)
        return distance;
    return pow(distance, rho[k]);
}

/* Section 5: pairwise (eq. 31), global or net, from the weighted margins v_k. */
double pl_eu_probability(size_t n, const double *x, const double *w, const double *rho,
                         double range, pl_eu_prob prob, double global_d, size_t i, size_t j)
{
    double positive = 0.0, absolute = 0.0, sum = 0.0;
    for (size_t k = 0; k < n; k++) {
        double v = w[k] * (voter_utility(x[k], x[j], range, rho, k) -
                           voter_utility(x[k], x[i], range, rho, k));
        if (v > 0)
            positive += v;
        absolute += fabs(v);
        sum += v;
    }
    if (prob == PL_EU_PROB_GLOBAL)
        return global_d > 0 ? positive / global_d : 0.5;
    if (!(absolute > 0))
        return 0.5;
    if (prob == PL_EU_PROB_NET)
        return (sum > 0 ? sum : 0.0) / absolute;
    return positive / absolute;
}

/* Section 5, `global`: the literal triple sum. */
double pl_eu_global_denominator(size_t n, const double *x, const double *w, const double *rho,
                                double range)
{
    double d = 0.0;
    for (size_t k = 0; k < n; k++)
        for (size_t a = 0; a < n; a++)
            for (size_t b = 0; b < n; b++)
                d += w[k] * fabs(voter_utility(x[k], x[a], range, rho, k) -
                                 voter_utility(x[k], x[b], range, rho, k));
    return d;
}

/* ---- All P_ij at once ------------------------------------------------- */

typedef struct ranked {
    double position;
    size_t index;
} ranked;

static int compare_ranked(const void *p, const void *q)
{
    const ranked *a = p, *b = q;
    if (a->position != b->position)
        return a->position < b->position ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

/* Scratch for pl_eu_probability_matrix(). */
typedef struct vote_table {
    size_t n;
    ranked *sorted;     /* voters by position, input order on ties */
    size_t *rank;       /* rank[k]: voter k's place in `sorted` */
    double *u;          /* u[k * n + a] = u_k(x_a) */
    double *prefix;     /* [a * (n + 1) + t]: sum of w u(x_a) over the first t sorted voters */
    double *g;          /* one voter's utilities in increasing order */
} vote_table;

static void table_free(vote_table *t)
{
    pli_free(t->sorted);
    pli_free(t->rank);
    pli_free(t->u);
    pli_free(t->prefix);
    pli_free(t->g);
}

static int table_alloc(vote_table *t, size_t n)
{
    t->n = n;
    t->sorted = pli_malloc(n * sizeof *t->sorted);
    t->rank = pli_malloc(n * sizeof *t->rank);
    t->u = pli_malloc(n * n * sizeof *t->u);
    t->prefix = pli_malloc(n * (n + 1) * sizeof *t->prefix);
    t->g = pli_malloc(n * sizeof *t->g);
    if (t->sorted && t->rank && t->u && t->prefix && t->g)
        return PL_OK;
    table_free(t);
    return PL_ERR_NOMEM;
}

static void table_fill(vote_table *t, const double *x, const double *w, const double *rho,
                       double range)
{
    size_t n = t->n;
    for (size_t k = 0; k < n; k++)
        t->sorted[k] = (ranked){x[k], k};
    qsort(t->sorted, n, sizeof *t->sorted, compare_ranked);
    for (size_t r = 0; r < n; r++)
        t->rank[t->sorted[r].index] = r;
    for (size_t k = 0; k < n; k++)
        for (size_t a = 0; a < n; a++)
            t->u[k * n + a] = voter_utility(x[k], x[a], range, rho, k);
    for (size_t a = 0; a < n; a++) {
        double *row = t->prefix + a * (n + 1);
        row[0] = 0.0;
        for (size_t r = 0; r < n; r++) {
            size_t k = t->sorted[r].index;
            row[r + 1] = row[r] + w[k] * t->u[k * n + a];
        }
    }
}

/* Voter k's sum over ordered actor pairs of |u_k(x_a) - u_k(x_b)|: its
 * utilities in increasing order come from merging the actors below and above
 * it by distance; then the sum is 2 sum_t g_t (2t - n + 1). O(n). */
static double voter_spread(const vote_table *t, size_t k)
{
    size_t n = t->n, m = 0, r = t->rank[k];
    double x_k = t->sorted[r].position;
    size_t below = r, above = r + 1; /* next candidates: sorted[below - 1], sorted[above] */
    t->g[m++] = t->u[k * n + k];
    while (below > 0 || above < n) {
        int take_below = above >= n ||
                         (below > 0 && x_k - t->sorted[below - 1].position <=
                                           t->sorted[above].position - x_k);
        size_t a = take_below ? t->sorted[--below].index : t->sorted[above++].index;
        t->g[m++] = t->u[k * n + a];
    }
    double sum = 0.0;
    for (size_t s = 0; s < n; s++)
        sum += t->g[s] * (2.0 * (double)s - (double)n + 1.0);
    return 2.0 * sum;
}

/* sum over sorted voters [from, to) of w_k (u_k(x_b) - u_k(x_a)). */
static double margin_sum(const vote_table *t, size_t a, size_t b, size_t from, size_t to)
{
    const double *pa = t->prefix + a * (t->n + 1), *pb = t->prefix + b * (t->n + 1);
    double s = (pb[to] - pb[from]) - (pa[to] - pa[from]);
    return s > 0 ? s : 0.0;
}

/* P_ij from the table: the voters nearer x_i than x_j lie on i's side of the
 * midpoint; `lt` and `le` count the sorted voters below and at or below it. */
static double table_probability(const vote_table *t, const double *x, size_t i, size_t j,
                                size_t lt, size_t le, pl_eu_prob prob, double global_d)
{
    double for_i, for_j;
    if (x[i] < x[j]) {
        for_i = margin_sum(t, i, j, 0, lt);
        for_j = margin_sum(t, j, i, le, t->n);
    } else {
        for_i = margin_sum(t, i, j, le, t->n);
        for_j = margin_sum(t, j, i, 0, lt);
    }
    if (prob == PL_EU_PROB_GLOBAL)
        return global_d > 0 ? for_i / global_d : 0.5;
    double absolute = for_i + for_j;
    if (!(absolute > 0))
        return 0.5;
    if (prob == PL_EU_PROB_NET)
        return (for_i > for_j ? for_i - for_j : 0.0) / absolute;
    return for_i / absolute;
}

/* Row i of P: taking j in sorted order moves the midpoint only upwards, so the
 * two counts advance monotonically, O(n) for the row. */
static void probability_row(const vote_table *t, const double *x, size_t i, pl_eu_prob prob,
                            double global_d, double *row)
{
    size_t n = t->n, lt = 0, le = 0;
    for (size_t r = 0; r < n; r++) {
        size_t j = t->sorted[r].index;
        double mid = 0.5 * (x[i] + x[j]);
        while (lt < n && t->sorted[lt].position < mid)
            lt++;
        while (le < n && t->sorted[le].position <= mid)
            le++;
        row[j] = fabs(x[i] - x[j]) <= SAME_POSITION
                     ? 0.5
                     : table_probability(t, x, i, j, lt, le, prob, global_d);
    }
}

int pl_eu_probability_matrix(size_t n, const double *x, const double *w, const double *rho,
                             double range, pl_eu_prob prob, double *p)
{
    vote_table t;
    if (table_alloc(&t, n) != PL_OK)
        return PL_ERR_NOMEM;
    table_fill(&t, x, w, rho, range);
    double global_d = 0.0;
    if (prob == PL_EU_PROB_GLOBAL)
        for (size_t k = 0; k < n; k++)
            global_d += w[k] * voter_spread(&t, k);
    for (size_t i = 0; i < n; i++)
        probability_row(&t, x, i, prob, global_d, p + i * n);
    table_free(&t);
    return PL_OK;
}
