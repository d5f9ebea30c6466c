/*
 * mpi_tournament.c - `parley tournament` over MPI ranks through the farm
 * (mpi_farm.h): a task is one domain's whole tournament (pl_tournament_run on
 * one thread), its row the result as text (the reals as C99 hexadecimal
 * floats, exact), rebuilt on rank 0 in domain order: the same results, so the
 * same output, as one process (docs/scale.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mpi_farm.h"

typedef struct job {
    const pl_scenario *const *scenarios;
    const char *const *names;
    const pl_tournament_options *options;
    pl_tournament **results;
    int status;                /* rank 0: the exit status of the first failure */
} job;

static void put_reals(FILE *out, const double *x, size_t n)
{
    for (size_t k = 0; k < n; k++)
        fprintf(out, " %a", x[k]);
}

/* "ok FRONTIER NASH... ROWS\n" then per row its fields; or "error STATUS MESSAGE". */
static void write_result(FILE *out, const pl_tournament *t)
{
    fprintf(out, "ok %d", t->frontier_available);
    put_reals(out, t->nash, t->n_parties);
    fprintf(out, " %zu\n", t->n_rows);
    for (size_t k = 0; k < t->n_rows; k++) {
        const pl_tournament_row *r = &t->rows[k];
        for (size_t p = 0; p < t->n_parties; p++)
            fprintf(out, "%zu ", r->assignment[p]);
        fprintf(out, "%zu %zu", r->runs, r->agreements);
        put_reals(out, &r->agreement_rate, 1);
        put_reals(out, &r->mean_agreement_step, 1);
        put_reals(out, r->mean_utilities, t->n_parties);
        put_reals(out, r->mean_agreement_utilities, t->n_parties);
        put_reals(out, &r->nash_distance, 1);
        put_reals(out, &r->frontier_distance, 1);
        fputc('\n', out);
    }
}

static char *domain_row(size_t d, void *payload)
{
    const job *j = payload;
    pl_tournament *t = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    cli_buffer b;
    if (cli_buffer_open(&b) != EXIT_OK)
        return NULL;
    int status = pl_tournament_run(j->scenarios[d], j->options, NULL, &t, &diag);
    if (status == PL_OK)
        write_result(b.stream, t);
    else
        fprintf(b.stream, "error %d %s", status, diag.message);
    pl_tournament_free(t);
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

static size_t take_size(char **at) { return (size_t)strtoull(*at, at, 10); }

static int read_result(char *at, size_t parties, size_t agents, pl_tournament **out)
{
    int frontier = (int)strtol(at + 2, &at, 10);
    double nash[PL_POOL_MAX_THREADS];
    if (parties > sizeof nash / sizeof nash[0])
        return PL_ERR_LIMIT;
    take_reals(&at, nash, parties);
    size_t rows = take_size(&at);
    int rc = pl_tournament_new(rows, parties, agents, out);
    if (rc != PL_OK)
        return rc;
    pl_tournament *t = *out;
    t->frontier_available = frontier;
    memcpy(t->nash, nash, parties * sizeof *nash);
    for (size_t k = 0; k < rows; k++) {
        pl_tournament_row *r = &t->rows[k];
        for (size_t p = 0; p < parties; p++)
            r->assignment[p] = take_size(&at);
        r->runs = take_size(&at);
        r->agreements = take_size(&at);
        take_reals(&at, &r->agreement_rate, 1);
        take_reals(&at, &r->mean_agreement_step, 1);
        take_reals(&at, r->mean_utilities, parties);
        take_reals(&at, r->mean_agreement_utilities, parties);
        take_reals(&at, &r->nash_distance, 1);
        take_reals(&at, &r->frontier_distance, 1);
    }
    return PL_OK;
}

static int keep_domain(size_t k, size_t d, const char *row, void *payload)
{
    (void)k;
    job *j = payload;
    pl_diag diag;
    pl_diag_clear(&diag);
    int status;
    if (strncmp(row, "error ", 6) == 0) {
        char *message;
        status = (int)strtol(row + 6, &message, 10);
        pl_diag_set(&diag, status, 0, 0, "%s", message + (*message == ' '));
    } else {
        status = read_result((char *)row, j->scenarios[d]->n_actors, j->options->n_agents,
                             &j->results[d]);
        if (status != PL_OK)
            pl_diag_set(&diag, status, 0, 0, "out of memory");
    }
    if (status == PL_OK)
        return 0;
    pl_diag_set_source(&diag, j->names[d]);
    j->status = cli_fail(status, &diag);
    return 1;
}

int cli_farm_tournament(const pl_scenario *const *scenarios, const char *const *names, size_t n,
                        const pl_tournament_options *options, int threads,
                        pl_tournament **results)
{
    job j = {scenarios, names, options, results, EXIT_OK};
    size_t *ids = calloc(n + 1, sizeof *ids);
    for (size_t d = 0; ids != NULL && d < n; d++)
        ids[d] = d;
    int farm = cli_farm_run(ids, ids ? n : 0, threads, domain_row, keep_domain, &j);
    free(ids);
    if (ids == NULL || (farm != 0 && j.status == EXIT_OK))
        return EXIT_INTERNAL;
    return j.status;
}
