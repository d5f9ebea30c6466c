/*
 * progress.h - the progress bar of the parley CLI: on stderr, only when
 * stderr is a terminal, only once a run has lasted about a second, and not
 * at all with --quiet. It is a pl_progress_fn (parley/progress.h), so a
 * library call that takes one draws it directly:
 *
 *     cli_progress bar;
 *     cli_progress_begin(&bar, "smp", quiet);
 *     options.progress = (pl_progress){cli_progress_update, &bar};
 *     rc = pl_..._run(..., &options, ...);
 *     cli_progress_end(&bar);
 *
 * Set `cancel` (from a signal handler, say) to make the next report cancel
 * the call (PL_ERR_CANCELLED).
 */
#ifndef PARLEY_CLI_PROGRESS_H
#define PARLEY_CLI_PROGRESS_H

#include <signal.h>

#include "parley/progress.h"

/** Seconds a run must have lasted before the bar appears. */
#define CLI_PROGRESS_DELAY 1.0

typedef struct cli_progress {
    const char *label;
    int enabled;             /**< stderr is a terminal and not --quiet */
    int shown;               /**< the bar is on screen */
    double start, last_draw; /**< monotonic seconds */
    double low, high;        /**< the part of the bar the next reports fill (0 and 1) */
    volatile sig_atomic_t cancel;
} cli_progress;

/** Start timing; the bar shows only if `quiet` is zero and stderr is a terminal. */
void cli_progress_begin(cli_progress *progress, const char *label, int quiet);

/** A pl_progress_fn: `payload` is the cli_progress. Returns nonzero once `cancel` is set. */
int cli_progress_update(double fraction, void *payload);

/** Remove the bar from the terminal. */
void cli_progress_end(cli_progress *progress);

/**
 * Make the next reports fill [low, high] of the bar: fraction f shows as
 * low + (high - low) f. For several calls in one bar (each model of `run`).
 */
void cli_progress_span(cli_progress *progress, double low, double high);

/**
 * The bar that helpers taking no progress argument (the what-ifs of
 * simulation_report.c) report to within its current span; NULL (the
 * default) for none. The CLI runs them from one thread.
 */
void cli_progress_attach(cli_progress *progress);
cli_progress *cli_progress_attached(void);

/**
 * Format the bar for `fraction` done after `elapsed` seconds into `line`, as
 * "LABEL [#####.....]  45%  2.3%/s  12s left" in `width` columns or fewer.
 * Exposed for the tests.
 */
void cli_progress_format(char *line, size_t size, const char *label, double fraction,
                         double elapsed, int width);

#endif
