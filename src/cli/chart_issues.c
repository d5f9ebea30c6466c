/*
 * chart_issues.c - the first chart of a report: every issue as a line from
 * its low to its high end, with the actors' ideal points (area proportional
 * to capability x salience), the red lines shaded over the outcomes they
 * exclude, the room every party that must agree accepts, the proposals as
 * ticks and the models' forecasts as markers. Issues that block any
 * agreement (the red-line analysis) come first, highlighted, with their gap.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "cli.h"
#include "chart_legend.h"

#define LINE_X0 250.0
#define LINE_X1 890.0
#define ROW_HEIGHT 84.0
#define BARRIER_HEIGHT 140.0
#define LABEL_CHARS 28

typedef struct issues_chart {
    cli_svg *svg;
    const cli_report *report;
    const pl_scenario *s;
    double max_weight;   /**< largest capability x salience over every stance */
} issues_chart;

static double x_of(const issues_chart *c, size_t issue, double value)
{
    return cli_chart_issue_x(c->s, issue, value, LINE_X0, LINE_X1);
}

static double weight(const pl_scenario *s, size_t a, size_t i)
{
    const pl_stance *st = pl_scenario_stance_const(s, a, i);
    return st->present ? pl_scenario_capability_on(s, a, i) * st->salience : 0;
}

/* An actor's ideal outcome: its position, or its best option's index. */
static double ideal(const pl_scenario *s, size_t a, size_t i)
{
    const pl_stance *st = pl_scenario_stance_const(s, a, i);
    if (s->issues[i].kind != PL_ISSUE_OPTIONS)
        return st->position;
    size_t best = 0;
    for (size_t k = 1; k < s->issues[i].n_options; k++)
        if (st->option_values[k] > st->option_values[best])
            best = k;
    return (double)best;
}

static double radius(const issues_chart *c, size_t a, size_t i)
{
    double w = weight(c->s, a, i);
    return 3 + 9 * (c->max_weight > 0 ? sqrt(w / c->max_weight) : 0);
}

/* The part of the line a red line excludes, shaded in the actor's colour. */
static void shade(const issues_chart *c, const pl_red_line *rl, double axis_y)
{
    const pl_issue *is = &c->s->issues[rl->issue];
    const char *colour = cli_chart_actor_colour(rl->actor);
    double spans[8][2];
    size_t n = 0;
    if (is->kind == PL_ISSUE_OPTIONS) {
        double slot = (LINE_X1 - LINE_X0) / (double)(is->n_options ? is->n_options : 1) / 2;
        for (size_t k = 0; k < is->n_options; k++)
            if (!rl->allowed[k]) {
                double x = x_of(c, rl->issue, (double)k);
                cli_svg_put(c->svg,
                            "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"24\" fill=\"%r\" "
                            "fill-opacity=\"0.2\"/>\n",
                            fmax(LINE_X0, x - fmin(slot, 20)), axis_y - 12, 2 * fmin(slot, 20),
                            colour);
            }
        return;
    }
    if (rl->low > is->low)
        spans[n][0] = is->low, spans[n++][1] = rl->low;
    if (rl->high < is->high)
        spans[n][0] = rl->high, spans[n++][1] = is->high;
    for (size_t k = 0; k < n; k++) {
        double x0 = x_of(c, rl->issue, spans[k][0]), x1 = x_of(c, rl->issue, spans[k][1]);
        cli_svg_put(c->svg,
                    "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"24\" fill=\"%r\" "
                    "fill-opacity=\"0.2\"/>\n",
                    x0, axis_y - 12, x1 - x0, colour);
        double edge = k == 0 && rl->low > is->low ? x1 : x0;
        cli_svg_put(c->svg,
                    "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"%r\" "
                    "stroke-width=\"1.5\"/>\n",
                    edge, axis_y - 12, edge, axis_y + 12, colour);
    }
}

/* The room the red lines of those who must agree leave, as a green bar under the line. */
static void room(const issues_chart *c, size_t i, double axis_y)
{
    const pl_red_line_analysis *r = c->report->red_lines;
    const pl_issue *is = &c->s->issues[i];
    if (r == NULL || is->kind == PL_ISSUE_OPTIONS || isnan(r->feasible_low[i]) ||
        r->feasible_low[i] > r->feasible_high[i])
        return;
    if (r->feasible_low[i] <= is->low && r->feasible_high[i] >= is->high)
        return;
    double x0 = x_of(c, i, r->feasible_low[i]), x1 = x_of(c, i, r->feasible_high[i]);
    cli_svg_put(c->svg,
                "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"5\" fill=\"#1A9850\">"
                "<title>Room every party that must agree accepts: %p to %p</title></rect>\n",
                x0, axis_y + 7, fmax(x1 - x0, 2), r->feasible_low[i], r->feasible_high[i]);
}

static void axis(const issues_chart *c, size_t i, double axis_y)
{
    const pl_issue *is = &c->s->issues[i];
    cli_svg_put(c->svg,
                "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#777777\" "
                "stroke-width=\"1.5\"/>\n",
                LINE_X0, axis_y, LINE_X1, axis_y);
    for (int q = 0; q <= 4; q++) {
        double x = LINE_X0 + (LINE_X1 - LINE_X0) * q / 4.0;
        cli_svg_put(c->svg,
                    "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#777777\"/>\n", x,
                    axis_y - 3, x, axis_y + 3);
    }
    if (is->kind == PL_ISSUE_OPTIONS) {
        /* each name within its share of the axis (about 5.5 px a character at 9 px) */
        double spacing = is->n_options > 1 ? x_of(c, i, 1) - x_of(c, i, 0) : 400;
        size_t width = spacing / 5.5 > 8 ? (size_t)(spacing / 5.5) - 1 : 7;
        const char **ids = malloc((is->n_options + 1) * sizeof *ids);
        for (size_t k = 0; ids != NULL && k < is->n_options; k++)
            ids[k] = is->options[k].id;
        for (size_t k = 0; k < is->n_options; k++) {
            char shown[256];
            cli_fit_among(NULL, is->options[k].id, ids, ids ? is->n_options : 0, width, shown,
                          sizeof shown);
            int cut = strcmp(shown, is->options[k].id) != 0; /* then in full in <title> */
            cli_svg_put(c->svg,
                        "<text x=\"%n\" y=\"%n\" font-size=\"9\" fill=\"#555555\" "
                        "text-anchor=\"middle\">%s%r%s%r</text>\n",
                        x_of(c, i, (double)k), axis_y + 52, shown, cut ? "<title>" : "",
                        cut ? is->options[k].id : "", cut ? "</title>" : "");
        }
        free((void *)ids);
        return;
    }
    cli_svg_put(c->svg,
                "<text x=\"%n\" y=\"%n\" font-size=\"10\" fill=\"#555555\" "
                "text-anchor=\"end\">%p</text>\n",
                LINE_X0 - 15, axis_y + 4, is->low);
    cli_svg_put(c->svg, "<text x=\"%n\" y=\"%n\" font-size=\"10\" fill=\"#555555\">%p</text>\n",
                LINE_X1 + 15, axis_y + 4, is->high);
}

/* Labels of points closer than `near` pixels are merged: "RU/US" rather than two overlapping. */
static void grouped_labels(cli_svg *svg, const double *xs, const char *const *labels, size_t n,
                           double near, double y, const char *attributes)
{
    unsigned char *done = calloc(n + 1, 1);
    if (done == NULL) {
        svg->failed = 1;
        return;
    }
    for (size_t k = 0; k < n; k++) {
        if (done[k] || labels[k] == NULL)
            continue;
        cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" text-anchor=\"middle\" %r>%s", xs[k], y,
                    attributes, labels[k]);
        for (size_t j = k + 1; j < n; j++)
            if (!done[j] && labels[j] && fabs(xs[j] - xs[k]) < near) {
                cli_svg_put(svg, "/%s", labels[j]);
                done[j] = 1;
            }
        cli_svg_raw(svg, "</text>\n");
    }
    free(done);
}

static void ideal_points(const issues_chart *c, size_t i, double axis_y)
{
    const pl_scenario *s = c->s;
    double xs[64];
    const char *labels[64];
    size_t n = s->n_actors < 64 ? s->n_actors : 64;
    /* Largest first, so that small circles stay visible on top of large ones. */
    unsigned char *drawn = calloc(n + 1, 1);
    if (drawn == NULL) {
        c->svg->failed = 1;
        return;
    }
    for (size_t round = 0; round < n; round++) {
        size_t best = n;
        for (size_t a = 0; a < n; a++)
            if (!drawn[a] && (best == n || radius(c, a, i) > radius(c, best, i)))
                best = a;
        drawn[best] = 1;
        if (!pl_scenario_stance_const(s, best, i)->present)
            continue;
        const pl_stance *st = pl_scenario_stance_const(s, best, i);
        cli_svg_put(c->svg,
                    "<circle cx=\"%n\" cy=\"%n\" r=\"%n\" fill=\"%r\" fill-opacity=\"0.85\" "
                    "stroke=\"#FFFFFF\"><title>%s: ideal %p, salience %n, capability %n</title>"
                    "</circle>\n",
                    x_of(c, i, ideal(s, best, i)), axis_y, radius(c, best, i),
                    cli_chart_actor_colour(best), s->actors[best].id,
                    s->issues[i].kind == PL_ISSUE_OPTIONS ? ideal(s, best, i) : st->position,
                    st->salience, pl_scenario_capability_on(s, best, i));
    }
    free(drawn);
    char shown[64][64];
    size_t widest = 4;
    for (size_t a = 0; a < n; a++) {
        int present = pl_scenario_stance_const(s, a, i)->present;
        xs[a] = present ? x_of(c, i, ideal(s, a, i)) : 0;
        labels[a] = present ? cli_chart_actor(s, a, shown[a], sizeof shown[a]) : NULL;
        widest = present && strlen(labels[a]) > widest ? strlen(labels[a]) : widest;
    }
    /* labels closer than their width (about 6 px a character at 10 px) share one text */
    grouped_labels(c->svg, xs, labels, n, fmax(28, 6.0 * (double)widest), axis_y - 16,
                   "font-size=\"10\" fill=\"#333333\"");
}

static void proposals_and_forecasts(const issues_chart *c, size_t i, double axis_y)
{
    const pl_scenario *s = c->s;
    double xs[64];
    char numbers[64][8];
    const char *labels[64];
    size_t n = s->n_proposals < 64 ? s->n_proposals : 64;
    for (size_t p = 0; p < n; p++) {
        xs[p] = x_of(c, i, s->proposals[p].values[i]);
        snprintf(numbers[p], sizeof numbers[p], "%zu", p + 1);
        labels[p] = numbers[p];
        cli_svg_put(c->svg,
                    "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#333333\" "
                    "stroke-width=\"1.5\"><title>%s</title></line>\n",
                    xs[p], axis_y + 28, xs[p], axis_y + 36, s->proposals[p].name);
    }
    grouped_labels(c->svg, xs, labels, n, 12, axis_y + 46, "font-size=\"9\" fill=\"#333333\"");
    for (size_t m = 0; m < c->report->n_models; m++) {
        const cli_report_model *model = &c->report->models[m];
        if (model->ran && !isnan(model->forecast[i]))
            cli_chart_model_marker(c->svg, model->model, x_of(c, i, model->forecast[i]),
                                   axis_y + 20);
    }
}

static void issue_label(const issues_chart *c, size_t i, double axis_y)
{
    const pl_issue *is = &c->s->issues[i];
    size_t lines = cli_chart_text_block(c->svg, is->name, CHART_MARGIN, axis_y - 4, 14,
                                        LABEL_CHARS, "font-weight=\"bold\"");
    cli_svg_put(c->svg, "<text x=\"%d\" y=\"%n\" font-size=\"10\" fill=\"#666666\">%s</text>\n",
                CHART_MARGIN, axis_y - 4 + 14 * (double)lines, is->id);
}

/* One issue's line and everything on it, the axis at `axis_y`. */
static void issue_row(const issues_chart *c, size_t i, double axis_y)
{
    const pl_issue *is = &c->s->issues[i];
    cli_svg_put(c->svg, "<g><title>%s", is->name);
    if (is->kind == PL_ISSUE_CONTINUOUS && (is->low_label || is->high_label))
        cli_svg_put(c->svg, ": %p = %s; %p = %s", is->low, is->low_label ? is->low_label : "",
                    is->high, is->high_label ? is->high_label : "");
    cli_svg_raw(c->svg, "</title>\n");
    issue_label(c, i, axis_y);
    for (size_t k = 0; k < c->s->n_red_lines; k++)
        if (c->s->red_lines[k].issue == i)
            shade(c, &c->s->red_lines[k], axis_y);
    axis(c, i, axis_y);
    room(c, i, axis_y);
    ideal_points(c, i, axis_y);
    proposals_and_forecasts(c, i, axis_y);
    cli_svg_raw(c->svg, "</g>\n");
}

/* The headline of a blocking issue and its gap drawn over the line. */
static void barrier(const issues_chart *c, const pl_blocking_issue *b, double top)
{
    const pl_scenario *s = c->s;
    const pl_issue *is = &s->issues[b->issue];
    const pl_red_line_analysis *r = c->report->red_lines;
    cli_svg_put(c->svg,
                "<rect x=\"%d\" y=\"%n\" width=\"%n\" height=\"%n\" fill=\"#FBE3E4\" "
                "stroke=\"#A50026\"/>\n",
                CHART_MARGIN / 2, top, CHART_WIDTH - CHART_MARGIN, BARRIER_HEIGHT - 8);
    double axis_y = top + 80;
    if (is->kind == PL_ISSUE_CONTINUOUS && b->low_actor < s->n_actors &&
        b->high_actor < s->n_actors) {
        cli_svg_put(c->svg,
                    "<text x=\"%d\" y=\"%n\" font-size=\"14\" font-weight=\"bold\" "
                    "fill=\"#A50026\">Barrier: %s</text>\n<text x=\"%d\" y=\"%n\" "
                    "font-size=\"12.5\" fill=\"#A50026\">%s needs at least %p, %s accepts at "
                    "most %p: a gap of %p points (%d%% of the range)</text>\n",
                    CHART_MARGIN, top + 20, is->name, CHART_MARGIN, top + 38,
                    s->actors[b->low_actor].id,
                    r->feasible_low[b->issue], s->actors[b->high_actor].id,
                    r->feasible_high[b->issue], b->gap, (int)lround(100 * b->gap_share));
        double x0 = x_of(c, b->issue, r->feasible_high[b->issue]);
        double x1 = x_of(c, b->issue, r->feasible_low[b->issue]);
        cli_svg_put(c->svg,
                    "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"6\" fill=\"#A50026\"/>\n"
                    "<text x=\"%n\" y=\"%n\" font-size=\"12\" font-weight=\"bold\" "
                    "fill=\"#A50026\" text-anchor=\"middle\">gap %p</text>\n",
                    x0, axis_y - 3, x1 - x0, (x0 + x1) / 2, axis_y - 22, b->gap);
    } else {
        cli_svg_put(c->svg,
                    "<text x=\"%d\" y=\"%n\" font-size=\"14\" font-weight=\"bold\" "
                    "fill=\"#A50026\">Barrier: %s</text>\n<text x=\"%d\" y=\"%n\" "
                    "font-size=\"12.5\" fill=\"#A50026\">No option is acceptable to all who "
                    "must agree; %p red lines must be relaxed first</text>\n",
                    CHART_MARGIN, top + 20, is->name, CHART_MARGIN, top + 38, b->gap);
    }
    issue_row(c, b->issue, axis_y);
}

static int is_blocking(const cli_report *report, size_t issue)
{
    const pl_red_line_analysis *r = report->red_lines;
    for (size_t k = 0; r && k < r->n_blocking; k++)
        if (r->blocking[k].issue == issue)
            return 1;
    return 0;
}

static double legend(const issues_chart *c, double y)
{
    const pl_scenario *s = c->s;
    cli_legend l;
    cli_legend_begin(&l, c->svg, CHART_MARGIN, y, CHART_WIDTH - CHART_MARGIN);
    for (size_t a = 0; a < s->n_actors; a++) {
        char text[200];
        snprintf(text, sizeof text, "%s %s%s", s->actors[a].id, s->actors[a].name,
                 s->actors[a].veto ? " (veto)" : "");
        cli_legend_item(&l, CLI_SWATCH_CIRCLE, cli_chart_actor_colour(a), 0, text);
    }
    cli_legend_item(&l, CLI_SWATCH_NONE, NULL, 0,
                    "ideal points; area = capability x salience");
    cli_legend_break(&l);
    cli_legend_item(&l, CLI_SWATCH_BAND, "#777777", 0,
                    "outcomes a red line excludes (actor's colour)");
    cli_legend_item(&l, CLI_SWATCH_BAR, "#1A9850", 0, "room all who must agree accept");
    for (size_t m = 0; m < c->report->n_models; m++)
        if (c->report->models[m].ran)
            cli_legend_item(&l, CLI_SWATCH_MARKER, NULL, c->report->models[m].model,
                            pl_model_name(c->report->models[m].model));
    cli_legend_break(&l);
    for (size_t p = 0; p < s->n_proposals; p++) {
        char text[200];
        snprintf(text, sizeof text, "%zu = %s", p + 1, s->proposals[p].name);
        cli_legend_item(&l, p == 0 ? CLI_SWATCH_TICK : CLI_SWATCH_NONE, NULL, 0, text);
    }
    return cli_legend_bottom(&l);
}

static double verdict_line(const issues_chart *c, double y)
{
    const pl_red_line_analysis *r = c->report->red_lines;
    if (r == NULL || r->n_blocking > 0)
        return y;
    char ids[400] = "", shown[64];
    for (size_t k = 0; k < r->n_coalition; k++) {
        cli_chart_actor(c->s, r->coalition[k], shown, sizeof shown);
        if (strlen(ids) + strlen(shown) + 3 >= sizeof ids)
            break;
        strcat(ids, k ? ", " : "");
        strcat(ids, shown);
    }
    cli_svg_put(c->svg,
                "<text x=\"%d\" y=\"%n\" font-size=\"14\" font-weight=\"bold\" fill=\"#1A9850\">"
                "No barrier: the red lines of %s leave room on every issue</text>\n",
                CHART_MARGIN, y + 18, ids[0] ? ids : "the parties");
    return y + 30;
}

/* Everything below the title, into `svg`; returns the y where the caveats start. */
static double body(issues_chart *c, double y)
{
    y = legend(c, y) + 8;
    y = verdict_line(c, y);
    const pl_red_line_analysis *r = c->report->red_lines;
    for (size_t k = 0; r && k < r->n_blocking; k++) {
        barrier(c, &r->blocking[k], y);
        y += BARRIER_HEIGHT;
    }
    for (size_t i = 0; i < c->s->n_issues; i++)
        if (!is_blocking(c->report, i)) {
            issue_row(c, i, y + 34);
            y += ROW_HEIGHT;
        }
    return y + 4;
}

int cli_chart_issues(cli_svg *svg, const cli_report *report)
{
    const pl_scenario *s = report->scenario;
    if (s->n_issues == 0 || s->n_actors == 0)
        return 0;
    issues_chart c = {NULL, report, s, 0};
    for (size_t a = 0; a < s->n_actors; a++)
        for (size_t i = 0; i < s->n_issues; i++)
            c.max_weight = fmax(c.max_weight, weight(s, a, i));
    cli_svg inner;
    cli_svg_init(&inner);
    c.svg = &inner;
    double caveat_y = body(&c, 62);
    double height = caveat_y + cli_chart_caveat_height(s, CHART_WIDTH);
    char subtitle[600];
    snprintf(subtitle, sizeof subtitle, "%s%s%s", s->name ? s->name : (s->id ? s->id : ""),
             s->provenance.date ? "; as of " : "",
             s->provenance.date ? s->provenance.date : "");
    cli_chart_begin(svg, CHART_WIDTH, height, "Where the parties stand, issue by issue",
                    subtitle);
    cli_svg_raw_n(svg, inner.data ? inner.data : "", inner.size);
    svg->failed |= inner.failed;
    cli_svg_free(&inner);
    cli_chart_caveat(svg, s, caveat_y, CHART_WIDTH);
    cli_chart_end(svg);
    return 1;
}
