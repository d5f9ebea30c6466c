/*
 * fuzz_serve_request.c - fuzz the request handling of `parley serve`
 * (serve_handle(): the Host, token and Origin checks, the routing and every
 * endpoint) without a socket. The input is a request as text:
 *
 *     METHOD PATH[?QUERY]
 *     Name: value            (headers, one a line)
 *                            (an empty line)
 *     body
 *
 * The path and query are percent-decoded as libmicrohttpd does. The server
 * serves 127.0.0.1:8765 with a fixed token and a workspace that does not
 * exist (nothing is written anywhere); simulations are capped at 10 runs of
 * 200 steps and settlement curves are off, so every input stays fast.
 * Checked on every input: the status is one the API documents; a request
 * without the served Host or without the token anywhere in it gets 403; a
 * JSON answer is valid JSON.
 */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "fuzz.h"
#include "serve.h"

/* A finding: abort (CHECK() is compiled out of the release builds that replay the corpus). */
#define CHECK(condition)                                                                    \
    do {                                                                                    \
        if (!(condition)) {                                                                 \
            fprintf(stderr, "fuzz_serve_request: %s fails\n", #condition);                  \
            abort();                                                                        \
        }                                                                                   \
    } while (0)

#define TOKEN "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static serve_server *server(void)
{
    static serve_server s;
    static int ready;
    if (!ready) {
        extern const char pl_default_scenario_json[];
        memcpy(s.token, TOKEN, sizeof TOKEN);
        strcpy(s.host, "127.0.0.1");
        s.port = 8765;
        s.loopback = 1;
        strcpy(s.cookie_name, "parley_token_8765");
        s.scenario_json = (char *)pl_default_scenario_json;
        s.workspace = (char *)"/nonexistent/parley-fuzz-workspace";
        s.max_runs = 10;
        s.max_steps = 200;
        s.no_settlement = 1;
        pthread_mutex_init(&s.lock, NULL);
        pthread_mutex_init(&s.save_lock, NULL);
        pthread_cond_init(&s.idle, NULL);
        ready = 1;
    }
    return &s;
}

static int hex(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Percent-decode in place ('+' is a space in a query). */
static void decode(char *text, int query)
{
    char *out = text;
    for (char *in = text; *in; in++) {
        if (*in == '%' && hex(in[1]) >= 0 && hex(in[2]) >= 0) {
            *out++ = (char)(hex(in[1]) * 16 + hex(in[2]));
            in += 2;
        } else {
            *out++ = query && *in == '+' ? ' ' : *in;
        }
    }
    *out = '\0';
}

/* Split "a=1&b=2" into pairs (in place). */
static size_t split_query(char *query, serve_pair *pairs, size_t max)
{
    size_t n = 0;
    for (char *save = NULL, *t = strtok_r(query, "&", &save); t && n < max;
         t = strtok_r(NULL, "&", &save)) {
        char *eq = strchr(t, '=');
        if (eq)
            *eq = '\0';
        decode(t, 1);
        if (eq)
            decode(eq + 1, 1);
        pairs[n++] = (serve_pair){t, eq ? eq + 1 : ""};
    }
    return n;
}

static int documented(int status)
{
    static const int known[] = {200, 201, 400, 403, 404, 405, 413, 422, 499, 500, 503};
    for (size_t k = 0; k < sizeof known / sizeof known[0]; k++)
        if (status == known[k])
            return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_exact_copy(data, size), *copy = malloc(size + 1);
    if (text == NULL || copy == NULL) {
        free(text);
        free(copy);
        return 0;
    }
    memcpy(copy, data, size);
    copy[size] = '\0';
    /* The head ends at the first empty line; the rest is the body. */
    char *body = strstr(copy, "\n\n");
    size_t body_size = 0;
    if (body) {
        *body = '\0';
        body += 2;
        body_size = size - (size_t)(body - copy);
    }
    serve_pair headers[32], query[32];
    size_t n_headers = 0, n_query = 0;
    char *save = NULL, *line = strtok_r(copy, "\n", &save);
    char *method = line ? line : (char *)"GET", *path = (char *)"/";
    char *space = line ? strchr(line, ' ') : NULL;
    if (space) {
        *space = '\0';
        path = space + 1;
        char *q = strchr(path, '?');
        if (q) {
            *q = '\0';
            n_query = split_query(q + 1, query, 32);
        }
        decode(path, 0);
    }
    for (line = strtok_r(NULL, "\n", &save); line && n_headers < 32;
         line = strtok_r(NULL, "\n", &save)) {
        char *colon = strchr(line, ':');
        if (colon == NULL)
            continue;
        *colon = '\0';
        char *value = colon + 1;
        while (*value == ' ')
            value++;
        headers[n_headers++] = (serve_pair){line, value};
    }
    serve_request request = {method, path, headers, n_headers, query, n_query,
                             body, body_size, body_size > SERVE_MAX_BODY};
    serve_response response;
    serve_handle(server(), &request, &response);
    if (getenv("FUZZ_SERVE_VERBOSE"))
        fprintf(stderr, "%s %s -> %d\n", method, path, response.status);
    CHECK(documented(response.status));
    const char *host = serve_header(&request, "Host");
    int served_host = host && (strcmp(host, "127.0.0.1:8765") == 0 ||
                               strcasecmp(host, "localhost:8765") == 0);
    /* Without the served Host, or without the token anywhere in the input: 403. */
    int token = memmem(text, size, TOKEN, sizeof TOKEN - 1) != NULL;
    for (size_t k = 0; k < n_query; k++)
        token |= strstr(query[k].value, TOKEN) != NULL; /* percent-encoded in the input */
    if (!served_host || !token)
        CHECK(response.status == 403);
    if (response.body && response.content_type &&
        strcmp(response.content_type, "application/json") == 0) {
        json_t *parsed = json_loadb(response.body, response.size, 0, NULL);
        CHECK(parsed != NULL);
        json_decref(parsed);
    }
    serve_response_free(&response);
    free(text);
    free(copy);
    return 0;
}
