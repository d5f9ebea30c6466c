/*
 * diff_document.c - the document of `parley diff --json`: the input changes
 * (pl_scenario_diff) and the results they change, each result computed on
 * both scenarios by the calls the other commands make (the zone as `zopa`,
 * the decisions as `evaluate`, the forecasts as `predict --model all`, the
 * barrier issues as `run`) and paired [in A, in B].
 */
#include <math.h>
#include <string.h>

#include "cli.h"
#include "diff_document.h"
#include "model_run.h"

/* One scenario's results, as JSON values keyed by id, ready to be paired. */
typedef struct results {
    json_t *possible, *margin; /* null when the zone analysis refused the scenario */
    json_t *decisions;         /* proposal id -> "accepted" | "rejected" */
    json_t *forecasts;         /* model -> issue id -> forecast (null: the model cannot run) */
    json_t *barrier;           /* the blocking issues' ids */
} results;

static void results_free(results *r)
{
    json_decref(r->possible);
    json_decref(r->margin);
    json_decref(r->decisions);
    json_decref(r->forecasts);
    json_decref(r->barrier);
}

static json_t *real_or_null(double x)
{
    return isnan(x) || isinf(x) ? json_null() : json_real(x);
}

/* The zone of possible agreement as `parley zopa` decides it. */
static void zone(const pl_scenario *s, results *r)
{
    pl_agreement *g = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    pl_agreement_options o = PL_AGREEMENT_OPTIONS_INIT;
    o.max_set = 0; /* whether a zone exists and its margin: the decision only */
    o.solutions = 0;
    o.searches = 0;
    if (pl_agreement_compute(s, &o, &g, &diag) == PL_OK) {
        r->possible = json_boolean(g->possible);
        r->margin = real_or_null(g->margin);
    } else {
        r->possible = json_null();
        r->margin = json_null();
    }
    pl_agreement_free(g);
}

/* Each proposal's decision under the scenario's rule, as `parley evaluate` gives it. */
static void decisions(const pl_scenario *s, results *r)
{
    r->decisions = json_object();
    for (size_t p = 0; r->decisions && p < s->n_proposals; p++) {
        pl_evaluation *e = NULL;
        json_t *decision = json_null();
        if (pl_evaluate(s, s->proposals[p].values, &e) == PL_OK)
            decision = json_string(e->passes ? "accepted" : "rejected");
        json_object_set_new(r->decisions, s->proposals[p].id, decision);
        pl_evaluation_free(e);
    }
}

/* Every model's forecast per issue with its default options, as `predict --model all`. */
static void forecasts(const pl_scenario *s, results *r)
{
    r->forecasts = json_object();
    for (int m = 0; r->forecasts && m < PL_MODEL_COUNT; m++) {
        cli_model_run run;
        cli_model_init(&run, (pl_model)m);
        int ran = cli_model_execute(&run, s) == PL_OK;
        json_t *by_issue = json_object();
        for (size_t i = 0; by_issue && i < s->n_issues; i++)
            json_object_set_new(by_issue, s->issues[i].id,
                                ran ? cli_json_value(s, i, run.forecast[i]) : json_null());
        json_object_set_new(r->forecasts, pl_model_name((pl_model)m), by_issue);
        cli_model_free(&run);
    }
}

/* The issues on which the red lines of those who must agree leave nothing (as `run`). */
static void barrier(const pl_scenario *s, results *r)
{
    pl_red_line_analysis *analysis = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    r->barrier = json_array();
    if (pl_analyse_red_lines(s, &analysis, &diag) != PL_OK) {
        json_decref(r->barrier);
        r->barrier = json_null();
        return;
    }
    for (size_t k = 0; r->barrier && k < analysis->n_blocking; k++)
        json_array_append_new(r->barrier,
                              json_string(s->issues[analysis->blocking[k].issue].id));
    pl_red_line_analysis_free(analysis);
}

/* ---- pairing ------------------------------------------------------------------------------ */

/* Equal results: numbers within a relative 1e-9 (PL_TOLERANCE), anything else exactly. */
static int same(const json_t *a, const json_t *b)
{
    a = a ? a : json_null();
    b = b ? b : json_null();
    if (json_is_number(a) && json_is_number(b)) {
        double x = json_number_value(a), y = json_number_value(b);
        return fabs(x - y) <= PL_TOLERANCE * fmax(1, fmax(fabs(x), fabs(y)));
    }
    return json_equal(a, b);
}

static json_t *pair(const json_t *a, const json_t *b)
{
    return json_pack("[OO]", a ? a : json_null(), b ? b : json_null());
}

/* Members of `a` then those only in `b`, each paired when it differs; NULL when none does. */
static json_t *changed_members(const json_t *a, const json_t *b,
                               json_t *(*compare)(const json_t *, const json_t *))
{
    json_t *out = json_object();
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)a, key, value) {
        json_t *entry = compare(value, json_object_get(b, key));
        if (entry != NULL)
            json_object_set_new(out, key, entry);
    }
    json_object_foreach((json_t *)b, key, value) {
        if (json_object_get(a, key) != NULL)
            continue;
        json_t *entry = compare(NULL, value);
        if (entry != NULL)
            json_object_set_new(out, key, entry);
    }
    if (json_object_size(out) == 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}

static json_t *changed_value(const json_t *a, const json_t *b)
{
    return same(a, b) ? NULL : pair(a, b);
}

/* A model's forecasts: the issues whose forecast changed (a model on one side only: all). */
static json_t *changed_model(const json_t *a, const json_t *b)
{
    json_t *none = json_object();
    json_t *out = changed_members(a ? a : none, b ? b : none, changed_value);
    json_decref(none);
    return out;
}

static json_t *analysis(const results *a, const results *b)
{
    json_t *out = json_pack("{s:o, s:o}", "possible", pair(a->possible, b->possible), "margin",
                            pair(a->margin, b->margin));
    json_t *part = changed_members(a->decisions, b->decisions, changed_value);
    if (out && part)
        json_object_set_new(out, "decisions", part);
    part = changed_members(a->forecasts, b->forecasts, changed_model);
    if (out && part)
        json_object_set_new(out, "forecasts", part);
    if (out && !same(a->barrier, b->barrier))
        json_object_set_new(out, "barrier", pair(a->barrier, b->barrier));
    return out;
}

/* ---- the document ---------------------------------------------------------------------------- */

static json_t *change_value(const char *text)
{
    json_error_t error;
    return json_loads(text, JSON_DECODE_ANY, &error);
}

static json_t *changes(const pl_scenario_changes *list)
{
    json_t *out = json_array();
    for (size_t k = 0; out && k < list->n_changes; k++) {
        const pl_scenario_change *c = &list->changes[k];
        json_t *change = json_pack("{s:s}", "path", c->path);
        if (change && c->from)
            json_object_set_new(change, "from", change_value(c->from));
        if (change && c->to)
            json_object_set_new(change, "to", change_value(c->to));
        json_array_append_new(out, change);
    }
    return out;
}

static void analyse(const pl_scenario *s, results *r)
{
    zone(s, r);
    decisions(s, r);
    forecasts(s, r);
    barrier(s, r);
}

json_t *cli_diff_document(const pl_scenario *a, const pl_scenario *b, pl_diag *diag)
{
    pl_scenario_changes *list = NULL;
    if (pl_scenario_diff(a, b, &list, diag) != PL_OK)
        return NULL;
    results in_a = {0}, in_b = {0};
    analyse(a, &in_a);
    analyse(b, &in_b);
    json_t *document = json_pack("{s:o, s:o}", "changes", changes(list), "analysis",
                                 analysis(&in_a, &in_b));
    results_free(&in_a);
    results_free(&in_b);
    pl_scenario_changes_free(list);
    if (document == NULL)
        pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    return document;
}
