/*
 * test_shared_decide.c - the Decide reader on Decide's own input files,
 * ../shared/data/decide (GPL-3.0, so read in place, never copied). Skipped
 * (exit 77) when ../shared/data is absent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "support.h"

static pl_scenario *load(const char *name)
{
    char relative[256];
    snprintf(relative, sizeof relative, "decide/%s", name);
    const char *path = test_shared_path(relative);
    assert_non_null(path);
    return test_load(path);
}

static size_t actor(const pl_scenario *s, const char *id)
{
    size_t index = 0;
    assert_int_equal(pl_scenario_find_actor(s, id, &index), PL_OK);
    return index;
}

static size_t issue(const pl_scenario *s, const char *id)
{
    size_t index = 0;
    assert_int_equal(pl_scenario_find_issue(s, id, &index), PL_OK);
    return index;
}

static const pl_stance *stance(const pl_scenario *s, const char *a, const char *i)
{
    return pl_scenario_stance_const(s, actor(s, a), issue(s, i));
}

static size_t count_stances(const pl_scenario *s)
{
    size_t n = 0;
    for (size_t k = 0; k < s->n_actors * s->n_issues; k++)
        n += s->stances[k].present != 0;
    return n;
}

static void test_sample_data(void **state)
{
    (void)state;
    pl_scenario *s = load("sample_data.txt");
    assert_string_equal(s->format, "decide");
    assert_string_equal(s->id, "sample_data");
    assert_int_equal(s->n_actors, 10);
    assert_int_equal(s->n_issues, 6);
    assert_int_equal(count_stances(s), 60);
    assert_string_equal(s->actors[0].id, "Willems");
    assert_string_equal(s->actors[0].description, "Test");
    assert_string_equal(s->actors[9].id, "Wcentr");
    assert_string_equal(s->issues[0].id, "tolheffing-binnenstad");
    assert_string_equal(s->issues[5].id, "kleine-of-grote-ring");
    assert_string_equal(s->issues[2].description, "Wat is dit voor onzin?");
    const pl_issue *height = &s->issues[issue(s, "tol-hoogte")];
    assert_int_equal(issue(s, "tol-hoogte"), 1);
    assert_true(height->low == 0.5 && height->high == 7.0);
    assert_true(s->issues[0].low == 0.0 && s->issues[0].high == 100.0);
    const pl_stance *st = stance(s, "Willems", "tol-hoogte");
    assert_true(st->position == 3.0 && st->salience == 0.7);
    st = stance(s, "VVDs", "tol-hoogte");
    assert_true(st->position == 0.5 && st->salience == 0.5);
    st = stance(s, "GL", "tol-hoogte");
    assert_true(st->position == 5.0 && st->salience == 0.9);
    assert_true(s->actors[actor(s, "Willems")].capability == 1.0);
    assert_true(s->actors[actor(s, "GL")].capability == 0.6);
    pl_scenario_free(s);
}

static void test_copenhagen(void **state)
{
    (void)state;
    pl_scenario *s = load("copenhagen.csv");
    assert_int_equal(s->n_actors, 11);
    assert_int_equal(s->n_issues, 7);
    assert_int_equal(count_stances(s), 75);
    assert_string_equal(s->actors[1].id, "EU (incl Norway)");
    assert_string_equal(s->actors[10].id, "Alliance of Small Island States");
    assert_string_equal(s->issues[4].id, "Commitments");
    /* Russia has no 'Commitments' and no 'Extra' row. */
    assert_false(stance(s, "Russia", "Commitments")->present);
    assert_false(stance(s, "Russia", "Extra")->present);
    assert_true(stance(s, "Russia", "Control")->present);
    const pl_stance *st = stance(s, "USA", "MRVdecrease");
    assert_true(st->position == 90.0 && st->salience == 1.0);
    st = stance(s, "Russia", "MRVdecrease");
    assert_true(st->position == 30.0 && st->salience == 0.1);
    assert_true(s->actors[actor(s, "USA")].capability == 0.26);
    assert_true(s->actors[actor(s, "Russia")].capability == 0.013);
    for (size_t k = 0; k < s->n_actors * s->n_issues; k++)
        assert_false(s->stances[k].has_capability);
    pl_scenario_free(s);
}

static void test_cop21(void **state)
{
    (void)state;
    pl_scenario *s = load("cop21.csv");
    assert_int_equal(s->n_actors, 15);
    assert_int_equal(s->n_issues, 13);
    assert_int_equal(count_stances(s), 181);
    assert_string_equal(s->actors[0].id, "African_grp");
    assert_string_equal(s->actors[14].id, "USA");
    assert_string_equal(s->issues[0].id, "differentiation");
    assert_string_equal(s->issues[12].id, "eaa");
    for (size_t i = 0; i < s->n_issues; i++)
        assert_true(s->issues[i].low == 0.0 && s->issues[i].high == 100.0);
    const pl_stance *st = stance(s, "African_grp", "differentiation");
    assert_true(st->position == 70.0 && st->salience == 0.75);
    st = stance(s, "African_grp", "finance_vol");
    assert_true(st->position == 100.0 && st->salience == 0.8);
    assert_true(s->actors[0].capability == 0.25);
    /* Seven groups give no long-term ambition rows. */
    const char *silent[] = {"ALBA", "Arab_statess", "Brazil", "China", "India", "Umbrella_min",
                            "Russia"};
    for (size_t k = 0; k < 7; k++) {
        assert_false(stance(s, silent[k], "amb2050")->present);
        assert_false(stance(s, silent[k], "amb2100")->present);
        assert_true(stance(s, silent[k], "eaa")->present);
    }
    assert_true(stance(s, "EU28", "amb2050")->present);
    pl_scenario_free(s);
}

int main(void)
{
    test_require_shared();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_data),
        cmocka_unit_test(test_copenhagen),
        cmocka_unit_test(test_cop21),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
