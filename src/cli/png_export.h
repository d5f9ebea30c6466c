/*
 * png_export.h - `--png DIR`: each chart of a report as DIR/NAME.png,
 * rendered from its SVG with librsvg and cairo (docs/report.md). PNG support
 * is optional at build time (CMake option PARLEY_PNG, needs the headers) and
 * librsvg is loaded only when --png is used; without either, --png is refused
 * with cli_png_missing() before anything is computed or written.
 */
#ifndef PARLEY_CLI_PNG_EXPORT_H
#define PARLEY_CLI_PNG_EXPORT_H

#include "chart.h"
#include "output.h"

#define CLI_PNG_MISSING "parley was built without PNG support (librsvg2-dev)"

/** Nonzero when this parley can write PNG files (loads librsvg on first use). */
int cli_png_available(void);
/** Why it cannot: CLI_PNG_MISSING, or what loading librsvg said. */
const char *cli_png_missing(void);

/**
 * Render every chart to PNG in memory and add each as DIR/NAME.png to `set`
 * (output.h). Nothing is added when a rendering fails.
 */
int cli_write_png_directory(cli_outputs *set, const char *dir, const cli_report *report,
                            pl_diag *diag);

#endif
