/*
 * agreement.c - the zone of possible agreement (parley/agreement.h,
 * docs/agreement.md): which coalition decides, its constraints, whether some
 * package meets them all, and the choice among weighted-majority coalitions.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "lp.h"
#include "frontier_internal.h"

void pl_agreement_options_init(pl_agreement_options *options)
{
    pl_agreement_options init = PL_AGREEMENT_OPTIONS_INIT;
    *options = init;
}

void pl_relaxation_clear(pl_relaxation *r)
{
    pl_free(r->members);
    pl_free(r->amount);
    pl_free(r->new_low);
    pl_free(r->new_high);
    pl_free(r->package);
    pl_free(r->utilities);
    memset(r, 0, sizeof *r);
}

void pl_agreement_free(pl_agreement *g)
{
    if (g == NULL)
        return;
    pl_free(g->coalition);
    pl_free(g->constraints);
    pl_free(g->maximin);
    pl_free(g->maximin_utilities);
    for (int k = 0; k < PL_SOLUTION_COUNT; k++) {
        pl_free(g->solutions[k].package);
        pl_free(g->solutions[k].utilities);
    }
    for (size_t k = 0; k < g->n_relaxations; k++)
        pl_relaxation_clear(&g->relaxations[k]);
    pl_free(g->relaxations);
    for (size_t k = 0; k < g->n_conflicts; k++)
        pl_free(g->conflicts[k].members);
    pl_free(g->conflicts);
    pl_relaxation_clear(&g->closest);
    pl_free(g);
}

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

/* The members' red lines in scenario order, then their reservations in actor order. */
static int list_constraints(const pl_scenario *s, const unsigned char *member, pl_agreement *g)
{
    size_t n = 0;
    g->constraints = pl_calloc(s->n_red_lines + s->n_actors + 1, sizeof *g->constraints);
    if (g->constraints == NULL)
        return PL_ERR_NOMEM;
    for (size_t r = 0; r < s->n_red_lines; r++)
        if (member[s->red_lines[r].actor])
            g->constraints[n++] = (pl_agreement_constraint){
                PL_CONSTRAINT_RED_LINE, s->red_lines[r].actor, r, s->red_lines[r].issue};
    for (size_t a = 0; a < s->n_actors; a++)
        if (member[a])
            g->constraints[n++] = (pl_agreement_constraint){PL_CONSTRAINT_RESERVATION, a,
                                                            (size_t)-1, (size_t)-1};
    g->n_constraints = n;
    return PL_OK;
}

int pl_zone_init(pl_zone *z, const pl_scenario *s, const pl_agreement *g,
                 const pl_agreement_options *o)
{
    size_t n = g->n_constraints + 1;
    memset(z, 0, sizeof *z);
    z->state = pl_calloc(n, sizeof *z->state);
    z->low = pl_calloc(n, sizeof *z->low);
    z->high = pl_calloc(n, sizeof *z->high);
    z->level = pl_calloc(n, sizeof *z->level);
    z->package = pl_calloc(s->n_issues + 1, sizeof *z->package);
    if (!z->state || !z->low || !z->high || !z->level || !z->package) {
        pl_zone_release(z);
        return PL_ERR_NOMEM;
    }
    z->problem.scenario = s;
    z->problem.n_constraints = g->n_constraints;
    z->problem.constraints = g->constraints;
    z->problem.state = z->state;
    z->problem.low = z->low;
    z->problem.high = z->high;
    z->problem.level = z->level;
    z->problem.max_nodes = o->max_nodes;
    pl_zone_reset(z, s);
    return PL_OK;
}

void pl_zone_reset(pl_zone *z, const pl_scenario *s)
{
    for (size_t k = 0; k < z->problem.n_constraints; k++) {
        const pl_agreement_constraint *c = &z->problem.constraints[k];
        z->state[k] = PL_ZONE_HARD;
        z->low[k] = z->high[k] = z->level[k] = NAN;
        if (c->kind == PL_CONSTRAINT_RESERVATION) {
            z->level[k] = s->actors[c->actor].reservation;
        } else {
            z->low[k] = s->red_lines[c->red_line].low;
            z->high[k] = s->red_lines[c->red_line].high;
        }
    }
    z->problem.objective = PL_ZONE_MAXIMIN;
    z->problem.coefficient = NULL;
}

void pl_zone_release(pl_zone *z)
{
    pl_free(z->state);
    pl_free(z->low);
    pl_free(z->high);
    pl_free(z->level);
    pl_free(z->package);
    memset(z, 0, sizeof *z);
}

int pl_zone_run(pl_zone *z, unsigned long long *work, int *feasible, double *value)
{
    return pl_zone_solve(&z->problem, feasible, z->package, value, work);
}

int pl_copy_utilities(const pl_scenario *s, const double *package, double **package_out,
                      double **utilities_out)
{
    *package_out = pl_malloc((s->n_issues + 1) * sizeof **package_out);
    *utilities_out = pl_malloc((s->n_actors + 1) * sizeof **utilities_out);
    if (*package_out == NULL || *utilities_out == NULL)
        return PL_ERR_NOMEM;
    memcpy(*package_out, package, s->n_issues * sizeof *package);
    for (size_t a = 0; a < s->n_actors; a++)
        (*utilities_out)[a] = pl_package_utility(s, a, package);
    return PL_OK;
}

/*
 * Options issues only, when the branch and bound over option combinations
 * exceeds max_nodes (GENIUS's AgentHp2: 7^8 combinations): the maximin
 * package and the solutions from the exact frontier, which needs no bound
 * (fr_options_zone; docs/agreement.md, "Options domains"). Only when no
 * non-member holds a red line (the frontier applies every actor's).
 */
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
    double *best = pl_calloc(4 * n + 1, sizeof *best);
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
        g->possible = g->margin >= -PL_AGREEMENT_TOLERANCE;
        rc = pl_copy_utilities(s, best, &g->maximin, &g->maximin_utilities);
    }
    static const pl_solution_kind kinds[4] = {PL_SOLUTION_EGALITARIAN, PL_SOLUTION_NASH,
                                              PL_SOLUTION_KALAI_SMORODINSKY,
                                              PL_SOLUTION_UTILITARIAN};
    for (int k = 0; rc == PL_OK && g->possible && o->solutions && k < 4; k++) {
        pl_agreement_solution *sol = &g->solutions[kinds[k]];
        if (!present[k])
            continue;
        rc = pl_copy_utilities(s, &best[(size_t)k * n], &sol->package, &sol->utilities);
        sol->present = rc == PL_OK;
    }
    g->nash_gap = 0; /* enumerated over the frontier: exact */
    g->nash_error = 0;
    pl_free(best);
    *done = rc == PL_OK;
    return rc;
}

/* Everything about one coalition: the decision, then solutions or relaxations. */
static int analyse_coalition(const pl_scenario *s, const pl_agreement_options *o,
                             const unsigned char *member, pl_agreement **out)
{
    pl_agreement *g = pl_calloc(1, sizeof *g);
    if (g == NULL)
        return PL_ERR_NOMEM;
    g->n_actors = s->n_actors;
    g->n_issues = s->n_issues;
    g->margin = NAN;
    g->coalition = pl_calloc(s->n_actors + 1, sizeof *g->coalition);
    double total = 0, held = 0;
    for (size_t a = 0; g->coalition && a < s->n_actors; a++) {
        total += s->actors[a].capability;
        if (member[a]) {
            g->coalition[g->n_coalition++] = a;
            held += s->actors[a].capability;
        }
    }
    g->coalition_share = total > 0 ? held / total : 0;
    int rc = g->coalition ? list_constraints(s, member, g) : PL_ERR_NOMEM;
    pl_zone z;
    if (rc == PL_OK)
        rc = pl_zone_init(&z, s, g, o);
    if (rc != PL_OK) {
        pl_agreement_free(g);
        return rc;
    }
    int feasible = 0, from_frontier = 0;
    double value = NAN;
    rc = pl_zone_run(&z, &g->work, &feasible, &value);
    if (rc == PL_ERR_LIMIT)
        rc = options_zone(s, o, g, &from_frontier);
    if (rc == PL_OK && !from_frontier && feasible) {
        g->red_lines_compatible = 1;
        g->margin = value;
        g->possible = value >= -PL_AGREEMENT_TOLERANCE;
        rc = pl_copy_utilities(s, z.package, &g->maximin, &g->maximin_utilities);
    }
    pl_zone_release(&z);
    if (rc == PL_OK && !from_frontier && g->possible && o->solutions)
        rc = pl_agreement_solutions(s, o, g);
    if (rc == PL_OK && !g->possible)
        rc = pl_agreement_conflicts(s, o, g);
    if (rc == PL_OK && !g->possible)
        rc = pl_agreement_relaxations(s, o, g);
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
                            unsigned char *member, pl_agreement **out, pl_diag *diag)
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
        rc = analyse_coalition(s, o, member, &g);
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
        if (options->version != PL_AGREEMENT_OPTIONS_VERSION || options->max_nodes == 0)
            return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "bad agreement options");
        o = *options;
    }
    unsigned char *member = pl_calloc(s->n_actors + 1, 1);
    if (member == NULL)
        return PL_ERR_NOMEM;
    int rc;
    if (s->decision_rule.kind == PL_RULE_WEIGHTED_MAJORITY) {
        rc = analyse_majority(s, &o, member, out, diag);
    } else {
        int any_veto = 0;
        for (size_t a = 0; a < s->n_actors; a++)
            any_veto |= s->actors[a].veto != 0;
        for (size_t a = 0; a < s->n_actors; a++)
            member[a] = (unsigned char)(!any_veto || s->actors[a].veto);
        rc = analyse_coalition(s, &o, member, out);
    }
    pl_free(member);
    if (rc != PL_OK && rc != PL_ERR_NOMEM)
        return describe_error(rc, diag);
    return rc;
}
