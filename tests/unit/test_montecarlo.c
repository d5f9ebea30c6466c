/*
 * test_montecarlo.c - Monte Carlo (parley/simulate.h): the same result for
 * 1, 2 and 3 threads, the same result for the same seed and a different one
 * for another, draws within their documented bounds, and the settlement
 * statistics consistent with each other.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "parley/parley.h"
#include "parley/simulate.h"
#include "support.h"

/* Two actors on two continuous issues; A's positions and B's reservation
 * are uncertain, and B's reservation rises every two rounds from round 2. */
static pl_scenario *scenario(void)
{
    const double stance[2][2][2] = {{{10, 1}, {20, 0.5}}, {{90, 0.8}, {70, 1}}};
    pl_scenario *s = test_two_by_two(2, 1, stance);
    s->actors[0].reservation = 0.6;
    s->actors[1].reservation = 0.62;
    size_t g, h;
    assert_int_equal(pl_scenario_add_uncertainty(s, "doubt", &g), PL_OK);
    pl_draw position = {0, PL_ALL_ISSUES, PL_QUANTITY_POSITION, PL_DISTRIBUTION_UNIFORM, 20};
    pl_draw reservation = {1, PL_ALL_ISSUES, PL_QUANTITY_RESERVATION, PL_DISTRIBUTION_NORMAL,
                           0.1};
    assert_int_equal(pl_scenario_add_draw(s, g, &position), PL_OK);
    assert_int_equal(pl_scenario_add_draw(s, g, &reservation), PL_OK);
    assert_int_equal(pl_scenario_add_shock(s, "pressure", &h), PL_OK);
    s->shocks[h].start_round = 2;
    s->shocks[h].every = 2;
    pl_change change = {1, PL_ALL_ISSUES, PL_QUANTITY_RESERVATION, PL_CHANGE_ADD, 0.02};
    assert_int_equal(pl_scenario_add_change(s, h, &change), PL_OK);
    pl_diag diag;
    assert_int_equal(pl_scenario_validate(s, &diag), PL_OK);
    return s;
}

static pl_montecarlo *run(const pl_scenario *s, int threads, uint64_t seed)
{
    pl_montecarlo_options o;
    pl_montecarlo_options_init(&o);
    o.runs = 700;
    o.seed = seed;
    o.threads = threads;
    pl_agent linear = {PL_AGENT_TIME_BASED, 1.0, NULL};
    o.simulation.agents = &linear;
    o.simulation.n_agents = 1;
    pl_montecarlo *m = NULL;
    pl_diag diag;
    assert_int_equal(pl_montecarlo_run(s, &o, NULL, &m, &diag), PL_OK);
    return m;
}

static int same_double(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

static void assert_same(const pl_montecarlo *a, const pl_montecarlo *b)
{
    assert_int_equal(a->agreements, b->agreements);
    assert_true(same_double(a->mean_agreement_step, b->mean_agreement_step));
    for (size_t k = 0; k < a->n_parties; k++) {
        assert_true(same_double(a->mean_utilities[k], b->mean_utilities[k]));
        assert_true(same_double(a->mean_agreement_utilities[k], b->mean_agreement_utilities[k]));
    }
    for (size_t i = 0; i < a->n_issues; i++)
        for (int q = 0; q < 5; q++)
            assert_true(same_double(a->issues[i].quantiles[q], b->issues[i].quantiles[q]));
    assert_int_equal(a->n_inputs, b->n_inputs);
    for (size_t j = 0; j < a->n_inputs; j++) {
        assert_true(same_double(a->inputs[j].correlation, b->inputs[j].correlation));
        assert_int_equal(a->inputs[j].issue, b->inputs[j].issue);
    }
}

static void test_thread_invariance(void **state)
{
    (void)state;
    pl_scenario *s = scenario();
    pl_montecarlo *one = run(s, 1, 7), *two = run(s, 2, 7), *three = run(s, 3, 7);
    assert_same(one, two);
    assert_same(one, three);
    /* a settlement rate strictly between 0 and 1, so the test means something */
    assert_true(one->agreements > 0 && one->agreements < one->runs);
    pl_montecarlo_free(one);
    pl_montecarlo_free(two);
    pl_montecarlo_free(three);
    pl_scenario_free(s);
}

static void test_seed(void **state)
{
    (void)state;
    pl_scenario *s = scenario();
    pl_montecarlo *a = run(s, 2, 42), *b = run(s, 1, 42), *c = run(s, 2, 43);
    assert_same(a, b);
    assert_false(same_double(a->mean_utilities[0], c->mean_utilities[0]));
    pl_montecarlo_free(a);
    pl_montecarlo_free(b);
    pl_montecarlo_free(c);
    pl_scenario_free(s);
}

static void test_statistics(void **state)
{
    (void)state;
    pl_scenario *s = scenario();
    pl_montecarlo *m = run(s, 2, 1);
    assert_int_equal(m->runs, 700);
    assert_true(m->agreement_rate == (double)m->agreements / 700.0);
    assert_true(m->interval_low <= m->agreement_rate && m->agreement_rate <= m->interval_high);
    assert_true(m->interval_low >= 0 && m->interval_high <= 1);
    assert_true(m->mean_agreement_step >= 1 && m->mean_agreement_step <= 100);
    assert_int_equal(m->n_inputs, 3); /* A's position on x and y, B's reservation */
    for (size_t i = 0; i < 2; i++) {
        const double *q = m->issues[i].quantiles;
        assert_true(q[0] <= q[1] && q[1] <= q[2] && q[2] <= q[3] && q[3] <= q[4]);
        assert_true(q[0] >= 0 && q[4] <= 100);
    }
    /* B's higher reservation makes settlement less likely */
    for (size_t j = 0; j < m->n_inputs; j++)
        if (m->inputs[j].quantity == PL_QUANTITY_RESERVATION)
            assert_true(m->inputs[j].correlation < 0);
    pl_montecarlo_free(m);
    pl_scenario_free(s);
}

/* Draws: uniform and triangular within +/- spread, normal centred. */
/* Fraction of x[0..n-1] below `limit`. */
static double fraction_below(const double *x, size_t n, double limit)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += x[i] < limit;
    return (double)k / (double)n;
}

/*
 * The draws against the definitions of simulate.h's distributions (spread
 * w = 2, 20,000 draws each): uniform on [-w, w) with P(X < -w/2) = 1/4 and
 * variance w^2/3; the symmetric triangle on [-w, w] with P(X < -w/2) =
 * (1/2)(1/2)^2 = 1/8 and variance w^2/6; the normal with standard deviation w,
 * P(|X| < w) = 0.6827. Tolerances: about five standard errors (sd of a
 * fraction <= 0.5 / sqrt(20000) = 0.0035).
 */
static void test_draw_bounds(void **state)
{
    (void)state;
    enum { N = 20000 };
    static double u[N], t[N], n[N];
    double squares[3] = {0, 0, 0}, within = 0;
    for (uint64_t run = 0; run < N; run++) {
        u[run] = pl_montecarlo_deviation(5, run, 3, PL_DISTRIBUTION_UNIFORM, 2.0);
        t[run] = pl_montecarlo_deviation(5, run, 4, PL_DISTRIBUTION_TRIANGULAR, 2.0);
        n[run] = pl_montecarlo_deviation(5, run, 5, PL_DISTRIBUTION_NORMAL, 2.0);
        assert_true(u[run] >= -2.0 && u[run] < 2.0);
        assert_true(t[run] >= -2.0 && t[run] <= 2.0);
        assert_true(isfinite(n[run]));
        squares[0] += u[run] * u[run];
        squares[1] += t[run] * t[run];
        squares[2] += n[run] * n[run];
        within += fabs(n[run]) < 2.0;
    }
    assert_true(fabs(fraction_below(u, N, -1.0) - 0.25) < 0.02);
    assert_true(fabs(fraction_below(u, N, 0.0) - 0.5) < 0.02);
    assert_true(fabs(squares[0] / N - 4.0 / 3.0) < 0.05);
    assert_true(fabs(fraction_below(t, N, -1.0) - 0.125) < 0.015);
    assert_true(fabs(fraction_below(t, N, 1.0) - 0.875) < 0.015);
    assert_true(fabs(squares[1] / N - 4.0 / 6.0) < 0.03);
    assert_true(fabs(fraction_below(n, N, 0.0) - 0.5) < 0.02);
    assert_true(fabs(within / N - 0.6827) < 0.02);
    assert_true(fabs(sqrt(squares[2] / N) - 2.0) < 0.1);
    /* counter-based: another seed, run or index gives another draw */
    double d = pl_montecarlo_deviation(9, 11, 2, PL_DISTRIBUTION_UNIFORM, 1);
    assert_true(d != pl_montecarlo_deviation(10, 11, 2, PL_DISTRIBUTION_UNIFORM, 1));
    assert_true(d != pl_montecarlo_deviation(9, 12, 2, PL_DISTRIBUTION_UNIFORM, 1));
    assert_true(d != pl_montecarlo_deviation(9, 11, 3, PL_DISTRIBUTION_UNIFORM, 1));
}

static pl_montecarlo *run_without_draws(const pl_scenario *s)
{
    pl_montecarlo_options o;
    pl_montecarlo_options_init(&o);
    o.runs = 50;
    unsigned char none = 0;
    o.use_uncertainty = &none;
    pl_montecarlo *m = NULL;
    pl_diag diag;
    assert_int_equal(pl_montecarlo_run(s, &o, NULL, &m, &diag), PL_OK);
    assert_int_equal(m->n_inputs, 0);
    return m;
}

/*
 * No draws: every run is the same deterministic negotiation, so the count is
 * 0 or 50 and which one follows from the scenario by hand.
 * - B's reservation 0.95: u_B >= 0.95 needs 0.8 (90 - x) + (70 - y) <= 9, and
 *   A's best such package spends all of it on x (A gains 1.5x more per unit of
 *   B's loss there than on y): x = 78.75, y = 70, u_A = (0.3125 + 0.25) / 1.5
 *   = 0.375 < 0.6. No package suits both (the shock only raises B's
 *   reservation), and agents never accept below it: 0 agreements.
 * - B's ideal and saliences made A's: both value (10, 20), a grid point
 *   (grid 10), at 1 and nothing else as high; A's opening offer is it and B
 *   accepts: 50 agreements, each worth 1 to both.
 */
static void test_deterministic(void **state)
{
    (void)state;
    pl_scenario *s = scenario();
    s->actors[1].reservation = 0.95;
    pl_montecarlo *m = run_without_draws(s);
    assert_int_equal(m->agreements, 0);
    pl_montecarlo_free(m);
    s->actors[1].reservation = 0.62;
    assert_int_equal(pl_scenario_set_position(s, 1, 0, 10, 1), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, 1, 1, 20, 0.5), PL_OK);
    m = run_without_draws(s);
    assert_int_equal(m->agreements, 50);
    assert_true(m->mean_agreement_utilities[0] == 1.0);
    assert_true(m->mean_agreement_utilities[1] == 1.0);
    pl_montecarlo_free(m);
    pl_montecarlo_options o;
    pl_montecarlo_options_init(&o);
    o.runs = 0;
    pl_diag diag;
    assert_int_equal(pl_montecarlo_run(s, &o, NULL, &m, &diag), PL_ERR_INVALID);
    assert_null(m);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_thread_invariance), cmocka_unit_test(test_seed),
        cmocka_unit_test(test_statistics), cmocka_unit_test(test_draw_bounds),
        cmocka_unit_test(test_deterministic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
