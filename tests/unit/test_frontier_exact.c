/*
 * test_frontier_exact.c - the exact frontier of two parties on continuous
 * issues (docs/frontier.md, "Two parties on continuous issues"): cases
 * computed by hand, and random small scenarios (continuous and options
 * issues, red lines, reservations) against a fine brute-force sampling of
 * the package space, which the exact frontier must cover, never fall below,
 * and whose best solutions it must match or beat.
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

#include "parley/agreement.h"
#include "parley/analysis.h"
#include "parley/frontier.h"
#include "support.h"

#define TOL 1e-9

static pl_scenario *parties(size_t n)
{
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    for (size_t a = 0; a < n; a++) {
        char id[24];
        snprintf(id, sizeof id, "P%zu", a + 1);
        assert_int_equal(pl_scenario_add_actor(s, id, NULL, 1.0, NULL), PL_OK);
    }
    return s;
}

static pl_scenario *two_parties(void)
{
    return parties(2);
}

static size_t add_continuous(pl_scenario *s, double p1, double w1, double p2, double w2)
{
    char id[24];
    size_t issue;
    snprintf(id, sizeof id, "x%zu", s->n_issues + 1);
    assert_int_equal(pl_scenario_add_continuous_issue(s, id, NULL, 0, 100, &issue), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, 0, issue, p1, w1), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, 1, issue, p2, w2), PL_OK);
    return issue;
}

static pl_frontier *compute(const pl_scenario *s, pl_disagreement d, size_t steps)
{
    pl_frontier_options o = PL_FRONTIER_OPTIONS_INIT;
    o.disagreement = d;
    o.asymmetric = 1;
    o.continuous_steps = steps;
    pl_frontier *f = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    if (pl_frontier_compute(s, &o, &f, &diag) != PL_OK)
        fail_msg("pl_frontier_compute: %s", diag.message);
    return f;
}

static int has_point(const pl_frontier *f, double u1, double u2)
{
    for (size_t k = 0; k < f->n_points; k++)
        if (fabs(pl_frontier_point(f, k)[0] - u1) <= TOL &&
            fabs(pl_frontier_point(f, k)[1] - u2) <= TOL)
            return 1;
    return 0;
}

static void assert_near(double got, double want)
{
    if (fabs(got - want) > TOL)
        fail_msg("got %.15g, want %.15g", got, want);
}

/* One issue: P1's ideal 30, P2's 70; the frontier is the segment between. */
static void one_issue_is_a_segment(void **state)
{
    (void)state;
    pl_scenario *s = two_parties();
    add_continuous(s, 30, 1, 70, 1);
    pl_frontier *f = compute(s, PL_DISAGREEMENT_ZERO, 20);
    /* Vertices x = 30 (1, .6) and 70 (.6, 1); Nash, egalitarian, KS at x = 50 (.8, .8). */
    assert_int_equal(f->n_points, 3);
    assert_true(has_point(f, 1, .6) && has_point(f, .8, .8) && has_point(f, .6, 1));
    assert_near(f->solutions[PL_SOLUTION_NASH].package[0], 50);
    assert_near(f->solutions[PL_SOLUTION_NASH].value, .64);
    /* Every point sums to 1.6: the first in frontier order, x = 30. */
    assert_near(f->solutions[PL_SOLUTION_UTILITARIAN].utilities[0], 1);
    pl_frontier_free(f);
    /* P1's red line x >= 42 cuts it at (.88, .72); ideal (.88, 1), d = 0: KS on
     * u1 + u2 = 1.6 with u2 = u1 / .88, u1 = 1.6 x .88 / 1.88, x = 30 + 100 (1 - u1). */
    assert_int_equal(pl_scenario_add_red_line(s, 0, 0, 42, 100, NULL), PL_OK);
    f = compute(s, PL_DISAGREEMENT_ZERO, 20);
    double ks = 1.6 * .88 / 1.88;
    assert_true(has_point(f, .88, .72) && has_point(f, .6, 1) && has_point(f, ks, ks / .88));
    assert_near(f->solutions[PL_SOLUTION_KALAI_SMORODINSKY].package[0], 30 + 100 * (1 - ks));
    assert_near(f->solutions[PL_SOLUTION_UTILITARIAN].utilities[0], .88);
    pl_frontier_free(f);
    pl_scenario_free(s);
}

/*
 * Two issues, P1 wants 0 on both (equal weights .5, .5), P2 wants 100 (weights
 * .25 and .75). Moving x to P1 costs P2 .25 for P1's .5 (rate .5), moving y
 * costs .75 for .5 (rate 1.5): the chain (0, 1) -> (.5, .75) -> (1, 0), x first.
 * Nash (d = 0): .5 s (1 - .25 s) rises on the first piece, .375 (1 - s^2) falls
 * on the second: (.5, .75) at x = 0, y = 100. Egalitarian: .5 + .5 s = .75 - .75 s,
 * s = .2: (.6, .6) at y = 80.
 */
static void two_issues_trade_cheapest_first(void **state)
{
    (void)state;
    pl_scenario *s = two_parties();
    add_continuous(s, 0, 1, 100, 1);
    add_continuous(s, 0, 1, 100, 3);
    pl_frontier *f = compute(s, PL_DISAGREEMENT_ZERO, 7);
    assert_true(has_point(f, 1, 0) && has_point(f, .5, .75) && has_point(f, 0, 1));
    assert_true(has_point(f, .6, .6));
    assert_int_equal(f->n_points, 4);
    const pl_frontier_solution *nash = &f->solutions[PL_SOLUTION_NASH];
    assert_near(nash->utilities[0], .5);
    assert_near(nash->package[0], 0);
    assert_near(nash->package[1], 100);
    const pl_frontier_solution *egal = &f->solutions[PL_SOLUTION_EGALITARIAN];
    assert_near(egal->package[1], 80);
    assert_near(egal->utilities[1], .6);
    pl_frontier_free(f);
    /* P2's reservation .7 cuts the second piece at .75 - .75 s = .7, s = 1/15. */
    s->actors[1].reservation = .7;
    f = compute(s, PL_DISAGREEMENT_RESERVATION, 7);
    assert_true(has_point(f, .5 + .5 / 15, .7) && has_point(f, 0, 1));
    assert_false(has_point(f, 1, 0));
    assert_near(f->ideal[0], .5 + .5 / 15);
    pl_frontier_free(f);
    pl_scenario_free(s);
}

/* ---- brute force ---- */

typedef struct lcg {
    uint64_t state;
} lcg;

static double uniform(lcg *g)
{
    g->state = g->state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(g->state >> 11) / 9007199254740992.0;
}

#define SAMPLE_STEPS 40

/* The values brute force tries on issue i: a fine grid (continuous) or every option. */
static size_t sample_values(const pl_scenario *s, size_t i, double *out)
{
    const pl_issue *is = &s->issues[i];
    if (is->kind == PL_ISSUE_OPTIONS) {
        for (size_t k = 0; k < is->n_options; k++)
            out[k] = (double)k;
        return is->n_options;
    }
    for (size_t k = 0; k <= SAMPLE_STEPS; k++)
        out[k] = is->low + (is->high - is->low) * (double)k / SAMPLE_STEPS;
    return SAMPLE_STEPS + 1;
}

static int crosses_red_line(const pl_scenario *s, const double *package)
{
    for (size_t r = 0; r < s->n_red_lines; r++)
        if (!pl_red_line_allows(s, &s->red_lines[r], package[s->red_lines[r].issue]))
            return 1;
    return 0;
}

/* Highest u2 the frontier polyline reaches at u1 >= x (vertices and straight pieces). */
static int covered(const pl_frontier *f, const double *q)
{
    for (size_t k = 0; k < f->n_points; k++) {
        const double *a = pl_frontier_point(f, k);
        if (a[0] >= q[0] - TOL && a[1] >= q[1] - TOL)
            return 1;
        if (k + 1 < f->n_points) {
            const double *b = pl_frontier_point(f, k + 1);
            if (b[0] - TOL <= q[0] && q[0] <= a[0] && a[0] > b[0]) {
                double y = b[1] + (q[0] - b[0]) * (a[1] - b[1]) / (a[0] - b[0]);
                if (y >= q[1] - TOL)
                    return 1;
            }
        }
    }
    return 0;
}

/* The parties' bargaining powers, c_a / sum c, of the scenario being checked. */
static double power[2];

static double objective(int kind, const double *u, const pl_frontier *f)
{
    double g1 = u[0] - f->disagreement[0], g2 = u[1] - f->disagreement[1];
    double s1 = f->ideal[0] - f->disagreement[0], s2 = f->ideal[1] - f->disagreement[1];
    switch (kind) {
    case PL_SOLUTION_NASH:
        return fmax(g1, 0) * fmax(g2, 0);
    case PL_SOLUTION_EGALITARIAN:
        return fmin(g1, g2);
    case PL_SOLUTION_UTILITARIAN:
        return u[0] + u[1];
    case PL_SOLUTION_ASYMMETRIC_NASH: { /* prod gain^(c_a / sum c), c the capabilities */
        double c1 = power[0], c2 = power[1];
        return pow(fmax(g1, 0), c1) * pow(fmax(g2, 0), c2);
    }
    default: /* Kalai-Smorodinsky over the parties with room */
        return s1 > 1e-12 && s2 > 1e-12 ? fmin(g1 / s1, g2 / s2)
               : s1 > 1e-12             ? g1 / s1
               : s2 > 1e-12             ? g2 / s2
                                        : 0;
    }
}

/* Every sampled package against the exact frontier (see the file's comment). */
static void check_against_samples(const pl_scenario *s, const pl_frontier *f, unsigned seed)
{
    size_t n = s->n_issues, counts[4], idx[4] = {0};
    double values[4][SAMPLE_STEPS + 1], package[4], u[2], top[2] = {-INFINITY, -INFINITY};
    double best[PL_SOLUTION_COUNT];
    size_t total = 1, rational = 0;
    for (int kind = 0; kind < PL_SOLUTION_COUNT; kind++)
        best[kind] = -INFINITY;
    double capability = s->actors[0].capability + s->actors[1].capability;
    for (size_t a = 0; a < 2; a++)
        power[a] = s->actors[a].capability / capability;
    for (size_t i = 0; i < n; i++) {
        counts[i] = sample_values(s, i, values[i]);
        total *= counts[i];
    }
    /* Moving continuous positions by a grid step moves a utility by at most this. */
    double lipschitz = 1.0 / SAMPLE_STEPS + TOL; /* weights sum to 1 */
    unsigned char *reached = calloc(f->n_points ? f->n_points : 1, 1);
    for (size_t c = 0; c < total; c++) {
        size_t r = c;
        for (size_t i = 0; i < n; i++) {
            idx[i] = r % counts[i];
            r /= counts[i];
            package[i] = values[i][idx[i]];
        }
        if (crosses_red_line(s, package))
            continue;
        for (size_t a = 0; a < 2; a++)
            u[a] = pl_package_utility(s, a, package);
        for (size_t k = 0; k < f->n_points; k++) {
            const double *v = pl_frontier_point(f, k);
            if (fabs(v[0] - u[0]) <= lipschitz && fabs(v[1] - u[1]) <= lipschitz)
                reached[k] = 1;
        }
        if (u[0] < s->actors[0].reservation - TOL || u[1] < s->actors[1].reservation - TOL)
            continue;
        rational++;
        if (!covered(f, u))
            fail_msg("seed %u: package (%g, %g) above the frontier", seed, u[0], u[1]);
        for (size_t k = 0; k < f->n_points; k++) {
            const double *v = pl_frontier_point(f, k);
            if (u[0] >= v[0] - TOL && u[1] >= v[1] - TOL &&
                (u[0] > v[0] + TOL || u[1] > v[1] + TOL))
                fail_msg("seed %u: vertex (%.12g, %.12g) dominated by (%.12g, %.12g)", seed,
                         v[0], v[1], u[0], u[1]);
        }
        for (int kind = 0; kind < PL_SOLUTION_COUNT; kind++)
            best[kind] = fmax(best[kind], objective(kind, u, f));
        for (size_t a = 0; a < 2; a++)
            top[a] = fmax(top[a], u[a]);
    }
    if (rational > 0)
        assert_true(f->agreement_possible);
    for (size_t k = 0; k < f->n_points; k++)
        if (!reached[k])
            fail_msg("seed %u: vertex %zu is no package's utilities", seed, k);
    free(reached);
    /* The ideal point is the exact one: the frontier's best, no sampled package above it. */
    for (size_t a = 0; a < 2 && f->agreement_possible; a++) {
        double vertex = -INFINITY;
        for (size_t k = 0; k < f->n_points; k++)
            vertex = fmax(vertex, pl_frontier_point(f, k)[a]);
        assert_true(f->ideal[a] == vertex && f->ideal[a] >= top[a] - TOL);
    }
    for (int kind = 0; kind < PL_SOLUTION_COUNT && f->agreement_possible; kind++) {
        const pl_frontier_solution *x = &f->solutions[kind];
        assert_true(x->present);
        double got = objective(kind, x->utilities, f);
        if (got < best[kind] - TOL)
            fail_msg("seed %u: %s %.15g below a sampled package's %.15g", seed,
                     pl_solution_name(kind), got, best[kind]);
        assert_false(crosses_red_line(s, x->package));
        for (size_t a = 0; a < 2; a++) {
            assert_true(x->utilities[a] == pl_package_utility(s, a, x->package));
            assert_true(x->utilities[a] >= s->actors[a].reservation - TOL);
            assert_near(x->utilities[a], pl_frontier_point(f, x->point)[a]);
        }
    }
}

static pl_scenario *random_scenario(lcg *g, unsigned seed, size_t P)
{
    pl_scenario *s = parties(P);
    size_t n_cont = 1 + seed % 3, n_opt = seed % 4 == 0 ? 0 : (seed / 4) % 2 + (n_cont < 3);
    for (size_t i = 0; i < n_cont; i++) {
        size_t issue = add_continuous(s, floor(uniform(g) * 101), 0.1 + 0.9 * uniform(g),
                                      floor(uniform(g) * 101), 0.1 + 0.9 * uniform(g));
        for (size_t a = 2; a < P; a++)
            assert_int_equal(pl_scenario_set_position(s, a, issue, floor(uniform(g) * 101),
                                                      0.1 + 0.9 * uniform(g)),
                             PL_OK);
        if (uniform(g) < 0.3) {
            double lo = floor(uniform(g) * 60);
            assert_int_equal(pl_scenario_add_red_line(s, (size_t)(uniform(g) * P), issue, lo,
                                                      fmin(100, lo + 20 + floor(uniform(g) * 40)), NULL),
                             PL_OK);
        }
    }
    static const char *const ids[] = {"a", "b", "c"};
    for (size_t i = 0; i < n_opt; i++) {
        size_t issue;
        char id[24];
        snprintf(id, sizeof id, "o%zu", i);
        assert_int_equal(pl_scenario_add_options_issue(s, id, NULL, 3, ids, &issue), PL_OK);
        for (size_t a = 0; a < P; a++) {
            double v[3] = {uniform(g), uniform(g), uniform(g)};
            assert_int_equal(pl_scenario_set_option_values(s, a, issue, v, 0.1 + 0.9 * uniform(g)),
                             PL_OK);
        }
    }
    for (size_t a = 0; a < P; a++)
        s->actors[a].reservation = uniform(g) < .4 ? 0.0 : (P > 2 ? 0.4 : 0.6) * uniform(g);
    s->actors[0].capability = 1.0 + (double)(seed % 4); /* asymmetric Nash differs */
    pl_diag diag;
    pl_diag_clear(&diag);
    if (pl_scenario_validate(s, &diag) != PL_OK)
        fail_msg("seed %u: %s", seed, diag.message);
    return s;
}

static void brute_force_covers_and_solutions_beat(void **state)
{
    (void)state;
    lcg g = {2026u};
    for (unsigned seed = 0; seed < 60; seed++) {
        pl_scenario *s = random_scenario(&g, seed, 2);
        pl_frontier *f = compute(s, (pl_disagreement)(seed % 3), 20);
        check_against_samples(s, f, seed);
        pl_frontier_free(f);
        pl_scenario_free(s);
    }
}

/*
 * The frontier, the reference points and the solutions (asymmetric Nash too) do not depend on
 * continuous_steps, for every disagreement point (issue #13).
 */
static void steps_do_not_matter(void **state)
{
    (void)state;
    lcg g = {99u};
    for (unsigned seed = 0; seed < 30; seed++) {
        pl_scenario *s = random_scenario(&g, seed, 2);
        pl_disagreement d = (pl_disagreement)(seed % 3); /* reservation, minimum, zero */
        pl_frontier *a = compute(s, d, 3);
        pl_frontier *b = compute(s, d, 40);
        assert_int_equal(a->n_points, b->n_points);
        assert_memory_equal(a->utilities, b->utilities, a->n_points * 2 * sizeof(double));
        assert_memory_equal(a->disagreement, b->disagreement, 2 * sizeof(double));
        assert_memory_equal(a->ideal, b->ideal, 2 * sizeof(double));
        for (int kind = 0; kind < PL_SOLUTION_COUNT; kind++) {
            assert_int_equal(a->solutions[kind].present, b->solutions[kind].present);
            if (a->solutions[kind].present)
                assert_memory_equal(a->solutions[kind].package, b->solutions[kind].package,
                                    s->n_issues * sizeof(double));
        }
        pl_frontier_free(a);
        pl_frontier_free(b);
        pl_scenario_free(s);
    }
}

/*
 * Three and four parties: the listed frontier stays on the candidates, but the
 * four solutions are the zone's exact optima (issue #13, item 2): the same
 * packages for continuous_steps 3 and 30, rational, and at least as good as
 * every listed candidate point of the finer grid (Kalai-Smorodinsky is
 * measured from the exact ideal point, so only its rationality is checked).
 */
static void more_parties_solutions_do_not_depend_on_steps(void **state)
{
    (void)state;
    lcg g = {7u};
    unsigned tested = 0;
    for (unsigned seed = 0; seed < 24; seed++) {
        size_t P = 3 + seed % 2;
        pl_scenario *s = random_scenario(&g, seed, P);
        pl_frontier *a = compute(s, PL_DISAGREEMENT_RESERVATION, 3);
        pl_frontier *b = compute(s, PL_DISAGREEMENT_RESERVATION, 30);
        if (!b->agreement_possible) {
            pl_frontier_free(a), pl_frontier_free(b), pl_scenario_free(s);
            continue;
        }
        assert_true(b->solutions_exact);
        assert_int_equal(a->solutions_exact, a->agreement_possible);
        tested++;
        for (int kind = 0; kind <= PL_SOLUTION_UTILITARIAN && a->agreement_possible; kind++)
            assert_memory_equal(a->solutions[kind].package, b->solutions[kind].package,
                                s->n_issues * sizeof(double));
        for (int kind = 0; kind <= PL_SOLUTION_UTILITARIAN; kind++) {
            const pl_frontier_solution *x = &b->solutions[kind];
            assert_false(crosses_red_line(s, x->package));
            double got = 1, low = INFINITY, sum = 0;
            for (size_t p = 0; p < P; p++) {
                assert_true(x->utilities[p] >= s->actors[p].reservation - TOL);
                double gain = x->utilities[p] - s->actors[p].reservation;
                got *= fmax(gain, 0), low = fmin(low, gain), sum += x->utilities[p];
            }
            for (size_t k = 0; k < b->n_points; k++) {
                const double *u = pl_frontier_point(b, k);
                double prod = 1, min = INFINITY, total = 0;
                for (size_t p = 0; p < P; p++) {
                    double gain = u[p] - s->actors[p].reservation;
                    prod *= fmax(gain, 0), min = fmin(min, gain), total += u[p];
                }
                double best = kind == PL_SOLUTION_NASH          ? prod
                              : kind == PL_SOLUTION_EGALITARIAN ? min
                              : kind == PL_SOLUTION_UTILITARIAN ? total
                                                                : -INFINITY;
                double mine = kind == PL_SOLUTION_NASH          ? got
                              : kind == PL_SOLUTION_EGALITARIAN ? low
                                                                : sum;
                if (mine < best - TOL)
                    fail_msg("seed %u: %s %.15g below the grid point's %.15g", seed,
                             pl_solution_name(kind), mine, best);
            }
        }
        pl_frontier_free(a);
        pl_frontier_free(b);
        pl_scenario_free(s);
    }
    assert_true(tested >= 12);
}

/*
 * The zone of an options domain whose option search exceeds max_nodes (as on
 * GENIUS's AgentHp2) comes from the exact frontier (agreement.c,
 * options_zone): on small random domains, with max_nodes 2 against the
 * bounded search with the default, the same margin and the same solution
 * utilities.
 */
static void options_zone_from_the_frontier(void **state)
{
    (void)state;
    lcg g = {31u};
    static const char *const ids[] = {"a", "b", "c", "d"};
    unsigned compared = 0;
    for (unsigned seed = 0; seed < 40; seed++) {
        size_t P = 2 + seed % 3;
        pl_scenario *s = parties(P);
        for (size_t i = 0; i < 5; i++) {
            size_t issue, n = 3 + (size_t)(uniform(&g) * 2);
            char id[24];
            snprintf(id, sizeof id, "o%zu", i);
            assert_int_equal(pl_scenario_add_options_issue(s, id, NULL, n, ids, &issue), PL_OK);
            for (size_t a = 0; a < P; a++) {
                double v[4] = {uniform(&g), uniform(&g), uniform(&g), uniform(&g)};
                assert_int_equal(
                    pl_scenario_set_option_values(s, a, issue, v, 0.1 + 0.9 * uniform(&g)), PL_OK);
            }
        }
        for (size_t a = 0; a < P; a++) {
            s->actors[a].veto = 1;
            s->actors[a].reservation = 0.5 * uniform(&g);
        }
        pl_agreement_options o;
        pl_agreement_options_init(&o);
        o.max_set = 0;
        pl_agreement *bounded = NULL, *frontier = NULL;
        assert_int_equal(pl_agreement_compute(s, &o, &bounded, NULL), PL_OK);
        o.max_nodes = 2;
        int rc = pl_agreement_compute(s, &o, &frontier, NULL);
        if (!bounded->possible) { /* relaxations need the bounded search */
            pl_agreement_free(bounded), pl_agreement_free(frontier), pl_scenario_free(s);
            continue;
        }
        assert_int_equal(rc, PL_OK);
        assert_true(frontier->possible);
        if (fabs(frontier->margin - bounded->margin) > TOL)
            fail_msg("seed %u: margin %.15g, bounded search %.15g", seed, frontier->margin,
                     bounded->margin);
        for (int kind = 0; kind <= PL_SOLUTION_UTILITARIAN; kind++) {
            assert_int_equal(frontier->solutions[kind].present, bounded->solutions[kind].present);
            for (size_t a = 0; bounded->solutions[kind].present && a < P; a++)
                if (fabs(frontier->solutions[kind].utilities[a] -
                         bounded->solutions[kind].utilities[a]) > 1e-6)
                    fail_msg("seed %u: %s: actor %zu %.12g, bounded search %.12g", seed,
                             pl_solution_name(kind), a, frontier->solutions[kind].utilities[a],
                             bounded->solutions[kind].utilities[a]);
        }
        compared++;
        pl_agreement_free(bounded);
        pl_agreement_free(frontier);
        pl_scenario_free(s);
    }
    assert_true(compared >= 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_issue_is_a_segment),
        cmocka_unit_test(two_issues_trade_cheapest_first),
        cmocka_unit_test(brute_force_covers_and_solutions_beat),
        cmocka_unit_test(steps_do_not_matter),
        cmocka_unit_test(more_parties_solutions_do_not_depend_on_steps),
        cmocka_unit_test(options_zone_from_the_frontier),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
