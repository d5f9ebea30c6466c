/*
 * agreement.c - the zone of possible agreement (parley/agreement.h,
 * docs/agreement.md): which coalition decides, its constraints, whether some
 * package meets them all, and the choice among weighted-majority coalitions.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/internal.h"
#include "zone/zone.h"
#include "frontier/frontier_internal.h"

/*
 * The progress bar's estimate of the whole analysis, as a share of
 * pli_zone_work_estimate() (an upper bound of one LP of the largest size):
 * generated scenarios where agreement is possible take 0.01 to 0.25 of it
 * (bench/gen_scenario.py, 30 x 5 to 100 x 8); blocked ones more.
 */
#define ZONE_EXPECTED_SHARE 0.1

const char *pl_agreement_constraint_name(const pl_scenario *s, const pl_agreement_constraint *c,
                                         char *buffer, size_t size)
{
    const char *actor = s->actors[c->actor].id;
    if (c->kind == PL_CONSTRAINT_RESERVATION)
        snprintf(buffer, size, "%s reservation %.4g", actor, s->actors[c->actor].reservation);
    else
        snprintf(buffer, size, "%s red line on %s", actor, s->issues[c->issue].id);
    return buffer;
}

static int options_zone(const pl_scenario *s, const pl_agreement_options *o, pl_agreement *g,
                        int *done)
{
    *done = 0;
    for (size_t i = 0; i < s->n_issues; i++)
        if (s->issues[i].kind != PL_ISSUE_OPTIONS)
            return PL_OK;
    for (size_t r = 0; r < s->n_red_lines; r++) {
        size_t k = 0;
        while (k < g->n_coalition && g->coalition[k] != s->red_lines[r].actor)
            k++;
        if (k == g->n_coalition)
            return PL_OK;
    }
    size_t n = s->n_issues;
    double *best = pli_calloc(4 * n + 1, sizeof *best);
    int present[4] = {0, 0, 0, 0};
    int rc = best ? fr_options_zone(s, g->coalition, g->n_coalition, best, present, NULL)
                  : PL_ERR_NOMEM;
    if (rc == PL_OK && present[0]) {
        g->red_lines_compatible = 1;
        g->margin = INFINITY;
        for (size_t k = 0; k < g->n_coalition; k++) {
            size_t a = g->coalition[k];
            g->margin = fmin(g->margin, pl_package_utility(s, a, best) - s->actors[a].reservation);
        }
        g->possible = g->margin >= -PL_TOLERANCE;
        rc = pli_copy_utilities(s, best, &g->maximin, &g->maximin_utilities);
    }
    static const pl_solution_kind kinds[4] = {PL_SOLUTION_EGALITARIAN, PL_SOLUTION_NASH,
                                              PL_SOLUTION_KALAI_SMORODINSKY,
                                              PL_SOLUTION_UTILITARIAN};
    for (int k = 0; rc == PL_OK && g->possible && o->solutions && k < 4; k++) {
        pl_agreement_solution *sol = &g->solutions[kinds[k]];
        if (!present[k])
            continue;
        rc = pli_copy_utilities(s, &best[(size_t)k * n], &sol->package, &sol->utilities);
        sol->present = rc == PL_OK;
    }
    g->nash_gap = 0; /* enumerated over the frontier: exact */
    g->nash_error = 0;
    pli_free(best);
    *done = rc == PL_OK;
    return rc;
}

/*
 * Everything about one coalition: the decision, then solutions or, when
 * `searches` is nonzero, the conflicts and relaxations.
 */
static int analyse_coalition(const pl_scenario *s, const pl_agreement_options *o,
                             const unsigned char *member, int searches, pli_meter *meter,
                             pl_agreement **out)
{
    pl_agreement *g = NULL;
    int from_frontier = 0;
    int rc = pli_zone_decide(s, o, member, meter, &g);
    /* Options domains beyond the option search: the exact frontier of all actors. */
    if (rc == PL_ERR_LIMIT && g != NULL)
        rc = options_zone(s, o, g, &from_frontier);
    searches = searches && rc == PL_OK && !g->possible;
    if (searches) /* the blocking searches: up to their work limits */
        pli_meter_expect(meter, o->max_search_work / 8);
    if (searches)
        rc = pli_agreement_conflicts(s, o, meter, g);
    if (searches && rc == PL_OK)
        rc = pli_agreement_relaxations(s, o, meter, g);
    if (rc != PL_OK) {
        pl_agreement_free(g);
        return rc;
    }
    *out = g;
    return PL_OK;
}

/* Is analysis `a` a better report than `b` (possible first, then the smaller gap)? */
static int better(const pl_agreement *a, const pl_agreement *b)
{
    if (a->possible != b->possible)
        return a->possible;
    if (a->possible)
        return a->margin > b->margin + 1e-12;
    size_t sa = a->n_relaxations ? a->relaxations[0].n_members : (size_t)-1;
    size_t sb = b->n_relaxations ? b->relaxations[0].n_members : (size_t)-1;
    if (sa != sb)
        return sa < sb;
    return a->closest.total < b->closest.total - 1e-12;
}

/* Nonzero when `member` reaches the threshold and no free member can leave. */
static int minimal_winning(const pl_scenario *s, const unsigned char *member, double total)
{
    double held = 0;
    for (size_t a = 0; a < s->n_actors; a++)
        held += member[a] ? s->actors[a].capability : 0;
    if (held < s->decision_rule.threshold * total)
        return 0;
    for (size_t a = 0; a < s->n_actors; a++)
        if (member[a] && !s->actors[a].veto &&
            held - s->actors[a].capability >= s->decision_rule.threshold * total)
            return 0;
    return 1;
}

/* Weighted majority: every minimal winning coalition that includes the veto actors. */
static int analyse_majority(const pl_scenario *s, const pl_agreement_options *o,
                            unsigned char *member, pli_meter *meter, pl_agreement **out,
                            pl_diag *diag)
{
    size_t free_actors[PL_MAX_MAJORITY_ACTORS], n_free = 0;
    double total = 0;
    for (size_t a = 0; a < s->n_actors; a++) {
        total += s->actors[a].capability;
        if (s->actors[a].veto)
            continue;
        if (n_free == PL_MAX_MAJORITY_ACTORS)
            return pl_diag_set(diag, PL_ERR_LIMIT, 0, 0,
                               "agreement analysis under weighted majority enumerates "
                               "coalitions of at most %d actors without a veto",
                               PL_MAX_MAJORITY_ACTORS);
        free_actors[n_free++] = a;
    }
    pl_agreement *best = NULL;
    int rc = PL_OK;
    for (unsigned long mask = 0; rc == PL_OK && mask < (1ul << n_free); mask++) {
        for (size_t a = 0; a < s->n_actors; a++)
            member[a] = (unsigned char)(s->actors[a].veto != 0);
        for (size_t k = 0; k < n_free; k++)
            member[free_actors[k]] = (unsigned char)((mask >> k) & 1u);
        if (!minimal_winning(s, member, total))
            continue;
        pl_agreement *g = NULL;
        rc = analyse_coalition(s, o, member, 1, meter, &g);
        if (rc == PL_OK && (best == NULL || better(g, best))) {
            pl_agreement_free(best);
            best = g;
        } else {
            pl_agreement_free(g);
        }
    }
    if (rc == PL_OK && best == NULL)
        rc = pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                         "decision_rule.threshold: no coalition can reach it");
    if (rc != PL_OK) {
        pl_agreement_free(best);
        return rc;
    }
    *out = best;
    return PL_OK;
}

static int describe_error(int rc, pl_diag *diag)
{
    if (rc == PL_ERR_UNSUPPORTED)
        return pl_diag_set(diag, rc, 0, 0,
                           "evaluation.utility: the agreement analysis needs the linear "
                           "utility form on continuous issues (docs/agreement.md)");
    if (rc == PL_ERR_LIMIT)
        return pl_diag_set(diag, rc, 0, 0,
                           "agreement analysis: the search over option combinations exceeds "
                           "max_nodes");
    if (rc == PL_ERR_CANCELLED)
        return pl_diag_set(diag, rc, 0, 0, "agreement analysis: cancelled");
    if (diag != NULL && diag->status == PL_OK)
        return pl_diag_set(diag, rc, 0, 0, "agreement analysis: %s", pl_strerror(rc));
    return rc;
}

int pl_agreement_compute(const pl_scenario *s, const pl_agreement_options *options,
                         pl_agreement **out, pl_diag *diag)
{
    if (s == NULL || out == NULL)
        return PL_ERR_ARGUMENT;
    *out = NULL;
    pl_agreement_options o = PL_AGREEMENT_OPTIONS_INIT;
    if (options != NULL) {
        if (options->version != PL_AGREEMENT_OPTIONS_VERSION || options->max_nodes == 0 ||
            !(options->max_search_work > 0))
            return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "bad agreement options");
        o = *options;
    }
    int rc = pli_zone_check_size(s, diag);
    if (rc != PL_OK)
        return rc;
    unsigned char *member = pli_calloc(s->n_actors + 1, 1);
    if (member == NULL)
        return PL_ERR_NOMEM;
    /* Progress: the simplex work done against a share of the largest LP's estimate. */
    pli_meter meter;
    pli_meter_init(&meter, o.progress, ZONE_EXPECTED_SHARE * pli_zone_work_estimate(s));
    if (s->decision_rule.kind == PL_RULE_WEIGHTED_MAJORITY) {
        rc = analyse_majority(s, &o, member, &meter, out, diag);
    } else {
        int any_veto = 0;
        for (size_t a = 0; a < s->n_actors; a++)
            any_veto |= s->actors[a].veto != 0;
        for (size_t a = 0; a < s->n_actors; a++)
            member[a] = (unsigned char)(!any_veto || s->actors[a].veto);
        rc = analyse_coalition(s, &o, member, o.searches, &meter, out);
    }
    pli_free(member);
    if (rc == PL_OK && pli_meter_finish(&meter) != PL_OK) {
        pl_agreement_free(*out);
        *out = NULL;
        rc = PL_ERR_CANCELLED;
    }
    if (rc != PL_OK && rc != PL_ERR_NOMEM)
        return describe_error(rc, diag);
    return rc;
}
