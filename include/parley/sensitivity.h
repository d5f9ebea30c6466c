/*
 * parley/sensitivity.h - variance-based (Sobol) sensitivity indices.
 *
 * A model output Y = f(X_1, ..., X_k) of independent input factors (a factor
 * may be a group of inputs, such as one of a scenario's uncertainty groups).
 * The first-order index S_i = V[E(Y | X_i)] / V(Y) is the share of the output's
 * variance that factor i explains alone; the total index ST_i =
 * E[V(Y | X_~i)] / V(Y) the share it has a part in, interactions included
 * (Sobol 1993; Saltelli et al., Global Sensitivity Analysis: The Primer,
 * Wiley 2008, ch. 4).
 *
 * Both are estimated from the radial design of Saltelli (2002): two
 * independent N x k sample matrices A and B, and for each factor i the matrix
 * A_B^i, A with factor i's columns taken from B; the model runs N (k + 2)
 * times. The caller evaluates the model (any way it likes: threads, MPI) and
 * passes the outputs here:
 *   V   = the variance of the 2N outputs f(A) and f(B) (divisor 2N);
 *   S_i = (1/N) sum_j (f(B)_j - m) (f(A_B^i)_j - f(A)_j) / V, m the mean of
 *         the 2N outputs (Saltelli et al. 2010, Computer Physics Communications
 *         181:259-270, Table 2 (b), with f centred as Sobol' 2001 advises: the
 *         same expectation, an error that does not grow with the mean);
 *   ST_i = (1/2N) sum_j (f(A)_j - f(A_B^i)_j)^2 / V
 *         (Jansen 1999, Computer Physics Communications 117:35-43;
 *          Saltelli et al. 2010, Table 2 (f)).
 * Intervals: the percentile bootstrap over the N rows (Efron and Tibshirani
 * 1993, ch. 13), rows drawn with Philox keyed by the seed, so they are
 * reproducible.
 */
#ifndef PARLEY_SENSITIVITY_H
#define PARLEY_SENSITIVITY_H

#include <stddef.h>
#include <stdint.h>

#include "parley/export.h"
#include "parley/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Version of pl_sobol_options this header describes. */
#define PL_SOBOL_OPTIONS_VERSION 1

/** Initialise with PL_SOBOL_OPTIONS_INIT or pl_sobol_options_init(). */
typedef struct pl_sobol_options {
    unsigned version;  /**< PL_SOBOL_OPTIONS_VERSION */
    size_t bootstrap;  /**< bootstrap resamples for the intervals (default 1000; 0: none) */
    uint64_t seed;     /**< Philox key of the resampling (default 1) */
    double confidence; /**< interval coverage in (0, 1) (default 0.95) */
} pl_sobol_options;

#define PL_SOBOL_OPTIONS_INIT {PL_SOBOL_OPTIONS_VERSION, 1000, 1, 0.95}

PL_API void pl_sobol_options_init(pl_sobol_options *options);

/** The indices of one factor. */
typedef struct pl_sobol_index {
    double first_order;              /**< S_i */
    double total;                    /**< ST_i */
    double first_order_low, first_order_high; /**< bootstrap interval (NaN without bootstrap) */
    double total_low, total_high;
} pl_sobol_index;

/**
 * The first-order and total indices of `k` factors from N = `n` rows of the
 * radial design: f_a[j] = f(A_j), f_b[j] = f(B_j), f_ab[i * n + j] =
 * f((A_B^i)_j). Fills out[0..k-1]. When the outputs do not vary (V = 0) every
 * index is NaN: no variance to apportion. `options` may be NULL (defaults).
 *
 * Errors: PL_ERR_ARGUMENT (a NULL array, n < 2, k = 0, a bad options version
 * or confidence, a non-finite output: diag names it), PL_ERR_NOMEM.
 * Time O(k n (1 + bootstrap)); memory O(n + bootstrap).
 */
PL_API int pl_sobol_indices(size_t n, size_t k, const double *f_a, const double *f_b,
                            const double *f_ab, const pl_sobol_options *options,
                            pl_sobol_index *out, pl_diag *diag);

#ifdef __cplusplus
}
#endif

#endif
