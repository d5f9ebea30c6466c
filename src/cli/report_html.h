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
#include "output.h"

/** r->left_out from a model's "skipped" JSON object (NULL: none). */
void cli_report_left_out(cli_report_model *r, const json_t *skipped);

/** Point the report's models at `n` model runs (their forecasts and traces, borrowed). */
void cli_report_use_models(cli_report *report, const cli_model_run *runs, size_t n);

/**
 * The whole HTML report in a new NUL-terminated buffer (free with free());
 * NULL when out of memory. The bytes depend on the report alone.
 */
char *cli_report_html(const cli_report *report, size_t *size_out);

/*
 * The page shell every HTML report shares (`parley run --report`, `parley
 * sensitivity --report`): the doctype, the inline styles and the header with
 * the scenario's name; and the caveats section with its description.
 */
void cli_report_html_head(cli_svg *h, const pl_scenario *s);
void cli_report_html_caveats(cli_svg *h, const pl_scenario *s);

/*
 * The report's files are added to a set of outputs (output.h) that the command
 * commits once, so that all of them are written or none.
 */

/** Makes a report's files in memory (cli_chart_all, cli_csv_tables). PL_ERR_NOMEM. */
typedef int (*cli_report_files_fn)(const cli_report *report, cli_chart_file **out, size_t *n);

/** Add the files `make` builds as DIR/NAME to `set` (DIR made at commit time). */
int cli_write_files_directory(cli_outputs *set, const char *dir, const cli_report *report,
                              cli_report_files_fn make, pl_diag *diag);

/** Build the report and add it to `set` as `path`. */
int cli_write_report(cli_outputs *set, const char *path, const cli_report *report,
                     pl_diag *diag);

/** Add every chart as DIR/NAME.svg to `set` (DIR created at commit time). */
int cli_write_svg_directory(cli_outputs *set, const char *dir, const cli_report *report,
                            pl_diag *diag);

/**
 * What `parley report` does with the JSON text of `parley run --json`
 * (`size` bytes, named `source` in diagnostics), up to the HTML report in a
 * new buffer (*html, free()), without writing anything; the fuzz target of
 * report's reader (tests/fuzz/fuzz_report_json.c) calls it.
 */
int cli_report_from_text(const char *source, const char *data, size_t size, char **html,
                         size_t *html_size, pl_diag *diag);

/*
 * JSON that `parley run --json` carries beyond docs/cli-contract.md so that
 * `parley report` can redraw a report (report_json.c; new keys only).
 */

/** The contract's "rounds" of a dynamic model from its trace: positions, forecast, mean. */
json_t *cli_json_trace_rounds(const pl_scenario *scenario, const pl_trace *trace);

/** The scenario in the native format (as `parley convert` writes it); NULL if unwritable. */
json_t *cli_json_scenario_document(const pl_scenario *scenario);

#endif
