/*
 * parley_json_writer.c - writing a scenario in the native JSON format.
 *
 * The output reads back to an equal scenario (docs/scenario-format.md): every
 * field is written, in the order the format document lists them, except
 * those at their default, which the reader restores. Building the tree goes
 * through small helpers that record the first failure and then do nothing,
 * so that the code below reads as the format does.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/io_internal.h"
#include "io/parse/json_util.h"

/** The format version written in "parley". */
#define FORMAT_VERSION 1

typedef struct writer {
    const pl_scenario *scenario;
    pl_diag *diag;
    int status; /* the first failure; PL_OK while all goes well */
} writer;


/* ---- tree building that records the first failure -------------------------------------- */

static void fail_nomem(writer *w)
{
    if (w->status == PL_OK)
        w->status = pli_json_out_of_memory(w->diag);
}

/* JSON text must be UTF-8; input read from other formats may not be. */
static void fail_encoding(writer *w, const char *text)
{
    if (w->status == PL_OK)
        w->status = pl_diag_set(w->diag, PL_ERR_INVALID, 0, 0,
                                "cannot write \"%.60s\": not valid UTF-8 text", text);
}

static json_t *new_object(writer *w)
{
    json_t *object = json_object();
    if (object == NULL)
        fail_nomem(w);
    return object;
}

static json_t *new_array(writer *w)
{
    json_t *array = json_array();
    if (array == NULL)
        fail_nomem(w);
    return array;
}

static json_t *text(writer *w, const char *s)
{
    json_t *value = json_string(s);
    if (value == NULL) {
        if (pli_json_is_utf8(s))
            fail_nomem(w);
        else
            fail_encoding(w, s);
    }
    return value;
}

static json_t *integer(writer *w, json_int_t x)
{
    json_t *value = json_integer(x);
    if (value == NULL)
        fail_nomem(w);
    return value;
}

static json_t *number(writer *w, double x)
{
    json_t *value = pli_json_number(x);
    if (value == NULL)
        fail_nomem(w); /* not finite cannot happen: the scenario was validated */
    return value;
}

/* Set `object[key] = value` (taking the reference); a NULL value or object is skipped. */
static void put(writer *w, json_t *object, const char *key, json_t *value)
{
    if (object == NULL || value == NULL) {
        json_decref(value);
        return;
    }
    if (json_object_set_new(object, key, value) != 0) {
        if (pli_json_is_utf8(key))
            fail_nomem(w);
        else
            fail_encoding(w, key);
    }
}

static void put_text(writer *w, json_t *object, const char *key, const char *s)
{
    if (s != NULL)
        put(w, object, key, text(w, s));
}

/* A name is written only when it differs from the id the reader defaults it to. */
static void put_name(writer *w, json_t *object, const char *name, const char *id)
{
    if (name != NULL && strcmp(name, id) != 0)
        put(w, object, "name", text(w, name));
}

static void append(writer *w, json_t *array, json_t *value)
{
    if (array == NULL || value == NULL) {
        json_decref(value);
        return;
    }
    if (json_array_append_new(array, value) != 0)
        fail_nomem(w);
}

/* `object`, or NULL (nothing written) when it is empty. */
static json_t *unless_empty(json_t *object)
{
    if (json_object_size(object) > 0)
        return object;
    json_decref(object);
    return NULL;
}

/* ---- provenance ------------------------------------------------------------------------ */

static json_t *string_list(writer *w, char *const *strings, size_t n)
{
    if (n == 0)
        return NULL;
    json_t *list = new_array(w);
    for (size_t k = 0; k < n; k++)
        append(w, list, text(w, strings[k]));
    return list;
}

static json_t *provenance(writer *w)
{
    const pl_provenance *p = &w->scenario->provenance;
    json_t *object = new_object(w);
    put_text(w, object, "description", p->description);
    put_text(w, object, "date", p->date);
    put(w, object, "sources", string_list(w, p->sources, p->n_sources));
    put(w, object, "caveats", string_list(w, p->caveats, p->n_caveats));
    if (p->judgements != 0) {
        json_t *judgements = new_array(w);
        for (int q = 0; q < PL_QUANTITY_COUNT; q++)
            if (p->judgements & (1u << q))
                append(w, judgements, text(w, pl_quantity_name((pl_quantity)q)));
        put(w, object, "judgements", judgements);
    }
    return unless_empty(object);
}

/* ---- actors ------------------------------------------------------------------------------ */

static json_t *stance(writer *w, const pl_issue *issue, const pl_stance *st)
{
    json_t *object = new_object(w);
    if (issue->kind == PL_ISSUE_OPTIONS) {
        json_t *values = new_object(w);
        for (size_t k = 0; k < issue->n_options; k++)
            put(w, values, issue->options[k].id, number(w, st->option_values[k]));
        put(w, object, "values", values);
    } else {
        put(w, object, "position", number(w, st->position));
    }
    put(w, object, "salience", number(w, st->salience));
    if (st->has_capability)
        put(w, object, "capability", number(w, st->capability));
    return object;
}

static json_t *stances(writer *w, size_t actor)
{
    const pl_scenario *s = w->scenario;
    json_t *object = new_object(w);
    for (size_t i = 0; i < s->n_issues; i++) {
        const pl_stance *st = pl_scenario_stance_const(s, actor, i);
        if (st->present)
            put(w, object, s->issues[i].id, stance(w, &s->issues[i], st));
    }
    return unless_empty(object);
}

static json_t *red_line(writer *w, const pl_red_line *line)
{
    const pl_issue *issue = &w->scenario->issues[line->issue];
    json_t *object = new_object(w);
    if (issue->kind == PL_ISSUE_OPTIONS) {
        json_t *allowed = new_array(w);
        for (size_t k = 0; k < issue->n_options; k++)
            if (line->allowed[k])
                append(w, allowed, text(w, issue->options[k].id));
        put(w, object, "allowed", allowed);
    } else {
        /* A bound at the end of the range is the reader's default; keep one bound at least. */
        int whole_range = line->low == issue->low && line->high == issue->high;
        if (line->low != issue->low || whole_range)
            put(w, object, "min", number(w, line->low));
        if (line->high != issue->high || whole_range)
            put(w, object, "max", number(w, line->high));
    }
    put_text(w, object, "note", line->note);
    return object;
}

static json_t *red_lines(writer *w, size_t actor)
{
    const pl_scenario *s = w->scenario;
    json_t *object = new_object(w);
    for (size_t r = 0; r < s->n_red_lines; r++)
        if (s->red_lines[r].actor == actor)
            put(w, object, s->issues[s->red_lines[r].issue].id, red_line(w, &s->red_lines[r]));
    return unless_empty(object);
}

static json_t *actor(writer *w, size_t a)
{
    const pl_actor *ac = &w->scenario->actors[a];
    json_t *object = new_object(w);
    put(w, object, "id", text(w, ac->id));
    put_name(w, object, ac->name, ac->id);
    put_text(w, object, "description", ac->description);
    put(w, object, "capability", number(w, ac->capability));
    if (ac->reservation != 0)
        put(w, object, "reservation", number(w, ac->reservation));
    if (ac->veto)
        put(w, object, "veto", json_true());
    if (ac->discount != 1)
        put(w, object, "discount", number(w, ac->discount));
    put(w, object, "stances", stances(w, a));
    put(w, object, "red_lines", red_lines(w, a));
    return object;
}

/* ---- issues ------------------------------------------------------------------------------ */

static json_t *scale(writer *w, const pl_issue *issue)
{
    if (issue->n_scale_points == 0)
        return NULL;
    json_t *list = new_array(w);
    for (size_t k = 0; k < issue->n_scale_points; k++) {
        json_t *point = new_object(w);
        put(w, point, "value", number(w, issue->scale_points[k].value));
        put(w, point, "label", text(w, issue->scale_points[k].label));
        append(w, list, point);
    }
    return list;
}

static json_t *options(writer *w, const pl_issue *issue)
{
    json_t *list = new_array(w);
    for (size_t k = 0; k < issue->n_options; k++) {
        const pl_option *option = &issue->options[k];
        json_t *object = new_object(w);
        put(w, object, "id", text(w, option->id));
        if (option->label != NULL && strcmp(option->label, option->id) != 0)
            put(w, object, "label", text(w, option->label));
        if (option->has_position)
            put(w, object, "position", number(w, option->position));
        append(w, list, object);
    }
    return list;
}

/* A reference point or outcome: a number, or the option's id on an options issue. */
static json_t *issue_point(writer *w, const pl_issue *is, double value)
{
    if (is->kind == PL_ISSUE_OPTIONS)
        return text(w, is->options[(size_t)value].id);
    return number(w, value);
}

static json_t *issue(writer *w, const pl_issue *is)
{
    json_t *object = new_object(w);
    put(w, object, "id", text(w, is->id));
    put_name(w, object, is->name, is->id);
    put_text(w, object, "description", is->description);
    if (is->low != 0 || is->high != 100) {
        json_t *range = new_array(w);
        append(w, range, number(w, is->low));
        append(w, range, number(w, is->high));
        put(w, object, "range", range);
    }
    put_text(w, object, "low_label", is->low_label);
    put_text(w, object, "high_label", is->high_label);
    put(w, object, "scale", scale(w, is));
    if (is->kind == PL_ISSUE_OPTIONS) {
        put(w, object, "options", options(w, is));
        if (is->ordered)
            put(w, object, "ordered", json_true());
    }
    if (is->has_reference)
        put(w, object, "reference", issue_point(w, is, is->reference));
    if (is->has_outcome)
        put(w, object, "outcome", issue_point(w, is, is->outcome));
    return object;
}

/* ---- proposals, rules ------------------------------------------------------------------ */

static json_t *proposal(writer *w, const pl_proposal *p)
{
    const pl_scenario *s = w->scenario;
    json_t *object = new_object(w);
    put(w, object, "id", text(w, p->id));
    put_name(w, object, p->name, p->id);
    put_text(w, object, "description", p->description);
    put_text(w, object, "date", p->date);
    json_t *positions = new_object(w);
    for (size_t i = 0; i < s->n_issues; i++) {
        const pl_issue *is = &s->issues[i];
        json_t *value = is->kind == PL_ISSUE_OPTIONS ? text(w, is->options[(size_t)p->values[i]].id)
                                                     : number(w, p->values[i]);
        put(w, positions, is->id, value);
    }
    put(w, object, "positions", positions);
    return object;
}

static json_t *decision_rule(writer *w)
{
    const pl_decision_rule *rule = &w->scenario->decision_rule;
    /* The threshold only counts under a weighted majority; 0.5 is its default. */
    if (rule->kind == PL_RULE_UNANIMITY && rule->threshold == 0.5)
        return NULL;
    json_t *object = new_object(w);
    put(w, object, "kind", text(w, pl_rule_names[rule->kind]));
    put(w, object, "threshold", number(w, rule->threshold));
    return object;
}

static json_t *evaluation(writer *w)
{
    const pl_scenario *s = w->scenario;
    json_t *object = new_object(w);
    if (s->acceptable_threshold != 0.75)
        put(w, object, "acceptable", number(w, s->acceptable_threshold));
    if (s->critical_threshold != 0.5)
        put(w, object, "critical", number(w, s->critical_threshold));
    if (s->utility_form != PL_UTILITY_LINEAR)
        put(w, object, "utility", text(w, pl_utility_names[s->utility_form]));
    return unless_empty(object);
}

/* ---- uncertainty, shocks, KTAB ---------------------------------------------------------- */

/* The "actor", "quantity" and "issue" of a draw or change ("issue" omitted for all). */
static void put_target(writer *w, json_t *object, size_t actor, pl_quantity quantity, size_t issue)
{
    const pl_scenario *s = w->scenario;
    put(w, object, "actor", text(w, s->actors[actor].id));
    put(w, object, "quantity", text(w, pl_quantity_name(quantity)));
    if (issue != PL_ALL_ISSUES)
        put(w, object, "issue", text(w, s->issues[issue].id));
}

static json_t *uncertainty(writer *w, const pl_uncertainty *group)
{
    json_t *object = new_object(w);
    put(w, object, "id", text(w, group->id));
    put_name(w, object, group->name, group->id);
    put_text(w, object, "description", group->description);
    json_t *draws = new_array(w);
    for (size_t d = 0; d < group->n_draws; d++) {
        const pl_draw *draw = &group->draws[d];
        json_t *item = new_object(w);
        put_target(w, item, draw->actor, draw->quantity, draw->issue);
        if (draw->distribution != PL_DISTRIBUTION_UNIFORM)
            put(w, item, "distribution", text(w, pl_distribution_names[draw->distribution]));
        put(w, item, "spread", number(w, draw->spread));
        append(w, draws, item);
    }
    put(w, object, "draws", draws);
    return object;
}

static json_t *shock(writer *w, const pl_shock *sh)
{
    json_t *object = new_object(w);
    put(w, object, "id", text(w, sh->id));
    put_name(w, object, sh->name, sh->id);
    put_text(w, object, "description", sh->description);
    if (sh->start_round != 1)
        put(w, object, "start_round", integer(w, sh->start_round));
    if (sh->every != 0)
        put(w, object, "every", integer(w, sh->every));
    json_t *changes = new_array(w);
    for (size_t c = 0; c < sh->n_changes; c++) {
        const pl_change *change = &sh->changes[c];
        json_t *item = new_object(w);
        put_target(w, item, change->actor, change->quantity, change->issue);
        put(w, item, pl_operation_names[change->operation], number(w, change->value));
        append(w, changes, item);
    }
    put(w, object, "changes", changes);
    return object;
}

static json_t *ktab(writer *w)
{
    const pl_scenario *s = w->scenario;
    const pl_ktab_settings *k = &s->ktab;
    json_t *object = new_object(w);
    put_text(w, object, "seed", k->seed);
    json_t *parameters = new_object(w);
    for (size_t p = 0; p < PL_KTAB_PARAMETER_COUNT; p++)
        put_text(w, parameters, pl_ktab_parameter_name(p), k->parameters[p]);
    put(w, object, "parameters", unless_empty(parameters));
    if (k->n_adjustments > 0) {
        json_t *list = new_array(w);
        for (size_t a = 0; a < k->n_adjustments; a++) {
            const pl_ktab_adjustment *pair = &k->adjustments[a];
            json_t *item = new_object(w);
            put(w, item, "actor", text(w, s->actors[pair->adjusting_actor].id));
            put(w, item, "reference", text(w, s->actors[pair->reference_actor].id));
            put(w, item, "adjust", number(w, pair->adjust));
            append(w, list, item);
        }
        put(w, object, "ideal_adjustment", list);
    }
    return unless_empty(object);
}

/* ---- the document ---------------------------------------------------------------------- */

/* An array of `n` elements made by `element(w, k)`, or NULL when n is 0 and may be omitted. */
static json_t *list_of(writer *w, size_t n, int omit_empty, json_t *(*element)(writer *, size_t))
{
    if (n == 0 && omit_empty)
        return NULL;
    json_t *list = new_array(w);
    for (size_t k = 0; k < n; k++)
        append(w, list, element(w, k));
    return list;
}

static json_t *issue_at(writer *w, size_t i)
{
    return issue(w, &w->scenario->issues[i]);
}

static json_t *proposal_at(writer *w, size_t p)
{
    return proposal(w, &w->scenario->proposals[p]);
}

static json_t *uncertainty_at(writer *w, size_t u)
{
    return uncertainty(w, &w->scenario->uncertainties[u]);
}

static json_t *shock_at(writer *w, size_t k)
{
    return shock(w, &w->scenario->shocks[k]);
}

static json_t *document(writer *w)
{
    const pl_scenario *s = w->scenario;
    json_t *root = new_object(w);
    put(w, root, "parley", integer(w, FORMAT_VERSION));
    put_text(w, root, "id", s->id);
    put_text(w, root, "name", s->name);
    put(w, root, "provenance", provenance(w));
    put(w, root, "actors", list_of(w, s->n_actors, 0, actor));
    put(w, root, "issues", list_of(w, s->n_issues, 0, issue_at));
    put(w, root, "proposals", list_of(w, s->n_proposals, 1, proposal_at));
    put(w, root, "decision_rule", decision_rule(w));
    put(w, root, "evaluation", evaluation(w));
    put(w, root, "uncertainty", list_of(w, s->n_uncertainties, 1, uncertainty_at));
    if (s->horizon > 0)
        put(w, root, "horizon", integer(w, s->horizon));
    put(w, root, "shocks", list_of(w, s->n_shocks, 1, shock_at));
    put(w, root, "ktab", ktab(w));
    return root;
}

/*
 * The text of the document: parley's JSON layout (parley/json.h, two-space
 * indent, shortest round-trip reals) and a final newline.
 */
static int native_text(const json_t *root, char **text_out, pl_diag *diag)
{
    char *text = NULL;
    size_t size = 0;
    TRY(pl_json_dump(root, NULL, &text, &size, diag));
    char *ended = pli_realloc(text, size + 2);
    if (ended == NULL) {
        pli_free(text);
        return pli_json_out_of_memory(diag);
    }
    memcpy(ended + size, "\n", 2);
    *text_out = ended;
    return PL_OK;
}

int pli_parley_json_tree(const pl_scenario *scenario, json_t **out, pl_diag *diag)
{
    *out = NULL;
    /* Only a valid scenario is sure to read back; the writer relies on it (indices, NaN). */
    int rc = pl_scenario_validate(scenario, diag);
    if (rc != PL_OK)
        return rc;
    writer w = {scenario, diag, PL_OK};
    json_t *root = document(&w);
    if (w.status != PL_OK) {
        json_decref(root);
        return w.status;
    }
    *out = root;
    return PL_OK;
}

int pl_write_parley_json(const pl_scenario *scenario, char **text_out, pl_diag *diag)
{
    pl_diag_clear(diag);
    if (scenario == NULL || text_out == NULL)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no scenario or no output");
    *text_out = NULL;
    json_t *root = NULL;
    int rc = pli_parley_json_tree(scenario, &root, diag);
    if (rc == PL_OK)
        rc = native_text(root, text_out, diag);
    json_decref(root);
    return rc;
}
