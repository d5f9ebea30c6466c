/*
 * csv_export.c - the report's tables as CSV files (csv_export.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csv_export.h"
#include "report_html.h"

/* One field, quoted when it must be; a text that could run as a formula gets a leading
 * apostrophe (OWASP "CSV Injection"; cli_csv_formula_risk). */
static void field(cli_svg *b, const char *text, int first)
{
    if (!first)
        cli_svg_raw(b, ",");
    if (text == NULL)
        return;
    const char *guard = cli_csv_formula_risk(text) ? "'" : "";
    if (strpbrk(text, ",\"\r\n") == NULL) {
        cli_svg_raw(b, guard);
        cli_svg_raw(b, text);
        return;
    }
    cli_svg_raw(b, "\"");
    cli_svg_raw(b, guard);
    for (const char *p = text; *p; p++)
        if (*p == '"')
            cli_svg_raw(b, "\"\"");
        else
            cli_svg_raw_n(b, p, 1);
    cli_svg_raw(b, "\"");
}

/* A number in the shortest form that reads back to the same double; empty for NaN. */
static void number(cli_svg *b, double value)
{
    cli_svg_raw(b, ",");
    if (isnan(value))
        return;
    char text[PL_REAL_CHARS];
    pl_format_real(value, text);
    cli_svg_raw(b, text);
}

static void value(cli_svg *b, const pl_scenario *s, size_t i, double v)
{
    if (s->issues[i].kind == PL_ISSUE_OPTIONS && !isnan(v))
        field(b, s->issues[i].options[(size_t)v].id, 0);
    else
        number(b, v);
}

static void verdicts(cli_svg *b, const cli_report *r)
{
    const pl_scenario *s = r->scenario;
    cli_svg_raw(b, "proposal,actor,issue,value,utility,verdict,package_utility,reservation,"
                   "acceptance\n");
    for (size_t p = 0; r->evaluations && p < s->n_proposals; p++) {
        const pl_evaluation *e = r->evaluations[p];
        for (size_t a = 0; a < s->n_actors; a++)
            for (size_t i = 0; i < s->n_issues; i++) {
                field(b, s->proposals[p].id, 1);
                field(b, s->actors[a].id, 0);
                field(b, s->issues[i].id, 0);
                value(b, s, i, s->proposals[p].values[i]);
                number(b, e->item_utility[a * s->n_issues + i]);
                field(b, pl_verdict_name(e->verdict[a * s->n_issues + i]), 0);
                number(b, e->utility[a]);
                number(b, s->actors[a].reservation);
                field(b, pl_acceptance_name(e->acceptance[a]), 0);
                cli_svg_raw(b, "\n");
            }
    }
}

static void forecasts(cli_svg *b, const cli_report *r)
{
    const pl_scenario *s = r->scenario;
    cli_svg_raw(b, "issue");
    for (size_t m = 0; m < r->n_models; m++)
        if (r->models[m].ran)
            field(b, pl_model_name(r->models[m].model), 0);
    cli_svg_raw(b, "\n");
    for (size_t i = 0; i < s->n_issues; i++) {
        field(b, s->issues[i].id, 1);
        for (size_t m = 0; m < r->n_models; m++)
            if (r->models[m].ran)
                value(b, s, i, r->models[m].forecast[i]);
        cli_svg_raw(b, "\n");
    }
}

static int blocking_gap(const pl_red_line_analysis *a, size_t issue, double *gap)
{
    for (size_t k = 0; a && k < a->n_blocking; k++)
        if (a->blocking[k].issue == issue) {
            *gap = a->blocking[k].gap;
            return 1;
        }
    return 0;
}

static void allowed(cli_svg *b, const pl_scenario *s, const pl_red_line *rl)
{
    cli_svg t;
    cli_svg_init(&t);
    const pl_issue *is = &s->issues[rl->issue];
    for (size_t k = 0; is->kind == PL_ISSUE_OPTIONS && k < is->n_options; k++)
        if (rl->allowed[k]) {
            cli_svg_raw(&t, t.size ? " " : "");
            cli_svg_raw(&t, is->options[k].id);
        }
    field(b, t.data ? t.data : "", 0);
    b->failed |= t.failed;
    cli_svg_free(&t);
}

static void red_lines(cli_svg *b, const cli_report *r)
{
    const pl_scenario *s = r->scenario;
    const pl_red_line_analysis *a = r->red_lines;
    cli_svg_raw(b, "actor,issue,low,high,allowed,note,feasible_low,feasible_high,blocking,gap\n");
    for (size_t k = 0; k < s->n_red_lines; k++) {
        const pl_red_line *rl = &s->red_lines[k];
        int continuous = s->issues[rl->issue].kind == PL_ISSUE_CONTINUOUS;
        field(b, s->actors[rl->actor].id, 1);
        field(b, s->issues[rl->issue].id, 0);
        number(b, continuous ? rl->low : NAN);
        number(b, continuous ? rl->high : NAN);
        allowed(b, s, rl);
        field(b, rl->note, 0);
        number(b, a ? a->feasible_low[rl->issue] : NAN);
        number(b, a ? a->feasible_high[rl->issue] : NAN);
        double gap = NAN;
        int blocks = blocking_gap(a, rl->issue, &gap);
        field(b, blocks ? "yes" : "no", 0);
        number(b, gap);
        cli_svg_raw(b, "\n");
    }
}

static void trace(cli_svg *b, const pl_scenario *s, const pl_trace *t)
{
    cli_svg_raw(b, "round,issue,forecast,mean");
    for (size_t a = 0; a < s->n_actors; a++)
        field(b, s->actors[a].id, 0);
    cli_svg_raw(b, "\n");
    for (size_t round = 0; round < t->n_rounds; round++)
        for (size_t i = 0; i < s->n_issues; i++) {
            char text[32];
            snprintf(text, sizeof text, "%zu", round + 1);
            field(b, text, 1);
            field(b, s->issues[i].id, 0);
            number(b, t->forecast[round * t->n_issues + i]);
            number(b, t->mean[round * t->n_issues + i]);
            for (size_t a = 0; a < s->n_actors; a++)
                number(b, t->positions[(round * t->n_actors + a) * t->n_issues + i]);
            cli_svg_raw(b, "\n");
        }
}

static void frontier_row(cli_svg *b, const char *kind, const char *name, double ua, double ub,
                         const char *zone)
{
    field(b, kind, 1);
    field(b, name, 0);
    number(b, ua);
    number(b, ub);
    field(b, zone, 0);
    cli_svg_raw(b, "\n");
}

/* The frontier chart's points: the frontier, the disagreement point, the solutions, the
 * proposals (with whether both parties accept them). */
static void frontier(cli_svg *b, const cli_report *r)
{
    const pl_scenario *s = r->scenario;
    const cli_report_frontier *rf = r->frontier;
    const pl_frontier *f = rf->frontier;
    size_t pa = rf->parties[0], pb = rf->parties[1];
    cli_svg_raw(b, "kind,name");
    field(b, s->actors[pa].id, 0);
    field(b, s->actors[pb].id, 0);
    cli_svg_raw(b, ",in_zone\n");
    char text[32];
    for (size_t k = 0; k < f->n_points; k++) {
        const double *u = pl_frontier_point(f, k);
        snprintf(text, sizeof text, "%zu", k + 1);
        frontier_row(b, "frontier", text, u[0], u[1], NULL);
    }
    frontier_row(b, "disagreement", pl_disagreement_name(f->disagreement_kind),
                 f->disagreement[0], f->disagreement[1], NULL);
    for (int k = 0; k < PL_SOLUTION_COUNT; k++)
        if (f->solutions[k].present)
            frontier_row(b, "solution", pl_solution_name((pl_solution_kind)k),
                         f->solutions[k].utilities[0], f->solutions[k].utilities[1], NULL);
    for (size_t p = 0; p < s->n_proposals; p++) {
        const pl_evaluation *e = r->evaluations ? r->evaluations[p] : NULL;
        int zone = e && e->acceptance[pa] == PL_ACCEPTS && e->acceptance[pb] == PL_ACCEPTS;
        frontier_row(b, "proposal", s->proposals[p].id,
                     pl_package_utility(s, pa, s->proposals[p].values),
                     pl_package_utility(s, pb, s->proposals[p].values), zone ? "yes" : "no");
    }
}

static double json_number_or_nan(const json_t *v)
{
    return json_is_number(v) ? json_number_value(v) : NAN;
}

/* One row per what-if of the simulation section. */
static void montecarlo(cli_svg *b, const cli_report *r)
{
    const json_t *list = json_object_get(r->simulation, "whatifs");
    cli_svg_raw(b, "whatif,name,runs,agreements,rate,interval_low,interval_high,mean_step\n");
    for (size_t k = 0; k < json_array_size(list); k++) {
        const json_t *w = json_array_get(list, k);
        const json_t *interval = json_object_get(w, "agreement_interval");
        field(b, json_string_value(json_object_get(w, "id")), 1);
        field(b, json_string_value(json_object_get(w, "name")), 0);
        number(b, json_number_or_nan(json_object_get(w, "runs")));
        number(b, json_number_or_nan(json_object_get(w, "agreements")));
        number(b, json_number_or_nan(json_object_get(w, "agreement_rate")));
        number(b, json_number_or_nan(json_array_get(interval, 0)));
        number(b, json_number_or_nan(json_array_get(interval, 1)));
        number(b, json_number_or_nan(json_object_get(w, "mean_agreement_step")));
        cli_svg_raw(b, "\n");
    }
}

#define MAX_TABLES (5 + PL_MODEL_COUNT)

int cli_csv_tables(const cli_report *r, cli_chart_file **out, size_t *n_out)
{
    cli_svg tables[MAX_TABLES];
    char names[MAX_TABLES][64];
    size_t n = 0;
    *out = NULL;
    *n_out = 0;
    for (size_t k = 0; k < MAX_TABLES; k++)
        cli_svg_init(&tables[k]);
    snprintf(names[n], sizeof names[n], "verdicts.csv");
    verdicts(&tables[n++], r);
    snprintf(names[n], sizeof names[n], "forecasts.csv");
    forecasts(&tables[n++], r);
    snprintf(names[n], sizeof names[n], "red_lines.csv");
    red_lines(&tables[n++], r);
    for (size_t m = 0; m < r->n_models && n < MAX_TABLES; m++)
        if (r->models[m].ran && r->models[m].trace) {
            snprintf(names[n], sizeof names[n], "trace_%s.csv",
                     pl_model_name(r->models[m].model));
            trace(&tables[n++], r->scenario, r->models[m].trace);
        }
    if (r->frontier && r->frontier->frontier) {
        snprintf(names[n], sizeof names[n], "frontier.csv");
        frontier(&tables[n++], r);
    }
    if (r->simulation) {
        snprintf(names[n], sizeof names[n], "montecarlo.csv");
        montecarlo(&tables[n++], r);
    }
    int rc = PL_OK;
    for (size_t k = 0; k < n; k++)
        if (tables[k].failed)
            rc = PL_ERR_NOMEM;
    cli_chart_file *files = rc == PL_OK ? calloc(n + 1, sizeof *files) : NULL;
    if (files == NULL)
        rc = PL_ERR_NOMEM;
    for (size_t k = 0; rc == PL_OK && k < n; k++) {
        snprintf(files[k].name, sizeof files[k].name, "%s", names[k]);
        files[k].svg = cli_svg_take(&tables[k], &files[k].size);
        if (files[k].svg == NULL)
            files[k].svg = calloc(1, 1); /* an empty table */
        if (files[k].svg == NULL)
            rc = PL_ERR_NOMEM;
    }
    for (size_t k = 0; k < MAX_TABLES; k++)
        cli_svg_free(&tables[k]);
    if (rc != PL_OK) {
        cli_chart_files_free(files, n);
        return rc;
    }
    *out = files;
    *n_out = n;
    return PL_OK;
}

int cli_write_csv_directory(cli_outputs *set, const char *dir, const cli_report *r,
                            pl_diag *diag)
{
    return cli_write_files_directory(set, dir, r, cli_csv_tables, diag);
}
