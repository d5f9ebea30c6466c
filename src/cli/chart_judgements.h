/*
 * chart_judgements.h - the "which judgements matter" chart of `parley
 * sensitivity --svg` (chart_judgements.c).
 */
#ifndef PARLEY_CLI_CHART_JUDGEMENTS_H
#define PARLEY_CLI_CHART_JUDGEMENTS_H

#include <jansson.h>

#include "parley/parley.h"
#include "svg.h"

/**
 * Draw the first-order and total index of each of `k` factors (named by
 * `names`) of `output` into `svg`; returns 1 (0 and svg->failed when out of memory).
 */
int cli_chart_judgements(cli_svg *svg, const pl_scenario *scenario, const char *output,
                         const char *const *names, const pl_sobol_index *index, size_t k,
                         size_t samples);

/**
 * The same chart from one document of `parley sensitivity --json` (an entry of
 * the "outputs" of `parley run --json`'s "sensitivity"; docs/report.md);
 * 0 when it is not one (nothing drawn).
 */
int cli_chart_judgements_json(cli_svg *svg, const pl_scenario *scenario, const json_t *document);

#endif
