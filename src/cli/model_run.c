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

/* The result's own trace (over the issues the model ran on). */
static const pl_trace *result_trace(const cli_model_run *run)
{
    if (!run->ran || run->result == NULL)
        return NULL;
    switch (run->model) {
    case PL_MODEL_EU: return &((const pl_eu_result *)run->result)->trace;
    case PL_MODEL_EXCHANGE: return &((const pl_exchange_result *)run->result)->trace;
    case PL_MODEL_SMP: return &((const pl_smp_result *)run->result)->trace;
    default: return NULL;
    }
}

const pl_trace *cli_model_trace(const cli_model_run *run)
{
    return run->part && run->ran ? &run->trace : result_trace(run);
}

/* run->trace: the result's trace spread over every issue of `full` (NaN where left out). */
static int spread_trace(cli_model_run *run, const pl_scenario *full)
{
    const pl_trace *t = result_trace(run);
    size_t n = full->n_issues, na = full->n_actors;
    if (pl_trace_init(&run->trace, na, n) != PL_OK)
        return PL_ERR_NOMEM;
    double *positions = malloc((na + 2) * (n + 1) * sizeof *positions);
    int rc = positions ? PL_OK : PL_ERR_NOMEM;
    for (size_t r = 0; t != NULL && rc == PL_OK && r < t->n_rounds; r++) {
        double *forecast = positions + na * n, *mean = forecast + n;
        for (size_t a = 0; a < na; a++)
            pl_model_spread(full, run->model, run->flags,
                            t->positions + (r * na + a) * t->n_issues, positions + a * n);
        pl_model_spread(full, run->model, run->flags, t->forecast + r * t->n_issues, forecast);
        pl_model_spread(full, run->model, run->flags, t->mean + r * t->n_issues, mean);
        rc = pl_trace_append(&run->trace, positions, forecast, mean);
    }
    free(positions);
    return rc == PL_OK ? rc : pl_diag_set(&run->failure, rc, 0, 0, "out of memory");
}

/* The scenario the model runs on: `s` cut to the issues it handles (run->part) or `s`. */
static int model_scenario(cli_model_run *run, const pl_scenario *s, const pl_scenario **on)
{
    run->flags = run->model == PL_MODEL_EXCHANGE && run->exchange.zero == PL_EXCHANGE_ZERO_EXCLUDE
                     ? PL_SKIP_FLAG_ZERO_EXCLUDE
                     : 0;
    int rc = pl_model_scenario(s, run->model, run->flags, &run->part, &run->failure);
    *on = run->part ? run->part : s;
    return rc;
}

int cli_model_execute(cli_model_run *run, const pl_scenario *full)
{
    pl_diag *diag = &run->failure;
    pl_diag_set_source(diag, cli_scenario_source(full));
    run->scenario = full;
    const pl_scenario *s = full;
    int rc = model_scenario(run, full, &s);
    if (rc != PL_OK)
        return rc;
    run->forecast = malloc((full->n_issues + 1) * sizeof *run->forecast);
    if (run->forecast == NULL)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    const double *final = NULL;
    switch (run->model) {
    case PL_MODEL_EU: {
        pl_eu_result *r = NULL;
        rc = pl_eu_run(s, &run->eu, &r, diag);
        run->result = r;
        final = r ? r->forecast : NULL;
        break;
    }
    case PL_MODEL_EXCHANGE: {
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
        rc = pl_predict(full, run->model, run->forecast, diag);
        break;
    }
    if (rc == PL_OK && final != NULL && run->part != NULL)
        pl_model_spread(full, run->model, run->flags, final, run->forecast);
    else if (rc == PL_OK && final != NULL)
        memcpy(run->forecast, final, s->n_issues * sizeof *final);
    run->ran = rc == PL_OK;
    if (run->ran && run->part != NULL && pl_model_is_dynamic(run->model))
        rc = spread_trace(run, full);
    return rc;
}

/* `values` (one per issue the model handled) with null inserted on the issues it left out. */
static void spread_array(json_t *values, const cli_model_run *run, const pl_scenario *s)
{
    if (!json_is_array(values))
        return;
    for (size_t i = 0; i < s->n_issues; i++)
        if (pl_model_skip_reason(s, run->model, run->flags, i))
            json_array_insert_new(values, i, json_null());
}

/* Every per-issue array of a model's JSON (cli_json_eu, _exchange, _smp, _forecast). */
static void spread_model(json_t *model, const cli_model_run *run, const pl_scenario *s)
{
    static const char *const per_issue[] = {"forecast", "most_probable", "mean"};
    for (size_t k = 0; k < sizeof per_issue / sizeof per_issue[0]; k++)
        spread_array(json_object_get(model, per_issue[k]), run, s);
    size_t t, a;
    json_t *round, *positions;
    json_array_foreach(json_object_get(model, "rounds"), t, round) {
        for (size_t k = 0; k < sizeof per_issue / sizeof per_issue[0]; k++)
            spread_array(json_object_get(round, per_issue[k]), run, s);
        json_array_foreach(json_object_get(round, "positions"), a, positions)
            spread_array(positions, run, s);
    }
}

json_t *cli_model_skipped(const cli_model_run *run, const pl_scenario *s)
{
    json_t *skipped = NULL;
    for (size_t i = 0; i < s->n_issues; i++) {
        const char *why = pl_model_skip_reason(s, run->model, run->flags, i);
        if (why != NULL && skipped == NULL)
            skipped = json_object();
        if (why != NULL)
            json_object_set_new(skipped, s->issues[i].id, json_string(why));
    }
    return skipped;
}

static json_t *model_json(const cli_model_run *run, const pl_scenario *s)
{
    switch (run->model) {
    case PL_MODEL_EU: return cli_json_eu(s, run->result);
    case PL_MODEL_EXCHANGE: return cli_json_exchange(s, run->result);
    case PL_MODEL_SMP: return cli_json_smp(s, run->result);
    default: return cli_json_forecast(s, run->forecast);
    }
}

json_t *cli_model_json(const cli_model_run *run, const pl_scenario *s)
{
    int dynamic = pl_model_is_dynamic(run->model);
    json_t *model = model_json(run, dynamic && run->part ? run->part : s);
    if (dynamic && run->part)
        spread_model(model, run, s);
    json_t *skipped = cli_model_skipped(run, s);
    if (model != NULL && skipped != NULL)
        json_object_set_new(model, "skipped", skipped);
    else
        json_decref(skipped);
    return model;
}

void cli_model_text(FILE *out, const cli_model_run *run, const pl_scenario *full)
{
    const pl_scenario *s = run->part ? run->part : full;
    switch (run->model) {
    case PL_MODEL_EU: cli_text_eu(out, s, run->result); break;
    case PL_MODEL_EXCHANGE: cli_text_exchange(out, s, run->result); break;
    case PL_MODEL_SMP: cli_text_smp(out, s, run->result); break;
    default: break;
    }
}

/* "eu: left out x (unordered options), y (...)" when the model left out issues. */
static void text_skipped(FILE *out, const cli_model_run *run, const pl_scenario *s)
{
    char line[CLI_WIDTH * 8];
    int n = snprintf(line, sizeof line, "%s: left out", pl_model_name(run->model)), any = 0;
    for (size_t i = 0; i < s->n_issues && n > 0 && (size_t)n < sizeof line; i++) {
        const char *why = pl_model_skip_reason(s, run->model, run->flags, i);
        if (why != NULL)
            n += snprintf(line + n, sizeof line - (size_t)n, "%s %s (%s)", any++ ? "," : "",
                          s->issues[i].id, why);
    }
    if (any)
        cli_wrap(out, line, 6, 2);
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
        if (runs[m].ran)
            text_skipped(out, &runs[m], s);
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
    pl_scenario_free(run->part);
    pl_trace_clear(&run->trace);
    run->part = NULL;
    run->result = NULL;
    run->forecast = NULL;
}
