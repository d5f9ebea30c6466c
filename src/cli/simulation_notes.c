/*
 * simulation_notes.c - what a simulation report adds in words: shocks the
 * talks never reach, and why a simulation can contradict the zone of
 * agreement (issue #13, item 6; docs/simulation.md).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "simulation_report.h"

/* Shock k, selected, starts after the last round the talks span: it never applies. */
static int shock_unreachable(const pl_scenario *s, const pl_montecarlo_options *o, size_t k)
{
    return (o->use_shock == NULL || o->use_shock[k]) &&
           s->shocks[k].start_round > o->simulation.talk_rounds;
}

static void shock_warning(const pl_scenario *s, const pl_montecarlo_options *o, size_t k,
                          char *buffer, size_t size)
{
    snprintf(buffer, size, "shock '%s' starts at round %d, after the %d rounds the talks span "
             "(%s), so it never applies", s->shocks[k].id, s->shocks[k].start_round,
             o->simulation.talk_rounds, "--rounds");
}

void cli_text_shock_warnings(FILE *out, const pl_scenario *s, const pl_montecarlo_options *o)
{
    char line[600], warning[700];
    for (size_t k = 0; k < s->n_shocks; k++)
        if (shock_unreachable(s, o, k)) {
            shock_warning(s, o, k, line, sizeof line);
            snprintf(warning, sizeof warning, "Warning: %s.", line);
            cli_wrap(out, warning, 2, 0);
        }
}

json_t *cli_json_shock_warnings(const pl_scenario *s, const pl_montecarlo_options *o)
{
    json_t *array = json_array();
    char line[600];
    for (size_t k = 0; array && k < s->n_shocks; k++)
        if (shock_unreachable(s, o, k)) {
            shock_warning(s, o, k, line, sizeof line);
            json_array_append_new(array, json_string(line));
        }
    return array;
}

/* The reasons of a zone that exists but no run reached (docs/simulation.md). */
static size_t missed_zone_reasons(const pl_zone_comparison *c, const pl_montecarlo_options *o,
                                  char *buffer, size_t size, size_t used)
{
#define SAY(...)                                                                              \
    do {                                                                                      \
        if (used < size)                                                                      \
            used += (size_t)snprintf(buffer + used, size - used, __VA_ARGS__);                \
    } while (0)
    if (c->reasons & PL_ZONE_WHY_CONSENT)
        SAY(" under SAO a settlement needs all %zu parties' acceptance, and no package meets "
            "every party's red lines and reservation (the zone of all parties is empty: the "
            "simulation matches that zone, not the coalition's);", c->n_parties);
    if ((c->reasons & PL_ZONE_WHY_GRID) && c->offers == PL_OFFERS_MEDIATOR_GRID)
        SAY(" with quadratic utilities the mediator drafts on a grid of %zu intervals per "
            "continuous issue, which a thin zone can fall between;", o->simulation.grid);
    else if (c->reasons & PL_ZONE_WHY_GRID)
        SAY(" the agents offer points of a grid of %zu intervals per continuous issue (no "
            "trade-off offers on GENIUS domains, with more than 16 parties or quadratic "
            "utilities), which a thin zone can fall between;", o->simulation.grid);
    int hardheaded = 0, tit_for_tat = 0;
    for (size_t k = 0; k < o->simulation.n_agents; k++) {
        hardheaded |= o->simulation.agents[k].kind == PL_AGENT_HARDHEADED;
        tit_for_tat |= o->simulation.agents[k].kind == PL_AGENT_TIT_FOR_TAT;
    }
    if ((c->reasons & PL_ZONE_WHY_STUBBORN) && hardheaded)
        SAY(" hardheaded agents never concede, so they hold out above every package of the "
            "zone;");
    if ((c->reasons & PL_ZONE_WHY_STUBBORN) && tit_for_tat)
        SAY(" tit-for-tat agents concede only as much as the others have conceded to them, "
            "so they can stay above every package of the zone;");
    if (c->reasons == 0)
        SAY(" none of the known reasons applies (%s, agents that reach their reservation by "
            "the deadline): this is a defect of parley, please report it;",
            c->offers == PL_OFFERS_TRADEOFF ? "trade-off offers on the continuum"
                                            : "exact texts of the mediator");
    return used;
#undef SAY
}

/*
 * When the simulation contradicts the zone of agreement on the stated inputs
 * (none settles though a zone exists, or some settle though none does), why
 * it can: the reasons pl_zone_compare() finds for these settings
 * (docs/simulation.md, "When the simulation and the zone disagree"). Empty
 * when they agree.
 */
void cli_zone_contradiction(const pl_scenario *s, const pl_agreement *g,
                            const pl_montecarlo_options *o, const pl_montecarlo *m,
                            char *buffer, size_t size)
{
    buffer[0] = '\0';
    pl_zone_comparison c;
    if (g == NULL || m == NULL || pl_zone_compare(s, g, o, m, &c, NULL) != PL_OK ||
        !c.contradicts)
        return;
    size_t used = 0;
#define SAY(...)                                                                              \
    do {                                                                                      \
        if (used < size)                                                                      \
            used += (size_t)snprintf(buffer + used, size - used, __VA_ARGS__);                \
    } while (0)
    if (c.coalition_possible)
        SAY("The stated inputs leave a zone of agreement for the deciding coalition (%zu of "
            "%zu parties, margin %.4f), yet no simulated run settled. Why it can happen here:",
            c.n_coalition, c.n_parties, c.coalition_margin);
    else
        SAY("No package meets every red line and reservation of the deciding coalition on the "
            "stated inputs, yet %zu of %zu runs settled. Why it can happen here:",
            m->agreements, m->runs);
    if (c.reasons & PL_ZONE_WHY_DRAWN)
        SAY(" %zu drawn inputs move positions, red lines or reservations away from the stated "
            "ones in each run;", m->n_inputs);
    if (c.reasons & PL_ZONE_WHY_SHOCKS)
        SAY(" shocks change capabilities, reservations or positions during the talks;");
    if (c.coalition_possible)
        used = missed_zone_reasons(&c, o, buffer, size, used);
    if (c.reasons & PL_ZONE_WHY_ACCEPTANCE)
        SAY(" the simulated parties accept by their own utility and red lines over the "
            "simulated issues, which can differ from the zone's constraints;");
    if (used > 0 && used < size && buffer[used - 1] == ';')
        buffer[used - 1] = '.';
#undef SAY
}

static const char *offers_name(pl_offer_source offers)
{
    switch (offers) {
    case PL_OFFERS_TRADEOFF: return "tradeoff";
    case PL_OFFERS_RANKED: return "ranked";
    case PL_OFFERS_SEARCH: return "grid_search";
    case PL_OFFERS_MEDIATOR_TEXT: return "mediator_text";
    default: return "mediator_grid";
    }
}

/* The comparison's keys on the JSON `zone` object (docs/simulation.md). */
void cli_json_zone_comparison(json_t *zone, const pl_scenario *s, const pl_agreement *g,
                              const pl_montecarlo_options *o, const pl_montecarlo *m)
{
    pl_zone_comparison c;
    if (zone == NULL || g == NULL || m == NULL || pl_zone_compare(s, g, o, m, &c, NULL) != PL_OK)
        return;
    static const char *const names[] = {"drawn_inputs", "shocks", "consent", "grid",
                                        "stubborn_agents", "acceptance"};
    json_t *reasons = json_array();
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        if (c.reasons & (1u << k))
            json_array_append_new(reasons, json_string(names[k]));
    json_object_set_new(zone, "all_parties", !c.all_known ? json_null() : json_pack(
        "{s:b, s:o}", "possible", c.all_possible, "margin",
        cli_simulation_number(c.all_margin)));
    json_object_set_new(zone, "matches", json_string(
        c.matches_coalition && c.matches_all ? "both"
        : c.matches_coalition ? "coalition" : c.matches_all ? "all_parties" : "neither"));
    json_object_set_new(zone, "offers", json_string(offers_name(c.offers)));
    json_object_set_new(zone, "reasons", reasons);
}
