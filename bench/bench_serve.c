/*
 * bench_serve.c - latency of `parley serve`'s POST /api/analyze with several
 * concurrent clients (issue #16: median under 50 ms, 99th percentile under
 * 100 ms on the default scenario; docs/serve.md, "Performance").
 *
 * Usage: build/bench/bench_serve [PARLEY] [CLIENTS] [REQUESTS] [SCENARIO]
 *   (default build/parley, 4 clients, 50 requests each, the default scenario)
 * Starts `parley serve --port 0`, reads its address from the first line, then
 * each client sends its requests one after the other on its own keep-alive
 * connection; every request's time from the first byte sent to the last byte
 * of the answer is kept. Prints the median, 90th and 99th percentiles and the
 * maximum in milliseconds, the requests per second, and the server's CPU time
 * per request (from /proc: what the latency would be on an idle core).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct client {
    unsigned port;
    const char *token, *body;
    size_t body_size;
    int requests;
    double *latency;  /* ms, one per request */
    int failures;
} client;

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return 1e3 * (double)t.tv_sec + 1e-6 * (double)t.tv_nsec;
}

static int connect_to(unsigned port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    /*
     * No Nagle, as curl and the browsers: the header and the body go in two sends, and
     * with Nagle the body waits for the ACK of the header, which the server's delayed
     * ACK holds back about 40 ms (RFC 1122, 4.2.3.2; RFC 896): a delay of this client,
     * not of the server.
     */
    int one = 1;
    if (fd >= 0)
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static int send_all(int fd, const char *data, size_t size)
{
    while (size > 0) {
        ssize_t n = send(fd, data, size, MSG_NOSIGNAL);
        if (n <= 0)
            return -1;
        data += n;
        size -= (size_t)n;
    }
    return 0;
}

/* Read one response (headers and Content-Length bytes); its status, or -1. */
static int read_response(int fd, char *buffer, size_t capacity)
{
    size_t have = 0;
    char *end = NULL;
    while (end == NULL) {
        ssize_t n = recv(fd, buffer + have, capacity - have - 1, 0);
        if (n <= 0)
            return -1;
        have += (size_t)n;
        buffer[have] = '\0';
        end = strstr(buffer, "\r\n\r\n");
    }
    int status = atoi(buffer + 9);
    const char *length = strcasestr(buffer, "\r\nContent-Length:");
    size_t body = length ? strtoul(length + 17, NULL, 10) : 0;
    size_t got = have - (size_t)(end + 4 - buffer);
    while (got < body) {
        char sink[65536];
        ssize_t n = recv(fd, sink, sizeof sink, 0);
        if (n <= 0)
            return -1;
        got += (size_t)n;
    }
    return status;
}

static void *run_client(void *payload)
{
    client *c = payload;
    int fd = connect_to(c->port);
    char header[512], *buffer = malloc(1 << 20);
    int n = snprintf(header, sizeof header,
                     "POST /api/analyze HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                     "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                     "Content-Length: %zu\r\n\r\n",
                     c->port, c->token, c->body_size);
    for (int k = 0; k < c->requests && buffer; k++) {
        if (fd < 0)
            fd = connect_to(c->port);
        double t0 = now_ms();
        int status = -1;
        if (fd >= 0 && send_all(fd, header, (size_t)n) == 0 &&
            send_all(fd, c->body, c->body_size) == 0)
            status = read_response(fd, buffer, 1 << 20);
        c->latency[k] = now_ms() - t0;
        if (status != 200) {
            c->failures++;
            if (fd >= 0)
                close(fd);
            fd = -1;
        }
    }
    if (fd >= 0)
        close(fd);
    free(buffer);
    return NULL;
}

/* CPU milliseconds (user + system) the server has used so far, from /proc (Linux). */
static double server_cpu_ms(pid_t pid)
{
    char path[64], text[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    if (f)
        fclose(f);
    text[n] = '\0';
    const char *p = strrchr(text, ')');
    unsigned long long utime = 0, stime = 0;
    if (p == NULL || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
                            &utime, &stime) != 2)
        return NAN;
    return 1e3 * (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static char *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (data && fread(data, 1, (size_t)n, f) != (size_t)n) {
        free(data);
        data = NULL;
    }
    fclose(f);
    *size = (size_t)n;
    return data;
}

/* Start `parley serve --port 0`; its pid, and the port and token from its first line. */
static pid_t start_server(const char *parley, unsigned *port, char *token, size_t size)
{
    int out[2];
    if (pipe(out) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(out[1], 1);
        close(out[0]);
        execl(parley, parley, "serve", "--port", "0", (char *)NULL);
        _exit(127);
    }
    close(out[1]);
    FILE *f = fdopen(out[0], "r");
    char line[512] = "";
    if (f == NULL || fgets(line, sizeof line, f) == NULL ||
        sscanf(line, "parley serve: http://127.0.0.1:%u/?token=%127s", port, token) != 2) {
        fprintf(stderr, "bench_serve: no address from %s serve: '%s'\n", parley, line);
        kill(pid, SIGTERM);
        return -1;
    }
    (void)size;
    return pid;
}

int main(int argc, char **argv)
{
    const char *parley = argc > 1 ? argv[1] : "build/parley";
    int clients = argc > 2 ? atoi(argv[2]) : 4, requests = argc > 3 ? atoi(argv[3]) : 50;
    const char *scenario = argc > 4 ? argv[4] : "examples/peace-talks-2025.json";
    size_t size = 0;
    char *body = read_file(scenario, &size), token[128];
    unsigned port = 0;
    if (body == NULL || clients < 1 || requests < 1) {
        fprintf(stderr, "usage: bench_serve [PARLEY] [CLIENTS] [REQUESTS] [SCENARIO]\n");
        return 2;
    }
    pid_t server = start_server(parley, &port, token, sizeof token);
    if (server < 0)
        return 1;
    client *c = calloc((size_t)clients, sizeof *c);
    double *all = calloc((size_t)clients * (size_t)requests, sizeof *all);
    pthread_t *threads = calloc((size_t)clients, sizeof *threads);
    double t0 = now_ms(), cpu0 = server_cpu_ms(server);
    for (int k = 0; k < clients; k++) {
        c[k] = (client){port, token, body, size, requests, all + (size_t)k * requests, 0};
        pthread_create(&threads[k], NULL, run_client, &c[k]);
    }
    int failures = 0;
    for (int k = 0; k < clients; k++) {
        pthread_join(threads[k], NULL);
        failures += c[k].failures;
    }
    double elapsed = now_ms() - t0, cpu = server_cpu_ms(server) - cpu0;
    kill(server, SIGTERM);
    waitpid(server, NULL, 0);
    size_t n = (size_t)clients * (size_t)requests;
    qsort(all, n, sizeof *all, by_value);
    printf("POST /api/analyze, %s: %d clients x %d requests, %d failed\n", scenario, clients,
           requests, failures);
    printf("latency ms: median %.1f  p90 %.1f  p99 %.1f  max %.1f;  %.1f requests/s\n",
           all[n / 2], all[(size_t)(0.90 * (double)(n - 1))],
           all[(size_t)(0.99 * (double)(n - 1))], all[n - 1], 1e3 * (double)n / elapsed);
    printf("server CPU per request: %.1f ms (user + system)\n", cpu / (double)n);
    free(all);
    free(c);
    free(threads);
    free(body);
    return failures ? 1 : 0;
}
