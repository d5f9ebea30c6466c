/*
 * montecarlo_stats.c - what the runs add up to (docs/simulation.md):
 * settlement probability with a Wilson 95% interval, mean agreement step,
 * mean utilities, the distribution of agreed outcomes per issue, and the
 * sensitivity of settlement to each drawn input. Every sum runs in run order.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "simulate/montecarlo_internal.h"

#define WILSON_Z 1.959963984540054 /* the 97.5% normal quantile */

/* Wilson score interval for k successes out of n (Wilson 1927). */
static void wilson(size_t k, size_t n, double *low, double *high)
{
    double p = (double)k / (double)n, z2 = WILSON_Z * WILSON_Z, nn = (double)n;
    double denominator = 1.0 + z2 / nn;
    double centre = (p + z2 / (2.0 * nn)) / denominator;
    double half = WILSON_Z * sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn)) / denominator;
    *low = k == 0 || centre - half < 0 ? 0 : centre - half; /* exact ends at k = 0 and n */
    *high = k == n || centre + half > 1 ? 1 : centre + half;
}

static int distribution(const mc_runs *r, const pl_scenario *s, size_t i, double *scratch,
                        pl_outcome_distribution *d)
{
    static const double q[5] = {0.05, 0.25, 0.5, 0.75, 0.95};
    size_t n = 0;
    double sum = 0;
    for (size_t run = 0; run < r->runs; run++)
        if (r->agreed[run]) {
            scratch[n] = r->package[run * r->n_issues + i];
            sum += scratch[n++];
        }
    d->mean = n ? sum / (double)n : NAN;
    qsort(scratch, n, sizeof *scratch, pli_compare_doubles);
    for (int k = 0; k < 5; k++)
        d->quantiles[k] = n ? pli_quantile_sorted(scratch, n, q[k]) : NAN;
    if (s->issues[i].kind != PL_ISSUE_OPTIONS)
        return PL_OK;
    size_t n_options = s->issues[i].n_options;
    d->option_share = pli_calloc(n_options + 1, sizeof(double));
    d->option_count = pli_calloc(n_options + 1, sizeof(size_t));
    if (d->option_share == NULL || d->option_count == NULL)
        return PL_ERR_NOMEM;
    for (size_t k = 0; k < n; k++)
        d->option_count[(size_t)scratch[k]]++;
    /* count / agreements in one division: exact for shares such as 1/4 */
    for (size_t k = 0; k < n_options; k++)
        d->option_share[k] = (double)d->option_count[k] / (double)n;
    return PL_OK;
}

/* Point-biserial correlation of input j's deviation with settlement, and
 * the settlement rates below and above the stated value. */
static void sensitivity(const mc_runs *r, size_t j, pl_input_sensitivity *out)
{
    double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0, n = (double)r->runs;
    size_t below = 0, below_ok = 0, above_ok = 0;
    for (size_t run = 0; run < r->runs; run++) {
        mx += r->deviations[run * r->n_inputs + j];
        my += r->agreed[run];
    }
    mx /= n;
    my /= n;
    for (size_t run = 0; run < r->runs; run++) {
        double x = r->deviations[run * r->n_inputs + j] - mx, y = r->agreed[run] - my;
        sxx += x * x;
        syy += y * y;
        sxy += x * y;
        int low = r->deviations[run * r->n_inputs + j] < 0;
        below += (size_t)low;
        below_ok += (size_t)(low && r->agreed[run]);
        above_ok += (size_t)(!low && r->agreed[run]);
    }
    out->correlation = sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : 0.0;
    out->rate_below = below ? (double)below_ok / (double)below : NAN;
    out->rate_above = r->runs > below ? (double)above_ok / (double)(r->runs - below) : NAN;
}

static int inputs(const mc_runs *r, const mc_plan *plan, pl_montecarlo *m)
{
    m->n_inputs = plan->n_inputs;
    m->inputs = pli_calloc(plan->n_inputs + 1, sizeof *m->inputs);
    if (m->inputs == NULL)
        return PL_ERR_NOMEM;
    for (size_t j = 0; j < plan->n_inputs; j++) {
        const mc_input *x = &plan->inputs[j];
        pl_input_sensitivity *e = &m->inputs[j];
        e->uncertainty = x->group;
        e->actor = x->actor;
        e->issue = x->issue;
        e->quantity = x->quantity;
        e->draw = j;
        sensitivity(r, j, e);
    }
    /* most influential first; stable, so equal ones keep plan order */
    for (size_t a = 1; a < m->n_inputs; a++) {
        pl_input_sensitivity key = m->inputs[a];
        size_t b = a;
        while (b > 0 && fabs(m->inputs[b - 1].correlation) < fabs(key.correlation)) {
            m->inputs[b] = m->inputs[b - 1];
            b--;
        }
        m->inputs[b] = key;
    }
    return PL_OK;
}

static void means(const mc_runs *r, pl_montecarlo *m)
{
    double steps = 0;
    for (size_t run = 0; run < r->runs; run++) {
        if (r->agreed[run] && r->step[run] >= 0 && (size_t)r->step[run] <= m->n_steps)
            m->agreed_at[r->step[run]]++;
        m->agreements += r->agreed[run];
        steps += r->agreed[run] ? r->step[run] : 0;
        for (size_t a = 0; a < r->n_parties; a++) {
            double u = r->utilities[run * r->n_parties + a];
            m->mean_utilities[a] += u;
            m->mean_agreement_utilities[a] += r->agreed[run] ? u : 0;
        }
    }
    for (size_t a = 0; a < r->n_parties; a++) {
        m->mean_utilities[a] /= (double)r->runs;
        m->mean_agreement_utilities[a] = m->agreements
            ? m->mean_agreement_utilities[a] / (double)m->agreements : NAN;
    }
    m->agreement_rate = (double)m->agreements / (double)r->runs;
    m->mean_agreement_step = m->agreements ? steps / (double)m->agreements : NAN;
    wilson(m->agreements, r->runs, &m->interval_low, &m->interval_high);
}

int mc_reduce(const mc_runs *r, const mc_plan *plan, const pl_scenario *s, pl_montecarlo *m)
{
    m->runs = r->runs;
    m->n_parties = r->n_parties;
    m->n_issues = r->n_issues;
    m->mean_utilities = pli_calloc(r->n_parties + 1, sizeof(double));
    m->mean_agreement_utilities = pli_calloc(r->n_parties + 1, sizeof(double));
    m->issues = pli_calloc(r->n_issues + 1, sizeof *m->issues);
    m->agreed_at = pli_calloc(m->n_steps + 1, sizeof *m->agreed_at);
    double *scratch = pli_malloc((r->runs + 1) * sizeof *scratch);
    int rc = m->mean_utilities && m->mean_agreement_utilities && m->issues && m->agreed_at && scratch
                 ? PL_OK : PL_ERR_NOMEM;
    if (rc == PL_OK)
        means(r, m);
    for (size_t i = 0; rc == PL_OK && i < r->n_issues; i++)
        rc = distribution(r, s, i, scratch, &m->issues[i]);
    if (rc == PL_OK)
        rc = inputs(r, plan, m);
    pli_free(scratch);
    return rc;
}
