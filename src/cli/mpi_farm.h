/*
 * mpi_farm.h - "run these N independent tasks, give me their result rows in
 * order": the one layer through which `parley sweep` and `parley sensitivity`
 * spread their work over threads and, when parley is built with MPI and
 * started under `mpiexec -n K`, over K processes (docs/scale.md).
 *
 * Every rank runs the same command with the same arguments, so every rank
 * knows how to compute any task from its id alone. Rank 0 hands out chunks of
 * task ids to the ranks that ask (dynamic load balancing: points may differ in
 * cost by orders of magnitude), computes chunks itself between requests,
 * gathers the rows and passes them to the sink strictly in task order, so the
 * output is the same bytes whatever the number of ranks and threads. Without
 * MPI, or with one rank, the same loop runs in one process. Worker ranks
 * write nothing: the command checks cli_farm_rank() before printing.
 */
#ifndef PARLEY_CLI_MPI_FARM_H
#define PARLEY_CLI_MPI_FARM_H

#include <stddef.h>

#include "parley/parley.h"

/**
 * Join the MPI job when started under mpiexec with more than one rank (MPICH's
 * PMI_SIZE or Open MPI's OMPI_COMM_WORLD_SIZE); otherwise, or in a build
 * without MPI, do nothing. Call once before cli_farm_run; pair with
 * cli_farm_end. Returns 0, or nonzero when MPI could not start.
 */
int cli_farm_start(int *argc, char ***argv);
/** Leave the MPI job (MPI_Finalize), if cli_farm_start joined one. */
void cli_farm_end(void);
/** This process's rank (0 without MPI) and the number of ranks (1 without MPI). */
int cli_farm_rank(void);
int cli_farm_size(void);

/**
 * `parley tournament`'s domains shared among the ranks (mpi_tournament.c): one
 * task a domain, with `threads` threads a rank; rank 0 gets results[d] equal to
 * pl_tournament_run's (the other ranks nothing). Returns an exit status: on
 * rank 0 the first failing domain's (its message printed, as one process would).
 */
int cli_farm_tournament(const pl_scenario *const *scenarios, const char *const *names, size_t n,
                        const pl_tournament_options *options, int threads,
                        pl_tournament **results);

/**
 * pl_montecarlo_run shared among the ranks (mpi_montecarlo.c): blocks of runs
 * over every rank with o->threads threads each; rank 0 gets the result, equal
 * to pl_montecarlo_run's, the other ranks NULL. Every rank must call it.
 */
int cli_farm_montecarlo(const pl_scenario *s, const pl_montecarlo_options *o,
                        pl_montecarlo **out, pl_diag *diag);

/**
 * Compute task `id`: return its row as a malloc'd NUL-terminated text (the
 * farm frees it), or NULL when out of memory. Called from several threads at
 * once, on any rank: it may only read `payload`.
 */
typedef char *(*cli_farm_task)(size_t id, void *payload);
/**
 * Take the row of task ids[k] (rank 0 only), called for k = 0, 1, ... in
 * order, from the calling thread. Return 0 to go on, nonzero to stop (the
 * farm then stops the workers and returns that value).
 */
typedef int (*cli_farm_sink)(size_t k, size_t id, const char *row, void *payload);

/**
 * Run task(ids[k]) for k in [0, n) over `threads` threads per rank and every
 * rank, passing the rows in order to `sink` on rank 0. On worker ranks `ids`,
 * `n` and `sink` are ignored: the ids come from rank 0. Rank 0 must call this
 * exactly once whenever the workers do, even to do nothing (n = 0), so that
 * they are released. Returns 0, the sink's nonzero value, or -1 when out of
 * memory (a message is printed) or MPI failed.
 */
int cli_farm_run(const size_t *ids, size_t n, int threads, cli_farm_task task,
                 cli_farm_sink sink, void *payload);

#endif
