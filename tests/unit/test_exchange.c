/*
 * test_exchange.c - the equal-gain exchange model (docs/specs/exchange.md,
 * "the spec"; sections cited as §n). Expected numbers are hand-computed from
 * the spec's formulas (the arithmetic is written beside each), or are the
 * spec's own worked example (§10).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "parley/exchange.h"
#include "support.h"

#define CLOSE(x, expected, tolerance) assert_true(fabs((x) - (expected)) <= (tolerance))

/* One actor's stance on one issue: position, salience, capability on the issue. */
typedef struct stance {
    double position, salience, capability;
} stance;

/* A scenario of issues P and Q (or the given ranges) with one row of stances per actor. */
static pl_scenario *two_issues(size_t n, const char *const *ids, const stance (*rows)[2],
                               const double *low, const double *high)
{
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "P", NULL, low ? low[0] : 0,
                                                      high ? high[0] : 100, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "Q", NULL, low ? low[1] : 0,
                                                      high ? high[1] : 100, NULL), PL_OK);
    for (size_t k = 0; k < n; k++) {
        size_t a;
        assert_int_equal(pl_scenario_add_actor(s, ids[k], NULL, 1.0, &a), PL_OK);
        for (size_t i = 0; i < 2; i++) {
            if (isnan(rows[k][i].position))
                continue; /* no stance */
            assert_int_equal(pl_scenario_set_position(s, a, i, rows[k][i].position,
                                                      rows[k][i].salience), PL_OK);
            pl_stance *st = pl_scenario_stance(s, a, i);
            st->has_capability = 1;
            st->capability = rows[k][i].capability;
        }
    }
    return s;
}

static pl_exchange_result *run(const pl_scenario *s, const pl_exchange_options *o)
{
    pl_exchange_result *r = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_exchange_run(s, o, &r, &diag);
    if (rc != PL_OK)
        print_error("pl_exchange_run: %d %s\n", rc, diag.message);
    assert_int_equal(rc, PL_OK);
    assert_non_null(r);
    return r;
}

static pl_exchange_options rounds_only(int rounds)
{
    pl_exchange_options o;
    pl_exchange_options_init(&o);
    o.rounds = rounds;
    return o;
}

/* Voting position (trace) of actor a on issue i after round t. */
static double voting(const pl_exchange_result *r, size_t t, size_t a, size_t i)
{
    const pl_trace *tr = &r->trace;
    return tr->positions[(t * tr->n_actors + a) * tr->n_issues + i];
}

static double preference(const pl_exchange_result *r, size_t t, size_t a, size_t i)
{
    const pl_trace *tr = &r->trace;
    return r->preferences[(t * tr->n_actors + a) * tr->n_issues + i];
}

static const char *const AB[] = {"a", "b"};

/*
 * The basic trade (§2-§4, §7). Capabilities 1. a: P (0, .8), Q (0, .2);
 * b: P (100, .2), Q (100, .8). W_P = W_Q = 1; O_P = 20, O_Q = 80 (§2).
 * a is left on both (group D), b right on both (A): one candidate (b, a) (§3).
 * Ratios: b .2/.8 = .25 < a .8/.2 = 4, so a demands P and b supplies P (§3.4).
 * §4.1: m_B = |0 - 100| = 100, Delta_P = 100 * 1 * .2 / 1 = 20,
 * Delta_Q = 20 (.8 + .2) / (.2 + .8) = 20, m_A = 20 * 1 / (1 * .2) = 100 = |100 - 0|:
 * no overshoot. Gain |20 * .2 - 20 * .8| = 12 (§4.4). No cap: both outcomes
 * end exactly on the demander's ideal (knife edge, X2).
 */
static const stance basic[2][2] = {{{0, .8, 1}, {0, .2, 1}}, {{100, .2, 1}, {100, .8, 1}}};

static void opposite_sides_trade_with_equal_gain(void **state)
{
    (void)state;
    pl_scenario *s = two_issues(2, AB, basic, NULL, NULL);
    pl_exchange_options o = rounds_only(1);
    pl_exchange_result *r = run(s, &o);
    CLOSE(r->start_outcome[0], 20.0, 1e-12);
    CLOSE(r->start_outcome[1], 80.0, 1e-12);
    assert_int_equal(r->n_exchanges, 1);
    const pl_realised_exchange *e = &r->exchanges[0];
    assert_int_equal(e->actors[0], 1); /* b: the first-loop actor (group A) */
    assert_int_equal(e->actors[1], 0);
    assert_int_equal(e->supplies[0], 0); /* b supplies P */
    assert_int_equal(e->supplies[1], 1); /* a supplies Q */
    CLOSE(e->from[0], 100.0, 1e-12);
    CLOSE(e->to[0], 0.0, 1e-12);
    CLOSE(e->from[1], 0.0, 1e-12);
    CLOSE(e->to[1], 100.0, 1e-12);
    CLOSE(e->gain, 12.0, 1e-12);
    /* §7.3: voting outcomes P = 0 (both at 0), Q = 100. */
    CLOSE(r->trace.forecast[0], 0.0, 1e-12);
    CLOSE(r->trace.forecast[1], 100.0, 1e-12);
    CLOSE(r->trace.mean[1], 100.0, 1e-12);
    CLOSE(voting(r, 0, 0, 1), 100.0, 1e-12);
    CLOSE(voting(r, 0, 1, 0), 0.0, 1e-12);
    /* §7.4: a on Q 0 + (.1 + .4 (1 - .2)) 100 = 42; b on P 100 - (.1 + .4 .8) 100 = 58. */
    CLOSE(preference(r, 0, 0, 1), 42.0, 1e-12);
    CLOSE(preference(r, 0, 1, 0), 58.0, 1e-12);
    CLOSE(preference(r, 0, 0, 0), 0.0, 1e-12); /* not moved: keeps its position */
    /* Preference outcomes: P = 58 * .2 = 11.6, Q = 42 * .2 + 100 * .8 = 88.4. */
    CLOSE(r->preference_outcome[0], 11.6, 1e-12);
    CLOSE(r->preference_outcome[1], 88.4, 1e-12);
    CLOSE(r->forecast[1], 100.0, 1e-12);
    pl_exchange_result_free(r);
    pl_scenario_free(s);
}

/* §3.4: with the saliences swapped, a demands Q and supplies P. */
static void salience_ratio_decides_who_supplies(void **state)
{
    (void)state;
    const stance rows[2][2] = {{{0, .2, 1}, {0, .8, 1}}, {{100, .8, 1}, {100, .2, 1}}};
    pl_scenario *s = two_issues(2, AB, rows, NULL, NULL);
    pl_exchange_options o = rounds_only(1);
    pl_exchange_result *r = run(s, &o);
    assert_int_equal(r->n_exchanges, 1);
    assert_int_equal(r->exchanges[0].actors[0], 1);
    assert_int_equal(r->exchanges[0].supplies[0], 1); /* b supplies Q */
    assert_int_equal(r->exchanges[0].supplies[1], 0); /* a supplies P */
    pl_exchange_result_free(r);
    pl_scenario_free(s);
}

/* §3.4, §4.5: equal salience ratios give zero gain: no exchange, ever (§7 stopping). */
static void equal_ratios_never_trade(void **state)
{
    (void)state;
    const stance rows[2][2] = {{{0, .5, 1}, {0, .5, 1}}, {{100, .5, 1}, {100, .5, 1}}};
    pl_scenario *s = two_issues(2, AB, rows, NULL, NULL);
    pl_exchange_options o = rounds_only(3);
    pl_exchange_result *r = run(s, &o);
    assert_int_equal(r->trace.n_rounds, 3);
    assert_int_equal(r->n_exchanges, 0);
    for (size_t t = 0; t < 3; t++) {
        assert_int_equal(r->round_count[t], 0);
        CLOSE(voting(r, t, 1, 1), 100.0, 0.0); /* positions unchanged */
        CLOSE(r->trace.forecast[t * 2], 50.0, 1e-12);
    }
    pl_exchange_result_free(r);
    pl_scenario_free(s);
}

/*
 * §3.3, X8: actors on the same side of the outcome on one of the issues cannot
 * trade. a: P (0, .8), Q (100, .2); b: P (100, .2), Q (100, .8): O_Q = 100, so
 * both are left on Q (X5, <=): a is D, b is C: no pair. With left = lt both
 * are right on Q: a is B, b is A: still no pair.
 */
static void same_side_cannot_trade(void **state)
{
    (void)state;
    const stance rows[2][2] = {{{0, .8, 1}, {100, .2, 1}}, {{100, .2, 1}, {100, .8, 1}}};
    pl_scenario *s = two_issues(2, AB, rows, NULL, NULL);
    pl_exchange_options o = rounds_only(1);
    pl_exchange_result *r = run(s, &o);
    assert_int_equal(r->n_exchanges, 0);
    pl_exchange_result_free(r);
    assert_int_equal(pl_exchange_options_set(&o, "left", "lt", NULL), PL_OK);
    r = run(s, &o);
    assert_int_equal(r->n_exchanges, 0);
    pl_exchange_result_free(r);
    pl_scenario_free(s);
}

/* §3.3: the second kind of pair, B x C (left on p and right on q, and vice versa). */
static void b_by_c_pairs_trade(void **state)
{
    (void)state;
    /*
     * a: P (0, .8), Q (100, .2) ; b: P (100, .2), Q (0, .8). W = 1 on both;
     * O_P = 20, O_Q = 20. a: left P, right Q (B); b: right P, left Q (C).
     * One B x C candidate (a, b), a first. Ratios a 4 > b .25: a demands P,
     * b supplies P (side B of the exchange) and a supplies Q.
     */
    const stance rows[2][2] = {{{0, .8, 1}, {100, .2, 1}}, {{100, .2, 1}, {0, .8, 1}}};
    pl_scenario *s = two_issues(2, AB, rows, NULL, NULL);
    pl_exchange_options o = rounds_only(1);
    pl_exchange_result *r = run(s, &o);
    assert_int_equal(r->n_exchanges, 1);
    assert_int_equal(r->exchanges[0].actors[0], 0); /* a: the first-loop actor (B) */
    assert_int_equal(r->exchanges[0].supplies[0], 1);
    CLOSE(r->exchanges[0].to[0], 0.0, 1e-12); /* a moves all the way down on Q */
    CLOSE(r->exchanges[0].gain, 12.0, 1e-12); /* as in the basic case, mirrored */
    pl_exchange_result_free(r);
    pl_scenario_free(s);
}

/*
 * §4.2 overshoot, with P on [1, 3] to check the mapping of §2. Capabilities 1.
 * a: P (0', .6), Q (0, .3); b: P (100', .3), Q (40, .6), where P = 1 + x'/50.
 * W_P = W_Q = .9. §4.1: m_B = 100, Delta_P = 100 * .3 / .9 = 33.33,
 * Delta_Q = 33.33 (.6 + .3) / (.3 + .6) = 33.33, m_A = 33.33 * .9 / .3 = 100 > 40:
 * overshoot. §4.2: m_A = 40, Delta_Q = 40 * .3 / .9 = 13.33, Delta_P = 13.33,
 * m_B = 13.33 * .9 / .3 = 40. b: P 100' -> 60' (3 -> 2.2), a: Q 0 -> 40.
 * Gain |13.33 * .3 - 13.33 * .6| = 4. Voting P = 60' * .3 / .9 = 20' = 1.4.
 */
static void overshoot_moves_the_other_side_all_the_way(void **state)
{
    (void)state;
    const stance rows[2][2] = {{{1, .6, 1}, {0, .3, 1}}, {{3, .3, 1}, {40, .6, 1}}};
    const double low[2] = {1, 0}, high[2] = {3, 100};
    pl_scenario *s = two_issues(2, AB, rows, low, high);
    pl_exchange_options o = rounds_only(1);
    pl_exchange_result *r = run(s, &o);
    assert_int_equal(r->n_exchanges, 1);
    const pl_realised_exchange *e = &r->exchanges[0];
    assert_int_equal(e->actors[0], 1);
    CLOSE(e->from[0], 3.0, 1e-12);
    CLOSE(e->to[0], 2.2, 1e-12);
    CLOSE(e->to[1], 40.0, 1e-12);
    CLOSE(e->gain, 4.0, 1e-12);
    CLOSE(r->start_outcome[0], 1.0 + (100.0 * .3 / .9) / 50.0, 1e-12);
    CLOSE(r->trace.forecast[0], 1.4, 1e-12);
    CLOSE(r->trace.mean[0], 1.4, 1e-12);
    pl_exchange_result_free(r);
    pl_scenario_free(s);
}

/* The worked example of §10: a, b, c on P and Q. */
static const char *const ABC[] = {"a", "b", "c"};
static const stance worked[3][2] = {
    {{0, .8, 1}, {0, .2, 3}}, {{100, .2, 1}, {60, .8, 1}}, {{60, .5, 1}, {90, .5, 1}}};

/*
 * The same as a Decide file. parley's Decide reader takes power in (0, 1]
 * (spec section 1), so a's power 3 on Q becomes 1 and the others' 1 become
 * 1/3: every formula uses capability only as c / W_e on one issue, so scaling
 * one issue's powers changes nothing but rounding.
 */
static const char WORKED_DECIDE[] =
    "#A\ta\ta\t\n#A\tb\tb\t\n#A\tc\tc\t\n"
    "#P\tP\tP\t\n#P\tQ\tQ\t\n"
    "#M\tP\t0\n#M\tP\t100\n#M\tQ\t0\n#M\tQ\t100\n"
    "#D\ta\tP\t0\t0.8\t1\n#D\ta\tQ\t0\t0.2\t1\n"
    "#D\tb\tP\t100\t0.2\t1\n#D\tb\tQ\t60\t0.8\t0.33333333333333333\n"
    "#D\tc\tP\t60\t0.5\t1\n#D\tc\tQ\t90\t0.5\t0.33333333333333333\n";

static void check_exchange(const pl_realised_exchange *e, size_t actor0, double from0,
                           double to0, size_t actor1, double from1, double to1, double gain,
                           double tolerance)
{
    assert_int_equal(e->actors[0], actor0);
    assert_int_equal(e->actors[1], actor1);
    CLOSE(e->from[0], from0, tolerance);
    CLOSE(e->to[0], to0, tolerance);
    CLOSE(e->from[1], from1, tolerance);
    CLOSE(e->to[1], to1, tolerance);
    CLOSE(e->gain, gain, tolerance);
}

/* Every number of the spec's worked example (§10), printed there to 3-4 decimals. */
static void check_worked_example(const pl_exchange_result *r)
{
    /* Round 1 setup: O_P = 50 / 1.5 = 33.333, O_Q = 93 / 1.9 = 48.947. */
    CLOSE(r->start_outcome[0], 50.0 / 1.5, 1e-12);
    CLOSE(r->start_outcome[1], 93.0 / 1.9, 1e-12);
    /* Round 1: (b, a) capped on Q; b 100 -> 17.105, a 0 -> 35, gain 6.6316. */
    assert_int_equal(r->round_count[0], 1); /* (c, a) became invalid (X3) */
    const pl_realised_exchange *e = &r->exchanges[r->round_first[0]];
    check_exchange(e, 1, 100, 17.105, 0, 0, 35, 6.6316, 5e-4);
    assert_int_equal(e->supplies[0], 0);
    assert_int_equal(e->supplies[1], 1);
    /* Voting outcomes P = 22.2807, Q = 60.0000. */
    CLOSE(r->trace.forecast[0], 22.2807, 5e-5);
    CLOSE(r->trace.forecast[1], 60.0000, 5e-5);
    /* New preferences: a on Q 0 + .42 * 35 = 14.7; b on P 100 - .42 * 82.895 = 65.184. */
    CLOSE(preference(r, 0, 0, 1), 14.7, 1e-9);
    CLOSE(preference(r, 0, 1, 0), 65.184, 5e-4);
    /* Round 2 starts at P = 28.6912, Q = 53.5895. */
    CLOSE(r->preference_outcome[0], 28.6912, 5e-5);
    CLOSE(r->preference_outcome[1], 53.5895, 5e-5);
    /* Round 2: (c, a), a 14.7 -> 90, c 60 -> 21.5879, gain 5.4874. */
    assert_int_equal(r->round_count[1], 1);
    check_exchange(&r->exchanges[r->round_first[1]], 2, 60, 21.5879, 0, 14.7, 90, 5.4874,
                   5e-5);
    CLOSE(r->trace.forecast[2], 15.8872, 5e-5);
    CLOSE(r->trace.forecast[3], 77.3684, 5e-5);
    /* Round 3: a 46.326 -> 90, c 48.4764 -> 26.1973, gain 3.1827. */
    check_exchange(&r->exchanges[r->round_first[2]], 2, 48.4764, 26.1973, 0, 46.326, 90,
                   3.1827, 5e-4);
    CLOSE(r->trace.forecast[4], 17.4237, 5e-5);
    CLOSE(r->trace.forecast[5], 77.3684, 5e-5);
    /* Round 4 starts at P = 22.6221, Q = 69.3692. */
    CLOSE(r->preference_outcome[4], 22.6221, 5e-5);
    CLOSE(r->preference_outcome[5], 69.3692, 5e-5);
}

static void worked_example_from_the_builder(void **state)
{
    (void)state;
    pl_scenario *s = two_issues(3, ABC, worked, NULL, NULL);
    pl_exchange_options o = rounds_only(4);
    pl_exchange_result *r = run(s, &o);
    assert_int_equal(r->trace.n_rounds, 4);
    check_worked_example(r);
    /* The trace holds voting positions: after round 1, a on Q at 35 and b on P at 17.105. */
    CLOSE(voting(r, 0, 0, 1), 35.0, 1e-9);
    CLOSE(voting(r, 0, 1, 0), 17.105, 5e-4);
    CLOSE(voting(r, 0, 2, 0), 60.0, 0.0);
    pl_exchange_result_free(r);
    pl_scenario_free(s);
}

static void worked_example_from_a_decide_file(void **state)
{
    (void)state;
    pl_scenario *s = test_read_text(PL_FORMAT_DECIDE, WORKED_DECIDE, PL_OK, NULL);
    pl_exchange_result *r = run(s, NULL); /* defaults: 10 rounds */
    assert_int_equal(r->trace.n_rounds, PL_EXCHANGE_DEFAULT_ROUNDS);
    check_worked_example(r);
    pl_exchange_result_free(r);
    pl_scenario_free(s);
}

/*
 * §6.2 clash resolution, worked example round 1 with X3 off. After (b, a),
 * (c, a): a supplies Q in both (supply clash: a.x = 35, a's history keeps its
 * planned 90); a demands P = p_E in (c, a) (demand clash: U[P][b] = 17.105).
 * Recomputed (§4.1): m_B = 60, Delta_P = 60 * .5 / 1.5 = 20, Delta_Q =
 * 20 * 1.3 / .7 = 37.14, m_A = 37.14 * 1.9 / .6 = 117.6 > 90 - 35: overshoot;
 * m_A = 55, Delta_Q = 55 * .6 / 1.9 = 17.3684, Delta_P = 17.3684 * .7 / 1.3 =
 * 9.35223, m_B = 9.35223 * 1.5 / .5 = 28.0567: c 60 -> 31.9433, a 35 -> 90,
 * gain |17.3684 * .2 - 9.35223 * .8| = 4.00810. With X3 on, a's history
 * [90, 55] sums to 145 > 100 and the candidate dies (the spec's §10 text).
 */
static void clash_recomputes_from_the_new_position(void **state)
{
    (void)state;
    pl_scenario *s = two_issues(3, ABC, worked, NULL, NULL);
    pl_exchange_options o = rounds_only(1);
    assert_int_equal(pl_exchange_options_set(&o, "history_sum", "off", NULL), PL_OK);
    pl_exchange_result *r = run(s, &o);
    assert_int_equal(r->round_count[0], 2);
    check_exchange(&r->exchanges[1], 2, 60, 31.943319838, 0, 35, 90, 4.008097166, 1e-8);
    /* Voting: P = (17.105 * .2 + 31.9433 * .5) / 1.5, Q = (54 + 48 + 45) / 1.9. */
    CLOSE(r->trace.forecast[0], 12.928475034, 1e-8);
    CLOSE(r->trace.forecast[1], 147.0 / 1.9, 1e-9);
    /* Preferences: a's later exchange wins, 0 + .42 * 90 = 37.8; c 60 - .3 * 28.0567. */
    CLOSE(preference(r, 0, 0, 1), 37.8, 1e-9);
    CLOSE(preference(r, 0, 2, 0), 51.582995951, 1e-8);
    pl_exchange_result_free(r);
    pl_scenario_free(s);
}

/*
 * §5 outcome cap, worked example round 1: a's move 42.222 would put O_Q at
 * 62.28, past b's ideal 60, so a moves (60 * 1.9 - 93) / .6 = 35, Delta_Q =
 * 35 * .6 / 1.9 = 11.053, b moves 11.053 * 1.5 / .2 = 82.895. Exactly:
 * Delta_Q = 21 / 1.9, b's move 21 / 1.9 * 7.5.
 */
static void cap_stops_the_outcome_at_the_demanders_ideal(void **state)
{
    (void)state;
    pl_scenario *s = two_issues(3, ABC, worked, NULL, NULL);
    pl_exchange_options o = rounds_only(1);
    pl_exchange_result *r = run(s, &o);
    const pl_realised_exchange *e = &r->exchanges[0];
    CLOSE(e->to[1], 35.0, 1e-9);
    CLOSE(e->to[0], 100.0 - 21.0 / 1.9 * 7.5, 1e-9);
    CLOSE(e->gain, 21.0 / 1.9 * 0.6, 1e-9); /* |11.053 * .2 - 11.053 * .8| */
    CLOSE(r->trace.forecast[1], 60.0, 1e-9); /* O_Q lands on b's ideal */
    pl_exchange_result_free(r);
    pl_scenario_free(s);
}

/* X9: the adoption weights are parameters: .5 + 0 (1 - s) moves a halfway, to 50. */
static void preference_weights_are_parameters(void **state)
{
    (void)state;
    pl_scenario *s = two_issues(2, AB, basic, NULL, NULL);
    pl_exchange_options o = rounds_only(1);
    assert_int_equal(pl_exchange_options_set(&o, "fixed_weight", "0.5", NULL), PL_OK);
    assert_int_equal(pl_exchange_options_set(&o, "salience_weight", "0", NULL), PL_OK);
    pl_exchange_result *r = run(s, &o);
    CLOSE(preference(r, 0, 0, 1), 50.0, 1e-12);
    CLOSE(preference(r, 0, 1, 0), 50.0, 1e-12);
    pl_exchange_result_free(r);
    pl_scenario_free(s);
}

/*
 * Rounds (§7): the basic case run on. Round 2 starts from a Q 42, b P 58
 * (above); zero rounds report nothing but the start.
 */
static void rounds_run_from_the_new_preferences(void **state)
{
    (void)state;
    pl_scenario *s = two_issues(2, AB, basic, NULL, NULL);
    pl_exchange_options o = rounds_only(0);
    pl_exchange_result *r = run(s, &o);
    assert_int_equal(r->trace.n_rounds, 0);
    assert_int_equal(r->n_exchanges, 0);
    CLOSE(r->forecast[0], 20.0, 1e-12);
    pl_exchange_result_free(r);
    o.rounds = 2;
    r = run(s, &o);
    assert_int_equal(r->trace.n_rounds, 2);
    /* Round 2: O_P = 58 * .2 = 11.6, O_Q = 88.4; b still right on P, a left on Q. */
    assert_int_equal(r->round_count[1], 1);
    assert_int_equal(r->round_first[1], 1);
    assert_int_equal(r->exchanges[1].round, 1);
    CLOSE(r->exchanges[1].from[0], 58.0, 1e-12);
    CLOSE(r->exchanges[1].from[1], 42.0, 1e-12);
    pl_exchange_result_free(r);
    pl_scenario_free(s);
}

/* An actor without a stance on Q takes no part in Q nor in any exchange with it. */
static void absent_stances_take_no_part(void **state)
{
    (void)state;
    const stance rows[3][2] = {
        {{0, .8, 1}, {0, .2, 1}}, {{100, .2, 1}, {100, .8, 1}}, {{50, .5, 2}, {NAN, 0, 0}}};
    pl_scenario *s = two_issues(3, ABC, rows, NULL, NULL);
    pl_exchange_options o = rounds_only(2);
    pl_exchange_result *r = run(s, &o);
    /* O_P = (0 + 20 + 50) / 2 = 35, O_Q = 80 (c not counted). */
    CLOSE(r->start_outcome[0], 35.0, 1e-12);
    CLOSE(r->start_outcome[1], 80.0, 1e-12);
    assert_true(r->n_exchanges > 0);
    for (size_t k = 0; k < r->n_exchanges; k++)
        assert_true(r->exchanges[k].actors[0] != 2 && r->exchanges[k].actors[1] != 2);
    assert_true(isnan(voting(r, 0, 2, 1)));
    assert_true(isnan(preference(r, 1, 2, 1)));
    CLOSE(voting(r, 1, 2, 0), 50.0, 0.0);
    pl_exchange_result_free(r);
    pl_scenario_free(s);
}

/*
 * X6: zero salience is refused by default, or keeps the actor from supplying.
 * a: P (0, .8), Q (0, s); b: P (100, .2), Q (100, .8); c: Q only (0, .8).
 * O_P = 20 / 1 = 20, O_Q = 80 / (.8 + .8 + s) < 100: a is left on both (D), b
 * right on both (A). Ratios: b .25 < a .8 / s, so a would supply Q.
 */
static pl_scenario *zero_scenario(double s_aq)
{
    const stance rows[3][2] = {
        {{0, .8, 1}, {0, s_aq, 1}}, {{100, .2, 1}, {100, .8, 1}}, {{NAN, 0, 0}, {0, .8, 1}}};
    return two_issues(3, ABC, rows, NULL, NULL);
}

static void zero_salience_rejected_or_excluded(void **state)
{
    (void)state;
    pl_scenario *s = zero_scenario(0.0);
    pl_exchange_result *r = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_exchange_run(s, NULL, &r, &diag), PL_ERR_INVALID);
    assert_null(r);
    assert_true(test_contains(diag.message, "\"a\""));
    assert_true(test_contains(diag.message, "salience"));
    assert_true(test_contains(diag.message, "\"Q\""));
    pl_exchange_options o = rounds_only(1);
    assert_int_equal(pl_exchange_options_set(&o, "zero", "exclude", NULL), PL_OK);
    r = run(s, &o);
    assert_int_equal(r->n_exchanges, 0); /* a may not supply Q */
    pl_exchange_result_free(r);
    pl_scenario_free(s);
    s = zero_scenario(0.2); /* control: with salience .2, a and b trade */
    r = run(s, &o);
    assert_int_equal(r->n_exchanges, 1);
    assert_int_equal(r->exchanges[0].supplies[1], 1);
    pl_exchange_result_free(r);
    pl_scenario_free(s);
}

static void options_issues_are_unsupported(void **state)
{
    (void)state;
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    const char *ids[] = {"yes", "no"};
    assert_int_equal(pl_scenario_add_options_issue(s, "referendum", NULL, 2, ids, NULL),
                     PL_OK);
    pl_exchange_result *r = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_exchange_run(s, NULL, &r, &diag), PL_ERR_UNSUPPORTED);
    assert_null(r);
    assert_true(test_contains(diag.message, "referendum"));
    pl_scenario_free(s);
}

/* pl_exchange_options_set: every name, the spec's defaults, and errors. */
static void options_parse(void **state)
{
    (void)state;
    pl_exchange_options o;
    pl_exchange_options_init(&o);
    assert_int_equal(o.rounds, 10); /* §7 */
    assert_int_equal(o.ties, PL_EXCHANGE_TIES_ORDER);
    assert_true(o.tie_resolution == 1e-9 && o.cap_tolerance == 1e-9); /* §6.1, §5 */
    assert_int_equal(o.cap, PL_EXCHANGE_CAP_PASS);
    assert_true(o.history_sum && o.left_inclusive);
    assert_int_equal(o.merge, PL_EXCHANGE_MERGE_SMALLER);
    assert_int_equal(o.zero, PL_EXCHANGE_ZERO_REJECT);
    assert_true(o.fixed_weight == 0.1 && o.salience_weight == 0.4); /* X9 */
    const char *pairs[][2] = {{"rounds", "3"},        {"ties", "random"},
                              {"seed", "18446744073709551615"},
                              {"tie_resolution", "1e-6"}, {"cap", "block"},
                              {"cap_tolerance", "0"}, {"history_sum", "off"},
                              {"merge", "latest"},    {"left", "lt"},
                              {"zero", "exclude"},    {"fixed_weight", "0.2"},
                              {"salience_weight", "0.3"}};
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++)
        assert_int_equal(pl_exchange_options_set(&o, pairs[k][0], pairs[k][1], NULL), PL_OK);
    assert_int_equal(o.rounds, 3);
    assert_int_equal(o.ties, PL_EXCHANGE_TIES_RANDOM);
    assert_true(o.seed == UINT64_MAX);
    assert_true(o.tie_resolution == 1e-6 && o.cap_tolerance == 0);
    assert_int_equal(o.cap, PL_EXCHANGE_CAP_BLOCK);
    assert_true(!o.history_sum && !o.left_inclusive);
    assert_int_equal(o.merge, PL_EXCHANGE_MERGE_LATEST);
    assert_int_equal(o.zero, PL_EXCHANGE_ZERO_EXCLUDE);
    assert_true(o.fixed_weight == 0.2 && o.salience_weight == 0.3);

    pl_exchange_options before = o;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_exchange_options_set(&o, "speed", "1", &diag), PL_ERR_INVALID);
    assert_true(test_contains(diag.message, "speed"));
    assert_true(test_contains(diag.message, "history_sum"));
    assert_true(test_contains(diag.message, "salience_weight"));
    assert_int_equal(pl_exchange_options_set(&o, "ties", "coin", &diag), PL_ERR_INVALID);
    assert_true(test_contains(diag.message, "order") && test_contains(diag.message, "random"));
    const char *bad[][2] = {{"rounds", "-1"},          {"rounds", "1.5"},
                            {"rounds", "100001"},      {"seed", "-3"},
                            {"seed", "18446744073709551616"}, {"fixed_weight", "1.5"},
                            {"tie_resolution", "0"},   {"cap_tolerance", "x"},
                            {"merge", ""},             {"rounds", ""}};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
        assert_int_equal(pl_exchange_options_set(&o, bad[k][0], bad[k][1], &diag),
                         PL_ERR_INVALID);
    assert_memory_equal(&o, &before, sizeof o); /* unchanged on error */
    assert_int_equal(pl_exchange_options_set(NULL, "rounds", "1", NULL), PL_ERR_ARGUMENT);
}

/*
 * X1 random: a and a2 are identical, so (b, a) and (b, a2) tie in gain. In
 * list order (b, a) goes first; a seeded draw picks one of the two, the same
 * one for the same seed, and some seeds pick a2.
 */
static size_t first_partner(const pl_scenario *s, const pl_exchange_options *o)
{
    pl_exchange_result *r = run(s, o);
    assert_true(r->n_exchanges >= 1);
    size_t partner = r->exchanges[0].actors[1];
    pl_exchange_result_free(r);
    return partner;
}

static void random_ties_follow_the_seed(void **state)
{
    (void)state;
    const char *ids[] = {"a", "b", "a2"};
    const stance rows[3][2] = {
        {{0, .8, 1}, {0, .2, 1}}, {{100, .2, 1}, {100, .8, 1}}, {{0, .8, 1}, {0, .2, 1}}};
    pl_scenario *s = two_issues(3, ids, rows, NULL, NULL);
    pl_exchange_options o = rounds_only(1);
    assert_int_equal(first_partner(s, &o), 0);
    assert_int_equal(pl_exchange_options_set(&o, "ties", "random", NULL), PL_OK);
    int picked[3] = {0, 0, 0};
    for (uint64_t seed = 0; seed < 16; seed++) {
        o.seed = seed;
        size_t partner = first_partner(s, &o);
        assert_true(partner == 0 || partner == 2);
        picked[partner]++;
        assert_int_equal(first_partner(s, &o), partner); /* reproducible */
        pl_exchange_result *r1 = run(s, &o), *r2 = run(s, &o);
        assert_int_equal(r1->n_exchanges, r2->n_exchanges);
        assert_memory_equal(r1->exchanges, r2->exchanges,
                            r1->n_exchanges * sizeof *r1->exchanges);
        pl_exchange_result_free(r1);
        pl_exchange_result_free(r2);
    }
    /* 16 fair draws all alike: probability 2^-15. */
    assert_true(picked[0] > 0 && picked[2] > 0);
    pl_scenario_free(s);
}

static void bad_arguments(void **state)
{
    (void)state;
    pl_exchange_result *r = (pl_exchange_result *)&r;
    assert_int_equal(pl_exchange_run(NULL, NULL, &r, NULL), PL_ERR_ARGUMENT);
    assert_null(r);
    pl_scenario *s = two_issues(2, AB, basic, NULL, NULL);
    assert_int_equal(pl_exchange_run(s, NULL, NULL, NULL), PL_ERR_ARGUMENT);
    pl_exchange_options o = rounds_only(-1);
    assert_int_equal(pl_exchange_run(s, &o, &r, NULL), PL_ERR_INVALID);
    pl_exchange_result_free(NULL);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(opposite_sides_trade_with_equal_gain),
        cmocka_unit_test(salience_ratio_decides_who_supplies),
        cmocka_unit_test(equal_ratios_never_trade),
        cmocka_unit_test(same_side_cannot_trade),
        cmocka_unit_test(b_by_c_pairs_trade),
        cmocka_unit_test(overshoot_moves_the_other_side_all_the_way),
        cmocka_unit_test(worked_example_from_the_builder),
        cmocka_unit_test(worked_example_from_a_decide_file),
        cmocka_unit_test(clash_recomputes_from_the_new_position),
        cmocka_unit_test(cap_stops_the_outcome_at_the_demanders_ideal),
        cmocka_unit_test(preference_weights_are_parameters),
        cmocka_unit_test(rounds_run_from_the_new_preferences),
        cmocka_unit_test(absent_stances_take_no_part),
        cmocka_unit_test(zero_salience_rejected_or_excluded),
        cmocka_unit_test(options_issues_are_unsupported),
        cmocka_unit_test(options_parse),
        cmocka_unit_test(random_ties_follow_the_seed),
        cmocka_unit_test(bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
