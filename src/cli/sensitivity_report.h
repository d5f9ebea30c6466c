/*
 * sensitivity_report.h - the HTML report of `parley sensitivity --report`
 * (docs/sensitivity.md): the page shell of `parley run --report`
 * (report_html.c), the question and settings, the "which judgements matter"
 * chart and the table of indices with their intervals, and the caveats.
 */
#ifndef PARLEY_CLI_SENSITIVITY_REPORT_H
#define PARLEY_CLI_SENSITIVITY_REPORT_H

#include <stddef.h>

#include "parley/parley.h"

/** What the report states; every pointer is borrowed. */
typedef struct cli_sensitivity_page {
    const pl_scenario *scenario;
    const char *output;              /**< Q as given to --output */
    const char *const *names;        /**< the k factors: uncertainty groups or --vary paths */
    const pl_sobol_index *index;     /**< k of them */
    size_t k, samples, bootstrap;
    unsigned long long seed;
    int vary;                        /**< nonzero: the factors are --vary ranges */
    const char *svg;                 /**< the chart, as --svg writes it */
    size_t svg_size;
} cli_sensitivity_page;

/** The whole page in a new NUL-terminated buffer (free()); NULL when out of memory. */
char *cli_sensitivity_html(const cli_sensitivity_page *page, size_t *size_out);

#endif
