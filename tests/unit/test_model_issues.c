/*
 * test_model_issues.c - every model on every issue it can handle (issue #15):
 * a model leaves out the issues it cannot handle, with a stable reason, and
 * forecasts the others exactly as it would without them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "support.h"

#define N_ISSUES 4
#define MONITOR 1 /* the unordered options issue of options-mixed.json */

/*
 * tests/data/native/options-mixed.json: border, monitor (options un, osce,
 * none, in no order), budget, troops; every actor has a stance on every issue.
 */
static void every_model_forecasts_every_continuous_issue(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("native/options-mixed.json"));
    assert_int_equal(s->n_issues, N_ISSUES);
    for (size_t m = 0; m < PL_MODEL_COUNT; m++) {
        double forecast[N_ISSUES];
        pl_diag diag;
        pl_diag_clear(&diag);
        assert_int_equal(pl_predict(s, (pl_model)m, forecast, &diag), PL_OK);
        for (size_t i = 0; i < N_ISSUES; i++)
            if (i != MONITOR)
                assert_true(isfinite(forecast[i]));
        /* compromise and median forecast the options issue too; the others leave it out */
        assert_true(pl_model_is_dynamic((pl_model)m) ? isnan(forecast[MONITOR])
                                                     : forecast[MONITOR] >= 0);
    }
    pl_scenario_free(s);
}

/*
 * The forecast on the continuous issues is the model's forecast of the
 * scenario without the options issue, built independently with
 * pl_scenario_restrict (bit for bit: the same inputs in the same order).
 */
static void left_out_issue_changes_nothing_else(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("native/options-mixed.json"));
    const size_t continuous[] = {0, 2, 3};
    pl_scenario *t = NULL;
    assert_int_equal(pl_scenario_restrict(s, NULL, 0, continuous, 3, &t), PL_OK);
    for (size_t m = 0; m < PL_MODEL_COUNT; m++) {
        double full[N_ISSUES], part[3];
        assert_int_equal(pl_predict(s, (pl_model)m, full, NULL), PL_OK);
        assert_int_equal(pl_predict(t, (pl_model)m, part, NULL), PL_OK);
        for (size_t k = 0; k < 3; k++)
            assert_true(full[continuous[k]] == part[k]);
    }
    pl_scenario_free(t);
    pl_scenario_free(s);
}

static void reasons_are_stable_strings(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("native/options-mixed.json"));
    assert_string_equal(pl_model_skip_reason(s, PL_MODEL_EU, 0, MONITOR), "unordered options");
    assert_string_equal(pl_model_skip_reason(s, PL_MODEL_EXCHANGE, 0, MONITOR), "options issue");
    assert_string_equal(pl_model_skip_reason(s, PL_MODEL_SMP, 0, MONITOR), "options issue");
    assert_null(pl_model_skip_reason(s, PL_MODEL_COMPROMISE, 0, MONITOR));
    assert_null(pl_model_skip_reason(s, PL_MODEL_MEDIAN, 0, MONITOR));
    for (size_t m = 0; m < PL_MODEL_COUNT; m++)
        assert_null(pl_model_skip_reason(s, (pl_model)m, 0, 0));
    /* ordered, but not every option placed on the scale */
    s->issues[MONITOR].ordered = 1;
    assert_string_equal(pl_model_skip_reason(s, PL_MODEL_EU, 0, MONITOR),
                        "options without positions");
    /* ordered and placed: eu handles it like a continuous issue */
    for (size_t k = 0; k < 3; k++) {
        s->issues[MONITOR].options[k].has_position = 1;
        s->issues[MONITOR].options[k].position = 50.0 * (double)k;
    }
    assert_null(pl_model_skip_reason(s, PL_MODEL_EU, 0, MONITOR));
    double forecast[N_ISSUES];
    assert_int_equal(pl_predict(s, PL_MODEL_EU, forecast, NULL), PL_OK);
    assert_true(forecast[MONITOR] >= 0 && forecast[MONITOR] <= 2);
    pl_scenario_free(s);
}

/*
 * A missing stance: eu and exchange leave the actor out of that issue (as
 * they always have); smp, whose model places every actor on every dimension
 * (KTAB), leaves out the issue; the other issues keep every model.
 */
static void missing_stance_rule_per_model(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("native/options-mixed.json"));
    pl_scenario_stance(s, 3, 3)->present = 0; /* west says nothing on troops */
    assert_string_equal(pl_model_skip_reason(s, PL_MODEL_SMP, 0, 3), "missing stance");
    for (size_t m = 0; m < PL_MODEL_COUNT; m++) {
        double forecast[N_ISSUES];
        assert_int_equal(pl_predict(s, (pl_model)m, forecast, NULL), PL_OK);
        assert_true(isfinite(forecast[0]) && isfinite(forecast[2]));
        assert_true(m == PL_MODEL_SMP ? isnan(forecast[3]) : isfinite(forecast[3]));
    }
    pl_scenario_free(s);
}

/* Exchange, X6: zero salience leaves out the issue by default, not with zero=exclude. */
static void exchange_zero_salience_leaves_out_the_issue(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("native/options-mixed.json"));
    pl_scenario_stance(s, 2, 2)->salience = 0; /* east does not care about the budget */
    assert_string_equal(pl_model_skip_reason(s, PL_MODEL_EXCHANGE, 0, 2),
                        "zero salience or capability");
    assert_null(pl_model_skip_reason(s, PL_MODEL_EXCHANGE, PL_SKIP_FLAG_ZERO_EXCLUDE, 2));
    double forecast[N_ISSUES];
    assert_int_equal(pl_predict(s, PL_MODEL_EXCHANGE, forecast, NULL), PL_OK);
    assert_true(isnan(forecast[1]) && isnan(forecast[2]));
    assert_true(isfinite(forecast[0]) && isfinite(forecast[3]));
    pl_scenario_free(s);
}

/* A model that handles no issue fails with a message naming the first and why. */
static void no_issue_left_is_an_error(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("native/options-mixed.json"));
    const size_t monitor_only[] = {MONITOR};
    pl_scenario *t = NULL;
    assert_int_equal(pl_scenario_restrict(s, NULL, 0, monitor_only, 1, &t), PL_OK);
    pl_scenario *part = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_model_scenario(t, PL_MODEL_SMP, 0, &part, &diag), PL_ERR_UNSUPPORTED);
    assert_null(part);
    assert_true(test_contains(diag.message, "monitor"));
    assert_true(test_contains(diag.message, "options issue"));
    double forecast[1];
    assert_int_equal(pl_predict(t, PL_MODEL_EXCHANGE, forecast, NULL), PL_ERR_UNSUPPORTED);
    assert_int_equal(pl_predict(t, PL_MODEL_COMPROMISE, forecast, NULL), PL_OK);
    pl_scenario_free(t);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_model_forecasts_every_continuous_issue),
        cmocka_unit_test(left_out_issue_changes_nothing_else),
        cmocka_unit_test(reasons_are_stable_strings),
        cmocka_unit_test(missing_stance_rule_per_model),
        cmocka_unit_test(exchange_zero_salience_leaves_out_the_issue),
        cmocka_unit_test(no_issue_left_is_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
