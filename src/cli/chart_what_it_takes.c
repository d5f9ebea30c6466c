/*
 * chart_what_it_takes.c - what it would take (docs/report.md), drawn from the
 * "agreement" object of `parley run --json` ("what_it_takes" and
 * "what_it_takes_simulation"), so that `parley run --report` and `parley
 * report` draw the same bytes.
 *
 * One panel per (member, blocking constraint), all on the issue's whole
 * range: where the bound stands now, the settlement probability (left axis)
 * and the zone's margin (right axis) at each step as it moves towards the
 * other side, the stretch with no zone shaded, and the exact bound at which
 * a zone opens marked. For the default scenario: territory (Donetsk) as the
 * barrier, and how far Russia's and Ukraine's red lines would each have to
 * move.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart.h"

#define PX0 90.0
#define PX1 690.0
#define PANEL_HEIGHT 130.0
#define PANEL_GAP 74.0
#define MAX_PANELS 8

/* A panel's frame: the bound's scale [low, high] on [PX0, PX1], y from top down. */
typedef struct panel {
    double low, high, top, margin_top;
} panel;

static double px(const panel *p, double v)
{
    return PX0 + (PX1 - PX0) * (p->high > p->low ? (v - p->low) / (p->high - p->low) : 0);
}

static double py(const panel *p, double share)
{
    return p->top + PANEL_HEIGHT * (1 - fmin(1, fmax(0, share)));
}

/* Issue index of an entry, or the scenario's issue count when unknown. */
static size_t issue_of(const pl_scenario *s, const json_t *e)
{
    const char *id = cli_chart_text(e, "issue", "");
    size_t i = 0;
    while (i < s->n_issues && strcmp(s->issues[i].id, id) != 0)
        i++;
    return i;
}

/* Entries the chart can draw: a known continuous issue (or a reservation), some steps. */
static int drawable(const pl_scenario *s, const json_t *e)
{
    size_t i = issue_of(s, e);
    int reservation = strcmp(cli_chart_text(e, "constraint", ""), "reservation") == 0;
    return i < s->n_issues && (reservation || s->issues[i].kind == PL_ISSUE_CONTINUOUS) &&
           json_array_size(json_object_get(e, "steps")) > 0 && !isnan(cli_chart_number(e, "from"));
}

/* The largest margin of any step (the right axis' top), at least 0.05, rounded up. */
static double margin_scale(const pl_scenario *s, const json_t *list)
{
    double top = 0.05;
    for (size_t k = 0; k < json_array_size(list); k++) {
        const json_t *steps = json_object_get(json_array_get(list, k), "steps");
        if (!drawable(s, json_array_get(list, k)))
            continue;
        for (size_t j = 0; j < json_array_size(steps); j++)
            top = fmax(top, cli_chart_number(json_array_get(steps, j), "margin"));
    }
    return ceil(top * 25 - 1e-9) / 25; /* quarters of the axis at round values */
}

static void axes(cli_svg *svg, const panel *p, int issue_axis)
{
    double bottom = p->top + PANEL_HEIGHT;
    for (int k = 0; k <= 4; k++) {
        double y = bottom - PANEL_HEIGHT * k / 4.0;
        cli_svg_put(svg, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#E4E4E4\"/>\n",
                    PX0, y, PX1, y);
        cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10\" text-anchor=\"end\" "
                         "fill=\"#0072B2\">%d%%</text>\n", PX0 - 5, y + 3.5, 25 * k);
        cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10\" fill=\"#555555\">", PX1 + 5,
                    y + 3.5);
        cli_svg_number(svg, p->margin_top * k / 4.0, 3);
        cli_svg_raw(svg, "</text>\n");
    }
    for (int k = 0; k <= 10; k++) {
        double v = p->low + (p->high - p->low) * k / 10.0, x = px(p, v);
        cli_svg_put(svg, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#BBBBBB\"/>\n",
                    x, bottom, x, bottom + 4);
        cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10\" text-anchor=\"middle\" "
                         "fill=\"#555555\">", x, bottom + 15);
        cli_svg_number(svg, v, issue_axis ? 1 : 2);
        cli_svg_raw(svg, "</text>\n");
    }
    cli_svg_put(svg, "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"%n\" fill=\"none\" "
                     "stroke=\"#888888\"/>\n", PX0, p->top, PX1 - PX0, PANEL_HEIGHT);
}

/* Shade the stretch from `from` to the opening (or the last step) where no zone exists. */
static void closed_stretch(cli_svg *svg, const panel *p, const json_t *e)
{
    double from = cli_chart_number(e, "from"), opens = cli_chart_number(e, "opens_at"),
           to = cli_chart_number(e, "to");
    double end = isnan(opens) ? to : opens;
    if (isnan(end))
        end = from; /* a document without "to": nothing to shade */
    double x0 = fmin(px(p, from), px(p, end)), x1 = fmax(px(p, from), px(p, end));
    cli_svg_put(svg, "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"%n\" fill=\"#F4D6D6\" "
                     "opacity=\"0.7\"><title>no zone of agreement</title></rect>\n", x0, p->top,
                x1 - x0, PANEL_HEIGHT);
}

/* The settlement probability (points and line) and the margin (dashed, where a zone exists). */
static void curves(cli_svg *svg, const panel *p, const json_t *e)
{
    const json_t *steps = json_object_get(e, "steps");
    int started = 0;
    for (size_t j = 0; j < json_array_size(steps); j++) {
        const json_t *q = json_array_get(steps, j);
        double v = cli_chart_number(q, "value"), m = cli_chart_number(q, "margin");
        if (isnan(v) || isnan(m) || !json_is_true(json_object_get(q, "possible")))
            continue;
        cli_svg_put(svg, started ? " %n,%n" : "<polyline fill=\"none\" stroke=\"#555555\" "
                    "stroke-width=\"1.5\" stroke-dasharray=\"5 3\" points=\"%n,%n", px(p, v),
                    py(p, m / p->margin_top));
        started = 1;
    }
    if (started)
        cli_svg_raw(svg, "\"><title>zone margin</title></polyline>\n");
    started = 0;
    for (size_t j = 0; j < json_array_size(steps); j++) {
        const json_t *q = json_array_get(steps, j);
        double v = cli_chart_number(q, "value"), r = cli_chart_number(q, "settlement");
        if (isnan(v) || isnan(r))
            continue;
        cli_svg_put(svg, started ? " %n,%n" : "<polyline fill=\"none\" stroke=\"#0072B2\" "
                    "stroke-width=\"2\" points=\"%n,%n", px(p, v), py(p, r));
        started = 1;
    }
    if (started)
        cli_svg_raw(svg, "\"/>\n");
    for (size_t j = 0; j < json_array_size(steps); j++) {
        const json_t *q = json_array_get(steps, j);
        double v = cli_chart_number(q, "value"), r = cli_chart_number(q, "settlement");
        const json_t *interval = json_object_get(q, "settlement_interval");
        if (isnan(v) || isnan(r))
            continue;
        if (json_is_array(interval))
            cli_svg_put(svg, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#0072B2\" "
                             "opacity=\"0.5\"/>\n", px(p, v),
                        py(p, json_number_value(json_array_get(interval, 0))), px(p, v),
                        py(p, json_number_value(json_array_get(interval, 1))));
        cli_svg_put(svg, "<circle cx=\"%n\" cy=\"%n\" r=\"3\" fill=\"#0072B2\"><title>bound ",
                    px(p, v), py(p, r));
        cli_svg_number(svg, v, 4);
        cli_svg_put(svg, ": settles in %p%% of runs</title></circle>\n", 100 * r);
    }
}

/* Now (a solid marker) and the opening (a dashed line), with their labels. */
static void marks(cli_svg *svg, const panel *p, const json_t *e, const char *sign)
{
    double from = cli_chart_number(e, "from"), opens = cli_chart_number(e, "opens_at");
    double bottom = p->top + PANEL_HEIGHT;
    cli_svg_put(svg, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#D55E00\" "
                     "stroke-width=\"3\"/>\n", px(p, from), p->top, px(p, from), bottom);
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10\" text-anchor=\"middle\" "
                     "fill=\"#D55E00\">now %r", px(p, from), p->top - 4, sign);
    cli_svg_number(svg, from, 4);
    cli_svg_raw(svg, "</text>\n");
    if (isnan(opens))
        return;
    cli_svg_put(svg, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#009E73\" "
                     "stroke-width=\"2\" stroke-dasharray=\"4 3\"/>\n", px(p, opens), p->top,
                px(p, opens), bottom);
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10\" text-anchor=\"middle\" "
                     "fill=\"#007A5A\">zone opens at %r", px(p, opens), p->top - 4, sign);
    cli_svg_number(svg, opens, 4);
    cli_svg_raw(svg, "</text>\n");
}

/* One panel: its heading, frame, shading, curves and marks; returns the y below it. */
static double draw_panel(cli_svg *svg, const pl_scenario *s, const json_t *e, double top,
                         double margin_top)
{
    size_t i = issue_of(s, e);
    int reservation = strcmp(cli_chart_text(e, "constraint", ""), "reservation") == 0;
    const char *bound = cli_chart_text(e, "bound", "");
    const char *sign = strcmp(bound, "min") == 0 ? "&gt;= " : strcmp(bound, "max") == 0
                                                                 ? "&lt;= " : "";
    panel p = {reservation ? 0 : s->issues[i].low, reservation ? 1 : s->issues[i].high,
               top + 34, margin_top};
    double from = cli_chart_number(e, "from"), opens = cli_chart_number(e, "opens_at");
    char heading[600], move[64];
    const char *actor = cli_chart_text(e, "actor", "");
    if (isnan(opens))
        snprintf(heading, sizeof heading, "%s %s on %s: moving it alone opens no zone", actor,
                 reservation ? "reservation" : "red line", s->issues[i].name);
    else
        snprintf(heading, sizeof heading, "%s %s on %s: a zone opens after a move of %s%s",
                 actor, reservation ? "reservation" : "red line", s->issues[i].name,
                 cli_format_number(fabs(opens - from), 4, move, sizeof move),
                 reservation ? " in utility" : " points");
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"12\" font-weight=\"bold\">%s</text>\n",
                (double)CHART_MARGIN, top + 12, heading);
    closed_stretch(svg, &p, e);
    axes(svg, &p, !reservation);
    curves(svg, &p, e);
    marks(svg, &p, e, sign);
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"11\" text-anchor=\"middle\">%s</text>\n",
                (PX0 + PX1) / 2, p.top + PANEL_HEIGHT + 30,
                reservation ? "reservation utility" : s->issues[i].name);
    return p.top + PANEL_HEIGHT + PANEL_GAP - 34;
}

static double legend(cli_svg *svg, double y)
{
    double x = PX1 + 60;
    cli_svg_put(svg, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#0072B2\" "
                     "stroke-width=\"2\"/>\n", x, y, x + 20, y);
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"11\">settlement (left axis)</text>\n",
                x + 26, y + 4);
    cli_svg_put(svg, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#555555\" "
                     "stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>\n", x, y + 18, x + 20,
                y + 18);
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"11\">zone margin (right axis)</text>\n",
                x + 26, y + 22);
    cli_svg_put(svg, "<rect x=\"%n\" y=\"%n\" width=\"20\" height=\"10\" fill=\"#F4D6D6\"/>\n", x,
                y + 31);
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"11\">no zone</text>\n", x + 26, y + 40);
    cli_svg_put(svg, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#D55E00\" "
                     "stroke-width=\"3\"/>\n", x + 10, y + 50, x + 10, y + 62);
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"11\">the bound now</text>\n", x + 26,
                y + 60);
    cli_svg_put(svg, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#009E73\" "
                     "stroke-width=\"2\" stroke-dasharray=\"4 3\"/>\n", x + 10, y + 68, x + 10,
                y + 80);
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"11\">a zone opens</text>\n", x + 26,
                y + 78);
    return y + 90;
}

/* The note under the chart: how the curves were computed, with the simulation's settings. */
static double note(cli_svg *svg, const cli_report *r, double y)
{
    const json_t *sim = json_object_get(r->what_it_takes, "what_it_takes_simulation");
    char settings[400] = "", all[1200];
    if (json_is_object(sim) && !isnan(cli_chart_number(sim, "steps")) &&
        !isnan(cli_chart_number(sim, "runs")) && !isnan(cli_chart_number(sim, "seed"))) {
        const json_t *agents = json_object_get(sim, "agents");
        const char *first = json_string_value(json_array_get(agents, 0));
        int same = 1;
        for (size_t k = 1; k < json_array_size(agents); k++)
            same &= first && json_string_value(json_array_get(agents, k)) &&
                    strcmp(first, json_string_value(json_array_get(agents, k))) == 0;
        char steps[32], runs[32], seed[32];
        snprintf(settings, sizeof settings,
                 " Settlement: %s protocol, %s agents, %s steps, %s "
                 "Monte Carlo runs per point, seed %s.",
                 strcmp(cli_chart_text(sim, "protocol", "sao"), "mediator") == 0 ? "mediator"
                                                                                 : "SAO",
                 same && first ? first : "per-party",
                 cli_chart_whole(sim, "steps", steps, sizeof steps),
                 cli_chart_whole(sim, "runs", runs, sizeof runs),
                 cli_chart_whole(sim, "seed", seed, sizeof seed));
    }
    snprintf(all, sizeof all, "Each blocking constraint moved alone from where it stands towards "
             "the other side, every other constraint kept; the zone's margin (the least gain "
             "over reservation the best package leaves a member) is exact, and the opening is "
             "found by bisection to 1e-9 of the range (docs/agreement.md).%s", settings);
    size_t lines = cli_chart_text_block(svg, all, CHART_MARGIN, y + 10, 14, 140,
                                        "font-size=\"11\" fill=\"#333333\"");
    return y + 10 + 14 * (double)lines;
}

int cli_chart_what_it_takes(cli_svg *svg, const cli_report *r)
{
    const pl_scenario *s = r->scenario;
    const json_t *list = json_object_get(r->what_it_takes, "what_it_takes");
    size_t n = 0;
    for (size_t k = 0; k < json_array_size(list); k++)
        n += (size_t)drawable(s, json_array_get(list, k));
    if (n == 0)
        return 0;
    cli_svg inner;
    cli_svg_init(&inner);
    double margin_top = margin_scale(s, list), y = 66;
    legend(&inner, y + 34);
    for (size_t k = 0, drawn = 0; k < json_array_size(list) && drawn < MAX_PANELS; k++)
        if (drawable(s, json_array_get(list, k))) {
            y = draw_panel(&inner, s, json_array_get(list, k), y, margin_top);
            drawn++;
        }
    y = note(&inner, r, y);
    cli_chart_finish(svg, &inner, s, y, "What it would take", s->name);
    return 1;
}
