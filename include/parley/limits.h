/*
 * parley/limits.h - how large an input parley accepts.
 *
 * Inputs beyond a limit are refused with PL_ERR_LIMIT and a diagnostic that
 * names the limit, instead of exhausting memory or time. The defaults are
 * generous (far beyond any real negotiation) and documented in
 * docs/robustness.md with where each is enforced:
 *
 *   input bytes     256 MiB     pl_read_file() via pl_load_scenario*(); the XML readers
 *                               also refuse more than INT_MAX bytes
 *   actors          100000      every reader (pl_scenario_validate()); KTAB and Decide
 *                               readers before they allocate; GENIUS: 10000 profiles
 *   issues          10000       every reader; KTAB, Decide, GENIUS before allocating
 *   options/issue   1000000     every reader; GENIUS integer issues before allocating
 *   stances         10000000    actors x issues, every reader; Decide: 1000000 cells
 *   rounds          100000      eu, exchange and smp options (PL_EU_MAX_ROUNDS, ...)
 *   runs            10000000    Monte Carlo runs (parley/simulate.h)
 *   nesting depth   64          GENIUS objectives; JSON: jansson's own limit of 2048
 *
 * Outcome counts (the product of the options of every issue) overflow 64 bits
 * on large scenarios; parley/frontier.h counts them exactly instead.
 */
#ifndef PARLEY_LIMITS_H
#define PARLEY_LIMITS_H

#include <stddef.h>

#include "parley/export.h"
#include "parley/scenario.h"
#include "parley/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PL_LIMIT_DEFAULT_INPUT_BYTES ((size_t)256 * 1024 * 1024)
#define PL_LIMIT_DEFAULT_ACTORS 100000
#define PL_LIMIT_DEFAULT_ISSUES 10000
#define PL_LIMIT_DEFAULT_OPTIONS 1000000
#define PL_LIMIT_DEFAULT_STANCES 10000000
#define PL_LIMIT_DEFAULT_ROUNDS 100000
#define PL_LIMIT_DEFAULT_RUNS 10000000
#define PL_LIMIT_DEFAULT_DEPTH 64

/** The limits; every field at most its default (see pl_limits_set()). */
typedef struct pl_limits {
    size_t max_input_bytes; /**< size of an input file */
    size_t max_actors;      /**< actors (parties, stakeholders, profiles) */
    size_t max_issues;      /**< issues (dimensions) */
    size_t max_options;     /**< options of one options issue */
    size_t max_stances;     /**< actors x issues */
    size_t max_rounds;      /**< rounds of a dynamic model */
    size_t max_runs;        /**< Monte Carlo runs */
    size_t max_depth;       /**< nesting of XML objectives */
} pl_limits;

/** Fill `limits` with the defaults above. */
PL_API void pl_limits_default(pl_limits *limits);

/** The limits in force (the defaults unless pl_limits_set() lowered them). Never NULL. */
PL_API const pl_limits *pl_limits_get(void);

/**
 * Lower the limits for the whole process (a service reading untrusted files
 * may want tighter ones); NULL restores the defaults. A field of 0 or above
 * its default is refused with PL_ERR_ARGUMENT, since the readers' early
 * checks use the defaults. Process-wide configuration like pl_set_allocator()
 * (parley/alloc.h): call it before any other parley call, never concurrently.
 */
PL_API int pl_limits_set(const pl_limits *limits);

/**
 * Check a scenario's sizes against the limits in force: PL_OK, or
 * PL_ERR_LIMIT with a diagnostic naming the limit. pl_scenario_validate(),
 * and so every reader, calls it first.
 */
PL_API int pl_limits_check(const pl_scenario *scenario, pl_diag *diag);

#ifdef __cplusplus
}
#endif

#endif
