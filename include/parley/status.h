/*
 * parley/status.h - status codes and diagnostics.
 *
 * Every fallible libparley call returns an int status: PL_OK (0) on success, a
 * negative pl_status on failure. Calls that read user input also take an
 * optional pl_diag *, which they fill with where and why the input is wrong.
 * The library never prints: the caller decides how to show a diagnostic (the
 * parley CLI prints "FILE:LINE:COL: error: MESSAGE").
 */
#ifndef PARLEY_STATUS_H
#define PARLEY_STATUS_H

#include <stddef.h>

#include "parley/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Status codes returned by libparley calls. */
typedef enum pl_status {
    PL_OK = 0,
    PL_ERR_NOMEM = -1,       /**< an allocation failed */
    PL_ERR_IO = -2,          /**< a file could not be read or written */
    PL_ERR_SYNTAX = -3,      /**< the input is not well-formed (JSON, CSV, XML) */
    PL_ERR_INVALID = -4,     /**< the input is well-formed but inconsistent */
    PL_ERR_UNSUPPORTED = -5, /**< the input asks for something parley cannot do */
    PL_ERR_LIMIT = -6,       /**< the input exceeds a configured limit */
    PL_ERR_ARGUMENT = -7,    /**< a caller passed a bad argument (a programming error) */
    PL_ERR_NOT_FOUND = -8,   /**< a named thing (proposal, actor, issue) does not exist */
    PL_ERR_CANCELLED = -9,   /**< a progress callback asked to stop (parley/progress.h) */
    PL_ERR_CALLBACK = -10    /**< a caller's negotiator callback failed (parley/simulate.h) */
} pl_status;

/** Longest message kept in a diagnostic, including the terminating NUL. */
#define PL_DIAG_MESSAGE_MAX 512
/** Longest source name kept in a diagnostic, including the terminating NUL. */
#define PL_DIAG_SOURCE_MAX 1024

/**
 * Where and why an input was refused.
 *
 * `source` is the name the caller gave for the input (usually its path).
 * `line` and `column` are 1-based; both are 0 when no position applies (a
 * semantic error, reported with a JSON-path style location at the start of
 * `message`, such as "actors[2].capability: must be positive").
 */
typedef struct pl_diag {
    int status;
    char source[PL_DIAG_SOURCE_MAX];
    int line;
    int column;
    char message[PL_DIAG_MESSAGE_MAX];
} pl_diag;

/** A short English description of a status code; never NULL. */
PL_API const char *pl_strerror(int status);

/** Reset a diagnostic to "no error". `diag` may be NULL. */
PL_API void pl_diag_clear(pl_diag *diag);

/**
 * Fill `diag` (may be NULL) with a status, position and printf-style message,
 * and return `status`, so that readers can write `return pl_diag_set(...)`.
 * The source name is kept as it is.
 */
PL_API int pl_diag_set(pl_diag *diag, int status, int line, int column, const char *format, ...)
       #if defined(__GNUC__)
           __attribute__((format(printf, 5, 6)))
       #endif
           ;

/** Set the source name of `diag` (may be NULL); `source` may be NULL. */
PL_API void pl_diag_set_source(pl_diag *diag, const char *source);

/**
 * Several diagnostics, in the order found (pl_check_scenario(), parley/io.h):
 * `items[0..count-1]`, at most `limit` of them (0 = no limit). Start from
 * PL_DIAG_LIST_INIT; free with pl_diag_list_free().
 */
typedef struct pl_diag_list {
    pl_diag *items;
    size_t count;
    size_t capacity;
    size_t limit;
} pl_diag_list;

/** An empty list that keeps up to 100 diagnostics (what `parley validate` reports). */
#define PL_DIAG_LIST_INIT {NULL, 0, 0, 100}

/** Free the items and empty the list (its limit is kept); NULL does nothing. */
PL_API void pl_diag_list_free(pl_diag_list *list);

#ifdef __cplusplus
}
#endif

#endif
