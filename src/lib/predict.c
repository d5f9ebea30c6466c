/* predict.c - choosing a forecasting model by name. */
#include <string.h>

#include "internal.h"

static const char *const model_names[PL_MODEL_COUNT] = {"compromise", "median"};

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

int pl_predict(const pl_scenario *s, pl_model model, double *forecast, pl_diag *diag)
{
    switch (model) {
    case PL_MODEL_COMPROMISE: return pl_predict_compromise(s, forecast, diag);
    case PL_MODEL_MEDIAN: return pl_predict_median(s, forecast, diag);
    default: return PL_ERR_ARGUMENT;
    }
}
