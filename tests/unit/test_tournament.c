/*
 * test_tournament.c - tournaments (parley/tournament.h): on the coinciding-best
 * domain every pairing agrees at step 1 on the frontier and the Nash point; on
 * a small domain the distances match a brute-force frontier computed here;
 * the rows do not depend on the threads; the assignment cap; and the lazy
 * ranking of the SAO agents (sao_sort.c), which must give the full Appendix A
 * sort's entry at every position.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"
#include "parley/tournament.h"
#include "simulate/sao_internal.h"
#include "support.h"

static const char *const agent_names[] = {"boulware", "linear", "conceder", "hardheaded",
                                          "tit-for-tat", "genius-linear"};
#define N_AGENTS (sizeof agent_names / sizeof agent_names[0])

static void all_agents(pl_agent *agents)
{
    for (size_t k = 0; k < N_AGENTS; k++)
        assert_int_equal(pl_agent_parse(agent_names[k], &agents[k]), PL_OK);
}

static pl_tournament *play(const pl_scenario *s, const pl_agent *agents, size_t n_agents,
                           size_t runs, int threads)
{
    pl_tournament_options o;
    pl_tournament_options_init(&o);
    o.agents = agents;
    o.n_agents = n_agents;
    o.montecarlo.runs = runs;
    pl_pool *pool = NULL;
    assert_int_equal(pl_pool_new(&pool, threads), PL_OK);
    pl_tournament *t = NULL;
    pl_diag diag;
    assert_int_equal(pl_tournament_run(s, &o, threads > 1 ? pool : NULL, &t, &diag), PL_OK);
    pl_pool_free(pool);
    return t;
}

/* ---- the coinciding-best domain ---- */

static void test_coincide(void **state)
{
    (void)state;
    char paths[3][1024];
    const char *names[] = {"simulate/coincide/domain.xml", "simulate/coincide/a.xml",
                           "simulate/coincide/b.xml"};
    const char *files[3] = {paths[0], paths[1], paths[2]};
    for (size_t k = 0; k < 3; k++)
        strcpy(paths[k], test_data_path(names[k]));
    pl_scenario *s = NULL;
    pl_diag diag;
    assert_int_equal(pl_load_scenario_files(files, 3, &s, &diag), PL_OK);
    pl_agent agents[N_AGENTS];
    all_agents(agents);
    pl_tournament *t = play(s, agents, N_AGENTS, 3, 1);
    assert_int_equal(t->n_rows, N_AGENTS * N_AGENTS);
    assert_true(t->frontier_available);
    assert_true(t->nash[0] == 1.0 && t->nash[1] == 1.0);
    for (size_t k = 0; k < t->n_rows; k++) {
        const pl_tournament_row *r = &t->rows[k];
        assert_int_equal(r->assignment[0], k / N_AGENTS); /* party 0 varies slowest */
        assert_int_equal(r->assignment[1], k % N_AGENTS);
        assert_int_equal(r->runs, 3);
        assert_int_equal(r->agreements, 3);
        assert_true(r->agreement_rate == 1.0);
        assert_true(r->mean_agreement_step == 1.0);
        assert_true(r->mean_agreement_utilities[0] == 1.0);
        assert_true(r->mean_agreement_utilities[1] == 1.0);
        assert_true(r->frontier_distance == 0.0);
        assert_true(r->nash_distance == 0.0);
    }
    pl_tournament_free(t);
    pl_scenario_free(s);
}

/* ---- a small domain against a brute-force frontier ---- */

static pl_scenario *small_domain(void)
{
    pl_scenario *s = NULL;
    const char *xs[] = {"x0", "x1", "x2", "x3"}, *ys[] = {"y0", "y1", "y2"};
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    assert_int_equal(pl_scenario_add_options_issue(s, "x", NULL, 4, xs, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_options_issue(s, "y", NULL, 3, ys, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "A", NULL, 1, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "B", NULL, 1, NULL), PL_OK);
    const double ax[] = {1, 0.7, 0.3, 0}, ay[] = {0, 0.5, 1};
    const double bx[] = {0, 0.4, 0.8, 1}, by[] = {1, 0.45, 0};
    assert_int_equal(pl_scenario_set_option_values(s, 0, 0, ax, 0.6), PL_OK);
    assert_int_equal(pl_scenario_set_option_values(s, 0, 1, ay, 0.4), PL_OK);
    assert_int_equal(pl_scenario_set_option_values(s, 1, 0, bx, 0.5), PL_OK);
    assert_int_equal(pl_scenario_set_option_values(s, 1, 1, by, 0.5), PL_OK);
    s->actors[0].reservation = 0.2;
    s->actors[1].reservation = 0.25;
    return s;
}

/* The rational, non-dominated utility vectors (frontier.h's definitions) and the Nash point. */
static size_t brute_frontier(const pl_scenario *s, double *front, double *nash)
{
    double u[12][2];
    size_t n = 0;
    for (int x = 0; x < 4; x++)
        for (int y = 0; y < 3; y++) {
            double package[2] = {x, y};
            double a = pl_package_utility(s, 0, package), b = pl_package_utility(s, 1, package);
            if (a >= s->actors[0].reservation - 1e-9 && b >= s->actors[1].reservation - 1e-9) {
                u[n][0] = a;
                u[n][1] = b;
                n++;
            }
        }
    size_t m = 0;
    double best = -1;
    for (size_t i = 0; i < n; i++) {
        int dominated = 0;
        for (size_t j = 0; j < n && !dominated; j++)
            dominated = u[j][0] >= u[i][0] - 1e-9 && u[j][1] >= u[i][1] - 1e-9 &&
                        (u[j][0] > u[i][0] + 1e-9 || u[j][1] > u[i][1] + 1e-9);
        if (!dominated) {
            front[2 * m] = u[i][0];
            front[2 * m + 1] = u[i][1];
            m++;
        }
        double product = (u[i][0] - s->actors[0].reservation) *
                         (u[i][1] - s->actors[1].reservation);
        if (product > best) {
            best = product;
            nash[0] = u[i][0];
            nash[1] = u[i][1];
        }
    }
    return m;
}

static double brute_distance(const double *x, const double *points, size_t m)
{
    double best = INFINITY;
    for (size_t k = 0; k < m; k++)
        best = fmin(best, hypot(x[0] - points[2 * k], x[1] - points[2 * k + 1]));
    return best < 1e-9 ? 0 : best;
}

static void test_small_domain_distances(void **state)
{
    (void)state;
    pl_scenario *s = small_domain();
    double front[24], nash[2] = {NAN, NAN};
    size_t m = brute_frontier(s, front, nash);
    assert_true(m >= 2);
    pl_agent agents[N_AGENTS];
    all_agents(agents);
    pl_tournament *t = play(s, agents, N_AGENTS, 1, 1);
    assert_true(t->frontier_available);
    assert_true(fabs(t->nash[0] - nash[0]) < 1e-12 && fabs(t->nash[1] - nash[1]) < 1e-12);
    size_t agreed = 0, off_nash = 0;
    for (size_t k = 0; k < t->n_rows; k++) {
        const pl_tournament_row *r = &t->rows[k];
        if (r->agreements == 0) {
            assert_true(isnan(r->frontier_distance) && isnan(r->nash_distance));
            assert_true(isnan(r->mean_agreement_step));
            continue;
        }
        agreed++;
        const double *u = r->mean_agreement_utilities;
        double expected = brute_distance(u, front, m);
        assert_true(fabs(r->frontier_distance - expected) < 1e-12);
        assert_true(fabs(r->nash_distance - brute_distance(u, nash, 1)) < 1e-12);
        off_nash += r->nash_distance > 0;
    }
    assert_true(agreed > 0);
    assert_true(off_nash > 0); /* the distances are not all trivially 0 */
    pl_tournament_free(t);
    pl_scenario_free(s);
}

static void test_nearest_by_hand(void **state)
{
    (void)state;
    const double origin[2] = {0, 0}, points[4] = {6, 8, 3, 4};
    assert_true(pl_tournament_nearest(origin, points, 2, 2) == 5.0);
    const double x[2] = {3, 4 + 1e-12};
    assert_true(pl_tournament_nearest(x, points, 2, 2) == 0.0); /* within the tolerance */
    const double y[2] = {NAN, 1};
    assert_true(isnan(pl_tournament_nearest(y, points, 2, 2)));
    assert_true(isnan(pl_tournament_nearest(origin, points, 0, 2)));
}

/* With uncertainty the runs differ; the rows are the same on 1 and 3 threads. */
static void test_threads_and_runs(void **state)
{
    (void)state;
    pl_scenario *s = small_domain();
    size_t g;
    assert_int_equal(pl_scenario_add_uncertainty(s, "doubt", &g), PL_OK);
    pl_draw reservation = {1, PL_ALL_ISSUES, PL_QUANTITY_RESERVATION, PL_DISTRIBUTION_UNIFORM,
                           0.3};
    assert_int_equal(pl_scenario_add_draw(s, g, &reservation), PL_OK);
    pl_agent agents[N_AGENTS];
    all_agents(agents);
    pl_tournament *one = play(s, agents, 3, 40, 1), *three = play(s, agents, 3, 40, 3);
    assert_int_equal(one->n_rows, 9);
    for (size_t k = 0; k < one->n_rows; k++) {
        const pl_tournament_row *a = &one->rows[k], *b = &three->rows[k];
        assert_int_equal(a->runs, 40);
        assert_int_equal(a->agreements, b->agreements);
        assert_memory_equal(a->mean_utilities, b->mean_utilities, 2 * sizeof(double));
        assert_memory_equal(&a->frontier_distance, &b->frontier_distance, sizeof(double));
        assert_memory_equal(&a->nash_distance, &b->nash_distance, sizeof(double));
    }
    pl_tournament_free(one);
    pl_tournament_free(three);
    pl_scenario_free(s);
}

static void test_limits_and_errors(void **state)
{
    (void)state;
    pl_scenario *s = small_domain();
    pl_agent agents[N_AGENTS];
    all_agents(agents);
    pl_tournament_options o;
    pl_tournament_options_init(&o);
    o.agents = agents;
    o.n_agents = 3;
    o.max_assignments = 8; /* 3^2 = 9 */
    pl_tournament *t = NULL;
    pl_diag diag;
    assert_int_equal(pl_tournament_run(s, &o, NULL, &t, &diag), PL_ERR_LIMIT);
    assert_null(t);
    assert_non_null(strstr(diag.message, "assignments"));
    o.max_assignments = 9;
    o.n_agents = 0;
    assert_int_equal(pl_tournament_run(s, &o, NULL, &t, &diag), PL_ERR_INVALID);
    pl_tournament_free(NULL);
    pl_scenario_free(s);
}

/* ---- the lazy ranking ---- */

static uint64_t next_random(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

static void test_lazy_rank_matches_full_sort(void **state)
{
    (void)state;
    uint64_t seed = 88172645463325252ULL;
    for (int trial = 0; trial < 60; trial++) {
        size_t n = 1 + next_random(&seed) % (trial < 40 ? 600 : 40000);
        uint64_t distinct = 1 + next_random(&seed) % (trial % 3 == 0 ? 4 : 300);
        sao_entry *full = malloc((n + 1) * sizeof *full), *lazy = malloc((n + 1) * sizeof *lazy);
        assert_non_null(full);
        assert_non_null(lazy);
        for (size_t k = 0; k < n; k++)
            full[k] = (sao_entry){(double)(next_random(&seed) % distinct), (uint32_t)k};
        memcpy(lazy, full, n * sizeof *full);
        sao_argsort(full, n);
        sao_rank rank;
        assert_int_equal(sao_rank_init(&rank, lazy, n), PL_OK);
        for (int q = 0; q < 50; q++) { /* positions and bounds asked in any order */
            size_t position = next_random(&seed) % n;
            assert_int_equal(sao_rank_at(&rank, position)->r, full[position].r);
            double x = (double)(next_random(&seed) % (distinct + 1)) - 0.5 * (q & 1);
            size_t expected = 0;
            while (expected < n && full[expected].u < x)
                expected++;
            assert_int_equal(sao_rank_lower_bound(&rank, x), expected);
        }
        for (size_t k = 0; k < n; k++)
            assert_int_equal(sao_rank_at(&rank, k)->r, full[k].r);
        sao_rank_free(&rank);
        free(full);
        free(lazy);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_coincide),
        cmocka_unit_test(test_small_domain_distances),
        cmocka_unit_test(test_nearest_by_hand),
        cmocka_unit_test(test_threads_and_runs),
        cmocka_unit_test(test_limits_and_errors),
        cmocka_unit_test(test_lazy_rank_matches_full_sort),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
