/*
 * test_whatifs.c - the simulation what-ifs (parley/whatifs.h): the baseline,
 * each shock alone, each uncertainty group alone. Each case must be exactly
 * the Monte Carlo run directly with that case's selection (same seed, so the
 * same runs), and the progress seen by the caller must cover all the cases.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "parley/parley.h"
#include "support.h"

/* Two actors, two issues; one uncertainty group ("doubt") and one shock ("pressure"). */
static pl_scenario *scenario(void)
{
    const double stance[2][2][2] = {{{10, 1}, {20, 0.5}}, {{90, 0.8}, {70, 1}}};
    pl_scenario *s = test_two_by_two(2, 1, stance);
    s->actors[0].reservation = 0.6;
    s->actors[1].reservation = 0.5;
    size_t g, h;
    assert_int_equal(pl_scenario_add_uncertainty(s, "doubt", &g), PL_OK);
    pl_draw reservation = {1, PL_ALL_ISSUES, PL_QUANTITY_RESERVATION, PL_DISTRIBUTION_NORMAL,
                           0.1};
    assert_int_equal(pl_scenario_add_draw(s, g, &reservation), PL_OK);
    assert_int_equal(pl_scenario_add_shock(s, "pressure", &h), PL_OK);
    s->shocks[h].start_round = 2;
    s->shocks[h].every = 2;
    pl_change change = {1, PL_ALL_ISSUES, PL_QUANTITY_RESERVATION, PL_CHANGE_ADD, 0.05};
    assert_int_equal(pl_scenario_add_change(s, h, &change), PL_OK);
    pl_diag diag;
    assert_int_equal(pl_scenario_validate(s, &diag), PL_OK);
    return s;
}

static void settings(pl_montecarlo_options *o)
{
    pl_montecarlo_options_init(o);
    o->runs = 300;
    o->seed = 11;
    o->threads = 2;
}

/* The Monte Carlo with only shock `shock` (or group `group`) switched on; -1: none. */
static pl_montecarlo *direct(const pl_scenario *s, int shock, int group)
{
    unsigned char use_shock[2] = {0, 0}, use_group[2] = {0, 0};
    if (shock >= 0)
        use_shock[shock] = 1;
    if (group >= 0)
        use_group[group] = 1;
    pl_montecarlo_options o;
    settings(&o);
    o.use_shock = use_shock;
    o.use_uncertainty = use_group;
    pl_montecarlo *m = NULL;
    pl_diag diag;
    assert_int_equal(pl_montecarlo_run(s, &o, NULL, &m, &diag), PL_OK);
    return m;
}

static void assert_same(const pl_montecarlo *a, const pl_montecarlo *b)
{
    assert_int_equal(a->runs, b->runs);
    assert_int_equal(a->agreements, b->agreements);
    assert_memory_equal(&a->mean_agreement_step, &b->mean_agreement_step, sizeof(double));
    assert_memory_equal(&a->interval_low, &b->interval_low, sizeof(double));
}

typedef struct seen {
    double last;
    int calls, backwards;
} seen;

static int watch(double fraction, void *payload)
{
    seen *p = payload;
    if (fraction < p->last || fraction < 0 || fraction > 1)
        p->backwards++;
    p->last = fraction;
    p->calls++;
    return 0;
}

static void test_cases_are_the_direct_runs(void **state)
{
    (void)state;
    pl_scenario *s = scenario();
    pl_montecarlo_options o;
    settings(&o);
    seen progress = {0};
    o.progress = (pl_progress){watch, &progress};
    pl_whatifs *w = NULL;
    pl_diag diag;
    assert_int_equal(pl_whatifs_run(s, &o, &w, &diag), PL_OK);
    assert_int_equal(w->n, 3);
    assert_string_equal(w->cases[0].id, "baseline");
    assert_string_equal(w->cases[1].id, "pressure");
    assert_string_equal(w->cases[2].id, "doubt");
    assert_string_equal(w->cases[1].name, "pressure"); /* no name: the id */
    int cases[3][2] = {{-1, -1}, {0, -1}, {-1, 0}};
    for (size_t k = 0; k < 3; k++) {
        assert_true(w->cases[k].ok);
        pl_montecarlo *m = direct(s, cases[k][0], cases[k][1]);
        assert_same(w->cases[k].montecarlo, m);
        pl_montecarlo_free(m);
    }
    /* The baseline draws nothing: every run is the same negotiation. */
    assert_true(w->cases[0].montecarlo->deterministic);
    assert_false(w->cases[2].montecarlo->deterministic);
    assert_int_equal(w->settings.runs, 300);
    assert_true(progress.calls > 0);
    assert_int_equal(progress.backwards, 0);
    assert_true(progress.last > 2.0 / 3.0); /* the last case reported past its start */
    pl_whatifs_free(w);
    pl_scenario_free(s);
}

static int cancel(double fraction, void *payload)
{
    (void)payload;
    return fraction > 0.5;
}

static void test_refusals(void **state)
{
    (void)state;
    pl_scenario *s = scenario();
    pl_whatifs *w = (pl_whatifs *)&w;
    pl_diag diag;
    pl_montecarlo_options o;
    settings(&o);
    o.version++;
    assert_int_equal(pl_whatifs_run(s, &o, &w, &diag), PL_ERR_ARGUMENT);
    assert_null(w);
    assert_non_null(strstr(diag.message, "options version"));
    assert_int_equal(pl_whatifs_run(NULL, NULL, &w, &diag), PL_ERR_ARGUMENT);
    settings(&o);
    o.progress = (pl_progress){cancel, NULL};
    assert_int_equal(pl_whatifs_run(s, &o, &w, &diag), PL_ERR_CANCELLED);
    assert_null(w);
    pl_whatifs_free(NULL);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases_are_the_direct_runs),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
