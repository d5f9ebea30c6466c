/*
 * reader.c - the start and the end every scenario reader shares: the
 * diagnostic cleared and named after the source, the arguments checked, an
 * empty scenario to fill; then the scenario validated and handed over, or
 * freed, so that `*out` is either a valid scenario or NULL (parley/io.h).
 * The GENIUS and GeniusWeb readers, which read several files, share the end
 * (gx_build).
 */
#include "core/internal.h"

int pli_reader_begin(const char *source, const char *data, size_t size, pl_scenario **out,
                     pl_scenario **scenario, pl_diag *diag)
{
    pl_diag_clear(diag);
    pl_diag_set_source(diag, source);
    *scenario = NULL;
    if (out == NULL || (data == NULL && size > 0))
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no input");
    *out = NULL;
    if (pl_scenario_new(scenario) != PL_OK)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    return PL_OK;
}

int pli_reader_finish(int status, pl_scenario *scenario, pl_scenario **out, pl_diag *diag)
{
    if (status == PL_OK)
        status = pl_scenario_validate(scenario, diag);
    if (status != PL_OK) {
        pl_scenario_free(scenario);
        return status;
    }
    *out = scenario;
    return PL_OK;
}
