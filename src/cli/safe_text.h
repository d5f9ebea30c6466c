/*
 * safe_text.h - text from input files (names, ids, notes) made harmless for
 * a terminal, an HTML page or an SVG chart (docs/robustness.md, "Hostile
 * names"): control characters and unpaired bidirectional controls are shown
 * as \xHH and \uXXXX instead of acting.
 */
#ifndef PARLEY_CLI_SAFE_TEXT_H
#define PARLEY_CLI_SAFE_TEXT_H

#include <stddef.h>
#include <stdio.h>

typedef void (*cli_text_sink)(void *payload, const char *text, size_t size);

/**
 * Pass `size` bytes of `text` to `sink` in pieces, with C0 controls (but
 * tab and newline when `keep_line_ends`), DEL and the C1 controls written
 * \xHH / \u00HH, and bidi embeddings, overrides and isolates that are not
 * closed on their line (or closers that close nothing) written \u202e etc.
 * Without `keep_line_ends` the whole text is one line.
 */
void cli_safe_text(const char *text, size_t size, int keep_line_ends, cli_text_sink sink,
                   void *payload);

/** Nonzero when `text` holds nothing cli_safe_text could change (a quick test). */
int cli_text_is_safe(const char *text, size_t size);

/** cli_safe_text of a whole string (line ends kept) to a stream. */
void cli_safe_fputs(const char *text, FILE *out);

#endif
