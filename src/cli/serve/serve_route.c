/*
 * serve_route.c - what every request of `parley serve` goes through: the Host
 * check (DNS rebinding), the token, the Origin check on writes, the body
 * limit, then the routing table (docs/serve.md, "Security" and "API").
 *
 * No sockets here: serve_handle() takes a request already gathered, so the
 * fuzz target can call it directly.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "serve.h"

const char *serve_header(const serve_request *request, const char *name)
{
    for (size_t k = 0; k < request->n_headers; k++)
        if (request->headers[k].name && strcasecmp(request->headers[k].name, name) == 0)
            return request->headers[k].value ? request->headers[k].value : "";
    return NULL;
}

const char *serve_query(const serve_request *request, const char *name)
{
    for (size_t k = 0; k < request->n_query; k++)
        if (request->query[k].name && strcmp(request->query[k].name, name) == 0)
            return request->query[k].value ? request->query[k].value : "";
    return NULL;
}

void serve_response_free(serve_response *response)
{
    free(response->body);
    response->body = NULL;
    if (response->stream)
        serve_simulation_free(response->stream);
    response->stream = NULL;
}

void serve_json(serve_response *response, int status, json_t *document)
{
    char *text = document ? cli_json_text(document, 2) : NULL;
    json_decref(document);
    free(response->body);
    response->body = NULL;
    response->content_type = "application/json";
    if (text == NULL) {
        static const char oom[] = "{\"error\": \"out of memory\"}\n";
        response->status = 500;
        response->static_body = (const unsigned char *)oom;
        response->size = sizeof oom - 1;
        return;
    }
    size_t n = strlen(text);
    char *with_newline = realloc(text, n + 2);
    if (with_newline) {
        with_newline[n++] = '\n';
        with_newline[n] = '\0';
        text = with_newline;
    }
    response->status = status;
    response->body = text;
    response->size = n;
}

void serve_error(serve_response *response, int status, const char *format, ...)
{
    char message[512];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    serve_json(response, status, json_pack("{s:s}", "error", message));
}

/* The field a semantic error names ("actors[2].capability: ..."), or "" for none. */
static void field_of(const char *message, char *field, size_t size)
{
    size_t n = 0;
    while (message[n] && (isalnum((unsigned char)message[n]) || strchr("_.[]-", message[n])))
        n++;
    field[0] = '\0';
    if (n > 0 && n < size && message[n] == ':' && message[n + 1] == ' ') {
        memcpy(field, message, n);
        field[n] = '\0';
    }
}

json_t *serve_validation_errors(const pl_diag *diag)
{
    const char *source = diag->source[0] ? diag->source : "parley";
    const char *message = diag->message[0] ? diag->message : pl_strerror(diag->status);
    char field[256], line[PL_DIAG_MESSAGE_MAX + PL_DIAG_SOURCE_MAX + 64];
    field_of(message, field, sizeof field);
    /* The line `parley validate` prints (cli_print_diag). */
    if (diag->line > 0)
        snprintf(line, sizeof line, "%s:%d:%d: error: %s", source, diag->line,
                 diag->column > 0 ? diag->column : 1, message);
    else
        snprintf(line, sizeof line, "%s: error: %s", source, message);
    json_t *error = json_pack("{s:s, s:i, s:i, s:s, s:s, s:s}", "path", field, "line",
                              diag->line, "col", diag->line > 0 && diag->column < 1 ? 1
                                                                                   : diag->column,
                              "message", message, "source", source, "text", line);
    return json_pack("{s:[o]}", "errors", error);
}

pl_scenario *serve_read_scenario(const char *source, const char *data, size_t size,
                                 serve_response *response)
{
    pl_scenario *s = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    pl_diag_set_source(&diag, source);
    int rc = data ? pl_read_scenario(PL_FORMAT_UNKNOWN, source, data, size, &s, &diag)
                  : pl_diag_set(&diag, PL_ERR_SYNTAX, 0, 0, "the request has no body");
    if (rc == PL_OK)
        return s;
    if (rc == PL_ERR_NOMEM)
        serve_error(response, 500, "out of memory");
    else
        serve_json(response, 400, serve_validation_errors(&diag));
    return NULL;
}

/* Equal strings in a time that does not depend on where they differ. */
static int same_secret(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    unsigned char d = n != m;
    for (size_t k = 0; k < n; k++)
        d |= (unsigned char)(a[k] ^ b[k < m ? k : 0]);
    return d == 0;
}

/* The token of a Cookie header, "a=1; parley_token_PORT=T; b=2". */
static int cookie_has_token(const serve_server *server, const char *cookie)
{
    size_t name_length = strlen(server->cookie_name);
    while (cookie && *cookie) {
        while (*cookie == ' ' || *cookie == ';')
            cookie++;
        const char *end = strchr(cookie, ';');
        size_t length = end ? (size_t)(end - cookie) : strlen(cookie);
        if (length > name_length && strncmp(cookie, server->cookie_name, name_length) == 0 &&
            cookie[name_length] == '=') {
            char value[SERVE_TOKEN_CHARS + 2];
            size_t v = length - name_length - 1;
            if (v < sizeof value) {
                memcpy(value, cookie + name_length + 1, v);
                value[v] = '\0';
                if (same_secret(value, server->token))
                    return 1;
            }
        }
        cookie = end;
    }
    return 0;
}

/* 1 by ?token=, 2 by Authorization: Bearer, 3 by the cookie, 0 without a valid token. */
static int authorised(const serve_server *server, const serve_request *request)
{
    const char *query = serve_query(request, "token");
    if (query && same_secret(query, server->token))
        return 1;
    const char *bearer = serve_header(request, "Authorization");
    if (bearer && strncasecmp(bearer, "Bearer ", 7) == 0 && same_secret(bearer + 7, server->token))
        return 2;
    if (cookie_has_token(server, serve_header(request, "Cookie")))
        return 3;
    return 0;
}

/* `authority` ("HOST:PORT") is the address served, or localhost:PORT on loopback. */
static int served_authority(const serve_server *server, const char *authority)
{
    char expected[300];
    int ipv6 = strchr(server->host, ':') != NULL;
    snprintf(expected, sizeof expected, ipv6 ? "[%s]:%u" : "%s:%u", server->host, server->port);
    if (strcasecmp(authority, expected) == 0)
        return 1;
    if (!server->loopback)
        return 0;
    snprintf(expected, sizeof expected, "localhost:%u", server->port);
    return strcasecmp(authority, expected) == 0;
}

/* A write from a page of another origin (CSRF): the browser's Origin says so. */
static int foreign_origin(const serve_server *server, const serve_request *request)
{
    const char *origin = serve_header(request, "Origin");
    if (origin == NULL)
        return 0; /* not from a browser page (curl, scripts): the token decides */
    if (strncmp(origin, "http://", 7) != 0)
        return 1; /* "null", https, file: never ours */
    return !served_authority(server, origin + 7);
}

static int is_write(const char *method)
{
    return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 &&
           strcmp(method, "OPTIONS") != 0;
}

static const serve_asset *find_asset(const char *path)
{
    if (strcmp(path, "/") == 0)
        path = "/index.html";
    for (size_t k = 0; k < serve_n_assets; k++)
        if (strcmp(serve_assets[k].path, path) == 0)
            return &serve_assets[k];
    return NULL;
}

typedef void (*endpoint_fn)(serve_server *, const serve_request *, serve_response *);
typedef struct route {
    const char *method, *path;
    endpoint_fn handle;
} route;

static const route routes[] = {
    {"GET", "/api/scenario", serve_api_scenario},
    {"POST", "/api/analyze", serve_api_analyze},
    {"POST", "/api/validate", serve_api_validate},
    {"POST", "/api/charts", serve_api_charts},
    {"POST", "/api/convert", serve_api_convert},
    {"POST", "/api/import", serve_api_import},
    {"POST", "/api/simulate", serve_api_simulate},
    {"GET", "/api/workspace", serve_api_workspace},
    {"GET", "/api/versions", serve_api_versions},
    {"POST", "/api/versions", serve_api_versions},
    {"GET", "/api/timeline", serve_api_timeline},
    {"GET", "/api/diff", serve_api_diff},
};

/* /api/versions/ID and /api/workspace/NAME. */
static int route_with_name(serve_server *server, const serve_request *request,
                           serve_response *response)
{
    static const char versions[] = "/api/versions/", workspace[] = "/api/workspace/";
    const char *path = request->path;
    if (strncmp(path, versions, sizeof versions - 1) == 0) {
        if (strcmp(request->method, "GET") != 0)
            serve_error(response, 405, "use GET on %s", path);
        else
            serve_api_version(server, request, path + sizeof versions - 1, response);
        return 1;
    }
    if (strncmp(path, workspace, sizeof workspace - 1) == 0) {
        if (strcmp(request->method, "GET") != 0)
            serve_error(response, 405, "use GET on %s", path);
        else
            serve_api_workspace_file(server, request, path + sizeof workspace - 1, response);
        return 1;
    }
    return 0;
}

static void route_request(serve_server *server, const serve_request *request,
                          serve_response *response)
{
    const char *path = request->path;
    if (strncmp(path, "/api/", 5) != 0) {
        const serve_asset *asset = find_asset(path);
        if (asset == NULL) {
            serve_error(response, 404, "no such page");
            return;
        }
        if (strcmp(request->method, "GET") != 0 && strcmp(request->method, "HEAD") != 0) {
            serve_error(response, 405, "use GET on %s", path);
            return;
        }
        response->status = 200;
        response->content_type = asset->mime;
        response->static_body = asset->data;
        response->size = asset->size;
        response->asset = 1;
        return;
    }
    int path_known = 0;
    for (size_t k = 0; k < sizeof routes / sizeof routes[0]; k++) {
        if (strcmp(routes[k].path, path) != 0)
            continue;
        path_known = 1;
        if (strcmp(routes[k].method, request->method) == 0) {
            routes[k].handle(server, request, response);
            return;
        }
    }
    if (path_known)
        serve_error(response, 405, "method %s not allowed on %s", request->method, path);
    else if (!route_with_name(server, request, response))
        serve_error(response, 404, "no such endpoint: %s", path);
}

void serve_handle(serve_server *server, const serve_request *request, serve_response *response)
{
    memset(response, 0, sizeof *response);
    /* The Host first, whatever the token: a rebound DNS name must learn nothing. */
    const char *host = serve_header(request, "Host");
    if (host == NULL || !served_authority(server, host)) {
        serve_error(response, 403, "this server answers only to its own address");
        return;
    }
    int how = authorised(server, request);
    if (how == 0) {
        serve_error(response, 403, "a valid token is needed (the address printed at start)");
        return;
    }
    if (is_write(request->method) && foreign_origin(server, request)) {
        serve_error(response, 403, "writes from another origin are refused");
        return;
    }
    if (request->body_too_large) {
        serve_error(response, 413, "the request body is over the limit of %u bytes",
                    SERVE_MAX_BODY);
        return;
    }
    route_request(server, request, response);
    /* A page opened with ?token= gets the cookie, so the app's own requests need nothing. */
    if (how == 1 && response->status == 200 && response->asset)
        response->set_cookie = 1;
}
