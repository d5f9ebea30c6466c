/*
 * serve_http.c - the HTTP side of `parley serve`, on libmicrohttpd: one
 * thread per connection; the body gathered up to SERVE_MAX_BODY (the rest is
 * read and dropped, then 413); the request handed to serve_handle(); the
 * response sent with the security headers of docs/serve.md, or a simulation
 * streamed as server-sent events.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <microhttpd.h>

#include "serve.h"

/*
 * The policy of every response: scripts, styles and images of this origin
 * only (no CDN, no inline script); inline style attributes are allowed for
 * the report's SVG charts, data: images for exported pictures.
 */
static const char content_security_policy[] =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'";

typedef struct connection_state {
    char *body;
    size_t size, capacity;
    int too_large;
} connection_state;

typedef struct pair_list {
    serve_pair *pairs;
    size_t n, capacity;
    int failed;
} pair_list;

static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
    (void)kind;
    pair_list *list = cls;
    if (list->n == list->capacity) {
        size_t capacity = list->capacity ? 2 * list->capacity : 16;
        serve_pair *pairs = realloc(list->pairs, capacity * sizeof *pairs);
        if (pairs == NULL) {
            list->failed = 1;
            return MHD_NO;
        }
        list->pairs = pairs;
        list->capacity = capacity;
    }
    list->pairs[list->n++] = (serve_pair){key, value ? value : ""};
    return MHD_YES;
}

/* Append an upload chunk, or only count it once past the limit. */
static void gather(connection_state *state, const char *data, size_t size)
{
    if (state->too_large || size > SERVE_MAX_BODY - state->size) {
        state->too_large = 1;
        free(state->body);
        state->body = NULL;
        state->size = state->capacity = 0;
        return;
    }
    if (state->size + size + 1 > state->capacity) {
        size_t capacity = state->capacity ? state->capacity : 4096;
        while (capacity < state->size + size + 1)
            capacity *= 2;
        char *body = realloc(state->body, capacity);
        if (body == NULL) {
            state->too_large = 1; /* no memory for it: refused as too large */
            return;
        }
        state->body = body;
        state->capacity = capacity;
    }
    memcpy(state->body + state->size, data, size);
    state->size += size;
    state->body[state->size] = '\0';
}

static ssize_t stream_events(void *cls, uint64_t position, char *buffer, size_t max)
{
    (void)position;
    long n = serve_simulation_read(cls, buffer, max);
    return n < 0 ? MHD_CONTENT_READER_END_OF_STREAM : (ssize_t)n;
}

static void stream_done(void *cls)
{
    serve_simulation_free(cls);
}

static struct MHD_Response *make_response(serve_server *server, serve_response *r)
{
    struct MHD_Response *response = NULL;
    if (r->stream) {
        if (serve_simulation_start(r->stream) != 0) {
            serve_simulation_free(r->stream);
            r->stream = NULL;
            serve_error(r, 503, "cannot start the simulation");
        } else {
            response = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, stream_events,
                                                         r->stream, stream_done);
            if (response == NULL)
                serve_simulation_free(r->stream);
            r->stream = NULL; /* the response owns it now */
            if (response == NULL)
                return NULL;
            MHD_add_response_header(response, "Content-Type", "text/event-stream");
            MHD_add_response_header(response, "Cache-Control", "no-store");
            MHD_add_response_header(response, "X-Accel-Buffering", "no");
        }
    }
    if (response == NULL) {
        if (r->body) {
            response = MHD_create_response_from_buffer(r->size, r->body, MHD_RESPMEM_MUST_FREE);
            if (response)
                r->body = NULL;
        } else {
            response = MHD_create_response_from_buffer(r->size, (void *)r->static_body,
                                                       MHD_RESPMEM_PERSISTENT);
        }
        if (response == NULL)
            return NULL;
        if (r->content_type)
            MHD_add_response_header(response, "Content-Type", r->content_type);
        /* The app is compiled in: revalidate (cheap) rather than keep a stale copy. */
        MHD_add_response_header(response, "Cache-Control", r->asset ? "no-cache" : "no-store");
    }
    MHD_add_response_header(response, "Content-Security-Policy", content_security_policy);
    MHD_add_response_header(response, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(response, "X-Frame-Options", "DENY");
    MHD_add_response_header(response, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(response, "Cross-Origin-Resource-Policy", "same-origin");
    if (r->location[0])
        MHD_add_response_header(response, "Location", r->location);
    if (r->set_cookie) {
        char cookie[160];
        snprintf(cookie, sizeof cookie, "%s=%s; Path=/; HttpOnly; SameSite=Strict",
                 server->cookie_name, server->token);
        MHD_add_response_header(response, "Set-Cookie", cookie);
    }
    return response;
}

/* Take one more request slot; 0 when SERVE_MAX_ACTIVE are being handled. */
static int enter(serve_server *server)
{
    pthread_mutex_lock(&server->lock);
    int ok = server->active < SERVE_MAX_ACTIVE;
    if (ok)
        server->active++;
    pthread_mutex_unlock(&server->lock);
    return ok;
}

static void leave(serve_server *server)
{
    pthread_mutex_lock(&server->lock);
    server->active--;
    pthread_mutex_unlock(&server->lock);
}

static enum MHD_Result respond(serve_server *server, struct MHD_Connection *connection,
                               const char *url, const char *method, connection_state *state)
{
    pair_list headers = {0}, query = {0};
    MHD_get_connection_values(connection, MHD_HEADER_KIND, collect, &headers);
    MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, collect, &query);
    serve_request request = {method, url, headers.pairs, headers.n, query.pairs, query.n,
                             state->body, state->size, state->too_large};
    serve_response r;
    if (headers.failed || query.failed) {
        memset(&r, 0, sizeof r);
        serve_error(&r, 500, "out of memory");
    } else if (!enter(server)) {
        memset(&r, 0, sizeof r);
        serve_error(&r, 503, "too many requests at once (at most %d)", SERVE_MAX_ACTIVE);
    } else {
        serve_handle(server, &request, &r);
        leave(server);
    }
    free(headers.pairs);
    free(query.pairs);
    struct MHD_Response *response = make_response(server, &r);
    enum MHD_Result queued = MHD_NO;
    if (response != NULL) {
        queued = MHD_queue_response(connection, (unsigned)r.status, response);
        MHD_destroy_response(response);
    }
    serve_response_free(&r);
    return queued;
}

static enum MHD_Result access_handler(void *cls, struct MHD_Connection *connection,
                                      const char *url, const char *method, const char *version,
                                      const char *upload_data, size_t *upload_data_size,
                                      void **con_cls)
{
    (void)version;
    connection_state *state = *con_cls;
    if (state == NULL) {
        state = calloc(1, sizeof *state);
        if (state == NULL)
            return MHD_NO;
        *con_cls = state;
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        gather(state, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    return respond(cls, connection, url, method, state);
}

static void request_completed(void *cls, struct MHD_Connection *connection, void **con_cls,
                              enum MHD_RequestTerminationCode code)
{
    (void)cls;
    (void)connection;
    (void)code;
    connection_state *state = *con_cls;
    if (state) {
        free(state->body);
        free(state);
    }
    *con_cls = NULL;
}

static int is_loopback(const struct sockaddr *address)
{
    if (address->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)address;
        return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
    }
    if (address->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)address;
        static const unsigned char one[16] = {[15] = 1};
        return memcmp(in6->sin6_addr.s6_addr, one, 16) == 0;
    }
    return 0;
}

/* Bind and listen ourselves, so that a taken port gets a clear message. */
static int listen_on(serve_server *server, int *ipv6, char *message, size_t size)
{
    struct addrinfo hints = {0}, *found = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    char port[16];
    snprintf(port, sizeof port, "%u", server->port);
    int rc = getaddrinfo(server->host, port, &hints, &found);
    if (rc != 0) {
        snprintf(message, size, "cannot use host '%s': %s", server->host, gai_strerror(rc));
        return -1;
    }
    int fd = socket(found->ai_family, SOCK_STREAM, 0);
    int one = 1;
    if (fd >= 0)
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (fd < 0 || bind(fd, found->ai_addr, found->ai_addrlen) != 0 || listen(fd, 64) != 0) {
        int saved = errno;
        if (saved == EADDRINUSE)
            snprintf(message, size, "port %u on %s is taken (another server runs there); "
                     "choose another with --port N, or --port 0 for a free one",
                     server->port, server->host);
        else
            snprintf(message, size, "cannot listen on %s port %u: %s", server->host,
                     server->port, strerror(saved));
        if (fd >= 0)
            close(fd);
        freeaddrinfo(found);
        return -1;
    }
    *ipv6 = found->ai_family == AF_INET6;
    server->loopback = is_loopback(found->ai_addr);
    freeaddrinfo(found);
    struct sockaddr_storage bound;
    socklen_t length = sizeof bound;
    if (getsockname(fd, (struct sockaddr *)&bound, &length) == 0)
        server->port = ntohs(bound.ss_family == AF_INET6
                                 ? ((struct sockaddr_in6 *)&bound)->sin6_port
                                 : ((struct sockaddr_in *)&bound)->sin_port);
    return fd;
}

struct MHD_Daemon *serve_http_start(serve_server *server, char *message, size_t size)
{
    int ipv6 = 0;
    int fd = listen_on(server, &ipv6, message, size);
    if (fd < 0)
        return NULL;
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
                     MHD_USE_POLL | MHD_USE_ITC | (ipv6 ? MHD_USE_IPv6 : 0);
    struct MHD_Daemon *daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, access_handler, server, MHD_OPTION_LISTEN_SOCKET, fd,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVE_MAX_CONNECTIONS,
        MHD_OPTION_CONNECTION_TIMEOUT, 120u, MHD_OPTION_NOTIFY_COMPLETED, request_completed,
        NULL, MHD_OPTION_END);
    if (daemon == NULL) {
        snprintf(message, size, "cannot start the HTTP server on %s port %u", server->host,
                 server->port);
        close(fd);
    }
    return daemon;
}

void serve_http_stop(struct MHD_Daemon *daemon)
{
    MHD_stop_daemon(daemon);
}
