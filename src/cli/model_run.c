/*
 * model_run.c - every model behind one interface, so that `predict` and
 * `run` treat them alike: options by name, a run, a forecast, JSON and text.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "model_eu.h"
#include "model_exchange.h"
#include "model_run.h"
#include "model_smp.h"

void cli_model_init(cli_model_run *run, pl_model model)
{
    memset(run, 0, sizeof *run);
    run->model = model;
    pl_eu_options_init(&run->eu);
    pl_exchange_options_init(&run->exchange);
    pl_smp_options_init(&run->smp);
    pl_diag_clear(&run->failure);
}

/* The generic flags each model knows: --rounds, --threads, --seed, --preset. */
static int knows_generic(pl_model model, const char *name)
{
    if (strcmp(name, "rounds") == 0)
        return pl_model_is_dynamic(model);
    if (strcmp(name, "threads") == 0)
        return model == PL_MODEL_SMP;
    if (strcmp(name, "seed") == 0)
        return model == PL_MODEL_EXCHANGE;
    if (strcmp(name, "preset") == 0)
        return model == PL_MODEL_EU;
    return 0;
}

int cli_model_set(cli_model_run *run, const char *name, const char *value, int generic,
                  pl_diag *diag)
{
    if (generic && !knows_generic(run->model, name))
        return pl_diag_set(diag, PL_ERR_NOT_FOUND, 0, 0, "the %s model has no --%s",
                           pl_model_name(run->model), name);
    switch (run->model) {
    case PL_MODEL_EU: return pl_eu_options_set(&run->eu, name, value, diag);
    case PL_MODEL_EXCHANGE: return pl_exchange_options_set(&run->exchange, name, value, diag);
    case PL_MODEL_SMP:
        return pl_smp_options_set(&run->smp, strcmp(name, "rounds") == 0 ? "max-rounds" : name,
                                  value, diag);
    default:
        return pl_diag_set(diag, PL_ERR_NOT_FOUND, 0, 0, "the %s model takes no options",
                           pl_model_name(run->model));
    }
}

int cli_model_execute(cli_model_run *run, const pl_scenario *s)
{
    pl_diag *diag = &run->failure;
    pl_diag_set_source(diag, cli_scenario_source(s));
    run->forecast = malloc((s->n_issues + 1) * sizeof *run->forecast);
    if (run->forecast == NULL)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    int rc;
    const double *final = NULL;
    switch (run->model) {
    case PL_MODEL_EU: {
        /* Refused up front rather than left to run for minutes: every round compares every
         * pair of actors on every issue (docs/model-eu.md, "Limits"). */
        double work = (double)s->n_actors * (double)s->n_actors * (double)s->n_issues *
                      (double)(run->eu.rounds > 0 ? run->eu.rounds : 1);
        if (work > CLI_EU_MAX_WORK)
            return pl_diag_set(diag, PL_ERR_LIMIT, 0, 0,
                               "eu: %zu actors, %zu issues and %d rounds make %.3g "
                               "comparisons of two actors on an issue, over the limit of %.3g "
                               "(a few seconds); give fewer --rounds, actors or issues",
                               s->n_actors, s->n_issues, run->eu.rounds, work,
                               (double)CLI_EU_MAX_WORK);
        pl_eu_result *r = NULL;
        rc = pl_eu_run(s, &run->eu, &r, diag);
        run->result = r;
        final = r ? r->forecast : NULL;
        break;
    }
    case PL_MODEL_EXCHANGE: {
        /* Every round weighs exchanges between every pair of actors on every pair of issues
         * (docs/model-exchange.md): refused up front above the limit. */
        double work = (double)s->n_actors * (double)s->n_actors * (double)s->n_issues *
                      (double)s->n_issues * (double)(run->exchange.rounds > 0
                                                         ? run->exchange.rounds : 1);
        if (work > CLI_EXCHANGE_MAX_WORK)
            return pl_diag_set(diag, PL_ERR_LIMIT, 0, 0,
                               "exchange: %zu actors, %zu issues and %d rounds make %.3g "
                               "candidate exchanges, over the limit of %.3g (a few seconds); "
                               "give fewer --rounds, actors or issues",
                               s->n_actors, s->n_issues, run->exchange.rounds, work,
                               (double)CLI_EXCHANGE_MAX_WORK);
        pl_exchange_result *r = NULL;
        rc = pl_exchange_run(s, &run->exchange, &r, diag);
        run->result = r;
        final = r ? r->forecast : NULL;
        break;
    }
    case PL_MODEL_SMP: {
        pl_smp_result *r = NULL;
        rc = pl_smp_run(s, &run->smp, &r, diag);
        run->result = r;
        final = r ? r->forecast : NULL;
        break;
    }
    default:
        rc = pl_predict(s, run->model, run->forecast, diag);
        break;
    }
    if (rc == PL_OK && final != NULL)
        memcpy(run->forecast, final, s->n_issues * sizeof *final);
    run->ran = rc == PL_OK;
    return rc;
}

json_t *cli_model_json(const cli_model_run *run, const pl_scenario *s)
{
    switch (run->model) {
    case PL_MODEL_EU: return cli_json_eu(s, run->result);
    case PL_MODEL_EXCHANGE: return cli_json_exchange(s, run->result);
    case PL_MODEL_SMP: return cli_json_smp(s, run->result);
    default: return cli_json_forecast(s, run->forecast);
    }
}

void cli_model_text(FILE *out, const cli_model_run *run, const pl_scenario *s)
{
    switch (run->model) {
    case PL_MODEL_EU: cli_text_eu(out, s, run->result); break;
    case PL_MODEL_EXCHANGE: cli_text_exchange(out, s, run->result); break;
    case PL_MODEL_SMP: cli_text_smp(out, s, run->result); break;
    default: break;
    }
}

void cli_model_text_forecasts(FILE *out, const cli_model_run *runs, size_t n,
                              const pl_scenario *s)
{
    pl_model models[PL_MODEL_COUNT] = {0};
    const double *forecasts[PL_MODEL_COUNT] = {NULL};
    size_t ran = 0;
    for (size_t m = 0; m < n && ran < PL_MODEL_COUNT; m++)
        if (runs[m].ran) {
            models[ran] = runs[m].model;
            forecasts[ran++] = runs[m].forecast;
        }
    cli_text_forecasts(out, s, models, ran, forecasts);
    for (size_t m = 0; m < n; m++)
        if (!runs[m].ran) {
            char line[CLI_WIDTH * 8];
            snprintf(line, sizeof line, "%s: not applicable: %s", pl_model_name(runs[m].model),
                     runs[m].failure.message);
            cli_wrap(out, line, 6, 2);
        }
}

void cli_model_free(cli_model_run *run)
{
    switch (run->model) {
    case PL_MODEL_EU: pl_eu_result_free(run->result); break;
    case PL_MODEL_EXCHANGE: pl_exchange_result_free(run->result); break;
    case PL_MODEL_SMP: pl_smp_result_free(run->result); break;
    default: break;
    }
    free(run->forecast);
    run->result = NULL;
    run->forecast = NULL;
}
