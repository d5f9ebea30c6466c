/*
 * csv_export.c - the report's tables as CSV files (csv_export.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_export.h"
#include "report_html.h"

/* One field, quoted when it must be. */
static void field(cli_svg *b, const char *text, int first)
{
    if (!first)
        cli_svg_raw(b, ",");
    if (text == NULL)
        return;
    if (strpbrk(text, ",\"\r\n") == NULL) {
        cli_svg_raw(b, text);
        return;
    }
    cli_svg_raw(b, "\"");
    for (const char *p = text; *p; p++)
        if (*p == '"')
            cli_svg_raw(b, "\"\"");
        else
            cli_svg_raw_n(b, p, 1);
    cli_svg_raw(b, "\"");
}

/* A number in the shortest %g form that reads back to the same double; empty for NaN. */
static void number(cli_svg *b, double value)
{
    cli_svg_raw(b, ",");
    if (isnan(value))
        return;
    char text[40];
    snprintf(text, sizeof text, "%.15g", value);
    if (strtod(text, NULL) != value)
        snprintf(text, sizeof text, "%.17g", value);
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

#define MAX_TABLES (3 + PL_MODEL_COUNT)

int cli_write_csv_directory(const char *dir, const cli_report *r, pl_diag *diag)
{
    cli_svg tables[MAX_TABLES];
    char names[MAX_TABLES][64];
    size_t n = 0;
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
    int rc = PL_OK;
    for (size_t k = 0; k < n; k++)
        if (tables[k].failed)
            rc = pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    if (rc == PL_OK)
        rc = cli_make_directory(dir, diag);
    for (size_t k = 0; rc == PL_OK && k < n; k++)
        rc = cli_write_in_directory(dir, names[k], tables[k].data ? tables[k].data : "",
                                    tables[k].size, diag);
    for (size_t k = 0; k < MAX_TABLES; k++)
        cli_svg_free(&tables[k]);
    return rc;
}
