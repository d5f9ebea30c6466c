/*
 * deu_reader.c - reading DEU III tables (Decision-making in the European
 * Union III, Arregui and Perarnaud; CC BY 4.0) for backtesting.
 *
 * The layout (docs/backtest.md): semicolon-separated, a header naming the
 * columns, then one row per proposal x issue. Identifier columns prnrnmc,
 * isnrnmc, prnr, prname, isnr, type, council, proc, counvte, proccde,
 * issues; dates intro and finact (DD-MM-YY); p<actor> and s<actor> per
 * actor; rp (reference point) and out (outcome). Empty or 999 is missing.
 * Each row is a separate one-issue negotiation, so the scenario holds one
 * continuous issue per row on DEU's 0-100 scale and one actor per actor
 * column; an actor without a position on a row takes no part in it.
 *
 * Rows are parsed first and their issues added while the scenario has no
 * actors yet; actors and stances come last, so that building costs
 * O(rows x actors) rather than growing the stance matrix row by row.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/parse/csv.h"
#include "core/internal.h"

/* DEU's scale, and its missing-value code. */
#define DEU_LOW 0.0
#define DEU_HIGH 100.0
#define DEU_MISSING 999.0
/* Salience of an actor whose position is known but salience is not (DEU's convention). */
#define DEU_DEFAULT_SALIENCE 50.0

/*
 * The actors of the layout, with their Council voting weights (docs/backtest.md):
 * `before_nice` from the EU-15 Treaty (Art. 205(2) TEC as amended by the 1994
 * Act of Accession), with the transitional weights of the 2003 Act of Accession
 * for the ten states that joined on 1 May 2004 (0: no weight in that period);
 * `nice` from the Treaty of Nice (Protocol on the enlargement of the EU, as
 * adapted by the Acts of Accession of 2003 and 2005; Croatia's 7 by the 2012
 * Act of Accession), in force from 1 November 2004. Commission and Parliament
 * (weights -1) get the largest state's weight of the period.
 */
typedef struct deu_actor {
    const char *code;
    const char *name;
    int before_nice;
    int nice;
} deu_actor;

static const deu_actor deu_actors[] = {
    {"com", "European Commission", -1, -1}, {"ep", "European Parliament", -1, -1},
    {"at", "Austria", 4, 10},               {"be", "Belgium", 5, 12},
    {"bu", "Bulgaria", 0, 10},              {"cr", "Croatia", 0, 7},
    {"cy", "Cyprus", 2, 4},                 {"cz", "Czech Republic", 5, 12},
    {"dk", "Denmark", 3, 7},                {"ee", "Estonia", 3, 4},
    {"fi", "Finland", 3, 7},                {"fr", "France", 10, 29},
    {"de", "Germany", 10, 29},              {"el", "Greece", 5, 12},
    {"hu", "Hungary", 5, 12},               {"ie", "Ireland", 3, 7},
    {"it", "Italy", 10, 29},                {"lv", "Latvia", 3, 4},
    {"lt", "Lithuania", 3, 7},              {"lu", "Luxembourg", 2, 4},
    {"mt", "Malta", 2, 3},                  {"nl", "Netherlands", 5, 13},
    {"pl", "Poland", 8, 27},                {"pt", "Portugal", 5, 12},
    {"ro", "Romania", 0, 14},               {"si", "Slovenia", 3, 4},
    {"sk", "Slovakia", 3, 7},               {"es", "Spain", 8, 27},
    {"se", "Sweden", 4, 10},                {"uk", "United Kingdom", 10, 29},
};
#define N_DEU_ACTORS (sizeof deu_actors / sizeof deu_actors[0])

/* The largest and smallest state weights of each period. */
#define BEFORE_NICE_LARGEST 10
#define BEFORE_NICE_SMALLEST 2
#define NICE_LARGEST 29
/* 1 November 2004, as yyyymmdd: the Nice weights apply from this day on. */
#define NICE_START 20041101L

/* The non-actor columns; the first REQUIRED_COLUMNS of them must be present. */
enum {
    COL_PRNRNMC, COL_ISNR, COL_PRNAME, COL_COUNVTE, COL_INTRO, COL_FINACT, COL_RP, COL_OUT,
    COL_ISNRNMC, COL_PRNR, COL_TYPE, COL_COUNCIL, COL_PROC, COL_PROCCDE, COL_ISSUES,
    N_NAMED_COLUMNS
};
#define REQUIRED_COLUMNS 8

static const char *const named_columns[N_NAMED_COLUMNS] = {
    "prnrnmc", "isnr", "prname", "counvte", "intro",   "finact",  "rp",     "out",
    "isnrnmc", "prnr", "type",   "council", "proc",    "proccde", "issues",
};

/* One field of a split row. */
typedef struct deu_field {
    size_t offset; /* of its text in the row's buffer */
    int column;
} deu_field;

/* What a column of the header holds. */
typedef enum column_kind { KIND_NAMED, KIND_POSITION, KIND_SALIENCE } column_kind;

typedef struct deu_column {
    column_kind kind;
    size_t which; /* named column index, or index into deu_actors */
} deu_column;

typedef struct deu_reader {
    pl_scenario *scenario;
    pl_diag *diag;
    pl_deu_capability capability;
    /* the header */
    size_t n_columns;
    deu_column *columns;
    size_t named[N_NAMED_COLUMNS];   /* column of each named column, or SIZE_MAX */
    size_t position_column[N_DEU_ACTORS];
    size_t salience_column[N_DEU_ACTORS];
    size_t n_actors;                 /* actors in the header, in header order */
    size_t actor_code[N_DEU_ACTORS]; /* index into deu_actors of each */
    /* the current row */
    char *buffer;
    size_t buffer_capacity;
    deu_field *fields;
    size_t fields_capacity, n_fields;
    int line;
    /* per row x actor: position and salience (NaN: none), capability */
    double *values;
    size_t values_capacity;
    pl_name_set ids;
} deu_reader;

/* ---- splitting a line --------------------------------------------------------------- */

/* Fill the diagnostic with the current line, `column` and a printf-style message. */
#define fail_at(r, status, column, ...)                                                            \
    pl_diag_set((r)->diag, (status), (r)->line, (column), __VA_ARGS__)

static int nomem(deu_reader *r)
{
    return pl_diag_set(r->diag, PL_ERR_NOMEM, 0, 0, "out of memory");
}

static const char *field_text(const deu_reader *r, size_t k)
{
    return r->buffer + r->fields[k].offset;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Bytes no line may hold: NUL, a lone carriage return, invalid UTF-8. */
static int check_line_bytes(deu_reader *r, const pl_csv_line *line)
{
    for (size_t k = 0; k < line->length; k++) {
        if (line->text[k] == '\0')
            return fail_at(r, PL_ERR_SYNTAX, pli_csv_column(line->text, k), "NUL byte in the text");
        if (line->text[k] == '\r')
            return fail_at(r, PL_ERR_SYNTAX, pli_csv_column(line->text, k),
                           "carriage return inside a line");
    }
    size_t bad = pli_utf8_invalid_offset(line->text, line->length);
    if (bad < line->length)
        return fail_at(r, PL_ERR_SYNTAX, pli_csv_column(line->text, bad),
                       "text is not valid UTF-8 (save the file as UTF-8)");
    return PL_OK;
}

/* A quoted field from `*k` (at the quote); `""` inside is one quote. Writes at `*o`. */
static int split_quoted(deu_reader *r, const pl_csv_line *line, size_t *k, size_t *o)
{
    const char *text = line->text;
    size_t quote = *k, at = *k + 1;
    for (;;) {
        if (at >= line->length)
            return fail_at(r, PL_ERR_SYNTAX, pli_csv_column(text, quote),
                           "quoted field has no closing quote");
        if (text[at] == '"' && at + 1 < line->length && text[at + 1] == '"') {
            r->buffer[(*o)++] = '"';
            at += 2;
        } else if (text[at] == '"') {
            at++;
            break;
        } else {
            r->buffer[(*o)++] = text[at++];
        }
    }
    while (at < line->length && is_blank(text[at]))
        at++;
    if (at < line->length && text[at] != ';')
        return fail_at(r, PL_ERR_SYNTAX, pli_csv_column(text, at),
                       "unexpected text after the closing quote of a field");
    *k = at;
    return PL_OK;
}

/* Split a line at ';' into trimmed fields (quoted fields may hold ';'). */
static int split_line(deu_reader *r, const pl_csv_line *line)
{
    const char *text = line->text;
    r->line = line->number;
    r->n_fields = 0;
    int rc = check_line_bytes(r, line);
    if (rc == PL_OK && pli_grow((void **)&r->buffer, &r->buffer_capacity, 2 * line->length + 2,
                                1) != PL_OK)
        rc = nomem(r);
    size_t k = 0, o = 0;
    while (rc == PL_OK) {
        while (k < line->length && is_blank(text[k]))
            k++;
        if (pli_grow((void **)&r->fields, &r->fields_capacity, r->n_fields + 1,
                     sizeof *r->fields) != PL_OK)
            return nomem(r);
        r->fields[r->n_fields++] = (deu_field){o, pli_csv_column(text, k)};
        if (k < line->length && text[k] == '"') {
            rc = split_quoted(r, line, &k, &o);
        } else {
            size_t start = o;
            while (k < line->length && text[k] != ';')
                r->buffer[o++] = text[k++];
            while (o > start && is_blank(r->buffer[o - 1]))
                o--;
        }
        r->buffer[o++] = '\0';
        if (rc != PL_OK || k >= line->length)
            break;
        k++; /* the ';' */
    }
    return rc;
}

/* ---- the header ------------------------------------------------------------------------ */

static int find_actor_code(const char *code, size_t *index)
{
    for (size_t a = 0; a < N_DEU_ACTORS; a++)
        if (strcmp(deu_actors[a].code, code) == 0) {
            *index = a;
            return 1;
        }
    return 0;
}

/* What column `name` is: a named column, p<actor> or s<actor>. */
static int classify_column(const char *name, deu_column *column)
{
    for (size_t k = 0; k < N_NAMED_COLUMNS; k++)
        if (strcmp(name, named_columns[k]) == 0) {
            *column = (deu_column){KIND_NAMED, k};
            return 1;
        }
    if ((name[0] == 'p' || name[0] == 's') && find_actor_code(name + 1, &column->which)) {
        column->kind = name[0] == 'p' ? KIND_POSITION : KIND_SALIENCE;
        return 1;
    }
    return 0;
}

/* The slot a column fills; SIZE_MAX while unfilled. */
static size_t *column_slot(deu_reader *r, const deu_column *column)
{
    if (column->kind == KIND_NAMED)
        return &r->named[column->which];
    if (column->kind == KIND_POSITION)
        return &r->position_column[column->which];
    return &r->salience_column[column->which];
}

static int read_header_column(deu_reader *r, size_t k)
{
    char name[64];
    const char *text = field_text(r, k);
    int column = r->fields[k].column;
    size_t n = strlen(text);
    if (n == 0)
        return fail_at(r, PL_ERR_SYNTAX, column, "empty column name in the header");
    if (n >= sizeof name)
        return fail_at(r, PL_ERR_SYNTAX, column, "unknown column \"%.40s...\"", text);
    for (size_t c = 0; c <= n; c++)
        name[c] = (char)((text[c] >= 'A' && text[c] <= 'Z') ? text[c] - 'A' + 'a' : text[c]);
    if (!classify_column(name, &r->columns[k]))
        return fail_at(r, PL_ERR_SYNTAX, column,
                       "unknown column \"%s\" (the DEU III layout has identifier columns, "
                       "intro, finact, p<actor>, s<actor>, rp and out)",
                       text);
    size_t *slot = column_slot(r, &r->columns[k]);
    if (*slot != SIZE_MAX)
        return fail_at(r, PL_ERR_SYNTAX, column, "duplicate column \"%s\"", text);
    *slot = k;
    return PL_OK;
}

/* Every required column present; every salience column with its position column. */
static int check_header(deu_reader *r, int end_column)
{
    for (size_t k = 0; k < REQUIRED_COLUMNS; k++)
        if (r->named[k] == SIZE_MAX)
            return fail_at(r, PL_ERR_SYNTAX, end_column,
                           "missing column \"%s\" (a DEU table needs prnrnmc, isnr, prname, "
                           "counvte, intro, finact, rp and out)",
                           named_columns[k]);
    for (size_t a = 0; a < N_DEU_ACTORS; a++) {
        if (r->salience_column[a] != SIZE_MAX && r->position_column[a] == SIZE_MAX)
            return fail_at(r, PL_ERR_SYNTAX, r->fields[r->salience_column[a]].column,
                           "column \"s%s\" has no position column \"p%s\"", deu_actors[a].code,
                           deu_actors[a].code);
    }
    /* Actors in the order of their position columns. */
    for (size_t k = 0; k < r->n_columns; k++)
        if (r->columns[k].kind == KIND_POSITION)
            r->actor_code[r->n_actors++] = r->columns[k].which;
    if (r->n_actors == 0)
        return fail_at(r, PL_ERR_SYNTAX, 1,
                       "no actor columns (p<actor> and s<actor>, such as pcom and scom)");
    return PL_OK;
}

static int read_header(deu_reader *r, const pl_csv_line *line)
{
    for (size_t k = 0; k < N_NAMED_COLUMNS; k++)
        r->named[k] = SIZE_MAX;
    for (size_t a = 0; a < N_DEU_ACTORS; a++)
        r->position_column[a] = r->salience_column[a] = SIZE_MAX;
    int rc = split_line(r, line);
    if (rc != PL_OK)
        return rc;
    r->n_columns = r->n_fields;
    r->columns = pli_calloc(r->n_columns, sizeof *r->columns);
    if (r->columns == NULL)
        return nomem(r);
    for (size_t k = 0; k < r->n_columns && rc == PL_OK; k++)
        rc = read_header_column(r, k);
    if (rc == PL_OK)
        rc = check_header(r, pli_csv_column(line->text, line->length));
    return rc;
}

/* ---- values ---------------------------------------------------------------------------- */

/* The name of column `k` as the layout spells it ("pde", "out"). */
static const char *column_name(const deu_reader *r, size_t k, char *buffer, size_t size)
{
    const deu_column *column = &r->columns[k];
    if (column->kind == KIND_NAMED)
        return named_columns[column->which];
    snprintf(buffer, size, "%c%s", column->kind == KIND_POSITION ? 'p' : 's',
             deu_actors[column->which].code);
    return buffer;
}

/* Nonzero when the field is DEU's missing value: empty or 999 (as text). */
static int is_missing_text(const char *text)
{
    double x;
    return text[0] == '\0' || (pli_parse_number(text, &x) == 0 && x == DEU_MISSING);
}

/* A number of column `k` on [0, 100] (a decimal comma is accepted); NaN when missing. */
static int read_number(deu_reader *r, size_t k, double *out)
{
    const char *text = field_text(r, k);
    char name[16], copy[64];
    *out = NAN;
    if (text[0] == '\0')
        return PL_OK;
    size_t n = strlen(text);
    if (n < sizeof copy) {
        memcpy(copy, text, n + 1);
        char *comma = strchr(copy, ',');
        if (comma != NULL && strchr(copy, '.') == NULL && strchr(comma + 1, ',') == NULL)
            *comma = '.';
    }
    double x;
    if (n >= sizeof copy || pli_parse_number(copy, &x) != 0)
        return fail_at(r, PL_ERR_SYNTAX, r->fields[k].column,
                       "%s: \"%.40s\" is not a number (expected a number, empty or 999)",
                       column_name(r, k, name, sizeof name), text);
    if (x == DEU_MISSING)
        return PL_OK;
    if (x < DEU_LOW || x > DEU_HIGH)
        return fail_at(r, PL_ERR_INVALID, r->fields[k].column,
                       "%s: %g lies outside the DEU scale [0, 100]",
                       column_name(r, k, name, sizeof name), x);
    *out = x;
    return PL_OK;
}

static int is_leap(long year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* Digits only, exactly `n` of them (n > 0), as a number. */
static int parse_digits(const char *text, size_t n, long *out)
{
    long value = 0;
    for (size_t k = 0; k < n; k++) {
        if (text[k] < '0' || text[k] > '9')
            return 0;
        value = value * 10 + (text[k] - '0');
    }
    *out = value;
    return 1;
}

/*
 * A date DD-MM-YY (or DD-MM-YYYY) as yyyymmdd; 0 when missing. Two-digit
 * years 50-99 are 1950-1999, 00-49 are 2000-2049 (DEU covers 1996 on).
 */
static int read_date(deu_reader *r, size_t k, long *out)
{
    const char *text = field_text(r, k);
    long day, month, year;
    size_t n = strlen(text);
    *out = 0;
    if (is_missing_text(text))
        return PL_OK;
    int shaped = (n == 8 || n == 10) && text[2] == '-' && text[5] == '-' &&
                 parse_digits(text, 2, &day) && parse_digits(text + 3, 2, &month) &&
                 parse_digits(text + 6, n - 6, &year);
    if (shaped && n == 8)
        year += year >= 50 ? 1900 : 2000;
    static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!shaped || month < 1 || month > 12 || day < 1 || day > days[month - 1] ||
        (month == 2 && day == 29 && !is_leap(year)))
        return fail_at(r, PL_ERR_SYNTAX, r->fields[k].column,
                       "%s: \"%.40s\" is not a date (expected DD-MM-YY, empty or 999)",
                       named_columns[r->columns[k].which], text);
    *out = year * 10000 + month * 100 + day;
    return PL_OK;
}

/* The Council voting rule: 1 (or "qmv") qualified majority, 0 (or "unanimity"); missing: QMV. */
static int read_voting_rule(deu_reader *r, size_t k, int *qmv)
{
    const char *text = field_text(r, k);
    *qmv = 1;
    if (is_missing_text(text) || strcmp(text, "1") == 0 || strcasecmp(text, "qmv") == 0)
        return PL_OK;
    if (strcmp(text, "0") == 0 || strcasecmp(text, "unanimity") == 0) {
        *qmv = 0;
        return PL_OK;
    }
    return fail_at(r, PL_ERR_SYNTAX, r->fields[k].column,
                   "counvte: \"%.40s\" is not a Council voting rule (expected 1 = qualified "
                   "majority, 0 = unanimity, empty or 999)",
                   text);
}

/* ---- rows ------------------------------------------------------------------------------ */

/* Capability of actor `code` on a row (docs/backtest.md, "Capability"). */
static double row_capability(const deu_reader *r, size_t code, int qmv, long date)
{
    if (r->capability == PL_DEU_CAPABILITY_EQUAL || !qmv)
        return 1;
    const deu_actor *actor = &deu_actors[code];
    /* Without a date, the Nice weights: the DEU III proposals are mostly of that era. */
    int nice = date == 0 || date >= NICE_START;
    int weight = nice ? actor->nice : actor->before_nice;
    if (weight < 0)
        return nice ? NICE_LARGEST : BEFORE_NICE_LARGEST;
    if (weight == 0)
        return BEFORE_NICE_SMALLEST;
    return weight;
}

/* Values of row `row` (0-based): per actor position, salience, capability. */
static double *row_values(deu_reader *r, size_t row)
{
    return r->values + row * r->n_actors * 3;
}

/* Read every actor's position and salience on the current row. */
static int read_stances(deu_reader *r, size_t row, int qmv, long date)
{
    if (pli_grow((void **)&r->values, &r->values_capacity, (row + 1) * r->n_actors * 3,
                 sizeof *r->values) != PL_OK)
        return nomem(r);
    double *values = row_values(r, row);
    for (size_t a = 0; a < r->n_actors; a++) {
        size_t code = r->actor_code[a];
        double position, salience = NAN;
        int rc = read_number(r, r->position_column[code], &position);
        if (rc == PL_OK && r->salience_column[code] != SIZE_MAX)
            rc = read_number(r, r->salience_column[code], &salience);
        if (rc != PL_OK)
            return rc;
        if (isnan(salience))
            salience = DEU_DEFAULT_SALIENCE;
        values[3 * a] = position;
        values[3 * a + 1] = salience / 100;
        values[3 * a + 2] = row_capability(r, code, qmv, date);
    }
    return PL_OK;
}

/* "2005-03-14" for yyyymmdd. */
static void iso_date(long date, char *buffer, size_t size)
{
    snprintf(buffer, size, "%04ld-%02ld-%02ld", date / 10000, date / 100 % 100, date % 100);
}

/* The issue's name ("<prname>, issue <isnr>") and description (dates and voting rule). */
static int describe_issue(deu_reader *r, pl_issue *issue, long intro, long finact, int qmv)
{
    const char *title = field_text(r, r->named[COL_PRNAME]);
    const char *number = field_text(r, r->named[COL_ISNR]);
    char text[PL_DIAG_MESSAGE_MAX], date[48]; /* room for any long year */
    size_t n = 0;
    if (title[0] != '\0') {
        snprintf(text, sizeof text, "%s, issue %s", title, number);
        if (pl_scenario_set_string(&issue->name, text) != PL_OK)
            return nomem(r);
    }
    if (intro != 0) {
        iso_date(intro, date, sizeof date);
        n += (size_t)snprintf(text + n, sizeof text - n, "introduced %s; ", date);
    }
    if (finact != 0) {
        iso_date(finact, date, sizeof date);
        n += (size_t)snprintf(text + n, sizeof text - n, "adopted %s; ", date);
    }
    snprintf(text + n, sizeof text - n, "Council votes by %s",
             qmv ? "qualified majority" : "unanimity");
    if (pl_scenario_set_string(&issue->description, text) != PL_OK)
        return nomem(r);
    return PL_OK;
}

/* Add the row's issue, "<prnrnmc>-<isnr>", unless its id was seen already. */
static int add_issue(deu_reader *r, size_t *index)
{
    size_t key = r->named[COL_PRNRNMC], number = r->named[COL_ISNR];
    const char *proposal = field_text(r, key), *issue = field_text(r, number);
    if (proposal[0] == '\0')
        return fail_at(r, PL_ERR_SYNTAX, r->fields[key].column, "prnrnmc: must not be empty");
    if (issue[0] == '\0')
        return fail_at(r, PL_ERR_SYNTAX, r->fields[number].column, "isnr: must not be empty");
    char *id = pli_malloc(strlen(proposal) + strlen(issue) + 2);
    if (id == NULL)
        return nomem(r);
    sprintf(id, "%s-%s", proposal, issue);
    int rc = pl_scenario_add_continuous_issue(r->scenario, id, NULL, DEU_LOW, DEU_HIGH, index);
    pli_free(id);
    if (rc != PL_OK)
        return nomem(r);
    int earlier = 0;
    rc = pli_name_set_add(&r->ids, r->scenario->issues[*index].id, *index, r->line, &earlier,
                          NULL);
    if (rc == PL_ERR_NOMEM)
        return nomem(r);
    if (rc == 0)
        return fail_at(r, PL_ERR_INVALID, r->fields[key].column,
                       "duplicate issue \"%s\" (prnrnmc and isnr as on line %d)",
                       r->scenario->issues[*index].id, earlier);
    return PL_OK;
}

static int read_row(deu_reader *r, size_t row)
{
    if (r->n_fields != r->n_columns) {
        int column = r->n_fields > r->n_columns ? r->fields[r->n_columns].column
                                                : r->fields[r->n_fields - 1].column;
        return fail_at(r, PL_ERR_SYNTAX, column, "the row has %zu fields, the header %zu",
                       r->n_fields, r->n_columns);
    }
    size_t index;
    long intro, finact;
    int qmv;
    double reference, outcome;
    int rc = add_issue(r, &index);
    if (rc == PL_OK)
        rc = read_date(r, r->named[COL_INTRO], &intro);
    if (rc == PL_OK)
        rc = read_date(r, r->named[COL_FINACT], &finact);
    if (rc == PL_OK)
        rc = read_voting_rule(r, r->named[COL_COUNVTE], &qmv);
    if (rc == PL_OK)
        rc = read_number(r, r->named[COL_RP], &reference);
    if (rc == PL_OK)
        rc = read_number(r, r->named[COL_OUT], &outcome);
    if (rc == PL_OK)
        rc = read_stances(r, row, qmv, finact != 0 ? finact : intro);
    if (rc != PL_OK)
        return rc;
    pl_issue *issue = &r->scenario->issues[index];
    issue->has_reference = !isnan(reference);
    issue->reference = issue->has_reference ? reference : 0;
    issue->has_outcome = !isnan(outcome);
    issue->outcome = issue->has_outcome ? outcome : 0;
    return describe_issue(r, issue, intro, finact, qmv);
}

/* ---- the scenario ---------------------------------------------------------------------- */

/* Add the header's actors, then their stances on every row. */
static int add_actors_and_stances(deu_reader *r)
{
    pl_scenario *s = r->scenario;
    for (size_t a = 0; a < r->n_actors; a++) {
        const deu_actor *actor = &deu_actors[r->actor_code[a]];
        if (pl_scenario_add_actor(s, actor->code, actor->name, 1, NULL) != PL_OK)
            return nomem(r);
    }
    for (size_t i = 0; i < s->n_issues; i++) {
        const double *values = row_values(r, i);
        for (size_t a = 0; a < r->n_actors; a++) {
            if (isnan(values[3 * a]))
                continue;
            if (pl_scenario_set_position(s, a, i, values[3 * a], values[3 * a + 1]) != PL_OK)
                return nomem(r);
            pl_stance *stance = pl_scenario_stance(s, a, i);
            stance->has_capability = r->capability == PL_DEU_CAPABILITY_COUNCIL;
            stance->capability = values[3 * a + 2];
        }
    }
    return PL_OK;
}

static int describe_scenario(deu_reader *r, const char *source)
{
    pl_scenario *s = r->scenario;
    char *stem = pli_source_stem(source);
    int rc = stem == NULL ? PL_ERR_NOMEM : PL_OK;
    if (rc == PL_OK && stem[0] != '\0')
        rc = pl_scenario_set_string(&s->id, stem);
    pli_free(stem);
    if (rc == PL_OK)
        rc = pl_scenario_set_string(&s->format, "deu");
    if (rc == PL_OK)
        rc = pl_scenario_add_source(
            s, "Decision-making in the European Union (DEU III), Arregui and Perarnaud, "
               "CC BY 4.0");
    if (rc == PL_OK)
        rc = pl_scenario_add_caveat(
            s, r->capability == PL_DEU_CAPABILITY_EQUAL
                   ? "capability: every actor counts the same"
                   : "capability: Council voting weights of the period under qualified "
                     "majority (Commission and Parliament: the largest state's), equal under "
                     "unanimity");
    if (rc == PL_OK)
        rc = pl_scenario_add_caveat(s, "each row is a separate negotiation; salience 50 where "
                                       "a position has no salience");
    s->provenance.judgements |= (1u << PL_QUANTITY_POSITION) | (1u << PL_QUANTITY_SALIENCE);
    return rc == PL_OK ? PL_OK : nomem(r);
}

static int read_table(deu_reader *r, const char *data, size_t size)
{
    pl_csv_cursor cursor;
    pl_csv_line line;
    pli_csv_begin(&cursor, data, size);
    int header = 0, rc = PL_OK;
    size_t rows = 0;
    while (rc == PL_OK && pli_csv_next_line(&cursor, &line)) {
        if (pli_csv_line_is_blank(&line))
            continue;
        if (!header) {
            header = 1;
            rc = read_header(r, &line);
        } else if ((rc = split_line(r, &line)) == PL_OK) {
            rc = read_row(r, rows++);
        }
    }
    r->line = cursor.line + 1;
    if (rc == PL_OK && !header)
        return fail_at(r, PL_ERR_SYNTAX, 1,
                       "empty file: expected a DEU III header (prnrnmc;isnrnmc;...)");
    if (rc == PL_OK && rows == 0)
        return fail_at(r, PL_ERR_SYNTAX, 1, "no rows after the header");
    return rc;
}

int pl_read_deu_with(const char *source, const char *data, size_t size,
                     pl_deu_capability capability, pl_scenario **out, pl_diag *diag)
{
    deu_reader r;
    memset(&r, 0, sizeof r);
    r.diag = diag;
    r.capability = capability;
    /* An unknown capability rule is refused as a missing output is. */
    int known = capability == PL_DEU_CAPABILITY_COUNCIL || capability == PL_DEU_CAPABILITY_EQUAL;
    int rc = pli_reader_begin(source, data, size, known ? out : NULL, &r.scenario, diag);
    if (rc == PL_ERR_ARGUMENT)
        return rc;
    if (rc == PL_OK)
        rc = read_table(&r, data, size);
    if (rc == PL_OK)
        rc = add_actors_and_stances(&r);
    if (rc == PL_OK)
        rc = describe_scenario(&r, source);
    pli_free(r.columns);
    pli_free(r.buffer);
    pli_free(r.fields);
    pli_free(r.values);
    pli_name_set_free(&r.ids);
    return pli_reader_finish(rc, r.scenario, out, diag);
}

int pl_read_deu(const char *source, const char *data, size_t size, pl_scenario **out,
                pl_diag *diag)
{
    return pl_read_deu_with(source, data, size, PL_DEU_CAPABILITY_COUNCIL, out, diag);
}
