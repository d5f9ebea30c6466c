/*
 * test_shared_eu.c - the expected-utility model on every file of
 * ../shared/data/bdm (read in place, never copied: china.csv carries no
 * licence). Skipped (exit 77) when ../shared/data is absent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>

#include "parley/eu.h"
#include "support.h"

/* The files of ../shared/data/bdm (../shared/data/README.md) and their actor counts. */
static const struct {
    const char *file;
    size_t actors;
} bdm_files[] = {
    {"bdm/emission_standards.csv", 10}, /* README: 10 states */
    {"bdm/sultan.csv", 17},             /* README: 17 actors */
    {"bdm/china.csv", 24},              /* README: 24 actors */
};

static pl_eu_result *run(const pl_scenario *s, const pl_eu_options *o)
{
    pl_eu_result *r = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_eu_run(s, o, &r, &diag);
    if (rc != PL_OK)
        print_error("pl_eu_run: %d %s\n", rc, diag.message);
    assert_int_equal(rc, PL_OK);
    return r;
}

/* Every position and forecast stays inside the input positions' span (spec section 2:
 * moves only go to points between two current positions). */
static void check_ranges(const pl_scenario *s, const pl_eu_result *r, size_t rounds)
{
    assert_int_equal(r->trace.n_rounds, rounds);
    assert_int_equal(r->round_offers[rounds], r->n_offers);
    for (size_t i = 0; i < s->n_issues; i++) {
        double lo = INFINITY, hi = -INFINITY;
        for (size_t a = 0; a < s->n_actors; a++) {
            double x = pl_scenario_stance_const(s, a, i)->position;
            lo = x < lo ? x : lo;
            hi = x > hi ? x : hi;
        }
        assert_true(lo >= s->issues[i].low && hi <= s->issues[i].high);
        for (size_t t = 0; t < rounds; t++) {
            double f = r->trace.forecast[t * s->n_issues + i];
            double m = r->trace.mean[t * s->n_issues + i];
            assert_true(f >= lo - 1e-9 && f <= hi + 1e-9);
            assert_true(m >= lo - 1e-9 && m <= hi + 1e-9);
            for (size_t a = 0; a < s->n_actors; a++) {
                double x = r->trace.positions[(t * s->n_actors + a) * s->n_issues + i];
                assert_true(x >= lo - 1e-9 && x <= hi + 1e-9);
            }
        }
    }
}

static void every_bdm_file_runs(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof bdm_files / sizeof bdm_files[0]; k++) {
        const char *path = test_shared_path(bdm_files[k].file);
        assert_non_null(path);
        pl_scenario *s = test_load(path);
        assert_int_equal(s->n_actors, bdm_files[k].actors);
        for (int preset = 0; preset < 2; preset++) {
            pl_eu_options o;
            pl_eu_options_init(&o);
            assert_int_equal(pl_eu_options_preset(&o, preset ? "paper" : "scholz2011", NULL),
                             PL_OK);
            o.rounds = 12;
            pl_eu_result *r = run(s, &o);
            check_ranges(s, r, 12);
            pl_eu_result_free(r);
        }
        pl_scenario_free(s);
    }
}

/* Spec section 13, from the real file: the same golden numbers as test_eu.c. */
static void emission_golden_from_file(void **state)
{
    (void)state;
    static const double median[8] = {8.4159, 9.6109, 9.9620, 9.9620, /* spec section 13 */
                                     9.9620, 7.4720, 8.8246, 9.6711};
    static const double mean[8] = {7.4613, 7.5525, 7.5901, 7.3581, /* spec section 13 */
                                   7.3492, 7.4149, 7.5105, 7.5724};
    pl_scenario *s = test_load(test_shared_path("bdm/emission_standards.csv"));
    assert_int_equal(s->n_issues, 1);
    pl_eu_result *r = run(s, NULL);
    assert_int_equal(r->trace.n_rounds, 8);
    assert_true(fabs(r->initial_forecast[0] - 7.0) < 1e-9); /* spec section 13: 7.0 */
    assert_true(fabs(r->initial_mean[0] - 7.39) < 0.005);  /* spec section 13: 7.39 */
    for (size_t t = 0; t < 8; t++) {
        assert_true(fabs(r->trace.forecast[t] - median[t]) <= 1e-3);
        assert_true(fabs(r->trace.mean[t] - mean[t]) <= 1e-3);
    }
    pl_eu_result_free(r);
    pl_scenario_free(s);
}

int main(void)
{
    test_require_shared();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_bdm_file_runs),
        cmocka_unit_test(emission_golden_from_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
