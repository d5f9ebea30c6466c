/*
 * support.h - helpers for the cmocka unit tests.
 * Include after <setjmp.h>, <stdarg.h>, <stddef.h> and <cmocka.h>.
 */
#ifndef PARLEY_TEST_SUPPORT_H
#define PARLEY_TEST_SUPPORT_H

#include <stddef.h>

#include "parley/parley.h"

/** Path of a file under tests/data (static buffer, valid until the next call). */
const char *test_data_path(const char *relative);

/** Path of a file under ../shared/data, or NULL when ../shared/data is absent. */
const char *test_shared_path(const char *relative);

/** Exit with status 77 (ctest: skipped) when ../shared/data is absent. */
void test_require_shared(void);

/** Parse `text` with `format`; the test fails unless the call returns `expected`. */
pl_scenario *test_read_text(pl_format format, const char *text, int expected, pl_diag *diag);

/** Load a file; the test fails unless it loads. */
pl_scenario *test_load(const char *path);

/** A reader's signature (pl_read_ktab_csv, pl_read_decide, ...). */
typedef int (*test_reader)(const char *source, const char *data, size_t size, pl_scenario **out,
                           pl_diag *diag);

/**
 * Read the file at `path` with `reader`, from a buffer of exactly the file's
 * size (no terminating NUL, so a reader that reads past the end is caught by
 * the sanitizers), naming it `source` in diagnostics.
 */
int test_read_exact(test_reader reader, const char *path, const char *source, pl_scenario **out,
                    pl_diag *diag);

/** One malformed input of tests/data/bad/ and how reading it must fail. */
typedef struct test_bad_case {
    const char *file;
    int status, line, column;
    const char *message; /**< a part of the expected message */
} test_bad_case;

/**
 * Every file of tests/data/bad/ whose name starts with `prefix` is listed in
 * `cases`, and reading it with `reader` fails with the listed status, line,
 * column and message, names the file as its source, and returns no scenario.
 */
void test_check_bad_files(const char *prefix, const test_bad_case *cases, size_t n,
                          test_reader reader);

/** One continuous issue x on 0-100; actors A, B of power 1 at these positions, salience 1. */
pl_scenario *test_one_issue(double position_a, double position_b);

/**
 * test_one_issue(100, 0) with both actors veto: A wants 100, B wants 0, so
 * U_A = x / 100 and U_B = 1 - x / 100; with the given reservations.
 */
pl_scenario *test_duel(double reservation_a, double reservation_b);

/**
 * Two continuous issues x, y on 0-100 and two actors A, B of the given powers;
 * stance[a][i] is {position, salience} of actor a on issue i.
 */
pl_scenario *test_two_by_two(double power_a, double power_b, const double stance[2][2][2]);

/** Nonzero when `haystack` contains `needle`. */
int test_contains(const char *haystack, const char *needle);

/**
 * What a progress function saw (parley/progress.h): pass
 * (pl_progress){test_progress_record, &log}. It cancels at report number
 * `stop_at` (1-based; 0: never).
 */
typedef struct test_progress_log {
    size_t count, stop_at;
    double first, last;
    int decreased;    /**< a fraction fell */
    int out_of_range; /**< a fraction outside [0, 1] */
} test_progress_log;

int test_progress_record(double fraction, void *payload);

#endif
