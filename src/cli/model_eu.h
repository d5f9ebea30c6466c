/*
 * model_eu.h - the expected-utility model's part of `parley predict` reports
 * (docs/cli-contract.md "predict"; docs/model-eu.md).
 */
#ifndef PARLEY_CLI_MODEL_EU_H
#define PARLEY_CLI_MODEL_EU_H

#include <stdio.h>

#include <jansson.h>

#include "parley/eu.h"
#include "parley/parley.h"

/**
 * The contract's model object: {"forecast": [...], "rounds": [{"positions":
 * [[x_actor1_issue1, ...], ...], "forecast": [...], "mean": [...], "offers":
 * [{"issue": id, "actor": id, "kind": "conflict"|"compromise"|"capitulation",
 * "towards": id, "to": x}, ...]}, ...]}. One round per trace entry (the first
 * is the state after round 1). Forecasts are values of the issue (option ids
 * on options issues); positions, means and "to" are numbers on the issue's
 * scale (an options issue's placement scale), null where an actor has no
 * stance. A new reference; NULL if out of memory.
 */
json_t *cli_json_eu(const pl_scenario *scenario, const pl_eu_result *result);

/**
 * A 100-column table per issue: round (0 = the input), median, mean and the
 * number of moves of each kind.
 */
void cli_text_eu(FILE *out, const pl_scenario *scenario, const pl_eu_result *result);

#endif
