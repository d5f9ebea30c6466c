/*
 * report_html.c - the self-contained HTML report (report_html.h): a summary
 * an analyst reads at a glance (the barrier issues and how far apart the
 * parties are, which proposal passes), the caveats, the charts, the
 * forecasts table, the sources, and the run's JSON.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "report_html.h"

void cli_report_use_models(cli_report *report, const cli_model_run *runs, size_t n)
{
    report->n_models = n < PL_MODEL_COUNT ? n : PL_MODEL_COUNT;
    for (size_t m = 0; m < report->n_models; m++) {
        cli_report_model *r = &report->models[m];
        const cli_model_run *run = &runs[m];
        r->model = run->model;
        r->ran = run->ran;
        r->forecast = run->forecast;
        r->failure = run->ran ? NULL : run->failure.message;
        r->trace = cli_model_trace(run); /* over every issue, NaN where left out */
        json_t *skipped = run->ran ? cli_model_skipped(run, run->scenario) : NULL;
        cli_report_left_out(r, skipped);
        json_decref(skipped);
    }
}

void cli_report_left_out(cli_report_model *r, const json_t *skipped)
{
    const char *issue;
    json_t *reason;
    size_t n = 0;
    r->left_out[0] = '\0';
    json_object_foreach((json_t *)skipped, issue, reason) {
        if (n < sizeof r->left_out)
            n += (size_t)snprintf(r->left_out + n, sizeof r->left_out - n, "%s%s (%s)",
                                  n ? ", " : "", issue,
                                  json_is_string(reason) ? json_string_value(reason) : "?");
    }
}

static const char style[] =
    "body{font-family:\"DejaVu Sans\",Arial,Helvetica,sans-serif;color:#222;max-width:1000px;"
    "margin:0 auto;padding:16px 20px;line-height:1.4}\n"
    "h1{font-size:1.5em;margin:0.2em 0}h2{font-size:1.2em;margin-top:1.6em;"
    "border-bottom:1px solid #ccc}\n"
    ".meta{color:#555}\n"
    ".barrier{border-left:6px solid #A50026;background:#FBE3E4;padding:8px 14px;"
    "font-size:1.15em;margin:10px 0}\n"
    ".barrier.none{border-left-color:#1A9850;background:#E5F5E0}\n"
    ".caveats{border-left:6px solid #E69F00;background:#FFF6E0;padding:6px 14px}\n"
    ".passes{color:#1A9850;font-weight:bold}.fails{color:#A50026;font-weight:bold}\n"
    "figure{margin:18px 0}figure svg{max-width:100%;height:auto;display:block}\n"
    "figcaption{color:#555;font-size:0.9em}\n"
    "table{border-collapse:collapse;font-size:0.92em}"
    "th,td{padding:2px 10px;border-bottom:1px solid #ddd;text-align:right}"
    "td:first-child{overflow-wrap:anywhere}table.names td{text-align:left}"
    "th:first-child,td:first-child{text-align:left}\n"
    "@media print{body{max-width:none;padding:0;font-size:10pt}"
    "figure,table,.barrier,.caveats{break-inside:avoid;page-break-inside:avoid}"
    "h2{break-after:avoid;page-break-after:avoid}@page{size:A4;margin:12mm}}\n";

void cli_report_html_head(cli_svg *h, const pl_scenario *s)
{
    cli_svg_put(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta name=\"generator\" content=\"parley %s\">\n"
                   "<link rel=\"icon\" href=\"data:,\">\n<title>parley report: %s</title>\n"
                   "<style>\n%r</style>\n</head>\n<body>\n",
                pl_version(), s->name ? s->name : (s->id ? s->id : "scenario"), style);
    cli_svg_put(h, "<header>\n<h1>%s</h1>\n<p class=\"meta\">", s->name ? s->name : "");
    if (s->provenance.date)
        cli_svg_put(h, "As of %s; ", s->provenance.date);
    cli_svg_put(h, "%s format, %z actors, %z issues, %z proposals. Report by parley %s.</p>\n"
                   "</header>\n",
                s->format ? s->format : "unknown", s->n_actors, s->n_issues, s->n_proposals,
                pl_version());
}

static void at_a_glance(cli_svg *h, const cli_report *report)
{
    const pl_scenario *s = report->scenario;
    const pl_red_line_analysis *r = report->red_lines;
    cli_svg_raw(h, "<section id=\"summary\">\n<h2>At a glance</h2>\n");
    for (size_t k = 0; r && k < r->n_blocking; k++) {
        const pl_blocking_issue *b = &r->blocking[k];
        const pl_issue *is = &s->issues[b->issue];
        cli_svg_put(h, "<p class=\"barrier\"><strong>Barrier: %s</strong> (%s). ", is->name,
                    is->id);
        if (is->kind == PL_ISSUE_CONTINUOUS && b->low_actor < s->n_actors &&
            b->high_actor < s->n_actors)
            cli_svg_put(h, "%s needs at least %p, %s accepts at most %p: a gap of "
                           "<strong>%p points</strong> (%d%% of the range %p-%p).",
                        s->actors[b->low_actor].name, r->feasible_low[b->issue],
                        s->actors[b->high_actor].name, r->feasible_high[b->issue], b->gap,
                        (int)lround(100 * b->gap_share), is->low, is->high);
        else
            cli_svg_put(h, "No option is acceptable to all who must agree; %p red lines "
                           "must be relaxed first.", b->gap);
        cli_svg_raw(h, "</p>\n");
    }
    if (r && r->n_blocking == 0)
        cli_svg_raw(h, "<p class=\"barrier none\">No barrier: the red lines of those who must "
                       "agree leave room on every issue.</p>\n");
    cli_svg_raw(h, "<ul>\n");
    for (size_t p = 0; report->evaluations && p < s->n_proposals; p++) {
        const pl_evaluation *e = report->evaluations[p];
        cli_svg_put(h, "<li>%s: <span class=\"%r\">%r</span>; rejected by", s->proposals[p].name,
                    e->passes ? "passes" : "fails", e->passes ? "passes" : "fails");
        size_t n = 0;
        for (size_t a = 0; a < s->n_actors; a++)
            if (e->acceptance[a] != PL_ACCEPTS)
                cli_svg_put(h, "%r %s (%r)", n++ ? "," : "", s->actors[a].id,
                            pl_acceptance_name(e->acceptance[a]));
        cli_svg_put(h, "%r.</li>\n", n ? "" : " nobody");
    }
    cli_svg_raw(h, "</ul>\n</section>\n");
}

void cli_report_html_caveats(cli_svg *h, const pl_scenario *s)
{
    cli_svg_raw(h, "<section class=\"caveats\">\n<h2>Caveats</h2>\n<ul>\n");
    for (size_t k = 0; k < s->provenance.n_caveats; k++)
        cli_svg_put(h, "<li>%s</li>\n", s->provenance.caveats[k]);
    if (s->provenance.n_caveats == 0)
        cli_svg_raw(h, "<li>The scenario gives none; its numbers are shown as given.</li>\n");
    cli_svg_raw(h, "</ul>\n</section>\n");
    if (s->provenance.description)
        cli_svg_put(h, "<p>%s</p>\n", s->provenance.description);
}

static void value_text(cli_svg *h, const pl_scenario *s, size_t i, double v)
{
    if (isnan(v))
        cli_svg_raw(h, "-");
    else if (s->issues[i].kind == PL_ISSUE_OPTIONS) { /* a long option name: as in the text */
        char shown[64];
        const char *id = s->issues[i].options[(size_t)v].id;
        cli_svg_put(h, "<span title=\"%s\">%s</span>", id,
                    cli_fit(NULL, id, CLI_CHART_ISSUE_WIDTH, shown, sizeof shown));
    }
    else
        cli_svg_number(h, v, 2);
}

static void forecasts(cli_svg *h, const cli_report *report)
{
    const pl_scenario *s = report->scenario;
    cli_svg_raw(h, "<section>\n<h2>Forecasts</h2>\n<table>\n<tr><th>issue</th>");
    for (size_t m = 0; m < report->n_models; m++)
        if (report->models[m].ran)
            cli_svg_put(h, "<th>%r</th>", pl_model_name(report->models[m].model));
    cli_svg_raw(h, "</tr>\n");
    for (size_t i = 0; i < s->n_issues; i++) {
        cli_svg_put(h, "<tr><td>%s</td>", s->issues[i].id);
        for (size_t m = 0; m < report->n_models; m++)
            if (report->models[m].ran) {
                cli_svg_raw(h, "<td>");
                value_text(h, s, i, report->models[m].forecast[i]);
                cli_svg_raw(h, "</td>");
            }
        cli_svg_raw(h, "</tr>\n");
    }
    cli_svg_raw(h, "</table>\n");
    for (size_t m = 0; m < report->n_models; m++)
        if (report->models[m].ran && report->models[m].left_out[0])
            cli_svg_put(h, "<p>%r: left out %s</p>\n", pl_model_name(report->models[m].model),
                        report->models[m].left_out);
    for (size_t m = 0; m < report->n_models; m++)
        if (!report->models[m].ran)
            cli_svg_put(h, "<p>%r: not applicable: %s</p>\n",
                        pl_model_name(report->models[m].model),
                        report->models[m].failure ? report->models[m].failure : "");
    cli_svg_raw(h, "</section>\n");
}

static void figure(cli_svg *h, const cli_chart_file *f)
{
    cli_svg_put(h, "<figure id=\"%s\">\n", f->name);
    cli_svg_raw_n(h, f->svg, f->size);
    cli_svg_raw(h, "</figure>\n");
}

static void sources(cli_svg *h, const pl_scenario *s)
{
    if (s->provenance.n_sources == 0)
        return;
    cli_svg_raw(h, "<section>\n<h2>Sources</h2>\n<ul>\n");
    for (size_t k = 0; k < s->provenance.n_sources; k++)
        cli_svg_put(h, "<li>%s</li>\n", s->provenance.sources[k]);
    cli_svg_raw(h, "</ul>\n</section>\n");
}

/* The JSON inside <script>: '<', '>' and '&' as \u escapes (so "</script>" cannot occur),
 * and "://" as "\u003a//" so that no URL appears in the file. Both are valid JSON. */
static void embedded_json(cli_svg *h, const char *json)
{
    if (json == NULL)
        return;
    cli_svg_raw(h, "<script type=\"application/json\" id=\"parley-run\">\n");
    for (const char *p = json; *p; p++) {
        switch (*p) {
        case '<': cli_svg_raw(h, "\\u003c"); break;
        case '>': cli_svg_raw(h, "\\u003e"); break;
        case '&': cli_svg_raw(h, "\\u0026"); break;
        case ':':
            cli_svg_raw(h, p[1] == '/' && p[2] == '/' ? "\\u003a" : ":");
            break;
        default: cli_svg_raw_n(h, p, 1); break;
        }
    }
    cli_svg_raw(h, "\n</script>\n");
}

/*
 * The legend of names (text_names.c, chart.h): every actor or issue id the
 * charts show shortened, in full. Nothing when every id fits.
 */
static void names_legend(cli_svg *h, const pl_scenario *s)
{
    char shown[64];
    int any = 0;
    for (size_t k = 0; k < s->n_actors + s->n_issues; k++) {
        int actor = k < s->n_actors;
        size_t j = actor ? k : k - s->n_actors;
        const char *id = actor ? s->actors[j].id : s->issues[j].id;
        if (strlen(id) <= (actor ? CLI_CHART_ACTOR_WIDTH : CLI_CHART_ISSUE_WIDTH))
            continue;
        if (!any++)
            cli_svg_raw(h, "<section>\n<h2>Names shortened in the charts (~)</h2>\n"
                           "<table class=\"names\">\n");
        cli_svg_put(h, "<tr><td>%s</td><td>%s</td></tr>\n",
                    actor ? cli_chart_actor(s, j, shown, sizeof shown)
                          : cli_chart_issue(s, j, shown, sizeof shown),
                    id);
    }
    if (any)
        cli_svg_raw(h, "</table>\n</section>\n");
}

/* The charts after the forecasts table: the rounds and the Monte Carlo charts. */
static int after_forecasts(const char *name)
{
    return strncmp(name, "rounds-", 7) == 0 || strcmp(name, "settlement.svg") == 0 ||
           strcmp(name, "outcomes.svg") == 0 || strcmp(name, "sensitivity.svg") == 0 ||
           strncmp(name, "judgements-", 11) == 0;
}

/* The heading of the "which judgements matter" charts (the last ones) and its settings. */
static void judgements_heading(cli_svg *h, const json_t *sensitivity)
{
    char samples[32], seed[32], bootstrap[32];
    cli_svg_put(h, "<section id=\"judgements\">\n<h2>Which judgements matter</h2>\n<p>Sobol "
                   "indices of the compromise forecast of each barrier issue (the first issue "
                   "when there is none) with respect to the scenario's uncertainty groups: "
                   "%r samples, seed %r, %r bootstrap resamples for the 95%% intervals "
                   "(Saltelli 2010, Jansen 1999; <code>parley sensitivity</code> for other "
                   "outputs).</p>\n",
                cli_chart_whole(sensitivity, "samples", samples, sizeof samples),
                cli_chart_whole(sensitivity, "seed", seed, sizeof seed),
                cli_chart_whole(sensitivity, "bootstrap", bootstrap, sizeof bootstrap));
}

char *cli_report_html(const cli_report *report, size_t *size_out)
{
    const pl_scenario *s = report->scenario;
    cli_chart_file *charts = NULL;
    size_t n = 0;
    if (cli_chart_all(report, &charts, &n) != PL_OK)
        return NULL;
    cli_svg h;
    cli_svg_init(&h);
    cli_report_html_head(&h, s);
    at_a_glance(&h, report);
    cli_report_html_caveats(&h, s);
    names_legend(&h, s);
    size_t k = 0;
    for (; k < n && !after_forecasts(charts[k].name); k++)
        figure(&h, &charts[k]);
    forecasts(&h, report);
    int judgements = 0;
    for (; k < n; k++) {
        if (!judgements && strncmp(charts[k].name, "judgements-", 11) == 0) {
            judgements_heading(&h, report->sensitivity);
            judgements = 1;
        }
        figure(&h, &charts[k]);
    }
    if (judgements)
        cli_svg_raw(&h, "</section>\n");
    sources(&h, s);
    embedded_json(&h, report->json);
    cli_svg_raw(&h, "</body>\n</html>\n");
    cli_chart_files_free(charts, n);
    return cli_svg_take(&h, size_out);
}

int cli_write_report(cli_outputs *set, const char *path, const cli_report *report,
                     pl_diag *diag)
{
    size_t size = 0;
    char *html = cli_report_html(report, &size);
    if (html == NULL)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    cli_outputs_take(set, path, html, size);
    return PL_OK;
}

int cli_write_files_directory(cli_outputs *set, const char *dir, const cli_report *report,
                              cli_report_files_fn make, pl_diag *diag)
{
    cli_chart_file *files = NULL;
    size_t n = 0;
    if (make(report, &files, &n) != PL_OK)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    cli_outputs_add_directory(set, dir);
    for (size_t k = 0; k < n; k++)
        cli_outputs_add_in(set, dir, files[k].name, files[k].svg, files[k].size);
    cli_chart_files_free(files, n);
    return PL_OK;
}

int cli_write_svg_directory(cli_outputs *set, const char *dir, const cli_report *report,
                            pl_diag *diag)
{
    return cli_write_files_directory(set, dir, report, cli_chart_all, diag);
}
