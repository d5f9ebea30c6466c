/*
 * test_models.c - the compromise and weighted-median models.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "support.h"

/*
 * Bueno de Mesquita (1994), the EC car-emission-standards case: capability,
 * position (years, 4-10), salience, as published. Scholz, Calbert and Smith
 * (2011), Table 2, give its round-1 weighted mean 7.39 and weighted median
 * 7.0 (also quoted in ../shared/data/README.md).
 */
static const struct {
    const char *actor;
    double capability, position, salience;
} emission[] = {
    {"Netherlands", 0.08, 4, 0.8}, {"Belgium", 0.08, 7, 0.4}, {"Luxembourg", 0.03, 4, 0.2},
    {"Germany", 0.16, 4, 0.8},     {"France", 0.16, 10, 0.6}, {"Italy", 0.16, 10, 0.6},
    {"UK", 0.16, 10, 0.9},         {"Ireland", 0.05, 7, 0.1}, {"Denmark", 0.05, 4, 1.0},
    {"Greece", 0.08, 7, 0.7},
};

static pl_scenario *emission_scenario(void)
{
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    size_t issue;
    assert_int_equal(pl_scenario_add_continuous_issue(s, "standards", NULL, 4, 10, &issue), PL_OK);
    for (size_t k = 0; k < sizeof emission / sizeof emission[0]; k++) {
        size_t a;
        assert_int_equal(pl_scenario_add_actor(s, emission[k].actor, NULL,
                                               emission[k].capability, &a), PL_OK);
        assert_int_equal(pl_scenario_set_position(s, a, issue, emission[k].position,
                                                  emission[k].salience), PL_OK);
    }
    assert_int_equal(pl_scenario_validate(s, NULL), PL_OK);
    return s;
}

static void compromise_reproduces_scholz_table_2(void **state)
{
    (void)state;
    pl_scenario *s = emission_scenario();
    double forecast[1];
    assert_int_equal(pl_predict_compromise(s, forecast, NULL), PL_OK);
    assert_true(fabs(forecast[0] - 7.39) < 0.005);
    /* The exact value: 5.003 / 0.677. */
    assert_true(fabs(forecast[0] - 5.003 / 0.677) < 1e-12);
    pl_scenario_free(s);
}

static void median_reproduces_scholz_table_2(void **state)
{
    (void)state;
    pl_scenario *s = emission_scenario();
    double forecast[1];
    assert_int_equal(pl_predict_median(s, forecast, NULL), PL_OK);
    assert_true(forecast[0] == 7.0);
    pl_scenario_free(s);
}

/* Hand-computed: weights 1, 1, 2 at 0, 50, 100 -> cumulative 1, 2, 4; half is 2 -> 50. */
static void median_is_smallest_position_reaching_half(void **state)
{
    (void)state;
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    size_t i, a;
    assert_int_equal(pl_scenario_add_continuous_issue(s, "x", NULL, 0, 100, &i), PL_OK);
    const double positions[] = {100, 0, 50}, weights[] = {2, 1, 1};
    for (size_t k = 0; k < 3; k++) {
        char id[8];
        snprintf(id, sizeof id, "a%zu", k);
        assert_int_equal(pl_scenario_add_actor(s, id, NULL, weights[k], &a), PL_OK);
        assert_int_equal(pl_scenario_set_position(s, a, i, positions[k], 1.0), PL_OK);
    }
    double forecast[1];
    assert_int_equal(pl_predict_median(s, forecast, NULL), PL_OK);
    assert_true(forecast[0] == 50.0);
    /* One more unit of weight at 100 moves the half-way point there. */
    s->actors[0].capability = 2.5;
    assert_int_equal(pl_predict_median(s, forecast, NULL), PL_OK);
    assert_true(forecast[0] == 100.0);
    assert_int_equal(pl_predict_compromise(s, forecast, NULL), PL_OK);
    assert_true(fabs(forecast[0] - (250.0 + 50.0) / 4.5) < 1e-12);
    pl_scenario_free(s);
}

/* Per-issue capability (Decide) replaces the actor's; absent stances do not count. */
static void per_issue_capability_and_absent_stances(void **state)
{
    (void)state;
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    size_t i, j, a, b;
    assert_int_equal(pl_scenario_add_continuous_issue(s, "x", NULL, 0, 100, &i), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "y", NULL, 0, 100, &j), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "a", NULL, 1.0, &a), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "b", NULL, 1.0, &b), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, a, i, 0, 1.0), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, b, i, 100, 1.0), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, a, j, 20, 0.5), PL_OK);
    pl_scenario_stance(s, b, i)->has_capability = 1;
    pl_scenario_stance(s, b, i)->capability = 3.0;
    double forecast[2];
    assert_int_equal(pl_predict_compromise(s, forecast, NULL), PL_OK);
    assert_true(fabs(forecast[0] - 75.0) < 1e-12);
    assert_true(forecast[1] == 20.0);
    pl_scenario_free(s);
}

/*
 * Issue #19: an exact half tie decided exactly. Capabilities 7, 6, 1 and
 * saliences 0.35, 0.28, 0.77 at 29, 47, 43: weights 2.45, 1.68, 0.77, total
 * 4.9; the actor at 29 alone holds exactly half, so the median is 29 (by hand).
 * Summed in doubles 7 * 0.35 is 2.4499999999999997 < 4.9 / 2, which gave 43.
 */
static void median_decides_exact_half_tie(void **state)
{
    (void)state;
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    size_t i, a;
    assert_int_equal(pl_scenario_add_continuous_issue(s, "x", NULL, 0, 100, &i), PL_OK);
    const double capability[] = {7, 6, 1}, salience[] = {0.35, 0.28, 0.77};
    const double position[] = {29, 47, 43};
    for (size_t k = 0; k < 3; k++) {
        char id[8];
        snprintf(id, sizeof id, "a%zu", k);
        assert_int_equal(pl_scenario_add_actor(s, id, NULL, capability[k], &a), PL_OK);
        assert_int_equal(pl_scenario_set_position(s, a, i, position[k], salience[k]), PL_OK);
    }
    assert_true(7 * 0.35 < (7 * 0.35 + 6 * 0.28 + 1 * 0.77) / 2); /* the rounding is there */
    double forecast[1];
    assert_int_equal(pl_predict_median(s, forecast, NULL), PL_OK);
    assert_true(forecast[0] == 29.0);
    s->actors[0].capability = 6.99; /* now truly below half: 2.4465 < 2.44825 */
    assert_int_equal(pl_predict_median(s, forecast, NULL), PL_OK);
    assert_true(forecast[0] == 43.0);
    pl_scenario_free(s);
}

static void issue_without_weight_is_an_error(void **state)
{
    (void)state;
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    size_t i, a;
    assert_int_equal(pl_scenario_add_continuous_issue(s, "nobody_cares", NULL, 0, 1, &i), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "a", NULL, 1.0, &a), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, a, i, 0.5, 0.0), PL_OK);
    double forecast[1];
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_predict_median(s, forecast, &diag), PL_ERR_INVALID);
    assert_true(test_contains(diag.message, "nobody_cares"));
    assert_int_equal(pl_predict_compromise(s, forecast, &diag), PL_ERR_INVALID);
    pl_scenario_free(s);
}

/* Options: the option with the highest c*s-weighted value; ordered and placed -> median. */
static void options_issues(void **state)
{
    (void)state;
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    const char *ids[] = {"low", "mid", "high"};
    size_t i, a, b, c;
    assert_int_equal(pl_scenario_add_options_issue(s, "tier", NULL, 3, ids, &i), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "a", NULL, 1.0, &a), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "b", NULL, 1.0, &b), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "c", NULL, 1.5, &c), PL_OK);
    const double va[] = {1, 0.6, 0}, vb[] = {0.2, 1, 0.3}, vc[] = {0, 0.5, 1};
    assert_int_equal(pl_scenario_set_option_values(s, a, i, va, 1.0), PL_OK);
    assert_int_equal(pl_scenario_set_option_values(s, b, i, vb, 1.0), PL_OK);
    assert_int_equal(pl_scenario_set_option_values(s, c, i, vc, 1.0), PL_OK);
    double forecast[1];
    /* totals: low 1.2, mid 2.35, high 1.8 */
    assert_int_equal(pl_predict_compromise(s, forecast, NULL), PL_OK);
    assert_true(forecast[0] == 1.0);
    s->issues[i].ordered = 1;
    for (size_t k = 0; k < 3; k++) {
        s->issues[i].options[k].has_position = 1;
        s->issues[i].options[k].position = 50.0 * (double)k;
    }
    /* favourites: a low (w 1), b mid (w 1), c high (w 1.5): cumulative 1, 2, 3.5; half 1.75 */
    assert_int_equal(pl_predict_median(s, forecast, NULL), PL_OK);
    assert_true(forecast[0] == 1.0);
    s->actors[2].capability = 2.5; /* half is now 2.25: the median moves to "high" */
    assert_int_equal(pl_predict_median(s, forecast, NULL), PL_OK);
    assert_true(forecast[0] == 2.0);
    pl_scenario_free(s);
}

static void model_names_round_trip(void **state)
{
    (void)state;
    pl_model m;
    assert_int_equal(pl_model_from_name("median", &m), PL_OK);
    assert_int_equal(m, PL_MODEL_MEDIAN);
    assert_string_equal(pl_model_name(PL_MODEL_COMPROMISE), "compromise");
    assert_int_equal(pl_model_from_name("smp", &m), PL_OK);
    assert_int_equal(m, PL_MODEL_SMP);
    assert_true(pl_model_is_dynamic(PL_MODEL_EU) && !pl_model_is_dynamic(PL_MODEL_MEDIAN));
    assert_int_equal(pl_model_from_name("oracle", &m), PL_ERR_NOT_FOUND);
}

/* The trace keeps every round in order, past its first growth. */
static void trace_keeps_rounds(void **state)
{
    (void)state;
    pl_trace trace;
    assert_int_equal(pl_trace_init(&trace, 2, 3), PL_OK);
    for (int r = 0; r < 40; r++) {
        double positions[6], forecast[3], mean[3];
        for (int k = 0; k < 6; k++)
            positions[k] = r * 100 + k;
        for (int k = 0; k < 3; k++)
            forecast[k] = r + k / 10.0, mean[k] = -r - k / 10.0;
        assert_int_equal(pl_trace_append(&trace, positions, forecast, mean), PL_OK);
    }
    assert_int_equal(trace.n_rounds, 40);
    /* round 37, actor 1, issue 2 */
    assert_true(trace.positions[(37 * 2 + 1) * 3 + 2] == 3705);
    assert_true(trace.forecast[39 * 3 + 1] == 39.1);
    assert_true(trace.mean[20 * 3 + 2] == -20.2);
    pl_trace_clear(&trace);
    assert_null(trace.positions);
    assert_int_equal(trace.n_rounds, 0);
}

/* The contract's "mean": c*s-weighted over the actors with a stance on the issue. */
static void weighted_mean_of_positions(void **state)
{
    (void)state;
    pl_scenario *s = emission_scenario();
    double positions[10];
    for (size_t a = 0; a < 10; a++)
        positions[a] = emission[a].position;
    assert_true(fabs(pl_weighted_mean(s, 0, positions) - 5.003 / 0.677) < 1e-12);
    positions[0] = 10; /* the Netherlands (weight 0.064) moves from 4 to 10 */
    assert_true(fabs(pl_weighted_mean(s, 0, positions) - (5.003 + 0.064 * 6) / 0.677) < 1e-12);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(compromise_reproduces_scholz_table_2),
        cmocka_unit_test(median_reproduces_scholz_table_2),
        cmocka_unit_test(median_is_smallest_position_reaching_half),
        cmocka_unit_test(per_issue_capability_and_absent_stances),
        cmocka_unit_test(median_decides_exact_half_tie),
        cmocka_unit_test(issue_without_weight_is_an_error),
        cmocka_unit_test(options_issues),
        cmocka_unit_test(model_names_round_trip),
        cmocka_unit_test(trace_keeps_rounds),
        cmocka_unit_test(weighted_mean_of_positions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
