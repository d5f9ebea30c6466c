/*
 * run_analysis.h - the analysis of `parley run` as functions, for `parley
 * serve` (POST /api/analyze and /api/charts): one computation and one JSON
 * builder for the command and the server (cmd_run.c).
 */
#ifndef PARLEY_CLI_RUN_ANALYSIS_H
#define PARLEY_CLI_RUN_ANALYSIS_H

#include <jansson.h>

#include "chart.h"
#include "parley/parley.h"

typedef struct cli_run_analysis cli_run_analysis;

/** What cli_run_analyse() computes beyond the document of `parley run --json`. */
enum {
    /** What it would take with its settlement curves (100 simulated runs per step:
     *  seconds rather than milliseconds). */
    CLI_RUN_SETTLEMENT = 1,
    /** The frontier of the frontier chart, for cli_run_charts() and cli_run_html(). */
    CLI_RUN_CHARTS = 2,
};

/**
 * Analyse `scenario` (taken: freed with the analysis, or here on failure) as
 * `parley run` does with its default settings, without the simulated what-ifs,
 * and with what `flags` adds. Returns an exit status (EXIT_INTERNAL when out of
 * memory). Thread-safe.
 */
int cli_run_analyse(pl_scenario *scenario, unsigned flags, cli_run_analysis **out);

/**
 * cli_run_analyse() whose long calls (the models smp, eu and exchange, and the
 * frontier) also ask `cancel`: once it returns nonzero they stop, leaving their
 * part out (serve stops this way on SIGTERM). The caller knows it cancelled and
 * must not present the result. (What it takes's settlement curves, ?settlement=1,
 * about a second, take no progress callback: pl_what_it_takes_compute.)
 */
int cli_run_analyse_cancellable(pl_scenario *scenario, unsigned flags, pl_progress cancel,
                                cli_run_analysis **out);

/** The document of `parley run --json` for it, without "simulation"; NULL when out of memory. */
json_t *cli_run_document(const cli_run_analysis *analysis);

/** Every chart of the report that has something to show (cli_chart_all). PL_ERR_NOMEM. */
int cli_run_charts(const cli_run_analysis *analysis, cli_chart_file **files, size_t *n);

/** The HTML report (`parley run --report`) with `document` embedded; NULL when out of memory. */
char *cli_run_html(const cli_run_analysis *analysis, const json_t *document, size_t *size);

/** The tables of `--csv DIR` in memory (cli_csv_tables). PL_ERR_NOMEM. */
int cli_run_csv(const cli_run_analysis *analysis, cli_chart_file **files, size_t *n);

void cli_run_analysis_free(cli_run_analysis *analysis);

#endif
