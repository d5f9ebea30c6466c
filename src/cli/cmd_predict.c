/*
 * cmd_predict.c - `parley predict SCENARIO --model M`: forecast the outcome
 * of every issue with one model, or with all of them side by side.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct options {
    const char *model;
    const char *rounds;
} options;

static int take_option(const char *name, const char *value, void *payload)
{
    options *o = payload;
    if (strcmp(name, "model") == 0)
        o->model = value;
    else if (strcmp(name, "rounds") == 0)
        o->rounds = value;
    return 0;
}

static const cli_option option_table[] = {{"model", 1}, {"rounds", 1}, {NULL, 0}};

/* The models to run: one by name, or every model for "all". */
static int choose_models(const char *name, pl_model *models, size_t *n)
{
    *n = 0;
    if (name == NULL || strcmp(name, "all") == 0) {
        for (unsigned m = 0; m < PL_MODEL_COUNT; m++)
            models[(*n)++] = (pl_model)m;
        return EXIT_OK;
    }
    if (pl_model_from_name(name, &models[0]) == PL_OK) {
        *n = 1;
        return EXIT_OK;
    }
    if (strcmp(name, "eu") == 0 || strcmp(name, "exchange") == 0 || strcmp(name, "smp") == 0)
        return cli_usage_error("predict",
                               "model '%s' is not available in parley %s yet; available: "
                               "compromise, median, all",
                               name, pl_version());
    return cli_usage_error("predict", "unknown model '%s' (compromise, median, all)", name);
}

static int report(const pl_scenario *s, const pl_model *models, size_t n_models,
                  double *const *forecasts, int json)
{
    if (json) {
        json_t *results = json_object();
        for (size_t m = 0; results && m < n_models; m++)
            json_object_set_new(results, pl_model_name(models[m]),
                                cli_json_forecast(s, forecasts[m]));
        return cli_emit_json(json_pack("{s:o, s:o, s:o}", "issues", cli_json_ids_issues(s),
                                       "actors", cli_json_ids_actors(s), "models", results));
    }
    cli_buffer buffer;
    if (cli_buffer_open(&buffer) != EXIT_OK)
        return EXIT_INTERNAL;
    cli_text_forecasts(buffer.stream, s, models, n_models, (const double *const *)forecasts);
    return cli_buffer_emit(&buffer);
}

static int forecast_all(const pl_scenario *s, const pl_model *models, size_t n_models,
                        double **forecasts)
{
    pl_diag diag;
    pl_diag_clear(&diag);
    pl_diag_set_source(&diag, s->id ? s->id : "scenario");
    for (size_t m = 0; m < n_models; m++) {
        forecasts[m] = malloc((s->n_issues + 1) * sizeof *forecasts[m]);
        if (forecasts[m] == NULL)
            return EXIT_INTERNAL;
        int rc = pl_predict(s, models[m], forecasts[m], &diag);
        if (rc != PL_OK) {
            cli_print_diag(&diag);
            return rc == PL_ERR_NOMEM ? EXIT_INTERNAL : EXIT_BAD_INPUT;
        }
    }
    return EXIT_OK;
}

static int run(int argc, char **argv)
{
    int json = 0, done = 0, n = 0;
    char **positional = NULL;
    options o = {NULL, NULL};
    int rc = cli_parse(&cli_predict_command, argc, argv, option_table, take_option, &o, &json,
                       &positional, &n, &done);
    if (rc == EXIT_OK && !done && n != 1)
        rc = cli_usage_error("predict", "give exactly one scenario (got %d)", n);
    pl_model models[PL_MODEL_COUNT];
    size_t n_models = 0;
    if (rc == EXIT_OK && !done)
        rc = choose_models(o.model, models, &n_models);
    if (rc == EXIT_OK && !done && o.rounds != NULL)
        rc = cli_usage_error("predict", "--rounds applies to the dynamic models (eu, exchange, "
                                        "smp); compromise and median have no rounds");
    pl_scenario *s = NULL;
    if (rc == EXIT_OK && !done)
        rc = cli_load_scenario(positional[0], &s);
    double *forecasts[PL_MODEL_COUNT] = {NULL};
    if (rc == EXIT_OK && !done)
        rc = forecast_all(s, models, n_models, forecasts);
    if (rc == EXIT_OK && !done)
        rc = report(s, models, n_models, forecasts, json);
    for (size_t m = 0; m < PL_MODEL_COUNT; m++)
        free(forecasts[m]);
    pl_scenario_free(s);
    free(positional);
    return rc;
}

const cli_command cli_predict_command = {
    "predict",
    "forecast each issue's outcome with the field's models",
    "Usage: parley predict SCENARIO [--model compromise|median|all] [--json]\n"
    "\n"
    "Forecast the outcome of every issue. Each actor with a stance on an issue weighs\n"
    "capability x salience (c s):\n"
    "  compromise  sum(c s x) / sum(c s), the weighted mean of the positions (Achen 2006)\n"
    "  median      the smallest position where the cumulative c s weight reaches half the\n"
    "              total (Black 1958)\n"
    "  all         every model side by side (the default)\n"
    "On an options issue both give the option with the highest c s-weighted value (the\n"
    "median uses option positions when the options are ordered and placed on the range).\n"
    "\n"
    "Options:\n"
    "  --model M   compromise, median or all (default all)\n"
    "  --json      print {\"issues\", \"actors\", \"models\": {M: {\"forecast\": [...]}}}\n"
    "  --help      show this help\n"
    "\n"
    "Example: parley predict emission_standards.csv --model compromise --json\n",
    run,
};
