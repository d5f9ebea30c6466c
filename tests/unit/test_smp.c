/*
 * test_smp.c - KTAB's spatial model (src/lib/models/smp*.c): every formula of
 * docs/specs/ktab-smp.md ("§") on hand-computed cases, the fast paths
 * against the literal reference formulas, thread-count invariance, options,
 * refusals, and KTAB's own traces (tests/data/ktab/TRACES.md).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/smp_internal.h"
#include "support.h"

#define CLOSE(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

/* ---- §3: distances, utilities, risk ---- */

static void test_distance(void **state)
{
    (void)state;
    /* q = (-0.4 * 0.5, 0.3 * 0.5) = (-0.2, 0.15); Num = 0.0625; Den = 0.5; sqrt(0.125). */
    double s[2] = {0.5, 0.5}, y[2] = {0.2, 0.6}, z[2] = {0.6, 0.3};
    CLOSE(smp_distance(s, 0.5, y, z, 2), sqrt(0.125), 1e-15);
    /* One dimension: the salience cancels, delta = |y - z| = 0.5. */
    double s1 = 0.4, y1 = 0.3, z1 = 0.8;
    CLOSE(smp_distance(&s1, 0.16, &y1, &z1, 1), 0.5, 1e-15);
    /* §10 / §9: unweighted Euclidean distance, sqrt(0.16 + 0.09) = 0.5. */
    CLOSE(smp_euclid(y, z, 2), 0.5, 1e-15);
}

static void test_utility(void **state)
{
    (void)state;
    /* §3.2: U = (1 - d)(1 + d R): 0.5 * 1.5, 0.5 * 0.75, 0.75 * 1; beyond 1: (1 - d)(1 + R). */
    assert_true(smp_utility(0.5, 1.0) == 0.75);
    assert_true(smp_utility(0.5, -0.5) == 0.375);
    assert_true(smp_utility(0.25, 0.0) == 0.75);
    assert_true(smp_utility(1.5, 1.0) == -1.0);
    /* §3.4: r_hi = (2 R_h + R_i) / 3: (2 - 0.5) / 3 = 0.5. */
    assert_true(smp_perceived_risk(1.0, -0.5) == 0.5);
    /* §11.7: literal even for h = i. */
    volatile double r = 0.1;
    assert_true(smp_perceived_risk(r, r) == ((2.0 * r) + r) / 3.0);
}

static void test_risk(void **state)
{
    (void)state;
    /* §3.3: P = (0.2, 0.5, 0.3): R = (3 P - 0.9) / 0.6 = (-0.5, 1, 0). */
    double p[3] = {0.2, 0.5, 0.3}, r[3];
    assert_int_equal(smp_risk(p, 3, r), PL_OK);
    CLOSE(r[0], -0.5, 1e-15);
    CLOSE(r[1], 1.0, 1e-15);
    CLOSE(r[2], 0.0, 1e-15);
    double same[3] = {0.25, 0.25, 0.25};
    assert_int_equal(smp_risk(same, 3, r), PL_ERR_INVALID);
}

/* ---- §4: the election ---- */

static void test_pce_two_options(void **state)
{
    (void)state;
    /*
     * Voter 0 (c = 1) wants option 0, voter 1 (c = 2) option 1, each by 1:
     * C_10 = 2 + 1e-8, C_01 = 1 + 1e-8; q_0 = 0.5 pi_01, q_1 = 0.5 pi_10,
     * so P = (1, 2) / 3 up to the floors.
     */
    double table[4] = {1.0, 0.0, 0.0, 1.0}, c[2] = {1.0, 2.0}, p[2];
    size_t cols[2] = {0, 1};
    smp_pce_list(table, 2, cols, 2, c, 2, p);
    CLOSE(p[0], 1.0 / 3.0, 1e-8);
    CLOSE(p[1], 2.0 / 3.0, 1e-8);
    CLOSE(smp_pce_pi(table, 2, c, 2, 1, 0), (2 + 1e-8) / (3 + 2e-8), 1e-16);
    assert_true(smp_pce_pi(table, 2, c, 2, 0, 0) == 0.5);
}

static void test_pce_condorcet_winner(void **state)
{
    (void)state;
    /* Every voter ranks option 2 first: q_2 = 0.5 * ~1 * ~1, the others ~1e-8: P_2 ~ 1. */
    double table[9] = {0.1, 0.2, 0.9, 0.3, 0.1, 0.8, 0.0, 0.5, 0.6}, c[3] = {1, 1, 1}, p[3];
    size_t cols[3] = {0, 1, 2};
    smp_pce_list(table, 3, cols, 3, c, 3, p);
    CLOSE(p[2], 1.0, 1e-6);
    CLOSE(p[0] + p[1] + p[2], 1.0, 1e-15);
}

/* The pairwise, parallel election equals the literal one bit for bit (§4, any orientation). */
static void test_pce_all_matches_list(void **state)
{
    (void)state;
    size_t m = 17, n = 23;
    double *table = malloc(n * m * sizeof *table), c[23], p1[17], p2[17];
    double ca[17 * 17], cb[17 * 17], q[17];
    size_t cols[17];
    srand(7);
    for (size_t k = 0; k < n * m; k++)
        table[k] = (double)rand() / RAND_MAX;
    for (size_t k = 0; k < n; k++)
        c[k] = 1.0 + (double)(rand() % 100);
    for (size_t a = 0; a < m; a++)
        cols[a] = a;
    smp_pce_list(table, m, cols, m, c, n, p1);
    for (int threads = 1; threads <= 3; threads++) {
        pl_pool *pool = NULL;
        assert_int_equal(pl_pool_new(&pool, threads), PL_OK);
        smp_pce_all(pool, table, m, c, n, ca, cb, q, p2);
        assert_memory_equal(p1, p2, sizeof p1);
        pl_pool_free(pool);
    }
    free(table);
}

/* ---- §5: challenge evaluation ---- */

static void test_challenge_hand(void **state)
{
    (void)state;
    /*
     * A = [[1, .5, .2], [.4, 1, .6], [.3, .7, 1]], omega = 1, S = 0.5, E(h, 0, 0, 1):
     * e_SQ = 1.5, u_V = 2, u_L = 1; gamma_i = 0.5 -> chi+, gamma_j = -0.6 -> chi-.
     * Third party 2: g = -0.4, a = 0.5, b = 1.0, rho = 1/3; X = 1.6/3 + 2 * 2.1/3 = 29/15,
     * Y = 0.9/3 + 2 * 2.4/3 = 1.9, v = 1/30 -> chi+ = 8/15. phi = (8/15) / (17/15) = 8/17;
     * e_C = 2 * 8/17 + 9/17 = 25/17; e_Ch = 0.5 * 2 + 0.5 * 25/17; gain = 4/17.
     */
    double a[9] = {1, .5, .2, .4, 1, .6, .3, .7, 1}, omega[3] = {1, 1, 1}, S[3] = {.5, .5, .5};
    double phi, gain;
    smp_challenge(a, 3, omega, S, 0, 0, 1, &phi, &gain);
    CLOSE(phi, 8.0 / 17.0, 1e-9);
    CLOSE(gain, 4.0 / 17.0, 1e-9);
}

/* A workspace with random distances and risks, for the §6 and §7 fast paths. */
static void random_state(smp_work *w, unsigned seed, int twins)
{
    size_t n = w->n, d = w->d;
    srand(seed);
    for (size_t k = 0; k < n * d; k++) {
        w->x[k] = w->y[k] = (double)(rand() % 10001) / 10000.0;
        w->s[k] = 0.05 + (double)(rand() % 100) / 400.0;
    }
    for (size_t i = 0; i < n; i++) {
        w->c[i] = 1.0 + rand() % 50;
        if (twins && i == 2) /* actor 2 duplicates actor 1: exact ties (§11.1) */
            for (size_t e = 0; e < d; e++) {
                w->x[2 * d + e] = w->y[2 * d + e] = w->x[d + e];
                w->s[2 * d + e] = w->s[d + e];
                w->c[2] = w->c[1];
            }
        w->S[i] = 0.0;
        w->den[i] = 0.0;
        for (size_t e = 0; e < d; e++) {
            w->S[i] += w->s[i * d + e];
            w->den[i] += w->s[i * d + e] * w->s[i * d + e];
        }
        w->omega[i] = w->S[i] * w->c[i];
    }
}

/* §6.1 fast path (on-the-fly A^i, split loops) equals the literal §5 on the full A^i. */
static void test_target_matches_reference(void **state)
{
    (void)state;
    size_t n = 12, d = 2;
    smp_work w;
    double *a = malloc(n * n * sizeof *a);
    for (unsigned seed = 1; seed <= 20; seed++) {
        assert_int_equal(smp_work_alloc(&w, n, d, 1), PL_OK);
        random_state(&w, seed, seed % 2);
        pl_diag diag;
        assert_int_equal(smp_state_compute(&w, &diag), PL_OK);
        for (size_t i = 0; i < n; i++) {
            for (size_t m = 0; m < n; m++)
                for (size_t j = 0; j < n; j++)
                    a[m * n + j] = smp_utility(w.delta[m * n + j],
                                               smp_perceived_risk(w.R[i], w.R[m]));
            size_t want = SMP_NO_TARGET, got;
            double best = -1.0, want_p = 0.0, got_p;
            for (size_t j = 0; j < n; j++) {
                double phi, gain;
                if (j == i)
                    continue;
                smp_challenge(a, n, w.omega, w.S, i, i, j, &phi, &gain);
                if (gain > 1e-5 && gain > best) {
                    best = gain;
                    want = j;
                    want_p = phi;
                }
            }
            smp_choose_target(&w, i, &got, &got_p);
            assert_int_equal(got, want);
            assert_true(got_p == want_p);
            if (seed % 2 && i != 1 && i != 2 && got == 2)
                fail_msg("tie between identical actors 1 and 2 must go to 1 (§6.1)");
        }
        smp_work_free(&w);
    }
    free(a);
}

/* §6.1: with everyone at one point no challenge gains more than 1e-5. */
static void test_no_target_when_nothing_to_gain(void **state)
{
    (void)state;
    smp_work w;
    assert_int_equal(smp_work_alloc(&w, 3, 1, 1), PL_OK);
    for (size_t i = 0; i < 3; i++) {
        w.S[i] = w.omega[i] = 0.5;
        w.R[i] = 0.0; /* delta = 0 everywhere: A = 1, gain = 2 - 2 = 0 */
    }
    size_t t;
    double p;
    smp_choose_target(&w, 0, &t, &p);
    assert_true(t == SMP_NO_TARGET);
    smp_work_free(&w);
}

/* ---- §6.2: bargains ---- */

static void test_r4_and_sq(void **state)
{
    (void)state;
    assert_true(smp_r4(0.33333) == 0.3333);
    assert_true(smp_r4(0.66666) == 0.6667);
    assert_true(smp_r4(0.99996) == 1.0);
    assert_true(smp_sq(3.0) == 9.0);
    volatile double two = 2.0;
    for (double z = 0.001; z < 1.0; z += 0.0137)
        assert_true(smp_sq(z) == pow(z, two));
}

static void test_bargain(void **state)
{
    (void)state;
    double si = 0.5, sj = 0.5, xi = 0.2, xj = 0.6, bi, bj;
    /* p = 0.5: w_I = w_J = 0.0625; (0.0125002 + 0.0375) / 0.125001 = 0.39999936 -> 0.4. */
    smp_bargain(&si, &sj, &xi, &xj, 0.5, 1, &bi, &bj);
    assert_true(bi == 0.4 && bj == 0.4);
    /* p = 0.9: w_I = 0.2025, w_J = 0.0025; 0.042 / 0.205 = 0.20488 -> 0.2049. */
    smp_bargain(&si, &sj, &xi, &xj, 0.9, 1, &bi, &bj);
    assert_true(bi == 0.2049 && bj == 0.2049);
    /* Zero salience for i: b = (1e-6 x_i + w_J x_j) / (1e-6 + w_J) ~ x_j. */
    si = 0.0;
    smp_bargain(&si, &sj, &xi, &xj, 0.5, 1, &bi, &bj);
    assert_true(bi == 0.6 && bj == 0.6);
}

/* ---- §7: resolution ---- */

/*
 * x = y = (0, 0.5, 1), s = 1, R = 0, so W_nm = 1 - |y_n - x_m| and V_n(z) = 1 - |y_n - z|.
 * Actor 0 proposes (0 -> 1) at 0.4. Status quo utilities: (0.5, 2/3, 0.5); the
 * proposal's: ((0.6 + 0.6 + 0) / 3, (0.9 + 0.9 + 0.5) / 3, (0.4 + 0.4 + 1) / 3) =
 * (0.4, 0.7667, 0.6). With c = 1: C_prop = 0.1 + 0.1, C_SQ = 0.1, P_prop = 2/3: actors
 * 0 and 1 move to 0.4, actor 2 keeps its status quo. With c_0 = 5, C_SQ = 0.5: no move.
 */
static void resolution_case(double c0, double expect0, double expect1)
{
    smp_work w;
    assert_int_equal(smp_work_alloc(&w, 3, 1, 2), PL_OK);
    double pos[3] = {0.0, 0.5, 1.0};
    for (size_t i = 0; i < 3; i++) {
        w.x[i] = w.y[i] = pos[i];
        w.s[i] = w.den[i] = w.S[i] = 1.0;
        w.c[i] = i == 0 ? c0 : 1.0;
        w.R[i] = 0.0;
        for (size_t m = 0; m < 3; m++)
            w.W[i * 3 + m] = 1.0 - fabs(pos[i] - pos[m]);
        w.target[i] = SMP_NO_TARGET;
    }
    w.target[0] = 1;
    w.b_init[0] = w.b_recv[0] = 0.4;
    smp_resolve(&w);
    CLOSE(w.vote[0 * 4 + 3], 0.5, 1e-15);
    CLOSE(w.vote[1 * 4 + 0], 2.3 / 3.0, 1e-15);
    assert_true(w.x_next[0] == expect0);
    assert_true(w.x_next[1] == expect1);
    assert_true(w.x_next[2] == 1.0);
    smp_work_free(&w);
}

static void test_resolution(void **state)
{
    (void)state;
    resolution_case(1.0, 0.4, 0.4);
    resolution_case(5.0, 0.0, 0.5);
}

/* ---- §8, §9, §10 ---- */

static void test_adjust_ideals(void **state)
{
    (void)state;
    smp_work w;
    assert_int_equal(smp_work_alloc(&w, 3, 1, 1), PL_OK);
    double y[3] = {0.1, 0.2, 0.3}, x[3] = {0.5, 0.6, 0.7};
    memcpy(w.y, y, sizeof y);
    memcpy(w.x_next, x, sizeof x);
    smp_adjust_ideals(&w); /* A = I: y' = x' exactly */
    assert_memory_equal(w.y, x, sizeof x);
    w.acc = calloc(9, sizeof(double));
    w.acc[0] = 0.5;  /* y0' = 0.5 x0' + 0.25 x1' + 0.25 y0 = 0.25 + 0.15 + 0.025 */
    w.acc[1] = 0.25;
    w.acc[4] = 1.0;  /* y1' = x1' */
    w.acc[8] = 0.0;  /* y2' = y2: the ideal never moves */
    memcpy(w.y, y, sizeof y);
    smp_adjust_ideals(&w);
    CLOSE(w.y[0], 0.425, 1e-15);
    assert_true(w.y[1] == 0.6);
    assert_true(w.y[2] == 0.3);
    free(w.acc);
    w.acc = NULL;
    smp_work_free(&w);
}

static void test_stop_rule(void **state)
{
    (void)state;
    /* §9: never before round 2; ratio 0.019 stops, 0.03 does not; round 100 always stops. */
    assert_false(smp_should_stop(1, 100, 0.0, 1.0));
    assert_true(smp_should_stop(2, 100, 0.019, 0.9999));
    assert_false(smp_should_stop(2, 100, 0.03, 0.9999));
    assert_true(smp_should_stop(100, 100, 1.0, 1.0));
    /* Dist: actor 0 moves by 0.5 (3-4-5 triangle / 10), actor 1 by 0.1. */
    double a[4] = {0.0, 0.0, 0.2, 0.2}, b[4] = {0.3, 0.4, 0.2, 0.3};
    CLOSE(smp_state_distance(a, b, 2, 2), 0.6, 1e-15);
}

/* §10: 0.3 and 0.3005 merge; 0.301 is 1e-3 (+ ulps) from 0.3, a new representative,
 * and actor 1's last representative. */
static void test_representatives(void **state)
{
    (void)state;
    smp_work w;
    assert_int_equal(smp_work_alloc(&w, 4, 1, 1), PL_OK);
    double x[4] = {0.3, 0.3005, 0.301, 0.9};
    for (size_t i = 0; i < 4; i++) {
        w.x[i] = w.y[i] = x[i];
        w.s[i] = w.den[i] = w.S[i] = 1.0;
        w.c[i] = w.omega[i] = 1.0 + (double)i;
    }
    pl_diag diag;
    assert_int_equal(smp_state_compute(&w, &diag), PL_OK);
    assert_int_equal(w.n_rep, 3);
    assert_int_equal(w.rep[0], 0);
    assert_int_equal(w.rep[1], 2);
    assert_int_equal(w.rep[2], 3);
    assert_true(w.actor_prob[0] == w.rep_prob[0]);
    assert_true(w.actor_prob[1] == w.rep_prob[1]);
    assert_true(w.actor_prob[2] == w.rep_prob[1]);
    CLOSE(w.rep_prob[0] + w.rep_prob[1] + w.rep_prob[2], 1.0, 1e-15);
    smp_work_free(&w);
}

/* ---- the public API ---- */

static pl_smp_result *run(const pl_scenario *s, int threads)
{
    pl_smp_options o;
    pl_smp_options_init(&o);
    o.threads = threads;
    pl_smp_result *r = NULL;
    pl_diag diag;
    int rc = pl_smp_run(s, &o, &r, &diag);
    if (rc != PL_OK)
        print_error("%s\n", diag.message);
    assert_int_equal(rc, PL_OK);
    return r;
}

/* Read one of KTAB's traces: positions[(round * n + actor) * d + dim]. */
static double *read_trace(const char *name, size_t n, size_t d, size_t *states)
{
    FILE *f = fopen(test_data_path(name), "r");
    assert_non_null(f);
    char line[256];
    size_t cap = 64 * n * d, count = 0;
    double *v = malloc(cap * sizeof *v);
    assert_non_null(fgets(line, sizeof line, f));
    unsigned t, a, i;
    double x;
    while (fscanf(f, "%u,%u,%u,%lf", &t, &a, &i, &x) == 4) {
        size_t k = ((size_t)t * n + a) * d + i;
        assert_true(k < cap);
        v[k] = x;
        count++;
    }
    fclose(f);
    *states = count / (n * d);
    return v;
}

static void check_trace(const char *data, const char *trace, size_t states, const double *best,
                        double p, const double *mean)
{
    pl_scenario *s = test_load(test_data_path(data));
    size_t n = s->n_actors, d = s->n_issues, got_states;
    double *ref = read_trace(trace, n, d, &got_states);
    pl_smp_result *r = run(s, 2);
    assert_int_equal(got_states, states);
    assert_int_equal(r->trace.n_rounds + 1, states);
    for (size_t t = 1; t < states; t++)
        for (size_t k = 0; k < n * d; k++)
            CLOSE(r->trace.positions[(t - 1) * n * d + k], ref[t * n * d + k], 1e-3);
    for (size_t i = 0; i < d; i++) {
        CLOSE(r->most_probable[i], best[i], 1e-9);
        CLOSE(r->forecast[i], mean[i], 5e-5);
    }
    CLOSE(r->most_probable_probability, p, 5e-7);
    free(ref);
    pl_smp_result_free(r);
    pl_scenario_free(s);
}

/* KTAB's traces and final distributions (tests/data/ktab/TRACES.md, from the traces' README). */
static void test_trace_dummy_3dim(void **state)
{
    (void)state;
    double best[3] = {79.88, 34.37, 75.16}, mean[3] = {78.0720, 35.6260, 72.1654};
    check_trace("ktab/dummyData_3Dim.csv", "ktab/trace-dummyData_3Dim.csv", 11, best,
                0.400869, mean);
}

static void test_trace_soe_pol_comp(void **state)
{
    (void)state;
    double best[2] = {38.82, 30.72}, mean[2] = {39.7280, 32.7835};
    check_trace("ktab/SOE-Pol-Comp.csv", "ktab/trace-SOE-Pol-Comp.csv", 28, best, 0.233006,
                mean);
}

static void assert_same_result(const pl_smp_result *a, const pl_smp_result *b, size_t n,
                               size_t d)
{
    size_t rounds = a->trace.n_rounds;
    assert_int_equal(rounds, b->trace.n_rounds);
    assert_memory_equal(a->trace.positions, b->trace.positions, rounds * n * d * sizeof(double));
    assert_memory_equal(a->trace.forecast, b->trace.forecast, rounds * d * sizeof(double));
    assert_memory_equal(a->win_probability, b->win_probability,
                        (rounds + 1) * n * sizeof(double));
    assert_memory_equal(a->risk, b->risk, (rounds + 1) * n * sizeof(double));
    assert_memory_equal(a->forecast, b->forecast, d * sizeof(double));
    assert_true(a->most_probable_probability == b->most_probable_probability);
}

static void test_threads_invariant(void **state)
{
    (void)state;
    const char *files[] = {"ktab/SOE-Pol-Comp.csv", "ktab/dummyData_6Dim.csv"};
    for (size_t f = 0; f < 2; f++) {
        pl_scenario *s = test_load(test_data_path(files[f]));
        pl_smp_result *one = run(s, 1), *two = run(s, 2), *three = run(s, 3);
        assert_same_result(one, two, s->n_actors, s->n_issues);
        assert_same_result(one, three, s->n_actors, s->n_issues);
        pl_smp_result_free(one);
        pl_smp_result_free(two);
        pl_smp_result_free(three);
        pl_scenario_free(s);
    }
}

static void test_options(void **state)
{
    (void)state;
    pl_smp_options o;
    pl_diag diag;
    pl_smp_options_init(&o);
    assert_int_equal(o.threads, 1);
    assert_int_equal(o.max_rounds, 100);
    assert_int_equal(pl_smp_options_set(&o, "threads", "3", &diag), PL_OK);
    assert_int_equal(o.threads, 3);
    assert_int_equal(pl_smp_options_set(&o, "max-rounds", "7", &diag), PL_OK);
    assert_int_equal(o.max_rounds, 7);
    assert_int_equal(pl_smp_options_set(&o, "threads", "0", &diag), PL_ERR_INVALID);
    assert_int_equal(pl_smp_options_set(&o, "threads", "2.5", &diag), PL_ERR_INVALID);
    assert_int_equal(pl_smp_options_set(&o, "max-rounds", "1", &diag), PL_ERR_INVALID);
    assert_int_equal(pl_smp_options_set(&o, "speed", "9", &diag), PL_ERR_INVALID);
    assert_true(test_contains(diag.message, "threads, max-rounds"));
    assert_int_equal(o.threads, 3);
    /* max-rounds caps the run: 3 rounds on SOE-Pol-Comp, which would take 27. */
    pl_scenario *s = test_load(test_data_path("ktab/SOE-Pol-Comp.csv"));
    pl_smp_result *r = NULL;
    o.max_rounds = 3;
    assert_int_equal(pl_smp_run(s, &o, &r, &diag), PL_OK);
    assert_int_equal(r->trace.n_rounds, 3);
    pl_smp_result_free(r);
    pl_scenario_free(s);
}

static void expect_refusal(const pl_scenario *s, int status, const char *text)
{
    pl_smp_result *r = (pl_smp_result *)1;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_smp_run(s, NULL, &r, &diag), status);
    assert_null(r);
    if (!test_contains(diag.message, text))
        fail_msg("diagnostic \"%s\" lacks \"%s\"", diag.message, text);
}

static void test_ktab_parameters(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("ktab/dummyData_3Dim.csv"));
    /* The defaults written out are accepted and change nothing. */
    pl_smp_result *plain = run(s, 1);
    const char *defaults[PL_KTAB_PARAMETER_COUNT] = {
        "Linear", "Conditional", "Deterministic", "Proportional", "OneThird", "Mid",
        "SemiCommit", "S2P2", "InitOnlyInterp"};
    for (size_t k = 0; k < PL_KTAB_PARAMETER_COUNT; k++)
        assert_int_equal(pl_scenario_set_string(&s->ktab.parameters[k], defaults[k]), PL_OK);
    pl_smp_result *explicit_defaults = run(s, 1);
    assert_same_result(plain, explicit_defaults, 7, 3);
    assert_int_equal(pl_scenario_set_string(&s->ktab.parameters[3], "PropCbc"), PL_OK);
    expect_refusal(s, PL_ERR_UNSUPPORTED, "KTAB parameter VotingRule=PropCbc is not supported");
    assert_int_equal(pl_scenario_set_string(&s->ktab.parameters[3], NULL), PL_OK);
    assert_int_equal(pl_scenario_set_string(&s->ktab.parameters[2], "Stochastic"), PL_OK);
    expect_refusal(s, PL_ERR_UNSUPPORTED, "StateTransitions=Stochastic");
    pl_smp_result_free(plain);
    pl_smp_result_free(explicit_defaults);
    pl_scenario_free(s);
    s = test_load(test_data_path("ktab/smpExample.xml"));
    expect_refusal(s, PL_ERR_UNSUPPORTED, "KTAB parameter PCEModel=MarkovIncentive");
    pl_scenario_free(s);
}

/* §8: identity pairs change nothing; a real adjustment changes the run. */
static void test_ideal_adjustment_pairs(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("ktab/dummyData_3Dim.csv"));
    pl_smp_result *plain = run(s, 1);
    pl_ktab_adjustment same = {2, 2, 1.0};
    assert_int_equal(pl_scenario_add_ktab_adjustment(s, &same), PL_OK);
    pl_smp_result *identity = run(s, 1);
    assert_same_result(plain, identity, 7, 3);
    pl_ktab_adjustment half = {0, 0, 0.5};
    assert_int_equal(pl_scenario_add_ktab_adjustment(s, &half), PL_OK);
    pl_smp_result *moved = run(s, 1);
    size_t common = moved->trace.n_rounds < plain->trace.n_rounds ? moved->trace.n_rounds
                                                                  : plain->trace.n_rounds;
    assert_true(moved->trace.n_rounds != plain->trace.n_rounds ||
                memcmp(moved->trace.positions, plain->trace.positions,
                       common * 21 * sizeof(double)) != 0);
    pl_smp_result_free(plain);
    pl_smp_result_free(identity);
    pl_smp_result_free(moved);
    pl_scenario_free(s);
}

static pl_scenario *small_scenario(size_t n, double low, double high, double salience)
{
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "a", NULL, low, high, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "b", NULL, low, high, NULL), PL_OK);
    for (size_t a = 0; a < n; a++) {
        char id[32];
        snprintf(id, sizeof id, "p%zu", a);
        assert_int_equal(pl_scenario_add_actor(s, id, NULL, 10.0 + (double)(a * 7 % 5), NULL),
                         PL_OK);
        double x = low + (high - low) * (double)((a * 37) % 11) / 10.0;
        double y = low + (high - low) * (double)((a * 53) % 7) / 6.0;
        assert_int_equal(pl_scenario_set_position(s, a, 0, x, salience), PL_OK);
        assert_int_equal(pl_scenario_set_position(s, a, 1, y, salience * 0.5), PL_OK);
    }
    return s;
}

static void test_preconditions(void **state)
{
    (void)state;
    pl_scenario *s = small_scenario(2, 0, 100, 0.4);
    expect_refusal(s, PL_ERR_UNSUPPORTED, "3 to 250 actors");
    pl_scenario_free(s);
    s = small_scenario(4, 0, 100, 0.4);
    for (size_t a = 0; a < 4; a++)
        for (size_t i = 0; i < 2; i++)
            pl_scenario_stance(s, a, i)->position = 40.0;
    expect_refusal(s, PL_ERR_INVALID, "same position");
    pl_scenario_stance(s, 1, 0)->position = 60.0;
    for (size_t i = 0; i < 2; i++)
        pl_scenario_stance(s, 2, i)->salience = 0.0;
    expect_refusal(s, PL_ERR_INVALID, "needs some salience");
    pl_scenario_free(s);
    s = small_scenario(4, 0, 100, 0.4);
    const char *ids[2] = {"yes", "no"};
    assert_int_equal(pl_scenario_add_options_issue(s, "o", NULL, 2, ids, NULL), PL_OK);
    expect_refusal(s, PL_ERR_UNSUPPORTED, "continuous issues only");
    pl_scenario_free(s);
}

/* Other ranges map onto [0, 1] and back; saliences above 1 in sum are normalised. */
static void test_scales_and_normalisation(void **state)
{
    (void)state;
    pl_scenario *a = small_scenario(6, 0, 100, 0.4), *b = small_scenario(6, -1, 1, 0.4);
    pl_smp_result *ra = run(a, 1), *rb = run(b, 1);
    assert_int_equal(ra->trace.n_rounds, rb->trace.n_rounds);
    for (size_t k = 0; k < ra->trace.n_rounds * 12; k++)
        CLOSE((rb->trace.positions[k] + 1.0) * 50.0, ra->trace.positions[k], 1e-9);
    assert_int_equal(ra->n_normalised, 0);
    pl_scenario *c = small_scenario(6, 0, 100, 0.8), *e = small_scenario(6, 0, 100, 2.0 / 3.0);
    pl_smp_result *rc = run(c, 1), *re = run(e, 1);
    assert_int_equal(rc->n_normalised, 6); /* 0.8 + 0.4 > 1 -> 2/3, 1/3 */
    assert_int_equal(rc->trace.n_rounds, re->trace.n_rounds);
    for (size_t k = 0; k < rc->trace.n_rounds * 12; k++)
        CLOSE(rc->trace.positions[k], re->trace.positions[k], 1e-9);
    pl_smp_result_free(ra);
    pl_smp_result_free(rb);
    pl_smp_result_free(rc);
    pl_smp_result_free(re);
    pl_scenario_free(a);
    pl_scenario_free(b);
    pl_scenario_free(c);
    pl_scenario_free(e);
}

/* The result's bookkeeping: win probabilities per state, the final distribution. */
static void test_result_shape(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("ktab/SOE-Pol-Comp.csv"));
    pl_smp_result *r = run(s, 1);
    size_t n = s->n_actors, T = r->trace.n_rounds;
    double total = 0.0;
    for (size_t m = 0; m < r->n_unique; m++)
        total += r->unique_probability[m];
    CLOSE(total, 1.0, 1e-12);
    for (size_t t = 0; t <= T; t++)
        for (size_t a = 0; a < n; a++) {
            double p = r->win_probability[t * n + a], R = r->risk[t * n + a];
            assert_true(p > 0 && p <= 1);
            assert_true(R >= -0.5 - 1e-12 && R <= 1 + 1e-12);
        }
    /* The trace's forecast of the last round is the result's forecast. */
    assert_memory_equal(r->trace.forecast + (T - 1) * 2, r->forecast, 2 * sizeof(double));
    pl_smp_result_free(r);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distance),
        cmocka_unit_test(test_utility),
        cmocka_unit_test(test_risk),
        cmocka_unit_test(test_pce_two_options),
        cmocka_unit_test(test_pce_condorcet_winner),
        cmocka_unit_test(test_pce_all_matches_list),
        cmocka_unit_test(test_challenge_hand),
        cmocka_unit_test(test_target_matches_reference),
        cmocka_unit_test(test_no_target_when_nothing_to_gain),
        cmocka_unit_test(test_r4_and_sq),
        cmocka_unit_test(test_bargain),
        cmocka_unit_test(test_resolution),
        cmocka_unit_test(test_adjust_ideals),
        cmocka_unit_test(test_stop_rule),
        cmocka_unit_test(test_representatives),
        cmocka_unit_test(test_trace_dummy_3dim),
        cmocka_unit_test(test_trace_soe_pol_comp),
        cmocka_unit_test(test_threads_invariant),
        cmocka_unit_test(test_options),
        cmocka_unit_test(test_ktab_parameters),
        cmocka_unit_test(test_ideal_adjustment_pairs),
        cmocka_unit_test(test_preconditions),
        cmocka_unit_test(test_scales_and_normalisation),
        cmocka_unit_test(test_result_shape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
