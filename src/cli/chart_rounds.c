/*
 * chart_rounds.c - positions over rounds for a dynamic model (eu, exchange,
 * smp): one small panel per issue, each actor a line from its input
 * position (round 0) through the rounds of the model's trace, the model's
 * forecast after each round dashed.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart.h"
#include "chart_legend.h"

#define COLUMNS 4
#define PANEL_GAP 18.0
#define PANEL_HEIGHT 150.0
#define PLOT_LEFT 34.0
#define PLOT_TOP 22.0
#define PLOT_BOTTOM 26.0

typedef struct panel {
    double x, y, width;             /**< the panel's corner and width */
    double px0, px1, py0, py1;      /**< the plot area: x left..right, y bottom..top */
    double low, high;
    size_t rounds;                  /**< the trace's rounds; x runs 0..rounds */
} panel;

static double px(const panel *p, size_t round)
{
    return p->rounds ? p->px0 + (p->px1 - p->px0) * (double)round / (double)p->rounds : p->px0;
}

static double py(const panel *p, double value)
{
    double t = p->high > p->low ? (value - p->low) / (p->high - p->low) : 0.5;
    return p->py0 - (p->py0 - p->py1) * fmin(1, fmax(0, t));
}

static void frame(cli_svg *svg, const pl_scenario *s, size_t i, const panel *p)
{
    char name[64];
    int cut = strcmp(cli_chart_issue(s, i, name, sizeof name), s->issues[i].id) != 0;
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"11\" font-weight=\"bold\">%s"
                     "<title>%s%r%s</title></text>\n",
                p->x, p->y + 13, name, cut ? s->issues[i].id : "", cut ? ": " : "",
                s->issues[i].name);
    cli_svg_put(svg,
                "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"%n\" fill=\"none\" "
                "stroke=\"#BBBBBB\"/>\n",
                p->px0, p->py1, p->px1 - p->px0, p->py0 - p->py1);
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"9\" text-anchor=\"end\" "
                     "fill=\"#555555\">%p</text>\n", p->px0 - 3, p->py0, p->low);
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"9\" text-anchor=\"end\" "
                     "fill=\"#555555\">%p</text>\n", p->px0 - 3, p->py1 + 8, p->high);
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"9\" fill=\"#555555\">0</text>\n",
                p->px0, p->py0 + 11);
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"9\" text-anchor=\"end\" "
                     "fill=\"#555555\">round %z</text>\n", p->px1, p->py0 + 11, p->rounds);
}

static void actor_line(cli_svg *svg, const pl_scenario *s, const pl_trace *t, size_t a,
                       size_t i, const panel *p)
{
    const pl_stance *st = pl_scenario_stance_const(s, a, i);
    if (!st->present)
        return;
    cli_svg_put(svg, "<polyline fill=\"none\" stroke=\"%r\" stroke-width=\"1.6\" points=\"%n,%n",
                cli_chart_actor_colour(a), px(p, 0), py(p, st->position));
    for (size_t r = 0; r < t->n_rounds; r++) {
        double v = t->positions[(r * t->n_actors + a) * t->n_issues + i];
        if (!isnan(v))
            cli_svg_put(svg, " %n,%n", px(p, r + 1), py(p, v));
    }
    cli_svg_put(svg, "\"><title>%s</title></polyline>\n", s->actors[a].id);
}

static void forecast_line(cli_svg *svg, const pl_trace *t, size_t i, const panel *p)
{
    if (t->n_rounds == 0)
        return;
    cli_svg_raw(svg, "<polyline fill=\"none\" stroke=\"#222222\" stroke-width=\"1.4\" "
                     "stroke-dasharray=\"4 2\" points=\"");
    for (size_t r = 0; r < t->n_rounds; r++) {
        double v = t->forecast[r * t->n_issues + i];
        if (!isnan(v))
            cli_svg_put(svg, "%r%n,%n", r ? " " : "", px(p, r + 1), py(p, v));
    }
    cli_svg_raw(svg, "\"><title>forecast</title></polyline>\n");
}

static int drawable(const pl_scenario *s, size_t i)
{
    return s->issues[i].kind == PL_ISSUE_CONTINUOUS && s->issues[i].high > s->issues[i].low;
}

static double legend(cli_svg *svg, const pl_scenario *s, double y)
{
    cli_legend l;
    cli_legend_begin(&l, svg, CHART_MARGIN, y, CHART_WIDTH - CHART_MARGIN);
    for (size_t a = 0; a < s->n_actors; a++)
        cli_legend_item(&l, CLI_SWATCH_LINE, cli_chart_actor_colour(a), 0, s->actors[a].id); /* in full: the legend */
    cli_legend_item(&l, CLI_SWATCH_DASH, "#222222", 0, "the model's forecast after each round");
    cli_legend_item(&l, CLI_SWATCH_NONE, NULL, 0, "round 0: the input positions");
    return cli_legend_bottom(&l);
}

int cli_chart_rounds(cli_svg *svg, const cli_report *report, size_t model)
{
    const pl_scenario *s = report->scenario;
    if (model >= report->n_models || !report->models[model].ran ||
        report->models[model].trace == NULL || report->models[model].trace->n_rounds == 0)
        return 0;
    const pl_trace *t = report->models[model].trace;
    size_t n = 0;
    for (size_t i = 0; i < s->n_issues; i++)
        n += drawable(s, i) != 0;
    if (n == 0 || t->n_actors != s->n_actors || t->n_issues != s->n_issues)
        return 0;
    cli_svg inner;
    cli_svg_init(&inner);
    double top = legend(&inner, s, 66) + 8;
    double width = (CHART_WIDTH - 2 * CHART_MARGIN - (COLUMNS - 1) * PANEL_GAP) / COLUMNS;
    size_t k = 0;
    for (size_t i = 0; i < s->n_issues; i++) {
        if (!drawable(s, i))
            continue;
        panel p;
        p.x = CHART_MARGIN + (double)(k % COLUMNS) * (width + PANEL_GAP);
        p.y = top + (double)(k / COLUMNS) * PANEL_HEIGHT;
        p.width = width;
        p.px0 = p.x + PLOT_LEFT, p.px1 = p.x + width - 4;
        p.py1 = p.y + PLOT_TOP, p.py0 = p.y + PANEL_HEIGHT - PLOT_BOTTOM;
        p.low = s->issues[i].low, p.high = s->issues[i].high;
        p.rounds = t->n_rounds;
        frame(&inner, s, i, &p);
        for (size_t a = 0; a < s->n_actors; a++)
            actor_line(&inner, s, t, a, i, &p);
        forecast_line(&inner, t, i, &p);
        k++;
    }
    double y = top + (double)((n + COLUMNS - 1) / COLUMNS) * PANEL_HEIGHT + 4;
    char title[200], subtitle[400];
    snprintf(title, sizeof title, "Positions over rounds: the %s model",
             pl_model_name(report->models[model].model));
    snprintf(subtitle, sizeof subtitle, "%s; %zu rounds, continuous issues",
             s->name ? s->name : "", t->n_rounds);
    cli_chart_finish(svg, &inner, s, y, title, subtitle);
    return 1;
}
