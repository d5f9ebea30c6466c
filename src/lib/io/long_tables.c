/*
 * long_tables.c - long-format tables: one row per actor and issue, with an
 * optional issues table and actors table (pl_read_long_tables, parley/io.h;
 * docs/formats.md "Long-format tables"). Column names and table kinds are in
 * long_columns.c; the CSV syntax is csv.h's, with `,` `;` or tab.
 *
 * Every bad cell is reported with its line and column; given a list, the
 * reader reports them all (up to the list's limit) before giving up, which
 * is what `parley validate` shows.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/long_tables.h"

/* Fields split per line: generous, since unknown columns are allowed. */
#define MAX_FIELDS 256

typedef struct lt_row {
    size_t actor, issue;
    double position, salience, capability;
    int position_percent, salience_percent, has_capability;
    int line, position_column;
} lt_row;

typedef struct reader {
    pl_diag *diag;
    pl_diag_list *list;
    int status;               /* the first error's */
    const char *source;       /* the table being read */
    int kind;
    char separator;
    pl_csv_cursor cursor;
    pl_csv_line line;
    pl_csv_row row;
    int field_of[LT_N_COLUMNS]; /* -1: the table has no such column */
    pl_scenario *scenario;
    pl_name_set actor_ids, issue_ids;
    int actors_table, issues_table;
    unsigned char *declared, *capable; /* per issue: range declared; per actor: capability known */
    size_t capacity_declared, capacity_capable;
    lt_row *rows;
    size_t n_rows, capacity_rows;
    int plain_salience_above_1;
    int quiet; /* a first pass over the long table: errors wait for the second */
} reader;

/* Record an error (the first one also in r->diag); returns `status`. */
static int report(reader *r, int status, int line, int column, const char *format, ...)
    __attribute__((format(printf, 5, 6)));

static int report(reader *r, int status, int line, int column, const char *format, ...)
{
    if (r->quiet && status != PL_ERR_NOMEM)
        return status;
    pl_diag d;
    pl_diag_clear(&d);
    pl_diag_set_source(&d, r->source);
    d.status = status;
    d.line = line;
    d.column = line > 0 && column < 1 ? 1 : column;
    va_list args;
    va_start(args, format);
    vsnprintf(d.message, sizeof d.message, format, args);
    va_end(args);
    if (r->status == PL_OK) {
        r->status = status;
        if (r->diag != NULL)
            *r->diag = d;
    }
    if (pli_diag_list_add(r->list, &d) != PL_OK)
        r->list = NULL; /* no room to collect: stop at this one */
    return status;
}

static int out_of_memory(reader *r)
{
    return report(r, PL_ERR_NOMEM, 0, 0, "out of memory");
}

/* After a bad row: go on to the next when collecting every error, or in the quiet pass. */
static int keep_going(const reader *r, int status)
{
    return status != PL_ERR_NOMEM &&
           (r->quiet || (r->list != NULL && !pli_diag_list_full(r->list)));
}

/* ---- cells ---------------------------------------------------------------------------- */

static const char *cell(const reader *r, int column)
{
    int k = r->field_of[column];
    return k >= 0 && (size_t)k < r->row.count ? r->row.fields[k].text : "";
}

static int cell_column(const reader *r, int column)
{
    int k = r->field_of[column];
    return k >= 0 && (size_t)k < r->row.count ? r->row.fields[k].column : r->row.end_column;
}

static int missing(reader *r, int column)
{
    return report(r, PL_ERR_INVALID, r->row.line, cell_column(r, column), "%s is missing",
                  pli_lt_column_name(column));
}

/* A number, possibly followed by `%` (pli_csv_number). Returns 1 when the cell is empty. */
static int number(reader *r, int column, double *value, int *percent)
{
    const char *text = cell(r, column);
    if (text[0] == '\0')
        return 1;
    if (pli_csv_number(text, r->separator, value, percent) != 0)
        return report(r, PL_ERR_INVALID, r->row.line, cell_column(r, column),
                      "%s \"%.40s\" is not a number", pli_lt_column_name(column), text);
    return PL_OK;
}

/* A number that must be there. */
static int required_number(reader *r, int column, double *value, int *percent)
{
    int rc = number(r, column, value, percent);
    return rc == 1 ? missing(r, column) : rc;
}

/* An id cell (actor or issue): present, without control characters. */
static int id_cell(reader *r, int column, const char **id)
{
    *id = cell(r, column);
    if ((*id)[0] == '\0')
        return missing(r, column);
    if (pli_has_control_character(*id) || strcmp(*id, "*") == 0)
        return report(r, PL_ERR_INVALID, r->row.line, cell_column(r, column),
                      "%s \"%.40s\" is not a usable id (control character or \"*\")",
                      pli_lt_column_name(column), *id);
    return PL_OK;
}

/* A salience or reservation: 0-1, or a percentage; `plain_above_1` set for a plain value > 1. */
static int share(reader *r, int column, double value, int percent, int *plain_above_1)
{
    const char *what = pli_lt_column_name(column);
    if (value < 0)
        return report(r, PL_ERR_INVALID, r->row.line, cell_column(r, column),
                      "%s %.40s must not be negative", what, cell(r, column));
    if (value > 100)
        return report(r, PL_ERR_INVALID, r->row.line, cell_column(r, column),
                      "%s %.40s is outside 0-100", what, cell(r, column));
    if (!percent && value > 1 && plain_above_1 == NULL)
        return report(r, PL_ERR_INVALID, r->row.line, cell_column(r, column),
                      "%s %.40s is outside 0-1 (write %.40s%% for a percentage)", what,
                      cell(r, column), cell(r, column));
    if (!percent && value > 1)
        *plain_above_1 = 1;
    return PL_OK;
}

/* ---- reading a table ------------------------------------------------------------------ */

static int note_column(reader *r, size_t k)
{
    if (r->quiet)
        return PL_OK;
    const pl_csv_field *f = &r->row.fields[k];
    char note[300];
    snprintf(note, sizeof note,
             "%.120s: column %zu (\"%.60s\") is not one parley reads: kept as a note, left "
             "out of the analysis",
             r->source, k + 1, f->text[0] ? f->text : "unnamed");
    return pl_scenario_add_caveat(r->scenario, note) == PL_OK ? PL_OK : out_of_memory(r);
}

/* Split the current line; a syntax error (an unclosed quote, ...) is reported as any other. */
static int split(reader *r)
{
    pl_diag d;
    pl_diag_clear(&d);
    int rc = pli_csv_split_with(&r->line, r->separator, MAX_FIELDS, &r->row, &d);
    return rc == PL_OK ? PL_OK : report(r, rc, d.line, d.column, "%s", d.message);
}

/* The header: which field holds each column; unknown columns become notes. */
static int read_header(reader *r)
{
    for (int c = 0; c < LT_N_COLUMNS; c++)
        r->field_of[c] = -1;
    if (!pli_csv_next_line(&r->cursor, &r->line))
        return report(r, PL_ERR_SYNTAX, 1, 1, "the table is empty");
    int rc = split(r);
    if (rc != PL_OK)
        return rc;
    for (size_t k = 0; k < r->row.count; k++) {
        const pl_csv_field *f = &r->row.fields[k];
        int c = pli_lt_column(f->text);
        if (!pli_lt_reads(r->kind, c)) {
            if ((rc = note_column(r, k)) != PL_OK)
                return rc;
            continue;
        }
        if (r->field_of[c] >= 0)
            return report(r, PL_ERR_INVALID, r->row.line, f->column,
                          "column \"%.40s\" repeats the %s column (column %d)", f->text,
                          pli_lt_column_name(c), r->row.fields[r->field_of[c]].column);
        r->field_of[c] = (int)k;
    }
    return PL_OK;
}

/* Nonzero when every field of the row is empty (";;;" lines spreadsheets leave). */
static int row_is_empty(const reader *r)
{
    for (size_t k = 0; k < r->row.count; k++)
        if (r->row.fields[k].text[0] != '\0')
            return 0;
    return 1;
}

/* Every row after the header, one call of `read_one` each; blank rows are skipped. */
static int read_rows(reader *r, int (*read_one)(reader *))
{
    size_t header_fields = r->row.count;
    while (pli_csv_next_line(&r->cursor, &r->line)) {
        if (pli_csv_line_is_blank(&r->line))
            continue;
        int rc = split(r);
        if (rc == PL_OK && row_is_empty(r))
            continue;
        const pl_csv_field *extra = NULL;
        for (size_t k = header_fields; rc == PL_OK && extra == NULL && k < r->row.count; k++)
            if (r->row.fields[k].text[0] != '\0')
                extra = &r->row.fields[k];
        if (extra != NULL)
            rc = report(r, PL_ERR_SYNTAX, r->row.line, extra->column,
                        "the row has more fields than the header (%zu)", header_fields);
        else if (rc == PL_OK)
            rc = read_one(r);
        if (rc != PL_OK && !keep_going(r, rc))
            return rc;
    }
    return PL_OK;
}

/* ---- the actors table ----------------------------------------------------------------- */

static int grow_flags(reader *r, unsigned char **flags, size_t *capacity, size_t n)
{
    return pli_grow((void **)flags, capacity, n, 1) == PL_OK ? PL_OK : out_of_memory(r);
}

/* Line where `id`, already in `set` at `index` with its string `stored`, was first given. */
static int first_line(pl_name_set *set, const char *stored)
{
    int earlier = 0;
    pli_name_set_add(set, stored, 0, 0, &earlier, NULL); /* present: adds nothing */
    return earlier;
}

/* Add actor `id`; in the actors table a second row for it is an error. */
static int add_actor(reader *r, const char *id, double capability, size_t *index)
{
    pl_scenario *s = r->scenario;
    if (pli_name_set_find(&r->actor_ids, id, index) == PL_OK)
        return report(r, PL_ERR_INVALID, r->row.line, cell_column(r, LT_ACTOR),
                      "actor \"%.60s\" is listed twice (also on line %d)", id,
                      first_line(&r->actor_ids, s->actors[*index].id));
    if (pl_scenario_add_actor(s, id, id, capability, index) != PL_OK ||
        pli_name_set_add(&r->actor_ids, s->actors[*index].id, *index, r->row.line, NULL,
                         NULL) < 0)
        return out_of_memory(r);
    return grow_flags(r, &r->capable, &r->capacity_capable, s->n_actors);
}

/* Add issue `id` on [low, high]; in the issues table a second row for it is an error. */
static int add_issue(reader *r, const char *id, double low, double high, int declared,
                     size_t *index)
{
    pl_scenario *s = r->scenario;
    if (pli_name_set_find(&r->issue_ids, id, index) == PL_OK)
        return report(r, PL_ERR_INVALID, r->row.line, cell_column(r, LT_ISSUE),
                      "issue \"%.60s\" is listed twice (also on line %d)", id,
                      first_line(&r->issue_ids, s->issues[*index].id));
    if (pl_scenario_add_continuous_issue(s, id, id, low, high, index) != PL_OK ||
        pli_name_set_add(&r->issue_ids, s->issues[*index].id, *index, r->row.line, NULL,
                         NULL) < 0)
        return out_of_memory(r);
    int rc = grow_flags(r, &r->declared, &r->capacity_declared, s->n_issues);
    if (rc == PL_OK)
        r->declared[*index] = (unsigned char)declared;
    return rc;
}

/* "yes", "no", "true", "false", "1", "0", "y", "n", "x" (a tick); empty is no. */
static int veto(reader *r, int *out)
{
    static const char *const yes[] = {"yes", "true", "1", "y", "x"};
    static const char *const no[] = {"no", "false", "0", "n", ""};
    const char *text = cell(r, LT_VETO);
    for (size_t k = 0; k < 5; k++) {
        if (strcasecmp(text, yes[k]) == 0)
            return *out = 1, PL_OK;
        if (strcasecmp(text, no[k]) == 0)
            return *out = 0, PL_OK;
    }
    return report(r, PL_ERR_INVALID, r->row.line, cell_column(r, LT_VETO),
                  "Veto \"%.40s\" is neither yes nor no", text);
}

/* Name and description columns: copied when filled. */
static int texts(reader *r, char **name, char **description)
{
    const char *n = cell(r, LT_NAME), *d = cell(r, LT_DESCRIPTION);
    if ((n[0] && pl_scenario_set_string(name, n) != PL_OK) ||
        (d[0] && pl_scenario_set_string(description, d) != PL_OK))
        return out_of_memory(r);
    return PL_OK;
}

/*
 * One row of the actors table: Actor, Capability, optional Reservation, Veto,
 * Name. The actor is added even when a cell is bad, so that the long table's
 * rows for it are not reported as naming an unknown actor as well.
 */
static int read_actor_row(reader *r)
{
    const char *id;
    size_t a;
    int rc = id_cell(r, LT_ACTOR, &id);
    if (rc != PL_OK || (rc = add_actor(r, id, 1, &a)) != PL_OK)
        return rc;
    pl_actor *actor = &r->scenario->actors[a];
    r->capable[a] = 1;
    int percent = 0;
    rc = required_number(r, LT_CAPABILITY, &actor->capability, &percent);
    if (rc == PL_OK && (percent || !(actor->capability > 0)))
        rc = report(r, PL_ERR_INVALID, r->row.line, cell_column(r, LT_CAPABILITY),
                    "Capability %.40s must be a positive number", cell(r, LT_CAPABILITY));
    int rc2 = number(r, LT_RESERVATION, &actor->reservation, &percent);
    if (rc2 == 1)
        rc2 = PL_OK, actor->reservation = 0;
    else if (rc2 == PL_OK &&
             (rc2 = share(r, LT_RESERVATION, actor->reservation, percent, NULL)) == PL_OK &&
             percent)
        actor->reservation /= 100;
    int rc3 = veto(r, &actor->veto);
    int rc4 = texts(r, &actor->name, &actor->description);
    return rc != PL_OK ? rc : rc2 != PL_OK ? rc2 : rc3 != PL_OK ? rc3 : rc4;
}

/* ---- the issues table ----------------------------------------------------------------- */

/* An outcome or reference point: on [low, high], or a percentage of the way from low. */
static int issue_point(reader *r, int column, double low, double high, int *has, double *out)
{
    int percent = 0;
    int rc = number(r, column, out, &percent);
    *has = rc == PL_OK;
    if (rc != PL_OK)
        return rc == 1 ? PL_OK : rc;
    if (percent)
        *out = low + *out / 100 * (high - low);
    if (*out < low || *out > high)
        return report(r, PL_ERR_INVALID, r->row.line, cell_column(r, column),
                      "%s %.40s lies outside the issue's range [%g, %g]",
                      pli_lt_column_name(column), cell(r, column), low, high);
    return PL_OK;
}

/* One row of the issues table: Issue, Low, High, optional Outcome, Reference, Name. */
static int read_issue_row(reader *r)
{
    const char *id;
    size_t i;
    int rc = id_cell(r, LT_ISSUE, &id);
    if (rc != PL_OK || (rc = add_issue(r, id, 0, 1, 1, &i)) != PL_OK)
        return rc;
    pl_issue *issue = &r->scenario->issues[i];
    double low, high;
    int percent = 0;
    rc = required_number(r, LT_LOW, &low, &percent);
    if (rc == PL_OK)
        rc = required_number(r, LT_HIGH, &high, &percent);
    if (rc == PL_OK && !(low < high))
        rc = report(r, PL_ERR_INVALID, r->row.line, cell_column(r, LT_HIGH),
                    "High %.40s must be above Low %.40s", cell(r, LT_HIGH), cell(r, LT_LOW));
    if (rc == PL_OK) {
        issue->low = low;
        issue->high = high;
        rc = issue_point(r, LT_OUTCOME, low, high, &issue->has_outcome, &issue->outcome);
        int rc2 = issue_point(r, LT_REFERENCE, low, high, &issue->has_reference,
                              &issue->reference);
        rc = rc != PL_OK ? rc : rc2;
    }
    int rc3 = texts(r, &issue->name, &issue->description);
    return rc != PL_OK ? rc : rc3;
}

/* ---- the long table ------------------------------------------------------------------- */

/* The actor or issue a row names: known, or (without its table) new. */
static int row_member(reader *r, int column, size_t *index)
{
    const char *id;
    int rc = id_cell(r, column, &id);
    if (rc != PL_OK)
        return rc;
    int actor = column == LT_ACTOR;
    if (pli_name_set_find(actor ? &r->actor_ids : &r->issue_ids, id, index) == PL_OK)
        return PL_OK;
    if (actor ? r->actors_table : r->issues_table)
        return report(r, PL_ERR_INVALID, r->row.line, cell_column(r, column),
                      "%s \"%.60s\" is not in the %s table", actor ? "actor" : "issue", id,
                      actor ? "actors" : "issues");
    return actor ? add_actor(r, id, 1, index) : add_issue(r, id, 0, 1, 0, index);
}

/*
 * The first, quiet pass over a long table without an issues table: its issues,
 * in the order they first appear, as the second pass would add them. Adding an
 * issue lays the stance matrix out again (n_actors x n_issues copies), so every
 * issue is added before any actor: a table of n actors and n issues then reads
 * in O(n^2), not O(n^3) (1 000 of each: 8 s before, milliseconds after).
 */
static int read_issue_of_row(reader *r)
{
    const char *id;
    size_t index;
    if (id_cell(r, LT_ISSUE, &id) != PL_OK || pli_name_set_find(&r->issue_ids, id, &index) == PL_OK)
        return PL_OK;
    return add_issue(r, id, 0, 1, 0, &index);
}

/* One row of the long table: Actor, Issue, Position, Salience, optional Capability. */
static int read_long_row(reader *r)
{
    lt_row row = {0};
    row.line = r->row.line;
    row.position_column = cell_column(r, LT_POSITION);
    int rc = row_member(r, LT_ACTOR, &row.actor);
    int rc2 = row_member(r, LT_ISSUE, &row.issue);
    int rc3 = required_number(r, LT_POSITION, &row.position, &row.position_percent);
    int rc4 = required_number(r, LT_SALIENCE, &row.salience, &row.salience_percent);
    if (rc4 == PL_OK)
        rc4 = share(r, LT_SALIENCE, row.salience, row.salience_percent,
                    &r->plain_salience_above_1);
    int percent = 0, rc5 = number(r, LT_CAPABILITY, &row.capability, &percent);
    row.has_capability = rc5 == PL_OK;
    if (rc5 == 1)
        rc5 = PL_OK;
    else if (rc5 == PL_OK && (percent || !(row.capability > 0)))
        rc5 = report(r, PL_ERR_INVALID, r->row.line, cell_column(r, LT_CAPABILITY),
                     "Capability %.40s must be a positive number", cell(r, LT_CAPABILITY));
    const int statuses[] = {rc, rc2, rc3, rc4, rc5};
    for (size_t k = 0; k < 5; k++)
        if (statuses[k] != PL_OK)
            return statuses[k]; /* each bad cell is reported already */
    if (pli_grow((void **)&r->rows, &r->capacity_rows, r->n_rows + 1, sizeof *r->rows))
        return out_of_memory(r);
    r->rows[r->n_rows++] = row;
    return PL_OK;
}

/* ---- building the scenario ------------------------------------------------------------ */

static int compare_rows(const void *x, const void *y)
{
    const lt_row *a = x, *b = y;
    if (a->actor != b->actor)
        return a->actor < b->actor ? -1 : 1;
    if (a->issue != b->issue)
        return a->issue < b->issue ? -1 : 1;
    return (a->line > b->line) - (a->line < b->line);
}

/* One row per actor and issue: a second one is an error at its line. */
static int check_duplicates(reader *r)
{
    qsort(r->rows, r->n_rows, sizeof *r->rows, compare_rows);
    for (size_t k = 1; k < r->n_rows; k++) {
        const lt_row *a = &r->rows[k - 1], *b = &r->rows[k];
        if (a->actor != b->actor || a->issue != b->issue)
            continue;
        int rc = report(r, PL_ERR_INVALID, b->line, 1,
                        "a second row for actor \"%.60s\" on issue \"%.60s\" (the first is "
                        "on line %d)",
                        r->scenario->actors[a->actor].id, r->scenario->issues[a->issue].id,
                        a->line);
        if (!keep_going(r, rc))
            return rc;
    }
    return r->status;
}

/* Without an issues table: the range runs from the lowest to the highest position. */
static int infer_ranges(reader *r, size_t *inferred)
{
    pl_scenario *s = r->scenario;
    for (size_t i = 0; i < s->n_issues; i++)
        if (!r->declared[i])
            s->issues[i].low = HUGE_VAL, s->issues[i].high = -HUGE_VAL;
    for (size_t k = 0; k < r->n_rows; k++) {
        const lt_row *row = &r->rows[k];
        pl_issue *issue = &s->issues[row->issue];
        if (r->declared[row->issue])
            continue;
        if (row->position_percent) {
            int rc = report(r, PL_ERR_INVALID, row->line, row->position_column,
                            "a position in %% needs the issue's range: give Low and High for "
                            "issue \"%.60s\" in an issues table",
                            issue->id);
            if (!keep_going(r, rc))
                return rc;
        }
        issue->low = fmin(issue->low, row->position);
        issue->high = fmax(issue->high, row->position);
    }
    for (size_t i = 0; i < s->n_issues; i++) {
        pl_issue *issue = &s->issues[i];
        if (r->declared[i])
            continue;
        (*inferred)++;
        if (issue->low == issue->high)
            issue->low -= 1, issue->high += 1;
    }
    return r->status;
}

/* A caveat, printf-style. */
static int caveat(reader *r, const char *format, ...) __attribute__((format(printf, 2, 3)));

static int caveat(reader *r, const char *format, ...)
{
    char text[512];
    va_list args;
    va_start(args, format);
    vsnprintf(text, sizeof text, format, args);
    va_end(args);
    return pl_scenario_add_caveat(r->scenario, text) == PL_OK ? PL_OK : out_of_memory(r);
}

/*
 * Positions (a percentage is that share of the way from Low to High),
 * saliences (0-1; every plain one divided by 100 when any exceeds 1, as in a
 * stakeholder table; a percentage always), capabilities (the actor's first
 * given one; another one on an issue is its capability there, as Decide's
 * per-issue power).
 */
static int set_stances(reader *r)
{
    pl_scenario *s = r->scenario;
    double scale = r->plain_salience_above_1 ? 100 : 1;
    for (size_t k = 0; k < r->n_rows; k++) {
        const lt_row *row = &r->rows[k];
        const pl_issue *issue = &s->issues[row->issue];
        double position = row->position;
        if (row->position_percent)
            position = issue->low + position / 100 * (issue->high - issue->low);
        if (position < issue->low || position > issue->high) {
            int rc = report(r, PL_ERR_INVALID, row->line, row->position_column,
                            "Position %g lies outside the range [%g, %g] of issue \"%.60s\"",
                            position, issue->low, issue->high, issue->id);
            if (!keep_going(r, rc))
                return rc;
            continue;
        }
        double salience = row->salience / (row->salience_percent ? 100 : scale);
        if (pl_scenario_set_position(s, row->actor, row->issue, position, salience) != PL_OK)
            return out_of_memory(r);
        if (!row->has_capability)
            continue;
        pl_actor *actor = &s->actors[row->actor];
        if (!r->capable[row->actor]) {
            actor->capability = row->capability;
            r->capable[row->actor] = 1;
        } else if (row->capability != actor->capability) {
            pl_stance *st = pl_scenario_stance(s, row->actor, row->issue);
            st->has_capability = 1;
            st->capability = row->capability;
        }
    }
    return r->status;
}

static int build(reader *r, const char *long_source)
{
    pl_scenario *s = r->scenario;
    size_t inferred = 0, without_capability = 0;
    if (r->n_rows == 0)
        return report(r, PL_ERR_INVALID, r->cursor.line + 1, 1,
                      "the long table has no rows after its header");
    int rc = check_duplicates(r);
    if (rc == PL_OK || keep_going(r, rc))
        rc = infer_ranges(r, &inferred);
    if (rc == PL_OK || keep_going(r, rc))
        rc = set_stances(r);
    if (r->status != PL_OK)
        return r->status;
    for (size_t a = 0; a < s->n_actors; a++)
        without_capability += !r->capable[a];
    if (without_capability > 0)
        TRY(caveat(r, "%zu actors have no capability (no Capability column or actors table): "
                      "each counts 1", without_capability));
    if (inferred > 0)
        TRY(caveat(r, "%zu issues have no declared range (no issues table with Low and High): "
                      "each runs from its lowest to its highest position", inferred));
    char *stem = pli_source_stem(long_source);
    if (stem == NULL)
        return out_of_memory(r);
    const char *id = stem[0] ? stem : "long-table";
    if (pl_scenario_set_string(&s->id, id) || pl_scenario_set_string(&s->name, id) ||
        pl_scenario_set_string(&s->format, "long-csv"))
        rc = out_of_memory(r);
    pli_free(stem);
    return rc;
}

/* ---- the entry point ------------------------------------------------------------------ */

typedef struct lt_input {
    const char *source, *data;
    size_t size;
    int kind;
} lt_input;

/* Which table each input is; one of each kind at most, and a long table. */
static int sort_inputs(reader *r, size_t n, const char *const *sources, const char *const *data,
                       const size_t *sizes, lt_input by_kind[3])
{
    static const char *const kinds[3] = {"long table", "issues table", "actors table"};
    for (size_t k = 0; k < n; k++) {
        r->source = sources[k];
        pl_format format = pli_lt_detect(data[k], sizes[k]);
        int kind = format == PL_FORMAT_LONG_TABLE     ? LT_TABLE_LONG
                   : format == PL_FORMAT_ISSUES_TABLE ? LT_TABLE_ISSUES
                   : format == PL_FORMAT_ACTORS_TABLE ? LT_TABLE_ACTORS
                                                      : -1;
        if (kind < 0)
            return report(r, PL_ERR_INVALID, 0, 0,
                          "not a long-format table: its header needs Actor, Issue, Position and "
                          "Salience (the long table), Issue, Low and High (the issues table), "
                          "or Actor and Capability (the actors table)");
        if (by_kind[kind].source != NULL)
            return report(r, PL_ERR_INVALID, 0, 0, "a second %s (the first is %.200s)",
                          kinds[kind], by_kind[kind].source);
        by_kind[kind] = (lt_input){sources[k], data[k], sizes[k], kind};
    }
    if (by_kind[LT_TABLE_LONG].source == NULL)
        return report(r, PL_ERR_INVALID, 0, 0,
                      "an %s needs a long table (Actor, Issue, Position, Salience) with it",
                      by_kind[LT_TABLE_ISSUES].source ? "issues table" : "actors table");
    return PL_OK;
}

static int read_table(reader *r, const lt_input *in, int (*read_one)(reader *))
{
    r->source = in->source;
    r->kind = in->kind;
    r->separator = pli_csv_separator(in->data, in->size);
    pli_csv_begin(&r->cursor, in->data, in->size);
    int rc = read_header(r);
    return rc == PL_OK ? read_rows(r, read_one) : rc;
}

/*
 * Read the tables in order: the issues (the issues table, or else a quiet first
 * pass over the long table), the actors table, then the long table that refers
 * to them. Issues come first because each one added after actors lays the
 * stance matrix out again.
 */
static int read_all(reader *r, const lt_input by_kind[3])
{
    int (*const read_one[3])(reader *) = {read_long_row, read_issue_row, read_actor_row};
    static const int order[3] = {LT_TABLE_ISSUES, LT_TABLE_ACTORS, LT_TABLE_LONG};
    r->actors_table = by_kind[LT_TABLE_ACTORS].source != NULL;
    r->issues_table = by_kind[LT_TABLE_ISSUES].source != NULL;
    if (!r->issues_table) {
        r->quiet = 1;
        int rc = read_table(r, &by_kind[LT_TABLE_LONG], read_issue_of_row);
        r->quiet = 0;
        if (rc == PL_ERR_NOMEM)
            return rc;
    }
    for (size_t k = 0; k < 3; k++) {
        const lt_input *in = &by_kind[order[k]];
        if (in->source == NULL)
            continue;
        int rc = read_table(r, in, read_one[order[k]]);
        if (rc != PL_OK && !keep_going(r, rc))
            return rc;
    }
    if (r->status != PL_OK)
        return r->status;
    r->source = by_kind[LT_TABLE_LONG].source;
    return build(r, by_kind[LT_TABLE_LONG].source);
}

int pl_read_long_tables(size_t n, const char *const *sources, const char *const *data,
                        const size_t *sizes, pl_scenario **out, pl_diag *diag,
                        pl_diag_list *list)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.diag = diag;
    r.list = list;
    if (n == 0 || sources == NULL || data == NULL || sizes == NULL)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no input");
    for (size_t k = 0; k < n; k++)
        if (data[k] == NULL && sizes[k] > 0)
            return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no input");
    int rc = pli_reader_begin(sources[0], "", 0, out, &r.scenario, diag);
    if (rc != PL_OK) {
        if (list != NULL && diag != NULL)
            pli_diag_list_add(list, diag);
        return rc;
    }
    lt_input by_kind[3];
    memset(by_kind, 0, sizeof by_kind);
    rc = sort_inputs(&r, n, sources, data, sizes, by_kind);
    if (rc == PL_OK)
        rc = read_all(&r, by_kind);
    pli_csv_row_free(&r.row);
    pli_name_set_free(&r.actor_ids);
    pli_name_set_free(&r.issue_ids);
    pli_free(r.declared);
    pli_free(r.capable);
    pli_free(r.rows);
    if (rc != PL_OK) {
        pl_scenario_free(r.scenario);
        return rc;
    }
    return pli_reader_finish(rc, r.scenario, out, diag);
}
