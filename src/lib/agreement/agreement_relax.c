/*
 * agreement_relax.c - when no package meets every constraint of the deciding
 * coalition: the minimal sets of constraints whose removal opens a zone of
 * agreement, how far each must move, and the package that comes closest
 * (docs/agreement.md, "Minimal relaxation sets").
 *
 * Removing constraints only enlarges the set of packages, so "removing S opens
 * a zone" is monotone in S. Sets are tried by increasing size, in
 * lexicographic order, and a set that contains a set already found is skipped:
 * every set reported is then minimal (a smaller set that opens a zone would
 * contain a minimal one, found earlier), and every minimal set up to the size
 * searched is reported. This is the enumeration of minimal correction sets of
 * constraint-satisfaction practice (Liffiton and Sakallah, "Algorithms for
 * computing minimal unsatisfiable subsets of constraints", J. Autom. Reasoning
 * 40, 2008), done naively: parley's coalitions have a handful of constraints.
 */
#include <math.h>
#include <string.h>

#include "core/internal.h"
#include "zone/zone.h"

/* Violations below this are rounding in the LP (tolerance 1e-9 on utilities). */
#define ROUNDING 1e-8

/* The movement that realises the relaxation, measured on the package found. */
static void measure(const pl_scenario *s, const pl_zone *z, const unsigned char *in_set,
                    const double *package, pl_relaxation *out)
{
    size_t m = 0;
    out->total = 0;
    for (size_t k = 0; k < z->problem.n_constraints; k++) {
        if (!in_set[k])
            continue;
        const pl_agreement_constraint *c = &z->problem.constraints[k];
        double v = pli_zone_violation(&z->problem, k, package);
        if (v <= ROUNDING)
            v = 0; /* the LP's tolerance, not a move */
        out->members[m] = k;
        out->new_low[m] = out->new_high[m] = NAN;
        if (c->kind == PL_CONSTRAINT_RESERVATION) {
            out->amount[m] = v;
            out->new_low[m] = z->level[k] - v;
        } else if (s->issues[c->issue].kind == PL_ISSUE_OPTIONS) {
            out->amount[m] = v;
        } else {
            double x = package[c->issue];
            out->amount[m] = v * (s->issues[c->issue].high - s->issues[c->issue].low);
            out->new_low[m] = v > 0 ? fmin(z->low[k], x) : z->low[k];
            out->new_high[m] = v > 0 ? fmax(z->high[k], x) : z->high[k];
        }
        out->total += v;
        m++;
    }
    out->n_members = m;
}

/* Move the set's bounds as measured; an options red line that must yield is dropped. */
void pli_zone_move(pl_zone *z, const pl_scenario *s, const pl_relaxation *r)
{
    pli_zone_reset(z, s);
    for (size_t m = 0; m < r->n_members; m++) {
        size_t k = r->members[m];
        const pl_agreement_constraint *c = &z->problem.constraints[k];
        if (c->kind == PL_CONSTRAINT_RESERVATION)
            z->level[k] = r->new_low[m];
        else if (s->issues[c->issue].kind == PL_ISSUE_OPTIONS)
            z->state[k] = r->amount[m] > 0 ? PL_ZONE_OFF : PL_ZONE_HARD;
        else {
            z->low[k] = r->new_low[m];
            z->high[k] = r->new_high[m];
        }
    }
}

static int allocate(pl_relaxation *out, size_t n)
{
    memset(out, 0, sizeof *out);
    out->members = pli_calloc(n + 1, sizeof *out->members);
    out->amount = pli_calloc(n + 1, sizeof *out->amount);
    out->new_low = pli_calloc(n + 1, sizeof *out->new_low);
    out->new_high = pli_calloc(n + 1, sizeof *out->new_high);
    if (!out->members || !out->amount || !out->new_low || !out->new_high)
        return PL_ERR_NOMEM;
    return PL_OK;
}

/*
 * Three problems: least total normalised violation of the set (the gap),
 * then the least largest violation within that total (a balanced split), then
 * the maximin package with the bounds moved that far (the closest package).
 */
int pli_relax_set(const pl_scenario *s, const pl_agreement_options *o, const pl_agreement *g,
                  const unsigned char *in_set, pli_meter *meter, pl_relaxation *out,
                  int *opens, unsigned long long *work)
{
    pl_zone z;
    double value = 0, *first = NULL;
    int feasible = 0, rc = pli_zone_init(&z, s, g, o, meter);
    *opens = 0;
    if (rc == PL_OK)
        rc = allocate(out, g->n_constraints);
    for (size_t k = 0; rc == PL_OK && k < g->n_constraints; k++)
        z.state[k] = in_set[k] ? PL_ZONE_SOFT : PL_ZONE_HARD;
    z.problem.objective = PL_ZONE_MIN_SUM;
    if (rc == PL_OK)
        rc = pli_zone_run(&z, work, &feasible, &value);
    if (rc == PL_OK && feasible)
        rc = (first = pli_malloc((s->n_issues + 1) * sizeof *first)) ? PL_OK : PL_ERR_NOMEM;
    if (rc == PL_OK && feasible) {
        *opens = 1;
        memcpy(first, z.package, s->n_issues * sizeof *first);
        z.problem.objective = PL_ZONE_MIN_MAX;
        z.problem.sum_cap = -value;
        rc = pli_zone_run(&z, work, &feasible, &value);
        if (rc == PL_OK && !feasible) /* only by rounding: keep the least-total package */
            memcpy(z.package, first, s->n_issues * sizeof *first);
    }
    if (rc == PL_OK && *opens) {
        memcpy(first, z.package, s->n_issues * sizeof *first);
        measure(s, &z, in_set, first, out);
        pli_zone_move(&z, s, out);
        rc = pli_zone_run(&z, work, &feasible, &value);
        const double *closest = rc == PL_OK && feasible ? z.package : first;
        if (rc == PL_OK)
            rc = pli_copy_utilities(s, closest, &out->package, &out->utilities);
    }
    out->margin = NAN;
    pli_free(first);
    pli_zone_release(&z);
    return rc;
}

/* Does removing the flagged constraints open a zone? The maximin level goes to *margin. */
static int opens_zone(pl_zone *z, const pl_scenario *s, const unsigned char *in_set,
                      unsigned long long *work, int *opens, double *margin)
{
    pli_zone_reset(z, s);
    for (size_t k = 0; k < z->problem.n_constraints; k++)
        z->state[k] = in_set[k] ? PL_ZONE_OFF : PL_ZONE_HARD;
    int feasible = 0;
    double value = NAN;
    int rc = pli_zone_run(z, work, &feasible, &value);
    *opens = rc == PL_OK && feasible && value >= -PL_TOLERANCE;
    *margin = value;
    return rc;
}

int pli_members_in_set(const size_t *members, size_t n, const unsigned char *in_set)
{
    for (size_t m = 0; m < n; m++)
        if (!in_set[members[m]])
            return 0;
    return 1;
}

static int contains_found(const pl_agreement *g, const unsigned char *in_set)
{
    for (size_t f = 0; f < g->n_relaxations; f++)
        if (pli_members_in_set(g->relaxations[f].members, g->relaxations[f].n_members, in_set))
            return 1;
    return 0;
}

/* Try one set; append it when it opens a zone. *full when max_sets is exceeded. */
static int try_set(const pl_scenario *s, const pl_agreement_options *o, pl_agreement *g,
                   pl_zone *z, const unsigned char *in_set, int *full)
{
    int opens = 0;
    double margin = NAN;
    if (contains_found(g, in_set))
        return PL_OK;
    int rc = opens_zone(z, s, in_set, &g->work, &opens, &margin);
    if (rc != PL_OK || !opens)
        return rc;
    if (g->n_relaxations == o->max_sets) {
        g->sets_truncated = 1;
        *full = 1;
        return PL_OK;
    }
    pl_relaxation *grown = pli_realloc(g->relaxations,
                                       (g->n_relaxations + 1) * sizeof *grown);
    if (grown == NULL)
        return PL_ERR_NOMEM;
    g->relaxations = grown;
    pl_relaxation *r = &g->relaxations[g->n_relaxations++];
    memset(r, 0, sizeof *r);
    rc = pli_relax_set(s, o, g, in_set, z->problem.meter, r, &opens, &g->work);
    r->margin = margin;
    return rc;
}

int pli_search_too_large(const pli_meter *meter, double limit, double start, double before,
                         size_t n, size_t k)
{
    if (meter == NULL || k < 2)
        return 0;
    /* C(n, k) = C(n, k - 1) (n - k + 1) / k */
    double done = meter->work - start, last = meter->work - before;
    double predicted = last * (double)(n - k + 1) / (double)k;
    return done + predicted > limit;
}

/* Every k-subset of the constraints in lexicographic order. */
static int search_size(const pl_scenario *s, const pl_agreement_options *o, pl_agreement *g,
                       pl_zone *z, size_t k, unsigned char *in_set, size_t *pick, int *full)
{
    size_t n = g->n_constraints;
    for (size_t j = 0; j < k; j++)
        pick[j] = j;
    for (;;) {
        memset(in_set, 0, n);
        for (size_t j = 0; j < k; j++)
            in_set[pick[j]] = 1;
        int rc = try_set(s, o, g, z, in_set, full);
        if (rc != PL_OK || *full)
            return rc;
        size_t j = k;
        while (j > 0 && pick[j - 1] == n - k + j - 1)
            j--;
        if (j == 0)
            return PL_OK;
        pick[j - 1]++;
        for (size_t t = j; t < k; t++)
            pick[t] = pick[t - 1] + 1;
    }
}

/* Within each size, by total (stable). */
static void sort_sets(pl_agreement *g)
{
    for (size_t i = 1; i < g->n_relaxations; i++) {
        pl_relaxation r = g->relaxations[i];
        size_t j = i;
        while (j > 0 && (g->relaxations[j - 1].n_members > r.n_members ||
                         (g->relaxations[j - 1].n_members == r.n_members &&
                          g->relaxations[j - 1].total > r.total + 1e-12))) {
            g->relaxations[j] = g->relaxations[j - 1];
            j--;
        }
        g->relaxations[j] = r;
    }
}

int pli_agreement_relaxations(const pl_scenario *s, const pl_agreement_options *o,
                              pli_meter *meter, pl_agreement *g)
{
    size_t n = g->n_constraints;
    unsigned char *in_set = pli_malloc(n + 1);
    size_t *pick = pli_calloc(n + 1, sizeof *pick);
    pl_zone z;
    int rc = in_set && pick ? pli_zone_init(&z, s, g, o, meter) : PL_ERR_NOMEM;
    if (rc != PL_OK) {
        pli_free(in_set);
        pli_free(pick);
        return rc;
    }
    int opens = 0, full = 0;
    memset(in_set, 1, n);
    rc = pli_relax_set(s, o, g, in_set, meter, &g->closest, &opens, &g->work);
    double start = meter ? meter->work : 0, before = start;
    for (size_t k = 1; rc == PL_OK && !full && k <= o->max_set && k <= n; k++) {
        if (pli_search_too_large(meter, o->max_search_work, start, before, n, k)) {
            g->search_limited = 1;
            break;
        }
        before = meter ? meter->work : 0;
        rc = search_size(s, o, g, &z, k, in_set, pick, &full);
        if (rc == PL_OK && !full)
            g->searched_size = k;
    }
    if (rc == PL_OK && !full && !g->search_limited && o->max_set >= n)
        g->searched_size = n;
    sort_sets(g);
    pli_zone_release(&z);
    pli_free(in_set);
    pli_free(pick);
    return rc;
}
