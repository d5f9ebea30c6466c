/*
 * run_sensitivity.c - the "sensitivity" member of `parley run --json`
 * (run_sensitivity.h): the estimator is the library's pl_sobol_indices
 * (Saltelli 2010 first order, Jansen 1999 total), the design and the model
 * runs those of `parley sensitivity` (sensitivity_inputs.c), run here in one
 * thread: a few hundred compromise forecasts take milliseconds.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "run_sensitivity.h"

static json_t *real_or_null(double v) { return isnan(v) ? json_null() : json_real(v); }

json_t *cli_sensitivity_document(const char *output, const sens_problem *p,
                                 const pl_sobol_index *x)
{
    json_t *inputs = json_array();
    for (size_t f = 0; inputs && f < p->n_factors; f++) {
        json_t *lo_hi1 = json_pack("[o, o]", real_or_null(x[f].first_order_low),
                                   real_or_null(x[f].first_order_high));
        json_t *lo_hi2 = json_pack("[o, o]", real_or_null(x[f].total_low),
                                   real_or_null(x[f].total_high));
        json_array_append_new(inputs, json_pack("{s:s, s:o, s:o, s:o, s:o}", "group",
                                                p->factor_names[f], "first_order",
                                                real_or_null(x[f].first_order), "total",
                                                real_or_null(x[f].total), "first_order_interval",
                                                lo_hi1, "total_interval", lo_hi2));
    }
    return json_pack("{s:s, s:I, s:o}", "output", output, "samples", (json_int_t)p->n,
                     "inputs", inputs);
}

/*
 * The indices of the compromise forecast of issue `i` into `outputs`; nothing
 * added when the forecast is undefined at some sample. 0, or -1 when out of memory.
 */
static int one_issue(sens_problem *p, size_t i, const pl_sobol_options *so, json_t *outputs)
{
    size_t k = p->n_factors, n = p->n, runs = n * (k + 2);
    double *f = calloc(runs, sizeof *f);
    pl_sobol_index *x = calloc(k, sizeof *x);
    int failed = f == NULL || x == NULL, undefined = 0;
    p->issue = i;
    /* Evaluation id = j (k + 2) + c (sensitivity_inputs.h): A, B, then A with B's column c - 2. */
    for (size_t id = 0; !failed && !undefined && id < runs; id++) {
        size_t j = id / (k + 2), c = id % (k + 2);
        double q = sens_evaluate(p, id, &failed);
        undefined = isnan(q);
        f[c * n + j] = q; /* f_A, f_B, then f_AB of factor c - 2 from 2n on */
    }
    pl_diag diag = {0};
    int rc = failed ? -1 : 0;
    if (!failed && !undefined &&
        pl_sobol_indices(n, k, f, f + n, f + 2 * n, so, x, &diag) == PL_OK) {
        char q[300];
        snprintf(q, sizeof q, "forecast:compromise:%s", p->base->issues[i].id);
        json_t *document = cli_sensitivity_document(q, p, x);
        rc = document != NULL && json_array_append_new(outputs, document) == 0 ? 0 : -1;
    }
    free(f);
    free(x);
    return rc;
}

int cli_run_sensitivity(const pl_scenario *s, const pl_red_line_analysis *red_lines,
                        size_t samples, uint64_t seed, json_t **out)
{
    *out = NULL;
    if (s->n_uncertainties == 0 || s->n_issues == 0)
        return EXIT_OK;
    sens_problem p = {0};
    p.base = s;
    p.kind = SENS_FORECAST;
    p.model = PL_MODEL_COMPROMISE;
    p.n = samples;
    p.seed = seed;
    p.runs = 1;
    int rc = sens_collect_groups(&p);
    if (rc == EXIT_OK && p.n_factors > 0)
        rc = sens_design(&p);
    pl_sobol_options so;
    pl_sobol_options_init(&so);
    so.seed = seed;
    json_t *outputs = rc == EXIT_OK && p.n_factors > 0 ? json_array() : NULL;
    if (rc == EXIT_OK && p.n_factors > 0 && outputs == NULL)
        rc = EXIT_INTERNAL;
    size_t n_barriers = red_lines ? red_lines->n_blocking : 0;
    for (size_t b = 0; outputs && rc == EXIT_OK && b < (n_barriers ? n_barriers : 1); b++)
        if (one_issue(&p, n_barriers ? red_lines->blocking[b].issue : 0, &so, outputs) != 0)
            rc = EXIT_INTERNAL;
    if (rc == EXIT_OK && outputs && json_array_size(outputs) > 0) {
        *out = json_pack("{s:I, s:I, s:I, s:o}", "samples", (json_int_t)samples, "seed",
                         (json_int_t)seed, "bootstrap", (json_int_t)so.bootstrap, "outputs",
                         json_incref(outputs));
        rc = *out ? EXIT_OK : EXIT_INTERNAL;
    }
    json_decref(outputs);
    sens_problem_free(&p);
    return rc;
}
