/*
 * simulation_report.h - what `parley simulate`, `parley tournament` and
 * `parley run` share about simulations: loading a GENIUS domain folder, the
 * Monte Carlo result as JSON and text, and the what-if section of `run`.
 */
#ifndef PARLEY_CLI_SIMULATION_REPORT_H
#define PARLEY_CLI_SIMULATION_REPORT_H

#include <stdio.h>

#include <jansson.h>

#include "parley/parley.h"
#include "parley/simulate.h"

/**
 * Load a scenario as cli_load_scenario() does, and also from one folder
 * holding a GENIUS domain and its profiles (profiles in byte-wise file-name
 * order, as specs/negmas-sao.md §1 says). Prints errors; returns an exit status.
 */
int cli_simulation_load(const char *const *paths, size_t n, pl_scenario **out);

/** A number, or null when NaN. */
json_t *cli_simulation_number(double x);

/** The Monte Carlo result as `parley simulate --json` reports it (docs/simulation.md). */
json_t *cli_json_montecarlo(const pl_scenario *s, const pl_montecarlo_options *o,
                            const pl_montecarlo *m);

/** The same as text, at most 100 columns. */
void cli_text_montecarlo(FILE *out, const pl_scenario *s, const pl_montecarlo_options *o,
                         const pl_montecarlo *m);

/**
 * The short simulation section of `parley run`: settlement probability of
 * 1,000 Monte Carlo runs (seed 1) for the baseline (no draws, no shocks),
 * each shock alone and each uncertainty group alone.
 */
void cli_text_simulation_whatifs(FILE *out, const pl_scenario *s);
json_t *cli_json_simulation_whatifs(const pl_scenario *s);

#endif
