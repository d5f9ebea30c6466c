/* support.c - helpers for the cmocka unit tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
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

int test_read_exact(test_reader reader, const char *path, const char *source, pl_scenario **out,
                    pl_diag *diag)
{
    char *data = NULL;
    size_t size = 0;
    assert_int_equal(pl_read_file(path, PL_DEFAULT_MAX_INPUT_BYTES, &data, &size, diag), PL_OK);
    char *exact = malloc(size ? size : 1);
    assert_non_null(exact);
    memcpy(exact, data, size);
    free(data);
    int rc = reader(source, exact, size, out, diag);
    free(exact);
    return rc;
}

static const test_bad_case *find_bad_case(const test_bad_case *cases, size_t n, const char *file)
{
    for (size_t k = 0; k < n; k++)
        if (strcmp(cases[k].file, file) == 0)
            return &cases[k];
    return NULL;
}

void test_check_bad_files(const char *prefix, const test_bad_case *cases, size_t n,
                          test_reader reader)
{
    char directory[4096];
    snprintf(directory, sizeof directory, "%s", test_data_path("bad"));
    DIR *dir = opendir(directory);
    assert_non_null(dir);
    size_t seen = 0;
    for (struct dirent *e; (e = readdir(dir)) != NULL;) {
        if (strncmp(e->d_name, prefix, strlen(prefix)) != 0)
            continue;
        const test_bad_case *c = find_bad_case(cases, n, e->d_name);
        if (c == NULL)
            print_error("%s is not in the table of bad inputs\n", e->d_name);
        assert_non_null(c);
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", directory, e->d_name);
        pl_scenario *s = NULL;
        pl_diag diag;
        pl_diag_clear(&diag);
        int rc = test_read_exact(reader, path, path, &s, &diag);
        if (rc != c->status || diag.line != c->line || diag.column != c->column ||
            !test_contains(diag.message, c->message))
            print_error("%s: %d %d:%d %s\n", e->d_name, rc, diag.line, diag.column,
                        diag.message);
        assert_int_equal(rc, c->status);
        assert_null(s);
        assert_string_equal(diag.source, path);
        assert_int_equal(diag.line, c->line);
        assert_int_equal(diag.column, c->column);
        assert_true(test_contains(diag.message, c->message));
        seen++;
    }
    closedir(dir);
    assert_int_equal(seen, n);
}

pl_scenario *test_one_issue(double position_a, double position_b)
{
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "x", NULL, 0, 100, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "A", NULL, 1, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "B", NULL, 1, NULL), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, 0, 0, position_a, 1), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, 1, 0, position_b, 1), PL_OK);
    return s;
}

pl_scenario *test_duel(double reservation_a, double reservation_b)
{
    pl_scenario *s = test_one_issue(100, 0);
    s->actors[0].veto = s->actors[1].veto = 1;
    s->actors[0].reservation = reservation_a;
    s->actors[1].reservation = reservation_b;
    return s;
}

pl_scenario *test_two_by_two(double power_a, double power_b, const double stance[2][2][2])
{
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "x", NULL, 0, 100, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "y", NULL, 0, 100, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "A", NULL, power_a, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "B", NULL, power_b, NULL), PL_OK);
    for (size_t a = 0; a < 2; a++)
        for (size_t i = 0; i < 2; i++)
            assert_int_equal(pl_scenario_set_position(s, a, i, stance[a][i][0], stance[a][i][1]),
                             PL_OK);
    return s;
}

int test_progress_record(double fraction, void *payload)
{
    test_progress_log *log = payload;
    if (log->count == 0)
        log->first = fraction;
    else if (fraction < log->last)
        log->decreased = 1;
    if (!(fraction >= 0 && fraction <= 1))
        log->out_of_range = 1;
    log->last = fraction;
    log->count++;
    return log->stop_at != 0 && log->count >= log->stop_at;
}
