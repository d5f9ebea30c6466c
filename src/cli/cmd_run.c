/*
 * cmd_run.c - `parley run [SCENARIO]`: the whole analysis of a scenario (the
 * built-in default when none is given): the scenario and its caveats, every
 * actor's verdict on every item of every proposal, the forecasts, and whether
 * any package can respect the red lines of those who must agree.
 */
#include <stdlib.h>

#include "cli.h"
#include "model_run.h"

typedef struct analysis {
    pl_scenario *scenario;
    pl_evaluation **evaluations;
    cli_model_run models[PL_MODEL_COUNT];
    pl_red_line_analysis *red_lines;
} analysis;

static void analysis_free(analysis *x)
{
    if (x->scenario)
        for (size_t p = 0; x->evaluations && p < x->scenario->n_proposals; p++)
            pl_evaluation_free(x->evaluations[p]);
    free(x->evaluations);
    for (size_t m = 0; m < PL_MODEL_COUNT; m++)
        cli_model_free(&x->models[m]);
    pl_red_line_analysis_free(x->red_lines);
    pl_scenario_free(x->scenario);
}

static int analyse(analysis *x)
{
    const pl_scenario *s = x->scenario;
    pl_diag diag;
    pl_diag_clear(&diag);
    pl_diag_set_source(&diag, s->id ? s->id : "scenario");
    x->evaluations = calloc(s->n_proposals + 1, sizeof *x->evaluations);
    if (x->evaluations == NULL)
        return EXIT_INTERNAL;
    for (size_t p = 0; p < s->n_proposals; p++)
        if (pl_evaluate(s, s->proposals[p].values, &x->evaluations[p]) != PL_OK)
            return EXIT_INTERNAL;
    /* Every model, with its defaults; one that cannot run here is reported as such. */
    for (size_t m = 0; m < PL_MODEL_COUNT; m++)
        if (cli_model_execute(&x->models[m], s) == PL_ERR_NOMEM)
            return EXIT_INTERNAL;
    int rc = pl_analyse_red_lines(s, &x->red_lines, &diag);
    if (rc != PL_OK) {
        cli_print_diag(&diag);
        return rc == PL_ERR_NOMEM ? EXIT_INTERNAL : EXIT_BAD_INPUT;
    }
    return EXIT_OK;
}

static int emit_json(const analysis *x)
{
    const pl_scenario *s = x->scenario;
    json_t *evaluations = json_array();
    for (size_t p = 0; evaluations && p < s->n_proposals; p++)
        json_array_append_new(evaluations, cli_json_evaluation(s, p, x->evaluations[p]));
    json_t *models = json_object(), *skipped = json_object();
    for (size_t m = 0; models && skipped && m < PL_MODEL_COUNT; m++) {
        const cli_model_run *model = &x->models[m];
        if (model->ran)
            json_object_set_new(models, pl_model_name(model->model),
                                cli_json_forecast(s, model->forecast));
        else
            json_object_set_new(skipped, pl_model_name(model->model),
                                json_string(model->failure.message));
    }
    return cli_emit_json(json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "scenario",
                                   cli_json_scenario(s), "issues", cli_json_ids_issues(s),
                                   "actors", cli_json_ids_actors(s), "evaluations", evaluations,
                                   "models", models, "not_applicable", skipped, "red_lines",
                                   cli_json_red_lines(s, x->red_lines)));
}

static int emit_text(const analysis *x)
{
    const pl_scenario *s = x->scenario;
    cli_buffer buffer;
    if (cli_buffer_open(&buffer) != EXIT_OK)
        return EXIT_INTERNAL;
    cli_text_scenario(buffer.stream, s);
    for (size_t p = 0; p < s->n_proposals; p++)
        cli_text_evaluation(buffer.stream, s, p, x->evaluations[p]);
    cli_model_text_forecasts(buffer.stream, x->models, PL_MODEL_COUNT, s);
    cli_text_red_lines(buffer.stream, s, x->red_lines);
    return cli_buffer_emit(&buffer);
}

static int run(int argc, char **argv)
{
    int json = 0, done = 0, n = 0;
    char **positional = NULL;
    int rc = cli_parse(&cli_run_command, argc, argv, NULL, NULL, NULL, &json, &positional, &n,
                       &done);
    if (rc != EXIT_OK || done) {
        free(positional);
        return rc;
    }
    analysis x = {0};
    for (size_t m = 0; m < PL_MODEL_COUNT; m++)
        cli_model_init(&x.models[m], (pl_model)m);
    rc = cli_load_scenario((const char *const *)positional, (size_t)n, &x.scenario);
    free(positional);
    if (rc == EXIT_OK)
        rc = analyse(&x);
    if (rc == EXIT_OK)
        rc = json ? emit_json(&x) : emit_text(&x);
    analysis_free(&x);
    return rc;
}

const cli_command cli_run_command = {
    "run",
    "analyse a scenario: verdicts on every proposal, forecasts, red lines",
    "Usage: parley run [SCENARIO | GENIUS-DOMAIN PROFILE...] [--json]\n"
    "\n"
    "Analyse a scenario, or with none the built-in default (the talks on the US-backed plan\n"
    "to end the war in Ukraine after the Moscow meeting of 2 December 2025):\n"
    "  - the scenario, its caveats and sources; which numbers are analyst judgements;\n"
    "  - for each proposal, each actor's verdict on each item (acceptable, critical,\n"
    "    negative, unacceptable) and its utility for the package against its reservation;\n"
    "  - the compromise and weighted-median forecasts per issue;\n"
    "  - whether any package can respect the red lines of those who must agree, and if\n"
    "    not, which issues block it and by how much.\n"
    "\n"
    "Options:\n"
    "  --json   print the same content as one JSON document\n"
    "  --help   show this help\n"
    "\n"
    "Example: parley run examples/peace-talks-2025.json --json\n",
    run,
};
