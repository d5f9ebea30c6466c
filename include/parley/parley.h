/*
 * parley/parley.h - the umbrella header of libparley.
 *
 * libparley analyses and forecasts multi-party negotiations. It never prints,
 * never exits and keeps no global state; every fallible call returns a status
 * (PL_OK = 0, negative on error) and fills an optional pl_diag.
 *
 * Ownership, once for all headers: an object made by a `_new`, a reader or a
 * computation (`pl_evaluate`, `pl_analyse_red_lines`) belongs to the caller,
 * who frees it with the matching `_free` (which accepts NULL). Arrays inside
 * an object belong to it. Inputs passed as `const` pointers are never kept.
 */
#ifndef PARLEY_PARLEY_H
#define PARLEY_PARLEY_H

#include "parley/analysis.h"
#include "parley/eu.h"
#include "parley/exchange.h"
#include "parley/frontier.h"
#include "parley/io.h"
#include "parley/models.h"
#include "parley/progress.h"
#include "parley/scenario.h"
#include "parley/smp.h"
#include "parley/status.h"
#include "parley/threads.h"
#include "parley/version.h"
#include "parley/what_it_takes.h"
#include "parley/zone_comparison.h"

#endif
