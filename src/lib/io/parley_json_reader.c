/*
 * parley_json_reader.c - reading the native JSON scenario format.
 *
 * The format is documented for users in docs/scenario-format.md and as a
 * JSON Schema in docs/scenario.schema.json. The reader checks shapes, types
 * and references (every message starts with the JSON path of the field) and
 * leaves range and consistency rules to pl_scenario_validate(), which words
 * its messages the same way.
 */
#include <string.h>

#include "io/io_internal.h"
#include "io/parley_json_reader.h"

/** The only version of the format so far. */
#define FORMAT_VERSION 1

/* A builder call's status as a diagnostic: they fail only for lack of memory here. */
int pli_json_built(pl_json_reader *r, int status)
{
    if (status == PL_OK)
        return PL_OK;
    if (status == PL_ERR_NOMEM)
        return pli_json_out_of_memory(r->diag);
    return pl_diag_set(r->diag, status, 0, 0, "internal error: a scenario builder call failed");
}

/* Copy the optional string member `key` into the scenario's `*field`. */
int pli_json_read_text(pl_json_reader *r, const json_t *object, const char *path, const char *key,
                       char **field)
{
    const char *text;
    TRY(pli_json_string_member(object, path, key, 0, &text, r->diag));
    if (text == NULL)
        return PL_OK;
    return pli_json_built(r, pl_scenario_set_string(field, text));
}

int pli_json_expect_object(pl_json_reader *r, const json_t *value, const char *path,
                           const char *const *fields)
{
    if (!json_is_object(value))
        return pli_json_wrong_type(r->diag, path, value, "an object");
    return pli_json_check_fields(value, path, fields, r->diag);
}

/* Index of `text` among `names`, or -1. */
static int name_index(const char *const *names, size_t n, const char *text)
{
    for (size_t k = 0; k < n; k++)
        if (strcmp(names[k], text) == 0)
            return (int)k;
    return -1;
}

/* ---- references by id ---------------------------------------------------------------- */

/*
 * Resolve an issue id found at `path`. `id_in_path` is nonzero when the id is
 * the last component of the path already (a key of "stances"), so that the
 * message does not say it twice.
 */
int pli_json_note_id(pl_json_reader *r, pl_name_set *ids, const char *id, size_t index)
{
    int rc = pli_name_set_add(ids, id, index, 0, NULL, NULL);
    return rc < 0 ? pli_json_out_of_memory(r->diag) : PL_OK;
}

int pli_json_find_issue(pl_json_reader *r, const char *id, const char *path, int id_in_path,
                        size_t *index)
{
    if (pli_name_set_find(&r->issue_ids, id, index) == PL_OK)
        return PL_OK;
    pl_json_suggestion suggestion;
    char hint[PL_JSON_PATH_MAX];
    pli_json_suggest_start(&suggestion, id);
    for (size_t i = 0; i < r->scenario->n_issues; i++)
        pli_json_suggest_consider(&suggestion, r->scenario->issues[i].id);
    const char *text = pli_json_suggest_hint(&suggestion, hint, sizeof hint);
    if (id_in_path)
        return pli_json_fail(r->diag, path, "unknown issue%s", text);
    return pli_json_fail(r->diag, path, "unknown issue \"%s\"%s", id, text);
}

int pli_json_find_option(pl_json_reader *r, size_t issue, const char *id, const char *path,
                         size_t *index)
{
    if (pl_scenario_find_option(r->scenario, issue, id, index) == PL_OK)
        return PL_OK;
    const pl_issue *is = &r->scenario->issues[issue];
    pl_json_suggestion suggestion;
    char hint[PL_JSON_PATH_MAX];
    pli_json_suggest_start(&suggestion, id);
    for (size_t k = 0; k < is->n_options; k++)
        pli_json_suggest_consider(&suggestion, is->options[k].id);
    return pli_json_fail(r->diag, path, "unknown option \"%s\" of issue \"%s\"%s", id, is->id,
                         pli_json_suggest_hint(&suggestion, hint, sizeof hint));
}

/* Resolve the actor named by string member `key` (required) of `object`. */
int pli_json_read_actor_reference(pl_json_reader *r, const json_t *object, const char *path,
                                  const char *key, size_t *index)
{
    const char *id;
    TRY(pli_json_string_member(object, path, key, 1, &id, r->diag));
    if (pli_name_set_find(&r->actor_ids, id, index) == PL_OK)
        return PL_OK;
    pl_json_suggestion suggestion;
    char hint[PL_JSON_PATH_MAX];
    pli_json_suggest_start(&suggestion, id);
    for (size_t a = 0; a < r->scenario->n_actors; a++)
        pli_json_suggest_consider(&suggestion, r->scenario->actors[a].id);
    return pli_json_fail(r->diag, pli_json_key(path, key).text, "unknown actor \"%s\"%s", id,
                         pli_json_suggest_hint(&suggestion, hint, sizeof hint));
}

/* ---- provenance ------------------------------------------------------------------------ */

static int read_string_list(pl_json_reader *r, const json_t *object, const char *path,
                            const char *key, int (*add)(pl_scenario *, const char *))
{
    json_t *list, *item;
    size_t k;
    TRY(pli_json_container_member(object, path, key, JSON_ARRAY, 0, &list, r->diag));
    pl_json_path where = pli_json_key(path, key);
    json_array_foreach(list, k, item) {
        if (!json_is_string(item))
            return pli_json_wrong_type(r->diag, pli_json_index(where.text, k).text, item, "a string");
        TRY(pli_json_built(r, add(r->scenario, json_string_value(item))));
    }
    return PL_OK;
}

static int read_judgements(pl_json_reader *r, const json_t *provenance, const char *path)
{
    json_t *list, *item;
    size_t k;
    TRY(pli_json_container_member(provenance, path, "judgements", JSON_ARRAY, 0, &list, r->diag));
    pl_json_path where = pli_json_key(path, "judgements");
    json_array_foreach(list, k, item) {
        pl_json_path at = pli_json_index(where.text, k);
        if (!json_is_string(item))
            return pli_json_wrong_type(r->diag, at.text, item, "a quantity name (a string)");
        int q = name_index(pl_quantity_names, PL_QUANTITY_COUNT, json_string_value(item));
        if (q < 0)
            return pli_json_fail(r->diag, at.text,
                                 "unknown quantity \"%s\" (expected \"capability\", "
                                 "\"reservation\", \"position\", \"salience\" or \"red_line\")",
                                 json_string_value(item));
        r->scenario->provenance.judgements |= 1u << q;
    }
    return PL_OK;
}

static int read_provenance(pl_json_reader *r, const json_t *root)
{
    static const char *const fields[] = {"description", "date",       "sources",
                                         "caveats",     "judgements", NULL};
    json_t *provenance;
    const char *path = "provenance";
    pl_provenance *p = &r->scenario->provenance;
    TRY(pli_json_container_member(root, "", path, JSON_OBJECT, 0, &provenance, r->diag));
    if (provenance == NULL)
        return PL_OK;
    TRY(pli_json_check_fields(provenance, path, fields, r->diag));
    TRY(pli_json_read_text(r, provenance, path, "description", &p->description));
    TRY(pli_json_read_text(r, provenance, path, "date", &p->date));
    TRY(read_string_list(r, provenance, path, "sources", pl_scenario_add_source));
    TRY(read_string_list(r, provenance, path, "caveats", pl_scenario_add_caveat));
    return read_judgements(r, provenance, path);
}

/* ---- issues ------------------------------------------------------------------------------ */

static int read_range(pl_json_reader *r, const json_t *issue, const char *path, double *low,
                      double *high)
{
    json_t *range;
    TRY(pli_json_container_member(issue, path, "range", JSON_ARRAY, 0, &range, r->diag));
    if (range == NULL)
        return PL_OK;
    pl_json_path where = pli_json_key(path, "range");
    if (json_array_size(range) != 2)
        return pli_json_fail(r->diag, where.text, "must be [low, high], two numbers");
    TRY(pli_json_number_value(json_array_get(range, 0), pli_json_index(where.text, 0).text, low,
                              r->diag));
    return pli_json_number_value(json_array_get(range, 1), pli_json_index(where.text, 1).text, high,
                                 r->diag);
}

static int read_scale(pl_json_reader *r, const json_t *object, const char *path, size_t issue)
{
    static const char *const fields[] = {"value", "label", NULL};
    json_t *scale, *point;
    size_t k;
    TRY(pli_json_container_member(object, path, "scale", JSON_ARRAY, 0, &scale, r->diag));
    pl_json_path where = pli_json_key(path, "scale");
    json_array_foreach(scale, k, point) {
        pl_json_path at = pli_json_index(where.text, k);
        double value;
        const char *label;
        TRY(pli_json_expect_object(r, point, at.text, fields));
        TRY(pli_json_number_member(point, at.text, "value", 1, &value, r->diag));
        TRY(pli_json_string_member(point, at.text, "label", 1, &label, r->diag));
        TRY(pli_json_built(r, pl_scenario_add_scale_point(r->scenario, issue, value, label)));
    }
    return PL_OK;
}

/* Check the options' shapes and gather their ids (borrowed from the JSON tree). */
static int read_option_ids(pl_json_reader *r, const json_t *options, const char *path,
                           const char **ids)
{
    static const char *const fields[] = {"id", "label", "position", NULL};
    json_t *option;
    size_t k;
    json_array_foreach(options, k, option) {
        pl_json_path at = pli_json_index(path, k);
        TRY(pli_json_expect_object(r, option, at.text, fields));
        TRY(pli_json_string_member(option, at.text, "id", 1, &ids[k], r->diag));
        /* Checked here, not only by the validator: stances name options by id. */
        for (size_t j = 0; j < k; j++)
            if (strcmp(ids[j], ids[k]) == 0)
                return pli_json_fail(r->diag, pli_json_key(at.text, "id").text,
                                     "duplicate id \"%s\" (also %s[%zu])", ids[k], path, j);
    }
    return PL_OK;
}

static int read_option_details(pl_json_reader *r, const json_t *options, const char *path,
                               size_t issue)
{
    json_t *option;
    size_t k;
    json_array_foreach(options, k, option) {
        pl_option *o = &r->scenario->issues[issue].options[k];
        pl_json_path at = pli_json_index(path, k);
        TRY(pli_json_read_text(r, option, at.text, "label", &o->label));
        if (json_object_get(option, "position") != NULL) {
            TRY(pli_json_number_member(option, at.text, "position", 1, &o->position, r->diag));
            o->has_position = 1;
        }
    }
    return PL_OK;
}

static int add_options_issue(pl_json_reader *r, const json_t *options, const char *path,
                             const char *id, const char *name, size_t *index)
{
    pl_json_path where = pli_json_key(path, "options");
    size_t n = json_array_size(options);
    const char **ids = pli_calloc(n, sizeof *ids);
    if (ids == NULL)
        return pli_json_out_of_memory(r->diag);
    int rc = read_option_ids(r, options, where.text, ids);
    if (rc == PL_OK)
        rc = pli_json_built(r, pl_scenario_add_options_issue(r->scenario, id, name, n, ids, index));
    pli_free(ids);
    if (rc != PL_OK)
        return rc;
    return read_option_details(r, options, where.text, *index);
}

/*
 * An optional point of an issue's scale ("reference", "outcome"): a number on
 * a continuous issue, an option id on an options issue (kept as its index).
 */
static int read_issue_point(pl_json_reader *r, const json_t *object, const char *path,
                            const char *key, size_t issue, int *has, double *value)
{
    const json_t *member = json_object_get(object, key);
    if (member == NULL)
        return PL_OK;
    pl_json_path where = pli_json_key(path, key);
    if (r->scenario->issues[issue].kind == PL_ISSUE_CONTINUOUS) {
        TRY(pli_json_number_value(member, where.text, value, r->diag));
    } else {
        size_t option;
        if (!json_is_string(member))
            return pli_json_wrong_type(r->diag, where.text, member, "an option id (a string)");
        TRY(pli_json_find_option(r, issue, json_string_value(member), where.text, &option));
        *value = (double)option;
    }
    *has = 1;
    return PL_OK;
}

static int read_issue(pl_json_reader *r, const json_t *object, const char *path)
{
    static const char *const fields[] = {"id",        "name",       "description", "range",
                                         "low_label", "high_label", "scale",       "options",
                                         "ordered",   "reference",  "outcome",     NULL};
    const char *id, *name;
    json_t *options;
    size_t index, other;
    double low = 0, high = 100;
    TRY(pli_json_expect_object(r, object, path, fields));
    TRY(pli_json_string_member(object, path, "id", 1, &id, r->diag));
    TRY(pli_json_string_member(object, path, "name", 0, &name, r->diag));
    /* Stances and proposals name issues by id, so a duplicate must be caught now. */
    if (pli_name_set_find(&r->issue_ids, id, &other) == PL_OK)
        return pli_json_fail(r->diag, pli_json_key(path, "id").text,
                             "duplicate id \"%s\" (also issues[%zu])", id, other);
    TRY(pli_json_container_member(object, path, "options", JSON_ARRAY, 0, &options, r->diag));
    TRY(read_range(r, object, path, &low, &high));
    if (options != NULL)
        TRY(add_options_issue(r, options, path, id, name, &index));
    else
        TRY(pli_json_built(
            r, pl_scenario_add_continuous_issue(r->scenario, id, name, low, high, &index)));
    TRY(pli_json_note_id(r, &r->issue_ids, r->scenario->issues[index].id, index));
    pl_issue *issue = &r->scenario->issues[index];
    issue->low = low;
    issue->high = high;
    TRY(pli_json_read_text(r, object, path, "description", &issue->description));
    TRY(pli_json_read_text(r, object, path, "low_label", &issue->low_label));
    TRY(pli_json_read_text(r, object, path, "high_label", &issue->high_label));
    if (options == NULL && json_object_get(object, "ordered") != NULL)
        return pli_json_fail(r->diag, pli_json_key(path, "ordered").text,
                             "only options issues can be ordered");
    TRY(pli_json_bool_member(object, path, "ordered", &issue->ordered, r->diag));
    TRY(read_issue_point(r, object, path, "reference", index, &issue->has_reference,
                         &issue->reference));
    TRY(read_issue_point(r, object, path, "outcome", index, &issue->has_outcome,
                         &issue->outcome));
    return read_scale(r, object, path, index);
}

/* Read the array `key` of the document (absent allowed unless `required`), element by element. */
static int read_list(pl_json_reader *r, const json_t *root, const char *key, int required,
                     int (*read_one)(pl_json_reader *, const json_t *, const char *))
{
    json_t *list, *item;
    size_t k;
    TRY(pli_json_container_member(root, "", key, JSON_ARRAY, required, &list, r->diag));
    json_array_foreach(list, k, item)
        TRY(read_one(r, item, pli_json_index(key, k).text));
    return PL_OK;
}

/* ---- proposals ------------------------------------------------------------------------- */

static int read_positions(pl_json_reader *r, size_t proposal, const json_t *positions,
                          const char *path)
{
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)positions, key, value) {
        pl_json_path where = pli_json_key(path, key);
        double *slot;
        size_t issue, option;
        TRY(pli_json_find_issue(r, key, where.text, 1, &issue));
        slot = &r->scenario->proposals[proposal].values[issue];
        if (r->scenario->issues[issue].kind == PL_ISSUE_CONTINUOUS) {
            TRY(pli_json_number_value(value, where.text, slot, r->diag));
            continue;
        }
        if (!json_is_string(value))
            return pli_json_wrong_type(r->diag, where.text, value, "an option id (a string)");
        TRY(pli_json_find_option(r, issue, json_string_value(value), where.text, &option));
        *slot = (double)option;
    }
    return PL_OK;
}

static int read_proposal(pl_json_reader *r, const json_t *object, const char *path)
{
    static const char *const fields[] = {"id", "name", "description", "date", "positions", NULL};
    const char *id, *name;
    json_t *positions;
    size_t p;
    TRY(pli_json_expect_object(r, object, path, fields));
    TRY(pli_json_string_member(object, path, "id", 1, &id, r->diag));
    TRY(pli_json_string_member(object, path, "name", 0, &name, r->diag));
    TRY(pli_json_container_member(object, path, "positions", JSON_OBJECT, 1, &positions, r->diag));
    TRY(pli_json_built(r, pl_scenario_add_proposal(r->scenario, id, name, &p)));
    pl_proposal *proposal = &r->scenario->proposals[p];
    TRY(pli_json_read_text(r, object, path, "description", &proposal->description));
    TRY(pli_json_read_text(r, object, path, "date", &proposal->date));
    return read_positions(r, p, positions, pli_json_key(path, "positions").text);
}

/* ---- decision rule and evaluation ---------------------------------------------------- */

static int read_decision_rule(pl_json_reader *r, const json_t *root)
{
    static const char *const fields[] = {"kind", "threshold", NULL};
    const char *path = "decision_rule";
    pl_decision_rule *rule = &r->scenario->decision_rule;
    json_t *object;
    int kind = (int)rule->kind;
    TRY(pli_json_container_member(root, "", path, JSON_OBJECT, 0, &object, r->diag));
    if (object == NULL)
        return PL_OK;
    TRY(pli_json_check_fields(object, path, fields, r->diag));
    TRY(pli_json_enum_member(object, path, "kind", pl_rule_names, 2, 1, &kind, r->diag));
    rule->kind = (pl_rule_kind)kind;
    return pli_json_number_member(object, path, "threshold", 0, &rule->threshold, r->diag);
}

static int read_evaluation(pl_json_reader *r, const json_t *root)
{
    static const char *const fields[] = {"acceptable", "critical", "utility", NULL};
    const char *path = "evaluation";
    pl_scenario *s = r->scenario;
    json_t *object;
    int utility = (int)s->utility_form;
    TRY(pli_json_container_member(root, "", path, JSON_OBJECT, 0, &object, r->diag));
    if (object == NULL)
        return PL_OK;
    TRY(pli_json_check_fields(object, path, fields, r->diag));
    TRY(pli_json_number_member(object, path, "acceptable", 0, &s->acceptable_threshold, r->diag));
    TRY(pli_json_number_member(object, path, "critical", 0, &s->critical_threshold, r->diag));
    TRY(pli_json_enum_member(object, path, "utility", pl_utility_names, 2, 0, &utility, r->diag));
    s->utility_form = (pl_utility_form)utility;
    return PL_OK;
}

/* ---- uncertainty and shocks ------------------------------------------------------------ */

/* The actor, quantity and issue ("*" or absent: every issue) a draw or change is about. */
static int read_target(pl_json_reader *r, const json_t *object, const char *path, size_t *actor,
                       pl_quantity *quantity, size_t *issue)
{
    const char *issue_id;
    int q = 0;
    TRY(pli_json_read_actor_reference(r, object, path, "actor", actor));
    TRY(pli_json_enum_member(object, path, "quantity", pl_quantity_names, PL_QUANTITY_COUNT, 1, &q,
                             r->diag));
    *quantity = (pl_quantity)q;
    TRY(pli_json_string_member(object, path, "issue", 0, &issue_id, r->diag));
    *issue = PL_ALL_ISSUES;
    if (issue_id == NULL || strcmp(issue_id, "*") == 0)
        return PL_OK;
    return pli_json_find_issue(r, issue_id, pli_json_key(path, "issue").text, 0, issue);
}

static int read_draw(pl_json_reader *r, size_t group, const json_t *object, const char *path)
{
    static const char *const fields[] = {"actor",        "quantity", "issue",
                                         "distribution", "spread",   NULL};
    pl_draw draw = {0};
    int distribution = PL_DISTRIBUTION_UNIFORM;
    TRY(pli_json_expect_object(r, object, path, fields));
    TRY(read_target(r, object, path, &draw.actor, &draw.quantity, &draw.issue));
    TRY(pli_json_enum_member(object, path, "distribution", pl_distribution_names, 3, 0,
                             &distribution, r->diag));
    draw.distribution = (pl_distribution)distribution;
    TRY(pli_json_number_member(object, path, "spread", 1, &draw.spread, r->diag));
    return pli_json_built(r, pl_scenario_add_draw(r->scenario, group, &draw));
}

/* The id, name and description every uncertainty group and shock has. */
static int read_event_names(pl_json_reader *r, const json_t *object, const char *path, char **name,
                            char **description)
{
    TRY(pli_json_read_text(r, object, path, "name", name));
    return pli_json_read_text(r, object, path, "description", description);
}

static int read_uncertainty(pl_json_reader *r, const json_t *object, const char *path)
{
    static const char *const fields[] = {"id", "name", "description", "draws", NULL};
    const char *id;
    json_t *draws, *draw;
    size_t u, k;
    TRY(pli_json_expect_object(r, object, path, fields));
    TRY(pli_json_string_member(object, path, "id", 1, &id, r->diag));
    TRY(pli_json_container_member(object, path, "draws", JSON_ARRAY, 0, &draws, r->diag));
    TRY(pli_json_built(r, pl_scenario_add_uncertainty(r->scenario, id, &u)));
    pl_uncertainty *group = &r->scenario->uncertainties[u];
    TRY(read_event_names(r, object, path, &group->name, &group->description));
    pl_json_path where = pli_json_key(path, "draws");
    json_array_foreach(draws, k, draw)
        TRY(read_draw(r, u, draw, pli_json_index(where.text, k).text));
    return PL_OK;
}

static int read_change(pl_json_reader *r, size_t shock, const json_t *object, const char *path)
{
    static const char *const fields[] = {"actor",    "quantity", "issue", "add",
                                         "multiply", "set",      NULL};
    pl_change change = {0};
    int given = 0;
    TRY(pli_json_expect_object(r, object, path, fields));
    TRY(read_target(r, object, path, &change.actor, &change.quantity, &change.issue));
    for (int k = 0; k < 3; k++)
        if (json_object_get(object, pl_operation_names[k]) != NULL) {
            change.operation = (pli_change_operation)k;
            given++;
        }
    if (given != 1)
        return pli_json_fail(r->diag, path,
                             "needs exactly one of \"add\", \"multiply\" or \"set\" (it has %d)",
                             given);
    TRY(pli_json_number_member(object, path, pl_operation_names[change.operation], 1, &change.value,
                               r->diag));
    return pli_json_built(r, pl_scenario_add_change(r->scenario, shock, &change));
}

static int read_shock(pl_json_reader *r, const json_t *object, const char *path)
{
    static const char *const fields[] = {"id",    "name",    "description", "start_round",
                                         "every", "changes", NULL};
    const char *id;
    json_t *changes, *change;
    size_t index, k;
    TRY(pli_json_expect_object(r, object, path, fields));
    TRY(pli_json_string_member(object, path, "id", 1, &id, r->diag));
    TRY(pli_json_container_member(object, path, "changes", JSON_ARRAY, 0, &changes, r->diag));
    TRY(pli_json_built(r, pl_scenario_add_shock(r->scenario, id, &index)));
    pl_shock *shock = &r->scenario->shocks[index];
    TRY(read_event_names(r, object, path, &shock->name, &shock->description));
    TRY(pli_json_int_member(object, path, "start_round", &shock->start_round, r->diag));
    TRY(pli_json_int_member(object, path, "every", &shock->every, r->diag));
    pl_json_path where = pli_json_key(path, "changes");
    json_array_foreach(changes, k, change)
        TRY(read_change(r, index, change, pli_json_index(where.text, k).text));
    return PL_OK;
}

/* ---- KTAB settings --------------------------------------------------------------------- */

static int read_ktab_parameters(pl_json_reader *r, const json_t *ktab, const char *path)
{
    json_t *parameters, *value;
    const char *key;
    TRY(pli_json_container_member(ktab, path, "parameters", JSON_OBJECT, 0, &parameters, r->diag));
    pl_json_path where = pli_json_key(path, "parameters");
    json_object_foreach(parameters, key, value) {
        pl_json_path at = pli_json_key(where.text, key);
        size_t k = 0;
        while (k < PL_KTAB_PARAMETER_COUNT && strcmp(pl_ktab_parameter_name(k), key) != 0)
            k++;
        if (k == PL_KTAB_PARAMETER_COUNT) {
            pl_json_suggestion suggestion;
            char hint[128];
            pli_json_suggest_start(&suggestion, key);
            for (k = 0; k < PL_KTAB_PARAMETER_COUNT; k++)
                pli_json_suggest_consider(&suggestion, pl_ktab_parameter_name(k));
            return pli_json_fail(r->diag, at.text, "unknown KTAB parameter%s",
                                 pli_json_suggest_hint(&suggestion, hint, sizeof hint));
        }
        if (!json_is_string(value))
            return pli_json_wrong_type(r->diag, at.text, value, "a string");
        TRY(pli_json_built(
            r, pl_scenario_set_string(&r->scenario->ktab.parameters[k], json_string_value(value))));
    }
    return PL_OK;
}

static int read_ktab_adjustments(pl_json_reader *r, const json_t *ktab, const char *path)
{
    static const char *const fields[] = {"actor", "reference", "adjust", NULL};
    json_t *list, *item;
    size_t k;
    TRY(pli_json_container_member(ktab, path, "ideal_adjustment", JSON_ARRAY, 0, &list, r->diag));
    pl_json_path where = pli_json_key(path, "ideal_adjustment");
    json_array_foreach(list, k, item) {
        pl_json_path at = pli_json_index(where.text, k);
        pl_ktab_adjustment pair;
        TRY(pli_json_expect_object(r, item, at.text, fields));
        TRY(pli_json_read_actor_reference(r, item, at.text, "actor", &pair.adjusting_actor));
        TRY(pli_json_read_actor_reference(r, item, at.text, "reference", &pair.reference_actor));
        TRY(pli_json_number_member(item, at.text, "adjust", 1, &pair.adjust, r->diag));
        TRY(pli_json_built(r, pl_scenario_add_ktab_adjustment(r->scenario, &pair)));
    }
    return PL_OK;
}

static int read_ktab(pl_json_reader *r, const json_t *root)
{
    static const char *const fields[] = {"seed", "parameters", "ideal_adjustment", NULL};
    const char *path = "ktab";
    json_t *ktab;
    TRY(pli_json_container_member(root, "", path, JSON_OBJECT, 0, &ktab, r->diag));
    if (ktab == NULL)
        return PL_OK;
    TRY(pli_json_check_fields(ktab, path, fields, r->diag));
    TRY(pli_json_read_text(r, ktab, path, "seed", &r->scenario->ktab.seed));
    TRY(read_ktab_parameters(r, ktab, path));
    return read_ktab_adjustments(r, ktab, path);
}

/* ---- the document ---------------------------------------------------------------------- */

static int read_version(pl_json_reader *r, const json_t *root)
{
    double version = FORMAT_VERSION;
    TRY(pli_json_number_member(root, "", "parley", 0, &version, r->diag));
    if (version != FORMAT_VERSION)
        return pl_diag_set(r->diag, PL_ERR_UNSUPPORTED, 0, 0,
                           "parley: format version %g is not supported (this parley reads "
                           "version %d)",
                           version, FORMAT_VERSION);
    return PL_OK;
}

static int read_document(pl_json_reader *r, const json_t *root)
{
    /* "$schema" lets editors find docs/scenario.schema.json; parley ignores it. */
    static const char *const fields[] = {
        "$schema",   "parley",        "id",         "name",        "provenance", "actors", "issues",
        "proposals", "decision_rule", "evaluation", "uncertainty", "shocks",     "ktab",   "horizon", NULL};
    const char *ignored;
    if (!json_is_object(root))
        return pli_json_wrong_type(r->diag, "", root, "an object");
    TRY(pli_json_check_fields(root, "", fields, r->diag));
    TRY(read_version(r, root));
    TRY(pli_json_string_member(root, "", "$schema", 0, &ignored, r->diag));
    TRY(pli_json_read_text(r, root, "", "id", &r->scenario->id));
    TRY(pli_json_read_text(r, root, "", "name", &r->scenario->name));
    TRY(read_provenance(r, root));
    /* Issues first: actors, which usually come first in a file, refer to them. */
    TRY(read_list(r, root, "issues", 1, read_issue));
    TRY(read_list(r, root, "actors", 1, pli_json_read_actor));
    TRY(read_list(r, root, "proposals", 0, read_proposal));
    TRY(read_decision_rule(r, root));
    TRY(read_evaluation(r, root));
    TRY(read_list(r, root, "uncertainty", 0, read_uncertainty));
    TRY(pli_json_int_member(root, "", "horizon", &r->scenario->horizon, r->diag));
    if (json_object_get(root, "horizon") != NULL && r->scenario->horizon < 1)
        return pli_json_fail(r->diag, "horizon", "must be a whole number of rounds >= 1, not %d",
                             r->scenario->horizon);
    TRY(read_list(r, root, "shocks", 0, read_shock));
    TRY(read_ktab(r, root));
    return pli_json_built(r, pl_scenario_set_string(&r->scenario->format, "parley"));
}

/* Parse the text (pli_json_load), after an invisible byte-order mark some editors write. */
static int parse(const char *data, size_t size, json_t **root, pl_diag *diag)
{
    if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        size -= 3;
    }
    return pli_json_load(data, size, root, diag);
}

int pli_read_parley_json_tree(const char *source, const json_t *root, pl_scenario **out,
                              pl_diag *diag)
{
    pl_json_reader r = {NULL, diag, {0}, {0}};
    int rc = pli_reader_begin(source, "", 0, out, &r.scenario, diag);
    if (rc == PL_ERR_ARGUMENT)
        return rc;
    if (rc == PL_OK)
        rc = read_document(&r, root);
    pli_name_set_free(&r.actor_ids);
    pli_name_set_free(&r.issue_ids);
    return pli_reader_finish(rc, r.scenario, out, diag);
}

int pl_read_parley_json(const char *source, const char *data, size_t size, pl_scenario **out,
                        pl_diag *diag)
{
    pl_json_reader r = {NULL, diag, {0}, {0}};
    json_t *root = NULL;
    int rc = pli_reader_begin(source, data, size, out, &r.scenario, diag);
    if (rc == PL_ERR_ARGUMENT)
        return rc;
    if (rc == PL_OK)
        rc = parse(data ? data : "", size, &root, diag);
    if (rc == PL_OK)
        rc = read_document(&r, root);
    json_decref(root);
    pli_name_set_free(&r.actor_ids);
    pli_name_set_free(&r.issue_ids);
    return pli_reader_finish(rc, r.scenario, out, diag);
}
