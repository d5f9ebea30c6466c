/*
 * model_exchange.h - the exchange model's part of `parley predict` reports
 * (docs/cli-contract.md "predict"; docs/model-exchange.md).
 */
#ifndef PARLEY_CLI_MODEL_EXCHANGE_H
#define PARLEY_CLI_MODEL_EXCHANGE_H

#include <stdio.h>

#include <jansson.h>

#include "parley/exchange.h"
#include "parley/parley.h"

/**
 * The contract's model object: {"forecast": [...], "rounds": [{"positions":
 * [[x_actor1_issue1, ...], ...], "forecast": [...], "mean": [...], "exchanges":
 * [{"actors": [id, id], "supplies": [issue, issue], "from": [...], "to": [...],
 * "gain": g}, ...]}, ...]}. Positions are voting positions (null where an
 * actor has no stance). A new reference; NULL if out of memory.
 */
json_t *cli_json_exchange(const pl_scenario *scenario, const pl_exchange_result *result);

/** A 100-column table: per round, the number of exchanges and the outcome per issue. */
void cli_text_exchange(FILE *out, const pl_scenario *scenario, const pl_exchange_result *result);

#endif
