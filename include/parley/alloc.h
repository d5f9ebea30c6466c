/*
 * parley/alloc.h - an allocator hook for the whole process.
 *
 * Every allocation libparley makes goes through one set of functions. By
 * default they are the C library's malloc, realloc and free; an application
 * (or the allocation-failure torture test, tests/unit/test_torture.c) may
 * replace them, as curl_global_init_mem() does for curl.
 *
 * This is one of the two exceptions to "libparley keeps no global state" that
 * parley.h names (the other: the limits of parley/limits.h): the hook is
 * process-wide configuration. Call pl_set_allocator() once, before any other
 * parley call, and never while another thread is inside libparley. It also
 * routes the allocations of the two libraries parley parses with through the
 * hook (jansson's json_set_alloc_funcs() and libxml2's xmlMemSetup()), so
 * those are process-wide too: any other user of jansson or libxml2 in the
 * process gets the hook as well, and memory those libraries allocated before
 * the call must not be freed after it (nor the other way round) unless the
 * hook's functions are compatible with the C library's.
 *
 * Buffers the headers say are "freed with free()" (pl_read_file(),
 * pl_write_parley_json(), pl_write_genius()) are allocated through the hook:
 * with a hook set, release them with its free_fn instead.
 *
 * Thread safety: the hook's functions are called from every thread that runs
 * parley code (the thread pool's workers included), so they must be
 * thread-safe. With no hook set, allocation is the C library's, with no lock
 * and no extra cost.
 */
#ifndef PARLEY_ALLOC_H
#define PARLEY_ALLOC_H

#include <stddef.h>

#include "parley/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The allocation functions and the pointer passed to each of them as its last
 * argument. malloc_fn and realloc_fn return NULL when they cannot allocate;
 * parley then fails the call with PL_ERR_NOMEM and frees what it allocated.
 * parley never asks for 0 bytes and never frees NULL.
 */
typedef struct pl_allocator {
    void *(*malloc_fn)(size_t size, void *payload);
    void *(*realloc_fn)(void *pointer, size_t size, void *payload);
    void (*free_fn)(void *pointer, void *payload);
    void *payload;
} pl_allocator;

/**
 * Use `allocator` (copied; its functions must all be set) for every later
 * allocation of libparley, jansson and libxml2; NULL restores the C library's
 * functions. Returns PL_OK, or PL_ERR_ARGUMENT when a function is missing.
 * Not thread-safe: see the top of this header.
 */
PL_API int pl_set_allocator(const pl_allocator *allocator);

#ifdef __cplusplus
}
#endif

#endif
