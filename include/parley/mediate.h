/*
 * parley/mediate.h - a mediator's single negotiating text (issue #5, item 4;
 * docs/agreement.md, "The mediator").
 *
 * From a starting package (a proposal), the smallest change that brings every
 * member of the deciding coalition (pl_agreement_compute(): the veto actors
 * under unanimity) to at least its reservation utility while respecting its
 * red lines. The size of a change is sum over issues of |x_i - x0_i| /
 * (high_i - low_i), plus 1 for each options issue whose option changes: each
 * issue counts by the share of its range that moves, whoever cares about it.
 * Minimised exactly by linear programming (options issues enumerated); when no
 * package satisfies the coalition (the zone of agreement is empty, which the
 * agreement analysis proves), the text is the smallest change that meets the
 * constraints after the least total relaxation of them (pl_agreement.closest),
 * and the result lists the constraints it still crosses. Equal-cost option
 * changes are decided for the actors outside the coalition (largest sum of
 * their utilities; every actor's when all are in it), then by input order.
 *
 * Ownership follows parley.h: free the result with pl_mediation_free().
 */
#ifndef PARLEY_MEDIATE_H
#define PARLEY_MEDIATE_H

#include <stddef.h>

#include "parley/export.h"
#include "parley/agreement.h"
#include "parley/scenario.h"
#include "parley/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Version of pl_mediate_options this header describes. */
#define PL_MEDIATE_OPTIONS_VERSION 1

typedef struct pl_mediate_options {
    unsigned version;             /**< PL_MEDIATE_OPTIONS_VERSION */
    unsigned long long max_nodes; /**< option combinations one problem may visit (1e6) */
} pl_mediate_options;

#define PL_MEDIATE_OPTIONS_INIT {PL_MEDIATE_OPTIONS_VERSION, PL_AGREEMENT_DEFAULT_MAX_NODES}

/** One changed item of the text. */
typedef struct pl_mediation_item {
    size_t issue;
    double from, to;  /**< positions, or option indices on an options issue */
    double change;    /**< |to - from| / range; 1 on an options issue */
} pl_mediation_item;

/** The mediator's text. */
typedef struct pl_mediation {
    size_t n_actors, n_issues;
    /** Nonzero when the text meets every coalition member's red lines and reservation. */
    int feasible;
    size_t n_coalition;
    size_t *coalition;          /**< actor indices */
    double *start, *text;       /**< n_issues each: the starting package and the text */
    double *start_utilities;    /**< n_actors: pl_package_utility() of the start */
    double *text_utilities;     /**< n_actors: of the text */
    double distance;            /**< the size of the change (definition above) */
    size_t n_items;
    pl_mediation_item *items;   /**< the changed issues, in issue order */
    /**
     * n_items x n_actors, row-major: what item k adds to actor a's utility,
     * w_ai (u_ai(to) - u_ai(from)) (normalised salience times the item change);
     * 0 where the actor has no stance. Sums over items to the utility change.
     */
    double *item_gain;
    /** Not feasible: the constraints the text still crosses, and by how much. */
    size_t n_crossed;
    pl_agreement_constraint *crossed;
    double *crossed_amount;     /**< issue units (red lines), utility (reservations) */
} pl_mediation;

/**
 * Compute the text from `start` (n_issues values; NULL: the first proposal, or
 * the compromise forecast when the scenario has none). `options` may be NULL.
 * Time: one agreement analysis without relaxation sets plus one package problem
 * (agreement.h). Errors as pl_agreement_compute(); PL_ERR_ARGUMENT for a start
 * outside the issues' ranges or options. On failure *out is NULL.
 */
PL_API int pl_mediate(const pl_scenario *scenario, const double *start,
                      const pl_mediate_options *options, pl_mediation **out, pl_diag *diag);

/** Free a mediation; NULL does nothing. */
PL_API void pl_mediation_free(pl_mediation *mediation);

#ifdef __cplusplus
}
#endif

#endif
