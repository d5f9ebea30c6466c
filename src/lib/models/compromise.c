/*
 * compromise.c - the compromise model (Achen 2006; van den Bos 1991).
 *
 * The forecast on an issue is the mean of the actors' positions weighted by
 * capability times salience: sum(c s x) / sum(c s). On EU legislative data it
 * is the field's strongest simple baseline (Thomson et al. 2006).
 */
#include "core/internal.h"
#include "models/model_support.h"

/* On an options issue: the option with the highest c*s-weighted total value. */
size_t pli_weighted_best_option(const pl_scenario *s, size_t issue)
{
    const pl_issue *is = &s->issues[issue];
    size_t best = 0;
    double best_value = -1.0;
    for (size_t k = 0; k < is->n_options; k++) {
        double value = 0.0;
        for (size_t a = 0; a < s->n_actors; a++) {
            const pl_stance *stance = pl_scenario_stance_const(s, a, issue);
            if (stance->present)
                value += pl_scenario_capability_on(s, a, issue) * stance->salience *
                         stance->option_values[k];
        }
        if (value > best_value) {
            best_value = value;
            best = k;
        }
    }
    return best;
}

int pli_options_on_scale(const pl_issue *issue)
{
    if (!issue->ordered)
        return 0;
    for (size_t k = 0; k < issue->n_options; k++)
        if (!issue->options[k].has_position)
            return 0;
    return 1;
}

int pli_issue_weight(const pl_scenario *s, size_t issue, double *total, pl_diag *diag)
{
    *total = 0.0;
    for (size_t a = 0; a < s->n_actors; a++) {
        const pl_stance *stance = pl_scenario_stance_const(s, a, issue);
        if (stance->present)
            *total += pl_scenario_capability_on(s, a, issue) * stance->salience;
    }
    if (!(*total > 0))
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                           "issues[%zu]: no actor has both capability and salience on issue "
                           "\"%s\", so no model can forecast it",
                           issue, s->issues[issue].id);
    return PL_OK;
}

int pl_predict_compromise(const pl_scenario *s, double *forecast, pl_diag *diag)
{
    if (s == NULL || forecast == NULL)
        return PL_ERR_ARGUMENT;
    for (size_t i = 0; i < s->n_issues; i++) {
        double total;
        int rc = pli_issue_weight(s, i, &total, diag);
        if (rc != PL_OK)
            return rc;
        if (s->issues[i].kind == PL_ISSUE_OPTIONS) {
            forecast[i] = (double)pli_weighted_best_option(s, i);
            continue;
        }
        double sum = 0.0;
        for (size_t a = 0; a < s->n_actors; a++) {
            const pl_stance *stance = pl_scenario_stance_const(s, a, i);
            if (stance->present)
                sum += pl_scenario_capability_on(s, a, i) * stance->salience * stance->position;
        }
        forecast[i] = sum / total;
    }
    return PL_OK;
}
