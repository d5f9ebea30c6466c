/*
 * report_agreement.c - the zone of agreement and the mediator's text as text
 * (100 columns, for a policy analyst) and as JSON (docs/agreement.md).
 */
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "cli.h"
#include "report_agreement.h"

const char *cli_actor_list(const pl_scenario *s, const size_t *actors, size_t n, char *buffer,
                           size_t size)
{
    size_t w = 0;
    buffer[0] = '\0';
    for (size_t k = 0; k < n && w < size; k++) {
        const char *sep = k == 0 ? "" : k + 1 == n ? " and " : ", ";
        w += (size_t)snprintf(buffer + w, size - w, "%s%s", sep, s->actors[actors[k]].name);
    }
    return buffer;
}

const char *cli_red_line_bounds(const pl_scenario *s, size_t issue, double low, double high,
                                const unsigned char *allowed, char *buffer, size_t size)
{
    const pl_issue *is = &s->issues[issue];
    char n1[CLI_NUMBER_CHARS], n2[CLI_NUMBER_CHARS];
    if (is->kind == PL_ISSUE_OPTIONS) {
        size_t w = (size_t)snprintf(buffer, size, "one of");
        for (size_t k = 0; k < is->n_options && w < size; k++)
            if (allowed == NULL || allowed[k])
                w += (size_t)snprintf(buffer + w, size - w, " %s", is->options[k].id);
    } else if (low <= is->low && high >= is->high) {
        snprintf(buffer, size, "anything");
    } else if (low <= is->low) {
        snprintf(buffer, size, "<= %s", cli_number(high, 4, n2));
    } else if (high >= is->high) {
        snprintf(buffer, size, ">= %s", cli_number(low, 4, n1));
    } else {
        snprintf(buffer, size, "in [%s, %s]", cli_number(low, 4, n1), cli_number(high, 4, n2));
    }
    return buffer;
}

/* Append to a fixed buffer (truncating). */
static void append(char *buffer, size_t size, const char *format, ...)
{
    size_t w = strlen(buffer);
    if (w + 1 >= size)
        return;
    va_list args;
    va_start(args, format);
    vsnprintf(buffer + w, size - w, format, args);
    va_end(args);
}

/* "RU red line on donetsk (>= 90)" or "UA reservation 0.45". */
static const char *constraint_text(const pl_scenario *s, const pl_agreement_constraint *c,
                                   char *buffer, size_t size)
{
    pl_agreement_constraint_name(s, c, buffer, size);
    if (c->kind == PL_CONSTRAINT_RED_LINE) {
        const pl_red_line *line = &s->red_lines[c->red_line];
        char bounds[512];
        append(buffer, size, " (%s)",
               cli_red_line_bounds(s, c->issue, line->low, line->high, line->allowed, bounds,
                                   sizeof bounds));
    }
    return buffer;
}

/* One move of a relaxation: "RU red line on donetsk from >= 90 to >= 10 (80 points)". */
static void move_text(const pl_scenario *s, const pl_agreement *g, const pl_relaxation *r,
                      size_t m, char *buffer, size_t size)
{
    const pl_agreement_constraint *c = &g->constraints[r->members[m]];
    char name[256], from[512], to[512], amount[CLI_NUMBER_CHARS];
    pl_agreement_constraint_name(s, c, name, sizeof name);
    if (c->kind == PL_CONSTRAINT_RESERVATION) {
        char n1[CLI_NUMBER_CHARS], n2[CLI_NUMBER_CHARS];
        snprintf(buffer, size, "%s drops to %s (by %s)", name, cli_number(r->new_low[m], 4, n1),
                 cli_number(r->amount[m], 4, n2));
        return;
    }
    const pl_red_line *line = &s->red_lines[c->red_line];
    if (s->issues[c->issue].kind == PL_ISSUE_OPTIONS) {
        snprintf(buffer, size, "%s (%s) %s", name,
                 cli_red_line_bounds(s, c->issue, 0, 0, line->allowed, from, sizeof from),
                 r->amount[m] > 0 ? "admits one more option" : "stays");
        return;
    }
    cli_red_line_bounds(s, c->issue, line->low, line->high, NULL, from, sizeof from);
    cli_red_line_bounds(s, c->issue, r->new_low[m], r->new_high[m], NULL, to, sizeof to);
    /* A long name or bound is cut at `size`: the line is for reading, not parsing. */
    buffer[0] = '\0';
    if (r->amount[m] > 0)
        append(buffer, size, "%s from %s to %s (%s points)", name, from, to,
               cli_number(r->amount[m], 4, amount));
    else
        append(buffer, size, "%s stays at %s", name, from);
}

static void text_package(FILE *out, const pl_scenario *s, const double *package)
{
    char line[8192] = "", value[256];
    for (size_t i = 0; i < s->n_issues; i++)
        append(line, sizeof line, "%s%s = %s", i ? "; " : "", s->issues[i].id,
               cli_format_value(s, i, package[i], value, sizeof value));
    cli_wrap(out, line, 6, 6);
}

/* "RU 0.7320 (reservation 0.62), UA ..., US 0.7291, EU 0.5593" (members show reservations). */
static void text_utilities(FILE *out, const pl_scenario *s, const pl_agreement *g,
                           const double *utilities, const char *label, int first_indent)
{
    char line[4096], number[CLI_NUMBER_CHARS];
    snprintf(line, sizeof line, "%s", label);
    for (size_t a = 0; a < s->n_actors; a++) {
        int member = 0;
        for (size_t m = 0; m < g->n_coalition; m++)
            member |= g->coalition[m] == a;
        append(line, sizeof line, "%s %s %.4f", a ? "," : "", s->actors[a].id, utilities[a]);
        if (member)
            append(line, sizeof line, " (reservation %s)",
                   cli_number(s->actors[a].reservation, 4, number));
    }
    cli_wrap(out, line, 6, first_indent);
}

static void text_header(FILE *out, const pl_scenario *s, const pl_agreement *g)
{
    char line[2048], names[1024];
    size_t red = 0;
    for (size_t k = 0; k < g->n_constraints; k++)
        red += g->constraints[k].kind == PL_CONSTRAINT_RED_LINE;
    snprintf(line, sizeof line, "Zone of agreement: %s", s->name ? s->name : s->id ? s->id : "");
    cli_wrap(out, line, 2, 0);
    snprintf(line, sizeof line,
             "Deciding coalition (%s): %s, %.1f%% of the capability; %zu red lines and %zu "
             "reservations.",
             s->decision_rule.kind == PL_RULE_WEIGHTED_MAJORITY ? "weighted majority"
                                                                : "unanimity of the veto actors",
             cli_actor_list(s, g->coalition, g->n_coalition, names, sizeof names),
             100.0 * g->coalition_share, red, g->n_constraints - red);
    cli_wrap(out, line, 2, 2);
}

static void text_possible(FILE *out, const pl_scenario *s, const pl_agreement *g)
{
    char line[2048], names[1024];
    snprintf(line, sizeof line,
             "Agreement is possible: some package meets every red line and reservation of %s. "
             "The best of them leaves each at least %.4f above its reservation.",
             cli_actor_list(s, g->coalition, g->n_coalition, names, sizeof names), g->margin);
    cli_wrap(out, line, 0, 0);
    fprintf(out, "Best packages in the zone (utilities, then the package):\n");
    static const int order[] = {PL_SOLUTION_EGALITARIAN, PL_SOLUTION_NASH,
                                PL_SOLUTION_KALAI_SMORODINSKY, PL_SOLUTION_UTILITARIAN};
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
        const pl_agreement_solution *sol = &g->solutions[order[k]];
        if (!sol->present)
            continue;
        snprintf(line, sizeof line, "%s%s:", pl_solution_name((pl_solution_kind)order[k]),
                 order[k] == PL_SOLUTION_EGALITARIAN || !g->solutions_on_grid
                     ? " (exact)"
                     : " (on the frontier grid)");
        text_utilities(out, s, g, sol->utilities, line, 2);
        text_package(out, s, sol->package);
    }
}

static void text_conflicts(FILE *out, const pl_scenario *s, const pl_agreement *g)
{
    char line[4096], item[512];
    if (g->n_conflicts == 0)
        return;
    fprintf(out, "Conflicts (constraints that no package meets together):\n");
    for (size_t k = 0; k < g->n_conflicts; k++) {
        const pl_conflict *c = &g->conflicts[k];
        snprintf(line, sizeof line, "%zu. ", k + 1);
        for (size_t m = 0; m < c->n_members; m++)
            append(line, sizeof line, "%s%s", m == 0 ? "" : m + 1 == c->n_members ? " and " : ", ",
                   constraint_text(s, &g->constraints[c->members[m]], item, sizeof item));
        if (isinf(c->margin_without))
            append(line, sizeof line, ". Without them, other red lines still clash.");
        else if (c->margin_without >= -PL_TOLERANCE)
            append(line, sizeof line,
                   ". Without %s, the best package leaves every member %.4f above its "
                   "reservation: reservations do not block.",
                   c->n_members == 1 ? "it" : "them", c->margin_without);
        else
            append(line, sizeof line,
                   ". Without %s, reservations still block: the best package leaves some "
                   "member %.4f below its reservation.",
                   c->n_members == 1 ? "it" : "them", -c->margin_without);
        cli_wrap(out, line, 5, 2);
    }
}

static void text_relaxation(FILE *out, const pl_scenario *s, const pl_agreement *g,
                            const pl_relaxation *r, const char *prefix)
{
    char line[4096], move[1024];
    snprintf(line, sizeof line, "%s", prefix);
    for (size_t m = 0; m < r->n_members; m++) {
        if (r->amount[m] <= 0 && r->n_members > 1 && isnan(r->margin))
            continue; /* the least total relaxation lists only what moves */
        move_text(s, g, r, m, move, sizeof move);
        append(line, sizeof line, "%s%s", strcmp(line, prefix) ? "; " : "", move);
    }
    char total[CLI_NUMBER_CHARS];
    append(line, sizeof line, "; total %s of a range", cli_number(r->total, 4, total));
    if (!isnan(r->margin))
        append(line, sizeof line, "; without %s, the best package leaves every member %.4f "
                                  "above its reservation", r->n_members == 1 ? "it" : "them",
               r->margin);
    cli_wrap(out, line, 5, 2);
    text_utilities(out, s, g, r->utilities, "closest package:", 5);
    text_package(out, s, r->package);
}

/* The headline: who cannot agree and what opens a zone. */
static void text_summary(FILE *out, const pl_scenario *s, const pl_agreement *g)
{
    char line[8192], names[1024], move[1024];
    snprintf(line, sizeof line, "No package satisfies %s%s",
             g->n_coalition == 2 ? "both " : g->n_coalition > 2 ? "all of " : "",
             cli_actor_list(s, g->coalition, g->n_coalition, names, sizeof names));
    if (g->n_relaxations == 0) {
        append(line, sizeof line, ", and no set of up to %zu constraints opens a zone of "
                                  "agreement.", g->searched_size);
        cli_wrap(out, line, 0, 0);
        return;
    }
    append(line, sizeof line, ": the smallest relaxation%s that open%s a zone of agreement %s ",
           g->n_relaxations > 1 ? "s" : "", g->n_relaxations > 1 ? "" : "s",
           g->n_relaxations > 1 ? "are" : "is");
    for (size_t k = 0; k < g->n_relaxations && k < 4; k++) {
        const pl_relaxation *r = &g->relaxations[k];
        append(line, sizeof line, "%s", k == 0 ? "" : k + 1 == g->n_relaxations || k == 3
                                                          ? ", or " : ", ");
        for (size_t m = 0; m < r->n_members; m++) {
            move_text(s, g, r, m, move, sizeof move);
            append(line, sizeof line, "%s%s", m ? " with " : "", move);
        }
    }
    append(line, sizeof line, "%s.", g->n_relaxations > 4 ? ", ..." : "");
    cli_wrap(out, line, 0, 0);
}

static void text_blocked(FILE *out, const pl_scenario *s, const pl_agreement *g)
{
    char prefix[64];
    text_summary(out, s, g);
    text_conflicts(out, s, g);
    if (g->n_relaxations > 0)
        fprintf(out, "Minimal relaxations (every one of up to %zu constraints%s):\n",
                g->searched_size, g->sets_truncated ? ", first ones only" : "");
    for (size_t k = 0; k < g->n_relaxations; k++) {
        snprintf(prefix, sizeof prefix, "%zu. ", k + 1);
        text_relaxation(out, s, g, &g->relaxations[k], prefix);
    }
    if (g->closest.n_members > 0) {
        fprintf(out, "Least total relaxation of all constraints at once (the package that "
                     "comes closest):\n");
        text_relaxation(out, s, g, &g->closest, "");
    }
    if (g->search_limited) {
        char line[512];
        snprintf(line, sizeof line, "Searched: every conflict of up to %zu constraints and "
                 "every relaxation set of up to %zu; larger sets were not searched, as they "
                 "would pass the work limit of the blocking searches (zopa --max-work; docs/robustness.md, "
                 "\"Work limits\").", g->conflicts_searched_size, g->searched_size);
        cli_wrap(out, line, 0, 0);
    }
}

void cli_text_agreement(FILE *out, const pl_scenario *s, const pl_agreement *g)
{
    text_header(out, s, g);
    if (g->possible)
        text_possible(out, s, g);
    else
        text_blocked(out, s, g);
}

/* ---- JSON --------------------------------------------------------------------------- */

static json_t *json_number(double x)
{
    return isnan(x) || isinf(x) ? json_null() : json_real(x);
}

static json_t *json_package(const pl_scenario *s, const double *package)
{
    json_t *list = json_array();
    for (size_t i = 0; list && package && i < s->n_issues; i++)
        json_array_append_new(list, cli_json_value(s, i, package[i]));
    return list;
}

static json_t *json_numbers(const double *values, size_t n)
{
    json_t *list = json_array();
    for (size_t k = 0; list && values && k < n; k++)
        json_array_append_new(list, json_number(values[k]));
    return list;
}

static json_t *json_constraint(const pl_scenario *s, const pl_agreement_constraint *c)
{
    char name[256];
    pl_agreement_constraint_name(s, c, name, sizeof name);
    json_t *o = json_pack("{s:s, s:s, s:s}", "name", name, "kind",
                          c->kind == PL_CONSTRAINT_RED_LINE ? "red_line" : "reservation",
                          "actor", s->actors[c->actor].id);
    if (o == NULL)
        return NULL;
    if (c->kind == PL_CONSTRAINT_RESERVATION) {
        json_object_set_new(o, "reservation", json_real(s->actors[c->actor].reservation));
        return o;
    }
    const pl_red_line *line = &s->red_lines[c->red_line];
    json_object_set_new(o, "issue", json_string(s->issues[c->issue].id));
    if (s->issues[c->issue].kind == PL_ISSUE_OPTIONS) {
        json_t *allowed = json_array();
        for (size_t k = 0; allowed && k < s->issues[c->issue].n_options; k++)
            if (line->allowed[k])
                json_array_append_new(allowed, json_string(s->issues[c->issue].options[k].id));
        json_object_set_new(o, "allowed", allowed);
    } else {
        json_object_set_new(o, "min", json_real(line->low));
        json_object_set_new(o, "max", json_real(line->high));
    }
    return o;
}

static json_t *json_names(const pl_scenario *s, const pl_agreement *g, const size_t *members,
                          size_t n)
{
    char name[256];
    json_t *list = json_array();
    for (size_t m = 0; list && m < n; m++)
        json_array_append_new(list, json_string(pl_agreement_constraint_name(
                                        s, &g->constraints[members[m]], name, sizeof name)));
    return list;
}

static json_t *json_relaxation(const pl_scenario *s, const pl_agreement *g,
                               const pl_relaxation *r)
{
    char name[256];
    json_t *moves = json_array();
    for (size_t m = 0; moves && m < r->n_members; m++) {
        const pl_agreement_constraint *c = &g->constraints[r->members[m]];
        json_t *move = json_pack("{s:s, s:o}", "constraint",
                                 pl_agreement_constraint_name(s, c, name, sizeof name),
                                 "amount", json_number(r->amount[m]));
        if (move && c->kind == PL_CONSTRAINT_RESERVATION) {
            json_object_set_new(move, "reservation", json_number(r->new_low[m]));
        } else if (move && s->issues[c->issue].kind == PL_ISSUE_CONTINUOUS) {
            json_object_set_new(move, "min", json_number(r->new_low[m]));
            json_object_set_new(move, "max", json_number(r->new_high[m]));
        }
        json_array_append_new(moves, move);
    }
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "constraints",
                     json_names(s, g, r->members, r->n_members), "moves", moves, "total",
                     json_number(r->total), "margin", json_number(r->margin), "outcome",
                     json_package(s, r->package), "utilities",
                     json_numbers(r->utilities, s->n_actors));
}

static json_t *json_solutions(const pl_scenario *s, const pl_agreement *g)
{
    json_t *o = json_object();
    for (int k = 0; o && k < PL_SOLUTION_COUNT; k++) {
        if (k == PL_SOLUTION_ASYMMETRIC_NASH)
            continue;
        const pl_agreement_solution *sol = &g->solutions[k];
        json_object_set_new(o, pl_solution_name((pl_solution_kind)k),
                            sol->present ? json_pack("{s:o, s:o}", "outcome",
                                                     json_package(s, sol->package), "utilities",
                                                     json_numbers(sol->utilities, s->n_actors))
                                         : json_null());
    }
    return o;
}

static json_t *json_blocked(const pl_scenario *s, const pl_agreement *g)
{
    json_t *conflicts = json_array(), *relaxations = json_array();
    for (size_t k = 0; conflicts && k < g->n_conflicts; k++)
        json_array_append_new(
            conflicts, json_pack("{s:o, s:o}", "constraints",
                                 json_names(s, g, g->conflicts[k].members,
                                            g->conflicts[k].n_members),
                                 "margin_without", json_number(g->conflicts[k].margin_without)));
    for (size_t k = 0; relaxations && k < g->n_relaxations; k++)
        json_array_append_new(relaxations, json_relaxation(s, g, &g->relaxations[k]));
    return json_pack("{s:o, s:o, s:I, s:I, s:b, s:b, s:o}", "conflicts", conflicts,
                     "relaxations", relaxations, "searched_size", (json_int_t)g->searched_size,
                     "conflicts_searched_size", (json_int_t)g->conflicts_searched_size,
                     "truncated", g->sets_truncated || g->conflicts_truncated,
                     "search_limited", g->search_limited, "closest",
                     g->closest.n_members ? json_relaxation(s, g, &g->closest) : json_null());
}

json_t *cli_json_agreement(const pl_scenario *s, const pl_agreement *g)
{
    json_t *coalition = json_array(), *constraints = json_array();
    for (size_t m = 0; coalition && m < g->n_coalition; m++)
        json_array_append_new(coalition, json_string(s->actors[g->coalition[m]].id));
    for (size_t k = 0; constraints && k < g->n_constraints; k++)
        json_array_append_new(constraints, json_constraint(s, &g->constraints[k]));
    json_t *o = json_pack(
        "{s:o, s:o, s:f, s:o, s:b, s:b, s:o, s:o}", "actors", cli_json_ids_actors(s),
        "coalition", coalition, "coalition_share", g->coalition_share, "constraints",
        constraints, "possible", g->possible != 0, "red_lines_compatible",
        g->red_lines_compatible != 0, "margin", json_number(g->margin), "maximin",
        g->maximin ? json_pack("{s:o, s:o}", "outcome", json_package(s, g->maximin),
                               "utilities", json_numbers(g->maximin_utilities, s->n_actors))
                   : json_null());
    if (o == NULL)
        return NULL;
    json_object_set_new(o, "solutions", g->possible ? json_solutions(s, g) : json_null());
    if (g->possible) /* the Nash package's proven error in utility (null: not proven) */
        json_object_set_new(o, "nash_error", json_number(g->nash_error));
    json_object_set_new(o, "blocked", g->possible ? json_null() : json_blocked(s, g));
    return o;
}

/* ---- The mediator ------------------------------------------------------------------- */

static void text_gains(FILE *out, const pl_scenario *s, const pl_mediation *m, size_t k)
{
    char line[4096] = "", value[64];
    const double *gain = m->item_gain + k * s->n_actors;
    for (size_t a = 0; a < s->n_actors; a++) {
        if (fabs(gain[a]) < 5e-5)
            continue;
        snprintf(value, sizeof value, "%+.4f", gain[a]);
        append(line, sizeof line, "%s%s %s", line[0] ? ", " : "", s->actors[a].id, value);
    }
    fprintf(out, "%s\n", line[0] ? line : "no one's utility changes");
}

void cli_text_mediation(FILE *out, const pl_scenario *s, const char *start_name,
                        const pl_mediation *m)
{
    char line[4096], names[1024], from[256], to[256], number[CLI_NUMBER_CHARS];
    snprintf(line, sizeof line, "Single negotiating text for %s, starting from %s",
             cli_actor_list(s, m->coalition, m->n_coalition, names, sizeof names), start_name);
    cli_wrap(out, line, 2, 0);
    if (m->feasible)
        snprintf(line, sizeof line,
                 "The smallest change that gives every member its reservation within its red "
                 "lines moves %zu item%s, %s of a range in all:",
                 m->n_items, m->n_items == 1 ? "" : "s", cli_number(m->distance, 4, number));
    else
        snprintf(line, sizeof line,
                 "No package meets every red line and reservation of %s (the agreement "
                 "analysis proves it: parley zopa). The closest text moves %zu item%s, %s of "
                 "a range in all, and still crosses:",
                 names, m->n_items, m->n_items == 1 ? "" : "s",
                 cli_number(m->distance, 4, number));
    cli_wrap(out, line, 0, 0);
    for (size_t k = 0; !m->feasible && k < m->n_crossed; k++) {
        const pl_agreement_constraint *c = &m->crossed[k];
        pl_agreement_constraint_name(s, c, names, sizeof names);
        fprintf(out, "  %s by %s%s\n", names, cli_number(m->crossed_amount[k], 4, number),
                c->kind == PL_CONSTRAINT_RESERVATION ? " in utility" : " points");
    }
    fprintf(out, "  %-16s %10s %10s  %s\n", "item", "from", "to", "who gains (+) and loses (-)");
    cli_names legend = {0};
    char fitted[3][64];
    for (size_t k = 0; k < m->n_items; k++) {
        const pl_mediation_item *item = &m->items[k];
        cli_format_value(s, item->issue, item->from, from, sizeof from);
        cli_format_value(s, item->issue, item->to, to, sizeof to);
        fprintf(out, "  %-16s %10s %10s  ",
                cli_fit(&legend, s->issues[item->issue].id, 16, fitted[0], 64),
                cli_fit(&legend, from, 10, fitted[1], 64), cli_fit(&legend, to, 10, fitted[2], 64));
        text_gains(out, s, m, k);
    }
    fprintf(out, "Utilities (start -> text):\n");
    for (size_t a = 0; a < s->n_actors; a++) {
        int member = 0;
        for (size_t j = 0; j < m->n_coalition; j++)
            member |= m->coalition[j] == a;
        fprintf(out, "  %-8s %.4f -> %.4f", cli_fit(&legend, s->actors[a].id, 8, fitted[0], 64),
                m->start_utilities[a], m->text_utilities[a]);
        if (member)
            fprintf(out, "  (reservation %s)", cli_number(s->actors[a].reservation, 4, number));
        fputc('\n', out);
    }
    cli_names_print(out, &legend);
    cli_names_free(&legend);
}

json_t *cli_json_mediation(const pl_scenario *s, const char *start_name, const pl_mediation *m)
{
    json_t *items = json_array(), *crossed = json_array(), *coalition = json_array();
    char name[256];
    for (size_t k = 0; items && k < m->n_items; k++) {
        const pl_mediation_item *item = &m->items[k];
        json_array_append_new(
            items, json_pack("{s:s, s:o, s:o, s:f, s:o}", "issue", s->issues[item->issue].id,
                             "from", cli_json_value(s, item->issue, item->from), "to",
                             cli_json_value(s, item->issue, item->to), "change", item->change,
                             "gains", json_numbers(m->item_gain + k * s->n_actors, s->n_actors)));
    }
    for (size_t k = 0; crossed && k < m->n_crossed; k++)
        json_array_append_new(
            crossed, json_pack("{s:s, s:f}", "constraint",
                               pl_agreement_constraint_name(s, &m->crossed[k], name, sizeof name),
                               "amount", m->crossed_amount[k]));
    for (size_t j = 0; coalition && j < m->n_coalition; j++)
        json_array_append_new(coalition, json_string(s->actors[m->coalition[j]].id));
    return json_pack("{s:o, s:o, s:s, s:b, s:f, s:o, s:o, s:o, s:o, s:o, s:o}", "actors",
                     cli_json_ids_actors(s), "coalition", coalition, "from", start_name,
                     "feasible", m->feasible != 0, "distance", m->distance, "start",
                     json_package(s, m->start), "text", json_package(s, m->text),
                     "start_utilities", json_numbers(m->start_utilities, s->n_actors),
                     "text_utilities", json_numbers(m->text_utilities, s->n_actors), "items",
                     items, "crossed", crossed);
}
