/*
 * cmd_serve.c - `parley serve [SCENARIO | DIR]`: the analyst's workbench, a
 * local web app over a small JSON API (docs/serve.md; src/cli/serve/). This
 * file parses the options, prepares what is served, prints the address and
 * waits for SIGINT or SIGTERM.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <microhttpd.h>

#include "cli.h"
#include "serve/serve.h"

extern char **environ;

typedef struct options {
    const char *port, *host, *workspace;
    int open, allow_remote;
} options;

static int take_option(const char *name, const char *value, void *payload)
{
    options *o = payload;
    if (strcmp(name, "port") == 0)
        o->port = value;
    else if (strcmp(name, "host") == 0)
        o->host = value;
    else if (strcmp(name, "workspace") == 0)
        o->workspace = value;
    else if (strcmp(name, "open") == 0)
        o->open = 1;
    else if (strcmp(name, "allow-remote") == 0)
        o->allow_remote = 1;
    else
        return -1;
    return 0;
}

static const cli_option option_table[] = {
    {"port", 1}, {"host", 1}, {"workspace", 1}, {"open", 0}, {"allow-remote", 0}, {NULL, 0},
};

/* 256 bits from the kernel's generator, in hex. */
static int make_token(char token[SERVE_TOKEN_CHARS + 1])
{
    unsigned char bytes[SERVE_TOKEN_CHARS / 2];
    size_t have = 0;
    while (have < sizeof bytes) {
        ssize_t n = getrandom(bytes + have, sizeof bytes - have, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        have += (size_t)n;
    }
    for (size_t k = 0; k < sizeof bytes; k++)
        snprintf(token + 2 * k, 3, "%02x", bytes[k]);
    return 0;
}

static int is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The workspace as an absolute path without symbolic links (its parent's, when missing). */
static char *absolute_workspace(const char *path)
{
    char *resolved = realpath(path, NULL);
    if (resolved != NULL)
        return is_directory(resolved) ? resolved : (free(resolved), NULL);
    if (errno != ENOENT)
        return NULL;
    char *a = strdup(path), *b = strdup(path);
    char *parent = a ? realpath(dirname(a), NULL) : NULL;
    char *result = NULL;
    if (parent && b) {
        const char *base = basename(b);
        size_t size = strlen(parent) + strlen(base) + 2;
        if (strcmp(base, ".") != 0 && strcmp(base, "..") != 0 && (result = malloc(size)))
            snprintf(result, size, "%s/%s", parent, base);
    }
    free(parent);
    free(a);
    free(b);
    return result;
}

/* The scenario served (native JSON text) and the default workspace. */
static int prepare(serve_server *server, const options *o, char **positional, int n)
{
    const char *workspace = o->workspace;
    char *folder = NULL;
    pl_scenario *s = NULL;
    int rc = EXIT_OK;
    if (n == 1 && is_directory(positional[0])) {
        if (workspace == NULL)
            workspace = positional[0];
    } else if (n == 1) {
        rc = cli_load_scenario((const char *const *)positional, 1, &s);
        if (rc == EXIT_OK && workspace == NULL) {
            folder = strdup(positional[0]);
            workspace = folder ? dirname(folder) : ".";
        }
    }
    if (rc == EXIT_OK && workspace == NULL)
        workspace = "parley-workspace"; /* created on the first save */
    if (rc == EXIT_OK && (server->workspace = absolute_workspace(workspace)) == NULL)
        rc = cli_usage_error("serve", "the workspace '%s' is not a usable folder", workspace);
    free(folder);
    if (rc != EXIT_OK)
        return rc;
    pl_diag diag;
    pl_diag_clear(&diag);
    if (s != NULL) {
        if (pl_write_parley_json(s, &server->scenario_json, &diag) != PL_OK)
            rc = cli_fail(diag.status, &diag);
        pl_scenario_free(s);
        return rc;
    }
    /* A folder opens on its newest version; otherwise the built-in default scenario. */
    char *id = NULL;
    server->scenario_json = serve_latest_version(server->workspace, &id);
    free(id);
    if (server->scenario_json == NULL)
        server->scenario_json = strdup(pl_default_scenario_json);
    return server->scenario_json ? EXIT_OK : EXIT_INTERNAL;
}

static int loopback_name(const char *host)
{
    return strncmp(host, "127.", 4) == 0 || strcmp(host, "::1") == 0 ||
           strcmp(host, "localhost") == 0;
}

/* --open: the desktop's browser, when xdg-open is there. */
static void open_browser(const char *url)
{
    char *argv[] = {"xdg-open", (char *)url, NULL};
    pid_t pid;
    if (posix_spawnp(&pid, "xdg-open", NULL, NULL, argv, environ) != 0)
        fprintf(stderr, "parley serve: no xdg-open here; open %s in a browser\n", url);
}

/* Wait for SIGINT or SIGTERM; then stop accepting, let writes finish, stop. */
static void serve_until_signal(serve_server *server, struct MHD_Daemon *daemon,
                               const sigset_t *signals)
{
    int signal_number = 0;
    sigwait(signals, &signal_number);
    pthread_mutex_lock(&server->lock);
    server->stopping = 1;
    pthread_mutex_unlock(&server->lock);
    MHD_socket listening = MHD_quiesce_daemon(daemon);
    if (listening != MHD_INVALID_SOCKET)
        close(listening);
    pthread_mutex_lock(&server->lock);
    while (server->writes > 0)
        pthread_cond_wait(&server->idle, &server->lock);
    pthread_mutex_unlock(&server->lock);
    serve_http_stop(daemon);
}

static int serve(const options *o, char **positional, int n)
{
    serve_server server;
    memset(&server, 0, sizeof server);
    unsigned long long port = 8765;
    int rc = cli_whole_option("serve", o->port, "port", 0, 65535, &port);
    if (rc != EXIT_OK)
        return rc;
    snprintf(server.host, sizeof server.host, "%s", o->host ? o->host : "127.0.0.1");
    server.port = (unsigned)port;
    if (!loopback_name(server.host) && !o->allow_remote)
        return cli_usage_error("serve", "--host %s serves other machines: add --allow-remote "
                                        "to mean it", server.host);
    if (n > 1)
        return cli_usage_error("serve", "give one scenario file or one folder");
    if (make_token(server.token) != 0) {
        cli_error("parley serve: error: no random numbers for the token");
        return EXIT_INTERNAL;
    }
    if ((rc = prepare(&server, o, positional, n)) != EXIT_OK) {
        free(server.workspace);
        return rc;
    }
    pthread_mutex_init(&server.lock, NULL);
    pthread_mutex_init(&server.save_lock, NULL);
    pthread_cond_init(&server.idle, NULL);
    /* Every thread inherits these blocked; the main thread takes them with sigwait(). */
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, NULL);
    signal(SIGPIPE, SIG_IGN);
    char message[512];
    struct MHD_Daemon *daemon = serve_http_start(&server, message, sizeof message);
    if (daemon == NULL) {
        cli_error("parley serve: error: %s", message);
        rc = EXIT_INTERNAL;
    } else {
        snprintf(server.cookie_name, sizeof server.cookie_name, "parley_token_%u", server.port);
        if (!server.loopback)
            fprintf(stderr, "parley serve: warning: listening on %s: anyone who can reach this "
                            "machine and learns the token can use the server\n", server.host);
        char url[512];
        snprintf(url, sizeof url, strchr(server.host, ':') ? "http://[%s]:%u/?token=%s"
                                                           : "http://%s:%u/?token=%s",
                 server.host, server.port, server.token);
        printf("parley serve: %s\n", url);
        fflush(stdout);
        if (o->open)
            open_browser(url);
        serve_until_signal(&server, daemon, &signals);
    }
    pthread_cond_destroy(&server.idle);
    pthread_mutex_destroy(&server.save_lock);
    pthread_mutex_destroy(&server.lock);
    free(server.scenario_json);
    free(server.workspace);
    return rc;
}

static int run(int argc, char **argv)
{
    int json = 0, done = 0, n = 0;
    char **positional = NULL;
    options o = {0};
    int rc = cli_parse(&cli_serve_command, argc, argv, option_table, take_option, &o, &json,
                       &positional, &n, &done);
    if (rc == EXIT_OK && !done)
        rc = serve(&o, positional, n);
    free(positional);
    return rc;
}

const cli_command cli_serve_command = {
    "serve",
    "the analyst's workbench: a local web app to edit a scenario and see the analysis live",
    "Usage: parley serve [SCENARIO | DIR] [--port N] [--host ADDR] [--workspace DIR] [--open]\n"
    "                    [--allow-remote]\n"
    "\n"
    "Serve the workbench, a web app compiled into parley, on http://HOST:PORT/. The first\n"
    "line on stdout is its address with the access token every request needs:\n"
    "  parley serve: http://127.0.0.1:8765/?token=TOKEN\n"
    "The app edits SCENARIO (a file in any format parley reads; default: the built-in\n"
    "scenario, or with DIR the newest version saved in it) and analyses it as you type.\n"
    "Versions are saved as native JSON files in WORKSPACE/versions/. SIGINT or SIGTERM\n"
    "stops the server once the writes under way are done (exit 0). docs/serve.md has the\n"
    "API and the security model.\n"
    "\n"
    "Options:\n"
    "  --port N           port (default 8765; 0 picks a free one)\n"
    "  --host ADDR        address to listen on (default 127.0.0.1)\n"
    "  --allow-remote     needed for an address other than loopback (0.0.0.0, say): other\n"
    "                     machines can then reach the server; a warning says so\n"
    "  --workspace DIR    the folder of the versions (default: DIR, or the scenario's\n"
    "                     folder, or ./parley-workspace, created on the first save)\n"
    "  --open             open the app in the desktop's browser (xdg-open)\n"
    "  --help             show this help\n"
    "\n"
    "Example: parley serve examples/workspace --port 0\n",
    run,
};
