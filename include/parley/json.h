/*
 * parley/json.h - JSON text in parley's layout: the text of every `parley
 * COMMAND --json` document and of the native scenario format.
 *
 * A document is built with jansson (a `json_t`, which this header only names)
 * and written here: laid out exactly as jansson's json_dumps() lays it out
 * with JSON_INDENT(indent) and JSON_PRESERVE_ORDER (indent 0: one line, ", "
 * and ": " between items), strings escaped as jansson escapes them, but every
 * real in the shortest form that reads back to the same double
 * (pl_format_json_real(): "0.35", not jansson's "0.34999999999999998"; ".0"
 * kept on whole values; null for NaN and infinities). Integers are written as
 * integers.
 *
 * A writer is filled item by item (an item is a value, or a key and then its
 * value); large tables of reals can be written without a jansson node per
 * number (pl_json_writer_rows), formatted on a thread pool with a text that
 * does not depend on the number of threads. With a sink the text is passed on
 * in pieces as it grows instead of being kept whole. Errors (out of memory, a
 * failing sink) are kept and reported once, by pl_json_writer_finish.
 */
#ifndef PARLEY_JSON_H
#define PARLEY_JSON_H

#include <stddef.h>

#include "parley/export.h"
#include "parley/status.h"
#include "parley/threads.h"

#ifdef __cplusplus
extern "C" {
#endif

/* jansson's value type (jansson.h: typedef struct json_t json_t). */
struct json_t;

/**
 * Where the text goes: called with successive pieces of it, in order. Returns
 * 0, or nonzero (an errno value, say) to stop the writer: nothing more is
 * passed on and pl_json_writer_finish returns PL_ERR_IO.
 */
typedef int (*pl_json_sink)(void *payload, const char *text, size_t size);

#define PL_JSON_OPTIONS_VERSION 1u

/** How a writer lays out its text and where it goes. */
typedef struct pl_json_options {
    unsigned version;   /**< PL_JSON_OPTIONS_VERSION */
    int indent;         /**< spaces per level, 0-32 (0: one line); default 2, as parley */
    pl_json_sink sink;  /**< NULL: keep the whole text for pl_json_writer_finish */
    void *sink_payload; /**< passed to `sink` */
} pl_json_options;

#define PL_JSON_OPTIONS_INIT {PL_JSON_OPTIONS_VERSION, 2, NULL, NULL}

/** Fill `options` with PL_JSON_OPTIONS_INIT. */
PL_API void pl_json_options_init(pl_json_options *options);

typedef struct pl_json_writer pl_json_writer;

/**
 * A new writer (free it with pl_json_writer_free). PL_ERR_ARGUMENT for an
 * unknown options version or an indent outside 0-32; `options` NULL means
 * PL_JSON_OPTIONS_INIT.
 */
PL_API int pl_json_writer_new(const pl_json_options *options, pl_json_writer **out,
                              pl_diag *diag);
/** Release a writer and any text it still holds; NULL is accepted. */
PL_API void pl_json_writer_free(pl_json_writer *writer);

/** Begin ('{' or '[') and end ('}' or ']') an object or an array. */
PL_API void pl_json_writer_open(pl_json_writer *writer, char bracket);
PL_API void pl_json_writer_close(pl_json_writer *writer, char bracket);
/** A member's key (UTF-8); its value is the next item. */
PL_API void pl_json_writer_key(pl_json_writer *writer, const char *key);
/** A real number, as pl_format_json_real writes it. */
PL_API void pl_json_writer_real(pl_json_writer *writer, double value);
/** Any jansson value, containers with everything in them, members in their order. */
PL_API void pl_json_writer_value(pl_json_writer *writer, const struct json_t *value);
/** The members of a jansson object, in its order, into the object being written. */
PL_API void pl_json_writer_members(pl_json_writer *writer, const struct json_t *object);
/**
 * An array of `rows` arrays of `columns` reals (row-major `values`), formatted
 * in blocks on `pool` (NULL: this thread) into buffers taken before any of it
 * is written; the text is the same whatever the number of threads.
 */
PL_API void pl_json_writer_rows(pl_json_writer *writer, const double *values, size_t rows,
                                size_t columns, pl_pool *pool);

/**
 * End the text: without a sink, `*text` is the whole text, NUL-terminated
 * (freed with free(), as pl_write_parley_json's), and `*size` (if not NULL)
 * its length; with a sink, the rest is passed on and `*text` is NULL. Nothing
 * is added (no final newline). PL_ERR_NOMEM when memory ran out on the way,
 * PL_ERR_IO when the sink failed. `text` may be NULL with a sink.
 */
PL_API int pl_json_writer_finish(pl_json_writer *writer, char **text, size_t *size,
                                 pl_diag *diag);

/**
 * The text of a whole document in one call (a writer, pl_json_writer_value
 * and pl_json_writer_finish); `options` NULL means PL_JSON_OPTIONS_INIT.
 */
PL_API int pl_json_dump(const struct json_t *document, const pl_json_options *options,
                        char **text, size_t *size, pl_diag *diag);

#ifdef __cplusplus
}
#endif

#endif
