/*
 * chart_simulation.c - the Monte Carlo charts of the report (docs/report.md),
 * drawn from the "simulation" object of `parley run --json` (the what-ifs
 * of simulation_report.c), so that `parley run --report` and `parley report`
 * draw the same bytes:
 *
 * - settlement.svg: the share of runs agreed by each step, one line per
 *   what-if, with the 95% interval of the final share;
 * - outcomes.svg: per issue, the agreed outcomes of each what-if in which a
 *   run agreed (box 25-75%, whiskers 5-95%, median, mean; options: the share
 *   of each option); left out when no run agreed;
 * - sensitivity.svg: the drawn inputs ranked by |correlation| between the
 *   draw and settlement; left out when nothing is drawn.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "chart_legend.h"

#define LABEL_X 16.0

/* Colours of an options issue's options (Okabe-Ito, then grey). */
static const char *option_colour(size_t k)
{
    static const char *const palette[] = {"#56B4E9", "#E69F00", "#CC79A7", "#009E73",
                                          "#0072B2", "#D55E00", "#999999"};
    return palette[k % (sizeof palette / sizeof palette[0])];
}
#define MAX_INPUTS 15

/* The what-ifs that ran (an entry without runs failed). */
static size_t whatifs(const cli_report *r, const json_t **out)
{
    const json_t *list = json_object_get(r->simulation, "whatifs");
    *out = list;
    size_t n = 0;
    for (size_t k = 0; k < json_array_size(list); k++)
        n += json_is_number(json_object_get(json_array_get(list, k), "runs"));
    return n;
}

/* The simulation's settings, for the note under each chart. */
static void settings_of(const cli_report *r, char *buffer, size_t size)
{
    const json_t *sim = r->simulation, *agents = json_object_get(sim, "agents");
    /* one agent name when every party has it (older documents have none: boulware) */
    const char *agent = json_is_array(agents) ? json_string_value(json_array_get(agents, 0))
                                              : "boulware";
    for (size_t k = 1; agent && k < json_array_size(agents); k++) {
        const char *other = json_string_value(json_array_get(agents, k));
        if (other == NULL || strcmp(other, agent) != 0)
            agent = "per-party";
    }
    char steps[32], runs[32], seed[32];
    snprintf(buffer, size,
             "Simulated talks: %s protocol, %s agents, %s steps, %s Monte "
             "Carlo runs per what-if, seed %s.",
             strcmp(cli_chart_text(sim, "protocol", "sao"), "mediator") == 0 ? "mediator" : "SAO",
             agent ? agent : "boulware", cli_chart_whole(sim, "steps", steps, sizeof steps),
             cli_chart_whole(sim, "runs", runs, sizeof runs),
             cli_chart_whole(sim, "seed", seed, sizeof seed));
}

/* The note under a chart (the settings, then `text`); returns the y below it. */
static double note(cli_svg *svg, const cli_report *r, const char *text, double y)
{
    char settings[300], all[1200];
    settings_of(r, settings, sizeof settings);
    snprintf(all, sizeof all, "%s %s", settings, text);
    size_t lines = cli_chart_text_block(svg, all, LABEL_X, y + 10, 14, 140,
                                        "font-size=\"11\" fill=\"#333333\"");
    return y + 10 + 14 * (double)lines;
}

/* ---- settlement probability by step ---- */

#define SX0 80.0
#define SX1 640.0
#define S_HEIGHT 300.0

static double step_x(double step, double steps)
{
    return SX0 + (SX1 - SX0) * (steps > 0 ? step / steps : 0);
}

static void settlement_axes(cli_svg *svg, double top, double steps)
{
    double bottom = top + S_HEIGHT;
    for (int k = 0; k <= 4; k++) {
        double y = bottom - S_HEIGHT * k / 4.0;
        cli_svg_put(svg, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#E4E4E4\"/>\n",
                    SX0, y, SX1, y);
        cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10\" text-anchor=\"end\" "
                         "fill=\"#555555\">%d%%</text>\n", SX0 - 5, y + 3.5, 25 * k);
    }
    for (int k = 0; k <= 10; k++) {
        double x = step_x(steps * k / 10.0, steps);
        cli_svg_put(svg, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#BBBBBB\"/>\n",
                    x, bottom, x, bottom + 4);
        cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10\" text-anchor=\"middle\" "
                         "fill=\"#555555\">%d</text>\n", x, bottom + 15,
                    (int)lround(steps * k / 10.0));
    }
    cli_svg_put(svg, "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"%n\" fill=\"none\" "
                     "stroke=\"#888888\"/>\n", SX0, top, SX1 - SX0, S_HEIGHT);
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"12\" text-anchor=\"middle\">step of "
                     "the negotiation (the deadline is step %d)</text>\n", (SX0 + SX1) / 2,
                bottom + 34, (int)steps);
    cli_svg_put(svg, "<text transform=\"translate(%n %n) rotate(-90)\" font-size=\"12\" "
                     "text-anchor=\"middle\">share of runs agreed by then</text>\n", SX0 - 44,
                top + S_HEIGHT / 2);
}

/* One what-if's line: the cumulative share of runs agreed, a step function. */
static void settlement_line(cli_svg *svg, const json_t *w, size_t k, double top, double steps)
{
    const char *colour = cli_chart_actor_colour(k);
    double runs = cli_chart_number(w, "runs"), bottom = top + S_HEIGHT;
    const json_t *pairs = json_object_get(w, "agreement_steps");
    if (json_is_array(pairs) && runs > 0) {
        double agreed = 0, y = bottom;
        cli_svg_put(svg, "<polyline fill=\"none\" stroke=\"%r\" stroke-width=\"2\" "
                         "points=\"%n,%n", colour, step_x(0, steps), bottom);
        for (size_t j = 0; j < json_array_size(pairs); j++) {
            const json_t *p = json_array_get(pairs, j);
            double step = json_number_value(json_array_get(p, 0));
            agreed += json_number_value(json_array_get(p, 1));
            double y2 = bottom - S_HEIGHT * fmin(1, agreed / runs);
            cli_svg_put(svg, " %n,%n %n,%n", step_x(step, steps), y, step_x(step, steps), y2);
            y = y2;
        }
        cli_svg_put(svg, " %n,%n\"><title>%s</title></polyline>\n", step_x(steps, steps), y,
                    cli_chart_text(w, "name", ""));
    }
    /* the final share with its 95% interval, at the deadline */
    /* (a deterministic what-if has no interval: every run is the same) */
    const json_t *interval = json_object_get(w, "agreement_interval");
    double x = SX1 + 10 + 8 * (double)k, rate = cli_chart_number(w, "agreement_rate");
    double lo = json_number_value(json_array_get(interval, 0));
    double hi = json_number_value(json_array_get(interval, 1));
    if (json_is_array(interval))
        cli_svg_put(svg, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"%r\" "
                         "stroke-width=\"1.5\"/>\n", x, bottom - S_HEIGHT * lo, x,
                    bottom - S_HEIGHT * hi, colour);
    cli_svg_put(svg, "<circle cx=\"%n\" cy=\"%n\" r=\"3.5\" fill=\"%r\"><title>%s: %p%%"
                     "</title></circle>\n", x, bottom - S_HEIGHT * rate, colour,
                cli_chart_text(w, "name", ""), 100 * rate);
}

static double settlement_list(cli_svg *svg, const json_t *list, double top)
{
    double x = SX1 + 60, y = top + 10;
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"12\" font-weight=\"bold\">Settled by "
                     "the deadline</text>\n", x, y);
    y += 20;
    for (size_t j = 0, k = 0; j < json_array_size(list); j++) {
        const json_t *w = json_array_get(list, j);
        if (!json_is_number(json_object_get(w, "runs")))
            continue;
        const json_t *interval = json_object_get(w, "agreement_interval");
        char line[300], mean[48], rate[48], low[48], high[48];
        double step = cli_chart_number(w, "mean_agreement_step");
        char range[120] = " (deterministic)";
        if (json_is_array(interval))
            snprintf(range, sizeof range, " (95%%: %s-%s%%)",
                     cli_format_number(100 * json_number_value(json_array_get(interval, 0)), 1,
                                       low, sizeof low),
                     cli_format_number(100 * json_number_value(json_array_get(interval, 1)), 1,
                                       high, sizeof high));
        snprintf(
            line, sizeof line, "%s%%%s%s%s",
            cli_format_number(100 * cli_chart_number(w, "agreement_rate"), 1, rate, sizeof rate),
            range, isnan(step) ? "" : ", mean step ",
            isnan(step) ? "" : cli_format_number(step, 1, mean, sizeof mean));
        cli_svg_put(svg, "<rect x=\"%n\" y=\"%n\" width=\"12\" height=\"4\" fill=\"%r\"/>\n",
                    x, y - 6, cli_chart_actor_colour(k));
        char name[160];
        cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"11\">%s</text>\n", x + 17, y,
                    cli_chart_clip(cli_chart_text(w, "name", cli_chart_text(w, "id", "")), 36, name,
                                   sizeof name));
        cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"11\" fill=\"#444444\">%s</text>\n",
                    x + 17, y + 14, line);
        if (!json_is_array(json_object_get(w, "agreement_steps")))
            cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10\" fill=\"#777777\">"
                             "(steps not known: final share only)</text>\n", x + 17, y + 27);
        y += json_is_array(json_object_get(w, "agreement_steps")) ? 34 : 46;
        k++;
    }
    return y;
}

int cli_chart_settlement(cli_svg *svg, const cli_report *r)
{
    const json_t *list = NULL;
    if (r->simulation == NULL || whatifs(r, &list) == 0)
        return 0;
    double steps = cli_chart_number(r->simulation, "steps");
    if (!(steps >= 1))
        return 0;
    cli_svg inner;
    cli_svg_init(&inner);
    double top = 74;
    settlement_axes(&inner, top, steps);
    for (size_t j = 0, k = 0; j < json_array_size(list); j++) {
        const json_t *w = json_array_get(list, j);
        if (json_is_number(json_object_get(w, "runs")))
            settlement_line(&inner, w, k++, top, steps);
    }
    double y = fmax(settlement_list(&inner, list, top), top + S_HEIGHT + 44) + 4;
    y = note(&inner, r, "Each line: the share of the runs that had agreed by each step "
             "(cumulative). Right of the plot: the share agreed by the deadline with its 95% "
             "Wilson interval (docs/simulation.md).", y - 6);
    cli_chart_finish(svg, &inner, r->scenario, y, "Settlement probability over time",
                     r->scenario->name);
    return 1;
}

/* ---- agreed outcomes ---- */

#define OX0 250.0
#define OX1 720.0
#define ROW 24.0

static void continuous_row(cli_svg *svg, const pl_scenario *s, size_t i, const json_t *d,
                           const char *colour, double y)
{
    const json_t *q = json_object_get(d, "quantiles");
    static const char *const keys[5] = {"5", "25", "50", "75", "95"};
    double v[5];
    for (int k = 0; k < 5; k++)
        v[k] = cli_chart_number(q, keys[k]);
    double mean = cli_chart_number(d, "mean");
    if (isnan(v[0]) || isnan(v[4]))
        return;
    double x[5];
    for (int k = 0; k < 5; k++)
        x[k] = cli_chart_issue_x(s, i, v[k], OX0, OX1);
    cli_svg_put(svg, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"%r\" "
                     "stroke-width=\"1.5\"/>\n", x[0], y, x[4], y, colour);
    cli_svg_put(svg, "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"12\" fill=\"%r\" "
                     "fill-opacity=\"0.35\" stroke=\"%r\"/>\n", x[1], y - 6,
                fmax(1, x[3] - x[1]), colour, colour);
    cli_svg_put(svg, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#222222\" "
                     "stroke-width=\"2.5\"/>\n", x[2], y - 7, x[2], y + 7);
    if (!isnan(mean))
        cli_svg_put(svg, "<path d=\"M%n %nl4 4l-4 4l-4 -4z\" fill=\"#FFFFFF\" "
                         "stroke=\"#222222\"/>\n", cli_chart_issue_x(s, i, mean, OX0, OX1),
                    y - 4);
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10.5\" fill=\"#333333\">median %p "
                     "(5-95%%: %p-%p)</text>\n", OX1 + 12, y + 4, v[2], v[0], v[4]);
}

static void options_row(cli_svg *svg, const pl_scenario *s, size_t i, const json_t *d,
                        double y)
{
    const json_t *shares = json_object_get(d, "options");
    const pl_issue *is = &s->issues[i];
    double x = OX0;
    char best[200] = "";
    double top = -1;
    for (size_t k = 0; k < is->n_options; k++) {
        double share = cli_chart_number(shares, is->options[k].id);
        if (isnan(share) || share <= 0)
            continue;
        double w = (OX1 - OX0) * share;
        cli_svg_put(svg, "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"14\" fill=\"%r\" "
                         "stroke=\"#FFFFFF\"><title>%s: %p%%</title></rect>\n", x, y - 7, w,
                    option_colour(k), is->options[k].id, 100 * share);
        if (w >= 60)
            cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10\" fill=\"#FFFFFF\">%s "
                             "%d%%</text>\n", x + 4, y + 4, is->options[k].id,
                        (int)lround(100 * share));
        if (share > top) {
            top = share;
            char id[100];
            snprintf(best, sizeof best, "mostly %s (%d%%)",
                     cli_chart_clip(is->options[k].id, 20, id, sizeof id),
                     (int)lround(100 * share));
        }
        x += w;
    }
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10.5\" fill=\"#333333\">%s</text>\n",
                OX1 + 12, y + 4, best);
}

static double issue_panel(cli_svg *svg, const cli_report *r, const json_t *list, size_t i,
                          double y)
{
    const pl_scenario *s = r->scenario;
    const pl_issue *is = &s->issues[i];
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"12\" font-weight=\"bold\">%s"
                     "<title>%s</title></text>\n", LABEL_X, y + 12, is->id, is->name);
    double step = is->n_options ? fmin(110, (CHART_WIDTH - CHART_MARGIN - OX0) /
                                             (double)is->n_options) : 0;
    for (size_t k = 0; is->kind == PL_ISSUE_OPTIONS && k < is->n_options; k++) {
        double x = OX0 + step * (double)k;
        char id[100];
        cli_svg_put(svg, "<rect x=\"%n\" y=\"%n\" width=\"11\" height=\"11\" fill=\"%r\"/>\n",
                    x, y + 3, option_colour(k));
        cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10.5\">%s</text>\n", x + 15,
                    y + 12, cli_chart_clip(is->options[k].id, step > 30 ? (size_t)((step - 20) / 6)
                                                                   : 1, id, sizeof id));
    }
    if (is->kind == PL_ISSUE_CONTINUOUS) {
        cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10\" fill=\"#555555\">%p</text>\n",
                    OX0, y + 12, is->low);
        cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10\" text-anchor=\"end\" "
                         "fill=\"#555555\">%p</text>\n", OX1, y + 12, is->high);
    }
    y += 26;
    double first = y;
    for (size_t j = 0, k = 0; j < json_array_size(list); j++) {
        const json_t *w = json_array_get(list, j);
        if (!json_is_number(json_object_get(w, "runs")))
            continue;
        const char *colour = cli_chart_actor_colour(k++);
        const json_t *d = json_object_get(json_object_get(w, "outcomes"), is->id);
        if (d == NULL || !(cli_chart_number(w, "agreements") > 0))
            continue;
        char label[120];
        cli_chart_clip(cli_chart_text(w, "name", cli_chart_text(w, "id", "")), 37, label,
                       sizeof label);
        cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"11\" fill=\"%r\">%s</text>\n",
                    LABEL_X + 10, y + 4, colour, label);
        if (is->kind == PL_ISSUE_CONTINUOUS)
            continuous_row(svg, s, i, d, colour, y);
        else
            options_row(svg, s, i, d, y);
        y += ROW;
    }
    if (is->kind == PL_ISSUE_CONTINUOUS)
        cli_svg_put(svg, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#BBBBBB\"/>\n",
                    OX0, first - 12, OX1, first - 12);
    return y + 4;
}

int cli_chart_outcomes(cli_svg *svg, const cli_report *r)
{
    const json_t *list = NULL;
    if (r->simulation == NULL || whatifs(r, &list) == 0)
        return 0;
    int agreed = 0;
    for (size_t j = 0; j < json_array_size(list); j++)
        agreed |= cli_chart_number(json_array_get(list, j), "agreements") > 0;
    if (!agreed)
        return 0;
    const pl_scenario *s = r->scenario;
    cli_svg inner;
    cli_svg_init(&inner);
    cli_legend l;
    cli_legend_begin(&l, &inner, CHART_MARGIN, 66, CHART_WIDTH - CHART_MARGIN);
    cli_legend_item(&l, CLI_SWATCH_BAND, "#555555", 0, "25-75% of the agreed runs");
    cli_legend_item(&l, CLI_SWATCH_LINE, "#555555", 0, "5-95% (whiskers)");
    cli_legend_item(&l, CLI_SWATCH_TICK, NULL, 0, "median");
    cli_legend_item(&l, CLI_SWATCH_NONE, NULL, 0,
                    "white diamond: mean; options issues: share of each option");
    double y = cli_legend_bottom(&l) + 6;
    for (size_t i = 0; i < s->n_issues; i++)
        y = issue_panel(&inner, r, list, i, y);
    y = note(&inner, r, "Only the runs that agreed count; a what-if in which no run agreed has "
             "no row. Colours as in the settlement chart.", y - 6);
    cli_chart_finish(svg, &inner, s, y + 6, "Agreed outcomes per issue", s->name);
    return 1;
}

/* ---- sensitivity ranking ---- */

typedef struct ranked {
    const json_t *input;
    double magnitude;
    size_t order;
} ranked;

static int by_magnitude(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->magnitude != y->magnitude)
        return x->magnitude < y->magnitude ? 1 : -1;
    return x->order < y->order ? -1 : x->order > y->order;
}

#define BX0 330.0
#define BX1 650.0

static void input_row(cli_svg *svg, const json_t *e, double y)
{
    char full[600], label[300];
    const char *issue = cli_chart_text(e, "issue", NULL);
    snprintf(full, sizeof full, "%.150s: %.150s %s%s%.150s", cli_chart_text(e, "uncertainty", ""),
             cli_chart_text(e, "actor", ""), cli_chart_text(e, "quantity", ""), issue ? " on " : "",
             issue ? issue : "");
    cli_chart_clip(full, 44, label, sizeof label);
    double c = cli_chart_number(e, "correlation");
    if (isnan(c))
        c = 0;
    double mid = (BX0 + BX1) / 2, x = mid + (BX1 - mid) * fmax(-1, fmin(1, c));
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"11\">%s</text>\n", LABEL_X, y + 4,
                label);
    cli_svg_put(svg, "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"14\" fill=\"%r\">"
                     "<title>correlation %n</title></rect>\n", fmin(mid, x), y - 7,
                fmax(0.5, fabs(x - mid)), c < 0 ? "#D55E00" : "#009E73", c);
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10\" text-anchor=\"%r\" "
                     "fill=\"#333333\">%n</text>\n", c < 0 ? x - 3 : x + 3, y + 4,
                c < 0 ? "end" : "start", c);
    double below = cli_chart_number(e, "rate_below"), above = cli_chart_number(e, "rate_above");
    char rates[120] = "";
    if (!isnan(below) && !isnan(above))
        snprintf(rates, sizeof rates, "settles %d%% when drawn low, %d%% when high",
                 (int)lround(100 * below), (int)lround(100 * above));
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10.5\" fill=\"#333333\">%s</text>\n",
                BX1 + 40, y + 4, rates);
}

int cli_chart_sensitivity(cli_svg *svg, const cli_report *r)
{
    const json_t *list = NULL;
    if (r->simulation == NULL || whatifs(r, &list) == 0)
        return 0;
    size_t n = 0;
    for (size_t j = 0; j < json_array_size(list); j++)
        n += json_array_size(json_object_get(json_array_get(list, j), "sensitivity"));
    if (n == 0)
        return 0;
    ranked *rows = calloc(n, sizeof *rows);
    int varies = 0;
    if (rows == NULL) {
        svg->failed = 1;
        return 0;
    }
    size_t m = 0;
    for (size_t j = 0; j < json_array_size(list); j++) {
        const json_t *inputs = json_object_get(json_array_get(list, j), "sensitivity");
        for (size_t k = 0; k < json_array_size(inputs); k++, m++) {
            rows[m].input = json_array_get(inputs, k);
            double c = cli_chart_number(rows[m].input, "correlation");
            rows[m].magnitude = isnan(c) ? 0 : fabs(c);
            rows[m].order = m;
            varies |= rows[m].magnitude > 0;
        }
    }
    if (!varies) { /* settlement never depends on a draw (no run or every run agreed) */
        free(rows);
        return 0;
    }
    qsort(rows, n, sizeof *rows, by_magnitude);
    cli_svg inner;
    cli_svg_init(&inner);
    cli_legend l;
    cli_legend_begin(&l, &inner, CHART_MARGIN, 66, CHART_WIDTH - CHART_MARGIN);
    cli_legend_item(&l, CLI_SWATCH_BOX, "#009E73", 0, "higher draw, more settlements");
    cli_legend_item(&l, CLI_SWATCH_BOX, "#D55E00", 0, "higher draw, fewer settlements");
    cli_legend_item(&l, CLI_SWATCH_NONE, NULL, 0,
                    "bar: correlation of the draw with settling, -1 to 1");
    double y = cli_legend_bottom(&l) + 10, mid = (BX0 + BX1) / 2;
    cli_svg_put(&inner, "<text x=\"%n\" y=\"%n\" font-size=\"10\" text-anchor=\"middle\" "
                        "fill=\"#555555\">-1</text>\n", BX0, y);
    cli_svg_put(&inner, "<text x=\"%n\" y=\"%n\" font-size=\"10\" text-anchor=\"middle\" "
                        "fill=\"#555555\">0</text>\n", mid, y);
    cli_svg_put(&inner, "<text x=\"%n\" y=\"%n\" font-size=\"10\" text-anchor=\"middle\" "
                        "fill=\"#555555\">1</text>\n", BX1, y);
    y += 16;
    size_t shown = n < MAX_INPUTS ? n : MAX_INPUTS;
    cli_svg_put(&inner, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#888888\"/>\n",
                mid, y - 10, mid, y + ROW * (double)shown - 10);
    for (size_t k = 0; k < shown; k++, y += ROW)
        input_row(&inner, rows[k].input, y);
    free(rows);
    char text[300];
    snprintf(text, sizeof text, "Each uncertainty group is drawn alone (its what-if); the %zu "
             "most influential of %zu drawn inputs, strongest first (docs/simulation.md, "
             "\"Sensitivity\").", shown, n);
    y = note(&inner, r, text, y - 6);
    cli_chart_finish(svg, &inner, r->scenario, y + 6,
                     "What settlement depends on: sensitivity ranking", r->scenario->name);
    return 1;
}
