/*
 * test_scenario_restrict.c - pl_scenario_restrict() (parley/scenario.h): the
 * kept actors and issues in the order asked, stances and red lines moved to
 * the new issue indexes, the others' red lines and the left-out fields gone,
 * NULL lists keeping everything, and indexes out of range or repeated refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "parley/parley.h"

/* Actors A, B, C; issues x (0..100), o (options p, q, r), y (0..10).
 * A: x 10, o (1, 0.5, 0), y 2; B: x 90, o (0, 1, 0.2), red lines on x
 * [50, 100] and on o {q, r}; C: only y 8, red line on y. x has a reference
 * and an observed outcome. */
static pl_scenario *scenario(void)
{
    pl_scenario *s = NULL;
    static const char *const options[] = {"p", "q", "r"};
    static const double a_values[] = {1, 0.5, 0}, b_values[] = {0, 1, 0.2};
    static const unsigned char b_allowed[] = {0, 1, 1};
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "x", "X", 0, 100, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_options_issue(s, "o", "O", 3, options, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "y", "Y", 0, 10, NULL), PL_OK);
    s->issues[0].has_reference = s->issues[0].has_outcome = 1;
    s->issues[0].reference = 40;
    s->issues[0].outcome = 60;
    s->issues[1].ordered = 1;
    assert_int_equal(pl_scenario_add_actor(s, "A", NULL, 2, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "B", NULL, 3, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "C", NULL, 1, NULL), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, 0, 0, 10, 1), PL_OK);
    assert_int_equal(pl_scenario_set_option_values(s, 0, 1, a_values, 0.5), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, 0, 2, 2, 0.25), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, 1, 0, 90, 0.8), PL_OK);
    assert_int_equal(pl_scenario_set_option_values(s, 1, 1, b_values, 1), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, 2, 2, 8, 1), PL_OK);
    assert_int_equal(pl_scenario_add_red_line(s, 1, 0, 50, 100, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_red_line_options(s, 1, 1, b_allowed, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_red_line(s, 2, 2, 5, 10, NULL), PL_OK);
    s->actors[1].reservation = 0.4;
    s->actors[1].veto = 1;
    s->decision_rule.kind = PL_RULE_WEIGHTED_MAJORITY;
    s->acceptable_threshold = 0.8;
    pl_diag diag;
    assert_int_equal(pl_scenario_validate(s, &diag), PL_OK);
    return s;
}

/* B and A on issues o and x, in that order. */
static void test_order_and_indexes(void **state)
{
    (void)state;
    pl_scenario *s = scenario(), *t = NULL;
    static const size_t actors[] = {1, 0}, issues[] = {1, 0};
    assert_int_equal(pl_scenario_restrict(s, actors, 2, issues, 2, &t), PL_OK);
    assert_int_equal(t->n_actors, 2);
    assert_int_equal(t->n_issues, 2);
    assert_string_equal(t->actors[0].id, "B");
    assert_string_equal(t->actors[1].id, "A");
    assert_true(t->actors[0].capability == 3 && t->actors[0].reservation == 0.4);
    assert_true(t->actors[0].veto && !t->actors[1].veto);
    assert_string_equal(t->issues[0].id, "o");
    assert_string_equal(t->issues[1].id, "x");
    assert_true(t->issues[0].kind == PL_ISSUE_OPTIONS && t->issues[0].n_options == 3);
    assert_true(t->issues[0].ordered);
    assert_string_equal(t->issues[0].options[2].id, "r");
    assert_true(t->issues[1].low == 0 && t->issues[1].high == 100);
    /* stances follow: B's o values at (0, 0), A's x position at (1, 1) */
    const pl_stance *b_o = pl_scenario_stance_const(t, 0, 0);
    assert_true(b_o->present && b_o->salience == 1 && b_o->option_values[1] == 1);
    const pl_stance *a_x = pl_scenario_stance_const(t, 1, 1);
    assert_true(a_x->present && a_x->position == 10 && a_x->salience == 1);
    /* B's two red lines, re-indexed: options on issue 0, the range on issue 1 */
    assert_int_equal(t->n_red_lines, 2);
    for (size_t r = 0; r < 2; r++) {
        const pl_red_line *line = &t->red_lines[r];
        assert_int_equal(line->actor, 0);
        if (line->issue == 0)
            assert_true(line->allowed != NULL && !line->allowed[0] && line->allowed[1]);
        else
            assert_true(line->issue == 1 && line->low == 50 && line->high == 100);
    }
    /* scenario-wide settings kept; the observed outcome and reference left out */
    assert_int_equal(t->decision_rule.kind, PL_RULE_WEIGHTED_MAJORITY);
    assert_true(t->acceptable_threshold == 0.8);
    assert_false(t->issues[1].has_reference || t->issues[1].has_outcome);
    pl_diag diag;
    assert_int_equal(pl_scenario_validate(t, &diag), PL_OK);
    pl_scenario_free(t);
    pl_scenario_free(s);
}

/* One issue: only its red lines come along; NULL lists keep everyone. */
static void test_one_issue_and_all(void **state)
{
    (void)state;
    pl_scenario *s = scenario(), *t = NULL;
    static const size_t y = 2;
    assert_int_equal(pl_scenario_restrict(s, NULL, 0, &y, 1, &t), PL_OK);
    assert_int_equal(t->n_actors, 3);
    assert_int_equal(t->n_issues, 1);
    assert_false(pl_scenario_stance_const(t, 1, 0)->present); /* B has no stance on y */
    assert_true(pl_scenario_stance_const(t, 2, 0)->position == 8);
    assert_int_equal(t->n_red_lines, 1);
    assert_true(t->red_lines[0].actor == 2 && t->red_lines[0].issue == 0);
    pl_scenario_free(t);
    assert_int_equal(pl_scenario_restrict(s, NULL, 0, NULL, 0, &t), PL_OK);
    assert_true(t->n_actors == 3 && t->n_issues == 3 && t->n_red_lines == 3);
    pl_scenario_free(t);
    pl_scenario_free(s);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    pl_scenario *s = scenario(), *t = s;
    static const size_t out_of_range[] = {0, 3}, twice[] = {0, 0};
    assert_int_equal(pl_scenario_restrict(s, out_of_range, 2, NULL, 0, &t), PL_ERR_ARGUMENT);
    assert_null(t);
    assert_int_equal(pl_scenario_restrict(s, NULL, 0, out_of_range, 2, &t), PL_ERR_ARGUMENT);
    assert_int_equal(pl_scenario_restrict(s, twice, 2, NULL, 0, &t), PL_ERR_ARGUMENT);
    assert_null(t);
    assert_int_equal(pl_scenario_restrict(NULL, NULL, 0, NULL, 0, &t), PL_ERR_ARGUMENT);
    assert_int_equal(pl_scenario_restrict(s, NULL, 0, NULL, 0, NULL), PL_ERR_ARGUMENT);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_and_indexes),
        cmocka_unit_test(test_one_issue_and_all),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
