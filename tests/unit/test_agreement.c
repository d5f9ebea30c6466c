/*
 * test_agreement.c - the zone of agreement (src/lib/agreement/agreement*.c) on
 * hand-computed cases, and the default scenario's Donetsk finding.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "parley/agreement.h"
#include "support.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-7)

static pl_agreement *analyse(const pl_scenario *s, size_t max_set)
{
    assert_int_equal(pl_scenario_validate(s, NULL), PL_OK);
    pl_agreement_options o = PL_AGREEMENT_OPTIONS_INIT;
    o.max_set = max_set;
    pl_agreement *g = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_agreement_compute(s, &o, &g, &diag), PL_OK);
    return g;
}

/* Red lines x >= 40 (A) and x <= 60 (B), reservations 0.4: zone [40, 60], maximin x = 50. */
static void zone_exists(void **state)
{
    (void)state;
    pl_scenario *s = test_duel(0.4, 0.4);
    assert_int_equal(pl_scenario_add_red_line(s, 0, 0, 40, 100, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_red_line(s, 1, 0, 0, 60, NULL), PL_OK);
    pl_agreement *g = analyse(s, 3);
    assert_true(g->possible && g->red_lines_compatible);
    assert_int_equal(g->n_coalition, 2);
    assert_int_equal(g->n_constraints, 4);
    NEAR(g->margin, 0.1);
    NEAR(g->maximin[0], 50);
    assert_true(g->solutions[PL_SOLUTION_EGALITARIAN].present);
    NEAR(g->solutions[PL_SOLUTION_EGALITARIAN].package[0], 50);
    /* Nash on the grid: max (x/100 - 0.4)(0.6 - x/100) at x = 50. */
    assert_true(g->solutions[PL_SOLUTION_NASH].present);
    NEAR(g->solutions[PL_SOLUTION_NASH].package[0], 50);
    assert_int_equal(g->n_relaxations, 0);
    assert_int_equal(g->n_conflicts, 0);
    pl_agreement_free(g);
    pl_scenario_free(s);
}

/* A x >= 60, B x <= 40: one conflict, two singleton relaxations of 20 points, meet at 50. */
static void blocked_by_red_line_pair(void **state)
{
    (void)state;
    pl_scenario *s = test_duel(0, 0);
    assert_int_equal(pl_scenario_add_red_line(s, 0, 0, 60, 100, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_red_line(s, 1, 0, 0, 40, NULL), PL_OK);
    pl_agreement *g = analyse(s, 3);
    assert_false(g->possible);
    assert_false(g->red_lines_compatible);
    assert_true(isnan(g->margin));
    assert_int_equal(g->n_conflicts, 1);
    assert_int_equal(g->conflicts[0].n_members, 2);
    assert_int_equal(g->conflicts[0].members[0], 0);
    assert_int_equal(g->conflicts[0].members[1], 1);
    NEAR(g->conflicts[0].margin_without, 0.5); /* max min(x / 100, 1 - x / 100) - 0 */
    assert_int_equal(g->n_relaxations, 2);
    for (size_t k = 0; k < 2; k++) {
        const pl_relaxation *r = &g->relaxations[k];
        assert_int_equal(r->n_members, 1);
        assert_int_equal(r->members[0], k);
        NEAR(r->amount[0], 20);
        NEAR(r->total, 0.2);
    }
    NEAR(g->relaxations[0].new_low[0], 40); /* A accepts x >= 40 */
    NEAR(g->relaxations[1].new_high[0], 60); /* B accepts x <= 60 */
    /* Least total relaxation: 20 points, split evenly: both at 50. */
    NEAR(g->closest.total, 0.2);
    NEAR(g->closest.package[0], 50);
    pl_agreement_free(g);
    pl_scenario_free(s);
}

/* Reservations 0.7 each: U_A + U_B = 1, so max min(U - r) = -0.2; each must drop 0.4 alone. */
static void blocked_by_reservations_only(void **state)
{
    (void)state;
    pl_scenario *s = test_duel(0.7, 0.7);
    pl_agreement *g = analyse(s, 3);
    assert_false(g->possible);
    assert_true(g->red_lines_compatible);
    NEAR(g->margin, -0.2);
    NEAR(g->maximin[0], 50);
    assert_int_equal(g->n_conflicts, 1);
    assert_int_equal(g->conflicts[0].n_members, 2);
    assert_int_equal(g->n_relaxations, 2);
    NEAR(g->relaxations[0].amount[0], 0.4);
    NEAR(g->relaxations[0].new_low[0], 0.3);
    NEAR(g->relaxations[1].amount[0], 0.4);
    NEAR(g->closest.total, 0.4);
    NEAR(g->closest.package[0], 50);
    pl_agreement_free(g);
    pl_scenario_free(s);
}

/*
 * Three veto actors pairwise incompatible on three issues: A x >= 60 vs B x <= 40,
 * B y >= 60 vs C y <= 40, C z >= 60 vs A z <= 40. Three conflicts; a relaxation
 * must take one line of each: 2^3 = 8 minimal sets of size 3, none smaller.
 */
static pl_scenario *triangle(void)
{
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    const char *issues[] = {"x", "y", "z"}, *actors[] = {"A", "B", "C"};
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(pl_scenario_add_continuous_issue(s, issues[i], NULL, 0, 100, NULL),
                         PL_OK);
    for (size_t a = 0; a < 3; a++) {
        assert_int_equal(pl_scenario_add_actor(s, actors[a], NULL, 1, NULL), PL_OK);
        s->actors[a].veto = 1;
        for (size_t i = 0; i < 3; i++)
            assert_int_equal(pl_scenario_set_position(s, a, i, 50, 1), PL_OK);
    }
    for (size_t k = 0; k < 3; k++) {
        assert_int_equal(pl_scenario_add_red_line(s, k, k, 60, 100, NULL), PL_OK);
        assert_int_equal(pl_scenario_add_red_line(s, (k + 1) % 3, k, 0, 40, NULL), PL_OK);
    }
    return s;
}

static void several_minimal_sets(void **state)
{
    (void)state;
    pl_scenario *s = triangle();
    pl_agreement *g = analyse(s, 3);
    assert_false(g->possible);
    assert_int_equal(g->n_conflicts, 3);
    for (size_t k = 0; k < 3; k++) {
        assert_int_equal(g->conflicts[k].n_members, 2);
        assert_true(isinf(g->conflicts[k].margin_without)); /* two other clashes remain */
    }
    assert_int_equal(g->n_relaxations, 8);
    for (size_t k = 0; k < 8; k++) {
        const pl_relaxation *r = &g->relaxations[k];
        assert_int_equal(r->n_members, 3);
        NEAR(r->total, 0.6);
        /* One red line of each issue. */
        unsigned seen = 0;
        for (size_t m = 0; m < 3; m++)
            seen |= 1u << g->constraints[r->members[m]].issue;
        assert_int_equal(seen, 7u);
    }
    assert_int_equal(g->searched_size, 3);
    pl_agreement_free(g);
    /* Searching only up to pairs finds none, and says so. */
    g = analyse(s, 2);
    assert_int_equal(g->n_relaxations, 0);
    assert_int_equal(g->searched_size, 2);
    NEAR(g->closest.total, 0.6);
    pl_agreement_free(g);
    pl_scenario_free(s);
}

/*
 * Weighted majority 0.75 of capability 2 + 1 + 1, nobody with a veto: the minimal
 * winning coalitions are {A, B} and {A, C}. A and B clash on x; {A, C} agrees.
 */
static void weighted_majority(void **state)
{
    (void)state;
    pl_scenario *s = test_duel(0, 0);
    s->actors[0].veto = s->actors[1].veto = 0;
    s->actors[0].capability = 2;
    assert_int_equal(pl_scenario_add_actor(s, "C", NULL, 1, NULL), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, 2, 0, 70, 1), PL_OK);
    assert_int_equal(pl_scenario_add_red_line(s, 0, 0, 60, 100, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_red_line(s, 1, 0, 0, 40, NULL), PL_OK);
    s->decision_rule.kind = PL_RULE_WEIGHTED_MAJORITY;
    s->decision_rule.threshold = 0.75;
    pl_agreement *g = analyse(s, 3);
    assert_true(g->possible);
    assert_int_equal(g->n_coalition, 2);
    assert_int_equal(g->coalition[0], 0);
    assert_int_equal(g->coalition[1], 2);
    NEAR(g->coalition_share, 0.75);
    pl_agreement_free(g);
    /* Threshold 1: everyone must agree, and A and B cannot. */
    s->decision_rule.threshold = 1.0;
    g = analyse(s, 3);
    assert_false(g->possible);
    assert_int_equal(g->n_coalition, 3);
    assert_int_equal(g->n_relaxations, 2);
    pl_agreement_free(g);
    pl_scenario_free(s);
}

/*
 * An options issue {a, b, c} and a continuous y. A values a 1, b 0.5, c 0; B the
 * reverse; both put salience 1 on the options and 1 on y (A wants y = 100, B 0).
 */
static pl_scenario *options_case(const unsigned char *allowed_a, const unsigned char *allowed_b)
{
    pl_scenario *s = NULL;
    const char *ids[] = {"a", "b", "c"};
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    assert_int_equal(pl_scenario_add_options_issue(s, "o", NULL, 3, ids, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "y", NULL, 0, 100, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "A", NULL, 1, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "B", NULL, 1, NULL), PL_OK);
    const double va[] = {1, 0.5, 0}, vb[] = {0, 0.5, 1};
    assert_int_equal(pl_scenario_set_option_values(s, 0, 0, va, 1), PL_OK);
    assert_int_equal(pl_scenario_set_option_values(s, 1, 0, vb, 1), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, 0, 1, 100, 1), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, 1, 1, 0, 1), PL_OK);
    s->actors[0].veto = s->actors[1].veto = 1;
    s->actors[0].reservation = s->actors[1].reservation = 0.4;
    assert_int_equal(pl_scenario_add_red_line_options(s, 0, 0, allowed_a, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_red_line_options(s, 1, 0, allowed_b, NULL), PL_OK);
    return s;
}

static void options_issues(void **state)
{
    (void)state;
    /* Both allow b: U = (0.5 + y-part) / 2 each; y = 50 gives 0.5 each, margin 0.1. */
    pl_scenario *s = options_case((const unsigned char[]){1, 1, 0},
                                  (const unsigned char[]){0, 1, 1});
    pl_agreement *g = analyse(s, 3);
    assert_true(g->possible);
    NEAR(g->margin, 0.1);
    NEAR(g->maximin[0], 1);
    NEAR(g->maximin[1], 50);
    pl_agreement_free(g);
    pl_scenario_free(s);
    /* A allows only a, B only c: a conflict; admitting one option opens a zone. */
    s = options_case((const unsigned char[]){1, 0, 0}, (const unsigned char[]){0, 0, 1});
    g = analyse(s, 3);
    assert_false(g->possible);
    assert_int_equal(g->n_conflicts, 1);
    assert_int_equal(g->n_relaxations, 2);
    NEAR(g->relaxations[0].amount[0], 1);
    /* Without A's line: option c gives B 1 on it; A needs 0.8 of y: y = 80... margin
     * max min((0 + y/100)/2 - 0.4, (1 + 1 - y/100)/2 - 0.4) at y = 100: min(0.1, 0.1). */
    NEAR(g->relaxations[0].margin, 0.1);
    NEAR(g->relaxations[0].package[0], 2);
    pl_agreement_free(g);
    pl_scenario_free(s);
}

/* The default scenario: Donetsk blocks, found by the computation. */
static void default_scenario_donetsk(void **state)
{
    (void)state;
    pl_scenario *s = test_load(PARLEY_SOURCE_DIR "/examples/peace-talks-2025.json");
    size_t donetsk = 0, ru = 0, ua = 0;
    assert_int_equal(pl_scenario_find_issue(s, "donetsk", &donetsk), PL_OK);
    assert_int_equal(pl_scenario_find_actor(s, "RU", &ru), PL_OK);
    assert_int_equal(pl_scenario_find_actor(s, "UA", &ua), PL_OK);
    pl_agreement *g = analyse(s, 3);
    assert_false(g->possible);
    assert_false(g->red_lines_compatible);
    /* The only conflict is Donetsk's pair of red lines. */
    assert_int_equal(g->n_conflicts, 1);
    const pl_conflict *c = &g->conflicts[0];
    assert_int_equal(c->n_members, 2);
    for (size_t m = 0; m < 2; m++) {
        const pl_agreement_constraint *k = &g->constraints[c->members[m]];
        assert_int_equal(k->kind, PL_CONSTRAINT_RED_LINE);
        assert_int_equal(k->issue, donetsk);
        assert_int_equal(k->actor, m == 0 ? ru : ua);
    }
    /* Reservations do not block once Donetsk's red lines go. */
    assert_true(c->margin_without > 0);
    /* Relaxing either line by the 80-point gap opens a zone; nothing else does. */
    assert_true(g->n_relaxations >= 1);
    for (size_t k = 0; k < g->n_relaxations; k++) {
        const pl_relaxation *r = &g->relaxations[k];
        int on_donetsk = 0;
        for (size_t m = 0; m < r->n_members; m++)
            on_donetsk |= g->constraints[r->members[m]].issue == donetsk;
        assert_true(on_donetsk);
    }
    assert_int_equal(g->relaxations[0].n_members, 1);
    NEAR(g->relaxations[0].amount[0], 80);
    assert_true(g->relaxations[0].margin >= 0);
    NEAR(g->closest.total, 0.8);
    NEAR(g->closest.package[donetsk], 50);
    pl_agreement_free(g);
    pl_scenario_free(s);
}

/*
 * searches = 0, the decision only (sweeps, what it would take): the same
 * possible, margin and maximin as the full analysis, no conflicts, sets or
 * closest package; a zone's solutions are still there. Under weighted
 * majority the searches still run, since they choose the coalition reported.
 */
static void decision_only(void **state)
{
    (void)state;
    pl_scenario *s = test_load(PARLEY_SOURCE_DIR "/examples/peace-talks-2025.json");
    pl_agreement_options o = PL_AGREEMENT_OPTIONS_INIT;
    pl_agreement *full = NULL, *g = NULL;
    assert_int_equal(pl_agreement_compute(s, &o, &full, NULL), PL_OK);
    o.searches = 0;
    assert_int_equal(pl_agreement_compute(s, &o, &g, NULL), PL_OK);
    assert_false(g->possible);
    assert_int_equal(g->red_lines_compatible, full->red_lines_compatible);
    assert_true(isnan(g->margin) && isnan(full->margin)); /* Donetsk: the red lines clash */
    assert_true(full->n_conflicts > 0 && full->closest.n_members > 0);
    assert_int_equal(g->n_conflicts, 0);
    assert_int_equal(g->n_relaxations, 0);
    assert_int_equal(g->closest.n_members, 0);
    pl_agreement_free(full);
    pl_agreement_free(g);
    pl_scenario_free(s);
    /* Red lines that meet, reservations that do not: a margin below zero, the same. */
    s = test_duel(0.6, 0.6);
    assert_int_equal(pl_scenario_add_red_line(s, 0, 0, 40, 100, NULL), PL_OK);
    full = analyse(s, 3);
    assert_int_equal(pl_agreement_compute(s, &o, &g, NULL), PL_OK);
    assert_false(g->possible);
    NEAR(g->margin, full->margin);
    assert_true(g->margin < 0);
    NEAR(g->maximin[0], full->maximin[0]);
    assert_int_equal(g->n_relaxations, 0);
    assert_true(full->n_relaxations > 0);
    pl_agreement_free(full);
    pl_agreement_free(g);
    pl_scenario_free(s);
    /* A zone: its solutions as before. */
    s = test_duel(0.4, 0.4);
    full = analyse(s, 3);
    assert_int_equal(pl_agreement_compute(s, &o, &g, NULL), PL_OK);
    assert_true(g->possible);
    NEAR(g->margin, full->margin);
    assert_true(g->solutions[PL_SOLUTION_NASH].present);
    NEAR(g->solutions[PL_SOLUTION_NASH].package[0], full->solutions[PL_SOLUTION_NASH].package[0]);
    pl_agreement_free(full);
    pl_agreement_free(g);
    pl_scenario_free(s);
}

static void quadratic_is_refused(void **state)
{
    (void)state;
    pl_scenario *s = test_duel(0.4, 0.4);
    s->utility_form = PL_UTILITY_QUADRATIC;
    pl_agreement *g = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_agreement_compute(s, NULL, &g, &diag), PL_ERR_UNSUPPORTED);
    assert_null(g);
    assert_true(test_contains(diag.message, "linear"));
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(zone_exists),
        cmocka_unit_test(blocked_by_red_line_pair),
        cmocka_unit_test(blocked_by_reservations_only),
        cmocka_unit_test(several_minimal_sets),
        cmocka_unit_test(weighted_majority),
        cmocka_unit_test(options_issues),
        cmocka_unit_test(default_scenario_donetsk),
        cmocka_unit_test(decision_only),
        cmocka_unit_test(quadratic_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
