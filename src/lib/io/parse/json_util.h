/*
 * json_util.h - helpers shared by the native JSON reader and writer; not installed.
 *
 * The reader helpers report a wrong field as "PATH: message" with status
 * PL_ERR_INVALID and no line or column (jansson keeps no positions for parsed
 * values). PATH is the JSON path of the field written as
 * pl_scenario_validate() writes it, "actors[2].stances.donetsk.salience", so
 * that every message about a scenario points the same way.
 */
#ifndef PARLEY_JSON_UTIL_H
#define PARLEY_JSON_UTIL_H

#include <stddef.h>

#include <jansson.h>

#include "core/internal.h"

/** Longest JSON path kept (longer ones are cut; they only appear in messages). */
#define PL_JSON_PATH_MAX 320

/** A JSON path, held by value so that `pli_json_key(path, "id").text` can be passed on. */
typedef struct pl_json_path {
    char text[PL_JSON_PATH_MAX];
} pl_json_path;

/** The path of member `key` of the value at `path` ("" is the document itself). */
pl_json_path pli_json_key(const char *path, const char *key);

/** The path of element `index` of the array at `path`. */
pl_json_path pli_json_index(const char *path, size_t index);

/** Fill `diag` with "PATH: message" and return PL_ERR_INVALID. */
int pli_json_fail(pl_diag *diag, const char *path, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/** Fill `diag` with "out of memory" and return PL_ERR_NOMEM. */
int pli_json_out_of_memory(pl_diag *diag);

/**
 * Parse data[0..size) into `*root`: duplicate keys refused, integers read as
 * doubles. A syntax error is reported at the start of the wrong token with
 * what was expected there (pli_json_syntax), else at jansson's line and
 * column (1-based) with its message.
 */
int pli_json_load(const char *data, size_t size, json_t **root, pl_diag *diag);

/**
 * Scan JSON text for its first syntax error (json_syntax.c): PL_ERR_SYNTAX
 * with `diag` at the first character of the token that cannot come there,
 * and what was expected; PL_OK when the grammar finds no fault (invalid
 * UTF-8, duplicate names and numbers beyond a double are not looked at).
 */
int pli_json_syntax(const char *data, size_t size, pl_diag *diag);

/** Fail with "PATH: must be TYPE, not WHAT-IT-IS" (`expected` like "a number"). */
int pli_json_wrong_type(pl_diag *diag, const char *path, const json_t *value, const char *expected);

/**
 * Refuse any member of `object` not named in `fields` (NULL-terminated):
 * "actors[0].capabilty: unknown field (did you mean \"capability\"?)".
 * Misspelt optional fields would otherwise be ignored without a word.
 */
int pli_json_check_fields(const json_t *object, const char *path, const char *const *fields,
                          pl_diag *diag);

/*
 * Typed members of an object. `required` nonzero: an absent member fails with
 * "PATH.KEY: missing (required)". An absent optional member leaves `*out` as
 * it was (so the caller presets the default), except for strings and
 * containers, which give NULL.
 */
int pli_json_string_member(const json_t *object, const char *path, const char *key, int required,
                           const char **out, pl_diag *diag);
int pli_json_number_member(const json_t *object, const char *path, const char *key, int required,
                           double *out, pl_diag *diag);
int pli_json_bool_member(const json_t *object, const char *path, const char *key, int *out,
                         pl_diag *diag);
/** An integral number that fits an int. */
int pli_json_int_member(const json_t *object, const char *path, const char *key, int *out,
                        pl_diag *diag);
/** An array or object member (`type` JSON_ARRAY or JSON_OBJECT). */
int pli_json_container_member(const json_t *object, const char *path, const char *key,
                              json_type type, int required, json_t **out, pl_diag *diag);
/**
 * A string member that must be one of `names` (n of them); `*out` is its
 * index. Absent and optional: `*out` is left as it was.
 */
int pli_json_enum_member(const json_t *object, const char *path, const char *key,
                         const char *const *names, size_t n, int required, int *out, pl_diag *diag);

/** A value (not a member) that must be a number; `path` is its own path. */
int pli_json_number_value(const json_t *value, const char *path, double *out, pl_diag *diag);

/**
 * "Did you mean" hints: consider every candidate for a misspelt `word`; the
 * closest within two edits is offered.
 */
typedef struct pl_json_suggestion {
    const char *word;
    const char *best;
    size_t distance;
} pl_json_suggestion;

void pli_json_suggest_start(pl_json_suggestion *suggestion, const char *word);
void pli_json_suggest_consider(pl_json_suggestion *suggestion, const char *candidate);
/** " (did you mean \"x\"?)" in `buffer`, or "" when nothing is close. */
const char *pli_json_suggest_hint(const pl_json_suggestion *suggestion, char *buffer, size_t size);

/**
 * A JSON number for `x`: an integer when x is integral and |x| < 2^53 (so 90
 * is written "90", not "90.0"), else a real. NULL when x is not finite or on
 * allocation failure.
 */
json_t *pli_json_number(double x);

/** Nonzero when `s` is valid UTF-8 (JSON text must be; jansson refuses anything else). */
int pli_json_is_utf8(const char *s);

#endif
