/*
 * report_what_it_takes.c - the settlement curves of pl_what_it_takes_compute()
 * as text and JSON for `parley zopa` and `parley run` (docs/agreement.md,
 * "What it would take"). The library computes; this file only presents.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report_agreement.h"
#include "report_what_it_takes.h"
#include "simulation_report.h"

int cli_issue_indices(const char *command, const pl_scenario *s, const char *const *ids,
                      size_t n, size_t **out)
{
    *out = calloc(n + 1, sizeof **out);
    if (*out == NULL)
        return EXIT_INTERNAL;
    for (size_t k = 0; k < n; k++) {
        size_t i = 0;
        while (i < s->n_issues && strcmp(s->issues[i].id, ids[k]) != 0)
            i++;
        if (i == s->n_issues)
            return cli_usage_error(command, "the scenario has no issue '%s'", ids[k]);
        (*out)[k] = i;
    }
    return EXIT_OK;
}

int cli_what_it_takes_run(const pl_scenario *s, const pl_agreement *g, const size_t *issues,
                          size_t n_issues, const pl_montecarlo_options *mc,
                          pl_progress progress, pl_what_it_takes **out)
{
    pl_what_it_takes_options o;
    pl_what_it_takes_options_init(&o);
    o.issues = issues;
    o.n_issues = n_issues;
    o.montecarlo = mc;
    o.settlement = mc != NULL;
    o.progress = progress;
    pl_diag diag;
    pl_diag_clear(&diag);
    pl_diag_set_source(&diag, cli_scenario_source(s));
    int rc = pl_what_it_takes_compute(s, g, &o, out, &diag);
    return rc == PL_OK ? EXIT_OK : cli_fail(rc, &diag);
}

/* "RU red line on donetsk (>= 90)" or "UA reservation 0.45". */
static void entry_name(const pl_scenario *s, const pl_what_it_takes_entry *e, char *buffer,
                       size_t size)
{
    if (e->kind == PL_CONSTRAINT_RESERVATION) {
        char from[CLI_NUMBER_CHARS];
        snprintf(buffer, size, "%s reservation %s", s->actors[e->actor].id,
                 cli_number(e->from, 4, from));
        return;
    }
    const pl_red_line *line = &s->red_lines[e->red_line];
    char bounds[256];
    snprintf(buffer, size, "%s red line on %s (%s)", s->actors[e->actor].id,
             s->issues[e->issue].id,
             cli_red_line_bounds(s, e->issue, line->low, line->high, NULL, bounds,
                                 sizeof bounds));
}

/* ">= 10", "<= 90" or "0.41": the bound at value v. */
static void bound_text(const pl_what_it_takes_entry *e, double v, char *buffer, size_t size)
{
    char number[CLI_NUMBER_CHARS];
    snprintf(buffer, size, "%s%s", e->bound == PL_BOUND_MIN   ? ">= "
                                   : e->bound == PL_BOUND_MAX ? "<= "
                                                              : "",
             cli_number(v, 10, number));
}

static void text_entry(FILE *out, const pl_scenario *s, const pl_what_it_takes *w,
                       const pl_what_it_takes_entry *e)
{
    char name[512], at[64], line[1024], move[CLI_NUMBER_CHARS];
    entry_name(s, e, name, sizeof name);
    if (e->opens) {
        bound_text(e, e->opens_at, at, sizeof at);
        snprintf(line, sizeof line, "%s: a zone opens at %s (a move of %s%s), every other "
                 "constraint kept.", name, at, cli_number(fabs(e->opens_at - e->from), 6, move),
                 e->kind == PL_CONSTRAINT_RESERVATION ? " in utility" : " points");
    } else {
        snprintf(line, sizeof line, "%s: moving it alone never opens a zone (other constraints "
                 "still block).", name);
    }
    cli_wrap(out, line, 4, 2);
    fprintf(out, "    %14s  %-4s %10s", "bound", "zone", "margin");
    if (w->simulated)
        fprintf(out, " %11s  %s", "settlement", "95% interval");
    fputc('\n', out);
    for (size_t k = 0; k < e->n_steps; k++) {
        const pl_what_it_takes_step *p = &e->steps[k];
        bound_text(e, p->value, at, sizeof at);
        fprintf(out, "    %14s  %-4s ", at, p->possible ? "yes" : "no");
        if (isnan(p->margin))
            fprintf(out, "%10s", "-");
        else
            fprintf(out, "%10.4f", p->margin);
        if (w->simulated && isnan(p->settlement))
            fprintf(out, " %11s", "failed");
        else if (w->simulated && p->deterministic)
            fprintf(out, " %11.4f  deterministic", p->settlement);
        else if (w->simulated)
            fprintf(out, " %11.4f  %.4f-%.4f", p->settlement, p->settlement_low,
                    p->settlement_high);
        fputc('\n', out);
    }
}

void cli_text_what_it_takes(FILE *out, const pl_scenario *s, const pl_what_it_takes *w,
                            const pl_montecarlo_options *mc)
{
    if (w == NULL || w->n_entries == 0)
        return;
    char settings[700], head[1024];
    if (w->simulated) {
        cli_whatifs_settings_text(s, mc, settings, sizeof settings);
        snprintf(head, sizeof head, "What it would take: each blocking constraint moved alone "
                 "towards the other side, with the zone's margin (exact) and the settlement "
                 "probability (%s) at each step.", settings);
    } else {
        snprintf(head, sizeof head, "What it would take: each blocking constraint moved alone "
                 "towards the other side, with the zone's margin (exact) at each step (`--runs R` "
                 "adds the settlement probability of R simulated runs).");
    }
    cli_wrap(out, head, 0, 0);
    for (size_t k = 0; k < w->n_entries; k++)
        text_entry(out, s, w, &w->entries[k]);
}

static json_t *number_or_null(double x)
{
    return isnan(x) ? json_null() : json_real(x);
}

static json_t *step_json(const pl_what_it_takes *w, const pl_what_it_takes_step *p)
{
    json_t *o = json_pack("{s:f, s:b, s:o}", "value", p->value, "possible", p->possible,
                          "margin", number_or_null(p->margin));
    if (o == NULL || !w->simulated)
        return o;
    json_object_set_new(o, "settlement", number_or_null(p->settlement));
    json_object_set_new(o, "settlement_interval",
                        isnan(p->settlement) || p->deterministic
                            ? json_null()
                            : json_pack("[f, f]", p->settlement_low, p->settlement_high));
    json_object_set_new(o, "deterministic", json_boolean(p->deterministic));
    return o;
}

static json_t *entry_json(const pl_scenario *s, const pl_what_it_takes *w,
                          const pl_what_it_takes_entry *e)
{
    json_t *steps = json_array();
    for (size_t k = 0; steps && k < e->n_steps; k++)
        json_array_append_new(steps, step_json(w, &e->steps[k]));
    const char *bound = e->bound == PL_BOUND_MIN ? "min" : e->bound == PL_BOUND_MAX ? "max" : NULL;
    return json_pack("{s:s, s:s, s:s, s:o, s:f, s:f, s:o, s:o}", "issue",
                     s->issues[e->issue].id, "actor", s->actors[e->actor].id, "constraint",
                     e->kind == PL_CONSTRAINT_RESERVATION ? "reservation" : "red_line", "bound",
                     bound ? json_string(bound) : json_null(), "from", e->from, "to", e->to,
                     "opens_at", e->opens ? json_real(e->opens_at) : json_null(), "steps",
                     steps);
}

void cli_json_add_what_it_takes(json_t *document, const pl_scenario *s,
                                const pl_what_it_takes *w, const pl_montecarlo_options *mc)
{
    if (document == NULL || w == NULL)
        return;
    json_t *entries = json_array();
    for (size_t k = 0; entries && k < w->n_entries; k++)
        json_array_append_new(entries, entry_json(s, w, &w->entries[k]));
    json_object_set_new(document, "what_it_takes", entries);
    json_t *settings = json_null();
    if (w->simulated && mc != NULL)
        settings = json_pack("{s:s, s:o, s:i, s:I, s:I}", "protocol",
                             mc->simulation.protocol == PL_PROTOCOL_MEDIATOR ? "mediator"
                                                                             : "sao",
                             "agents", cli_json_agent_names(s, &mc->simulation), "steps",
                             mc->simulation.steps, "runs", (json_int_t)mc->runs, "seed",
                             (json_int_t)mc->seed);
    json_object_set_new(document, "what_it_takes_simulation", settings);
}
