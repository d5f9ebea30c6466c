/*
 * scenario_paths.c - the path syntax of parley/paths.h ("actors."E.U.".capability")
 * and growing path texts.
 */
#include <stdlib.h>
#include <string.h>

#include "io/scenario_paths.h"

/* ---- reading a path ------------------------------------------------------------------- */

static int add_step(pli_path *path, const char *chars, size_t n)
{
    char **steps = pli_realloc(path->steps, (path->n_steps + 1) * sizeof *steps);
    if (steps == NULL)
        return PL_ERR_NOMEM;
    path->steps = steps;
    char *step = pli_malloc(n + 1);
    if (step == NULL)
        return PL_ERR_NOMEM;
    memcpy(step, chars, n);
    step[n] = '\0';
    steps[path->n_steps++] = step;
    return PL_OK;
}

/* A quoted step starting at text[*at] (the quote): its unescaped content into `buffer`. */
static int quoted_step(const char *text, size_t length, size_t *at, char *buffer, size_t *n)
{
    size_t k = *at + 1;
    *n = 0;
    for (; k < length && text[k] != '"'; k++) {
        if (text[k] == '\\' && k + 1 < length && (text[k + 1] == '"' || text[k + 1] == '\\'))
            k++;
        buffer[(*n)++] = text[k];
    }
    if (k >= length)
        return -1; /* no closing quote */
    *at = k + 1;
    return 0;
}

static int path_error(pl_diag *diag, const char *text, size_t length, const char *what)
{
    return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "%.*s: %s", (int)length, text, what);
}

int pli_path_parse(const char *text, size_t length, pli_path *out, pl_diag *diag)
{
    out->n_steps = 0;
    out->steps = NULL;
    if (length == 0)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "empty path (want PATH=VALUE)");
    char *buffer = pli_malloc(length + 1);
    if (buffer == NULL)
        return pli_json_out_of_memory(diag);
    int rc = PL_OK;
    size_t at = 0;
    while (rc == PL_OK) {
        size_t n = 0;
        if (at < length && text[at] == '"') {
            if (quoted_step(text, length, &at, buffer, &n) != 0)
                rc = path_error(diag, text, length, "a quoted id has no closing '\"'");
            else if (at < length && text[at] != '.')
                rc = path_error(diag, text, length, "a '.' must follow a quoted id");
        } else {
            size_t end = at;
            while (end < length && text[end] != '.')
                end++;
            n = end - at;
            memcpy(buffer, text + at, n);
            if (n == 0)
                rc = path_error(diag, text, length, "empty step (two dots, or a dot at an end)");
            at = end;
        }
        if (rc == PL_OK && add_step(out, buffer, n) != PL_OK)
            rc = pli_json_out_of_memory(diag);
        if (rc != PL_OK || at >= length)
            break;
        at++; /* the dot */
        if (at >= length)
            rc = path_error(diag, text, length, "empty step (two dots, or a dot at an end)");
    }
    pli_free(buffer);
    return rc;
}

void pli_path_free(pli_path *path)
{
    for (size_t k = 0; k < path->n_steps; k++)
        pli_free(path->steps[k]);
    pli_free(path->steps);
    path->steps = NULL;
    path->n_steps = 0;
}

/* ---- writing a path ------------------------------------------------------------------- */

void pli_text_add(pli_text *text, const char *chars, size_t n)
{
    if (text->failed)
        return;
    if (text->length + n + 1 > text->capacity) {
        size_t capacity = (text->length + n + 1) * 2;
        char *data = pli_realloc(text->data, capacity);
        if (data == NULL) {
            text->failed = 1;
            return;
        }
        text->data = data;
        text->capacity = capacity;
    }
    memcpy(text->data + text->length, chars, n);
    text->length += n;
    text->data[text->length] = '\0';
}

/* Quotes keep a step whole when it holds what the syntax uses (or is empty). */
static int needs_quotes(const char *step)
{
    return step[0] == '\0' || strpbrk(step, ".\"=\\") != NULL;
}

size_t pli_text_add_step(pli_text *text, const char *step)
{
    size_t before = text->length;
    if (before > 0)
        pli_text_add(text, ".", 1);
    if (!needs_quotes(step)) {
        pli_text_add(text, step, strlen(step));
        return before;
    }
    pli_text_add(text, "\"", 1);
    for (const char *c = step; *c; c++) {
        if (*c == '"' || *c == '\\')
            pli_text_add(text, "\\", 1);
        pli_text_add(text, c, 1);
    }
    pli_text_add(text, "\"", 1);
    return before;
}

void pli_text_cut(pli_text *text, size_t length)
{
    if (!text->failed && length <= text->length) {
        text->length = length;
        if (text->data != NULL)
            text->data[length] = '\0';
    }
}

void pli_text_free(pli_text *text)
{
    pli_free(text->data);
    memset(text, 0, sizeof *text);
}

char *pli_path_text(const pli_path *path, size_t n)
{
    pli_text text = {0};
    pli_text_add(&text, "", 0);
    for (size_t k = 0; k < n && k < path->n_steps; k++)
        pli_text_add_step(&text, path->steps[k]);
    if (text.failed) {
        pli_text_free(&text);
        return NULL;
    }
    return text.data;
}

/* ---- id arrays -------------------------------------------------------------------------- */

const char *pli_path_id_noun(const char *key)
{
    /* The arrays whose elements docs/scenario-format.md names by an "id" member. */
    static const char *const keys[][2] = {
        {"actors", "actor"},       {"issues", "issue"}, {"proposals", "proposal"},
        {"uncertainty", "uncertainty group"}, {"shocks", "shock"}, {"options", "option"},
    };
    for (size_t k = 0; key != NULL && k < sizeof keys / sizeof keys[0]; k++)
        if (strcmp(keys[k][0], key) == 0)
            return keys[k][1];
    return NULL;
}

long pli_path_find_id(const json_t *array, const char *id)
{
    for (size_t k = 0; k < json_array_size(array); k++) {
        const char *element_id = json_string_value(json_object_get(json_array_get(array, k), "id"));
        if (element_id != NULL && strcmp(element_id, id) == 0)
            return (long)k;
    }
    return -1;
}
