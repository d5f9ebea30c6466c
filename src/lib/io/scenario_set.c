/*
 * scenario_set.c - pl_scenario_set: one path assignment (parley/paths.h).
 *
 * One mechanism whatever the input format: the scenario's native document is
 * edited along the path and read back by the native reader, which checks the
 * value exactly as it checks a file; only a scenario that reads back and
 * validates replaces the caller's. The reader's messages locate fields by
 * index ("actors[1].capability"); they are turned into path form
 * ("actors.UA.capability") against the edited document, so that an error
 * names members the way the assignment did.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "io/scenario_paths.h"

/** Where an assignment stands while it walks the document. */
typedef struct assignment {
    const char *path_text; /* the path as the caller wrote it, for messages */
    const pli_path *path;
    json_t *value;         /* the new value (owned until placed), NULL to remove */
    pl_diag *diag;
} assignment;

/* Text that jansson refused: not UTF-8 (say so), or no memory. */
static int utf8_or_memory(pl_diag *diag, const char *path, const char *text)
{
    if (pli_json_is_utf8(text))
        return pli_json_out_of_memory(diag);
    return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "%s: \"%.60s\" is not valid UTF-8 text", path,
                       text);
}

static int fail(const assignment *a, const char *format, const char *x, const char *y)
{
    return pl_diag_set(a->diag, PL_ERR_INVALID, 0, 0, format, a->path_text, x, y);
}

/* ---- the value ------------------------------------------------------------------------- */

/*
 * JSON text, or a bare word taken as a string. Text that starts as JSON
 * containers and strings do but does not parse is an error rather than a
 * string, which would only be refused later with a less helpful message.
 */
static int parse_value(const char *path, const char *text, json_t **out, pl_diag *diag)
{
    *out = NULL;
    if (strcmp(text, "null") == 0)
        return PL_OK;
    json_error_t error;
    /* As the reader parses: no duplicate keys, integers as doubles (huge ones overflow). */
    *out = json_loads(text, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL,
                      &error);
    if (*out != NULL)
        return PL_OK;
    const char *start = text;
    while (isspace((unsigned char)*start))
        start++;
    if (*start == '{' || *start == '[' || *start == '"')
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "%s: the value is not valid JSON: %s",
                           path, error.text);
    *out = json_string(text);
    if (*out == NULL)
        return utf8_or_memory(diag, path, text);
    return PL_OK;
}

static const char *kind_of(const json_t *value)
{
    switch (json_typeof(value)) {
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    default: return "null";
    }
}

/* ---- walking the document --------------------------------------------------------------- */

/* " (did you mean "x"?)" for an id not found among the ids of `array`. */
static const char *id_hint(const json_t *array, const char *id, char *buffer, size_t size)
{
    pl_json_suggestion suggestion;
    pli_json_suggest_start(&suggestion, id);
    for (size_t k = 0; k < json_array_size(array); k++) {
        const char *candidate = json_string_value(json_object_get(json_array_get(array, k), "id"));
        if (candidate != NULL)
            pli_json_suggest_consider(&suggestion, candidate);
    }
    return pli_json_suggest_hint(&suggestion, buffer, size);
}

/* The last step is a member of `object`: set, add or remove it. */
static int place_in_object(assignment *a, json_t *object, const char *key)
{
    if (a->value == NULL) {
        if (json_object_get(object, key) == NULL)
            return fail(a, "%s: nothing to remove: no member '%s'%s", key, "");
        json_object_del(object, key);
        return PL_OK;
    }
    json_t *value = a->value;
    a->value = NULL;
    if (json_object_set_new(object, key, value) != 0)
        return utf8_or_memory(a->diag, a->path_text, key);
    return PL_OK;
}

/* The last step names element `index` (-1: none yet) of id array `array`. */
static int place_by_id(assignment *a, json_t *array, long index, const char *noun, const char *id)
{
    if (a->value == NULL) {
        json_array_remove(array, (size_t)index);
        return PL_OK;
    }
    if (!json_is_object(a->value))
        return pl_diag_set(a->diag, PL_ERR_INVALID, 0, 0,
                           "%s: a whole %s is an object ({...} with its members), not %s",
                           a->path_text, noun, kind_of(a->value));
    const char *given = json_string_value(json_object_get(a->value, "id"));
    if (given != NULL && strcmp(given, id) != 0)
        return fail(a, "%s: the value's id '%s' is not the path's '%s'", given, id);
    json_t *value = a->value;
    a->value = NULL;
    if (given == NULL && json_object_set_new(value, "id", json_string(id)) != 0) {
        json_decref(value);
        return pli_json_out_of_memory(a->diag);
    }
    int rc = index < 0 ? json_array_append_new(array, value)
                       : json_array_set_new(array, (size_t)index, value);
    return rc == 0 ? PL_OK : pli_json_out_of_memory(a->diag);
}

/* Step `k` into id array `array` (elements named `noun`s): the element, or placed. */
static int step_by_id(assignment *a, json_t *array, const char *noun, size_t k, json_t **next)
{
    const char *id = a->path->steps[k];
    int last = k + 1 == a->path->n_steps;
    long index = pli_path_find_id(array, id);
    *next = NULL;
    if (index < 0 && !(last && a->value != NULL)) {
        char hint[PL_JSON_PATH_MAX], what[160];
        snprintf(what, sizeof what, "%s '%s'", noun, id);
        if (!last)
            return pl_diag_set(a->diag, PL_ERR_INVALID, 0, 0, "%s: no %s%s", a->path_text, what,
                               id_hint(array, id, hint, sizeof hint));
        return pl_diag_set(a->diag, PL_ERR_INVALID, 0, 0, "%s: nothing to remove: no %s%s",
                           a->path_text, what, id_hint(array, id, hint, sizeof hint));
    }
    if (last)
        return place_by_id(a, array, index, noun, id);
    *next = json_array_get(array, (size_t)index);
    return PL_OK;
}

/* Step `k` into an array named by index (a range, a scale, sources, draws ...). */
static int step_by_index(assignment *a, json_t *array, size_t k, json_t **next)
{
    const char *step = a->path->steps[k];
    int last = k + 1 == a->path->n_steps;
    size_t size = json_array_size(array);
    char *end;
    unsigned long index = strtoul(step, &end, 10);
    *next = NULL;
    if (!isdigit((unsigned char)step[0]) || *end != '\0')
        return fail(a, "%s: '%s' is not an index (this array's elements are numbered from 0)%s",
                    step, "");
    /* One past the end appends, so that a list can grow one element at a time. */
    if (index > size || (index == size && !(last && a->value != NULL))) {
        char count[32];
        snprintf(count, sizeof count, "%zu", size);
        return fail(a, "%s: no element %s (the array has %s)", step, count);
    }
    if (!last) {
        *next = json_array_get(array, index);
        return PL_OK;
    }
    if (a->value == NULL)
        return json_array_remove(array, index) == 0 ? PL_OK : pli_json_out_of_memory(a->diag);
    json_t *value = a->value;
    a->value = NULL;
    int rc = index == size ? json_array_append_new(array, value)
                           : json_array_set_new(array, index, value);
    return rc == 0 ? PL_OK : pli_json_out_of_memory(a->diag);
}

/* A member missing on the way is made: an array where the format has an id array or the
 * next step is an index, else an object. */
static json_t *make_member(json_t *object, const char *key, const char *next_step)
{
    int array = pli_path_id_noun(key) != NULL ||
                strspn(next_step, "0123456789") == strlen(next_step);
    json_t *made = array ? json_array() : json_object();
    if (made == NULL || json_object_set_new(object, key, made) != 0)
        return NULL;
    return made;
}

static int walk(assignment *a, json_t *root)
{
    json_t *node = root;
    const char *key = NULL; /* the member name `node` was reached by */
    for (size_t k = 0; k < a->path->n_steps; k++) {
        const char *step = a->path->steps[k];
        int last = k + 1 == a->path->n_steps;
        json_t *next = NULL;
        if (json_is_object(node)) {
            if (last)
                return place_in_object(a, node, step);
            next = json_object_get(node, step);
            if (next == NULL && (next = make_member(node, step, a->path->steps[k + 1])) == NULL)
                return utf8_or_memory(a->diag, a->path_text, step);
            key = step;
        } else if (json_is_array(node)) {
            const char *noun = pli_path_id_noun(key);
            TRY(noun ? step_by_id(a, node, noun, k, &next) : step_by_index(a, node, k, &next));
            key = NULL;
        } else {
            char *prefix = pli_path_text(a->path, k);
            if (prefix == NULL)
                return pli_json_out_of_memory(a->diag);
            int rc = pl_diag_set(a->diag, PL_ERR_INVALID, 0, 0,
                                 "%s: %s is %s, with no member '%s'", a->path_text, prefix,
                                 kind_of(node), step);
            pli_free(prefix);
            return rc;
        }
        node = next;
    }
    return PL_OK;
}

/* ---- the reader's paths in path form ---------------------------------------------------- */

/* Member `key` of the reader's path p[0..end): the shortest run up to a '.' or '[' that names a
 * member of `object` (keys may hold dots), or the whole rest when it is the last and absent. */
static size_t member_length(const json_t *object, const char *p, const char *end, json_t **child)
{
    char key[PL_JSON_PATH_MAX];
    for (const char *q = p + 1; q <= end; q++) {
        if (q < end && *q != '.' && *q != '[')
            continue;
        size_t n = (size_t)(q - p);
        if (n >= sizeof key)
            return 0;
        memcpy(key, p, n);
        key[n] = '\0';
        *child = json_object_get(object, key);
        if (*child != NULL || (q == end && strpbrk(key, ".[") == NULL))
            return n;
    }
    return 0;
}

/*
 * The reader's path at the start of `message` ("actors[1].stances.donetsk.salience: ...")
 * in path form against `root` ("actors.UA.stances.donetsk.salience"), or 0 when it does not
 * read as one. Returns the length of the reader's path.
 */
static size_t translate(const json_t *root, const char *message, pli_text *out)
{
    const char *end = strstr(message, ": ");
    const json_t *node = root;
    char key[PL_JSON_PATH_MAX] = "";
    for (const char *p = message; end != NULL && p < end;) {
        if (*p == '[') {
            char *close;
            unsigned long index = strtoul(p + 1, &close, 10);
            const json_t *element = json_array_get(node, index);
            if (close == p + 1 || close >= end || *close != ']' || element == NULL)
                return 0;
            const char *id = json_string_value(json_object_get(element, "id"));
            char number[32];
            snprintf(number, sizeof number, "%lu", index);
            pli_text_add_step(out, pli_path_id_noun(key) != NULL && id != NULL ? id : number);
            node = element;
            key[0] = '\0';
            p = close + 1;
            continue;
        }
        if (*p == '.' && p > message)
            p++;
        json_t *child = NULL;
        size_t n = json_is_object(node) ? member_length(node, p, end, &child) : 0;
        if (n == 0)
            return 0;
        memcpy(key, p, n);
        key[n] = '\0';
        pli_text_add_step(out, key);
        node = child;
        p += n;
    }
    return end != NULL && !out->failed && out->length > 0 ? (size_t)(end - message) : 0;
}

/* ---- reading back ---------------------------------------------------------------------- */

/* The edited document as a scenario, or the reader's complaint with its path in path form. */
static int read_back(const json_t *document, pl_scenario **out, pl_diag *diag)
{
    pl_diag inner;
    pl_diag_clear(&inner);
    int rc = pli_read_parley_json_tree("", document, out, &inner);
    if (rc == PL_OK)
        return PL_OK;
    if (rc == PL_ERR_NOMEM)
        return pli_json_out_of_memory(diag);
    pli_text path = {0};
    size_t n = translate(document, inner.message, &path);
    if (n > 0)
        rc = pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "%s%s", path.data, inner.message + n);
    else
        rc = pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "%s", inner.message);
    pli_text_free(&path);
    return rc;
}

/* Give `scenario` the contents of `edited` (which takes the old ones, to be freed). */
static void swap_contents(pl_scenario *scenario, pl_scenario *edited)
{
    pl_scenario old = *scenario;
    *scenario = *edited;
    *edited = old;
}

int pl_scenario_set(pl_scenario *scenario, const char *path, const char *value, pl_diag *diag)
{
    pl_diag_clear(diag);
    if (scenario == NULL || path == NULL || value == NULL)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no scenario, path or value");
    pli_path steps;
    assignment a = {path, &steps, NULL, diag};
    json_t *document = NULL;
    pl_scenario *edited = NULL;
    int rc = pli_path_parse(path, strlen(path), &steps, diag);
    if (rc == PL_OK)
        rc = parse_value(path, value, &a.value, diag);
    if (rc == PL_OK)
        rc = pli_parley_json_tree(scenario, &document, diag);
    if (rc == PL_OK)
        rc = walk(&a, document);
    if (rc == PL_OK)
        rc = read_back(document, &edited, diag);
    /* The input format stays what was read (the GENIUS agents and DEU backtests ask it). */
    if (rc == PL_OK && pl_scenario_set_string(&edited->format, scenario->format) != PL_OK)
        rc = pli_json_out_of_memory(diag);
    if (rc == PL_OK)
        swap_contents(scenario, edited);
    pl_scenario_free(edited);
    json_decref(a.value);
    json_decref(document);
    pli_path_free(&steps);
    return rc;
}

int pl_scenario_set_assignment(pl_scenario *scenario, const char *assignment_text, pl_diag *diag)
{
    pl_diag_clear(diag);
    if (scenario == NULL || assignment_text == NULL)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no scenario or assignment");
    /* The first '=' outside double quotes ends the path. */
    int quoted = 0;
    const char *at = assignment_text;
    for (; *at != '\0' && (quoted || *at != '='); at++) {
        if (quoted && *at == '\\' && at[1] != '\0')
            at++;
        else if (*at == '"')
            quoted = !quoted;
    }
    if (quoted)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "%s: a quoted id has no closing '\"'",
                           assignment_text);
    if (*at != '=')
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                           "%s: no '=' (want PATH=VALUE, as actors.RU.capability=120)",
                           assignment_text);
    char *path = pli_strndup(assignment_text, (size_t)(at - assignment_text));
    if (path == NULL)
        return pli_json_out_of_memory(diag);
    int rc = pl_scenario_set(scenario, path, at + 1, diag);
    pli_free(path);
    return rc;
}
