/*
 * agreement_solutions.c - the best packages of a zone of agreement by the
 * bargaining solutions of frontier.h (docs/agreement.md, "Best packages").
 *
 * The zone is the rational set of a scenario that keeps only the coalition's
 * members (with their stances, reservations and red lines): pl_frontier_compute()
 * on it, with the reservations as the disagreement point, gives the Nash,
 * Kalai-Smorodinsky and utilitarian packages (exact on options issues, on the
 * documented grid on continuous ones, docs/frontier.md). The egalitarian
 * package, max min (U_a - r_a), is the maximin package of the LP, exact on
 * the continuum as well.
 */
#include <math.h>
#include <string.h>

#include "internal.h"
#include "lp.h"

static int copy_issues(const pl_scenario *s, pl_scenario *t)
{
    int rc = PL_OK;
    for (size_t i = 0; i < s->n_issues && rc == PL_OK; i++) {
        const pl_issue *is = &s->issues[i];
        if (is->kind == PL_ISSUE_CONTINUOUS) {
            rc = pl_scenario_add_continuous_issue(t, is->id, is->name, is->low, is->high, NULL);
            continue;
        }
        const char **ids = pl_calloc(is->n_options + 1, sizeof *ids);
        if (ids == NULL)
            return PL_ERR_NOMEM;
        for (size_t k = 0; k < is->n_options; k++)
            ids[k] = is->options[k].id;
        rc = pl_scenario_add_options_issue(t, is->id, is->name, is->n_options, ids, NULL);
        pl_free(ids);
    }
    return rc;
}

static int copy_member(const pl_scenario *s, size_t a, pl_scenario *t)
{
    const pl_actor *actor = &s->actors[a];
    size_t b = 0;
    int rc = pl_scenario_add_actor(t, actor->id, actor->name, actor->capability, &b);
    if (rc != PL_OK)
        return rc;
    t->actors[b].reservation = actor->reservation;
    t->actors[b].veto = 1;
    for (size_t i = 0; i < s->n_issues && rc == PL_OK; i++) {
        const pl_stance *st = pl_scenario_stance_const(s, a, i);
        if (!st->present)
            continue;
        if (s->issues[i].kind == PL_ISSUE_OPTIONS)
            rc = pl_scenario_set_option_values(t, b, i, st->option_values, st->salience);
        else
            rc = pl_scenario_set_position(t, b, i, st->position, st->salience);
    }
    for (size_t r = 0; r < s->n_red_lines && rc == PL_OK; r++) {
        const pl_red_line *line = &s->red_lines[r];
        if (line->actor != a)
            continue;
        if (s->issues[line->issue].kind == PL_ISSUE_OPTIONS)
            rc = pl_scenario_add_red_line_options(t, b, line->issue, line->allowed, NULL);
        else
            rc = pl_scenario_add_red_line(t, b, line->issue, line->low, line->high, NULL);
    }
    return rc;
}

/* The scenario of the coalition alone. */
static int coalition_scenario(const pl_scenario *s, const pl_agreement *g, pl_scenario **out)
{
    pl_scenario *t = NULL;
    int rc = pl_scenario_new(&t);
    if (rc == PL_OK)
        rc = copy_issues(s, t);
    for (size_t m = 0; m < g->n_coalition && rc == PL_OK; m++)
        rc = copy_member(s, g->coalition[m], t);
    if (rc != PL_OK) {
        pl_scenario_free(t);
        return rc;
    }
    t->utility_form = s->utility_form;
    *out = t;
    return PL_OK;
}

int pl_agreement_solutions(const pl_scenario *s, const pl_agreement_options *o,
                           pl_agreement *g)
{
    pl_agreement_solution *egalitarian = &g->solutions[PL_SOLUTION_EGALITARIAN];
    int rc = pl_copy_utilities(s, g->maximin, &egalitarian->package, &egalitarian->utilities);
    if (rc != PL_OK)
        return rc;
    egalitarian->present = 1;
    if (g->n_coalition == 0)
        return PL_OK;
    pl_scenario *t = NULL;
    pl_frontier *f = NULL;
    rc = coalition_scenario(s, g, &t);
    pl_frontier_options fo = PL_FRONTIER_OPTIONS_INIT;
    fo.continuous_steps = o->continuous_steps ? o->continuous_steps : PL_FRONTIER_DEFAULT_STEPS;
    if (rc == PL_OK)
        rc = pl_frontier_compute(t, &fo, &f, NULL);
    if (rc == PL_ERR_LIMIT) /* the solutions are extras: too large a frontier leaves them out */
        rc = PL_OK;
    for (int k = 0; rc == PL_OK && f != NULL && k < PL_SOLUTION_COUNT; k++) {
        if (k == PL_SOLUTION_EGALITARIAN || !f->solutions[k].present)
            continue;
        pl_agreement_solution *sol = &g->solutions[k];
        rc = pl_copy_utilities(s, f->solutions[k].package, &sol->package, &sol->utilities);
        sol->present = rc == PL_OK;
    }
    if (f != NULL)
        g->solutions_on_grid = f->n_continuous_grid + f->n_continuous_exact > 0;
    pl_frontier_free(f);
    pl_scenario_free(t);
    return rc;
}
