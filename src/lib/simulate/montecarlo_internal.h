/*
 * montecarlo_internal.h - the Monte Carlo sources' shared parts; not installed.
 */
#ifndef PARLEY_MONTECARLO_INTERNAL_H
#define PARLEY_MONTECARLO_INTERNAL_H

#include "simulate/sao_internal.h"

/** One drawn scalar input (a draw of "every issue" gives one per issue). */
typedef struct mc_input {
    size_t group, actor, issue, red_line;
    pl_quantity quantity;
    pl_distribution distribution;
    double spread;
} mc_input;

typedef struct mc_plan {
    size_t n_inputs;
    mc_input *inputs;
} mc_plan;

int mc_plan_init(mc_plan *plan, const pl_scenario *s, const unsigned char *use_uncertainty);
void mc_plan_free(mc_plan *plan);
/** Draw every input of run `run` into `in` (deviations recorded when not NULL). */
void mc_apply_draws(const mc_plan *plan, sao_inputs *in, const pl_scenario *s, uint64_t seed,
                    uint64_t run, double *deviations);

/** What each run leaves for the reduction, in run order. */
typedef struct mc_runs {
    size_t runs, n_parties, n_issues, n_inputs;
    unsigned char *agreed;
    int *step;
    double *utilities;   /**< runs x parties */
    double *package;     /**< runs x issues */
    double *deviations;  /**< runs x inputs */
} mc_runs;

int mc_runs_alloc(mc_runs *r, size_t runs, const pl_scenario *s, size_t n_inputs);
void mc_runs_free(mc_runs *r);
/**
 * Negotiate runs first .. first + runs->runs - 1 into runs' slots 0, 1, ...;
 * `failure` (MC_FAILURE_SIZE) gets what a caller's negotiator failed in.
 */
int mc_negotiate_runs(const pl_scenario *s, const pl_montecarlo_options *o, pl_pool *pool,
                      const mc_plan *plan, size_t first, mc_runs *runs, char *failure);
/** Fill the result from every run's record (the arrays move into it with keep_runs). */
int mc_finish(const pl_scenario *s, const pl_montecarlo_options *o, const mc_plan *plan,
              mc_runs *runs, pl_montecarlo *m);

/** Reduce the runs into the result, in run order (montecarlo_stats.c). */
int mc_reduce(const mc_runs *runs, const mc_plan *plan, const pl_scenario *s,
              pl_montecarlo *out);

#endif
