/*
 * model_smp.c - reports of the smp model: JSON model object, text summary,
 * --trace CSV (see model_smp.h for the layouts).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "model_smp.h"

static json_t *issue_values(const pl_scenario *s, const double *values)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < s->n_issues; i++)
        json_array_append_new(list, json_real(values[i]));
    return list;
}

static json_t *round_object(const pl_scenario *s, const pl_smp_result *r, size_t t)
{
    size_t n = s->n_actors, d = s->n_issues;
    const pl_trace *tr = &r->trace;
    json_t *positions = json_array(), *wins = json_array();
    for (size_t a = 0; positions && a < n; a++)
        json_array_append_new(positions, issue_values(s, tr->positions + (t * n + a) * d));
    for (size_t a = 0; wins && a < n; a++)
        json_array_append_new(wins, json_real(r->win_probability[(t + 1) * n + a]));
    return json_pack("{s:o, s:o, s:o, s:o}", "positions", positions, "forecast",
                     issue_values(s, tr->forecast + t * d), "mean",
                     issue_values(s, tr->mean + t * d), "win_probabilities", wins);
}

json_t *cli_json_smp(const pl_scenario *s, const pl_smp_result *r)
{
    json_t *rounds = json_array();
    for (size_t t = 0; rounds && t < r->trace.n_rounds; t++)
        json_array_append_new(rounds, round_object(s, r, t));
    return json_pack("{s:o, s:o, s:f, s:o}", "forecast", issue_values(s, r->forecast),
                     "most_probable", issue_values(s, r->most_probable), "probability",
                     r->most_probable_probability, "rounds", rounds);
}

/* The final distribution's positions, most probable first (stable on ties). */
static int by_probability(const void *x, const void *y, const pl_smp_result *r)
{
    double a = r->unique_probability[*(const size_t *)x];
    double b = r->unique_probability[*(const size_t *)y];
    if (a != b)
        return a > b ? -1 : 1;
    return *(const size_t *)x < *(const size_t *)y ? -1 : 1;
}

static void sort_unique(size_t *order, const pl_smp_result *r)
{
    for (size_t k = 0; k < r->n_unique; k++)
        order[k] = k;
    for (size_t k = 1; k < r->n_unique; k++) /* insertion sort: few positions */
        for (size_t j = k; j > 0 && by_probability(&order[j - 1], &order[j], r) > 0; j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
}

static void text_issues(FILE *out, const pl_scenario *s, const pl_smp_result *r)
{
    size_t T = r->trace.n_rounds, d = s->n_issues;
    char a[32], b[32], c[32];
    fprintf(out, "  %-40s %14s %14s %14s\n", "issue", "most probable", "expected", "c*s mean");
    cli_names legend = {0};
    char name[64];
    for (size_t i = 0; i < d; i++) {
        const pl_issue *is = &s->issues[i];
        fprintf(out, "  %-40s %14s %14s %14s\n",
                cli_fit(&legend, is->name ? is->name : is->id, 40, name, sizeof name),
                cli_format_value(s, i, r->most_probable[i], a, sizeof a),
                cli_format_value(s, i, r->forecast[i], b, sizeof b),
                cli_format_value(s, i, T ? r->trace.mean[(T - 1) * d + i] : NAN, c, sizeof c));
    }
    cli_names_print(out, &legend);
    cli_names_free(&legend);
}

static void text_distribution(FILE *out, const pl_scenario *s, const pl_smp_result *r)
{
    size_t *order = malloc((r->n_unique ? r->n_unique : 1) * sizeof *order), shown = 0;
    if (order == NULL)
        return;
    sort_unique(order, r);
    fprintf(out, "  final distribution: %zu distinct position%s\n", r->n_unique,
            r->n_unique == 1 ? "" : "s");
    for (size_t k = 0; k < r->n_unique && shown < 5; k++, shown++) {
        size_t m = order[k], actor = r->unique_actor[m];
        fprintf(out, "    p = %.4f  held by %-.24s (and the actors grouped with it)\n",
                r->unique_probability[m], s->actors[actor].id);
    }
    if (r->n_unique > shown)
        fprintf(out, "    ... %zu more\n", r->n_unique - shown);
    free(order);
}

void cli_text_smp(FILE *out, const pl_scenario *s, const pl_smp_result *r)
{
    fprintf(out, "smp (KTAB spatial model of politics): %zu actors, %zu issues, stopped after "
                 "%zu rounds\n",
            s->n_actors, s->n_issues, r->trace.n_rounds);
    fprintf(out, "  most probable position: p = %.6f\n", r->most_probable_probability);
    text_issues(out, s, r);
    text_distribution(out, s, r);
    if (r->n_normalised)
        fprintf(out, "  note: %zu actor%s saliences summed above 1 and were normalised\n",
                r->n_normalised, r->n_normalised == 1 ? "'s" : "s'");
}

static void trace_rows(FILE *f, const pl_scenario *s, const pl_smp_result *r)
{
    size_t n = s->n_actors, d = s->n_issues;
    fputs("round,actor,dimension,position,win_probability\n", f);
    for (size_t t = 0; t <= r->trace.n_rounds; t++)
        for (size_t a = 0; a < n; a++)
            for (size_t i = 0; i < d; i++) {
                double x = t == 0 ? pl_scenario_stance_const(s, a, i)->position
                                  : r->trace.positions[((t - 1) * n + a) * d + i];
                fprintf(f, "%zu,", t);
                cli_csv_field(f, s->actors[a].id);
                fputc(',', f);
                cli_csv_field(f, s->issues[i].id);
                fputc(',', f);
                cli_csv_real(f, x);
                fputc(',', f);
                cli_csv_real(f, r->win_probability[t * n + a]);
                fputc('\n', f);
            }
}

int cli_write_smp_trace(const char *path, const pl_scenario *s, const pl_smp_result *r,
                        pl_diag *diag)
{
    cli_buffer buffer;
    if (cli_buffer_open(&buffer) != EXIT_OK)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory building the trace");
    trace_rows(buffer.stream, s, r);
    return cli_buffer_to_file(&buffer, path, diag);
}
