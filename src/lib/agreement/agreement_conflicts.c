/*
 * agreement_conflicts.c - the minimal conflicts of a coalition's constraints:
 * the smallest sets of red lines and reservations that no package meets
 * together (docs/agreement.md, "Conflicts").
 *
 * "The constraints of S can be met together" is monotone (a subset of a
 * satisfiable set is satisfiable), so sets are tried by increasing size in
 * lexicographic order and a set containing a conflict already found is
 * skipped: every set reported is a minimal infeasible subset, and every one
 * up to the size searched is reported. By hitting-set duality (Reiter, "A
 * theory of diagnosis from first principles", Artif. Intell. 32, 1987) every
 * relaxation set of agreement_relax.c contains a member of every conflict.
 */
#include <math.h>
#include <string.h>

#include "core/internal.h"
#include "zone/zone.h"

static int contains_conflict(const pl_agreement *g, const unsigned char *in_set)
{
    for (size_t f = 0; f < g->n_conflicts; f++)
        if (pli_members_in_set(g->conflicts[f].members, g->conflicts[f].n_members, in_set))
            return 1;
    return 0;
}

/* Maximin level with `on` constraints hard and the others off (or all but `on`). */
static int level_of(pl_zone *z, const pl_scenario *s, const unsigned char *in_set, int invert,
                    unsigned long long *work, double *level)
{
    pli_zone_reset(z, s);
    for (size_t k = 0; k < z->problem.n_constraints; k++)
        z->state[k] = (in_set[k] != 0) != (invert != 0) ? PL_ZONE_HARD : PL_ZONE_OFF;
    int feasible = 0;
    double value = NAN;
    int rc = pli_zone_run(z, work, &feasible, &value);
    *level = feasible ? value : -INFINITY;
    return rc;
}

static int record(pl_agreement *g, pl_zone *z, const pl_scenario *s,
                  const unsigned char *in_set, size_t k)
{
    pl_conflict *grown = pli_realloc(g->conflicts, (g->n_conflicts + 1) * sizeof *grown);
    if (grown == NULL)
        return PL_ERR_NOMEM;
    g->conflicts = grown;
    pl_conflict *c = &g->conflicts[g->n_conflicts];
    memset(c, 0, sizeof *c);
    c->members = pli_calloc(k + 1, sizeof *c->members);
    if (c->members == NULL)
        return PL_ERR_NOMEM;
    g->n_conflicts++;
    for (size_t j = 0; j < g->n_constraints; j++)
        if (in_set[j])
            c->members[c->n_members++] = j;
    return level_of(z, s, in_set, 1, &g->work, &c->margin_without);
}

static int try_conflict(pl_agreement *g, pl_zone *z, const pl_scenario *s,
                        const pl_agreement_options *o, const unsigned char *in_set, size_t k,
                        int *full)
{
    if (contains_conflict(g, in_set))
        return PL_OK;
    double level = 0;
    int rc = level_of(z, s, in_set, 0, &g->work, &level);
    if (rc != PL_OK || level >= -PL_TOLERANCE)
        return rc;
    if (g->n_conflicts == o->max_sets) {
        g->conflicts_truncated = *full = 1;
        return PL_OK;
    }
    return record(g, z, s, in_set, k);
}

int pli_agreement_conflicts(const pl_scenario *s, const pl_agreement_options *o,
                            pli_meter *meter, pl_agreement *g)
{
    size_t n = g->n_constraints, *pick = pli_calloc(n + 1, sizeof *pick);
    unsigned char *in_set = pli_calloc(n + 1, 1);
    pl_zone z;
    int rc = pick && in_set ? pli_zone_init(&z, s, g, o, meter) : PL_ERR_NOMEM;
    int full = 0;
    double start = meter ? meter->work : 0, before = start;
    /* A conflict can be as large as all the constraints: search up to max_set + 1. */
    for (size_t k = 1; rc == PL_OK && !full && k <= o->max_set + 1 && k <= n; k++) {
        if (pli_search_too_large(meter, o->max_search_work, start, before, n, k)) {
            g->search_limited = 1;
            break;
        }
        before = meter ? meter->work : 0;
        for (size_t j = 0; j < k; j++)
            pick[j] = j;
        for (;;) {
            memset(in_set, 0, n);
            for (size_t j = 0; j < k; j++)
                in_set[pick[j]] = 1;
            rc = try_conflict(g, &z, s, o, in_set, k, &full);
            size_t j = k;
            while (j > 0 && pick[j - 1] == n - k + j - 1)
                j--;
            if (rc != PL_OK || full || j == 0)
                break;
            pick[j - 1]++;
            for (size_t t = j; t < k; t++)
                pick[t] = pick[t - 1] + 1;
        }
        if (rc == PL_OK && !full)
            g->conflicts_searched_size = k;
    }
    if (pick && in_set)
        pli_zone_release(&z);
    pli_free(pick);
    pli_free(in_set);
    return rc;
}
