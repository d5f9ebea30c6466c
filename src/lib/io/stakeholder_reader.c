/*
 * stakeholder_reader.c - one-issue stakeholder tables.
 *
 * docs/cli-contract.md "Inputs": a CSV table with the columns Actor, Capability,
 * Position and Salience (Stakeholder; Clout, Resources, Influence and Power
 * accepted as synonyms), case-insensitive and in any order, one row per
 * actor; salience on 0-1, or on 0-100 when any value exceeds 1. This is the
 * layout of the expected-utility literature's case tables (Bueno de Mesquita
 * 1994; Scholz, Calbert and Smith 2011). The CSV syntax is that of csv.h, with
 * `,`, `;` or tab between fields (pli_csv_separator) and `80%` allowed on saliences.
 */
#include <string.h>

#include "io/parse/csv.h"
#include "core/internal.h"
#include "io/io_internal.h"

enum { COLUMN_ACTOR, COLUMN_CAPABILITY, COLUMN_POSITION, COLUMN_SALIENCE, N_COLUMNS };

/* Accepted names of each column; the first is the canonical one. */
static const char *const column_names[N_COLUMNS][6] = {
    {"Actor", "Stakeholder", NULL},
    {"Capability", "Clout", "Resources", "Influence", "Power", NULL},
    {"Position", NULL},
    {"Salience", NULL},
};

#define ACCEPTED_COLUMNS                                                                       \
    "the columns are Actor (or Stakeholder), Capability (or Clout, Resources, Influence, "    \
    "Power), Position and Salience"

/* Fields split per line: the four columns plus room to see (and refuse) extra ones. */
#define MAX_FIELDS 16

typedef struct table_reader {
    pl_diag *diag;
    pl_csv_cursor cursor;
    pl_csv_line line;
    pl_csv_row row;
    size_t field_of[N_COLUMNS]; /* which field holds each column */
    pl_scenario *scenario;
    pl_name_set names;
    double *positions, *saliences;
    size_t capacity_positions, capacity_saliences;
    double highest_salience;
    char separator;          /* ',', ';' or tab (pli_csv_separator) */
    unsigned char *percent;  /* per actor: its salience was written with % */
    size_t capacity_percent;
} table_reader;

static int out_of_memory(table_reader *r)
{
    return pl_diag_set(r->diag, PL_ERR_NOMEM, r->line.number, 0, "out of memory");
}

int pli_stakeholder_column_name(const char *name)
{
    for (size_t c = 0; c < N_COLUMNS; c++)
        for (size_t k = 0; column_names[c][k] != NULL; k++)
            if (pli_same_name(name, column_names[c][k]))
                return 1;
    return 0;
}

static int column_of(const char *name)
{
    for (int c = 0; c < N_COLUMNS; c++)
        for (int k = 0; column_names[c][k] != NULL; k++)
            if (pli_same_name(name, column_names[c][k]))
                return c;
    return -1;
}

/* Split the current line; trailing empty fields (a trailing comma) are dropped. */
static int split_row(table_reader *r)
{
    int rc = pli_csv_split_with(&r->line, r->separator, MAX_FIELDS, &r->row, r->diag);
    if (rc != PL_OK)
        return rc;
    while (r->row.count > N_COLUMNS && r->row.fields[r->row.count - 1].text[0] == '\0')
        r->row.count--;
    return PL_OK;
}

static int too_many_fields(table_reader *r, const char *what)
{
    int column = r->row.count > N_COLUMNS ? r->row.fields[N_COLUMNS].column : r->row.end_column;
    return pl_diag_set(r->diag, PL_ERR_SYNTAX, r->row.line, column,
                       "%s has more than %d fields", what, N_COLUMNS);
}

static int read_header_field(table_reader *r, size_t k, int *seen)
{
    const pl_csv_field *f = &r->row.fields[k];
    int c = column_of(f->text);
    if (c < 0 && f->text[0] == '\0')
        return pl_diag_set(r->diag, PL_ERR_INVALID, r->row.line, f->column,
                           "empty column name; " ACCEPTED_COLUMNS);
    if (c < 0)
        return pl_diag_set(r->diag, PL_ERR_INVALID, r->row.line, f->column,
                           "unknown column \"%.40s\"; " ACCEPTED_COLUMNS, f->text);
    if (seen[c])
        return pl_diag_set(r->diag, PL_ERR_INVALID, r->row.line, f->column,
                           "column \"%.40s\" repeats the %s column (column %zu)", f->text,
                           column_names[c][0], r->field_of[c] + 1);
    seen[c] = 1;
    r->field_of[c] = k;
    return PL_OK;
}

/* The header: each column exactly once, any order, any case. */
static int read_header(table_reader *r)
{
    if (!pli_csv_next_line(&r->cursor, &r->line) || pli_csv_line_is_blank(&r->line))
        return pl_diag_set(r->diag, PL_ERR_SYNTAX, 1, 1,
                           "expected a header line such as Actor,Capability,Position,Salience");
    int rc = split_row(r);
    if (rc != PL_OK)
        return rc;
    int seen[N_COLUMNS] = {0};
    for (size_t k = 0; k < r->row.count; k++)
        if ((rc = read_header_field(r, k, seen)) != PL_OK)
            return rc;
    if (r->row.count > N_COLUMNS || r->row.truncated)
        return too_many_fields(r, "the header");
    for (int c = 0; c < N_COLUMNS; c++)
        if (!seen[c])
            return pl_diag_set(r->diag, PL_ERR_INVALID, r->row.line, r->row.end_column,
                               "missing column %s; " ACCEPTED_COLUMNS, column_names[c][0]);
    return PL_OK;
}

static const pl_csv_field *field(const table_reader *r, int column)
{
    return &r->row.fields[r->field_of[column]];
}

/* A number; `80%` only where `percent` may take it (the salience). */
static int read_number(table_reader *r, int column, double *out, int *percent)
{
    const pl_csv_field *f = field(r, column);
    const char *what = column_names[column][0];
    int is_percent = 0;
    if (f->text[0] == '\0')
        return pl_diag_set(r->diag, PL_ERR_INVALID, r->row.line, f->column, "%s is missing",
                           what);
    if (pli_csv_number(f->text, r->separator, out, &is_percent) != 0 ||
        (is_percent && percent == NULL))
        return pl_diag_set(r->diag, PL_ERR_INVALID, r->row.line, f->column,
                           "%s \"%.40s\" is not a number", what, f->text);
    if (percent != NULL)
        *percent = is_percent;
    return PL_OK;
}

/* Capability > 0; salience within 0-1 or, on the 0-100 scale, within 0-100. */
static int read_values(table_reader *r, double *capability, double *position,
                       double *salience, int *percent)
{
    int rc;
    if ((rc = read_number(r, COLUMN_CAPABILITY, capability, NULL)) != PL_OK ||
        (rc = read_number(r, COLUMN_POSITION, position, NULL)) != PL_OK ||
        (rc = read_number(r, COLUMN_SALIENCE, salience, percent)) != PL_OK)
        return rc;
    const pl_csv_field *fc = field(r, COLUMN_CAPABILITY), *fs = field(r, COLUMN_SALIENCE);
    if (*capability <= 0)
        return pl_diag_set(r->diag, PL_ERR_INVALID, r->row.line, fc->column,
                           "capability %.40s must be positive", fc->text);
    if (*salience < 0)
        return pl_diag_set(r->diag, PL_ERR_INVALID, r->row.line, fs->column,
                           "salience %.40s must not be negative", fs->text);
    if (*salience > 100)
        return pl_diag_set(r->diag, PL_ERR_INVALID, r->row.line, fs->column,
                           "salience %.40s is outside 0-100", fs->text);
    return PL_OK;
}

static int add_actor(table_reader *r, const pl_csv_field *name, double capability)
{
    pl_scenario *s = r->scenario;
    size_t a;
    int earlier = 0;
    if (pl_scenario_add_actor(s, name->text, name->text, capability, &a) != PL_OK)
        return out_of_memory(r);
    int rc = pli_name_set_add(&r->names, s->actors[a].id, a, r->row.line, &earlier, NULL);
    if (rc < 0)
        return out_of_memory(r);
    if (rc == 0)
        return pl_diag_set(r->diag, PL_ERR_INVALID, r->row.line, name->column,
                           "duplicate actor name \"%.60s\" (also on line %d)", name->text,
                           earlier);
    return PL_OK;
}

/* One row: one actor. */
static int read_row(table_reader *r)
{
    int rc = split_row(r);
    if (rc != PL_OK)
        return rc;
    if (r->row.count > N_COLUMNS || r->row.truncated)
        return too_many_fields(r, "the row");
    if (r->row.count < N_COLUMNS)
        return pl_diag_set(r->diag, PL_ERR_SYNTAX, r->row.line, r->row.end_column,
                           "the row has %zu fields, expected %d", r->row.count, N_COLUMNS);
    const pl_csv_field *name = field(r, COLUMN_ACTOR);
    if (name->text[0] == '\0')
        return pl_diag_set(r->diag, PL_ERR_INVALID, r->row.line, name->column,
                           "actor name is empty");
    if (pli_has_control_character(name->text))
        return pl_diag_set(r->diag, PL_ERR_INVALID, r->row.line, name->column,
                           "actor name contains a control character");
    double capability, position, salience;
    int percent = 0;
    if ((rc = read_values(r, &capability, &position, &salience, &percent)) != PL_OK)
        return rc;
    size_t n = r->scenario->n_actors;
    if (pli_grow((void **)&r->positions, &r->capacity_positions, n + 1, sizeof(double)) ||
        pli_grow((void **)&r->saliences, &r->capacity_saliences, n + 1, sizeof(double)) ||
        pli_grow((void **)&r->percent, &r->capacity_percent, n + 1, 1))
        return out_of_memory(r);
    r->positions[n] = position;
    r->saliences[n] = salience;
    r->percent[n] = (unsigned char)percent;
    /* 80% is 0.8 whatever the scale of the plain values. */
    if (!percent && salience > r->highest_salience)
        r->highest_salience = salience;
    return add_actor(r, name, capability);
}

/* The rows after the header; blank lines may end the table but not interrupt it. */
static int read_rows(table_reader *r)
{
    int blank_line = 0;
    while (pli_csv_next_line(&r->cursor, &r->line)) {
        if (pli_csv_line_is_blank(&r->line)) {
            if (blank_line == 0)
                blank_line = r->line.number;
            continue;
        }
        if (blank_line != 0)
            return pl_diag_set(r->diag, PL_ERR_SYNTAX, blank_line, 1,
                               "blank line inside the table (rows follow on line %d)",
                               r->line.number);
        int rc = read_row(r);
        if (rc != PL_OK)
            return rc;
    }
    if (r->scenario->n_actors == 0)
        return pl_diag_set(r->diag, PL_ERR_INVALID, r->cursor.line + 1, 1,
                           "the table has no actors (no rows after the header)");
    return PL_OK;
}

static int set_names(table_reader *r, const char *id)
{
    pl_scenario *s = r->scenario;
    if (pl_scenario_set_string(&s->id, id) || pl_scenario_set_string(&s->name, id) ||
        pl_scenario_set_string(&s->format, "stakeholder-csv"))
        return out_of_memory(r);
    return PL_OK;
}

/*
 * The one issue, named after the file, on [lowest, highest position] (or
 * [p - 1, p + 1] when all agree); saliences on 0-100 are divided by 100.
 */
static int build_issue(table_reader *r, const char *source)
{
    pl_scenario *s = r->scenario;
    double low = r->positions[0], high = r->positions[0];
    for (size_t a = 1; a < s->n_actors; a++) {
        low = r->positions[a] < low ? r->positions[a] : low;
        high = r->positions[a] > high ? r->positions[a] : high;
    }
    if (low == high) {
        low -= 1;
        high += 1;
    }
    char *stem = pli_source_stem(source);
    if (stem == NULL)
        return out_of_memory(r);
    /* "*" is reserved for "every issue" (scenario_validate.c). */
    const char *id = stem[0] != '\0' && strcmp(stem, "*") != 0 ? stem : "issue";
    size_t issue = 0;
    int rc = set_names(r, id);
    if (rc == PL_OK && pl_scenario_add_continuous_issue(s, id, id, low, high, &issue) != PL_OK)
        rc = out_of_memory(r);
    pli_free(stem);
    double scale = r->highest_salience > 1 ? 100.0 : 1.0;
    for (size_t a = 0; rc == PL_OK && a < s->n_actors; a++)
        if (pl_scenario_set_position(s, a, issue, r->positions[a],
                                     r->saliences[a] / (r->percent[a] ? 100.0 : scale)))
            rc = out_of_memory(r);
    return rc;
}

int pl_read_stakeholder_csv(const char *source, const char *data, size_t size,
                            pl_scenario **out, pl_diag *diag)
{
    table_reader r;
    memset(&r, 0, sizeof r);
    r.diag = diag;
    int rc = pli_reader_begin(source, data, size, out, &r.scenario, diag);
    if (rc == PL_ERR_ARGUMENT)
        return rc;
    pli_csv_begin(&r.cursor, data, size);
    r.separator = pli_csv_separator(data, size);
    if (rc == PL_OK && (rc = read_header(&r)) == PL_OK && (rc = read_rows(&r)) == PL_OK)
        rc = build_issue(&r, source);
    pli_csv_row_free(&r.row);
    pli_name_set_free(&r.names);
    pli_free(r.positions);
    pli_free(r.saliences);
    pli_free(r.percent);
    return pli_reader_finish(rc, r.scenario, out, diag);
}
