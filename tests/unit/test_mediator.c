/*
 * test_mediator.c - the mediator's single negotiating text
 * (docs/simulation.md, "Protocol: a mediator's single negotiating text";
 * src/lib/simulate/mediator.c) on small scenarios computed by hand: the first text is
 * the maximin package of the zone, exact on the continuum; a party's stated
 * floor makes the mediator try the maximin package over the floors, and a
 * failed try is repeated only when the floors have fallen far enough; a
 * stated red line corrects the mediator's belief; options issues; red lines
 * that clash; the grid procedure for the quadratic form; determinism
 * (repeated runs, Monte Carlo on 1 and 2 threads).
 *
 * Bands used by hand (docs/simulation.md, "Agents"), with u_max and u_worst
 * over the packages the party's red lines allow, on the continuum:
 * hardheaded lo = u_max - 1e-4; tb:E lo = d (1 - t^E) + m - 1e-4, d = u_max
 * - m, m = max(u_worst, rv); under the mediator t = (k + 1) / steps.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "parley/parley.h"
#include "parley/simulate.h"
#include "simulate/sao_internal.h"
#include "support.h"

static const pl_agent HARDHEADED = {PL_AGENT_HARDHEADED, 0.0, NULL};
static const pl_agent SOFT = {PL_AGENT_TIME_BASED, 0.1, NULL}; /* tb:0.1, concedes fast */

/* ---- helpers ---- */

static pl_scenario *new_scenario(void)
{
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    return s;
}

static void add_actor(pl_scenario *s, const char *id, double capability)
{
    assert_int_equal(pl_scenario_add_actor(s, id, NULL, capability, NULL), PL_OK);
}

static void position(pl_scenario *s, size_t actor, size_t issue, double x, double salience)
{
    assert_int_equal(pl_scenario_set_position(s, actor, issue, x, salience), PL_OK);
}

static void validate(pl_scenario *s)
{
    pl_diag diag;
    assert_int_equal(pl_scenario_validate(s, &diag), PL_OK);
}

static void mediator_options(pl_simulation_options *o, const pl_agent *agents, size_t n,
                             int steps)
{
    pl_simulation_options_init(o);
    o->protocol = PL_PROTOCOL_MEDIATOR;
    o->agents = agents;
    o->n_agents = n;
    o->steps = steps;
}

/* One negotiation through the public API, on grid `grid`. */
static pl_negotiation *mediate_on(const pl_scenario *s, const pl_agent *agents, size_t n,
                                  int steps, size_t grid)
{
    pl_simulation_options o;
    mediator_options(&o, agents, n, steps);
    o.grid = grid;
    pl_negotiation *r = NULL;
    pl_diag diag;
    assert_int_equal(pl_negotiate(s, &o, &r, &diag), PL_OK);
    assert_non_null(r);
    return r;
}

static pl_negotiation *mediate(const pl_scenario *s, const pl_agent *agents, size_t n,
                               int steps)
{
    return mediate_on(s, agents, n, steps, PL_SIMULATION_DEFAULT_GRID);
}

static int same_double(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

/* ---- (1) the first text: the maximin package, off the grid ---- */

/*
 * x in [0, 100]. A: capability 3, position 20, salience 0.5; B: capability
 * 1, position 75, salience 1; reservations 0, no veto (both must agree).
 * Maximin of U_A = 1 - |x - 20| / 100 and U_B = 1 - |x - 75| / 100: equal at
 * x = 47.5, U = 0.725 each (capability plays no part: 47.5 is no grid point
 * of grid 10, and the compromise forecast would be 42).
 * Round 0, t = 1/100, tb:0.1: 1 - t^0.1 = 0.369043.
 *   A: u_max 1 (x = 20), u_worst 0.2 (x = 100): lo = 0.8 x 0.369043 + 0.2 -
 *      1e-4 = 0.4951 <= 0.725: accepts.
 *   B: u_max 1, u_worst 0.25 (x = 0): lo = 0.75 x 0.369043 + 0.25 - 1e-4 =
 *      0.5267 <= 0.725: accepts.
 * Agreement at step 1 on 47.5, whatever the grid.
 */
static pl_scenario *two_party_continuous(void)
{
    pl_scenario *s = new_scenario();
    assert_int_equal(pl_scenario_add_continuous_issue(s, "x", NULL, 0, 100, NULL), PL_OK);
    add_actor(s, "A", 3);
    add_actor(s, "B", 1);
    position(s, 0, 0, 20, 0.5);
    position(s, 1, 0, 75, 1);
    validate(s);
    return s;
}

static void test_first_text_is_maximin(void **state)
{
    (void)state;
    pl_scenario *s = two_party_continuous();
    const pl_agent soft[2] = {SOFT, SOFT};
    static const size_t grids[] = {1, 10, 7, 1000};
    for (size_t g = 0; g < 4; g++) {
        pl_negotiation *r = mediate_on(s, soft, 2, 100, grids[g]);
        assert_true(r->agreed);
        assert_int_equal(r->agreement_step, 1);
        assert_true(r->package[0] == 47.5);
        assert_float_equal(r->utilities[0], 0.725, 1e-12);
        assert_float_equal(r->utilities[1], 0.725, 1e-12);
        assert_true(r->exact);
        pl_negotiation_free(r);
    }
    pl_scenario_free(s);
}

/* ---- (2) stated floors ---- */

/*
 * The same scenario, A hardheaded, B tb:0.1, 100 steps. A: lo = 0.9999 for
 * ever. B: lo(t) = 0.75 (1 - t^0.1) + 0.2499. For x in [20, 75], U_A + U_B =
 * 1.45, so the maximin package over required levels (rA, rB) there has the
 * value (1.45 - rA - rB) / 2 while that is below U_A's cap.
 *   k  t     text  A      B: U, lo         the mediator hears, then
 *   0  0.01  47.5  no     0.725, 0.5267 ok (a) with (0.9999, 0.5267): -0.0383, fails
 *   1  0.02  47.5  no     0.725, 0.4927 ok fell 0.034 < 0.0383: no new try
 *   2  0.03  47.5  no     0.725, 0.4717 ok fell 0.055: (a) -0.0108, fails
 *   3  0.04  47.5  no     0.725, 0.4563 ok fell 0.0154: (a) -0.0031, fails
 *   4  0.05  47.5  no     0.725, 0.4441 ok fell 0.0123: (a) feasible: x = 20
 *                                          (U_A - 0.9999 = 1e-4 is its top)
 *   5  0.06  20    1 ok   0.45, 0.4338 ok  agreement at step 6
 */
static void test_floors_move_the_text(void **state)
{
    (void)state;
    pl_scenario *s = two_party_continuous();
    const pl_agent agents[2] = {HARDHEADED, SOFT};
    pl_negotiation *r = mediate(s, agents, 2, 100);
    assert_true(r->agreed);
    assert_int_equal(r->agreement_step, 6);
    assert_true(r->package[0] == 20.0);
    assert_float_equal(r->utilities[0], 1.0, 1e-12);
    assert_float_equal(r->utilities[1], 0.45, 1e-12);
    pl_negotiation_free(r);

    /* Traced: the text is 47.5 in rounds 0-4 and 20 in round 5; A objects until then. */
    pl_simulation_options o;
    mediator_options(&o, agents, 2, 100);
    o.trace = 1;
    pl_diag diag;
    assert_int_equal(pl_negotiate(s, &o, &r, &diag), PL_OK);
    assert_int_equal(r->n_events, 6 * 3);
    for (size_t e = 0; e < r->n_events; e++) {
        const pl_sao_event *ev = &r->events[e];
        assert_int_equal(ev->round, (int)(e / 3));
        assert_true(ev->package[0] == (ev->round < 5 ? 47.5 : 20.0));
        if (ev->party == 0)
            assert_int_equal(ev->accepted, ev->round == 5);
        if (ev->party == 1)
            assert_true(ev->accepted);
    }
    pl_negotiation_free(r);
    pl_scenario_free(s);
}

/* ---- (3) a red line the mediator did not know ---- */

/*
 * x in [0, 100]. A: position 50, stated red line [50, 100]; B: position 30;
 * both tb:0.1, 100 steps. The stated maximin: x = 50 (U_A 1, U_B 0.8). A's
 * true line is [60, 100] (as a Monte Carlo draw would make it): A rejects 50
 * and states the line; the mediator re-solves: x = 60 (U_A 0.9, U_B 0.7);
 * the maximin over the floors (A: u_max 0.9, u_worst 0.5 on [60, 100], lo =
 * 0.4 x 0.369043 + 0.4999 = 0.6475; B: lo = 0.7 x 0.369043 + 0.2999 =
 * 0.5582) is 60 too. Round 1 (t = 0.02): A 0.9 >= 0.4 x 0.323757 + 0.4999,
 * B 0.7 >= 0.7 x 0.323757 + 0.2999: agreement at step 2 on 60.
 */
static void test_stated_red_line(void **state)
{
    (void)state;
    pl_scenario *s = new_scenario();
    assert_int_equal(pl_scenario_add_continuous_issue(s, "x", NULL, 0, 100, NULL), PL_OK);
    add_actor(s, "A", 1);
    add_actor(s, "B", 1);
    position(s, 0, 0, 50, 1);
    position(s, 1, 0, 30, 1);
    assert_int_equal(pl_scenario_add_red_line(s, 0, 0, 50, 100, NULL), PL_OK);
    validate(s);
    const pl_agent soft[2] = {SOFT, SOFT};
    pl_negotiation *r = mediate(s, soft, 2, 100);
    assert_true(r->agreed && r->agreement_step == 1 && r->package[0] == 50.0);
    pl_negotiation_free(r);

    pl_simulation_options o;
    mediator_options(&o, soft, 2, 100);
    sao_session ss;
    assert_int_equal(sao_session_init(&ss, s, &o), PL_OK);
    ss.inputs.red_low[0] = 60; /* the truth the mediator does not see */
    assert_int_equal(sao_session_rebuild(&ss), PL_OK);
    pl_negotiation res;
    assert_int_equal(sao_result_alloc(&res, 2, 1), PL_OK);
    assert_int_equal(sao_mediator_run(&ss, &res), PL_OK);
    assert_true(res.agreed);
    assert_int_equal(res.agreement_step, 2);
    assert_true(res.package[0] == 60.0);
    assert_float_equal(res.utilities[0], 0.9, 1e-12);
    assert_float_equal(res.utilities[1], 0.7, 1e-12);
    /* the next run of the session starts from the stated scenario again */
    ss.inputs.red_low[0] = 50;
    assert_int_equal(sao_session_rebuild(&ss), PL_OK);
    assert_int_equal(sao_mediator_run(&ss, &res), PL_OK);
    assert_true(res.agreed && res.agreement_step == 1 && res.package[0] == 50.0);
    pli_free(res.package);
    pli_free(res.utilities);
    sao_session_free(&ss);
    pl_scenario_free(s);
}

/* ---- (4) options ---- */

/*
 * One issue o with options a, b, c. A values (1, 0, 0.3), B (0, 1, 0.3), C
 * (0, 0, 1); all tb:0.1. Maximin over the options: a 0, b 0, c 0.3: the text
 * is c. A and B: u_max 1, u_worst 0, lo = (1 - t^0.1) - 1e-4: 0.3689 (t =
 * 0.01) and 0.3237 (0.02) reject 0.3, 0.2956 (0.03) accepts; C accepts c
 * (its best) throughout. No try at the floors can help (every option leaves
 * someone below): agreement at step 3 on c (index 2).
 */
static void test_options_text(void **state)
{
    (void)state;
    static const char *const ids[] = {"a", "b", "c"};
    static const double values[3][3] = {{1, 0, 0.3}, {0, 1, 0.3}, {0, 0, 1}};
    pl_scenario *s = new_scenario();
    assert_int_equal(pl_scenario_add_options_issue(s, "o", NULL, 3, ids, NULL), PL_OK);
    add_actor(s, "A", 1);
    add_actor(s, "B", 2);
    add_actor(s, "C", 5);
    for (size_t a = 0; a < 3; a++)
        assert_int_equal(pl_scenario_set_option_values(s, a, 0, values[a], 1), PL_OK);
    validate(s);
    const pl_agent soft[3] = {SOFT, SOFT, SOFT};
    pl_negotiation *r = mediate(s, soft, 3, 100);
    assert_true(r->agreed);
    assert_int_equal(r->agreement_step, 3);
    assert_true(r->package[0] == 2.0);
    pl_negotiation_free(r);
    /* A hardheaded A never takes 0.3; with B and C alone deciding (veto), c still passes */
    const pl_agent hard_a[3] = {HARDHEADED, SOFT, SOFT};
    r = mediate(s, hard_a, 3, 100);
    assert_false(r->agreed);
    pl_negotiation_free(r);
    s->actors[1].veto = s->actors[2].veto = 1;
    validate(s);
    r = mediate(s, hard_a, 3, 100);
    assert_true(r->agreed);
    assert_int_equal(r->agreement_step, 3); /* B accepts 0.3 at t = 0.03, as above */
    assert_true(r->package[0] == 2.0);
    pl_negotiation_free(r);
    pl_scenario_free(s);
}

/* ---- (5) red lines that clash ---- */

/*
 * Incompatible red lines: A only [60, 100], B only [0, 40]. No text is
 * allowed to both, so no agent ever agrees: step = steps, utilities the
 * reservations, package NaN.
 */
static void test_incompatible_red_lines(void **state)
{
    (void)state;
    pl_scenario *s = new_scenario();
    assert_int_equal(pl_scenario_add_continuous_issue(s, "x", NULL, 0, 100, NULL), PL_OK);
    add_actor(s, "A", 1);
    add_actor(s, "B", 2);
    position(s, 0, 0, 70, 1);
    position(s, 1, 0, 20, 1);
    s->actors[0].reservation = 0.25;
    s->actors[1].reservation = 0.125;
    assert_int_equal(pl_scenario_add_red_line(s, 0, 0, 60, 100, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_red_line(s, 1, 0, 0, 40, NULL), PL_OK);
    validate(s);
    static const char *const names[] = {"boulware", "linear", "conceder", "tb:0.1",
                                        "hardheaded", "tit-for-tat", "genius-conceder"};
    for (size_t x = 0; x < 7; x++)
        for (size_t y = 0; y < 7; y++) {
            pl_agent agents[2];
            assert_int_equal(pl_agent_parse(names[x], &agents[0]), PL_OK);
            assert_int_equal(pl_agent_parse(names[y], &agents[1]), PL_OK);
            pl_negotiation *r = mediate(s, agents, 2, 60);
            assert_false(r->agreed);
            assert_int_equal(r->agreement_step, 60);
            assert_true(isnan(r->package[0]));
            assert_true(r->utilities[0] == 0.25 && r->utilities[1] == 0.125);
            pl_negotiation_free(r);
        }
    pl_scenario_free(s);
}

/* ---- (6) the quadratic form: the grid procedure (mediator_grid.c) ---- */

/*
 * two_party_continuous with u = 1 - ((x - p) / 100)^2: no LP, so the grid
 * mediator drafts the grid point nearest the capability x salience weighted
 * mean, (3 x 0.5 x 20 + 1 x 75) / 2.5 = 42: x = 40 (grid 10). Round 0,
 * tb:0.1 (t = 1/101 there): A U(40) = 0.96 >= 0.64 x 0.369 + 0.36;
 * B U(40) = 0.8775 >= 0.56 x 0.369 + 0.4375 (u_max 0.9975 at 70 or 80 on the
 * grid): agreement at step 1 on 40.
 */
static void test_quadratic_uses_the_grid(void **state)
{
    (void)state;
    pl_scenario *s = two_party_continuous();
    s->utility_form = PL_UTILITY_QUADRATIC;
    validate(s);
    const pl_agent soft[2] = {SOFT, SOFT};
    pl_negotiation *r = mediate(s, soft, 2, 100);
    assert_true(r->agreed);
    assert_int_equal(r->agreement_step, 1);
    assert_true(r->package[0] == 40.0);
    pl_negotiation_free(r);
    pl_scenario_free(s);
}

/* ---- (7) determinism ---- */

static void assert_same_negotiation(const pl_negotiation *a, const pl_negotiation *b)
{
    assert_int_equal(a->agreed, b->agreed);
    assert_int_equal(a->agreement_step, b->agreement_step);
    assert_int_equal(a->n_issues, b->n_issues);
    for (size_t i = 0; i < a->n_issues; i++)
        assert_true(same_double(a->package[i], b->package[i]) ||
                    (isnan(a->package[i]) && isnan(b->package[i])));
    for (size_t k = 0; k < a->n_parties; k++)
        assert_true(same_double(a->utilities[k], b->utilities[k]));
}

static void test_repeatable(void **state)
{
    (void)state;
    pl_scenario *s = two_party_continuous();
    const pl_agent agents[2] = {HARDHEADED, SOFT};
    pl_simulation_options o;
    mediator_options(&o, agents, 2, 100);
    pl_sao *sao = NULL;
    pl_diag diag;
    assert_int_equal(pl_sao_new(&sao, s, &o, &diag), PL_OK);
    pl_negotiation *first = NULL, *again = NULL;
    assert_int_equal(pl_sao_run(sao, &first), PL_OK);
    assert_int_equal(pl_sao_run(sao, &again), PL_OK); /* a prepared session, run twice */
    assert_same_negotiation(first, again);
    assert_int_equal(first->agreement_step, 6);
    pl_negotiation *fresh = mediate(s, agents, 2, 100);
    assert_same_negotiation(first, fresh);
    pl_negotiation_free(first);
    pl_negotiation_free(again);
    pl_negotiation_free(fresh);
    pl_sao_free(sao);
    pl_scenario_free(s);
}

/*
 * x, y in [0, 100]. A (capability 1): x 10, y 60, saliences 1, 1; B
 * (capability 3): x 50, y 60. A hardheaded, B linear, 4 steps (t = (k + 1) / 4).
 */
static pl_scenario *one_objector(void)
{
    pl_scenario *s = new_scenario();
    assert_int_equal(pl_scenario_add_continuous_issue(s, "x", NULL, 0, 100, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "y", NULL, 0, 100, NULL), PL_OK);
    add_actor(s, "A", 1);
    add_actor(s, "B", 3);
    position(s, 0, 0, 10, 1);
    position(s, 0, 1, 60, 1);
    position(s, 1, 0, 50, 1);
    position(s, 1, 1, 60, 1);
    validate(s);
    return s;
}

static pl_montecarlo *montecarlo(const pl_scenario *s, int threads, int draws)
{
    static const pl_agent hardheaded_linear[2] = {{PL_AGENT_HARDHEADED, 0.0, NULL},
                                                  {PL_AGENT_TIME_BASED, 1.0, NULL}};
    static const pl_agent linear[2] = {{PL_AGENT_TIME_BASED, 1.0, NULL},
                                       {PL_AGENT_TIME_BASED, 1.0, NULL}};
    pl_montecarlo_options o;
    pl_montecarlo_options_init(&o);
    o.simulation.protocol = PL_PROTOCOL_MEDIATOR;
    o.simulation.agents = draws ? linear : hardheaded_linear;
    o.simulation.n_agents = 2;
    o.simulation.steps = draws ? 40 : 4;
    o.runs = 300;
    o.seed = 11;
    o.threads = threads;
    static const unsigned char none[1] = {0};
    o.use_uncertainty = draws ? NULL : none;
    o.keep_runs = 1;
    pl_montecarlo *m = NULL;
    pl_diag diag;
    assert_int_equal(pl_montecarlo_run(s, &o, NULL, &m, &diag), PL_OK);
    return m;
}

static void assert_same_montecarlo(const pl_montecarlo *a, const pl_montecarlo *b)
{
    assert_int_equal(a->runs, b->runs);
    assert_int_equal(a->agreements, b->agreements);
    assert_true(same_double(a->agreement_rate, b->agreement_rate));
    assert_true(same_double(a->mean_agreement_step, b->mean_agreement_step));
    for (size_t k = 0; k < a->n_parties; k++) {
        assert_true(same_double(a->mean_utilities[k], b->mean_utilities[k]));
        assert_true(same_double(a->mean_agreement_utilities[k],
                                b->mean_agreement_utilities[k]));
    }
    for (size_t i = 0; i < a->n_issues; i++) {
        assert_true(same_double(a->issues[i].mean, b->issues[i].mean));
        for (int q = 0; q < 5; q++)
            assert_true(same_double(a->issues[i].quantiles[q], b->issues[i].quantiles[q]));
    }
    assert_int_equal(a->n_inputs, b->n_inputs);
    for (size_t j = 0; j < a->n_inputs; j++) {
        assert_true(same_double(a->inputs[j].correlation, b->inputs[j].correlation));
        assert_true(same_double(a->inputs[j].rate_below, b->inputs[j].rate_below));
        assert_true(same_double(a->inputs[j].rate_above, b->inputs[j].rate_above));
    }
}

static void test_montecarlo_threads(void **state)
{
    (void)state;
    pl_scenario *s = one_objector();
    s->actors[0].reservation = s->actors[1].reservation = 0.88;
    size_t g;
    assert_int_equal(pl_scenario_add_uncertainty(s, "doubt", &g), PL_OK);
    pl_draw draw = {0, 0, PL_QUANTITY_POSITION, PL_DISTRIBUTION_UNIFORM, 30};
    assert_int_equal(pl_scenario_add_draw(s, g, &draw), PL_OK);
    validate(s);

    pl_montecarlo *one = montecarlo(s, 1, 1), *two = montecarlo(s, 2, 1);
    assert_same_montecarlo(one, two);
    /* Both linear, reservations 0.88 (believed margin 0.02), A's position drawn
     * (a true zone exactly when it is drawn at 2 or more):
     * some runs settle and some do not, so the comparison means something */
    assert_true(one->agreements > 0 && one->agreements < one->runs);
    /*
     * The mediator sees only the stated position (10) and what A says of each
     * text; with A at p = max(0, 10 + deviation) the true zone (y = 60,
     * |x - p| <= 24, |x - 50| <= 24) is not empty exactly when p >= 2. A
     * settlement outside it is impossible (A would not accept); inside it the
     * mediator, learning from A's shortfalls over 40 rounds, settles except
     * on the thinnest zones (p < 4: margin below 0.005).
     */
    for (size_t run = 0; run < one->runs; run++) {
        double p = 10 + one->per_run_deviations[run];
        if (p < 2)
            assert_false(one->per_run_agreed[run]);
        else if (p >= 4)
            assert_true(one->per_run_agreed[run]);
    }
    pl_montecarlo_free(one);
    pl_montecarlo_free(two);

    /*
     * Nothing drawn (reservations back to 0). Maximin (rv 0): y = 60, x = 30,
     * U 0.9 each. A: lo = 0.9999; B (linear): u_worst 0.45 (x = y = 100...0),
     * lo = 0.55 (1 - t) + 0.4499. For x in [10, 50], U_A + U_B = 1.8.
     *   k 0, t 0.25: text (30, 60): A no; B 0.9 >= 0.8624. (a) with (0.9999,
     *     0.8624): (1.8 - 1.8623) / 2 < 0: fails.
     *   k 1, t 0.5: A no; B lo 0.7249 (fell 0.1375 >= 0.031): (a) feasible,
     *     top at x = 10 (U_A - 0.9999 = 1e-4): text (10, 60).
     *   k 2, t 0.75: A 1 ok; B U 0.8 >= 0.5874 ok: agreement at step 3.
     */
    s->actors[0].reservation = s->actors[1].reservation = 0;
    one = montecarlo(s, 1, 0);
    two = montecarlo(s, 2, 0);
    assert_same_montecarlo(one, two);
    assert_int_equal(one->agreements, 300);
    assert_true(one->mean_agreement_step == 3.0);
    assert_true(one->issues[0].mean == 10.0 && one->issues[1].mean == 60.0);
    assert_true(one->mean_utilities[0] == 1.0);
    /* means are sums in run order, divided by the runs: 300 x 0.8 summed, / 300 */
    double sum = 0, u1 = 0.5 * (1.0 - 40.0 / 100.0) + 0.5 * 1.0;
    for (int k = 0; k < 300; k++)
        sum += u1;
    assert_true(one->mean_utilities[1] == sum / 300.0);
    assert_true(one->mean_agreement_utilities[1] == sum / 300.0);
    pl_montecarlo_free(one);
    pl_montecarlo_free(two);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_text_is_maximin),
        cmocka_unit_test(test_floors_move_the_text),
        cmocka_unit_test(test_stated_red_line),
        cmocka_unit_test(test_options_text),
        cmocka_unit_test(test_incompatible_red_lines),
        cmocka_unit_test(test_quadratic_uses_the_grid),
        cmocka_unit_test(test_repeatable),
        cmocka_unit_test(test_montecarlo_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
