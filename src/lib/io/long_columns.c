/*
 * long_columns.c - the column names of the long-format tables and how a
 * table's header tells which of the three it is (docs/formats.md
 * "Long-format tables"; docs/cli-contract.md "Authoring").
 *
 * The long layout is the "tidy" one of Wickham (2014, J. Stat. Softw. 59(10)):
 * one row per observation (an actor's stance on one issue), one column per
 * variable, which is how R and pandas users keep such data; the issues and
 * actors tables are the tidy tables of the other two observational units.
 */
#include <string.h>

#include "io/long_tables.h"

/* Accepted names of each column, any case; the first is the canonical one. The
 * stakeholder-table synonyms (stakeholder_reader.c) are accepted here too. */
static const char *const names[LT_N_COLUMNS][7] = {
    [LT_ACTOR] = {"Actor", "Stakeholder", "Party", NULL},
    [LT_ISSUE] = {"Issue", "Dimension", NULL},
    [LT_POSITION] = {"Position", NULL},
    [LT_SALIENCE] = {"Salience", NULL},
    [LT_CAPABILITY] = {"Capability", "Clout", "Resources", "Influence", "Power", NULL},
    [LT_LOW] = {"Low", "Min", "Minimum", NULL},
    [LT_HIGH] = {"High", "Max", "Maximum", NULL},
    [LT_OUTCOME] = {"Outcome", NULL},
    [LT_REFERENCE] = {"Reference", "Status quo", "SQ", NULL},
    [LT_NAME] = {"Name", NULL},
    [LT_DESCRIPTION] = {"Description", NULL},
    [LT_RESERVATION] = {"Reservation", NULL},
    [LT_VETO] = {"Veto", NULL},
};

/* The columns each table reads; the others are kept as notes. */
static const int reads[3][LT_N_COLUMNS] = {
    [LT_TABLE_LONG] = {[LT_ACTOR] = 1, [LT_ISSUE] = 1, [LT_POSITION] = 1, [LT_SALIENCE] = 1,
                       [LT_CAPABILITY] = 1},
    [LT_TABLE_ISSUES] = {[LT_ISSUE] = 1, [LT_LOW] = 1, [LT_HIGH] = 1, [LT_OUTCOME] = 1,
                         [LT_REFERENCE] = 1, [LT_NAME] = 1, [LT_DESCRIPTION] = 1},
    [LT_TABLE_ACTORS] = {[LT_ACTOR] = 1, [LT_CAPABILITY] = 1, [LT_RESERVATION] = 1,
                         [LT_VETO] = 1, [LT_NAME] = 1, [LT_DESCRIPTION] = 1},
};

int pli_lt_column(const char *name)
{
    for (int c = 0; c < LT_N_COLUMNS; c++)
        for (int k = 0; names[c][k] != NULL; k++)
            if (pli_same_name(name, names[c][k]))
                return c;
    return -1;
}

const char *pli_lt_column_name(int column)
{
    return names[column][0];
}

int pli_lt_reads(int table, int column)
{
    return column >= 0 && reads[table][column];
}

/*
 * The long table names an actor, an issue, a position and a salience; the
 * issues table an issue and its range, and no actor; the actors table an
 * actor and a capability, and neither issue nor position (a stakeholder
 * table, Actor,Capability,Position,Salience, is not one).
 */
int pli_lt_kind(const pl_csv_row *header)
{
    int seen[LT_N_COLUMNS] = {0};
    for (size_t k = 0; k < header->count; k++) {
        int c = pli_lt_column(header->fields[k].text);
        if (c >= 0)
            seen[c] = 1;
    }
    if (seen[LT_ACTOR] && seen[LT_ISSUE] && seen[LT_POSITION] && seen[LT_SALIENCE])
        return LT_TABLE_LONG;
    if (seen[LT_ISSUE] && seen[LT_LOW] && seen[LT_HIGH] && !seen[LT_ACTOR])
        return LT_TABLE_ISSUES;
    if (seen[LT_ACTOR] && seen[LT_CAPABILITY] && !seen[LT_ISSUE] && !seen[LT_POSITION] &&
        !seen[LT_SALIENCE])
        return LT_TABLE_ACTORS;
    return -1;
}

pl_format pli_lt_detect(const char *data, size_t size)
{
    pl_csv_cursor cursor;
    pl_csv_line line;
    pl_csv_row row = {0};
    int kind = -1;
    pli_csv_begin(&cursor, data, size);
    if (pli_csv_next_line(&cursor, &line) &&
        pli_csv_split_with(&line, pli_csv_separator(data, size), 64, &row, NULL) == PL_OK)
        kind = pli_lt_kind(&row);
    pli_csv_row_free(&row);
    static const pl_format formats[3] = {PL_FORMAT_LONG_TABLE, PL_FORMAT_ISSUES_TABLE,
                                         PL_FORMAT_ACTORS_TABLE};
    return kind < 0 ? PL_FORMAT_UNKNOWN : formats[kind];
}
