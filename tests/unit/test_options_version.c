/*
 * test_options_version.c - the one rule of every options struct (parley.h,
 * "The API rule"): `version` first, an _INIT macro equal to the _init function,
 * and every entry point refusing another version with PL_ERR_ARGUMENT and a
 * diagnostic naming the version (so that the refusal is not some other check's).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <string.h>

#include "parley/parley.h"
#include "support.h"

static pl_scenario *scenario;

static int setup(void **state)
{
    (void)state;
    scenario = test_load(PARLEY_SOURCE_DIR "/examples/peace-talks-2025.json");
    return scenario == NULL;
}

static int teardown(void **state)
{
    (void)state;
    pl_scenario_free(scenario);
    return 0;
}

/* A refusal for the version: PL_ERR_ARGUMENT, and the diagnostic says so. */
static void assert_version_refused(int rc, const pl_diag *diag)
{
    assert_int_equal(rc, PL_ERR_ARGUMENT);
    assert_true(test_contains(diag->message, "options version"));
}

static void test_version_is_first(void **state)
{
    (void)state;
    assert_int_equal(offsetof(pl_eu_options, version), 0);
    assert_int_equal(offsetof(pl_exchange_options, version), 0);
    assert_int_equal(offsetof(pl_smp_options, version), 0);
    assert_int_equal(offsetof(pl_simulation_options, version), 0);
    assert_int_equal(offsetof(pl_montecarlo_options, version), 0);
    assert_int_equal(offsetof(pl_tournament_options, version), 0);
    assert_int_equal(offsetof(pl_frontier_options, version), 0);
    assert_int_equal(offsetof(pl_agreement_options, version), 0);
    assert_int_equal(offsetof(pl_backtest_options, version), 0);
    assert_int_equal(offsetof(pl_mediate_options, version), 0);
    assert_int_equal(offsetof(pl_json_options, version), 0);
}

#define SAME(field) assert_true(a.field == b.field)

static void test_eu_init(void **state)
{
    (void)state;
    pl_eu_options a = PL_EU_OPTIONS_INIT, b, c;
    pl_eu_options_init(&b);
    assert_int_equal(a.version, PL_EU_OPTIONS_VERSION);
    SAME(version); SAME(preset); SAME(rounds); SAME(q); SAME(prob); SAME(vote_exp);
    SAME(perspective); SAME(security); SAME(risk_start); SAME(selection); SAME(capitulation);
    SAME(median_tie); SAME(range); SAME(mu_pass2); SAME(t_equal); SAME(compromise);
    /* The macro spells out the scholz2011 preset, which eu_options.c also sets: the two agree. */
    memset(&b, 0, sizeof b);
    b.rounds = PL_EU_DEFAULT_ROUNDS;
    assert_int_equal(pl_eu_options_preset(&b, "scholz2011", NULL), PL_OK);
    SAME(version); SAME(preset); SAME(rounds); SAME(q); SAME(prob); SAME(vote_exp);
    SAME(perspective); SAME(security); SAME(risk_start); SAME(selection); SAME(capitulation);
    SAME(median_tie); SAME(range); SAME(mu_pass2); SAME(t_equal); SAME(compromise);
    /* The documented defaults (eu.h): preset scholz2011 and 8 rounds. */
    assert_int_equal(a.preset, PL_EU_PRESET_SCHOLZ2011);
    assert_int_equal(a.rounds, 8);
    /* ... and the paper preset differs from it (so the comparison above can fail). */
    c = a;
    assert_int_equal(pl_eu_options_preset(&c, "paper", NULL), PL_OK);
    assert_true(c.prob != a.prob && c.capitulation != a.capitulation);
}

static void test_exchange_init(void **state)
{
    (void)state;
    pl_exchange_options a = PL_EXCHANGE_OPTIONS_INIT, b;
    pl_exchange_options_init(&b);
    assert_int_equal(a.version, PL_EXCHANGE_OPTIONS_VERSION);
    SAME(version); SAME(rounds); SAME(ties); SAME(seed); SAME(tie_resolution); SAME(cap);
    SAME(cap_tolerance); SAME(history_sum); SAME(merge); SAME(left_inclusive); SAME(zero);
    SAME(fixed_weight); SAME(salience_weight);
    /* The spec's defaults (specs/exchange.md section 9, as exchange.h lists them). */
    assert_int_equal(a.rounds, 10);
    assert_true(a.fixed_weight == 0.1 && a.salience_weight == 0.4);
}

static void test_smp_init(void **state)
{
    (void)state;
    pl_smp_options a = PL_SMP_OPTIONS_INIT, b;
    pl_smp_options_init(&b);
    assert_int_equal(a.version, PL_SMP_OPTIONS_VERSION);
    SAME(version); SAME(threads); SAME(max_rounds); SAME(progress.function); SAME(progress.payload);
    assert_int_equal(a.max_rounds, 100); /* KTAB's */
}

static void test_simulation_init(void **state)
{
    (void)state;
    pl_tournament_options t = PL_TOURNAMENT_OPTIONS_INIT, u;
    pl_tournament_options_init(&u);
    assert_int_equal(t.version, PL_TOURNAMENT_OPTIONS_VERSION);
    assert_true(t.n_agents == u.n_agents && t.agents == u.agents &&
                t.max_assignments == u.max_assignments);
    pl_montecarlo_options a = t.montecarlo, b = u.montecarlo;
    assert_int_equal(a.version, PL_MONTECARLO_OPTIONS_VERSION);
    SAME(version); SAME(runs); SAME(seed); SAME(threads); SAME(use_uncertainty);
    SAME(use_shock); SAME(progress.function); SAME(progress.payload); SAME(keep_runs);
    assert_true(a.runs == 1000 && a.seed == 1 && a.threads == 1);
    pl_simulation_options c = a.simulation, d;
    pl_simulation_options_init(&d);
    assert_int_equal(c.version, PL_SIMULATION_OPTIONS_VERSION);
    assert_true(c.version == d.version && c.protocol == d.protocol &&
                c.n_agents == d.n_agents && c.agents == d.agents && c.steps == d.steps &&
                c.grid == d.grid && c.talk_rounds == d.talk_rounds &&
                c.never_exact == d.never_exact && c.trace == d.trace);
    assert_int_equal(c.steps, PL_SIMULATION_DEFAULT_STEPS);
}

static void test_models_refuse_other_versions(void **state)
{
    (void)state;
    pl_diag diag;
    pl_eu_options eu = PL_EU_OPTIONS_INIT;
    eu.version++;
    pl_eu_result *eu_result = NULL;
    assert_version_refused(pl_eu_run(scenario, &eu, &eu_result, &diag), &diag);
    assert_null(eu_result);
    assert_int_equal(pl_eu_options_set(&eu, "rounds", "5", &diag), PL_ERR_ARGUMENT);
    assert_int_equal(pl_eu_options_preset(&eu, "paper", &diag), PL_OK); /* initialises */
    assert_int_equal(eu.version, PL_EU_OPTIONS_VERSION);

    pl_exchange_options exchange = PL_EXCHANGE_OPTIONS_INIT;
    exchange.version = 0;
    pl_exchange_result *exchange_result = NULL;
    assert_version_refused(pl_exchange_run(scenario, &exchange, &exchange_result, &diag), &diag);
    assert_int_equal(pl_exchange_options_set(&exchange, "rounds", "3", &diag), PL_ERR_ARGUMENT);

    pl_smp_options smp = PL_SMP_OPTIONS_INIT;
    smp.version = 0;
    pl_smp_result *smp_result = NULL;
    assert_version_refused(pl_smp_run(scenario, &smp, &smp_result, &diag), &diag);
    assert_int_equal(pl_smp_options_set(&smp, "threads", "2", &diag), PL_ERR_ARGUMENT);
}

static void test_simulations_refuse_other_versions(void **state)
{
    (void)state;
    pl_diag diag;
    pl_simulation_options simulation = PL_SIMULATION_OPTIONS_INIT;
    simulation.version = PL_SIMULATION_OPTIONS_VERSION + 1;
    pl_negotiation *negotiation = NULL;
    assert_version_refused(pl_negotiate(scenario, &simulation, &negotiation, &diag), &diag);
    assert_null(negotiation);

    pl_montecarlo_options montecarlo = PL_MONTECARLO_OPTIONS_INIT;
    montecarlo.runs = 2;
    montecarlo.version = 0;
    pl_montecarlo *m = NULL;
    assert_version_refused(pl_montecarlo_run(scenario, &montecarlo, NULL, &m, &diag), &diag);
    montecarlo.version = PL_MONTECARLO_OPTIONS_VERSION;
    montecarlo.simulation.version = 0; /* the nested struct is checked too */
    assert_version_refused(pl_montecarlo_run(scenario, &montecarlo, NULL, &m, &diag), &diag);
    assert_null(m);

    pl_agent agent;
    assert_int_equal(pl_agent_parse("boulware", &agent), PL_OK);
    pl_tournament_options tournament = PL_TOURNAMENT_OPTIONS_INIT;
    tournament.n_agents = 1;
    tournament.agents = &agent;
    tournament.montecarlo.runs = 2;
    tournament.version = 0;
    pl_tournament *t = NULL;
    assert_version_refused(pl_tournament_run(scenario, &tournament, NULL, &t, &diag), &diag);
    tournament.version = PL_TOURNAMENT_OPTIONS_VERSION;
    tournament.montecarlo.version = 0;
    assert_version_refused(pl_tournament_run(scenario, &tournament, NULL, &t, &diag), &diag);
    assert_null(t);

    montecarlo.simulation.version = PL_SIMULATION_OPTIONS_VERSION;
    montecarlo.version = 0;
    pl_whatifs *w = NULL;
    assert_version_refused(pl_whatifs_run(scenario, &montecarlo, &w, &diag), &diag);
    assert_null(w);
}

static void test_json_options(void **state)
{
    (void)state;
    pl_json_options a = PL_JSON_OPTIONS_INIT, b;
    pl_json_options_init(&b);
    assert_int_equal(a.version, PL_JSON_OPTIONS_VERSION);
    SAME(version); SAME(indent); SAME(sink); SAME(sink_payload);
    a.version = PL_JSON_OPTIONS_VERSION + 1;
    pl_diag diag;
    pl_json_writer *w = NULL;
    assert_version_refused(pl_json_writer_new(&a, &w, &diag), &diag);
    assert_null(w);
    char *text = NULL;
    json_t *document = json_array();
    assert_version_refused(pl_json_dump(document, &a, &text, NULL, &diag), &diag);
    assert_null(text);
    json_decref(document);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_is_first),
        cmocka_unit_test(test_eu_init),
        cmocka_unit_test(test_exchange_init),
        cmocka_unit_test(test_smp_init),
        cmocka_unit_test(test_simulation_init),
        cmocka_unit_test(test_models_refuse_other_versions),
        cmocka_unit_test(test_simulations_refuse_other_versions),
        cmocka_unit_test(test_json_options),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
