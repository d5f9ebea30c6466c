/*
 * cmd_sensitivity.c - `parley sensitivity SCENARIO --output Q`: first-order
 * and total Sobol indices of Q with respect to each uncertainty group of the
 * scenario (or each --vary range), with bootstrap intervals; text, --json (the
 * contract's `parley sensitivity`) and the "which judgements matter" chart
 * (--svg FILE). The model runs go through the farm (threads, MPI ranks); the
 * estimator is the library's pl_sobol_indices (docs/sensitivity.md).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_judgements.h"
#include "cli.h"
#include "mpi_farm.h"
#include "output.h"
#include "run_sensitivity.h"
#include "sensitivity_inputs.h"
#include "sensitivity_report.h"

extern const cli_command cli_sensitivity_command;

#define MAX_FACTORS 40
#define DEFAULT_SAMPLES 1024

typedef struct options {
    const char *vary[MAX_FACTORS];
    size_t n_vary;
    const char *output, *samples, *seed, *runs, *bootstrap, *threads, *svg, *report;
} options;

static int take_option(const char *name, const char *value, void *payload)
{
    options *o = payload;
    if (strcmp(name, "vary") == 0) {
        if (o->n_vary == MAX_FACTORS)
            return cli_usage_error("sensitivity", "at most %d --vary", MAX_FACTORS);
        o->vary[o->n_vary++] = value;
        return 0;
    }
    const char **slot[] = {&o->output, &o->samples, &o->seed, &o->runs,
                           &o->bootstrap, &o->threads, &o->svg, &o->report};
    static const char *const names[] = {"output", "samples", "seed", "runs",
                                        "bootstrap", "threads", "svg", "report"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strcmp(name, names[k]) == 0)
            *slot[k] = value;
    return 0;
}

static const cli_option option_table[] = {
    {"vary", 1},      {"output", 1},  {"samples", 1}, {"seed", 1}, {"runs", 1},
    {"bootstrap", 1}, {"threads", 1}, {"svg", 1},     {"report", 1}, {NULL, 0}};

/* ---- the model runs ---- */

typedef struct outputs {
    const sens_problem *p;
    double *f_a, *f_b, *f_ab; /* N, N, k x N */
    size_t undefined;         /* runs where Q is undefined (NaN) */
} outputs;

static char *evaluation_row(size_t id, void *payload)
{
    const outputs *o = payload;
    int failed = 0;
    double q = sens_evaluate(o->p, id, &failed);
    if (failed)
        return NULL;
    char *text = malloc(PL_REAL_CHARS);
    if (text != NULL)
        text[isnan(q) ? 0 : pl_format_real(q, text)] = '\0';
    return text;
}

static int keep_output(size_t k, size_t id, const char *row, void *payload)
{
    (void)k;
    outputs *o = payload;
    size_t f = o->p->n_factors, n = o->p->n, j = id / (f + 2), c = id % (f + 2);
    double q = row[0] ? strtod(row, NULL) : NAN; /* the shortest text reads back exactly */
    o->undefined += isnan(q);
    if (c == 0)
        o->f_a[j] = q;
    else if (c == 1)
        o->f_b[j] = q;
    else
        o->f_ab[(c - 2) * n + j] = q;
    return 0;
}

/* ---- reporting ---- */

static int report_json(const char *q, const sens_problem *p, const pl_sobol_index *x)
{
    return cli_emit_json(cli_sensitivity_document(q, p, x));
}

static int report_text(const char *q, const sens_problem *p, const pl_sobol_index *x)
{
    cli_buffer b;
    if (cli_buffer_open(&b) != EXIT_OK)
        return EXIT_INTERNAL;
    fprintf(b.stream, "Sobol sensitivity of %s: %zu samples, %zu model runs, seed %llu\n\n", q,
            p->n, p->n * (p->n_factors + 2), (unsigned long long)p->seed);
    fprintf(b.stream, "%-40s %11s %17s %8s %17s\n", p->vary ? "factor (--vary)" : "uncertainty group",
            "first order", "95% interval", "total", "95% interval");
    for (size_t f = 0; f < p->n_factors; f++)
        fprintf(b.stream, "%-40.40s %11.4f   [%6.3f, %6.3f] %8.4f   [%6.3f, %6.3f]\n",
                p->factor_names[f], x[f].first_order, x[f].first_order_low,
                x[f].first_order_high, x[f].total, x[f].total_low, x[f].total_high);
    if (p->n_factors > 0 && isnan(x[0].first_order))
        fprintf(b.stream, "\n%s does not vary over these samples: there is no variance to "
                          "apportion (nan).\n", q);
    fprintf(b.stream, "\nFirst order: the share of the output's variance a factor explains "
                      "alone; total: with its\ninteractions (Saltelli 2010, Jansen 1999). "
                      "The inputs are analyst judgements (docs/sensitivity.md).\n");
    return cli_buffer_emit(&b);
}

/*
 * The chart (--svg) and the HTML report (--report) as one set of outputs
 * (output.h): both are written or neither.
 */
static int write_files(const options *o, const sens_problem *p, const pl_sobol_options *so,
                       const pl_sobol_index *x)
{
    if (o->svg == NULL && o->report == NULL)
        return EXIT_OK;
    cli_svg svg;
    cli_svg_init(&svg);
    cli_chart_judgements(&svg, p->base, o->output, (const char *const *)p->factor_names, x,
                         p->n_factors, p->n);
    size_t size = 0, html_size = 0;
    char *text = cli_svg_take(&svg, &size), *html = NULL;
    if (text != NULL && o->report != NULL) {
        cli_sensitivity_page page = {p->base, o->output, (const char *const *)p->factor_names,
                                     x, p->n_factors, p->n, so->bootstrap, p->seed,
                                     p->vary != NULL, text, size};
        html = cli_sensitivity_html(&page, &html_size);
    }
    if (text == NULL || (o->report != NULL && html == NULL)) {
        free(text);
        free(html);
        pl_diag none = {0};
        return cli_fail(PL_ERR_NOMEM, &none);
    }
    cli_outputs set;
    cli_outputs_init(&set);
    if (o->svg != NULL)
        cli_outputs_add(&set, o->svg, text, size);
    if (html != NULL)
        cli_outputs_take(&set, o->report, html, html_size);
    free(text);
    pl_diag diag = {0};
    int rc = cli_outputs_commit(&set, &diag) == PL_OK ? EXIT_OK : EXIT_INTERNAL;
    if (rc != EXIT_OK)
        cli_print_diag(&diag);
    cli_outputs_free(&set);
    return rc;
}

/* ---- setting up ---- */

static int settings(const options *o, sens_problem *p, int *threads, pl_sobol_options *so)
{
    unsigned long long v = DEFAULT_SAMPLES;
    int rc = cli_whole_option("sensitivity", o->samples, "samples", 2, 10000000, &v);
    p->n = (size_t)v;
    v = 1;
    if (rc == EXIT_OK)
        rc = cli_whole_option("sensitivity", o->seed, "seed", 0, 9007199254740991ULL, &v);
    p->seed = v;
    v = 1;
    if (rc == EXIT_OK)
        rc = cli_whole_option("sensitivity", o->runs, "runs", 1, 100000000, &v);
    p->runs = (size_t)v;
    v = 1;
    if (rc == EXIT_OK)
        rc = cli_whole_option("sensitivity", o->threads, "threads", 1, PL_POOL_MAX_THREADS, &v);
    *threads = (int)v;
    pl_sobol_options_init(so);
    v = so->bootstrap;
    if (rc == EXIT_OK)
        rc = cli_whole_option("sensitivity", o->bootstrap, "bootstrap", 0, 100000, &v);
    so->bootstrap = (size_t)v;
    so->seed = p->seed;
    return rc;
}

static int vary_factors(const options *o, sens_problem *p)
{
    p->vary = calloc(o->n_vary, sizeof *p->vary);
    p->factor_names = calloc(o->n_vary, sizeof *p->factor_names);
    if (p->vary == NULL || p->factor_names == NULL)
        return EXIT_INTERNAL;
    int rc = EXIT_OK;
    for (size_t f = 0; rc == EXIT_OK && f < o->n_vary; f++) {
        rc = sweep_factor_parse("sensitivity", o->vary[f], 0, &p->vary[f]);
        if (rc == EXIT_OK)
            rc = sweep_factor_resolve("sensitivity", &p->vary[f], p->base);
        if (rc == EXIT_OK) {
            p->factor_names[f] = strndup(p->vary[f].path, p->vary[f].path_length);
            p->n_factors++;
            rc = p->factor_names[f] ? EXIT_OK : EXIT_INTERNAL;
        }
    }
    p->n_inputs = p->n_factors;
    return rc;
}

/* Every rank runs the model; rank 0 estimates and reports. */
static int analyse(const options *o, sens_problem *p, int threads, const pl_sobol_options *so,
                   int json)
{
    size_t n_runs = p->n * (p->n_factors + 2);
    outputs out = {p, calloc(p->n, sizeof(double)), calloc(p->n, sizeof(double)),
                   calloc(p->n * p->n_factors, sizeof(double)), 0};
    size_t *ids = calloc(n_runs, sizeof *ids);
    int rc = out.f_a && out.f_b && out.f_ab && ids ? EXIT_OK : EXIT_INTERNAL;
    for (size_t id = 0; ids && id < n_runs; id++)
        ids[id] = id;
    int farm = cli_farm_run(ids, rc == EXIT_OK ? n_runs : 0, threads, evaluation_row,
                            keep_output, &out);
    if (rc == EXIT_OK && farm != 0)
        rc = EXIT_INTERNAL;
    if (rc == EXIT_OK && cli_farm_rank() == 0 && out.undefined > 0)
        rc = cli_usage_error("sensitivity", "--output %s is undefined at %zu of the %zu model "
                                            "runs%s", o->output, out.undefined, n_runs,
                             p->kind == SENS_MARGIN ? " (the red lines clash there: the zone "
                                                      "has no margin)" : "");
    pl_sobol_index *x = calloc(p->n_factors, sizeof *x);
    pl_diag diag = {0};
    if (rc == EXIT_OK && cli_farm_rank() == 0) {
        if (x == NULL || pl_sobol_indices(p->n, p->n_factors, out.f_a, out.f_b, out.f_ab, so, x,
                                          &diag) != PL_OK)
            rc = cli_fail(x ? PL_ERR_ARGUMENT : PL_ERR_NOMEM, &diag);
        if (rc == EXIT_OK)
            rc = write_files(o, p, so, x);
        if (rc == EXIT_OK)
            rc = json ? report_json(o->output, p, x) : report_text(o->output, p, x);
    }
    free(x);
    free(out.f_a);
    free(out.f_b);
    free(out.f_ab);
    free(ids);
    return rc;
}

static int run(int argc, char **argv)
{
    int json = 0, done = 0, n = 0, threads = 1;
    char **positional = NULL;
    options o;
    memset(&o, 0, sizeof o);
    sens_problem p;
    memset(&p, 0, sizeof p);
    pl_sobol_options so;
    if (cli_farm_start(&argc, &argv) != 0) {
        cli_error("parley sensitivity: error: MPI could not start");
        return EXIT_INTERNAL;
    }
    int rc = cli_parse(&cli_sensitivity_command, argc, argv, option_table, take_option, &o, &json,
                       &positional, &n, &done);
    if (rc == EXIT_OK && !done && n > 1)
        rc = cli_usage_error("sensitivity", "give one scenario (none: the built-in default)");
    if (rc == EXIT_OK && !done)
        rc = settings(&o, &p, &threads, &so);
    pl_scenario *s = NULL;
    if (rc == EXIT_OK && !done)
        rc = cli_load_scenario((const char *const *)positional, (size_t)n, &s);
    p.base = s;
    if (rc == EXIT_OK && !done)
        rc = sens_parse_output(&p, o.output);
    if (rc == EXIT_OK && !done)
        rc = o.n_vary ? vary_factors(&o, &p) : sens_group_factors(&p);
    if (rc == EXIT_OK && !done)
        rc = sens_design(&p);
    if (rc == EXIT_OK && !done)
        rc = analyse(&o, &p, threads, &so, json);
    sens_problem_free(&p);
    pl_scenario_free(s);
    free(positional);
    cli_farm_end();
    return rc;
}

const cli_command cli_sensitivity_command = {
    "sensitivity",
    "which judgements matter: Sobol indices of a result",
    "Usage: parley sensitivity [SCENARIO] --output Q [--samples N] [--seed X] [--json]\n"
    "                          [--vary PATH=FROM:TO]... [--runs R] [--bootstrap B]\n"
    "                          [--threads T] [--svg FILE.svg] [--report FILE.html]\n"
    "\n"
    "First-order and total Sobol indices of Q with respect to each uncertainty group of the\n"
    "scenario (each group one factor, its inputs drawn as Monte Carlo draws them), or to\n"
    "each --vary range (uniform on [FROM, TO]). Q is forecast:MODEL:ISSUE, margin (of the\n"
    "zone of agreement), settlement (the share of R simulated runs that settle, default\n"
    "R = 1) or utility:ACTOR:PROPOSAL. N samples (default 1024) of Saltelli's design, from\n"
    "a Sobol sequence shifted by --seed X (default 1): N (k + 2) model runs for k factors.\n"
    "Intervals: percentile bootstrap over the samples (B resamples, default 1000).\n"
    "--svg writes the chart \"which judgements matter\"; --report an HTML report with\n"
    "the chart, the table of indices and the scenario's caveats (both written or neither).\n"
    "Under mpiexec -n K the model runs are shared among the ranks; the output is the same.\n"
    "Without SCENARIO, the built-in default. See docs/sensitivity.md.\n"
    "\n"
    "Example: parley sensitivity --output forecast:compromise:donetsk --samples 4096\n",
    run};
