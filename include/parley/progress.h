/*
 * parley/progress.h - progress reports from long-running calls, and a way
 * to cancel them.
 *
 * A call that may run for more than about a second (Monte Carlo draws, large
 * frontiers, long smp runs) takes a pl_progress_fn and its payload. It calls
 * the function from the thread that made the call, with the fraction of the
 * work done so far, in [0, 1] and never decreasing, often enough for a
 * display (at least every few hundred milliseconds of work, when it can) and
 * never so often that the calls themselves cost time. A NULL function means
 * no reports.
 *
 * The function returns 0 to continue. Any other value cancels the call: it
 * stops as soon as it can, frees what it allocated, leaves its outputs
 * unset and returns PL_ERR_CANCELLED. The library never prints; drawing a
 * bar is the caller's business (the parley CLI draws one on a terminal).
 *
 * Following parley.h, the payload comes last and belongs to the caller.
 */
#ifndef PARLEY_PROGRESS_H
#define PARLEY_PROGRESS_H

#include "parley/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Report `fraction` of the work done; return nonzero to cancel (-> PL_ERR_CANCELLED). */
typedef int (*pl_progress_fn)(double fraction, void *payload);

/**
 * A callback and its payload, for options structs that carry one:
 * `options.progress = (pl_progress){my_function, my_data};`.
 */
typedef struct pl_progress {
    pl_progress_fn function; /**< NULL: no reports */
    void *payload;
} pl_progress;

#ifdef __cplusplus
}
#endif

#endif
