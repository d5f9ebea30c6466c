/*
 * lp.h - a small dense linear-programming solver; not installed. The package
 * problems of the zone of agreement built on it are in zone/zone.h.
 *
 * The solver maximises c'x subject to rows a'x (<=, >=, =) b and x >= 0 by the
 * two-phase tableau simplex method with Bland's smallest-index rule, which
 * cannot cycle (Bland 1977, "New finite pivoting rules for the simplex
 * method", Math. Oper. Res. 2(2)). Dense: O(rows x columns) memory, each pivot
 * O(rows x columns) time; parley's problems have tens to a few hundred rows.
 * Arithmetic is IEEE double with the tolerance PL_LP_EPSILON on pivots and on
 * phase-1 feasibility; docs/agreement.md says what this means for exactness.
 */
#ifndef PARLEY_LP_H
#define PARLEY_LP_H

#include <stddef.h>

#include "core/internal.h"

/** Pivot and feasibility tolerance of the solver. */
#define PL_LP_EPSILON 1e-9

/** Outcomes of pli_lp_solve() besides the pl_status errors (which are negative). */
enum { PL_LP_OPTIMAL = 0, PL_LP_INFEASIBLE = 1, PL_LP_UNBOUNDED = 2 };

/** Row senses. */
typedef enum pl_lp_sense { PL_LP_LE = 0, PL_LP_GE = 1, PL_LP_EQ = 2 } pl_lp_sense;

typedef struct pl_lp pl_lp;

/** A problem in `n_vars` variables, all >= 0, objective 0, no rows. */
int pli_lp_new(size_t n_vars, pl_lp **out);
void pli_lp_free(pl_lp *lp);

/**
 * Enter by Dantzig's rule (most negative reduced cost) instead of Bland's,
 * falling back to Bland's after a run of degenerate pivots: fewer pivots, but
 * among tied optima another vertex may come out. Off by default.
 */
void pli_lp_set_dantzig(pl_lp *lp, int on);

/**
 * Count every pivot's work (the tableau cells it reads or updates) on `meter` (NULL:
 * none); when the meter's callback asks to stop, the solve returns
 * PL_ERR_CANCELLED at the next pivot.
 */
void pli_lp_set_meter(pl_lp *lp, pli_meter *meter);

/** Objective coefficient of variable j (the problem maximises). */
void pli_lp_set_objective(pl_lp *lp, size_t j, double coefficient);

/** Append the row sum_k value[k] x_index[k] (sense) rhs; repeated indices add up. */
int pli_lp_add_row(pl_lp *lp, size_t n, const size_t *index, const double *value,
                   pl_lp_sense sense, double rhs);

/**
 * Solve. On PL_LP_OPTIMAL writes the n_vars values to `x` and the objective
 * to `*value` (either may be NULL). Returns PL_LP_INFEASIBLE, PL_LP_UNBOUNDED,
 * PL_ERR_NOMEM, PL_ERR_LIMIT after 100000 pivots, or PL_ERR_CANCELLED (pli_lp_set_meter).
 */
int pli_lp_solve(pl_lp *lp, double *x, double *value);

#endif
