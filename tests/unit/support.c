/* support.c - helpers for the cmocka unit tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "support.h"

const char *test_data_path(const char *relative)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s", PARLEY_TEST_DATA, relative);
    return path;
}

const char *test_shared_path(const char *relative)
{
    static char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/data", PARLEY_SHARED);
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return NULL;
    snprintf(path, sizeof path, "%s/data/%s", PARLEY_SHARED, relative);
    return path;
}

void test_require_shared(void)
{
    if (test_shared_path("") == NULL) {
        printf("skipped: %s/data is absent\n", PARLEY_SHARED);
        exit(77);
    }
}

pl_scenario *test_read_text(pl_format format, const char *text, int expected, pl_diag *diag)
{
    pl_scenario *scenario = NULL;
    pl_diag local;
    if (diag == NULL)
        diag = &local;
    pl_diag_clear(diag);
    int rc = pl_read_scenario(format, "test-input", text, strlen(text), &scenario, diag);
    if (rc != expected)
        print_error("expected status %d, got %d (%s:%d:%d: %s)\n", expected, rc, diag->source,
                    diag->line, diag->column, diag->message);
    assert_int_equal(rc, expected);
    if (rc != PL_OK)
        assert_null(scenario);
    return scenario;
}

pl_scenario *test_load(const char *path)
{
    pl_scenario *scenario = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_load_scenario(path, &scenario, &diag);
    if (rc != PL_OK)
        print_error("%s:%d:%d: %s\n", diag.source, diag.line, diag.column, diag.message);
    assert_int_equal(rc, PL_OK);
    assert_non_null(scenario);
    return scenario;
}

int test_contains(const char *haystack, const char *needle)
{
    return haystack != NULL && strstr(haystack, needle) != NULL;
}
