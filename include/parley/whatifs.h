/*
 * parley/whatifs.h - the simulation what-ifs of a scenario (docs/report.md,
 * `simulation.whatifs`): the same Monte Carlo (pl_montecarlo_run) run once on
 * the stated * inputs with no shock (the baseline), once with each shock alone, and once
 * with each uncertainty group alone, so that each case's settlement
 * probability can be set against the baseline's. `parley run` reports them.
 *
 * Ownership follows parley.h: free the result with pl_whatifs_free().
 */
#ifndef PARLEY_WHATIFS_H
#define PARLEY_WHATIFS_H

#include <stddef.h>

#include "parley/export.h"
#include "parley/scenario.h"
#include "parley/simulate.h"
#include "parley/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One case of the what-ifs. */
typedef struct pl_whatif {
    const char *id;          /**< "baseline", or the shock's or group's id (borrowed) */
    const char *name;        /**< its name, or its id when it has none (borrowed) */
    int ok;                  /**< zero: this case's Monte Carlo failed */
    pl_montecarlo *montecarlo; /**< owned; NULL when !ok */
} pl_whatif;

typedef struct pl_whatifs {
    size_t n;          /**< 1 + the scenario's shocks + its uncertainty groups */
    pl_whatif *cases;  /**< the baseline, then each shock, then each uncertainty group */
    /** The options every case ran with (their selections of shocks and groups aside). */
    pl_montecarlo_options settings;
} pl_whatifs;

/**
 * Run every case with `settings` (NULL: pl_montecarlo_options_init's),
 * whose selections (use_uncertainty, use_shock) are replaced per case and
 * whose keep_runs is ignored; its progress function, if any, sees the
 * fraction of all the cases done. A case whose Monte Carlo fails is kept with
 * ok = 0. PL_OK, PL_ERR_NOMEM, PL_ERR_ARGUMENT (no scenario or no output, an
 * unknown options version) or PL_ERR_CANCELLED; on failure *out is NULL.
 */
PL_API int pl_whatifs_run(const pl_scenario *scenario, const pl_montecarlo_options *settings,
                          pl_whatifs **out, pl_diag *diag);

/** Release the result and every case's Monte Carlo; NULL is accepted. */
PL_API void pl_whatifs_free(pl_whatifs *whatifs);

#ifdef __cplusplus
}
#endif

#endif
