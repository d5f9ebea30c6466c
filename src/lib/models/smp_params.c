/*
 * smp_params.c - KTAB model parameters and ideal adjustments that a KTAB XML
 * scenario may carry (scenario->ktab), checked before an smp run.
 *
 * parley implements KTAB's default model only (docs/specs/ktab-smp.md
 * §1, the table of default settings): a parameter that is absent or names
 * the default is accepted; any other value is refused by name, never
 * ignored. Ideal-adjustment pairs are implemented (§8).
 */
#include <math.h>
#include <string.h>

#include "models/smp_internal.h"

/* KTAB's defaults, in pl_ktab_parameter_name() order (§1). */
static const char *const default_values[PL_KTAB_PARAMETER_COUNT] = {
    "Linear",       /* VictoryProbModel */
    "Conditional",  /* PCEModel */
    "Deterministic", /* StateTransitions */
    "Proportional", /* VotingRule */
    "OneThird",     /* BigRAdjust */
    "Mid",          /* BigRRange */
    "SemiCommit",   /* ThirdPartyCommit */
    "S2P2",         /* InterVecBrgn */
    "InitOnlyInterp", /* BargnModel */
};

static int check_parameters(const pl_ktab_settings *k, pl_diag *diag)
{
    for (size_t p = 0; p < PL_KTAB_PARAMETER_COUNT; p++) {
        const char *value = k->parameters[p];
        if (value != NULL && strcmp(value, default_values[p]) != 0)
            return pl_diag_set(diag, PL_ERR_UNSUPPORTED, 0, 0,
                               "KTAB parameter %s=%.64s is not supported (parley's smp "
                               "implements KTAB's default %s=%s)",
                               pl_ktab_parameter_name(p), value, pl_ktab_parameter_name(p),
                               default_values[p]);
    }
    return PL_OK;
}

static int check_adjustments(const pl_scenario *s, pl_diag *diag)
{
    const pl_ktab_settings *k = &s->ktab;
    for (size_t a = 0; a < k->n_adjustments; a++) {
        const pl_ktab_adjustment *pair = &k->adjustments[a];
        if (pair->adjusting_actor >= s->n_actors || pair->reference_actor >= s->n_actors)
            return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                               "ktab.adjustments[%zu]: actor index out of range", a);
        if (!pli_is_finite(pair->adjust))
            return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                               "ktab.adjustments[%zu]: adjust must be a finite number", a);
    }
    return PL_OK;
}

int smp_check_ktab(const pl_scenario *s, pl_diag *diag)
{
    int rc = check_parameters(&s->ktab, diag);
    if (rc == PL_OK)
        rc = check_adjustments(s, diag);
    return rc;
}
