/*
 * trace.c - the round-by-round trace that every dynamic model fills, and the
 * weighted mean the contract reports beside each model's own forecast.
 */
#include <math.h>
#include <string.h>

#include "core/internal.h"

int pl_trace_init(pl_trace *trace, size_t n_actors, size_t n_issues)
{
    if (trace == NULL)
        return PL_ERR_ARGUMENT;
    memset(trace, 0, sizeof *trace);
    trace->n_actors = n_actors;
    trace->n_issues = n_issues;
    return PL_OK;
}

int pl_trace_append(pl_trace *trace, const double *positions, const double *forecast,
                    const double *mean)
{
    size_t per_round = trace->n_actors * trace->n_issues, n = trace->n_rounds;
    if (n == trace->capacity) {
        size_t capacity = trace->capacity ? trace->capacity * 2 : 16;
        double *p = pli_realloc(trace->positions, capacity * per_round * sizeof *p);
        if (p == NULL)
            return PL_ERR_NOMEM;
        trace->positions = p;
        double *f = pli_realloc(trace->forecast, capacity * trace->n_issues * sizeof *f);
        if (f == NULL)
            return PL_ERR_NOMEM;
        trace->forecast = f;
        double *m = pli_realloc(trace->mean, capacity * trace->n_issues * sizeof *m);
        if (m == NULL)
            return PL_ERR_NOMEM;
        trace->mean = m;
        trace->capacity = capacity;
    }
    memcpy(trace->positions + n * per_round, positions, per_round * sizeof *positions);
    memcpy(trace->forecast + n * trace->n_issues, forecast, trace->n_issues * sizeof *forecast);
    memcpy(trace->mean + n * trace->n_issues, mean, trace->n_issues * sizeof *mean);
    trace->n_rounds++;
    return PL_OK;
}

void pl_trace_clear(pl_trace *trace)
{
    if (trace == NULL)
        return;
    pli_free(trace->positions);
    pli_free(trace->forecast);
    pli_free(trace->mean);
    memset(trace, 0, sizeof *trace);
}

double pl_weighted_mean(const pl_scenario *s, size_t issue, const double *positions)
{
    double sum = 0.0, weight = 0.0;
    for (size_t a = 0; a < s->n_actors; a++) {
        const pl_stance *stance = pl_scenario_stance_const(s, a, issue);
        if (!stance->present)
            continue;
        double w = pl_scenario_capability_on(s, a, issue) * stance->salience;
        sum += w * positions[a * s->n_issues + issue];
        weight += w;
    }
    return weight > 0 ? sum / weight : NAN;
}
