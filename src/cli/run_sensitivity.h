/*
 * run_sensitivity.h - "Which judgements matter" in `parley run`: the Sobol
 * indices of the compromise forecast of each barrier issue (the first issue
 * when there is none) with respect to the scenario's uncertainty groups, as
 * the "sensitivity" member of `parley run --json` (docs/report.md), and the
 * JSON document both `run` and `parley sensitivity --json` give per output.
 */
#ifndef PARLEY_CLI_RUN_SENSITIVITY_H
#define PARLEY_CLI_RUN_SENSITIVITY_H

#include <jansson.h>
#include <stdint.h>

#include "parley/parley.h"
#include "sensitivity_inputs.h"

/** `parley run`'s default sample: 256 x (k + 2) compromise forecasts (docs/report.md). */
#define CLI_RUN_SENSITIVITY_SAMPLES 256

/**
 * {"output": Q, "samples": N, "inputs": [{"group", "first_order", "total",
 * "first_order_interval", "total_interval"}...]}, the contract's `parley
 * sensitivity --json`; NULL when out of memory.
 */
json_t *cli_sensitivity_document(const char *output, const sens_problem *p,
                                 const pl_sobol_index *index);

/**
 * {"samples", "seed", "bootstrap", "outputs": [documents]} for scenario `s`
 * with `red_lines` analysed; *out NULL when there is nothing to show (no
 * uncertainty group that draws anything, or no issue whose forecast is
 * defined at every sample). EXIT_OK, or EXIT_INTERNAL when out of memory.
 */
int cli_run_sensitivity(const pl_scenario *s, const pl_red_line_analysis *red_lines,
                        size_t samples, uint64_t seed, json_t **out);

#endif
