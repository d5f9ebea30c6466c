/*
 * sweep_output.h - where `parley sweep` writes its rows: a CSV file or an
 * SQLite database (table `results`), chosen by the extension; resumable
 * (docs/sweep.md, "Resuming").
 */
#ifndef PARLEY_CLI_SWEEP_OUTPUT_H
#define PARLEY_CLI_SWEEP_OUTPUT_H

#include <stddef.h>

typedef struct sweep_output sweep_output;

/** The text a row of point `point` starts with ("point,value,..."), into buffer. */
typedef void (*sweep_row_prefix)(size_t point, char *buffer, size_t size, void *payload);

/**
 * Open `path` (".csv" or ".sqlite") for a sweep of `n_points` points with these
 * columns. A new or empty output gets its header (CSV) or schema (SQLite). An
 * existing one must have been written by the same sweep: the same columns, the
 * same `parameters` (SQLite keeps them in table `sweep`), and rows whose point
 * and varied values are those of this sweep (`prefix`); its points are marked
 * in done[point]. A CSV ending in a partial line (a killed run) is cut back to
 * its last whole line. Prints the error and returns EXIT_BAD_INPUT (not the
 * same sweep) or EXIT_INTERNAL (unwritable); writes nothing then.
 */
int sweep_output_open(const char *path, const char *const *columns, size_t n_columns,
                      const char *parameters, size_t n_points, sweep_row_prefix prefix,
                      void *payload, unsigned char *done, sweep_output **out);

/** Append one row (comma-separated, no line end). 0, or nonzero on a write error. */
int sweep_output_row(sweep_output *output, const char *row);

/** Commit and close; 0, or nonzero (with a message) on a write error. NULL does nothing. */
int sweep_output_close(sweep_output *output);

#endif
