/*
 * parley/smp.h - KTAB's spatial model of politics (smp), reproduced exactly.
 *
 * The model of KAPSARC's Toolkit for Behavioral Analysis (KTAB, MIT licence)
 * as its `smpc` runs it with default settings, described in
 * docs/specs/ktab-smp.md ("the spec"): each round every actor challenges
 * the actor it gains most from challenging, proposes an interpolated bargain,
 * and then moves to the winner of a probabilistic Condorcet election among
 * the status quo and the bargains it is party to; it stops when movement
 * becomes small. parley follows the spec's operation order (section 11), so
 * positions match KTAB's bit for bit on the validated inputs.
 *
 * Scales: an issue on [low, high] maps to KTAB's internal [0, 1] by
 * (x - low) / (high - low) and back (KTAB files: issues on [0, 100], so
 * exactly KTAB's X / 100). Saliences are used as the scenario holds them
 * (KTAB files: value / 100, summing to at most 1 per actor). An actor whose
 * saliences sum above 1 (possible in native scenarios, where each salience
 * lies in [0, 1] on its own) has them divided by their sum, so that they
 * share one unit of attention as KTAB requires; `n_normalised` counts them.
 *
 * Requirements (PL_ERR_UNSUPPORTED or PL_ERR_INVALID with a diagnostic
 * otherwise): 3 to 250 actors, continuous issues only, every actor with a
 * stance on every issue, no per-issue capabilities, every capability > 0,
 * every actor with some salience, positions not all equal, and KTAB model
 * parameters (scenario->ktab) that parley implements (see pl_smp_run).
 */
#ifndef PARLEY_SMP_H
#define PARLEY_SMP_H

#include <stddef.h>

#include "parley/export.h"
#include "parley/models.h"
#include "parley/progress.h"
#include "parley/scenario.h"
#include "parley/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Version of pl_smp_options this header describes. */
#define PL_SMP_OPTIONS_VERSION 1

/** How to run the model. Set with PL_SMP_OPTIONS_INIT or pl_smp_options_init(), then change
 * fields or use _set. */
typedef struct pl_smp_options {
    unsigned version; /**< PL_SMP_OPTIONS_VERSION */
    int threads;    /**< threads to use, >= 1 (default 1); results do not depend on it */
    int max_rounds; /**< most rounds performed, >= 2 (default 100, KTAB's) */
    /**
     * Progress (parley/progress.h; default {NULL, NULL}: no reports): called
     * from the calling thread after each round with round / max_rounds, and
     * with 1 when the run stops. Return nonzero to cancel; the call then
     * returns PL_ERR_CANCELLED (diag "smp: cancelled") and frees everything.
     * Results do not depend on whether a function is set.
     */
    pl_progress progress;
} pl_smp_options;

/** KTAB's defaults, as pl_smp_options_init() sets them. */
#define PL_SMP_OPTIONS_INIT {PL_SMP_OPTIONS_VERSION, 1, 100, {NULL, NULL}}

/** KTAB's defaults: 1 thread, at most 100 rounds, no progress. `options` may not be NULL. */
PL_API void pl_smp_options_init(pl_smp_options *options);

/**
 * Set one option from text: "threads" (1..256) or "max-rounds" (2..100000;
 * "max_rounds" also accepted). Unknown name or bad value: PL_ERR_INVALID
 * with a diagnostic naming the valid options or range.
 */
PL_API int pl_smp_options_set(pl_smp_options *options, const char *name, const char *value,
                              pl_diag *diag);

/**
 * What a run produced. States are numbered 0 (the input) to T (where the
 * run stopped); T rounds lie between them. Positions are on each issue's own
 * scale. "Unique positions" group actors whose positions lie within 1e-3 of
 * each other on the internal scale (the spec's section 10); the state's
 * distribution is the probabilistic Condorcet election among them.
 */
typedef struct pl_smp_result {
    pl_trace trace;            /**< states 1..T (trace.n_rounds = T); forecast = weighted mean */
    double *forecast;          /**< n_issues: the final distribution's probability-weighted mean */
    double *most_probable;     /**< n_issues: the final state's most probable position */
    double most_probable_probability;
    /**
     * (T + 1) x n_actors, row t = state t (row 0 = the input): the win
     * probability of the unique position actor a holds in state t (KTAB's
     * "History of actors' winning probabilities": the last representative
     * within 1e-3). Rows sum above 1 when positions are shared.
     */
    double *win_probability;
    /** (T + 1) x n_actors: the risk attitude R of each actor in each state (in [-1/2, 1]). */
    double *risk;
    size_t n_unique;           /**< distinct positions of the final state */
    size_t *unique_actor;      /**< n_unique: the actor whose position represents each */
    double *unique_probability; /**< n_unique: their probabilities (sum 1) */
    size_t n_normalised;       /**< actors whose saliences summed above 1 and were normalised */
} pl_smp_result;

/**
 * Run the model on `scenario` (read-only; may be shared by threads) with
 * `options` (NULL: defaults) and store a new result in *out (free it with
 * pl_smp_result_free). KTAB model parameters in scenario->ktab: each must be
 * absent or KTAB's default (VictoryProbModel=Linear, PCEModel=Conditional,
 * StateTransitions=Deterministic, VotingRule=Proportional,
 * BigRAdjust=OneThird, BigRRange=Mid, ThirdPartyCommit=SemiCommit,
 * InterVecBrgn=S2P2, BargnModel=InitOnlyInterp); any other value is refused
 * with PL_ERR_UNSUPPORTED naming it. Ideal-adjustment pairs are honoured
 * (the spec's section 8: KTAB's matrix is the identity with each pair's
 * entry set). Degenerate states (all win probabilities equal) give
 * PL_ERR_INVALID. Complexity O(T (N^3 + N^2 D)) time, O(N^2 + T N D) memory.
 */
PL_API int pl_smp_run(const pl_scenario *scenario, const pl_smp_options *options,
                      pl_smp_result **out, pl_diag *diag);

/** Free a result and everything it owns; NULL does nothing. */
PL_API void pl_smp_result_free(pl_smp_result *result);

#ifdef __cplusplus
}
#endif

#endif
