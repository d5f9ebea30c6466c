/*
 * chart_legend.h - a legend that flows left to right and wraps at the
 * chart's width: a swatch then its text, item after item.
 */
#ifndef PARLEY_CLI_CHART_LEGEND_H
#define PARLEY_CLI_CHART_LEGEND_H

#include "chart.h"

/** Average width of a character of 11-pixel legend text, in pixels (generous). */
#define CLI_LEGEND_CHAR 6.2
#define CLI_LEGEND_STEP 17.0

typedef enum cli_swatch {
    CLI_SWATCH_NONE = 0,
    CLI_SWATCH_CIRCLE,  /**< an actor's ideal point */
    CLI_SWATCH_BAND,    /**< a translucent shaded band (red lines) */
    CLI_SWATCH_BOX,     /**< an opaque box (verdict colours) */
    CLI_SWATCH_BAR,     /**< a thin bar (the room left) */
    CLI_SWATCH_TICK,    /**< a proposal's tick */
    CLI_SWATCH_LINE,    /**< a line (an actor over rounds) */
    CLI_SWATCH_DASH,    /**< a dashed line (a forecast over rounds) */
    CLI_SWATCH_MARKER   /**< a model's forecast marker */
} cli_swatch;

typedef struct cli_legend {
    cli_svg *svg;
    double x0, x, y, x_max;
} cli_legend;

/** Start a legend whose first baseline is `y`, from `x` to `x_max`. */
void cli_legend_begin(cli_legend *legend, cli_svg *svg, double x, double y, double x_max);

/** Add one item; `colour` for the coloured swatches, `model` for CLI_SWATCH_MARKER. */
void cli_legend_item(cli_legend *legend, cli_swatch kind, const char *colour, pl_model model,
                     const char *text);

/** Continue on a new line (when the current one has items). */
void cli_legend_break(cli_legend *legend);

/** The y just below the legend's last line. */
double cli_legend_bottom(const cli_legend *legend);

#endif
