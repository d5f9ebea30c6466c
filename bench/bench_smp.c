/*
 * bench_smp.c - run parley's smp model on one KTAB file and report what the
 * benchmark needs: rounds, the most probable position and its probability,
 * and the wall time of the model run alone (loading excluded).
 *
 * Usage: bench_smp FILE [THREADS] [--positions]
 * --positions prints every state's positions as CSV (round,actor,dim,position),
 * round 0 being the input, the layout of KTAB's reference traces.
 * Build: `make bench` (build/bench/bench_smp, -ffp-contract=off); bench_smp.sh builds it.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parley/parley.h"
#include "parley/smp.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void print_positions(const pl_scenario *s, const pl_smp_result *r)
{
    size_t n = s->n_actors, d = s->n_issues;
    printf("round,actor,dim,position\n");
    for (size_t a = 0; a < n; a++)
        for (size_t i = 0; i < d; i++)
            printf("0,%zu,%zu,%.17g\n", a, i, s->stances[a * d + i].position);
    for (size_t t = 0; t < r->trace.n_rounds; t++)
        for (size_t a = 0; a < n; a++)
            for (size_t i = 0; i < d; i++)
                printf("%zu,%zu,%zu,%.17g\n", t + 1, a, i,
                       r->trace.positions[(t * n + a) * d + i]);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_smp FILE [THREADS] [--positions]\n");
        return 2;
    }
    pl_diag diag;
    pl_diag_clear(&diag);
    pl_scenario *s = NULL;
    if (pl_load_scenario(argv[1], &s, &diag) != PL_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], diag.message);
        return 2;
    }
    pl_smp_options o;
    pl_smp_options_init(&o);
    if (argc > 2 && argv[2][0] != '-')
        o.threads = atoi(argv[2]);
    int positions = argc > 2 && strcmp(argv[argc - 1], "--positions") == 0;
    pl_smp_result *r = NULL;
    double t0 = now();
    int rc = pl_smp_run(s, &o, &r, &diag);
    double t1 = now();
    if (rc != PL_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], diag.message);
        pl_scenario_free(s);
        return 2;
    }
    if (positions) {
        print_positions(s, r);
    } else {
        printf("file=%s threads=%d rounds=%zu states=%zu seconds=%.4f\nmost_probable=[",
               argv[1], o.threads, r->trace.n_rounds, r->trace.n_rounds + 1, t1 - t0);
        for (size_t i = 0; i < s->n_issues; i++)
            printf("%s%.4f", i ? ", " : "", r->most_probable[i]);
        printf("] p=%.6f\nforecast=[", r->most_probable_probability);
        for (size_t i = 0; i < s->n_issues; i++)
            printf("%s%.4f", i ? ", " : "", r->forecast[i]);
        printf("]\n");
    }
    pl_smp_result_free(r);
    pl_scenario_free(s);
    return 0;
}
