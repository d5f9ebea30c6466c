/*
 * test_shared_sao.c - SAO with NegMAS's time-based agents on the GENIUS/ANAC
 * domains of ../shared/data/genius (skipped, exit 77, without them):
 * Appendix B of docs/specs/negmas-sao.md offer by offer (Laptop, Linear vs
 * Linear), Lunch never agrees, every two-party linear domain of at most
 * 1,000,000 outcomes is ranked exactly and runs all 9 pairs, and Boulware
 * agrees later than Conceder on average.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"
#include "parley/simulate.h"
#include "support.h"

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Domain then its profiles in byte-wise file-name order (spec §1). */
static pl_scenario *load_folder(const char *folder, const char *domain)
{
    char dir[1024], *files[16];
    size_t n = 0;
    snprintf(dir, sizeof dir, "%s", test_shared_path(folder));
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 15) {
        size_t length = strlen(e->d_name);
        if (length > 4 && strcmp(e->d_name + length - 4, ".xml") == 0 &&
            strcmp(e->d_name, domain) != 0) {
            files[1 + n] = malloc(strlen(dir) + length + 2);
            sprintf(files[1 + n++], "%s/%s", dir, e->d_name);
        }
    }
    closedir(d);
    qsort(files + 1, n, sizeof *files, compare_names);
    files[0] = malloc(strlen(dir) + strlen(domain) + 2);
    sprintf(files[0], "%s/%s", dir, domain);
    pl_scenario *s = NULL;
    pl_diag diag;
    int rc = pl_load_scenario_files((const char *const *)files, n + 1, &s, &diag);
    for (size_t k = 0; k <= n; k++)
        free(files[k]);
    if (rc != PL_OK)
        fprintf(stderr, "%s: %s\n", folder, diag.message);
    assert_int_equal(rc, PL_OK);
    return s;
}

static const char *const pair_names[3] = {"boulware", "linear", "conceder"};

static pl_negotiation *negotiate(const pl_scenario *s, int x, int y, int trace)
{
    pl_agent agents[2];
    assert_int_equal(pl_agent_parse(pair_names[x], &agents[0]), PL_OK);
    assert_int_equal(pl_agent_parse(pair_names[y], &agents[1]), PL_OK);
    pl_simulation_options o;
    pl_simulation_options_init(&o);
    o.agents = agents;
    o.n_agents = 2;
    o.trace = trace;
    pl_negotiation *r = NULL;
    pl_diag diag;
    assert_int_equal(pl_negotiate(s, &o, &r, &diag), PL_OK);
    return r;
}

/* The offer party `party` made in `round` (trace). */
static const pl_sao_event *offer(const pl_negotiation *r, int round, size_t party)
{
    for (size_t k = 0; k < r->n_events; k++)
        if (r->events[k].round == round && r->events[k].party == party &&
            !r->events[k].accepted)
            return &r->events[k];
    fail_msg("no offer by party %zu in round %d", party, round);
    return NULL;
}

/* Appendix B: the worked example, bit for bit. */
static void test_appendix_b_laptop(void **state)
{
    (void)state;
    pl_scenario *s = load_folder("genius/anac/y2011/Laptop", "laptop_domain.xml");
    assert_string_equal(s->actors[0].id, "laptop_buyer_utility");
    pl_negotiation *r = negotiate(s, 1, 1, 1);
    assert_true(r->exact && r->agreed);
    assert_int_equal(r->agreement_step, 20);
    assert_true(r->utilities[0] == 0.87397902271897376);
    assert_true(r->utilities[1] == 0.87397902271897365);
    const pl_sao_event *e = offer(r, 0, 0);
    assert_true(e->utilities[0] == 1.0 && e->utilities[1] == 0.8150631714971639);
    e = offer(r, 0, 1);
    assert_true(e->utilities[0] == 0.72558251788847661 && e->utilities[1] == 1.0);
    e = offer(r, 18, 0);
    assert_true(e->utilities[0] == 0.88216829755638038 && e->utilities[1] == 0.66666666666666674);
    e = offer(r, 18, 1);
    assert_true(e->utilities[0] == 0.85160349516950296 && e->utilities[1] == 0.94108414877819024);
    e = offer(r, 19, 0);
    assert_true(e->utilities[0] == 0.87397902271897376 && e->utilities[1] == 0.87397902271897365);
    assert_true(r->events[r->n_events - 1].accepted && r->events[r->n_events - 1].party == 1);
    pl_negotiation_free(r);
    pl_scenario_free(s);
}

/* Lunch: both need 0.8 and no outcome gives both 0.8 (data/README.md). */
static void test_lunch_never_agrees(void **state)
{
    (void)state;
    pl_scenario *s = load_folder("genius/anac/y2013/Lunch", "Lunch.xml");
    for (int x = 0; x < 3; x++)
        for (int y = 0; y < 3; y++) {
            pl_negotiation *r = negotiate(s, x, y, 0);
            assert_false(r->agreed);
            assert_int_equal(r->agreement_step, 100);
            pl_negotiation_free(r);
        }
    pl_scenario_free(s);
}

/* Every two-party additive domain of INDEX.tsv with at most 10^6 outcomes. */
static void test_anac_domains(void **state)
{
    (void)state;
    FILE *index = fopen(test_shared_path("genius/INDEX.tsv"), "r");
    assert_non_null(index);
    char line[4096];
    double boulware = 0, conceder = 0;
    int domains = 0, pairs = 0;
    assert_non_null(fgets(line, sizeof line, index)); /* header */
    while (fgets(line, sizeof line, index)) {
        char folder[512], domain[512], types[64], kind[64];
        int issues, parties;
        double outcomes;
        if (sscanf(line, "%511[^\t]\t%511[^\t]\t%d\t%63[^\t]\t%lf\t%d\t%63[^\t]", folder, domain,
                   &issues, types, &outcomes, &parties, kind) != 7)
            continue;
        if (parties != 2 || strcmp(kind, "additive") != 0 || outcomes > 1e6)
            continue;
        char path[600];
        snprintf(path, sizeof path, "genius/%s", folder);
        pl_scenario *s = load_folder(path, domain);
        for (int x = 0; x < 3; x++)
            for (int y = 0; y < 3; y++) {
                pl_negotiation *r = negotiate(s, x, y, 0), *again = negotiate(s, x, y, 0);
                assert_true(r->exact);
                assert_int_equal(r->agreement_step, again->agreement_step);
                assert_true(!r->agreed || (r->utilities[0] == again->utilities[0] &&
                                           r->utilities[1] == again->utilities[1]));
                if (r->agreed) /* §7: an accepted offer is within 1e-6 of rv or above */
                    assert_true(r->utilities[0] >= s->actors[0].reservation - 1e-6 &&
                                r->utilities[1] >= s->actors[1].reservation - 1e-6);
                if (x == y && x == 0)
                    boulware += r->agreement_step;
                if (x == y && x == 2)
                    conceder += r->agreement_step;
                pairs++;
                pl_negotiation_free(r);
                pl_negotiation_free(again);
            }
        domains++;
        pl_scenario_free(s);
    }
    fclose(index);
    print_message("%d domains, %d pairs; mean step boulware %.2f, conceder %.2f\n", domains,
                  pairs, boulware / domains, conceder / domains);
    assert_true(domains >= 25);
    assert_true(boulware > conceder);
}

int main(void)
{
    test_require_shared();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_appendix_b_laptop),
        cmocka_unit_test(test_lunch_never_agrees),
        cmocka_unit_test(test_anac_domains),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
