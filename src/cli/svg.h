/*
 * svg.h - a small writer for the SVG charts and HTML of parley's reports.
 *
 * Text is appended to a growable buffer. Numbers are written by parley itself
 * (fixed decimals from integer arithmetic, trailing zeros dropped), never by
 * printf's %f, so the bytes do not depend on the locale or the C library:
 * the same inputs give the same file, which the golden tests rely on. Text
 * is XML-escaped and kept as text (no outlines), so charts stay searchable
 * and accessible.
 *
 * A failed allocation sets `failed` and turns later appends into no-ops; the
 * caller checks it once at the end. The buffer is the CLI's one growable
 * text: the CSV export and the JSON writer (cli_json.c) keep theirs in it too.
 */
#ifndef PARLEY_CLI_SVG_H
#define PARLEY_CLI_SVG_H

#include <stdarg.h>
#include <stddef.h>

typedef struct cli_svg {
    char *data;       /**< NUL-terminated text, owned */
    size_t size;      /**< bytes written, without the NUL */
    size_t capacity;
    int failed;       /**< nonzero after a failed allocation */
} cli_svg;

/** An empty buffer. */
void cli_svg_init(cli_svg *svg);

/** Free the buffer's text and reset it. */
void cli_svg_free(cli_svg *svg);

/** Room for `more` bytes and the NUL; 0 (and `failed` set) when memory runs out. */
int cli_svg_reserve(cli_svg *svg, size_t more);

/** Append `size` bytes as they are. */
void cli_svg_raw_n(cli_svg *svg, const char *text, size_t size);

/** Append a string as it is. */
void cli_svg_raw(cli_svg *svg, const char *text);

/**
 * Append XML-escaped text (& < > " ' become entities; control characters
 * other than tab and newline are dropped; "://" is written "&#58;//" so that
 * no URL appears in a report's bytes, while a reader still sees it).
 */
void cli_svg_text(cli_svg *svg, const char *text);

/** Append a number with at most `decimals` (0-6) decimals, trailing zeros dropped. */
void cli_svg_number(cli_svg *svg, double value, int decimals);

/**
 * Append formatted text. Directives: %n a double with 2 decimals at most,
 * %p a double with 1 decimal at most, %d an int, %z a size_t, %s escaped
 * text (cli_svg_text), %r a raw string, %% a percent sign. Nothing else.
 */
void cli_svg_put(cli_svg *svg, const char *format, ...);
void cli_svg_vput(cli_svg *svg, const char *format, va_list args);

/** Format a number into `buffer` as cli_svg_number() does; returns `buffer`. */
const char *cli_format_number(double value, int decimals, char *buffer, size_t size);

/** Take the buffer's text (NULL after a failure); the buffer is left empty. */
char *cli_svg_take(cli_svg *svg, size_t *size_out);

#endif
