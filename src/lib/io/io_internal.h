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

#endif
