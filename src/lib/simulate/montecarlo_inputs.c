/*
 * montecarlo_inputs.c - what a Monte Carlo run changes: the draws of the
 * scenario's uncertainty groups and the shocks (docs/simulation.md,
 * "Monte Carlo").
 *
 * Draw j of run n is a deviation from the stated value, made from one Philox
 * 4x32-10 block keyed by the seed, with counter (n, j): the same (seed, run)
 * always gives the same inputs, whichever thread runs it. Drawn values are
 * clamped to their valid ranges: positions and red-line bounds to the issue's
 * range, saliences and reservations to [0, 1], capabilities to >= 1e-9.
 */
#include <math.h>
#include <string.h>

#include <Random123/philox.h>

#include "simulate/montecarlo_internal.h"

/* 53 random bits from two 32-bit words, as a double in [0, 1). */
static double unit(uint32_t high, uint32_t low)
{
    uint64_t bits = ((uint64_t)high << 32 | low) >> 11;
    return (double)bits * 0x1.0p-53;
}

double pl_montecarlo_deviation(uint64_t seed, uint64_t run, uint64_t index,
                               pl_distribution distribution, double spread)
{
    philox4x32_key_t key = {{(uint32_t)seed, (uint32_t)(seed >> 32)}};
    philox4x32_ctr_t counter = {{(uint32_t)run, (uint32_t)(run >> 32), (uint32_t)index,
                                 (uint32_t)(index >> 32)}};
    philox4x32_ctr_t r = philox4x32(counter, key);
    double u1 = unit(r.v[0], r.v[1]), u2 = unit(r.v[2], r.v[3]);
    switch (distribution) {
    case PL_DISTRIBUTION_NORMAL: /* Box-Muller; 1 - u1 lies in (0, 1] */
        return spread * sqrt(-2.0 * log(1.0 - u1)) * cos(6.283185307179586 * u2);
    case PL_DISTRIBUTION_TRIANGULAR: /* inverse CDF of the symmetric triangle */
        return u1 < 0.5 ? spread * (sqrt(2.0 * u1) - 1.0)
                        : spread * (1.0 - sqrt(2.0 * (1.0 - u1)));
    default: /* uniform on [-spread, spread) */
        return spread * (2.0 * u1 - 1.0);
    }
}

static double clamp(double x, double low, double high)
{
    return x < low ? low : x > high ? high : x;
}

/* ---- the list of drawn inputs ---- */

static int push(mc_plan *plan, size_t *capacity, size_t group, const pl_draw *d, size_t issue,
                size_t red_line)
{
    if (pli_grow((void **)&plan->inputs, capacity, plan->n_inputs + 1, sizeof *plan->inputs))
        return PL_ERR_NOMEM;
    plan->inputs[plan->n_inputs++] = (mc_input){group, d->actor, issue, red_line, d->quantity,
                                                d->distribution, d->spread};
    return PL_OK;
}

/* One input per issue for "every issue" draws; one per red line for red-line draws. */
static int expand(mc_plan *plan, size_t *capacity, const pl_scenario *s, size_t g,
                  const pl_draw *d)
{
    int rc = PL_OK;
    if (d->quantity == PL_QUANTITY_RED_LINE) {
        for (size_t r = 0; rc == PL_OK && r < s->n_red_lines; r++)
            if (s->red_lines[r].actor == d->actor &&
                (d->issue == PL_ALL_ISSUES || d->issue == s->red_lines[r].issue) &&
                s->issues[s->red_lines[r].issue].kind == PL_ISSUE_CONTINUOUS)
                rc = push(plan, capacity, g, d, s->red_lines[r].issue, r);
        return rc;
    }
    int per_issue = d->quantity == PL_QUANTITY_POSITION || d->quantity == PL_QUANTITY_SALIENCE;
    if (!per_issue)
        return push(plan, capacity, g, d, PL_ALL_ISSUES, 0);
    for (size_t i = 0; rc == PL_OK && i < s->n_issues; i++) {
        if (d->issue != PL_ALL_ISSUES && d->issue != i)
            continue;
        const pl_stance *st = &s->stances[d->actor * s->n_issues + i];
        int drawable = st->present && (d->quantity == PL_QUANTITY_SALIENCE ||
                                       s->issues[i].kind == PL_ISSUE_CONTINUOUS);
        if (drawable)
            rc = push(plan, capacity, g, d, i, 0);
    }
    return rc;
}

int mc_plan_init(mc_plan *plan, const pl_scenario *s, const unsigned char *use_uncertainty)
{
    memset(plan, 0, sizeof *plan);
    size_t capacity = 0;
    for (size_t g = 0; g < s->n_uncertainties; g++) {
        if (use_uncertainty != NULL && !use_uncertainty[g])
            continue;
        for (size_t k = 0; k < s->uncertainties[g].n_draws; k++) {
            int rc = expand(plan, &capacity, s, g, &s->uncertainties[g].draws[k]);
            if (rc != PL_OK) {
                mc_plan_free(plan);
                return rc;
            }
        }
    }
    return PL_OK;
}

void mc_plan_free(mc_plan *plan)
{
    pli_free(plan->inputs);
    memset(plan, 0, sizeof *plan);
}

/* Add `delta` to one quantity, clamped (file comment). */
static void change(sao_inputs *in, const pl_scenario *s, size_t actor, size_t issue,
                   size_t red_line, pl_quantity q, pli_change_operation op, double value)
{
    double *x;
    double low = 0, high = 1;
    size_t cell = actor * s->n_issues + (issue == PL_ALL_ISSUES ? 0 : issue);
    switch (q) {
    case PL_QUANTITY_CAPABILITY: x = &in->capability[actor]; low = 1e-9; high = INFINITY; break;
    case PL_QUANTITY_RESERVATION: x = &in->reservation[actor]; break;
    case PL_QUANTITY_SALIENCE: x = &in->salience[cell]; break;
    case PL_QUANTITY_POSITION:
        x = &in->position[cell];
        low = s->issues[issue].low;
        high = s->issues[issue].high;
        break;
    default: { /* a red line: both bounds move together */
        const pl_issue *is = &s->issues[s->red_lines[red_line].issue];
        double *b[2] = {&in->red_low[red_line], &in->red_high[red_line]};
        for (int k = 0; k < 2; k++) {
            double y = op == PL_CHANGE_ADD ? *b[k] + value
                       : op == PL_CHANGE_MULTIPLY ? *b[k] * value : value;
            *b[k] = clamp(y, is->low, is->high);
        }
        return;
    }
    }
    double y = op == PL_CHANGE_ADD ? *x + value : op == PL_CHANGE_MULTIPLY ? *x * value : value;
    *x = clamp(y, low, high);
}

void mc_apply_draws(const mc_plan *plan, sao_inputs *in, const pl_scenario *s, uint64_t seed,
                    uint64_t run, double *deviations)
{
    for (size_t j = 0; j < plan->n_inputs; j++) {
        const mc_input *x = &plan->inputs[j];
        double e = pl_montecarlo_deviation(seed, run, j, x->distribution, x->spread);
        if (deviations != NULL)
            deviations[j] = e;
        change(in, s, x->actor, x->issue, x->red_line, x->quantity, PL_CHANGE_ADD, e);
    }
}

/* ---- shocks ---- */

/* The scenario round (1-based) that step k lies in (docs/simulation.md). */
static int round_of(const sao_session *ss, int k)
{
    return (int)((long long)k * ss->options.talk_rounds / ss->options.steps) + 1;
}

static int due(const pl_shock *shock, int round)
{
    if (round < shock->start_round)
        return 0;
    return shock->every == 0 ? round == shock->start_round
                             : (round - shock->start_round) % shock->every == 0;
}

static void apply_change(sao_session *ss, const pl_change *c)
{
    const pl_scenario *s = ss->scenario;
    if (c->quantity == PL_QUANTITY_RED_LINE) {
        for (size_t r = 0; r < s->n_red_lines; r++)
            if (s->red_lines[r].actor == c->actor &&
                (c->issue == PL_ALL_ISSUES || c->issue == s->red_lines[r].issue) &&
                s->issues[s->red_lines[r].issue].kind == PL_ISSUE_CONTINUOUS)
                change(&ss->inputs, s, c->actor, 0, r, c->quantity, c->operation, c->value);
        return;
    }
    int per_issue = c->quantity == PL_QUANTITY_POSITION || c->quantity == PL_QUANTITY_SALIENCE;
    for (size_t i = 0; per_issue && i < s->n_issues; i++)
        if ((c->issue == PL_ALL_ISSUES || c->issue == i) &&
            (c->quantity == PL_QUANTITY_SALIENCE || s->issues[i].kind == PL_ISSUE_CONTINUOUS))
            change(&ss->inputs, s, c->actor, i, 0, c->quantity, c->operation, c->value);
    if (!per_issue)
        change(&ss->inputs, s, c->actor, PL_ALL_ISSUES, 0, c->quantity, c->operation, c->value);
}

int sao_apply_shocks(sao_session *ss, int k, int *changed)
{
    *changed = 0;
    int round = round_of(ss, k);
    if (k > 0 && round_of(ss, k - 1) == round)
        return PL_OK; /* shocks act at the first step of their round */
    const pl_scenario *s = ss->scenario;
    for (size_t h = 0; h < s->n_shocks; h++) {
        if (!ss->use_shock[h] || !due(&s->shocks[h], round))
            continue;
        for (size_t c = 0; c < s->shocks[h].n_changes; c++)
            apply_change(ss, &s->shocks[h].changes[c]);
        *changed = 1;
    }
    return PL_OK;
}
