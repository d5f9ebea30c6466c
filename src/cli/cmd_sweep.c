/*
 * cmd_sweep.c - `parley sweep SCENARIO --vary PATH=FROM:TO:STEP ... --analyses
 * LIST -o OUT`: the chosen analyses at every point of a grid (or of a Sobol
 * sample) over scenario inputs, one row per point, to CSV or SQLite, resumable,
 * over threads and MPI ranks (docs/sweep.md; the contract's `parley sweep`).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mpi_farm.h"
#include "sweep_output.h"
#include "sweep_points.h"

extern const cli_command cli_sweep_command;

#define MAX_FACTORS 64
#define DEFAULT_RUNS 100

enum { DO_ZOPA = 1, DO_PREDICT = 2, DO_EVALUATE = 4, DO_SIMULATE = 8 };

typedef struct options {
    const char *vary[MAX_FACTORS];
    size_t n_vary;
    const char *sample, *seed, *analyses, *runs, *output, *threads, *models;
} options;

typedef struct sweep {
    const pl_scenario *base;
    sweep_factor factors[MAX_FACTORS];
    size_t n_factors;
    size_t n_points;
    double *sample;          /* n_points x n_factors in [0, 1), or NULL for a grid */
    unsigned analyses;
    pl_model models[PL_MODEL_COUNT];
    size_t n_models;
    size_t runs;
    uint64_t seed;
} sweep;

static int take_option(const char *name, const char *value, void *payload)
{
    options *o = payload;
    if (strcmp(name, "vary") == 0) {
        if (o->n_vary == MAX_FACTORS)
            return cli_usage_error("sweep", "at most %d --vary", MAX_FACTORS);
        o->vary[o->n_vary++] = value;
        return 0;
    }
    const char **slot[] = {&o->sample, &o->seed,    &o->analyses, &o->runs,
                           &o->output, &o->threads, &o->models};
    static const char *const names[] = {"sample", "seed",    "analyses", "runs",
                                        "output", "threads", "models"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strcmp(name, names[k]) == 0)
            *slot[k] = value;
    return 0;
}

static const cli_option option_table[] = {
    {"vary", 1},   {"sample", 1},  {"seed", 1},   {"analyses", 1}, {"runs", 1},
    {"output", 1}, {"threads", 1}, {"models", 1}, {NULL, 0}};

/* ---- one point ---- */

static double sweep_point_value(const sweep *w, size_t point, size_t j)
{
    if (w->sample == NULL)
        return sweep_grid_value(w->factors, w->n_factors, point, j);
    const sweep_factor *f = &w->factors[j];
    return f->from + w->sample[point * w->n_factors + j] * (f->to - f->from);
}

static void put_real(FILE *out, double value)
{
    fputc(',', out);
    cli_csv_real(out, value);
}

static void row_prefix(size_t point, char *buffer, size_t size, void *payload)
{
    const sweep *w = payload;
    size_t used = (size_t)snprintf(buffer, size, "%zu", point);
    for (size_t j = 0; j < w->n_factors && used + PL_REAL_CHARS + 1 < size; j++) {
        buffer[used++] = ',';
        used += pl_format_real(sweep_point_value(w, point, j), buffer + used);
        buffer[used] = '\0';
    }
}

/* The analyses' cells of one valid scenario; NaN/empty where an analysis fails. */
static void analyse(FILE *out, const sweep *w, const pl_scenario *s)
{
    pl_diag diag = {0};
    if (w->analyses & DO_ZOPA) {
        pl_agreement_options ao = PL_AGREEMENT_OPTIONS_INIT;
        ao.max_set = 0;     /* possible and margin only: no relaxation search */
        ao.solutions = 0;
        ao.searches = 0;
        pl_agreement *a = NULL;
        int ok = pl_agreement_compute(s, &ao, &a, &diag) == PL_OK;
        fputs(ok ? (a->possible ? ",true" : ",false") : ",", out);
        put_real(out, ok ? a->margin : NAN);
        pl_agreement_free(a);
    }
    if (w->analyses & DO_PREDICT) {
        double *forecast = calloc(s->n_issues + 1, sizeof *forecast);
        for (size_t m = 0; m < w->n_models; m++) {
            int ok = forecast && pl_predict(s, w->models[m], forecast, &diag) == PL_OK;
            for (size_t i = 0; i < s->n_issues; i++)
                put_real(out, ok ? forecast[i] : NAN);
        }
        free(forecast);
    }
    if (w->analyses & DO_EVALUATE) {
        for (size_t p = 0; p < s->n_proposals; p++) {
            pl_evaluation *e = NULL;
            int ok = pl_evaluate(s, s->proposals[p].values, &e) == PL_OK;
            fputs(!ok ? "," : e->passes ? ",accepted" : ",rejected", out);
            pl_evaluation_free(e);
        }
    }
    if (w->analyses & DO_SIMULATE) {
        pl_montecarlo_options mo = PL_MONTECARLO_OPTIONS_INIT;
        mo.runs = w->runs;
        mo.seed = w->seed;
        pl_montecarlo *r = NULL;
        int ok = pl_montecarlo_run(s, &mo, NULL, &r, &diag) == PL_OK;
        put_real(out, ok ? r->agreement_rate : NAN);
        pl_montecarlo_free(r);
    }
}

/* Empty cells for a point whose scenario is invalid (docs/sweep.md). */
static void empty_cells(FILE *out, const sweep *w)
{
    size_t n = (w->analyses & DO_ZOPA ? 2 : 0) +
               (w->analyses & DO_PREDICT ? w->n_models * w->base->n_issues : 0) +
               (w->analyses & DO_EVALUATE ? w->base->n_proposals : 0) +
               (w->analyses & DO_SIMULATE ? 1 : 0);
    for (size_t k = 0; k < n; k++)
        fputc(',', out);
}

static char *point_row(size_t point, void *payload)
{
    const sweep *w = payload;
    cli_buffer b;
    if (cli_buffer_open(&b) != EXIT_OK)
        return NULL;
    char prefix[4096];
    row_prefix(point, prefix, sizeof prefix, payload);
    fputs(prefix, b.stream);
    pl_scenario *s = NULL;
    pl_diag diag = {0};
    int rc = pl_scenario_copy(w->base, &s);
    for (size_t j = 0; rc == PL_OK && j < w->n_factors; j++)
        rc = sweep_apply(s, &w->factors[j], sweep_point_value(w, point, j), &diag);
    if (rc == PL_OK)
        rc = pl_scenario_validate(s, &diag);
    if (rc == PL_OK)
        analyse(b.stream, w, s);
    else
        empty_cells(b.stream, w);
    pl_scenario_free(s);
    if (fclose(b.stream) != 0) {
        free(b.data);
        return NULL;
    }
    return b.data;
}

/* ---- setting up ---- */

static int parse_analyses(const char *list, unsigned *out)
{
    static const char *const names[] = {"zopa", "predict", "evaluate", "simulate"};
    *out = 0;
    if (list == NULL)
        return cli_usage_error("sweep", "give --analyses LIST (from zopa, predict, evaluate, "
                                        "simulate)");
    const char *at = list;
    while (*at) {
        size_t length = strcspn(at, ",");
        size_t k = 0;
        while (k < 4 && (strlen(names[k]) != length || strncmp(at, names[k], length) != 0))
            k++;
        if (k == 4)
            return cli_usage_error("sweep", "--analyses: unknown analysis '%.*s' (zopa, predict, "
                                            "evaluate, simulate)", (int)length, at);
        *out |= 1u << k;
        at += length + (at[length] == ',');
    }
    return *out ? EXIT_OK : cli_usage_error("sweep", "--analyses: give at least one analysis");
}

/* --models LIST, or every model that runs on the base scenario. */
static int choose_models(sweep *w, const char *list)
{
    w->n_models = 0;
    double *scratch = calloc(w->base->n_issues + 1, sizeof *scratch);
    if (scratch == NULL)
        return EXIT_INTERNAL;
    int rc = EXIT_OK;
    for (int m = 0; m < PL_MODEL_COUNT && rc == EXIT_OK; m++) {
        const char *name = pl_model_name((pl_model)m);
        int wanted = list == NULL;
        for (const char *at = list; at && *at; at += strcspn(at, ",") + (at[strcspn(at, ",")] != 0))
            wanted |= strcspn(at, ",") == strlen(name) && strncmp(at, name, strlen(name)) == 0;
        pl_diag diag = {0};
        if (wanted && pl_predict(w->base, (pl_model)m, scratch, &diag) == PL_OK)
            w->models[w->n_models++] = (pl_model)m;
        else if (wanted && list != NULL)
            rc = cli_usage_error("sweep", "--models: %s cannot run on this scenario: %s", name,
                                 diag.message);
    }
    for (const char *at = list; rc == EXIT_OK && at && *at;) {
        size_t length = strcspn(at, ",");
        pl_model m;
        char name[32];
        snprintf(name, sizeof name, "%.*s", (int)(length < 31 ? length : 31), at);
        if (pl_model_from_name(name, &m) != PL_OK)
            rc = cli_usage_error("sweep", "--models: unknown model '%s'", name);
        at += length + (at[length] == ',');
    }
    free(scratch);
    return rc;
}

static int settings(const options *o, sweep *w, int *threads)
{
    unsigned long long v;
    int rc = parse_analyses(o->analyses, &w->analyses);
    for (size_t j = 0; rc == EXIT_OK && j < o->n_vary; j++)
        rc = sweep_factor_parse("sweep", o->vary[j], o->sample == NULL, &w->factors[j]);
    w->n_factors = o->n_vary;
    if (rc == EXIT_OK && w->n_factors == 0)
        rc = cli_usage_error("sweep", "give at least one --vary PATH=FROM:TO:STEP");
    if (rc == EXIT_OK && o->output == NULL)
        rc = cli_usage_error("sweep", "give -o OUT (.csv or .sqlite)");
    v = 1;
    if (rc == EXIT_OK)
        rc = cli_whole_option("sweep", o->seed, "seed", 0, 9007199254740991ULL, &v);
    w->seed = v;
    v = DEFAULT_RUNS;
    if (rc == EXIT_OK)
        rc = cli_whole_option("sweep", o->runs, "runs", 1, 100000000, &v);
    w->runs = (size_t)v;
    v = 1;
    if (rc == EXIT_OK)
        rc = cli_whole_option("sweep", o->threads, "threads", 1, PL_POOL_MAX_THREADS, &v);
    *threads = (int)v;
    v = 0;
    if (rc == EXIT_OK)
        rc = cli_whole_option("sweep", o->sample, "sample", 1, 100000000, &v);
    w->n_points = (size_t)v;
    if (rc == EXIT_OK && o->sample != NULL && w->n_factors > SWEEP_SOBOL_MAX_DIMENSIONS)
        rc = cli_usage_error("sweep", "--sample: at most %d --vary", SWEEP_SOBOL_MAX_DIMENSIONS);
    if (rc == EXIT_OK && o->sample == NULL) {
        w->n_points = sweep_grid_size(w->factors, w->n_factors);
        if (w->n_points == 0 || w->n_points > 100000000)
            rc = cli_usage_error("sweep", "the grid has more than 1e8 points; use --sample N");
    }
    return rc;
}

/* Columns: point, the paths, then each analysis's, in the contract's order. */
static char **make_columns(const sweep *w, size_t *n)
{
    const pl_scenario *s = w->base;
    size_t cap = 4 + w->n_factors + w->n_models * s->n_issues + s->n_proposals;
    char **c = calloc(cap, sizeof *c);
    *n = 0;
    if (c == NULL)
        return NULL;
    c[(*n)++] = strdup("point");
    for (size_t j = 0; j < w->n_factors; j++)
        c[(*n)++] = strndup(w->factors[j].path, w->factors[j].path_length);
    if (w->analyses & DO_ZOPA) {
        c[(*n)++] = strdup("possible");
        c[(*n)++] = strdup("margin");
    }
    for (size_t m = 0; (w->analyses & DO_PREDICT) && m < w->n_models; m++)
        for (size_t i = 0; i < s->n_issues; i++) {
            size_t size = strlen(s->issues[i].id) + 32;
            if ((c[*n] = malloc(size)) != NULL)
                snprintf(c[*n], size, "forecast.%s.%s", pl_model_name(w->models[m]),
                         s->issues[i].id);
            (*n)++;
        }
    for (size_t p = 0; (w->analyses & DO_EVALUATE) && p < s->n_proposals; p++) {
        size_t size = strlen(s->proposals[p].id) + 16;
        if ((c[*n] = malloc(size)) != NULL)
            snprintf(c[*n], size, "decision.%s", s->proposals[p].id);
        (*n)++;
    }
    if (w->analyses & DO_SIMULATE)
        c[(*n)++] = strdup("settlement");
    for (size_t k = 0; k < *n; k++)
        if (c[k] == NULL)
            return NULL; /* out of memory: leaks at exit only */
    return c;
}

/* What a resumed sweep must share with the first run (SQLite keeps it). */
static char *parameters_text(const options *o, const sweep *w, const char *scenario)
{
    cli_buffer b;
    if (cli_buffer_open(&b) != EXIT_OK)
        return NULL;
    fprintf(b.stream, "scenario=%s", scenario ? scenario : CLI_DEFAULT_SCENARIO_NAME);
    for (size_t j = 0; j < o->n_vary; j++)
        fprintf(b.stream, " --vary %s", o->vary[j]);
    if (o->sample)
        fprintf(b.stream, " --sample %s", o->sample);
    fprintf(b.stream, " --seed %llu --analyses %s", (unsigned long long)w->seed, o->analyses);
    if (w->analyses & DO_SIMULATE)
        fprintf(b.stream, " --runs %zu", w->runs);
    for (size_t m = 0; (w->analyses & DO_PREDICT) && m < w->n_models; m++)
        fprintf(b.stream, "%s%s", m ? "," : " --models ", pl_model_name(w->models[m]));
    if (fclose(b.stream) != 0)
        return NULL;
    return b.data;
}

typedef struct sink_state {
    sweep_output *output;
} sink_state;

static int write_row(size_t k, size_t id, const char *row, void *payload)
{
    (void)k;
    (void)id;
    sink_state *state = payload;
    return sweep_output_row(state->output, row) != 0 ? 1 : 0;
}

typedef struct farm_payload {
    sweep *w;
    sink_state sink;
} farm_payload;

static char *farm_task(size_t id, void *payload) { return point_row(id, ((farm_payload *)payload)->w); }
static int farm_sink(size_t k, size_t id, const char *row, void *payload)
{
    return write_row(k, id, row, &((farm_payload *)payload)->sink);
}

/* Rank 0 opens the output and lists the missing points; every rank computes. */
static int execute(const options *o, sweep *w, int threads, const char *scenario_name)
{
    size_t n_columns = 0;
    char **columns = make_columns(w, &n_columns);
    char *parameters = parameters_text(o, w, scenario_name);
    unsigned char *done = calloc(w->n_points + 1, 1);
    size_t *ids = calloc(w->n_points + 1, sizeof *ids), n_ids = 0;
    int rc = columns && parameters && done && ids ? EXIT_OK : EXIT_INTERNAL;
    farm_payload fp = {w, {NULL}};
    if (rc == EXIT_OK && cli_farm_rank() == 0)
        rc = sweep_output_open(o->output, (const char *const *)columns, n_columns, parameters,
                               w->n_points, row_prefix, w, done, &fp.sink.output);
    for (size_t p = 0; rc == EXIT_OK && p < w->n_points; p++)
        if (!done[p])
            ids[n_ids++] = p;
    /* Rank 0 always joins the farm, with nothing to do after an error, to release the workers. */
    int farm = cli_farm_run(ids, rc == EXIT_OK ? n_ids : 0, threads, farm_task, farm_sink, &fp);
    if (rc == EXIT_OK && farm != 0)
        rc = EXIT_INTERNAL;
    if (sweep_output_close(fp.sink.output) != 0 && rc == EXIT_OK)
        rc = EXIT_INTERNAL;
    for (size_t k = 0; columns && k < n_columns; k++)
        free(columns[k]);
    free(columns);
    free(parameters);
    free(done);
    free(ids);
    return rc;
}

static int run(int argc, char **argv)
{
    int done = 0, n = 0, threads = 1;
    char **positional = NULL;
    options o;
    memset(&o, 0, sizeof o);
    sweep w;
    memset(&w, 0, sizeof w);
    if (cli_farm_start(&argc, &argv) != 0) {
        cli_error("parley sweep: error: MPI could not start");
        return EXIT_INTERNAL;
    }
    int rc = cli_parse(&cli_sweep_command, argc, argv, option_table, take_option, &o, NULL,
                       &positional, &n, &done);
    if (rc == EXIT_OK && !done && n > 1)
        rc = cli_usage_error("sweep", "give one scenario (none: the built-in default)");
    if (rc == EXIT_OK && !done)
        rc = settings(&o, &w, &threads);
    pl_scenario *s = NULL;
    if (rc == EXIT_OK && !done)
        rc = cli_load_scenario((const char *const *)positional, (size_t)n, &s);
    w.base = s;
    for (size_t j = 0; rc == EXIT_OK && !done && j < w.n_factors; j++)
        rc = sweep_factor_resolve("sweep", &w.factors[j], s);
    if (rc == EXIT_OK && !done && (w.analyses & DO_PREDICT))
        rc = choose_models(&w, o.models);
    if (rc == EXIT_OK && !done && o.sample != NULL) {
        w.sample = malloc(w.n_points * w.n_factors * sizeof *w.sample);
        rc = w.sample && sweep_sobol_points(w.n_factors, w.n_points, w.seed, w.sample) == 0
                 ? EXIT_OK
                 : EXIT_INTERNAL;
    }
    if (rc == EXIT_OK && !done)
        rc = execute(&o, &w, threads, n ? positional[0] : NULL);
    free(w.sample);
    pl_scenario_free(s);
    free(positional);
    cli_farm_end();
    return rc;
}

const cli_command cli_sweep_command = {
    "sweep",
    "an analysis at every point of a grid or sample over scenario inputs",
    "Usage: parley sweep [SCENARIO] --vary PATH=FROM:TO:STEP [--vary ...] --analyses LIST\n"
    "                    -o OUT.csv|OUT.sqlite [--sample N] [--seed X] [--runs R]\n"
    "                    [--models M,...] [--threads T]\n"
    "\n"
    "Run the analyses of LIST (zopa, predict, evaluate, simulate; comma-separated) at every\n"
    "point of a grid over the --vary paths (FROM, FROM+STEP, ... up to TO; the last --vary\n"
    "varies fastest), or at N points of a Sobol sequence over their ranges (--sample N; STEP\n"
    "may be left out; --seed X shifts the sequence). One row per point, in point order:\n"
    "point, the paths' values, then possible,margin (zopa), forecast.MODEL.ISSUE (predict),\n"
    "decision.PROPOSAL accepted/rejected (evaluate), settlement (simulate, R runs, default\n"
    "100, seeded by --seed). OUT ending .sqlite gets table `results` with the same columns.\n"
    "Rerunning the same command with the same OUT computes only the points missing from it.\n"
    "Under mpiexec -n K the points are shared among the ranks; the output is the same.\n"
    "\n"
    "Paths (the --set paths): actors.A.capability, actors.A.reservation,\n"
    "actors.A.stances.I.position|salience|capability, actors.A.red_lines.I.min|max,\n"
    "proposals.P.positions.I, decision_rule.threshold.\n"
    "--models: the models of predict (default: every model that runs on the scenario).\n"
    "Without SCENARIO, the built-in default. See docs/sweep.md.\n"
    "\n"
    "Example: parley sweep --vary actors.UA.red_lines.donetsk.max=0:100:10 --analyses zopa\n"
    "         -o sweep.csv\n",
    run};
