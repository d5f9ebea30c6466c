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
 * Run `model` with its default options and fill `forecast` (n_issues) with
 * its final forecast: the functions above for compromise and median,
 * pl_eu_run(), pl_exchange_run() and pl_smp_run() (the probability-weighted
 * mean) for the others. The dynamic models' own headers give their rounds and
 * options; this call is for comparing models (backtesting).
 */
PL_API int pl_predict(const pl_scenario *scenario, pl_model model, double *forecast, pl_diag *diag);

#ifdef __cplusplus
}
#endif

#endif
