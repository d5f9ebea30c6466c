/*
 * report_json.c - the JSON pieces of parley's reports (docs/cli-contract.md):
 * issues and actors in input order, arrays in that order.
 */
#include <math.h>
#include <stdlib.h>

#include "cli.h"
#include "report_html.h"

json_t *cli_json_value(const pl_scenario *s, size_t issue, double value)
{
    if (isnan(value))
        return json_null();
    if (s->issues[issue].kind == PL_ISSUE_OPTIONS)
        return json_string(s->issues[issue].options[(size_t)value].id);
    return json_real(value);
}

json_t *cli_json_ids_actors(const pl_scenario *s)
{
    json_t *ids = json_array();
    for (size_t a = 0; ids && a < s->n_actors; a++)
        json_array_append_new(ids, json_string(s->actors[a].id));
    return ids;
}

json_t *cli_json_ids_issues(const pl_scenario *s)
{
    json_t *ids = json_array();
    for (size_t i = 0; ids && i < s->n_issues; i++)
        json_array_append_new(ids, json_string(s->issues[i].id));
    return ids;
}

static json_t *string_or_null(const char *text)
{
    return text ? json_string(text) : json_null();
}

static json_t *string_list(char *const *strings, size_t n)
{
    json_t *list = json_array();
    for (size_t k = 0; list && k < n; k++)
        json_array_append_new(list, json_string(strings[k]));
    return list;
}

json_t *cli_json_scenario(const pl_scenario *s)
{
    json_t *judgements = json_array();
    for (unsigned q = 0; judgements && q < PL_QUANTITY_COUNT; q++)
        if (s->provenance.judgements & (1u << q))
            json_array_append_new(judgements, json_string(pl_quantity_name((pl_quantity)q)));
    json_t *actors = json_array();
    for (size_t a = 0; actors && a < s->n_actors; a++) {
        const pl_actor *actor = &s->actors[a];
        json_array_append_new(actors, json_pack("{s:s, s:s, s:f, s:f, s:b}", "id", actor->id,
                                                "name", actor->name, "capability",
                                                actor->capability, "reservation",
                                                actor->reservation, "veto", actor->veto != 0));
    }
    return json_pack("{s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o}",
                     "id", string_or_null(s->id), "name", string_or_null(s->name),
                     "format", s->format ? s->format : "unknown",
                     "description", string_or_null(s->provenance.description),
                     "date", string_or_null(s->provenance.date),
                     "sources", string_list(s->provenance.sources, s->provenance.n_sources),
                     "caveats", string_list(s->provenance.caveats, s->provenance.n_caveats),
                     "judgements", judgements, "actors", actors);
}

json_t *cli_json_evaluation(const pl_scenario *s, size_t proposal, const pl_evaluation *e)
{
    const pl_proposal *p = &s->proposals[proposal];
    json_t *actors = json_array();
    for (size_t a = 0; actors && a < s->n_actors; a++) {
        json_t *items = json_array();
        for (size_t i = 0; items && i < s->n_issues; i++) {
            double u = e->item_utility[a * s->n_issues + i];
            json_array_append_new(
                items, json_pack("{s:s, s:o, s:s}", "issue", s->issues[i].id, "utility",
                                 isnan(u) ? json_null() : json_real(u), "verdict",
                                 pl_verdict_name(e->verdict[a * s->n_issues + i])));
        }
        json_array_append_new(
            actors, json_pack("{s:s, s:f, s:f, s:s, s:I, s:o}", "actor", s->actors[a].id,
                              "utility", e->utility[a], "reservation",
                              s->actors[a].reservation, "acceptance",
                              pl_acceptance_name(e->acceptance[a]), "red_lines_crossed",
                              (json_int_t)e->red_lines_crossed[a], "items", items));
    }
    json_t *positions = json_array();
    for (size_t i = 0; positions && i < s->n_issues; i++)
        json_array_append_new(positions, cli_json_value(s, i, p->values[i]));
    return json_pack("{s:s, s:s, s:o, s:o, s:o, s:b, s:f}", "proposal", p->id, "name", p->name,
                     "date", string_or_null(p->date), "positions", positions, "actors", actors,
                     "passes", e->passes != 0, "accepting_capability_share",
                     e->accepting_capability_share);
}

json_t *cli_json_forecast(const pl_scenario *s, const double *forecast)
{
    json_t *values = json_array();
    for (size_t i = 0; values && i < s->n_issues; i++)
        json_array_append_new(values, cli_json_value(s, i, forecast[i]));
    return json_pack("{s:o}", "forecast", values);
}

static json_t *actor_or_null(const pl_scenario *s, size_t actor)
{
    return actor < s->n_actors ? json_string(s->actors[actor].id) : json_null();
}

json_t *cli_json_red_lines(const pl_scenario *s, const pl_red_line_analysis *r)
{
    json_t *coalition = json_array();
    for (size_t k = 0; coalition && k < r->n_coalition; k++)
        json_array_append_new(coalition, json_string(s->actors[r->coalition[k]].id));
    json_t *feasible = json_array();
    for (size_t i = 0; feasible && i < s->n_issues; i++) {
        if (s->issues[i].kind == PL_ISSUE_OPTIONS || r->feasible_low[i] > r->feasible_high[i])
            continue;
        json_array_append_new(feasible, json_pack("{s:s, s:f, s:f}", "issue", s->issues[i].id,
                                                  "low", r->feasible_low[i], "high",
                                                  r->feasible_high[i]));
    }
    json_t *blocking = json_array();
    for (size_t k = 0; blocking && k < r->n_blocking; k++) {
        const pl_blocking_issue *b = &r->blocking[k];
        json_t *entry = json_pack("{s:s, s:f, s:f}", "issue", s->issues[b->issue].id, "gap",
                                  b->gap, "gap_share", b->gap_share);
        if (entry && s->issues[b->issue].kind == PL_ISSUE_CONTINUOUS) {
            json_object_set_new(entry, "low_actor", actor_or_null(s, b->low_actor));
            json_object_set_new(entry, "at_least", json_real(r->feasible_low[b->issue]));
            json_object_set_new(entry, "high_actor", actor_or_null(s, b->high_actor));
            json_object_set_new(entry, "at_most", json_real(r->feasible_high[b->issue]));
        }
        json_array_append_new(blocking, entry);
    }
    const char *rule = s->decision_rule.kind == PL_RULE_WEIGHTED_MAJORITY ? "weighted_majority"
                                                                          : "unanimity";
    return json_pack("{s:b, s:s, s:o, s:o, s:o}", "compatible", r->compatible != 0, "rule", rule,
                     "coalition", coalition, "feasible", feasible, "blocking", blocking);
}

/* The JSON the HTML report needs beyond the contract (declared in report_html.h). */

static json_t *real_or_null(double x)
{
    return isnan(x) ? json_null() : json_real(x);
}

static json_t *reals(const double *values, size_t n)
{
    json_t *list = json_array();
    for (size_t k = 0; list && k < n; k++)
        json_array_append_new(list, real_or_null(values[k]));
    return list;
}

json_t *cli_json_trace_rounds(const pl_scenario *s, const pl_trace *t)
{
    json_t *rounds = json_array();
    for (size_t r = 0; rounds && r < t->n_rounds; r++) {
        json_t *positions = json_array(), *forecast = json_array();
        for (size_t a = 0; positions && a < t->n_actors; a++)
            json_array_append_new(positions,
                                  reals(t->positions + (r * t->n_actors + a) * t->n_issues,
                                        t->n_issues));
        for (size_t i = 0; forecast && i < t->n_issues; i++)
            json_array_append_new(forecast, cli_json_value(s, i, t->forecast[r * t->n_issues + i]));
        json_array_append_new(rounds, json_pack("{s:o, s:o, s:o}", "positions", positions,
                                                "forecast", forecast, "mean",
                                                reals(t->mean + r * t->n_issues, t->n_issues)));
    }
    return rounds;
}

json_t *cli_json_scenario_document(const pl_scenario *s)
{
    char *text = NULL;
    if (pl_write_parley_json(s, &text, NULL) != PL_OK)
        return NULL;
    json_t *document = json_loads(text, JSON_DECODE_ANY, NULL);
    free(text);
    return document;
}
