/*
 * zone.c - the zone engine (zone/zone.h): an analysis's constraints, one
 * package problem set up over them, and the decision of one coalition's zone
 * with its maximin and best packages. The analyses above it (agreement/: the
 * coalition choice, conflicts, relaxations, the mediator's text; frontier/:
 * exact solutions for three parties or more) call it; it calls none of them.
 */
#include <math.h>
#include <string.h>

#include "core/internal.h"
#include "zone/zone.h"

void pl_agreement_options_init(pl_agreement_options *options)
{
    pl_agreement_options init = PL_AGREEMENT_OPTIONS_INIT;
    *options = init;
}

void pli_relaxation_clear(pl_relaxation *r)
{
    pli_free(r->members);
    pli_free(r->amount);
    pli_free(r->new_low);
    pli_free(r->new_high);
    pli_free(r->package);
    pli_free(r->utilities);
    memset(r, 0, sizeof *r);
}

void pl_agreement_free(pl_agreement *g)
{
    if (g == NULL)
        return;
    pli_free(g->coalition);
    pli_free(g->constraints);
    pli_free(g->maximin);
    pli_free(g->maximin_utilities);
    for (int k = 0; k < PL_SOLUTION_COUNT; k++) {
        pli_free(g->solutions[k].package);
        pli_free(g->solutions[k].utilities);
    }
    for (size_t k = 0; k < g->n_relaxations; k++)
        pli_relaxation_clear(&g->relaxations[k]);
    pli_free(g->relaxations);
    for (size_t k = 0; k < g->n_conflicts; k++)
        pli_free(g->conflicts[k].members);
    pli_free(g->conflicts);
    pli_relaxation_clear(&g->closest);
    pli_free(g);
}


/* The members' red lines in scenario order, then their reservations in actor order. */
static int list_constraints(const pl_scenario *s, const unsigned char *member, pl_agreement *g)
{
    size_t n = 0;
    g->constraints = pli_calloc(s->n_red_lines + s->n_actors + 1, sizeof *g->constraints);
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

int pli_zone_init(pl_zone *z, const pl_scenario *s, const pl_agreement *g,
                  const pl_agreement_options *o, pli_meter *meter)
{
    size_t n = g->n_constraints + 1;
    memset(z, 0, sizeof *z);
    z->state = pli_calloc(n, sizeof *z->state);
    z->low = pli_calloc(n, sizeof *z->low);
    z->high = pli_calloc(n, sizeof *z->high);
    z->level = pli_calloc(n, sizeof *z->level);
    z->package = pli_calloc(s->n_issues + 1, sizeof *z->package);
    if (!z->state || !z->low || !z->high || !z->level || !z->package) {
        pli_zone_release(z);
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
    z->problem.meter = meter;
    pli_zone_reset(z, s);
    return PL_OK;
}

void pli_zone_reset(pl_zone *z, const pl_scenario *s)
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

void pli_zone_release(pl_zone *z)
{
    pli_free(z->state);
    pli_free(z->low);
    pli_free(z->high);
    pli_free(z->level);
    pli_free(z->package);
    memset(z, 0, sizeof *z);
}

int pli_zone_run(pl_zone *z, unsigned long long *work, int *feasible, double *value)
{
    return pli_zone_solve(&z->problem, feasible, z->package, value, work);
}

int pli_copy_utilities(const pl_scenario *s, const double *package, double **package_out,
                       double **utilities_out)
{
    *package_out = pli_malloc((s->n_issues + 1) * sizeof **package_out);
    *utilities_out = pli_malloc((s->n_actors + 1) * sizeof **utilities_out);
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

/*
 * The largest LP of the zone, bounded from the scenario alone: a distance
 * variable and two rows per (actor, continuous issue) an actor weighs, a
 * position and a row per continuous issue, a row per actor and per red line
 * (agreement_solve.c, make_layout). The dense simplex (numeric/lp.c) makes
 * about as many pivots as rows, each over the tableau (rows x (columns +
 * rows)); the limit keeps that product under PLI_ZONE_MAX_WORK, about ten
 * seconds on the machine of docs/robustness.md (KTAB's 100 x 5 table: 1.9e9,
 * 0.9 s). The zone stays exact below it; above it parley refuses rather than
 * approximate.
 */
#define PLI_ZONE_MAX_WORK 2e10

/* The largest LP of the zone: its rows and columns. */
static void zone_size(const pl_scenario *s, double *rows_out, double *columns_out)
{
    double distances = 0, positions = 0;
    for (size_t i = 0; i < s->n_issues; i++) {
        if (s->issues[i].kind != PL_ISSUE_CONTINUOUS)
            continue;
        positions += 1;
        for (size_t a = 0; a < s->n_actors; a++) {
            const pl_stance *st = pl_scenario_stance_const(s, a, i);
            distances += st->present && st->salience > 0;
        }
    }
    double rows = 2 * distances + positions + (double)s->n_actors + 2.0 * (double)s->n_red_lines;
    double columns = distances + positions + (double)s->n_actors + (double)s->n_red_lines + 2;
    *rows_out = rows;
    *columns_out = columns;
}

double pli_zone_work_estimate(const pl_scenario *s)
{
    double rows, columns;
    zone_size(s, &rows, &columns);
    return rows * rows * (columns + rows);
}

int pli_zone_check_size(const pl_scenario *s, pl_diag *diag)
{
    double rows, columns;
    zone_size(s, &rows, &columns);
    double work = rows * rows * (columns + rows);
    if (work <= PLI_ZONE_MAX_WORK)
        return PL_OK;
    return pl_diag_set(diag, PL_ERR_LIMIT, 0, 0,
                       "agreement analysis: %zu actors x %zu issues make a zone of about %.3g "
                       "rows and %.3g columns (%.3g units of simplex work, more than the limit "
                       "of %.3g, several minutes): analyse fewer actors or issues (for example "
                       "the main parties), or use the models (`parley predict`)",
                       s->n_actors, s->n_issues, rows, columns + rows, work, PLI_ZONE_MAX_WORK);
}

int pli_zone_decide(const pl_scenario *s, const pl_agreement_options *o,
                    const unsigned char *member, pli_meter *meter, pl_agreement **out)
{
    *out = NULL;
    pl_agreement *g = pli_calloc(1, sizeof *g);
    if (g == NULL)
        return PL_ERR_NOMEM;
    g->n_actors = s->n_actors;
    g->n_issues = s->n_issues;
    g->margin = NAN;
    g->coalition = pli_calloc(s->n_actors + 1, sizeof *g->coalition);
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
        rc = pli_zone_init(&z, s, g, o, meter);
    if (rc != PL_OK) {
        pl_agreement_free(g);
        return rc;
    }
    int feasible = 0;
    double value = NAN;
    rc = pli_zone_run(&z, &g->work, &feasible, &value);
    if (rc == PL_ERR_LIMIT) { /* the caller may fall back on the exact frontier */
        pli_zone_release(&z);
        *out = g;
        return rc;
    }
    if (rc == PL_OK && feasible) {
        g->red_lines_compatible = 1;
        g->margin = value;
        g->possible = value >= -PL_TOLERANCE;
        rc = pli_copy_utilities(s, z.package, &g->maximin, &g->maximin_utilities);
    }
    pli_zone_release(&z);
    if (rc == PL_OK && g->possible && o->solutions)
        rc = pli_agreement_solutions(s, o, meter, g);
    if (rc != PL_OK) {
        pl_agreement_free(g);
        return rc;
    }
    *out = g;
    return PL_OK;
}
