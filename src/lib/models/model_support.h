/* model_support.h - pieces the forecasting models share; not installed. */
#ifndef PARLEY_MODEL_SUPPORT_H
#define PARLEY_MODEL_SUPPORT_H

#include "parley/parley.h"

/** Total c*s weight on an issue; PL_ERR_INVALID (with diag) when it is not positive. */
int pli_issue_weight(const pl_scenario *scenario, size_t issue, double *total, pl_diag *diag);

/** Nonzero when an options issue is on a scale: ordered, and every option placed on it. */
int pli_options_on_scale(const pl_issue *issue);

/** The option of an options issue with the highest c*s-weighted total value (first on ties). */
size_t pli_weighted_best_option(const pl_scenario *scenario, size_t issue);

/** The exchange model's options are valid (exchange_options.c). */
int pli_exchange_check_options(const pl_exchange_options *options, pl_diag *diag);

/** PL_ERR_LIMIT when a round would hold more than max_candidates exchanges. */
int pli_exchange_check_size(const pl_scenario *scenario, const pl_exchange_options *options,
                            pl_diag *diag);

#endif
