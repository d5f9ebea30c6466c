/*
 * parley/frontier.h - the Pareto frontier of a negotiation and its bargaining
 * solutions (docs/cli-contract.md, `parley frontier`; docs/frontier.md).
 *
 * The parties are the scenario's actors, all of them, in input order. Party
 * a's utility for a package is pl_package_utility(): the sum over issues of
 * w_ai u_ai(x_i), saliences normalised per actor. So each value of each issue
 * gives a vector of per-party weighted utilities, and a package's utility
 * vector is the sum of its issues' vectors. The frontier is built by merging
 * per-issue candidate sets with dominance pruning; the outcome space itself
 * is never materialised.
 *
 * Definitions (docs/cli-contract.md):
 * - an outcome is rational when it crosses no actor's red line and gives every
 *   party u_i >= rv_i - 1e-9 (rv_i the actor's reservation utility);
 * - b dominates a when b_i >= a_i - 1e-9 for every party and b_j > a_j + 1e-9
 *   for some party; utility vectors within 1e-9 of each other count once;
 * - the frontier is the set of rational outcomes no rational outcome dominates;
 * - ideal_i is party i's best utility over the rational outcomes;
 * - the disagreement point d is rv (reservation), each party's lowest utility
 *   over all outcomes (minimum), or 0 (zero).
 *
 * Outcomes: an options issue contributes each of its options; a continuous
 * issue contributes a documented set of positions (its range ends, the
 * actors' ideal points, the ends of the red-line intersection, and a uniform
 * grid of `continuous_steps` intervals). Every count is exact for that set of
 * outcomes. For two parties with linear utilities the frontier and the
 * solutions are exact on the continuum (`exact_vertices`); otherwise they are
 * exact for the candidate positions, and docs/frontier.md says when that set
 * is enough for the continuum.
 *
 * Ownership follows parley.h: the caller frees the result with
 * pl_frontier_free(); every array in it belongs to it.
 */
#ifndef PARLEY_FRONTIER_H
#define PARLEY_FRONTIER_H

#include <stddef.h>

#include "parley/export.h"
#include "parley/progress.h"
#include "parley/scenario.h"
#include "parley/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Which disagreement point the solutions measure gains from. */
typedef enum pl_disagreement {
    PL_DISAGREEMENT_RESERVATION = 0, /**< d_i = the actor's reservation utility (default) */
    PL_DISAGREEMENT_MINIMUM = 1,     /**< d_i = party i's lowest utility over all outcomes */
    PL_DISAGREEMENT_ZERO = 2         /**< d_i = 0 */
} pl_disagreement;

/** "reservation", "minimum", "zero"; NULL when out of range. */
PL_API const char *pl_disagreement_name(pl_disagreement disagreement);

/** Parse a disagreement name; PL_ERR_NOT_FOUND when it is none of the three. */
PL_API int pl_disagreement_from_name(const char *name, pl_disagreement *out);

/** The bargaining solutions, in report order. */
typedef enum pl_solution_kind {
    PL_SOLUTION_NASH = 0,              /**< max prod(u_i - d_i) */
    PL_SOLUTION_KALAI_SMORODINSKY = 1, /**< max min (u_i - d_i) / (ideal_i - d_i) */
    PL_SOLUTION_EGALITARIAN = 2,       /**< max min (u_i - d_i) */
    PL_SOLUTION_UTILITARIAN = 3,       /**< max sum u_i */
    PL_SOLUTION_ASYMMETRIC_NASH = 4,   /**< max prod (u_i - d_i)^(c_i / sum c) (option) */
    PL_SOLUTION_COUNT = 5
} pl_solution_kind;

/** "nash", "kalai_smorodinsky", "egalitarian", "utilitarian", "asymmetric_nash". */
PL_API const char *pl_solution_name(pl_solution_kind kind);

/** Version of pl_frontier_options this header describes. */
#define PL_FRONTIER_OPTIONS_VERSION 1

/** Default number of grid intervals on a continuous issue. */
#define PL_FRONTIER_DEFAULT_STEPS 20
/** Default largest candidate pool of one merge stage (points). */
#define PL_FRONTIER_DEFAULT_MAX_POINTS ((size_t)1 << 26)
/**
 * Default work budget of the exact rational count (search nodes, about 1e8 a
 * second on one core): beyond it the count is given up, not the frontier
 * (pl_frontier.rational_counted).
 */
#define PL_FRONTIER_DEFAULT_MAX_COUNT_NODES 200000000ULL

/** How to compute the frontier. Initialise with PL_FRONTIER_OPTIONS_INIT. */
typedef struct pl_frontier_options {
    unsigned version;             /**< PL_FRONTIER_OPTIONS_VERSION */
    pl_disagreement disagreement; /**< default PL_DISAGREEMENT_RESERVATION */
    int asymmetric;               /**< nonzero: also the capability-weighted Nash solution */
    int threads;                  /**< threads to use, >= 1 (default 1) */
    size_t continuous_steps;      /**< grid intervals per continuous issue, >= 1 (default 20) */
    /**
     * Largest candidate pool one merge stage may hold (frontier so far times
     * the issue's candidates, after pruning by rationality). Beyond it the
     * computation stops with PL_ERR_LIMIT. Each pool point takes about
     * 8 (parties + 2) bytes.
     */
    size_t max_points;
    /** Most search nodes the exact rational count may visit; beyond, the count is given up. */
    unsigned long long max_count_nodes;
    /**
     * Progress (parley/progress.h; default {NULL, NULL}: no reports): called
     * from the calling thread after each merge stage with stage / issues, and
     * with 1 when the merge ends. Return nonzero to cancel; the call then
     * returns PL_ERR_CANCELLED (diag "frontier: cancelled") and frees
     * everything. Results do not depend on whether a function is set.
     */
    pl_progress progress;
} pl_frontier_options;

#define PL_FRONTIER_OPTIONS_INIT                                                            \
    {PL_FRONTIER_OPTIONS_VERSION, PL_DISAGREEMENT_RESERVATION, 0, 1,                          \
     PL_FRONTIER_DEFAULT_STEPS, PL_FRONTIER_DEFAULT_MAX_POINTS,                               \
     PL_FRONTIER_DEFAULT_MAX_COUNT_NODES, {NULL, NULL}}

/** Fill `options` with the defaults (same as PL_FRONTIER_OPTIONS_INIT). */
PL_API void pl_frontier_options_init(pl_frontier_options *options);

/** Room for a count in decimal (counts up to 2^1024 and more). */
#define PL_COUNT_DIGITS 320

/** A count of outcomes that may exceed 64 bits. */
typedef struct pl_count {
    char decimal[PL_COUNT_DIGITS]; /**< exact, in decimal */
    int exact_double;              /**< nonzero when the count is <= 2^53 */
    double value;                  /**< the count (rounded above 2^53) */
} pl_count;

/** One bargaining solution. */
typedef struct pl_frontier_solution {
    int present;        /**< zero when not asked for, or when there is no rational outcome */
    size_t point;       /**< its index in the frontier */
    double *utilities;  /**< per party, pl_package_utility() of the package */
    /** Per issue: the option index (options issues) or the position (continuous). */
    double *package;
    double value;       /**< the objective it maximises, at this point */
} pl_frontier_solution;

/** The frontier of a scenario and what is derived from it. */
typedef struct pl_frontier {
    size_t n_parties;           /**< the scenario's actors */
    size_t n_issues;
    pl_count outcomes;          /**< all outcomes (red lines and reservations ignored) */
    pl_count rational;          /**< rational outcomes (definition above) */
    int agreement_possible;     /**< nonzero when some outcome is rational */
    size_t n_points;            /**< frontier size (after the 1e-9 merging of near-equals) */
    /**
     * n_points x n_parties utilities, row-major, sorted by the first party's
     * utility (highest first), then the second's, and so on.
     */
    double *utilities;
    double *disagreement;       /**< per party, the disagreement point used */
    double *ideal;              /**< per party, best utility over rational outcomes (NaN if none) */
    double *minimum;            /**< per party, lowest utility over all outcomes */
    pl_disagreement disagreement_kind;
    pl_frontier_solution solutions[PL_SOLUTION_COUNT];
    size_t n_continuous_exact;  /**< continuous issues analysed exactly (see docs/frontier.md) */
    size_t n_continuous_grid;   /**< continuous issues analysed on the grid */
    /**
     * Nonzero when the frontier is exact on the continuum (two parties, linear
     * utilities, some continuous issue): `utilities` then lists the vertices of
     * the piecewise-linear frontier and the solutions' points (docs/frontier.md);
     * the counts stay those of the candidate positions.
     */
    int exact_vertices;
    /**
     * Nonzero when the nash, kalai_smorodinsky, egalitarian and utilitarian
     * solutions are exact optima over the continuum rather than the best
     * candidates: with exact_vertices, and for three or more parties on
     * continuous issues (linear form) with the reservation disagreement point
     * (docs/frontier.md). Their `point` is then the nearest listed point.
     */
    int solutions_exact;
    /**
     * Nonzero when `rational` is the exact count; zero when counting would
     * have needed more than max_count_nodes search nodes, so the count was
     * given up (rational is then 0) and everything else computed all the same.
     */
    int rational_counted;
} pl_frontier;

/**
 * Compute the frontier, the counts and the solutions of `scenario`, which
 * must be valid (pl_scenario_validate) and have at least one actor.
 *
 * Time: building the candidates is O(parties x candidates); the merge is
 * O(sum over issues of |pool| log |pool|) for 2 and 3 parties and
 * output-sensitive (k-d tree dominance queries) for more; the rational count
 * visits at most the outcome space and usually far less (bound pruning).
 * Memory O(parties x largest pool + issues x frontier size).
 *
 * Errors: PL_ERR_ARGUMENT (NULL arguments, bad options), PL_ERR_LIMIT (a pool
 * beyond options->max_points, a count beyond max_count_nodes or beyond the
 * count's capacity; `diag` says which), PL_ERR_NOMEM. `options` may be NULL
 * (defaults). On failure *out is NULL.
 */
PL_API int pl_frontier_compute(const pl_scenario *scenario, const pl_frontier_options *options,
                               pl_frontier **out, pl_diag *diag);

/**
 * The frontier between two actors, `a` and `b` (the report's frontier chart):
 * pl_frontier_compute() on the scenario restricted to them
 * (pl_scenario_restrict(): their stances, red lines and reservations, every
 * issue), both holding a veto, so that the others' red lines do not bound it.
 * Party 0 of the result is `a`, party 1 is `b`. PL_ERR_ARGUMENT when an index
 * is out of range or both are the same actor; otherwise as pl_frontier_compute
 * (and PL_ERR_INVALID when the restricted scenario does not validate, an actor
 * with no stance, say). On failure *out is NULL.
 */
PL_API int pl_frontier_pair(const pl_scenario *scenario, size_t a, size_t b,
                            const pl_frontier_options *options, pl_frontier **out,
                            pl_diag *diag);

/** Free a frontier; NULL does nothing. */
PL_API void pl_frontier_free(pl_frontier *frontier);

/** Utilities of frontier point `k` (n_parties values). O(1). */
PL_API const double *pl_frontier_point(const pl_frontier *frontier, size_t k);

#ifdef __cplusplus
}
#endif

#endif
