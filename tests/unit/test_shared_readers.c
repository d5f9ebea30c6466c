/*
 * test_shared_readers.c - every KTAB and stakeholder file of ../shared/data
 * loads (format detected from content) with the right counts and values.
 * Skipped (exit 77) when ../shared/data is absent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "support.h"

typedef struct shared_file {
    const char *path;     /* under ../shared/data */
    const char *format;
    size_t actors, issues;
    const char *first_actor, *last_actor;
    double first_capability, first_position, first_salience; /* actor 0 on issue 0 */
} shared_file;

static const shared_file files[] = {
    {"ktab/SOE-Competitive.csv", "ktab-csv", 34, 1, "XJ", "FSM", 100, 20, 0.60},
    {"ktab/SOE-Pol-Comp.csv", "ktab-csv", 13, 2, "XJ", "WY", 100, 30, 0.24},
    {"ktab/SOE-Policy.csv", "ktab-csv", 26, 1, "XJ", "ZGB", 100, 30, 0.30},
    {"ktab/dummyData-a040.csv", "ktab-csv", 40, 1, "Act-1001", "Act-1040", 1.73, 63.03, 0.4331},
    {"ktab/dummyData-a080.csv", "ktab-csv", 80, 1, "Act-1001", "Act-1080", 1.73, 63.03, 0.4331},
    {"ktab/dummyData-a160.csv", "ktab-csv", 160, 1, "Act-1001", "Act-1160", 1.73, 63.03,
     0.4331},
    {"ktab/dummyData_3Dim-no-final-comma.csv", "ktab-csv", 7, 3, "SActor-00", "SActor-06",
     102.543, 75.79, 0.4953},
    {"ktab/dummyData_3Dim.csv", "ktab-csv", 7, 3, "SActor-00", "SActor-06", 102.543, 75.79,
     0.4953},
    {"ktab/dummyData_6Dim.csv", "ktab-csv", 27, 6, "AA00", "AA26", 99.98, 50, 0.08},
    {"ktab/dummyData_3Dim.xml", "ktab-xml", 7, 3, "SActor-00", "SActor-06", 102.543, 75.79,
     0.4953},
    {"ktab/smpExample.xml", "ktab-xml", 5, 3, "Alice", "Ellie", 117.7, NAN, 0.323},
    {"bdm/emission_standards.csv", "stakeholder-csv", 10, 1, "Netherlands", "Greece", 0.08, 4,
     0.8},
    {"bdm/sultan.csv", "stakeholder-csv", 17, 1, "HAWKS", "EUR/JPN", 0.65, 14.25, 0.8},
    {"bdm/china.csv", "stakeholder-csv", 24, 1, "Zeming", "Guandung", 80, 25, 0.50},
};

#define N_FILES (sizeof files / sizeof files[0])

static void check_file(const shared_file *f)
{
    pl_scenario *s = test_load(test_shared_path(f->path));
    assert_string_equal(s->format, f->format);
    assert_int_equal(s->n_actors, f->actors);
    assert_int_equal(s->n_issues, f->issues);
    assert_string_equal(s->actors[0].id, f->first_actor);
    assert_string_equal(s->actors[f->actors - 1].id, f->last_actor);
    assert_true(fabs(s->actors[0].capability - f->first_capability) < 1e-12);
    const pl_stance *st = pl_scenario_stance_const(s, 0, 0);
    if (isnan(f->first_position)) {
        assert_false(st->present);
    } else {
        assert_true(st->present);
        assert_true(fabs(st->position - f->first_position) < 1e-12);
        assert_true(fabs(st->salience - f->first_salience) < 1e-12);
    }
    assert_int_equal(pl_scenario_validate(s, NULL), PL_OK);
    pl_scenario_free(s);
}

static void test_listed_files(void **state)
{
    (void)state;
    for (size_t k = 0; k < N_FILES; k++)
        check_file(&files[k]);
}

static int listed(const char *folder, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    for (size_t k = 0; k < N_FILES; k++)
        if (strcmp(files[k].path, path) == 0)
            return 1;
    return 0;
}

/* Every .csv and .xml (not the .xsd) of data/ktab and data/bdm is in the table above. */
static void test_no_file_left_out(void **state)
{
    (void)state;
    const char *folders[] = {"ktab", "bdm"};
    size_t seen = 0;
    for (size_t k = 0; k < 2; k++) {
        DIR *dir = opendir(test_shared_path(folders[k]));
        assert_non_null(dir);
        for (struct dirent *e; (e = readdir(dir)) != NULL;) {
            size_t n = strlen(e->d_name);
            if (n < 4 || (strcmp(e->d_name + n - 4, ".csv") && strcmp(e->d_name + n - 4, ".xml")))
                continue;
            if (!listed(folders[k], e->d_name))
                print_error("%s/%s is not checked\n", folders[k], e->d_name);
            assert_true(listed(folders[k], e->d_name));
            seen++;
        }
        closedir(dir);
    }
    assert_int_equal(seen, N_FILES);
}

/* Values the analyses later depend on. */
static void test_key_values(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_shared_path("bdm/emission_standards.csv"));
    double numerator = 0, denominator = 0;
    for (size_t a = 0; a < s->n_actors; a++) {
        const pl_stance *st = pl_scenario_stance_const(s, a, 0);
        numerator += s->actors[a].capability * st->salience * st->position;
        denominator += s->actors[a].capability * st->salience;
    }
    assert_true(fabs(numerator / denominator - 7.3899) < 1e-3);
    assert_true(s->issues[0].low == 4 && s->issues[0].high == 10);
    pl_scenario_free(s);

    /* china.csv: saliences on 0-100 are divided by 100; the range spans the positions. */
    s = test_load(test_shared_path("bdm/china.csv"));
    assert_true(s->issues[0].low == 10 && s->issues[0].high == 100);
    assert_true(pl_scenario_stance_const(s, 1, 0)->salience == 0.8);
    pl_scenario_free(s);

    s = test_load(test_shared_path("ktab/smpExample.xml"));
    assert_string_equal(s->ktab.parameters[1], "MarkovIncentive");
    assert_int_equal(s->ktab.n_adjustments, 6);
    assert_int_equal(s->provenance.n_caveats, 1);
    pl_scenario_free(s);

    s = test_load(test_shared_path("ktab/SOE-Competitive.csv"));
    assert_string_equal(s->issues[0].id, "Competitive Position");
    assert_string_equal(s->actors[33].description, "Competitors - Foreign (Small-Medium)");
    assert_true(pl_scenario_stance_const(s, 33, 0)->position == 70);
    assert_true(pl_scenario_stance_const(s, 33, 0)->salience == 0.6);
    pl_scenario_free(s);
}

int main(void)
{
    test_require_shared();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_listed_files),
        cmocka_unit_test(test_no_file_left_out),
        cmocka_unit_test(test_key_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
