/*
 * nash.c - the master problem of the Nash package's simplicial decomposition
 * (lp.h, agreement_solve.c): the Nash point of the convex hull of q points
 * of gains,
 *
 *     maximise F(mu) = sum_a log(s_a),  s = sum_j mu_j P_j,  mu >= 0, sum mu = 1,
 *
 * a concave program in q weights (the log-optimal portfolio of Cover 1984,
 * "An algorithm for maximizing expected log investment return", IEEE Trans.
 * Inf. Theory 30(2)). Solved by an active-set Newton method (Nocedal and
 * Wright, "Numerical Optimization", 2006, chapter 16.5): Newton steps on the
 * face of the simplex of the points in use, a ratio test that drops a point
 * whose weight reaches zero, and the KKT test that adds the point whose
 * gradient sum_a P_ja / s_a most exceeds m (at an optimum every point in use
 * has exactly m, every other at most m: sum_j mu_j grad_j = m always).
 */
#include <math.h>
#include <string.h>

#include "core/internal.h"
#include "zone/zone.h"

#define MAX_STEPS 500

typedef struct master {
    size_t m, q;
    const double *p; /* q x m */
    double *mu, *s, *grad, *h, *step, *trial;
    size_t *in; /* the points in use, in[0] the base */
    size_t n_in;
} master;

static void gains(const master *ms, const double *mu, double *s)
{
    for (size_t a = 0; a < ms->m; a++)
        s[a] = 0;
    for (size_t j = 0; j < ms->q; j++)
        for (size_t a = 0; mu[j] != 0 && a < ms->m; a++)
            s[a] += mu[j] * ms->p[j * ms->m + a];
}

static double objective(const master *ms, const double *s)
{
    double f = 0;
    for (size_t a = 0; a < ms->m; a++)
        f += s[a] > 0 ? log(s[a]) : -INFINITY;
    return f;
}

/* grad_j = sum_a P_ja / s_a for every point. */
static void gradient(master *ms)
{
    for (size_t j = 0; j < ms->q; j++) {
        double g = 0;
        for (size_t a = 0; a < ms->m; a++)
            g += ms->p[j * ms->m + a] / ms->s[a];
        ms->grad[j] = g;
    }
}

/*
 * Solve the n x n system h x = b in place (b becomes x) by Gaussian
 * elimination with partial pivoting; h is symmetric positive semidefinite
 * plus a ridge, so every pivot is positive.
 */
static void solve_system(double *h, double *b, size_t n)
{
    for (size_t c = 0; c < n; c++) {
        size_t piv = c;
        for (size_t r = c + 1; r < n; r++)
            if (fabs(h[r * n + c]) > fabs(h[piv * n + c]))
                piv = r;
        if (piv != c) {
            for (size_t k = 0; k < n; k++) {
                double t = h[c * n + k];
                h[c * n + k] = h[piv * n + k];
                h[piv * n + k] = t;
            }
            double t = b[c];
            b[c] = b[piv];
            b[piv] = t;
        }
        double d = h[c * n + c];
        for (size_t r = c + 1; r < n && d != 0; r++) {
            double f = h[r * n + c] / d;
            for (size_t k = c; k < n; k++)
                h[r * n + k] -= f * h[c * n + k];
            b[r] -= f * b[c];
        }
    }
    for (size_t c = n; c-- > 0;) {
        double v = b[c];
        for (size_t k = c + 1; k < n; k++)
            v -= h[c * n + k] * b[k];
        b[c] = h[c * n + c] != 0 ? v / h[c * n + c] : 0;
    }
}

/*
 * The Newton direction on the face: variables mu_j for the points in use but
 * the base, mu_base = 1 - their sum, so the directions are D_j = P_j - P_base.
 * Maximising the quadratic model: (D' S^-2 D + ridge) x = D' S^-1 1. The ridge
 * (1e-13 of the diagonal's largest entry) keeps dependent points solvable;
 * it only shortens the step along directions that change no gain.
 */
static void newton_direction(master *ms)
{
    size_t n = ms->n_in - 1, m = ms->m, base = ms->in[0];
    double top = 0;
    for (size_t r = 0; r < n; r++) {
        const double *pr = &ms->p[ms->in[r + 1] * m], *pb = &ms->p[base * m];
        double b = 0;
        for (size_t a = 0; a < m; a++)
            b += (pr[a] - pb[a]) / ms->s[a];
        ms->step[r] = b;
        for (size_t c = 0; c <= r; c++) {
            const double *pc = &ms->p[ms->in[c + 1] * m];
            double v = 0;
            for (size_t a = 0; a < m; a++)
                v += (pr[a] - pb[a]) * (pc[a] - pb[a]) / (ms->s[a] * ms->s[a]);
            ms->h[r * n + c] = ms->h[c * n + r] = v;
        }
        top = fmax(top, ms->h[r * n + r]);
    }
    for (size_t r = 0; r < n; r++)
        ms->h[r * n + r] += 1e-13 * top;
    solve_system(ms->h, ms->step, n);
}

/*
 * One Newton step with the ratio test and backtracking; returns 1 when the
 * step changed nothing (converged on this face), 0 otherwise.
 */
static int newton_step(master *ms)
{
    size_t n = ms->n_in - 1;
    newton_direction(ms);
    double sum = 0, alpha = 1, size = 0;
    size_t blocking = (size_t)-1;
    for (size_t r = 0; r <= n; r++) {
        double d = r == 0 ? 0 : ms->step[r - 1];
        if (r > 0)
            sum += d;
        size = fmax(size, fabs(d));
    }
    for (size_t r = 0; r <= n; r++) {
        double d = r == 0 ? -sum : ms->step[r - 1];
        double w = ms->mu[ms->in[r]];
        if (d < 0 && w + alpha * d < 0) {
            alpha = w / -d;
            blocking = r;
        }
    }
    if (blocking != (size_t)-1 && size * alpha <= 1e-16) {
        ms->mu[ms->in[blocking]] = 0;
        return 0;
    }
    /* Newton converges quadratically: a step of 1e-12 in the weights leaves
     * the next one at rounding level; take it and call the face done. */
    int last = blocking == (size_t)-1 && size <= 1e-12;
    double f0 = objective(ms, ms->s);
    for (int tries = 0; tries < 60; tries++) {
        memcpy(ms->trial, ms->mu, ms->q * sizeof *ms->trial);
        for (size_t r = 0; r <= n; r++)
            ms->trial[ms->in[r]] += alpha * (r == 0 ? -sum : ms->step[r - 1]);
        if (blocking != (size_t)-1 && tries == 0)
            ms->trial[ms->in[blocking]] = 0;
        for (size_t r = 0; r <= n; r++)
            ms->trial[ms->in[r]] = fmax(0.0, ms->trial[ms->in[r]]);
        double *s = ms->trial + ms->q;
        gains(ms, ms->trial, s);
        if (objective(ms, s) >= f0) {
            memcpy(ms->mu, ms->trial, ms->q * sizeof *ms->mu);
            memcpy(ms->s, s, ms->m * sizeof *ms->s);
            return last;
        }
        if (last)
            return 1;
        alpha /= 2;
        blocking = (size_t)-1;
    }
    return 1; /* no ascent along the direction at all: as good as rounding allows */
}

/*
 * A direction v over the points in use (v_base = -sum of the others) with
 * sum_j v_j P_j = 0, when they are affinely dependent: Gaussian elimination
 * with partial pivoting on the m x n matrix D_j = P_j - P_base (in ms->h), a
 * free column set to 1, back substitution (in ms->step). Returns 0 when the
 * points are independent (every column has a pivot above 1e-11 of the
 * largest entry).
 */
static int dependency(master *ms)
{
    size_t n = ms->n_in - 1, m = ms->m, base = ms->in[0], rank = 0, free_col = (size_t)-1;
    double *d = ms->h, top = 0;
    size_t *pivot_col = (size_t *)ms->trial; /* n entries; trial is rebuilt before use */
    for (size_t a = 0; a < m; a++)
        for (size_t c = 0; c < n; c++) {
            d[a * n + c] = ms->p[ms->in[c + 1] * m + a] - ms->p[base * m + a];
            top = fmax(top, fabs(d[a * n + c]));
        }
    for (size_t c = 0; c < n && free_col == (size_t)-1; c++) {
        size_t piv = rank;
        for (size_t a = rank + 1; a < m; a++)
            if (fabs(d[a * n + c]) > fabs(d[piv * n + c]))
                piv = a;
        if (rank == m || fabs(d[piv * n + c]) <= 1e-11 * top) {
            free_col = c;
            break;
        }
        for (size_t k = 0; k < n; k++) {
            double t = d[rank * n + k];
            d[rank * n + k] = d[piv * n + k];
            d[piv * n + k] = t;
        }
        for (size_t a = rank + 1; a < m; a++) {
            double f = d[a * n + c] / d[rank * n + c];
            for (size_t k = c; k < n; k++)
                d[a * n + k] -= f * d[rank * n + k];
        }
        pivot_col[rank++] = c;
    }
    if (free_col == (size_t)-1)
        return 0;
    for (size_t c = 0; c < n; c++)
        ms->step[c] = c == free_col;
    for (size_t r = rank; r-- > 0;) {
        double v = 0;
        for (size_t k = pivot_col[r] + 1; k < n; k++)
            v += d[r * n + k] * ms->step[k];
        ms->step[pivot_col[r]] = -v / d[r * n + pivot_col[r]];
    }
    return 1;
}

/* The points in use (weight > 0); base the heaviest, for a well-scaled system. */
static void collect(master *ms)
{
    ms->n_in = 0;
    size_t heaviest = 0;
    for (size_t j = 0; j < ms->q; j++)
        if (ms->mu[j] > 0) {
            if (ms->mu[j] > ms->mu[heaviest] || ms->mu[heaviest] <= 0)
                heaviest = j;
            ms->in[ms->n_in++] = j;
        }
    for (size_t r = 0; r < ms->n_in; r++)
        if (ms->in[r] == heaviest) {
            ms->in[r] = ms->in[0];
            ms->in[0] = heaviest;
        }
}

/*
 * Caratheodory's reduction: while the points in use are affinely dependent,
 * move the weights along a dependency (the gains s do not change) until one
 * reaches zero.
 */
static void reduce(master *ms)
{
    while (ms->n_in > 1 && dependency(ms)) {
        size_t n = ms->n_in - 1, drop = 0;
        double sum = 0, t = INFINITY;
        for (size_t c = 0; c < n; c++)
            sum += ms->step[c];
        for (size_t r = 0; r <= n; r++) { /* the side where some weight falls */
            double v = r == 0 ? -sum : ms->step[r - 1];
            if (v < 0 && ms->mu[ms->in[r]] / -v < t) {
                t = ms->mu[ms->in[r]] / -v;
                drop = r;
            }
        }
        if (!isfinite(t)) { /* all v >= 0 with sum 0: v = 0, cannot happen; stop */
            return;
        }
        for (size_t r = 0; r <= n; r++)
            ms->mu[ms->in[r]] += t * (r == 0 ? -sum : ms->step[r - 1]);
        ms->mu[ms->in[drop]] = 0;
        collect(ms);
    }
}

/*
 * Bring in the point whose gradient most exceeds m: a step from mu towards it
 * (direction e_j - mu) raises F at rate grad_j - m > 0; the step is the exact
 * maximiser on that segment by bisection on the derivative. Returns 0 when no
 * point qualifies (mu is optimal to the tolerance).
 */
static int bring_in(master *ms)
{
    gradient(ms);
    double m = (double)ms->m, best = m * (1 + 1e-13);
    size_t j = (size_t)-1;
    for (size_t k = 0; k < ms->q; k++)
        if (ms->mu[k] == 0 && ms->grad[k] > best) {
            best = ms->grad[k];
            j = k;
        }
    if (j == (size_t)-1)
        return 0;
    double lo = 0, hi = 1;
    const double *pj = &ms->p[j * ms->m];
    for (int it = 0; it < 60; it++) { /* F'(t) = sum_a (P_ja - s_a) / (s_a + t (P_ja - s_a)) */
        double t = (lo + hi) / 2, d = 0;
        for (size_t a = 0; a < ms->m; a++)
            d += (pj[a] - ms->s[a]) / (ms->s[a] + t * (pj[a] - ms->s[a]));
        if (d > 0)
            lo = t;
        else
            hi = t;
    }
    double t = lo > 0 ? lo : 1e-9;
    for (size_t k = 0; k < ms->q; k++)
        ms->mu[k] *= 1 - t;
    ms->mu[j] += t;
    gains(ms, ms->mu, ms->s);
    return 1;
}

int pli_nash_master(size_t m, size_t q, const double *points, double *mu, double *s_out)
{
    master ms = {m, q, points, mu, NULL, NULL, NULL, NULL, NULL, NULL, 0};
    ms.s = pli_calloc(m + 1, sizeof *ms.s);
    ms.grad = pli_calloc(q + 1, sizeof *ms.grad);
    ms.h = pli_calloc(q * (q + m) + 1, sizeof *ms.h);
    ms.step = pli_calloc(q + 1, sizeof *ms.step);
    ms.trial = pli_calloc(q + m + 1, sizeof *ms.trial);
    ms.in = pli_calloc(q + 1, sizeof *ms.in);
    int rc = ms.s && ms.grad && ms.h && ms.step && ms.trial && ms.in ? PL_OK : PL_ERR_NOMEM;
    if (rc == PL_OK)
        gains(&ms, mu, ms.s);
    for (int k = 0; rc == PL_OK && k < MAX_STEPS; k++) {
        collect(&ms);
        reduce(&ms);
        if ((ms.n_in < 2 || newton_step(&ms)) && !bring_in(&ms))
            break;
    }
    if (rc == PL_OK)
        memcpy(s_out, ms.s, m * sizeof *s_out);
    pli_free(ms.s);
    pli_free(ms.grad);
    pli_free(ms.h);
    pli_free(ms.step);
    pli_free(ms.trial);
    pli_free(ms.in);
    return rc;
}

/*
 * The normal of the certificate (docs/agreement.md, "Accuracy, proven"): c,
 * the gradient lambda = 1/g of sum log g projected on the orthogonal
 * complement of the directions P_j - P_base of the points in use (modified
 * Gram-Schmidt, run twice for orthogonality to rounding; a direction left
 * below 1e-12 of its length is dependent and skipped), so that c P_j is the
 * same for every point in use; *rho = |lambda - c|_2.
 */
int pli_nash_normal(size_t m, size_t q, const double *points, const double *mu,
                   const double *g, double *c, double *rho)
{
    double *basis = pli_calloc(q * m + 1, sizeof *basis);
    if (basis == NULL)
        return PL_ERR_NOMEM;
    size_t base = (size_t)-1, n = 0;
    for (size_t j = 0; j < q; j++)
        if (mu[j] > 0 && (base == (size_t)-1 || mu[j] > mu[base]))
            base = j;
    for (size_t j = 0; base != (size_t)-1 && j < q; j++) {
        if (mu[j] <= 0 || j == base)
            continue;
        double *e = &basis[n * m], length = 0, left = 0;
        for (size_t a = 0; a < m; a++) {
            e[a] = points[j * m + a] - points[base * m + a];
            length += e[a] * e[a];
        }
        for (int pass = 0; pass < 2; pass++)
            for (size_t k = 0; k < n; k++) {
                double dot = 0;
                for (size_t a = 0; a < m; a++)
                    dot += basis[k * m + a] * e[a];
                for (size_t a = 0; a < m; a++)
                    e[a] -= dot * basis[k * m + a];
            }
        for (size_t a = 0; a < m; a++)
            left += e[a] * e[a];
        if (left <= 1e-24 * length || left == 0)
            continue;
        for (size_t a = 0; a < m; a++)
            e[a] /= sqrt(left);
        n++;
    }
    for (size_t a = 0; a < m; a++)
        c[a] = 1.0 / g[a];
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < n; k++) {
            double dot = 0;
            for (size_t a = 0; a < m; a++)
                dot += basis[k * m + a] * c[a];
            for (size_t a = 0; a < m; a++)
                c[a] -= dot * basis[k * m + a];
        }
    double r = 0;
    for (size_t a = 0; a < m; a++)
        r += (1.0 / g[a] - c[a]) * (1.0 / g[a] - c[a]);
    *rho = sqrt(r);
    pli_free(basis);
    return PL_OK;
}
