/*
 * test_analysis.c - utilities, proposal evaluation and the red-line analysis,
 * on hand-computed cases.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "support.h"

/*
 * Two issues on 0-100. A (veto, reservation 0.5) wants 100 on x (salience 1)
 * and 0 on y (salience 0.5), red line x >= 60. B (veto, reservation 0.4)
 * wants 0 on x (1.0) and 100 on y (0.5), red line x <= 40. C (no veto) sits
 * at 50/50.
 */
static pl_scenario *two_sides(void)
{
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    size_t x, y, a, b, c;
    assert_int_equal(pl_scenario_add_continuous_issue(s, "x", NULL, 0, 100, &x), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "y", NULL, 0, 100, &y), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "A", NULL, 2.0, &a), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "B", NULL, 1.0, &b), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "C", NULL, 1.0, &c), PL_OK);
    s->actors[a].veto = s->actors[b].veto = 1;
    s->actors[a].reservation = 0.5;
    s->actors[b].reservation = 0.4;
    assert_int_equal(pl_scenario_set_position(s, a, x, 100, 1.0), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, a, y, 0, 0.5), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, b, x, 0, 1.0), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, b, y, 100, 0.5), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, c, x, 50, 1.0), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, c, y, 50, 1.0), PL_OK);
    assert_int_equal(pl_scenario_add_red_line(s, a, x, 60, 100, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_red_line(s, b, x, 0, 40, NULL), PL_OK);
    assert_int_equal(pl_scenario_validate(s, NULL), PL_OK);
    return s;
}

static void item_and_package_utility(void **state)
{
    (void)state;
    pl_scenario *s = two_sides();
    assert_true(fabs(pl_item_utility(s, 0, 0, 70) - 0.7) < 1e-12);
    assert_true(fabs(pl_item_utility(s, 1, 0, 70) - 0.3) < 1e-12);
    /* A: (1.0 * 0.7 + 0.5 * 0.8) / 1.5 */
    const double package[] = {70, 20};
    assert_true(fabs(pl_package_utility(s, 0, package) - 1.1 / 1.5) < 1e-12);
    s->utility_form = PL_UTILITY_QUADRATIC;
    assert_true(fabs(pl_item_utility(s, 0, 0, 70) - 0.91) < 1e-12);
    pl_scenario_free(s);
}

static void verdicts_follow_thresholds_and_red_lines(void **state)
{
    (void)state;
    pl_scenario *s = two_sides();
    const double package[] = {70, 20};
    pl_evaluation *e = NULL;
    assert_int_equal(pl_evaluate(s, package, &e), PL_OK);
    /* A: x 0.7 critical, y 0.8 acceptable; B: x crosses its red line, y 0.2 negative. */
    assert_int_equal(e->verdict[0 * 2 + 0], PL_VERDICT_CRITICAL);
    assert_int_equal(e->verdict[0 * 2 + 1], PL_VERDICT_ACCEPTABLE);
    assert_int_equal(e->verdict[1 * 2 + 0], PL_VERDICT_UNACCEPTABLE);
    assert_int_equal(e->verdict[1 * 2 + 1], PL_VERDICT_NEGATIVE);
    assert_int_equal(e->acceptance[0], PL_ACCEPTS);
    assert_int_equal(e->acceptance[1], PL_REJECTS_RED_LINE);
    assert_int_equal(e->red_lines_crossed[1], 1);
    /* C: x 0.8, y 0.7 -> utility 0.75 >= 0 */
    assert_int_equal(e->acceptance[2], PL_ACCEPTS);
    assert_false(e->passes);
    assert_true(fabs(e->accepting_capability_share - 0.75) < 1e-12);
    pl_evaluation_free(e);

    /* Thresholds are parameters: raise "acceptable" above 0.8 and y becomes critical. */
    s->acceptable_threshold = 0.85;
    assert_int_equal(pl_evaluate(s, package, &e), PL_OK);
    assert_int_equal(e->verdict[0 * 2 + 1], PL_VERDICT_CRITICAL);
    pl_evaluation_free(e);
    pl_scenario_free(s);
}

static void below_reservation_rejects(void **state)
{
    (void)state;
    pl_scenario *s = two_sides();
    /* Drop the red lines' conflict: B accepts x <= 60 now. */
    s->red_lines[1].high = 60;
    const double package[] = {60, 0};
    pl_evaluation *e = NULL;
    assert_int_equal(pl_evaluate(s, package, &e), PL_OK);
    /* B: (1.0 * 0.4 + 0.5 * 0.0) / 1.5 = 0.267 < 0.4 */
    assert_int_equal(e->acceptance[1], PL_REJECTS_BELOW_RESERVATION);
    assert_int_equal(e->acceptance[0], PL_ACCEPTS);
    assert_false(e->passes);
    pl_evaluation_free(e);
    const double fair[] = {60, 100};
    assert_int_equal(pl_evaluate(s, fair, &e), PL_OK);
    /* B: (0.4 + 0.5) / 1.5 = 0.6; A: (0.6 + 0) / 1.5 = 0.4 < 0.5 */
    assert_int_equal(e->acceptance[1], PL_ACCEPTS);
    assert_int_equal(e->acceptance[0], PL_REJECTS_BELOW_RESERVATION);
    pl_evaluation_free(e);
    pl_scenario_free(s);
}

static void red_lines_that_do_not_overlap_block(void **state)
{
    (void)state;
    pl_scenario *s = two_sides();
    pl_red_line_analysis *r = NULL;
    assert_int_equal(pl_analyse_red_lines(s, &r, NULL), PL_OK);
    assert_false(r->compatible);
    assert_int_equal(r->n_coalition, 2);
    assert_int_equal(r->n_blocking, 1);
    assert_int_equal(r->blocking[0].issue, 0);
    assert_true(fabs(r->blocking[0].gap - 20) < 1e-12);
    assert_true(fabs(r->blocking[0].gap_share - 0.2) < 1e-12);
    assert_int_equal(r->blocking[0].low_actor, 0);
    assert_int_equal(r->blocking[0].high_actor, 1);
    assert_true(r->feasible_low[1] == 0 && r->feasible_high[1] == 100);
    pl_red_line_analysis_free(r);

    s->red_lines[1].high = 60; /* now [60, 60] is common ground */
    assert_int_equal(pl_analyse_red_lines(s, &r, NULL), PL_OK);
    assert_true(r->compatible);
    assert_int_equal(r->n_blocking, 0);
    assert_true(r->feasible_low[0] == 60 && r->feasible_high[0] == 60);
    pl_red_line_analysis_free(r);
    pl_scenario_free(s);
}

/* Red lines of actors without a veto do not block a unanimity-of-vetoes rule. */
static void only_those_who_decide_count(void **state)
{
    (void)state;
    pl_scenario *s = two_sides();
    s->actors[1].veto = 0;
    pl_red_line_analysis *r = NULL;
    assert_int_equal(pl_analyse_red_lines(s, &r, NULL), PL_OK);
    assert_true(r->compatible);
    assert_int_equal(r->n_coalition, 1);
    assert_int_equal(r->coalition[0], 0);
    pl_red_line_analysis_free(r);

    /* Weighted majority of 60%: A (2 of 4) needs C or B; A+C have compatible lines. */
    s->actors[0].veto = 0;
    s->decision_rule.kind = PL_RULE_WEIGHTED_MAJORITY;
    s->decision_rule.threshold = 0.6;
    assert_int_equal(pl_analyse_red_lines(s, &r, NULL), PL_OK);
    assert_true(r->compatible);
    /* 90%: all three must agree, and A and B cannot. */
    s->decision_rule.threshold = 0.9;
    pl_red_line_analysis_free(r);
    assert_int_equal(pl_analyse_red_lines(s, &r, NULL), PL_OK);
    assert_false(r->compatible);
    assert_int_equal(r->n_coalition, 3);
    pl_red_line_analysis_free(r);
    pl_scenario_free(s);
}

static void options_red_lines(void **state)
{
    (void)state;
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    const char *ids[] = {"p", "q", "r"};
    size_t i, a, b;
    assert_int_equal(pl_scenario_add_options_issue(s, "o", NULL, 3, ids, &i), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "a", NULL, 1, &a), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "b", NULL, 1, &b), PL_OK);
    const unsigned char only_p[] = {1, 0, 0}, q_or_r[] = {0, 1, 1}, p_or_q[] = {1, 1, 0};
    assert_int_equal(pl_scenario_add_red_line_options(s, a, i, only_p, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_red_line_options(s, b, i, q_or_r, NULL), PL_OK);
    pl_red_line_analysis *r = NULL;
    assert_int_equal(pl_analyse_red_lines(s, &r, NULL), PL_OK);
    assert_false(r->compatible);
    assert_true(r->blocking[0].gap == 1.0);
    pl_red_line_analysis_free(r);
    memcpy(s->red_lines[1].allowed, p_or_q, 3);
    assert_int_equal(pl_analyse_red_lines(s, &r, NULL), PL_OK);
    assert_true(r->compatible);
    pl_red_line_analysis_free(r);
    const double package[] = {1};
    assert_false(pl_red_line_allows(s, &s->red_lines[0], package[0]));
    assert_true(pl_red_line_allows(s, &s->red_lines[1], package[0]));
    pl_scenario_free(s);
}

static void copy_is_deep_and_equal(void **state)
{
    (void)state;
    pl_scenario *s = two_sides(), *copy = NULL;
    assert_int_equal(pl_scenario_add_caveat(s, "illustrative"), PL_OK);
    assert_int_equal(pl_scenario_add_proposal(s, "mid", NULL, NULL), PL_OK);
    s->proposals[0].values[0] = 50;
    s->proposals[0].values[1] = 50;
    assert_int_equal(pl_scenario_copy(s, &copy), PL_OK);
    assert_string_equal(copy->actors[1].id, "B");
    assert_ptr_not_equal(copy->actors[1].id, s->actors[1].id);
    assert_string_equal(copy->provenance.caveats[0], "illustrative");
    assert_true(copy->red_lines[1].high == 40);
    assert_true(copy->proposals[0].values[1] == 50);
    copy->proposals[0].values[1] = 10;
    assert_true(s->proposals[0].values[1] == 50);
    assert_int_equal(pl_scenario_validate(copy, NULL), PL_OK);
    pl_scenario_free(copy);
    pl_scenario_free(s);
}

static void builder_keeps_stances_when_growing(void **state)
{
    (void)state;
    pl_scenario *s = two_sides();
    size_t z, d;
    assert_int_equal(pl_scenario_add_continuous_issue(s, "z", NULL, -1, 1, &z), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "D", NULL, 1, &d), PL_OK);
    assert_true(pl_scenario_stance(s, 1, 1)->position == 100);
    assert_true(pl_scenario_stance(s, 0, 0)->salience == 1.0);
    assert_false(pl_scenario_stance(s, 0, z)->present);
    assert_false(pl_scenario_stance(s, d, 0)->present);
    size_t found;
    assert_int_equal(pl_scenario_find_issue(s, "z", &found), PL_OK);
    assert_int_equal(found, 2);
    assert_int_equal(pl_scenario_find_actor(s, "nobody", &found), PL_ERR_NOT_FOUND);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(item_and_package_utility),
        cmocka_unit_test(verdicts_follow_thresholds_and_red_lines),
        cmocka_unit_test(below_reservation_rejects),
        cmocka_unit_test(red_lines_that_do_not_overlap_block),
        cmocka_unit_test(only_those_who_decide_count),
        cmocka_unit_test(options_red_lines),
        cmocka_unit_test(copy_is_deep_and_equal),
        cmocka_unit_test(builder_keeps_stances_when_growing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
