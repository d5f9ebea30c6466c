/*
 * test_frontier_pair.c - pl_frontier_pair(): the frontier of two actors alone
 * must be the frontier of a scenario written by hand with only those two, in
 * that order, both holding a veto; a third actor's red line must not bound it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "parley/parley.h"

typedef struct actor_spec {
    const char *id;
    double x, y, salience_y, low, high, reservation;
    int veto;
} actor_spec;

/* A (0), B (1), C (2); B's red line on x, [85, 100], excludes A's [0, 60]. */
static const actor_spec actors[3] = {
    {"A", 20, 80, 0.5, 0, 60, 0.3, 0},
    {"B", 95, 30, 1.0, 85, 100, 0.2, 1},
    {"C", 70, 10, 0.8, 10, 100, 0.25, 0},
};

/* The scenario of actors[which[0..n-1]] on issues x and y; `all_veto` gives each a veto. */
static pl_scenario *build(const size_t *which, size_t n, int all_veto)
{
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "x", NULL, 0, 100, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "y", NULL, 0, 100, NULL), PL_OK);
    for (size_t k = 0; k < n; k++) {
        const actor_spec *a = &actors[which[k]];
        assert_int_equal(pl_scenario_add_actor(s, a->id, NULL, 1, NULL), PL_OK);
        assert_int_equal(pl_scenario_set_position(s, k, 0, a->x, 1), PL_OK);
        assert_int_equal(pl_scenario_set_position(s, k, 1, a->y, a->salience_y), PL_OK);
        assert_int_equal(pl_scenario_add_red_line(s, k, 0, a->low, a->high, NULL), PL_OK);
        s->actors[k].reservation = a->reservation;
        s->actors[k].veto = all_veto || a->veto;
    }
    pl_diag diag;
    assert_int_equal(pl_scenario_validate(s, &diag), PL_OK);
    return s;
}

static void test_pair_is_the_two_alone(void **state)
{
    (void)state;
    const size_t everyone[3] = {0, 1, 2}, pair[2] = {2, 0};
    pl_scenario *s = build(everyone, 3, 0), *alone = build(pair, 2, 1);
    pl_frontier *f = NULL, *expected = NULL;
    pl_diag diag;
    assert_int_equal(pl_frontier_pair(s, 2, 0, NULL, &f, &diag), PL_OK);
    assert_int_equal(pl_frontier_compute(alone, NULL, &expected, &diag), PL_OK);
    assert_int_equal(f->n_parties, 2);
    assert_true(f->agreement_possible); /* B's red line, which A's excludes, is not C's or A's */
    assert_int_equal(f->n_points, expected->n_points);
    assert_true(f->n_points > 1);
    assert_memory_equal(f->utilities, expected->utilities,
                        f->n_points * f->n_parties * sizeof(double));
    assert_memory_equal(f->disagreement, expected->disagreement, 2 * sizeof(double));
    pl_frontier_free(f);
    pl_frontier_free(expected);

    /* With B, whose red line excludes A's, A and B have no rational outcome. */
    assert_int_equal(pl_frontier_pair(s, 0, 1, NULL, &f, &diag), PL_OK);
    assert_false(f->agreement_possible);
    pl_frontier_free(f);
    pl_scenario_free(alone);
    pl_scenario_free(s);
}

static void test_pair_refusals(void **state)
{
    (void)state;
    const size_t everyone[3] = {0, 1, 2};
    pl_scenario *s = build(everyone, 3, 0);
    pl_frontier *f = (pl_frontier *)&f;
    pl_diag diag;
    assert_int_equal(pl_frontier_pair(s, 1, 1, NULL, &f, &diag), PL_ERR_ARGUMENT);
    assert_null(f);
    assert_int_equal(pl_frontier_pair(s, 0, 3, NULL, &f, &diag), PL_ERR_ARGUMENT);
    assert_int_equal(pl_frontier_pair(NULL, 0, 1, NULL, &f, &diag), PL_ERR_ARGUMENT);
    pl_frontier_options o = PL_FRONTIER_OPTIONS_INIT;
    o.version = 0;
    assert_int_equal(pl_frontier_pair(s, 0, 1, &o, &f, &diag), PL_ERR_ARGUMENT);
    assert_non_null(strstr(diag.message, "options version"));
    assert_null(f);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pair_is_the_two_alone),
        cmocka_unit_test(test_pair_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
