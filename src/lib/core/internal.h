/*
 * internal.h - helpers shared by libparley's sources; not installed.
 *
 * All allocation inside the library goes through pli_malloc / pli_calloc /
 * pli_realloc so that an allocator hook (and the allocation-failure torture
 * test) can be added in one place.
 */
#ifndef PARLEY_INTERNAL_H
#define PARLEY_INTERNAL_H

#include <stddef.h>

#include "parley/parley.h"

void *pli_malloc(size_t size);
void *pli_calloc(size_t count, size_t size);
void *pli_realloc(void *pointer, size_t size);
void pli_free(void *pointer);

/**
 * The progress of a computation whose total work is only estimated (meter.c):
 * `units` of work at a time (pivots of a linear programme: rows x columns),
 * reported to `progress` as W / (W + expected), never decreasing. After the
 * callback asks to stop, every call returns PL_ERR_CANCELLED. A NULL meter or
 * a NULL function counts nothing and never cancels.
 */
typedef struct pli_meter {
    pl_progress progress;
    double expected, work, step, next, reported;
    double base_work, base_fraction; /* pli_meter_expect() */
    int cancelled;
} pli_meter;

void pli_meter_init(pli_meter *meter, pl_progress progress, double expected);
/** PL_OK, or PL_ERR_CANCELLED once the callback has asked to stop. */
int pli_meter_add(pli_meter *meter, double units);
/** A new estimate of the work still to come; the fraction goes on from where it is. */
void pli_meter_expect(pli_meter *meter, double expected);
/** Report 1 (the computation is done); PL_ERR_CANCELLED when the callback asks to stop. */
int pli_meter_finish(pli_meter *meter);

/**
 * One part of a caller's progress (meter.c): a sub-computation's fractions
 * in [0, 1] reported to `outer` as from + (to - from) x fraction, so that
 * consecutive parts with rising [from, to] give one bar that never goes back.
 * pli_span_progress() returns the pl_progress to hand to the sub-computation
 * ({NULL, NULL} when `outer` has no function); `span` must outlive it.
 */
typedef struct pli_span {
    pl_progress outer;
    double from, to;
} pli_span;

pl_progress pli_span_progress(pli_span *span, pl_progress outer, double from, double to);

/** Copy a string (NULL gives NULL); NULL also on allocation failure, so check `s`. */
char *pli_strdup(const char *s);
/** Copy the first `n` bytes of `s` and NUL-terminate. */
char *pli_strndup(const char *s, size_t n);

/**
 * Grow `*array` (of elements of `size` bytes, `*capacity` allocated) so that
 * it holds at least `needed` elements; new elements are zeroed.
 */
int pli_grow(void **array, size_t *capacity, size_t needed, size_t size);

/**
 * Parse a whole string as a finite decimal number (leading and trailing
 * blanks allowed), locale-independently. Returns 0 and sets *out on success.
 */
int pli_parse_number(const char *text, double *out);

/** Nonzero when `x` is neither NaN nor infinite. */
int pli_is_finite(double x);

/**
 * Nonzero when two names are equal ignoring the case of ASCII letters only
 * (column and option names; strcasecmp would follow the caller's locale).
 */
int pli_same_name(const char *a, const char *b);

/** Propagate a failed status; the callee has filled the diagnostic. */
#define TRY(call)                                                                                  \
    do {                                                                                           \
        int try_status_ = (call);                                                                  \
        if (try_status_ != PL_OK)                                                                  \
            return try_status_;                                                                    \
    } while (0)

/**
 * The start of every reader (reader.c): clear `diag` and name it after
 * `source`, check the arguments ("no input"), set *out to NULL and
 * `*scenario` to a new empty scenario. A status, with `diag` filled.
 */
int pli_reader_begin(const char *source, const char *data, size_t size, pl_scenario **out,
                     pl_scenario **scenario, pl_diag *diag);

/**
 * The end of every reader: when `status` is PL_OK, validate `scenario` and
 * hand it to *out; otherwise (or when invalid) free it. Returns the status.
 */
int pli_reader_finish(int status, pl_scenario *scenario, pl_scenario **out, pl_diag *diag);

/**
 * Append a copy of `diag` to `list` (NULL: nothing) unless the list is full;
 * PL_ERR_NOMEM when out of memory.
 */
int pli_diag_list_add(pl_diag_list *list, const pl_diag *diag);

/** Nonzero when `list` holds its limit of diagnostics. */
int pli_diag_list_full(const pl_diag_list *list);

/**
 * pl_scenario_validate() reporting every error in `list` (up to its limit):
 * each actor, issue, stance, red line and proposal on its own, each other
 * group of rules once. `diag` (may be NULL) gets the first error, whose
 * status is returned; its source names every item of the list.
 */
int pli_scenario_validate_all(const pl_scenario *scenario, pl_diag *diag, pl_diag_list *list);

/* The native format's words for the scenario's enums (docs/scenario-format.md), indexed by
 * the enum's value; one table each for the reader, the writer and the diagnostics. */
extern const char *const pl_rule_names[2];         /**< pl_rule_kind */
extern const char *const pl_utility_names[2];      /**< pl_utility_form */
extern const char *const pl_distribution_names[3]; /**< pl_distribution */
extern const char *const pl_quantity_names[PL_QUANTITY_COUNT]; /**< pl_quantity */
extern const char *const pl_operation_names[3];    /**< pli_change_operation (the change's key) */

/** qsort() comparison of doubles, ascending (no NaN). */
int pli_compare_doubles(const void *a, const void *b);

/**
 * Quantile p in [0, 1] of sorted x[0..n-1] (n > 0), interpolating between
 * order statistics: Hyndman and Fan (1996) type 7, R's default.
 */
double pli_quantile_sorted(const double *x, size_t n, double p);

#endif
