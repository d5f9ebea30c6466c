/*
 * test_negotiator.c - negotiators of the caller (pl_negotiator, parley/simulate.h):
 * a C callback agent plays SAO against a built-in agent; its offers and
 * verdicts are honoured, it is told the state, begin runs once per
 * negotiation, a failing callback stops the call with PL_ERR_CALLBACK and a
 * diag naming the party, the step and the function, and bad negotiators
 * are refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "parley/parley.h"
#include "parley/simulate.h"
#include "parley/tournament.h"
#include "support.h"

/* ANAC 2011's Laptop domain (tests/data/genius/laptop): 3 options issues, 27 outcomes. */
static pl_scenario *laptop(void)
{
    static const char *const names[] = {"laptop_domain.xml", "laptop_buyer_utility.xml",
                                        "laptop_seller_utility.xml"};
    char paths[3][1024];
    const char *list[3];
    for (int k = 0; k < 3; k++) {
        char relative[256];
        snprintf(relative, sizeof relative, "genius/laptop/%s", names[k]);
        snprintf(paths[k], sizeof paths[k], "%s", test_data_path(relative));
        list[k] = paths[k];
    }
    pl_scenario *s = NULL;
    pl_diag diag;
    assert_int_equal(pl_load_scenario_files(list, 3, &s, &diag), PL_OK);
    return s;
}

/* What the test negotiator does and what it saw. */
typedef struct probe {
    double offer[3];          /**< what it proposes (option indices) */
    int accept;               /**< its verdict on every offer */
    int fail_in;              /**< 0: never fails; 1: begin, 2: propose, 3: respond */
    int begins, proposals, responses;
    double first_time;        /**< state.time of its first respond */
    double seen_utility;      /**< pl_sao_state_utility of the first offer it judged */
    double seen_package[3];
    size_t proposer;
} probe;

static int probe_begin(const pl_sao_state *state, void *payload)
{
    probe *p = payload;
    p->begins++;
    assert_int_equal(state->step, 0);
    return p->fail_in == 1 ? -1 : 0;
}

static int probe_propose(const pl_sao_state *state, double *offer, void *payload)
{
    probe *p = payload;
    p->proposals++;
    memcpy(offer, p->offer, state->n_issues * sizeof *offer);
    return p->fail_in == 2 ? -1 : 0;
}

static int probe_respond(const pl_sao_state *state, const double *offer, int *accept,
                         void *payload)
{
    probe *p = payload;
    if (p->responses++ == 0) {
        p->first_time = state->time;
        p->seen_utility = pl_sao_state_utility(state, state->party, offer);
        memcpy(p->seen_package, offer, state->n_issues * sizeof *offer);
        p->proposer = state->proposer;
        assert_non_null(state->standing);
    }
    *accept = p->accept;
    return p->fail_in == 3 ? -1 : 0;
}

static pl_negotiator negotiator_of(probe *p, const char *name)
{
    pl_negotiator n = PL_NEGOTIATOR_INIT, same;
    pl_negotiator_init(&same);
    assert_int_equal(same.version, PL_NEGOTIATOR_VERSION);
    assert_true(n.version == same.version && same.begin == NULL && same.propose == NULL &&
                same.respond == NULL && same.payload == NULL && same.name == NULL &&
                same.deterministic == 0);
    n.begin = probe_begin;
    n.propose = probe_propose;
    n.respond = probe_respond;
    n.payload = p;
    n.name = name;
    return n;
}

/* Party 1 accepts everything: boulware's opening offer (its best outcome) is agreed at step 1. */
static void accepts_the_opening_offer(void **state)
{
    (void)state;
    pl_scenario *s = laptop();
    probe p = {{0, 0, 0}, 1, 0, 0, 0, 0, NAN, NAN, {NAN, NAN, NAN}, 9};
    pl_negotiator n = negotiator_of(&p, "probe");
    pl_agent agents[2] = {{PL_AGENT_TIME_BASED, 4.0, NULL}, {PL_AGENT_CALLBACK, 0, &n}};
    pl_simulation_options o = PL_SIMULATION_OPTIONS_INIT;
    o.agents = agents;
    o.n_agents = 2;
    pl_negotiation *r = NULL;
    pl_diag diag;
    assert_int_equal(pl_negotiate(s, &o, &r, &diag), PL_OK);
    assert_true(r->agreed);
    assert_int_equal(r->agreement_step, 1);
    assert_int_equal(p.begins, 1);
    assert_int_equal(p.responses, 1);
    assert_int_equal(p.proposals, 0);
    assert_int_equal(p.proposer, 0);
    /* spec section 4: t_0 = 1 / (N + 1) */
    assert_true(p.first_time == 1.0 / 101.0);
    /* the party's own utility of what it accepted, as the library evaluates packages */
    assert_true(p.seen_utility == pl_package_utility(s, 1, p.seen_package));
    assert_true(r->utilities[1] == p.seen_utility);
    /* boulware opens with its best outcome: utility 1 under GENIUS normalisation */
    assert_true(r->utilities[0] == 1.0);
    char name[64];
    assert_string_equal(pl_agent_name(&agents[1], name, sizeof name), "probe");
    pl_negotiation_free(r);
    pl_scenario_free(s);
}

/* Party 0 proposes a fixed package; a conceder accepts it once its band falls to it. */
static void proposals_are_offered_as_given(void **state)
{
    (void)state;
    pl_scenario *s = laptop();
    probe p = {{1, 2, 0}, 0, 0, 0, 0, 0, NAN, NAN, {NAN, NAN, NAN}, 9};
    pl_negotiator n = negotiator_of(&p, NULL);
    pl_agent agents[2] = {{PL_AGENT_CALLBACK, 0, &n}, {PL_AGENT_TIME_BASED, 0.25, NULL}};
    pl_simulation_options o = PL_SIMULATION_OPTIONS_INIT;
    o.agents = agents;
    o.n_agents = 2;
    o.trace = 1;
    pl_negotiation *r = NULL;
    pl_diag diag;
    assert_int_equal(pl_negotiate(s, &o, &r, &diag), PL_OK);
    assert_true(p.proposals >= 1);
    for (size_t e = 0; e < r->n_events; e++)
        if (r->events[e].party == 0 && !r->events[e].accepted)
            for (int i = 0; i < 3; i++)
                assert_true(r->events[e].package[i] == p.offer[i]);
    /* it never accepts, so the agreement the conceder reaches is its offer */
    assert_true(r->agreed);
    for (int i = 0; i < 3; i++)
        assert_true(r->package[i] == p.offer[i]);
    char name[64];
    assert_string_equal(pl_agent_name(&agents[0], name, sizeof name), "callback");
    pl_negotiation_free(r);
    pl_scenario_free(s);
}

static void failing_callbacks_stop_the_negotiation(void **state)
{
    (void)state;
    pl_scenario *s = laptop();
    static const char *const where[] = {"", "begin", "propose", "respond"};
    for (int fail = 1; fail <= 3; fail++) {
        probe p = {{0, 0, 0}, 0, fail, 0, 0, 0, NAN, NAN, {NAN, NAN, NAN}, 9};
        pl_negotiator n = negotiator_of(&p, "probe");
        /* party 1 responds at step 1 (to party 0's offer) before it proposes */
        pl_agent agents[2] = {{PL_AGENT_TIME_BASED, 4.0, NULL}, {PL_AGENT_CALLBACK, 0, &n}};
        pl_simulation_options o = PL_SIMULATION_OPTIONS_INIT;
        o.agents = agents;
        o.n_agents = 2;
        pl_negotiation *r = NULL;
        pl_diag diag;
        pl_diag_clear(&diag);
        assert_int_equal(pl_negotiate(s, &o, &r, &diag), PL_ERR_CALLBACK);
        assert_null(r);
        assert_non_null(strstr(diag.message, "'probe'"));
        assert_non_null(strstr(diag.message, "laptop_seller_utility"));
        assert_non_null(strstr(diag.message, where[fail]));
        /* Monte Carlo and tournaments stop too */
        pl_montecarlo_options mo = PL_MONTECARLO_OPTIONS_INIT;
        mo.simulation = o;
        mo.runs = 10;
        mo.threads = 2;
        pl_montecarlo *m = NULL;
        pl_diag_clear(&diag);
        assert_int_equal(pl_montecarlo_run(s, &mo, NULL, &m, &diag), PL_ERR_CALLBACK);
        assert_null(m);
        assert_non_null(strstr(diag.message, "laptop_seller_utility"));
        assert_non_null(strstr(diag.message, where[fail]));
        pl_tournament_options to = PL_TOURNAMENT_OPTIONS_INIT;
        to.agents = agents;
        to.n_agents = 2;
        pl_tournament *t = NULL;
        assert_int_equal(pl_tournament_run(s, &to, NULL, &t, &diag), PL_ERR_CALLBACK);
        assert_null(t);
    }
    assert_string_equal(pl_strerror(PL_ERR_CALLBACK), "a negotiator callback failed");
    pl_scenario_free(s);
}

/* begin runs once per negotiation: every run when the negotiator may draw numbers,
 * once in all when it says it is deterministic and nothing is drawn. */
static void begin_once_per_negotiation(void **state)
{
    (void)state;
    pl_scenario *s = laptop();
    for (int deterministic = 0; deterministic <= 1; deterministic++) {
        probe p = {{0, 0, 0}, 1, 0, 0, 0, 0, NAN, NAN, {NAN, NAN, NAN}, 9};
        pl_negotiator n = negotiator_of(&p, "probe");
        n.deterministic = deterministic;
        pl_agent agents[2] = {{PL_AGENT_TIME_BASED, 1.0, NULL}, {PL_AGENT_CALLBACK, 0, &n}};
        pl_montecarlo_options mo = PL_MONTECARLO_OPTIONS_INIT;
        mo.simulation.agents = agents;
        mo.simulation.n_agents = 2;
        mo.runs = 7;
        pl_montecarlo *m = NULL;
        pl_diag diag;
        assert_int_equal(pl_montecarlo_run(s, &mo, NULL, &m, &diag), PL_OK);
        assert_int_equal(p.begins, deterministic ? 1 : 7);
        assert_int_equal(m->deterministic, deterministic);
        assert_int_equal(m->agreements, 7);
        pl_montecarlo_free(m);
    }
    pl_scenario_free(s);
}

static void bad_negotiators_are_refused(void **state)
{
    (void)state;
    pl_scenario *s = laptop();
    probe p = {{0, 0, 0}, 1, 0, 0, 0, 0, NAN, NAN, {NAN, NAN, NAN}, 9};
    pl_negotiator n = negotiator_of(&p, "probe");
    pl_agent agents[2] = {{PL_AGENT_TIME_BASED, 1.0, NULL}, {PL_AGENT_CALLBACK, 0, &n}};
    pl_simulation_options o = PL_SIMULATION_OPTIONS_INIT;
    o.agents = agents;
    o.n_agents = 2;
    pl_negotiation *r = NULL;
    pl_diag diag;
    o.protocol = PL_PROTOCOL_MEDIATOR;
    assert_int_equal(pl_negotiate(s, &o, &r, &diag), PL_ERR_UNSUPPORTED);
    o.protocol = PL_PROTOCOL_SAO;
    n.respond = NULL;
    assert_int_equal(pl_negotiate(s, &o, &r, &diag), PL_ERR_ARGUMENT);
    n.respond = probe_respond;
    n.version = 99;
    assert_int_equal(pl_negotiate(s, &o, &r, &diag), PL_ERR_ARGUMENT);
    agents[1].negotiator = NULL;
    assert_int_equal(pl_negotiate(s, &o, &r, &diag), PL_ERR_ARGUMENT);
    /* an option index out of range is the callback's error */
    n.version = PL_NEGOTIATOR_VERSION;
    agents[1].negotiator = &n;
    agents[0] = agents[1];
    p.offer[0] = 3; /* Laptop has 3 brands: 0..2 */
    p.accept = 0;
    assert_int_equal(pl_negotiate(s, &o, &r, &diag), PL_ERR_CALLBACK);
    assert_non_null(strstr(diag.message, "out of range"));
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accepts_the_opening_offer),
        cmocka_unit_test(proposals_are_offered_as_given),
        cmocka_unit_test(failing_callbacks_stop_the_negotiation),
        cmocka_unit_test(begin_once_per_negotiation),
        cmocka_unit_test(bad_negotiators_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
