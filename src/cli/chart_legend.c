/*
 * chart_legend.c - legends that flow left to right and wrap (chart.h).
 */
#include <string.h>

#include "chart_legend.h"

void cli_legend_begin(cli_legend *legend, cli_svg *svg, double x, double y, double x_max)
{
    legend->svg = svg;
    legend->x0 = x;
    legend->x = x;
    legend->y = y;
    legend->x_max = x_max;
}

static void swatch(cli_legend *l, cli_swatch kind, const char *colour, pl_model model)
{
    cli_svg *svg = l->svg;
    double x = l->x, y = l->y;
    switch (kind) {
    case CLI_SWATCH_CIRCLE:
        cli_svg_put(svg, "<circle cx=\"%n\" cy=\"%n\" r=\"5.5\" fill=\"%r\"/>\n", x + 6, y - 4,
                    colour);
        break;
    case CLI_SWATCH_BAND:
        cli_svg_put(svg,
                    "<rect x=\"%n\" y=\"%n\" width=\"14\" height=\"11\" fill=\"%r\" "
                    "fill-opacity=\"0.22\" stroke=\"%r\" stroke-width=\"0.8\"/>\n",
                    x, y - 10, colour, colour);
        break;
    case CLI_SWATCH_BOX:
        cli_svg_put(svg,
                    "<rect x=\"%n\" y=\"%n\" width=\"14\" height=\"11\" fill=\"%r\" "
                    "stroke=\"#666666\" stroke-width=\"0.5\"/>\n",
                    x, y - 10, colour);
        break;
    case CLI_SWATCH_BAR:
        cli_svg_put(svg, "<rect x=\"%n\" y=\"%n\" width=\"14\" height=\"5\" fill=\"%r\"/>\n", x,
                    y - 7, colour);
        break;
    case CLI_SWATCH_TICK:
        cli_svg_put(svg,
                    "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#333333\" "
                    "stroke-width=\"1.5\"/>\n",
                    x + 7, y - 11, x + 7, y - 1);
        break;
    case CLI_SWATCH_LINE:
        cli_svg_put(svg,
                    "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"%r\" "
                    "stroke-width=\"2\"/>\n",
                    x, y - 4, x + 14, y - 4, colour);
        break;
    case CLI_SWATCH_DASH:
        cli_svg_put(svg,
                    "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"%r\" "
                    "stroke-width=\"2\" stroke-dasharray=\"4 2\"/>\n",
                    x, y - 4, x + 14, y - 4, colour);
        break;
    case CLI_SWATCH_MARKER:
        cli_chart_model_marker(svg, model, x + 7, y - 4);
        break;
    case CLI_SWATCH_NONE:
        break;
    }
}

void cli_legend_item(cli_legend *l, cli_swatch kind, const char *colour, pl_model model,
                     const char *text)
{
    double swatch_width = kind == CLI_SWATCH_NONE ? 0 : 19;
    double width = swatch_width + CLI_LEGEND_CHAR * (double)strlen(text) + 14;
    if (l->x > l->x0 && l->x + width > l->x_max) {
        l->x = l->x0;
        l->y += CLI_LEGEND_STEP;
    }
    swatch(l, kind, colour, model);
    cli_svg_put(l->svg, "<text x=\"%n\" y=\"%n\" font-size=\"11\">%s</text>\n",
                l->x + swatch_width, l->y, text);
    l->x += width;
}

void cli_legend_break(cli_legend *l)
{
    if (l->x > l->x0) {
        l->x = l->x0;
        l->y += CLI_LEGEND_STEP;
    }
}

double cli_legend_bottom(const cli_legend *l)
{
    return l->x > l->x0 ? l->y + 6 : l->y - CLI_LEGEND_STEP + 6;
}
