/*
 * parley_json_actors.c - reading actors, their stances and red lines, in the
 * native JSON format (the rest of the document: parley_json_reader.c).
 */
#include <math.h>
#include <string.h>

#include "io/parley_json_reader.h"

/* Fail when `object` has member `key`, which belongs to the other kind of issue. */
static int refuse_member(pl_json_reader *r, const json_t *object, const char *path, const char *key,
                         const char *why)
{
    if (json_object_get(object, key) == NULL)
        return PL_OK;
    return pli_json_fail(r->diag, pli_json_key(path, key).text, "%s", why);
}

static int read_stance_capability(pl_json_reader *r, const json_t *object, const char *path,
                                  pl_stance *stance)
{
    if (json_object_get(object, "capability") == NULL)
        return PL_OK;
    TRY(pli_json_number_member(object, path, "capability", 1, &stance->capability, r->diag));
    stance->has_capability = 1;
    return PL_OK;
}

static int read_position_stance(pl_json_reader *r, size_t actor, size_t issue, const json_t *object,
                                const char *path)
{
    static const char *const fields[] = {"position", "salience", "capability", NULL};
    double position, salience;
    TRY(refuse_member(r, object, path, "values",
                      "only for options issues; give a \"position\" on this issue's range"));
    TRY(pli_json_check_fields(object, path, fields, r->diag));
    TRY(pli_json_number_member(object, path, "position", 1, &position, r->diag));
    TRY(pli_json_number_member(object, path, "salience", 1, &salience, r->diag));
    TRY(pli_json_built(r, pl_scenario_set_position(r->scenario, actor, issue, position, salience)));
    return read_stance_capability(r, object, path, pl_scenario_stance(r->scenario, actor, issue));
}

/* Fill `out` (one value per option, NaN until given) from the object `values`. */
static int read_option_values(pl_json_reader *r, size_t issue, const json_t *values,
                              const char *path, double *out)
{
    const pl_issue *is = &r->scenario->issues[issue];
    const char *key;
    json_t *value;
    size_t k;
    json_object_foreach((json_t *)values, key, value) {
        pl_json_path where = pli_json_key(path, key);
        TRY(pli_json_find_option(r, issue, key, where.text, &k));
        TRY(pli_json_number_value(value, where.text, &out[k], r->diag));
    }
    for (k = 0; k < is->n_options; k++)
        if (isnan(out[k]))
            return pli_json_fail(r->diag, pli_json_key(path, is->options[k].id).text,
                                 "missing (every option needs a value)");
    return PL_OK;
}

static int read_option_stance(pl_json_reader *r, size_t actor, size_t issue, const json_t *object,
                              const char *path)
{
    static const char *const fields[] = {"values", "salience", "capability", NULL};
    json_t *values;
    double salience;
    TRY(refuse_member(r, object, path, "position",
                      "this issue has options: give \"values\", one per option"));
    TRY(pli_json_check_fields(object, path, fields, r->diag));
    TRY(pli_json_container_member(object, path, "values", JSON_OBJECT, 1, &values, r->diag));
    TRY(pli_json_number_member(object, path, "salience", 1, &salience, r->diag));
    size_t n = r->scenario->issues[issue].n_options;
    double *option_values = pli_malloc(n * sizeof *option_values);
    if (option_values == NULL)
        return pli_json_out_of_memory(r->diag);
    for (size_t k = 0; k < n; k++)
        option_values[k] = NAN;
    int rc = read_option_values(r, issue, values, pli_json_key(path, "values").text, option_values);
    if (rc == PL_OK)
        rc = pli_json_built(
            r, pl_scenario_set_option_values(r->scenario, actor, issue, option_values, salience));
    pli_free(option_values);
    if (rc != PL_OK)
        return rc;
    return read_stance_capability(r, object, path, pl_scenario_stance(r->scenario, actor, issue));
}

static int read_stance(pl_json_reader *r, size_t actor, const char *key, const json_t *value,
                       const char *path)
{
    pl_json_path where = pli_json_key(path, key);
    size_t issue;
    TRY(pli_json_find_issue(r, key, where.text, 1, &issue));
    if (!json_is_object(value))
        return pli_json_wrong_type(r->diag, where.text, value, "an object");
    if (r->scenario->issues[issue].kind == PL_ISSUE_OPTIONS)
        return read_option_stance(r, actor, issue, value, where.text);
    return read_position_stance(r, actor, issue, value, where.text);
}

/* Each stance on its own, so that pl_check_scenario reports a mistake in every one. */
static int read_stances(pl_json_reader *r, size_t actor, const json_t *stances, const char *path)
{
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)stances, key, value) {
        int rc = read_stance(r, actor, key, value, path);
        if (rc != PL_OK && !pli_json_go_on(r, rc))
            return rc;
    }
    return PL_OK;
}

static int read_interval_line(pl_json_reader *r, size_t actor, size_t issue, const json_t *object,
                              const char *path, size_t *index)
{
    static const char *const fields[] = {"min", "max", "note", NULL};
    const pl_issue *is = &r->scenario->issues[issue];
    double low = is->low, high = is->high;
    TRY(refuse_member(r, object, path, "allowed",
                      "only for options issues; give \"min\" and/or \"max\" on this issue"));
    TRY(pli_json_check_fields(object, path, fields, r->diag));
    if (json_object_get(object, "min") == NULL && json_object_get(object, "max") == NULL)
        return pli_json_fail(r->diag, path, "needs \"min\", \"max\" or both");
    TRY(pli_json_number_member(object, path, "min", 0, &low, r->diag));
    TRY(pli_json_number_member(object, path, "max", 0, &high, r->diag));
    return pli_json_built(r, pl_scenario_add_red_line(r->scenario, actor, issue, low, high, index));
}

/* Set allowed[k] for every option listed in the array `allowed`. */
static int read_allowed(pl_json_reader *r, size_t issue, const json_t *list, const char *path,
                        unsigned char *allowed)
{
    json_t *item;
    size_t k, option;
    json_array_foreach(list, k, item) {
        pl_json_path at = pli_json_index(path, k);
        if (!json_is_string(item))
            return pli_json_wrong_type(r->diag, at.text, item, "an option id (a string)");
        TRY(pli_json_find_option(r, issue, json_string_value(item), at.text, &option));
        allowed[option] = 1;
    }
    return PL_OK;
}

static int read_options_line(pl_json_reader *r, size_t actor, size_t issue, const json_t *object,
                             const char *path, size_t *index)
{
    static const char *const fields[] = {"allowed", "note", NULL};
    json_t *list;
    TRY(refuse_member(r, object, path, "min", "this issue has options: list the \"allowed\" ones"));
    TRY(refuse_member(r, object, path, "max", "this issue has options: list the \"allowed\" ones"));
    TRY(pli_json_check_fields(object, path, fields, r->diag));
    TRY(pli_json_container_member(object, path, "allowed", JSON_ARRAY, 1, &list, r->diag));
    unsigned char *allowed = pli_calloc(r->scenario->issues[issue].n_options, 1);
    if (allowed == NULL)
        return pli_json_out_of_memory(r->diag);
    int rc = read_allowed(r, issue, list, pli_json_key(path, "allowed").text, allowed);
    if (rc == PL_OK)
        rc = pli_json_built(
            r, pl_scenario_add_red_line_options(r->scenario, actor, issue, allowed, index));
    pli_free(allowed);
    return rc;
}

static int read_red_line(pl_json_reader *r, size_t actor, const char *key, const json_t *value,
                         const char *path)
{
    pl_json_path where = pli_json_key(path, key);
    size_t issue, index;
    TRY(pli_json_find_issue(r, key, where.text, 1, &issue));
    if (!json_is_object(value))
        return pli_json_wrong_type(r->diag, where.text, value, "an object");
    if (r->scenario->issues[issue].kind == PL_ISSUE_OPTIONS)
        TRY(read_options_line(r, actor, issue, value, where.text, &index));
    else
        TRY(read_interval_line(r, actor, issue, value, where.text, &index));
    return pli_json_read_text(r, value, where.text, "note", &r->scenario->red_lines[index].note);
}

static int read_red_lines(pl_json_reader *r, size_t actor, const json_t *lines, const char *path)
{
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)lines, key, value) {
        int rc = read_red_line(r, actor, key, value, path);
        if (rc != PL_OK && !pli_json_go_on(r, rc))
            return rc;
    }
    return PL_OK;
}

int pli_json_read_actor(pl_json_reader *r, const json_t *object, const char *path)
{
    static const char *const fields[] = {"id",         "name",        "description",
                                         "capability", "reservation", "veto",
                                         "discount",   "stances",     "red_lines",
                                         NULL};
    const char *id, *name;
    double capability;
    size_t a, other;
    json_t *stances, *red_lines;
    TRY(pli_json_expect_object(r, object, path, fields));
    TRY(pli_json_string_member(object, path, "id", 1, &id, r->diag));
    TRY(pli_json_string_member(object, path, "name", 0, &name, r->diag));
    TRY(pli_json_number_member(object, path, "capability", 1, &capability, r->diag));
    /* Uncertainty, shocks and KTAB settings name actors by id. */
    if (pli_name_set_find(&r->actor_ids, id, &other) == PL_OK)
        return pli_json_fail(r->diag, pli_json_key(path, "id").text,
                             "duplicate id \"%s\" (also actors[%zu])", id, other);
    TRY(pli_json_built(r, pl_scenario_add_actor(r->scenario, id, name, capability, &a)));
    TRY(pli_json_note_id(r, &r->actor_ids, r->scenario->actors[a].id, a));
    pl_actor *actor = &r->scenario->actors[a];
    TRY(pli_json_read_text(r, object, path, "description", &actor->description));
    TRY(pli_json_number_member(object, path, "reservation", 0, &actor->reservation, r->diag));
    TRY(pli_json_bool_member(object, path, "veto", &actor->veto, r->diag));
    TRY(pli_json_number_member(object, path, "discount", 0, &actor->discount, r->diag));
    TRY(pli_json_container_member(object, path, "stances", JSON_OBJECT, 0, &stances, r->diag));
    TRY(read_stances(r, a, stances, pli_json_key(path, "stances").text));
    TRY(pli_json_container_member(object, path, "red_lines", JSON_OBJECT, 0, &red_lines, r->diag));
    int rc = read_red_lines(r, a, red_lines, pli_json_key(path, "red_lines").text);
    return rc;
}
