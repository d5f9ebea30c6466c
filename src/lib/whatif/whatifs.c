/*
 * whatifs.c - the simulation what-ifs of a scenario (parley/whatifs.h): the
 * baseline, each shock alone and each uncertainty group alone, each one Monte
 * Carlo with the same settings, so that the cases differ only in what they
 * switch on.
 */
#include <string.h>

#include "core/internal.h"

/* The progress of case k of n, seen by the caller as a fraction of them all. */
typedef struct case_progress {
    pl_progress outer;
    size_t k, n;
} case_progress;

static int case_report(double fraction, void *payload)
{
    const case_progress *p = payload;
    return p->outer.function(((double)p->k + fraction) / (double)p->n, p->outer.payload);
}

/* Case 0 the baseline, then each shock, then each uncertainty group. */
static void name_case(const pl_scenario *s, size_t k, pl_whatif *w, unsigned char *use_shock,
                      unsigned char *use_group)
{
    w->id = "baseline";
    w->name = "Baseline (stated inputs, no shocks)";
    if (k >= 1 && k <= s->n_shocks) {
        use_shock[k - 1] = 1;
        w->id = s->shocks[k - 1].id;
        w->name = s->shocks[k - 1].name ? s->shocks[k - 1].name : w->id;
    } else if (k > s->n_shocks) {
        const pl_uncertainty *g = &s->uncertainties[k - 1 - s->n_shocks];
        use_group[k - 1 - s->n_shocks] = 1;
        w->id = g->id;
        w->name = g->name ? g->name : w->id;
    }
}

/* One case; PL_OK also when its Monte Carlo fails (ok = 0), which the caller keeps. */
static int run_case(const pl_scenario *s, const pl_montecarlo_options *settings, size_t k,
                    size_t n, pl_whatif *w)
{
    unsigned char *use_group = pli_calloc(s->n_uncertainties + 1, 1);
    unsigned char *use_shock = pli_calloc(s->n_shocks + 1, 1);
    int rc = PL_ERR_NOMEM;
    if (use_group != NULL && use_shock != NULL) {
        pl_montecarlo_options o = *settings;
        case_progress progress = {settings->progress, k, n};
        name_case(s, k, w, use_shock, use_group);
        o.use_uncertainty = use_group;
        o.use_shock = use_shock;
        o.keep_runs = 0;
        if (settings->progress.function != NULL)
            o.progress = (pl_progress){case_report, &progress};
        pl_diag diag;
        rc = pl_montecarlo_run(s, &o, NULL, &w->montecarlo, &diag);
        w->ok = rc == PL_OK;
        if (rc != PL_ERR_NOMEM && rc != PL_ERR_CANCELLED)
            rc = PL_OK;
    }
    pli_free(use_group);
    pli_free(use_shock);
    return rc;
}

int pl_whatifs_run(const pl_scenario *scenario, const pl_montecarlo_options *settings,
                   pl_whatifs **out, pl_diag *diag)
{
    pl_diag_clear(diag);
    if (scenario == NULL || out == NULL)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "whatifs: no scenario or no output");
    *out = NULL;
    pl_montecarlo_options defaults;
    pl_montecarlo_options_init(&defaults);
    if (settings == NULL)
        settings = &defaults;
    if (settings->version != PL_MONTECARLO_OPTIONS_VERSION)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "whatifs: unknown options version %u",
                           settings->version);
    pl_whatifs *w = pli_calloc(1, sizeof *w);
    size_t n = 1 + scenario->n_shocks + scenario->n_uncertainties;
    if (w == NULL || (w->cases = pli_calloc(n, sizeof *w->cases)) == NULL) {
        pli_free(w);
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    }
    w->n = n;
    w->settings = *settings;
    for (size_t k = 0; k < n; k++) {
        int rc = run_case(scenario, settings, k, n, &w->cases[k]);
        if (rc != PL_OK) {
            pl_whatifs_free(w);
            return pl_diag_set(diag, rc, 0, 0, "whatifs: %s", pl_strerror(rc));
        }
    }
    *out = w;
    return PL_OK;
}

void pl_whatifs_free(pl_whatifs *w)
{
    if (w == NULL)
        return;
    for (size_t k = 0; w->cases != NULL && k < w->n; k++)
        pl_montecarlo_free(w->cases[k].montecarlo);
    pli_free(w->cases);
    pli_free(w);
}
