/*
 * test_backtest.c - backtesting: errors computed by hand, the baselines, models
 * that do not apply, issue-by-issue forecasting, and the paired bootstrap
 * (reproducible, sensible, edge cases).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "parley/backtest.h"
#include "support.h"

#define CLOSE(x, y) assert_true(fabs((x) - (y)) < 1e-9)

/*
 * Issue x on [0, 100]: a at 0, b at 100 (capability 1), c at 60 (capability 2),
 * all salience 1; compromise 55, median 60; outcome 50, reference 20.
 * Issue y on [0, 200]: a at 0, b at 200, c at 50; compromise 75, median 50;
 * outcome 100, no reference. Issue z has no outcome.
 */
static pl_scenario *hand_scenario(void)
{
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "x", NULL, 0, 100, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "y", NULL, 0, 200, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "z", NULL, 0, 10, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "a", NULL, 1, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "b", NULL, 1, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "c", NULL, 2, NULL), PL_OK);
    const double positions[3][3] = {{0, 0, 1}, {100, 200, 9}, {60, 50, 5}};
    for (size_t a = 0; a < 3; a++)
        for (size_t i = 0; i < 3; i++)
            assert_int_equal(pl_scenario_set_position(s, a, i, positions[a][i], 1), PL_OK);
    s->issues[0].has_outcome = 1;
    s->issues[0].outcome = 50;
    s->issues[0].has_reference = 1;
    s->issues[0].reference = 20;
    s->issues[1].has_outcome = 1;
    s->issues[1].outcome = 100;
    assert_int_equal(pl_scenario_validate(s, NULL), PL_OK);
    return s;
}

static const pl_backtest_method *method(const pl_backtest *b, const char *name)
{
    for (size_t m = 0; m < b->n_methods; m++)
        if (strcmp(b->methods[m].name, name) == 0)
            return &b->methods[m];
    fail_msg("no method %s", name);
    return NULL;
}

static pl_backtest *run(const pl_scenario *const *scenarios, size_t n,
                        const pl_backtest_options *options)
{
    pl_backtest *b = NULL;
    pl_diag diag;
    int rc = pl_backtest_run(scenarios, n, options, &b, &diag);
    if (rc != PL_OK)
        print_error("%s\n", diag.message);
    assert_int_equal(rc, PL_OK);
    return b;
}

static void every_model_and_both_baselines_are_methods(void **state)
{
    (void)state;
    pl_scenario *s = hand_scenario();
    pl_backtest *b = run((const pl_scenario *const *)&s, 1, NULL);
    assert_int_equal(b->n_methods, PL_MODEL_COUNT + 2);
    for (size_t m = 0; m < PL_MODEL_COUNT; m++) {
        assert_string_equal(b->methods[m].name, pl_model_name((pl_model)m));
        assert_int_equal(b->methods[m].kind, PL_BACKTEST_MODEL);
    }
    assert_string_equal(b->methods[PL_MODEL_COUNT].name, "midpoint");
    assert_string_equal(b->methods[PL_MODEL_COUNT + 1].name, "reference");
    assert_int_equal(b->n_issues, 2);
    assert_true(b->issues[0].issue == 0 && b->issues[1].issue == 1);
    assert_int_equal(b->bootstrap, PL_BACKTEST_DEFAULT_BOOTSTRAP);
    assert_true(b->seed == PL_BACKTEST_DEFAULT_SEED);
    pl_backtest_free(b);
    pl_scenario_free(s);
}

static void errors_match_the_hand_computation(void **state)
{
    (void)state;
    pl_scenario *s = hand_scenario();
    pl_backtest *b = run((const pl_scenario *const *)&s, 1, NULL);
    const pl_backtest_method *c = method(b, "compromise"), *m = method(b, "median");
    const pl_backtest_method *mid = method(b, "midpoint"), *ref = method(b, "reference");
    /* compromise: |55 - 50| = 5; |75 - 100| x 100 / 200 = 12.5 */
    CLOSE(b->forecasts[0 * b->n_methods + PL_MODEL_COMPROMISE], 55);
    CLOSE(b->errors[1 * b->n_methods + PL_MODEL_COMPROMISE], 12.5);
    assert_true(c->n == 2 && c->not_applicable == 0);
    CLOSE(c->mean_error, 8.75);
    CLOSE(c->median_error, 8.75);
    CLOSE(c->within[0], 0.5); /* 5 is within 5 points */
    CLOSE(c->within[1], 0.5);
    CLOSE(c->within[2], 1);
    assert_int_equal(c->difference.n, 0);
    /* median: 10 and 25 */
    CLOSE(m->mean_error, 17.5);
    CLOSE(m->within[0], 0);
    CLOSE(m->within[1], 0.5);
    assert_int_equal(m->difference.n, 2);
    CLOSE(m->difference.mean, 8.75);
    assert_true(m->difference.has_interval);
    assert_true(m->difference.low >= 5 - 1e-9 && m->difference.high <= 12.5 + 1e-9);
    /* midpoint: 50 and 100, both exact */
    assert_int_equal(mid->n, 2);
    CLOSE(mid->mean_error, 0);
    CLOSE(mid->difference.mean, -8.75);
    /* reference: only on x, |20 - 50| = 30 */
    assert_true(ref->n == 1 && ref->not_applicable == 1);
    CLOSE(ref->mean_error, 30);
    CLOSE(ref->median_error, 30);
    assert_true(isnan(b->errors[1 * b->n_methods + PL_MODEL_COUNT + 1]));
    CLOSE(ref->difference.mean, 25);
    CLOSE(ref->difference.low, 25);
    CLOSE(ref->difference.high, 25);
    pl_backtest_free(b);
    pl_scenario_free(s);
}

static void options_issues_score_hit_or_distance(void **state)
{
    (void)state;
    pl_issue issue;
    pl_option options[3];
    memset(&issue, 0, sizeof issue);
    memset(options, 0, sizeof options);
    issue.kind = PL_ISSUE_OPTIONS;
    issue.low = 0;
    issue.high = 50;
    issue.n_options = 3;
    issue.options = options;
    CLOSE(pl_backtest_error(&issue, 1, 1), 0);
    CLOSE(pl_backtest_error(&issue, 0, 2), 100);
    assert_true(isnan(pl_backtest_error(&issue, 3, 1)));
    assert_true(isnan(pl_backtest_error(&issue, 0.5, 1)));
    for (size_t k = 0; k < 3; k++) {
        options[k].has_position = 1;
        options[k].position = 10.0 * (double)k;
    }
    CLOSE(pl_backtest_error(&issue, 0, 2), 40); /* 20 of a range of 50 */
    issue.kind = PL_ISSUE_CONTINUOUS;
    CLOSE(pl_backtest_error(&issue, 12.5, 25), 25);
    assert_true(isnan(pl_backtest_error(&issue, NAN, 25)));
}

/* Issue p has stances, issue q none: every model leaves out q (issue #15). */
static pl_scenario *half_empty_scenario(void)
{
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "p", NULL, 0, 100, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "q", NULL, 0, 100, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "a", NULL, 1, NULL), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, 0, 0, 30, 1), PL_OK);
    for (size_t i = 0; i < 2; i++) {
        s->issues[i].has_outcome = 1;
        s->issues[i].outcome = 40;
    }
    return s;
}

static void failing_models_are_not_applicable(void **state)
{
    (void)state;
    pl_scenario *s = half_empty_scenario();
    pl_backtest_options options = PL_BACKTEST_OPTIONS_INIT;
    options.split = PL_BACKTEST_SPLIT_JOINT;
    pl_backtest *b = run((const pl_scenario *const *)&s, 1, &options);
    const pl_backtest_method *c = method(b, "compromise");
    assert_true(c->n == 1 && c->not_applicable == 1); /* p forecast, 30: 10 points off */
    CLOSE(c->mean_error, 10);
    assert_int_equal(method(b, "midpoint")->n, 2);
    assert_int_equal(method(b, "midpoint")->difference.n, 1);
    /* the reason for every n/a: q (row 1) has no weight; p (row 0) has a forecast */
    assert_null(b->reasons[0 * b->n_methods + PL_MODEL_COMPROMISE]);
    assert_null(b->reasons[0 * b->n_methods + PL_MODEL_MEDIAN]);
    assert_string_equal(b->reasons[1 * b->n_methods + PL_MODEL_COMPROMISE], "no weight");
    /* smp needs 3 actors: its failure on the whole scenario is the reason on both issues */
    assert_true(test_contains(b->reasons[0 * b->n_methods + PL_MODEL_SMP], "3 to 250"));
    assert_string_equal(b->reasons[0 * b->n_methods + PL_MODEL_COUNT + 1], "no reference point");
    pl_backtest_free(b);
    /* Issue by issue, p is forecast (30: 10 points off) and only q is not. */
    options.split = PL_BACKTEST_SPLIT_ISSUE;
    b = run((const pl_scenario *const *)&s, 1, &options);
    c = method(b, "compromise");
    assert_true(c->n == 1 && c->not_applicable == 1);
    CLOSE(c->mean_error, 10);
    assert_int_equal(method(b, "midpoint")->difference.n, 1);
    CLOSE(method(b, "midpoint")->difference.mean, 0);
    pl_backtest_free(b);
    pl_scenario_free(s);
}

static void split_forecasts_equal_joint_ones_for_one_issue_models(void **state)
{
    (void)state;
    pl_scenario *s = hand_scenario();
    pl_backtest_options options = PL_BACKTEST_OPTIONS_INIT;
    options.bootstrap = 0;
    options.split = PL_BACKTEST_SPLIT_ISSUE;
    pl_backtest *split = run((const pl_scenario *const *)&s, 1, &options);
    options.split = PL_BACKTEST_SPLIT_JOINT;
    pl_backtest *joint = run((const pl_scenario *const *)&s, 1, &options);
    for (size_t m = 0; m < 2; m++)
        for (size_t k = 0; k < 2; k++)
            CLOSE(split->forecasts[k * split->n_methods + m],
                  joint->forecasts[k * joint->n_methods + m]);
    assert_false(split->methods[1].difference.has_interval);
    pl_backtest_free(split);
    pl_backtest_free(joint);
    pl_scenario_free(s);
}

static void deu_tables_are_forecast_row_by_row(void **state)
{
    (void)state;
    pl_scenario *s[2];
    s[0] = test_load(test_data_path("deu/deu3-sample.csv"));
    s[1] = test_load(test_data_path("native/outcomes.json"));
    pl_backtest *b = run((const pl_scenario *const *)s, 2, NULL);
    assert_int_equal(b->n_issues, 10);
    const pl_backtest_method *c = method(b, "compromise");
    assert_true(c->n == 10 && c->not_applicable == 0);
    /*
     * Row 101-1 by hand (EU-15 weights x salience): com 10 x .7 at 80, ep 10 x .9 at 100,
     * fr 10 x .6 at 20, de 10 x .8 at 60, it 10 x .5 (no salience) at 40, nl 5 x .4 at 80,
     * pt 5 x .3 at 30, es 8 x .5 at 50, se 4 x .7 at 100, uk 10 x .9 at 0: 2945 / 54.3.
     */
    CLOSE(b->forecasts[PL_MODEL_COMPROMISE], 2945 / 54.3);
    CLOSE(b->errors[PL_MODEL_COMPROMISE], 60 - 2945 / 54.3);
    /* Row 303-1 has no rp: the reference baseline skips it; outcomes.json's herring too. */
    assert_int_equal(method(b, "reference")->not_applicable, 2);
    /* The options issue of outcomes.json has no midpoint. */
    assert_int_equal(method(b, "midpoint")->not_applicable, 1);
    pl_backtest_free(b);
    pl_scenario_free(s[0]);
    pl_scenario_free(s[1]);
}

static void no_outcome_and_bad_options_are_refused(void **state)
{
    (void)state;
    pl_scenario *s = hand_scenario();
    pl_backtest *b = NULL;
    pl_diag diag;
    pl_backtest_options options = PL_BACKTEST_OPTIONS_INIT;
    options.bootstrap = PL_BACKTEST_MAX_BOOTSTRAP + 1;
    assert_int_equal(pl_backtest_run((const pl_scenario *const *)&s, 1, &options, &b, &diag),
                     PL_ERR_ARGUMENT);
    options = (pl_backtest_options)PL_BACKTEST_OPTIONS_INIT;
    options.version = 99;
    assert_int_equal(pl_backtest_run((const pl_scenario *const *)&s, 1, &options, &b, &diag),
                     PL_ERR_ARGUMENT);
    s->issues[0].has_outcome = s->issues[1].has_outcome = 0;
    assert_int_equal(pl_backtest_run((const pl_scenario *const *)&s, 1, NULL, &b, &diag),
                     PL_ERR_INVALID);
    assert_null(b);
    assert_true(test_contains(diag.message, "no issue has an observed outcome"));
    assert_int_equal(pl_backtest_run(NULL, 0, NULL, &b, &diag), PL_ERR_INVALID);
    pl_backtest_free(NULL);
    pl_scenario_free(s);
}

/* ---- the bootstrap --------------------------------------------------------------------- */

static const double sample[] = {3.5, -1, 7, 2, 0, 12, -4, 5.5, 1, 8, -2, 6};
#define N_SAMPLE (sizeof sample / sizeof sample[0])

static double sample_mean(void)
{
    double sum = 0;
    for (size_t k = 0; k < N_SAMPLE; k++)
        sum += sample[k];
    return sum / (double)N_SAMPLE;
}

static void same_seed_gives_the_same_interval(void **state)
{
    (void)state;
    double low1, high1, low2, high2, low3, high3;
    assert_int_equal(pl_backtest_bootstrap(sample, N_SAMPLE, 2000, 7, &low1, &high1), PL_OK);
    assert_int_equal(pl_backtest_bootstrap(sample, N_SAMPLE, 2000, 7, &low2, &high2), PL_OK);
    assert_true(low1 == low2 && high1 == high2);
    assert_int_equal(pl_backtest_bootstrap(sample, N_SAMPLE, 2000, 8, &low3, &high3), PL_OK);
    assert_true(low3 != low1 || high3 != high1);
}

static void interval_contains_the_observed_mean(void **state)
{
    (void)state;
    double low, high, mean = sample_mean();
    assert_int_equal(pl_backtest_bootstrap(sample, N_SAMPLE, 2000, PL_BACKTEST_DEFAULT_SEED, &low,
                                           &high),
                     PL_OK);
    assert_true(low < mean && mean < high);
    /* Inside the range of the data, and roughly mean +/- 2 standard errors (about 2.5 here). */
    assert_true(low > -4 && high < 12);
    assert_true(high - low > 2 && high - low < 10);
}

static void edge_cases_of_the_bootstrap(void **state)
{
    (void)state;
    double low, high;
    /* B = 1: both ends are the one replicate's mean, a mean of sample values. */
    assert_int_equal(pl_backtest_bootstrap(sample, N_SAMPLE, 1, 3, &low, &high), PL_OK);
    assert_true(low == high && low >= -4 && low <= 12);
    /* One difference, or all equal: the interval is that value. */
    const double one = 2.5, same[4] = {1.25, 1.25, 1.25, 1.25};
    assert_int_equal(pl_backtest_bootstrap(&one, 1, 1, 3, &low, &high), PL_OK);
    assert_true(low == 2.5 && high == 2.5);
    assert_int_equal(pl_backtest_bootstrap(same, 4, 500, 3, &low, &high), PL_OK);
    CLOSE(low, 1.25);
    CLOSE(high, 1.25);
    /* Nothing to resample, or no replicates. */
    assert_int_equal(pl_backtest_bootstrap(sample, 0, 10, 3, &low, &high), PL_ERR_ARGUMENT);
    assert_int_equal(pl_backtest_bootstrap(sample, N_SAMPLE, 0, 3, &low, &high),
                     PL_ERR_ARGUMENT);
    assert_int_equal(pl_backtest_bootstrap(NULL, 3, 10, 3, &low, &high), PL_ERR_ARGUMENT);
}

static void thresholds_are_five_ten_twenty(void **state)
{
    (void)state;
    CLOSE(pl_backtest_within(0), 5);
    CLOSE(pl_backtest_within(1), 10);
    CLOSE(pl_backtest_within(2), 20);
    CLOSE(pl_backtest_within(3), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_model_and_both_baselines_are_methods),
        cmocka_unit_test(errors_match_the_hand_computation),
        cmocka_unit_test(options_issues_score_hit_or_distance),
        cmocka_unit_test(failing_models_are_not_applicable),
        cmocka_unit_test(split_forecasts_equal_joint_ones_for_one_issue_models),
        cmocka_unit_test(deu_tables_are_forecast_row_by_row),
        cmocka_unit_test(no_outcome_and_bad_options_are_refused),
        cmocka_unit_test(same_seed_gives_the_same_interval),
        cmocka_unit_test(interval_contains_the_observed_mean),
        cmocka_unit_test(edge_cases_of_the_bootstrap),
        cmocka_unit_test(thresholds_are_five_ten_twenty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
