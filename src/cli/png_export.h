/*
 * png_export.h - `--png DIR`: each chart of a report as DIR/NAME.png,
 * rendered from its SVG with librsvg and cairo (docs/report.md). PNG support
 * is optional at build time (CMake option PARLEY_PNG); without it --png is
 * refused with CLI_PNG_MISSING before anything is computed or written.
 */
#ifndef PARLEY_CLI_PNG_EXPORT_H
#define PARLEY_CLI_PNG_EXPORT_H

#include "chart.h"

#define CLI_PNG_MISSING "parley was built without PNG support (librsvg2-dev)"

/** Nonzero when this parley can write PNG files. */
int cli_png_available(void);

/**
 * Render every chart to PNG in memory, then create DIR if needed and write
 * each file atomically. Nothing is written when a rendering fails.
 */
int cli_write_png_directory(const char *dir, const cli_report *report, pl_diag *diag);

#endif
