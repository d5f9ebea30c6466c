/*
 * chart_verdicts.c - the verdict matrix of one proposal: each actor (row)
 * on each item (column), coloured acceptable / critical / negative /
 * unacceptable, with the item utility in the cell, then the actor's utility
 * for the whole package against its reservation, and the decision.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart.h"
#include "cli.h"
#include "chart_legend.h"

#define GRID_X 200.0
#define PACKAGE_WIDTH 190.0
#define HEADER_HEIGHT 96.0
#define CELL_HEIGHT 30.0

static const char *ink_on(pl_verdict v)
{
    return v == PL_VERDICT_CRITICAL || v == PL_VERDICT_NONE ? "#222222" : "#FFFFFF";
}

static void headers(cli_svg *svg, const pl_scenario *s, size_t proposal, double top, double cw)
{
    for (size_t i = 0; i < s->n_issues; i++) {
        double x = GRID_X + cw * ((double)i + 0.5);
        char shown[64];
        int cut = strcmp(cli_chart_issue(s, i, shown, sizeof shown), s->issues[i].id) != 0;
        cli_svg_put(svg,
                    "<text transform=\"translate(%n %n) rotate(-40)\" font-size=\"11\">%s"
                    "<title>%s%r%s</title></text>\n",
                    x, top + HEADER_HEIGHT - 26, shown, cut ? s->issues[i].id : "",
                    cut ? ": " : "", s->issues[i].name);
        char value[64];
        cli_svg_put(svg,
                    "<text x=\"%n\" y=\"%n\" font-size=\"10.5\" text-anchor=\"middle\" "
                    "fill=\"#333333\">%s</text>\n",
                    x, top + HEADER_HEIGHT - 8,
                    cli_format_value(s, i, s->proposals[proposal].values[i], value,
                                     sizeof value));
    }
    cli_svg_put(svg, "<text x=\"%d\" y=\"%n\" font-size=\"10.5\" fill=\"#333333\">"
                     "proposal's value</text>\n", CHART_MARGIN, top + HEADER_HEIGHT - 8);
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"11\" font-weight=\"bold\">"
                     "package: utility / reservation</text>\n",
                GRID_X + cw * (double)s->n_issues + 10, top + HEADER_HEIGHT - 8);
}

static void cell(cli_svg *svg, const pl_scenario *s, const pl_evaluation *e, size_t a, size_t i,
                 double x, double y, double cw)
{
    pl_verdict v = e->verdict[a * s->n_issues + i];
    double u = e->item_utility[a * s->n_issues + i];
    cli_svg_put(svg,
                "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"%n\" fill=\"%r\" "
                "stroke=\"#FFFFFF\"><title>%s on %s: %r, utility %n</title></rect>\n",
                x, y, cw, CELL_HEIGHT, cli_chart_verdict_colour(v), s->actors[a].id,
                s->issues[i].id, pl_verdict_name(v), isnan(u) ? 0.0 : u);
    if (cw >= 30 && !isnan(u))
        cli_svg_put(svg,
                    "<text x=\"%n\" y=\"%n\" font-size=\"10.5\" text-anchor=\"middle\" "
                    "fill=\"%r\">%n</text>\n",
                    x + cw / 2, y + 19, ink_on(v), u);
}

static void package(cli_svg *svg, const pl_scenario *s, const pl_evaluation *e, size_t a,
                    double x, double y)
{
    int accepts = e->acceptance[a] == PL_ACCEPTS;
    cli_svg_put(svg,
                "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"%n\" fill=\"%r\" "
                "stroke=\"#FFFFFF\"/>\n",
                x + 6, y, PACKAGE_WIDTH - 12, CELL_HEIGHT, accepts ? "#D9F0D3" : "#F8D3D5");
    char utility[32], reservation[32];
    cli_svg_put(svg,
                "<text x=\"%n\" y=\"%n\" font-size=\"11\">%r / %r: %s</text>\n", x + 12, y + 19,
                cli_format_number(e->utility[a], 2, utility, sizeof utility),
                cli_format_number(s->actors[a].reservation, 2, reservation, sizeof reservation),
                accepts ? "accepts" : pl_acceptance_name(e->acceptance[a]));
}

static double decision(cli_svg *svg, const pl_scenario *s, const pl_evaluation *e, double y)
{
    char text[600];
    if (s->decision_rule.kind == PL_RULE_WEIGHTED_MAJORITY)
        snprintf(text, sizeof text, "Decision (weighted majority of %d%% of the capability): "
                 "%s. Actors accepting hold %d%% of the capability.",
                 (int)lround(100 * s->decision_rule.threshold), e->passes ? "PASSES" : "FAILS",
                 (int)lround(100 * e->accepting_capability_share));
    else
        snprintf(text, sizeof text, "Decision (unanimity of the veto actors): %s. Actors "
                 "accepting hold %d%% of the capability.", e->passes ? "PASSES" : "FAILS",
                 (int)lround(100 * e->accepting_capability_share));
    cli_svg_put(svg, "<text x=\"%d\" y=\"%n\" font-size=\"13\" font-weight=\"bold\" "
                     "fill=\"%r\">%s</text>\n",
                CHART_MARGIN, y + 18, e->passes ? "#1A9850" : "#A50026", text);
    return y + 28;
}

static double legend(cli_svg *svg, double y)
{
    cli_legend l;
    cli_legend_begin(&l, svg, CHART_MARGIN, y, CHART_WIDTH - CHART_MARGIN);
    for (int v = PL_VERDICT_ACCEPTABLE; v <= PL_VERDICT_NONE; v++)
        cli_legend_item(&l, CLI_SWATCH_BOX, cli_chart_verdict_colour((pl_verdict)v), 0,
                        v == PL_VERDICT_NONE ? "no stance" : pl_verdict_name((pl_verdict)v));
    cli_legend_item(&l, CLI_SWATCH_NONE, NULL, 0,
                    "cell: the actor's utility for the item (0-1)");
    return cli_legend_bottom(&l);
}

int cli_chart_verdicts(cli_svg *svg, const cli_report *report, size_t proposal)
{
    const pl_scenario *s = report->scenario;
    if (proposal >= s->n_proposals || s->n_issues == 0 || report->evaluations == NULL ||
        report->evaluations[proposal] == NULL)
        return 0;
    const pl_evaluation *e = report->evaluations[proposal];
    double cw = (CHART_WIDTH - GRID_X - PACKAGE_WIDTH - CHART_MARGIN) / (double)s->n_issues;
    if (cw > 64)
        cw = 64;
    cli_svg inner;
    cli_svg_init(&inner);
    double y = legend(&inner, 66);
    headers(&inner, s, proposal, y, cw);
    y += HEADER_HEIGHT;
    for (size_t a = 0; a < s->n_actors; a++, y += CELL_HEIGHT) {
        char shown[64];
        int cut = strcmp(cli_chart_actor(s, a, shown, sizeof shown), s->actors[a].id) != 0;
        cli_svg_put(&inner, "<text x=\"%d\" y=\"%n\" font-size=\"12\"><tspan fill=\"%r\" "
                            "font-weight=\"bold\">%s</tspan> %s%r%s%r</text>\n",
                    CHART_MARGIN, y + 19, cli_chart_actor_colour(a), shown,
                    s->actors[a].veto ? "(veto)" : "", cut ? "<title>" : "",
                    cut ? s->actors[a].id : "", cut ? "</title>" : "");
        for (size_t i = 0; i < s->n_issues; i++)
            cell(&inner, s, e, a, i, GRID_X + cw * (double)i, y, cw);
        package(&inner, s, e, a, GRID_X + cw * (double)s->n_issues, y);
    }
    y = decision(&inner, s, e, y + 4) + 4;
    char title[400], subtitle[400];
    snprintf(title, sizeof title, "Verdicts on %s", s->proposals[proposal].name);
    snprintf(subtitle, sizeof subtitle, "%s%s%s; %s", s->proposals[proposal].id,
             s->proposals[proposal].date ? ", " : "",
             s->proposals[proposal].date ? s->proposals[proposal].date : "",
             s->name ? s->name : "");
    cli_chart_finish(svg, &inner, s, y, title, subtitle);
    return 1;
}
