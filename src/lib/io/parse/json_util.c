/* json_util.c - paths, typed members and number formatting for the native JSON format. */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/parse/json_util.h"

pl_json_path pli_json_key(const char *path, const char *key)
{
    pl_json_path out;
    if (path[0] == '\0')
        (void)snprintf(out.text, sizeof out.text, "%s", key);
    else
        (void)snprintf(out.text, sizeof out.text, "%s.%s", path, key);
    return out;
}

pl_json_path pli_json_index(const char *path, size_t index)
{
    pl_json_path out;
    (void)snprintf(out.text, sizeof out.text, "%s[%zu]", path, index);
    return out;
}

int pli_json_fail(pl_diag *diag, const char *path, const char *format, ...)
{
    char message[PL_DIAG_MESSAGE_MAX];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "%s: %s", path[0] ? path : "(document)",
                       message);
}

int pli_json_out_of_memory(pl_diag *diag)
{
    return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
}

int pli_json_load(const char *data, size_t size, json_t **root, pl_diag *diag)
{
    /* jansson leaves `error` unset when an allocation fails: its empty text says so. */
    json_error_t error;
    memset(&error, 0, sizeof error);
    /*
     * Duplicate keys would silently drop a value; integers are read as doubles
     * so that huge ones overflow into a syntax error rather than truncate.
     */
    *root = json_loadb(data, size, JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL, &error);
    if (*root != NULL)
        return PL_OK;
    if (json_error_code(&error) == json_error_out_of_memory || error.text[0] == '\0')
        return pli_json_out_of_memory(diag);
    /* Where and what, at the start of the wrong token, when the grammar tells (json_syntax.c). */
    int rc = pli_json_syntax(data, size, diag);
    if (rc != PL_OK)
        return rc;
    int line = error.line > 0 ? error.line : 0;
    int column = line == 0 ? 0 : error.column > 0 ? error.column : 1;
    return pl_diag_set(diag, PL_ERR_SYNTAX, line, column, "%s", error.text);
}

static const char *type_description(const json_t *value)
{
    switch (json_typeof(value)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

int pli_json_wrong_type(pl_diag *diag, const char *path, const json_t *value, const char *expected)
{
    return pli_json_fail(diag, path, "must be %s, not %s", expected, type_description(value));
}

/*
 * Edit distance counting a swap of neighbours as one edit (optimal string
 * alignment), since "rnage" for "range" is the commonest typo; only short
 * words are compared.
 */
static size_t edit_distance(const char *a, const char *b)
{
    enum { LONGEST = 64 };
    size_t n = strlen(a), m = strlen(b);
    if (n > LONGEST || m > LONGEST)
        return (size_t)-1;
    size_t before[LONGEST + 1], previous[LONGEST + 1], current[LONGEST + 1];
    for (size_t j = 0; j <= m; j++)
        previous[j] = j;
    for (size_t i = 1; i <= n; i++) {
        current[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t best = previous[j - 1] + (a[i - 1] != b[j - 1]);
            if (previous[j] + 1 < best)
                best = previous[j] + 1;
            if (current[j - 1] + 1 < best)
                best = current[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                before[j - 2] + 1 < best)
                best = before[j - 2] + 1;
            current[j] = best;
        }
        memcpy(before, previous, sizeof before);
        memcpy(previous, current, sizeof previous);
    }
    return previous[m];
}

void pli_json_suggest_start(pl_json_suggestion *suggestion, const char *word)
{
    suggestion->word = word;
    suggestion->best = NULL;
    suggestion->distance = (size_t)-1;
}

void pli_json_suggest_consider(pl_json_suggestion *suggestion, const char *candidate)
{
    size_t distance = edit_distance(suggestion->word, candidate);
    /* Two edits catch most typos; short words need fewer, or every word would match. */
    size_t limit = strlen(candidate) <= 3 ? 1 : 2;
    if (distance <= limit && distance < suggestion->distance) {
        suggestion->best = candidate;
        suggestion->distance = distance;
    }
}

const char *pli_json_suggest_hint(const pl_json_suggestion *suggestion, char *buffer, size_t size)
{
    if (suggestion->best == NULL)
        return "";
    (void)snprintf(buffer, size, " (did you mean \"%s\"?)", suggestion->best);
    return buffer;
}

int pli_json_check_fields(const json_t *object, const char *path, const char *const *fields,
                          pl_diag *diag)
{
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)object, key, value) {
        size_t k = 0;
        while (fields[k] != NULL && strcmp(fields[k], key) != 0)
            k++;
        if (fields[k] != NULL)
            continue;
        pl_json_suggestion suggestion;
        char hint[128];
        pli_json_suggest_start(&suggestion, key);
        for (k = 0; fields[k] != NULL; k++)
            pli_json_suggest_consider(&suggestion, fields[k]);
        return pli_json_fail(diag, pli_json_key(path, key).text, "unknown field%s",
                             pli_json_suggest_hint(&suggestion, hint, sizeof hint));
    }
    return PL_OK;
}

/* The member `key`, or NULL; a required one that is absent fails. */
static int member(const json_t *object, const char *path, const char *key, int required,
                  json_t **out, pl_diag *diag)
{
    *out = json_object_get(object, key);
    if (*out == NULL && required)
        return pli_json_fail(diag, pli_json_key(path, key).text, "missing (required)");
    return PL_OK;
}

int pli_json_string_member(const json_t *object, const char *path, const char *key, int required,
                           const char **out, pl_diag *diag)
{
    json_t *value;
    int rc = member(object, path, key, required, &value, diag);
    *out = NULL;
    if (rc != PL_OK || value == NULL)
        return rc;
    if (!json_is_string(value))
        return pli_json_wrong_type(diag, pli_json_key(path, key).text, value, "a string");
    *out = json_string_value(value);
    return PL_OK;
}

int pli_json_number_value(const json_t *value, const char *path, double *out, pl_diag *diag)
{
    if (!json_is_number(value))
        return pli_json_wrong_type(diag, path, value, "a number");
    *out = json_number_value(value);
    return PL_OK;
}

int pli_json_number_member(const json_t *object, const char *path, const char *key, int required,
                           double *out, pl_diag *diag)
{
    json_t *value;
    int rc = member(object, path, key, required, &value, diag);
    if (rc != PL_OK || value == NULL)
        return rc;
    return pli_json_number_value(value, pli_json_key(path, key).text, out, diag);
}

int pli_json_bool_member(const json_t *object, const char *path, const char *key, int *out,
                         pl_diag *diag)
{
    json_t *value = json_object_get(object, key);
    if (value == NULL)
        return PL_OK;
    if (!json_is_boolean(value))
        return pli_json_wrong_type(diag, pli_json_key(path, key).text, value, "true or false");
    *out = json_is_true(value);
    return PL_OK;
}

int pli_json_int_member(const json_t *object, const char *path, const char *key, int *out,
                        pl_diag *diag)
{
    json_t *value = json_object_get(object, key);
    if (value == NULL)
        return PL_OK;
    double x = 0;
    pl_json_path where = pli_json_key(path, key);
    int rc = pli_json_number_value(value, where.text, &x, diag);
    if (rc != PL_OK)
        return rc;
    if (x != floor(x) || x < INT_MIN || x > INT_MAX)
        return pli_json_fail(diag, where.text, "must be a whole number, not %g", x);
    *out = (int)x;
    return PL_OK;
}

int pli_json_container_member(const json_t *object, const char *path, const char *key,
                              json_type type, int required, json_t **out, pl_diag *diag)
{
    int rc = member(object, path, key, required, out, diag);
    if (rc != PL_OK || *out == NULL)
        return rc;
    if (json_typeof(*out) != type)
        return pli_json_wrong_type(diag, pli_json_key(path, key).text, *out,
                                   type == JSON_ARRAY ? "an array" : "an object");
    return PL_OK;
}

int pli_json_enum_member(const json_t *object, const char *path, const char *key,
                         const char *const *names, size_t n, int required, int *out, pl_diag *diag)
{
    const char *text;
    int rc = pli_json_string_member(object, path, key, required, &text, diag);
    if (rc != PL_OK || text == NULL)
        return rc;
    for (size_t k = 0; k < n; k++)
        if (strcmp(names[k], text) == 0) {
            *out = (int)k;
            return PL_OK;
        }
    char expected[256] = "";
    size_t used = 0;
    for (size_t k = 0; k < n && used < sizeof expected; k++) {
        const char *separator = k == 0 ? "" : k + 1 == n ? " or " : ", ";
        int written = snprintf(expected + used, sizeof expected - used, "%s\"%s\"", separator,
                               names[k]);
        used += written > 0 ? (size_t)written : 0;
    }
    return pli_json_fail(diag, pli_json_key(path, key).text, "unknown value \"%s\" (expected %s)",
                         text, expected);
}

json_t *pli_json_number(double x)
{
    /* Below 2^53 every integer is exact as a double, so "90" reads back as 90.0. */
    if (isfinite(x) && x == floor(x) && fabs(x) < 9007199254740992.0)
        return json_integer((json_int_t)x);
    return json_real(x);
}

int pli_json_is_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned long code = *p++;
        int extra;
        unsigned long least;
        if (code < 0x80)
            continue;
        if (code >= 0xC2 && code <= 0xDF)
            extra = 1, least = 0x80, code &= 0x1F;
        else if (code >= 0xE0 && code <= 0xEF)
            extra = 2, least = 0x800, code &= 0x0F;
        else if (code >= 0xF0 && code <= 0xF4)
            extra = 3, least = 0x10000, code &= 0x07;
        else
            return 0;
        for (int k = 0; k < extra; k++, p++) {
            if ((*p & 0xC0) != 0x80)
                return 0;
            code = (code << 6) | (*p & 0x3F);
        }
        /* Overlong forms, UTF-16 surrogates and code points beyond Unicode are not UTF-8. */
        if (code < least || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return 0;
    }
    return 1;
}
