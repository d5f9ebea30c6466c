/*
 * bench_what_it_takes.c - what it would take on the default scenario
 * (docs/agreement.md, "What it would take"): pl_what_it_takes_compute() with
 * the margins and exact openings only, and with the settlement curve of
 * RUNS Monte Carlo runs per point (default 100) on THREADS threads (default
 * 2); the agreement analysis is given, so only the curves are timed. CPU
 * time of the process (every thread), minimum of 5 repetitions.
 *
 * Usage: bench_what_it_takes DEFAULT_SCENARIO.json [RUNS [THREADS]]
 * Build: make bench (build/bench/bench_what_it_takes)
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "parley/parley.h"
#include "parley/agreement.h"
#include "parley/what_it_takes.h"

/* Process CPU time (all threads): on a shared machine, wall time measures the others too. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double best_of_5(const pl_scenario *s, const pl_agreement *g,
                        const pl_what_it_takes_options *o, unsigned long long *analyses)
{
    double best = 1e300;
    for (int k = 0; k < 5; k++) {
        pl_what_it_takes *w = NULL;
        double t0 = now();
        if (pl_what_it_takes_compute(s, g, o, &w, NULL) != PL_OK) {
            fprintf(stderr, "what it takes failed\n");
            exit(1);
        }
        double t = now() - t0;
        best = t < best ? t : best;
        *analyses = w->analyses;
        pl_what_it_takes_free(w);
    }
    return best;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s DEFAULT_SCENARIO.json [RUNS [THREADS]]\n", argv[0]);
        return 2;
    }
    const char *paths[1] = {argv[1]};
    pl_scenario *s = NULL;
    pl_agreement *g = NULL;
    pl_diag diag;
    if (pl_load_scenario_files(paths, 1, &s, &diag) != PL_OK ||
        pl_agreement_compute(s, NULL, &g, &diag) != PL_OK) {
        fprintf(stderr, "%s: %s\n", diag.source, diag.message);
        return 1;
    }
    pl_montecarlo_options mc;
    pl_montecarlo_options_init(&mc);
    mc.runs = argc > 2 ? (size_t)atol(argv[2]) : PL_WHAT_IT_TAKES_DEFAULT_RUNS;
    mc.threads = argc > 3 ? atoi(argv[3]) : 2;
    pl_what_it_takes_options o = PL_WHAT_IT_TAKES_OPTIONS_INIT;
    unsigned long long analyses = 0;
    o.settlement = 0;
    double margins = best_of_5(s, g, &o, &analyses);
    printf("margins and openings: %.2f ms of CPU (%llu zone analyses)\n", 1e3 * margins, analyses);
    o.settlement = 1;
    o.montecarlo = &mc;
    double curve = best_of_5(s, g, &o, &analyses);
    printf("with %zu runs per point on %d threads: %.1f ms of CPU\n", mc.runs, mc.threads, 1e3 * curve);
    pl_agreement_free(g);
    pl_scenario_free(s);
    return 0;
}
