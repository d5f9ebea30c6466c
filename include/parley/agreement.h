/*
 * parley/agreement.h - the zone of possible agreement (issue #5, item 3;
 * docs/agreement.md).
 *
 * The deciding coalition must accept: under unanimity the veto actors (every
 * actor when none holds a veto); under weighted majority a coalition that
 * holds the threshold share of capability and includes the veto actors (the
 * minimal such coalitions are examined, as in pl_analyse_red_lines()). Each
 * member brings constraints: each of its red lines (non-compensatory, one
 * issue each) and its reservation (U_a(x) >= r_a, U_a the additive utility of
 * pl_package_utility()). The zone of agreement is the set of packages that
 * meet every constraint of the coalition.
 *
 * The analysis decides exactly (no grid) whether the zone is empty: continuous
 * issues with the linear utility form by linear programming, options issues by
 * enumerating option combinations with bound pruning (docs/agreement.md). If
 * the zone is not empty it gives the best packages in it; if it is, the
 * minimal sets of constraints whose relaxation opens a zone, how far each
 * constraint of a set must move, and the package that comes closest.
 *
 * Ownership follows parley.h: the caller frees the result with
 * pl_agreement_free(); every array in it belongs to it.
 */
#ifndef PARLEY_AGREEMENT_H
#define PARLEY_AGREEMENT_H

#include <stddef.h>

#include "parley/export.h"
#include "parley/frontier.h"
#include "parley/progress.h"
#include "parley/scenario.h"
#include "parley/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a constraint of the coalition is. */
typedef enum pl_constraint_kind {
    PL_CONSTRAINT_RED_LINE = 0,   /**< a red line of a member */
    PL_CONSTRAINT_RESERVATION = 1 /**< a member's reservation utility */
} pl_constraint_kind;

/** One constraint ("RU red line on donetsk", "UA reservation 0.45"). */
typedef struct pl_agreement_constraint {
    pl_constraint_kind kind;
    size_t actor;
    size_t red_line; /**< index in scenario->red_lines; (size_t)-1 for a reservation */
    size_t issue;    /**< the red line's issue; (size_t)-1 for a reservation */
} pl_agreement_constraint;

/**
 * One way to open a zone of agreement: a set of constraints whose relaxation
 * makes some package meet all the others, and the smallest such relaxation.
 *
 * How far each constraint must move is the least total normalised movement
 * (a red line's move divided by its issue's range, 1 for admitting one more
 * option of an options issue; a reservation's drop in utility) that opens a
 * zone while every other constraint holds; among the relaxations of that
 * total, the one whose largest single move is smallest (docs/agreement.md).
 */
typedef struct pl_relaxation {
    size_t n_members;
    size_t *members;     /**< indices in pl_agreement.constraints, increasing */
    /**
     * Per member: how far it moves. A red line on a continuous issue: in the
     * issue's units; on an options issue: 1 when the package needs an option it
     * excludes; a reservation: the drop in utility. May be 0 for one member of a
     * set (another member's move suffices at the optimum).
     */
    double *amount;
    /** Per member: the relaxed red line [new_low, new_high], or the new reservation in new_low. */
    double *new_low, *new_high;
    double total;        /**< sum of normalised moves (the size of the gap) */
    /**
     * max over packages of min over members of U_a - r_a with the set's
     * constraints removed (the reservations of the set's members too, when in
     * the set): how much room the relaxation leaves. >= 0.
     */
    double margin;
    double *package;     /**< the closest package: maximin over the minimally relaxed problem */
    double *utilities;   /**< n_actors: pl_package_utility() of the package */
} pl_relaxation;

/**
 * A minimal conflict: constraints that no package meets together, while any
 * proper subset of them is met by some package (a minimal infeasible subset).
 * Every relaxation set contains a member of every conflict.
 */
typedef struct pl_conflict {
    size_t n_members;
    size_t *members;  /**< indices in pl_agreement.constraints, increasing */
    /**
     * max over packages of min over members of U_a - r_a when every constraint
     * of the conflict is removed and all others hold: >= 0 when removing the
     * conflict alone opens a zone; -INFINITY when the other red lines still
     * clash.
     */
    double margin_without;
} pl_conflict;

/** A best package of the zone by one solution concept. */
typedef struct pl_agreement_solution {
    int present;       /**< zero when not computed or not found */
    double *package;   /**< n_issues */
    double *utilities; /**< n_actors */
} pl_agreement_solution;

/** Version of pl_agreement_options this header describes. */
#define PL_AGREEMENT_OPTIONS_VERSION 2
/** Default largest blocking set searched. */
#define PL_AGREEMENT_DEFAULT_MAX_SET 3
/**
 * Default work limit of each search for blocking sets (the minimal conflicts;
 * the minimal relaxations), in cells of simplex tableaux read or updated
 * (about 3e8 to 8e8 a second on the machine of docs/robustness.md).
 */
#define PL_AGREEMENT_DEFAULT_MAX_SEARCH_WORK 4e9
/** Default most option combinations one package problem may visit. */
#define PL_AGREEMENT_DEFAULT_MAX_NODES 1000000ULL

/** Initialise with PL_AGREEMENT_OPTIONS_INIT or pl_agreement_options_init(). */
typedef struct pl_agreement_options {
    unsigned version;              /**< PL_AGREEMENT_OPTIONS_VERSION */
    size_t max_set;                /**< largest relaxation set searched (default 3; 0: none) */
    size_t max_sets;               /**< most sets (and conflicts) reported (default 32) */
    unsigned long long max_nodes;  /**< option combinations per package problem (default 1e6) */
    int solutions;                 /**< nonzero: the frontier solutions of the zone (default) */
    size_t continuous_steps;       /**< unused: the solutions are exact (kept for compatibility) */
    /**
     * Progress and cancellation (parley/progress.h; version 2). The total work
     * is known only as an estimate, so the fraction is W / (W + E) for W units
     * of simplex work done and E expected: a half at the estimate, 1 at the end.
     */
    pl_progress progress;
    /**
     * Work limit of each search for blocking sets, in simplex tableau cells
     * (version 2; default PL_AGREEMENT_DEFAULT_MAX_SEARCH_WORK, about 5 to 15
     * s; > 0). Before each size of set, the work of the size before predicts
     * the next one's (C(n, k) / C(n, k - 1) times as many sets); a size that
     * would pass the limit is not searched, and pl_agreement.search_limited
     * says so. Sets of one constraint are always searched.
     */
    double max_search_work;
    /**
     * Nonzero (the default): when there is no zone, the conflicts, the
     * relaxation sets and the closest package. 0: the decision only
     * (possible, margin, maximin; the solutions when asked), for callers that
     * need no more (sweeps, what it would take): n_conflicts, n_relaxations and
     * closest.n_members are then 0. Under weighted majority the searches still
     * run, as they choose the coalition reported. Version 2.
     */
    int searches;
} pl_agreement_options;

#define PL_AGREEMENT_OPTIONS_INIT                                                           \
    {PL_AGREEMENT_OPTIONS_VERSION, PL_AGREEMENT_DEFAULT_MAX_SET, 32,                          \
     PL_AGREEMENT_DEFAULT_MAX_NODES, 1, PL_FRONTIER_DEFAULT_STEPS, {NULL, NULL},             \
     PL_AGREEMENT_DEFAULT_MAX_SEARCH_WORK, 1}

PL_API void pl_agreement_options_init(pl_agreement_options *options);

/** The analysis. */
typedef struct pl_agreement {
    size_t n_actors, n_issues;
    int possible;               /**< nonzero when some package meets every constraint */
    size_t n_coalition;
    size_t *coalition;          /**< the deciding coalition examined (actor indices) */
    double coalition_share;     /**< its share of all capability */
    size_t n_constraints;
    pl_agreement_constraint *constraints; /**< members' red lines, then their reservations */
    int red_lines_compatible;   /**< nonzero when the members' red lines alone leave packages */
    /**
     * max over packages within the red lines of min over members of
     * U_a - r_a: >= 0 exactly when `possible`. NaN when the red lines are
     * incompatible.
     */
    double margin;
    double *maximin;            /**< the package attaining `margin` (NULL when red lines clash) */
    double *maximin_utilities;  /**< n_actors */
    /** Possible: the best packages of the zone (frontier.h concepts over the members). */
    pl_agreement_solution solutions[PL_SOLUTION_COUNT];
    int solutions_on_grid;      /**< 0: every solution is exact (kept for compatibility) */
    /** Not possible: the minimal relaxation sets, by size, then by total. */
    size_t n_relaxations;
    pl_relaxation *relaxations;
    size_t searched_size;       /**< every minimal set up to this size is listed */
    int sets_truncated;         /**< nonzero when more than max_sets sets were found */
    /** Not possible: the minimal conflicts, by size (every one up to searched_size). */
    size_t n_conflicts;
    pl_conflict *conflicts;
    int conflicts_truncated;    /**< nonzero when more than max_sets conflicts were found */
    /** Not possible: the smallest relaxation of all the constraints at once. */
    pl_relaxation closest;
    unsigned long long work;    /**< option combinations and LPs solved */
    /**
     * Possible: a proven bound on how far the Nash package's sum of
     * log(U_a - r_a) may be below the optimum (the Frank-Wolfe gap of the
     * simplicial decomposition, docs/agreement.md; 0 when the
     * product is zero everywhere and any frontier point is a Nash package).
     */
    double nash_gap;
    /**
     * Possible: a proven bound, in utility, on how far each member's gain
     * U_a - r_a at the Nash package may be from the optimum's (the normal-cone
     * certificate of docs/agreement.md; 0 as for nash_gap). NAN when it is not
     * proven: another option combination's upper bound comes within 1e-13 of
     * the package's sum of logarithms (a tie, or nearly).
     */
    double nash_error;
    /** Not possible: every minimal conflict up to this size is listed. */
    size_t conflicts_searched_size;
    /**
     * Not possible: nonzero when a search stopped before a size max_set allows
     * because that size would exceed the work limit of the blocking searches
     * (pl_agreement_options.max_search_work): searched_size and conflicts_searched_size
     * say how far each went.
     */
    int search_limited;
} pl_agreement;

/**
 * Analyse the zone of agreement of a valid scenario. `options` may be NULL.
 *
 * Time: one package problem is an LP over the continuous issues, O(pivots x
 * (members x issues)^2) with the dense simplex, times the option combinations
 * the pruned search visits (at most the product of the options counts). The
 * relaxation search solves up to sum_{k <= max_set} C(constraints, k)
 * feasibility problems and three more per set found; under weighted majority
 * all of it per minimal winning coalition (at most 2^PL_MAX_MAJORITY_ACTORS).
 *
 * Errors: PL_ERR_ARGUMENT, PL_ERR_UNSUPPORTED (quadratic utility form with
 * continuous issues), PL_ERR_LIMIT (max_nodes, too many actors for weighted
 * majority), PL_ERR_INVALID (no coalition reaches the threshold), PL_ERR_NOMEM,
 * PL_ERR_CANCELLED (options->progress asked to stop).
 * On failure *out is NULL and `diag` says why.
 */
PL_API int pl_agreement_compute(const pl_scenario *scenario, const pl_agreement_options *options,
                                pl_agreement **out, pl_diag *diag);

/** Free an analysis; NULL does nothing. */
PL_API void pl_agreement_free(pl_agreement *agreement);

/**
 * Describe constraint `k` ("RU red line on donetsk", "UA reservation 0.45")
 * into `buffer`; returns `buffer`.
 */
PL_API const char *pl_agreement_constraint_name(const pl_scenario *scenario,
                                                const pl_agreement_constraint *constraint,
                                                char *buffer, size_t size);

#ifdef __cplusplus
}
#endif

#endif
