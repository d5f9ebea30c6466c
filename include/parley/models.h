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

#include "parley/scenario.h"
#include "parley/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The models parley knows; later models extend this list. */
typedef enum pl_model {
    PL_MODEL_COMPROMISE = 0, /**< sum(c s x) / sum(c s) (Achen 2006) */
    PL_MODEL_MEDIAN = 1      /**< c*s-weighted median (Black 1958) */
} pl_model;

/** Number of models in pl_model. */
#define PL_MODEL_COUNT 2

/** "compromise", "median". */
const char *pl_model_name(pl_model model);

/** The model named `name`; PL_ERR_NOT_FOUND if none. */
int pl_model_from_name(const char *name, pl_model *out);

/**
 * The compromise model: per continuous issue the capability-times-salience
 * weighted mean of the actors' positions, sum(c s x) / sum(c s) (Achen 2006;
 * DESIGN.md). On an options issue, the option with the highest c*s-weighted
 * total value (the first such option on ties). Fills `forecast` (n_issues).
 * PL_ERR_INVALID (with diag) when an issue has no weight at all.
 * O(actors x issues).
 */
int pl_predict_compromise(const pl_scenario *scenario, double *forecast, pl_diag *diag);

/**
 * The weighted median: per continuous issue, the smallest position at which
 * the cumulative c*s weight of the actors at or below it reaches half the
 * total (Black 1958; DESIGN.md). On an ordered options issue whose options
 * all have positions, the same on the option positions; on any other options
 * issue, as the compromise model. O(actors log actors x issues).
 */
int pl_predict_median(const pl_scenario *scenario, double *forecast, pl_diag *diag);

/** Run `model`; see the functions above. */
int pl_predict(const pl_scenario *scenario, pl_model model, double *forecast, pl_diag *diag);

#ifdef __cplusplus
}
#endif

#endif
