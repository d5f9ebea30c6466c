/*
 * parley/io.h - readers and writers of scenario files.
 *
 * Every reader parses bytes the caller supplies (so the library does no file
 * I/O of its own beyond pl_read_file) into a new pl_scenario, validates it,
 * and on failure fills `diag` with the position (line and column, 1-based)
 * and a message. `source` names the input in diagnostics (usually its path).
 * Readers never print and never keep state between calls.
 */
#ifndef PARLEY_IO_H
#define PARLEY_IO_H

#include <stddef.h>

#include "parley/scenario.h"
#include "parley/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Input formats parley reads. */
typedef enum pl_format {
    PL_FORMAT_UNKNOWN = 0,
    PL_FORMAT_PARLEY_JSON,   /**< the native format, docs/scenario-format.md */
    PL_FORMAT_KTAB_CSV,      /**< KTAB spatial-model table */
    PL_FORMAT_KTAB_XML,      /**< KTAB spatial-model XML (smpSchema.xsd) */
    PL_FORMAT_STAKEHOLDER,   /**< one-issue table Actor,Capability,Position,Salience */
    PL_FORMAT_DECIDE         /**< Decide exchange-model file (#A/#P/#M/#D rows) */
} pl_format;

/** Short name of a format ("parley", "ktab-csv", ...). */
const char *pl_format_name(pl_format format);

/** Largest input file parley reads by default (bytes). */
#define PL_DEFAULT_MAX_INPUT_BYTES ((size_t)256 * 1024 * 1024)

/**
 * Read a whole file into a NUL-terminated buffer (freed with free()).
 * Refuses files larger than `max_bytes` with PL_ERR_LIMIT.
 */
int pl_read_file(const char *path, size_t max_bytes, char **data_out, size_t *size_out,
                 pl_diag *diag);

/**
 * Recognise the format of a file from its content (and, where content alone
 * is ambiguous, its name). Never fails: PL_FORMAT_UNKNOWN when nothing fits.
 */
pl_format pl_detect_format(const char *source, const char *data, size_t size);

/** Parse `data` in the given format (PL_FORMAT_UNKNOWN: detect it). */
int pl_read_scenario(pl_format format, const char *source, const char *data, size_t size,
                     pl_scenario **out, pl_diag *diag);

/** Read and parse a file, detecting its format. */
int pl_load_scenario(const char *path, pl_scenario **out, pl_diag *diag);

/* The individual readers (same contract as pl_read_scenario). */
int pl_read_parley_json(const char *source, const char *data, size_t size, pl_scenario **out,
                        pl_diag *diag);
int pl_read_ktab_csv(const char *source, const char *data, size_t size, pl_scenario **out,
                     pl_diag *diag);
int pl_read_ktab_xml(const char *source, const char *data, size_t size, pl_scenario **out,
                     pl_diag *diag);
int pl_read_stakeholder_csv(const char *source, const char *data, size_t size,
                            pl_scenario **out, pl_diag *diag);
int pl_read_decide(const char *source, const char *data, size_t size, pl_scenario **out,
                   pl_diag *diag);

/**
 * Write a scenario in the native JSON format into a new NUL-terminated
 * buffer (freed with free()). The output reads back to an equal scenario.
 */
int pl_write_parley_json(const pl_scenario *scenario, char **text_out, pl_diag *diag);

/**
 * Write `size` bytes to `path` atomically: into a temporary file in the same
 * directory, flushed, then renamed over `path`. On failure `path` is left as
 * it was and the temporary file is removed.
 */
int pl_write_file_atomic(const char *path, const char *data, size_t size, pl_diag *diag);

#ifdef __cplusplus
}
#endif

#endif
