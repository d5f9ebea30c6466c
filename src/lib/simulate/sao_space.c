/*
 * sao_space.c - the outcome space of a simulation and the inputs a run may
 * change (docs/simulation.md, "Outcomes" and "Monte Carlo").
 *
 * An options issue offers its options in list order (spec §2.1: GENIUS value
 * order); a continuous issue offers grid + 1 positions low + k (high - low) /
 * grid, k = 0..grid, with the last one exactly `high`. Outcomes are numbered
 * in row-major order, the first issue varying slowest (spec §2.2).
 */
#include <math.h>
#include <string.h>

#include "simulate/sao_internal.h"

void sao_space_free(sao_space *space)
{
    for (size_t i = 0; space->values != NULL && i < space->n_issues; i++)
        pli_free(space->values[i]);
    pli_free(space->values);
    pli_free(space->n_values);
    pli_free(space->stride);
    memset(space, 0, sizeof *space);
}

static int fill_issue(sao_space *space, const pl_issue *issue, size_t i, size_t grid)
{
    size_t n = issue->kind == PL_ISSUE_OPTIONS ? issue->n_options : grid + 1;
    if (n == 0 || n > UINT32_MAX)
        return PL_ERR_INVALID;
    space->n_values[i] = (uint32_t)n;
    space->values[i] = pli_malloc(n * sizeof(double));
    if (space->values[i] == NULL)
        return PL_ERR_NOMEM;
    for (size_t v = 0; v < n; v++) {
        if (issue->kind == PL_ISSUE_OPTIONS)
            space->values[i][v] = (double)v;
        else
            space->values[i][v] = v == grid ? issue->high
                                  : issue->low + (double)v * (issue->high - issue->low) /
                                                     (double)grid;
    }
    space->n_outcomes *= (double)n;
    return PL_OK;
}

int sao_space_init(sao_space *space, const pl_scenario *s, size_t grid, int never_exact)
{
    memset(space, 0, sizeof *space);
    space->n_issues = s->n_issues;
    space->n_outcomes = 1;
    space->n_values = pli_calloc(s->n_issues + 1, sizeof *space->n_values);
    space->values = pli_calloc(s->n_issues + 1, sizeof *space->values);
    space->stride = pli_calloc(s->n_issues + 1, sizeof *space->stride);
    int rc = space->n_values && space->values && space->stride ? PL_OK : PL_ERR_NOMEM;
    for (size_t i = 0; rc == PL_OK && i < s->n_issues; i++)
        rc = fill_issue(space, &s->issues[i], i, grid);
    if (rc != PL_OK) {
        sao_space_free(space);
        return rc;
    }
    /* spec §1: NegMAS ranks the whole space up to 1 000 000 outcomes */
    space->exact = !never_exact && space->n_outcomes <= PL_SAO_EXACT_LIMIT;
    uint32_t stride = 1;
    for (size_t i = s->n_issues; space->exact && i-- > 0;) {
        space->stride[i] = stride;
        stride *= space->n_values[i];
    }
    return PL_OK;
}

void sao_space_decode(const sao_space *space, uint32_t r, uint32_t *values)
{
    for (size_t i = 0; i < space->n_issues; i++) {
        values[i] = r / space->stride[i];
        r -= values[i] * space->stride[i];
    }
}

/* ---- inputs ---- */

void sao_inputs_free(sao_inputs *in)
{
    pli_free(in->reservation);
    pli_free(in->capability);
    pli_free(in->position);
    pli_free(in->salience);
    pli_free(in->red_low);
    pli_free(in->red_high);
    memset(in, 0, sizeof *in);
}

void sao_inputs_reset(sao_inputs *in, const pl_scenario *s)
{
    for (size_t a = 0; a < s->n_actors; a++) {
        in->reservation[a] = s->actors[a].reservation;
        in->capability[a] = s->actors[a].capability;
        for (size_t i = 0; i < s->n_issues; i++) {
            const pl_stance *st = &s->stances[a * s->n_issues + i];
            in->position[a * s->n_issues + i] = st->present ? st->position : 0;
            in->salience[a * s->n_issues + i] = st->present ? st->salience : 0;
        }
    }
    for (size_t r = 0; r < s->n_red_lines; r++) {
        in->red_low[r] = s->red_lines[r].low;
        in->red_high[r] = s->red_lines[r].high;
    }
}

int sao_inputs_init(sao_inputs *in, const pl_scenario *s)
{
    memset(in, 0, sizeof *in);
    size_t cells = s->n_actors * s->n_issues + 1;
    in->n_actors = s->n_actors;
    in->n_issues = s->n_issues;
    in->reservation = pli_calloc(s->n_actors + 1, sizeof(double));
    in->capability = pli_calloc(s->n_actors + 1, sizeof(double));
    in->position = pli_calloc(cells, sizeof(double));
    in->salience = pli_calloc(cells, sizeof(double));
    in->red_low = pli_calloc(s->n_red_lines + 1, sizeof(double));
    in->red_high = pli_calloc(s->n_red_lines + 1, sizeof(double));
    if (!in->reservation || !in->capability || !in->position || !in->salience ||
        !in->red_low || !in->red_high) {
        sao_inputs_free(in);
        return PL_ERR_NOMEM;
    }
    sao_inputs_reset(in, s);
    return PL_OK;
}
