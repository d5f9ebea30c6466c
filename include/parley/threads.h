/*
 * parley/threads.h - a small reusable thread pool for data-parallel loops.
 *
 * pl_pool_for(pool, n, task, payload) runs task(0, payload) ... task(n - 1,
 * payload), each index exactly once, spread over the pool's threads (the
 * calling thread takes part), and returns when all have finished. Which
 * thread runs which index is unspecified, so a task must write only its own
 * slots of shared output; reductions belong after the call, in a fixed index
 * order, so that results do not depend on the thread count.
 *
 * Ownership: the pool belongs to its creator; free it with pl_pool_free().
 * A pool keeps no global state; several pools may coexist. One pool must not
 * run two pl_pool_for calls at once (call it from one thread at a time), and
 * a task must not call pl_pool_for on its own pool.
 */
#ifndef PARLEY_THREADS_H
#define PARLEY_THREADS_H

#include <stddef.h>

#include "parley/export.h"
#include "parley/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An opaque pool of worker threads. */
typedef struct pl_pool pl_pool;

/** Largest thread count a pool accepts. */
#define PL_POOL_MAX_THREADS 256

/**
 * Make a pool that runs loops on `threads` threads in all (the caller plus
 * threads - 1 workers; 1 runs every loop inline, starting no thread).
 * PL_ERR_ARGUMENT when threads is outside [1, PL_POOL_MAX_THREADS],
 * PL_ERR_NOMEM when memory or a thread cannot be had. O(threads).
 */
PL_API int pl_pool_new(pl_pool **out, int threads);

/** Number of threads the pool runs loops on (>= 1). */
PL_API int pl_pool_threads(const pl_pool *pool);

/**
 * Run task(index, payload) for every index in [0, n) and wait for all.
 * PL_ERR_ARGUMENT when pool or task is NULL. O(n) task calls.
 */
PL_API int pl_pool_for(pl_pool *pool, size_t n, void (*task)(size_t index, void *payload),
                       void *payload);

/** Stop and join the workers and free the pool; NULL does nothing. */
PL_API void pl_pool_free(pl_pool *pool);

#ifdef __cplusplus
}
#endif

#endif
