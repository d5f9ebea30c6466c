/*
 * model_issues.c - which issues each model can handle, and the scenario cut
 * down to them, so that one issue a model cannot handle leaves out that issue
 * and not the whole scenario (issue #15). The reasons are stable strings that
 * scripts may test; docs/models.md lists them.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/internal.h"
#include "models/model_support.h"
#include "parley/exchange.h"

/* An issue on which no actor has both capability and salience (every model). */
static int weightless(const pl_scenario *s, size_t issue)
{
    double total;
    return pli_issue_weight(s, issue, &total, NULL) != PL_OK;
}

/* eu: continuous issues, or ordered options all placed on the scale (docs/model-eu.md). */
static const char *eu_reason(const pl_issue *is)
{
    if (is->kind != PL_ISSUE_OPTIONS || pli_options_on_scale(is))
        return NULL;
    return is->ordered ? PL_SKIP_UNPLACED_OPTIONS : PL_SKIP_UNORDERED_OPTIONS;
}

/* exchange: continuous issues; zero salience or capability only with zero=exclude (X6). */
static const char *exchange_reason(const pl_scenario *s, size_t issue, unsigned flags)
{
    if (s->issues[issue].kind == PL_ISSUE_OPTIONS)
        return PL_SKIP_OPTIONS;
    if (flags & PL_SKIP_FLAG_ZERO_EXCLUDE)
        return NULL;
    for (size_t a = 0; a < s->n_actors; a++) {
        const pl_stance *st = pl_scenario_stance_const(s, a, issue);
        if (st->present && !(st->salience > 0 && pl_scenario_capability_on(s, a, issue) > 0))
            return PL_SKIP_ZERO_WEIGHT;
    }
    return NULL;
}

/*
 * smp: KTAB places every actor on every dimension with one capability (spec
 * §1), so an issue where some actor has no stance, or a capability of its
 * own, is left out rather than given a stance KTAB would not have had.
 */
static const char *smp_reason(const pl_scenario *s, size_t issue)
{
    if (s->issues[issue].kind == PL_ISSUE_OPTIONS)
        return PL_SKIP_OPTIONS;
    for (size_t a = 0; a < s->n_actors; a++) {
        const pl_stance *st = pl_scenario_stance_const(s, a, issue);
        if (!st->present)
            return PL_SKIP_MISSING_STANCE;
        if (st->has_capability)
            return PL_SKIP_ISSUE_CAPABILITY;
    }
    return NULL;
}

const char *pl_model_skip_reason(const pl_scenario *s, pl_model model, unsigned flags,
                                 size_t issue)
{
    if (s == NULL || issue >= s->n_issues)
        return NULL;
    const pl_issue *is = &s->issues[issue];
    if (is->kind == PL_ISSUE_CONTINUOUS && !(is->high > is->low) && pl_model_is_dynamic(model))
        return PL_SKIP_NO_RANGE;
    if (weightless(s, issue))
        return PL_SKIP_NO_WEIGHT;
    switch (model) {
    case PL_MODEL_EU: return eu_reason(is);
    case PL_MODEL_EXCHANGE: return exchange_reason(s, issue, flags);
    case PL_MODEL_SMP: return smp_reason(s, issue);
    default: return NULL; /* compromise and median handle every issue with weight */
    }
}

/* KTAB's parameters and ideal adjustments, which pl_scenario_restrict leaves out. */
static int copy_ktab(pl_scenario *to, const pl_scenario *from)
{
    int rc = pl_scenario_set_string(&to->ktab.seed, from->ktab.seed);
    for (size_t k = 0; rc == PL_OK && k < PL_KTAB_PARAMETER_COUNT; k++)
        rc = pl_scenario_set_string(&to->ktab.parameters[k], from->ktab.parameters[k]);
    for (size_t k = 0; rc == PL_OK && k < from->ktab.n_adjustments; k++)
        rc = pl_scenario_add_ktab_adjustment(to, &from->ktab.adjustments[k]);
    if (rc == PL_OK)
        rc = pl_scenario_set_string(&to->id, from->id);
    if (rc == PL_OK)
        rc = pl_scenario_set_string(&to->format, from->format);
    return rc;
}

/* PL_ERR_UNSUPPORTED: "the M model can handle none of the issues: "x" (why), ..." */
static int none_handled(const pl_scenario *s, pl_model model, unsigned flags, pl_diag *diag)
{
    char list[PL_DIAG_MESSAGE_MAX / 2];
    size_t n = 0;
    for (size_t i = 0; i < s->n_issues && n < sizeof list; i++)
        n += (size_t)snprintf(list + n, sizeof list - n, "%s\"%s\" (%s)", i ? ", " : "",
                              s->issues[i].id, pl_model_skip_reason(s, model, flags, i));
    if (n >= sizeof list) /* too long: end on an ellipsis */
        memcpy(list + sizeof list - 5, ", ...", 5);
    return pl_diag_set(diag, PL_ERR_UNSUPPORTED, 0, 0,
                       "the %s model can handle none of the issues: %.*s",
                       pl_model_name(model), (int)sizeof list, list);
}

int pl_model_scenario(const pl_scenario *s, pl_model model, unsigned flags, pl_scenario **out,
                      pl_diag *diag)
{
    if (out != NULL)
        *out = NULL;
    if (s == NULL || out == NULL)
        return PL_ERR_ARGUMENT;
    size_t *kept = pli_malloc((s->n_issues + 1) * sizeof *kept), n = 0;
    if (kept == NULL)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    for (size_t i = 0; i < s->n_issues; i++)
        if (pl_model_skip_reason(s, model, flags, i) == NULL)
            kept[n++] = i;
    int rc = PL_OK;
    if (n == 0 && s->n_issues > 0)
        rc = none_handled(s, model, flags, diag);
    else if (n < s->n_issues) {
        rc = pl_scenario_restrict(s, NULL, 0, kept, n, out);
        if (rc == PL_OK)
            rc = copy_ktab(*out, s);
        if (rc != PL_OK) {
            pl_scenario_free(*out);
            *out = NULL;
            rc = pl_diag_set(diag, rc, 0, 0, "out of memory");
        }
    }
    pli_free(kept);
    return rc;
}

void pl_model_spread(const pl_scenario *s, pl_model model, unsigned flags, const double *part,
                     double *full)
{
    size_t k = 0;
    for (size_t i = 0; i < s->n_issues; i++)
        full[i] = pl_model_skip_reason(s, model, flags, i) ? NAN : part[k++];
}
