/*
 * serve.h - `parley serve`: the analyst's workbench over HTTP (docs/serve.md).
 *
 * The server is in three layers, so that everything a request can reach runs
 * without a socket (the fuzz target tests/fuzz/fuzz_serve_request.c calls
 * serve_handle() directly):
 *   - serve_http.c: libmicrohttpd; gathers method, path, headers, query and
 *     body into a serve_request, sends the serve_response (or streams a
 *     simulation as server-sent events);
 *   - serve_route.c: the checks every request passes (Host, token, Origin,
 *     body limit) and the routing table;
 *   - serve_api.c, serve_workspace.c, serve_simulate.c: the endpoints.
 * Nothing here prints except cmd_serve.c; the library does the analysis.
 */
#ifndef PARLEY_SERVE_H
#define PARLEY_SERVE_H

#include <pthread.h>
#include <stddef.h>

#include <jansson.h>

#include "parley/parley.h"

/** Largest request body, in bytes (docs/serve.md, "Security"): larger gets 413. */
#define SERVE_MAX_BODY (16u * 1024u * 1024u)
/** Most requests handled at once; one more gets 503 (docs/serve.md). */
#define SERVE_MAX_ACTIVE 16
/** Most connections open at once (libmicrohttpd refuses more). */
#define SERVE_MAX_CONNECTIONS 64
/** Most Monte Carlo runs one /api/simulate may ask for. */
#define SERVE_MAX_RUNS 1000000
/** Characters of the token: 32 bytes of getrandom() in hex, 256 bits. */
#define SERVE_TOKEN_CHARS 64

/** A file of the web app compiled into the binary (generated serve_assets.c). */
typedef struct serve_asset {
    const char *path;          /**< "/index.html" */
    const char *mime;          /**< Content-Type */
    const unsigned char *data;
    size_t size;
} serve_asset;
extern const serve_asset serve_assets[];
extern const size_t serve_n_assets;

/** What the server serves; set up by cmd_serve.c, read-only while serving but `lock`. */
typedef struct serve_server {
    char token[SERVE_TOKEN_CHARS + 1];
    char host[256];      /**< as served: "127.0.0.1", "::1", "0.0.0.0" */
    unsigned port;
    int loopback;        /**< bound to a loopback address: localhost:PORT is accepted too */
    char cookie_name[48];
    /** The scenario given on the command line (or the default, or the latest version). */
    char *scenario_json; /**< native JSON text */
    char *scenario_source;
    /** The workspace folder (absolute, no symlink); created on first save when missing. */
    char *workspace;
    pthread_mutex_t lock; /**< guards the counters below */
    pthread_mutex_t save_lock; /**< one version saved at a time (unique ids) */
    int writes;           /**< writes in flight, under `lock` */
    pthread_cond_t idle;  /**< signalled when `writes` drops to 0 */
    int active;           /**< requests being handled, under `lock` (SERVE_MAX_ACTIVE) */
    /** Lower bounds for the fuzz target (0: the defaults): Monte Carlo runs and steps. */
    unsigned max_runs, max_steps;
    int no_settlement;    /**< nonzero: ?settlement=1 is ignored (the fuzz target) */
    int stopping;         /**< under `lock`: SIGINT/SIGTERM came; running simulations stop */
} serve_server;

/** A name and value (a header, a query argument). */
typedef struct serve_pair {
    const char *name, *value;
} serve_pair;

typedef struct serve_request {
    const char *method;            /**< "GET", "POST", ... */
    const char *path;              /**< without the query, percent-decoded */
    const serve_pair *headers;
    size_t n_headers;
    const serve_pair *query;       /**< decoded query arguments */
    size_t n_query;
    const char *body;              /**< NUL-terminated; may be NULL when empty */
    size_t body_size;
    int body_too_large;            /**< the body passed SERVE_MAX_BODY (it was dropped) */
} serve_request;

struct serve_simulation;

typedef struct serve_response {
    int status;
    const char *content_type;       /**< a static string */
    char *body;                     /**< malloc'd, or NULL when static_body is used */
    const unsigned char *static_body;
    size_t size;
    int asset;                      /**< an asset: cacheable and with the CSP */
    int set_cookie;                 /**< nonzero: set the token cookie */
    /** POST /api/simulate with Accept: text/event-stream: stream this job. */
    struct serve_simulation *stream;
    char location[160];             /**< a Location header (201), or "" */
} serve_response;

/** Handle one request; never fails (errors are responses). Free with serve_response_free. */
void serve_handle(serve_server *server, const serve_request *request, serve_response *response);
void serve_response_free(serve_response *response);

/* Helpers for the endpoints (serve_route.c). */
const char *serve_header(const serve_request *request, const char *name);
const char *serve_query(const serve_request *request, const char *name);
/** A JSON document as the response (indent 2), taking the reference. 500 when NULL. */
void serve_json(serve_response *response, int status, json_t *document);
/** {"error": MESSAGE} with `status`. */
void serve_error(serve_response *response, int status, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/**
 * The validation errors of a scenario text as the 400 body: {"errors": [{"path", "line",
 * "col", "message"}]}, the messages of `parley validate`. One place to change when the
 * library collects every error (pl_check_scenario, branch sheets15).
 */
json_t *serve_validation_errors(const pl_diag *diag);

/**
 * Read a scenario from a request body (any format parley reads; `source` names it in
 * errors). On failure fills `response` with 400 (or 500 out of memory) and returns NULL.
 */
pl_scenario *serve_read_scenario(const char *source, const char *data, size_t size,
                                 serve_response *response);

/* The endpoints. */
void serve_api_scenario(serve_server *server, const serve_request *request, serve_response *r);
void serve_api_analyze(serve_server *server, const serve_request *request, serve_response *r);
void serve_api_validate(serve_server *server, const serve_request *request, serve_response *r);
void serve_api_charts(serve_server *server, const serve_request *request, serve_response *r);
void serve_api_convert(serve_server *server, const serve_request *request, serve_response *r);
void serve_api_import(serve_server *server, const serve_request *request, serve_response *r);
void serve_api_simulate(serve_server *server, const serve_request *request, serve_response *r);
void serve_api_workspace(serve_server *server, const serve_request *request, serve_response *r);
void serve_api_workspace_file(serve_server *server, const serve_request *request,
                              const char *name, serve_response *r);
void serve_api_versions(serve_server *server, const serve_request *request, serve_response *r);
void serve_api_version(serve_server *server, const serve_request *request, const char *id,
                       serve_response *r);
void serve_api_timeline(serve_server *server, const serve_request *request, serve_response *r);
void serve_api_diff(serve_server *server, const serve_request *request, serve_response *r);

/** A version id or file name that stays in its folder: [A-Za-z0-9._-], no leading dot. */
int serve_safe_name(const char *name);

/**
 * The newest version of the workspace (by date, then id) as native JSON text (free()),
 * or NULL when there is none; for the scenario `parley serve DIR` starts with.
 */
char *serve_latest_version(const char *workspace, char **id_out);

/* Streaming a simulation (serve_simulate.c). */
/** Start the job's worker thread; 0 on success. */
int serve_simulation_start(struct serve_simulation *job);
/**
 * Copy up to `max` bytes of events into `buffer`, waiting for them; the count, or -1
 * once everything was sent.
 */
long serve_simulation_read(struct serve_simulation *job, char *buffer, size_t max);
/** Cancel (the client left) and free the job; joins the worker thread. */
void serve_simulation_free(struct serve_simulation *job);

/* The HTTP layer (serve_http.c). */
struct MHD_Daemon;
/**
 * Listen on server->host:server->port (port 0: a free one, written back). Fills `message`
 * and returns NULL when the address cannot be bound.
 */
struct MHD_Daemon *serve_http_start(serve_server *server, char *message, size_t size);
void serve_http_stop(struct MHD_Daemon *daemon);

#endif
