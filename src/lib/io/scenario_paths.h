/*
 * scenario_paths.h - what pl_scenario_set (scenario_set.c) and
 * pl_scenario_diff (scenario_diff.c) share: the path syntax of parley/paths.h
 * and growing path texts; not installed. Both work on the native document as
 * a tree (pli_parley_json_tree, io/io_internal.h).
 */
#ifndef PARLEY_SCENARIO_PATHS_H
#define PARLEY_SCENARIO_PATHS_H

#include "io/io_internal.h"
#include "io/parse/json_util.h"

/** A path split into its steps (ids, keys or indices, unquoted). */
typedef struct pli_path {
    size_t n_steps;
    char **steps;
} pli_path;

/**
 * Split path text[0..length) into steps: dots between them, a step in double
 * quotes may hold anything ('\"' and '\\' escaped). An empty path or step, an
 * unterminated quote or text after a closing quote fails (PL_ERR_INVALID,
 * "PATH: ..."). Free with pli_path_free even on failure.
 */
int pli_path_parse(const char *text, size_t length, pli_path *out, pl_diag *diag);
void pli_path_free(pli_path *path);

/** A growing NUL-terminated text (a path being built); `data` NULL after a failed growth. */
typedef struct pli_text {
    char *data;
    size_t length, capacity;
    int failed;
} pli_text;

/** Append step `step` to the path in `text`, a dot before it unless first, quoted when
 *  it needs quotes. Returns the length before, for pli_text_cut(). */
size_t pli_text_add_step(pli_text *text, const char *step);
/** Append raw characters. */
void pli_text_add(pli_text *text, const char *chars, size_t n);
/** Cut back to `length` characters. */
void pli_text_cut(pli_text *text, size_t length);
void pli_text_free(pli_text *text);

/** The path text of the first `n` steps of `path` (freed with pli_free), NULL on no memory. */
char *pli_path_text(const pli_path *path, size_t n);

/**
 * The singular noun of the elements of an array member named `key` whose
 * elements are named by their "id" ("actors" -> "actor"), or NULL when the
 * format names that array's elements by index.
 */
const char *pli_path_id_noun(const char *key);

/** Index of the element of id array `array` whose "id" is `id`, or -1. */
long pli_path_find_id(const json_t *array, const char *id);

#endif
