/*
 * chart.h - the charts of parley's reports, each one self-contained SVG.
 *
 * Every chart has a title, axes or a scale, a legend and the scenario's
 * caveats at the bottom, and is drawn from a cli_report: the analysis as
 * `parley run` computes it, or as `parley report` rebuilds it from the JSON
 * of `parley run --json`. Charts with nothing to show are not drawn: their
 * function returns 0 and leaves the buffer untouched.
 *
 * Hooks awaiting other parts of parley (see docs/report.md): the frontier of
 * two parties (parley/frontier.h) and the Monte Carlo charts
 * (parley/simulate.h) take their data through cli_report.frontier and
 * cli_report.simulation, NULL until those analyses exist; the report lists
 * the charts in cli_chart_kinds order.
 */
#ifndef PARLEY_CLI_CHART_H
#define PARLEY_CLI_CHART_H

#include <stddef.h>

#include "parley/parley.h"
#include "svg.h"

/** One forecasting model as the report shows it. */
typedef struct cli_report_model {
    pl_model model;
    int ran;                  /**< zero: not applicable (see failure) */
    const double *forecast;   /**< n_issues when ran */
    const pl_trace *trace;    /**< dynamic models that ran; NULL otherwise */
    const char *failure;      /**< why it could not run, or NULL */
} cli_report_model;

/** Everything a report shows; the pointers are borrowed. */
typedef struct cli_report {
    const pl_scenario *scenario;
    pl_evaluation *const *evaluations;      /**< one per proposal */
    const pl_red_line_analysis *red_lines;
    size_t n_models;
    cli_report_model models[PL_MODEL_COUNT];
    const char *json;        /**< the run's JSON document, embedded in the HTML; may be NULL */
    const void *frontier;    /**< hook: the frontier of two parties (not drawn yet) */
    const void *simulation;  /**< hook: Monte Carlo results (not drawn yet) */
} cli_report;

/** Chart geometry shared by every chart. */
#define CHART_WIDTH 960.0
#define CHART_MARGIN 16

/** Actor k's colour (Okabe-Ito palette, readable by colour-blind readers). */
const char *cli_chart_actor_colour(size_t actor);

/** Colour of a verdict (acceptable green ... unacceptable dark red; none grey). */
const char *cli_chart_verdict_colour(pl_verdict verdict);

/** Open an SVG of width x height with a title and a subtitle (may be NULL). */
void cli_chart_begin(cli_svg *svg, double width, double height, const char *title,
                     const char *subtitle);

/** Close the SVG. */
void cli_chart_end(cli_svg *svg);

/** Height the caveat block of `scenario` takes in a chart `width` wide. */
double cli_chart_caveat_height(const pl_scenario *scenario, double width);

/** Draw the caveat block with its top at `y`. */
void cli_chart_caveat(cli_svg *svg, const pl_scenario *scenario, double y, double width);

/**
 * Split `text` into lines of at most `max_chars` characters at spaces; calls
 * `line` for each (text, length, index, payload) and returns the count.
 * `line` may be NULL to count only.
 */
size_t cli_chart_wrap(const char *text, size_t max_chars,
                      void (*line)(const char *, size_t, size_t, void *), void *payload);

/** Draw wrapped text starting at (x, y), `step` apart; returns the lines drawn. */
size_t cli_chart_text_block(cli_svg *svg, const char *text, double x, double y, double step,
                            size_t max_chars, const char *attributes);

/** Draw a model's forecast marker centred at (x, y). */
void cli_chart_model_marker(cli_svg *svg, pl_model model, double x, double y);

/** Where `value` of `issue` lies on a line from x0 to x1 (options: their slots). */
double cli_chart_issue_x(const pl_scenario *scenario, size_t issue, double value, double x0,
                         double x1);

/** The chart functions: 1 when drawn, 0 when there is nothing to show. */
int cli_chart_issues(cli_svg *svg, const cli_report *report);
int cli_chart_verdicts(cli_svg *svg, const cli_report *report, size_t proposal);
int cli_chart_rounds(cli_svg *svg, const cli_report *report, size_t model);

/** File-name-safe form of an id (letters, digits, '-', '_'; others '_'). */
void cli_chart_safe_name(const char *id, char *buffer, size_t size);

/** One chart of a report, as `--svg DIR` writes it and the HTML embeds it. */
typedef struct cli_chart_file {
    char name[160];        /**< "issues.svg", "verdicts-ID.svg", "rounds-MODEL.svg" */
    char *svg;             /**< owned */
    size_t size;
} cli_chart_file;

/**
 * Draw every chart the report has something for, in report order, into a
 * new array (*n_out entries; free with cli_chart_files_free). PL_ERR_NOMEM.
 */
int cli_chart_all(const cli_report *report, cli_chart_file **out, size_t *n_out);
void cli_chart_files_free(cli_chart_file *files, size_t n);

#endif
