/*
 * bench_paths.c - pl_scenario_set and pl_scenario_diff on a scenario
 * (docs/paths.md, "Speed"): the time of one assignment
 * (actors.UA.red_lines.donetsk.max=V, V changing each call, as a sweep sets
 * it) and of one diff against the scenario with that change. CPU time of
 * the process, mean over N calls (default 2000), best of 5 repetitions.
 *
 * Usage: bench_paths SCENARIO [N [ASSIGNMENT_PATH]]
 * Build: make bench (build/bench/bench_paths)
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "parley/parley.h"

/* Process CPU time: on a shared machine, wall time measures the others too. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s SCENARIO [N [PATH]]\n", argv[0]);
        return 2;
    }
    long n = argc > 2 ? atol(argv[2]) : 2000;
    const char *path = argc > 3 ? argv[3] : "actors.UA.red_lines.donetsk.max";
    const char *paths[1] = {argv[1]};
    pl_scenario *s = NULL, *original = NULL;
    pl_diag diag;
    if (n < 1 || pl_load_scenario_files(paths, 1, &s, &diag) != PL_OK ||
        pl_load_scenario_files(paths, 1, &original, &diag) != PL_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], diag.message);
        return 1;
    }
    double best_set = 1e300, best_diff = 1e300;
    for (int repeat = 0; repeat < 5; repeat++) {
        double t0 = now();
        for (long k = 0; k < n; k++) {
            char value[32];
            snprintf(value, sizeof value, "%ld", 10 + k % 80);
            if (pl_scenario_set(s, path, value, &diag) != PL_OK) {
                fprintf(stderr, "%s=%s: %s\n", path, value, diag.message);
                return 1;
            }
        }
        double t = (now() - t0) / (double)n;
        best_set = t < best_set ? t : best_set;
        t0 = now();
        for (long k = 0; k < n; k++) {
            pl_scenario_changes *changes = NULL;
            if (pl_scenario_diff(original, s, &changes, &diag) != PL_OK) {
                fprintf(stderr, "diff: %s\n", diag.message);
                return 1;
            }
            pl_scenario_changes_free(changes);
        }
        t = (now() - t0) / (double)n;
        best_diff = t < best_diff ? t : best_diff;
    }
    printf("%s: %zu actors, %zu issues; pl_scenario_set %s: %.1f us; pl_scenario_diff: %.1f us\n",
           argv[1], s->n_actors, s->n_issues, path, best_set * 1e6, best_diff * 1e6);
    pl_scenario_free(s);
    pl_scenario_free(original);
    return 0;
}
