/*
 * sobol_indices.c - first-order and total Sobol indices from the outputs of
 * Saltelli's radial design, with percentile-bootstrap intervals
 * (parley/sensitivity.h gives the estimators and their sources).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <Random123/philox.h>

#include "core/internal.h"
#include "parley/sensitivity.h"

void pl_sobol_options_init(pl_sobol_options *options)
{
    const pl_sobol_options defaults = PL_SOBOL_OPTIONS_INIT;
    *options = defaults;
}

/* Row j of bootstrap replicate b: uniform on [0, n), from Philox keyed by the seed. */
static size_t resampled_row(uint64_t seed, uint64_t b, uint64_t j, size_t n)
{
    philox4x32_key_t key = {{(uint32_t)seed, (uint32_t)(seed >> 32)}};
    philox4x32_ctr_t counter = {{(uint32_t)b, (uint32_t)(b >> 32), (uint32_t)j,
                                 (uint32_t)(j >> 32)}};
    philox4x32_ctr_t r = philox4x32(counter, key);
    uint64_t bits = ((uint64_t)r.v[0] << 32 | r.v[1]) >> 11;
    size_t row = (size_t)((double)bits * 0x1.0p-53 * (double)n);
    return row < n ? row : n - 1;
}

/*
 * The indices over the rows rows[0..n-1] (NULL: 0..n-1): the estimators of the
 * header, with the variance of f(A) and f(B) together (two passes: the mean,
 * then the squared deviations). The first-order sum takes f(B) less the mean:
 * the same expectation (E[f(A_B^i) - f(A)] = 0), but an error that does not
 * grow with the output's mean (Sobol' 2001, Mathematics and Computers in
 * Simulation 55:271-280, section 4: subtract f0).
 */
static void estimate(size_t n, size_t k, const double *f_a, const double *f_b, const double *f_ab,
                     const size_t *rows, double *first, double *total)
{
    double sum = 0;
    for (size_t m = 0; m < n; m++) {
        size_t j = rows ? rows[m] : m;
        sum += f_a[j] + f_b[j];
    }
    double mean = sum / (2.0 * (double)n), v = 0;
    for (size_t m = 0; m < n; m++) {
        size_t j = rows ? rows[m] : m;
        v += (f_a[j] - mean) * (f_a[j] - mean) + (f_b[j] - mean) * (f_b[j] - mean);
    }
    v /= 2.0 * (double)n;
    for (size_t i = 0; i < k; i++) {
        const double *f_i = f_ab + i * n;
        double s = 0, t = 0;
        for (size_t m = 0; m < n; m++) {
            size_t j = rows ? rows[m] : m;
            s += (f_b[j] - mean) * (f_i[j] - f_a[j]);
            t += (f_a[j] - f_i[j]) * (f_a[j] - f_i[j]);
        }
        first[i] = v > 0 ? s / (double)n / v : NAN;
        total[i] = v > 0 ? t / (2.0 * (double)n) / v : NAN;
    }
}

static int check(size_t n, size_t k, const double *f_a, const double *f_b, const double *f_ab,
                 const pl_sobol_options *o, pl_diag *diag)
{
    if (f_a == NULL || f_b == NULL || f_ab == NULL || n < 2 || k == 0)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0,
                           "pl_sobol_indices: needs n >= 2 rows, k >= 1 factors and the outputs");
    if (o->version != PL_SOBOL_OPTIONS_VERSION)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0,
                           "pl_sobol_indices: options version %u, this library knows %u",
                           o->version, PL_SOBOL_OPTIONS_VERSION);
    if (!(o->confidence > 0 && o->confidence < 1))
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0,
                           "pl_sobol_indices: confidence must lie in (0, 1)");
    for (size_t j = 0; j < n * (k + 2); j++) {
        double y = j < n ? f_a[j] : j < 2 * n ? f_b[j - n] : f_ab[j - 2 * n];
        if (!isfinite(y))
            return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0,
                               "pl_sobol_indices: output %zu of %s is not finite", j % n,
                               j < n ? "f_a" : j < 2 * n ? "f_b" : "f_ab");
    }
    return PL_OK;
}

/* Percentile intervals of the B replicates of each factor (type 7 quantiles). */
static void intervals(size_t k, size_t b_count, double confidence, double *replicates,
                      double *low, double *high)
{
    for (size_t i = 0; i < k; i++) {
        double *x = replicates + i * b_count;
        size_t m = 0;
        for (size_t b = 0; b < b_count; b++)
            if (!isnan(x[b]))
                x[m++] = x[b];
        qsort(x, m, sizeof *x, pli_compare_doubles);
        low[i] = m ? pli_quantile_sorted(x, m, (1 - confidence) / 2) : NAN;
        high[i] = m ? pli_quantile_sorted(x, m, (1 + confidence) / 2) : NAN;
    }
}

int pl_sobol_indices(size_t n, size_t k, const double *f_a, const double *f_b, const double *f_ab,
                     const pl_sobol_options *options, pl_sobol_index *out, pl_diag *diag)
{
    pl_sobol_options o = PL_SOBOL_OPTIONS_INIT;
    if (options != NULL)
        o = *options;
    int rc = out == NULL ? pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "pl_sobol_indices: no out")
                         : check(n, k, f_a, f_b, f_ab, &o, diag);
    if (rc != PL_OK)
        return rc;
    size_t nb = o.bootstrap;
    double *first = pli_calloc(2 * k * nb + 8 * k, sizeof *first);
    size_t *rows = pli_calloc(n, sizeof *rows);
    if (first == NULL || rows == NULL) {
        pli_free(first);
        pli_free(rows);
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    }
    /* first[0..k) and total the point estimates; then k x nb replicates of each. */
    double *total = first + k, *rep_first = total + k, *rep_total = rep_first + k * nb;
    double *row_first = rep_total + k * nb, *row_total = row_first + k;
    double *bounds = row_total + k; /* 4k: first low/high, total low/high */
    estimate(n, k, f_a, f_b, f_ab, NULL, first, total);
    for (size_t b = 0; b < nb; b++) {
        for (size_t j = 0; j < n; j++)
            rows[j] = resampled_row(o.seed, b, j, n);
        estimate(n, k, f_a, f_b, f_ab, rows, row_first, row_total);
        for (size_t i = 0; i < k; i++) {
            rep_first[i * nb + b] = row_first[i];
            rep_total[i * nb + b] = row_total[i];
        }
    }
    if (nb > 0) {
        intervals(k, nb, o.confidence, rep_first, bounds, bounds + k);
        intervals(k, nb, o.confidence, rep_total, bounds + 2 * k, bounds + 3 * k);
    }
    for (size_t i = 0; i < k; i++)
        out[i] = (pl_sobol_index){first[i], total[i],
                                  nb ? bounds[i] : NAN, nb ? bounds[k + i] : NAN,
                                  nb ? bounds[2 * k + i] : NAN, nb ? bounds[3 * k + i] : NAN};
    pli_free(first);
    pli_free(rows);
    return PL_OK;
}
