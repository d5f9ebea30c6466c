/*
 * test_eu.c - the expected-utility model (include/parley/eu.h): each formula
 * of docs/specs/bdm-eu.md on small hand-computed cases, the options and
 * presets, and the golden numbers of the spec's section 13 on the EC
 * car-emission case (Bueno de Mesquita 1994; Scholz, Calbert and Smith 2011).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "parley/eu.h"
#include "support.h"

/* Fails the test, showing both numbers, unless |actual - expected| <= tolerance. */
#define assert_near(actual, expected, tolerance) \
    check_near((actual), (expected), (tolerance), #actual, __LINE__)

static void check_near(double actual, double expected, double tolerance, const char *what,
                       int line)
{
    if (!(fabs(actual - expected) <= tolerance)) {
        print_error("line %d: %s = %.10g, expected %.10g (+/- %g)\n", line, what, actual,
                    expected, tolerance);
        fail();
    }
}

/*
 * Bueno de Mesquita (1994), the EC car-emission-standards case: capability,
 * position (years, 4-10), salience, as published (the same table as
 * test_models.c and ../shared/data/bdm/emission_standards.csv).
 */
static const struct {
    const char *actor;
    double capability, position, salience;
} emission[] = {
    {"Netherlands", 0.08, 4, 0.8}, {"Belgium", 0.08, 7, 0.4}, {"Luxembourg", 0.03, 4, 0.2},
    {"Germany", 0.16, 4, 0.8},     {"France", 0.16, 10, 0.6}, {"Italy", 0.16, 10, 0.6},
    {"UK", 0.16, 10, 0.9},         {"Ireland", 0.05, 7, 0.1}, {"Denmark", 0.05, 4, 1.0},
    {"Greece", 0.08, 7, 0.7},
};
enum { NETHERLANDS, BELGIUM, LUXEMBOURG, GERMANY, FRANCE, ITALY, UK, IRELAND, DENMARK };
#define N_EMISSION (sizeof emission / sizeof emission[0])

/* The emission case on `n_issues` identical issues. */
static pl_scenario *emission_scenario(size_t n_issues)
{
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    for (size_t i = 0; i < n_issues; i++) {
        char id[32];
        snprintf(id, sizeof id, "standards%zu", i);
        assert_int_equal(pl_scenario_add_continuous_issue(s, id, NULL, 4, 10, NULL), PL_OK);
    }
    for (size_t k = 0; k < N_EMISSION; k++) {
        size_t a;
        assert_int_equal(pl_scenario_add_actor(s, emission[k].actor, NULL,
                                               emission[k].capability, &a), PL_OK);
        for (size_t i = 0; i < n_issues; i++)
            assert_int_equal(pl_scenario_set_position(s, a, i, emission[k].position,
                                                      emission[k].salience), PL_OK);
    }
    assert_int_equal(pl_scenario_validate(s, NULL), PL_OK);
    return s;
}

static pl_eu_result *run_ok(const pl_scenario *s, const pl_eu_options *o)
{
    pl_eu_result *r = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_eu_run(s, o, &r, &diag);
    if (rc != PL_OK)
        print_error("pl_eu_run: %d %s\n", rc, diag.message);
    assert_int_equal(rc, PL_OK);
    assert_non_null(r);
    return r;
}

/* ---- Section 3: votes and the median ----------------------------------- */

/* x = 0, 10, 4 with w = 1, 2, 3, R = 10. */
static const double X3[] = {0, 10, 4}, W3[] = {1, 2, 3};

static void votes_and_condorcet_median(void **state)
{
    (void)state;
    /* V(4, 10) = [1 (10 - 4) + 2 (0 - 6) + 3 (6 - 0)] / 10 = 12 / 10, by hand. */
    assert_near(pl_eu_vote(3, X3, W3, 10, 4, 10), 1.2, 1e-12);
    assert_near(pl_eu_vote(3, X3, W3, 10, 10, 4), -1.2, 1e-12);
    /* F(0) = 32, F(10) = 28, F(4) = 16 (by hand): the median is actor 2, at 4;
     * it is also the weighted median (cumulative 1, 4 of 6 reach half at 4). */
    assert_int_equal(pl_eu_median(3, X3, W3, PL_EU_TIE_FIRST), 2);
    for (int tie = PL_EU_TIE_FIRST; tie <= PL_EU_TIE_MAX_PAIR; tie++)
        assert_int_equal(pl_eu_median(3, X3, W3, (pl_eu_median_tie)tie), 2);
}

/* Two equal weights at 10 and 0: both are Condorcet winners (V = 0 both ways). */
static void median_ties(void **state)
{
    (void)state;
    const double x[] = {10, 0, 10}, w[] = {1, 1, 0};
    assert_int_equal(pl_eu_median(3, x, w, PL_EU_TIE_FIRST), 0);    /* first in input order */
    assert_int_equal(pl_eu_median(3, x, w, PL_EU_TIE_LOW), 1);      /* lowest position, 0 */
    assert_int_equal(pl_eu_median(3, x, w, PL_EU_TIE_HIGH), 0);     /* highest, first of two */
    assert_int_equal(pl_eu_median(3, x, w, PL_EU_TIE_KING), 0);     /* 0 never beats 10 strictly */
    assert_int_equal(pl_eu_median(3, x, w, PL_EU_TIE_MAX_PAIR), 0); /* equal margins: first */
    /* Weight 1 + 1e-6 at 0 breaks the tie beyond 1e-9 relative: 0 wins, and the king moves. */
    const double w2[] = {1, 1 + 1e-6, 0};
    assert_int_equal(pl_eu_median(3, x, w2, PL_EU_TIE_FIRST), 1);
    assert_int_equal(pl_eu_median(3, x, w2, PL_EU_TIE_KING), 1);
}

/* ---- Section 4: basic utilities; the switch T ---------------------------- */

static void basic_utilities(void **state)
{
    (void)state;
    /* rho = 1 reduces to 2d, -2d, m + d, -(m + d), 0 (section 4): d = 0.5, m = 0.25. */
    pl_eu_utilities u = pl_eu_basic_utilities(0.5, 0.25, 1.0);
    assert_near(u.success, 1.0, 1e-12);
    assert_near(u.failure, -1.0, 1e-12);
    assert_near(u.better, 0.75, 1e-12);
    assert_near(u.worse, -0.75, 1e-12);
    assert_near(u.status_quo, 0.0, 1e-12);
    /* rho = 2, by hand: 2 - 4 (0.25)^2, 2 - 4 (0.75)^2, 2 - 4 (0.3125)^2, 2 - 4 (0.6875)^2,
     * 2 - 4 (0.5)^2. */
    u = pl_eu_basic_utilities(0.5, 0.25, 2.0);
    assert_near(u.success, 1.75, 1e-12);
    assert_near(u.failure, -0.25, 1e-12);
    assert_near(u.better, 1.609375, 1e-12);
    assert_near(u.worse, 0.109375, 1e-12);
    assert_near(u.status_quo, 1.0, 1e-12);
    /* rho = 0.5: 2 - 4 sqrt(0.25) = 0, 2 - 4 sqrt(0.75), 2 - 4 sqrt(0.5). */
    u = pl_eu_basic_utilities(0.5, 0.25, 0.5);
    assert_near(u.success, 0.0, 1e-12);
    assert_near(u.failure, 2 - 4 * sqrt(0.75), 1e-12);
    assert_near(u.status_quo, 2 - 4 * sqrt(0.5), 1e-12);
    /* m + d = 2: the base of U_b is 0.5 - 0.5 = 0, so U_b = 2; below 0 it clamps at 0
     * (section 4), so m + d = 2.2 gives 2 as well instead of 2 - 4 (-0.05)^2. */
    u = pl_eu_basic_utilities(1.0, 1.0, 2.0);
    assert_near(u.better, 2.0, 1e-12);
    u = pl_eu_basic_utilities(1.0, 1.2, 2.0);
    assert_near(u.better, 2.0, 1e-12);
}

static void better_switch(void **state)
{
    (void)state;
    /* |x_i - mu| = 4 < |x_i - x_j| = 10: j's move to mu helps i (section 4). */
    assert_int_equal(pl_eu_switch(0, 10, 4, 0), 1);
    assert_int_equal(pl_eu_switch(0, 10, 12, 1), 0); /* 12 > 10 */
    assert_int_equal(pl_eu_switch(0, 10, 10, 0), 0); /* equal: O12 */
    assert_int_equal(pl_eu_switch(0, 10, -10, 1), 1);
}

/* ---- Section 6: expected utility of a challenge --------------------------- */

static void expected_utility_of_challenge(void **state)
{
    (void)state;
    pl_eu_utilities u = pl_eu_basic_utilities(0.5, 0.25, 1.0); /* 1, -1, 0.75, -0.75, 0 */
    /* Q = 1: 0.5 (0.6 - 0.4) + 0.5 * 1 - 0 = 0.6, by hand. */
    assert_near(pl_eu_expected_utility(0.6, 0.5, &u, 1.0, 1), 0.6, 1e-12);
    assert_near(pl_eu_expected_utility(0.6, 0.5, &u, 1.0, 0), 0.6, 1e-12);
    /* Q = 0.5: 0.6 - 0.5 * 0 - 0.5 * U_b = 0.225 (T = 1), 0.6 + 0.375 = 0.975 (T = 0). */
    assert_near(pl_eu_expected_utility(0.6, 0.5, &u, 0.5, 1), 0.225, 1e-12);
    assert_near(pl_eu_expected_utility(0.6, 0.5, &u, 0.5, 0), 0.975, 1e-12);
    /* s_j = 0: the target never resists, E = U_s - U_sq = 1. */
    assert_near(pl_eu_expected_utility(0.0, 0.0, &u, 1.0, 0), 1.0, 1e-12);
}

/* ---- Section 5: the probability of success -------------------------------- */

static void probability_of_success(void **state)
{
    (void)state;
    /* i = 0 (x 0), j = 1 (x 10), R = 10, linear: margins v = 1, -2, 3 * 0.2 = 0.6;
     * positive 1.6, |v| 3.6, sum -0.4 (by hand). */
    assert_near(pl_eu_probability(3, X3, W3, NULL, 10, PL_EU_PROB_PAIRWISE, 0, 0, 1),
                1.6 / 3.6, 1e-12);
    assert_near(pl_eu_probability(3, X3, W3, NULL, 10, PL_EU_PROB_PAIRWISE, 0, 1, 0),
                2.0 / 3.6, 1e-12);
    assert_near(pl_eu_probability(3, X3, W3, NULL, 10, PL_EU_PROB_NET, 0, 0, 1), 0.0, 1e-12);
    assert_near(pl_eu_probability(3, X3, W3, NULL, 10, PL_EU_PROB_NET, 0, 1, 0), 0.4 / 3.6,
                1e-12);
    /* D: voters' ordered-pair spreads 4, 4 and 2.4 (u = {0,1,.4}, {1,0,.6}, {.4,.6,0}),
     * times w = 1, 2, 3: 4 + 8 + 7.2 = 19.2 (by hand). */
    double d = pl_eu_global_denominator(3, X3, W3, NULL, 10);
    assert_near(d, 19.2, 1e-12);
    assert_near(pl_eu_probability(3, X3, W3, NULL, 10, PL_EU_PROB_GLOBAL, d, 0, 1), 1.6 / 19.2,
                1e-12);
    /* voter_r with rho = 2, 1, 0.5: v = 1^2, -2 * 1, 3 (sqrt(.6) - sqrt(.4)) (section 5). */
    const double rho[] = {2, 1, 0.5};
    double v3 = 3 * (sqrt(0.6) - sqrt(0.4));
    assert_near(pl_eu_probability(3, X3, W3, rho, 10, PL_EU_PROB_PAIRWISE, 0, 0, 1),
                (1 + v3) / (3 + v3), 1e-12);
    /* Coincident positions: the denominator is 0, P = 0.5 (section 5). */
    const double same[] = {5, 5, 5};
    assert_near(pl_eu_probability(3, same, W3, NULL, 10, PL_EU_PROB_PAIRWISE, 0, 0, 1), 0.5,
                1e-12);
}

/* The fast all-pairs computation equals the literal sums on an irregular case. */
static void probability_matrix_equals_direct_sums(void **state)
{
    (void)state;
    const double x[] = {3, 7.5, 3, 0, 10, 6.25, 7.5, 1, 9};
    const double w[] = {0.2, 1, 0.5, 0.05, 0.7, 0.3, 0.3, 0.9, 0};
    const double rho[] = {0.5, 2, 1, 1.4, 0.7, 1.9, 0.5, 1.1, 1};
    enum { N = 9 };
    double p[N * N];
    for (int prob = PL_EU_PROB_PAIRWISE; prob <= PL_EU_PROB_NET; prob++) {
        for (int use_rho = 0; use_rho < 2; use_rho++) {
            const double *r = use_rho ? rho : NULL;
            double d = pl_eu_global_denominator(N, x, w, r, 10);
            assert_int_equal(pl_eu_probability_matrix(N, x, w, r, 10, (pl_eu_prob)prob, p),
                             PL_OK);
            for (size_t i = 0; i < N; i++)
                for (size_t j = 0; j < N; j++) {
                    double expected = x[i] == x[j] ? 0.5
                                                   : pl_eu_probability(N, x, w, r, 10,
                                                                       (pl_eu_prob)prob, d, i, j);
                    assert_near(p[i * N + j], expected, 1e-12);
                }
        }
    }
}

/* ---- Section 7: security and risk ---------------------------------------- */

static void risk_attitude_and_exponent(void **state)
{
    (void)state;
    /* Sec = 1, 2, 5: R = -1, -0.5, 1; r = 2, (7/6) / (5/6) = 1.4, 0.5 (by hand). */
    assert_near(pl_eu_risk_attitude(1, 1, 5), -1.0, 1e-12);
    assert_near(pl_eu_risk_attitude(2, 1, 5), -0.5, 1e-12);
    assert_near(pl_eu_risk_attitude(5, 1, 5), 1.0, 1e-12);
    assert_near(pl_eu_risk_exponent(-1.0), 2.0, 1e-12);
    assert_near(pl_eu_risk_exponent(-0.5), 1.4, 1e-12);
    assert_near(pl_eu_risk_exponent(1.0), 0.5, 1e-12);
    assert_near(pl_eu_risk_exponent(0.0), 1.0, 1e-12);
    /* Smax - Smin <= 1e-12: R = 0 (section 7, step 3). */
    assert_near(pl_eu_risk_attitude(3, 3, 3 + 1e-13), 0.0, 0);
}

/* ---- Section 8: offers ---------------------------------------------------- */

static void offer_classification(void **state)
{
    (void)state;
    /* Figure 6 as the spec's section 8 tabulates it. */
    assert_int_equal(pl_eu_classify(1, 2), PL_EU_REGION_CONFRONTATION_LOSE);
    assert_int_equal(pl_eu_classify(2, 1), PL_EU_REGION_CONFRONTATION_WIN);
    assert_int_equal(pl_eu_classify(-1, 2), PL_EU_REGION_COMPROMISE_LOSE);
    assert_int_equal(pl_eu_classify(2, -1), PL_EU_REGION_COMPROMISE_WIN);
    assert_int_equal(pl_eu_classify(-2, 1), PL_EU_REGION_COMPEL_LOSE);
    assert_int_equal(pl_eu_classify(1, -2), PL_EU_REGION_COMPEL_WIN);
    assert_int_equal(pl_eu_classify(-1, -2), PL_EU_REGION_STALEMATE);
    /* Boundaries give no offer: a = 0, b = 0, a = b, |a| = b. */
    assert_int_equal(pl_eu_classify(0, 1), PL_EU_REGION_BOUNDARY);
    assert_int_equal(pl_eu_classify(1, 0), PL_EU_REGION_BOUNDARY);
    assert_int_equal(pl_eu_classify(1, 1), PL_EU_REGION_BOUNDARY);
    assert_int_equal(pl_eu_classify(-1, 1), PL_EU_REGION_BOUNDARY);
    assert_int_equal(pl_eu_classify(1, -1), PL_EU_REGION_BOUNDARY);
    /* Only the "lose" regions move i. */
    assert_int_equal(pl_eu_region_offer(PL_EU_REGION_CONFRONTATION_LOSE), PL_EU_OFFER_CONFLICT);
    assert_int_equal(pl_eu_region_offer(PL_EU_REGION_COMPROMISE_LOSE), PL_EU_OFFER_COMPROMISE);
    assert_int_equal(pl_eu_region_offer(PL_EU_REGION_COMPEL_LOSE), PL_EU_OFFER_CAPITULATION);
    assert_int_equal(pl_eu_region_offer(PL_EU_REGION_STALEMATE), PL_EU_OFFER_NONE);
    assert_int_equal(pl_eu_region_offer(PL_EU_REGION_CONFRONTATION_WIN), PL_EU_OFFER_NONE);
    assert_int_equal(pl_eu_region_offer(PL_EU_REGION_COMPROMISE_WIN), PL_EU_OFFER_NONE);
    assert_int_equal(pl_eu_region_offer(PL_EU_REGION_COMPEL_WIN), PL_EU_OFFER_NONE);
    assert_string_equal(pl_eu_offer_kind_name(PL_EU_OFFER_CAPITULATION), "capitulation");
    /* eq. 36: 0 + 10 * 1/4 = 2.5; wavg: (1 * 0 + 4 * 10) / 5 = 8 (by hand). */
    assert_near(pl_eu_compromise_position(0, 10, -1, 4, PL_EU_COMPROMISE_EQ36), 2.5, 1e-12);
    assert_near(pl_eu_compromise_position(0, 10, -1, 4, PL_EU_COMPROMISE_WAVG), 8.0, 1e-12);
}

/* ---- Section 9: the offer accepted ---------------------------------------- */

static void offer_accepted(void **state)
{
    (void)state;
    /* Actor i at 5. Moves: 1, 3, 2, 2, 0.5. Scholz's W for the compromises:
     * (1 * 5 + 4 * 9) / 5 = 8.2 and (1 * 5 + 2 * 1) / 3 = 2.33 (by hand). */
    const pl_eu_candidate all[] = {
        {0, PL_EU_OFFER_COMPROMISE, -1, 4, 5, 9, 6},
        {1, PL_EU_OFFER_CONFLICT, 1, 3, 5, 8, 8},
        {2, PL_EU_OFFER_CONFLICT, 1, 2, 5, 3, 3},
        {3, PL_EU_OFFER_COMPROMISE, -1, 2, 5, 1, 3},
        {4, PL_EU_OFFER_CAPITULATION, -3, 1, 5, 4.5, 4.5},
    };
    assert_int_equal(pl_eu_choose_offer(all, 5, PL_EU_SELECT_CATEGORY), 2);    /* conflicts */
    assert_int_equal(pl_eu_choose_offer(all, 5, PL_EU_SELECT_SCHOLZ_CODE), 2); /* conflicts */
    assert_int_equal(pl_eu_choose_offer(all, 5, PL_EU_SELECT_LEAST_MOVE), 4);  /* 0.5 */
    assert_int_equal(pl_eu_choose_offer(all, 5, PL_EU_SELECT_MAX_EU), 0);      /* b = 4 */
    const pl_eu_candidate no_conflict[] = {all[0], all[3], all[4]};
    assert_int_equal(pl_eu_choose_offer(no_conflict, 3, PL_EU_SELECT_CATEGORY), 0); /* move 1 */
    assert_int_equal(pl_eu_choose_offer(no_conflict, 3, PL_EU_SELECT_SCHOLZ_CODE), 1); /* W */
    assert_int_equal(pl_eu_choose_offer(&all[4], 1, PL_EU_SELECT_CATEGORY), 0);
    /* Equal keys: the first in input order. */
    const pl_eu_candidate twins[] = {all[2], all[2]};
    assert_int_equal(pl_eu_choose_offer(twins, 2, PL_EU_SELECT_CATEGORY), 0);
    assert_int_equal(pl_eu_choose_offer(twins, 2, PL_EU_SELECT_MAX_EU), 0);
    assert_int_equal(pl_eu_choose_offer(all, 0, PL_EU_SELECT_CATEGORY), 0); /* none: n */
}

/* ---- Options and presets (sections 11 and 12) ----------------------------- */

static void options_defaults_and_presets(void **state)
{
    (void)state;
    pl_eu_options o;
    pl_eu_options_init(&o);
    /* scholz2011 (section 12) and 8 rounds (Table 2). */
    assert_int_equal(o.preset, PL_EU_PRESET_SCHOLZ2011);
    assert_int_equal(o.rounds, 8);
    assert_int_equal(o.prob, PL_EU_PROB_GLOBAL);
    assert_int_equal(o.vote_exp, PL_EU_VOTE_VOTER_R);
    assert_int_equal(o.perspective, PL_EU_PERSPECTIVE_RECEIVER);
    assert_int_equal(o.selection, PL_EU_SELECT_SCHOLZ_CODE);
    assert_int_equal(o.capitulation, 0);
    assert_true(o.q == 1.0);
    assert_int_equal(o.security, PL_EU_SECURITY_CHALLENGED);
    assert_int_equal(o.risk_start, PL_EU_RISK_RESET);
    assert_int_equal(o.median_tie, PL_EU_TIE_FIRST);
    assert_int_equal(o.range, PL_EU_RANGE_INITIAL);
    assert_int_equal(o.mu_pass2, PL_EU_MU_MEDIAN);
    assert_int_equal(o.t_equal, 0);
    assert_int_equal(o.compromise, PL_EU_COMPROMISE_EQ36);
    o.rounds = 3;
    assert_int_equal(pl_eu_options_preset(&o, "paper", NULL), PL_OK);
    assert_int_equal(o.preset, PL_EU_PRESET_PAPER);
    assert_int_equal(o.prob, PL_EU_PROB_PAIRWISE);
    assert_int_equal(o.vote_exp, PL_EU_VOTE_LINEAR);
    assert_int_equal(o.perspective, PL_EU_PERSPECTIVE_OWN);
    assert_int_equal(o.selection, PL_EU_SELECT_CATEGORY);
    assert_int_equal(o.capitulation, 1);
    assert_int_equal(o.rounds, 3); /* presets leave rounds alone */
    assert_string_equal(pl_eu_preset_name(o.preset), "paper");
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_eu_options_preset(&o, "jmckib", &diag), PL_ERR_INVALID);
    assert_true(test_contains(diag.message, "scholz2011, paper"));
    assert_int_equal(pl_eu_options_preset(&o, "scholz2011", NULL), PL_OK);
    assert_int_equal(o.prob, PL_EU_PROB_GLOBAL);
}

static void options_from_text(void **state)
{
    (void)state;
    pl_eu_options o;
    pl_eu_options_init(&o);
    assert_int_equal(pl_eu_options_set(&o, "O2", "net", NULL), PL_OK);
    assert_int_equal(o.prob, PL_EU_PROB_NET);
    assert_int_equal(pl_eu_options_set(&o, "PROB", "pairwise", NULL), PL_OK);
    assert_int_equal(o.prob, PL_EU_PROB_PAIRWISE);
    assert_int_equal(pl_eu_options_set(&o, "q", "0.5", NULL), PL_OK);
    assert_true(o.q == 0.5);
    assert_int_equal(pl_eu_options_set(&o, "O8", "on", NULL), PL_OK);
    assert_int_equal(o.capitulation, 1);
    assert_int_equal(pl_eu_options_set(&o, "T_equal", "1", NULL), PL_OK);
    assert_int_equal(o.t_equal, 1);
    assert_int_equal(pl_eu_options_set(&o, "o9", "king", NULL), PL_OK);
    assert_int_equal(o.median_tie, PL_EU_TIE_KING);
    assert_int_equal(pl_eu_options_set(&o, "selection", "max_eu", NULL), PL_OK);
    assert_int_equal(o.selection, PL_EU_SELECT_MAX_EU);
    assert_int_equal(pl_eu_options_set(&o, "O13", "wavg", NULL), PL_OK);
    assert_int_equal(o.compromise, PL_EU_COMPROMISE_WAVG);
    assert_int_equal(pl_eu_options_set(&o, "rounds", "20", NULL), PL_OK);
    assert_int_equal(o.rounds, 20);
    assert_int_equal(pl_eu_options_set(&o, "preset", "paper", NULL), PL_OK);
    assert_int_equal(o.compromise, PL_EU_COMPROMISE_EQ36);

    pl_eu_options before = o;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_eu_options_set(&o, "O14", "1", &diag), PL_ERR_INVALID);
    assert_true(test_contains(diag.message, "O13 compromise"));
    assert_int_equal(pl_eu_options_set(&o, "prob", "Global", &diag), PL_ERR_INVALID);
    assert_true(test_contains(diag.message, "pairwise, global, net"));
    assert_int_equal(pl_eu_options_set(&o, "T_equal", "2", &diag), PL_ERR_INVALID);
    assert_int_equal(pl_eu_options_set(&o, "Q", "1.5", &diag), PL_ERR_INVALID);
    assert_int_equal(pl_eu_options_set(&o, "Q", "x", &diag), PL_ERR_INVALID);
    assert_int_equal(pl_eu_options_set(&o, "rounds", "0", &diag), PL_ERR_INVALID);
    assert_int_equal(pl_eu_options_set(&o, "rounds", "2.5", &diag), PL_ERR_INVALID);
    assert_int_equal(pl_eu_options_set(&o, "rounds", "1000001", &diag), PL_ERR_INVALID);
    assert_memory_equal(&o, &before, sizeof o); /* unchanged by the failures */
}

static void run_refuses_bad_options(void **state)
{
    (void)state;
    pl_scenario *s = emission_scenario(1);
    pl_eu_options o;
    pl_eu_options_init(&o);
    o.rounds = 0;
    pl_eu_result *r = (pl_eu_result *)&o; /* must come back NULL */
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_eu_run(s, &o, &r, &diag), PL_ERR_INVALID);
    assert_null(r);
    assert_true(test_contains(diag.message, "rounds"));
    pl_eu_options_init(&o);
    o.q = 2;
    assert_int_equal(pl_eu_run(s, &o, &r, &diag), PL_ERR_INVALID);
    pl_scenario_free(s);
    pl_eu_result_free(NULL);
}

/* ---- The emission case: spec section 13 ----------------------------------- */

/* Spec section 13, `scholz2011` after rounds 1..8. */
static const double golden_median[8] = {8.4159, 9.6109, 9.9620, 9.9620,
                                        9.9620, 7.4720, 8.8246, 9.6711};
static const double golden_mean[8] = {7.4613, 7.5525, 7.5901, 7.3581,
                                      7.3492, 7.4149, 7.5105, 7.5724};
/* Scholz, Calbert and Smith (2011), Table 2, medians of rounds 1..8 (also
 * ../shared/data/README.md). */
static const double table2_median[8] = {8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6};

static void emission_golden_scholz2011(void **state)
{
    (void)state;
    pl_scenario *s = emission_scenario(1);
    pl_eu_result *r = run_ok(s, NULL);
    /* Spec section 13: initial state median 7.0, mean 7.39 (5.003 / 0.677). */
    assert_near(r->initial_forecast[0], 7.0, 1e-12);
    assert_near(r->initial_mean[0], 5.003 / 0.677, 1e-12);
    /* Table 2's "Round 1" is the state after one round (spec section 10): trace entry 0. */
    assert_int_equal(r->trace.n_rounds, 8);
    int hits = 0;
    for (size_t t = 0; t < 8; t++) {
        assert_near(r->trace.forecast[t], golden_median[t], 1e-3);
        assert_near(r->trace.mean[t], golden_mean[t], 1e-3);
        hits += fabs(r->trace.forecast[t] - table2_median[t]) <= 0.35;
    }
    assert_true(hits >= 7); /* spec summary: 7 of 8 rounds (round 2: 9.61 against 9.9) */
    assert_near(r->forecast[0], golden_median[7], 1e-3);
    pl_eu_result_free(r);
    pl_scenario_free(s);
}

/* Spec section 13, round 1 under scholz2011: exponents and moves. */
static void emission_round_one(void **state)
{
    (void)state;
    static const double exponents[N_EMISSION] = {1.4057, 0.7542, 0.5089, 1.4057, 1.0465,
                                                 1.0465, 1.9649, 0.5000, 2.0000, 1.1121};
    pl_scenario *s = emission_scenario(1);
    pl_eu_result *r = run_ok(s, NULL);
    for (size_t a = 0; a < N_EMISSION; a++)
        assert_near(r->exponents[a], exponents[a], 1e-4);
    /* Belgium compromises with France (to 8.415932), Luxembourg loses a conflict to
     * Belgium (to 7), Ireland to Luxembourg (to 4). Moves are simultaneous (section 9):
     * Luxembourg goes to Belgium's position at the start of the round, 7, not 8.42,
     * and Ireland to Luxembourg's, 4. */
    assert_int_equal(r->round_offers[0], 0);
    assert_int_equal(r->round_offers[1], 3);
    const pl_eu_offer *o = r->offers;
    assert_int_equal(o[0].actor, BELGIUM);
    assert_int_equal(o[0].kind, PL_EU_OFFER_COMPROMISE);
    assert_int_equal(o[0].towards, FRANCE);
    assert_near(o[0].from, 7.0, 0);
    assert_near(o[0].to, 8.415932, 1e-6);
    assert_int_equal(o[1].actor, LUXEMBOURG);
    assert_int_equal(o[1].kind, PL_EU_OFFER_CONFLICT);
    assert_int_equal(o[1].towards, BELGIUM);
    assert_near(o[1].to, 7.0, 0);
    assert_int_equal(o[2].actor, IRELAND);
    assert_int_equal(o[2].towards, LUXEMBOURG);
    assert_near(o[2].to, 4.0, 0);
    /* The trace's round-1 positions: only those three moved. */
    for (size_t a = 0; a < N_EMISSION; a++) {
        double expected = a == BELGIUM      ? o[0].to
                          : a == LUXEMBOURG ? 7.0
                          : a == IRELAND    ? 4.0
                                            : emission[a].position;
        assert_near(r->trace.positions[a], expected, 0);
    }
    /* Spec section 12: Belgium's jump towards the Netherlands, to 4.80, in round 4. */
    int found = 0;
    for (size_t k = r->round_offers[3]; k < r->round_offers[4]; k++)
        found |= r->offers[k].actor == BELGIUM && r->offers[k].towards == NETHERLANDS &&
                 fabs(r->offers[k].to - 4.80) < 0.005;
    assert_true(found);
    pl_eu_result_free(r);
    pl_scenario_free(s);
}

/* Spec section 13, `paper`: median 7.0 every round; means 7.5185, 7.8863, 7.1640, then 7.0. */
static void emission_golden_paper(void **state)
{
    (void)state;
    static const double means[8] = {7.5185, 7.8863, 7.1640, 7, 7, 7, 7, 7};
    pl_scenario *s = emission_scenario(1);
    pl_eu_options o;
    pl_eu_options_init(&o);
    assert_int_equal(pl_eu_options_preset(&o, "paper", NULL), PL_OK);
    pl_eu_result *r = run_ok(s, &o);
    assert_int_equal(r->trace.n_rounds, 8);
    int hits = 0;
    for (size_t t = 0; t < 8; t++) {
        assert_near(r->trace.forecast[t], 7.0, 1e-9);
        assert_near(r->trace.mean[t], means[t], 1e-3);
        hits += fabs(r->trace.forecast[t] - table2_median[t]) <= 0.35;
    }
    assert_int_equal(hits, 0); /* spec section 12: `paper` preset, 0/8 */
    pl_eu_result_free(r);
    pl_scenario_free(s);
}

/* Spec section 12: single-option changes from scholz2011, medians r1..r8 (2 decimals). */
static void emission_single_option_changes(void **state)
{
    (void)state;
    static const struct {
        const char *name, *value;
        double median[8];
    } rows[] = {
        {"vote_exp", "linear", {8.43, 9.62, 9.96, 9.96, 9.96, 7.52, 8.87, 9.70}},
        {"perspective", "own", {8.78, 9.80, 9.97, 10, 10, 10, 10, 10}},
        {"selection", "category", {8.42, 9.61, 9.96, 10, 10, 10, 10, 8.18}},
        {"risk_start", "carry", {8.42, 9.61, 9.97, 10, 10, 10, 10, 10}},
        {"security", "challenging", {7.00, 7.00, 9.43, 8.48, 8.48, 8.89, 8.89, 8.68}},
        {"prob", "pairwise", {7, 7, 7, 7, 7, 7, 7, 7}},
        {"Q", "0.5", {7.00, 7.00, 6.94, 5.28, 5.22, 5.22, 4.92, 4.22}},
        {"compromise", "wavg", {9.04, 9.56, 9.79, 9.79, 9.79, 9.59, 9.81, 9.81}},
        {"capitulation", "on", {8.42, 9.61, 9.96, 9.96, 9.96, 7.47, 8.82, 9.67}},
        {"range", "current", {8.42, 9.61, 9.96, 9.96, 9.96, 7.47, 8.82, 9.67}},
    };
    pl_scenario *s = emission_scenario(1);
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        pl_eu_options o;
        pl_eu_options_init(&o);
        assert_int_equal(pl_eu_options_set(&o, rows[k].name, rows[k].value, NULL), PL_OK);
        pl_eu_result *r = run_ok(s, &o);
        for (size_t t = 0; t < 8; t++) {
            if (fabs(r->trace.forecast[t] - rows[k].median[t]) > 0.0051)
                print_error("%s=%s round %zu\n", rows[k].name, rows[k].value, t + 1);
            assert_near(r->trace.forecast[t], rows[k].median[t], 0.0051);
        }
        pl_eu_result_free(r);
    }
    pl_scenario_free(s);
}

/* ---- Issues, degenerate inputs --------------------------------------------- */

/* Issues run independently: two copies of the case give two copies of the run. */
static void issues_are_independent(void **state)
{
    (void)state;
    pl_scenario *s = emission_scenario(2);
    /* Ireland takes no part in the second issue. */
    pl_scenario_stance(s, IRELAND, 1)->present = 0;
    pl_eu_options o;
    pl_eu_options_init(&o);
    o.rounds = 3;
    pl_eu_result *r = run_ok(s, &o);
    assert_int_equal(r->trace.n_rounds, 3);
    for (size_t t = 0; t < 3; t++)
        assert_near(r->trace.forecast[t * 2], golden_median[t], 1e-3);
    assert_true(isnan(r->trace.positions[IRELAND * 2 + 1]));
    assert_true(isnan(r->exponents[IRELAND * 2 + 1]));
    /* Offers are ordered by round, then issue: round 1 starts with issue 0's three. */
    assert_int_equal(r->offers[0].issue, 0);
    for (size_t k = 1; k < r->n_offers; k++)
        assert_true(r->offers[k].round > r->offers[k - 1].round ||
                    (r->offers[k].round == r->offers[k - 1].round &&
                     r->offers[k].issue >= r->offers[k - 1].issue));
    pl_eu_result_free(r);
    pl_scenario_free(s);
}

/* Section 1: all positions equal, nothing moves; median = mean = that position. */
static void all_positions_equal(void **state)
{
    (void)state;
    pl_scenario *s = emission_scenario(1);
    for (size_t a = 0; a < N_EMISSION; a++)
        pl_scenario_stance(s, a, 0)->position = 6.5;
    pl_eu_result *r = run_ok(s, NULL);
    assert_int_equal(r->trace.n_rounds, 8);
    assert_int_equal(r->n_offers, 0);
    for (size_t t = 0; t < 8; t++) {
        assert_near(r->trace.forecast[t], 6.5, 1e-12);
        assert_near(r->trace.mean[t], 6.5, 1e-12);
        assert_near(r->exponents[t * N_EMISSION], 1.0, 0);
    }
    pl_eu_result_free(r);
    pl_scenario_free(s);
}

/* Section 1: zero total weight is refused, naming the issue. */
static void zero_weight_is_refused(void **state)
{
    (void)state;
    pl_scenario *s = emission_scenario(1);
    for (size_t a = 0; a < N_EMISSION; a++)
        pl_scenario_stance(s, a, 0)->salience = 0;
    pl_eu_result *r = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_eu_run(s, NULL, &r, &diag), PL_ERR_INVALID);
    assert_null(r);
    assert_true(test_contains(diag.message, "standards0"));
    pl_scenario_free(s);
}

/* Options issues: refused unless ordered and placed; then run on the option positions. */
static void options_issues(void **state)
{
    (void)state;
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    const char *ids[] = {"y4", "y7", "y10"};
    size_t issue;
    assert_int_equal(pl_scenario_add_options_issue(s, "tier", NULL, 3, ids, &issue), PL_OK);
    for (size_t k = 0; k < N_EMISSION; k++) {
        size_t a;
        assert_int_equal(pl_scenario_add_actor(s, emission[k].actor, NULL,
                                               emission[k].capability, &a), PL_OK);
        double values[3] = {0, 0, 0};
        values[emission[k].position == 4 ? 0 : emission[k].position == 7 ? 1 : 2] = 1;
        assert_int_equal(pl_scenario_set_option_values(s, a, issue, values,
                                                       emission[k].salience), PL_OK);
    }
    pl_eu_result *r = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_eu_run(s, NULL, &r, &diag), PL_ERR_UNSUPPORTED);
    assert_true(test_contains(diag.message, "tier"));
    s->issues[0].ordered = 1;
    for (size_t k = 0; k < 3; k++) {
        s->issues[0].options[k].has_position = 1;
        s->issues[0].options[k].position = 4.0 + 3.0 * (double)k;
    }
    s->issues[0].low = 4;
    s->issues[0].high = 10;
    r = run_ok(s, NULL);
    /* The same run as the continuous case: the round-1 median 8.4159 (spec section 13)
     * lies nearest option "y7" (index 1); round 3's 9.962 nearest "y10" (index 2). */
    assert_near(r->trace.positions[BELGIUM], 8.415932, 1e-6);
    assert_near(r->trace.forecast[0], 1.0, 0);
    assert_near(r->trace.forecast[2], 2.0, 0);
    assert_near(r->trace.mean[0], golden_mean[0], 1e-3);
    assert_near(r->initial_forecast[0], 1.0, 0); /* 7.0 is option y7 */
    pl_eu_result_free(r);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(votes_and_condorcet_median),
        cmocka_unit_test(median_ties),
        cmocka_unit_test(basic_utilities),
        cmocka_unit_test(better_switch),
        cmocka_unit_test(expected_utility_of_challenge),
        cmocka_unit_test(probability_of_success),
        cmocka_unit_test(probability_matrix_equals_direct_sums),
        cmocka_unit_test(risk_attitude_and_exponent),
        cmocka_unit_test(offer_classification),
        cmocka_unit_test(offer_accepted),
        cmocka_unit_test(options_defaults_and_presets),
        cmocka_unit_test(options_from_text),
        cmocka_unit_test(run_refuses_bad_options),
        cmocka_unit_test(emission_golden_scholz2011),
        cmocka_unit_test(emission_round_one),
        cmocka_unit_test(emission_golden_paper),
        cmocka_unit_test(emission_single_option_changes),
        cmocka_unit_test(issues_are_independent),
        cmocka_unit_test(all_positions_equal),
        cmocka_unit_test(zero_weight_is_refused),
        cmocka_unit_test(options_issues),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
