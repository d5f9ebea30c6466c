/*
 * bench_eu.c - timing of the expected-utility model (not a test; not in ctest).
 *
 * 200 actors x 10 issues x 20 rounds of synthetic data from a fixed linear
 * congruential generator, under both presets. The target (docs/model-eu.md):
 * under a second on one core. Build (`make bench`: the default RelWithDebInfo build,
 * -O2) and run from the repository root:
 *
 *   make bench && build/bench/bench_eu
 */
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "parley/parley.h"
#include "parley/eu.h"

enum { ACTORS = 200, ISSUES = 10, ROUNDS = 20 };

/* Numerical Recipes' 32-bit LCG; a uniform number in [0, 1). */
static double next_uniform(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return (double)(*state >> 8) / (double)(1u << 24);
}

static pl_scenario *synthetic_scenario(uint32_t seed)
{
    pl_scenario *s = NULL;
    if (pl_scenario_new(&s) != PL_OK)
        return NULL;
    for (int i = 0; i < ISSUES; i++) {
        char id[32];
        snprintf(id, sizeof id, "issue%d", i);
        pl_scenario_add_continuous_issue(s, id, NULL, 0, 100, NULL);
    }
    for (int a = 0; a < ACTORS; a++) {
        char id[32];
        size_t index;
        snprintf(id, sizeof id, "actor%d", a);
        pl_scenario_add_actor(s, id, NULL, 1 + 99 * next_uniform(&seed), &index);
        for (int i = 0; i < ISSUES; i++) {
            double position = 100 * next_uniform(&seed);
            pl_scenario_set_position(s, index, (size_t)i, position,
                                     0.1 + 0.9 * next_uniform(&seed));
        }
    }
    return s;
}

/* Processor time of this process: the figure "on one core" asks for, and less
 * sensitive to other load on the machine than wall-clock time. */
static double seconds(void)
{
    return (double)clock() / CLOCKS_PER_SEC;
}

static int time_preset(const pl_scenario *s, const char *preset)
{
    pl_eu_options o;
    pl_eu_options_init(&o);
    pl_eu_options_preset(&o, preset, NULL);
    o.rounds = ROUNDS;
    pl_eu_result *r = NULL;
    pl_diag diag;
    double start = seconds();
    int rc = pl_eu_run(s, &o, &r, &diag);
    double elapsed = seconds() - start;
    if (rc != PL_OK) {
        fprintf(stderr, "bench_eu: %s\n", diag.message);
        return 1;
    }
    printf("%-10s %d actors x %d issues x %d rounds: %.3f s CPU, %zu moves, forecast[0] %.4f\n",
           preset, ACTORS, ISSUES, ROUNDS, elapsed, r->n_offers, r->forecast[0]);
    pl_eu_result_free(r);
    return 0;
}

int main(void)
{
    pl_scenario *s = synthetic_scenario(20251202u);
    if (s == NULL)
        return 1;
    int rc = time_preset(s, "scholz2011") | time_preset(s, "paper");
    pl_scenario_free(s);
    return rc;
}
