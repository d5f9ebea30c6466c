/*
 * smp_state.c - the per-state quantities of the smp model (§3 of
 * docs/specs/ktab-smp.md: distances, risk attitudes, perceived
 * utilities) and the state's distribution over unique positions (§10).
 */
#include <math.h>

#include "models/smp_internal.h"

/* §3.1 row i: delta_ij = delta_i(y_i, x_j); the risk-neutral utilities u0 (§3.3 step 1). */
static void distance_row(size_t i, void *payload)
{
    smp_work *w = payload;
    size_t n = w->n, d = w->d;
    for (size_t j = 0; j < n; j++) {
        double delta = smp_distance(w->s + i * d, w->den[i], w->y + i * d, w->x + j * d, d);
        w->delta[i * n + j] = delta;
        w->table[i * n + j] = smp_utility(delta, 0.0);
    }
}

static void transpose_row(size_t j, void *payload)
{
    smp_work *w = payload;
    size_t n = w->n;
    for (size_t i = 0; i < n; i++)
        w->delta_t[j * n + i] = w->delta[i * n + j];
}

/* W_nm = A^n_nm = U(delta_nm, r_nn): each voter's own utilities (§3.4, §7.2). */
static void own_utility_row(size_t m, void *payload)
{
    smp_work *w = payload;
    size_t n = w->n;
    double r = smp_perceived_risk(w->R[m], w->R[m]);
    for (size_t j = 0; j < n; j++)
        w->W[m * n + j] = smp_utility(w->delta[m * n + j], r);
}

/*
 * §3.3: KTAB aborts when ||u0 - U(delta, R)|| <= 1e-6 or, for some h,
 * ||A^h - U(delta, R)|| <= 1e-6 (Frobenius). The sums only grow, so the scan
 * stops as soon as the norm exceeds the threshold: O(n) per matrix unless
 * the state is (nearly) degenerate.
 */
static int near_risk_matrix(const smp_work *w, int observer, size_t h)
{
    size_t n = w->n;
    double limit = SMP_DEGENERATE * SMP_DEGENERATE, sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        double r = observer ? smp_perceived_risk(w->R[h], w->R[i]) : 0.0;
        for (size_t j = 0; j < n; j++) {
            double delta = w->delta[i * n + j];
            double diff = smp_utility(delta, r) - smp_utility(delta, w->R[i]);
            sum += diff * diff;
            if (sum > limit)
                return 0;
        }
    }
    return sqrt(sum) <= SMP_DEGENERATE;
}

static int check_degenerate(const smp_work *w, pl_diag *diag)
{
    int bad = near_risk_matrix(w, 0, 0);
    for (size_t h = 0; !bad && h < w->n; h++)
        bad = near_risk_matrix(w, 1, h);
    if (bad)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                           "smp: degenerate state: the utilities do not depend on the risk "
                           "attitudes (KTAB aborts here)");
    return PL_OK;
}

/*
 * §10: actor i joins the first representative within 1e-3, else becomes one;
 * then (all representatives known) each actor reports its last representative
 * within 1e-3, which for a representative is itself.
 */
static void find_representatives(smp_work *w, size_t *last)
{
    size_t n = w->n, d = w->d;
    w->n_rep = 0;
    for (size_t i = 0; i < n; i++) {
        size_t r = 0;
        while (r < w->n_rep && !(smp_euclid(w->x + i * d, w->x + w->rep[r] * d, d) <
                                 SMP_SAME_POSITION))
            r++;
        if (r == w->n_rep)
            w->rep[w->n_rep++] = i;
    }
    for (size_t i = 0; i < n; i++) {
        last[i] = 0;
        for (size_t r = 0; r < w->n_rep; r++)
            if (smp_euclid(w->x + i * d, w->x + w->rep[r] * d, d) < SMP_SAME_POSITION)
                last[i] = r;
    }
}

/* §10: P^t = PCE(representatives; c; u_nm = A^n_{n, u_m}). */
static void distribution(smp_work *w)
{
    size_t n = w->n, m, *last = w->queue; /* the queue is free between rounds */
    find_representatives(w, last);
    m = w->n_rep;
    for (size_t v = 0; v < n; v++)
        for (size_t r = 0; r < m; r++)
            w->table[v * m + r] = w->W[v * n + w->rep[r]];
    smp_pce_all(w->pool, w->table, m, w->c, n, w->ca, w->cb, w->q, w->rep_prob);
    for (size_t i = 0; i < n; i++)
        w->actor_prob[i] = w->rep_prob[last[i]];
}

int smp_state_compute(smp_work *w, pl_diag *diag)
{
    size_t n = w->n;
    pl_pool_for(w->pool, n, distance_row, w);
    pl_pool_for(w->pool, n, transpose_row, w);
    /* §3.3 step 2: the election among the n positions, duplicates included. */
    smp_pce_all(w->pool, w->table, n, w->c, n, w->ca, w->cb, w->q, w->prob);
    if (smp_risk(w->prob, n, w->R) != PL_OK)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                           "smp: degenerate state: every position is equally likely to win, "
                           "so risk attitudes are undefined (KTAB divides by zero here)");
    int rc = check_degenerate(w, diag);
    if (rc != PL_OK)
        return rc;
    pl_pool_for(w->pool, n, own_utility_row, w);
    distribution(w);
    return PL_OK;
}

void smp_state_forecast(const smp_work *w, double *mean, size_t *best)
{
    size_t d = w->d, top = 0;
    for (size_t k = 0; k < d; k++) {
        double sum = 0.0;
        for (size_t r = 0; r < w->n_rep; r++)
            sum += w->rep_prob[r] * w->x[w->rep[r] * d + k];
        mean[k] = sum;
    }
    for (size_t r = 1; r < w->n_rep; r++)
        if (w->rep_prob[r] > w->rep_prob[top])
            top = r;
    *best = top;
}
