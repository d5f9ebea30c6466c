/*
 * test_zone_comparison.c - pl_zone_compare() (parley/zone_comparison.h): the
 * simulation against the coalition's zone and the zone of all parties, and
 * only the reasons that hold (docs/simulation.md, "When the simulation and the
 * zone disagree"). The scenario is the default one with UA's Donetsk line
 * relaxed to <= 90, which opens a zone for the veto actors RU and UA
 * (docs/agreement.md, "What it would take").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "parley/parley.h"
#include "support.h"

static size_t actor_index(const pl_scenario *s, const char *id)
{
    for (size_t a = 0; a < s->n_actors; a++)
        if (strcmp(s->actors[a].id, id) == 0)
            return a;
    fail_msg("no actor %s", id);
    return 0;
}

static pl_scenario *relaxed(void)
{
    pl_scenario *s = test_load(PARLEY_SOURCE_DIR "/examples/peace-talks-2025.json");
    size_t ua = actor_index(s, "UA");
    int moved = 0;
    for (size_t k = 0; k < s->n_red_lines; k++)
        if (s->red_lines[k].actor == ua && strcmp(s->issues[s->red_lines[k].issue].id,
                                                  "donetsk") == 0) {
            s->red_lines[k].high = 90;
            moved = 1;
        }
    assert_true(moved);
    return s;
}

static pl_agreement *zone(const pl_scenario *s)
{
    pl_agreement_options o;
    pl_agreement_options_init(&o);
    o.max_set = 0;
    pl_agreement *g = NULL;
    assert_int_equal(pl_agreement_compute(s, &o, &g, NULL), PL_OK);
    return g;
}

/* Run `runs` negotiations on the stated inputs (nothing drawn, no shock) with one agent for all. */
static pl_zone_comparison compare(const pl_scenario *s, const pl_agreement *g,
                                  pl_protocol protocol, const char *agent, int draw)
{
    static unsigned char none[64];
    assert_true(s->n_uncertainties < 64 && s->n_shocks < 64);
    pl_agent a;
    assert_int_equal(pl_agent_parse(agent, &a), PL_OK);
    pl_montecarlo_options o;
    pl_montecarlo_options_init(&o);
    o.runs = 4;
    o.simulation.protocol = protocol;
    o.simulation.agents = &a;
    o.simulation.n_agents = 1;
    o.use_uncertainty = draw ? NULL : none;
    o.use_shock = none;
    pl_montecarlo *m = NULL;
    assert_int_equal(pl_montecarlo_run(s, &o, NULL, &m, NULL), PL_OK);
    pl_zone_comparison c;
    assert_int_equal(pl_zone_compare(s, g, &o, m, &c, NULL), PL_OK);
    assert_int_equal(c.agreements, m->agreements);
    pl_montecarlo_free(m);
    return c;
}

/* Boulware trade-off agents reach their reservation by the deadline: they find the zone. */
static void boulware_agree_with_the_zone(void **state)
{
    (void)state;
    pl_scenario *s = relaxed();
    pl_agreement *g = zone(s);
    assert_true(g->possible);
    pl_zone_comparison c = compare(s, g, PL_PROTOCOL_SAO, "boulware", 0);
    assert_true(c.agreements > 0);
    assert_false(c.contradicts);
    assert_true(c.matches_coalition && c.matches_all && c.all_possible);
    assert_int_equal(c.offers, PL_OFFERS_TRADEOFF);
    assert_int_equal(c.reasons, 0);
    c = compare(s, g, PL_PROTOCOL_MEDIATOR, "boulware", 0);
    assert_false(c.contradicts);
    assert_int_equal(c.offers, PL_OFFERS_MEDIATOR_TEXT);
    pl_agreement_free(g);
    pl_scenario_free(s);
}

/* Hardheaded agents never concede: the only reason, then with drawn inputs as well. */
static void hardheaded_agents_are_the_reason(void **state)
{
    (void)state;
    pl_scenario *s = relaxed();
    pl_agreement *g = zone(s);
    pl_zone_comparison c = compare(s, g, PL_PROTOCOL_SAO, "hardheaded", 0);
    assert_int_equal(c.agreements, 0);
    assert_true(c.contradicts);
    assert_int_equal(c.reasons, PL_ZONE_WHY_STUBBORN);
    c = compare(s, g, PL_PROTOCOL_SAO, "hardheaded", 1);
    assert_true(c.contradicts);
    assert_int_equal(c.reasons, PL_ZONE_WHY_STUBBORN | PL_ZONE_WHY_DRAWN);
    pl_agreement_free(g);
    pl_scenario_free(s);
}

/*
 * EU (no veto) asking 0.99 closes the zone of all four parties but not the
 * veto actors': SAO, which needs everyone, matches the former; the mediator,
 * which settles by the decision rule, the latter.
 */
static void consent_of_every_party(void **state)
{
    (void)state;
    pl_scenario *s = relaxed();
    s->actors[actor_index(s, "EU")].reservation = 0.99;
    pl_agreement *g = zone(s);
    assert_true(g->possible);
    pl_zone_comparison c = compare(s, g, PL_PROTOCOL_SAO, "boulware", 0);
    assert_false(c.all_possible);
    assert_int_equal(c.agreements, 0);
    assert_true(c.contradicts && c.matches_all && !c.matches_coalition);
    assert_int_equal(c.reasons, PL_ZONE_WHY_CONSENT);
    c = compare(s, g, PL_PROTOCOL_MEDIATOR, "boulware", 0);
    assert_true(c.agreements > 0);
    assert_false(c.contradicts);
    assert_true(c.matches_coalition && !c.matches_all);
    pl_agreement_free(g);
    pl_scenario_free(s);
}

/* The default scenario has no zone; nothing settles; nothing to explain. */
static void no_zone_no_settlement(void **state)
{
    (void)state;
    pl_scenario *s = test_load(PARLEY_SOURCE_DIR "/examples/peace-talks-2025.json");
    pl_agreement *g = zone(s);
    assert_false(g->possible);
    pl_zone_comparison c = compare(s, g, PL_PROTOCOL_SAO, "conceder", 0);
    assert_int_equal(c.agreements, 0);
    assert_false(c.contradicts);
    assert_false(c.all_possible);
    assert_int_equal(c.reasons, 0);
    pl_agreement_free(g);
    pl_scenario_free(s);
}

/*
 * Offers on a grid: with quadratic utilities SAO has no trade-off offers and
 * the mediator drafts on the grid. The zone (linear form) and a hand-made
 * result (no run settled, nothing drawn) test the reasoning alone.
 */
static void grid_offers_are_a_reason(void **state)
{
    (void)state;
    pl_scenario *s = relaxed();
    pl_agreement *g = zone(s);
    s->utility_form = PL_UTILITY_QUADRATIC;
    pl_montecarlo m;
    memset(&m, 0, sizeof m);
    m.runs = 10;
    pl_montecarlo_options o;
    pl_montecarlo_options_init(&o);
    static unsigned char none[64];
    o.use_shock = none;
    pl_zone_comparison c;
    assert_int_equal(pl_zone_compare(s, g, &o, &m, &c, NULL), PL_OK);
    assert_int_equal(c.offers, PL_OFFERS_SEARCH);
    assert_false(c.all_known); /* no zone analysis of quadratic utilities */
    assert_int_equal(c.reasons, PL_ZONE_WHY_GRID);
    o.simulation.protocol = PL_PROTOCOL_MEDIATOR;
    assert_int_equal(pl_zone_compare(s, g, &o, &m, &c, NULL), PL_OK);
    assert_int_equal(c.offers, PL_OFFERS_MEDIATOR_GRID);
    assert_int_equal(c.reasons, PL_ZONE_WHY_GRID);
    /* some run settling without any zone, nothing drawn: the acceptance rules */
    s->utility_form = PL_UTILITY_LINEAR;
    pl_agreement *closed = zone(s);
    closed->possible = 0;
    m.agreements = 3;
    assert_int_equal(pl_zone_compare(s, closed, &o, &m, &c, NULL), PL_OK);
    assert_true(c.contradicts);
    assert_int_equal(c.reasons, PL_ZONE_WHY_ACCEPTANCE);
    pl_agreement_free(closed);
    pl_agreement_free(g);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(boulware_agree_with_the_zone),
        cmocka_unit_test(hardheaded_agents_are_the_reason),
        cmocka_unit_test(consent_of_every_party),
        cmocka_unit_test(no_zone_no_settlement),
        cmocka_unit_test(grid_offers_are_a_reason),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
