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

/** Nonzero when `haystack` contains `needle`. */
int test_contains(const char *haystack, const char *needle);

#endif
