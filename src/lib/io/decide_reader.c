/*
 * decide_reader.c - reads Decide exchange-model files (docs/specs/exchange.md section 1).
 *
 * Rows (split by decide_tokens.c), one per line, tab-separated, first field a tag:
 *   #A  id, full name, comment                 an actor; row order = actor order
 *   #P  id, name, description                  an issue; row order = issue order
 *   #M  issue id, value, description           a point of the issue's scale
 *   #D  actor id, issue id, position, salience, power, comment
 *   #/  #O                                     comments, ignored
 * Extra fields after a row's last text field are joined to it with spaces, as
 * Decide does; too few fields is an error.
 *
 * Declaration order: declare-anywhere. Decide collects every row before it
 * resolves references, so a #M or #D row may come before the #A or #P row it
 * names, provided that row is somewhere in the file. The reader makes three
 * passes: #A and #P rows (checking the syntax of every row), then #M rows,
 * then #D rows. Errors of an earlier pass are reported first.
 *
 * Rules (section 1 unless noted):
 * - issue bounds: the smallest and largest #M value; 0 and 100 without #M
 *   rows. A single #M row, or #M rows that all agree, leave no range: error.
 *   (Decide takes the first #M row as lower and mishandles a later, smaller
 *   one; parley takes the true minimum.)
 * - a position outside its issue's bounds is an error;
 * - salience and power (per actor and issue) must lie in (0, 1]: Decide's
 *   model uses them as numbers in [0, 1], and a zero makes it divide by zero
 *   when the actor supplies the issue (section 9, option X6: parley rejects);
 * - an actor may lack a #D row for an issue (no stance there), but an actor
 *   with no #D row at all has no power: error;
 * - unknown or duplicate ids, and a second #D row for the same actor and
 *   issue, are errors.
 *
 * Mapping into pl_scenario: actors in #A order (name: the full name, else
 * the id; description: the comment, if any); continuous issues in #P order
 * on [lower, upper] (description if any; #M rows with a description become
 * labelled scale points); stances as read. Decide's power is per issue: an
 * actor's capability is its power on the first issue (in issue order) where
 * it has a #D row, and a stance whose power differs carries its own
 * capability (has_capability). Scenario id and name: the base name of
 * `source` without directory and extension; format "decide".
 */
#include <stdlib.h>
#include <string.h>

#include "io/decide_tokens.h"
#include "core/internal.h"
#include "parley/limits.h"

/* Sizes beyond these are refused (PL_ERR_LIMIT), not attempted. */
#define DECIDE_MAX_ACTORS PL_LIMIT_DEFAULT_ACTORS /* parley/limits.h */
#define DECIDE_MAX_ISSUES PL_LIMIT_DEFAULT_ISSUES
#define DECIDE_MAX_CELLS 1000000  /* actors x issues: the stance matrix */
#define DECIDE_MAX_LABELS 100000  /* #M rows with a description */

/* An #A or #P row. */
typedef struct decide_entry {
    const char *line;   /* the row, to read its other fields when building */
    size_t length;
    int line_no;
    const char *id;     /* the id field, inside the input */
    size_t id_length;
    int id_column;
    size_t index;       /* position among the rows of its tag */
} decide_entry;

/* The actors or the issues of a file. */
typedef struct decide_list {
    const char *what;       /* "actor" or "issue" */
    size_t limit;
    decide_entry *rows;     /* in row order */
    decide_entry *sorted;   /* by id, for lookups */
    size_t count, capacity;
} decide_list;

typedef struct decide_reader {
    const char *data;
    size_t size;
    pl_diag *diag;
    pl_scenario *scenario;
    decide_list actors, issues;
    size_t n_labels;
    double *low, *high;     /* per issue: smallest and largest #M value */
    size_t *marks;          /* per issue: number of #M rows */
    int *mark_line;         /* per issue: line of its first #M row */
    int *data_line;         /* per actor x issue: line of its #D row, 0 when none */
} decide_reader;

/* A text to quote in a message: use with "%.*s". */
#define SHOW(text, length) pli_decide_shown((text), (length)), (text)
#define SHOW_FIELD(field) SHOW((field)->text, (field)->length)

static int out_of_memory(decide_reader *r)
{
    return pl_diag_set(r->diag, PL_ERR_NOMEM, 0, 0, "out of memory");
}

static int compare_entries(const void *x, const void *y)
{
    const decide_entry *a = x, *b = y;
    int c = pli_decide_compare(a->id, a->id_length, b->id, b->id_length);
    if (c != 0)
        return c;
    return (a->index > b->index) - (a->index < b->index);
}

/* Binary search of `list` for the id in `field`. */
static int lookup(const decide_list *list, const pl_decide_field *field, size_t *index)
{
    size_t low = 0, high = list->count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        const decide_entry *e = &list->sorted[middle];
        int c = pli_decide_compare(e->id, e->id_length, field->text, field->length);
        if (c == 0) {
            *index = e->index;
            return PL_OK;
        }
        if (c < 0)
            low = middle + 1;
        else
            high = middle;
    }
    return PL_ERR_NOT_FOUND;
}

/* ---- pass 1: the syntax of every row; #A and #P rows ---------------------------------- */

static int add_entry(decide_reader *r, decide_list *list, const pl_decide_row *row,
                     size_t other_count)
{
    const pl_decide_field *id = &row->fields[0];
    if (id->length == 0)
        return pl_diag_set(r->diag, PL_ERR_INVALID, row->line, id->column, "empty %s id",
                           list->what);
    if (list->count >= list->limit)
        return pl_diag_set(r->diag, PL_ERR_LIMIT, row->line, 1,
                           "more than %zu %ss: parley refuses a file this large", list->limit,
                           list->what);
    if (other_count > 0 && list->count + 1 > DECIDE_MAX_CELLS / other_count)
        return pl_diag_set(r->diag, PL_ERR_LIMIT, row->line, 1,
                           "more than %d actor-issue pairs: parley refuses a file this large",
                           DECIDE_MAX_CELLS);
    if (pli_grow((void **)&list->rows, &list->capacity, list->count + 1, sizeof *list->rows))
        return out_of_memory(r);
    decide_entry *e = &list->rows[list->count];
    e->line = row->start;
    e->length = row->length;
    e->line_no = row->line;
    e->id = id->text;
    e->id_length = id->length;
    e->id_column = id->column;
    e->index = list->count++;
    return PL_OK;
}

static int collect_declarations(decide_reader *r)
{
    pl_decide_cursor cursor;
    pl_decide_row row;
    int rc;
    pli_decide_cursor_init(&cursor, r->data, r->size);
    while ((rc = pli_decide_next_row(&cursor, &row, r->diag)) > 0) {
        if (row.tag == PL_DECIDE_ACTOR)
            rc = add_entry(r, &r->actors, &row, r->issues.count);
        else if (row.tag == PL_DECIDE_ISSUE)
            rc = add_entry(r, &r->issues, &row, r->actors.count);
        else
            rc = PL_OK;
        if (rc != PL_OK)
            return rc;
    }
    return rc;
}

/* Sort a list's ids for lookups; report the repeated id that comes first in the file. */
static int index_ids(decide_reader *r, decide_list *list)
{
    list->sorted = pli_malloc(list->count * sizeof *list->sorted);
    if (list->sorted == NULL)
        return out_of_memory(r);
    memcpy(list->sorted, list->rows, list->count * sizeof *list->sorted);
    qsort(list->sorted, list->count, sizeof *list->sorted, compare_entries);
    const decide_entry *first = NULL, *repeat = NULL;
    size_t run = 0; /* the first entry of the current run of equal ids */
    for (size_t k = 1; k < list->count; k++) {
        const decide_entry *a = &list->sorted[run], *e = &list->sorted[k];
        if (pli_decide_compare(a->id, a->id_length, e->id, e->id_length) != 0) {
            run = k;
        } else if (repeat == NULL || e->line_no < repeat->line_no) {
            repeat = e;
            first = a;
        }
    }
    if (repeat == NULL)
        return PL_OK;
    return pl_diag_set(r->diag, PL_ERR_INVALID, repeat->line_no, repeat->id_column,
                       "duplicate %s id \"%.*s\" (first declared at line %d)", list->what,
                       SHOW(repeat->id, repeat->id_length), first->line_no);
}

static int check_declarations(decide_reader *r)
{
    if (r->actors.count == 0)
        return pl_diag_set(r->diag, PL_ERR_INVALID, 1, 1,
                           "no #A row: a Decide file declares its actors with #A rows");
    if (r->issues.count == 0)
        return pl_diag_set(r->diag, PL_ERR_INVALID, 1, 1,
                           "no #P row: a Decide file declares its issues with #P rows");
    int rc = index_ids(r, &r->actors);
    return rc != PL_OK ? rc : index_ids(r, &r->issues);
}

/* ---- building actors and issues ------------------------------------------------------ */

typedef struct decide_texts {
    char *id, *name, *description;
} decide_texts;

static void free_texts(decide_texts *t)
{
    pli_free(t->id);
    pli_free(t->name);
    pli_free(t->description);
}

/* The id, name (the id when empty) and description (NULL when empty) of an #A or #P row. */
static int entry_texts(decide_reader *r, const decide_entry *e, decide_texts *t)
{
    pl_decide_row row;
    memset(t, 0, sizeof *t);
    int rc = pli_decide_parse_row(e->line, e->length, e->line_no, &row, r->diag);
    if (rc != PL_OK)
        return rc; /* not reached: pass 1 parsed the same row */
    const pl_decide_field *name = row.n_fields > 1 ? &row.fields[1] : &row.fields[0];
    if (name->length == 0)
        name = &row.fields[0];
    t->id = pli_strndup(e->id, e->id_length);
    t->name = pli_strndup(name->text, name->length);
    t->description = pli_decide_join(&row, 2);
    if (t->id == NULL || t->name == NULL || t->description == NULL) {
        free_texts(t);
        return out_of_memory(r);
    }
    if (t->description[0] == '\0') {
        pli_free(t->description);
        t->description = NULL;
    }
    return PL_OK;
}

/*
 * Issues go in before actors: pl_scenario_add_continuous_issue() copies the
 * whole stance matrix, which is empty while there are no actors yet.
 * Bounds and capabilities are placeholders until passes 2 and 3.
 */
static int build_issues(decide_reader *r)
{
    pl_scenario *s = r->scenario;
    for (size_t i = 0; i < r->issues.count; i++) {
        decide_texts t;
        int rc = entry_texts(r, &r->issues.rows[i], &t);
        if (rc != PL_OK)
            return rc;
        rc = pl_scenario_add_continuous_issue(s, t.id, t.name, 0.0, 100.0, NULL);
        if (rc == PL_OK && t.description != NULL)
            rc = pl_scenario_set_string(&s->issues[i].description, t.description);
        free_texts(&t);
        if (rc != PL_OK)
            return out_of_memory(r);
    }
    return PL_OK;
}

static int build_actors(decide_reader *r)
{
    pl_scenario *s = r->scenario;
    for (size_t a = 0; a < r->actors.count; a++) {
        decide_texts t;
        int rc = entry_texts(r, &r->actors.rows[a], &t);
        if (rc != PL_OK)
            return rc;
        rc = pl_scenario_add_actor(s, t.id, t.name, 1.0, NULL);
        if (rc == PL_OK && t.description != NULL)
            rc = pl_scenario_set_string(&s->actors[a].description, t.description);
        free_texts(&t);
        if (rc != PL_OK)
            return out_of_memory(r);
    }
    return PL_OK;
}

/* Scenario id and name: the base name of `source` without its directory and extension. */
static int set_names(decide_reader *r, const char *source)
{
    const char *base = source != NULL ? source : "";
    for (const char *p = base; *p != '\0'; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    const char *dot = strrchr(base, '.');
    size_t n = dot != NULL && dot != base ? (size_t)(dot - base) : strlen(base);
    char *id = n > 0 ? pli_strndup(base, n) : pli_strdup("decide");
    pl_scenario *s = r->scenario;
    int rc = id == NULL ? PL_ERR_NOMEM : pl_scenario_set_string(&s->id, id);
    if (rc == PL_OK)
        rc = pl_scenario_set_string(&s->name, id);
    if (rc == PL_OK)
        rc = pl_scenario_set_string(&s->format, "decide");
    pli_free(id);
    return rc != PL_OK ? out_of_memory(r) : PL_OK;
}

static int create_scenario(decide_reader *r, const char *source)
{
    size_t n_issues = r->issues.count, cells = r->actors.count * n_issues;
    r->low = pli_calloc(n_issues, sizeof *r->low);
    r->high = pli_calloc(n_issues, sizeof *r->high);
    r->marks = pli_calloc(n_issues, sizeof *r->marks);
    r->mark_line = pli_calloc(n_issues, sizeof *r->mark_line);
    r->data_line = pli_calloc(cells, sizeof *r->data_line);
    if (r->low == NULL || r->high == NULL || r->marks == NULL || r->mark_line == NULL ||
        r->data_line == NULL)
        return out_of_memory(r);
    int rc = set_names(r, source);
    if (rc == PL_OK)
        rc = build_issues(r);
    return rc != PL_OK ? rc : build_actors(r);
}

/* ---- passes 2 and 3: #M and #D rows ------------------------------------------------- */

static int read_number(decide_reader *r, int line, const pl_decide_field *field,
                       const char *what, double *out)
{
    if (field->length == 0)
        return pl_diag_set(r->diag, PL_ERR_INVALID, line, field->column, "%s is empty", what);
    if (pli_decide_number(field, out) == 0)
        return PL_OK;
    if (memchr(field->text, ',', field->length) != NULL)
        return pl_diag_set(r->diag, PL_ERR_INVALID, line, field->column,
                           "%s \"%.*s\" is not a number (write a decimal point, not a comma)",
                           what, SHOW_FIELD(field));
    return pl_diag_set(r->diag, PL_ERR_INVALID, line, field->column,
                       "%s \"%.*s\" is not a number", what, SHOW_FIELD(field));
}

/* #M: issue id, value, description. The bounds are settled in set_bounds(). */
static int read_scale_row(decide_reader *r, const pl_decide_row *row)
{
    const pl_decide_field *issue = &row->fields[0];
    size_t i;
    double value;
    if (lookup(&r->issues, issue, &i) != PL_OK)
        return pl_diag_set(r->diag, PL_ERR_INVALID, row->line, issue->column,
                           "#M row names unknown issue \"%.*s\" (no #P row declares it)",
                           SHOW_FIELD(issue));
    int rc = read_number(r, row->line, &row->fields[1], "scale value", &value);
    if (rc != PL_OK)
        return rc;
    if (r->marks[i]++ == 0) {
        r->low[i] = r->high[i] = value;
        r->mark_line[i] = row->line;
    } else if (value < r->low[i]) {
        r->low[i] = value;
    } else if (value > r->high[i]) {
        r->high[i] = value;
    }
    char *label = pli_decide_join(row, 2);
    if (label == NULL)
        return out_of_memory(r);
    if (label[0] != '\0' && r->n_labels++ >= DECIDE_MAX_LABELS)
        rc = pl_diag_set(r->diag, PL_ERR_LIMIT, row->line, 1,
                         "more than %d labelled #M rows: parley refuses a file this large",
                         DECIDE_MAX_LABELS);
    else if (label[0] != '\0' && pl_scenario_add_scale_point(r->scenario, i, value, label))
        rc = out_of_memory(r);
    pli_free(label);
    return rc;
}

/* Section 1: lower = the smallest #M value, upper = the largest; 0 and 100 without #M rows. */
static int set_bounds(decide_reader *r)
{
    for (size_t i = 0; i < r->issues.count; i++) {
        pl_issue *issue = &r->scenario->issues[i];
        if (r->marks[i] == 0)
            continue; /* keeps 0 and 100 */
        if (r->marks[i] == 1)
            return pl_diag_set(r->diag, PL_ERR_INVALID, r->mark_line[i], 1,
                               "issue \"%s\" has a single #M row: its scale needs two distinct "
                               "bounds, the smallest and the largest #M value",
                               issue->id);
        if (r->low[i] == r->high[i])
            return pl_diag_set(r->diag, PL_ERR_INVALID, r->mark_line[i], 1,
                               "every #M row of issue \"%s\" gives %g: its scale needs two "
                               "distinct bounds",
                               issue->id, r->low[i]);
        issue->low = r->low[i];
        issue->high = r->high[i];
    }
    return PL_OK;
}

/*
 * Salience and power lie in (0, 1]. Section 1: Decide's model uses them as
 * numbers in [0, 1]; a zero makes Decide divide by zero when the actor
 * supplies the issue, which section 9 (option X6) says parley rejects.
 */
static int read_share(decide_reader *r, int line, const pl_decide_field *field,
                      const char *what, double *out)
{
    int rc = read_number(r, line, field, what, out);
    if (rc != PL_OK)
        return rc;
    if (*out == 0.0)
        return pl_diag_set(r->diag, PL_ERR_INVALID, line, field->column,
                           "%s is 0: Decide divides by zero when this actor supplies the issue "
                           "in an exchange; give a value in (0, 1]",
                           what);
    if (*out < 0.0)
        return pl_diag_set(r->diag, PL_ERR_INVALID, line, field->column,
                           "%s %g is negative: Decide's model uses it as a number in (0, 1]",
                           what, *out);
    if (*out > 1.0)
        return pl_diag_set(r->diag, PL_ERR_INVALID, line, field->column,
                           "%s %g is above 1: Decide's model uses salience and power as numbers "
                           "in [0, 1]; rescale them to (0, 1]",
                           what, *out);
    return PL_OK;
}

/* #D: actor id, issue id, position, salience, power, comment. */
static int read_data_row(decide_reader *r, const pl_decide_row *row)
{
    const pl_decide_field *f = row->fields;
    pl_scenario *s = r->scenario;
    size_t a, i;
    double position, salience, power;
    if (lookup(&r->actors, &f[0], &a) != PL_OK)
        return pl_diag_set(r->diag, PL_ERR_INVALID, row->line, f[0].column,
                           "#D row names unknown actor \"%.*s\" (no #A row declares it)",
                           SHOW_FIELD(&f[0]));
    if (lookup(&r->issues, &f[1], &i) != PL_OK)
        return pl_diag_set(r->diag, PL_ERR_INVALID, row->line, f[1].column,
                           "#D row names unknown issue \"%.*s\" (no #P row declares it)",
                           SHOW_FIELD(&f[1]));
    int *seen = &r->data_line[a * s->n_issues + i];
    if (*seen != 0)
        return pl_diag_set(r->diag, PL_ERR_INVALID, row->line, f[0].column,
                           "second #D row for actor \"%s\" on issue \"%s\" (the first is at "
                           "line %d)",
                           s->actors[a].id, s->issues[i].id, *seen);
    const pl_issue *issue = &s->issues[i];
    int rc = read_number(r, row->line, &f[2], "position", &position);
    if (rc == PL_OK && (position < issue->low || position > issue->high))
        rc = pl_diag_set(r->diag, PL_ERR_INVALID, row->line, f[2].column,
                         "position %g lies outside the range [%g, %g] of issue \"%s\" (%s)",
                         position, issue->low, issue->high, issue->id,
                         r->marks[i] > 0 ? "set by its #M rows" : "the default: no #M rows");
    if (rc == PL_OK)
        rc = read_share(r, row->line, &f[3], "salience", &salience);
    if (rc == PL_OK)
        rc = read_share(r, row->line, &f[4], "power", &power);
    if (rc != PL_OK)
        return rc;
    pl_stance *stance = pl_scenario_stance(s, a, i);
    stance->present = 1;
    stance->position = position;
    stance->salience = salience;
    stance->capability = power; /* sorted out by settle_capabilities() */
    *seen = row->line;
    return PL_OK;
}

typedef int (*row_reader)(decide_reader *r, const pl_decide_row *row);

static int read_rows(decide_reader *r, pl_decide_tag tag, row_reader read)
{
    pl_decide_cursor cursor;
    pl_decide_row row;
    int rc;
    pli_decide_cursor_init(&cursor, r->data, r->size);
    while ((rc = pli_decide_next_row(&cursor, &row, r->diag)) > 0)
        if (row.tag == tag && (rc = read(r, &row)) != PL_OK)
            return rc;
    return rc;
}

/*
 * Decide's power is per actor and issue (section 1). The actor's capability
 * is its power on the first issue where it has a #D row; stances whose power
 * differs keep their own as a per-issue capability.
 */
static int settle_capabilities(decide_reader *r)
{
    pl_scenario *s = r->scenario;
    for (size_t a = 0; a < s->n_actors; a++) {
        size_t first = 0;
        while (first < s->n_issues && r->data_line[a * s->n_issues + first] == 0)
            first++;
        if (first == s->n_issues) {
            const decide_entry *e = &r->actors.rows[a];
            return pl_diag_set(r->diag, PL_ERR_INVALID, e->line_no, e->id_column,
                               "actor \"%s\" has no #D row: it needs a position, salience and "
                               "power on at least one issue",
                               s->actors[a].id);
        }
        double capability = pl_scenario_stance(s, a, first)->capability;
        s->actors[a].capability = capability;
        for (size_t i = 0; i < s->n_issues; i++) {
            pl_stance *stance = pl_scenario_stance(s, a, i);
            stance->has_capability = stance->present && stance->capability != capability;
            if (!stance->has_capability)
                stance->capability = 0.0;
        }
    }
    return PL_OK;
}

static void release(decide_reader *r)
{
    pli_free(r->actors.rows);
    pli_free(r->actors.sorted);
    pli_free(r->issues.rows);
    pli_free(r->issues.sorted);
    pli_free(r->low);
    pli_free(r->high);
    pli_free(r->marks);
    pli_free(r->mark_line);
    pli_free(r->data_line);
}

int pl_read_decide(const char *source, const char *data, size_t size, pl_scenario **out,
                   pl_diag *diag)
{
    decide_reader r;
    memset(&r, 0, sizeof r);
    int rc = pli_reader_begin(source, data, size, out, &r.scenario, diag);
    if (rc == PL_ERR_ARGUMENT)
        return rc;
    r.data = data;
    r.size = data != NULL ? size : 0;
    r.diag = diag;
    r.actors.what = "actor";
    r.actors.limit = DECIDE_MAX_ACTORS;
    r.issues.what = "issue";
    r.issues.limit = DECIDE_MAX_ISSUES;
    if (rc == PL_OK)
        rc = collect_declarations(&r);
    if (rc == PL_OK)
        rc = check_declarations(&r);
    if (rc == PL_OK)
        rc = create_scenario(&r, source);
    if (rc == PL_OK)
        rc = read_rows(&r, PL_DECIDE_SCALE, read_scale_row);
    if (rc == PL_OK)
        rc = set_bounds(&r);
    if (rc == PL_OK)
        rc = read_rows(&r, PL_DECIDE_DATA, read_data_row);
    if (rc == PL_OK)
        rc = settle_capabilities(&r);
    release(&r);
    return pli_reader_finish(rc, r.scenario, out, diag);
}
