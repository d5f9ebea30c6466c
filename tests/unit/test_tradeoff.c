/*
 * test_tradeoff.c - SAO on scenario input: trade-off offers on the continuum
 * (Faratin, Sierra and Jennings 2002, "Using similarity criteria to make issue
 * trade-offs in automated negotiations", AI 142; docs/simulation.md).
 *
 * Checked: a hand-computed one-issue offer; every offer meets the agent's
 * own aspiration and red lines and is at least as good for the others
 * (maximin of their normalised utilities) as the best point of a fine grid
 * (brute force); every concession strategy reaches its reservation at the
 * deadline; with the stated inputs, time-based agents settle exactly when
 * the zone of agreement (pl_agreement_compute, every party a veto actor) is
 * not empty, on seeded random scenarios and on the relaxed default scenario;
 * the Monte Carlo is the same for any number of threads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley/agreement.h"
#include "parley/parley.h"
#include "parley/simulate.h"
#include "simulate/sao_internal.h"
#include "support.h"

static const char *const time_driven[] = {"boulware", "linear", "conceder", "tb:7",
                                          "genius-boulware", "genius-linear",
                                          "genius-conceder", "genius:0.5"};
enum { N_TIME_DRIVEN = sizeof time_driven / sizeof time_driven[0] };

static pl_agent agent(const char *name)
{
    pl_agent a;
    assert_int_equal(pl_agent_parse(name, &a), PL_OK);
    return a;
}

static pl_negotiation *negotiate(const pl_scenario *s, const char *name, int steps)
{
    pl_simulation_options o;
    pl_simulation_options_init(&o);
    pl_agent a = agent(name);
    o.agents = &a;
    o.n_agents = 1;
    o.steps = steps;
    pl_negotiation *r = NULL;
    pl_diag diag;
    assert_int_equal(pl_negotiate(s, &o, &r, &diag), PL_OK);
    return r;
}

/* A tiny seeded generator (xorshift64*), so the cases do not depend on libc. */
static double uniform(uint64_t *state)
{
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    return (double)((*state * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}

/*
 * A random scenario: 2-4 actors, 1-4 continuous issues on [0, 100], random
 * positions and saliences, reservations in [0.3, 0.8], about one red line per
 * actor; every actor is a veto actor (SAO needs everyone's consent).
 */
static pl_scenario *generated(uint64_t seed)
{
    uint64_t st = seed * 0x9E3779B97F4A7C15ULL + 1;
    size_t n = 2 + (size_t)(uniform(&st) * 3), ni = 1 + (size_t)(uniform(&st) * 4);
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    for (size_t i = 0; i < ni; i++) {
        char id[8] = {'i', (char)('0' + i), 0};
        assert_int_equal(pl_scenario_add_continuous_issue(s, id, NULL, 0, 100, NULL), PL_OK);
    }
    for (size_t a = 0; a < n; a++) {
        char id[8] = {'a', (char)('0' + a), 0};
        assert_int_equal(pl_scenario_add_actor(s, id, NULL, 1, NULL), PL_OK);
        s->actors[a].veto = 1;
        s->actors[a].reservation = 0.3 + 0.5 * uniform(&st);
        for (size_t i = 0; i < ni; i++)
            assert_int_equal(pl_scenario_set_position(s, a, i, 100 * uniform(&st),
                                                      0.1 + 0.9 * uniform(&st)), PL_OK);
        if (uniform(&st) < 0.7) {
            size_t i = (size_t)(uniform(&st) * (double)ni);
            double p = s->stances[a * ni + i].position, w = 20 + 60 * uniform(&st);
            double low = p < 50 ? 0 : 100 - w, high = p < 50 ? w : 100;
            assert_int_equal(pl_scenario_add_red_line(s, a, i, low, high, NULL), PL_OK);
        }
    }
    pl_diag diag;
    assert_int_equal(pl_scenario_validate(s, &diag), PL_OK);
    return s;
}

/* The zone margin of every party (all veto), by the agreement analysis. */
static double zone_margin(const pl_scenario *s, int *compatible)
{
    pl_agreement_options o;
    pl_agreement_options_init(&o);
    o.solutions = 0;
    o.max_set = 0;
    pl_agreement *g = NULL;
    pl_diag diag;
    assert_int_equal(pl_agreement_compute(s, &o, &g, &diag), PL_OK);
    assert_int_equal(g->n_coalition, s->n_actors);
    *compatible = g->red_lines_compatible;
    double margin = g->red_lines_compatible ? g->margin : -1;
    pl_agreement_free(g);
    return margin;
}

/* ---- offers ---- */

/*
 * One issue [0, 100], A at 0 and B at 100, linear utilities, rv 0: at
 * aspiration lo, A keeps 1 - x / 100 >= lo and gives B all the rest, so its
 * offer is x = 100 (1 - lo) (not a grid point).
 */
static void test_hand_computed_offer(void **state)
{
    (void)state;
    pl_scenario *s = test_one_issue(0, 100);
    pl_simulation_options o;
    pl_simulation_options_init(&o);
    pl_agent linear = agent("linear");
    o.agents = &linear;
    o.n_agents = 1;
    sao_session ss;
    assert_int_equal(sao_session_init(&ss, s, &o), PL_OK);
    assert_non_null(ss.tradeoff);
    for (size_t a = 0; a < 2; a++) {
        ss.state[a].spec = linear;
        ss.state[a].party = &ss.parties[a];
    }
    double x[1], lo, hi;
    for (int k = 0; k < o.steps; k += 7) {
        double t = (double)(k + 1) / o.steps;
        sao_agent_band(&ss.state[0], t, &lo, &hi);
        assert_int_equal(sao_tradeoff_offer(&ss, 0, k, t, x), PL_OK);
        assert_true(fabs(x[0] - 100 * (1 - lo)) <= 1e-6);
    }
    sao_session_free(&ss);
    pl_scenario_free(s);
}

/* min over the others b of (U_b - m_b) / (u_max_b - m_b); -inf if a red line is crossed. */
static double others_maximin(sao_session *ss, size_t self, const double *x)
{
    double tau = INFINITY;
    for (size_t b = 0; b < ss->scenario->n_actors; b++) {
        if (b == self)
            continue;
        if (!sao_tradeoff_accepts(ss, b, 1.0, x))
            return -INFINITY; /* at t = 1 this tests red lines and U_b >= m_b only */
        const sao_party *p = &ss->parties[b];
        tau = fmin(tau, (sao_tradeoff_utility(ss, b, x) - p->m) / (p->u_max - p->m));
    }
    return tau;
}

/* Best maximin over the grid points of step 100 / G that the agent may offer at lo. */
static double grid_maximin(sao_session *ss, size_t self, double lo, int g)
{
    const pl_scenario *s = ss->scenario;
    size_t ni = s->n_issues, total = 1;
    for (size_t i = 0; i < ni; i++)
        total *= (size_t)g + 1;
    double best = -INFINITY, x[8];
    for (size_t r = 0; r < total; r++) {
        size_t q = r;
        for (size_t i = 0; i < ni; i++, q /= (size_t)g + 1)
            x[i] = 100.0 * (double)(q % ((size_t)g + 1)) / g;
        if (sao_tradeoff_utility(ss, self, x) < lo)
            continue;
        int own_ok = 1;
        for (size_t k = 0; k < s->n_red_lines; k++) {
            const pl_red_line *l = &s->red_lines[k];
            if (l->actor == self && (x[l->issue] < l->low || x[l->issue] > l->high))
                own_ok = 0;
        }
        if (own_ok)
            best = fmax(best, others_maximin(ss, self, x));
    }
    return best;
}

/*
 * On generated scenarios, every party at several times: the offer meets its
 * own aspiration and red lines (it would accept it itself), and no point of
 * a grid of 20 steps per issue that it may offer is better for the others.
 */
static void test_offers_beat_the_grid(void **state)
{
    (void)state;
    size_t checked = 0;
    for (uint64_t seed = 1; seed <= 30; seed++) {
        pl_scenario *s = generated(seed);
        if (s->n_issues > 3) {
            pl_scenario_free(s);
            continue;
        }
        pl_simulation_options o;
        pl_simulation_options_init(&o);
        pl_agent a = agent(seed % 2 ? "linear" : "conceder");
        o.agents = &a;
        o.n_agents = 1;
        sao_session ss;
        assert_int_equal(sao_session_init(&ss, s, &o), PL_OK);
        for (size_t p = 0; p < s->n_actors; p++) {
            ss.state[p].spec = a;
            ss.state[p].party = &ss.parties[p];
        }
        double x[8], lo, hi;
        for (size_t p = 0; p < s->n_actors; p++) {
            if (ss.parties[p].blocked || !(ss.parties[p].m < ss.parties[p].u_max))
                continue;
            for (int k = 9; k < o.steps; k += 30) {
                double t = (double)(k + 1) / o.steps;
                sao_agent_band(&ss.state[p], t, &lo, &hi);
                assert_int_equal(sao_tradeoff_offer(&ss, p, k, t, x), PL_OK);
                assert_true(sao_tradeoff_accepts(&ss, p, t, x));
                double grid = grid_maximin(&ss, p, lo, 20);
                double mine = others_maximin(&ss, p, x);
                if (grid > -INFINITY) /* no grid point beats it */
                    assert_true(mine >= grid - 1e-7);
                checked++;
            }
        }
        sao_session_free(&ss);
        pl_scenario_free(s);
    }
    assert_true(checked >= 100);
}

/* ---- concession ---- */

/* Every time-driven strategy's aspiration is its reservation in the last round. */
static void test_reaches_reservation(void **state)
{
    (void)state;
    sao_party p = {0};
    p.u_max = 0.9;
    p.m = 0.37;
    for (size_t k = 0; k < N_TIME_DRIVEN; k++) {
        sao_agent g = {agent(time_driven[k]), &p, 0, 0, 0, NULL, 0};
        double lo, hi;
        sao_agent_band(&g, 1.0, &lo, &hi); /* t of the last round on the continuum */
        assert_true(lo == p.m);
    }
    /* A zone of width 2 on one issue (margin 0.01): every pair settles in it. */
    pl_scenario *s = test_one_issue(0, 100);
    s->actors[0].reservation = 0.49; /* A: x <= 51; B: x >= 49 */
    s->actors[1].reservation = 0.49;
    for (size_t x = 0; x < N_TIME_DRIVEN; x++)
        for (size_t y = 0; y < N_TIME_DRIVEN; y++) {
            pl_agent pair[2] = {agent(time_driven[x]), agent(time_driven[y])};
            pl_simulation_options o;
            pl_simulation_options_init(&o);
            o.agents = pair;
            o.n_agents = 2;
            pl_negotiation *r = NULL;
            pl_diag diag;
            assert_int_equal(pl_negotiate(s, &o, &r, &diag), PL_OK);
            assert_true(r->agreed);
            assert_true(r->package[0] >= 49 - 1e-6 && r->package[0] <= 51 + 1e-6);
            pl_negotiation_free(r);
        }
    /* Hardheaded agents never concede (docs/simulation.md): no deal. */
    pl_negotiation *r = negotiate(s, "hardheaded", 100);
    assert_false(r->agreed);
    pl_negotiation_free(r);
    pl_scenario_free(s);
}

/* ---- settlement and the zone ---- */

/* Stated inputs: settle iff the zone is not empty, and then inside it. */
static void check_settlement(const pl_scenario *s, const char *name, int steps)
{
    int compatible = 0;
    double margin = zone_margin(s, &compatible);
    if (fabs(margin) < 1e-6)
        return; /* on the boundary: tolerances decide */
    pl_negotiation *r = negotiate(s, name, steps);
    assert_int_equal(r->agreed != 0, margin > 0);
    for (size_t a = 0; r->agreed && a < s->n_actors; a++) {
        assert_true(r->utilities[a] >= s->actors[a].reservation - 1e-7);
        for (size_t k = 0; k < s->n_red_lines; k++) {
            const pl_red_line *l = &s->red_lines[k];
            double x = r->package[l->issue];
            assert_true(x >= l->low - 1e-9 && x <= l->high + 1e-9);
        }
    }
    pl_negotiation_free(r);
}

static void test_generated_settle_iff_zone(void **state)
{
    (void)state;
    size_t with = 0, without = 0;
    for (uint64_t seed = 1; seed <= 120; seed++) {
        pl_scenario *s = generated(seed);
        int compatible = 0;
        double margin = zone_margin(s, &compatible);
        with += margin > 1e-6;
        without += margin < -1e-6;
        check_settlement(s, seed % 3 == 0 ? "boulware" : seed % 3 == 1 ? "linear" : "conceder",
                         seed % 2 ? 100 : 37);
        pl_scenario_free(s);
    }
    assert_true(with >= 20 && without >= 20); /* both kinds were tested */
}

/* The default scenario (no zone: Donetsk) and its relaxation (UA accepts up to 90). */
static void test_default_and_relaxed(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/peace-talks-2025.json", PARLEY_SOURCE_DIR);
    pl_scenario *s = test_load(path);
    for (size_t a = 0; a < s->n_actors; a++)
        s->actors[a].veto = 1; /* SAO needs every party */
    pl_negotiation *r = negotiate(s, "boulware", 100);
    assert_false(r->agreed);
    pl_negotiation_free(r);
    size_t ua = 1, donetsk = 0;
    assert_string_equal(s->actors[ua].id, "UA");
    assert_string_equal(s->issues[donetsk].id, "donetsk");
    for (size_t k = 0; k < s->n_red_lines; k++)
        if (s->red_lines[k].actor == ua && s->red_lines[k].issue == donetsk)
            s->red_lines[k].high = 90;
    for (size_t k = 0; k < N_TIME_DRIVEN; k++)
        check_settlement(s, time_driven[k], 100);
    int compatible = 0;
    assert_true(zone_margin(s, &compatible) > 0.1);
    pl_scenario_free(s);
}

/* ---- Monte Carlo ---- */

static pl_montecarlo *monte_carlo(const pl_scenario *s, int threads)
{
    pl_montecarlo_options o;
    pl_montecarlo_options_init(&o);
    o.runs = 150;
    o.threads = threads;
    o.keep_runs = 1;
    pl_montecarlo *m = NULL;
    pl_diag diag;
    assert_int_equal(pl_montecarlo_run(s, &o, NULL, &m, &diag), PL_OK);
    return m;
}

/* The trade-off offers keep the Monte Carlo's thread invariance (runs, bits). */
static void test_threads(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("report/zone.json"));
    pl_montecarlo *one = monte_carlo(s, 1), *two = monte_carlo(s, 2);
    assert_int_equal(one->agreements, two->agreements);
    assert_true(one->agreements > 0 && one->agreements < one->runs); /* the draws matter */
    assert_memory_equal(one->per_run_utilities, two->per_run_utilities,
                        one->runs * one->n_parties * sizeof(double));
    assert_memory_equal(one->per_run_step, two->per_run_step, one->runs * sizeof(int));
    assert_false(one->exact);
    pl_montecarlo_free(one);
    pl_montecarlo_free(two);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_computed_offer),
        cmocka_unit_test(test_offers_beat_the_grid),
        cmocka_unit_test(test_reaches_reservation),
        cmocka_unit_test(test_generated_settle_iff_zone),
        cmocka_unit_test(test_default_and_relaxed),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
