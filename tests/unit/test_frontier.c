/*
 * test_frontier.c - the Pareto frontier, the counts and the bargaining
 * solutions (docs/cli-contract.md, `parley frontier`): hand-computed cases, and an
 * independent brute-force enumeration of the contract's definitions compared
 * with the merge on many seeded random small domains.
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

#include "parley/frontier.h"
#include "support.h"

#define TOL 1e-9

/* ---- building scenarios ---- */

static pl_scenario *new_scenario(size_t parties)
{
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    for (size_t a = 0; a < parties; a++) {
        char id[32];
        snprintf(id, sizeof id, "P%zu", a + 1);
        assert_int_equal(pl_scenario_add_actor(s, id, NULL, 1.0, NULL), PL_OK);
    }
    return s;
}

/* An options issue; values[a * n + k] is party a's value of option k. */
static size_t add_options(pl_scenario *s, size_t n, const double *values,
                          const double *saliences)
{
    static const char *const ids[] = {"o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8"};
    char id[24];
    size_t issue;
    snprintf(id, sizeof id, "i%zu", s->n_issues + 1);
    assert_true(n <= 8);
    assert_int_equal(pl_scenario_add_options_issue(s, id, NULL, n, ids, &issue), PL_OK);
    for (size_t a = 0; a < s->n_actors; a++)
        assert_int_equal(pl_scenario_set_option_values(s, a, issue, &values[a * n],
                                                       saliences[a]),
                         PL_OK);
    return issue;
}

static pl_frontier *compute(const pl_scenario *s, pl_disagreement d, int threads)
{
    pl_frontier_options o = PL_FRONTIER_OPTIONS_INIT;
    o.disagreement = d;
    o.threads = threads;
    o.asymmetric = 1;
    pl_frontier *f = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_frontier_compute(s, &o, &f, &diag);
    if (rc != PL_OK)
        fail_msg("pl_frontier_compute: %s", diag.message);
    return f;
}

static int has_point(const pl_frontier *f, const double *u)
{
    for (size_t k = 0; k < f->n_points; k++) {
        size_t a = 0;
        while (a < f->n_parties && fabs(pl_frontier_point(f, k)[a] - u[a]) <= TOL)
            a++;
        if (a == f->n_parties)
            return 1;
    }
    return 0;
}

static void assert_solution(const pl_frontier *f, pl_solution_kind kind, const double *u)
{
    const pl_frontier_solution *sol = &f->solutions[kind];
    assert_true(sol->present);
    for (size_t a = 0; a < f->n_parties; a++)
        if (fabs(sol->utilities[a] - u[a]) > TOL)
            fail_msg("%s: party %zu gets %.12g, expected %.12g", pl_solution_name(kind), a,
                     sol->utilities[a], u[a]);
}

/* ---- hand-computed cases ---- */

/*
 * Two parties, two issues, equal saliences (weights 1/2):
 *   x: P1 values (1, 0.5, 0), P2 (0, 0.5, 1);  y: P1 (0, 1), P2 (1, 0).
 * Outcomes (P1, P2): (.5,.5) (1,0) (.25,.75) (.75,.25) (0,1) (.5,.5).
 */
static pl_scenario *two_party_case(double rv1, double rv2)
{
    pl_scenario *s = new_scenario(2);
    const double x[] = {1, 0.5, 0, 0, 0.5, 1}, y[] = {0, 1, 1, 0}, w[] = {1, 1};
    add_options(s, 3, x, w);
    add_options(s, 2, y, w);
    s->actors[0].reservation = rv1;
    s->actors[1].reservation = rv2;
    assert_int_equal(pl_scenario_validate(s, NULL), PL_OK);
    return s;
}

static void two_parties_all_rational(void **state)
{
    (void)state;
    pl_scenario *s = two_party_case(0, 0);
    pl_frontier *f = compute(s, PL_DISAGREEMENT_RESERVATION, 1);
    assert_string_equal(f->outcomes.decimal, "6");
    assert_true(f->outcomes.exact_double);
    assert_string_equal(f->rational.decimal, "6");
    /* (.5,.5) twice counts once. */
    assert_int_equal(f->n_points, 5);
    const double expected[][2] = {{1, 0}, {.75, .25}, {.5, .5}, {.25, .75}, {0, 1}};
    for (size_t k = 0; k < 5; k++) {
        assert_true(has_point(f, expected[k]));
        /* Sorted by the first party's utility, highest first. */
        assert_true(fabs(pl_frontier_point(f, k)[0] - expected[k][0]) < TOL);
    }
    const double half[] = {.5, .5}, first[] = {1, 0};
    assert_solution(f, PL_SOLUTION_NASH, half);
    assert_solution(f, PL_SOLUTION_EGALITARIAN, half);
    assert_solution(f, PL_SOLUTION_KALAI_SMORODINSKY, half);
    /* Every point sums to 1: the first in order. */
    assert_solution(f, PL_SOLUTION_UTILITARIAN, first);
    assert_true(f->agreement_possible);
    /* The package reproduces its utilities. */
    const pl_frontier_solution *nash = &f->solutions[PL_SOLUTION_NASH];
    for (size_t a = 0; a < 2; a++)
        assert_true(fabs(pl_package_utility(s, a, nash->package) - 0.5) < TOL);
    pl_frontier_free(f);
    pl_scenario_free(s);
}

static void two_parties_reservations(void **state)
{
    (void)state;
    /* rv (.3, .1): rational (.5,.5) x2 and (.75,.25). */
    pl_scenario *s = two_party_case(0.3, 0.1);
    pl_frontier *f = compute(s, PL_DISAGREEMENT_RESERVATION, 1);
    assert_string_equal(f->rational.decimal, "3");
    assert_int_equal(f->n_points, 2);
    assert_true(fabs(f->ideal[0] - 0.75) < TOL && fabs(f->ideal[1] - 0.5) < TOL);
    const double half[] = {.5, .5}, high[] = {.75, .25};
    /* Nash: .45 * .15 = .0675 < .2 * .4 = .08. */
    assert_solution(f, PL_SOLUTION_NASH, half);
    /* Egalitarian: min(.45, .15) < min(.2, .4). */
    assert_solution(f, PL_SOLUTION_EGALITARIAN, half);
    /* KS: min(1, .375) < min(.444, 1). */
    assert_solution(f, PL_SOLUTION_KALAI_SMORODINSKY, half);
    assert_solution(f, PL_SOLUTION_UTILITARIAN, high);
    assert_true(fabs(f->solutions[PL_SOLUTION_NASH].value - 0.08) < TOL);
    assert_true(fabs(f->disagreement[0] - 0.3) < TOL);
    pl_frontier_free(f);
    /* Zero and minimum (both 0 here): Nash .1875 < .25. */
    f = compute(s, PL_DISAGREEMENT_ZERO, 1);
    assert_solution(f, PL_SOLUTION_NASH, half);
    assert_true(fabs(f->solutions[PL_SOLUTION_NASH].value - 0.25) < TOL);
    pl_frontier_free(f);
    f = compute(s, PL_DISAGREEMENT_MINIMUM, 1);
    assert_true(fabs(f->disagreement[0]) < TOL && fabs(f->disagreement[1]) < TOL);
    pl_frontier_free(f);
    pl_scenario_free(s);
}

/*
 * Red lines that exclude every value of one issue: nothing is rational, at
 * once, however many issues follow (the counting walk must prune at the top,
 * and its bounds must not overflow: CI runs this under UBSan).
 */
static void red_lines_empty_an_issue(void **state)
{
    (void)state;
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    size_t a, b, x;
    assert_int_equal(pl_scenario_add_actor(s, "A", NULL, 1, &a), PL_OK);
    assert_int_equal(pl_scenario_add_actor(s, "B", NULL, 1, &b), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "x", NULL, 0, 100, &x), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, a, x, 100, 1), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, b, x, 0, 1), PL_OK);
    for (size_t k = 0; k < 12; k++) {
        char id[32];
        snprintf(id, sizeof id, "y%zu", k);
        size_t y;
        assert_int_equal(pl_scenario_add_continuous_issue(s, id, NULL, 0, 100, &y), PL_OK);
        assert_int_equal(pl_scenario_set_position(s, a, y, 100, 0.5), PL_OK);
        assert_int_equal(pl_scenario_set_position(s, b, y, 0, 0.5), PL_OK);
    }
    assert_int_equal(pl_scenario_add_red_line(s, a, x, 90, 100, NULL), PL_OK);
    assert_int_equal(pl_scenario_add_red_line(s, b, x, 0, 10, NULL), PL_OK);
    pl_frontier *f = compute(s, PL_DISAGREEMENT_RESERVATION, 1);
    assert_string_equal(f->rational.decimal, "0");
    assert_int_equal(f->n_points, 0);
    assert_false(f->agreement_possible);
    pl_frontier_free(f);
    pl_scenario_free(s);
}

static void two_parties_no_agreement(void **state)
{
    (void)state;
    /* Both need 0.8 (as in ANAC 2013 Lunch): nothing is rational for both. */
    pl_scenario *s = two_party_case(0.8, 0.8);
    pl_frontier *f = compute(s, PL_DISAGREEMENT_RESERVATION, 1);
    assert_string_equal(f->rational.decimal, "0");
    assert_int_equal(f->n_points, 0);
    assert_false(f->agreement_possible);
    assert_false(f->solutions[PL_SOLUTION_NASH].present);
    assert_true(isnan(f->ideal[0]));
    pl_frontier_free(f);
    pl_scenario_free(s);
}

/* Three parties, one issue: three favourites, a compromise, a dominated option. */
static void three_parties(void **state)
{
    (void)state;
    pl_scenario *s = new_scenario(3);
    const double v[] = {1, 0, 0, .5, .4, 0, 1, 0, .5, .4, 0, 0, 1, .5, .4}, w[] = {1, 1, 1};
    add_options(s, 5, v, w);
    s->actors[0].capability = 2.0;
    pl_frontier *f = compute(s, PL_DISAGREEMENT_ZERO, 1);
    assert_string_equal(f->outcomes.decimal, "5");
    assert_int_equal(f->n_points, 4);
    const double compromise[] = {.5, .5, .5}, first[] = {1, 0, 0};
    assert_false(has_point(f, (const double[]){.4, .4, .4}));
    assert_solution(f, PL_SOLUTION_NASH, compromise);
    assert_solution(f, PL_SOLUTION_EGALITARIAN, compromise);
    assert_solution(f, PL_SOLUTION_KALAI_SMORODINSKY, compromise);
    assert_solution(f, PL_SOLUTION_UTILITARIAN, compromise);
    /* Asymmetric Nash: .5 (weights .5,.25,.25) beats 0 at every favourite. */
    assert_solution(f, PL_SOLUTION_ASYMMETRIC_NASH, compromise);
    assert_true(f->solutions[PL_SOLUTION_NASH].package[0] == 3.0);
    pl_frontier_free(f);
    /* Red line of P2: only options 2 and 4 (its favourite and the compromise) are allowed. */
    const unsigned char allowed[] = {0, 1, 0, 1, 0};
    assert_int_equal(pl_scenario_add_red_line_options(s, 1, 0, allowed, NULL), PL_OK);
    f = compute(s, PL_DISAGREEMENT_ZERO, 1);
    assert_string_equal(f->outcomes.decimal, "5");
    assert_string_equal(f->rational.decimal, "2");
    assert_int_equal(f->n_points, 2);
    assert_false(has_point(f, first));
    pl_frontier_free(f);
    pl_scenario_free(s);
}

/* One continuous issue on 0-100: P1's ideal 30, P2's 70, linear utilities. */
static pl_scenario *continuous_case(void)
{
    pl_scenario *s = new_scenario(2);
    size_t x;
    assert_int_equal(pl_scenario_add_continuous_issue(s, "x", NULL, 0, 100, &x), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, 0, x, 30, 1), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, 1, x, 70, 1), PL_OK);
    return s;
}

static void continuous_issue(void **state)
{
    (void)state;
    pl_scenario *s = continuous_case();
    /* Three parties (the third indifferent) keep the candidate grid (docs/frontier.md). */
    assert_int_equal(pl_scenario_add_actor(s, "P3", NULL, 1.0, NULL), PL_OK);
    pl_frontier *f = compute(s, PL_DISAGREEMENT_ZERO, 1);
    /* Grid 0, 5, ..., 100 (ideals 30 and 70 are on it). */
    assert_string_equal(f->outcomes.decimal, "21");
    assert_int_equal(f->n_points, 9); /* 30, 35, ..., 70 */
    const double middle[] = {.8, .8, 1}, left[] = {1, .6, 1};
    assert_solution(f, PL_SOLUTION_NASH, middle);
    assert_true(f->solutions[PL_SOLUTION_NASH].package[0] == 50.0);
    assert_solution(f, PL_SOLUTION_UTILITARIAN, left);
    assert_int_equal(f->n_continuous_exact, 1);
    pl_frontier_free(f);
    /* A red line of P1 at x >= 42 adds 42 to the candidates and cuts the rest. */
    assert_int_equal(pl_scenario_add_red_line(s, 0, 0, 42, 100, NULL), PL_OK);
    f = compute(s, PL_DISAGREEMENT_ZERO, 1);
    assert_string_equal(f->outcomes.decimal, "22");
    assert_string_equal(f->rational.decimal, "13"); /* 42, 45, ..., 100 */
    assert_int_equal(f->n_points, 7);               /* 42, 45, 50, ..., 70 */
    /* Every point sums to 1.6: the first in order, 42. */
    assert_solution(f, PL_SOLUTION_UTILITARIAN, (const double[]){.88, .72, 1});
    pl_frontier_free(f);
    pl_scenario_free(s);
}

static void asymmetric_nash_follows_capability(void **state)
{
    (void)state;
    pl_scenario *s = new_scenario(2);
    size_t x;
    assert_int_equal(pl_scenario_add_continuous_issue(s, "x", NULL, 0, 100, &x), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, 0, x, 0, 1), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, 1, x, 100, 1), PL_OK);
    s->actors[0].capability = 3.0;
    pl_frontier *f = compute(s, PL_DISAGREEMENT_ZERO, 2);
    /* max (1 - x)^.75 x^.25 at x = .25; the symmetric Nash at .5. */
    assert_true(f->solutions[PL_SOLUTION_ASYMMETRIC_NASH].package[0] == 25.0);
    assert_true(f->solutions[PL_SOLUTION_NASH].package[0] == 50.0);
    pl_frontier_free(f);
    pl_scenario_free(s);
}

static void counts_beyond_64_bits(void **state)
{
    (void)state;
    pl_scenario *s = new_scenario(2);
    const double v[] = {0, .1, .2, .3, .4, .5, .6, .7, 1, .9, .8, .7, .6, .5, .4, .3};
    const double w[] = {1, 1}, w2[] = {0, 1};
    for (int i = 0; i < 30; i++)
        add_options(s, 8, v, i < 3 ? w : w2);
    pl_frontier *f = compute(s, PL_DISAGREEMENT_RESERVATION, 2);
    /* 8^30 = 2^90 */
    assert_string_equal(f->outcomes.decimal, "1237940039285380274899124224");
    assert_false(f->outcomes.exact_double);
    assert_string_equal(f->rational.decimal, "1237940039285380274899124224");
    pl_frontier_free(f);
    /*
     * P1 cares about the first three issues only (values 0, .1, ..., .7, equal
     * weights) and needs 0.6: a sum of three tenths >= 18, which 20 of the
     * 512 triples reach; the other 27 issues are free: 20 x 8^27.
     */
    s->actors[0].reservation = 0.6;
    f = compute(s, PL_DISAGREEMENT_RESERVATION, 2);
    assert_false(f->rational.exact_double);
    assert_string_equal(f->rational.decimal, "48357032784585166988247040");
    pl_frontier_free(f);
    pl_scenario_free(s);
}

static void limit_is_reported(void **state)
{
    (void)state;
    pl_scenario *s = continuous_case();
    s->utility_form = PL_UTILITY_QUADRATIC; /* on the grid: two parties, linear, are exact */
    pl_frontier_options o = PL_FRONTIER_OPTIONS_INIT;
    o.max_points = 3;
    pl_frontier *f = (pl_frontier *)&o;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_frontier_compute(s, &o, &f, &diag), PL_ERR_LIMIT);
    assert_null(f);
    assert_true(test_contains(diag.message, "max_points"));
    o = (pl_frontier_options)PL_FRONTIER_OPTIONS_INIT;
    o.threads = 0;
    assert_int_equal(pl_frontier_compute(s, &o, &f, NULL), PL_ERR_ARGUMENT);
    pl_scenario_free(s);
}

/* ---- an independent brute-force enumeration of the contract's definitions ---- */

typedef struct lcg {
    uint64_t state;
} lcg;

static double lcg_uniform(lcg *g)
{
    g->state = g->state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(g->state >> 11) / 9007199254740992.0;
}

static size_t lcg_below(lcg *g, size_t n)
{
    return (size_t)(lcg_uniform(g) * (double)n) % n;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The outcomes of one issue as the contract and docs/frontier.md define them. */
static size_t issue_values(const pl_scenario *s, size_t i, size_t steps, double *out)
{
    const pl_issue *is = &s->issues[i];
    if (is->kind == PL_ISSUE_OPTIONS) {
        for (size_t k = 0; k < is->n_options; k++)
            out[k] = (double)k;
        return is->n_options;
    }
    size_t n = 0;
    for (size_t k = 0; k <= steps; k++)
        out[n++] = k == steps ? is->high : is->low + (is->high - is->low) * (double)k / steps;
    for (size_t a = 0; a < s->n_actors; a++)
        if (s->stances[a * s->n_issues + i].present)
            out[n++] = s->stances[a * s->n_issues + i].position;
    double lo = is->low, hi = is->high;
    for (size_t r = 0; r < s->n_red_lines; r++)
        if (s->red_lines[r].issue == i) {
            lo = fmax(lo, s->red_lines[r].low);
            hi = fmin(hi, s->red_lines[r].high);
        }
    if (lo <= hi) {
        out[n++] = lo;
        out[n++] = hi;
    }
    qsort(out, n, sizeof *out, compare_doubles);
    size_t unique = 0;
    for (size_t k = 0; k < n; k++)
        if (unique == 0 || out[k] != out[unique - 1])
            out[unique++] = out[k];
    return unique;
}

static int brute_dominates(const double *b, const double *a, size_t P)
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

static int crosses_red_line(const pl_scenario *s, const double *package)
{
    for (size_t r = 0; r < s->n_red_lines; r++)
        if (!pl_red_line_allows(s, &s->red_lines[r], package[s->red_lines[r].issue]))
            return 1;
    return 0;
}

static int is_rational(const pl_scenario *s, const double *package, const double *u)
{
    if (crosses_red_line(s, package))
        return 0;
    for (size_t a = 0; a < s->n_actors; a++)
        if (u[a] < s->actors[a].reservation - TOL)
            return 0;
    return 1;
}

typedef struct brute {
    size_t P, total, rational, n_frontier;
    double *rational_u;  /* rational x P */
    double *frontier;    /* n_frontier x P */
    double minimum[8], ideal[8];
} brute;

static void brute_enumerate(const pl_scenario *s, size_t steps, brute *b)
{
    size_t P = s->n_actors, n = s->n_issues, counter[8] = {0}, n_values[8];
    double values[8][64], package[8], u[8];
    b->P = P;
    b->total = 1;
    for (size_t i = 0; i < n; i++) {
        n_values[i] = issue_values(s, i, steps, values[i]);
        b->total *= n_values[i];
    }
    b->rational_u = malloc(b->total * P * sizeof *b->rational_u);
    b->rational = 0;
    for (size_t a = 0; a < P; a++) {
        b->minimum[a] = INFINITY;
        b->ideal[a] = -INFINITY;
    }
    for (size_t k = 0; k < b->total; k++) {
        for (size_t i = 0; i < n; i++)
            package[i] = values[i][counter[i]];
        for (size_t a = 0; a < P; a++) {
            u[a] = pl_package_utility(s, a, package);
            b->minimum[a] = fmin(b->minimum[a], u[a]);
        }
        if (is_rational(s, package, u)) {
            for (size_t a = 0; a < P; a++)
                b->ideal[a] = fmax(b->ideal[a], u[a]);
            memcpy(&b->rational_u[b->rational++ * P], u, P * sizeof *u);
        }
        for (size_t i = n; i-- > 0;) /* mixed-radix counter */
            if (++counter[i] < n_values[i])
                break;
            else
                counter[i] = 0;
    }
}

/*
 * The first rational package, in the enumeration's order (the scenario's
 * issue order, each issue's values in order: lexicographic by value index),
 * whose utilities are those of u (within 1e-12): the package parley reports
 * for a frontier point reached by several packages (docs/frontier.md).
 */
static int brute_first_package(const pl_scenario *s, size_t steps, const double *u,
                               double *out)
{
    size_t P = s->n_actors, n = s->n_issues, counter[8] = {0}, n_values[8], total = 1;
    double values[8][64], package[8], v[8];
    for (size_t i = 0; i < n; i++) {
        n_values[i] = issue_values(s, i, steps, values[i]);
        total *= n_values[i];
    }
    for (size_t k = 0; k < total; k++) {
        for (size_t i = 0; i < n; i++)
            package[i] = values[i][counter[i]];
        size_t a = 0;
        for (; a < P; a++) {
            v[a] = pl_package_utility(s, a, package);
            if (fabs(v[a] - u[a]) > 1e-12)
                break;
        }
        if (a == P && is_rational(s, package, v)) {
            memcpy(out, package, n * sizeof *package);
            return 1;
        }
        for (size_t i = n; i-- > 0;)
            if (++counter[i] < n_values[i])
                break;
            else
                counter[i] = 0;
    }
    return 0;
}

static int lex_desc(const double *a, const double *b, size_t P)
{
    for (size_t i = 0; i < P; i++)
        if (a[i] != b[i])
            return a[i] > b[i] ? -1 : 1;
    return 0;
}

/* Undominated rational vectors; near-equal ones (1e-9) count once. */
static void brute_frontier(brute *b)
{
    size_t P = b->P, m = 0;
    double *cand = malloc((b->rational ? b->rational : 1) * P * sizeof *cand);
    for (size_t x = 0; x < b->rational; x++) {
        const double *a = &b->rational_u[x * P];
        size_t y = 0;
        while (y < b->rational && !brute_dominates(&b->rational_u[y * P], a, P))
            y++;
        if (y == b->rational)
            memcpy(&cand[m++ * P], a, P * sizeof *a);
    }
    /* Sort (insertion: small sets) highest first, keep the first of near-equals. */
    for (size_t x = 1; x < m; x++)
        for (size_t y = x; y > 0 && lex_desc(&cand[y * P], &cand[(y - 1) * P], P) < 0; y--)
            for (size_t a = 0; a < P; a++) {
                double t = cand[y * P + a];
                cand[y * P + a] = cand[(y - 1) * P + a];
                cand[(y - 1) * P + a] = t;
            }
    b->frontier = malloc((m ? m : 1) * P * sizeof *b->frontier);
    b->n_frontier = 0;
    for (size_t x = 0; x < m; x++) {
        size_t y = 0;
        for (; y < b->n_frontier; y++) {
            size_t a = 0;
            while (a < P && fabs(b->frontier[y * P + a] - cand[x * P + a]) <= TOL)
                a++;
            if (a == P)
                break;
        }
        if (y == b->n_frontier)
            memcpy(&b->frontier[b->n_frontier++ * P], &cand[x * P], P * sizeof *cand);
    }
    free(cand);
}

/* The contract's objectives, written again independently of the library. */
static double brute_objective(int kind, const double *u, const double *d, const double *ideal,
                              const double *power, size_t P)
{
    double product = 1, weighted = 0, low = INFINITY, ks = INFINITY, sum = 0;
    int any = 0;
    for (size_t a = 0; a < P; a++) {
        double g = u[a] - d[a];
        product *= fmax(g, 0);
        weighted += power[a] * log(fmax(g, 0));
        low = fmin(low, g);
        sum += u[a];
        if (ideal[a] - d[a] > 1e-12) {
            ks = fmin(ks, g / (ideal[a] - d[a]));
            any = 1;
        }
    }
    switch (kind) {
    case PL_SOLUTION_NASH:
        return product;
    case PL_SOLUTION_KALAI_SMORODINSKY:
        return any ? ks : 0;
    case PL_SOLUTION_EGALITARIAN:
        return low;
    case PL_SOLUTION_UTILITARIAN:
        return sum;
    default:
        return exp(weighted);
    }
}

static void compare_with_brute(const pl_scenario *s, pl_disagreement kind, size_t steps,
                               unsigned seed)
{
    pl_frontier_options o = PL_FRONTIER_OPTIONS_INIT;
    o.disagreement = kind;
    o.asymmetric = 1;
    o.continuous_steps = steps;
    o.threads = 1 + (int)(seed % 2);
    pl_frontier *f = NULL;
    assert_int_equal(pl_frontier_compute(s, &o, &f, NULL), PL_OK);
    brute b;
    brute_enumerate(s, steps, &b);
    brute_frontier(&b);
    size_t P = b.P;
    char total[32], rational[32];
    snprintf(total, sizeof total, "%zu", b.total);
    snprintf(rational, sizeof rational, "%zu", b.rational);
    if (strcmp(f->outcomes.decimal, total) != 0 || strcmp(f->rational.decimal, rational) != 0)
        fail_msg("seed %u: outcomes %s rational %s, brute force %s %s", seed,
                 f->outcomes.decimal, f->rational.decimal, total, rational);
    if (f->n_points != b.n_frontier)
        fail_msg("seed %u: frontier %zu points, brute force %zu", seed, f->n_points,
                 b.n_frontier);
    assert_int_equal(f->agreement_possible, b.rational > 0);
    for (size_t k = 0; k < b.n_frontier; k++)
        assert_true(has_point(f, &b.frontier[k * P]));
    double d[8], power[8], capability = 0;
    for (size_t a = 0; a < P; a++) {
        assert_true(fabs(f->minimum[a] - b.minimum[a]) <= TOL);
        if (b.rational)
            assert_true(fabs(f->ideal[a] - b.ideal[a]) <= TOL);
        d[a] = kind == PL_DISAGREEMENT_ZERO      ? 0
               : kind == PL_DISAGREEMENT_MINIMUM ? b.minimum[a]
                                                 : s->actors[a].reservation;
        capability += s->actors[a].capability;
    }
    for (size_t a = 0; a < P; a++)
        power[a] = s->actors[a].capability / capability;
    for (int sol = 0; sol < PL_SOLUTION_COUNT && b.rational; sol++) {
        const pl_frontier_solution *x = &f->solutions[sol];
        assert_true(x->present);
        double best = -INFINITY;
        for (size_t k = 0; k < b.n_frontier; k++)
            best = fmax(best, brute_objective(sol, &b.frontier[k * P], d, b.ideal, power, P));
        double got = brute_objective(sol, x->utilities, d, b.ideal, power, P);
        if (got < best - TOL * fmax(1, fabs(best)))
            fail_msg("seed %u: %s reaches %.15g, the optimum is %.15g", seed,
                     pl_solution_name(sol), got, best);
        assert_true(is_rational(s, x->package, x->utilities));
        for (size_t a = 0; a < P; a++)
            assert_true(x->utilities[a] == pl_package_utility(s, a, x->package));
        double first[8];
        assert_true(brute_first_package(s, steps, x->utilities, first));
        for (size_t i = 0; i < s->n_issues; i++)
            if (first[i] != x->package[i])
                fail_msg("seed %u: %s: issue %zu is %g, the first package with these "
                         "utilities has %g", seed, pl_solution_name(sol), i, x->package[i],
                         first[i]);
    }
    free(b.rational_u);
    free(b.frontier);
    pl_frontier_free(f);
}

/* A random domain of options issues: values, saliences, reservations, red lines. */
static pl_scenario *random_domain(lcg *g, size_t P, size_t n_issues, int quantised)
{
    pl_scenario *s = new_scenario(P);
    size_t budget = 4096, total = 1;
    for (size_t i = 0; i < n_issues; i++) {
        size_t n = 2 + lcg_below(g, 3);
        if (total * n > budget)
            n = 2;
        total *= n;
        double values[5 * 4], w[5];
        for (size_t a = 0; a < P; a++) {
            w[a] = lcg_below(g, 8) == 0 ? 0.0 : lcg_uniform(g);
            for (size_t k = 0; k < n; k++) {
                double v = lcg_uniform(g);
                values[a * n + k] = quantised ? floor(v * 5) / 4 : v;
            }
        }
        add_options(s, n, values, w);
        if (lcg_below(g, 4) == 0) {
            unsigned char allowed[4] = {0};
            for (size_t k = 0; k < n; k++)
                allowed[k] = lcg_below(g, 3) != 0;
            allowed[lcg_below(g, n)] = 1;
            assert_int_equal(
                pl_scenario_add_red_line_options(s, lcg_below(g, P), i, allowed, NULL), PL_OK);
        }
    }
    for (size_t a = 0; a < P; a++) {
        s->actors[a].reservation = lcg_below(g, 3) == 0 ? 0.0 : 0.6 * lcg_uniform(g);
        s->actors[a].capability = 0.5 + lcg_uniform(g);
    }
    assert_int_equal(pl_scenario_validate(s, NULL), PL_OK);
    return s;
}

static void brute_force_agrees(void **state)
{
    (void)state;
    lcg g = {20250601u};
    for (unsigned seed = 0; seed < 400; seed++) {
        size_t P = 2 + seed % 4, n_issues = 2 + lcg_below(&g, 5);
        pl_scenario *s = random_domain(&g, P, n_issues, seed % 3 == 0);
        compare_with_brute(s, (pl_disagreement)(seed % 3), 20, seed);
        pl_scenario_free(s);
    }
}

static void brute_force_agrees_with_continuous_issues(void **state)
{
    (void)state;
    lcg g = {77u};
    for (unsigned seed = 0; seed < 120; seed++) {
        size_t P = 2 + seed % 3, n_issues = 1 + lcg_below(&g, 3);
        pl_scenario *s = new_scenario(P);
        /* Two parties with linear utilities take the exact path (test_frontier_exact.c). */
        s->utility_form =
            seed % 4 == 3 || P == 2 ? PL_UTILITY_QUADRATIC : PL_UTILITY_LINEAR;
        for (size_t i = 0; i < n_issues; i++) {
            char id[32];
            snprintf(id, sizeof id, "x%zu", i);
            assert_int_equal(pl_scenario_add_continuous_issue(s, id, NULL, 0, 100, NULL),
                             PL_OK);
            for (size_t a = 0; a < P; a++)
                assert_int_equal(pl_scenario_set_position(s, a, i, floor(lcg_uniform(&g) * 100),
                                                          lcg_uniform(&g)),
                                 PL_OK);
            if (lcg_below(&g, 3) == 0) {
                double lo = floor(lcg_uniform(&g) * 50);
                assert_int_equal(pl_scenario_add_red_line(s, lcg_below(&g, P), i, lo,
                                                          lo + 30 + floor(lcg_uniform(&g) * 20),
                                                          NULL),
                                 PL_OK);
            }
        }
        for (size_t a = 0; a < P; a++)
            s->actors[a].reservation = lcg_below(&g, 2) ? 0.0 : 0.7 * lcg_uniform(&g);
        assert_int_equal(pl_scenario_validate(s, NULL), PL_OK);
        compare_with_brute(s, (pl_disagreement)(seed % 3), 4 + seed % 5, seed);
        pl_scenario_free(s);
    }
}

static void thread_count_does_not_matter(void **state)
{
    (void)state;
    lcg g = {4242u};
    for (unsigned seed = 0; seed < 12; seed++) {
        size_t P = 3 + seed % 3;
        pl_scenario *s = new_scenario(P);
        for (size_t i = 0; i < 7; i++) {
            double values[5 * 5], w[5];
            for (size_t a = 0; a < P; a++) {
                w[a] = lcg_uniform(&g);
                for (size_t k = 0; k < 5; k++)
                    values[a * 5 + k] = seed % 2 ? floor(lcg_uniform(&g) * 3) / 2
                                                 : lcg_uniform(&g);
            }
            add_options(s, 5, values, w);
        }
        for (size_t a = 0; a < P; a++)
            s->actors[a].reservation = 0.2 * lcg_uniform(&g);
        pl_frontier *one = compute(s, PL_DISAGREEMENT_RESERVATION, 1);
        pl_frontier *two = compute(s, PL_DISAGREEMENT_RESERVATION, 2);
        assert_int_equal(one->n_points, two->n_points);
        assert_string_equal(one->rational.decimal, two->rational.decimal);
        assert_memory_equal(one->utilities, two->utilities,
                            one->n_points * P * sizeof *one->utilities);
        for (int k = 0; k < PL_SOLUTION_COUNT; k++)
            assert_memory_equal(one->solutions[k].package, two->solutions[k].package,
                                s->n_issues * sizeof(double));
        pl_frontier_free(one);
        pl_frontier_free(two);
        pl_scenario_free(s);
    }
}

/*
 * Two packages reach (.5, .5): x = o1 with y = o2, and x = o3 with y = o1.
 * x has three Pareto values and y two, so the merge takes x first whatever
 * the scenario's order; the package reported is still the first in the
 * scenario's issue order: (x o1, y o2) when x comes first, (y o1, x o3) when
 * y does.
 */
static void tied_packages_follow_issue_order(void **state)
{
    (void)state;
    const double x[] = {1, 0.5, 0, 0, 0.5, 1}, y[] = {1, 0, 0, 1}, w[] = {1, 1};
    for (int y_first = 0; y_first < 2; y_first++) {
        pl_scenario *s = new_scenario(2);
        if (y_first)
            add_options(s, 2, y, w);
        add_options(s, 3, x, w);
        if (!y_first)
            add_options(s, 2, y, w);
        assert_int_equal(pl_scenario_validate(s, NULL), PL_OK);
        for (int threads = 1; threads <= 2; threads++) {
            pl_frontier *f = compute(s, PL_DISAGREEMENT_ZERO, threads);
            const double half[] = {.5, .5};
            assert_solution(f, PL_SOLUTION_NASH, half);
            const double *package = f->solutions[PL_SOLUTION_NASH].package;
            if (y_first) {
                assert_true(package[0] == 0 && package[1] == 2);
            } else {
                assert_true(package[0] == 0 && package[1] == 1);
            }
            pl_frontier_free(f);
        }
        pl_scenario_free(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(two_parties_all_rational),
        cmocka_unit_test(two_parties_reservations),
        cmocka_unit_test(two_parties_no_agreement),
        cmocka_unit_test(red_lines_empty_an_issue),
        cmocka_unit_test(three_parties),
        cmocka_unit_test(continuous_issue),
        cmocka_unit_test(asymmetric_nash_follows_capability),
        cmocka_unit_test(counts_beyond_64_bits),
        cmocka_unit_test(limit_is_reported),
        cmocka_unit_test(brute_force_agrees),
        cmocka_unit_test(brute_force_agrees_with_continuous_issues),
        cmocka_unit_test(thread_count_does_not_matter),
        cmocka_unit_test(tied_packages_follow_issue_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
