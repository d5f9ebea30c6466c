/*
 * report_html.h - parley's self-contained HTML report and its companions
 * (docs/report.md): one HTML file with inline CSS (a print stylesheet
 * included), the charts as inline SVG and the run's JSON embedded in a
 * <script type="application/json"> block; no external URL, no script to
 * run, so it opens offline in any browser. `--svg DIR` writes each chart as
 * its own file, with the same bytes as in the HTML.
 */
#ifndef PARLEY_CLI_REPORT_HTML_H
#define PARLEY_CLI_REPORT_HTML_H

#include <jansson.h>

#include "chart.h"
#include "model_run.h"

/** r->left_out from a model's "skipped" JSON object (NULL: none). */
void cli_report_left_out(cli_report_model *r, const json_t *skipped);

/** Point the report's models at `n` model runs (their forecasts and traces, borrowed). */
void cli_report_use_models(cli_report *report, const cli_model_run *runs, size_t n);

/**
 * The whole HTML report in a new NUL-terminated buffer (free with free());
 * NULL when out of memory. The bytes depend on the report alone.
 */
char *cli_report_html(const cli_report *report, size_t *size_out);

/** Build the report and write it to `path` atomically (pl_write_file_atomic). */
int cli_write_report(const char *path, const cli_report *report, pl_diag *diag);

/** Create directory `dir` unless it exists (one level); PL_ERR_IO with diag otherwise. */
int cli_make_directory(const char *dir, pl_diag *diag);

/** Write every chart as DIR/NAME.svg, each atomically, creating DIR if needed. */
int cli_write_svg_directory(const char *dir, const cli_report *report, pl_diag *diag);

/** Write `size` bytes to DIR/NAME atomically. */
int cli_write_in_directory(const char *dir, const char *name, const char *data, size_t size,
                           pl_diag *diag);

/*
 * JSON that `parley run --json` carries beyond docs/cli-contract.md so that
 * `parley report` can redraw a report (report_json.c; new keys only).
 */

/** The contract's "rounds" of a dynamic model from its trace: positions, forecast, mean. */
json_t *cli_json_trace_rounds(const pl_scenario *scenario, const pl_trace *trace);

/** The scenario in the native format (as `parley convert` writes it); NULL if unwritable. */
json_t *cli_json_scenario_document(const pl_scenario *scenario);

#endif
