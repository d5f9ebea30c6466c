/*
 * sensitivity_inputs.h - what `parley sensitivity` varies and measures: its
 * factors (the scenario's uncertainty groups, or --vary ranges), the radial
 * sample design over them, and the output quantity Q (docs/sensitivity.md).
 */
#ifndef PARLEY_CLI_SENSITIVITY_INPUTS_H
#define PARLEY_CLI_SENSITIVITY_INPUTS_H

#include <stddef.h>
#include <stdint.h>

#include "parley/parley.h"
#include "sweep_points.h"

/** One drawn input: a quantity of an actor (on one issue, or one red line). */
typedef struct sens_input {
    size_t factor;
    size_t actor, issue, red_line;
    pl_quantity quantity;
    pl_distribution distribution;
    double spread;
} sens_input;

typedef enum sens_output_kind {
    SENS_FORECAST, SENS_MARGIN, SENS_SETTLEMENT, SENS_UTILITY
} sens_output_kind;

typedef struct sens_problem {
    const pl_scenario *base;
    /* Factors: uncertainty groups (inputs[] with factor = group) or --vary ranges. */
    size_t n_factors;
    const char **factor_names;      /* group ids or --vary paths (owned strings) */
    size_t n_inputs;                /* columns of a design row: inputs, or one per --vary */
    sens_input *inputs;             /* groups only */
    sweep_factor *vary;             /* --vary only (n_factors of them) */
    /* The design: n rows of A and of B, each n_inputs uniforms in [0, 1). */
    size_t n;
    double *a, *b;
    /* The output. */
    sens_output_kind kind;
    pl_model model;
    size_t issue, actor, proposal;
    size_t runs;
    uint64_t seed;
} sens_problem;

/** Parse Q (forecast:MODEL:ISSUE, margin, settlement, utility:ACTOR:PROPOSAL); usage errors. */
int sens_parse_output(sens_problem *p, const char *q);

/** The factors: every uncertainty group with a drawable input; EXIT_BAD_INPUT if none. */
int sens_group_factors(sens_problem *p);
/** The same without the message: zero factors is no error (`parley run`'s section). */
int sens_collect_groups(sens_problem *p);

/**
 * The radial design: A and B from one 2 x n_inputs dimensional Sobol point a row
 * (shifted by the seed) when that is at most SWEEP_SOBOL_MAX_DIMENSIONS, else
 * Philox uniforms keyed by the seed. EXIT_INTERNAL when out of memory.
 */
int sens_design(sens_problem *p);

/**
 * Q at evaluation `id` of the design: row j = id / (k + 2) of A (c = 0), of B
 * (c = 1) or of A with factor c - 2's columns from B (c = id % (k + 2)).
 * NaN when Q is undefined there (a margin with clashing red lines); *failed
 * set when out of memory.
 */
double sens_evaluate(const sens_problem *p, size_t id, int *failed);

void sens_problem_free(sens_problem *p);

#endif
