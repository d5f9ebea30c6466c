/*
 * model_eu.c - JSON and text reports of the expected-utility model (the lead
 * wires them into `parley predict --model eu`).
 */
#include "model_eu.h"

#include <math.h>

#include "cli.h"

/* A number on an issue's scale; null when absent (NaN). */
static json_t *real_or_null(double x)
{
    return isnan(x) ? json_null() : json_real(x);
}

/* Forecasts in package layout: positions, or option ids on options issues. */
static json_t *issue_values(const pl_scenario *s, const double *values)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < s->n_issues; i++)
        json_array_append_new(list, cli_json_value(s, i, values[i]));
    return list;
}

static json_t *reals(const double *values, size_t n)
{
    json_t *list = json_array();
    for (size_t k = 0; list && k < n; k++)
        json_array_append_new(list, real_or_null(values[k]));
    return list;
}

static json_t *json_offer(const pl_scenario *s, const pl_eu_offer *o)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:f}", "issue", s->issues[o->issue].id, "actor",
                     s->actors[o->actor].id, "kind", pl_eu_offer_kind_name(o->kind), "towards",
                     s->actors[o->towards].id, "to", o->to);
}

static json_t *json_round(const pl_scenario *s, const pl_eu_result *r, size_t t)
{
    const pl_trace *tr = &r->trace;
    json_t *positions = json_array();
    for (size_t a = 0; positions && a < s->n_actors; a++)
        json_array_append_new(positions, reals(tr->positions + (t * tr->n_actors + a) *
                                                                   tr->n_issues,
                                               tr->n_issues));
    json_t *offers = json_array();
    for (size_t k = r->round_offers[t]; offers && k < r->round_offers[t + 1]; k++)
        json_array_append_new(offers, json_offer(s, &r->offers[k]));
    return json_pack("{s:o, s:o, s:o, s:o}", "positions", positions, "forecast",
                     issue_values(s, tr->forecast + t * tr->n_issues), "mean",
                     reals(tr->mean + t * tr->n_issues, tr->n_issues), "offers", offers);
}

json_t *cli_json_eu(const pl_scenario *s, const pl_eu_result *r)
{
    json_t *rounds = json_array();
    for (size_t t = 0; rounds && t < r->trace.n_rounds; t++)
        json_array_append_new(rounds, json_round(s, r, t));
    return json_pack("{s:o, s:o}", "forecast", issue_values(s, r->forecast), "rounds", rounds);
}

/* Column widths of the text table (CLI_WIDTH = 100 columns in all). */
#define ROUND_WIDTH 7
#define VALUE_WIDTH 12
#define COUNT_WIDTH 14

static void text_row(FILE *out, const pl_scenario *s, size_t issue, const char *round,
                     double median, double mean, const size_t counts[4])
{
    char value[64], number[CLI_NUMBER_CHARS];
    fprintf(out, "  %-*s%*s", ROUND_WIDTH, round, VALUE_WIDTH,
            cli_format_value(s, issue, median, value, sizeof value));
    fprintf(out, "%*s", VALUE_WIDTH, cli_number(mean, 4, number));
    if (counts == NULL) {
        fputc('\n', out);
        return;
    }
    fprintf(out, "%*zu%*zu%*zu\n", COUNT_WIDTH, counts[PL_EU_OFFER_CONFLICT], COUNT_WIDTH,
            counts[PL_EU_OFFER_COMPROMISE], COUNT_WIDTH, counts[PL_EU_OFFER_CAPITULATION]);
}

static void text_issue(FILE *out, const pl_scenario *s, const pl_eu_result *r, size_t i)
{
    size_t n = s->n_issues;
    fprintf(out, "Issue %.80s\n", s->issues[i].id);
    fprintf(out, "  %-*s%*s%*s%*s%*s%*s\n", ROUND_WIDTH, "round", VALUE_WIDTH, "median",
            VALUE_WIDTH, "mean", COUNT_WIDTH, "conflicts", COUNT_WIDTH, "compromises",
            COUNT_WIDTH, "capitulations");
    text_row(out, s, i, "input", r->initial_forecast[i], r->initial_mean[i], NULL);
    for (size_t t = 0; t < r->trace.n_rounds; t++) {
        size_t counts[4] = {0, 0, 0, 0};
        for (size_t k = r->round_offers[t]; k < r->round_offers[t + 1]; k++)
            if (r->offers[k].issue == i)
                counts[r->offers[k].kind]++;
        char round[24];
        snprintf(round, sizeof round, "%zu", t + 1);
        text_row(out, s, i, round, r->trace.forecast[t * n + i], r->trace.mean[t * n + i],
                 counts);
    }
}

void cli_text_eu(FILE *out, const pl_scenario *s, const pl_eu_result *r)
{
    fprintf(out, "Expected-utility model (Bueno de Mesquita; Scholz et al. 2011), preset %s, "
                 "%d rounds: median\nand c*s-weighted mean after each round, moves by kind\n",
            pl_eu_preset_name(r->options.preset), r->options.rounds);
    for (size_t i = 0; i < s->n_issues; i++) {
        fputc('\n', out);
        text_issue(out, s, r, i);
    }
}
