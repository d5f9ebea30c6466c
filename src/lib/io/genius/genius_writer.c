/*
 * genius_writer.c - a scenario as a GENIUS domain and one additive profile
 * per actor (pl_write_genius, documented in parley/io.h and docs/formats.md).
 *
 * Each options issue is written in the first form that holds every actor's
 * values exactly: an integer issue (options lo..hi placed at their values,
 * each actor's values a clipped line slope (v - lo) + offset), a real issue
 * (the 21 GENIUS steps of its range, the same lines, written as
 * parameter1 v + parameter0), else a discrete issue (each actor that cares
 * about the issue must value its best option 1, or all options 0, because
 * GENIUS divides evaluations by the highest). Weights are the saliences
 * (GENIUS divides them by their sum, as parley does). What GENIUS cannot
 * hold is refused with PL_ERR_UNSUPPORTED rather than written wrongly.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/genius/genius.h"

/* ---- a growing text ---- */

typedef struct text {
    char *data;
    size_t length, capacity;
    int failed;
} text;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void put(text *t, const char *format, ...)
{
    if (t->failed)
        return;
    for (;;) {
        va_list args;
        va_start(args, format);
        size_t room = t->capacity - t->length;
        int n = vsnprintf(t->data ? t->data + t->length : NULL, room, format, args);
        va_end(args);
        if (n < 0) {
            t->failed = 1;
            return;
        }
        if ((size_t)n < room) {
            t->length += (size_t)n;
            return;
        }
        size_t grown = (t->capacity + (size_t)n + 1) * 2;
        char *data = pli_realloc(t->data, grown);
        if (data == NULL) {
            t->failed = 1;
            return;
        }
        t->data = data;
        t->capacity = grown;
    }
}

/* An attribute value with XML's special characters escaped. */
static void put_escaped(text *t, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': put(t, "&amp;"); break;
        case '<': put(t, "&lt;"); break;
        case '>': put(t, "&gt;"); break;
        case '"': put(t, "&quot;"); break;
        case '\'': put(t, "&apos;"); break;
        default: put(t, "%c", *s);
        }
    }
}

static void put_number(text *t, double x)
{
    char label[64];
    gx_number_label(x == 0 ? 0.0 : x, label, sizeof label);
    put(t, "%s", label);
}

/* ---- how each issue is written ---- */

typedef struct line {
    double offset, slope;
} line;

typedef struct issue_form {
    gx_kind kind;
    line *lines; /* integer and real: per actor */
} issue_form;

static double clip(double x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

static int line_fits(const double *x, const double *y, size_t n, double low, line l)
{
    for (size_t k = 0; k < n; k++)
        if (!(fabs(clip(l.offset + l.slope * (x[k] - low)) - y[k]) <= 1e-12))
            return 0;
    return 1;
}

static line through(const double *x, const double *y, size_t i, size_t j, double low)
{
    line l;
    l.slope = (y[j] - y[i]) / (x[j] - x[i]);
    l.offset = y[i] - l.slope * (x[i] - low);
    return l;
}

/* The line with its numbers in the fewest digits that still fit (0.025, not 0.0250...02). */
static int tidy(const double *x, const double *y, size_t n, double low, line *l)
{
    char number[64];
    for (int digits = 1; digits <= 17; digits++) {
        line t;
        snprintf(number, sizeof number, "%.*g", digits, l->slope);
        t.slope = strtod(number, NULL);
        snprintf(number, sizeof number, "%.*g", digits, l->offset);
        t.offset = strtod(number, NULL);
        if (line_fits(x, y, n, low, t)) {
            *l = t;
            return 1;
        }
    }
    return line_fits(x, y, n, low, *l);
}

/* A clipped line through the points (x, y), if there is one; 0 when none fits. */
static int fit_line(const double *x, const double *y, size_t n, double low, line *out)
{
    size_t inner[2], n_inner = 0;
    for (size_t k = 0; k < n && n_inner < 2; k++)
        if (y[k] > 0 && y[k] < 1)
            inner[n_inner++] = k;
    if (n_inner == 2) {
        *out = through(x, y, inner[0], inner[1], low);
        return line_fits(x, y, n, low, *out) && tidy(x, y, n, low, out);
    }
    /* Otherwise try the lines through each neighbouring pair (steep steps at clipped ends). */
    for (size_t k = 0; k + 1 < n; k++) {
        if (y[k] == y[k + 1] && k + 2 < n)
            continue;
        *out = through(x, y, k, k + 1, low);
        if (line_fits(x, y, n, low, *out))
            return tidy(x, y, n, low, out);
    }
    out->slope = 0;
    out->offset = y[0];
    return line_fits(x, y, n, low, *out);
}

/*
 * Options placed as GENIUS would place an integer or real issue's values on
 * [low, high]: 1 if so, 0 if not, -1 when out of memory (never taken for "not").
 */
static int placed_as(const pl_issue *is, gx_kind kind)
{
    gx_issue probe;
    memset(&probe, 0, sizeof probe);
    probe.kind = kind;
    probe.low = is->low;
    probe.high = is->high;
    probe.name = is->id;
    pl_diag scratch;
    int rc = gx_issue_numbers(&probe, &scratch);
    int same = rc == PL_OK && probe.n_values == is->n_options;
    for (size_t k = 0; same && k < is->n_options; k++)
        same = is->options[k].has_position && is->options[k].position == probe.numbers[k] &&
               strcmp(is->options[k].id, probe.values[k]) == 0;
    for (size_t k = 0; k < probe.n_values; k++)
        pli_free(probe.values[k]);
    pli_free(probe.values);
    pli_free(probe.numbers);
    return rc == PL_ERR_NOMEM ? -1 : same;
}

/* Lines for every actor on a placed issue; 0 when some actor's values are not one, -1: OOM. */
static int fit_all(const pl_scenario *s, size_t i, line *lines)
{
    const pl_issue *is = &s->issues[i];
    double *x = pli_malloc(is->n_options * sizeof *x);
    if (x == NULL)
        return -1;
    int fits = 1;
    for (size_t k = 0; fits && k < is->n_options; k++)
        x[k] = is->options[k].position;
    for (size_t a = 0; fits && a < s->n_actors; a++) {
        const pl_stance *st = pl_scenario_stance_const(s, a, i);
        lines[a].offset = lines[a].slope = 0;
        if (st->present && st->option_values != NULL)
            fits = fit_line(x, st->option_values, is->n_options, is->low, &lines[a]);
    }
    pli_free(x);
    return fits;
}

static int check_discrete(const pl_scenario *s, size_t i, pl_diag *diag)
{
    const pl_issue *is = &s->issues[i];
    for (size_t a = 0; a < s->n_actors; a++) {
        const pl_stance *st = pl_scenario_stance_const(s, a, i);
        if (!st->present || st->salience <= 0)
            continue;
        double best = 0;
        for (size_t k = 0; k < is->n_options; k++)
            best = fmax(best, st->option_values[k]);
        if (best != 0 && fabs(best - 1) > 1e-12)
            return pl_diag_set(diag, PL_ERR_UNSUPPORTED, 0, 0,
                               "actor \"%.60s\" values its best option on issue \"%.60s\" at "
                               "%g: GENIUS divides evaluations by the best one, so only values "
                               "whose best is 1 (or that are all 0) can be written",
                               s->actors[a].id, is->id, best);
    }
    return PL_OK;
}

static int choose_form(const pl_scenario *s, size_t i, issue_form *form, pl_diag *diag)
{
    const pl_issue *is = &s->issues[i];
    if (is->kind != PL_ISSUE_OPTIONS)
        return pl_diag_set(diag, PL_ERR_UNSUPPORTED, 0, 0,
                           "issue \"%.60s\" is continuous: GENIUS holds discrete, integer and "
                           "real issues with additive utilities; make it an options issue first",
                           is->id);
    static const gx_kind placed[2] = {GX_INTEGER, GX_REAL};
    form->lines = pli_calloc(s->n_actors, sizeof *form->lines);
    if (form->lines == NULL)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    for (size_t k = 0; k < 2 && is->low < is->high; k++) {
        int placed_ok = placed_as(is, placed[k]);
        int fits = placed_ok > 0 ? fit_all(s, i, form->lines) : 0;
        if (placed_ok < 0 || fits < 0)
            return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
        if (fits) {
            form->kind = placed[k];
            return PL_OK;
        }
    }
    form->kind = GX_DISCRETE;
    return check_discrete(s, i, diag);
}

static int check_scenario(const pl_scenario *s, pl_diag *diag)
{
    if (s->n_red_lines > 0) {
        const pl_red_line *r = &s->red_lines[0];
        return pl_diag_set(diag, PL_ERR_UNSUPPORTED, 0, 0,
                           "GENIUS has no red lines, and this scenario has %zu (the first: "
                           "actor \"%.60s\" on issue \"%.60s\"); remove them to write GENIUS",
                           s->n_red_lines, s->actors[r->actor].id, s->issues[r->issue].id);
    }
    for (size_t a = 0; a < s->n_actors; a++) {
        double total = 0;
        for (size_t i = 0; i < s->n_issues; i++) {
            const pl_stance *st = pl_scenario_stance_const(s, a, i);
            total += st->present ? st->salience : 0;
        }
        if (!(total > 0))
            return pl_diag_set(diag, PL_ERR_UNSUPPORTED, 0, 0,
                               "actor \"%.60s\" cares about no issue (all saliences 0): GENIUS "
                               "weights need a positive sum", s->actors[a].id);
    }
    return PL_OK;
}

/* ---- the XML ---- */

static const char *const kind_names[] = {"discrete", "integer", "real"};

static void put_issue_head(text *t, const pl_issue *is, size_t i, gx_kind kind)
{
    put(t, "    <issue index=\"%zu\" etype=\"%s\" type=\"%s\" vtype=\"%s\" name=\"", i + 1,
        kind_names[kind], kind_names[kind], kind_names[kind]);
    put_escaped(t, is->id);
    put(t, "\"");
    if (kind != GX_DISCRETE) {
        put(t, " lowerbound=\"");
        put_number(t, is->low);
        put(t, "\" upperbound=\"");
        put_number(t, is->high);
        put(t, "\"");
    }
    put(t, ">\n");
}

static void put_objective(text *t, const pl_scenario *s)
{
    put(t, "  <objective index=\"0\" etype=\"objective\" type=\"objective\" description=\"\" "
           "name=\"");
    put_escaped(t, s->id ? s->id : "parley");
    put(t, "\">\n");
}

static void write_domain(text *t, const pl_scenario *s, const issue_form *forms)
{
    put(t, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- written by parley -->\n"
           "<negotiation_template>\n<utility_space number_of_issues=\"%zu\">\n", s->n_issues);
    put_objective(t, s);
    for (size_t i = 0; i < s->n_issues; i++) {
        const pl_issue *is = &s->issues[i];
        put_issue_head(t, is, i, forms[i].kind);
        for (size_t k = 0; forms[i].kind == GX_DISCRETE && k < is->n_options; k++) {
            put(t, "      <item index=\"%zu\" value=\"", k + 1);
            put_escaped(t, is->options[k].id);
            put(t, "\"/>\n");
        }
        put(t, "    </issue>\n");
    }
    put(t, "  </objective>\n</utility_space>\n</negotiation_template>\n");
}

static void write_evaluator(text *t, const pl_issue *is, gx_kind kind, line l)
{
    if (kind == GX_INTEGER) {
        put(t, "      <evaluator ftype=\"linear\" slope=\"");
        put_number(t, l.slope);
        put(t, "\" offset=\"");
        put_number(t, l.offset);
    } else {
        put(t, "      <evaluator ftype=\"linear\" parameter0=\"");
        put_number(t, l.offset - l.slope * is->low);
        put(t, "\" parameter1=\"");
        put_number(t, l.slope);
    }
    put(t, "\"/>\n");
}

static void write_profile(text *t, const pl_scenario *s, const issue_form *forms, size_t a)
{
    const pl_actor *actor = &s->actors[a];
    put(t, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- written by parley -->\n"
           "<utility_space name=\"");
    put_escaped(t, actor->id);
    put(t, "\">\n");
    put_objective(t, s);
    for (size_t i = 0; i < s->n_issues; i++) {
        const pl_issue *is = &s->issues[i];
        const pl_stance *st = pl_scenario_stance_const(s, a, i);
        put_issue_head(t, is, i, forms[i].kind);
        if (forms[i].kind != GX_DISCRETE)
            write_evaluator(t, is, forms[i].kind, forms[i].lines[a]);
        for (size_t k = 0; forms[i].kind == GX_DISCRETE && k < is->n_options; k++) {
            put(t, "      <item index=\"%zu\" value=\"", k + 1);
            put_escaped(t, is->options[k].id);
            put(t, "\" evaluation=\"");
            put_number(t, st->present ? st->option_values[k] : 0.0);
            put(t, "\"/>\n");
        }
        put(t, "    </issue>\n");
    }
    for (size_t i = 0; i < s->n_issues; i++) {
        const pl_stance *st = pl_scenario_stance_const(s, a, i);
        put(t, "    <weight index=\"%zu\" value=\"", i + 1);
        put_number(t, st->present ? st->salience : 0.0);
        put(t, "\"/>\n");
    }
    put(t, "  </objective>\n  <reservation value=\"");
    put_number(t, actor->reservation);
    put(t, "\"/>\n  <discount_factor value=\"");
    put_number(t, actor->discount);
    put(t, "\"/>\n</utility_space>\n");
}

static void free_forms(issue_form *forms, size_t n)
{
    for (size_t i = 0; forms != NULL && i < n; i++)
        pli_free(forms[i].lines);
    pli_free(forms);
}

static int write_all(const pl_scenario *s, const issue_form *forms, char **domain_out,
                     char **profiles, pl_diag *diag)
{
    text t = {0};
    write_domain(&t, s, forms);
    int failed = t.failed;
    if (failed)
        pli_free(t.data);
    else
        *domain_out = t.data;
    for (size_t a = 0; !failed && a < s->n_actors; a++) {
        text p = {0};
        write_profile(&p, s, forms, a);
        failed = p.failed;
        if (failed)
            pli_free(p.data);
        else
            profiles[a] = p.data;
    }
    return failed ? pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory") : PL_OK;
}

int pl_write_genius(const pl_scenario *s, char **domain_out, char ***profiles_out,
                    pl_diag *diag)
{
    pl_diag_clear(diag);
    if (s == NULL || domain_out == NULL || profiles_out == NULL)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no scenario or no output");
    *domain_out = NULL;
    *profiles_out = NULL;
    int rc = check_scenario(s, diag);
    issue_form *forms = rc == PL_OK ? pli_calloc(s->n_issues, sizeof *forms) : NULL;
    if (rc == PL_OK && forms == NULL)
        rc = pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    for (size_t i = 0; rc == PL_OK && i < s->n_issues; i++)
        rc = choose_form(s, i, &forms[i], diag);
    char **profiles = rc == PL_OK ? pli_calloc(s->n_actors + 1, sizeof *profiles) : NULL;
    if (rc == PL_OK && profiles == NULL)
        rc = pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    if (rc == PL_OK)
        rc = write_all(s, forms, domain_out, profiles, diag);
    free_forms(forms, s->n_issues);
    if (rc != PL_OK) {
        for (size_t a = 0; profiles != NULL && a < s->n_actors; a++)
            pli_free(profiles[a]);
        pli_free(profiles);
        pli_free(*domain_out);
        *domain_out = NULL;
        return rc;
    }
    *profiles_out = profiles;
    return PL_OK;
}
