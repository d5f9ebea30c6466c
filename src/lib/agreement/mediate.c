/*
 * mediate.c - a mediator's single negotiating text (parley/mediate.h,
 * docs/agreement.md, "The mediator").
 *
 * The single negotiating text is the mediator's device of Fisher and Ury
 * ("Getting to Yes", 1981, chapter 6) and of Raiffa ("The Art and Science of
 * Negotiation", 1982, chapter 14): one text, amended until every party can
 * accept it. Here the amendment is the least one: minimise sum_i |x_i - x0_i|
 * / R_i (plus one per changed option) subject to every coalition member's red
 * lines and U_a(x) >= r_a, an LP in (x, e) with e_i >= +-(x_i - x0_i)
 * (agreement_solve.c, PL_ZONE_MIN_CHANGE).
 */
#include <math.h>
#include <string.h>

#include "core/internal.h"
#include "zone/zone.h"
#include "parley/mediate.h"

void pl_mediation_free(pl_mediation *m)
{
    if (m == NULL)
        return;
    pli_free(m->coalition);
    pli_free(m->start);
    pli_free(m->text);
    pli_free(m->start_utilities);
    pli_free(m->text_utilities);
    pli_free(m->items);
    pli_free(m->item_gain);
    pli_free(m->crossed);
    pli_free(m->crossed_amount);
    pli_free(m);
}

static int check_start(const pl_scenario *s, const double *start, pl_diag *diag)
{
    for (size_t i = 0; i < s->n_issues; i++) {
        const pl_issue *is = &s->issues[i];
        double x = start[i];
        int ok = is->kind == PL_ISSUE_OPTIONS
                     ? x >= 0 && x < (double)is->n_options && x == floor(x)
                     : x >= is->low && x <= is->high;
        if (!ok)
            return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0,
                               "mediation: the starting package is outside issue '%s'", is->id);
    }
    return PL_OK;
}

/* The starting package: the caller's, the first proposal's, or the compromise forecast. */
static int starting_package(const pl_scenario *s, const double *start, double *out,
                            pl_diag *diag)
{
    if (start != NULL)
        memcpy(out, start, s->n_issues * sizeof *out);
    else if (s->n_proposals > 0)
        memcpy(out, s->proposals[0].values, s->n_issues * sizeof *out);
    else {
        int rc = pl_predict_compromise(s, out, diag);
        if (rc != PL_OK)
            return rc;
    }
    return check_start(s, out, diag);
}

static int allocate(const pl_scenario *s, pl_mediation **out)
{
    pl_mediation *m = pli_calloc(1, sizeof *m);
    if (m == NULL)
        return PL_ERR_NOMEM;
    size_t ni = s->n_issues + 1, na = s->n_actors + 1;
    m->n_actors = s->n_actors;
    m->n_issues = s->n_issues;
    m->coalition = pli_calloc(na, sizeof *m->coalition);
    m->start = pli_calloc(ni, sizeof *m->start);
    m->text = pli_calloc(ni, sizeof *m->text);
    m->start_utilities = pli_calloc(na, sizeof *m->start_utilities);
    m->text_utilities = pli_calloc(na, sizeof *m->text_utilities);
    m->items = pli_calloc(ni, sizeof *m->items);
    m->item_gain = pli_calloc(ni * na, sizeof *m->item_gain);
    m->crossed = pli_calloc(s->n_red_lines + na, sizeof *m->crossed);
    m->crossed_amount = pli_calloc(s->n_red_lines + na, sizeof *m->crossed_amount);
    if (!m->coalition || !m->start || !m->text || !m->start_utilities || !m->text_utilities ||
        !m->items || !m->item_gain || !m->crossed || !m->crossed_amount) {
        pl_mediation_free(m);
        return PL_ERR_NOMEM;
    }
    *out = m;
    return PL_OK;
}

/* Normalised salience of `actor` on `issue` (0 without a stance). */
static double weight(const pl_scenario *s, size_t actor, size_t issue)
{
    double total = 0;
    for (size_t i = 0; i < s->n_issues; i++) {
        const pl_stance *st = pl_scenario_stance_const(s, actor, i);
        if (st->present && st->salience > 0)
            total += st->salience;
    }
    const pl_stance *st = pl_scenario_stance_const(s, actor, issue);
    return total > 0 && st->present && st->salience > 0 ? st->salience / total : 0;
}

/* Items, gains, utilities and distance from the start and the text. */
static void describe(const pl_scenario *s, pl_mediation *m)
{
    m->distance = 0;
    for (size_t i = 0; i < s->n_issues; i++) {
        const pl_issue *is = &s->issues[i];
        double from = m->start[i], to = m->text[i];
        double range = is->kind == PL_ISSUE_OPTIONS ? 1 : is->high - is->low;
        if (fabs(to - from) <= PL_TOLERANCE * range)
            continue;
        pl_mediation_item *item = &m->items[m->n_items];
        item->issue = i;
        item->from = from;
        item->to = to;
        item->change = is->kind == PL_ISSUE_OPTIONS ? 1.0 : fabs(to - from) / (is->high - is->low);
        m->distance += item->change;
        for (size_t a = 0; a < s->n_actors; a++) {
            double w = weight(s, a, i);
            m->item_gain[m->n_items * s->n_actors + a] =
                w > 0 ? w * (pl_item_utility(s, a, i, to) - pl_item_utility(s, a, i, from)) : 0;
        }
        m->n_items++;
    }
    for (size_t a = 0; a < s->n_actors; a++) {
        m->start_utilities[a] = pl_package_utility(s, a, m->start);
        m->text_utilities[a] = pl_package_utility(s, a, m->text);
    }
}

/* The constraints of the original problem that the text crosses. */
static int list_crossed(const pl_scenario *s, const pl_agreement *g, pl_mediation *m)
{
    pl_zone_problem p = {0};
    pl_zone z;
    pl_agreement_options o = PL_AGREEMENT_OPTIONS_INIT;
    int rc = pli_zone_init(&z, s, g, &o, NULL);
    if (rc != PL_OK)
        return rc;
    p = z.problem;
    for (size_t k = 0; k < g->n_constraints; k++) {
        double v = pli_zone_violation(&p, k, m->text);
        if (v <= 1e-8)
            continue;
        const pl_agreement_constraint *c = &g->constraints[k];
        int scale = c->kind == PL_CONSTRAINT_RED_LINE &&
                    s->issues[c->issue].kind == PL_ISSUE_CONTINUOUS;
        m->crossed[m->n_crossed] = *c;
        m->crossed_amount[m->n_crossed++] =
            scale ? v * (s->issues[c->issue].high - s->issues[c->issue].low) : v;
    }
    pli_zone_release(&z);
    return PL_OK;
}

/* Least change from the start within the (possibly minimally relaxed) constraints. */
static int least_change(const pl_scenario *s, const pl_agreement *g,
                        const pl_agreement_options *o, pl_mediation *m)
{
    pl_zone z;
    int rc = pli_zone_init(&z, s, g, o, NULL), feasible = 0;
    if (rc != PL_OK)
        return rc;
    if (!g->possible)
        pli_zone_move(&z, s, &g->closest);
    z.problem.objective = PL_ZONE_MIN_CHANGE;
    z.problem.origin = m->start;
    double value = 0;
    unsigned long long work = 0;
    rc = pli_zone_run(&z, &work, &feasible, &value);
    if (rc == PL_OK) {
        const double *text = feasible ? z.package : g->closest.package;
        memcpy(m->text, text ? text : m->start, s->n_issues * sizeof *m->text);
    }
    pli_zone_release(&z);
    return rc;
}

int pl_mediate(const pl_scenario *s, const double *start, const pl_mediate_options *options,
               pl_mediation **out, pl_diag *diag)
{
    if (s == NULL || out == NULL)
        return PL_ERR_ARGUMENT;
    *out = NULL;
    pl_agreement_options o = PL_AGREEMENT_OPTIONS_INIT;
    o.max_set = 0;
    o.solutions = 0;
    if (options != NULL) {
        if (options->version != PL_MEDIATE_OPTIONS_VERSION || options->max_nodes == 0)
            return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "bad mediation options");
        o.max_nodes = options->max_nodes;
    }
    pl_mediation *m = NULL;
    pl_agreement *g = NULL;
    int rc = allocate(s, &m);
    if (rc == PL_OK)
        rc = starting_package(s, start, m->start, diag);
    if (rc == PL_OK)
        rc = pl_agreement_compute(s, &o, &g, diag);
    if (rc == PL_OK)
        rc = least_change(s, g, &o, m);
    if (rc == PL_OK) {
        m->n_coalition = g->n_coalition;
        memcpy(m->coalition, g->coalition, g->n_coalition * sizeof *m->coalition);
        m->feasible = g->possible;
        describe(s, m);
        rc = list_crossed(s, g, m);
    }
    pl_agreement_free(g);
    if (rc != PL_OK) {
        pl_mediation_free(m);
        if (diag != NULL && diag->message[0] == '\0')
            pl_diag_set(diag, rc, 0, 0, "mediate: %s", pl_strerror(rc));
        return rc;
    }
    *out = m;
    return PL_OK;
}
