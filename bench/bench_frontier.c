/*
 * bench_frontier.c - time pl_frontier_compute() on a seeded synthetic domain
 * (docs/frontier.md, "Benchmarks"): PARTIES parties, ISSUES options issues of
 * VALUES options each; every party's issue weight (salience) and every value's
 * evaluation drawn uniformly from [0, 1) by a fixed 64-bit LCG (Knuth's MMIX
 * constants), reservations 0. Prints one line: sizes, counts, frontier size
 * and the wall time of the computation alone (building the domain excluded).
 *
 * Usage: bench_frontier PARTIES ISSUES VALUES [SEED [THREADS [MAX_POINTS]]]
 * Build: `make bench` (build/bench/bench_frontier).
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "parley/frontier.h"
#include "parley/parley.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double uniform(uint64_t *state)
{
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*state >> 11) / 9007199254740992.0;
}

static int add_issue(pl_scenario *s, size_t values, uint64_t *state)
{
    char id[32], *names[256], storage[256][8];
    size_t issue;
    for (size_t k = 0; k < values; k++) {
        snprintf(storage[k], sizeof storage[k], "v%zu", k);
        names[k] = storage[k];
    }
    snprintf(id, sizeof id, "issue%zu", s->n_issues + 1);
    int rc = pl_scenario_add_options_issue(s, id, NULL, values, (const char *const *)names,
                                           &issue);
    double evaluations[256];
    for (size_t a = 0; rc == PL_OK && a < s->n_actors; a++) {
        double weight = uniform(state);
        for (size_t k = 0; k < values; k++)
            evaluations[k] = uniform(state);
        rc = pl_scenario_set_option_values(s, a, issue, evaluations, weight);
    }
    return rc;
}

static pl_scenario *synthetic(size_t parties, size_t issues, size_t values, uint64_t seed)
{
    pl_scenario *s = NULL;
    uint64_t state = seed;
    int rc = pl_scenario_new(&s);
    for (size_t a = 0; rc == PL_OK && a < parties; a++) {
        char id[32];
        snprintf(id, sizeof id, "party%zu", a + 1);
        rc = pl_scenario_add_actor(s, id, NULL, 1.0, NULL);
    }
    for (size_t i = 0; rc == PL_OK && i < issues; i++)
        rc = add_issue(s, values, &state);
    if (rc != PL_OK) {
        pl_scenario_free(s);
        return NULL;
    }
    return s;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: bench_frontier PARTIES ISSUES VALUES [SEED [THREADS "
                        "[MAX_POINTS]]]\n");
        return 2;
    }
    size_t parties = strtoul(argv[1], NULL, 10), issues = strtoul(argv[2], NULL, 10);
    size_t values = strtoul(argv[3], NULL, 10);
    uint64_t seed = argc > 4 ? strtoull(argv[4], NULL, 10) : 1;
    pl_frontier_options o = PL_FRONTIER_OPTIONS_INIT;
    o.threads = argc > 5 ? atoi(argv[5]) : 2;
    if (argc > 6)
        o.max_points = strtoul(argv[6], NULL, 10);
    if (parties < 1 || values < 1 || values > 256) {
        fprintf(stderr, "bench_frontier: bad sizes\n");
        return 2;
    }
    pl_scenario *s = synthetic(parties, issues, values, seed);
    pl_frontier *f = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    double start = now();
    int rc = s ? pl_frontier_compute(s, &o, &f, &diag) : PL_ERR_NOMEM;
    double seconds = now() - start;
    if (rc != PL_OK) {
        printf("%zu parties x %zu issues x %zu values, seed %llu: %s after %.3f s\n", parties,
               issues, values, (unsigned long long)seed, diag.message, seconds);
        pl_scenario_free(s);
        return 1;
    }
    printf("%zu parties x %zu issues x %zu values, seed %llu, %d threads: outcomes %s, "
           "rational %s, frontier %zu points, %.3f s\n",
           parties, issues, values, (unsigned long long)seed, o.threads, f->outcomes.decimal,
           f->rational.decimal, f->n_points, seconds);
    pl_frontier_free(f);
    pl_scenario_free(s);
    return 0;
}
