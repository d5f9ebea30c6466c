/*
 * parley/tournament.h - tournaments of negotiating agents on one scenario
 * (docs/simulation.md, "Tournaments"): every assignment of agents to the
 * parties is negotiated (Monte Carlo over the scenario's uncertainty, as
 * pl_montecarlo_run), and each result is measured against the exact Pareto
 * frontier and its Nash point (parley/frontier.h, disagreement = reservation).
 *
 * Assignments: with k agents and n parties there are k^n, numbered so that
 * party 0's agent varies slowest (for two parties: A-A, A-B, ..., B-A, ...);
 * self-play is included. More than options->max_assignments is PL_ERR_LIMIT.
 *
 * Ownership follows parley.h: the caller frees the result with
 * pl_tournament_free(); every array in it belongs to it.
 */
#ifndef PARLEY_TOURNAMENT_H
#define PARLEY_TOURNAMENT_H

#include <stddef.h>
#include <stdint.h>

#include "parley/export.h"
#include "parley/scenario.h"
#include "parley/simulate.h"
#include "parley/status.h"
#include "parley/threads.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PL_TOURNAMENT_OPTIONS_VERSION 1
/** Default largest number of assignments of agents to parties on one scenario. */
#define PL_TOURNAMENT_DEFAULT_MAX_ASSIGNMENTS 10000

/** How to run a tournament. Initialise with PL_TOURNAMENT_OPTIONS_INIT or
 *  pl_tournament_options_init(). */
typedef struct pl_tournament_options {
    unsigned version;            /**< PL_TOURNAMENT_OPTIONS_VERSION */
    /**
     * Runs, seed, steps, grid, protocol, selections as pl_montecarlo_run;
     * its simulation.agents and n_agents are ignored (set per assignment),
     * and so is its threads (see pl_tournament_run).
     */
    pl_montecarlo_options montecarlo;
    size_t n_agents;             /**< the agents taking part, >= 1 */
    const pl_agent *agents;      /**< not kept */
    size_t max_assignments;      /**< default PL_TOURNAMENT_DEFAULT_MAX_ASSIGNMENTS */
} pl_tournament_options;

/** The defaults, as pl_tournament_options_init() sets them (no agents yet). */
#define PL_TOURNAMENT_OPTIONS_INIT                                                          \
    {PL_TOURNAMENT_OPTIONS_VERSION, PL_MONTECARLO_OPTIONS_INIT, 0, NULL,                      \
     PL_TOURNAMENT_DEFAULT_MAX_ASSIGNMENTS}

PL_API void pl_tournament_options_init(pl_tournament_options *options);

/** The result of one assignment of agents to the parties. */
typedef struct pl_tournament_row {
    size_t *assignment;          /**< per party, the index of its agent in options->agents */
    size_t runs, agreements;
    double agreement_rate;
    double mean_agreement_step;  /**< over agreed runs; NaN when none agreed */
    double *mean_utilities;      /**< per party, over all runs (no agreement: reservation) */
    double *mean_agreement_utilities; /**< per party, over agreed runs (NaN when none) */
    /**
     * Euclidean distance, in utility space, from mean_agreement_utilities to
     * the Nash point and to the nearest frontier point; NaN when no run agreed
     * or the frontier is not available. Below 1e-9 (the frontier's own
     * tolerance) a distance is 0.
     */
    double nash_distance, frontier_distance;
} pl_tournament_row;

typedef struct pl_tournament {
    size_t n_parties, n_agents;
    size_t n_rows;               /**< n_agents ^ n_parties, in assignment order */
    pl_tournament_row *rows;
    /** Zero when the frontier could not be computed (then every distance is NaN). */
    int frontier_available;
    double *nash;                /**< per party, the Nash point (NaN when none) */
} pl_tournament;

/**
 * Run the tournament on `scenario`. Assignments are spread over `pool` (or
 * run on the calling thread when NULL), each negotiated on one thread; the
 * result does not depend on the thread count.
 * Errors: PL_ERR_ARGUMENT, PL_ERR_INVALID (fewer than two parties, no agents,
 * bad simulation options), PL_ERR_LIMIT (too many assignments), PL_ERR_NOMEM.
 */
PL_API int pl_tournament_run(const pl_scenario *scenario, const pl_tournament_options *options,
                             pl_pool *pool, pl_tournament **out, pl_diag *diag);

PL_API void pl_tournament_free(pl_tournament *tournament);

/**
 * An empty result of `n_rows` rows for `n_parties` parties and `n_agents`
 * agents (arrays zeroed, nash NaN), for a caller that fills it from rows
 * computed elsewhere (parley's MPI farm, docs/scale.md). Free it with
 * pl_tournament_free(). PL_ERR_NOMEM (*out NULL) when memory runs out.
 */
PL_API int pl_tournament_new(size_t n_rows, size_t n_parties, size_t n_agents,
                             pl_tournament **out);

/**
 * Euclidean distance from point x (n values) to the nearest of the m points
 * (row-major, n values each); NaN when m is 0 or x holds a NaN. Exactly 0 below 1e-9.
 */
PL_API double pl_tournament_nearest(const double *x, const double *points, size_t m, size_t n);

#ifdef __cplusplus
}
#endif

#endif
