/*
 * model_run.h - one forecasting model run from the command line: its
 * options, its result, its forecast, its JSON and text, whatever the model.
 */
#ifndef PARLEY_CLI_MODEL_RUN_H
#define PARLEY_CLI_MODEL_RUN_H

#include <stdio.h>

#include <jansson.h>

#include "parley/parley.h"

/*
 * The expected-utility model compares every pair of actors on every issue in
 * every round: actors^2 x issues x rounds comparisons, about 4 million a
 * second here (200 actors x 50 issues x 8 rounds, 1.6e7: 4.3 s on the shared
 * 2-core build machine). Above this it is refused before it starts.
 */
#define CLI_EU_MAX_WORK 2.5e7
/*
 * The exchange model weighs every pair of actors on every pair of issues in
 * every round: actors^2 x issues^2 x rounds, about 1e7 a second here (100
 * actors x 10 issues x 10 rounds, 1e8: 11 s on the shared build machine).
 */
#define CLI_EXCHANGE_MAX_WORK 2e7

typedef struct cli_model_run {
    pl_model model;
    pl_eu_options eu;
    pl_exchange_options exchange;
    pl_smp_options smp;
    void *result;       /**< pl_eu_result, pl_exchange_result or pl_smp_result */
    double *forecast;   /**< n_issues, owned: the final forecast of any model */
    int ran;            /**< nonzero once the model has run */
    pl_diag failure;    /**< why the model could not run on the scenario */
} cli_model_run;

/** Set up a run of `model` with its default options. */
void cli_model_init(cli_model_run *run, pl_model model);

/**
 * Apply one option. With `generic` set, `name` is one of the flags every
 * model may take: "rounds" (eu, exchange: rounds; smp: most rounds),
 * "threads" (smp), "seed" (exchange), "preset" (eu), and PL_ERR_NOT_FOUND
 * says this model does not take it. Otherwise `name` goes to the model's own
 * options (pl_eu_options_set, ...), whose errors come back as they are.
 */
int cli_model_set(cli_model_run *run, const char *name, const char *value, int generic,
                  pl_diag *diag);

/** Run the model; on failure `run->failure` says why and the status is returned. */
int cli_model_execute(cli_model_run *run, const pl_scenario *scenario);

/** The model's JSON object per docs/cli-contract.md ("forecast", and "rounds" when dynamic). */
json_t *cli_model_json(const cli_model_run *run, const pl_scenario *scenario);

/** The dynamic models' round-by-round text (nothing for the static ones). */
void cli_model_text(FILE *out, const cli_model_run *run, const pl_scenario *scenario);

/**
 * The forecasts table of `n` runs side by side (the models that ran), then a
 * line for each model that could not run, with the reason.
 */
void cli_model_text_forecasts(FILE *out, const cli_model_run *runs, size_t n,
                              const pl_scenario *scenario);

void cli_model_free(cli_model_run *run);

#endif
