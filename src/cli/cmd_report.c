/*
 * cmd_report.c - `parley report RESULT.json -o FILE.html`: the HTML report
 * (and, on request, the SVG charts and CSV tables) redrawn from the JSON
 * that `parley run --json` printed. The scenario comes from the JSON's
 * "scenario_document"; the verdicts and the red-line analysis are computed
 * from it again (they are exact and quick); the forecasts and the rounds of
 * the dynamic models are taken as the JSON gives them. The result is the
 * report `parley run --report` writes, byte for byte.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csv_export.h"
#include "png_export.h"
#include "report_html.h"

/* Declared in cli.h once the command is registered in main.c; repeating it is harmless. */
extern const cli_command cli_report_command;

typedef struct report_options {
    const char *output, *svg, *csv, *png;
} report_options;

/* What the command owns while it works. */
typedef struct loaded {
    json_t *root;
    pl_scenario *scenario;
    pl_evaluation **evaluations;
    pl_red_line_analysis *red_lines;
    double *forecasts[PL_MODEL_COUNT];
    pl_trace traces[PL_MODEL_COUNT];
    char *json;
    cli_report_frontier frontier;  /**< the frontier chart's parties and frontier */
    pl_frontier *owned_frontier;
} loaded;

static int handle_option(const char *name, const char *value, void *payload)
{
    report_options *o = payload;
    if (strcmp(name, "output") == 0)
        o->output = value;
    else if (strcmp(name, "svg") == 0)
        o->svg = value;
    else if (strcmp(name, "csv") == 0)
        o->csv = value;
    else if (strcmp(name, "png") == 0)
        o->png = value;
    return 0;
}

static void loaded_free(loaded *l)
{
    for (size_t p = 0; l->scenario && l->evaluations && p < l->scenario->n_proposals; p++)
        pl_evaluation_free(l->evaluations[p]);
    free(l->evaluations);
    pl_red_line_analysis_free(l->red_lines);
    for (size_t m = 0; m < PL_MODEL_COUNT; m++) {
        free(l->forecasts[m]);
        pl_trace_clear(&l->traces[m]);
    }
    pl_frontier_free(l->owned_frontier);
    pl_scenario_free(l->scenario);
    json_decref(l->root);
    free(l->json);
}

static int bad(pl_diag *diag, const char *format, const char *what)
{
    pl_diag_set(diag, PL_ERR_INVALID, 0, 0, format, what);
    return PL_ERR_INVALID;
}

/* One issue value: a number, an option id, or null (NaN). */
static int read_value(const pl_scenario *s, size_t issue, json_t *v, double *out)
{
    size_t option;
    if (json_is_null(v))
        *out = NAN;
    else if (json_is_number(v))
        *out = json_number_value(v);
    else if (json_is_string(v) && s->issues[issue].kind == PL_ISSUE_OPTIONS &&
             pl_scenario_find_option(s, issue, json_string_value(v), &option) == PL_OK)
        *out = (double)option;
    else
        return PL_ERR_INVALID;
    return PL_OK;
}

static int read_values(const pl_scenario *s, json_t *list, size_t n, double *out, int by_issue)
{
    if (!json_is_array(list) || json_array_size(list) != n)
        return PL_ERR_INVALID;
    for (size_t k = 0; k < n; k++) {
        json_t *v = json_array_get(list, k);
        if (by_issue ? read_value(s, k, v, &out[k]) != PL_OK
                     : !(json_is_number(v) || json_is_null(v)))
            return PL_ERR_INVALID;
        if (!by_issue)
            out[k] = json_is_null(v) ? NAN : json_number_value(v);
    }
    return PL_OK;
}

static int read_round(const pl_scenario *s, json_t *round, pl_trace *t, double *scratch)
{
    size_t na = s->n_actors, ni = s->n_issues;
    json_t *positions = json_object_get(round, "positions");
    if (!json_is_array(positions) || json_array_size(positions) != na)
        return PL_ERR_INVALID;
    for (size_t a = 0; a < na; a++)
        if (read_values(s, json_array_get(positions, a), ni, scratch + a * ni, 0) != PL_OK)
            return PL_ERR_INVALID;
    double *forecast = scratch + na * ni, *mean = forecast + ni;
    if (read_values(s, json_object_get(round, "forecast"), ni, forecast, 1) != PL_OK ||
        read_values(s, json_object_get(round, "mean"), ni, mean, 0) != PL_OK)
        return PL_ERR_INVALID;
    return pl_trace_append(t, scratch, forecast, mean);
}

static int read_model(loaded *l, pl_model m, json_t *entry, pl_diag *diag)
{
    const pl_scenario *s = l->scenario;
    const char *name = pl_model_name(m);
    l->forecasts[m] = malloc((s->n_issues + 1) * sizeof *l->forecasts[m]);
    if (l->forecasts[m] == NULL || pl_trace_init(&l->traces[m], s->n_actors, s->n_issues))
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    if (read_values(s, json_object_get(entry, "forecast"), s->n_issues, l->forecasts[m], 1))
        return bad(diag, "models.%s.forecast: one value per issue expected", name);
    json_t *rounds = json_object_get(entry, "rounds");
    if (rounds == NULL)
        return PL_OK;
    double *scratch = malloc(((s->n_actors + 2) * s->n_issues + 1) * sizeof *scratch);
    if (scratch == NULL)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    int rc = json_is_array(rounds) ? PL_OK : PL_ERR_INVALID;
    for (size_t r = 0; rc == PL_OK && r < json_array_size(rounds); r++)
        rc = read_round(s, json_array_get(rounds, r), &l->traces[m], scratch);
    free(scratch);
    if (rc == PL_ERR_NOMEM)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    return rc == PL_OK ? PL_OK : bad(diag, "models.%s.rounds: malformed", name);
}

/* The models in pl_model order, as `parley run` lists them. */
static int read_models(loaded *l, cli_report *report, pl_diag *diag)
{
    json_t *models = json_object_get(l->root, "models");
    json_t *skipped = json_object_get(l->root, "not_applicable");
    if (!json_is_object(models))
        return bad(diag, "%s: missing (not the output of `parley run --json`?)", "models");
    for (size_t k = 0; k < PL_MODEL_COUNT; k++) {
        pl_model m = (pl_model)k;
        json_t *entry = json_object_get(models, pl_model_name(m));
        json_t *reason = json_object_get(skipped, pl_model_name(m));
        if (entry == NULL && !json_is_string(reason))
            continue;
        cli_report_model *r = &report->models[report->n_models++];
        r->model = m;
        if (entry == NULL) {
            r->failure = json_string_value(reason);
            continue;
        }
        int rc = read_model(l, m, entry, diag);
        if (rc != PL_OK)
            return rc;
        r->ran = 1;
        cli_report_left_out(r, json_object_get(entry, "skipped"));
        r->forecast = l->forecasts[m];
        r->trace = l->traces[m].n_rounds > 0 ? &l->traces[m] : NULL;
    }
    return PL_OK;
}

static int read_scenario(loaded *l, const char *path, pl_diag *diag)
{
    json_t *document = json_object_get(l->root, "scenario_document");
    if (!json_is_object(document))
        return bad(diag, "%s: missing (write the file with `parley run --json`)",
                   "scenario_document");
    char *text = json_dumps(document, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
    if (text == NULL)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    int rc = pl_read_parley_json(path, text, strlen(text), &l->scenario, diag);
    free(text);
    if (rc != PL_OK && diag->message[0] && strncmp(diag->message, "scenario_document", 17))
        pl_diag_set(diag, rc, 0, 0, "scenario_document: %.400s", diag->message);
    return rc;
}

/* The frontier chart: the parties "frontier_parties" names (else the default two), and their
 * frontier computed again from the scenario (exact, as `parley run` computes it). */
static int read_frontier(loaded *l, cli_report *report, pl_diag *diag)
{
    json_t *parties = json_object_get(l->root, "frontier_parties");
    int rc;
    if (parties != NULL) {
        /* The ids are looked up as they are: an id may hold a comma, which --parties A,B
         * could not say but `parley run --json` writes all the same. */
        const char *a = json_string_value(json_array_get(parties, 0));
        const char *b = json_string_value(json_array_get(parties, 1));
        if (!json_is_array(parties) || json_array_size(parties) != 2 || !a || !b)
            return bad(diag, "%s: two actor ids expected", "frontier_parties");
        if (pl_scenario_find_actor(l->scenario, a, &l->frontier.parties[0]) != PL_OK ||
            pl_scenario_find_actor(l->scenario, b, &l->frontier.parties[1]) != PL_OK ||
            l->frontier.parties[0] == l->frontier.parties[1])
            return bad(diag, "frontier_parties: %s", "unknown or repeated actor");
        rc = PL_OK;
    } else {
        rc = cli_frontier_parties(l->scenario, NULL, l->frontier.parties, diag);
    }
    if (rc == PL_ERR_NOT_FOUND)
        return PL_OK;
    if (rc != PL_OK)
        return bad(diag, "frontier_parties: %s", "unknown or repeated actor");
    pl_diag scratch;
    pl_diag_clear(&scratch);
    rc = pl_frontier_pair(l->scenario, l->frontier.parties[0], l->frontier.parties[1], NULL,
                          &l->owned_frontier, &scratch);
    if (rc == PL_ERR_NOMEM)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    l->frontier.frontier = l->owned_frontier;
    report->frontier = l->owned_frontier ? &l->frontier : NULL;
    return PL_OK;
}

/* The what-ifs for the Monte Carlo charts, as `parley run --json` wrote them; the charts
 * read only well-typed fields and leave out what is missing. */
static const json_t *read_simulation(const json_t *root)
{
    const json_t *simulation = json_object_get(root, "simulation");
    return json_is_object(simulation) && json_is_array(json_object_get(simulation, "whatifs"))
               ? simulation : NULL;
}

static int analyse(loaded *l, cli_report *report, pl_diag *diag)
{
    const pl_scenario *s = l->scenario;
    l->evaluations = calloc(s->n_proposals + 1, sizeof *l->evaluations);
    if (l->evaluations == NULL)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    for (size_t p = 0; p < s->n_proposals; p++)
        if (pl_evaluate(s, s->proposals[p].values, &l->evaluations[p]) != PL_OK)
            return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    int rc = pl_analyse_red_lines(s, &l->red_lines, diag);
    if (rc != PL_OK)
        return rc;
    report->scenario = s;
    report->evaluations = l->evaluations;
    report->red_lines = l->red_lines;
    rc = read_frontier(l, report, diag);
    if (rc == PL_OK)
        report->simulation = read_simulation(l->root);
    /* what it would take: the chart reads only well-typed fields of "agreement" */
    if (rc == PL_OK && json_is_object(json_object_get(l->root, "agreement")))
        report->what_it_takes = json_object_get(l->root, "agreement");
    /* which judgements matter: the chart reads only well-typed members of each output */
    if (rc == PL_OK && json_is_object(json_object_get(l->root, "sensitivity")))
        report->sensitivity = json_object_get(l->root, "sensitivity");
    return rc == PL_OK ? read_models(l, report, diag) : rc;
}

/* The JSON text of `parley run --json`, read and analysed as `report` does. */
static int load_text(loaded *l, const char *path, const char *data, size_t size,
                     cli_report *report, pl_diag *diag)
{
    pl_diag_set_source(diag, path);
    /* Read as scenarios are: a UTF-8 byte-order mark is skipped, duplicate keys refused. */
    size_t skip = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    json_error_t error;
    l->root = json_loadb(data + skip, size - skip, JSON_REJECT_DUPLICATES, &error);
    int rc;
    if (!json_is_object(l->root))
        return l->root ? bad(diag, "%s", "expected the JSON object of `parley run --json`")
                       : pl_diag_set(diag, PL_ERR_SYNTAX, error.line, error.column, "%s",
                                     error.text);
    rc = read_scenario(l, path, diag);
    pl_diag_set_source(diag, path);
    if (rc == PL_OK)
        rc = analyse(l, report, diag);
    if (rc == PL_OK) {
        l->json = cli_json_text(l->root, 2);
        report->json = l->json;
        if (l->json == NULL)
            rc = pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    }
    return rc;
}

static int load(loaded *l, const char *path, cli_report *report, pl_diag *diag)
{
    char *data = NULL;
    size_t size = 0;
    pl_diag_set_source(diag, path);
    int rc = pl_read_file(path, PL_DEFAULT_MAX_INPUT_BYTES, &data, &size, diag);
    if (rc != PL_OK)
        return rc;
    rc = load_text(l, path, data, size, report, diag);
    free(data);
    return rc;
}

int cli_report_from_text(const char *source, const char *data, size_t size, char **html,
                         size_t *html_size, pl_diag *diag)
{
    loaded l;
    memset(&l, 0, sizeof l);
    cli_report report;
    memset(&report, 0, sizeof report);
    *html = NULL;
    int rc = load_text(&l, source, data, size, &report, diag);
    if (rc == PL_OK) {
        *html = cli_report_html(&report, html_size);
        if (*html == NULL)
            rc = pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    }
    loaded_free(&l);
    return rc;
}

static int write_outputs(const cli_report *report, const report_options *o)
{
    pl_diag diag;
    pl_diag_clear(&diag);
    cli_outputs set;
    cli_outputs_init(&set);
    int rc = PL_OK;
    if (o->output)
        rc = cli_write_report(&set, o->output, report, &diag);
    if (rc == PL_OK && o->svg)
        rc = cli_write_svg_directory(&set, o->svg, report, &diag);
    if (rc == PL_OK && o->csv)
        rc = cli_write_csv_directory(&set, o->csv, report, &diag);
    if (rc == PL_OK && o->png)
        rc = cli_write_png_directory(&set, o->png, report, &diag);
    if (rc == PL_OK)
        rc = cli_outputs_commit(&set, &diag);
    cli_outputs_free(&set);
    if (rc == PL_OK)
        return EXIT_OK;
    cli_print_diag(&diag);
    return EXIT_INTERNAL;
}

static int run(int argc, char **argv)
{
    static const cli_option options[] = {{"output", 1}, {"svg", 1}, {"csv", 1}, {"png", 1},
                                         {NULL, 0}};
    report_options o = {NULL, NULL, NULL, NULL};
    int done = 0, n = 0;
    char **positional = NULL;
    int rc = cli_parse(&cli_report_command, argc, argv, options, handle_option, &o, NULL,
                       &positional, &n, &done);
    const char *path = n == 1 ? positional[0] : NULL;
    free(positional);
    if (rc != EXIT_OK || done)
        return rc;
    if (path == NULL)
        return cli_usage_error("report", "give one RESULT.json (from `parley run --json`)");
    if (!o.output && !o.svg && !o.csv && !o.png)
        return cli_usage_error("report", "say what to write: -o FILE.html, --svg DIR, --csv DIR, "
                                         "--png DIR");
    if (o.png && !cli_png_available())
        return cli_usage_error("report", "%s", cli_png_missing());
    loaded l;
    memset(&l, 0, sizeof l);
    cli_report report;
    memset(&report, 0, sizeof report);
    pl_diag diag;
    pl_diag_clear(&diag);
    rc = load(&l, path, &report, &diag);
    if (rc != PL_OK) {
        rc = cli_fail(rc, &diag);
    } else {
        rc = write_outputs(&report, &o);
    }
    loaded_free(&l);
    return rc;
}

const cli_command cli_report_command = {
    "report",
    "redraw the HTML report, charts and tables from `parley run --json` output",
    "Usage: parley report RESULT.json -o FILE.html [--svg DIR] [--csv DIR] [--png DIR]\n"
    "\n"
    "Redraw the report of a run from the JSON `parley run SCENARIO --json` printed: the same\n"
    "self-contained HTML file as `parley run --report` (inline SVG charts and CSS, the JSON\n"
    "embedded, no external URL; docs/report.md).\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE.html   write the HTML report (- for standard output)\n"
    "  --svg DIR                write each chart as DIR/NAME.svg\n"
    "  --csv DIR                write every table as DIR/NAME.csv\n"
    "  --png DIR                write each chart as DIR/NAME.png (needs librsvg)\n"
    "  --help                   show this help\n"
    "\n"
    "Example: parley report run.json -o run.html  (after: parley run --json > run.json)\n",
    run,
};
