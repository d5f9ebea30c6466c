/* quantile.c - order statistics shared by the Monte Carlo summaries and the backtest. */
#include <math.h>

#include "core/internal.h"

int pli_compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Hyndman, R. J. and Fan, Y. (1996), "Sample quantiles in statistical packages",
 * The American Statistician 50(4), 361-365: definition 7, h = (n - 1) p. */
double pli_quantile_sorted(const double *x, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t k = (size_t)floor(h);
    if (k + 1 >= n)
        return x[n - 1];
    return x[k] + (h - (double)k) * (x[k + 1] - x[k]);
}
