/*
 * csv.h - the small CSV tokenizer and name set shared by the table readers
 * (KTAB spatial-model tables and one-issue stakeholder tables); not installed.
 *
 * Syntax (docs/specs/ktab-smp.md section 1): fields are separated by commas; a
 * field that starts with `"` may contain commas and loses its quotes (`""`
 * inside stands for one quote); lines end in LF or CRLF; a UTF-8 byte-order
 * mark at the start is skipped. Fields are trimmed of blanks (space, tab).
 * Positions are 1-based lines and 1-based columns counted in characters
 * (UTF-8 code points), the byte-order mark not counted.
 */
#ifndef PARLEY_CSV_H
#define PARLEY_CSV_H

#include <stddef.h>

#include "parley/status.h"

/** Walks the lines of a buffer; never reads past `size`. */
typedef struct pl_csv_cursor {
    const char *data;
    size_t size;
    size_t offset;  /**< where the next line starts */
    int line;       /**< number of the line returned last (0 before the first) */
} pl_csv_cursor;

/** One line, without its line end; points into the cursor's buffer. */
typedef struct pl_csv_line {
    const char *text;
    size_t length;
    int number;     /**< 1-based */
} pl_csv_line;

/** One field of a split line. */
typedef struct pl_csv_field {
    const char *text; /**< trimmed, unquoted, NUL-terminated; owned by the row */
    int column;       /**< 1-based column of its first character (the quote if quoted) */
} pl_csv_field;

/** The fields of one line; reused from line to line (pointers valid until the next split). */
typedef struct pl_csv_row {
    size_t count;
    pl_csv_field *fields;
    int line;         /**< the line's number */
    int end_column;   /**< column just past the last character of the line */
    int truncated;    /**< nonzero when the split stopped at max_fields before the line's end */
    size_t capacity;
    char *buffer;
    size_t buffer_capacity;
} pl_csv_row;

/** Start reading `data` (`size` bytes, need not be NUL-terminated); skips a UTF-8 BOM. */
void pli_csv_begin(pl_csv_cursor *cursor, const char *data, size_t size);

/** The next line: 1 and `*line` filled, or 0 at the end of the buffer. */
int pli_csv_next_line(pl_csv_cursor *cursor, pl_csv_line *line);

/** Nonzero when the line holds nothing but blanks. */
int pli_csv_line_is_blank(const pl_csv_line *line);

/**
 * Split `line` into at most `max_fields` fields (later ones are not looked
 * at). PL_ERR_SYNTAX with the position for an unterminated quote, text after
 * a closing quote, a NUL byte, a lone carriage return or invalid UTF-8.
 */
int pli_csv_split(const pl_csv_line *line, size_t max_fields, pl_csv_row *row, pl_diag *diag);

/** pli_csv_split() with another separator than the comma (';' or '\t'). */
int pli_csv_split_with(const pl_csv_line *line, char separator, size_t max_fields,
                       pl_csv_row *row, pl_diag *diag);

/** The separator of a table: ',', ';' or '\t', whichever its first line uses most (see csv.c). */
char pli_csv_separator(const char *data, size_t size);

/**
 * A cell as a number, possibly followed by `%` (`*percent` set; the number is
 * returned as written). Where `;` or tab separates the fields, a decimal
 * comma is read as a point (spreadsheets in most of Europe write 0,8).
 * Returns 0, or -1 when the cell is not a number.
 */
int pli_csv_number(const char *text, char separator, double *out, int *percent);

/** Free what a row holds (not the row itself). */
void pli_csv_row_free(pl_csv_row *row);

/** 1-based column of byte `offset` of a line starting at `text`. */
int pli_csv_column(const char *text, size_t offset);

/** Offset of the first byte of `text` (`length` bytes) that is not valid UTF-8, or `length`. */
size_t pli_utf8_invalid_offset(const char *text, size_t length);

/**
 * The name of an input without directory and extension: "x/emission.csv"
 * gives "emission". A new string (NULL when out of memory); "" for NULL.
 */
char *pli_source_stem(const char *source);

/** A hash set of names (actor or issue ids) with the line each came from. */
typedef struct pl_name_set {
    size_t capacity;  /**< a power of two, or 0 */
    size_t count;
    const char **names; /**< borrowed: the strings must outlive the set */
    size_t *indices;
    int *lines;
} pl_name_set;

/**
 * Add `name` (borrowed) with its index and line. Returns 1 when added, 0 when
 * the name is already present (`*earlier_line` and `*earlier_index`, either
 * may be NULL, tell where), PL_ERR_NOMEM when out of memory.
 */
int pli_name_set_add(pl_name_set *set, const char *name, size_t index, int line,
                     int *earlier_line, size_t *earlier_index);

/** Index stored with `name`: PL_OK, or PL_ERR_NOT_FOUND. */
int pli_name_set_find(const pl_name_set *set, const char *name, size_t *index_out);

/**
 * The id for item `k` (0-based) labelled `label`: the label itself unless it
 * is empty, "*", holds a control character or is already in `taken`; otherwise
 * "<prefix><k+1>" written to `buffer` (made unique with "-2", "-3", ...).
 */
const char *pli_pick_id(const pl_name_set *taken, const char *label, const char *prefix,
                        size_t k, char *buffer, size_t size);

/** Nonzero when `text` holds a control character (below 0x20, or 0x7f). */
int pli_has_control_character(const char *text);

/** Free what the set holds (not the names). */
void pli_name_set_free(pl_name_set *set);

#endif
