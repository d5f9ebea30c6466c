/*
 * model_exchange.c - JSON and text reports of the exchange model (the lead
 * wires them into `parley predict --model exchange`).
 */
#include "model_exchange.h"

#include <string.h>

#include "cli.h"

/* Issues shown side by side in the text table, and the width of each column. */
#define ROUND_WIDTH 7
#define COUNT_WIDTH 11
#define ISSUE_WIDTH 10
#define ISSUES_PER_BLOCK ((CLI_WIDTH - ROUND_WIDTH - COUNT_WIDTH) / ISSUE_WIDTH)

/* values[0..n) of one row of issue values. */
static json_t *issue_values(const pl_scenario *s, const double *values)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < s->n_issues; i++)
        json_array_append_new(list, cli_json_value(s, i, values[i]));
    return list;
}

static json_t *pair_of_reals(const double *values)
{
    return json_pack("[f, f]", values[0], values[1]);
}

static json_t *json_exchange_one(const pl_scenario *s, const pl_realised_exchange *e)
{
    return json_pack("{s:[s, s], s:[s, s], s:o, s:o, s:f}",
                     "actors", s->actors[e->actors[0]].id, s->actors[e->actors[1]].id,
                     "supplies", s->issues[e->supplies[0]].id, s->issues[e->supplies[1]].id,
                     "from", pair_of_reals(e->from), "to", pair_of_reals(e->to), "gain",
                     e->gain);
}

static json_t *json_round(const pl_scenario *s, const pl_exchange_result *r, size_t t)
{
    const pl_trace *tr = &r->trace;
    json_t *positions = json_array();
    for (size_t a = 0; positions && a < s->n_actors; a++)
        json_array_append_new(positions,
                              issue_values(s, tr->positions + (t * tr->n_actors + a) *
                                                                  tr->n_issues));
    json_t *exchanges = json_array();
    for (size_t k = 0; exchanges && k < r->round_count[t]; k++)
        json_array_append_new(exchanges,
                              json_exchange_one(s, &r->exchanges[r->round_first[t] + k]));
    return json_pack("{s:o, s:o, s:o, s:o}", "positions", positions, "forecast",
                     issue_values(s, tr->forecast + t * tr->n_issues), "mean",
                     issue_values(s, tr->mean + t * tr->n_issues), "exchanges", exchanges);
}

json_t *cli_json_exchange(const pl_scenario *s, const pl_exchange_result *r)
{
    json_t *rounds = json_array();
    for (size_t t = 0; rounds && t < r->trace.n_rounds; t++)
        json_array_append_new(rounds, json_round(s, r, t));
    return json_pack("{s:o, s:o}", "forecast", issue_values(s, r->forecast), "rounds", rounds);
}

/* Issue id shortened to fit a column. */
static void issue_header(FILE *out, const pl_scenario *s, size_t i)
{
    fprintf(out, "%*.*s", ISSUE_WIDTH, ISSUE_WIDTH - 1, s->issues[i].id);
}

static void text_block(FILE *out, const pl_scenario *s, const pl_exchange_result *r,
                       size_t first, size_t last)
{
    char value[64];
    fprintf(out, "%-*s%*s", ROUND_WIDTH, "round", COUNT_WIDTH, "exchanges");
    for (size_t i = first; i < last; i++)
        issue_header(out, s, i);
    fprintf(out, "\n%-*s%*s", ROUND_WIDTH, "start", COUNT_WIDTH, "");
    for (size_t i = first; i < last; i++)
        fprintf(out, "%*s", ISSUE_WIDTH,
                cli_format_value(s, i, r->start_outcome[i], value, sizeof value));
    fputc('\n', out);
    for (size_t t = 0; t < r->trace.n_rounds; t++) {
        fprintf(out, "%-*zu%*zu", ROUND_WIDTH, t + 1, COUNT_WIDTH, r->round_count[t]);
        for (size_t i = first; i < last; i++)
            fprintf(out, "%*s", ISSUE_WIDTH,
                    cli_format_value(s, i, r->trace.forecast[t * s->n_issues + i], value,
                                     sizeof value));
        fputc('\n', out);
    }
}

void cli_text_exchange(FILE *out, const pl_scenario *s, const pl_exchange_result *r)
{
    fprintf(out, "Exchange model (Stokman and Van Oosten 1994, as Decide): voting outcome "
                 "per round\n");
    for (size_t first = 0; first < s->n_issues; first += ISSUES_PER_BLOCK) {
        size_t last = first + ISSUES_PER_BLOCK < s->n_issues ? first + ISSUES_PER_BLOCK
                                                              : s->n_issues;
        if (first > 0)
            fputc('\n', out);
        text_block(out, s, r, first, last);
    }
}
