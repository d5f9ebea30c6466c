/*
 * zone.h - the package problems of the zone of agreement, solved with the LP
 * solver of numeric/lp.h, and what agreement*.c and mediate.c share; not
 * installed.
 */
#ifndef PARLEY_ZONE_H
#define PARLEY_ZONE_H

#include <stddef.h>

#include "numeric/lp.h"
#include "parley/agreement.h"
#include "parley/scenario.h"

/* ---- Package problems (agreement_solve.c) ---------------------------------------- */

/** What a constraint of the coalition does in one problem. */
typedef enum pl_zone_state {
    PL_ZONE_HARD = 0, /**< must hold */
    PL_ZONE_SOFT = 1, /**< may be violated at a cost (normalised violation) */
    PL_ZONE_OFF = 2   /**< ignored */
} pl_zone_state;

/** What the problem optimises. */
typedef enum pl_zone_objective {
    PL_ZONE_MAXIMIN = 0,    /**< max min over members with a reservation on: U_a - r_a */
    PL_ZONE_MIN_SUM = 1,    /**< min sum of normalised violations of soft constraints */
    PL_ZONE_MIN_MAX = 2,    /**< min largest normalised violation, sum <= sum_cap */
    PL_ZONE_MIN_CHANGE = 3, /**< min sum over issues of |x_i - origin_i| / range_i */
    PL_ZONE_WEIGHTED_SUM = 4, /**< max sum over reservations k of coefficient[k] U_a(k) */
    PL_ZONE_NASH = 5        /**< max sum over reservations with coefficient[k] > 0 of
                                 log(U_a(k) - level[k]); coefficient[k] bounds that gain */
} pl_zone_objective;

/**
 * One package problem: the constraints of the coalition (`constraints`), each
 * with a state, and the bounds to use for it: `low`/`high` per red-line
 * constraint on a continuous issue, `level` per reservation (copies that the
 * caller may move).
 */
typedef struct pl_zone_problem {
    const pl_scenario *scenario;
    size_t n_constraints;
    const pl_agreement_constraint *constraints;
    const pl_zone_state *state;
    const double *low, *high, *level;
    pl_zone_objective objective;
    double sum_cap;               /**< PL_ZONE_MIN_MAX only */
    const double *origin;         /**< PL_ZONE_MIN_CHANGE only: the starting package */
    unsigned long long max_nodes; /**< option combinations the search may visit */
    /**
     * Per constraint, read on reservations only. MAXIMIN: the level is
     * U_a - level[k] >= t coefficient[k] (NULL: 1; Kalai-Smorodinsky scales by
     * ideal - reservation). WEIGHTED_SUM: the weight of U_a. NASH: the largest
     * gain the member can get in the zone (its ideal minus level[k]), 0 to
     * leave the member out of the sum of logarithms. All reservations stay hard.
     */
    const double *coefficient;
    double *gap; /**< NASH, may be NULL: the proven bound on the optimum's shortfall */
    /**
     * NASH, may be NULL: a proven bound on max_a |gain_a - gain*_a| between the
     * package found and the optimum (NAN when another option combination's
     * upper bound comes within 1e-13 of the package's value).
     */
    double *error;
    /**
     * May be NULL. The leaves' LPs, indexed by the option combination (mixed
     * radix, issue order), kept across a run of WEIGHTED_SUM and NASH problems
     * over the same constraints and levels: only the objective changes, so each
     * leaf's phase 1 runs once. The caller frees the LPs.
     */
    pl_lp **leaf_cache;
    size_t n_leaf_cache;
    /**
     * May be NULL. Per option combination, indexed as leaf_cache (n_leaf_level
     * entries, +INFINITY when unknown): MAXIMIN records each leaf's optimum t
     * (-INFINITY when it has no package); any other objective skips the leaves
     * whose entry is below leaf_floor (Kalai-Smorodinsky's second problem,
     * whose raised levels no such leaf can meet).
     */
    double *leaf_level;
    size_t n_leaf_level;
    double leaf_floor;
    /** May be NULL: counts the LPs' pivots, reports progress and may cancel (core/meter.c). */
    pli_meter *meter;
} pl_zone_problem;

/**
 * Solve a problem: every option combination of the options issues (depth
 * first, with bound pruning) times one LP over the continuous issues. Sets
 * *feasible; when feasible, `package` (n_issues) and *value (the objective as
 * a maximum: t for MAXIMIN, the weighted sum, the sum of logarithms (-inf
 * when a member of the sum gets no gain on any package), minus the cost
 * otherwise). *nodes counts option
 * combinations and LPs (added to). PL_ERR_LIMIT beyond max_nodes,
 * PL_ERR_UNSUPPORTED for the quadratic utility form on continuous issues,
 * PL_ERR_CANCELLED when problem->meter's callback asks to stop.
 */
int pli_zone_solve(const pl_zone_problem *problem, int *feasible, double *package,
                   double *value, unsigned long long *nodes);

/** Normalised violation of constraint k by `package` (0 when satisfied; options: 0/1). */
double pli_zone_violation(const pl_zone_problem *problem, size_t k, const double *package);


/**
 * The Nash point of the convex hull of `q` points of gains (row-major q x m,
 * each >= 0): max sum_a log(s_a), s = sum_j mu_j P_j over the simplex (nash.c).
 * `mu` (q) must start feasible with every s_a > 0; it ends at the optimum and
 * `s` (m) at its gains. PL_OK or PL_ERR_NOMEM.
 */
int pli_nash_master(size_t m, size_t q, const double *points, double *mu, double *s);
/*
 * The certificate's normal at g = sum_j mu_j P_j (nash.c): c, the gradient 1/g
 * projected so that c P_j is equal over the points in use; *rho = |1/g - c|_2.
 */
int pli_nash_normal(size_t m, size_t q, const double *points, const double *mu,
                   const double *g, double *c, double *rho);

/* ---- Shared by agreement*.c and mediate.c ----------------------------------------- */

/** A package problem with its own state and bounds, for one coalition's constraints. */
typedef struct pl_zone {
    pl_zone_problem problem;
    pl_zone_state *state;
    double *low, *high, *level; /* per constraint */
    double *package;            /* n_issues: the last solution */
} pl_zone;

/** Set up a problem over g's constraints: all hard, the scenario's bounds, MAXIMIN;
 *  its LPs count their work on `meter` (may be NULL). */
int pli_zone_init(pl_zone *zone, const pl_scenario *scenario, const pl_agreement *g,
                  const pl_agreement_options *options, pli_meter *meter);
/** Back to all hard, the scenario's bounds and MAXIMIN. */
void pli_zone_reset(pl_zone *zone, const pl_scenario *scenario);
void pli_zone_release(pl_zone *zone);
/** pli_zone_solve() into zone->package. */
int pli_zone_run(pl_zone *zone, unsigned long long *work, int *feasible, double *value);

/** Copy a package and compute every actor's utility for it (both freshly allocated). */
/**
 * The zone of one coalition (`member`: n_actors flags): a new analysis with
 * its coalition, constraints, decision, margin and maximin package and, when
 * agreement is possible and options->solutions, its best packages (no
 * conflicts, no relaxations: agreement/ adds those). PL_ERR_LIMIT when the
 * option search exceeds max_nodes: *out is then the analysis so far (coalition
 * and constraints, nothing decided) for the caller's fallback; on any other
 * failure *out is NULL. zone.c.
 */
/**
 * Refuse at once a zone whose linear programmes would take minutes: PL_OK, or
 * PL_ERR_LIMIT with the estimate and the way out in `diag`. zone.c.
 */
int pli_zone_check_size(const pl_scenario *scenario, pl_diag *diag);
/** The estimate pli_zone_check_size() checks: rows^2 (rows + columns) of the largest LP. */
double pli_zone_work_estimate(const pl_scenario *scenario);

int pli_zone_decide(const pl_scenario *scenario, const pl_agreement_options *options,
                    const unsigned char *member, pli_meter *meter, pl_agreement **out);

int pli_copy_utilities(const pl_scenario *scenario, const double *package, double **package_out,
                       double **utilities_out);

void pli_relaxation_clear(pl_relaxation *relaxation);

/**
 * Nonzero when searching the sets of size k (of n constraints) would take a
 * search that started at meter->work `start`, and began size k - 1 at
 * `before`, past `limit` (pl_agreement_options.max_search_work): size k - 1's
 * work times C(n, k) / C(n, k - 1). Sizes 0 and 1 always run. agreement_relax.c.
 */
int pli_search_too_large(const pli_meter *meter, double limit, double start, double before,
                         size_t n, size_t k);

/** Nonzero when every member (n indices) is flagged in `in_set`. agreement_relax.c. */
int pli_members_in_set(const size_t *members, size_t n, const unsigned char *in_set);

/** Reset `zone`, then move the bounds of a relaxation's members as far as it says. */
void pli_zone_move(pl_zone *zone, const pl_scenario *scenario, const pl_relaxation *relaxation);

/**
 * The smallest relaxation of the constraints flagged in `in_set` (n_constraints
 * flags) into `out` (members, amounts, new bounds, total, package,
 * utilities; margin NaN). *opens is zero when even removing them leaves no
 * zone. agreement_relax.c.
 */
int pli_relax_set(const pl_scenario *scenario, const pl_agreement_options *options,
                  const pl_agreement *g, const unsigned char *in_set, pli_meter *meter,
                  pl_relaxation *out, int *opens, unsigned long long *work);

/* Each of these counts its LPs' work on `meter` (may be NULL) and stops with
 * PL_ERR_CANCELLED when its callback asks to. */
/** The frontier solutions of the zone (agreement_solutions.c). */
int pli_agreement_solutions(const pl_scenario *scenario, const pl_agreement_options *options,
                            pli_meter *meter, pl_agreement *g);
/** The minimal conflicts (agreement_conflicts.c). */
int pli_agreement_conflicts(const pl_scenario *scenario, const pl_agreement_options *options,
                            pli_meter *meter, pl_agreement *g);
/** The minimal relaxation sets and the closest package (agreement_relax.c). */
int pli_agreement_relaxations(const pl_scenario *scenario, const pl_agreement_options *options,
                              pli_meter *meter, pl_agreement *g);

#endif
