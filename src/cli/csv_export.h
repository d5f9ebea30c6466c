/*
 * csv_export.h - `--csv DIR`: every table of a report as CSV (RFC 4180,
 * comma-separated, a header row, fields quoted when they hold a comma, a
 * quote or a line break; numbers in the shortest form that reads back
 * exactly). Files: verdicts.csv, forecasts.csv, red_lines.csv,
 * trace_<model>.csv per dynamic model that ran, frontier.csv (the frontier
 * chart's points) and montecarlo.csv (the simulation what-ifs); docs/report.md.
 */
#ifndef PARLEY_CLI_CSV_EXPORT_H
#define PARLEY_CLI_CSV_EXPORT_H

#include "chart.h"
#include "output.h"

/**
 * Build every table and add each as DIR/NAME to `set` (output.h; DIR is
 * created at commit time). Nothing is added when building fails (PL_ERR_NOMEM).
 */
int cli_write_csv_directory(cli_outputs *set, const char *dir, const cli_report *report,
                            pl_diag *diag);

/** The same tables in memory (name "verdicts.csv", text in `svg`); PL_ERR_NOMEM. */
int cli_csv_tables(const cli_report *report, cli_chart_file **out, size_t *n);

#endif
