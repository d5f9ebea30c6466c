/*
 * serve_simulate.c - POST /api/simulate: the Monte Carlo of `parley simulate`
 * on a scenario sent by the app, as one JSON document, or with Accept:
 * text/event-stream as server-sent events (progress events, then one
 * `result` event) from a worker thread. The library's progress callback
 * (parley/progress.h) cancels the run when the client goes away or the
 * server stops.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "serve.h"
#include "simulation_report.h"

struct serve_simulation {
    serve_server *server;
    pl_scenario *scenario;
    pl_montecarlo_options mc;
    pl_agent *agents;
    pthread_t thread;
    int started;
    pthread_mutex_t lock;
    pthread_cond_t more;
    char *events;       /* text not yet sent starts at `sent` */
    size_t size, sent, capacity;
    int finished, cancelled;
    double reported;    /* the last fraction sent */
    double reported_at; /* when, in monotonic seconds */
};

/* Append an event (under the lock) and wake the reader. */
static void push_event(struct serve_simulation *job, const char *name, const char *data)
{
    size_t need = strlen(name) + strlen(data) + 32;
    pthread_mutex_lock(&job->lock);
    if (job->sent == job->size)
        job->sent = job->size = 0;
    if (job->size + need > job->capacity) {
        size_t capacity = job->capacity ? job->capacity : 1024;
        while (capacity < job->size + need)
            capacity *= 2;
        char *events = realloc(job->events, capacity);
        if (events != NULL) {
            job->events = events;
            job->capacity = capacity;
        }
    }
    if (job->size + need <= job->capacity)
        job->size += (size_t)snprintf(job->events + job->size, need, "event: %s\ndata: %s\n\n",
                                      name, data);
    pthread_cond_broadcast(&job->more);
    pthread_mutex_unlock(&job->lock);
}

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/*
 * The pl_progress_fn: an event per percent, and at least one every quarter of
 * a second, so that a client who left is noticed (the write fails) within about
 * half a second; nonzero cancels the run.
 */
static int report_progress(double fraction, void *payload)
{
    struct serve_simulation *job = payload;
    double now = seconds();
    if (fraction >= job->reported + 0.01 || now >= job->reported_at + 0.25 ||
        (fraction >= 1 && job->reported < 1)) {
        char data[64];
        snprintf(data, sizeof data, "{\"fraction\": %.4f}", fraction);
        push_event(job, "progress", data);
        job->reported = fraction;
        job->reported_at = now;
    }
    pthread_mutex_lock(&job->lock);
    int stop = job->cancelled || job->server->stopping;
    pthread_mutex_unlock(&job->lock);
    return stop;
}

/* Run the Monte Carlo; the document of `parley simulate --json`, or {"error"} in *status. */
static json_t *run_simulation(struct serve_simulation *job, int *status)
{
    pl_montecarlo *m = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_montecarlo_run(job->scenario, &job->mc, NULL, &m, &diag);
    if (rc != PL_OK) {
        *status = rc == PL_ERR_CANCELLED ? 499 : rc == PL_ERR_NOMEM ? 500 : 400;
        return json_pack("{s:s}", "error", diag.message[0] ? diag.message : pl_strerror(rc));
    }
    json_t *document = cli_simulate_document(job->scenario, &job->mc, m);
    pl_montecarlo_free(m);
    *status = document ? 200 : 500;
    return document ? document : json_pack("{s:s}", "error", "out of memory");
}

static void *worker(void *payload)
{
    struct serve_simulation *job = payload;
    int status = 0;
    json_t *document = run_simulation(job, &status);
    char *text = document ? json_dumps(document, JSON_COMPACT) : NULL;
    json_decref(document);
    push_event(job, status == 200 ? "result" : "error",
               text ? text : "{\"error\": \"out of memory\"}");
    free(text);
    pthread_mutex_lock(&job->lock);
    job->finished = 1;
    pthread_cond_broadcast(&job->more);
    pthread_mutex_unlock(&job->lock);
    return NULL;
}

int serve_simulation_start(struct serve_simulation *job)
{
    push_event(job, "progress", "{\"fraction\": 0}");
    if (pthread_create(&job->thread, NULL, worker, job) != 0)
        return -1;
    job->started = 1;
    return 0;
}

long serve_simulation_read(struct serve_simulation *job, char *buffer, size_t max)
{
    pthread_mutex_lock(&job->lock);
    while (job->sent == job->size && !job->finished)
        pthread_cond_wait(&job->more, &job->lock);
    long n = -1;
    if (job->sent < job->size) {
        size_t k = job->size - job->sent < max ? job->size - job->sent : max;
        memcpy(buffer, job->events + job->sent, k);
        job->sent += k;
        n = (long)k;
    }
    pthread_mutex_unlock(&job->lock);
    return n;
}

void serve_simulation_free(struct serve_simulation *job)
{
    if (job == NULL)
        return;
    pthread_mutex_lock(&job->lock);
    job->cancelled = 1;
    pthread_mutex_unlock(&job->lock);
    if (job->started)
        pthread_join(job->thread, NULL);
    pthread_mutex_destroy(&job->lock);
    pthread_cond_destroy(&job->more);
    pl_scenario_free(job->scenario);
    free(job->agents);
    free(job->events);
    free(job);
}

/* A whole number member in [low, high], or `fallback` when absent; -1 when invalid. */
static int whole(const json_t *body, const char *key, double low, double high, double *out)
{
    const json_t *v = json_object_get(body, key);
    if (v == NULL || json_is_null(v))
        return 0;
    double x = json_is_integer(v) ? (double)json_integer_value(v)
               : json_is_real(v)  ? json_real_value(v)
                                  : -1e300;
    if (!(x >= low && x <= high) || x != (double)(long long)x)
        return -1;
    *out = x;
    return 0;
}

/* "scenario", "runs", "seed", "steps", "protocol", "agents", "threads" into the job. */
static int settings(struct serve_simulation *job, const json_t *body, serve_response *r)
{
    pl_montecarlo_options *mc = &job->mc;
    pl_montecarlo_options_init(mc);
    mc->runs = 1000;
    double runs = 1000, seed = 1, steps = mc->simulation.steps, threads = 1;
    double max_runs = job->server->max_runs ? job->server->max_runs : SERVE_MAX_RUNS;
    double max_steps = job->server->max_steps ? job->server->max_steps : 1000000;
    if (whole(body, "runs", 1, max_runs, &runs) ||
        whole(body, "seed", 0, 9007199254740991.0, &seed) ||
        whole(body, "steps", 1, max_steps, &steps) || whole(body, "threads", 1, 8, &threads)) {
        serve_error(r, 400, "runs (1 to %.0f), seed (0 to 2^53-1), steps (1 to %.0f) and "
                            "threads (1 to 8) are whole numbers", max_runs, max_steps);
        return -1;
    }
    mc->runs = (size_t)runs;
    mc->seed = (unsigned long long)seed;
    mc->simulation.steps = (int)steps;
    mc->threads = (int)threads;
    const char *protocol = json_string_value(json_object_get(body, "protocol"));
    if (protocol && strcmp(protocol, "mediator") == 0)
        mc->simulation.protocol = PL_PROTOCOL_MEDIATOR;
    else if (protocol && strcmp(protocol, "sao") != 0) {
        serve_error(r, 400, "protocol is sao or mediator, not '%s'", protocol);
        return -1;
    }
    const char *agents = json_string_value(json_object_get(body, "agents"));
    size_t n = 0;
    if (agents && *agents) {
        job->agents = calloc(strlen(agents) + 1, sizeof *job->agents);
        char *copy = strdup(agents), *save = NULL;
        for (char *t = copy && job->agents ? strtok_r(copy, ",", &save) : NULL; t;
             t = strtok_r(NULL, ",", &save))
            if (pl_agent_parse(t, &job->agents[n++]) != PL_OK) {
                serve_error(r, 400, "unknown agent '%s' (the names of `parley simulate "
                                    "--help`)", t);
                free(copy);
                return -1;
            }
        free(copy);
        if (n > 1 && n != job->scenario->n_actors) {
            serve_error(r, 400, "%zu agents for %zu parties: give one for all or one per "
                                "party", n, job->scenario->n_actors);
            return -1;
        }
    }
    cli_simulation_horizon(job->scenario, NULL, mc);
    mc->simulation.agents = job->agents;
    mc->simulation.n_agents = n;
    return 0;
}

/* The job of a request, or NULL with `r` filled. */
static struct serve_simulation *new_job(serve_server *server, const serve_request *request,
                                        serve_response *r)
{
    json_error_t error;
    json_t *body = request->body ? json_loadb(request->body, request->body_size, 0, &error)
                                 : NULL;
    const json_t *scenario = json_object_get(body, "scenario");
    if (!json_is_object(scenario)) {
        serve_error(r, 400, "the body is {\"scenario\": {...}, \"runs\": R, \"seed\": X, ...}");
        json_decref(body);
        return NULL;
    }
    struct serve_simulation *job = calloc(1, sizeof *job);
    char *text = json_dumps(scenario, 0);
    if (job == NULL || text == NULL) {
        serve_error(r, 500, "out of memory");
        free(job);
        free(text);
        json_decref(body);
        return NULL;
    }
    pthread_mutex_init(&job->lock, NULL);
    pthread_cond_init(&job->more, NULL);
    job->server = server;
    job->scenario = serve_read_scenario("scenario", text, strlen(text), r);
    free(text);
    if (job->scenario == NULL || settings(job, body, r) != 0) {
        serve_simulation_free(job);
        job = NULL;
    }
    json_decref(body);
    return job;
}

void serve_api_simulate(serve_server *server, const serve_request *request, serve_response *r)
{
    struct serve_simulation *job = new_job(server, request, r);
    if (job == NULL)
        return;
    const char *accept = serve_header(request, "Accept");
    if (accept && strstr(accept, "text/event-stream")) {
        job->mc.progress = (pl_progress){report_progress, job};
        r->status = 200;
        r->stream = job;
        return;
    }
    job->mc.progress = (pl_progress){report_progress, job}; /* stops with the server */
    int status = 0;
    json_t *document = run_simulation(job, &status);
    serve_json(r, status, document);
    serve_simulation_free(job);
}
