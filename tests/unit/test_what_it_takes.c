/*
 * test_what_it_takes.c - pl_what_it_takes_compute() (parley/what_it_takes.h)
 * on hand-computed one-issue cases and on the default scenario, whose
 * opening bounds docs/agreement.md derives ("Either line moved by the
 * 80-point gap opens a zone (RU accepting >= 10, or UA accepting <= 90)"),
 * and the per-step counts, determinism and option counts of the Monte Carlo.
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

#define NEAR(x, y) assert_true(fabs((x) - (y)) < 1e-9)

/*
 * One issue x on [0, 100], both actors veto: A wants 100 (U_A = x / 100),
 * B wants 0 (U_B = 1 - x / 100); A's red line x >= a_min, B's x <= b_max.
 */
static pl_scenario *duel(double a_min, double b_max, double reservation_a,
                         double reservation_b)
{
    pl_scenario *s = test_duel(reservation_a, reservation_b);
    assert_int_equal(pl_scenario_add_red_line(s, 0, 0, a_min, 100, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_red_line(s, 1, 0, 0, b_max, NULL), PL_OK);
    assert_int_equal(pl_scenario_validate(s, NULL), PL_OK);
    return s;
}

static pl_what_it_takes *compute(const pl_scenario *s, const pl_what_it_takes_options *o)
{
    pl_what_it_takes *w = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_what_it_takes_compute(s, NULL, o, &w, &diag), PL_OK);
    assert_non_null(w);
    return w;
}

/*
 * A >= 70, B <= 30, B's reservation 0.5 (B needs x <= 50). By hand:
 * - A's lower bound moves down towards B (B's line 30, B's position 0: to 0);
 *   the zone is [b, 30] with x <= 50, so it opens at b = 30. The margin is
 *   max over x in [b, 30] of min(x / 100, 0.5 - x / 100): at b = 28, x = 28
 *   gives 0.22; at b = 21 the unconstrained best x = 25 gives 0.25.
 * - B's upper bound moves up towards A (to 100): x in [70, b] never meets
 *   B's reservation (x <= 50), so it never opens.
 * - B's reservation is in a conflict with A's red line: lowering it alone
 *   (B's line <= 30 kept) never opens a zone either.
 */
static void duel_by_hand(void **state)
{
    (void)state;
    pl_scenario *s = duel(70, 30, 0, 0.5);
    pl_what_it_takes_options o = PL_WHAT_IT_TAKES_OPTIONS_INIT;
    o.settlement = 0;
    pl_what_it_takes *w = compute(s, &o);
    assert_int_equal(w->n_entries, 3);
    const pl_what_it_takes_entry *a = &w->entries[0], *b = &w->entries[1], *r = &w->entries[2];
    assert_int_equal(a->actor, 0);
    assert_int_equal(a->kind, PL_CONSTRAINT_RED_LINE);
    assert_int_equal(a->bound, PL_BOUND_MIN);
    NEAR(a->from, 70);
    NEAR(a->to, 0);
    assert_true(a->opens);
    NEAR(a->opens_at, 30);
    assert_int_equal(a->n_steps, 11);
    NEAR(a->steps[6].value, 28);
    assert_true(a->steps[6].possible);
    NEAR(a->steps[6].margin, 0.22);
    NEAR(a->steps[7].value, 21);
    NEAR(a->steps[7].margin, 0.25);
    assert_false(a->steps[5].possible); /* 35: the red lines still clash */
    assert_true(isnan(a->steps[5].margin));
    assert_true(isnan(a->steps[0].settlement)); /* not simulated */
    assert_int_equal(b->actor, 1);
    assert_int_equal(b->bound, PL_BOUND_MAX);
    NEAR(b->from, 30);
    NEAR(b->to, 100);
    assert_false(b->opens);
    assert_true(isnan(b->opens_at));
    for (size_t k = 0; k < b->n_steps; k++)
        assert_false(b->steps[k].possible);
    assert_int_equal(r->kind, PL_CONSTRAINT_RESERVATION);
    assert_int_equal(r->actor, 1);
    assert_int_equal(r->bound, PL_BOUND_NONE);
    NEAR(r->from, 0.5);
    assert_false(r->opens);
    pl_what_it_takes_free(w);
    pl_scenario_free(s);
}

/* Reservations 0: the lines A >= 64.3 and B <= 30 meet when A's falls to exactly 30. */
static void opening_is_exact(void **state)
{
    (void)state;
    pl_scenario *s = duel(64.3, 30.000123, 0, 0);
    pl_what_it_takes_options o = PL_WHAT_IT_TAKES_OPTIONS_INIT;
    o.settlement = 0;
    o.steps = 3;
    pl_what_it_takes *w = compute(s, &o);
    assert_int_equal(w->n_entries, 2);
    assert_true(fabs(w->entries[0].opens_at - 30.000123) <= 1e-9 * 100);
    assert_true(fabs(w->entries[1].opens_at - 64.3) <= 1e-9 * 100);
    assert_int_equal(w->entries[0].n_steps, 4);
    pl_what_it_takes_free(w);
    pl_scenario_free(s);
}

/*
 * A zone exists (A >= 40, B <= 60): no barrier issue, so no entry, unless the
 * issue is named; then each line moves towards the other's position and the
 * zone is open from the start (opens_at = from).
 */
static void named_issue(void **state)
{
    (void)state;
    pl_scenario *s = duel(40, 60, 0, 0);
    pl_what_it_takes_options o = PL_WHAT_IT_TAKES_OPTIONS_INIT;
    o.settlement = 0;
    pl_what_it_takes *w = compute(s, &o);
    assert_int_equal(w->n_entries, 0);
    pl_what_it_takes_free(w);
    size_t issue = 0;
    o.issues = &issue;
    o.n_issues = 1;
    w = compute(s, &o);
    assert_int_equal(w->n_entries, 2);
    assert_int_equal(w->entries[0].bound, PL_BOUND_MIN);
    NEAR(w->entries[0].opens_at, 40);
    NEAR(w->entries[0].to, 0);
    assert_int_equal(w->entries[1].bound, PL_BOUND_MAX);
    NEAR(w->entries[1].opens_at, 60);
    NEAR(w->entries[1].to, 100);
    assert_true(w->entries[0].steps[0].possible);
    NEAR(w->entries[0].steps[0].margin, 0.5); /* x = 50 in [40, 60]: both get 0.5 */
    pl_what_it_takes_free(w);
    pl_scenario_free(s);
}

/* With nothing drawn every run is the same: the curve's points are deterministic. */
static void settlement_deterministic(void **state)
{
    (void)state;
    pl_scenario *s = duel(70, 30, 0, 0);
    pl_montecarlo_options mc;
    pl_montecarlo_options_init(&mc);
    mc.runs = 20;
    pl_what_it_takes_options o = PL_WHAT_IT_TAKES_OPTIONS_INIT;
    o.montecarlo = &mc;
    o.steps = 2;
    pl_what_it_takes *w = compute(s, &o);
    assert_true(w->simulated);
    assert_int_equal(w->runs, 20);
    for (size_t e = 0; e < w->n_entries; e++)
        for (size_t k = 0; k < w->entries[e].n_steps; k++) {
            const pl_what_it_takes_step *p = &w->entries[e].steps[k];
            assert_true(p->deterministic);
            assert_true(p->settlement == 0.0 || p->settlement == 1.0);
            assert_true(p->settlement_low == p->settlement && p->settlement_high == p->settlement);
        }
    /* the zone is closed where the curve starts: no run can settle across the red lines */
    assert_true(w->entries[0].steps[0].settlement == 0.0);
    pl_what_it_takes_free(w);
    pl_scenario_free(s);
}

/* The default scenario: Donetsk, RU >= 90 and UA <= 10 (docs/agreement.md). */
static void default_scenario(void **state)
{
    (void)state;
    pl_scenario *s = test_load(PARLEY_SOURCE_DIR "/examples/peace-talks-2025.json");
    pl_what_it_takes_options o = PL_WHAT_IT_TAKES_OPTIONS_INIT;
    o.settlement = 0;
    pl_what_it_takes *w = compute(s, &o);
    assert_int_equal(w->n_entries, 2);
    for (size_t e = 0; e < 2; e++) {
        const pl_what_it_takes_entry *x = &w->entries[e];
        assert_string_equal(s->issues[x->issue].id, "donetsk");
        assert_true(x->opens);
        /* the zone opens once, and stays open as the bound moves on */
        int seen_open = 0;
        for (size_t k = 0; k < x->n_steps; k++) {
            int beyond = x->bound == PL_BOUND_MIN ? x->steps[k].value <= x->opens_at
                                                  : x->steps[k].value >= x->opens_at;
            assert_int_equal(x->steps[k].possible != 0, beyond);
            assert_true(!seen_open || x->steps[k].possible);
            seen_open |= x->steps[k].possible;
        }
    }
    assert_string_equal(s->actors[w->entries[0].actor].id, "RU");
    assert_int_equal(w->entries[0].bound, PL_BOUND_MIN);
    assert_true(w->entries[0].opens_at == 10.0);
    assert_string_equal(s->actors[w->entries[1].actor].id, "UA");
    assert_int_equal(w->entries[1].bound, PL_BOUND_MAX);
    assert_true(w->entries[1].opens_at == 90.0);
    pl_what_it_takes_free(w);
    pl_scenario_free(s);
}

/* Same seed, same curve, whatever the number of threads. */
static void threads_do_not_matter(void **state)
{
    (void)state;
    pl_scenario *s = test_load(PARLEY_SOURCE_DIR "/examples/peace-talks-2025.json");
    pl_montecarlo_options mc;
    pl_montecarlo_options_init(&mc);
    mc.runs = 70;
    mc.seed = 5;
    pl_what_it_takes_options o = PL_WHAT_IT_TAKES_OPTIONS_INIT;
    o.montecarlo = &mc;
    o.steps = 2;
    pl_what_it_takes *one = compute(s, &o);
    mc.threads = 2;
    pl_what_it_takes *two = compute(s, &o);
    assert_int_equal(one->n_entries, two->n_entries);
    for (size_t e = 0; e < one->n_entries; e++)
        for (size_t k = 0; k < one->entries[e].n_steps; k++) {
            assert_false(one->entries[e].steps[k].deterministic); /* RU's positions are drawn */
            assert_true(one->entries[e].steps[k].settlement ==
                        two->entries[e].steps[k].settlement);
        }
    pl_what_it_takes_free(one);
    pl_what_it_takes_free(two);
    pl_scenario_free(s);
}

/*
 * Progress (issue #19): every zone analysis and every Monte Carlo reports
 * into one bar that never falls and ends at 1; the result is the same with
 * and without it; a cancel stops the computation with nothing returned.
 */
static void progress_and_cancel(void **state)
{
    (void)state;
    pl_scenario *s = test_load(PARLEY_SOURCE_DIR "/examples/peace-talks-2025.json");
    pl_montecarlo_options mc;
    pl_montecarlo_options_init(&mc);
    mc.runs = 40;
    pl_what_it_takes_options o = PL_WHAT_IT_TAKES_OPTIONS_INIT;
    o.montecarlo = &mc;
    o.steps = 3;
    pl_what_it_takes *quiet = compute(s, &o);
    test_progress_log seen = {0, 0, 0, 0, 0, 0};
    o.progress = (pl_progress){test_progress_record, &seen};
    pl_what_it_takes *watched = compute(s, &o);
    assert_false(seen.decreased || seen.out_of_range);
    assert_true(seen.last == 1.0);
    /* at least one report per zone analysis and per step's Monte Carlo */
    assert_true(seen.count >= watched->analyses + 2 * 4);
    assert_int_equal(quiet->n_entries, watched->n_entries);
    assert_true(quiet->analyses == watched->analyses);
    for (size_t e = 0; e < quiet->n_entries; e++) {
        assert_true(quiet->entries[e].opens_at == watched->entries[e].opens_at);
        for (size_t k = 0; k < quiet->entries[e].n_steps; k++)
            assert_true(quiet->entries[e].steps[k].settlement ==
                        watched->entries[e].steps[k].settlement);
    }
    pl_what_it_takes_free(quiet);
    pl_what_it_takes_free(watched);
    /* Cancelled inside the bisection, then inside a step's Monte Carlo. */
    size_t stops[] = {3, seen.count - 2};
    for (size_t k = 0; k < 2; k++) {
        test_progress_log stop = {0, stops[k], 0, 0, 0, 0};
        o.progress = (pl_progress){test_progress_record, &stop};
        pl_what_it_takes *w = NULL;
        pl_diag diag;
        pl_diag_clear(&diag);
        assert_int_equal(pl_what_it_takes_compute(s, NULL, &o, &w, &diag), PL_ERR_CANCELLED);
        assert_null(w);
        assert_int_equal(stop.count, stops[k]);
        assert_non_null(strstr(diag.message, "cancelled"));
    }
    pl_scenario_free(s);
}

static void bad_arguments(void **state)
{
    (void)state;
    pl_scenario *s = duel(70, 30, 0, 0);
    pl_what_it_takes *w = NULL;
    pl_what_it_takes_options o = PL_WHAT_IT_TAKES_OPTIONS_INIT;
    o.version = 99;
    assert_int_equal(pl_what_it_takes_compute(s, NULL, &o, &w, NULL), PL_ERR_ARGUMENT);
    assert_null(w);
    pl_what_it_takes_options_init(&o);
    o.steps = 0;
    assert_int_equal(pl_what_it_takes_compute(s, NULL, &o, &w, NULL), PL_ERR_ARGUMENT);
    size_t issue = 7;
    pl_what_it_takes_options_init(&o);
    o.issues = &issue;
    o.n_issues = 1;
    assert_int_equal(pl_what_it_takes_compute(s, NULL, &o, &w, NULL), PL_ERR_ARGUMENT);
    assert_int_equal(pl_what_it_takes_compute(NULL, NULL, NULL, &w, NULL), PL_ERR_ARGUMENT);
    pl_what_it_takes_free(NULL);
    pl_scenario_free(s);
}

/*
 * pl_montecarlo: the library counts the runs agreed at each step (they add up
 * to the agreements and give the mean step), and says when every run is the
 * same (nothing drawn).
 */
static void montecarlo_steps_and_determinism(void **state)
{
    (void)state;
    pl_scenario *s = test_load(PARLEY_TEST_DATA "/report/zone.json");
    pl_montecarlo_options o;
    pl_montecarlo_options_init(&o);
    o.runs = 300;
    pl_montecarlo *m = NULL;
    assert_int_equal(pl_montecarlo_run(s, &o, NULL, &m, NULL), PL_OK);
    assert_false(m->deterministic);
    assert_int_equal(m->n_steps, (size_t)o.simulation.steps);
    assert_non_null(m->agreed_at);
    size_t total = 0;
    double steps = 0;
    for (size_t k = 0; k <= m->n_steps; k++) {
        total += m->agreed_at[k];
        steps += (double)k * (double)m->agreed_at[k];
    }
    assert_int_equal(total, m->agreements);
    assert_true(m->agreements > 0 && m->agreements < m->runs); /* the file's runs sometimes settle */
    assert_true(fabs(steps / (double)total - m->mean_agreement_step) < 1e-9);
    pl_montecarlo_free(m);
    unsigned char none[8] = {0};
    o.use_uncertainty = none;
    o.use_shock = none;
    assert_int_equal(pl_montecarlo_run(s, &o, NULL, &m, NULL), PL_OK);
    assert_true(m->deterministic);
    assert_true(m->agreements == 0 || m->agreements == m->runs);
    pl_montecarlo_free(m);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(duel_by_hand),
        cmocka_unit_test(opening_is_exact),
        cmocka_unit_test(named_issue),
        cmocka_unit_test(settlement_deterministic),
        cmocka_unit_test(default_scenario),
        cmocka_unit_test(threads_do_not_matter),
        cmocka_unit_test(progress_and_cancel),
        cmocka_unit_test(bad_arguments),
        cmocka_unit_test(montecarlo_steps_and_determinism),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
