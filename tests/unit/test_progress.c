/*
 * test_progress.c - progress callbacks (parley/progress.h) of the Monte Carlo
 * simulation, the smp model and the frontier: the fractions reported never
 * decrease and end at 1, a callback that cancels makes the call return
 * PL_ERR_CANCELLED with no output and nothing leaked (ASan in CI), and the
 * results are the same with and without a callback.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "parley/frontier.h"
#include "parley/parley.h"
#include "parley/simulate.h"
#include "parley/smp.h"
#include "support.h"

#define MAX_REPORTS 100000

static void check_reports(const test_progress_log *r)
{
    assert_true(r->count >= 1);
    assert_true(r->count <= MAX_REPORTS);
    assert_false(r->decreased);
    assert_false(r->out_of_range);
    assert_true(r->last > 0.999);
}

static int same_doubles(const double *x, const double *y, size_t n)
{
    return n == 0 || memcmp(x, y, n * sizeof *x) == 0;
}

/* ---- Monte Carlo ---- */

/* Two actors on two continuous issues with uncertain positions and reservations. */
static pl_scenario *uncertain_scenario(void)
{
    const double stance[2][2][2] = {{{15, 1}, {30, 0.6}}, {{85, 0.7}, {60, 1}}};
    pl_scenario *s = test_two_by_two(2, 1, stance);
    s->actors[0].reservation = 0.55;
    s->actors[1].reservation = 0.6;
    size_t g;
    assert_int_equal(pl_scenario_add_uncertainty(s, "doubt", &g), PL_OK);
    pl_draw position = {0, PL_ALL_ISSUES, PL_QUANTITY_POSITION, PL_DISTRIBUTION_UNIFORM, 15};
    pl_draw reservation = {1, PL_ALL_ISSUES, PL_QUANTITY_RESERVATION, PL_DISTRIBUTION_NORMAL,
                           0.1};
    assert_int_equal(pl_scenario_add_draw(s, g, &position), PL_OK);
    assert_int_equal(pl_scenario_add_draw(s, g, &reservation), PL_OK);
    pl_diag diag;
    assert_int_equal(pl_scenario_validate(s, &diag), PL_OK);
    return s;
}

static void montecarlo_options(pl_montecarlo_options *o, int threads)
{
    pl_montecarlo_options_init(o);
    o->runs = 1500;
    o->seed = 7;
    o->threads = threads;
    o->simulation.steps = 40;
}

static void assert_same_montecarlo(const pl_montecarlo *a, const pl_montecarlo *b)
{
    assert_int_equal(a->runs, b->runs);
    assert_int_equal(a->agreements, b->agreements);
    assert_true(same_doubles(&a->agreement_rate, &b->agreement_rate, 1));
    assert_true(same_doubles(&a->mean_agreement_step, &b->mean_agreement_step, 1));
    assert_true(same_doubles(a->mean_utilities, b->mean_utilities, a->n_parties));
    assert_true(same_doubles(a->mean_agreement_utilities, b->mean_agreement_utilities,
                             a->n_parties));
    for (size_t i = 0; i < a->n_issues; i++) {
        assert_true(same_doubles(&a->issues[i].mean, &b->issues[i].mean, 1));
        assert_true(same_doubles(a->issues[i].quantiles, b->issues[i].quantiles, 5));
    }
    assert_int_equal(a->n_inputs, b->n_inputs);
    for (size_t k = 0; k < a->n_inputs; k++)
        assert_true(same_doubles(&a->inputs[k].correlation, &b->inputs[k].correlation, 1));
}

static void test_montecarlo_progress(void **state)
{
    (void)state;
    pl_scenario *s = uncertain_scenario();
    for (int threads = 1; threads <= 3; threads += 2) {
        pl_montecarlo_options o;
        montecarlo_options(&o, threads);
        pl_montecarlo *plain = NULL, *reported = NULL;
        pl_diag diag;
        assert_int_equal(pl_montecarlo_run(s, &o, NULL, &plain, &diag), PL_OK);
        test_progress_log r = {0};
        o.progress = (pl_progress){test_progress_record, &r};
        assert_int_equal(pl_montecarlo_run(s, &o, NULL, &reported, &diag), PL_OK);
        check_reports(&r);
        assert_true(r.count >= 2); /* 1500 runs make several batches */
        assert_same_montecarlo(plain, reported);
        pl_montecarlo_free(plain);
        pl_montecarlo_free(reported);
    }
    pl_scenario_free(s);
}

static void test_montecarlo_cancel(void **state)
{
    (void)state;
    pl_scenario *s = uncertain_scenario();
    for (int threads = 1; threads <= 2; threads++) {
        pl_montecarlo_options o;
        montecarlo_options(&o, threads);
        test_progress_log r = {0};
        r.stop_at = 1;
        o.progress = (pl_progress){test_progress_record, &r};
        pl_montecarlo *m = (pl_montecarlo *)&r; /* must be reset to NULL */
        pl_diag diag;
        pl_diag_clear(&diag);
        assert_int_equal(pl_montecarlo_run(s, &o, NULL, &m, &diag), PL_ERR_CANCELLED);
        assert_null(m);
        assert_int_equal(r.count, 1);
        assert_true(r.last < 1);
        assert_true(test_contains(diag.message, "cancelled"));
    }
    /* With a caller's pool, too; the pool stays usable. */
    pl_pool *pool = NULL;
    assert_int_equal(pl_pool_new(&pool, 2), PL_OK);
    pl_montecarlo_options o;
    montecarlo_options(&o, 1);
    test_progress_log r = {0};
    r.stop_at = 2;
    o.progress = (pl_progress){test_progress_record, &r};
    pl_montecarlo *m = NULL;
    assert_int_equal(pl_montecarlo_run(s, &o, pool, &m, NULL), PL_ERR_CANCELLED);
    assert_null(m);
    assert_int_equal(r.count, 2);
    o.progress = (pl_progress){NULL, NULL};
    assert_int_equal(pl_montecarlo_run(s, &o, pool, &m, NULL), PL_OK);
    pl_montecarlo_free(m);
    pl_pool_free(pool);
    pl_scenario_free(s);
}

/* ---- smp ---- */

static void assert_same_smp(const pl_smp_result *a, const pl_smp_result *b, size_t n, size_t d)
{
    assert_int_equal(a->trace.n_rounds, b->trace.n_rounds);
    size_t t = a->trace.n_rounds;
    assert_true(same_doubles(a->trace.positions, b->trace.positions, t * n * d));
    assert_true(same_doubles(a->forecast, b->forecast, d));
    assert_true(same_doubles(a->most_probable, b->most_probable, d));
    assert_true(same_doubles(a->win_probability, b->win_probability, (t + 1) * n));
    assert_true(same_doubles(a->risk, b->risk, (t + 1) * n));
    assert_int_equal(a->n_unique, b->n_unique);
}

static void test_smp_progress(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("ktab/SOE-Pol-Comp.csv"));
    pl_smp_options o;
    pl_smp_options_init(&o);
    assert_null(o.progress.function);
    assert_null(o.progress.payload);
    pl_smp_result *plain = NULL, *reported = NULL;
    pl_diag diag;
    assert_int_equal(pl_smp_run(s, &o, &plain, &diag), PL_OK);
    test_progress_log r = {0};
    o.progress = (pl_progress){test_progress_record, &r};
    assert_int_equal(pl_smp_run(s, &o, &reported, &diag), PL_OK);
    check_reports(&r);
    /* One report per round (the last one says 1). */
    assert_int_equal(r.count, plain->trace.n_rounds);
    assert_true(r.first > 0 && r.first <= 1.0 / o.max_rounds + 1e-12);
    assert_same_smp(plain, reported, s->n_actors, s->n_issues);
    pl_smp_result_free(plain);
    pl_smp_result_free(reported);
    pl_scenario_free(s);
}

static void test_smp_cancel(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("ktab/SOE-Pol-Comp.csv"));
    for (int threads = 1; threads <= 2; threads++) {
        pl_smp_options o;
        pl_smp_options_init(&o);
        o.threads = threads;
        test_progress_log r = {0};
        r.stop_at = 1;
        o.progress = (pl_progress){test_progress_record, &r};
        pl_smp_result *result = (pl_smp_result *)&r;
        pl_diag diag;
        pl_diag_clear(&diag);
        assert_int_equal(pl_smp_run(s, &o, &result, &diag), PL_ERR_CANCELLED);
        assert_null(result);
        assert_int_equal(r.count, 1);
        assert_true(test_contains(diag.message, "cancelled"));
    }
    pl_scenario_free(s);
}

/* ---- frontier ---- */

static void assert_same_frontier(const pl_frontier *a, const pl_frontier *b)
{
    assert_int_equal(a->n_points, b->n_points);
    assert_string_equal(a->outcomes.decimal, b->outcomes.decimal);
    assert_string_equal(a->rational.decimal, b->rational.decimal);
    assert_int_equal(a->agreement_possible, b->agreement_possible);
    assert_true(same_doubles(a->utilities, b->utilities, a->n_points * a->n_parties));
    for (int k = 0; k < PL_SOLUTION_COUNT; k++) {
        assert_int_equal(a->solutions[k].present, b->solutions[k].present);
        if (!a->solutions[k].present)
            continue;
        assert_int_equal(a->solutions[k].point, b->solutions[k].point);
        assert_true(same_doubles(a->solutions[k].package, b->solutions[k].package,
                                 a->n_issues));
    }
}

static pl_scenario *frontier_scenario(void)
{
    return test_load(PARLEY_SOURCE_DIR "/examples/peace-talks-2025.json");
}

static void test_frontier_progress(void **state)
{
    (void)state;
    pl_scenario *s = frontier_scenario();
    for (int threads = 1; threads <= 2; threads++) {
        pl_frontier_options o = PL_FRONTIER_OPTIONS_INIT;
        assert_null(o.progress.function);
        o.threads = threads;
        o.asymmetric = 1;
        pl_frontier *plain = NULL, *reported = NULL;
        pl_diag diag;
        assert_int_equal(pl_frontier_compute(s, &o, &plain, &diag), PL_OK);
        test_progress_log r = {0};
        o.progress = (pl_progress){test_progress_record, &r};
        assert_int_equal(pl_frontier_compute(s, &o, &reported, &diag), PL_OK);
        check_reports(&r);
        assert_true(r.count <= s->n_issues + 1);
        assert_same_frontier(plain, reported);
        pl_frontier_free(plain);
        pl_frontier_free(reported);
    }
    pl_frontier_options init;
    pl_frontier_options_init(&init);
    assert_null(init.progress.function);
    assert_null(init.progress.payload);
    pl_scenario_free(s);
}

static void test_frontier_cancel(void **state)
{
    (void)state;
    pl_scenario *s = frontier_scenario();
    for (int threads = 1; threads <= 2; threads++) {
        pl_frontier_options o = PL_FRONTIER_OPTIONS_INIT;
        o.threads = threads;
        test_progress_log r = {0};
        r.stop_at = 1;
        o.progress = (pl_progress){test_progress_record, &r};
        pl_frontier *f = (pl_frontier *)&r;
        pl_diag diag;
        pl_diag_clear(&diag);
        assert_int_equal(pl_frontier_compute(s, &o, &f, &diag), PL_ERR_CANCELLED);
        assert_null(f);
        assert_int_equal(r.count, 1);
        assert_true(test_contains(diag.message, "cancelled"));
    }
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_montecarlo_progress), cmocka_unit_test(test_montecarlo_cancel),
        cmocka_unit_test(test_smp_progress),        cmocka_unit_test(test_smp_cancel),
        cmocka_unit_test(test_frontier_progress),   cmocka_unit_test(test_frontier_cancel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
