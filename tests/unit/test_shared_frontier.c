/*
 * test_shared_frontier.c - the frontier on every linear GENIUS domain of
 * ../shared/data/genius (INDEX.tsv), checked against an independent
 * brute-force enumeration of the contract's definitions (docs/cli-contract.md,
 * `parley frontier`) wherever the outcome space has at most 10^6 outcomes;
 * and ANAC 2013 Lunch, where no outcome is acceptable to both parties.
 * Skipped (exit 77) without ../shared/data.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley/frontier.h"
#include "support.h"

#define TOL 1e-9
#define BRUTE_LIMIT 1000000

/* Load a domain folder: the domain file first, then every other .xml, sorted. */
static pl_scenario *load_domain(const char *folder, const char *domain_file)
{
    char dir[2048], *paths[16];
    snprintf(dir, sizeof dir, "%s/%s", test_shared_path("genius"), folder);
    size_t n = 0;
    paths[n] = malloc(4096);
    snprintf(paths[n++], 4096, "%s/%s", dir, domain_file);
    struct dirent **entries = NULL;
    int count = scandir(dir, &entries, NULL, alphasort);
    assert_true(count > 0);
    for (int k = 0; k < count; k++) {
        const char *name = entries[k]->d_name;
        size_t len = strlen(name);
        if (len > 4 && strcmp(name + len - 4, ".xml") == 0 && strcmp(name, domain_file) != 0 &&
            n < 16) {
            paths[n] = malloc(4096);
            snprintf(paths[n++], 4096, "%s/%s", dir, name);
        }
        free(entries[k]);
    }
    free(entries);
    pl_scenario *s = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_load_scenario_files((const char *const *)paths, n, &s, &diag);
    for (size_t k = 0; k < n; k++)
        free(paths[k]);
    if (rc != PL_OK)
        fail_msg("%s: %s", folder, diag.message);
    return s;
}

typedef struct enumeration {
    size_t P, total, n_rational, n_frontier;
    double *u;        /* rational utilities */
    double *frontier;
} enumeration;

static size_t g_parties; /* for qsort: the vectors' length */

static int by_sum_desc(const void *a, const void *b)
{
    const double *x = a, *y = b;
    double sx = 0, sy = 0;
    for (size_t i = 0; i < g_parties; i++) {
        sx += x[i];
        sy += y[i];
    }
    if (sx != sy)
        return sx > sy ? -1 : 1;
    for (size_t i = 0; i < g_parties; i++)
        if (x[i] != y[i])
            return x[i] > y[i] ? -1 : 1;
    return 0;
}

static int weakly_above(const double *b, const double *a, size_t P)
{
    for (size_t i = 0; i < P; i++)
        if (b[i] < a[i])
            return 0;
    return 1;
}

static int tolerant_dominates(const double *b, const double *a, size_t P)
{
    int better = 0;
    for (size_t i = 0; i < P; i++) {
        if (b[i] < a[i] - TOL)
            return 0;
        if (b[i] > a[i] + TOL)
            better = 1;
    }
    return better;
}

static int near(const double *a, const double *b, size_t P)
{
    for (size_t i = 0; i < P; i++)
        if (fabs(a[i] - b[i]) > TOL)
            return 0;
    return 1;
}

/* Every outcome, with pl_package_utility, filtered by red lines and reservations. */
static void enumerate(const pl_scenario *s, enumeration *e)
{
    size_t P = s->n_actors, n = s->n_issues, counter[64] = {0};
    double package[64];
    assert_true(n <= 64);
    e->P = P;
    e->total = 1;
    for (size_t i = 0; i < n; i++)
        e->total *= s->issues[i].n_options;
    e->u = malloc(e->total * P * sizeof *e->u);
    e->n_rational = 0;
    for (size_t k = 0; k < e->total; k++) {
        for (size_t i = 0; i < n; i++)
            package[i] = (double)counter[i];
        int ok = 1;
        for (size_t r = 0; r < s->n_red_lines; r++)
            ok = ok && pl_red_line_allows(s, &s->red_lines[r], package[s->red_lines[r].issue]);
        double *u = &e->u[e->n_rational * P];
        for (size_t a = 0; a < P && ok; a++) {
            u[a] = pl_package_utility(s, a, package);
            ok = u[a] >= s->actors[a].reservation - TOL;
        }
        e->n_rational += (size_t)ok;
        for (size_t i = n; i-- > 0;)
            if (++counter[i] < s->issues[i].n_options)
                break;
            else
                counter[i] = 0;
    }
}

/*
 * The contract's frontier: sort by utility sum (a weak dominator sorts first),
 * keep what no kept vector is >= (exact Pareto set), then drop what another
 * kept vector dominates within 1e-9 and merge near-equals.
 */
static void frontier_of(enumeration *e)
{
    size_t P = e->P, m = 0;
    g_parties = P;
    qsort(e->u, e->n_rational, P * sizeof *e->u, by_sum_desc);
    double *kept = malloc((e->n_rational ? e->n_rational : 1) * P * sizeof *kept);
    for (size_t x = 0; x < e->n_rational; x++) {
        size_t y = 0;
        while (y < m && !weakly_above(&kept[y * P], &e->u[x * P], P))
            y++;
        if (y == m)
            memcpy(&kept[m++ * P], &e->u[x * P], P * sizeof *kept);
    }
    e->frontier = malloc((m ? m : 1) * P * sizeof *e->frontier);
    e->n_frontier = 0;
    for (size_t x = 0; x < m; x++) {
        const double *a = &kept[x * P];
        int drop = 0;
        for (size_t y = 0; y < m && !drop; y++)
            drop = tolerant_dominates(&kept[y * P], a, P);
        for (size_t y = 0; y < e->n_frontier && !drop; y++)
            drop = near(&e->frontier[y * P], a, P);
        if (!drop)
            memcpy(&e->frontier[e->n_frontier++ * P], a, P * sizeof *a);
    }
    free(kept);
}

static double nash_product(const double *u, const double *d, size_t P)
{
    double product = 1;
    for (size_t a = 0; a < P; a++)
        product *= fmax(u[a] - d[a], 0);
    return product;
}

static void compare(const char *folder, const pl_scenario *s, const pl_frontier *f)
{
    enumeration e;
    enumerate(s, &e);
    frontier_of(&e);
    size_t P = e.P;
    char rational[32];
    snprintf(rational, sizeof rational, "%zu", e.n_rational);
    if (strcmp(rational, f->rational.decimal) != 0 || e.n_frontier != f->n_points)
        fail_msg("%s: rational %s frontier %zu; brute force %s %zu", folder,
                 f->rational.decimal, f->n_points, rational, e.n_frontier);
    for (size_t k = 0; k < e.n_frontier; k++) {
        size_t j = 0;
        while (j < f->n_points && !near(pl_frontier_point(f, j), &e.frontier[k * P], P))
            j++;
        if (j == f->n_points)
            fail_msg("%s: brute-force frontier point %zu missing", folder, k);
    }
    /* Nash and utilitarian optimum over the brute-force frontier. */
    double nash = -1, sum = -INFINITY;
    for (size_t k = 0; k < e.n_frontier; k++) {
        double t = 0;
        for (size_t a = 0; a < P; a++)
            t += e.frontier[k * P + a];
        sum = fmax(sum, t);
        nash = fmax(nash, nash_product(&e.frontier[k * P], f->disagreement, P));
    }
    if (e.n_frontier > 0) {
        const pl_frontier_solution *n = &f->solutions[PL_SOLUTION_NASH];
        const pl_frontier_solution *u = &f->solutions[PL_SOLUTION_UTILITARIAN];
        double t = 0;
        for (size_t a = 0; a < P; a++)
            t += u->utilities[a];
        assert_true(nash_product(n->utilities, f->disagreement, P) >= nash - TOL);
        assert_true(t >= sum - TOL);
    }
    free(e.u);
    free(e.frontier);
}

static void every_linear_domain(void **state)
{
    (void)state;
    char path[2048], line[4096];
    snprintf(path, sizeof path, "%s/INDEX.tsv", test_shared_path("genius"));
    FILE *index = fopen(path, "r");
    assert_non_null(index);
    int checked = 0, computed = 0;
    assert_non_null(fgets(line, sizeof line, index)); /* header */
    while (fgets(line, sizeof line, index)) {
        char folder[512], domain[512], types[64], outcomes[128], kind[64];
        int issues, parties;
        if (sscanf(line, "%511s %511s %d %63s %127s %d %63s", folder, domain, &issues, types,
                   outcomes, &parties, kind) != 7 || strcmp(kind, "additive") != 0)
            continue;
        pl_scenario *s = load_domain(folder, domain);
        assert_int_equal(s->n_actors, (size_t)parties);
        pl_frontier_options o = PL_FRONTIER_OPTIONS_INIT;
        o.threads = 2;
        pl_frontier *f = NULL;
        assert_int_equal(pl_frontier_compute(s, &o, &f, NULL), PL_OK);
        assert_string_equal(f->outcomes.decimal, outcomes);
        computed++;
        if (strtod(outcomes, NULL) <= BRUTE_LIMIT) {
            compare(folder, s, f);
            checked++;
        }
        if (strcmp(folder, "anac/y2013/Lunch") == 0)
            assert_false(f->agreement_possible);
        else
            assert_true(f->agreement_possible);
        pl_frontier_free(f);
        pl_scenario_free(s);
    }
    fclose(index);
    print_message("frontier: %d linear GENIUS domains computed, %d checked by brute force\n",
                  computed, checked);
    assert_true(computed >= 37 && checked >= 34);
}

int main(void)
{
    test_require_shared();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_linear_domain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
