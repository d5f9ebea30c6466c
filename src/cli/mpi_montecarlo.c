/*
 * mpi_montecarlo.c - a Monte Carlo shared among MPI ranks through the farm
 * (mpi_farm.h): blocks of runs go to the ranks, each returns its runs'
 * records (pl_montecarlo_run_range) as text, and rank 0 pieces them together in
 * run order and reduces them (pl_montecarlo_from_runs): the same result, so
 * the same output, as pl_montecarlo_run in one process (docs/scale.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mpi_farm.h"

/* Runs per task: small enough that rank 0, which computes tasks between
 * answering the workers, answers within a few milliseconds. */
#define RUNS_PER_TASK 16

typedef struct job {
    const pl_scenario *scenario;
    pl_montecarlo_options options; /* one thread a task: the farm spreads the tasks */
    pl_montecarlo_runs *all;        /* rank 0: every run's record */
    int failed;
} job;

/* Doubles as C99 hexadecimal floats ("%a"): exact, and strtod reads them back. */
static void put_reals(FILE *out, const double *x, size_t n)
{
    for (size_t k = 0; k < n; k++)
        fprintf(out, " %a", x[k]);
}

static char *block_row(size_t block, void *payload)
{
    job *j = payload;
    size_t first = block * RUNS_PER_TASK, count = j->options.runs - first;
    if (count > RUNS_PER_TASK)
        count = RUNS_PER_TASK;
    pl_montecarlo_runs *r = NULL;
    pl_diag diag = {0};
    cli_buffer b;
    if (cli_buffer_open(&b) != EXIT_OK)
        return NULL;
    if (pl_montecarlo_run_range(j->scenario, &j->options, NULL, first, count, &r, &diag) != PL_OK)
        fputs("failed", b.stream);
    for (size_t k = 0; r != NULL && k < r->count; k++) {
        fprintf(b.stream, "%d %d", r->agreed[k], r->step[k]);
        put_reals(b.stream, r->utilities + k * r->n_parties, r->n_parties);
        put_reals(b.stream, r->package + k * r->n_issues, r->n_issues);
        put_reals(b.stream, r->deviations + k * r->n_inputs, r->n_inputs);
        fputc('\n', b.stream);
    }
    pl_montecarlo_runs_free(r);
    if (fclose(b.stream) != 0) {
        free(b.data);
        return NULL;
    }
    return b.data;
}

static void take_reals(char **at, double *x, size_t n)
{
    for (size_t k = 0; k < n; k++)
        x[k] = strtod(*at, at);
}

static int keep_block(size_t k, size_t block, const char *row, void *payload)
{
    (void)k;
    job *j = payload;
    pl_montecarlo_runs *all = j->all;
    if (strncmp(row, "failed", 6) == 0) {
        j->failed = 1;
        return 1;
    }
    char *at = (char *)row;
    for (size_t run = block * RUNS_PER_TASK; run < all->count && *at; run++) {
        all->agreed[run] = (unsigned char)strtol(at, &at, 10);
        all->step[run] = (int)strtol(at, &at, 10);
        take_reals(&at, all->utilities + run * all->n_parties, all->n_parties);
        take_reals(&at, all->package + run * all->n_issues, all->n_issues);
        take_reals(&at, all->deviations + run * all->n_inputs, all->n_inputs);
        while (*at == '\n')
            at++;
    }
    return 0;
}

int cli_farm_montecarlo(const pl_scenario *s, const pl_montecarlo_options *o, pl_montecarlo **out,
                        pl_diag *diag)
{
    *out = NULL;
    job j = {s, *o, NULL, 0};
    j.options.threads = 1;
    j.options.progress = (pl_progress){NULL, NULL};
    /* The records' sizes: one run's record says how many inputs are drawn. */
    pl_montecarlo_runs *probe = NULL;
    int rc = pl_montecarlo_run_range(s, &j.options, NULL, 0, 1, &probe, diag);
    size_t blocks = (o->runs + RUNS_PER_TASK - 1) / RUNS_PER_TASK;
    size_t *ids = rc == PL_OK ? calloc(blocks, sizeof *ids) : NULL;
    if (rc == PL_OK && cli_farm_rank() == 0)
        j.all = pl_montecarlo_runs_new(o->runs, probe->n_parties, probe->n_issues,
                                       probe->n_inputs);
    if (rc == PL_OK && (ids == NULL || (cli_farm_rank() == 0 && j.all == NULL)))
        rc = PL_ERR_NOMEM;
    for (size_t b = 0; ids != NULL && b < blocks; b++)
        ids[b] = b;
    /* Rank 0 always joins the farm (with nothing to do after an error) to release the workers. */
    int farm = cli_farm_run(ids, rc == PL_OK ? blocks : 0, o->threads, block_row, keep_block, &j);
    if (rc == PL_OK && (farm != 0 || j.failed))
        rc = pl_diag_set(diag, j.failed ? PL_ERR_INVALID : PL_ERR_NOMEM, 0, 0,
                         j.failed ? "the simulation failed" : "out of memory");
    if (rc == PL_OK && cli_farm_rank() == 0)
        rc = pl_montecarlo_from_runs(s, o, j.all, out, diag);
    pl_montecarlo_runs_free(j.all);
    pl_montecarlo_runs_free(probe);
    free(ids);
    return rc;
}
