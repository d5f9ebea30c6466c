/*
 * smp_pce.c - the probabilistic Condorcet election (§4 of
 * docs/specs/ktab-smp.md): proportional voting, linear victory law,
 * conditional PCE.
 *
 * For a pair of options the two coalitions C_ab and C_ba are sums over the
 * voters in order; computing the pair as (a, b) or as (b, a) gives the same
 * two sums bit for bit, because c (u_a - u_b) = -(c (u_b - u_a)) exactly and
 * adding v is subtracting -v. So pi_ab may be computed in either orientation.
 */
#include "models/smp_internal.h"

/* §4 steps 1-2 for one ordered pair: pi_ab = C_ab / (C_ab + C_ba). */
double smp_pce_pi(const double *table, size_t ld, const double *c, size_t n, size_t a, size_t b)
{
    if (a == b)
        return 0.5;
    double cab = SMP_ELECTION_FLOOR, cba = SMP_ELECTION_FLOOR;
    for (size_t k = 0; k < n; k++) {
        double v = c[k] * (table[k * ld + a] - table[k * ld + b]);
        if (v > 0)
            cab += v;
        else if (v < 0)
            cba -= v;
    }
    return cab / (cab + cba);
}

/* §4 step 3 from the q_a: Q in order, P_a = q_a / Q. */
static void normalise(const double *q, size_t m, double *p)
{
    double total = 0.0;
    for (size_t a = 0; a < m; a++)
        total += q[a];
    for (size_t a = 0; a < m; a++)
        p[a] = q[a] / total;
}

void smp_pce_list(const double *table, size_t ld, const size_t *cols, size_t m, const double *c,
                  size_t n, double *p)
{
    /* p holds the q_a first, then is normalised in place. */
    for (size_t a = 0; a < m; a++) {
        double q = 1.0;
        for (size_t b = 0; b < m; b++)
            q *= a == b ? 0.5 : smp_pce_pi(table, ld, c, n, cols[a], cols[b]);
        p[a] = q;
    }
    normalise(p, m, p);
}

typedef struct pce_job {
    const double *table;
    size_t m, n;
    const double *c;
    double *ca, *cb, *q;
} pce_job;

/*
 * Row a of the pair accumulators: C_ab (ca) and C_ba (cb) for every b < a,
 * voters outermost so that each (a, b) still adds its terms in voter order
 * while the inner loop over b runs on contiguous memory. Adding +0.0 to a
 * positive sum leaves it unchanged, so the branch-free form is exact.
 */
static void pair_row(size_t a, void *payload)
{
    const pce_job *job = payload;
    double *ca = job->ca + a * job->m, *cb = job->cb + a * job->m;
    for (size_t b = 0; b < a; b++) {
        ca[b] = SMP_ELECTION_FLOOR;
        cb[b] = SMP_ELECTION_FLOOR;
    }
    for (size_t k = 0; k < job->n; k++) {
        const double *u = job->table + k * job->m;
        double uka = u[a], ck = job->c[k];
        for (size_t b = 0; b < a; b++) {
            double v = ck * (uka - u[b]);
            ca[b] += v > 0 ? v : 0.0;
            cb[b] -= v < 0 ? v : 0.0;
        }
    }
}

/* q_a = prod_b pi_ab in order, pi_ab read from row a (b < a) or row b (b > a). */
static void product_row(size_t a, void *payload)
{
    const pce_job *job = payload;
    size_t m = job->m;
    double q = 1.0;
    for (size_t b = 0; b < m; b++) {
        double pi;
        if (b < a) {
            double cab = job->ca[a * m + b], cba = job->cb[a * m + b];
            pi = cab / (cab + cba);
        } else if (b > a) {
            double cba = job->ca[b * m + a], cab = job->cb[b * m + a];
            pi = cab / (cba + cab);
        } else {
            pi = 0.5;
        }
        q *= pi;
    }
    job->q[a] = q;
}

void smp_pce_all(pl_pool *pool, const double *table, size_t m, const double *c, size_t n,
                 double *ca, double *cb, double *q, double *p)
{
    pce_job job = {table, m, n, c, ca, cb, q};
    pl_pool_for(pool, m, pair_row, &job);
    pl_pool_for(pool, m, product_row, &job);
    normalise(q, m, p);
}
