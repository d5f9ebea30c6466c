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

/*
 * When the simulation contradicts the zone of agreement on the stated inputs
 * (none settles though a zone exists, or some settle though none does), why
 * it can: the reasons that apply to these settings (docs/simulation.md,
 * "When the simulation and the zone disagree"). Empty when they agree.
 */
void cli_zone_contradiction(const pl_scenario *s, const pl_agreement *g,
                            const pl_montecarlo_options *o, const pl_montecarlo *m,
                            char *buffer, size_t size)
{
    buffer[0] = '\0';
    if (g == NULL || m == NULL || (g->possible && m->agreements > 0) ||
        (!g->possible && m->agreements == 0))
        return;
    const pl_simulation_options *so = &o->simulation;
    size_t used = 0;
#define SAY(...)                                                                              \
    do {                                                                                      \
        if (used < size)                                                                      \
            used += (size_t)snprintf(buffer + used, size - used, __VA_ARGS__);                \
    } while (0)
    if (g->possible)
        SAY("The stated inputs leave a zone of agreement (margin %.4f), yet no simulated run "
            "settled. Why it can happen here:", g->margin);
    else
        SAY("No package meets every red line and reservation of the deciding coalition on the "
            "stated inputs, yet %zu of %zu runs settled. Why it can happen here:",
            m->agreements, m->runs);
    if (m->n_inputs > 0)
        SAY(" %zu drawn inputs move positions, red lines or reservations away from the stated "
            "ones in each run;", m->n_inputs);
    for (size_t k = 0, any = 0; k < s->n_shocks; k++)
        if ((o->use_shock == NULL || o->use_shock[k]) &&
            s->shocks[k].start_round <= so->talk_rounds && !any++)
            SAY(" shocks change capabilities, reservations or positions during the talks;");
    if (g->possible && g->n_coalition < s->n_actors)
        SAY(" a settlement needs every party's acceptance (%zu), the zone only the deciding "
            "coalition's (%zu);", s->n_actors, g->n_coalition);
    if (g->possible && so->protocol == PL_PROTOCOL_SAO)
        SAY(" the agents offer only points of a grid of %zu intervals per continuous issue, "
            "which a thin zone can fall between, and concede on their own schedules (%s) "
            "within %d steps, so they can miss the zone before the deadline;", so->grid,
            so->n_agents == 0 ? "boulware agents concede late" : "time-based agents concede "
            "by the clock", so->steps);
    if (g->possible && so->protocol == PL_PROTOCOL_MEDIATOR)
        SAY(" the mediator drafts and amends its text by its own rules within %d steps and "
            "may not reach the zone;", so->steps);
    if (!g->possible && m->n_inputs == 0)
        SAY(" the simulated parties accept by their own utility and red lines over the "
            "simulated issues, which can differ from the zone's constraints;");
    if (used > 0 && used < size && buffer[used - 1] == ';')
        buffer[used - 1] = '.';
#undef SAY
}

