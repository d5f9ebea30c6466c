/*
 * predict.c - the models by name, and every model's final forecast with its
 * default options (for comparing models, as backtesting does).
 */
#include <string.h>

#include "core/internal.h"
#include "parley/eu.h"
#include "parley/exchange.h"
#include "parley/smp.h"

static const char *const model_names[PL_MODEL_COUNT] = {"compromise", "median", "eu", "exchange",
                                                        "smp"};

const char *pl_model_name(pl_model model)
{
    return (unsigned)model < PL_MODEL_COUNT ? model_names[model] : "unknown";
}

int pl_model_from_name(const char *name, pl_model *out)
{
    for (unsigned k = 0; name && k < PL_MODEL_COUNT; k++)
        if (strcmp(name, model_names[k]) == 0) {
            *out = (pl_model)k;
            return PL_OK;
        }
    return PL_ERR_NOT_FOUND;
}

int pl_model_is_dynamic(pl_model model)
{
    return model == PL_MODEL_EU || model == PL_MODEL_EXCHANGE || model == PL_MODEL_SMP;
}

static void copy_forecast(double *to, const double *from, size_t n)
{
    memcpy(to, from, n * sizeof *to);
}

/* `model` on `s` as it stands: every issue is one the model handles. */
static int predict_all(const pl_scenario *s, pl_model model, double *forecast, pl_diag *diag)
{
    int rc;
    switch (model) {
    case PL_MODEL_COMPROMISE: return pl_predict_compromise(s, forecast, diag);
    case PL_MODEL_MEDIAN: return pl_predict_median(s, forecast, diag);
    case PL_MODEL_EU: {
        pl_eu_result *result = NULL;
        if ((rc = pl_eu_run(s, NULL, &result, diag)) == PL_OK)
            copy_forecast(forecast, result->forecast, s->n_issues);
        pl_eu_result_free(result);
        return rc;
    }
    case PL_MODEL_EXCHANGE: {
        pl_exchange_result *result = NULL;
        if ((rc = pl_exchange_run(s, NULL, &result, diag)) == PL_OK)
            copy_forecast(forecast, result->forecast, s->n_issues);
        pl_exchange_result_free(result);
        return rc;
    }
    case PL_MODEL_SMP: {
        pl_smp_result *result = NULL;
        if ((rc = pl_smp_run(s, NULL, &result, diag)) == PL_OK)
            copy_forecast(forecast, result->forecast, s->n_issues);
        pl_smp_result_free(result);
        return rc;
    }
    default: return PL_ERR_ARGUMENT;
    }
}

int pl_predict(const pl_scenario *s, pl_model model, double *forecast, pl_diag *diag)
{
    if (s == NULL || forecast == NULL || (unsigned)model >= PL_MODEL_COUNT)
        return PL_ERR_ARGUMENT;
    pl_scenario *part = NULL;
    int rc = pl_model_scenario(s, model, 0, &part, diag);
    if (rc != PL_OK || part == NULL)
        return rc == PL_OK ? predict_all(s, model, forecast, diag) : rc;
    double *values = pli_malloc((part->n_issues + 1) * sizeof *values);
    rc = values ? predict_all(part, model, values, diag) : PL_ERR_NOMEM;
    if (rc == PL_OK)
        pl_model_spread(s, model, 0, values, forecast);
    pli_free(values);
    pl_scenario_free(part);
    return rc;
}
