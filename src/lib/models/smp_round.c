/*
 * smp_round.c - one round of the smp model (§6-7 of
 * docs/specs/ktab-smp.md): every actor picks a target and proposes a
 * bargain, then every actor resolves its queue of bargains by election.
 *
 * Only the work that decides positions is done: challenger i needs h = i's
 * estimates E(i, i, i, j) for every j, an O(n) loop each, so O(n^3) per round
 * without ever storing an n x n x n array (A^i is computed on the fly from
 * the distances and r_in). KTAB's all-observers estimates, made only for its
 * logs, are skipped (§12).
 */
#include "models/smp_internal.h"

/* Scratch rows of challenger i: r_in, A^i_ni, A^i_nn and the third-party terms. */
typedef struct challenger {
    double *r, *a_ni, *a_nn, *v;
} challenger;

static challenger challenger_rows(const smp_work *w, size_t i)
{
    size_t n = w->n;
    double *base = w->scratch + i * 4 * n;
    challenger ch = {base, base + n, base + 2 * n, base + 3 * n};
    return ch;
}

/*
 * §5 step 5 for all third parties n of E(i, i, i, j): the vote v_n, computed
 * for every n in a loop without dependences (so the compiler may vectorise
 * it); v_i and v_j are zeroed, which leaves the sums untouched.
 */
static void third_parties(const smp_work *w, const challenger *ch, size_t i, size_t j,
                          double g_plus, double g_minus)
{
    size_t n = w->n;
    const double *delta_j = w->delta_t + j * n, *omega = w->omega;
    /* Selects between values already computed (no arithmetic under a condition),
     * so that the compiler can turn them into blends and vectorise the loop. */
    for (size_t m = 0; m < n; m++) {
        double dj = delta_j[m], r = ch->r[m], dr = dj * r;
        double a_nj = (1.0 - dj) * (1.0 + (dj <= 1.0 ? dr : r)); /* §3.2 */
        double a_ni = ch->a_ni[m], a_nn = ch->a_nn[m];
        double g = omega[m] * (a_ni - a_nj);
        double ga = g_plus + g, gb = g_minus - g;
        double av = g > 0 ? ga : g_plus;
        double bv = g < 0 ? gb : g_minus;
        double rho = av / (av + bv), rho1 = 1.0 - rho;
        double x = rho * ((a_ni + a_ni) + a_nn) + rho1 * ((a_nj + a_nj) + a_nj);
        double y = rho * ((a_ni + a_ni) + a_ni) + rho1 * ((a_nj + a_nj) + a_nn);
        ch->v[m] = omega[m] * (x - y);
    }
    ch->v[i] = 0.0;
    ch->v[j] = 0.0;
}

/* §5 step 3: a positive gamma joins chi+, a negative one chi-. */
static void add_signed(double v, double *plus, double *minus)
{
    if (v > 0)
        *plus += v;
    else if (v < 0)
        *minus -= v;
}

/* §5 with h = k = i: E(i, i, i, j) -> (phi, gain). */
static void evaluate(const smp_work *w, const challenger *ch, size_t i, size_t j, double *phi,
                     double *gain)
{
    size_t n = w->n;
    double r_ii = ch->r[i];
    double a_ii = ch->a_ni[i], a_ij = smp_utility(w->delta[i * n + j], r_ii);
    double a_ji = ch->a_ni[j], a_jj = ch->a_nn[j];
    double e_sq = a_ii + a_ij, u_v = a_ii + a_ii, u_l = a_ij + a_ij;
    double plus = SMP_CHALLENGE_FLOOR, minus = SMP_CHALLENGE_FLOOR;
    add_signed(w->omega[i] * (a_ii - a_ij), &plus, &minus);
    add_signed(w->omega[j] * (a_ji - a_jj), &plus, &minus);
    third_parties(w, ch, i, j, plus, minus);
    /* Adding +0.0 to, or subtracting it from, a positive sum changes nothing. */
    for (size_t m = 0; m < n; m++) {
        double v = ch->v[m];
        plus += v > 0 ? v : 0.0;
        minus -= v < 0 ? v : 0.0;
    }
    double f = plus / (plus + minus), f1 = minus / (plus + minus);
    double e_c = f * u_v + f1 * u_l;
    double e_ch = (1.0 - w->S[j]) * u_v + w->S[j] * e_c;
    *phi = f;
    *gain = e_ch - e_sq;
}

void smp_choose_target(const smp_work *w, size_t i, size_t *target, double *p)
{
    size_t n = w->n;
    challenger ch = challenger_rows(w, i);
    for (size_t m = 0; m < n; m++) {
        ch.r[m] = smp_perceived_risk(w->R[i], w->R[m]);
        ch.a_ni[m] = smp_utility(w->delta[m * n + i], ch.r[m]);
        ch.a_nn[m] = smp_utility(w->delta[m * n + m], ch.r[m]);
    }
    /* §6.1: first maximal gain above 1e-5, the running best starting at -1. */
    double best = -1.0;
    *target = SMP_NO_TARGET;
    *p = 0.0;
    for (size_t j = 0; j < n; j++) {
        if (j == i)
            continue;
        double phi, gain;
        evaluate(w, &ch, i, j, &phi, &gain);
        if (gain > SMP_GAIN_MIN && gain > best) {
            best = gain;
            *target = j;
            *p = phi;
        }
    }
}

/* §6 for challenger i: target and S2P2 bargain (§6.2). */
static void propose_task(size_t i, void *payload)
{
    smp_work *w = payload;
    size_t d = w->d, j;
    smp_choose_target(w, i, &j, &w->phi[i]);
    w->target[i] = j;
    if (j != SMP_NO_TARGET)
        smp_bargain(w->s + i * d, w->s + j * d, w->x + i * d, w->x + j * d, w->phi[i], d,
                    w->b_init + i * d, w->b_recv + i * d);
}

/* §3.4: V_n(z) = U(delta_n(y_n, z), R_n), with R_n itself. */
static double true_utility(const smp_work *w, size_t v, const double *z)
{
    size_t d = w->d;
    return smp_utility(smp_distance(w->s + v * d, w->den[v], w->y + v * d, z, d), w->R[v]);
}

/* §7.2 for voter v: every proposal's utility and the status quo's (column n). */
static void vote_task(size_t v, void *payload)
{
    smp_work *w = payload;
    size_t n = w->n, d = w->d;
    const double *own = w->W + v * n;
    double *row = w->vote + v * (n + 1), total = 0.0;
    for (size_t m = 0; m < n; m++)
        total += own[m];
    row[n] = total / (double)n;
    for (size_t i = 0; i < n; i++) {
        size_t j = w->target[i];
        if (j == SMP_NO_TARGET)
            continue;
        double u = 0.0;
        u += true_utility(w, v, w->b_init + i * d);
        u += true_utility(w, v, w->b_recv + i * d);
        for (size_t m = 0; m < n; m++)
            if (m != i && m != j)
                u += own[m];
        row[i] = u / (double)n;
    }
}

/* §7.1: Q_k = [status quo, proposals with k as initiator or receiver by initiator]. */
static void build_queues(smp_work *w)
{
    size_t n = w->n, at = 0;
    for (size_t k = 0; k < n; k++) {
        w->queue_start[k] = at;
        w->queue[at++] = n;
        for (size_t i = 0; i < n; i++)
            if (w->target[i] != SMP_NO_TARGET && (i == k || w->target[i] == k))
                w->queue[at++] = i;
    }
    w->queue_start[n] = at;
}

/* §7.3 for actor k: elect among its queue and move to its side of the winner. */
static void resolve_task(size_t k, void *payload)
{
    smp_work *w = payload;
    size_t n = w->n, d = w->d, start = w->queue_start[k];
    size_t m = w->queue_start[k + 1] - start;
    const size_t *cols = w->queue + start;
    double *p = w->queue_p + start;
    smp_pce_list(w->vote, n + 1, cols, m, w->c, n, p);
    size_t best = 0;
    for (size_t a = 1; a < m; a++)
        if (p[a] > p[best])
            best = a;
    const double *to = w->x + k * d;
    size_t i = cols[best];
    if (i == k)
        to = w->b_init + i * d;
    else if (i != n)
        to = w->b_recv + i * d;
    for (size_t e = 0; e < d; e++)
        w->x_next[k * d + e] = to[e];
}

void smp_propose(smp_work *w)
{
    pl_pool_for(w->pool, w->n, propose_task, w);
}

void smp_resolve(smp_work *w)
{
    pl_pool_for(w->pool, w->n, vote_task, w);
    build_queues(w);
    pl_pool_for(w->pool, w->n, resolve_task, w);
}

void smp_round(smp_work *w)
{
    smp_propose(w);
    smp_resolve(w);
}
