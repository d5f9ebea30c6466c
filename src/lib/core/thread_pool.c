/*
 * thread_pool.c - a pthread pool for data-parallel loops (parley/threads.h).
 *
 * Workers sleep on a condition variable until pl_pool_for publishes a job
 * (a new generation number); then every thread, the caller included, takes
 * indices from a shared atomic counter until none is left. The caller waits
 * until every worker has reported the generation done.
 */
#include <pthread.h>
#include <stdatomic.h>

#include "core/internal.h"
#include "parley/threads.h"

struct pl_pool {
    int n_threads;
    int n_workers;           /* threads started (n_threads - 1 once running) */
    pthread_t *workers;
    pthread_mutex_t lock;
    pthread_cond_t wake;     /* a job was published, or stop */
    pthread_cond_t finished; /* the last worker finished the job */
    unsigned long generation;
    int busy;                /* workers still on the current job */
    int stop;
    size_t n;
    void (*task)(size_t, void *);
    void *payload;
    atomic_size_t next;
};

/* Take indices until the job is exhausted. */
static void run_indices(pl_pool *p)
{
    for (;;) {
        size_t index = atomic_fetch_add(&p->next, 1);
        if (index >= p->n)
            return;
        p->task(index, p->payload);
    }
}

static void *worker_main(void *argument)
{
    pl_pool *p = argument;
    unsigned long seen = 0;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->stop && p->generation == seen)
            pthread_cond_wait(&p->wake, &p->lock);
        if (p->stop)
            break;
        seen = p->generation;
        pthread_mutex_unlock(&p->lock);
        run_indices(p);
        pthread_mutex_lock(&p->lock);
        if (--p->busy == 0)
            pthread_cond_signal(&p->finished);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

int pl_pool_new(pl_pool **out, int threads)
{
    if (out == NULL)
        return PL_ERR_ARGUMENT;
    *out = NULL;
    if (threads < 1 || threads > PL_POOL_MAX_THREADS)
        return PL_ERR_ARGUMENT;
    pl_pool *p = pli_calloc(1, sizeof *p);
    if (p == NULL)
        return PL_ERR_NOMEM;
    p->n_threads = threads;
    atomic_init(&p->next, 0);
    if (pthread_mutex_init(&p->lock, NULL) != 0) {
        pli_free(p);
        return PL_ERR_NOMEM;
    }
    if (pthread_cond_init(&p->wake, NULL) != 0) {
        pthread_mutex_destroy(&p->lock);
        pli_free(p);
        return PL_ERR_NOMEM;
    }
    if (pthread_cond_init(&p->finished, NULL) != 0) {
        pthread_cond_destroy(&p->wake);
        pthread_mutex_destroy(&p->lock);
        pli_free(p);
        return PL_ERR_NOMEM;
    }
    if (threads > 1) {
        p->workers = pli_calloc((size_t)threads - 1, sizeof *p->workers);
        if (p->workers == NULL) {
            pl_pool_free(p);
            return PL_ERR_NOMEM;
        }
        for (int t = 0; t < threads - 1; t++) {
            if (pthread_create(&p->workers[t], NULL, worker_main, p) != 0) {
                pl_pool_free(p);
                return PL_ERR_NOMEM;
            }
            p->n_workers++;
        }
    }
    *out = p;
    return PL_OK;
}

int pl_pool_threads(const pl_pool *pool)
{
    return pool ? pool->n_threads : 1;
}

int pl_pool_for(pl_pool *p, size_t n, void (*task)(size_t index, void *payload), void *payload)
{
    if (p == NULL || task == NULL)
        return PL_ERR_ARGUMENT;
    if (p->n_workers == 0 || n < 2) {
        for (size_t i = 0; i < n; i++)
            task(i, payload);
        return PL_OK;
    }
    pthread_mutex_lock(&p->lock);
    p->n = n;
    p->task = task;
    p->payload = payload;
    atomic_store(&p->next, 0);
    p->busy = p->n_workers;
    p->generation++;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
    run_indices(p);
    pthread_mutex_lock(&p->lock);
    while (p->busy > 0)
        pthread_cond_wait(&p->finished, &p->lock);
    pthread_mutex_unlock(&p->lock);
    return PL_OK;
}

void pl_pool_free(pl_pool *p)
{
    if (p == NULL)
        return;
    pthread_mutex_lock(&p->lock);
    p->stop = 1;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
    for (int t = 0; t < p->n_workers; t++)
        pthread_join(p->workers[t], NULL);
    pli_free(p->workers);
    pthread_cond_destroy(&p->finished);
    pthread_cond_destroy(&p->wake);
    pthread_mutex_destroy(&p->lock);
    pli_free(p);
}
