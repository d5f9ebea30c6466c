/*
 * model_smp.h - the CLI's reports of the smp model (KTAB's spatial model of
 * politics, parley/smp.h): the JSON model object, a text summary and the
 * --trace CSV. The caller (parley predict) runs the model and owns the result.
 */
#ifndef PARLEY_CLI_MODEL_SMP_H
#define PARLEY_CLI_MODEL_SMP_H

#include <stdio.h>

#include <jansson.h>

#include "parley/parley.h"
#include "parley/smp.h"

/**
 * The contract's model object: {"forecast": [...], "most_probable": [...],
 * "probability": p, "rounds": [{"positions": [[per issue] per actor],
 * "forecast": [...], "mean": [...], "win_probabilities": [per actor]}, ...]}.
 * Rounds 1..T (the input state is not included, as docs/cli-contract.md says);
 * "forecast" is the probability-weighted mean of the round's distribution,
 * "mean" the capability-times-salience weighted mean of the positions.
 * New reference, or NULL when out of memory.
 */
json_t *cli_json_smp(const pl_scenario *scenario, const pl_smp_result *result);

/** A compact summary (at most CLI_WIDTH = 100 columns): outcome, distribution, rounds. */
void cli_text_smp(FILE *out, const pl_scenario *scenario, const pl_smp_result *result);

/**
 * Write the --trace CSV to `path` atomically. Header
 * `round,actor,dimension,position,win_probability`; one row per round
 * (0 = the input, then 1..T), actor and issue, in that order; actor and
 * dimension are ids (CSV-quoted when needed), position is on the issue's
 * scale with 17 significant digits, win_probability is the probability of
 * the unique position the actor holds in that round (the same on every
 * dimension row of the actor; KTAB's "winning probabilities" history).
 */
int cli_write_smp_trace(const char *path, const pl_scenario *scenario,
                        const pl_smp_result *result, pl_diag *diag);

#endif
