/*
 * test_bounded.c - bounded work (issue #19): the long computations refuse at
 * once, before allocating or computing, what their documented limits exclude
 * (with the way out in the message), and report progress that a caller can
 * use to cancel them (parley/progress.h).
 *
 * The refusals are checked for speed only by their being reached on inputs
 * that would otherwise run for minutes; no test here times anything.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "parley/parley.h"
#include "support.h"

/*
 * n actors on k continuous issues on 0-100, each with capability 1 + a % 7,
 * a spread of positions and positive saliences; every actor is a veto player
 * with a reservation of zero.
 */
static pl_scenario *crowd(size_t n, size_t k)
{
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    char id[32];
    for (size_t i = 0; i < k; i++) {
        snprintf(id, sizeof id, "issue%zu", i);
        assert_int_equal(pl_scenario_add_continuous_issue(s, id, NULL, 0, 100, NULL), PL_OK);
    }
    for (size_t a = 0; a < n; a++) {
        snprintf(id, sizeof id, "actor%zu", a);
        assert_int_equal(pl_scenario_add_actor(s, id, NULL, 1.0 + (double)(a % 7), NULL), PL_OK);
        s->actors[a].veto = 1;
        for (size_t i = 0; i < k; i++)
            assert_int_equal(pl_scenario_set_position(s, a, i, (double)((a * 37 + i * 11) % 101),
                                                      0.2 + 0.1 * (double)((a + i) % 5)),
                             PL_OK);
    }
    return s;
}

static void eu_refuses_beyond_max_work(void **state)
{
    (void)state;
    pl_scenario *s = crowd(30, 4);
    pl_eu_options o;
    pl_eu_options_init(&o);
    /* 30^2 x 4 issues x 8 rounds = 28800 pair evaluations: just over 28799. */
    o.max_work = 28799;
    pl_eu_result *r = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_eu_run(s, &o, &r, &diag), PL_ERR_LIMIT);
    assert_null(r);
    assert_non_null(strstr(diag.message, "max_work"));
    assert_non_null(strstr(diag.message, "2.88e+04"));
    o.max_work = 28800;
    assert_int_equal(pl_eu_run(s, &o, &r, &diag), PL_OK);
    pl_eu_result_free(r);
    /* Set from text as --option eu.max_work=N gives it; 0 and fractions are refused. */
    assert_int_equal(pl_eu_options_set(&o, "max_work", "5000", &diag), PL_OK);
    assert_int_equal((int)o.max_work, 5000);
    assert_int_equal(pl_eu_options_set(&o, "max_work", "0", &diag), PL_ERR_INVALID);
    assert_int_equal(pl_eu_options_set(&o, "max_work", "2.5", &diag), PL_ERR_INVALID);
    assert_int_equal((int)o.max_work, 5000);
    pl_scenario_free(s);
}

static void eu_reports_progress_and_cancels(void **state)
{
    (void)state;
    pl_scenario *s = crowd(12, 3);
    pl_eu_options o;
    pl_eu_options_init(&o);
    test_progress_log seen = {0, 0, 0, 0, 0, 0};
    o.progress = (pl_progress){test_progress_record, &seen};
    pl_eu_result *with = NULL, *without = NULL;
    assert_int_equal(pl_eu_run(s, &o, &with, NULL), PL_OK);
    /* One report per issue and round, rising to exactly 1. */
    assert_int_equal(seen.count, 3 * (size_t)o.rounds);
    assert_false(seen.decreased || seen.out_of_range);
    assert_true(seen.last == 1.0);
    /* Results do not depend on whether a progress function is set. */
    o.progress = (pl_progress){NULL, NULL};
    assert_int_equal(pl_eu_run(s, &o, &without, NULL), PL_OK);
    assert_memory_equal(with->forecast, without->forecast, 3 * sizeof(double));
    pl_eu_result_free(with);
    pl_eu_result_free(without);
    test_progress_log stop = {0, 5, 0, 0, 0, 0};
    o.progress = (pl_progress){test_progress_record, &stop};
    pl_eu_result *r = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_eu_run(s, &o, &r, &diag), PL_ERR_CANCELLED);
    assert_null(r);
    assert_int_equal(stop.count, 5);
    assert_non_null(strstr(diag.message, "cancelled"));
    pl_scenario_free(s);
}

static void exchange_refuses_beyond_max_candidates(void **state)
{
    (void)state;
    pl_scenario *s = crowd(20, 5);
    pl_exchange_options o;
    pl_exchange_options_init(&o);
    /* 20 x 19 / 2 actor pairs x 5 x 4 ordered issue pairs = 3800 candidates. */
    o.max_candidates = 3799;
    pl_exchange_result *r = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_exchange_run(s, &o, &r, &diag), PL_ERR_LIMIT);
    assert_null(r);
    assert_non_null(strstr(diag.message, "max_candidates"));
    assert_non_null(strstr(diag.message, "3.8e+03"));
    o.max_candidates = 3800;
    test_progress_log seen = {0, 0, 0, 0, 0, 0};
    o.progress = (pl_progress){test_progress_record, &seen};
    assert_int_equal(pl_exchange_run(s, &o, &r, &diag), PL_OK);
    pl_exchange_result_free(r);
    /* One report per round, rising to 1. */
    assert_int_equal(seen.count, (size_t)o.rounds);
    assert_false(seen.decreased || seen.out_of_range);
    assert_true(seen.last == 1.0);
    test_progress_log stop = {0, 2, 0, 0, 0, 0};
    o.progress = (pl_progress){test_progress_record, &stop};
    assert_int_equal(pl_exchange_run(s, &o, &r, &diag), PL_ERR_CANCELLED);
    assert_null(r);
    assert_int_equal(stop.count, 2);
    assert_int_equal(pl_exchange_options_set(&o, "max_candidates", "0", &diag), PL_ERR_INVALID);
    assert_int_equal(pl_exchange_options_set(&o, "max_candidates", "77", &diag), PL_OK);
    assert_int_equal((int)o.max_candidates, 77);
    pl_scenario_free(s);
}

/*
 * With eight parties or more, a frontier whose outcomes could exceed
 * max_points x 4 / (parties + 2) is refused before the merge, naming the
 * way out; the same scenario computes with the default limit. With fewer
 * parties each merge stage's pool is held to the same memory.
 */
static void frontier_refuses_many_parties_up_front(void **state)
{
    (void)state;
    pl_scenario *s = crowd(8, 2);
    pl_frontier_options o;
    pl_frontier_options_init(&o);
    o.continuous_steps = 4;
    o.max_points = 10; /* 10 x 4 / 10 = 4 outcomes at most: far fewer than the grid's */
    pl_frontier *f = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_frontier_compute(s, &o, &f, &diag), PL_ERR_LIMIT);
    assert_null(f);
    assert_non_null(strstr(diag.message, "8 parties"));
    assert_non_null(strstr(diag.message, "--steps"));
    o.max_points = PL_FRONTIER_DEFAULT_MAX_POINTS;
    assert_int_equal(pl_frontier_compute(s, &o, &f, &diag), PL_OK);
    assert_true(f->n_points > 4);
    pl_frontier_free(f);
    pl_scenario_free(s);
    /* Seven parties: no bound up front, the stage's pool is refused when it outgrows 4. */
    pl_scenario *seven = crowd(7, 2);
    o.max_points = 9; /* 9 x 4 / 9 = 4 */
    assert_int_equal(pl_frontier_compute(seven, &o, &f, &diag), PL_ERR_LIMIT);
    assert_null(f);
    assert_non_null(strstr(diag.message, "merging issue"));
    assert_non_null(strstr(diag.message, "(parties + 2)"));
    pl_scenario_free(seven);
}

/*
 * The exact rational count has its own budget (max_count_nodes): beyond it
 * the count is given up (rational_counted 0), not the frontier, whose points
 * are the same as with the count.
 */
static void frontier_gives_up_the_count_not_the_frontier(void **state)
{
    (void)state;
    /* Two parties on 7 issues: the count's search charges its nodes in blocks of 65536,
     * and visits more here, the reservations cutting through the outcome space. */
    pl_scenario *s = crowd(2, 7);
    for (size_t a = 0; a < 2; a++)
        s->actors[a].reservation = 0.45;
    pl_frontier_options o;
    pl_frontier_options_init(&o);
    pl_frontier *full = NULL, *cut = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_frontier_compute(s, &o, &full, &diag), PL_OK);
    assert_true(full->rational_counted);
    assert_true(full->rational.value > 1);
    o.max_count_nodes = 2;
    assert_int_equal(pl_frontier_compute(s, &o, &cut, &diag), PL_OK);
    assert_int_equal(diag.status, PL_OK);
    assert_false(cut->rational_counted);
    assert_true(cut->rational.value == 0);
    assert_int_equal(cut->n_points, full->n_points);
    assert_memory_equal(cut->utilities, full->utilities,
                        full->n_points * full->n_parties * sizeof(double));
    pl_frontier_free(full);
    pl_frontier_free(cut);
    pl_scenario_free(s);
}

/*
 * The zone's linear programmes grow with actors x continuous issues: 300 x 20
 * (12000 rows by the bound of zone.c) is refused at once with the estimate;
 * 40 x 5 is analysed.
 */
static void zone_refuses_huge_programmes(void **state)
{
    (void)state;
    pl_scenario *big = crowd(300, 20);
    pl_agreement *g = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_agreement_compute(big, NULL, &g, &diag), PL_ERR_LIMIT);
    assert_null(g);
    assert_non_null(strstr(diag.message, "300 actors x 20 issues"));
    assert_non_null(strstr(diag.message, "limit"));
    pl_scenario_free(big);
    pl_scenario *small = crowd(40, 5);
    assert_int_equal(pl_agreement_compute(small, NULL, &g, &diag), PL_OK);
    assert_non_null(g);
    pl_agreement_free(g);
    pl_scenario_free(small);
}

/*
 * The zone of agreement (issue #19): its simplex work is its progress, which
 * a caller can cancel; without a zone, each size of blocking set whose
 * predicted work passes max_search_work is left out, and the result says how
 * far each search went. The default scenario's full search (every conflict
 * up to 4 constraints, every relaxation up to 3) needs under 2e6 cells;
 * with a limit of 1e6 the relaxation search stops early, and the sets it
 * did search are those of the full search (docs/agreement.md: RU >= 10 or
 * UA <= 90, one constraint each).
 */
static void zone_reports_progress_and_limits_its_searches(void **state)
{
    (void)state;
    pl_scenario *s = test_load(PARLEY_SOURCE_DIR "/examples/peace-talks-2025.json");
    pl_agreement_options o = PL_AGREEMENT_OPTIONS_INIT;
    test_progress_log seen = {0, 0, 0, 0, 0, 0};
    o.progress = (pl_progress){test_progress_record, &seen};
    pl_agreement *full = NULL, *limited = NULL, *g = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_agreement_compute(s, &o, &full, &diag), PL_OK);
    assert_false(full->possible);
    assert_false(full->search_limited);
    assert_int_equal(full->searched_size, 3);
    assert_int_equal(full->conflicts_searched_size, 4);
    assert_true(seen.count >= 1);
    assert_false(seen.decreased || seen.out_of_range);
    assert_true(seen.last == 1.0);
    /* A cancel at the first report: nothing returned. */
    test_progress_log stop = {0, 1, 0, 0, 0, 0};
    o.progress = (pl_progress){test_progress_record, &stop};
    assert_int_equal(pl_agreement_compute(s, &o, &g, &diag), PL_ERR_CANCELLED);
    assert_null(g);
    assert_non_null(strstr(diag.message, "cancelled"));
    /* The work limit. */
    o.progress = (pl_progress){NULL, NULL};
    o.max_search_work = 1e6;
    assert_int_equal(pl_agreement_compute(s, &o, &limited, &diag), PL_OK);
    assert_true(limited->search_limited);
    assert_true(limited->searched_size >= 1 && limited->searched_size < 3);
    size_t n = 0;
    for (size_t k = 0; k < full->n_relaxations; k++)
        n += full->relaxations[k].n_members <= limited->searched_size;
    assert_int_equal(limited->n_relaxations, n);
    assert_true(n >= 2);
    for (size_t k = 0; k < n; k++) {
        assert_int_equal(limited->relaxations[k].n_members, full->relaxations[k].n_members);
        assert_memory_equal(limited->relaxations[k].members, full->relaxations[k].members,
                            full->relaxations[k].n_members * sizeof(size_t));
    }
    o.max_search_work = 0;
    assert_int_equal(pl_agreement_compute(s, &o, &g, &diag), PL_ERR_ARGUMENT);
    pl_agreement_free(full);
    pl_agreement_free(limited);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(eu_refuses_beyond_max_work),
        cmocka_unit_test(eu_reports_progress_and_cancels),
        cmocka_unit_test(exchange_refuses_beyond_max_candidates),
        cmocka_unit_test(frontier_refuses_many_parties_up_front),
        cmocka_unit_test(frontier_gives_up_the_count_not_the_frontier),
        cmocka_unit_test(zone_refuses_huge_programmes),
        cmocka_unit_test(zone_reports_progress_and_limits_its_searches),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
