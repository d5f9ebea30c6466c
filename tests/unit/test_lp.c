/*
 * test_lp.c - the dense simplex of src/lib/numeric/lp.c on hand-solved problems,
 * including Beale's cycling example (which Bland's rule must finish).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "numeric/lp.h"
#include "support.h"

static void add(pl_lp *lp, size_t n, const size_t *index, const double *value,
                pl_lp_sense sense, double rhs)
{
    assert_int_equal(pli_lp_add_row(lp, n, index, value, sense, rhs), PL_OK);
}

/* max 3x + 2y, x + y <= 4, x + 3y <= 6, x <= 3: x = 3, y = 1, value 11. */
static void textbook_maximum(void **state)
{
    (void)state;
    pl_lp *lp = NULL;
    assert_int_equal(pli_lp_new(2, &lp), PL_OK);
    pli_lp_set_objective(lp, 0, 3);
    pli_lp_set_objective(lp, 1, 2);
    add(lp, 2, (size_t[]){0, 1}, (double[]){1, 1}, PL_LP_LE, 4);
    add(lp, 2, (size_t[]){0, 1}, (double[]){1, 3}, PL_LP_LE, 6);
    add(lp, 1, (size_t[]){0}, (double[]){1}, PL_LP_LE, 3);
    double x[2], value = 0;
    assert_int_equal(pli_lp_solve(lp, x, &value), PL_LP_OPTIMAL);
    assert_true(fabs(value - 11) < 1e-9 && fabs(x[0] - 3) < 1e-9 && fabs(x[1] - 1) < 1e-9);
    pli_lp_free(lp);
}

/* x >= 2 and x <= 1: infeasible; max x with x - y <= 1: unbounded. */
static void infeasible_and_unbounded(void **state)
{
    (void)state;
    pl_lp *lp = NULL;
    assert_int_equal(pli_lp_new(1, &lp), PL_OK);
    add(lp, 1, (size_t[]){0}, (double[]){1}, PL_LP_GE, 2);
    add(lp, 1, (size_t[]){0}, (double[]){1}, PL_LP_LE, 1);
    assert_int_equal(pli_lp_solve(lp, NULL, NULL), PL_LP_INFEASIBLE);
    pli_lp_free(lp);
    assert_int_equal(pli_lp_new(2, &lp), PL_OK);
    pli_lp_set_objective(lp, 0, 1);
    add(lp, 2, (size_t[]){0, 1}, (double[]){1, -1}, PL_LP_LE, 1);
    assert_int_equal(pli_lp_solve(lp, NULL, NULL), PL_LP_UNBOUNDED);
    pli_lp_free(lp);
}

/* max x - y, x + y = 2, y >= 0.5 (negative right-hand sides too): x = 1.5, value 1. */
static void equality_and_negative_rhs(void **state)
{
    (void)state;
    pl_lp *lp = NULL;
    assert_int_equal(pli_lp_new(2, &lp), PL_OK);
    pli_lp_set_objective(lp, 0, 1);
    pli_lp_set_objective(lp, 1, -1);
    add(lp, 2, (size_t[]){0, 1}, (double[]){1, 1}, PL_LP_EQ, 2);
    add(lp, 1, (size_t[]){1}, (double[]){-1}, PL_LP_LE, -0.5);
    double x[2], value = 0;
    assert_int_equal(pli_lp_solve(lp, x, &value), PL_LP_OPTIMAL);
    assert_true(fabs(value - 1) < 1e-9 && fabs(x[0] - 1.5) < 1e-9);
    pli_lp_free(lp);
}

/*
 * Beale (1955): cycles under Dantzig's rule. max 3/4 x1 - 20 x2 + 1/2 x3 - 6 x4,
 * 1/4 x1 - 8 x2 - x3 + 9 x4 <= 0, 1/2 x1 - 12 x2 - 1/2 x3 + 3 x4 <= 0, x3 <= 1:
 * optimum 5/4 at x1 = 1, x3 = 1.
 */
static void beale_does_not_cycle(void **state)
{
    (void)state;
    pl_lp *lp = NULL;
    assert_int_equal(pli_lp_new(4, &lp), PL_OK);
    const double c[] = {0.75, -20, 0.5, -6};
    for (size_t j = 0; j < 4; j++)
        pli_lp_set_objective(lp, j, c[j]);
    size_t all[] = {0, 1, 2, 3};
    add(lp, 4, all, (double[]){0.25, -8, -1, 9}, PL_LP_LE, 0);
    add(lp, 4, all, (double[]){0.5, -12, -0.5, 3}, PL_LP_LE, 0);
    add(lp, 1, (size_t[]){2}, (double[]){1}, PL_LP_LE, 1);
    double x[4], value = 0;
    assert_int_equal(pli_lp_solve(lp, x, &value), PL_LP_OPTIMAL);
    assert_true(fabs(value - 1.25) < 1e-9);
    pli_lp_free(lp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(textbook_maximum),
        cmocka_unit_test(infeasible_and_unbounded),
        cmocka_unit_test(equality_and_negative_rhs),
        cmocka_unit_test(beale_does_not_cycle),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
