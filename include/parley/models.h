/*
 * parley/models.h - forecasting models.
 *
 * A forecast is an array of n_issues doubles laid out as a package (position
 * on a continuous issue, option index on an options issue). Only actors with
 * a stance on an issue take part in its forecast; each weighs capability on
 * the issue times salience (c * s), as in the field's weighted models.
 */
#ifndef PARLEY_MODELS_H
#define PARLEY_MODELS_H

#include <stddef.h>

#include "parley/export.h"
#include "parley/scenario.h"
#include "parley/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The models parley knows; later models extend this list. */
typedef enum pl_model {
    PL_MODEL_COMPROMISE = 0, /**< sum(c s x) / sum(c s) (Achen 2006) */
    PL_MODEL_MEDIAN = 1,     /**< c*s-weighted median (Black 1958) */
    PL_MODEL_EU = 2,         /**< Bueno de Mesquita's expected utility (parley/eu.h) */
    PL_MODEL_EXCHANGE = 3,   /**< Stokman and Van Oosten's exchange (parley/exchange.h) */
    PL_MODEL_SMP = 4         /**< KTAB's spatial model of politics (parley/smp.h) */
} pl_model;

/** Number of models in pl_model. */
#define PL_MODEL_COUNT 5

/** Nonzero for the models that run in rounds (eu, exchange, smp). */
PL_API int pl_model_is_dynamic(pl_model model);

/** "compromise", "median", "eu", "exchange", "smp". */
PL_API const char *pl_model_name(pl_model model);

/** The model named `name`; PL_ERR_NOT_FOUND if none. */
PL_API int pl_model_from_name(const char *name, pl_model *out);

/**
 * The compromise model: per continuous issue the capability-times-salience
 * weighted mean of the actors' positions, sum(c s x) / sum(c s) (Achen 2006;
 * docs/design.md). On an options issue, the option with the highest c*s-weighted
 * total value (the first such option on ties). Fills `forecast` (n_issues).
 * PL_ERR_INVALID (with diag) when an issue has no weight at all.
 * O(actors x issues).
 */
PL_API int pl_predict_compromise(const pl_scenario *scenario, double *forecast, pl_diag *diag);

/**
 * The weighted median: per continuous issue, the smallest position at which
 * the cumulative c*s weight of the actors at or below it reaches half the
 * total (Black 1958; docs/design.md). On an ordered options issue whose options
 * all have positions, the same on the option positions; on any other options
 * issue, as the compromise model. O(actors log actors x issues).
 */
PL_API int pl_predict_median(const pl_scenario *scenario, double *forecast, pl_diag *diag);

/**
 * The round-by-round trace of a dynamic model (eu, exchange, smp), as the
 * contract's "rounds" report it: one entry per round performed, the input
 * state not included (entry 0 is the state after round 1). Positions are on
 * each issue's own scale.
 */
typedef struct pl_trace {
    size_t n_actors, n_issues;
    size_t n_rounds;
    size_t capacity;     /**< rounds allocated */
    double *positions;   /**< [(round * n_actors + actor) * n_issues + issue] */
    double *forecast;    /**< [round * n_issues + issue]: the model's forecast after the round */
    double *mean;        /**< [round * n_issues + issue]: c*s-weighted mean of the positions */
} pl_trace;

/** Make an empty trace for `n_actors` x `n_issues`; free its arrays with pl_trace_clear(). */
PL_API int pl_trace_init(pl_trace *trace, size_t n_actors, size_t n_issues);

/**
 * Append one round: `positions` (n_actors x n_issues, row-major by actor),
 * `forecast` and `mean` (n_issues each) are copied. Amortised O(actors x issues).
 */
PL_API int pl_trace_append(pl_trace *trace, const double *positions, const double *forecast,
                           const double *mean);

/** Free the trace's arrays and zero it; the struct itself belongs to the caller. */
PL_API void pl_trace_clear(pl_trace *trace);

/**
 * The capability-times-salience weighted mean of `positions` (n_actors x
 * n_issues, row-major by actor) on `issue`, over the actors with a stance on
 * it, with each stance's capability and salience (the contract's "mean").
 * NaN when no actor has weight on the issue.
 */
PL_API double pl_weighted_mean(const pl_scenario *scenario, size_t issue, const double *positions);

/**
 * Why a model leaves out an issue: the stable reasons pl_model_skip_reason()
 * returns (docs/models.md). A model runs on the issues it can handle and
 * reports null, with one of these, for the others.
 */
#define PL_SKIP_OPTIONS "options issue"                /**< exchange, smp: not on a scale */
#define PL_SKIP_UNORDERED_OPTIONS "unordered options"  /**< eu: options in no order */
#define PL_SKIP_UNPLACED_OPTIONS "options without positions" /**< eu: ordered, not placed */
#define PL_SKIP_MISSING_STANCE "missing stance"        /**< smp: an actor without a stance */
#define PL_SKIP_ISSUE_CAPABILITY "per-issue capability" /**< smp: a stance's own capability */
#define PL_SKIP_ZERO_WEIGHT "zero salience or capability" /**< exchange with zero=reject (X6) */
#define PL_SKIP_NO_WEIGHT "no weight"                  /**< no actor has c*s > 0 on it */
#define PL_SKIP_NO_RANGE "no range"                    /**< dynamic models: low == high */

/** Flags of pl_model_skip_reason(): the options that change what a model handles. */
#define PL_SKIP_FLAG_ZERO_EXCLUDE 1u /**< the exchange model with zero=exclude */

/**
 * NULL when `model` can forecast `issue` of `scenario`, else one of the
 * PL_SKIP_* reasons (a static string). `flags`: PL_SKIP_FLAG_* for the
 * model's options (0 for the defaults). O(actors).
 */
PL_API const char *pl_model_skip_reason(const pl_scenario *scenario, pl_model model,
                                        unsigned flags, size_t issue);

/**
 * The scenario cut down (pl_scenario_restrict(), every actor, KTAB settings,
 * id and format kept) to the issues `model` can handle, in order, for running
 * the model on them. `*out` is NULL when the model handles every issue (run
 * it on `scenario` itself). PL_ERR_UNSUPPORTED (with diag naming the first
 * issue and its reason) when it handles none. O(actors x issues).
 */
PL_API int pl_model_scenario(const pl_scenario *scenario, pl_model model, unsigned flags,
                             pl_scenario **out, pl_diag *diag);

/**
 * Spread `part` (one value per issue `model` handles, as pl_model_scenario()
 * kept them) over `full` (n_issues of `scenario`), NaN on the issues left
 * out. `part` and `full` must not overlap.
 */
PL_API void pl_model_spread(const pl_scenario *scenario, pl_model model, unsigned flags,
                            const double *part, double *full);

/**
 * Run `model` with its default options and fill `forecast` (n_issues) with
 * its final forecast: the functions above for compromise and median,
 * pl_eu_run(), pl_exchange_run() and pl_smp_run() (the probability-weighted
 * mean) for the others, each on the issues it can handle (pl_model_scenario();
 * NaN on the others). The dynamic models' own headers give their rounds and
 * options; this call is for comparing models (backtesting).
 */
PL_API int pl_predict(const pl_scenario *scenario, pl_model model, double *forecast, pl_diag *diag);

#ifdef __cplusplus
}
#endif

#endif
