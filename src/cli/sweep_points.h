/*
 * sweep_points.h - the inputs of `parley sweep` and `parley sensitivity`: the
 * `--vary PATH=FROM:TO[:STEP]` factors, how a value is put into a scenario, and
 * the points (a full grid, or a Sobol low-discrepancy sample) - docs/sweep.md.
 */
#ifndef PARLEY_CLI_SWEEP_POINTS_H
#define PARLEY_CLI_SWEEP_POINTS_H

#include <stddef.h>
#include <stdint.h>

#include "parley/parley.h"

/** What a --vary path names; SWEEP_GENERAL goes through the general --set route. */
typedef enum sweep_target {
    SWEEP_CAPABILITY,        /* actors.A.capability */
    SWEEP_RESERVATION,       /* actors.A.reservation */
    SWEEP_POSITION,          /* actors.A.stances.I.position */
    SWEEP_SALIENCE,          /* actors.A.stances.I.salience */
    SWEEP_STANCE_CAPABILITY, /* actors.A.stances.I.capability */
    SWEEP_RED_LINE_MIN,      /* actors.A.red_lines.I.min */
    SWEEP_RED_LINE_MAX,      /* actors.A.red_lines.I.max */
    SWEEP_PROPOSAL,          /* proposals.P.positions.I */
    SWEEP_THRESHOLD,         /* decision_rule.threshold */
    SWEEP_GENERAL
} sweep_target;

/** One --vary factor. */
typedef struct sweep_factor {
    const char *path;   /* as given (points into argv) */
    size_t path_length;
    double from, to, step;
    int has_step;
    size_t levels;      /* grid points: floor((to - from) / step + 1e-9) + 1 */
    sweep_target target;
    size_t actor, issue, proposal, red_line;
} sweep_factor;

/**
 * Parse "PATH=FROM:TO[:STEP]" for `command`; STEP is required when `need_step`.
 * Prints a usage error and returns EXIT_BAD_INPUT on failure.
 */
int sweep_factor_parse(const char *command, const char *text, int need_step, sweep_factor *f);

/**
 * Resolve the factor's path against the scenario and check that FROM and TO
 * both give a valid scenario. Prints "error: --vary PATH: ..." and returns
 * EXIT_BAD_INPUT on failure.
 */
int sweep_factor_resolve(const char *command, sweep_factor *f, const pl_scenario *scenario);

/** Put `value` at the factor's path of `scenario` (in place). PL_OK or an error in diag. */
int sweep_apply(pl_scenario *scenario, const sweep_factor *f, double value, pl_diag *diag);

/** The value of factor `j` at grid point `point` (the last factor varies fastest). */
double sweep_grid_value(const sweep_factor *factors, size_t n_factors, size_t point, size_t j);

/** Number of grid points (0 when it would exceed SIZE_MAX / 2). */
size_t sweep_grid_size(const sweep_factor *factors, size_t n_factors);

/**
 * `n` points of the `d`-dimensional Sobol sequence (GSL's gsl_qrng_sobol,
 * Bratley and Fox 1988; d <= SWEEP_SOBOL_MAX_DIMENSIONS), each shifted modulo 1
 * by a vector drawn from Philox keyed by `seed` (a Cranley-Patterson rotation,
 * Cranley and Patterson 1976), into out[point * d + j], all in [0, 1).
 * Returns 0, or -1 when out of memory.
 */
#define SWEEP_SOBOL_MAX_DIMENSIONS 40
int sweep_sobol_points(size_t d, size_t n, uint64_t seed, double *out);

/** A uniform number in [0, 1) from Philox keyed by `seed` at counter (a, b). */
double sweep_uniform(uint64_t seed, uint64_t a, uint64_t b);

#endif
