/*
 * mediator_grid.c - the grid mediator: the single negotiating text on the
 * simulation's grid, used only where the mediator of mediator.c cannot solve
 * its belief problem (the quadratic utility form on continuous issues, too
 * many option combinations, no winning coalition; docs/simulation.md,
 * "Mediator").
 *
 * 1. The mediator drafts a text: on a continuous issue the grid point nearest
 *    the capability x salience weighted mean of the positions (the compromise
 *    forecast); on an options issue the option with the largest capability x
 *    salience weighted value.
 * 2. In round k (t as in SAO) every party judges the text with its agent's
 *    band: it accepts when the text crosses none of its red lines and its
 *    utility is at least the band floor. All accept: agreement, step k + 1.
 *    A tit-for-tat party sees each text as an offer: it concedes as far as
 *    the texts have moved towards it since the first draft.
 * 3. Each party that does not accept objects to the items that cross its red
 *    lines and to the one item where its best value would gain it most.
 * 4. The mediator revises each objected item: a continuous item moves one grid
 *    step towards the capability-weighted mean of the objectors' best values;
 *    an options item becomes the option with the largest capability-weighted
 *    value to the objectors (the first such option on ties).
 */
#include <math.h>
#include <string.h>

#include "simulate/sao_internal.h"

/* Step 1: the first draft. */
static void draft(sao_session *ss, uint32_t *text)
{
    const pl_scenario *s = ss->scenario;
    const sao_inputs *in = &ss->inputs;
    size_t n = s->n_actors, ni = s->n_issues;
    for (size_t i = 0; i < ni; i++) {
        double best = -1, num = 0, den = 0;
        text[i] = 0;
        for (uint32_t v = 0; s->issues[i].kind == PL_ISSUE_OPTIONS && v < ss->space.n_values[i];
             v++) {
            double value = 0;
            for (size_t a = 0; a < n; a++)
                value += in->capability[a] * in->salience[a * ni + i] * ss->parties[a].eval[i][v];
            if (value > best) {
                best = value;
                text[i] = v;
            }
        }
        if (s->issues[i].kind == PL_ISSUE_OPTIONS)
            continue;
        for (size_t a = 0; a < n; a++) {
            num += in->capability[a] * in->salience[a * ni + i] * in->position[a * ni + i];
            den += in->capability[a] * in->salience[a * ni + i];
        }
        double x = den > 0 ? num / den : 0.5 * (s->issues[i].low + s->issues[i].high);
        double step = (s->issues[i].high - s->issues[i].low) / (double)ss->options.grid;
        double k = floor((x - s->issues[i].low) / step + 0.5);
        text[i] = (uint32_t)(k < 0 ? 0 : k > (double)ss->options.grid ? ss->options.grid : k);
    }
}

/* Step 3: the items party a objects to, marked in `objects` (per issue). */
static void objections(const sao_session *ss, size_t a, const uint32_t *text,
                       unsigned char *objects)
{
    const sao_party *p = &ss->parties[a];
    double gain = 0;
    size_t most = (size_t)-1;
    for (size_t i = 0; i < ss->space.n_issues; i++) {
        if (p->allowed[i] != NULL && !p->allowed[i][text[i]])
            objects[i] = 1;
        double g = p->term[i][p->best[i]] - p->term[i][text[i]];
        if (g > gain) {
            gain = g;
            most = i;
        }
    }
    if (most != (size_t)-1)
        objects[most] = 1;
}

/* Step 4 for one item. */
static void revise(const sao_session *ss, size_t i, const unsigned char *objectors,
                   uint32_t *text)
{
    const pl_scenario *s = ss->scenario;
    size_t n = s->n_actors;
    if (s->issues[i].kind == PL_ISSUE_OPTIONS) {
        double best = -1;
        for (uint32_t v = 0; v < ss->space.n_values[i]; v++) {
            double value = 0;
            for (size_t a = 0; a < n; a++)
                value += objectors[a] ? ss->inputs.capability[a] * ss->parties[a].eval[i][v] : 0;
            if (value > best) {
                best = value;
                text[i] = v;
            }
        }
        return;
    }
    double num = 0, den = 0;
    for (size_t a = 0; a < n; a++)
        if (objectors[a]) {
            num += ss->inputs.capability[a] * (double)ss->parties[a].best[i];
            den += ss->inputs.capability[a];
        }
    double target = den > 0 ? num / den : (double)text[i];
    if (target > (double)text[i] + 0.5)
        text[i]++;
    else if (target < (double)text[i] - 0.5)
        text[i]--;
}

/* Step 2: every party's verdict on the text (recorded when tracing). */
static int judge(sao_session *ss, pl_negotiation *r, int k, double t, unsigned char *objectors,
                 int *all, size_t *capacity)
{
    size_t n = ss->scenario->n_actors;
    int rc = sao_record(ss, r, k, n, 0, capacity);
    *all = 1;
    for (size_t a = 0; a < n && rc == PL_OK; a++) {
        sao_agent *g = &ss->state[a];
        sao_agent_observe(g, sao_utility(g->party, &ss->space, ss->offer));
        objectors[a] = (unsigned char)!sao_agent_accepts(g, &ss->space, t, ss->offer);
        *all &= !objectors[a];
        rc = sao_record(ss, r, k, a, !objectors[a], capacity);
    }
    return rc;
}

static void finish(sao_session *ss, pl_negotiation *r, int agreed, int step)
{
    r->agreed = agreed;
    r->agreement_step = step;
    r->exact = ss->space.exact;
    for (size_t i = 0; i < ss->space.n_issues; i++)
        r->package[i] = agreed ? ss->space.values[i][ss->offer[i]] : NAN;
    for (size_t a = 0; a < ss->scenario->n_actors; a++)
        r->utilities[a] = agreed ? sao_utility(&ss->parties[a], &ss->space, ss->offer)
                                 : ss->inputs.reservation[a];
}

int sao_mediator_grid_run(sao_session *ss, pl_negotiation *r)
{
    size_t n = ss->scenario->n_actors, ni = ss->space.n_issues;
    unsigned char *objectors = pli_calloc(n + 1, 1), *items = pli_calloc(ni + 1, 1),
                  *one = pli_calloc(n + 1, 1);
    if (!objectors || !items || !one) {
        pli_free(objectors);
        pli_free(items);
        pli_free(one);
        return PL_ERR_NOMEM;
    }
    for (size_t a = 0; a < n; a++) {
        ss->state[a] = (sao_agent){ss->agents[a], &ss->parties[a], 0, 0, 0, ss->state[a].last, 0};
    }
    int rc = PL_OK, agreed = 0, k = 0;
    size_t capacity = 0;
    draft(ss, ss->offer);
    for (k = 0; k < ss->options.steps && rc == PL_OK && !agreed; k++) {
        double t = (double)(k + 1) / (double)(ss->options.steps + 1);
        int changed = 0;
        if (ss->use_shock && (rc = sao_apply_shocks(ss, k, &changed)) == PL_OK && changed)
            rc = sao_session_rebuild(ss);
        if (rc == PL_OK)
            rc = judge(ss, r, k, t, objectors, &agreed, &capacity);
        if (rc != PL_OK || agreed)
            break;
        /* Objections are judged on the text the parties rejected, not on a half-revised one. */
        memcpy(ss->scratch, ss->offer, ni * sizeof *ss->offer);
        for (size_t i = 0; i < ni; i++) {
            memset(items, 0, ni);
            memset(one, 0, n);
            for (size_t a = 0; a < n; a++)
                if (objectors[a]) {
                    objections(ss, a, ss->scratch, items);
                    one[a] = items[i];
                    memset(items, 0, ni);
                }
            int any = 0;
            for (size_t a = 0; a < n; a++)
                any |= one[a];
            if (any)
                revise(ss, i, one, ss->offer);
        }
    }
    if (rc == PL_OK)
        finish(ss, r, agreed, agreed ? k + 1 : ss->options.steps);
    pli_free(objectors);
    pli_free(items);
    pli_free(one);
    return rc;
}
