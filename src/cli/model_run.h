/*
 * model_run.h - one forecasting model run from the command line: its
 * options, its result, its forecast, its JSON and text, whatever the model.
 */
#ifndef PARLEY_CLI_MODEL_RUN_H
#define PARLEY_CLI_MODEL_RUN_H

#include <stdio.h>

#include <jansson.h>

#include "parley/parley.h"

typedef struct cli_model_run {
    pl_model model;
    pl_eu_options eu;
    pl_exchange_options exchange;
    pl_smp_options smp;
    void *result;       /**< pl_eu_result, pl_exchange_result or pl_smp_result */
    double *forecast;   /**< n_issues, owned: the final forecast of any model */
    int ran;            /**< nonzero once the model has run */
    pl_scenario *part;  /**< owned: the issues the model handles, NULL when all (result's scenario) */
    unsigned flags;     /**< PL_SKIP_FLAG_* of its options */
    const pl_scenario *scenario; /**< borrowed: the scenario it last ran on */
    pl_trace trace;     /**< with `part`: the result's trace over every issue (NaN where left out) */
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

/**
 * Run the model on the issues it handles; on failure `run->failure` says why
 * and the status is returned.
 */
int cli_model_execute(cli_model_run *run, const pl_scenario *scenario);

/**
 * The model's JSON object per docs/cli-contract.md ("forecast", and "rounds"
 * when dynamic), one entry per issue of `scenario`: null on the issues the
 * model left out, and then "skipped": {issue id: reason (PL_SKIP_*)}.
 */
json_t *cli_model_json(const cli_model_run *run, const pl_scenario *scenario);

/** {issue id: reason (PL_SKIP_*)} for the issues the model left out; NULL when none. */
json_t *cli_model_skipped(const cli_model_run *run, const pl_scenario *scenario);

/** The dynamic models' round-by-round text (nothing for the static ones). */
void cli_model_text(FILE *out, const cli_model_run *run, const pl_scenario *scenario);

/**
 * The forecasts table of `n` runs side by side (the models that ran; "-" on
 * the issues a model left out), then a line for each model that left out
 * issues or could not run, with the reasons.
 */
void cli_model_text_forecasts(FILE *out, const cli_model_run *runs, size_t n,
                              const pl_scenario *scenario);

/** The round-by-round trace over every issue of the scenario, or NULL (static models). */
const pl_trace *cli_model_trace(const cli_model_run *run);

void cli_model_free(cli_model_run *run);

#endif
