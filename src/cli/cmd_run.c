/*
 * cmd_run.c - `parley run [SCENARIO]`: the whole analysis of a scenario (the
 * built-in default when none is given): the scenario and its caveats, every
 * actor's verdict on every item of every proposal, the forecasts, and whether
 * any package can respect the red lines of those who must agree.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csv_export.h"
#include "model_run.h"
#include "png_export.h"
#include "report_agreement.h"
#include "simulation_report.h"
#include "progress.h"
#include "report_html.h"
#include "report_what_it_takes.h"
#include "run_sensitivity.h"
#include "run_analysis.h"

/* Where --report, --svg, --csv and --png write; NULL when not asked for. */
typedef struct run_options {
    const char *report, *svg, *csv, *png;
    const char *parties;  /**< --parties A,B for the frontier chart, or NULL */
    int quiet;
    cli_simulation_flags simulation;  /**< --protocol, --steps, --runs, --seed */
    const char *agents;               /**< --agents, or NULL */
    const char **issues;              /**< --issue ID..., argc slots */
    size_t n_issues;
} run_options;

static int handle_option(const char *name, const char *value, void *payload)
{
    run_options *o = payload;
    if (strcmp(name, "report") == 0)
        o->report = value;
    else if (strcmp(name, "svg") == 0)
        o->svg = value;
    else if (strcmp(name, "csv") == 0)
        o->csv = value;
    else if (strcmp(name, "png") == 0)
        o->png = value;
    else if (strcmp(name, "parties") == 0)
        o->parties = value;
    else if (strcmp(name, "quiet") == 0)
        o->quiet = 1;
    else if (strcmp(name, "agents") == 0)
        o->agents = value;
    else if (strcmp(name, "issue") == 0)
        o->issues[o->n_issues++] = value;
    else
        cli_simulation_flag(&o->simulation, name, value);
    return 0;
}

static const cli_option run_options_list[] = {
    {"report", 1}, {"svg", 1}, {"csv", 1}, {"png", 1}, {"parties", 1}, {"quiet", 0},
    {"protocol", 1}, {"agents", 1}, {"steps", 1}, {"runs", 1}, {"seed", 1}, {"issue", 1},
    {NULL, 0},
};

typedef struct analysis {
    pl_scenario *scenario;
    pl_evaluation **evaluations;
    cli_model_run models[PL_MODEL_COUNT];
    pl_red_line_analysis *red_lines;
    pl_agreement *agreement;  /**< the zone of agreement; NULL when it cannot be computed */
    pl_diag agreement_failure;
    pl_whatifs *whatifs;          /**< the simulation what-ifs */
    int have_parties;             /**< nonzero: `parties` names the frontier chart's two */
    cli_report_frontier frontier; /**< its data (frontier NULL when not computed) */
    pl_frontier *owned_frontier;
    pl_montecarlo_options settings;  /**< the what-ifs' simulation (--protocol ... --seed) */
    pl_montecarlo_options curve;     /**< the settlement curves' (runs: --runs or 100) */
    pl_agent *agents;                /**< --agents, owned */
    size_t *issues, n_issues;        /**< --issue, owned */
    pl_what_it_takes *what_it_takes; /**< NULL when the zone could not be computed */
    int no_simulation;               /**< nonzero: no what-ifs, no "simulation" (serve) */
    int no_settlement;               /**< nonzero: what it takes without settlement curves */
    pl_progress cancel;              /**< serve: asked too; nonzero stops the long calls */
    json_t *sensitivity;             /**< which judgements matter (run_sensitivity.h) or NULL */
} analysis;

/* The bar and the caller's cancel function as one pl_progress_fn: either stops the call. */
typedef struct run_progress {
    cli_progress *bar;
    pl_progress cancel;
} run_progress;

static int run_progress_update(double fraction, void *payload)
{
    run_progress *p = payload;
    int stop = cli_progress_update(fraction, p->bar);
    if (!stop && p->cancel.function != NULL)
        stop = p->cancel.function(fraction, p->cancel.payload);
    return stop;
}

static void analysis_free(analysis *x)
{
    if (x->scenario)
        for (size_t p = 0; x->evaluations && p < x->scenario->n_proposals; p++)
            pl_evaluation_free(x->evaluations[p]);
    free(x->evaluations);
    for (size_t m = 0; m < PL_MODEL_COUNT; m++)
        cli_model_free(&x->models[m]);
    pl_red_line_analysis_free(x->red_lines);
    pl_agreement_free(x->agreement);
    pl_whatifs_free(x->whatifs);
    pl_frontier_free(x->owned_frontier);
    pl_what_it_takes_free(x->what_it_takes);
    json_decref(x->sensitivity);
    free(x->agents);
    free(x->issues);
    pl_scenario_free(x->scenario);
}

/* --protocol, --agents, --steps, --runs, --seed (as `simulate`) and --issue. */
static int simulation_settings(analysis *x, const run_options *o)
{
    size_t n_agents = 0;
    cli_whatif_settings_init(&x->settings);
    int rc = cli_simulation_settings("run", &o->simulation, &x->settings);
    if (rc == EXIT_OK)
        rc = cli_parse_agents("run", o->agents, &x->agents, &n_agents);
    if (rc == EXIT_OK && n_agents > 1 && n_agents != x->scenario->n_actors)
        rc = cli_usage_error("run", "%zu agents for %zu parties: give one agent for all or one "
                             "per party, in the parties' order", n_agents,
                             x->scenario->n_actors);
    cli_simulation_horizon(x->scenario, NULL, &x->settings);
    x->settings.simulation.agents = x->agents;
    x->settings.simulation.n_agents = n_agents;
    x->curve = x->settings;
    if (o->simulation.runs == NULL)
        x->curve.runs = PL_WHAT_IT_TAKES_DEFAULT_RUNS;
    if (rc == EXIT_OK)
        rc = cli_issue_indices("run", x->scenario, o->issues, o->n_issues, &x->issues);
    x->n_issues = o->n_issues;
    return rc;
}

/* The two parties of the frontier chart, and their frontier when a chart is drawn. */
static int choose_parties(analysis *x, const run_options *o, int charts)
{
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = cli_frontier_parties(x->scenario, o->parties, x->frontier.parties, &diag);
    if (rc == PL_ERR_INVALID)
        return cli_usage_error("run", "%s", diag.message);
    x->have_parties = rc == PL_OK;
    if (!x->have_parties || !charts)
        return EXIT_OK;
    /* The chart shows no count: a small budget keeps a large domain's count from costing
     * seconds (docs/robustness.md, "Work limits"). */
    pl_frontier_options fo;
    pl_frontier_options_init(&fo);
    fo.max_count_nodes = 10000000;
    fo.progress = x->cancel; /* cancelled: no frontier, so no chart */
    rc = pl_frontier_pair(x->scenario, x->frontier.parties[0], x->frontier.parties[1], &fo,
                          &x->owned_frontier, &diag);
    if (rc == PL_ERR_NOMEM)
        return EXIT_INTERNAL;
    x->frontier.frontier = x->owned_frontier;  /* NULL when it cannot be computed: no chart */
    return EXIT_OK;
}

static int analyse(analysis *x, int quiet)
{
    const pl_scenario *s = x->scenario;
    pl_diag diag;
    pl_diag_clear(&diag);
    pl_diag_set_source(&diag, cli_scenario_source(s));
    x->evaluations = calloc(s->n_proposals + 1, sizeof *x->evaluations);
    if (x->evaluations == NULL)
        return cli_fail(pl_diag_set(&diag, PL_ERR_NOMEM, 0, 0, "out of memory"), &diag);
    for (size_t p = 0; p < s->n_proposals; p++)
        if (pl_evaluate(s, s->proposals[p].values, &x->evaluations[p]) != PL_OK)
            return cli_fail(pl_diag_set(&diag, PL_ERR_NOMEM, 0, 0, "out of memory"), &diag);
    /*
     * Every model, with its defaults; one that cannot run here is reported as
     * such. One bar: a part per model (smp reports its rounds), then a part per
     * what-if (Monte Carlo reports its batches).
     */
    cli_progress bar;
    cli_progress_begin(&bar, "run", quiet);
    run_progress progress = {&bar, x->cancel};
    double parts = (double)(PL_MODEL_COUNT + 1 + s->n_shocks + s->n_uncertainties);
    for (size_t m = 0; m < PL_MODEL_COUNT; m++) {
        cli_progress_span(&bar, (double)m / parts, (double)(m + 1) / parts);
        cli_progress_update(0, &bar);
        x->models[m].smp.progress = (pl_progress){run_progress_update, &progress};
        x->models[m].eu.progress = (pl_progress){run_progress_update, &progress};
        x->models[m].exchange.progress = (pl_progress){run_progress_update, &progress};
        int status = cli_model_execute(&x->models[m], s);
        x->models[m].smp.progress = (pl_progress){NULL, NULL};
        x->models[m].eu.progress = (pl_progress){NULL, NULL};
        x->models[m].exchange.progress = (pl_progress){NULL, NULL};
        if (status == PL_ERR_NOMEM) {
            cli_progress_end(&bar);
            return cli_fail(status, &x->models[m].failure);
        }
    }
    int rc = pl_analyse_red_lines(s, &x->red_lines, &diag);
    if (rc != PL_OK) {
        cli_progress_end(&bar);
        return cli_fail(rc, &diag);
    }
    /* The zone of agreement adds the reservations; where it cannot be decided, say why.
     * Its part of the bar: a tenth for the zone, the rest for what it would take. */
    double zone = PL_MODEL_COUNT / parts, zone_end = (PL_MODEL_COUNT + 1) / parts;
    cli_progress_span(&bar, zone, zone + 0.1 * (zone_end - zone));
    pl_agreement_options ao;
    pl_agreement_options_init(&ao);
    ao.progress = (pl_progress){run_progress_update, &progress};
    pl_diag_clear(&x->agreement_failure);
    rc = pl_agreement_compute(s, &ao, &x->agreement, &x->agreement_failure);
    if (rc == PL_ERR_NOMEM || rc == PL_ERR_CANCELLED) {
        cli_progress_end(&bar);
        return cli_fail(rc, &x->agreement_failure);
    }
    cli_progress_span(&bar, zone + 0.1 * (zone_end - zone), zone_end);
    if (x->agreement != NULL) {
        rc = cli_what_it_takes_run(s, x->agreement, x->issues, x->n_issues,
                                   x->no_settlement ? NULL : &x->curve,
                                   (pl_progress){run_progress_update, &progress},
                                   &x->what_it_takes);
        if (rc != EXIT_OK) {
            cli_progress_end(&bar);
            return rc;
        }
    }
    cli_progress_span(&bar, zone_end, 1);
    if (x->no_simulation) {
        cli_progress_end(&bar);
        return EXIT_OK;
    }
    /* The what-ifs once, for the text, the JSON and the charts. */
    cli_progress_attach(&bar);
    rc = cli_whatifs_run(s, &x->settings, &x->whatifs, &diag);
    cli_progress_attach(NULL);
    cli_progress_end(&bar);
    return rc == PL_OK ? EXIT_OK : cli_fail(rc, &diag);
}

/* Why the baseline simulation contradicts the zone of agreement, or "" (simulation_report.h). */
static void baseline_contradiction(const analysis *x, char *buffer, size_t size)
{
    const pl_scenario *s = x->scenario;
    buffer[0] = '\0';
    if (x->whatifs == NULL || x->whatifs->n == 0 || !x->whatifs->cases[0].ok)
        return;
    pl_montecarlo_options baseline = x->whatifs->settings;
    unsigned char *none = calloc(s->n_shocks + s->n_uncertainties + 1, 1);
    baseline.use_uncertainty = none; /* the baseline draws nothing and applies no shock */
    baseline.use_shock = none;
    if (none != NULL)
        cli_zone_contradiction(s, x->agreement, &baseline, x->whatifs->cases[0].montecarlo,
                               buffer, size);
    free(none);
}

/* The run as one JSON document (docs/cli-contract.md, plus the keys the HTML report needs). */
static json_t *build_json(const analysis *x)
{
    const pl_scenario *s = x->scenario;
    json_t *evaluations = json_array();
    for (size_t p = 0; evaluations && p < s->n_proposals; p++)
        json_array_append_new(evaluations, cli_json_evaluation(s, p, x->evaluations[p]));
    json_t *models = json_object(), *skipped = json_object();
    for (size_t m = 0; models && skipped && m < PL_MODEL_COUNT; m++) {
        const cli_model_run *model = &x->models[m];
        if (model->ran) {
            json_t *entry = cli_json_forecast(s, model->forecast);
            cli_report report = {0};
            cli_report_use_models(&report, model, 1);
            if (entry && report.models[0].trace)
                json_object_set_new(entry, "rounds",
                                    cli_json_trace_rounds(s, report.models[0].trace));
            json_t *left_out = cli_model_skipped(model, s);
            if (entry && left_out)
                json_object_set_new(entry, "skipped", left_out);
            else
                json_decref(left_out);
            json_object_set_new(models, pl_model_name(model->model), entry);
        } else
            json_object_set_new(skipped, pl_model_name(model->model),
                                json_string(model->failure.message));
    }
    json_t *document = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "scenario",
                                 cli_json_scenario(s), "issues", cli_json_ids_issues(s),
                                 "actors", cli_json_ids_actors(s), "evaluations", evaluations,
                                 "models", models, "not_applicable", skipped, "red_lines",
                                 cli_json_red_lines(s, x->red_lines));
    json_t *agreement = x->agreement ? cli_json_agreement(s, x->agreement)
                                     : json_pack("{s:s}", "not_computed",
                                                 x->agreement_failure.message);
    cli_json_add_what_it_takes(agreement, s, x->what_it_takes, &x->curve);
    if (document)
        json_object_set_new(document, "agreement", agreement);
    else
        json_decref(agreement);
    if (document && !x->no_simulation)
        json_object_set_new(document, "simulation", cli_json_whatifs(s, x->whatifs));
    char contradiction[2048];
    baseline_contradiction(x, contradiction, sizeof contradiction);
    json_t *simulation = document ? json_object_get(document, "simulation") : NULL;
    if (json_is_object(simulation))
        json_object_set_new(simulation, "contradiction",
                            contradiction[0] ? json_string(contradiction) : json_null());
    if (document && x->have_parties)
        json_object_set_new(document, "frontier_parties",
                            json_pack("[s, s]", s->actors[x->frontier.parties[0]].id,
                                      s->actors[x->frontier.parties[1]].id));
    if (document && x->sensitivity)
        json_object_set(document, "sensitivity", x->sensitivity);
    json_t *native = cli_json_scenario_document(s);
    if (document && native)
        json_object_set_new(document, "scenario_document", native);
    else
        json_decref(native);
    return document;
}

/* The report of the analysis for its charts; `agreement` receives the what-it-takes data. */
static void fill_report(const analysis *x, cli_report *report, json_t *simulation,
                        json_t *agreement)
{
    cli_json_add_what_it_takes(agreement, x->scenario, x->what_it_takes, &x->curve);
    memset(report, 0, sizeof *report);
    report->scenario = x->scenario;
    report->evaluations = x->evaluations;
    report->red_lines = x->red_lines;
    cli_report_use_models(report, x->models, PL_MODEL_COUNT);
    report->frontier = x->frontier.frontier ? &x->frontier : NULL;
    report->simulation = simulation;
    report->what_it_takes = agreement;
    report->sensitivity = x->sensitivity;
}

/* --report, --svg, --csv, --png: everything is built before anything is written. */
static int write_outputs(const analysis *x, const run_options *o, json_t *document)
{
    json_t *simulation = document ? json_incref(json_object_get(document, "simulation"))
                                  : cli_json_whatifs(x->scenario, x->whatifs);
    json_t *agreement = json_object();
    pl_diag diag;
    pl_diag_clear(&diag);
    cli_outputs set;
    cli_outputs_init(&set);
    cli_report report;
    fill_report(x, &report, simulation, agreement);
    char *json = NULL;
    if (o->report && document)
        json = cli_json_text(document, 2);
    report.json = json;
    int rc = PL_OK;
    if (o->report && json == NULL)
        rc = pl_diag_set(&diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    if (rc == PL_OK && o->report)
        rc = cli_write_report(&set, o->report, &report, &diag);
    if (rc == PL_OK && o->svg)
        rc = cli_write_svg_directory(&set, o->svg, &report, &diag);
    if (rc == PL_OK && o->csv)
        rc = cli_write_csv_directory(&set, o->csv, &report, &diag);
    if (rc == PL_OK && o->png)
        rc = cli_write_png_directory(&set, o->png, &report, &diag);
    if (rc == PL_OK)
        rc = cli_outputs_commit(&set, &diag);
    cli_outputs_free(&set);
    free(json);
    json_decref(simulation);
    json_decref(agreement);
    if (rc == PL_OK)
        return EXIT_OK;
    cli_print_diag(&diag);
    return EXIT_INTERNAL;
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
    fprintf(buffer.stream, "\nIs there a zone of agreement (red lines and reservations)?\n"
                           "-----------------------------------------------------------\n");
    if (x->agreement)
        cli_text_agreement(buffer.stream, s, x->agreement);
    else
        cli_wrap(buffer.stream, x->agreement_failure.message, 2, 2);
    cli_text_what_it_takes(buffer.stream, s, x->what_it_takes, &x->curve);
    fputc('\n', buffer.stream);
    cli_text_whatifs(buffer.stream, s, x->whatifs);
    char contradiction[2048];
    baseline_contradiction(x, contradiction, sizeof contradiction);
    if (contradiction[0])
        cli_wrap(buffer.stream, contradiction, 2, 2);
    if (!x->red_lines->compatible)
        cli_wrap(buffer.stream, "While the red lines block agreement (see above), no simulated "
                                "run can settle unless a what-if moves them.", 2, 2);
    return cli_buffer_emit(&buffer);
}

/* The whole analysis of one scenario (owned by the call); JSON into `documents` when json. */
static int run_one(pl_scenario *s, const run_options *options, int json, json_t *documents)
{
    int outputs = options->report || options->svg || options->csv || options->png;
    analysis x = {0};
    for (size_t m = 0; m < PL_MODEL_COUNT; m++)
        cli_model_init(&x.models[m], (pl_model)m);
    x.scenario = s;
    int rc = simulation_settings(&x, options);
    if (rc == EXIT_OK)
        rc = choose_parties(&x, options, outputs);
    if (rc == EXIT_OK)
        rc = analyse(&x, options->quiet);
    /* Which judgements matter, for the JSON and the report's charts (docs/report.md). */
    if (rc == EXIT_OK && (json || outputs))
        rc = cli_run_sensitivity(s, x.red_lines, CLI_RUN_SENSITIVITY_SAMPLES, x.settings.seed,
                                 &x.sensitivity);
    json_t *document = NULL;
    if (rc == EXIT_OK && (json || options->report)) {
        document = build_json(&x);
        if (document == NULL) {
            cli_error("parley: error: out of memory");
            rc = EXIT_INTERNAL;
        }
    }
    if (rc == EXIT_OK && outputs)
        rc = write_outputs(&x, options, document);
    if (rc == EXIT_OK && json)
        rc = json_array_append(documents, document) == 0 ? EXIT_OK : EXIT_INTERNAL;
    else if (rc == EXIT_OK)
        rc = emit_text(&x);
    json_decref(document);
    analysis_free(&x);
    return rc;
}

/*
 * Every scenario in turn (README: `run [SCENARIO...]`). With --json one
 * document, or an array of them for several scenarios; files (--report,
 * --svg, --csv, --png) are for one scenario.
 */
static int run_all(char **paths, int n, const run_options *options, int json)
{
    pl_scenario **scenarios = NULL;
    size_t count = 0;
    int outputs = options->report || options->svg || options->csv || options->png;
    int rc = cli_load_scenarios((const char *const *)paths, (size_t)n, &scenarios, &count);
    if (rc == EXIT_OK && count > 1 && outputs)
        rc = cli_usage_error("run", "--report, --svg, --csv and --png take one scenario, not "
                             "%zu: run them one at a time", count);
    /* Every scenario's settings (--agents, --issue) first: no report unless all are good. */
    for (size_t j = 0; rc == EXIT_OK && count > 1 && j < count; j++) {
        analysis probe = {0};
        probe.scenario = scenarios[j];
        rc = simulation_settings(&probe, options);
        free(probe.agents);
        free(probe.issues);
    }
    json_t *documents = json_array();
    if (documents == NULL)
        rc = EXIT_INTERNAL;
    size_t k = 0;
    for (; rc == EXIT_OK && k < count; k++) {
        if (k > 0 && !json) {
            fflush(stdout); /* each report is emitted whole; keep them in order */
            fputc('\n', stdout);
        }
        rc = run_one(scenarios[k], options, json, documents);
    }
    for (k = rc == EXIT_OK ? count : k; k < count; k++)
        pl_scenario_free(scenarios[k]); /* those not analysed (run_one frees its own) */
    free(scenarios);
    if (rc == EXIT_OK && json)
        rc = cli_emit_json(count == 1 ? json_incref(json_array_get(documents, 0))
                                      : json_incref(documents));
    json_decref(documents);
    return rc;
}

static int run(int argc, char **argv)
{
    int json = 0, done = 0, n = 0;
    char **positional = NULL;
    run_options options = {0};
    options.issues = calloc((size_t)argc + 1, sizeof *options.issues);
    if (options.issues == NULL)
        return EXIT_INTERNAL;
    int rc = cli_parse(&cli_run_command, argc, argv, run_options_list, handle_option, &options,
                       &json, &positional, &n, &done);
    if (rc == EXIT_OK && !done && options.png && !cli_png_available())
        rc = cli_usage_error("run", "%s", cli_png_missing());
    if (rc == EXIT_OK && !done)
        rc = run_all(positional, n, &options, json);
    free(positional);
    free(options.issues);
    return rc;
}

/*
 * The analysis of `parley run` for `parley serve` (run_analysis.h): the same
 * functions, with the default settings and without the what-ifs' simulation.
 */
struct cli_run_analysis {
    analysis x;
};

int cli_run_analyse(pl_scenario *scenario, unsigned flags, cli_run_analysis **out)
{
    return cli_run_analyse_cancellable(scenario, flags, (pl_progress){NULL, NULL}, out);
}

int cli_run_analyse_cancellable(pl_scenario *scenario, unsigned flags, pl_progress cancel,
                                cli_run_analysis **out)
{
    *out = NULL;
    cli_run_analysis *r = calloc(1, sizeof *r);
    if (r == NULL) {
        pl_scenario_free(scenario);
        return EXIT_INTERNAL;
    }
    analysis *x = &r->x;
    for (size_t m = 0; m < PL_MODEL_COUNT; m++)
        cli_model_init(&x->models[m], (pl_model)m);
    x->scenario = scenario;
    x->no_simulation = 1;
    x->no_settlement = !(flags & CLI_RUN_SETTLEMENT);
    x->cancel = cancel;
    run_options o = {0};
    int rc = simulation_settings(x, &o);
    if (rc == EXIT_OK)
        rc = choose_parties(x, &o, (flags & CLI_RUN_CHARTS) != 0);
    if (rc == EXIT_OK)
        rc = analyse(x, 1);
    if (rc != EXIT_OK) {
        cli_run_analysis_free(r);
        return rc;
    }
    *out = r;
    return EXIT_OK;
}

json_t *cli_run_document(const cli_run_analysis *r)
{
    return build_json(&r->x);
}

int cli_run_charts(const cli_run_analysis *r, cli_chart_file **files, size_t *n)
{
    json_t *agreement = json_object();
    cli_report report;
    fill_report(&r->x, &report, NULL, agreement);
    int rc = agreement ? cli_chart_all(&report, files, n) : PL_ERR_NOMEM;
    json_decref(agreement);
    return rc;
}

char *cli_run_html(const cli_run_analysis *r, const json_t *document, size_t *size)
{
    json_t *agreement = json_object();
    char *json = document ? cli_json_text(document, 2) : NULL;
    cli_report report;
    fill_report(&r->x, &report, NULL, agreement);
    report.json = json;
    char *html = agreement && json ? cli_report_html(&report, size) : NULL;
    free(json);
    json_decref(agreement);
    return html;
}

int cli_run_csv(const cli_run_analysis *r, cli_chart_file **files, size_t *n)
{
    json_t *agreement = json_object();
    cli_report report;
    fill_report(&r->x, &report, NULL, agreement);
    int rc = agreement ? cli_csv_tables(&report, files, n) : PL_ERR_NOMEM;
    json_decref(agreement);
    return rc;
}

void cli_run_analysis_free(cli_run_analysis *r)
{
    if (r == NULL)
        return;
    analysis_free(&r->x);
    free(r);
}

const cli_command cli_run_command = {
    "run",
    "analyse a scenario: verdicts on every proposal, forecasts, red lines",
    "Usage: parley run [SCENARIO... | GENIUS-DOMAIN PROFILE... | DOMAIN-FOLDER] [--json]\n"
    "                  [--report FILE.html]\n"
    "                  [--svg DIR] [--csv DIR] [--png DIR] [--parties A,B] [--quiet]\n"
    "                  [--protocol P] [--agents A[,B,...]] [--steps S] [--runs R] [--seed X]\n"
    "                  [--issue ID]...\n"
    "\n"
    "Analyse a scenario, or with none the built-in default (the talks on the US-backed plan\n"
    "to end the war in Ukraine after the Moscow meeting of 2 December 2025); several\n"
    "scenarios are analysed in turn (--json: an array of documents):\n"
    "  - the scenario, its caveats and sources; which numbers are analyst judgements;\n"
    "  - for each proposal, each actor's verdict on each item (acceptable, critical,\n"
    "    negative, unacceptable) and its utility for the package against its reservation;\n"
    "  - the compromise and weighted-median forecasts per issue;\n"
    "  - whether any package can respect the red lines of those who must agree, and if\n"
    "    not, which issues block it and by how much;\n"
    "  - what it would take: each blocking red line moved towards the other side, with the\n"
    "    zone's margin and the settlement probability at each step;\n"
    "  - the simulated talks: settlement probability for the stated inputs, each shock and\n"
    "    each uncertainty group;\n"
    "  - which judgements matter (with --json or a file output, when the scenario has\n"
    "    uncertainty groups): Sobol indices of the compromise forecast of each barrier\n"
    "    issue over the groups (docs/sensitivity.md).\n"
    "\n"
    "Options:\n"
    "  --json               print the same content as one JSON document\n"
    "  --report FILE.html   also write a self-contained HTML report with charts (opens\n"
    "                       offline, prints well; docs/report.md)\n"
    "  --svg DIR            also write each chart as DIR/NAME.svg\n"
    "  --csv DIR            also write every table as CSV: verdicts, forecasts, red_lines,\n"
    "                       trace_MODEL per dynamic model, frontier, montecarlo\n"
    "  --png DIR            also write each chart as DIR/NAME.png (needs librsvg)\n"
    "  --parties A,B        the two actors of the frontier chart (default: the first two\n"
    "                       veto actors, else the first two actors)\n"
    "  --quiet              no progress bar (shown on a terminal for runs over a second)\n"
    "  --protocol P         simulated talks: sao (default) or mediator\n"
    "  --agents A,B,...     one agent for all parties or one per party (default boulware;\n"
    "                       the names of `parley simulate --help`)\n"
    "  --steps S            rounds of each simulated negotiation (default 100)\n"
    "  --runs R             Monte Carlo runs per what-if (default 1000) and per step of the\n"
    "                       settlement curves (default 100)\n"
    "  --seed X             random seed, 0 to 2^53-1 (default 1)\n"
    "  --issue ID           also show what it would take on this issue (repeatable)\n"
    "  --help               show this help\n"
    "\n"
    "Example: parley run examples/peace-talks-2025.json --json\n",
    run,
};
