/*
 * cmd_predict.c - `parley predict SCENARIO --model M`: forecast the outcome
 * of every issue with one model, or with all of them side by side.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "model_run.h"
#include "model_smp.h"
#include "progress.h"

/* An option for the models: a generic flag (--rounds, --threads, --seed) or --option. */
typedef struct model_setting {
    const char *name;  /**< for --option MODEL.NAME=VALUE: the part after the dot */
    const char *model; /**< the MODEL prefix, or NULL */
    const char *value;
    int generic;       /**< nonzero for --rounds, --threads, --seed */
} model_setting;

typedef struct options {
    const char *model;
    const char *trace;
    model_setting *settings;
    size_t n_settings;
    char **owned; /* copies of --option texts, split at '=' */
    size_t n_owned;
    int quiet;    /* --quiet: no progress bar */
} options;

static int add_setting(options *o, const char *name, const char *value, int generic)
{
    model_setting *setting = &o->settings[o->n_settings++];
    setting->generic = generic;
    setting->model = NULL;
    setting->name = name;
    setting->value = value;
    /* --rounds, --threads and --seed are whole numbers read as every command reads them
     * (cli_parse_whole) before a model reads them; each model then checks its range. */
    unsigned long long whole;
    if (generic && strcmp(name, "preset") != 0 && cli_parse_whole(value, &whole) != 0) {
        cli_usage_error("predict", "--%s wants a whole number, not '%s'", name, value);
        return -1;
    }
    if (generic)
        return 0;
    /* --option NAME=VALUE or MODEL.NAME=VALUE */
    char *copy = strdup(value);
    if (copy == NULL)
        return -1;
    o->owned[o->n_owned++] = copy;
    char *equals = strchr(copy, '=');
    if (equals == NULL || equals == copy) {
        cli_usage_error("predict", "--option wants NAME=VALUE, not '%s'", value);
        return -1;
    }
    *equals = '\0';
    setting->value = equals + 1;
    char *dot = strchr(copy, '.');
    if (dot != NULL) {
        *dot = '\0';
        setting->model = copy;
        setting->name = dot + 1;
    } else {
        setting->name = copy;
    }
    return 0;
}

static int take_option(const char *name, const char *value, void *payload)
{
    options *o = payload;
    if (strcmp(name, "model") == 0)
        o->model = value;
    else if (strcmp(name, "trace") == 0)
        o->trace = value;
    else if (strcmp(name, "quiet") == 0)
        o->quiet = 1;
    else if (strcmp(name, "option") == 0)
        return add_setting(o, "option", value, 0);
    else if (strcmp(name, "preset") == 0)
        return add_setting(o, "preset", value, 1);
    else
        return add_setting(o, name, value, 1);
    return 0;
}

static const cli_option option_table[] = {
    {"model", 1}, {"rounds", 1}, {"threads", 1}, {"seed", 1},
    {"preset", 1}, {"option", 1}, {"trace", 1}, {"quiet", 0}, {NULL, 0},
};

/* The models to run: one by name, or every model for "all". */
static int choose_models(const char *name, cli_model_run *runs, size_t *n)
{
    *n = 0;
    if (name == NULL || strcmp(name, "all") == 0) {
        for (unsigned m = 0; m < PL_MODEL_COUNT; m++)
            cli_model_init(&runs[(*n)++], (pl_model)m);
        return EXIT_OK;
    }
    pl_model model;
    if (pl_model_from_name(name, &model) != PL_OK)
        return cli_usage_error("predict",
                               "unknown model '%s' (compromise, median, eu, exchange, smp, all)",
                               name);
    cli_model_init(&runs[0], model);
    *n = 1;
    return EXIT_OK;
}

/*
 * Apply the settings. A generic flag goes to every chosen model that knows
 * it, and is an error only when none does; --option goes to its model (the
 * only one chosen, or the one named before the dot).
 */
static int apply_settings(const options *o, cli_model_run *runs, size_t n_runs)
{
    for (size_t k = 0; k < o->n_settings; k++) {
        const model_setting *setting = &o->settings[k];
        size_t accepted = 0;
        pl_diag diag;
        pl_diag_clear(&diag);
        for (size_t m = 0; m < n_runs; m++) {
            const char *model = pl_model_name(runs[m].model);
            if (!setting->generic && setting->model == NULL && n_runs > 1)
                return cli_usage_error("predict", "with several models, name the model: "
                                                  "--option MODEL.%s=%s",
                                       setting->name, setting->value);
            if (setting->model != NULL && strcmp(setting->model, model) != 0)
                continue;
            int rc = cli_model_set(&runs[m], setting->name, setting->value, setting->generic,
                                   &diag);
            if (rc == PL_OK)
                accepted++;
            else if (rc != PL_ERR_NOT_FOUND || !setting->generic || n_runs == 1)
                return cli_usage_error("predict", "%s", diag.message);
        }
        if (accepted == 0)
            return cli_usage_error("predict", "no chosen model takes %s%s%s",
                                   setting->generic ? "--" : "the option ", setting->name,
                                   setting->model ? " (is the model chosen?)" : "");
    }
    return EXIT_OK;
}

/* Run every chosen model, each a part of one progress bar (smp reports its rounds). */
static void execute_all(cli_model_run *runs, size_t n_runs, const pl_scenario *s, int quiet,
                        int *status)
{
    cli_progress bar;
    cli_progress_begin(&bar, "predict", quiet);
    for (size_t m = 0; m < n_runs; m++) {
        cli_progress_span(&bar, (double)m / n_runs, (double)(m + 1) / n_runs);
        cli_progress_update(0, &bar);
        runs[m].smp.progress = (pl_progress){cli_progress_update, &bar};
        runs[m].eu.progress = (pl_progress){cli_progress_update, &bar};
        runs[m].exchange.progress = (pl_progress){cli_progress_update, &bar};
        status[m] = cli_model_execute(&runs[m], s);
        runs[m].smp.progress = (pl_progress){NULL, NULL};
        runs[m].eu.progress = (pl_progress){NULL, NULL};
        runs[m].exchange.progress = (pl_progress){NULL, NULL};
        if (status[m] == PL_ERR_NOMEM)
            break;
    }
    cli_progress_end(&bar);
}

/* Run every chosen model; with one model its failure is an error, with all a note. */
static int execute(cli_model_run *runs, size_t n_runs, const pl_scenario *s, int quiet,
                   size_t *n_ran)
{
    int status[PL_MODEL_COUNT];
    *n_ran = 0;
    for (size_t m = 0; m < n_runs; m++)
        status[m] = PL_OK;
    execute_all(runs, n_runs, s, quiet, status);
    for (size_t m = 0; m < n_runs; m++) {
        int rc = status[m];
        if (rc == PL_ERR_NOMEM) {
            cli_print_diag(&runs[m].failure);
            return EXIT_INTERNAL;
        }
        if (rc != PL_OK && n_runs == 1) {
            cli_print_diag(&runs[m].failure);
            return EXIT_BAD_INPUT;
        }
        *n_ran += rc == PL_OK;
    }
    if (*n_ran == 0) {
        /* One line (docs/cli-contract.md, "Errors"): each model's reason after the verdict. */
        char reasons[PL_MODEL_COUNT * PL_DIAG_MESSAGE_MAX] = "";
        size_t used = 0;
        for (size_t m = 0; m < n_runs && used < sizeof reasons; m++) {
            const pl_diag *d = &runs[m].failure;
            int n = snprintf(reasons + used, sizeof reasons - used, "%s%s", m ? "; " : "",
                             d->message[0] ? d->message : pl_strerror(d->status));
            used += n > 0 ? (size_t)n : 0;
        }
        cli_error("parley predict: error: no model could forecast this scenario: %s", reasons);
        return EXIT_BAD_INPUT;
    }
    return EXIT_OK;
}

static int report_json(const pl_scenario *s, const cli_model_run *runs, size_t n_runs)
{
    json_t *models = json_object(), *skipped = json_object();
    for (size_t m = 0; models && skipped && m < n_runs; m++) {
        const char *name = pl_model_name(runs[m].model);
        if (runs[m].ran)
            json_object_set_new(models, name, cli_model_json(&runs[m], s));
        else
            json_object_set_new(skipped, name, json_string(runs[m].failure.message));
    }
    json_t *document = json_pack("{s:o, s:o, s:o}", "issues", cli_json_ids_issues(s), "actors",
                                 cli_json_ids_actors(s), "models", models);
    if (document && json_object_size(skipped) > 0)
        json_object_set(document, "not_applicable", skipped);
    json_decref(skipped);
    return cli_emit_json(document);
}

static int report_text(const pl_scenario *s, const cli_model_run *runs, size_t n_runs)
{
    cli_buffer buffer;
    if (cli_buffer_open(&buffer) != EXIT_OK)
        return EXIT_INTERNAL;
    cli_model_text_forecasts(buffer.stream, runs, n_runs, s);
    if (n_runs == 1 && runs[0].ran && pl_model_is_dynamic(runs[0].model)) {
        fputc('\n', buffer.stream);
        cli_model_text(buffer.stream, &runs[0], s);
    }
    return cli_buffer_emit(&buffer);
}

/* --trace FILE.csv: the spatial model's positions and win probabilities per round. */
static int write_trace(const options *o, const pl_scenario *s, const cli_model_run *runs,
                       size_t n_runs)
{
    for (size_t m = 0; m < n_runs; m++)
        if (runs[m].model == PL_MODEL_SMP && runs[m].ran) {
            pl_diag diag;
            pl_diag_clear(&diag);
            if (cli_write_smp_trace(o->trace, runs[m].part ? runs[m].part : s,
                                    runs[m].result, &diag) != PL_OK) {
                cli_print_diag(&diag);
                return EXIT_INTERNAL;
            }
            return EXIT_OK;
        }
    return cli_usage_error("predict", "--trace needs the smp model to run");
}

static int predict(const options *o, char **paths, int n_paths, int json)
{
    cli_model_run runs[PL_MODEL_COUNT];
    size_t n_runs = 0, n_ran = 0;
    pl_scenario *s = NULL;
    int rc = choose_models(o->model, runs, &n_runs);
    if (rc == EXIT_OK)
        rc = apply_settings(o, runs, n_runs);
    if (rc == EXIT_OK)
        rc = cli_load_scenario((const char *const *)paths, (size_t)n_paths, &s);
    if (rc == EXIT_OK)
        rc = execute(runs, n_runs, s, o->quiet, &n_ran);
    if (rc == EXIT_OK && o->trace != NULL)
        rc = write_trace(o, s, runs, n_runs);
    if (rc == EXIT_OK)
        rc = json ? report_json(s, runs, n_runs) : report_text(s, runs, n_runs);
    for (size_t m = 0; m < n_runs; m++)
        cli_model_free(&runs[m]);
    pl_scenario_free(s);
    return rc;
}

static int run(int argc, char **argv)
{
    int json = 0, done = 0, n = 0;
    char **positional = NULL;
    options o = {0};
    o.settings = calloc((size_t)argc + 1, sizeof *o.settings);
    o.owned = calloc((size_t)argc + 1, sizeof *o.owned);
    int rc = (o.settings && o.owned) ? EXIT_OK : EXIT_INTERNAL;
    if (rc == EXIT_OK)
        rc = cli_parse(&cli_predict_command, argc, argv, option_table, take_option, &o, &json,
                       &positional, &n, &done);
    if (rc == EXIT_OK && !done && n < 1)
        rc = cli_usage_error("predict", "give a scenario (or a GENIUS domain and its profiles)");
    if (rc == EXIT_OK && !done)
        rc = predict(&o, positional, n, json);
    for (size_t k = 0; k < o.n_owned; k++)
        free(o.owned[k]);
    free(o.owned);
    free(o.settings);
    free(positional);
    return rc;
}

const cli_command cli_predict_command = {
    "predict",
    "forecast each issue's outcome with the field's models",
    "Usage: parley predict SCENARIO... [--model M] [--rounds N] [--option NAME=VALUE]...\n"
    "                      [--preset P] [--threads T] [--seed X] [--trace FILE.csv] [--json]\n"
    "                      [--quiet]\n"
    "\n"
    "Forecast the outcome of every issue. M is one of\n"
    "  compromise  sum(c s x) / sum(c s): capability x salience weighted mean (Achen 2006)\n"
    "  median      where the cumulative c s weight reaches half the total (Black 1958)\n"
    "  eu          Bueno de Mesquita's expected-utility model, Scholz et al. (2011)\n"
    "              (docs/model-eu.md; presets scholz2011 (default) and paper)\n"
    "  exchange    Stokman and Van Oosten's equal-gain exchange model, as Decide runs it\n"
    "              (docs/model-exchange.md)\n"
    "  smp         KTAB's spatial model of politics, KTAB's defaults (docs/model-smp.md)\n"
    "  all         every model side by side (the default); each model runs on the issues\n"
    "              it can handle and says which it left out and why; one that can handle\n"
    "              none is listed as not applicable, with the reason\n"
    "\n"
    "Options:\n"
    "  --model M            the model (default all)\n"
    "  --rounds N           rounds of the dynamic models (eu 8, exchange 10; smp: at most N,\n"
    "                       default 100)\n"
    "  --option NAME=VALUE  a model option (see the model's doc); with several models write\n"
    "                       MODEL.NAME=VALUE, e.g. --option eu.O7=least_move\n"
    "  --preset P           the eu model's preset: scholz2011 or paper\n"
    "  --threads T          threads for smp (results do not depend on T)\n"
    "  --seed X             seed of the exchange model's random tie-break (ties=random)\n"
    "  --trace FILE.csv     smp: round,actor,dimension,position,win_probability per round\n"
    "  --json               {\"issues\", \"actors\", \"models\": {M: {\"forecast\": [...],\n"
    "                       \"rounds\": [...], \"skipped\": {ISSUE: reason}}}} as\n"
    "                       docs/cli-contract.md, plus \"not_applicable\"\n"
    "  --quiet              no progress bar (shown on a terminal for runs over a second)\n"
    "  --help               show this help\n"
    "\n"
    "Example: parley predict emission_standards.csv --model eu --preset paper --json\n",
    run,
};
