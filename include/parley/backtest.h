/*
 * parley/backtest.h - how well the models forecast outcomes that were observed.
 *
 * Given scenarios whose issues carry an observed outcome (pl_issue.has_outcome),
 * every model of pl_model and two trivial baselines forecast each such issue;
 * the error of a forecast is measured in points on a 0-100 scale,
 * |forecast - outcome| x 100 / (high - low). Per method: how many issues it
 * forecast, the mean and median absolute error, the share of issues within 5,
 * 10 and 20 points, and a paired bootstrap interval of its mean difference
 * from the compromise model. docs/backtest.md describes it for users.
 *
 * Methods, in this order: the models (pl_model order, all PL_MODEL_COUNT of
 * them), then the baselines "midpoint" (the middle of the issue's range) and
 * "reference" (the issue's reference point, where one is given). A model that
 * fails on a scenario (PL_ERR_UNSUPPORTED, PL_ERR_INVALID, ...) is "not
 * applicable" on that scenario's issues; only running out of memory is fatal.
 *
 * Reproducibility: the bootstrap draws come from the counter-based Philox4x32-10
 * generator (Salmon et al. 2011, Random123), keyed by the seed, with the
 * replicate number and the draw number as the counter, so that the same seed
 * gives the same intervals on any machine.
 */
#ifndef PARLEY_BACKTEST_H
#define PARLEY_BACKTEST_H

#include <stddef.h>
#include <stdint.h>

#include "parley/export.h"
#include "parley/models.h"
#include "parley/scenario.h"
#include "parley/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Bootstrap replicates by default, and the most a caller may ask for. */
#define PL_BACKTEST_DEFAULT_BOOTSTRAP 2000
#define PL_BACKTEST_MAX_BOOTSTRAP 1000000
/**
 * Fewer pairs than this make a bootstrap interval unreliable (the percentile
 * bootstrap undercovers on small samples; Efron and Tibshirani 1993, ch. 13):
 * reports warn below it.
 */
#define PL_BACKTEST_FEW_ISSUES 10
/** The seed used unless the caller sets one. */
#define PL_BACKTEST_DEFAULT_SEED 20250101u

/** How a scenario's issues are forecast. */
typedef enum pl_backtest_split {
    /** Issue by issue for scenarios read from DEU tables (format "deu"), jointly otherwise. */
    PL_BACKTEST_SPLIT_AUTO = 0,
    /** The whole scenario at once, as `parley predict` does. */
    PL_BACKTEST_SPLIT_JOINT = 1,
    /**
     * Each issue as a negotiation of its own: a one-issue copy with the actors
     * that have a stance on it (their capability, stance and red line there;
     * no uncertainty, shocks or KTAB settings). Suits tables such as DEU's,
     * where each row is a separate negotiation.
     */
    PL_BACKTEST_SPLIT_ISSUE = 2
} pl_backtest_split;

#define PL_BACKTEST_OPTIONS_VERSION 1

/** Settings of a backtest; start from PL_BACKTEST_OPTIONS_INIT. */
typedef struct pl_backtest_options {
    unsigned version;        /**< PL_BACKTEST_OPTIONS_VERSION */
    size_t bootstrap;        /**< replicates B; 0: no intervals */
    uint64_t seed;           /**< the Philox key */
    pl_backtest_split split;
} pl_backtest_options;

#define PL_BACKTEST_OPTIONS_INIT                                                                   \
    {                                                                                              \
        PL_BACKTEST_OPTIONS_VERSION, PL_BACKTEST_DEFAULT_BOOTSTRAP, PL_BACKTEST_DEFAULT_SEED,      \
            PL_BACKTEST_SPLIT_AUTO                                                                 \
    }

/** What a method is. */
typedef enum pl_backtest_kind {
    PL_BACKTEST_MODEL = 0,     /**< a model of pl_model */
    PL_BACKTEST_MIDPOINT = 1,  /**< the middle of the range (continuous issues only) */
    PL_BACKTEST_REFERENCE = 2  /**< the reference point, where given */
} pl_backtest_kind;

/** Number of "within" thresholds; pl_backtest_method.within[k] is for pl_backtest_within(k). */
#define PL_BACKTEST_WITHIN_COUNT 3

/** The k-th threshold in points: 5, 10, 20 (0 when k is out of range). */
PL_API double pl_backtest_within(size_t k);

/** A method's mean difference from the compromise model over the issues both forecast. */
typedef struct pl_backtest_difference {
    size_t n;          /**< issues both forecast; 0: no comparison */
    double mean;       /**< mean of (this method's error - compromise's error), points */
    int has_interval;  /**< nonzero when n > 0 and B > 0 */
    double low, high;  /**< 95% percentile bootstrap interval of `mean` */
} pl_backtest_difference;

/** The scores of one method. */
typedef struct pl_backtest_method {
    const char *name;       /**< the model's name, "midpoint" or "reference" (static) */
    pl_backtest_kind kind;
    pl_model model;         /**< for PL_BACKTEST_MODEL */
    size_t n;               /**< issues it forecast */
    size_t not_applicable;  /**< issues with an outcome it could not forecast */
    double mean_error;      /**< points; NaN when n == 0 */
    double median_error;    /**< points; NaN when n == 0 */
    double within[PL_BACKTEST_WITHIN_COUNT]; /**< shares in [0, 1]; NaN when n == 0 */
    pl_backtest_difference difference;       /**< n == 0 for the compromise model itself */
} pl_backtest_method;

/** An issue with an observed outcome. */
typedef struct pl_backtest_issue {
    size_t scenario;  /**< index into the scenarios given */
    size_t issue;     /**< index into that scenario's issues */
} pl_backtest_issue;

/** The result; free it with pl_backtest_free(). */
typedef struct pl_backtest {
    size_t n_issues;
    pl_backtest_issue *issues;
    size_t n_methods;
    pl_backtest_method *methods;
    /** [issue * n_methods + method]: the forecast (a position, or an option index); NaN: none. */
    double *forecasts;
    /** [issue * n_methods + method]: its error in points; NaN: not applicable. */
    double *errors;
    /**
     * [issue * n_methods + method]: why the error is NaN (a model's reason for
     * leaving out the issue, e.g. PL_SKIP_OPTIONS, or its failure message on
     * the whole scenario; "no reference point" ...); NULL where there is an
     * error. Owned by the backtest.
     */
    char **reasons;
    size_t bootstrap;
    uint64_t seed;
} pl_backtest;

/**
 * Backtest every method on the issues with an observed outcome of `scenarios`
 * (validated scenarios, as the readers give). `options` NULL: the defaults.
 * PL_ERR_INVALID (with diag) when no issue has an outcome; PL_ERR_ARGUMENT for
 * bad options. Complexity: the models' own cost per scenario (per issue when
 * split) plus O(methods x B x issues) for the bootstrap. A model that leaves
 * out an issue (pl_model_skip_reason()) still forecasts the scenario's others.
 */
PL_API int pl_backtest_run(const pl_scenario *const *scenarios, size_t n_scenarios,
                           const pl_backtest_options *options, pl_backtest **out, pl_diag *diag);

/** Free a backtest; NULL does nothing. */
PL_API void pl_backtest_free(pl_backtest *backtest);

/**
 * The error of `forecast` against `outcome` on `issue`, in points of a 0-100
 * scale: |forecast - outcome| x 100 / (high - low). On an options issue (both
 * option indices) the same with the options' positions when every option has
 * one, else 0 for the right option and 100 for a wrong one. NaN when the
 * forecast is not finite or not an option of the issue.
 */
PL_API double pl_backtest_error(const pl_issue *issue, double forecast, double outcome);

/**
 * Paired bootstrap: resample the n `differences` with replacement B times
 * (replicate b draws its indices from Philox4x32-10 with key `seed` and
 * counter (b, draw)), and give the 2.5th and 97.5th percentiles of the
 * replicate means (linear interpolation between order statistics, R's type 7;
 * with B = 1 both are the one replicate's mean). PL_ERR_ARGUMENT when n or B
 * is 0 or n >= 2^32; PL_ERR_NOMEM. O(B x n + B log B).
 */
PL_API int pl_backtest_bootstrap(const double *differences, size_t n, size_t replicates,
                                 uint64_t seed,
                                 double *low, double *high);

#ifdef __cplusplus
}
#endif

#endif
