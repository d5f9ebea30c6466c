/*
 * test_sao.c - the SAO protocol and the agents on hand-computed cases
 * (docs/specs/negmas-sao.md): the Appendix A tie order, the band of §6, the offer
 * of §8, acceptance (§7), the agreement-step convention (§9), three parties
 * stacked, red lines respected, and the agent names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"
#include "parley/simulate.h"
#include "simulate/sao_internal.h"
#include "support.h"

/* ---- Appendix A ---- */

static void check_order(const double *x, const size_t *expected, size_t n)
{
    sao_entry *e = malloc(n * sizeof *e);
    for (size_t k = 0; k < n; k++)
        e[k] = (sao_entry){x[k], (uint32_t)k};
    sao_argsort(e, n);
    for (size_t k = 0; k < n; k++)
        assert_int_equal(e[k].r, expected[k]);
    free(e);
}

static void test_appendix_a_vectors(void **state)
{
    (void)state;
    static const double x1[] = {2, 0, 1, 1, 1, 0, 2, 0, 0, 2, 2, 1, 0, 1, 1, 2, 2};
    static const size_t p1[] = {8, 1, 5, 7, 12, 2, 3, 4, 14, 13, 11, 0, 9, 15, 6, 10, 16};
    check_order(x1, p1, 17);
    static const double x2[] = {0.5, 0.25, 0.75, 0, 0, 1, 0, 0.5, 1, 0, 1, 0.25, 0, 0, 0.75,
                                0.75, 0, 0.25, 0, 1, 0.75, 0, 1, 0, 0.25, 1, 0, 1, 1, 0.75, 0,
                                0.25, 0, 1, 0.25, 0.5, 0.75, 0.25, 1, 0};
    static const size_t p2[] = {39, 18, 16, 26, 30, 13, 12, 23, 9, 21, 6, 4, 3, 32, 34, 11,
                                37, 17, 1, 24, 31, 35, 0, 7, 20, 2, 36, 15, 29, 14, 5, 33,
                                10, 22, 28, 27, 25, 38, 8, 19};
    check_order(x2, p2, 40);
}

/* A long reversed input with ties, through partitions and insertion sorts: sorted result. */
static void test_argsort_sorts(void **state)
{
    (void)state;
    enum { N = 5000 };
    sao_entry *e = malloc(N * sizeof *e);
    for (size_t k = 0; k < N; k++)
        e[k] = (sao_entry){(double)((N - k) % 97), (uint32_t)k};
    sao_argsort(e, N);
    for (size_t k = 1; k < N; k++)
        assert_true(e[k - 1].u <= e[k].u);
    free(e);
}

/* ---- small scenarios ---- */

/* One options issue "o" with options a, b, c; actor k values them values[k]. */
static pl_scenario *one_issue(size_t n_actors, const double values[][3], const double *rv)
{
    pl_scenario *s = NULL;
    static const char *const ids[] = {"a", "b", "c"};
    static const char *const actors[] = {"A", "B", "C"};
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    assert_int_equal(pl_scenario_add_options_issue(s, "o", "o", 3, ids, NULL), PL_OK);
    for (size_t k = 0; k < n_actors; k++) {
        assert_int_equal(pl_scenario_add_actor(s, actors[k], NULL, 1.0, NULL), PL_OK);
        assert_int_equal(pl_scenario_set_option_values(s, k, 0, values[k], 1.0), PL_OK);
        s->actors[k].reservation = rv ? rv[k] : 0;
    }
    pl_diag diag;
    assert_int_equal(pl_scenario_validate(s, &diag), PL_OK);
    return s;
}

static pl_negotiation *negotiate(const pl_scenario *s, const char *const *agents, size_t n,
                                 int trace)
{
    pl_agent list[3];
    for (size_t k = 0; k < n; k++)
        assert_int_equal(pl_agent_parse(agents[k], &list[k]), PL_OK);
    pl_simulation_options o;
    pl_simulation_options_init(&o);
    o.agents = list;
    o.n_agents = n;
    o.trace = trace;
    pl_negotiation *r = NULL;
    pl_diag diag;
    assert_int_equal(pl_negotiate(s, &o, &r, &diag), PL_OK);
    return r;
}

/*
 * Linear vs linear, A = (1, 0.5, 0), B = (0, 0.5, 1), rv 0: u_max = 1, m = 0,
 * floor(t) = (1 - t) - 1e-4. A offers a while the floor is above 0.5, i.e.
 * up to round 49 (t = 50/101: floor 0.50485); in round 50 (t = 51/101,
 * floor 0.49495) A offers b, and B accepts it: agreement_step 51, (0.5, 0.5).
 */
static void test_linear_hand_computed(void **state)
{
    (void)state;
    static const double v[2][3] = {{1, 0.5, 0}, {0, 0.5, 1}};
    pl_scenario *s = one_issue(2, v, NULL);
    static const char *const agents[] = {"linear", "linear"};
    pl_negotiation *r = negotiate(s, agents, 2, 1);
    assert_true(r->agreed);
    assert_int_equal(r->agreement_step, 51);
    assert_true(r->utilities[0] == 0.5 && r->utilities[1] == 0.5);
    assert_true(r->package[0] == 1.0);
    /* round 0: A offers a, B rejects and offers c */
    assert_int_equal(r->events[0].party, 0);
    assert_false(r->events[0].accepted);
    assert_true(r->events[0].package[0] == 0.0);
    assert_true(r->events[1].package[0] == 2.0);
    /* the last move is B's acceptance in round 50 */
    const pl_sao_event *last = &r->events[r->n_events - 1];
    assert_int_equal(last->round, 50);
    assert_int_equal(last->party, 1);
    assert_true(last->accepted);
    pl_negotiation_free(r);
    pl_scenario_free(s);
}

/* §6: the band by hand. */
static void test_band(void **state)
{
    (void)state;
    sao_party p = {0};
    p.u_max = 1.0;
    p.m = 0.25;
    sao_agent a = {{PL_AGENT_TIME_BASED, 1.0, NULL}, &p, 0, 0, 0, NULL, 0};
    double lo, hi, t = 1.0 / 101.0;
    sao_agent_band(&a, t, &lo, &hi);
    double alpha = 1.0 - pow(t, 1.0);
    double scaled = 0.75 * alpha;
    double expected = scaled + 0.25 - 1e-4;
    assert_true(lo == expected && hi == 1.0);
    p.u_max = 0.251; /* d alpha = 0.001 / 101 <= 1e-4: the floor is pinned at m */
    sao_agent_band(&a, 100.0 / 101.0, &lo, &hi);
    assert_true(lo == 0.25 && hi == 0.251);
    p.u_max = 1.0;
    p.m = 2.0; /* rv above every utility */
    sao_agent_band(&a, t, &lo, &hi);
    assert_true(lo == 2.0 && hi == 2.0);
    a.spec = (pl_agent){PL_AGENT_HARDHEADED, 0, NULL};
    p.m = 0.25;
    sao_agent_band(&a, 0.99, &lo, &hi);
    assert_true(lo == 1.0 - 1e-4);
}

/* §9: the second party accepting the very first offer is step 1. */
static void test_step_one(void **state)
{
    (void)state;
    static const double v[2][3] = {{1, 0.5, 0}, {1, 0.2, 0.1}};
    pl_scenario *s = one_issue(2, v, NULL);
    static const char *const agents[] = {"boulware", "conceder"};
    pl_negotiation *r = negotiate(s, agents, 2, 0);
    assert_true(r->agreed);
    assert_int_equal(r->agreement_step, 1);
    assert_true(r->package[0] == 0.0);
    pl_negotiation_free(r);
    pl_scenario_free(s);
}

/* §9: no rational outcome in common: never agree; step = N. */
static void test_no_common_outcome(void **state)
{
    (void)state;
    static const double v[2][3] = {{1, 0.5, 0}, {0, 0.5, 1}};
    static const double rv[2] = {0.8, 0.8};
    pl_scenario *s = one_issue(2, v, rv);
    static const char *const names[] = {"boulware", "linear", "conceder", "hardheaded",
                                        "tit-for-tat", "genius-conceder"};
    for (size_t x = 0; x < 6; x++)
        for (size_t y = 0; y < 6; y++) {
            const char *agents[2] = {names[x], names[y]};
            pl_negotiation *r = negotiate(s, agents, 2, 0);
            assert_false(r->agreed);
            assert_int_equal(r->agreement_step, 100);
            assert_true(r->utilities[0] == 0.8 && isnan(r->package[0]));
            pl_negotiation_free(r);
        }
    pl_scenario_free(s);
}

/* Three parties, stacked: agreement needs both others to accept in turn. */
static void test_three_parties(void **state)
{
    (void)state;
    static const double v[3][3] = {{1, 0.5, 0}, {0, 0.5, 1}, {0.4, 1, 0.4}};
    pl_scenario *s = one_issue(3, v, NULL);
    static const char *const agents[] = {"linear", "linear", "linear"};
    pl_negotiation *r = negotiate(s, agents, 3, 1);
    assert_true(r->agreed);
    assert_true(r->package[0] == 1.0); /* b, the only outcome worth 0.5+ to all */
    const pl_sao_event *e = &r->events[r->n_events - 1];
    const pl_sao_event *before = &r->events[r->n_events - 2];
    assert_true(e->accepted && before->accepted);
    assert_int_not_equal(e->party, before->party);
    assert_int_equal(r->agreement_step, e->round + 1);
    pl_negotiation_free(r);
    /* the same with everyone agreeing on a at once: step 1 */
    static const double same[3][3] = {{1, 0, 0}, {1, 0.5, 0}, {1, 0.2, 0}};
    pl_scenario_free(s);
    s = one_issue(3, same, NULL);
    r = negotiate(s, agents, 3, 0);
    assert_true(r->agreed && r->agreement_step == 1 && r->package[0] == 0.0);
    pl_negotiation_free(r);
    pl_scenario_free(s);
}

/*
 * Red lines are absolute (§8, §7): B = (0, 0.5, 1) may not take c, its best.
 * B's band is then [b, b] shifted by the floor: u_max = 0.5, m = 0, so B
 * offers b from round 0 (never c) and never accepts a (floor > 0 until
 * t = 1). A (linear, as in test_linear_hand_computed) offers a while its floor
 * is above 0.5 and accepts B's standing b in round 50 (floor 0.49495):
 * agreement_step 51, package b, utilities (0.5, 0.5). Without the red line B
 * opens with c and it is B who accepts, in round 50.
 */
static void test_red_lines(void **state)
{
    (void)state;
    static const double v[2][3] = {{1, 0.5, 0}, {0, 0.5, 1}};
    pl_scenario *s = one_issue(2, v, NULL);
    static const unsigned char allowed[3] = {1, 1, 0};
    assert_int_equal(pl_scenario_add_red_line_options(s, 1, 0, allowed, NULL), PL_OK);
    static const char *const agents[] = {"linear", "linear"};
    pl_negotiation *r = negotiate(s, agents, 2, 1);
    assert_true(r->agreed);
    assert_int_equal(r->agreement_step, 51);
    assert_true(r->package[0] == 1.0);
    assert_true(r->utilities[0] == 0.5 && r->utilities[1] == 0.5);
    size_t offers_by_b = 0;
    for (size_t k = 0; k < r->n_events; k++) {
        const pl_sao_event *e = &r->events[k];
        if (e->party == 1) {
            assert_false(e->accepted);         /* B never accepts (A's offers are a) */
            assert_true(e->package[0] == 1.0); /* B offers b, never its forbidden c */
            offers_by_b++;
        }
    }
    assert_int_equal(offers_by_b, 50); /* one offer in each of rounds 0 to 49 */
    const pl_sao_event *last = &r->events[r->n_events - 1];
    assert_int_equal(last->round, 50);
    assert_int_equal(last->party, 0);
    assert_true(last->accepted);
    pl_negotiation_free(r);
    pl_scenario_free(s);
}

static void test_agent_names(void **state)
{
    (void)state;
    pl_agent a;
    char name[64];
    assert_int_equal(pl_agent_parse("boulware", &a), PL_OK);
    assert_true(a.kind == PL_AGENT_TIME_BASED && a.exponent == 4.0);
    assert_int_equal(pl_agent_parse("conceder", &a), PL_OK);
    assert_true(a.exponent == 0.25);
    assert_int_equal(pl_agent_parse("tb:2.5", &a), PL_OK);
    assert_string_equal(pl_agent_name(&a, name, sizeof name), "tb:2.5");
    assert_int_equal(pl_agent_parse("genius:0.2", &a), PL_OK);
    assert_string_equal(pl_agent_name(&a, name, sizeof name), "genius-boulware");
    assert_int_equal(pl_agent_parse("nonsense", &a), PL_ERR_NOT_FOUND);
    assert_int_equal(pl_agent_parse("tb:-1", &a), PL_ERR_NOT_FOUND);
}

/* The coinciding-best domain of tests/data/simulate: agreement at step 1. */
static void test_coinciding_best(void **state)
{
    (void)state;
    const char *paths[3];
    char *copies[3];
    static const char *const files[] = {"simulate/coincide/domain.xml",
                                        "simulate/coincide/a.xml", "simulate/coincide/b.xml"};
    for (int k = 0; k < 3; k++)
        paths[k] = copies[k] = strdup(test_data_path(files[k]));
    pl_scenario *s = NULL;
    pl_diag diag;
    assert_int_equal(pl_load_scenario_files(paths, 3, &s, &diag), PL_OK);
    static const char *const names[] = {"boulware", "linear", "conceder"};
    for (int x = 0; x < 3; x++)
        for (int y = 0; y < 3; y++) {
            const char *agents[2] = {names[x], names[y]};
            pl_negotiation *r = negotiate(s, agents, 2, 0);
            assert_true(r->agreed && r->agreement_step == 1);
            assert_true(r->utilities[0] == 1.0 && r->utilities[1] == 1.0);
            pl_negotiation_free(r);
        }
    pl_scenario_free(s);
    for (int k = 0; k < 3; k++)
        free(copies[k]);
}

/* A continuous scenario is searched, not ranked, and still respects red lines. */
static void test_continuous_grid(void **state)
{
    (void)state;
    pl_scenario *s = test_one_issue(0, 100);
    assert_int_equal(pl_scenario_add_red_line(s, 0, 0, 0, 40, NULL), PL_OK);
    pl_simulation_options o;
    pl_simulation_options_init(&o);
    o.never_exact = 1;
    o.trace = 1;
    pl_agent lin = {PL_AGENT_TIME_BASED, 1.0, NULL};
    o.agents = &lin;
    o.n_agents = 1;
    pl_negotiation *r = NULL;
    pl_diag diag;
    assert_int_equal(pl_negotiate(s, &o, &r, &diag), PL_OK);
    assert_false(r->exact);
    assert_true(r->agreed);
    assert_true(r->package[0] <= 40);
    for (size_t k = 0; k < r->n_events; k++)
        if (r->events[k].party == 0)
            assert_true(r->events[k].package[0] <= 40);
    pl_negotiation_free(r);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_appendix_a_vectors), cmocka_unit_test(test_argsort_sorts),
        cmocka_unit_test(test_linear_hand_computed), cmocka_unit_test(test_band),
        cmocka_unit_test(test_step_one), cmocka_unit_test(test_no_common_outcome),
        cmocka_unit_test(test_three_parties), cmocka_unit_test(test_red_lines),
        cmocka_unit_test(test_agent_names), cmocka_unit_test(test_coinciding_best),
        cmocka_unit_test(test_continuous_grid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
