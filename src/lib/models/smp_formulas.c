/*
 * smp_formulas.c - the smp model's scalar formulas, each written in the exact
 * operation order of docs/specs/ktab-smp.md (§0: no fused multiply-add,
 * no reassociation; sums in index order from 0.0).
 */
#include <math.h>

#include "models/smp_internal.h"

/* §3.1: sqrt(Num / Den), Num = sum_d q_d q_d with q_d = (y_d - z_d) s_d. */
double smp_distance(const double *s, double den, const double *y, const double *z, size_t d)
{
    double num = 0.0;
    for (size_t k = 0; k < d; k++) {
        double q = (y[k] - z[k]) * s[k];
        num += q * q;
    }
    return sqrt(num / den);
}

/* §3.2: U = (1 - delta)(1 + delta R) for delta <= 1, else (1 - delta)(1 + R). */
double smp_utility(double delta, double r)
{
    if (delta <= 1.0)
        return (1.0 - delta) * (1.0 + delta * r);
    return (1.0 - delta) * (1.0 + r);
}

/* §3.4: observer h's estimate of i's risk attitude; literal even when h = i. */
double smp_perceived_risk(double r_h, double r_i)
{
    return ((2.0 * r_h) + r_i) / 3.0;
}

/* §3.3 step 3-4: R_i = (3 P_i - (P_max + 2 P_min)) / (2 (P_max - P_min)). */
int smp_risk(const double *p, size_t n, double *r)
{
    double lo = p[0], hi = p[0];
    for (size_t i = 1; i < n; i++) {
        if (p[i] < lo)
            lo = p[i];
        if (p[i] > hi)
            hi = p[i];
    }
    if (!(hi > lo))
        return PL_ERR_INVALID;
    double den = 2.0 * (hi - lo);
    for (size_t i = 0; i < n; i++)
        r[i] = (3.0 * p[i] - (hi + 2.0 * lo)) / den;
    return PL_OK;
}

/*
 * §6.2: KTAB squares with pow(z, 2.0), which on glibc differs from z * z in
 * the last bit for a few arguments. The exponent is read through a volatile
 * so that the compiler cannot fold the call into a multiplication.
 */
double smp_sq(double z)
{
    volatile double two = 2.0;
    return pow(z, two);
}

/* §6.2: r4(v) = trunc(v * 10000 + 0.5) / 10000, each step rounded to double. */
double smp_r4(double v)
{
    double scaled = v * 10000.0;
    scaled = scaled + 0.5;
    return trunc(scaled) / 10000.0;
}

/* §6.2: S2P2 interpolation, dimension by dimension. */
void smp_bargain(const double *si, const double *sj, const double *xi, const double *xj,
                 double p, size_t d, double *bi, double *bj)
{
    double pp = smp_sq(p), qq = smp_sq(1.0 - p);
    for (size_t k = 0; k < d; k++) {
        double wi = smp_sq(si[k]) * pp;
        double wj = smp_sq(sj[k]) * qq;
        double den = (wi + SMP_INTERP_FLOOR) + wj;
        double ni = (wi + SMP_INTERP_FLOOR) * xi[k];
        double nj = wj * xj[k];
        bi[k] = smp_r4((ni + nj) / den);
        ni = wi * xi[k];
        nj = (SMP_INTERP_FLOOR + wj) * xj[k];
        bj[k] = smp_r4((ni + nj) / den);
    }
}

/* §5 step 3 and 5: a positive value joins chi+, a negative one chi-. */
static void add_signed(double v, double *plus, double *minus)
{
    if (v > 0)
        *plus += v;
    else if (v < 0)
        *minus -= v;
}

/* §5: E(h, k, i, j) with A = A^h (n x n, row-major). The reference version. */
void smp_challenge(const double *a, size_t n, const double *omega, const double *S, size_t k,
                   size_t i, size_t j, double *phi, double *gain)
{
#define A(r, col) a[(r) * n + (col)]
    double e_sq = A(k, i) + A(k, j), u_v = A(k, i) + A(k, i), u_l = A(k, j) + A(k, j);
    double plus = SMP_CHALLENGE_FLOOR, minus = SMP_CHALLENGE_FLOOR;
    add_signed(omega[i] * (A(i, i) - A(i, j)), &plus, &minus);
    add_signed(omega[j] * (A(j, i) - A(j, j)), &plus, &minus);
    double g_plus = plus, g_minus = minus;
    for (size_t m = 0; m < n; m++) {
        if (m == i || m == j)
            continue;
        double g = omega[m] * (A(m, i) - A(m, j));
        double av = g > 0 ? g_plus + g : g_plus;
        double bv = g < 0 ? g_minus - g : g_minus;
        double rho = av / (av + bv), rho1 = 1.0 - rho;
        double x = rho * ((A(m, i) + A(m, i)) + A(m, m)) + rho1 * ((A(m, j) + A(m, j)) + A(m, j));
        double y = rho * ((A(m, i) + A(m, i)) + A(m, i)) + rho1 * ((A(m, j) + A(m, j)) + A(m, m));
        add_signed(omega[m] * (x - y), &plus, &minus);
    }
#undef A
    double f = plus / (plus + minus), f1 = minus / (plus + minus);
    double e_c = f * u_v + f1 * u_l;
    double e_ch = (1.0 - S[j]) * u_v + S[j] * e_c;
    *phi = f;
    *gain = e_ch - e_sq;
}

/* §9: sum over actors, in order, of each actor's unweighted Euclidean move. */
double smp_state_distance(const double *x, const double *x2, size_t n, size_t d)
{
    double total = 0.0;
    for (size_t i = 0; i < n; i++)
        total += smp_euclid(x + i * d, x2 + i * d, d);
    return total;
}

/* §9 step 4. */
int smp_should_stop(int tau, int max_rounds, double step, double first)
{
    if (tau >= max_rounds)
        return 1;
    return tau >= SMP_MIN_ROUNDS && step / (first + SMP_GUARD) < SMP_STOP_RATIO;
}

double smp_euclid(const double *x, const double *z, size_t d)
{
    double sum = 0.0;
    for (size_t k = 0; k < d; k++) {
        double diff = x[k] - z[k];
        sum += diff * diff;
    }
    return sqrt(sum);
}
