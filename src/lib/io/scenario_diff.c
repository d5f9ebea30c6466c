/*
 * scenario_diff.c - pl_scenario_diff: what differs between two scenarios, as
 * the paths of parley/paths.h with the values on each side.
 *
 * Both scenarios are compared through their native documents, so that two
 * inputs of different formats compare member by member, and every change is
 * one that pl_scenario_set can make: objects member by member, id arrays
 * (actors, issues, proposals, ...) element by element by id, any other array
 * (a range, the sources) as one value.
 */
#include <string.h>

#include "io/scenario_paths.h"

typedef struct differ {
    pli_text path;
    pl_scenario_changes *changes;
    size_t capacity;
    int status;
    pl_diag *diag;
} differ;

/* The one-line JSON text of a value (NULL for an absent one); records a failure. */
static char *value_text(differ *d, const json_t *value)
{
    if (value == NULL || d->status != PL_OK)
        return NULL;
    pl_json_options options = PL_JSON_OPTIONS_INIT;
    options.indent = 0;
    char *text = NULL;
    int rc = pl_json_dump(value, &options, &text, NULL, d->diag);
    if (rc != PL_OK)
        d->status = rc;
    return text;
}

static void record(differ *d, const json_t *from, const json_t *to)
{
    if (d->status != PL_OK)
        return;
    pl_scenario_changes *list = d->changes;
    if (d->path.failed || pli_grow((void **)&list->changes, &d->capacity, list->n_changes + 1,
                                   sizeof(pl_scenario_change)) != PL_OK) {
        d->status = pli_json_out_of_memory(d->diag);
        return;
    }
    pl_scenario_change *change = &d->changes->changes[d->changes->n_changes++];
    change->path = pli_strdup(d->path.data);
    change->from = value_text(d, from);
    change->to = value_text(d, to);
    if (change->path == NULL && d->status == PL_OK)
        d->status = pli_json_out_of_memory(d->diag);
}

/* Equal as the format means it: numbers by value (an integer 90 equals a real 90.0). */
static int same(const json_t *a, const json_t *b)
{
    if (json_is_number(a) && json_is_number(b))
        return json_number_value(a) == json_number_value(b);
    return json_equal(a, b);
}

/* Nonzero when every element of `array` is an object with a string "id". */
static int all_have_ids(const json_t *array)
{
    for (size_t k = 0; k < json_array_size(array); k++)
        if (!json_is_string(json_object_get(json_array_get(array, k), "id")))
            return 0;
    return 1;
}

static void compare(differ *d, const json_t *a, const json_t *b, const char *key);

static void compare_objects(differ *d, const json_t *a, const json_t *b)
{
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)a, key, value) {
        size_t before = pli_text_add_step(&d->path, key);
        const json_t *other = json_object_get(b, key);
        if (other == NULL)
            record(d, value, NULL);
        else
            compare(d, value, other, key);
        pli_text_cut(&d->path, before);
    }
    json_object_foreach((json_t *)b, key, value) {
        if (json_object_get(a, key) != NULL)
            continue;
        size_t before = pli_text_add_step(&d->path, key);
        record(d, NULL, value);
        pli_text_cut(&d->path, before);
    }
}

static void compare_by_id(differ *d, const json_t *a, const json_t *b)
{
    for (size_t k = 0; k < json_array_size(a); k++) {
        const json_t *element = json_array_get(a, k);
        const char *id = json_string_value(json_object_get(element, "id"));
        long other = pli_path_find_id(b, id);
        size_t before = pli_text_add_step(&d->path, id);
        if (other < 0)
            record(d, element, NULL);
        else
            compare_objects(d, element, json_array_get(b, (size_t)other));
        pli_text_cut(&d->path, before);
    }
    for (size_t k = 0; k < json_array_size(b); k++) {
        const json_t *element = json_array_get(b, k);
        const char *id = json_string_value(json_object_get(element, "id"));
        if (pli_path_find_id(a, id) >= 0)
            continue;
        size_t before = pli_text_add_step(&d->path, id);
        record(d, NULL, element);
        pli_text_cut(&d->path, before);
    }
}

/* `a` and `b` are the values of member `key` (NULL: an array element) on each side. */
static void compare(differ *d, const json_t *a, const json_t *b, const char *key)
{
    if (json_is_object(a) && json_is_object(b))
        compare_objects(d, a, b);
    else if (json_is_array(a) && json_is_array(b) && pli_path_id_noun(key) != NULL &&
             all_have_ids(a) && all_have_ids(b))
        compare_by_id(d, a, b);
    else if (!same(a, b))
        record(d, a, b);
}

void pl_scenario_changes_free(pl_scenario_changes *changes)
{
    if (changes == NULL)
        return;
    for (size_t k = 0; k < changes->n_changes; k++) {
        pli_free(changes->changes[k].path);
        pli_free(changes->changes[k].from);
        pli_free(changes->changes[k].to);
    }
    pli_free(changes->changes);
    pli_free(changes);
}

int pl_scenario_diff(const pl_scenario *a, const pl_scenario *b, pl_scenario_changes **out,
                     pl_diag *diag)
{
    pl_diag_clear(diag);
    if (a == NULL || b == NULL || out == NULL)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no scenario or no output");
    *out = NULL;
    json_t *document_a = NULL, *document_b = NULL;
    differ d = {{0}, pli_calloc(1, sizeof(pl_scenario_changes)), 0, PL_OK, diag};
    if (d.changes == NULL)
        return pli_json_out_of_memory(diag);
    pli_text_add(&d.path, "", 0);
    d.status = pli_parley_json_tree(a, &document_a, diag);
    if (d.status == PL_OK)
        d.status = pli_parley_json_tree(b, &document_b, diag);
    if (d.status == PL_OK)
        compare(&d, document_a, document_b, NULL);
    json_decref(document_a);
    json_decref(document_b);
    pli_text_free(&d.path);
    if (d.status != PL_OK) {
        pl_scenario_changes_free(d.changes);
        return d.status;
    }
    *out = d.changes;
    return PL_OK;
}
