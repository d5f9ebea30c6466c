/*
 * bench_sao.c - simulation benchmarks (docs/simulation.md, "Benchmarks"):
 *   camera:  100-step SAO runs per second on one core, Camera (3,600 outcomes),
 *            linear vs linear, on tables prepared once (pl_sao_run only), and
 *            the preparation (pl_sao_new: utilities, Appendix A ranking) alone;
 *   energy:  one 100-step run on Energy (390,625 outcomes), boulware vs
 *            boulware, preparation included (pl_negotiate), and the run alone
 *            (after pl_sao_new: the run refines the lazy ranking); minimum of 5;
 *   default: 100,000 Monte Carlo runs of the default scenario on two threads;
 *   relaxed: 1,000 Monte Carlo runs (RUNS / 100) of the default scenario with
 *            Ukraine's Donetsk red line at max 90 (a zone exists), where every
 *            offer is a trade-off LP on the continuum (docs/simulation.md).
 *
 * Usage: bench_sao SHARED_GENIUS_DIR DEFAULT_SCENARIO.json [RUNS [THREADS]]
 * Build: `make bench` (build/bench/bench_sao).
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "parley/parley.h"
#include "parley/simulate.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static pl_scenario *load3(const char *dir, const char *a, const char *b, const char *c)
{
    char p[3][1024];
    const char *paths[3] = {p[0], p[1], p[2]};
    snprintf(p[0], sizeof p[0], "%s/%s", dir, a);
    snprintf(p[1], sizeof p[1], "%s/%s", dir, b);
    snprintf(p[2], sizeof p[2], "%s/%s", dir, c);
    pl_scenario *s = NULL;
    pl_diag diag;
    if (pl_load_scenario_files(paths, 3, &s, &diag) != PL_OK) {
        fprintf(stderr, "%s: %s\n", diag.source, diag.message);
        exit(1);
    }
    return s;
}

static void camera(const char *genius)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/anac/y2011/Camera", genius);
    pl_scenario *s = load3(dir, "camera_domain.xml", "camera_buyer_utility.xml",
                           "camera_seller_utility.xml");
    pl_simulation_options o;
    pl_simulation_options_init(&o);
    pl_agent linear = {PL_AGENT_TIME_BASED, 1.0, NULL};
    o.agents = &linear;
    o.n_agents = 1;
    pl_sao *sao = NULL;
    double t0 = now();
    if (pl_sao_new(&sao, s, &o, NULL) != PL_OK)
        exit(1);
    double prepare = now() - t0;
    int runs = 0;
    t0 = now();
    while (now() - t0 < 2.0)
        for (int k = 0; k < 1000; k++, runs++) {
            pl_negotiation *r = NULL;
            if (pl_sao_run(sao, &r) != PL_OK)
                exit(1);
            pl_negotiation_free(r);
        }
    double elapsed = now() - t0;
    printf("camera: %.0f runs of 100 steps per second (one core); preparation %.2f ms\n",
           runs / elapsed, prepare * 1e3);
    pl_sao_free(sao);
    pl_scenario_free(s);
}

static void energy(const char *genius)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/anac/y2011/Energy", genius);
    pl_scenario *s = load3(dir, "energy_domain.xml", "energy_consumer.xml",
                           "energy_distributor.xml");
    pl_simulation_options o;
    pl_simulation_options_init(&o);
    pl_negotiation *r = NULL;
    double whole = 1e9, run = 1e9;
    for (int k = 0; k < 5; k++) { /* the minimum of 5: the machine is shared */
        double t0 = now();
        if (pl_negotiate(s, &o, &r, NULL) != PL_OK)
            exit(1);
        double t = now() - t0;
        whole = t < whole ? t : whole;
        pl_negotiation_free(r);
        pl_sao *sao = NULL;
        if (pl_sao_new(&sao, s, &o, NULL) != PL_OK)
            exit(1);
        t0 = now();
        if (pl_sao_run(sao, &r) != PL_OK)
            exit(1);
        t = now() - t0;
        run = t < run ? t : run;
        pl_sao_free(sao);
        if (k < 4)
            pl_negotiation_free(r);
    }
    printf("energy: 100-step run %.1f ms with preparation, %.3f ms without (step %d; minimum "
           "of 5)\n", whole * 1e3, run * 1e3, r->agreement_step);
    pl_negotiation_free(r);
    pl_scenario_free(s);
}

static void default_scenario(const char *path, size_t runs, int threads, int relax)
{
    pl_scenario *s = NULL;
    pl_diag diag;
    if (pl_load_scenario(path, &s, &diag) != PL_OK)
        exit(1);
    for (size_t k = 0; relax && k < s->n_red_lines; k++) /* UA (actor 1) on donetsk (issue 0) */
        if (s->red_lines[k].actor == 1 && s->red_lines[k].issue == 0)
            s->red_lines[k].high = 90;
    pl_montecarlo_options o;
    pl_montecarlo_options_init(&o);
    o.runs = runs;
    o.threads = threads;
    pl_montecarlo *m = NULL;
    double t0 = now();
    if (pl_montecarlo_run(s, &o, NULL, &m, &diag) != PL_OK)
        exit(1);
    printf("%s: %zu Monte Carlo runs on %d threads in %.2f s (settlement %.4f)\n",
           relax ? "relaxed" : "default", runs, threads, now() - t0, m->agreement_rate);
    pl_montecarlo_free(m);
    pl_scenario_free(s);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_sao SHARED_GENIUS_DIR DEFAULT_SCENARIO [RUNS [THREADS]]\n");
        return 2;
    }
    camera(argv[1]);
    energy(argv[1]);
    size_t runs = argc > 3 ? (size_t)atol(argv[3]) : 100000;
    int threads = argc > 4 ? atoi(argv[4]) : 2;
    default_scenario(argv[2], runs, threads, 0);
    default_scenario(argv[2], runs / 100 > 0 ? runs / 100 : 1, threads, 1);
    return 0;
}
