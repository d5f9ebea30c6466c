/*
 * chart.h - the charts of parley's reports, each one self-contained SVG.
 *
 * Every chart has a title, axes or a scale, a legend and the scenario's
 * caveats at the bottom, and is drawn from a cli_report: the analysis as
 * `parley run` computes it, or as `parley report` rebuilds it from the JSON
 * of `parley run --json`. Charts with nothing to show are not drawn: their
 * function returns 0 and leaves the buffer untouched.
 *
 * The frontier of two parties (parley/frontier.h) and the Monte Carlo charts
 * (parley/simulate.h) take their data through cli_report.frontier and
 * cli_report.simulation; NULL leaves those charts out (docs/report.md).
 */
#ifndef PARLEY_CLI_CHART_H
#define PARLEY_CLI_CHART_H

#include <stddef.h>

#include <jansson.h>

#include "parley/frontier.h"
#include "parley/parley.h"
#include "svg.h"

/** One forecasting model as the report shows it. */
typedef struct cli_report_model {
    pl_model model;
    int ran;                  /**< zero: not applicable (see failure) */
    const double *forecast;   /**< n_issues when ran */
    const pl_trace *trace;    /**< dynamic models that ran; NULL otherwise */
    const char *failure;      /**< why it could not run, or NULL */
    char left_out[512];       /**< "issue (reason), ..." for the issues it left out, or "" */
} cli_report_model;

/** The frontier of two chosen parties (chart_frontier.c). */
typedef struct cli_report_frontier {
    size_t parties[2];            /**< the two actors, indices into the scenario */
    const pl_frontier *frontier;  /**< of the scenario restricted to them; NULL: none */
} cli_report_frontier;

/** Everything a report shows; the pointers are borrowed. */
typedef struct cli_report {
    const pl_scenario *scenario;
    pl_evaluation *const *evaluations;      /**< one per proposal */
    const pl_red_line_analysis *red_lines;
    size_t n_models;
    cli_report_model models[PL_MODEL_COUNT];
    const char *json;        /**< the run's JSON document, embedded in the HTML; may be NULL */
    const cli_report_frontier *frontier;  /**< the frontier chart's data; may be NULL */
    /** The "simulation" object of `parley run --json` (what-ifs, steps); may be NULL. */
    const json_t *simulation;
    /**
     * The "agreement" object of `parley run --json`, for its "what_it_takes"
     * and "what_it_takes_simulation"; may be NULL.
     */
    const json_t *what_it_takes;
    /**
     * The "sensitivity" object of `parley run --json` (run_sensitivity.h): one
     * "which judgements matter" chart per entry of its "outputs"; may be NULL.
     */
    const json_t *sensitivity;
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
 * Write a CHART_WIDTH chart whose body `inner` (freed here) ends at `y`: the
 * header, the body, then the caveat block of `scenario` below it.
 */
void cli_chart_finish(cli_svg *svg, cli_svg *inner, const pl_scenario *scenario, double y,
                      const char *title, const char *subtitle);

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
int cli_chart_frontier(cli_svg *svg, const cli_report *report);
/** Settlement probability by step, one line per what-if. */
int cli_chart_settlement(cli_svg *svg, const cli_report *report);
/** Agreed outcomes per issue over the runs that agreed, per what-if. */
int cli_chart_outcomes(cli_svg *svg, const cli_report *report);
/** The drawn inputs ranked by how strongly settlement depends on them. */
int cli_chart_sensitivity(cli_svg *svg, const cli_report *report);
/** What it would take: zone margin and settlement against each blocking bound. */
int cli_chart_what_it_takes(cli_svg *svg, const cli_report *report);

/**
 * The two parties of the frontier chart: `option` "A,B" (actor ids), or when
 * NULL the first two veto actors, else the first two actors. PL_ERR_INVALID
 * (with diag) for a bad option; PL_ERR_NOT_FOUND when the scenario has fewer
 * than two actors (no chart).
 */
int cli_frontier_parties(const pl_scenario *scenario, const char *option, size_t parties[2],
                         pl_diag *diag);


/**
 * `text` cut to at most `max_chars` characters (UTF-8 aware; an ellipsis
 * ends a cut text) into `buffer`; returns `buffer`.
 */
const char *cli_chart_clip(const char *text, size_t max_chars, char *buffer, size_t size);

/**
 * Names in charts follow the text reports' rule (text_names.c): an actor id
 * longer than CLI_CHART_ACTOR_WIDTH, an issue id longer than
 * CLI_CHART_ISSUE_WIDTH, is shortened in the middle so that the ids of one
 * scenario stay apart; the element's <title> and the report's legend of
 * names (report_html.c) give it in full.
 */
#define CLI_CHART_ACTOR_WIDTH 14
#define CLI_CHART_ISSUE_WIDTH 22
const char *cli_chart_actor(const pl_scenario *scenario, size_t actor, char *out, size_t size);
const char *cli_chart_issue(const pl_scenario *scenario, size_t issue, char *out, size_t size);

/** File-name-safe form of an id (letters, digits, '-', '_'; others '_'). */
void cli_chart_safe_name(const char *id, char *buffer, size_t size);

/** One chart of a report, as `--svg DIR` writes it and the HTML embeds it. */
typedef struct cli_chart_file {
    char name[160];        /**< "issues.svg", "verdicts-ID.svg", "frontier.svg", ... */
    char *svg;             /**< owned */
    size_t size;
} cli_chart_file;

/**
 * Draw every chart the report has something for, in report order, into a
 * new array (*n_out entries; free with cli_chart_files_free). PL_ERR_NOMEM.
 */
int cli_chart_all(const cli_report *report, cli_chart_file **out, size_t *n_out);
void cli_chart_files_free(cli_chart_file *files, size_t n);

/** A member of a run's JSON read back by a chart: the number (NaN when absent or not a number). */
double cli_chart_number(const json_t *object, const char *key);
/** ... the string, or `fallback` when absent or not a string. */
const char *cli_chart_text(const json_t *object, const char *key, const char *fallback);
/** `object[key]` as a whole number's text ("%.0f"; "?" when not a finite number). */
const char *cli_chart_whole(const json_t *object, const char *key, char *buffer, size_t size);

#endif
