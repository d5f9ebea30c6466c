/*
 * test_montecarlo_range.c - a Monte Carlo cut into ranges of runs
 * (pl_montecarlo_run_range) and put together again (pl_montecarlo_from_runs)
 * equals pl_montecarlo_run field for field: what lets `parley simulate` share
 * its runs among MPI ranks and print the same bytes (docs/scale.md).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "parley/parley.h"
#include "support.h"

/* Equal doubles, NaN equal to NaN. */
static void same(double a, double b)
{
    if (isnan(a) || isnan(b))
        assert_true(isnan(a) && isnan(b));
    else
        assert_true(a == b);
}

static void assert_same_result(const pl_montecarlo *a, const pl_montecarlo *b)
{
    assert_int_equal(a->runs, b->runs);
    assert_int_equal(a->agreements, b->agreements);
    same(a->agreement_rate, b->agreement_rate);
    same(a->interval_low, b->interval_low);
    same(a->interval_high, b->interval_high);
    same(a->mean_agreement_step, b->mean_agreement_step);
    assert_int_equal(a->deterministic, b->deterministic);
    assert_int_equal(a->exact, b->exact);
    for (size_t p = 0; p < a->n_parties; p++) {
        same(a->mean_utilities[p], b->mean_utilities[p]);
        same(a->mean_agreement_utilities[p], b->mean_agreement_utilities[p]);
    }
    for (size_t i = 0; i < a->n_issues; i++) {
        same(a->issues[i].mean, b->issues[i].mean);
        for (int q = 0; q < 5; q++)
            same(a->issues[i].quantiles[q], b->issues[i].quantiles[q]);
    }
    assert_int_equal(a->n_inputs, b->n_inputs);
    for (size_t k = 0; k < a->n_inputs; k++) {
        same(a->inputs[k].correlation, b->inputs[k].correlation);
        assert_int_equal(a->inputs[k].draw, b->inputs[k].draw);
    }
    assert_int_equal(a->n_steps, b->n_steps);
    assert_memory_equal(a->agreed_at, b->agreed_at, (a->n_steps + 1) * sizeof *a->agreed_at);
}

/* Runs [0, cut) and [cut, runs) pieced together into one record. */
static pl_montecarlo *pieced(const pl_scenario *s, const pl_montecarlo_options *o, size_t cut)
{
    pl_montecarlo_runs *x = NULL, *y = NULL;
    pl_diag diag = {0};
    assert_int_equal(pl_montecarlo_run_range(s, o, NULL, 0, cut, &x, &diag), PL_OK);
    assert_int_equal(pl_montecarlo_run_range(s, o, NULL, cut, o->runs - cut, &y, &diag), PL_OK);
    assert_int_equal(y->first, cut);
    pl_montecarlo_runs *all = pl_montecarlo_runs_new(o->runs, x->n_parties, x->n_issues,
                                                     x->n_inputs);
    assert_non_null(all);
    const pl_montecarlo_runs *part[2] = {x, y};
    for (int k = 0; k < 2; k++) {
        const pl_montecarlo_runs *r = part[k];
        size_t at = r->first;
        memcpy(all->agreed + at, r->agreed, r->count);
        memcpy(all->step + at, r->step, r->count * sizeof(int));
        memcpy(all->utilities + at * r->n_parties, r->utilities,
               r->count * r->n_parties * sizeof(double));
        memcpy(all->package + at * r->n_issues, r->package, r->count * r->n_issues * sizeof(double));
        memcpy(all->deviations + at * r->n_inputs, r->deviations,
               r->count * r->n_inputs * sizeof(double));
    }
    pl_montecarlo *m = NULL;
    assert_int_equal(pl_montecarlo_from_runs(s, o, all, &m, &diag), PL_OK);
    pl_montecarlo_runs_free(x);
    pl_montecarlo_runs_free(y);
    pl_montecarlo_runs_free(all);
    return m;
}

static void test_ranges_equal_whole(void **state)
{
    (void)state;
    pl_scenario *s = test_load(PARLEY_SOURCE_DIR "/examples/peace-talks-2025.json");
    pl_montecarlo_options o = PL_MONTECARLO_OPTIONS_INIT;
    o.runs = 150;
    o.seed = 5;
    o.threads = 2;
    o.simulation.steps = 60;
    pl_montecarlo *whole = NULL;
    pl_diag diag = {0};
    assert_int_equal(pl_montecarlo_run(s, &o, NULL, &whole, &diag), PL_OK);
    assert_true(whole->n_inputs > 0 && !whole->deterministic); /* Russia's sincerity is drawn */
    pl_montecarlo *m = pieced(s, &o, 67);
    assert_same_result(whole, m);
    pl_montecarlo_free(m);
    pl_montecarlo_free(whole);

    /* No group drawn: a deterministic scenario, every run the first. */
    unsigned char none[1] = {0};
    o.use_uncertainty = none;
    assert_int_equal(pl_montecarlo_run(s, &o, NULL, &whole, &diag), PL_OK);
    assert_true(whole->deterministic);
    m = pieced(s, &o, 10);
    assert_same_result(whole, m);
    pl_montecarlo_free(m);
    pl_montecarlo_free(whole);
    pl_scenario_free(s);
}

static void test_bad_ranges(void **state)
{
    (void)state;
    pl_scenario *s = test_load(PARLEY_SOURCE_DIR "/examples/peace-talks-2025.json");
    pl_montecarlo_options o = PL_MONTECARLO_OPTIONS_INIT;
    o.runs = 10;
    pl_montecarlo_runs *r = NULL;
    pl_diag diag = {0};
    assert_int_equal(pl_montecarlo_run_range(s, &o, NULL, 5, 6, &r, &diag), PL_ERR_ARGUMENT);
    assert_null(r);
    assert_int_equal(pl_montecarlo_run_range(s, &o, NULL, 0, 5, &r, &diag), PL_OK);
    pl_montecarlo *m = NULL;
    /* Five runs' records are not the ten runs' Monte Carlo. */
    assert_int_equal(pl_montecarlo_from_runs(s, &o, r, &m, &diag), PL_ERR_ARGUMENT);
    assert_true(test_contains(diag.message, "do not fit"));
    assert_null(m);
    pl_montecarlo_runs_free(r);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ranges_equal_whole),
        cmocka_unit_test(test_bad_ranges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
