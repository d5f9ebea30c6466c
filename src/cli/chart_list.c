/*
 * chart_list.c - the charts of a report in report order: the issues, the
 * verdicts on each proposal, the frontier of two parties, the rounds of each
 * dynamic model, then the Monte Carlo charts (settlement over time, agreed
 * outcomes, sensitivity), and which judgements matter; docs/report.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "chart_judgements.h"

typedef struct chart_list {
    cli_chart_file *files;
    size_t n, capacity;
} chart_list;

static int taken(const chart_list *list, const char *name)
{
    for (size_t k = 0; k < list->n; k++)
        if (strcmp(list->files[k].name, name) == 0)
            return 1;
    return 0;
}

/*
 * `name` made unique in the list: ids that differ only in characters a file
 * name cannot hold ("a/b" and "a_b" both read "a_b") get "-2", "-3", ...
 * before the extension, in report order, so that no chart overwrites another.
 */
static void unique_name(const chart_list *list, const char *name, char *out, size_t size)
{
    snprintf(out, size, "%s", name);
    const char *dot = strrchr(name, '.');
    int stem = (int)(dot ? (size_t)(dot - name) : strlen(name));
    for (unsigned k = 2; taken(list, out) && k < 100000; k++) {
        char suffix[16];
        int n = snprintf(suffix, sizeof suffix, "-%u%s", k, dot ? dot : "");
        int room = (int)size - 1 - n;
        snprintf(out, size, "%.*s%s", stem < room ? stem : room, name, suffix);
    }
}

/* Take what `svg` holds as the next chart, named `name` (made unique); 0 after a failure. */
static int keep(chart_list *list, cli_svg *svg, const char *name)
{
    if (list->n == list->capacity) {
        size_t capacity = list->capacity ? 2 * list->capacity : 8;
        cli_chart_file *files = realloc(list->files, capacity * sizeof *files);
        if (files == NULL)
            return 0;
        list->files = files;
        list->capacity = capacity;
    }
    cli_chart_file *f = &list->files[list->n];
    unique_name(list, name, f->name, sizeof f->name);
    f->svg = cli_svg_take(svg, &f->size);
    if (f->svg == NULL)
        return 0;
    list->n++;
    return 1;
}

int cli_chart_all(const cli_report *report, cli_chart_file **out, size_t *n_out)
{
    chart_list list = {NULL, 0, 0};
    cli_svg svg;
    cli_svg_init(&svg);
    int ok = 1;
    char name[160], safe[120];
    if (cli_chart_issues(&svg, report))
        ok = keep(&list, &svg, "issues.svg");
    for (size_t p = 0; ok && p < report->scenario->n_proposals; p++)
        if (cli_chart_verdicts(&svg, report, p)) {
            cli_chart_safe_name(report->scenario->proposals[p].id, safe, sizeof safe);
            snprintf(name, sizeof name, "verdicts-%s.svg", safe);
            ok = keep(&list, &svg, name);
        }
    if (ok && cli_chart_frontier(&svg, report))
        ok = keep(&list, &svg, "frontier.svg");
    if (ok && cli_chart_what_it_takes(&svg, report))
        ok = keep(&list, &svg, "what-it-takes.svg");
    for (size_t m = 0; ok && m < report->n_models; m++)
        if (cli_chart_rounds(&svg, report, m)) {
            snprintf(name, sizeof name, "rounds-%s.svg", pl_model_name(report->models[m].model));
            ok = keep(&list, &svg, name);
        }
    if (ok && cli_chart_settlement(&svg, report))
        ok = keep(&list, &svg, "settlement.svg");
    if (ok && cli_chart_outcomes(&svg, report))
        ok = keep(&list, &svg, "outcomes.svg");
    if (ok && cli_chart_sensitivity(&svg, report))
        ok = keep(&list, &svg, "sensitivity.svg");
    /* Which judgements matter: one chart per output (run_sensitivity.h), named by its issue. */
    const json_t *outputs = json_object_get(report->sensitivity, "outputs");
    for (size_t k = 0; ok && k < json_array_size(outputs); k++)
        if (cli_chart_judgements_json(&svg, report->scenario, json_array_get(outputs, k))) {
            const char *q = json_string_value(json_object_get(json_array_get(outputs, k),
                                                              "output"));
            const char *issue = strrchr(q, ':');
            cli_chart_safe_name(issue ? issue + 1 : q, safe, sizeof safe);
            snprintf(name, sizeof name, "judgements-%s.svg", safe);
            ok = keep(&list, &svg, name);
        }
    cli_svg_free(&svg);
    if (!ok) {
        cli_chart_files_free(list.files, list.n);
        return PL_ERR_NOMEM;
    }
    *out = list.files;
    *n_out = list.n;
    return PL_OK;
}

void cli_chart_files_free(cli_chart_file *files, size_t n)
{
    for (size_t k = 0; files && k < n; k++)
        free(files[k].svg);
    free(files);
}
