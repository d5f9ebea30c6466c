/*
 * output.h - the one way the parley CLI writes files (docs/robustness.md,
 * "Writing files").
 *
 * A command gathers everything it writes (the report, the SVGs, the CSVs of
 * one run) in a cli_outputs set and commits the set once: either every file
 * is written or none is. For each path:
 *  - a regular file (or a new one) is written to a temporary file beside its
 *    target, flushed, then renamed over it; an existing file keeps its mode
 *    (and, for root, its owner); a new file gets 0666 less the umask;
 *  - a symbolic link is followed to its final target, which is replaced; the
 *    link itself stays;
 *  - a device node, FIFO or socket, `-` (stdout), /dev/stdout, /dev/stderr
 *    and /dev/fd/N are written in place: opened, streamed, never renamed;
 *  - a directory is refused.
 * Temporary files are registered so that SIGINT, SIGTERM and SIGHUP remove
 * them before parley exits with 128 + the signal's number.
 */
#ifndef PARLEY_CLI_OUTPUT_H
#define PARLEY_CLI_OUTPUT_H

#include <stddef.h>

#include "parley/parley.h"

typedef struct cli_output_file {
    char *path;   /* as the user named it (DIR/NAME for files in a directory) */
    char *data;   /* owned */
    size_t size;
} cli_output_file;

/** A set of files committed together. Zero-initialise, or cli_outputs_init. */
typedef struct cli_outputs {
    cli_output_file *files;
    size_t n, capacity;
    char **dirs;  /* directories to create (one level) before writing */
    size_t n_dirs;
    int failed;   /* an allocation failed while adding: the commit refuses */
} cli_outputs;

void cli_outputs_init(cli_outputs *set);
/** Add a copy of `size` bytes to be written to `path`. */
void cli_outputs_add(cli_outputs *set, const char *path, const char *data, size_t size);
/** Add `data` (malloc'd; the set frees it, also when adding fails). */
void cli_outputs_take(cli_outputs *set, const char *path, char *data, size_t size);
/** Create directory `dir` (one level) at commit time when it does not exist. */
void cli_outputs_add_directory(cli_outputs *set, const char *dir);
/** Add DIR/NAME, creating DIR at commit time when it does not exist. */
void cli_outputs_add_in(cli_outputs *set, const char *dir, const char *name, const char *data,
                        size_t size);
/**
 * Write every file, or none: PL_OK, PL_ERR_NOMEM or PL_ERR_IO with `diag`
 * naming the path that failed. Frees nothing; call cli_outputs_free after.
 */
int cli_outputs_commit(cli_outputs *set, pl_diag *diag);
void cli_outputs_free(cli_outputs *set);

/** A set of one file: commit `size` bytes to `path`. */
int cli_output_write(const char *path, const char *data, size_t size, pl_diag *diag);

/** Install the signal handlers that remove temporary files (once, from main). */
void cli_output_signals(void);
/** Free the bookkeeping of temporary files (at exit). */
void cli_output_cleanup(void);

#endif
