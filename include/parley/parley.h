/*
 * parley/parley.h - the umbrella header of libparley: it includes every public header.
 *
 * libparley analyses and forecasts multi-party negotiations. It never prints
 * and never exits; every fallible call returns a status (PL_OK = 0, negative
 * on error) and fills an optional pl_diag.
 *
 * Ownership, once for all headers: an object made by a `_new`, a reader or a
 * computation (`pl_evaluate`, `pl_analyse_red_lines`) belongs to the caller,
 * who frees it with the matching `_free` (which accepts NULL). Arrays inside
 * an object belong to it. Inputs passed as `const` pointers are never kept.
 *
 * The API rule (libgit2's), once for all headers:
 * - A function is public exactly when a header here declares it with PL_API
 *   (parley/export.h); the shared library exports nothing else. Internal
 *   functions carry the prefix `pli_` (or a concept's short prefix) and are
 *   hidden.
 * - Every options struct has `unsigned version` first, set to its
 *   PL_..._OPTIONS_VERSION by its PL_..._OPTIONS_INIT macro or its `_init`
 *   function; every call taking the struct refuses another version with
 *   PL_ERR_ARGUMENT, so a program built against older headers fails loudly
 *   instead of passing a struct of another layout.
 *
 * Global state: none, except two process-wide settings, each set once before
 * any other parley call and never concurrently with one:
 * - the allocator, pl_set_allocator() (parley/alloc.h): every allocation of
 *   the library goes through it (default: malloc, realloc, free);
 * - the limits on input sizes, pl_limits_set() (parley/limits.h): lowered by
 *   a service that reads untrusted files (default: PL_LIMIT_DEFAULT_*).
 * Everything else is held by the objects a caller creates and passes.
 */
#ifndef PARLEY_PARLEY_H
#define PARLEY_PARLEY_H

#include "parley/agreement.h"
#include "parley/alloc.h"
#include "parley/analysis.h"
#include "parley/backtest.h"
#include "parley/eu.h"
#include "parley/exchange.h"
#include "parley/export.h"
#include "parley/frontier.h"
#include "parley/io.h"
#include "parley/json.h"
#include "parley/limits.h"
#include "parley/mediate.h"
#include "parley/models.h"
#include "parley/paths.h"
#include "parley/progress.h"
#include "parley/scenario.h"
#include "parley/simulate.h"
#include "parley/smp.h"
#include "parley/status.h"
#include "parley/threads.h"
#include "parley/tournament.h"
#include "parley/version.h"
#include "parley/what_it_takes.h"
#include "parley/whatifs.h"
#include "parley/zone_comparison.h"

#endif
