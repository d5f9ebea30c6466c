/*
 * decide_tokens.h - lines, rows and fields of Decide exchange-model files
 * (docs/specs/exchange.md section 1); used by decide_reader.c only.
 *
 * A row is one line; a tab always ends a field, and a field may be wrapped
 * in single quotes, which are stripped. Fields point into the caller's
 * buffer: nothing here allocates except pli_decide_join().
 */
#ifndef PARLEY_DECIDE_TOKENS_H
#define PARLEY_DECIDE_TOKENS_H

#include <stddef.h>

#include "core/internal.h"

/** Most fields a row may have, its tag included. */
#define PL_DECIDE_MAX_FIELDS 64

/** What a row is, from its first field. */
typedef enum pl_decide_tag {
    PL_DECIDE_BLANK = 0, /**< only blanks: ignored */
    PL_DECIDE_COMMENT,   /**< #/ or #O: ignored */
    PL_DECIDE_ACTOR,     /**< #A id, full name, comment */
    PL_DECIDE_ISSUE,     /**< #P id, name, description */
    PL_DECIDE_SCALE,     /**< #M issue id, value, description */
    PL_DECIDE_DATA       /**< #D actor id, issue id, position, salience, power, comment */
} pl_decide_tag;

/** One field, without its quotes and surrounding spaces; not NUL-terminated. */
typedef struct pl_decide_field {
    const char *text;
    size_t length;
    int column;          /**< 1-based column of the field (of its opening quote, if any) */
} pl_decide_field;

/** A parsed row. `fields` holds the fields after the tag. */
typedef struct pl_decide_row {
    const char *start;   /**< the line, inside the input */
    size_t length;       /**< bytes in the line, without its end */
    int line;            /**< 1-based */
    pl_decide_tag tag;
    size_t n_fields;
    pl_decide_field fields[PL_DECIDE_MAX_FIELDS - 1];
} pl_decide_row;

/** Walks the lines of an input. */
typedef struct pl_decide_cursor {
    const char *data;
    size_t size;
    size_t offset;
    int line;
} pl_decide_cursor;

/** Start at the beginning of `data` (after a UTF-8 byte-order mark, if any). */
void pli_decide_cursor_init(pl_decide_cursor *cursor, const char *data, size_t size);

/**
 * The next line (without "\n", "\r\n" or "\r"): returns 1 and fills the
 * outputs, or 0 at the end of the input.
 */
int pli_decide_next_line(pl_decide_cursor *cursor, const char **start, size_t *length,
                         int *line);

/**
 * Parse one line into `row`. Returns PL_OK, or PL_ERR_SYNTAX with `diag`
 * filled for an unknown tag, too few or too many fields, an unterminated
 * quote, a control character or bytes that are not UTF-8. Blank and comment
 * rows are never checked further.
 */
int pli_decide_parse_row(const char *start, size_t length, int line, pl_decide_row *row,
                         pl_diag *diag);

/**
 * The next row that is neither blank nor a comment: 1 when `row` is filled,
 * 0 at the end of the input, a negative status (with `diag`) on a syntax error.
 */
int pli_decide_next_row(pl_decide_cursor *cursor, pl_decide_row *row, pl_diag *diag);

/**
 * Fields `first`.. of the row joined by single spaces, empty ones skipped, as
 * a new string ("" when there are none); NULL when out of memory. Decide
 * itself folds extra fields into a row's last text field this way.
 */
char *pli_decide_join(const pl_decide_row *row, size_t first);

/** Parse a field as a plain decimal number; 0 on success, -1 otherwise. */
int pli_decide_number(const pl_decide_field *field, double *out);

/** How many bytes of a text to quote in a message (at most 40, whole characters). */
int pli_decide_shown(const char *text, size_t length);

/** Compare a field's text with (text, length) as memcmp does. */
int pli_decide_compare(const char *a, size_t a_length, const char *b, size_t b_length);

#endif
