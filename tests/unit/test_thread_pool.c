/*
 * test_thread_pool.c - the thread pool (parley/threads.h): every index runs
 * exactly once for any thread count, loops can be repeated, bad arguments
 * are refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include "parley/threads.h"
#include "support.h"

static void count_task(size_t index, void *payload)
{
    int *hits = payload;
    hits[index]++;
}

static void test_every_index_once(void **state)
{
    (void)state;
    enum { N = 1000 };
    for (int threads = 1; threads <= 4; threads++) {
        pl_pool *pool = NULL;
        assert_int_equal(pl_pool_new(&pool, threads), PL_OK);
        assert_int_equal(pl_pool_threads(pool), threads);
        int *hits = calloc(N, sizeof *hits);
        for (int repeat = 0; repeat < 50; repeat++)
            assert_int_equal(pl_pool_for(pool, N, count_task, hits), PL_OK);
        for (size_t i = 0; i < N; i++)
            assert_int_equal(hits[i], 50);
        assert_int_equal(pl_pool_for(pool, 0, count_task, hits), PL_OK);
        assert_int_equal(pl_pool_for(pool, 1, count_task, hits), PL_OK);
        assert_int_equal(hits[0], 51);
        free(hits);
        pl_pool_free(pool);
    }
}

static void test_bad_arguments(void **state)
{
    (void)state;
    pl_pool *pool = (pl_pool *)1;
    assert_int_equal(pl_pool_new(&pool, 0), PL_ERR_ARGUMENT);
    assert_null(pool);
    assert_int_equal(pl_pool_new(&pool, PL_POOL_MAX_THREADS + 1), PL_ERR_ARGUMENT);
    assert_int_equal(pl_pool_new(NULL, 2), PL_ERR_ARGUMENT);
    assert_int_equal(pl_pool_for(NULL, 3, count_task, NULL), PL_ERR_ARGUMENT);
    assert_int_equal(pl_pool_new(&pool, 2), PL_OK);
    assert_int_equal(pl_pool_for(pool, 3, NULL, NULL), PL_ERR_ARGUMENT);
    pl_pool_free(pool);
    pl_pool_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_index_once),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
