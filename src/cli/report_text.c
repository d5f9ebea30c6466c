/*
 * report_text.c - the text report, 100 columns wide, for a policy analyst.
 *
 * Numbers that are analyst judgements (provenance.judgements) are marked with
 * an asterisk wherever they are shown.
 */
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "cli.h"

/* Cells of the actor matrices: this many actors side by side in 100 columns. */
#define LABEL_WIDTH 18
#define VALUE_WIDTH 8
#define CELL_WIDTH 18
#define MAX_VALUE_WIDTH 26 /* an option name longer than this is shortened (text_names.c) */

void cli_wrap(FILE *out, const char *text, int indent, int first_indent)
{
    /* Runs of spaces inside a line are kept (they align columns); a line break eats them. */
    int column = -1, line_indent = first_indent, after_break = 0;
    const char *p = text;
    while (*p) {
        size_t spaces = strspn(p, " ");
        const char *word = p + spaces;
        if (*word == '\0')
            break;
        if (*word == '\n') {
            fputc('\n', out);
            column = -1;
            line_indent = indent;
            p = word + 1;
            continue;
        }
        size_t length = strcspn(word, " \n");
        if (column >= 0 && column + (int)(spaces + length) > CLI_WIDTH) {
            fputc('\n', out);
            column = -1;
            line_indent = indent;
            after_break = 1;
        }
        if (column < 0) {
            fprintf(out, "%*s", line_indent, "");
            column = line_indent;
            if (after_break)
                spaces = 0;
        }
        fprintf(out, "%*s", (int)spaces, "");
        fwrite(word, 1, length, out);
        column += (int)(spaces + length);
        p = word + length;
        after_break = 0;
    }
    if (column >= 0)
        fputc('\n', out);
}

const char *cli_format_value(const pl_scenario *s, size_t issue, double value, char *buffer,
                             size_t size)
{
    if (isnan(value))
        snprintf(buffer, size, "-");
    else if (s->issues[issue].kind == PL_ISSUE_OPTIONS)
        snprintf(buffer, size, "%s", s->issues[issue].options[(size_t)value].id);
    else {
        char number[CLI_NUMBER_CHARS];
        snprintf(buffer, size, "%s", cli_number(value, 4, number));
    }
    return buffer;
}

/* Print a table row without the padding its last cell leaves at the end. */
static void end_row(FILE *out, char *row)
{
    size_t n = strlen(row);
    while (n > 0 && row[n - 1] == ' ')
        row[--n] = '\0';
    fprintf(out, "%s\n", row);
}

static const char *judgement_mark(const pl_scenario *s, pl_quantity quantity)
{
    return (s->provenance.judgements & (1u << quantity)) ? "*" : "";
}

static void rule(FILE *out, char c)
{
    for (int k = 0; k < CLI_WIDTH; k++)
        fputc(c, out);
    fputc('\n', out);
}

static void heading(FILE *out, const char *title)
{
    fputc('\n', out);
    cli_wrap(out, title, 2, 0); /* a long title wraps like prose */
    size_t n = strlen(title);
    for (size_t k = 0; k < n && k < CLI_WIDTH; k++)
        fputc('-', out);
    fputc('\n', out);
}

static void print_list(FILE *out, const char *title, char *const *items, size_t n)
{
    if (n == 0)
        return;
    fprintf(out, "%s:\n", title);
    for (size_t k = 0; k < n; k++) {
        char line[CLI_WIDTH * 8];
        snprintf(line, sizeof line, "- %s", items[k]);
        cli_wrap(out, line, 4, 2);
    }
}

static void print_actors(FILE *out, const pl_scenario *s)
{
    char header[CLI_WIDTH + 1];
    cli_names names = {0};
    const char **ids = cli_actor_ids(s);
    /* the id column as wide as the longest id (8 to 24), the name in the rest of the line */
    int idw = 8, namew;
    for (size_t a = 0; a < s->n_actors; a++)
        idw = (int)strlen(s->actors[a].id) > idw ? (int)strlen(s->actors[a].id) : idw;
    idw = idw > 24 ? 24 : idw;
    namew = 48 - idw;
    snprintf(header, sizeof header, "Actors (%zu)", s->n_actors);
    heading(out, header);
    fprintf(out, "  %-*s %-*s %12s%-1s %12s%-1s  %s\n", idw, "id", namew, "name", "capability",
            judgement_mark(s, PL_QUANTITY_CAPABILITY), "reservation",
            judgement_mark(s, PL_QUANTITY_RESERVATION), "veto");
    for (size_t a = 0; a < s->n_actors; a++) {
        const pl_actor *actor = &s->actors[a];
        /* Formats without a display name (KTAB) keep the long name in the description. */
        const char *name = actor->name;
        if (actor->description && strcmp(actor->name, actor->id) == 0)
            name = actor->description;
        char capability[CLI_NUMBER_CHARS];
        char id[64], shown[128];
        fprintf(out, "  %-*s %-*s %12s  %12.2f   %s\n", idw,
                cli_fit_among(&names, actor->id, ids, ids ? s->n_actors : 0, (size_t)idw, id,
                              sizeof id),
                namew, cli_fit(&names, name, (size_t)namew, shown, sizeof shown),
                cli_number(actor->capability, 4, capability), actor->reservation,
                actor->veto ? "yes" : "no");
    }
    cli_names_print(out, &names);
    cli_names_free(&names);
    free(ids);
    if (s->provenance.judgements != 0) {
        fprintf(out, "  * analyst judgement, not data:");
        for (unsigned q = 0; q < PL_QUANTITY_COUNT; q++)
            if (s->provenance.judgements & (1u << q))
                fprintf(out, " %s", pl_quantity_name((pl_quantity)q));
        fputc('\n', out);
    }
}

static void print_issues(FILE *out, const pl_scenario *s)
{
    char line[CLI_WIDTH * 8];
    snprintf(line, sizeof line, "Issues (%zu)", s->n_issues);
    heading(out, line);
    for (size_t i = 0; i < s->n_issues; i++) {
        const pl_issue *issue = &s->issues[i];
        if (issue->kind == PL_ISSUE_OPTIONS) {
            int n = snprintf(line, sizeof line, "%-16s %s; options:", issue->id, issue->name);
            for (size_t k = 0; k < issue->n_options && n > 0 && (size_t)n < sizeof line; k++)
                n += snprintf(line + n, sizeof line - (size_t)n, " %s", issue->options[k].id);
            cli_wrap(out, line, 19, 2);
            continue;
        }
        char low[CLI_NUMBER_CHARS], high[CLI_NUMBER_CHARS], point[CLI_NUMBER_CHARS];
        cli_number(issue->low, 6, low);
        cli_number(issue->high, 6, high);
        snprintf(line, sizeof line, "%-16s %s [%s-%s]", issue->id, issue->name, low, high);
        cli_wrap(out, line, 19, 2);
        if (issue->low_label) {
            snprintf(line, sizeof line, "%s = %s", low, issue->low_label);
            cli_wrap(out, line, 23, 19);
        }
        for (size_t k = 0; k < issue->n_scale_points; k++) {
            snprintf(line, sizeof line, "%s = %s",
                     cli_number(issue->scale_points[k].value, 6, point),
                     issue->scale_points[k].label);
            cli_wrap(out, line, 23, 19);
        }
        if (issue->high_label) {
            snprintf(line, sizeof line, "%s = %s", high, issue->high_label);
            cli_wrap(out, line, 23, 19);
        }
    }
}

void cli_text_scenario(FILE *out, const pl_scenario *s)
{
    rule(out, '=');
    cli_wrap(out, s->name ? s->name : (s->id ? s->id : "(unnamed scenario)"), 0, 0);
    fprintf(out, "%s%s%s%s format, %zu actors, %zu issues, %zu proposals\n",
            s->provenance.date ? "As of " : "", s->provenance.date ? s->provenance.date : "",
            s->provenance.date ? "; " : "", s->format ? s->format : "unknown", s->n_actors,
            s->n_issues, s->n_proposals);
    rule(out, '=');
    if (s->provenance.description) {
        cli_wrap(out, s->provenance.description, 0, 0);
        if (s->provenance.n_caveats + s->provenance.n_sources > 0)
            fputc('\n', out);
    }
    print_list(out, "Caveats", s->provenance.caveats, s->provenance.n_caveats);
    print_list(out, "Sources", s->provenance.sources, s->provenance.n_sources);
    print_actors(out, s);
    print_issues(out, s);
}

static const char *acceptance_short(pl_acceptance acceptance)
{
    switch (acceptance) {
    case PL_ACCEPTS: return "yes";
    case PL_REJECTS_RED_LINE: return "no (red line)";
    default: return "no (reservation)";
    }
}

/* A table row built left to right, then printed without trailing padding. */
typedef struct row {
    char text[CLI_WIDTH * 4];
    size_t length;
} row;

static void row_add(row *r, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void row_add(row *r, const char *format, ...)
{
    if (r->length >= sizeof r->text)
        return;
    va_list args;
    va_start(args, format);
    int n = vsnprintf(r->text + r->length, sizeof r->text - r->length, format, args);
    va_end(args);
    if (n > 0)
        r->length += (size_t)n;
    if (r->length >= sizeof r->text)
        r->length = sizeof r->text - 1;
}

static void row_end(FILE *out, row *r)
{
    end_row(out, r->text);
    r->length = 0;
    r->text[0] = '\0';
}

/* Width of the value column: the longest value (an option name, say) + 2, within limits. */
static int value_width(const pl_scenario *s, const double *values, size_t n_lists)
{
    char value[64];
    size_t widest = VALUE_WIDTH - 2;
    for (size_t m = 0; m < n_lists; m++)
        for (size_t i = 0; i < s->n_issues; i++) {
            size_t w = strlen(cli_format_value(s, i, values[m * s->n_issues + i], value,
                                               sizeof value));
            widest = w > widest ? w : widest;
        }
    return widest + 2 > MAX_VALUE_WIDTH ? MAX_VALUE_WIDTH : (int)widest + 2;
}

static void print_block(FILE *out, const pl_scenario *s, const pl_proposal *p,
                        const pl_evaluation *e, size_t first, size_t last, int vw,
                        cli_names *names)
{
    char value[64], cell[64], shown[64];
    const char **actors = cli_actor_ids(s), **issues = cli_issue_ids(s);
    size_t na = actors ? s->n_actors : 0, ni = issues ? s->n_issues : 0;
    row r = {{0}, 0};
    row_add(&r, "  %-*s%*s", LABEL_WIDTH - 2, "item", vw, "value  ");
    for (size_t a = first; a < last; a++)
        row_add(&r, "%-*s", CELL_WIDTH,
                cli_fit_among(names, s->actors[a].id, actors, na, CELL_WIDTH - 1, shown,
                              sizeof shown));
    row_end(out, &r);
    for (size_t i = 0; i < s->n_issues; i++) {
        char issue[64];
        cli_format_value(s, i, p->values[i], value, sizeof value);
        row_add(&r, "  %-*s%*s  ", LABEL_WIDTH - 2,
                cli_fit_among(names, s->issues[i].id, issues, ni, LABEL_WIDTH - 3, issue,
                              sizeof issue),
                vw - 2,
                cli_fit(names, value, (size_t)vw - 2, shown, sizeof shown));
        for (size_t a = first; a < last; a++) {
            size_t k = a * s->n_issues + i;
            if (e->verdict[k] == PL_VERDICT_NONE)
                snprintf(cell, sizeof cell, "-");
            else
                snprintf(cell, sizeof cell, "%-12s %4.2f", pl_verdict_name(e->verdict[k]),
                         e->item_utility[k]);
            row_add(&r, "%-*s", CELL_WIDTH, cell);
        }
        row_end(out, &r);
    }
    row_add(&r, "  %-*s", LABEL_WIDTH + vw - 2, "package utility");
    for (size_t a = first; a < last; a++)
        row_add(&r, "%-*.2f", CELL_WIDTH, e->utility[a]);
    row_end(out, &r);
    row_add(&r, "  reservation%-*s", LABEL_WIDTH + vw - 13,
            judgement_mark(s, PL_QUANTITY_RESERVATION));
    for (size_t a = first; a < last; a++)
        row_add(&r, "%-*.2f", CELL_WIDTH, s->actors[a].reservation);
    row_end(out, &r);
    row_add(&r, "  %-*s", LABEL_WIDTH + vw - 2, "accepts?");
    for (size_t a = first; a < last; a++)
        row_add(&r, "%-*s", CELL_WIDTH, acceptance_short(e->acceptance[a]));
    row_end(out, &r);
    free((void *)actors);
    free((void *)issues);
}

/* "RU: 5 acceptable, 2 critical, 4 negative, 3 unacceptable (donetsk, nato, ...)" */
static void print_actor_summary(FILE *out, const pl_scenario *s, const pl_evaluation *e,
                                size_t a)
{
    size_t count[5] = {0};
    char line[CLI_WIDTH * 8];
    for (size_t i = 0; i < s->n_issues; i++)
        count[e->verdict[a * s->n_issues + i]]++;
    int n = snprintf(line, sizeof line,
                     "%s: %zu acceptable, %zu critical, %zu negative, %zu unacceptable",
                     s->actors[a].id, count[PL_VERDICT_ACCEPTABLE], count[PL_VERDICT_CRITICAL],
                     count[PL_VERDICT_NEGATIVE], count[PL_VERDICT_UNACCEPTABLE]);
    const char *separator = " (red lines crossed: ";
    for (size_t i = 0; i < s->n_issues && n > 0 && (size_t)n < sizeof line; i++)
        if (e->verdict[a * s->n_issues + i] == PL_VERDICT_UNACCEPTABLE) {
            n += snprintf(line + n, sizeof line - (size_t)n, "%s%s", separator,
                          s->issues[i].id);
            separator = ", ";
        }
    if (count[PL_VERDICT_UNACCEPTABLE] > 0 && n > 0 && (size_t)n < sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, ")");
    if (n > 0 && (size_t)n < sizeof line)
        snprintf(line + n, sizeof line - (size_t)n, "; utility %.2f vs reservation %.2f: %s",
                 e->utility[a], s->actors[a].reservation, pl_acceptance_name(e->acceptance[a]));
    cli_wrap(out, line, 6, 2);
}

static void print_decision(FILE *out, const pl_scenario *s, const pl_evaluation *e)
{
    char line[CLI_WIDTH * 8];
    int n;
    if (s->decision_rule.kind == PL_RULE_WEIGHTED_MAJORITY)
        n = snprintf(line, sizeof line, "Decision (weighted majority of %.0f%% of capability",
                     s->decision_rule.threshold * 100);
    else
        n = snprintf(line, sizeof line, "Decision (unanimity of the veto actors");
    const char *separator = s->decision_rule.kind == PL_RULE_UNANIMITY ? " " : "; vetoes: ";
    int vetoes = 0;
    for (size_t a = 0; a < s->n_actors && n > 0 && (size_t)n < sizeof line; a++)
        if (s->actors[a].veto) {
            n += snprintf(line + n, sizeof line - (size_t)n, "%s%s", separator, s->actors[a].id);
            separator = ", ";
            vetoes = 1;
        }
    if (!vetoes && s->decision_rule.kind == PL_RULE_UNANIMITY && n > 0 &&
        (size_t)n < sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, "; no actor has a veto, so all decide");
    if (n > 0 && (size_t)n < sizeof line)
        snprintf(line + n, sizeof line - (size_t)n,
                 "): %s. Actors accepting hold %.0f%% of the capability.",
                 e->passes ? "PASSES" : "FAILS", e->accepting_capability_share * 100);
    cli_wrap(out, line, 4, 2);
}

void cli_text_evaluation(FILE *out, const pl_scenario *s, size_t proposal,
                         const pl_evaluation *e)
{
    const pl_proposal *p = &s->proposals[proposal];
    char title[CLI_WIDTH * 4];
    snprintf(title, sizeof title, "Proposal %s: %s%s%s%s", p->id, p->name,
             p->date ? " (" : "", p->date ? p->date : "", p->date ? ")" : "");
    heading(out, title);
    if (p->description)
        cli_wrap(out, p->description, 2, 2);
    int vw = value_width(s, p->values, 1);
    size_t per_block = (size_t)(CLI_WIDTH - LABEL_WIDTH - vw) / CELL_WIDTH;
    cli_names names = {0};
    for (size_t first = 0; first < s->n_actors; first += per_block) {
        size_t last = first + per_block;
        print_block(out, s, p, e, first, last < s->n_actors ? last : s->n_actors, vw, &names);
        if (last < s->n_actors)
            fputc('\n', out);
    }
    cli_names_print(out, &names);
    cli_names_free(&names);
    fputc('\n', out);
    for (size_t a = 0; a < s->n_actors; a++)
        print_actor_summary(out, s, e, a);
    print_decision(out, s, e);
}

void cli_text_forecasts(FILE *out, const pl_scenario *s, const pl_model *models,
                        size_t n_models, const double *const *forecasts)
{
    char value[64], shown[64];
    size_t widest = 12;
    for (size_t m = 0; m < n_models; m++)
        for (size_t i = 0; i < s->n_issues; i++) {
            size_t w = strlen(cli_format_value(s, i, forecasts[m][i], value, sizeof value));
            widest = w > widest ? w : widest;
        }
    /* as wide as the widest value, but every model within CLI_WIDTH (at least 14 each) */
    size_t fit = n_models > 0 ? (CLI_WIDTH - 26) / n_models : 14;
    fit = fit < 14 ? 14 : fit > MAX_VALUE_WIDTH ? MAX_VALUE_WIDTH : fit;
    int vw = widest + 2 > fit ? (int)fit : (int)widest + 2;
    cli_names names = {0};
    const char **issues = cli_issue_ids(s);
    heading(out, "Forecasts (each actor weighted by capability x salience)");
    fprintf(out, "  %-24s", "issue");
    for (size_t m = 0; m < n_models; m++)
        fprintf(out, "%*s", vw, pl_model_name(models[m]));
    fputc('\n', out);
    for (size_t i = 0; i < s->n_issues; i++) {
        fprintf(out, "  %-24s", cli_fit_among(&names, s->issues[i].id, issues,
                                              issues ? s->n_issues : 0, 23, shown, sizeof shown));
        for (size_t m = 0; m < n_models; m++) {
            cli_format_value(s, i, forecasts[m][i], value, sizeof value);
            fprintf(out, "%*s", vw, cli_fit(&names, value, (size_t)vw - 2, shown, sizeof shown));
        }
        fputc('\n', out);
    }
    cli_names_print(out, &names);
    cli_names_free(&names);
    free((void *)issues);
}

static void print_coalition(char *line, size_t size, const pl_scenario *s,
                            const pl_red_line_analysis *r)
{
    int n = 0;
    for (size_t k = 0; k < r->n_coalition && n >= 0 && (size_t)n < size; k++)
        n += snprintf(line + n, size - (size_t)n, "%s%s", k ? ", " : "",
                      s->actors[r->coalition[k]].id);
}

static void print_blocking(FILE *out, const pl_scenario *s, const pl_red_line_analysis *r)
{
    char line[CLI_WIDTH * 8];
    for (size_t k = 0; k < r->n_blocking; k++) {
        const pl_blocking_issue *b = &r->blocking[k];
        const pl_issue *issue = &s->issues[b->issue];
        if (issue->kind == PL_ISSUE_OPTIONS) {
            snprintf(line, sizeof line,
                     "%s (%s): no option is acceptable to all; at least %.0f red line(s) "
                     "must be relaxed",
                     issue->id, issue->name, b->gap);
        } else {
            char at_least[CLI_NUMBER_CHARS], at_most[CLI_NUMBER_CHARS], gap[CLI_NUMBER_CHARS];
            char low[CLI_NUMBER_CHARS], high[CLI_NUMBER_CHARS];
            snprintf(line, sizeof line,
                     "%s (%s): %s needs at least %s, %s accepts at most %s: a gap of %s "
                     "(%.0f%% of the range %s-%s)",
                     issue->id, issue->name, s->actors[b->low_actor].id,
                     cli_number(r->feasible_low[b->issue], 6, at_least),
                     s->actors[b->high_actor].id,
                     cli_number(r->feasible_high[b->issue], 6, at_most),
                     cli_number(b->gap, 6, gap), b->gap_share * 100,
                     cli_number(issue->low, 6, low), cli_number(issue->high, 6, high));
        }
        cli_wrap(out, line, 6, 4);
    }
}

void cli_text_red_lines(FILE *out, const pl_scenario *s, const pl_red_line_analysis *r)
{
    char members[CLI_WIDTH * 4], line[CLI_WIDTH * 8];
    print_coalition(members, sizeof members, s, r);
    heading(out, "Can any package respect the red lines of those who must agree?");
    int any_veto = 0;
    for (size_t a = 0; a < s->n_actors; a++)
        any_veto |= s->actors[a].veto != 0;
    const char *who = "the veto actors";
    if (s->decision_rule.kind == PL_RULE_WEIGHTED_MAJORITY)
        who = "the winning coalition that comes closest";
    else if (!any_veto)
        who = "everyone, since no actor holds a veto";
    snprintf(line, sizeof line, "Those who must agree (%s): %s.", who, members);
    cli_wrap(out, line, 4, 2);
    if (s->n_red_lines == 0) {
        cli_wrap(out, "The scenario gives no red lines, so none can block agreement.", 2, 2);
    } else if (r->compatible) {
        cli_wrap(out, "Yes: on every issue some outcome lies inside all their red lines.", 2, 2);
    } else {
        snprintf(line, sizeof line, "No. %zu issue%s block%s agreement, whatever else a package "
                                    "offers (red lines are non-compensatory):",
                 r->n_blocking, r->n_blocking == 1 ? "" : "s", r->n_blocking == 1 ? "s" : "");
        cli_wrap(out, line, 2, 2);
        print_blocking(out, s, r);
    }
    int any = 0;
    for (size_t i = 0; i < s->n_issues; i++) {
        const pl_issue *issue = &s->issues[i];
        int limited = issue->kind == PL_ISSUE_CONTINUOUS &&
                      r->feasible_low[i] <= r->feasible_high[i] &&
                      (r->feasible_low[i] > issue->low || r->feasible_high[i] < issue->high);
        if (!limited)
            continue;
        if (!any)
            fprintf(out, "  Where red lines narrow the room but leave some:\n");
        any = 1;
        char low[CLI_NUMBER_CHARS], high[CLI_NUMBER_CHARS];
        fprintf(out, "    %-24s [%s, %s]\n", issue->id, cli_number(r->feasible_low[i], 6, low),
                cli_number(r->feasible_high[i], 6, high));
    }
}
