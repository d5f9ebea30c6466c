/*
 * mpi_farm.c - independent tasks over threads and MPI ranks, rows in order
 * (mpi_farm.h; the design and its scaling model are in docs/scale.md).
 *
 * Protocol (MPI builds, K > 1 ranks): a worker asks rank 0 for work (TAG_ASK),
 * receives a chunk of consecutive positions with their task ids (TAG_WORK) or
 * the order to stop (TAG_STOP), keeps ASKS_AHEAD requests open (so its next
 * chunk is on its way while it computes, even when rank 0 answers only after a
 * task of its own), and sends the chunk's rows back (TAG_ROWS) without waiting
 * for rank 0 to take them. Chunks are "guided" (Polychronopoulos and
 * Kuck 1987): a quarter of the remaining tasks' fair share, between 1 and
 * FARM_MAX_CHUNK, so large early chunks keep messages few and small late
 * chunks balance the end. Rank 0 computes chunks itself between requests and
 * emits rows as soon as every earlier row is in. Only the main thread of each
 * rank calls MPI (MPI_THREAD_FUNNELED); the thread pool computes the tasks.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mpi_farm.h"
#include "parley/threads.h"

#ifdef PARLEY_HAVE_MPI
#include <mpi.h>
#endif

/* Most tasks in one chunk: bounds a chunk's message and rank 0's reply delay. */
#define FARM_MAX_CHUNK 256

/* What PARLEY_FARM_STATS=1 reports on stderr (docs/scale.md): per rank, the
 * tasks computed, the messages and bytes it sent and received, and its seconds
 * computing, in MPI calls and in all. */
typedef struct farm_stats {
    size_t tasks, messages, bytes;
    double computing, communicating, start;
} farm_stats;

typedef struct farm_state {
    int rank, size, joined;
    farm_stats stats;
} farm_state;

/* The process's place in the MPI job: the one piece of state the CLI keeps for
 * it (the library keeps none). */
static farm_state farm = {0, 1, 0, {0, 0, 0, 0, 0, 0}};

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void report_stats(void)
{
    const farm_stats *s = &farm.stats;
    if (getenv("PARLEY_FARM_STATS") == NULL)
        return;
    fprintf(stderr, "farm: rank %d of %d: %zu tasks, %zu messages, %zu bytes, %.3f s computing, "
                    "%.3f s in MPI, %.3f s in all\n", farm.rank, farm.size, s->tasks, s->messages,
            s->bytes, s->computing, s->communicating, seconds() - s->start);
}

int cli_farm_rank(void) { return farm.rank; }
int cli_farm_size(void) { return farm.size; }

static int launched_ranks(void)
{
    const char *names[] = {"PMI_SIZE", "OMPI_COMM_WORLD_SIZE"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        const char *v = getenv(names[k]);
        if (v != NULL && atoi(v) > 1)
            return atoi(v);
    }
    return 1;
}

#ifndef PARLEY_HAVE_MPI
static int launched_rank(void)
{
    const char *rank = getenv("PMI_RANK");
    if (rank == NULL)
        rank = getenv("OMPI_COMM_WORLD_RANK");
    return rank != NULL ? atoi(rank) : 0;
}
#endif

int cli_farm_start(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (launched_ranks() <= 1)
        return 0;
#ifdef PARLEY_HAVE_MPI
    int provided = 0;
    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
        return 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &farm.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &farm.size);
    farm.joined = 1;
    return 0;
#else
    /* Built without MPI: rank 0 does everything, the other ranks nothing. */
    farm.rank = launched_rank();
    if (farm.rank == 0)
        fprintf(stderr, "parley: warning: started under mpiexec, but this parley was built "
                        "without MPI: rank 0 does all the work\n");
    return 0;
#endif
}

void cli_farm_end(void)
{
#ifdef PARLEY_HAVE_MPI
    if (farm.joined)
        MPI_Finalize();
#endif
    farm.joined = 0;
    farm.rank = 0;
    farm.size = 1;
}

/* ---- computing a chunk with the thread pool ---- */

typedef struct chunk_job {
    const size_t *ids;
    char **rows;
    cli_farm_task task;
    void *payload;
} chunk_job;

static void chunk_task(size_t k, void *payload)
{
    chunk_job *job = payload;
    job->rows[k] = job->task(job->ids[k], job->payload);
}

/* Rows of ids[0..count-1] into rows[]; -1 when a task ran out of memory. */
static int compute_chunk(pl_pool *pool, const size_t *ids, size_t count, char **rows,
                         cli_farm_task task, void *payload)
{
    chunk_job job = {ids, rows, task, payload};
    double t = seconds();
    pl_pool_for(pool, count, chunk_task, &job);
    farm.stats.computing += seconds() - t;
    farm.stats.tasks += count;
    for (size_t k = 0; k < count; k++)
        if (rows[k] == NULL)
            return -1;
    return 0;
}

static size_t guided_chunk(size_t remaining, size_t workers)
{
    size_t c = remaining / (4 * workers);
    return c < 1 ? 1 : c > FARM_MAX_CHUNK ? FARM_MAX_CHUNK : c;
}

/* ---- the coordinator's bookkeeping (rank 0) ---- */

typedef struct coordinator {
    const size_t *ids;
    size_t n;
    char **rows;        /* rows not yet emitted */
    size_t next;        /* first position not handed out */
    size_t limit;       /* hand out positions below it: n, or less after a failure */
    size_t received;    /* positions whose rows are in */
    size_t emitted;     /* positions [0, emitted) went to the sink */
    cli_farm_sink sink;
    void *payload;
    int status;         /* the sink's nonzero value, or -1 */
} coordinator;

/* Pass every row whose predecessors are all in to the sink, in order. */
static void emit_ready(coordinator *c)
{
    while (c->emitted < c->n && c->rows[c->emitted] != NULL) {
        size_t k = c->emitted++;
        if (c->status == 0)
            c->status = c->sink(k, c->ids[k], c->rows[k], c->payload);
        free(c->rows[k]);
        c->rows[k] = NULL;
        if (c->status != 0)
            c->limit = c->next; /* hand out nothing more */
    }
}

static int run_alone(coordinator *c, pl_pool *pool, int threads, cli_farm_task task,
                     void *payload)
{
    while (c->next < c->limit) {
        size_t count = guided_chunk(c->n - c->next, 1);
        if (count < (size_t)threads * 4)
            count = (size_t)threads * 4;
        if (count > c->limit - c->next)
            count = c->limit - c->next;
        size_t k0 = c->next;
        c->next += count;
        if (compute_chunk(pool, c->ids + k0, count, c->rows + k0, task, payload) != 0)
            return -1;
        emit_ready(c);
    }
    return c->status;
}

#ifdef PARLEY_HAVE_MPI
enum { TAG_ASK = 1, TAG_WORK = 2, TAG_STOP = 3, TAG_ROWS = 4 };

/* Requests a worker keeps open: two, so that while it computes one chunk the next is
 * already on its way, even when rank 0 answers only after a task of its own. */
#define ASKS_AHEAD 2

/* Rank 0 answers a request: the next chunk, or stop. */
static void answer(coordinator *c, int worker, size_t *stopped)
{
    if (c->next >= c->limit) {
        MPI_Send(NULL, 0, MPI_BYTE, worker, TAG_STOP, MPI_COMM_WORLD);
        (*stopped)++;
        return;
    }
    size_t count = guided_chunk(c->n - c->next, (size_t)farm.size);
    if (count > c->limit - c->next)
        count = c->limit - c->next;
    uint64_t message[2 + FARM_MAX_CHUNK];
    message[0] = c->next;
    message[1] = count;
    for (size_t k = 0; k < count; k++)
        message[2 + k] = c->ids[c->next + k];
    c->next += count;
    MPI_Send(message, (int)(2 + count), MPI_UINT64_T, worker, TAG_WORK, MPI_COMM_WORLD);
}

/* A chunk's rows: u64 first position, count, each row's length; then the texts. */
static int take_rows(coordinator *c, const MPI_Status *probe)
{
    int bytes = 0;
    MPI_Get_count(probe, MPI_BYTE, &bytes);
    unsigned char *buffer = malloc(bytes > 0 ? (size_t)bytes : 1);
    if (buffer == NULL)
        return -1;
    MPI_Recv(buffer, bytes, MPI_BYTE, probe->MPI_SOURCE, TAG_ROWS, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    uint64_t head[2];
    memcpy(head, buffer, sizeof head);
    const unsigned char *lengths = buffer + sizeof head;
    const char *text = (const char *)(lengths + head[1] * sizeof(uint64_t));
    for (size_t k = 0; k < head[1]; k++) {
        uint64_t length;
        memcpy(&length, lengths + k * sizeof length, sizeof length);
        char *row = malloc(length + 1);
        if (row == NULL) {
            free(buffer);
            return -1;
        }
        memcpy(row, text, length);
        row[length] = '\0';
        text += length;
        c->rows[head[0] + k] = row;
    }
    c->received += head[1];
    free(buffer);
    emit_ready(c);
    return 0;
}

static int handle(coordinator *c, const MPI_Status *probe, size_t *stopped)
{
    int bytes = 0;
    MPI_Get_count(probe, MPI_BYTE, &bytes);
    farm.stats.messages += probe->MPI_TAG == TAG_ASK ? 2 : 1; /* a request and its answer */
    farm.stats.bytes += (size_t)bytes;
    if (probe->MPI_TAG == TAG_ASK) {
        MPI_Recv(NULL, 0, MPI_BYTE, probe->MPI_SOURCE, TAG_ASK, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE);
        answer(c, probe->MPI_SOURCE, stopped);
        return 0;
    }
    return take_rows(c, probe);
}

static int coordinate(coordinator *c, pl_pool *pool, int threads, cli_farm_task task,
                      void *payload)
{
    size_t stopped = 0, workers = (size_t)farm.size - 1;
    int failed = 0;
    /* Each worker keeps ASKS_AHEAD requests open: it is done once it has had that many stops. */
    workers *= ASKS_AHEAD;
    while (!failed && (c->next < c->limit || c->received < c->next || stopped < workers)) {
        int waiting = 1;
        MPI_Status probe;
        double t_wait = seconds();
        while (!failed && waiting) {
            MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &waiting, &probe);
            if (waiting)
                failed = handle(c, &probe, &stopped) != 0;
        }
        if (failed)
            break;
        farm.stats.communicating += seconds() - t_wait;
        if (c->next < c->limit) {
            /* Rank 0's own share: small chunks, so it answers requests promptly. */
            size_t count = (size_t)threads;
            if (count > c->limit - c->next)
                count = c->limit - c->next;
            size_t k0 = c->next;
            c->next += count;
            failed = compute_chunk(pool, c->ids + k0, count, c->rows + k0, task, payload) != 0;
            c->received += count;
            emit_ready(c);
        } else if (c->received < c->next || stopped < workers) {
            t_wait = seconds();
            MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &probe);
            failed = handle(c, &probe, &stopped) != 0;
            farm.stats.communicating += seconds() - t_wait;
        }
    }
    if (failed)
        MPI_Abort(MPI_COMM_WORLD, 1);
    return c->status;
}

/* The worker's rows in flight: sent without waiting (MPI_Isend), so that the
 * worker computes its next chunk while rank 0, busy with a task of its own, has
 * not yet taken them; completed before the next send. */
typedef struct outgoing {
    unsigned char *buffer;
    MPI_Request request;
} outgoing;

static void finish_sending(outgoing *out)
{
    if (out->buffer == NULL)
        return;
    double t = seconds();
    MPI_Wait(&out->request, MPI_STATUS_IGNORE);
    farm.stats.communicating += seconds() - t;
    free(out->buffer);
    out->buffer = NULL;
}

static int send_rows(const uint64_t *head, char **rows, outgoing *out)
{
    size_t count = head[1], bytes = 2 * sizeof(uint64_t) + count * sizeof(uint64_t);
    for (size_t k = 0; k < count; k++)
        bytes += strlen(rows[k]);
    unsigned char *buffer = malloc(bytes);
    if (buffer == NULL || bytes > (size_t)INT32_MAX) {
        free(buffer);
        return -1;
    }
    memcpy(buffer, head, 2 * sizeof(uint64_t));
    unsigned char *at = buffer + 2 * sizeof(uint64_t), *text = at + count * sizeof(uint64_t);
    for (size_t k = 0; k < count; k++) {
        uint64_t length = strlen(rows[k]);
        memcpy(at + k * sizeof length, &length, sizeof length);
        memcpy(text, rows[k], length);
        text += length;
    }
    finish_sending(out);
    MPI_Isend(buffer, (int)bytes, MPI_BYTE, 0, TAG_ROWS, MPI_COMM_WORLD, &out->request);
    out->buffer = buffer;
    farm.stats.messages++;
    farm.stats.bytes += bytes;
    return 0;
}

static int work(pl_pool *pool, cli_farm_task task, void *payload)
{
    uint64_t message[2 + FARM_MAX_CHUNK];
    size_t ids[FARM_MAX_CHUNK];
    char *rows[FARM_MAX_CHUNK];
    outgoing out = {NULL, MPI_REQUEST_NULL};
    int stops = 0;
    for (int k = 0; k < ASKS_AHEAD; k++)
        MPI_Send(NULL, 0, MPI_BYTE, 0, TAG_ASK, MPI_COMM_WORLD);
    for (;;) {
        MPI_Status status;
        double t = seconds();
        MPI_Recv(message, 2 + FARM_MAX_CHUNK, MPI_UINT64_T, 0, MPI_ANY_TAG, MPI_COMM_WORLD,
                 &status);
        farm.stats.communicating += seconds() - t;
        farm.stats.messages += 2; /* the request and this answer */
        if (status.MPI_TAG == TAG_STOP) { /* every later answer is a stop too */
            if (++stops < ASKS_AHEAD)
                continue;
            finish_sending(&out);
            return 0;
        }
        MPI_Send(NULL, 0, MPI_BYTE, 0, TAG_ASK, MPI_COMM_WORLD); /* keep ASKS_AHEAD open */
        size_t count = message[1];
        for (size_t k = 0; k < count; k++)
            ids[k] = message[2 + k];
        int rc = compute_chunk(pool, ids, count, rows, task, payload);
        if (rc == 0)
            rc = send_rows(message, rows, &out);
        for (size_t k = 0; k < count; k++)
            free(rows[k]);
        if (rc != 0) {
            fprintf(stderr, "parley: error: out of memory on rank %d\n", farm.rank);
            MPI_Abort(MPI_COMM_WORLD, 1);
        }
    }
}
#endif

int cli_farm_run(const size_t *ids, size_t n, int threads, cli_farm_task task,
                 cli_farm_sink sink, void *payload)
{
    pl_pool *pool = NULL;
    if (threads < 1)
        threads = 1;
    if (pl_pool_new(&pool, threads) != 0) {
        fprintf(stderr, "parley: error: out of memory\n");
        return -1;
    }
    int rc = 0;
#ifdef PARLEY_HAVE_MPI
    farm.stats.start = seconds();
    if (farm.joined && farm.rank != 0) {
        rc = work(pool, task, payload);
        pl_pool_free(pool);
        report_stats();
        return rc;
    }
#endif
    if (farm.rank != 0) { /* a rank of an mpiexec job in a build without MPI */
        pl_pool_free(pool);
        return 0;
    }
    coordinator c = {ids, n, calloc(n + 1, sizeof(char *)), 0, n, 0, 0, sink, payload, 0};
    if (c.rows == NULL)
        rc = -1;
#ifdef PARLEY_HAVE_MPI
    else if (farm.joined)
        rc = coordinate(&c, pool, threads, task, payload);
#endif
    else
        rc = run_alone(&c, pool, threads, task, payload);
    if (rc == -1)
        fprintf(stderr, "parley: error: out of memory\n");
    for (size_t k = 0; c.rows != NULL && k < n; k++)
        free(c.rows[k]);
    free(c.rows);
    pl_pool_free(pool);
    report_stats();
    return rc;
}
