/*
 * meter.c - progress of a computation whose total work is only estimated
 * (core/internal.h, pli_meter): the zone of agreement's linear programmes
 * count their pivots here, and the caller's pl_progress sees a fraction that
 * grows with the work and never decreases.
 *
 * With W units done and E expected, the fraction is W / (W + E): a half at
 * the estimate, still moving (ever more slowly) when the estimate was short,
 * and 1 only from pli_meter_finish(). pli_meter_expect() starts a new estimate
 * from where the bar is: with f0 reported at W0, f0 + (1 - f0) (W - W0) /
 * (W - W0 + E). Reports come every E / 256 units, or
 * every W / 256 once W is larger (a report per 0.4 % of the work), and never
 * more often than every 2^20 units (about a millisecond of pivots), so that a
 * bar moves smoothly and the calls cost nothing.
 *
 * pli_span maps a sub-computation's own 0..1 onto a part of a caller's bar
 * (what it would take: each zone analysis and each Monte Carlo one part).
 */
#include <math.h>

#include "core/internal.h"

#define MIN_STEP 1048576.0

void pli_meter_init(pli_meter *m, pl_progress progress, double expected)
{
    m->progress = progress;
    m->expected = expected > 1 ? expected : 1;
    m->work = 0;
    m->base_work = 0;
    m->base_fraction = 0;
    m->step = fmax(m->expected / 256, MIN_STEP);
    m->next = m->step;
    m->reported = 0;
    m->cancelled = 0;
}

static int report(pli_meter *m, double fraction)
{
    if (m->cancelled)
        return PL_ERR_CANCELLED;
    fraction = fmax(fraction, m->reported); /* never decreasing */
    m->reported = fraction;
    if (m->progress.function(fraction, m->progress.payload) != 0)
        m->cancelled = 1;
    return m->cancelled ? PL_ERR_CANCELLED : PL_OK;
}

int pli_meter_add(pli_meter *m, double units)
{
    if (m == NULL)
        return PL_OK;
    m->work += units; /* counted also without a callback: the searches' budgets read it */
    if (m->progress.function == NULL || m->work < m->next)
        return m->cancelled ? PL_ERR_CANCELLED : PL_OK;
    m->next = m->work + fmax(m->step, m->work / 256);
    double w = m->work - m->base_work;
    return report(m, m->base_fraction + (1 - m->base_fraction) * w / (w + m->expected));
}

void pli_meter_expect(pli_meter *m, double expected)
{
    if (m == NULL)
        return;
    m->base_work = m->work;
    m->base_fraction = m->reported;
    m->expected = expected > 1 ? expected : 1;
    m->step = fmax(m->expected / 256, MIN_STEP);
    m->next = m->work + m->step;
}

int pli_meter_finish(pli_meter *m)
{
    if (m == NULL || m->progress.function == NULL)
        return PL_OK;
    return report(m, 1.0);
}

static int span_report(double fraction, void *payload)
{
    const pli_span *span = payload;
    fraction = fmin(fmax(fraction, 0), 1);
    return span->outer.function(span->from + (span->to - span->from) * fraction,
                                span->outer.payload);
}

pl_progress pli_span_progress(pli_span *span, pl_progress outer, double from, double to)
{
    span->outer = outer;
    span->from = from;
    span->to = to;
    return outer.function ? (pl_progress){span_report, span} : (pl_progress){NULL, NULL};
}
