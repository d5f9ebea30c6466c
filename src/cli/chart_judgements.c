/*
 * chart_judgements.c - "Which judgements matter": the first-order and total
 * Sobol index of each factor of `parley sensitivity` as paired horizontal bars
 * with their bootstrap intervals, largest total first (docs/sensitivity.md).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "chart.h"
#include "chart_legend.h"
#include "chart_judgements.h"

#define LABEL_X 16.0
#define JX0 330.0
#define JX1 860.0
#define ROW 34.0
#define FIRST_COLOUR "#0072B2"
#define TOTAL_COLOUR "#E69F00"

typedef struct ranked {
    size_t factor;
    double total;
} ranked;

static int by_total(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    double ta = isnan(a->total) ? -1 : a->total, tb = isnan(b->total) ? -1 : b->total;
    if (ta != tb)
        return ta > tb ? -1 : 1;
    return a->factor < b->factor ? -1 : a->factor > b->factor;
}

static double index_x(double v)
{
    return JX0 + (JX1 - JX0) * fmax(0, fmin(1, isnan(v) ? 0 : v));
}

/* One bar with its interval whisker, `dy` below the row's centre line. */
static void bar(cli_svg *svg, double y, double value, double low, double high, const char *colour,
                const char *what)
{
    double x = index_x(value);
    cli_svg_put(svg, "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"11\" fill=\"%r\">"
                     "<title>%s %n</title></rect>\n",
                JX0, y, fmax(0.5, x - JX0), colour, what, isnan(value) ? 0 : value);
    if (!isnan(low) && !isnan(high))
        cli_svg_put(svg, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#333333\"/>\n",
                    index_x(low), y + 5.5, index_x(high), y + 5.5);
    cli_svg_put(svg, "<text x=\"%n\" y=\"%n\" font-size=\"10\" fill=\"#333333\">%n</text>\n",
                fmax(x, index_x(high)) + 4, y + 9, isnan(value) ? 0 : value);
}

int cli_chart_judgements(cli_svg *svg, const pl_scenario *scenario, const char *output,
                         const char *const *names, const pl_sobol_index *index, size_t k,
                         size_t samples)
{
    ranked *order = calloc(k + 1, sizeof *order);
    if (order == NULL) {
        svg->failed = 1;
        return 0;
    }
    for (size_t f = 0; f < k; f++)
        order[f] = (ranked){f, index[f].total};
    qsort(order, k, sizeof *order, by_total);
    cli_svg inner;
    cli_svg_init(&inner);
    cli_legend l;
    cli_legend_begin(&l, &inner, CHART_MARGIN, 66, CHART_WIDTH - CHART_MARGIN);
    cli_legend_item(&l, CLI_SWATCH_BOX, FIRST_COLOUR, 0, "first order: its share alone");
    cli_legend_item(&l, CLI_SWATCH_BOX, TOTAL_COLOUR, 0, "total: with its interactions");
    cli_legend_item(&l, CLI_SWATCH_NONE, NULL, 0, "line: bootstrap 95% interval");
    double y = cli_legend_bottom(&l) + 10;
    for (int t = 0; t <= 4; t++)
        cli_svg_put(&inner, "<text x=\"%n\" y=\"%n\" font-size=\"10\" text-anchor=\"middle\" "
                            "fill=\"#555555\">%n</text>\n", index_x(t / 4.0), y, t / 4.0);
    y += 12;
    cli_svg_put(&inner, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#888888\"/>\n",
                JX0, y - 6, JX0, y + ROW * (double)k - 6);
    for (size_t r = 0; r < k; r++, y += ROW) {
        const pl_sobol_index *x = &index[order[r].factor];
        char label[300];
        cli_chart_clip(names[order[r].factor], 48, label, sizeof label);
        cli_svg_put(&inner, "<text x=\"%n\" y=\"%n\" font-size=\"11\">%s</text>\n", LABEL_X,
                    y + 12, label);
        bar(&inner, y, x->first_order, x->first_order_low, x->first_order_high, FIRST_COLOUR,
            "first order");
        bar(&inner, y + 13, x->total, x->total_low, x->total_high, TOTAL_COLOUR, "total");
    }
    char text[400];
    snprintf(text, sizeof text, "Sobol indices of %.120s over %zu samples (%zu model runs): the "
             "share of its variance each factor explains (Saltelli 2010, Jansen 1999; "
             "docs/sensitivity.md).", output, samples, samples * (k + 2));
    size_t lines = cli_chart_text_block(&inner, text, LABEL_X, y + 10, 14, 140,
                                        "font-size=\"11\" fill=\"#333333\"");
    y += 10 + 14 * (double)lines;
    free(order);
    cli_chart_finish(svg, &inner, scenario, y + 6, "Which judgements matter", output);
    return 1;
}

/* A member that is a number, else NaN (JSON null: an index with no variance to apportion). */
static double number_or_nan(const json_t *v) { return json_is_number(v) ? json_number_value(v) : NAN; }

int cli_chart_judgements_json(cli_svg *svg, const pl_scenario *scenario, const json_t *document)
{
    const json_t *inputs = json_object_get(document, "inputs");
    const char *output = json_string_value(json_object_get(document, "output"));
    const json_t *samples = json_object_get(document, "samples");
    size_t k = json_array_size(inputs);
    if (output == NULL || k == 0 || !json_is_integer(samples) || json_integer_value(samples) < 0)
        return 0;
    const char **names = calloc(k, sizeof *names);
    pl_sobol_index *x = calloc(k, sizeof *x);
    int drawn = 0;
    if (names == NULL || x == NULL)
        svg->failed = 1;
    for (size_t f = 0; names && x && f < k; f++) {
        const json_t *in = json_array_get(inputs, f);
        const json_t *i1 = json_object_get(in, "first_order_interval");
        const json_t *i2 = json_object_get(in, "total_interval");
        names[f] = json_string_value(json_object_get(in, "group"));
        names[f] = names[f] ? names[f] : "?";
        x[f] = (pl_sobol_index){number_or_nan(json_object_get(in, "first_order")),
                                number_or_nan(json_object_get(in, "total")),
                                number_or_nan(json_array_get(i1, 0)),
                                number_or_nan(json_array_get(i1, 1)),
                                number_or_nan(json_array_get(i2, 0)),
                                number_or_nan(json_array_get(i2, 1))};
    }
    if (names && x)
        drawn = cli_chart_judgements(svg, scenario, output, names, x, k,
                                     (size_t)json_integer_value(samples));
    free(names);
    free(x);
    return drawn;
}
