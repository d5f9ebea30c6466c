/*
 * test_mediate.c - the mediator's single negotiating text (src/lib/agreement/mediate.c)
 * on hand-computed cases.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "parley/mediate.h"
#include "support.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-7)

/*
 * Issues x, y on 0-100. A (veto, reservation 0.6) cares about x only (ideal 100);
 * B (veto, reservation 0.3) about y only (ideal 0). From (20, 50): A needs
 * x >= 60, B is content (0.5): the text is (60, 50), a change of 0.4.
 */
static pl_scenario *pair(void)
{
    const double stance[2][2][2] = {{{100, 1}, {50, 0}}, {{50, 0}, {0, 1}}};
    pl_scenario *s = test_two_by_two(1, 1, stance);
    s->actors[0].veto = s->actors[1].veto = 1;
    s->actors[0].reservation = 0.6;
    s->actors[1].reservation = 0.3;
    assert_int_equal(pl_scenario_validate(s, NULL), PL_OK);
    return s;
}

static pl_mediation *mediate(const pl_scenario *s, const double *start)
{
    pl_mediation *m = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_mediate(s, start, NULL, &m, &diag), PL_OK);
    return m;
}

static void smallest_change(void **state)
{
    (void)state;
    pl_scenario *s = pair();
    const double start[] = {20, 50};
    pl_mediation *m = mediate(s, start);
    assert_true(m->feasible);
    NEAR(m->text[0], 60);
    NEAR(m->text[1], 50);
    NEAR(m->distance, 0.4);
    assert_int_equal(m->n_items, 1);
    assert_int_equal(m->items[0].issue, 0);
    NEAR(m->items[0].from, 20);
    NEAR(m->items[0].to, 60);
    NEAR(m->item_gain[0 * 2 + 0], 0.4); /* A gains 0.4 */
    NEAR(m->item_gain[0 * 2 + 1], 0.0); /* B does not care about x */
    NEAR(m->text_utilities[0], 0.6);
    assert_int_equal(m->n_crossed, 0);
    pl_mediation_free(m);
    /* A start the coalition accepts already is left as it is. */
    const double fine[] = {80, 10};
    m = mediate(s, fine);
    assert_int_equal(m->n_items, 0);
    NEAR(m->distance, 0);
    pl_mediation_free(m);
    pl_scenario_free(s);
}

/* A trade-off: A cares about x and y equally, needs x + y >= 120; from (20, 50) a change of 0.5. */
static void smallest_change_spreads(void **state)
{
    (void)state;
    pl_scenario *s = pair();
    assert_int_equal(pl_scenario_set_position(s, 0, 1, 100, 1), PL_OK);
    const double start[] = {20, 50};
    pl_mediation *m = mediate(s, start);
    assert_true(m->feasible);
    NEAR(m->distance, 0.5);
    NEAR(m->text_utilities[0], 0.6);
    assert_true(m->text_utilities[1] >= 0.3 - 1e-9);
    pl_mediation_free(m);
    pl_scenario_free(s);
}

/* Red lines x >= 60 (A) and x <= 40 (B): no text exists; the closest meets at 50. */
static void infeasible(void **state)
{
    (void)state;
    pl_scenario *s = pair();
    s->actors[0].reservation = s->actors[1].reservation = 0;
    assert_int_equal(pl_scenario_add_red_line(s, 0, 0, 60, 100, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_red_line(s, 1, 0, 0, 40, NULL), PL_OK);
    const double start[] = {0, 50};
    pl_mediation *m = mediate(s, start);
    assert_false(m->feasible);
    NEAR(m->text[0], 50);
    NEAR(m->text[1], 50);
    assert_int_equal(m->n_crossed, 2);
    NEAR(m->crossed_amount[0], 10);
    NEAR(m->crossed_amount[1], 10);
    pl_mediation_free(m);
    pl_scenario_free(s);
}

static void default_start_and_bad_start(void **state)
{
    (void)state;
    pl_scenario *s = test_load(PARLEY_SOURCE_DIR "/examples/peace-talks-2025.json");
    pl_mediation *m = mediate(s, NULL); /* the first proposal, us_28_point */
    assert_false(m->feasible);
    NEAR(m->start[0], 85);
    NEAR(m->text[0], 50); /* Donetsk where the least total relaxation meets */
    pl_mediation_free(m);
    double outside[14] = {0};
    outside[0] = 120;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_mediate(s, outside, NULL, &m, &diag), PL_ERR_ARGUMENT);
    assert_null(m);
    pl_scenario_free(s);
}

/*
 * Issue #15: equal-cost changes are decided for the other parties, then by
 * input order. One options issue, options keep, north, south (in that order),
 * start keep. A and B hold vetoes; A needs to leave keep (values 0, 1, 1,
 * reservation 0.5), B accepts anything. Moving to north or to south costs 1
 * either way. C, D and E (no veto) value keep 0.5, north 0, south 1: north,
 * the first in input order, would be the worst for all three, so the text is
 * south (by hand: the others' utilities sum to 0 at north, 3 at south).
 */
static pl_scenario *site_choice(double others_north)
{
    pl_scenario *s = NULL;
    const char *options[] = {"keep", "north", "south"}, *ids[] = {"A", "B", "C", "D", "E"};
    size_t issue, a;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    assert_int_equal(pl_scenario_add_options_issue(s, "site", NULL, 3, options, &issue), PL_OK);
    for (size_t k = 0; k < 5; k++) {
        const double a_values[] = {0, 1, 1}, b_values[] = {1, 1, 1};
        const double other[] = {0.5, others_north, 1};
        assert_int_equal(pl_scenario_add_actor(s, ids[k], NULL, 1, &a), PL_OK);
        const double *v = k == 0 ? a_values : k == 1 ? b_values : other;
        assert_int_equal(pl_scenario_set_option_values(s, a, issue, v, 1.0), PL_OK);
        s->actors[a].veto = k < 2;
    }
    s->actors[0].reservation = 0.5;
    assert_int_equal(pl_scenario_validate(s, NULL), PL_OK);
    return s;
}

static void equal_cost_ties_favour_the_others(void **state)
{
    (void)state;
    const double start[] = {0}; /* keep */
    pl_scenario *s = site_choice(0);
    pl_mediation *m = mediate(s, start);
    assert_true(m->feasible);
    NEAR(m->distance, 1);
    NEAR(m->text[0], 2); /* south */
    pl_mediation_free(m);
    pl_scenario_free(s);
    /* When north and south are alike for the others too, input order decides: north. */
    s = site_choice(1);
    m = mediate(s, start);
    NEAR(m->text[0], 1);
    pl_mediation_free(m);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(smallest_change),
        cmocka_unit_test(smallest_change_spreads),
        cmocka_unit_test(infeasible),
        cmocka_unit_test(default_start_and_bad_start),
        cmocka_unit_test(equal_cost_ties_favour_the_others),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
