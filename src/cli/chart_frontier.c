/*
 * chart_frontier.c - the frontier of two chosen parties (docs/report.md):
 * the utility plane of party A (x) and party B (y) with the Pareto frontier
 * of the outcomes both can accept, both reservation lines, the disagreement
 * point, the bargaining solutions and every proposal as a numbered point,
 * so the analyst sees which proposals lie in the zone of agreement.
 *
 * The frontier is pl_frontier_pair(), pl_frontier_compute() on the scenario
 * restricted to the two parties: their stances, red lines and reservations, the issues unchanged;
 * the others' red lines do not bound it (the zone-of-agreement section of
 * the report takes everyone who must agree). The proposals' points are
 * pl_package_utility() of each party, and a proposal is "in the zone" when
 * both parties accept it (no red line crossed, utility at or above the
 * reservation), as the verdict charts say.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "cli.h"
#include "chart_legend.h"

#define PLOT_X 92.0
#define PLOT_SIZE 500.0
#define SIDE_X 640.0
#define PROPOSAL_COLOUR "#6A3D9A"
#define ZONE_COLOUR "#1A9850"

/* ---- choosing the parties and computing the frontier ---- */

static int find_party(const pl_scenario *s, const char *id, size_t length, size_t *out)
{
    for (size_t a = 0; a < s->n_actors; a++)
        if (strlen(s->actors[a].id) == length && strncmp(s->actors[a].id, id, length) == 0) {
            *out = a;
            return 1;
        }
    return 0;
}

int cli_frontier_parties(const pl_scenario *s, const char *option, size_t parties[2],
                         pl_diag *diag)
{
    if (option != NULL) {
        const char *comma = strchr(option, ',');
        if (comma == NULL || strchr(comma + 1, ','))
            return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                               "--parties: give two actor ids as A,B (got '%s')", option);
        if (!find_party(s, option, (size_t)(comma - option), &parties[0]) ||
            !find_party(s, comma + 1, strlen(comma + 1), &parties[1]))
            return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                               "--parties: '%s' names an actor the scenario does not have",
                               option);
        if (parties[0] == parties[1])
            return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                               "--parties: give two different actors (got '%s')", option);
        return PL_OK;
    }
    if (s->n_actors < 2)
        return PL_ERR_NOT_FOUND;
    size_t n = 0;
    for (size_t a = 0; a < s->n_actors && n < 2; a++)
        if (s->actors[a].veto)
            parties[n++] = a;
    if (n < 2) {
        parties[0] = 0;
        parties[1] = 1;
    }
    return PL_OK;
}

/* ---- the chart ---- */

typedef struct plane {
    double x0, y0, size;  /**< bottom-left corner of the plot and its side */
} plane;

static double ux(const plane *p, double u)
{
    return p->x0 + p->size * fmin(1, fmax(0, u));
}

static double uy(const plane *p, double u)
{
    return p->y0 - p->size * fmin(1, fmax(0, u));
}

static void axes(cli_svg *svg, const pl_scenario *s, const size_t parties[2], const plane *p)
{
    for (int k = 0; k <= 5; k++) {
        double u = k / 5.0;
        cli_svg_put(svg, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#E4E4E4\"/>\n",
                    ux(p, u), uy(p, 0), ux(p, u), uy(p, 1));
        cli_svg_put(svg, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#E4E4E4\"/>\n",
                    ux(p, 0), uy(p, u), ux(p, 1), uy(p, u));
        cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10\" text-anchor=\"middle\" "
                         "fill=\"#555555\">%p</text>\n", ux(p, u), p->y0 + 14, u);
        cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10\" text-anchor=\"end\" "
                         "fill=\"#555555\">%p</text>\n", p->x0 - 5, uy(p, u) + 3.5, u);
    }
    cli_svg_put(svg, "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"%n\" fill=\"none\" "
                     "stroke=\"#888888\"/>\n", p->x0, uy(p, 1), p->size, p->size);
    const pl_actor *a = &s->actors[parties[0]], *b = &s->actors[parties[1]];
    char na[64], nb[64], ia[64], ib[64]; /* long names shortened (chart.h), in full in <title> */
    cli_fit(NULL, a->name, 2 * CLI_CHART_ACTOR_WIDTH, na, sizeof na);
    cli_fit(NULL, b->name, 2 * CLI_CHART_ACTOR_WIDTH, nb, sizeof nb);
    cli_chart_actor(s, parties[0], ia, sizeof ia);
    cli_chart_actor(s, parties[1], ib, sizeof ib);
    int cut_a = strcmp(na, a->name) || strcmp(ia, a->id), cut_b = strcmp(nb, b->name) ||
                                                                  strcmp(ib, b->id);
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"12\" text-anchor=\"middle\" "
                     "fill=\"%r\">utility of %s (%s)%r%s%r</text>\n",
                p->x0 + p->size / 2, p->y0 + 34, cli_chart_actor_colour(parties[0]), na, ia,
                cut_a ? "<title>" : "", cut_a ? a->id : "", cut_a ? "</title>" : "");
    cli_svg_put(svg, "<text transform=\"translate(%n %n) rotate(-90)\" font-size=\"12\" "
                     "text-anchor=\"middle\" fill=\"%r\">utility of %s (%s)%r%s%r</text>\n",
                p->x0 - 40, p->y0 - p->size / 2, cli_chart_actor_colour(parties[1]), nb, ib,
                cut_b ? "<title>" : "", cut_b ? b->id : "", cut_b ? "</title>" : "");
}

static void reservations(cli_svg *svg, const pl_scenario *s, const size_t parties[2],
                         const plane *p)
{
    double ra = s->actors[parties[0]].reservation, rb = s->actors[parties[1]].reservation;
    cli_svg_put(svg, "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"%n\" fill=\"%r\" "
                     "fill-opacity=\"0.10\"><title>both at or above their reservation</title>"
                     "</rect>\n", ux(p, ra), uy(p, 1), ux(p, 1) - ux(p, ra),
                uy(p, rb) - uy(p, 1), ZONE_COLOUR);
    const char *ca = cli_chart_actor_colour(parties[0]), *cb = cli_chart_actor_colour(parties[1]);
    cli_svg_put(svg, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"%r\" "
                     "stroke-width=\"1.6\" stroke-dasharray=\"6 3\"/>\n",
                ux(p, ra), uy(p, 0), ux(p, ra), uy(p, 1), ca);
    char shown[64];
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10\" fill=\"%r\">%s's reservation "
                     "%n</text>\n", ux(p, ra) + 4, uy(p, 1) + 12, ca,
                cli_chart_actor(s, parties[0], shown, sizeof shown), ra);
    cli_svg_put(svg, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"%r\" "
                     "stroke-width=\"1.6\" stroke-dasharray=\"6 3\"/>\n",
                ux(p, 0), uy(p, rb), ux(p, 1), uy(p, rb), cb);
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10\" fill=\"%r\">%s's reservation "
                     "%n</text>\n", ux(p, 0) + 4, uy(p, rb) - 4, cb,
                cli_chart_actor(s, parties[1], shown, sizeof shown), rb);
}

static void frontier_line(cli_svg *svg, const pl_frontier *f, const plane *p)
{
    if (f->n_points == 0) {
        cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"12\" text-anchor=\"middle\" "
                         "fill=\"#A50026\" stroke=\"#FFFFFF\" stroke-width=\"4\" "
                         "paint-order=\"stroke\">No outcome meets both parties' red lines and "
                         "reservations: no frontier</text>\n",
                    p->x0 + p->size / 2, p->y0 - p->size + 40);
        return;
    }
    cli_svg_raw(svg, "<polyline fill=\"none\" stroke=\"#222222\" stroke-width=\"1.8\" "
                     "points=\"");
    for (size_t k = 0; k < f->n_points; k++) {
        const double *u = pl_frontier_point(f, k);
        cli_svg_put(svg, "%r%n,%n", k ? " " : "", ux(p, u[0]), uy(p, u[1]));
    }
    cli_svg_raw(svg, "\"><title>Pareto frontier</title></polyline>\n");
    for (size_t k = 0; k < f->n_points; k++) {
        const double *u = pl_frontier_point(f, k);
        cli_svg_put(svg, "<circle cx=\"%n\" cy=\"%n\" r=\"2.2\" fill=\"#222222\"/>\n",
                    ux(p, u[0]), uy(p, u[1]));
    }
}

static const pl_solution_kind shown[4] = {PL_SOLUTION_NASH, PL_SOLUTION_KALAI_SMORODINSKY,
                                          PL_SOLUTION_EGALITARIAN, PL_SOLUTION_UTILITARIAN};

/* Solution k's marker: square, diamond, triangle, inverted triangle. */
static void solution_marker(cli_svg *svg, size_t k, double x, double y)
{
    const char *style = "fill=\"#E69F00\" stroke=\"#222222\" stroke-width=\"1\"";
    switch (k) {
    case 0:
        cli_svg_put(svg, "<rect x=\"%n\" y=\"%n\" width=\"9\" height=\"9\" %r/>\n", x - 4.5,
                    y - 4.5, style);
        break;
    case 1: cli_svg_put(svg, "<path d=\"M%n %nl6 6l-6 6l-6 -6z\" %r/>\n", x, y - 6, style); break;
    case 2: cli_svg_put(svg, "<path d=\"M%n %nl5.5 10h-11z\" %r/>\n", x, y - 6, style); break;
    default: cli_svg_put(svg, "<path d=\"M%n %nl5.5 -10h-11z\" %r/>\n", x, y + 6, style); break;
    }
}

/* Each solution's marker, and one label per point naming every solution there. */
static void solutions(cli_svg *svg, const pl_frontier *f, const plane *p)
{
    for (size_t k = 0; k < 4; k++) {
        const pl_frontier_solution *sol = &f->solutions[shown[k]];
        if (sol->present)
            solution_marker(svg, k, ux(p, sol->utilities[0]), uy(p, sol->utilities[1]));
    }
    for (size_t k = 0; k < 4; k++) {
        const pl_frontier_solution *sol = &f->solutions[shown[k]];
        int first = sol->present;
        for (size_t j = 0; first && j < k; j++)
            first = !(f->solutions[shown[j]].present && f->solutions[shown[j]].point == sol->point);
        if (!first)
            continue;
        char label[160] = "";
        for (size_t j = k; j < 4; j++)
            if (f->solutions[shown[j]].present && f->solutions[shown[j]].point == sol->point) {
                strcat(label, label[0] ? ", " : "");
                strcat(label, pl_solution_name(shown[j]));
            }
        /* above right of the point; below left (inside the frontier) when it would leave the
         * plot */
        double x = ux(p, sol->utilities[0]), y = uy(p, sol->utilities[1]);
        int right = x + 9 + 6.0 * (double)strlen(label) <= p->x0 + p->size;
        cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10.5\" text-anchor=\"%r\" "
                         "fill=\"#7A4E00\" stroke=\"#FFFFFF\" stroke-width=\"3\" "
                         "paint-order=\"stroke\">%s</text>\n", right ? x + 9 : x - 9,
                    right ? y - 7 : y + 17, right ? "start" : "end", label);
    }
}

static int in_zone(const cli_report *r, size_t proposal, const size_t parties[2])
{
    const pl_evaluation *e = r->evaluations ? r->evaluations[proposal] : NULL;
    return e && e->acceptance[parties[0]] == PL_ACCEPTS && e->acceptance[parties[1]] == PL_ACCEPTS;
}

static void proposals(cli_svg *svg, const cli_report *r, const size_t parties[2],
                      const plane *p)
{
    const pl_scenario *s = r->scenario;
    for (size_t k = 0; k < s->n_proposals; k++) {
        const double *v = s->proposals[k].values;
        double x = ux(p, pl_package_utility(s, parties[0], v));
        double y = uy(p, pl_package_utility(s, parties[1], v));
        int zone = in_zone(r, k, parties);
        cli_svg_put(svg, "<circle cx=\"%n\" cy=\"%n\" r=\"8\" fill=\"%r\" stroke=\"%r\" "
                         "stroke-width=\"1.5\"><title>%s</title></circle>\n", x, y,
                    zone ? PROPOSAL_COLOUR : "#FFFFFF", PROPOSAL_COLOUR, s->proposals[k].name);
        cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10\" font-weight=\"bold\" "
                         "text-anchor=\"middle\" fill=\"%r\">%z</text>\n", x, y + 3.5,
                    zone ? "#FFFFFF" : PROPOSAL_COLOUR, k + 1);
    }
}

static void disagreement(cli_svg *svg, const pl_frontier *f, const plane *p)
{
    double x = ux(p, f->disagreement[0]), y = uy(p, f->disagreement[1]);
    cli_svg_put(svg, "<path d=\"M%n %nl10 10m0 -10l-10 10\" stroke=\"#222222\" "
                     "stroke-width=\"2\"><title>disagreement point</title></path>\n", x - 5,
                y - 5);
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10.5\">d</text>\n", x + 6, y + 12);
}

/* The side list: each marked point with both utilities. */
static double side_line(cli_svg *svg, double y, const char *text, const char *fill)
{
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"11\" fill=\"%r\">%s</text>\n",
                SIDE_X + 22, y, fill, text);
    return y + 17;
}

static double side(cli_svg *svg, const cli_report *r, const pl_frontier *f,
                   const size_t parties[2], double y)
{
    const pl_scenario *s = r->scenario;
    char text[300], a[32], b[32], ia[64], ib[64];
    snprintf(text, sizeof text, "Utilities (%s / %s)", cli_chart_actor(s, parties[0], ia, 64),
             cli_chart_actor(s, parties[1], ib, 64));
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"12\" font-weight=\"bold\">%s</text>\n",
                SIDE_X, y, text);
    y += 20;
    cli_svg_put(svg, "<path d=\"M%n %nl9 9m0 -9l-9 9\" stroke=\"#222222\" stroke-width=\"2\"/>\n",
                SIDE_X + 2, y - 9);
    snprintf(text, sizeof text, "disagreement (%s): %s / %s",
             pl_disagreement_name(f->disagreement_kind),
             cli_format_number(f->disagreement[0], 2, a, sizeof a),
             cli_format_number(f->disagreement[1], 2, b, sizeof b));
    y = side_line(svg, y, text, "#222222");
    for (size_t k = 0; k < 4; k++) {
        const pl_frontier_solution *sol = &f->solutions[shown[k]];
        solution_marker(svg, k, SIDE_X + 7, y - 4);
        if (sol->present)
            snprintf(text, sizeof text, "%s: %s / %s", pl_solution_name(shown[k]),
                     cli_format_number(sol->utilities[0], 2, a, sizeof a),
                     cli_format_number(sol->utilities[1], 2, b, sizeof b));
        else
            snprintf(text, sizeof text, "%s: none", pl_solution_name(shown[k]));
        y = side_line(svg, y, text, "#222222");
    }
    y += 6;
    for (size_t k = 0; k < s->n_proposals; k++) {
        const double *v = s->proposals[k].values;
        int zone = in_zone(r, k, parties);
        cli_svg_put(svg, "<circle cx=\"%n\" cy=\"%n\" r=\"7\" fill=\"%r\" stroke=\"%r\" "
                         "stroke-width=\"1.5\"/>\n", SIDE_X + 7, y - 4,
                    zone ? PROPOSAL_COLOUR : "#FFFFFF", PROPOSAL_COLOUR);
        cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"9\" font-weight=\"bold\" "
                         "text-anchor=\"middle\" fill=\"%r\">%z</text>\n", SIDE_X + 7, y - 1,
                    zone ? "#FFFFFF" : PROPOSAL_COLOUR, k + 1);
        char name[160];
        snprintf(text, sizeof text, "%s: %s / %s",
                 cli_chart_clip(s->proposals[k].name, 28, name, sizeof name),
                 cli_format_number(pl_package_utility(s, parties[0], v), 2, a, sizeof a),
                 cli_format_number(pl_package_utility(s, parties[1], v), 2, b, sizeof b));
        y = side_line(svg, y, text, "#222222");
        y = side_line(svg, y - 3, zone ? "in the zone: both accept" :
                      "outside the zone: rejected by one or both", zone ? ZONE_COLOUR : "#A50026");
    }
    return y;
}

static double legend(cli_svg *svg, const pl_scenario *s, const size_t parties[2], double y)
{
    cli_legend l;
    char text[200], label[64];
    cli_legend_begin(&l, svg, CHART_MARGIN, y, CHART_WIDTH - CHART_MARGIN);
    cli_legend_item(&l, CLI_SWATCH_LINE, "#222222", 0, "Pareto frontier (dots: its points)");
    for (size_t k = 0; k < 2; k++) {
        snprintf(text, sizeof text, "%s's reservation",
                 cli_chart_actor(s, parties[k], label, sizeof label));
        cli_legend_item(&l, CLI_SWATCH_DASH, cli_chart_actor_colour(parties[k]), 0, text);
    }
    cli_legend_item(&l, CLI_SWATCH_BAND, ZONE_COLOUR, 0, "both at or above their reservation");
    cli_legend_item(&l, CLI_SWATCH_CIRCLE, PROPOSAL_COLOUR, 0,
                    "proposal (filled: in the zone; hollow: outside)");
    cli_legend_item(&l, CLI_SWATCH_NONE, NULL, 0,
                    "orange markers: bargaining solutions; x: disagreement point");
    return cli_legend_bottom(&l);
}

int cli_chart_frontier(cli_svg *svg, const cli_report *report)
{
    const cli_report_frontier *rf = report->frontier;
    if (rf == NULL || rf->frontier == NULL || rf->frontier->n_parties != 2)
        return 0;
    const pl_scenario *s = report->scenario;
    const pl_frontier *f = rf->frontier;
    cli_svg inner;
    cli_svg_init(&inner);
    double top = legend(&inner, s, rf->parties, 66) + 14;
    plane p = {PLOT_X, top + PLOT_SIZE, PLOT_SIZE};
    axes(&inner, s, rf->parties, &p);
    reservations(&inner, s, rf->parties, &p);
    frontier_line(&inner, f, &p);
    disagreement(&inner, f, &p);
    solutions(&inner, f, &p);
    proposals(&inner, report, rf->parties, &p);
    double y = side(&inner, report, f, rf->parties, top + 10);
    y = fmax(y, p.y0 + 44);
    char note[600], grid[64];
    if (f->exact_vertices)
        snprintf(grid, sizeof grid, "continuous issues exact (the frontier's vertices)");
    else
        snprintf(grid, sizeof grid, "continuous issues on a grid of %d steps",
                 PL_FRONTIER_DEFAULT_STEPS);
    snprintf(note, sizeof note, "The frontier of %s and %s alone: their red lines and "
             "reservations, the others' left out; %zu frontier points; %s; bargaining "
             "solutions measured from the %s point (docs/frontier.md).",
             s->actors[rf->parties[0]].id, s->actors[rf->parties[1]].id, f->n_points, grid,
             pl_disagreement_name(f->disagreement_kind));
    size_t lines = cli_chart_text_block(&inner, note, CHART_MARGIN, y + 4, 14, 140,
                                        "font-size=\"11\" fill=\"#333333\"");
    y += 4 + 14 * (double)lines;
    char title[300];
    char na[64], nb[64];
    snprintf(title, sizeof title, "Frontier of %s and %s",
             cli_fit(NULL, s->actors[rf->parties[0]].name, 2 * CLI_CHART_ACTOR_WIDTH, na, 64),
             cli_fit(NULL, s->actors[rf->parties[1]].name, 2 * CLI_CHART_ACTOR_WIDTH, nb, 64));
    cli_chart_finish(svg, &inner, s, y, title, s->name);
    return 1;
}
