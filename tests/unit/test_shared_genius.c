/*
 * test_shared_genius.c - every GENIUS domain of ../shared/data/genius/ with its
 * profiles: issues, outcome counts (the product of the option counts),
 * reservation values and discount factors as INDEX.tsv lists them; the two
 * ANAC 2014 non-linear domains are refused with a clear message.
 * Skipped (exit 77) without ../shared/data.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

#define MAX_PROFILES 8

typedef struct row {
    char folder[256], domain[256], types[64], kind[32], rv[256], df[256];
    size_t n_issues, n_profiles;
    double n_outcomes;
} row;

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The profiles of a folder: its GENIUS profile files, sorted by name. */
static size_t find_profiles(const char *dir, const char *domain, char **paths)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t length = strlen(e->d_name);
        if (length < 5 || strcmp(e->d_name + length - 4, ".xml") || !strcmp(e->d_name, domain))
            continue;
        char path[1024], *data = NULL;
        size_t size = 0;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        assert_int_equal(pl_read_file(path, PL_DEFAULT_MAX_INPUT_BYTES, &data, &size, NULL),
                         PL_OK);
        if (pl_detect_format(path, data, size) == PL_FORMAT_GENIUS_PROFILE) {
            assert_true(n < MAX_PROFILES);
            paths[n++] = strdup(path);
        }
        free(data);
    }
    closedir(d);
    qsort(paths, n, sizeof *paths, by_name);
    return n;
}

/* Element k of "[0.5, None]" (None: `absent`). */
static double list_value(const char *list, size_t k, double absent)
{
    const char *p = list + 1;
    for (size_t j = 0; j < k; j++) {
        p = strchr(p, ',');
        assert_non_null(p);
        p++;
    }
    while (*p == ' ')
        p++;
    return strncmp(p, "None", 4) == 0 ? absent : strtod(p, NULL);
}

static void check_row(const row *r)
{
    char dir[1024], domain[1300], *profiles[MAX_PROFILES];
    snprintf(dir, sizeof dir, "%s", test_shared_path("genius"));
    strncat(dir, "/", sizeof dir - strlen(dir) - 1);
    strncat(dir, r->folder, sizeof dir - strlen(dir) - 1);
    snprintf(domain, sizeof domain, "%s/%s", dir, r->domain);
    size_t n = find_profiles(dir, r->domain, profiles);
    assert_int_equal(n, r->n_profiles);
    const char *paths[MAX_PROFILES + 1] = {domain};
    for (size_t k = 0; k < n; k++)
        paths[k + 1] = profiles[k];
    pl_scenario *s = NULL;
    pl_diag diag;
    int rc = pl_load_scenario_files(paths, n + 1, &s, &diag);
    if (strcmp(r->kind, "hyperrect") == 0) {
        assert_int_equal(rc, PL_ERR_UNSUPPORTED);
        assert_string_equal(diag.message, "non-linear hyper-rectangle utility (ANAC 2014) is "
                                          "not supported: parley's utilities are additive");
        assert_null(s);
    } else {
        if (rc != PL_OK)
            print_error("%s:%d:%d: %s\n", diag.source, diag.line, diag.column, diag.message);
        assert_int_equal(rc, PL_OK);
        assert_int_equal(s->n_issues, r->n_issues);
        assert_int_equal(s->n_actors, r->n_profiles);
        double outcomes = 1;
        for (size_t i = 0; i < s->n_issues; i++)
            outcomes *= (double)s->issues[i].n_options;
        if (outcomes != r->n_outcomes)
            print_error("%s: %.0f outcomes, INDEX.tsv says %.0f\n", r->folder, outcomes,
                        r->n_outcomes);
        assert_true(outcomes == r->n_outcomes);
        for (size_t a = 0; a < n; a++) {
            double df = list_value(r->df, a, 1.0);
            assert_true(s->actors[a].reservation == list_value(r->rv, a, 0.0));
            /* GENIUS reads a discount factor of 0 as no discounting. */
            assert_true(s->actors[a].discount == (df == 0 ? 1.0 : df));
        }
        pl_scenario_free(s);
    }
    for (size_t k = 0; k < n; k++)
        free(profiles[k]);
}

static void test_every_domain(void **state)
{
    (void)state;
    FILE *index = fopen(test_shared_path("genius/INDEX.tsv"), "r");
    assert_non_null(index);
    char line[2048];
    size_t rows = 0, refused = 0;
    assert_non_null(fgets(line, sizeof line, index)); /* the header */
    while (fgets(line, sizeof line, index) != NULL) {
        row r;
        memset(&r, 0, sizeof r);
        int fields = sscanf(line, "%255[^\t]\t%255[^\t]\t%zu\t%63[^\t]\t%lf\t%zu\t%31[^\t]\t"
                                  "%255[^\t]\t%255[^\t\n]",
                            r.folder, r.domain, &r.n_issues, r.types, &r.n_outcomes,
                            &r.n_profiles, r.kind, r.rv, r.df);
        assert_int_equal(fields, 9);
        check_row(&r);
        rows++;
        refused += strcmp(r.kind, "hyperrect") == 0;
    }
    fclose(index);
    assert_int_equal(rows, 39);
    assert_int_equal(refused, 2);
}

int main(void)
{
    test_require_shared();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_domain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
