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

#endif
