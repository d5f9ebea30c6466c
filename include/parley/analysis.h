/*
 * parley/analysis.h - utilities, proposal evaluation and red-line analysis.
 *
 * A package is an array of n_issues doubles: the position on a continuous
 * issue, the option index on an options issue (the same layout as
 * pl_proposal.values and the models' forecasts).
 */
#ifndef PARLEY_ANALYSIS_H
#define PARLEY_ANALYSIS_H

#include <stddef.h>

#include "parley/export.h"
#include "parley/scenario.h"
#include "parley/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Utility of `actor` for outcome `value` of `issue` alone, in [0, 1]:
 * 1 - |x - p| / (high - low) (or the quadratic form) on a continuous issue,
 * the actor's option value on an options issue. NaN when the actor has no
 * stance on the issue. O(1).
 */
PL_API double pl_item_utility(const pl_scenario *scenario, size_t actor, size_t issue,
                              double value);

/**
 * Utility of `actor` for a whole package: sum over its issues of w_i u_i, with
 * w the actor's saliences normalised to sum 1 (docs/design.md). An actor whose
 * saliences are all zero is indifferent and gets 1. O(issues).
 */
PL_API double pl_package_utility(const pl_scenario *scenario, size_t actor, const double *package);

/** Nonzero when `value` lies inside red line `red_line` (continuous: inclusive interval). */
PL_API int pl_red_line_allows(const pl_scenario *scenario, const pl_red_line *red_line,
                              double value);

/** An actor's verdict on one item of a package. */
typedef enum pl_verdict {
    PL_VERDICT_ACCEPTABLE = 0,  /**< item utility >= acceptable threshold */
    PL_VERDICT_CRITICAL = 1,    /**< >= critical threshold */
    PL_VERDICT_NEGATIVE = 2,    /**< below the critical threshold */
    PL_VERDICT_UNACCEPTABLE = 3,/**< crosses the actor's red line */
    PL_VERDICT_NONE = 4         /**< the actor has no stance on the issue */
} pl_verdict;

/** "acceptable", "critical", "negative", "unacceptable", "none". */
PL_API const char *pl_verdict_name(pl_verdict verdict);

/** Why an actor accepts or rejects a package as a whole. */
typedef enum pl_acceptance {
    PL_ACCEPTS = 0,                 /**< no red line crossed and utility >= reservation */
    PL_REJECTS_RED_LINE = 1,        /**< at least one red line crossed */
    PL_REJECTS_BELOW_RESERVATION = 2/**< utility below the reservation (no deal is better) */
} pl_acceptance;

/** "accepts", "rejects: red line", "rejects: below reservation". */
PL_API const char *pl_acceptance_name(pl_acceptance acceptance);

/** Every actor's verdict on every item of one package. */
typedef struct pl_evaluation {
    size_t n_actors, n_issues;
    double *item_utility;     /**< [a * n_issues + i]; NaN where the actor has no stance */
    pl_verdict *verdict;      /**< [a * n_issues + i] */
    double *utility;          /**< [a] package utility */
    pl_acceptance *acceptance;/**< [a] */
    size_t *red_lines_crossed;/**< [a] number of the actor's red lines the package crosses */
    int passes;               /**< nonzero when the decision rule is met */
    double accepting_capability_share; /**< share of all capability held by accepting actors */
} pl_evaluation;

/**
 * Evaluate `package` for every actor with the scenario's thresholds.
 * O(actors x issues + red lines).
 */
PL_API int pl_evaluate(const pl_scenario *scenario, const double *package, pl_evaluation **out);

/** Free an evaluation; NULL does nothing. */
PL_API void pl_evaluation_free(pl_evaluation *evaluation);

/** How far apart the red lines are on one issue. */
typedef struct pl_blocking_issue {
    size_t issue;
    /**
     * Continuous issues: the width of the gap between the most demanding red
     * lines, in the issue's units (max of the lower bounds minus min of the
     * upper bounds). Options issues: the fewest red lines that must be relaxed
     * before some option is acceptable to all.
     */
    double gap;
    double gap_share;         /**< continuous: gap / (high - low); options: gap / red lines */
    size_t low_actor;         /**< continuous: the actor whose lower bound is highest */
    size_t high_actor;        /**< continuous: the actor whose upper bound is lowest */
} pl_blocking_issue;

/**
 * Can any package respect the red lines of a coalition that can decide?
 *
 * Veto actors belong to every deciding coalition, under either rule.
 *
 * Under unanimity the deciding coalition is the veto actors (or everyone when
 * no actor has a veto); under weighted majority it is any set of actors with
 * at least `threshold` of the capability, and parley looks for one whose red
 * lines are compatible (exhaustively, up to PL_MAX_MAJORITY_ACTORS actors).
 * Red lines are non-compensatory, so the question is one of intersecting
 * acceptable sets issue by issue.
 */
typedef struct pl_red_line_analysis {
    int compatible;           /**< nonzero when some package respects the red lines */
    size_t n_coalition;       /**< the coalition examined (the compatible one, if any) */
    size_t *coalition;        /**< actor indices */
    /**
     * Per continuous issue, the outcomes every coalition member accepts,
     * [feasible_low, feasible_high] (the whole range when no member has a red
     * line there; empty when low > high). NaN on options issues.
     */
    double *feasible_low, *feasible_high;
    size_t n_blocking;
    pl_blocking_issue *blocking; /**< the issues with no commonly acceptable outcome */
} pl_red_line_analysis;

/** Most actors the weighted-majority search of pl_analyse_red_lines() enumerates. */
#define PL_MAX_MAJORITY_ACTORS 24

/**
 * Compute the red-line analysis. Unanimity: O(red lines + issues). Weighted
 * majority: O(2^actors x (red lines + issues)); PL_ERR_LIMIT beyond
 * PL_MAX_MAJORITY_ACTORS actors.
 */
PL_API int pl_analyse_red_lines(const pl_scenario *scenario, pl_red_line_analysis **out,
                                pl_diag *diag);

/** Free the analysis; NULL does nothing. */
PL_API void pl_red_line_analysis_free(pl_red_line_analysis *analysis);

#ifdef __cplusplus
}
#endif

#endif
