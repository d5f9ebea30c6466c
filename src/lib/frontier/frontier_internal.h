/*
 * frontier_internal.h - what the frontier's sources share; not installed.
 *
 * Utilities inside the frontier code are fixed-point integers: a utility u is
 * held as round(u * 2^48). Per-issue contributions are rounded once, so a
 * package's utility is an exact integer sum whatever the order of addition:
 * dominance is then a true partial order (no rounding ties between equal
 * packages summed in different orders), and the error against the double sum
 * is below issues x 2^-49 (1e-13 for 40 issues), far inside the contract's
 * 1e-9 tolerance (docs/frontier.md, "Arithmetic").
 */
#ifndef PARLEY_FRONTIER_INTERNAL_H
#define PARLEY_FRONTIER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/internal.h"
#include "parley/frontier.h"
#include "parley/threads.h"

/** 2^48: one unit of utility in fixed point. */
#define FR_SCALE 281474976710656.0
/** The contract's PL_TOLERANCE in fixed point (1e-9 * 2^48 = 281475, rounded). */
#define FR_TOLERANCE ((int64_t)(PL_TOLERANCE * FR_SCALE + 0.5))

/** One issue's candidate outcomes and what each is worth to each party. */
typedef struct fr_issue {
    size_t n_values;        /**< every candidate (the outcome count uses all of them) */
    double *values;         /**< the option index, or the position on a continuous issue */
    unsigned char *allowed; /**< nonzero when no red line excludes the value */
    int64_t *gain;          /**< n_values x parties: w_ai u_ai(value) in fixed point */
    size_t n_allowed;
    size_t n_pareto;        /**< allowed values no other allowed value dominates */
    uint32_t *pareto;       /**< their indices, sorted lexicographically (highest first) */
} fr_issue;

/** Everything the merge, the count and the solutions read. */
typedef struct fr_tables {
    size_t parties, n_issues;
    fr_issue *issues;
    int64_t *offset;     /**< per party: 1 for actors with no salience anywhere, else 0 */
    int64_t *threshold;  /**< per party: rv - 1e-9, the rationality test (contract) */
    int64_t *rem_max;    /**< (n_issues + 1) x parties: best allowed gain of issues k.. */
    int64_t *rem_min;    /**< (n_issues + 1) x parties: worst allowed gain of issues k.. */
    int64_t *lowest;     /**< per party: lowest utility over all outcomes */
    size_t n_continuous_exact, n_continuous_grid;
} fr_tables;

/* frontier_tables.c */
int fr_tables_build(const pl_scenario *s, const pl_frontier_options *o, fr_tables *t,
                    pl_pool *pool, pl_diag *diag);
void fr_tables_free(fr_tables *t);

/** One merge stage: for each frontier point after the stage, where it came from. */
typedef struct fr_stage {
    uint32_t *parent; /**< index in the previous stage's frontier */
    uint32_t *choice; /**< index into the issue's values */
} fr_stage;

/** The exact frontier of the rational outcomes. */
typedef struct fr_merge {
    size_t n;          /**< points */
    int64_t *points;   /**< n x parties, lexicographically descending, distinct */
    uint32_t *order;   /**< stage s merged issue order[s] */
    fr_stage *stages;  /**< per stage */
} fr_merge;

/* frontier.c */
int fr_merge_run(const fr_tables *t, const pl_frontier_options *o, pl_pool *pool,
                 fr_merge *m, pl_diag *diag);
void fr_merge_free(fr_merge *m, size_t n_issues);
/** The package of final point k: per issue its value (option index or position). */
void fr_merge_package(const fr_tables *t, const fr_merge *m, size_t k, double *package);

/* frontier_skyline.c */
/**
 * Mark which points of a pool sorted lexicographically descending (ties in
 * the order that decides which copy of an equal vector survives) no earlier
 * point weakly dominates: keep[i] = 1 for the skyline. O(n) for 1 and 2
 * parties, O(n log n) for 3, k-d tree queries (parallel) for more.
 */
int fr_skyline(const int64_t *points, size_t n, size_t parties, pl_pool *pool,
               unsigned char *keep);

/* frontier_lists.c */
/** Most parties and most lists (Pareto values of the issue) fr_lists_mark takes. */
#define FR_MAX_LIST_PARTIES 16
#define FR_MAX_LISTS 256
/**
 * The skyline of a stage's pool { f + shift_v : f in base, v < m } without
 * building it: keep[f * m + v] = 0 when f + shift_v misses `need` in some
 * coordinate or some f' + shift_w (w != v) is >= it everywhere and differs
 * from it; else FR_MARK_TIED when some f' + shift_w equals it (the caller
 * decides the tie), else 1. `base` is an antichain sorted lexicographically
 * descending. PL_ERR_ARGUMENT beyond the limits above.
 */
#define FR_MARK_TIED 2
int fr_lists_mark(const int64_t *base, size_t n, size_t parties, const int64_t *shift,
                  size_t m, const int64_t *need, pl_pool *pool, unsigned char *keep);
/** Lexicographic comparison, descending: < 0 when a comes first. */
int fr_compare_desc(const int64_t *a, const int64_t *b, size_t parties);

/** Nonzero when `a` >= `b` in every coordinate (the k-d trees' dominance test; inline, hot). */
static inline int fr_covers(const int64_t *a, const int64_t *b, size_t parties)
{
    for (size_t d = 0; d < parties; d++)
        if (a[d] < b[d])
            return 0;
    return 1;
}

/* frontier_count.c: counts beyond 64 bits. */
#define FR_BIG_LIMBS 40 /* 1280 bits */
typedef struct fr_big {
    uint32_t limb[FR_BIG_LIMBS];
} fr_big;
void fr_big_set(fr_big *b, uint64_t value);
/** b *= factor; nonzero on overflow. */
int fr_big_mul(fr_big *b, uint32_t factor);
/** a += b; nonzero on overflow. */
int fr_big_add(fr_big *a, const fr_big *b);
void fr_big_to_count(const fr_big *b, pl_count *out);
/** Count the rational outcomes exactly (bound-pruned search, see frontier_count.c). */
int fr_count_rational(const fr_tables *t, const pl_frontier_options *o, pl_pool *pool,
                      fr_big *out, pl_diag *diag);

/* frontier_solutions.c */
/**
 * The contract's frontier from the exact one: drop points another frontier
 * point dominates within 1e-9, then merge near-equals (first in order kept).
 * keep[k] is set for the points reported.
 */
int fr_tolerant_filter(const fr_merge *m, size_t parties, unsigned char *keep);
/** The objective solution `kind` maximises at utilities u (power: asymmetric Nash). */
double fr_objective(pl_solution_kind kind, const double *u, const pl_frontier *f,
                    const double *power);
/**
 * Three or more parties, linear form, some continuous issue, d = reservations:
 * replace the four solutions by the zone's exact optima (sets solutions_exact).
 */
int fr_zone_solutions_apply(const pl_scenario *s, const pl_frontier_options *o, pl_frontier *f);
int fr_solutions(const pl_scenario *s, const fr_tables *t, const fr_merge *m,
                 const unsigned char *keep, const pl_frontier_options *o, pl_frontier *f);

/* frontier_api.c */
/**
 * The zone's packages when every issue is an options issue, from the exact
 * frontier of all actors: into best (4 x n_issues) the maximin package of the
 * members (min of U_a - r_a), then their nash, kalai_smorodinsky and
 * utilitarian packages over the packages meeting their reservations;
 * present[4]. Red lines: every actor's (callers ensure only members hold any).
 */
int fr_options_zone(const pl_scenario *s, const size_t *members, size_t n, double *best,
                    int *present, pl_diag *diag);

/* frontier_continuous.c */
/** Two parties, linear utilities and some continuous issue with an allowed interval. */
int fr_continuous_applies(const pl_scenario *s);
/**
 * The exact frontier of such a scenario (its vertices and the solutions'
 * points) and the solutions, into f; counts are the caller's.
 */
int fr_continuous_frontier(const pl_scenario *s, const pl_frontier_options *o,
                           const fr_tables *t, pl_pool *pool, pl_frontier *f, pl_diag *diag);

#endif
