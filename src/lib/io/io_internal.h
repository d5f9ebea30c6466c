/*
 * io_internal.h - what the files of io/ share beyond parley/io.h; not installed.
 * The helpers of every reader are in io/parse/, those of the GENIUS readers in
 * io/genius/genius.h.
 */
#ifndef PARLEY_IO_INTERNAL_H
#define PARLEY_IO_INTERNAL_H

#include "core/internal.h"

/** Nonzero when `name` names a column of a stakeholder table (any accepted synonym, any case). */
int pli_stakeholder_column_name(const char *name);

/*
 * The native format as a jansson tree, without its text (pl_scenario_set and
 * pl_scenario_diff edit and compare documents thousands of times in a sweep;
 * parsing the text was most of their time). The tree of a valid scenario,
 * as pl_write_parley_json writes it (whole numbers as integers); and a
 * scenario read from a tree exactly as pl_read_parley_json reads a text's.
 */
struct json_t;
int pli_parley_json_tree(const pl_scenario *scenario, struct json_t **out, pl_diag *diag);
int pli_read_parley_json_tree(const char *source, const struct json_t *root, pl_scenario **out,
                              pl_diag *diag);
/** pl_load_scenario_files(), collecting the errors of long-format tables in `list` (may be NULL). */
int pli_load_scenario_files(const char *const *paths, size_t n, pl_scenario **out, pl_diag *diag,
                            pl_diag_list *list);

/** Nonzero when `path` names a folder. */
int pli_is_folder(const char *path);

/**
 * The scenario a folder holds: its long-format tables (files ending .csv,
 * .tsv or .txt), recognised by their headers (load_folder.c). With `list`,
 * every error is collected there too.
 */
int pli_load_folder(const char *path, pl_scenario **out, pl_diag *diag, pl_diag_list *list);

/**
 * Read files and hand them to pl_read_long_tables(); errors as there. The
 * files are `paths[0..n-1]`.
 */
int pli_load_tables(const char *const *paths, size_t n, pl_scenario **out, pl_diag *diag,
                    pl_diag_list *list);

#endif
