/*
 * parley/what_it_takes.h - what it would take for a zone of agreement to open
 * (issue #13, item 5; docs/agreement.md, "What it would take").
 *
 * For the barrier issues (the issues of the red lines in the minimal
 * conflicts of pl_agreement_compute()) and any issue the caller names, one
 * entry per (member of the deciding coalition, blocking constraint): the
 * member's red line on the issue, or its reservation when a conflict on the
 * issue holds it. The constraint's bound is moved step by step from where it
 * stands towards the other side (the nearest bound of the other members' red
 * lines on the issue, or their capability-weighted mean position, whichever
 * lies farther), and at each step the scenario is analysed again with every
 * other constraint kept: whether a zone exists and its margin (exact, by
 * pl_agreement_compute()), and, optionally, the settlement probability of a
 * Monte Carlo of the scenario with that bound (pl_montecarlo_run()).
 *
 * `opens_at` is the bound at which a zone first opens. Relaxing one
 * constraint only enlarges the feasible set, so "a zone exists" is monotone
 * in the bound (and the margin is nondecreasing and piecewise linear in it):
 * the bound is found by bisection to PL_WHAT_IT_TAKES_TOLERANCE of the
 * issue's range (of 1 for a reservation), each test an exact LP decision.
 *
 * Only red lines on continuous issues move (a red line on an options issue
 * admits whole options, which the relaxation sets of agreement.h already
 * count). Ownership follows parley.h: free the result with
 * pl_what_it_takes_free().
 */
#ifndef PARLEY_WHAT_IT_TAKES_H
#define PARLEY_WHAT_IT_TAKES_H

#include <stddef.h>

#include "parley/export.h"
#include "parley/agreement.h"
#include "parley/progress.h"
#include "parley/scenario.h"
#include "parley/simulate.h"
#include "parley/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Version of pl_what_it_takes_options this header describes. */
#define PL_WHAT_IT_TAKES_OPTIONS_VERSION 2
/** Default steps between where the bound stands and the other side (points = steps + 1). */
#define PL_WHAT_IT_TAKES_DEFAULT_STEPS 10
/** Default Monte Carlo runs at each step (`parley run`; `zopa` simulates only with --runs). */
#define PL_WHAT_IT_TAKES_DEFAULT_RUNS 100
/** Bisection tolerance of `opens_at`, as a share of the issue's range. */
#define PL_WHAT_IT_TAKES_TOLERANCE 1e-9

/** Initialise with PL_WHAT_IT_TAKES_OPTIONS_INIT or pl_what_it_takes_options_init(). */
typedef struct pl_what_it_takes_options {
    unsigned version;           /**< PL_WHAT_IT_TAKES_OPTIONS_VERSION */
    size_t steps;               /**< intervals from `from` to `to`, >= 1 (default 10) */
    size_t n_issues;            /**< issues to examine besides the barrier issues */
    const size_t *issues;       /**< their indices; not kept */
    int settlement;             /**< nonzero: a Monte Carlo at each step (default 1) */
    /**
     * How to simulate (protocol, agents, steps, runs, seed, threads); NULL:
     * pl_montecarlo_options_init() with PL_WHAT_IT_TAKES_DEFAULT_RUNS runs.
     * Its progress function is not called (`progress` below covers the
     * simulations too). Not kept.
     */
    const pl_montecarlo_options *montecarlo;
    /**
     * Progress of the whole computation (parley/progress.h): every zone
     * analysis and every Monte Carlo reports into it, so that a scenario
     * whose analyses take seconds each shows a moving bar and can be
     * cancelled (PL_ERR_CANCELLED). {NULL, NULL} (the default): no reports.
     */
    pl_progress progress;
} pl_what_it_takes_options;

#define PL_WHAT_IT_TAKES_OPTIONS_INIT                                                       \
    {PL_WHAT_IT_TAKES_OPTIONS_VERSION, PL_WHAT_IT_TAKES_DEFAULT_STEPS, 0, NULL, 1, NULL, \
     {NULL, NULL}}

PL_API void pl_what_it_takes_options_init(pl_what_it_takes_options *options);

/** Which bound of the constraint moves. */
typedef enum pl_bound {
    PL_BOUND_NONE = 0,  /**< a reservation (it moves down) */
    PL_BOUND_MIN = 1,   /**< the red line's lower bound (it moves down) */
    PL_BOUND_MAX = 2    /**< the red line's upper bound (it moves up) */
} pl_bound;

/** The analysis with the bound at one value. */
typedef struct pl_what_it_takes_step {
    double value;       /**< the bound (issue units; utility for a reservation) */
    int possible;       /**< nonzero when a zone exists */
    /** pl_agreement.margin: >= 0 exactly when possible; NaN when red lines still clash. */
    double margin;
    /** Settlement probability; NaN when not simulated or the simulation failed. */
    double settlement;
    double settlement_low, settlement_high; /**< Wilson 95% interval (= settlement when
                                                  deterministic) */
    int deterministic;  /**< nonzero when every run was necessarily the same */
} pl_what_it_takes_step;

/** One (member, constraint) pair and its settlement curve. */
typedef struct pl_what_it_takes_entry {
    size_t issue;              /**< the barrier (or named) issue */
    size_t actor;              /**< the member whose constraint moves */
    pl_constraint_kind kind;   /**< red line or reservation */
    size_t red_line;           /**< index in scenario->red_lines; (size_t)-1 for a reservation */
    pl_bound bound;
    double from;               /**< where the bound stands */
    double to;                 /**< the last step: the other side */
    int opens;                 /**< nonzero when moving this bound alone opens a zone */
    double opens_at;           /**< the bound at which it first opens (NaN when !opens) */
    size_t n_steps;
    pl_what_it_takes_step *steps; /**< from `from` to `to`, evenly spaced */
} pl_what_it_takes_entry;

typedef struct pl_what_it_takes {
    size_t n_entries;
    pl_what_it_takes_entry *entries;  /**< by issue (barrier issues, then named), then actor */
    int simulated;                    /**< nonzero when settlement was simulated */
    size_t runs;                      /**< Monte Carlo runs per step */
    unsigned long long analyses;      /**< zone analyses solved (steps and bisection) */
} pl_what_it_takes;

/**
 * What it would take for the zone of `scenario` to open. `agreement` is its
 * analysis by pl_agreement_compute() (the conflicts name the barrier issues);
 * NULL computes it with the default options. `options` may be NULL.
 *
 * Time: per entry, (steps + 1 + about 32 bisection steps) zone analyses of
 * pl_agreement_compute() with no relaxation search, and steps + 1 Monte Carlo
 * runs of options->montecarlo->runs negotiations each.
 *
 * Errors: PL_ERR_ARGUMENT (NULL scenario or out, an issue index out of range,
 * steps 0, options of another version), PL_ERR_NOMEM, PL_ERR_CANCELLED (the
 * progress function asked to stop) and those of pl_agreement_compute(). On
 * failure *out is NULL.
 */
PL_API int pl_what_it_takes_compute(const pl_scenario *scenario, const pl_agreement *agreement,
                                    const pl_what_it_takes_options *options, pl_what_it_takes **out,
                                    pl_diag *diag);

/** Free a result; NULL does nothing. */
PL_API void pl_what_it_takes_free(pl_what_it_takes *result);

#ifdef __cplusplus
}
#endif

#endif
