/*
 * test_sensitivity.c - Sobol indices (parley/sensitivity.h) against analytic values:
 *   - the Ishigami function (Ishigami and Homma 1990), a = 7, b = 0.1, X_i ~ U(-pi, pi):
 *     S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437) (Saltelli et al., Global
 *     Sensitivity Analysis: The Primer, 2008, section 4.9; Sobol' and Levitan 1999);
 *   - the compromise model (Achen 2006) with small uniform deviations of positions, linear in
 *     them, whose indices follow in closed form (test_compromise_linear below);
 * and bad arguments. The sample points are GSL's Sobol sequence, as `parley sensitivity` uses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_qrng.h>

#include "parley/parley.h"
#include "support.h"

/* The radial design: rows of A and B from one 2k-dimensional Sobol point each. */
typedef double (*model_fn)(const double *u, void *payload);

static void radial_outputs(size_t n, size_t k, model_fn f, void *payload, double *f_a, double *f_b,
                           double *f_ab)
{
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)(2 * k));
    assert_non_null(q);
    double point[16], mixed[8];
    assert_true(2 * k <= 16);
    for (size_t j = 0; j < n; j++) {
        gsl_qrng_get(q, point);
        const double *a = point, *b = point + k;
        f_a[j] = f(a, payload);
        f_b[j] = f(b, payload);
        for (size_t i = 0; i < k; i++) {
            for (size_t c = 0; c < k; c++)
                mixed[c] = c == i ? b[c] : a[c];
            f_ab[i * n + j] = f(mixed, payload);
        }
    }
    gsl_qrng_free(q);
}

static double ishigami(const double *u, void *payload)
{
    (void)payload;
    const double pi = 3.141592653589793, a = 7, b = 0.1;
    double x1 = -pi + 2 * pi * u[0], x2 = -pi + 2 * pi * u[1], x3 = -pi + 2 * pi * u[2];
    return sin(x1) + a * sin(x2) * sin(x2) + b * pow(x3, 4) * sin(x1);
}

static void test_ishigami(void **state)
{
    (void)state;
    enum { N = 1 << 14, K = 3 };
    double *f_a = malloc(N * sizeof *f_a), *f_b = malloc(N * sizeof *f_b);
    double *f_ab = malloc(K * N * sizeof *f_ab);
    assert_true(f_a && f_b && f_ab);
    radial_outputs(N, K, ishigami, NULL, f_a, f_b, f_ab);
    pl_sobol_options o = PL_SOBOL_OPTIONS_INIT;
    o.bootstrap = 200;
    pl_sobol_index index[K];
    pl_diag diag = {0};
    assert_int_equal(pl_sobol_indices(N, K, f_a, f_b, f_ab, &o, index, &diag), PL_OK);
    const double first[K] = {0.3139, 0.4424, 0.0}, total[K] = {0.5576, 0.4424, 0.2437};
    for (int i = 0; i < K; i++) {
        assert_true(fabs(index[i].first_order - first[i]) < 0.02);
        assert_true(fabs(index[i].total - total[i]) < 0.02);
        assert_true(index[i].first_order_low <= index[i].first_order);
        assert_true(index[i].first_order <= index[i].first_order_high);
        assert_true(index[i].total_low <= index[i].total && index[i].total <= index[i].total_high);
        assert_true(index[i].first_order_high - index[i].first_order_low < 0.1);
    }
    /* The same seed gives the same intervals; another seed other ones. */
    pl_sobol_index again[K];
    assert_int_equal(pl_sobol_indices(N, K, f_a, f_b, f_ab, &o, again, &diag), PL_OK);
    assert_true(again[0].first_order_low == index[0].first_order_low);
    o.seed = 2;
    assert_int_equal(pl_sobol_indices(N, K, f_a, f_b, f_ab, &o, again, &diag), PL_OK);
    assert_true(again[0].first_order_low != index[0].first_order_low);
    free(f_a);
    free(f_b);
    free(f_ab);
}

/*
 * The compromise forecast of one issue, F = sum_a w_a x_a / W with w_a = c_a s_a and
 * W = sum_a w_a, when each position is drawn x_a = p_a + d_a, d_a ~ U(-h_a, h_a)
 * independently: F is linear in the deviations, so V(F) = sum_a (w_a / W)^2 h_a^2 / 3 and
 * S_a = ST_a = (w_a h_a)^2 / sum_b (w_b h_b)^2 (additive model: no interactions).
 * Here c = (1, 2, 3), s = (1, 0.5, 1), so w = (1, 1, 3), and h = (10, 20, 5):
 * (w h)^2 = (100, 400, 225), sum 725, S = (0.13793, 0.55172, 0.31034).
 */
typedef struct compromise_case {
    pl_scenario *scenario;
    double centre[3], spread[3];
} compromise_case;

static double compromise(const double *u, void *payload)
{
    compromise_case *c = payload;
    for (size_t a = 0; a < 3; a++)
        pl_scenario_stance(c->scenario, a, 0)->position =
            c->centre[a] + c->spread[a] * (2 * u[a] - 1);
    double forecast;
    pl_diag diag = {0};
    assert_int_equal(pl_predict_compromise(c->scenario, &forecast, &diag), PL_OK);
    return forecast;
}

static void test_compromise_linear(void **state)
{
    (void)state;
    compromise_case c = {NULL, {50, 40, 60}, {10, 20, 5}};
    assert_int_equal(pl_scenario_new(&c.scenario), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(c.scenario, "x", NULL, 0, 100, NULL), PL_OK);
    const char *ids[3] = {"A", "B", "C"};
    const double capability[3] = {1, 2, 3}, salience[3] = {1, 0.5, 1};
    for (size_t a = 0; a < 3; a++) {
        assert_int_equal(pl_scenario_add_actor(c.scenario, ids[a], NULL, capability[a], NULL),
                         PL_OK);
        assert_int_equal(pl_scenario_set_position(c.scenario, a, 0, c.centre[a], salience[a]),
                         PL_OK);
    }
    enum { N = 1 << 12, K = 3 };
    double *f_a = malloc(N * sizeof *f_a), *f_b = malloc(N * sizeof *f_b);
    double *f_ab = malloc(K * N * sizeof *f_ab);
    assert_true(f_a && f_b && f_ab);
    radial_outputs(N, K, compromise, &c, f_a, f_b, f_ab);
    pl_sobol_index index[K];
    pl_diag diag = {0};
    assert_int_equal(pl_sobol_indices(N, K, f_a, f_b, f_ab, NULL, index, &diag), PL_OK);
    const double expected[K] = {100.0 / 725, 400.0 / 725, 225.0 / 725};
    for (int i = 0; i < K; i++) {
        assert_true(fabs(index[i].first_order - expected[i]) < 0.01);
        assert_true(fabs(index[i].total - expected[i]) < 0.01);
    }
    free(f_a);
    free(f_b);
    free(f_ab);
    pl_scenario_free(c.scenario);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    double y[4] = {1, 2, 3, 4}, z[4] = {1, 1, 1, 1}, bad[4] = {1, NAN, 3, 4};
    pl_sobol_index out[1];
    pl_diag diag = {0};
    assert_int_equal(pl_sobol_indices(1, 1, y, y, y, NULL, out, &diag), PL_ERR_ARGUMENT);
    assert_int_equal(pl_sobol_indices(4, 1, y, y, bad, NULL, out, &diag), PL_ERR_ARGUMENT);
    assert_true(test_contains(diag.message, "f_ab"));
    pl_sobol_options o, init = PL_SOBOL_OPTIONS_INIT;
    pl_sobol_options_init(&o);
    assert_true(o.version == init.version && o.bootstrap == init.bootstrap &&
                o.seed == init.seed && o.confidence == init.confidence);
    o.version = 99;
    assert_int_equal(pl_sobol_indices(4, 1, y, y, y, &o, out, &diag), PL_ERR_ARGUMENT);
    assert_true(test_contains(diag.message, "version 99"));
    /* No variance: nothing to apportion, the indices are NaN. */
    assert_int_equal(pl_sobol_indices(4, 1, z, z, z, NULL, out, &diag), PL_OK);
    assert_true(isnan(out[0].first_order) && isnan(out[0].total));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ishigami),
        cmocka_unit_test(test_compromise_linear),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
