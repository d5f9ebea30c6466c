/*
 * test_mediator.c - the mediator's single negotiating text
 * (docs/simulation.md, "Protocol: a mediator's single negotiating text";
 * src/lib/mediator.c) on small scenarios computed by hand: the first draft
 * (capability x salience weighted), agreement at step 1 on an acceptable
 * draft, the revision of an objected item (one grid step towards the
 * objectors' capability-weighted best; options: the objectors' favourite),
 * red lines, three parties, and determinism (repeated runs, Monte Carlo on
 * 1 and 2 threads).
 *
 * Bands used by hand (docs/simulation.md, "Agents"): hardheaded accepts only
 * U >= u_max - 1e-4 (here: only its best text); tb:0.1 accepts U >= lo with
 * lo = d (1 - t^0.1) + m - 1e-4, t = (k + 1) / (steps + 1).
 *
 * The text after a given number of rounds is read from the session
 * (sao_internal.h): with `steps` rounds and no agreement, ss.offer holds the
 * text after `steps` revisions.
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
#include "sao_internal.h"
#include "support.h"

static const pl_agent HARDHEADED = {PL_AGENT_HARDHEADED, 0.0};
static const pl_agent SOFT = {PL_AGENT_TIME_BASED, 0.1}; /* tb:0.1, concedes fast */

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

/* One negotiation through the public API. */
static pl_negotiation *mediate(const pl_scenario *s, const pl_agent *agents, size_t n,
                               int steps)
{
    pl_simulation_options o;
    mediator_options(&o, agents, n, steps);
    pl_negotiation *r = NULL;
    pl_diag diag;
    assert_int_equal(pl_negotiate(s, &o, &r, &diag), PL_OK);
    assert_non_null(r);
    return r;
}

/*
 * Run the mediator for `steps` rounds on a session and copy the text it ends
 * with into `text` (the agreed text, or the text after `steps` revisions).
 * Returns the agreement flag.
 */
static int text_after(const pl_scenario *s, const pl_agent *agents, size_t n, int steps,
                      uint32_t *text)
{
    pl_simulation_options o;
    mediator_options(&o, agents, n, steps);
    sao_session ss;
    assert_int_equal(sao_session_init(&ss, s, &o), PL_OK);
    pl_negotiation r;
    assert_int_equal(sao_result_alloc(&r, s->n_actors, s->n_issues), PL_OK);
    assert_int_equal(sao_mediator_run(&ss, &r), PL_OK);
    int agreed = r.agreed;
    assert_int_equal(r.agreement_step, agreed ? r.agreement_step : steps);
    memcpy(text, ss.offer, s->n_issues * sizeof *text);
    pl_free(r.package);
    pl_free(r.utilities);
    sao_session_free(&ss);
    return agreed;
}

static int same_double(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

/* ---- (1) the first text already satisfies both ---- */

/*
 * x in [0, 100], grid 10. A: capability 3, position 20, salience 0.5;
 * B: capability 1, position 75, salience 1. Draft: weights 3 x 0.5 = 1.5 and
 * 1 x 1 = 1, mean (1.5 x 20 + 1 x 75) / 2.5 = 105 / 2.5 = 42, nearest grid
 * point k = floor(4.2 + 0.5) = 4: x = 40.
 * Round 0, t = 1/101, tb:0.1: 1 - t^0.1 = 0.36969.
 *   A: U(40) = 1 - 20/100 = 0.8; u_max 1 (x = 20), u_worst 0.2 (x = 100),
 *      lo = 0.8 x 0.36969 + 0.2 - 1e-4 = 0.4957 <= 0.8: accepts.
 *   B: U(40) = 1 - 35/100 = 0.65; u_max 0.95 (x = 70 or 80), u_worst 0.25
 *      (x = 0), lo = 0.7 x 0.36969 + 0.25 - 1e-4 = 0.5087 <= 0.65: accepts.
 * Agreement at step 1 on the draft itself.
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

static void test_first_text_agreed(void **state)
{
    (void)state;
    pl_scenario *s = two_party_continuous();
    const pl_agent soft[2] = {SOFT, SOFT};
    pl_negotiation *r = mediate(s, soft, 2, 100);
    assert_true(r->agreed);
    assert_int_equal(r->agreement_step, 1);
    assert_true(r->package[0] == 40.0);            /* the draft, unchanged */
    assert_true(r->utilities[0] == 1.0 - 20.0 / 100.0); /* 1 - |40 - 20| / 100 = 0.8 */
    assert_true(r->utilities[1] == 1.0 - 35.0 / 100.0); /* 1 - |40 - 75| / 100 = 0.65 */
    assert_true(r->exact);                         /* 11 outcomes: ranked exactly */
    pl_negotiation_free(r);

    /* The draft is the text judged in round 0 whatever the agents: two
     * hardheaded parties (neither accepts 40) both object to x. B's best is
     * 80 (70 and 80 tie at 0.95; b* takes the last), so the objectors'
     * capability-weighted best is (3 x 2 + 1 x 8) / 4 = 3.5 in grid indices:
     * exactly half a step below 4, not more, so x stays 40 (k = 4), round
     * after round. (Unweighted, (2 + 8) / 2 = 5 would move it up to 50.) */
    const pl_agent hard[2] = {HARDHEADED, HARDHEADED};
    uint32_t text[1];
    assert_false(text_after(s, hard, 2, 1, text));
    assert_int_equal(text[0], 4);
    assert_false(text_after(s, hard, 2, 20, text));
    assert_int_equal(text[0], 4);
    pl_scenario_free(s);
}

/* ---- (2) one party objects to one item ---- */

/*
 * x, y in [0, 100], grid 10. A (capability 1): x 10, y 60, saliences 1, 1
 * (weights 0.5, 0.5), hardheaded. B (capability 3): x 50, y 60, saliences 1,
 * 1, tb:0.1.
 * Draft: x = (1 x 10 + 3 x 50) / 4 = 40 (k = 4); y = 60 (k = 6).
 * A: U = 0.5 x 0.7 + 0.5 x 1 = 0.85 < u_max - 1e-4 = 0.9999: rejects.
 *    Gains: x 0.5 x 1 - 0.5 x 0.7 = 0.15, y 0: A objects to x only.
 * B: U = 0.5 x 0.9 + 0.5 = 0.95, u_worst 0.5 x 0.5 + 0.5 x 0.4 = 0.45,
 *    lo <= 0.55 x 0.37 + 0.45 < 0.66: accepts in every round below.
 * Revision of x: target = A's best index 1 < 4 - 0.5: one step down, k = 3.
 * So x: 40 -> 30 -> 20 -> 10 (k = 4, 3, 2, 1), y stays 60; A accepts only at
 * x = 10 (U = 1), in round 3: agreement at step 4, (10, 60).
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

static void test_one_item_revised(void **state)
{
    (void)state;
    pl_scenario *s = one_objector();
    const pl_agent agents[2] = {HARDHEADED, SOFT};
    uint32_t text[2];
    /* after round 0: x one grid step (10) towards A's best 10, y unchanged */
    assert_false(text_after(s, agents, 2, 1, text));
    assert_int_equal(text[0], 3); /* 40 -> 30, not straight to 10 */
    assert_int_equal(text[1], 6); /* 60 unchanged */
    assert_false(text_after(s, agents, 2, 2, text));
    assert_int_equal(text[0], 2); /* 30 -> 20 */
    assert_int_equal(text[1], 6);
    assert_false(text_after(s, agents, 2, 3, text));
    assert_int_equal(text[0], 1); /* 20 -> 10 */
    assert_int_equal(text[1], 6);

    pl_negotiation *r = mediate(s, agents, 2, 100);
    assert_true(r->agreed);
    assert_int_equal(r->agreement_step, 4); /* A accepts x = 10 in round 3 */
    assert_true(r->package[0] == 10.0 && r->package[1] == 60.0);
    assert_true(r->utilities[0] == 0.5 * 1.0 + 0.5 * 1.0); /* A's best: 1 */
    /* B: 0.5 x (1 - 40/100) + 0.5 x 1 = 0.8 */
    assert_true(r->utilities[1] == 0.5 * (1.0 - 40.0 / 100.0) + 0.5 * 1.0);
    pl_negotiation_free(r);

    /* The same with the deadline at step 3: A never sees x = 10 before it. */
    r = mediate(s, agents, 2, 3);
    assert_false(r->agreed);
    assert_int_equal(r->agreement_step, 3);
    assert_true(isnan(r->package[0]) && isnan(r->package[1]));
    assert_true(r->utilities[0] == 0.0 && r->utilities[1] == 0.0); /* reservations */
    pl_negotiation_free(r);
    pl_scenario_free(s);
}

/*
 * Step 3 says each party objects to *the one item* where its best value would
 * gain it most, judged on the text it rejected. x, y in [0, 100], grid 10;
 * A (capability 3, hardheaded): x 0, y 0; B (capability 1, tb:0.1): x 40,
 * y 40; all saliences 1.
 * Draft: x = y = (3 x 0 + 1 x 40) / 4 = 10 (k = 1).
 * A: U = 0.5 x 0.9 + 0.5 x 0.9 = 0.9: rejects; gains x 0.05, y 0.05 (a tie:
 *    the first, x). B: U = 0.7 >= lo (t = 1/2: 0.6 x 0.067 + 0.4): accepts.
 * So after round 0 only x moves: (0, 10), i.e. k = (0, 1).
 */
static void test_one_item_per_party_per_round(void **state)
{
    (void)state;
    pl_scenario *s = new_scenario();
    assert_int_equal(pl_scenario_add_continuous_issue(s, "x", NULL, 0, 100, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "y", NULL, 0, 100, NULL), PL_OK);
    add_actor(s, "A", 3);
    add_actor(s, "B", 1);
    position(s, 0, 0, 0, 1);
    position(s, 0, 1, 0, 1);
    position(s, 1, 0, 40, 1);
    position(s, 1, 1, 40, 1);
    validate(s);
    const pl_agent agents[2] = {HARDHEADED, SOFT};
    uint32_t text[2];
    assert_false(text_after(s, agents, 2, 1, text));
    assert_int_equal(text[0], 0); /* x revised: 10 -> 0 */
    assert_int_equal(text[1], 1); /* y not objected in round 0: stays 10 */
    /* round 1: A's only gain is now y (0.05): y 10 -> 0, and A accepts in round 2 */
    assert_false(text_after(s, agents, 2, 2, text));
    assert_int_equal(text[0], 0);
    assert_int_equal(text[1], 0);
    pl_negotiation *r = mediate(s, agents, 2, 100);
    assert_true(r->agreed);
    assert_int_equal(r->agreement_step, 3);
    assert_true(r->package[0] == 0.0 && r->package[1] == 0.0);
    pl_negotiation_free(r);
    pl_scenario_free(s);
}

/*
 * Options items. One issue o with options a, b, c. A (capability 1) values
 * (1, 0, 0.3), B (capability 2) values (0, 1, 0.3), C (capability 5) values
 * (0, 0, 1); saliences 1; all hardheaded.
 * Draft: a 1 x 1 = 1, b 2 x 1 = 2, c 1 x 0.3 + 2 x 0.3 + 5 x 1 = 5.9: c.
 * C accepts c (its best); A and B object to o. Revision: capability-weighted
 * value to the objectors: a 1, b 2, c 0.9: b.
 * With B's capability 1 instead: a 1, b 1 (a tie: the first, a), c 0.6.
 */
static pl_scenario *options_three(double capability_b)
{
    static const char *const ids[] = {"a", "b", "c"};
    static const double values[3][3] = {{1, 0, 0.3}, {0, 1, 0.3}, {0, 0, 1}};
    pl_scenario *s = new_scenario();
    assert_int_equal(pl_scenario_add_options_issue(s, "o", NULL, 3, ids, NULL), PL_OK);
    add_actor(s, "A", 1);
    add_actor(s, "B", capability_b);
    add_actor(s, "C", 5);
    for (size_t a = 0; a < 3; a++)
        assert_int_equal(pl_scenario_set_option_values(s, a, 0, values[a], 1), PL_OK);
    validate(s);
    return s;
}

static void test_options_item_revised(void **state)
{
    (void)state;
    const pl_agent hard[3] = {HARDHEADED, HARDHEADED, HARDHEADED};
    uint32_t text[1];
    pl_scenario *s = options_three(2);
    /* round 0: C accepts the draft c, A and B object: after it the text is b */
    assert_false(text_after(s, hard, 3, 1, text));
    assert_int_equal(text[0], 1);
    /* round 1: b is B's best; A (a) and C (c) object: a 1, b 0, c 0.3 + 5 = 5.3: c */
    assert_false(text_after(s, hard, 3, 2, text));
    assert_int_equal(text[0], 2);
    pl_scenario_free(s);

    s = options_three(1);
    assert_false(text_after(s, hard, 3, 1, text));
    assert_int_equal(text[0], 0); /* tie a = b = 1: the first, a */
    pl_scenario_free(s);

    /* Everyone's favourite is the draft: agreement at step 1 even when hardheaded. */
    s = options_three(2);
    s->stances[0 * 1 + 0].option_values[2] = 1.0;
    s->stances[1 * 1 + 0].option_values[2] = 1.0;
    validate(s);
    pl_negotiation *r = mediate(s, hard, 3, 100);
    assert_true(r->agreed);
    assert_int_equal(r->agreement_step, 1);
    assert_true(r->package[0] == 2.0);
    for (size_t a = 0; a < 3; a++)
        assert_true(r->utilities[a] == 1.0);
    pl_negotiation_free(r);
    pl_scenario_free(s);
}

/* ---- (3) red lines ---- */

/*
 * x in [0, 100], grid 10. A: position 50, red line [50, 100]; B: position
 * 30; capabilities and saliences 1; both tb:0.1.
 * Draft: (50 + 30) / 2 = 40, k = 4: x = 40 crosses A's red line. Without the
 * line A would accept it (U = 0.9 >= lo = 0.5 x 0.37 + 0.5), as would B
 * (U = 0.9): agreement at step 1 on 40. With it, A rejects and objects to x
 * (red line, and also its largest gain); target = A's best k = 5: x = 50.
 * Round 1, t = 2/101: A U = 1; B U(50) = 0.8 >= lo = 0.7 x 0.3244 + 0.3:
 * agreement at step 2 on 50, inside A's line.
 */
static void test_red_line_respected(void **state)
{
    (void)state;
    pl_scenario *s = new_scenario();
    assert_int_equal(pl_scenario_add_continuous_issue(s, "x", NULL, 0, 100, NULL), PL_OK);
    add_actor(s, "A", 1);
    add_actor(s, "B", 1);
    position(s, 0, 0, 50, 1);
    position(s, 1, 0, 30, 1);
    validate(s);
    const pl_agent soft[2] = {SOFT, SOFT};
    pl_negotiation *r = mediate(s, soft, 2, 100);
    assert_true(r->agreed && r->agreement_step == 1 && r->package[0] == 40.0);
    pl_negotiation_free(r);

    assert_int_equal(pl_scenario_add_red_line(s, 0, 0, 50, 100, NULL), PL_OK);
    validate(s);
    r = mediate(s, soft, 2, 100);
    assert_true(r->agreed);
    assert_int_equal(r->agreement_step, 2);
    assert_true(r->package[0] == 50.0);
    assert_true(r->utilities[0] == 1.0);
    assert_true(r->utilities[1] == 1.0 - 20.0 / 100.0); /* 0.8 */
    pl_negotiation_free(r);
    /* and the text after round 0 is 50 (k = 5) */
    uint32_t text[1];
    assert_false(text_after(s, soft, 2, 1, text));
    assert_int_equal(text[0], 5);
    pl_scenario_free(s);
}

/*
 * A red-line item that is not the party's largest gain is objected to as
 * well. x, y in [0, 100], grid 10, capabilities and saliences 1, both tb:0.1.
 * A: x 0, y 50, red line y in [50, 100]; B: x 40, y 30.
 * Draft: x = 20 (k = 2), y = 40 (k = 4), crossing A's line on y. A would
 * accept it otherwise (U = 0.5 x 0.8 + 0.5 x 0.9 = 0.85 >= lo = 0.75 x 0.37 +
 * 0.25); B accepts it (U = 0.85 >= 0.65 x 0.37 + 0.35). A's gains: x 0.1,
 * y 0.05, so A objects to x (largest gain) and to y (red line):
 * x 20 -> 10 (towards 0), y 40 -> 50 (towards A's best 50): k = (1, 5).
 * Round 1: A U = 0.95, B U = 0.5 x 0.7 + 0.5 x 0.8 = 0.75 >= 0.65 x 0.32 +
 * 0.35: agreement at step 2 on (10, 50).
 */
static void test_red_line_item_objected(void **state)
{
    (void)state;
    pl_scenario *s = new_scenario();
    assert_int_equal(pl_scenario_add_continuous_issue(s, "x", NULL, 0, 100, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "y", NULL, 0, 100, NULL), PL_OK);
    add_actor(s, "A", 1);
    add_actor(s, "B", 1);
    position(s, 0, 0, 0, 1);
    position(s, 0, 1, 50, 1);
    position(s, 1, 0, 40, 1);
    position(s, 1, 1, 30, 1);
    assert_int_equal(pl_scenario_add_red_line(s, 0, 1, 50, 100, NULL), PL_OK);
    validate(s);
    const pl_agent soft[2] = {SOFT, SOFT};
    uint32_t text[2];
    assert_false(text_after(s, soft, 2, 1, text));
    assert_int_equal(text[0], 1);
    assert_int_equal(text[1], 5);
    pl_negotiation *r = mediate(s, soft, 2, 100);
    assert_true(r->agreed);
    assert_int_equal(r->agreement_step, 2);
    assert_true(r->package[0] == 10.0 && r->package[1] == 50.0);
    pl_negotiation_free(r);
    pl_scenario_free(s);
}

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

/* ---- (4) three parties ---- */

/*
 * x in [0, 100], grid 10, capabilities and saliences 1. A hardheaded at 20,
 * B tb:0.1 at 50, C tb:0.1 at 80. lo(t) = d (1 - t^0.1) + m - 1e-4 with
 * B: d = 0.5, m = 0.5 (worst x = 100); C: d = 0.8, m = 0.2 (worst x = 0).
 * Draft (20 + 50 + 80) / 3 = 50.
 *   k  t      text  A       B: U, lo       C: U, lo       objectors -> text
 *   0  1/101  50    0.7 no  1.0, 0.685 ok  0.7, 0.496 ok  A -> 40
 *   1  2/101  40    0.8 no  0.9, 0.662 ok  0.6, 0.460 ok  A -> 30
 *   2  3/101  30    0.9 no  0.8, 0.648 ok  0.5, 0.437 ok  A -> 20
 *   3  4/101  20    1.0 ok  0.7, 0.638 ok  0.4, 0.421 no  C -> 30
 *   4  5/101  30    0.9 no  0.8, 0.630 ok  0.5, 0.408 ok  A -> 20
 *   5  6/101  20    1.0 ok  0.7, 0.623 ok  0.4, 0.397 ok  agreement, step 6
 */
static pl_scenario *three_parties(void)
{
    pl_scenario *s = new_scenario();
    assert_int_equal(pl_scenario_add_continuous_issue(s, "x", NULL, 0, 100, NULL), PL_OK);
    add_actor(s, "A", 1);
    add_actor(s, "B", 1);
    add_actor(s, "C", 1);
    position(s, 0, 0, 20, 1);
    position(s, 1, 0, 50, 1);
    position(s, 2, 0, 80, 1);
    validate(s);
    return s;
}

static void test_three_parties(void **state)
{
    (void)state;
    pl_scenario *s = three_parties();
    const pl_agent agents[3] = {HARDHEADED, SOFT, SOFT};
    pl_negotiation *r = mediate(s, agents, 3, 100);
    assert_true(r->agreed);
    assert_int_equal(r->agreement_step, 6);
    assert_true(r->package[0] == 20.0);
    assert_true(r->utilities[0] == 1.0);
    assert_true(r->utilities[1] == 1.0 - 30.0 / 100.0); /* 0.7 */
    assert_true(r->utilities[2] == 1.0 - 60.0 / 100.0); /* 0.4 */
    pl_negotiation_free(r);
    pl_scenario_free(s);

    /*
     * Two objectors pulling apart. A hardheaded, capability 3, at 0; B
     * hardheaded, capability 1, at 100; C tb:0.1, capability 2, at 60.
     * Draft (3 x 0 + 1 x 100 + 2 x 60) / 6 = 36.67, k = floor(3.67 + 0.5) = 4.
     * C accepts 40 and 30 (U 0.8, 0.7; lo <= 0.6 x 0.33 + 0.4 = 0.6); A and B object:
     * target (3 x 0 + 1 x 10) / 4 = 2.5 < 4 - 0.5: k = 3; then 2.5 is not
     * below 3 - 0.5: the text stays at 30 and nobody agrees.
     */
    s = new_scenario();
    assert_int_equal(pl_scenario_add_continuous_issue(s, "x", NULL, 0, 100, NULL), PL_OK);
    add_actor(s, "A", 3);
    add_actor(s, "B", 1);
    add_actor(s, "C", 2);
    position(s, 0, 0, 0, 1);
    position(s, 1, 0, 100, 1);
    position(s, 2, 0, 60, 1);
    validate(s);
    const pl_agent pulling[3] = {HARDHEADED, HARDHEADED, SOFT};
    uint32_t text[1];
    assert_false(text_after(s, pulling, 3, 1, text));
    assert_int_equal(text[0], 3);
    assert_false(text_after(s, pulling, 3, 2, text));
    assert_int_equal(text[0], 3);
    assert_false(text_after(s, pulling, 3, 50, text));
    assert_int_equal(text[0], 3);
    r = mediate(s, pulling, 3, 50);
    assert_false(r->agreed);
    assert_int_equal(r->agreement_step, 50);
    pl_negotiation_free(r);
    pl_scenario_free(s);
}

/* ---- (5) determinism ---- */

static void assert_same_negotiation(const pl_negotiation *a, const pl_negotiation *b)
{
    assert_int_equal(a->agreed, b->agreed);
    assert_int_equal(a->agreement_step, b->agreement_step);
    assert_int_equal(a->n_issues, b->n_issues);
    for (size_t i = 0; i < a->n_issues; i++)
        assert_true(same_double(a->package[i], b->package[i]));
    for (size_t k = 0; k < a->n_parties; k++)
        assert_true(same_double(a->utilities[k], b->utilities[k]));
}

static void test_repeatable(void **state)
{
    (void)state;
    pl_scenario *s = three_parties();
    const pl_agent agents[3] = {HARDHEADED, SOFT, SOFT};
    pl_simulation_options o;
    mediator_options(&o, agents, 3, 100);
    pl_sao *sao = NULL;
    pl_diag diag;
    assert_int_equal(pl_sao_new(&sao, s, &o, &diag), PL_OK);
    pl_negotiation *first = NULL, *again = NULL;
    assert_int_equal(pl_sao_run(sao, &first), PL_OK);
    assert_int_equal(pl_sao_run(sao, &again), PL_OK); /* a prepared session, run twice */
    assert_same_negotiation(first, again);
    assert_int_equal(first->agreement_step, 6);
    pl_negotiation *fresh = mediate(s, agents, 3, 100);
    assert_same_negotiation(first, fresh);
    /* the text after every round, twice over: the same */
    for (int steps = 1; steps <= 6; steps++) {
        uint32_t one[1], two[1];
        int agreed = text_after(s, agents, 3, steps, one);
        assert_int_equal(text_after(s, agents, 3, steps, two), agreed);
        assert_int_equal(one[0], two[0]);
    }
    pl_negotiation_free(first);
    pl_negotiation_free(again);
    pl_negotiation_free(fresh);
    pl_sao_free(sao);
    pl_scenario_free(s);
}

/* The one-objector scenario with A's position on x uncertain (uniform +-30). */
static pl_montecarlo *montecarlo(const pl_scenario *s, int threads, int draws)
{
    pl_montecarlo_options o;
    pl_montecarlo_options_init(&o);
    o.simulation.protocol = PL_PROTOCOL_MEDIATOR;
    static const pl_agent agents[2] = {{PL_AGENT_HARDHEADED, 0.0},
                                       {PL_AGENT_TIME_BASED, 1.0}};
    o.simulation.agents = agents;
    o.simulation.n_agents = 2;
    o.simulation.steps = 4;
    o.runs = 300;
    o.seed = 11;
    o.threads = threads;
    static const unsigned char none[1] = {0};
    o.use_uncertainty = draws ? NULL : none;
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
    size_t g;
    assert_int_equal(pl_scenario_add_uncertainty(s, "doubt", &g), PL_OK);
    pl_draw draw = {0, 0, PL_QUANTITY_POSITION, PL_DISTRIBUTION_UNIFORM, 30};
    assert_int_equal(pl_scenario_add_draw(s, g, &draw), PL_OK);
    validate(s);

    pl_montecarlo *one = montecarlo(s, 1, 1), *two = montecarlo(s, 2, 1);
    assert_same_montecarlo(one, two);
    /* some runs settle and some do not, so the comparison means something */
    assert_true(one->agreements > 0 && one->agreements < one->runs);
    pl_montecarlo_free(one);
    pl_montecarlo_free(two);

    /*
     * Nothing drawn: every run is the hand-computed negotiation of
     * test_one_item_revised with 4 steps and B linear: lo = 0.55 (1 - t) +
     * 0.45 - 1e-4, t = (k + 1) / 5: 0.8899, 0.7799, 0.6699, 0.5599 in rounds
     * 0..3, below B's U = 0.95, 0.9, 0.85, 0.8 at x = 40, 30, 20, 10. A accepts
     * only x = 10, in round 3: every run agrees at step 4 on (10, 60),
     * utilities (1, 0.8). (With A's position drawn below 5, A's best is 0,
     * four revisions away: those runs miss the deadline.)
     */
    one = montecarlo(s, 1, 0);
    two = montecarlo(s, 2, 0);
    assert_same_montecarlo(one, two);
    assert_int_equal(one->agreements, 300);
    assert_true(one->mean_agreement_step == 4.0);
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
        cmocka_unit_test(test_first_text_agreed),
        cmocka_unit_test(test_one_item_revised),
        cmocka_unit_test(test_one_item_per_party_per_round),
        cmocka_unit_test(test_options_item_revised),
        cmocka_unit_test(test_red_line_respected),
        cmocka_unit_test(test_red_line_item_objected),
        cmocka_unit_test(test_incompatible_red_lines),
        cmocka_unit_test(test_three_parties),
        cmocka_unit_test(test_repeatable),
        cmocka_unit_test(test_montecarlo_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
