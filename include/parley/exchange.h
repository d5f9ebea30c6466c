/*
 * parley/exchange.h - Stokman and Van Oosten's equal-gain exchange model
 * (Stokman & Van Oosten 1994), as Decide implements it
 * (docs/specs/exchange.md; docs/model-exchange.md).
 *
 * Two actors who sit on opposite sides of the outcome on two issues, and who
 * weight those issues differently, trade: each moves its voting position on
 * the issue it cares less about towards the partner, sized so that both gain
 * the same expected utility. Exchanges are realised greedily, largest gain
 * first; at the end of a round the actors partly adopt their voting positions
 * as their new preferences, and the next round starts.
 *
 * Every issue runs internally on 0-100 ((x - low) * 100 / (high - low)); all
 * positions and outcomes reported here are mapped back to the issue's own
 * scale. Gains are in the model's own utility units (salience times outcome
 * shift on the 0-100 scale). Capability on an issue is
 * pl_scenario_capability_on() (Decide's per-issue power); an actor without a
 * stance on an issue takes no part in it.
 *
 * Ownership: the options belong to the caller; a result made by
 * pl_exchange_run() belongs to the caller, who frees it with
 * pl_exchange_result_free(). The model never prints, keeps no state between
 * calls and uses no hidden randomness: with the default options a run is
 * fully deterministic, and with ties = random it depends only on the seed.
 */
#ifndef PARLEY_EXCHANGE_H
#define PARLEY_EXCHANGE_H

#include <stddef.h>
#include <stdint.h>

#include "parley/export.h"
#include "parley/models.h"
#include "parley/progress.h"
#include "parley/scenario.h"
#include "parley/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Decide's default number of rounds (its CLI's --iterations; spec section 7). */
#define PL_EXCHANGE_DEFAULT_ROUNDS 10
/** Most rounds pl_exchange_options_set() accepts for "rounds". */
#define PL_EXCHANGE_MAX_ROUNDS 100000

/** X1: how exchanges whose gains tie are ordered. */
typedef enum pl_exchange_ties {
    PL_EXCHANGE_TIES_ORDER = 0,  /**< keep list order (a stable sort): the default */
    PL_EXCHANGE_TIES_RANDOM = 1  /**< draw one of the tied exchanges, seeded by `seed` */
} pl_exchange_ties;

/** X2: the outcome cap when the outcome already sits on the demander's ideal. */
typedef enum pl_exchange_cap {
    PL_EXCHANGE_CAP_PASS = 0,  /**< within the tolerance counts as not between: no cap */
    PL_EXCHANGE_CAP_BLOCK = 1  /**< within the tolerance counts as between: cap at the ideal */
} pl_exchange_cap;

/** X4: how a repeated entry of a candidate's outcome table is merged. */
typedef enum pl_exchange_merge {
    PL_EXCHANGE_MERGE_SMALLER = 0, /**< keep the smaller displacement (Decide) */
    PL_EXCHANGE_MERGE_LATEST = 1   /**< the latest position wins */
} pl_exchange_merge;

/** X6: zero salience or zero capability on an issue where the actor has a stance. */
typedef enum pl_exchange_zero {
    PL_EXCHANGE_ZERO_REJECT = 0,  /**< refuse the scenario (PL_ERR_INVALID) */
    PL_EXCHANGE_ZERO_EXCLUDE = 1  /**< such an actor never supplies that issue */
} pl_exchange_zero;

/** Version of pl_exchange_options this header describes. */
#define PL_EXCHANGE_OPTIONS_VERSION 2

/**
 * Default limit on the candidate exchanges of a round: pairs of actors times
 * ordered pairs of issues, n (n - 1) / 2 x m (m - 1). A round's greedy
 * selection re-scores candidates after each exchange, so its time grows with
 * the square of their number (measured, docs/robustness.md: 1e5 candidates
 * 3 s, 4e5 50 s for 10 rounds); the default keeps a run under about 20 s.
 */
#define PL_EXCHANGE_DEFAULT_MAX_CANDIDATES 250000

/**
 * Options of the exchange model: the rounds and the spec's decisions X1-X9
 * (docs/specs/exchange.md section 9). Fill with PL_EXCHANGE_OPTIONS_INIT or
 * pl_exchange_options_init() first;
 * the defaults reproduce the spec's golden numbers.
 */
typedef struct pl_exchange_options {
    unsigned version;          /**< PL_EXCHANGE_OPTIONS_VERSION */
    int rounds;                /**< rounds to run, >= 0 (10; section 7) */
    pl_exchange_ties ties;     /**< X1: PL_EXCHANGE_TIES_ORDER */
    uint64_t seed;             /**< X1 random: Philox key, with (round, draw) as counter (0) */
    double tie_resolution;     /**< X1: gains equal after rounding to this multiple tie (1e-9) */
    pl_exchange_cap cap;       /**< X2: PL_EXCHANGE_CAP_PASS */
    double cap_tolerance;      /**< X2: the knife edge, 1e-9 */
    int history_sum;           /**< X3: nonzero applies the sum(history) > 100 test (1) */
    pl_exchange_merge merge;   /**< X4: PL_EXCHANGE_MERGE_SMALLER */
    int left_inclusive;        /**< X5: nonzero: an actor on the outcome counts as left (1) */
    pl_exchange_zero zero;     /**< X6: PL_EXCHANGE_ZERO_REJECT */
    double fixed_weight;       /**< X9: preference adoption, fixed part (0.1) */
    double salience_weight;    /**< X9: preference adoption, times (1 - salience) (0.4) */
    /** Most candidate exchanges a round may hold, checked before anything runs. */
    size_t max_candidates;
    /** Progress after each round (parley/progress.h); nonzero cancels (PL_ERR_CANCELLED). */
    pl_progress progress;
} pl_exchange_options;

/** The defaults (section 9), as pl_exchange_options_init() sets them. */
#define PL_EXCHANGE_OPTIONS_INIT                                                            \
    {PL_EXCHANGE_OPTIONS_VERSION, PL_EXCHANGE_DEFAULT_ROUNDS, PL_EXCHANGE_TIES_ORDER, 0,        \
     PL_TOLERANCE, PL_EXCHANGE_CAP_PASS, PL_TOLERANCE, 1, PL_EXCHANGE_MERGE_SMALLER, 1,          \
     PL_EXCHANGE_ZERO_REJECT, 0.1, 0.4, PL_EXCHANGE_DEFAULT_MAX_CANDIDATES, {NULL, NULL}}

/** Set every option to its default (the spec's defaults, section 9). O(1). */
PL_API void pl_exchange_options_init(pl_exchange_options *options);

/**
 * Set one option from text, as the CLI's `--option NAME=VALUE` gives it.
 * Names and values:
 *   rounds=N                     0 to PL_EXCHANGE_MAX_ROUNDS (10)
 *   ties=order|random            X1 (order)
 *   seed=N                       X1, an unsigned 64-bit integer (0)
 *   tie_resolution=X             X1, > 0 (1e-9)
 *   cap=pass|block               X2 (pass)
 *   cap_tolerance=X              X2, >= 0 (1e-9)
 *   history_sum=on|off           X3 (on)
 *   merge=smaller|latest         X4 (smaller)
 *   left=le|lt                   X5 (le: an actor on the outcome is left)
 *   zero=reject|exclude          X6 (reject)
 *   fixed_weight=X               X9, in [0, 1] (0.1)
 *   salience_weight=X            X9, in [0, 1] (0.4)
 *   max_candidates=N             >= 1 (PL_EXCHANGE_DEFAULT_MAX_CANDIDATES)
 * An unknown name or a bad value returns PL_ERR_INVALID and leaves a message
 * in `diag` (may be NULL) that lists the valid names or values; `options` is
 * then unchanged. O(1).
 */
PL_API int pl_exchange_options_set(pl_exchange_options *options, const char *name,
                                   const char *value,
                                   pl_diag *diag);

/** One realised exchange: actor `actors[k]` moves on issue `supplies[k]`. */
typedef struct pl_realised_exchange {
    size_t round;          /**< 0-based round it was realised in */
    size_t actors[2];      /**< [0] the candidate's first actor, [1] its partner (section 3) */
    size_t supplies[2];    /**< the issue each actor supplies (moves on) */
    double from[2];        /**< each actor's voting position on its issue before, issue scale */
    double to[2];          /**< ... and after the exchange */
    double gain;           /**< the equal gain of both actors (model utility units) */
} pl_realised_exchange;

/**
 * The result of a run. With R = trace.n_rounds rounds performed:
 * - trace.positions: the actors' VOTING positions after each round's
 *   exchanges (section 7 step 3, section 8), issue scale; NaN where the actor
 *   has no stance. Voting positions are what the actors announce; they differ
 *   from the preferences (below), which only partly follow them.
 * - trace.forecast: the voting outcome of each round, the capability-times-
 *   salience weighted mean of those voting positions (section 2).
 * - trace.mean: pl_weighted_mean() of trace.positions (equal to trace.forecast
 *   up to rounding).
 */
typedef struct pl_exchange_result {
    pl_trace trace;
    double *forecast;            /**< n_issues: the last round's voting outcome (R = 0: start) */
    double *start_outcome;       /**< n_issues: the outcome of the input positions */
    double *preferences;         /**< R x n_actors x n_issues: preferences after each round,
                                      i.e. the positions the next round starts from; NaN where
                                      no stance */
    double *preference_outcome;  /**< R x n_issues: the outcome of those preferences (the
                                      "preference outcome" at the start of the next round) */
    size_t *round_count;         /**< R: realised exchanges per round */
    size_t *round_first;         /**< R: index in `exchanges` of each round's first exchange */
    size_t n_exchanges;
    pl_realised_exchange *exchanges; /**< every round's, in realisation order */
} pl_exchange_result;

/** Free a result and all it owns; NULL does nothing. */
PL_API void pl_exchange_result_free(pl_exchange_result *result);

/**
 * Run the exchange model on a scenario for options->rounds rounds
 * (`options` NULL: the defaults). On success *out is a new result.
 * Errors (with diag): PL_ERR_UNSUPPORTED for an options issue;
 * PL_ERR_INVALID for zero salience or capability on an issue where the
 * actor has a stance (X6 = reject), or an issue with low >= high, or bad
 * options; PL_ERR_NOMEM. On error *out is NULL.
 * Complexity per round: O(I^2 N^2) candidates for I issues and N actors,
 * and, per realised exchange, a pass over the remaining candidates.
 */
PL_API int pl_exchange_run(const pl_scenario *scenario, const pl_exchange_options *options,
                           pl_exchange_result **out, pl_diag *diag);

#ifdef __cplusplus
}
#endif

#endif
