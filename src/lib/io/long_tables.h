/*
 * long_tables.h - what the two files of the long-format reader share
 * (long_columns.c: column names and table kinds; long_tables.c: reading);
 * not installed.
 */
#ifndef PARLEY_LONG_TABLES_H
#define PARLEY_LONG_TABLES_H

#include "io/parse/csv.h"
#include "core/internal.h"

/** The three tables. */
enum { LT_TABLE_LONG, LT_TABLE_ISSUES, LT_TABLE_ACTORS };

/** Every column any of them reads. */
enum {
    LT_ACTOR, LT_ISSUE, LT_POSITION, LT_SALIENCE, LT_CAPABILITY, LT_LOW, LT_HIGH, LT_OUTCOME,
    LT_REFERENCE, LT_NAME, LT_DESCRIPTION, LT_RESERVATION, LT_VETO, LT_N_COLUMNS
};

/** The column `name` names (any accepted synonym, any case), or -1. */
int pli_lt_column(const char *name);

/** The canonical name of a column ("Capability"). */
const char *pli_lt_column_name(int column);

/** Nonzero when table kind `table` reads column `column` (else the column is a note). */
int pli_lt_reads(int table, int column);

/** The kind of table whose header row this is (LT_TABLE_*), or -1. */
int pli_lt_kind(const pl_csv_row *header);

/** The format of a buffer that is one of the three tables, else PL_FORMAT_UNKNOWN. */
pl_format pli_lt_detect(const char *data, size_t size);

#endif
