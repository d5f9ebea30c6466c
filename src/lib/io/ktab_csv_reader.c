/*
 * ktab_csv_reader.c - KTAB spatial-model tables.
 *
 * The file syntax and its checks are those of docs/specs/ktab-smp.md section 1
 * ("Input (CSV) and normalisation"): line 1 `name,description,N,D`, line 2
 * the column names, then N actor lines `name,description,capability` and D
 * pairs (position 0-100, salience 0-100). parley keeps positions on KTAB's
 * 0-100 scale (issues on [0, 100]) and stores saliences divided by 100.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/parse/csv.h"
#include "core/internal.h"
#include "parley/limits.h"

/* parley's own limits on absurd counts (KTAB itself runs 3 to 250 actors). */
#define KTAB_MAX_ACTORS PL_LIMIT_DEFAULT_ACTORS /* parley/limits.h */
#define KTAB_MAX_DIMENSIONS PL_LIMIT_DEFAULT_ISSUES
/* Section 1: "0 <= c_i <= 1e8"; parley also needs c_i > 0. */
#define KTAB_MAX_CAPABILITY 1e8

typedef struct ktab_reader {
    pl_diag *diag;
    pl_csv_cursor cursor;
    pl_csv_line line;
    pl_csv_row row;
    pl_scenario *scenario;
    pl_name_set actor_names;
    pl_name_set issue_ids;
    size_t n_actors, n_dimensions;
} ktab_reader;

static int fail(ktab_reader *r, int status, int column, const char *message)
{
    return pl_diag_set(r->diag, status, r->row.line, column, "%s", message);
}

static int out_of_memory(ktab_reader *r)
{
    return pl_diag_set(r->diag, PL_ERR_NOMEM, r->line.number, 0, "out of memory");
}

/* A numeric field (section 1: "A field that is empty or not numeric is an error"). */
static int read_number(ktab_reader *r, const pl_csv_field *field, const char *what,
                       double *out)
{
    if (field->text[0] == '\0')
        return pl_diag_set(r->diag, PL_ERR_INVALID, r->row.line, field->column,
                           "%s is missing", what);
    if (pli_parse_number(field->text, out) != 0)
        return pl_diag_set(r->diag, PL_ERR_INVALID, r->row.line, field->column,
                           "%s \"%.40s\" is not a number", what, field->text);
    return PL_OK;
}

/* N or D on line 1: a whole number from 1 to `limit`. */
static int read_count(ktab_reader *r, const pl_csv_field *field, const char *what,
                      double limit, size_t *out)
{
    double value;
    int rc = read_number(r, field, what, &value);
    if (rc != PL_OK)
        return rc;
    if (value > limit)
        return pl_diag_set(r->diag, PL_ERR_LIMIT, r->row.line, field->column,
                           "%s %.40s exceeds parley's limit of %.0f", what, field->text, limit);
    if (value < 1 || value != floor(value))
        return pl_diag_set(r->diag, PL_ERR_INVALID, r->row.line, field->column,
                           "%s %.40s must be a whole number of at least 1", what,
                           field->text);
    *out = (size_t)value;
    return PL_OK;
}

/* The next line that belongs to the table, split; PL_ERR_NOT_FOUND past a blank line or the end. */
static int next_row(ktab_reader *r, size_t max_fields)
{
    if (!pli_csv_next_line(&r->cursor, &r->line)) {
        r->line.number = r->cursor.line + 1;
        r->row.line = r->line.number;
        return PL_ERR_NOT_FOUND;
    }
    r->row.line = r->line.number;
    /* Section 1: "Reading stops at the first blank line." */
    if (pli_csv_line_is_blank(&r->line))
        return PL_ERR_NOT_FOUND;
    return pli_csv_split(&r->line, max_fields, &r->row, r->diag);
}

static int set_title(ktab_reader *r, const char *name, const char *description,
                     const char *source)
{
    pl_scenario *s = r->scenario;
    char *stem = name[0] != '\0' ? pli_strdup(name) : pli_source_stem(source);
    int rc = stem == NULL ? PL_ERR_NOMEM : PL_OK;
    const char *id = stem != NULL && stem[0] != '\0' ? stem : "ktab";
    if (rc == PL_OK)
        rc = pl_scenario_set_string(&s->id, id);
    if (rc == PL_OK)
        rc = pl_scenario_set_string(&s->name, id);
    if (rc == PL_OK && description[0] != '\0')
        rc = pl_scenario_set_string(&s->provenance.description, description);
    if (rc == PL_OK)
        rc = pl_scenario_set_string(&s->format, "ktab-csv");
    pli_free(stem);
    return rc == PL_OK ? PL_OK : out_of_memory(r);
}

/* Line 1: scenario name, description, N, D; later fields are ignored (section 1). */
static int read_title_line(ktab_reader *r, const char *source)
{
    int rc = next_row(r, 4);
    if (rc == PL_ERR_NOT_FOUND)
        return fail(r, PL_ERR_SYNTAX, 1,
                    "line 1 is empty; expected: scenario name, description, number of "
                    "actors, number of dimensions");
    if (rc != PL_OK)
        return rc;
    if (r->row.count < 4)
        return pl_diag_set(r->diag, PL_ERR_SYNTAX, r->row.line, r->row.end_column,
                           "line 1 has %zu fields, expected 4 (scenario name, description, "
                           "number of actors, number of dimensions)",
                           r->row.count);
    const pl_csv_field *f = r->row.fields;
    if ((rc = read_count(r, &f[2], "number of actors", KTAB_MAX_ACTORS, &r->n_actors)) ||
        (rc = read_count(r, &f[3], "number of dimensions", KTAB_MAX_DIMENSIONS,
                         &r->n_dimensions)))
        return rc;
    return set_title(r, f[0].text, f[1].text, source);
}

/* Add issue d, on KTAB's scale [0, 100]; its label names it ("dimD" when unusable). */
static int add_dimension(ktab_reader *r, size_t d, const char *label)
{
    char buffer[64];
    const char *id = pli_pick_id(&r->issue_ids, label, "dim", d, buffer, sizeof buffer);
    const char *name = label[0] != '\0' && !pli_has_control_character(label) ? label : id;
    size_t index;
    if (pl_scenario_add_continuous_issue(r->scenario, id, name, 0.0, 100.0, &index) != PL_OK ||
        pli_name_set_add(&r->issue_ids, r->scenario->issues[index].id, index, r->row.line, NULL,
                         NULL) < 0)
        return out_of_memory(r);
    return PL_OK;
}

/* Line 2: the header; fields 4, 6, 8, ... name the dimensions (section 1). */
static int read_header_line(ktab_reader *r)
{
    size_t n_fields = 3 + 2 * r->n_dimensions;
    int rc = next_row(r, n_fields);
    if (rc == PL_ERR_NOT_FOUND)
        return fail(r, PL_ERR_SYNTAX, 1, "expected the header line (column names) on line 2");
    if (rc != PL_OK)
        return rc;
    for (size_t d = 0; d < r->n_dimensions; d++) {
        size_t k = 3 + 2 * d;
        rc = add_dimension(r, d, k < r->row.count ? r->row.fields[k].text : "");
        if (rc != PL_OK)
            return rc;
    }
    return PL_OK;
}

static int add_actor(ktab_reader *r, double capability, size_t *index)
{
    const pl_csv_field *f = r->row.fields;
    pl_scenario *s = r->scenario;
    if (pl_scenario_add_actor(s, f[0].text, f[0].text, capability, index) != PL_OK)
        return out_of_memory(r);
    if (f[1].text[0] != '\0' &&
        pl_scenario_set_string(&s->actors[*index].description, f[1].text) != PL_OK)
        return out_of_memory(r);
    int earlier = 0;
    int rc = pli_name_set_add(&r->actor_names, s->actors[*index].id, *index, r->row.line,
                              &earlier, NULL);
    if (rc < 0)
        return out_of_memory(r);
    if (rc == 0)
        return pl_diag_set(r->diag, PL_ERR_INVALID, r->row.line, f[0].column,
                           "duplicate actor name \"%.60s\" (also on line %d)", f[0].text,
                           earlier);
    return PL_OK;
}

/* Name and capability (section 1: 0 <= c <= 1e8; parley needs c > 0). */
static int read_actor_head(ktab_reader *r, size_t *index)
{
    const pl_csv_field *f = r->row.fields;
    if (f[0].text[0] == '\0')
        return fail(r, PL_ERR_INVALID, f[0].column, "actor name is empty");
    if (pli_has_control_character(f[0].text))
        return fail(r, PL_ERR_INVALID, f[0].column, "actor name contains a control character");
    double capability;
    int rc = read_number(r, &f[2], "capability", &capability);
    if (rc != PL_OK)
        return rc;
    if (capability <= 0)
        return pl_diag_set(r->diag, PL_ERR_INVALID, r->row.line, f[2].column,
                           "capability %.40s must be positive", f[2].text);
    if (capability > KTAB_MAX_CAPABILITY)
        return pl_diag_set(r->diag, PL_ERR_INVALID, r->row.line, f[2].column,
                           "capability %.40s exceeds KTAB's maximum of 100000000", f[2].text);
    return add_actor(r, capability, index);
}

static int read_percentage(ktab_reader *r, const pl_csv_field *field, const char *what,
                           double *out)
{
    int rc = read_number(r, field, what, out);
    if (rc == PL_OK && !(*out >= 0 && *out <= 100))
        rc = pl_diag_set(r->diag, PL_ERR_INVALID, r->row.line, field->column,
                         "%s %.40s is outside 0-100", what, field->text);
    return rc;
}

/* The D (position, salience) pairs of one actor line (section 1 checks and normalisation). */
static int read_stances(ktab_reader *r, size_t actor)
{
    double total = 0.0;
    for (size_t d = 0; d < r->n_dimensions; d++) {
        const pl_csv_field *fx = &r->row.fields[3 + 2 * d], *fs = fx + 1;
        double position, salience;
        int rc = read_percentage(r, fx, "position", &position);
        if (rc == PL_OK)
            rc = read_percentage(r, fs, "salience", &salience);
        if (rc != PL_OK)
            return rc;
        /* Section 1: "The running total of salience, added in d order, must not exceed 100." */
        total += salience;
        if (total > 100.0)
            return pl_diag_set(r->diag, PL_ERR_INVALID, r->row.line, fs->column,
                               "saliences of actor \"%.60s\" add up to %.10g, more than 100",
                               r->row.fields[0].text, total);
        /* Positions stay on 0-100; saliences become s = salience / 100.0, one division. */
        if (pl_scenario_set_position(r->scenario, actor, d, position, salience / 100.0) != PL_OK)
            return out_of_memory(r);
    }
    return PL_OK;
}

/* Lines 3 ... N + 2: one actor each; lines after them are ignored (section 1). */
static int read_actor_lines(ktab_reader *r)
{
    size_t n_fields = 3 + 2 * r->n_dimensions;
    for (size_t a = 0; a < r->n_actors; a++) {
        int rc = next_row(r, n_fields);
        if (rc == PL_ERR_NOT_FOUND)
            return pl_diag_set(r->diag, PL_ERR_SYNTAX, r->row.line, 1,
                               "expected %zu actor lines, found %zu", r->n_actors, a);
        if (rc != PL_OK)
            return rc;
        if (r->row.count < n_fields)
            return pl_diag_set(r->diag, PL_ERR_SYNTAX, r->row.line, r->row.end_column,
                               "actor line has %zu fields, expected %zu (name, description, "
                               "capability and %zu position-salience pairs)",
                               r->row.count, n_fields, r->n_dimensions);
        size_t index;
        if ((rc = read_actor_head(r, &index)) != PL_OK || (rc = read_stances(r, index)) != PL_OK)
            return rc;
    }
    return PL_OK;
}

int pl_read_ktab_csv(const char *source, const char *data, size_t size, pl_scenario **out,
                     pl_diag *diag)
{
    ktab_reader r;
    memset(&r, 0, sizeof r);
    r.diag = diag;
    int rc = pli_reader_begin(source, data, size, out, &r.scenario, diag);
    if (rc == PL_ERR_ARGUMENT)
        return rc;
    pli_csv_begin(&r.cursor, data, size);
    if (rc == PL_OK && (rc = read_title_line(&r, source)) == PL_OK &&
        (rc = read_header_line(&r)) == PL_OK)
        rc = read_actor_lines(&r);
    pli_csv_row_free(&r.row);
    pli_name_set_free(&r.actor_names);
    pli_name_set_free(&r.issue_ids);
    return pli_reader_finish(rc, r.scenario, out, diag);
}
