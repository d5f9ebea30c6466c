/*
 * evaluate.c - every actor's verdict on every item of a package.
 *
 * An item crossing the actor's red line is "unacceptable"; otherwise its item
 * utility decides: "acceptable" at or above the acceptable threshold (0.75 by
 * default), "critical" at or above the critical threshold (0.5), "negative"
 * below. The package as a whole is accepted when no red line is crossed and
 * the package utility reaches the actor's reservation (the value of no deal).
 */
#include <math.h>

#include "core/internal.h"

const char *pl_verdict_name(pl_verdict verdict)
{
    switch (verdict) {
    case PL_VERDICT_ACCEPTABLE: return "acceptable";
    case PL_VERDICT_CRITICAL: return "critical";
    case PL_VERDICT_NEGATIVE: return "negative";
    case PL_VERDICT_UNACCEPTABLE: return "unacceptable";
    default: return "none";
    }
}

const char *pl_acceptance_name(pl_acceptance acceptance)
{
    switch (acceptance) {
    case PL_ACCEPTS: return "accepts";
    case PL_REJECTS_RED_LINE: return "rejects: red line";
    default: return "rejects: below reservation";
    }
}

void pl_evaluation_free(pl_evaluation *e)
{
    if (e == NULL)
        return;
    pli_free(e->item_utility);
    pli_free(e->verdict);
    pli_free(e->utility);
    pli_free(e->acceptance);
    pli_free(e->red_lines_crossed);
    pli_free(e);
}

static pl_verdict item_verdict(const pl_scenario *s, double utility)
{
    if (isnan(utility))
        return PL_VERDICT_NONE;
    if (utility >= s->acceptable_threshold)
        return PL_VERDICT_ACCEPTABLE;
    if (utility >= s->critical_threshold)
        return PL_VERDICT_CRITICAL;
    return PL_VERDICT_NEGATIVE;
}

/* Does the decision rule pass, given who accepts? Fills the accepting share. */
static int rule_passes(const pl_scenario *s, pl_evaluation *e)
{
    double total = 0, accepting = 0;
    int any_veto = 0, vetoed = 0;
    for (size_t a = 0; a < s->n_actors; a++) {
        int accepts = e->acceptance[a] == PL_ACCEPTS;
        total += s->actors[a].capability;
        accepting += accepts ? s->actors[a].capability : 0;
        if (s->actors[a].veto) {
            any_veto = 1;
            vetoed |= !accepts;
        }
    }
    e->accepting_capability_share = total > 0 ? accepting / total : 0;
    if (s->decision_rule.kind == PL_RULE_WEIGHTED_MAJORITY)
        return !vetoed && accepting >= s->decision_rule.threshold * total;
    /* Unanimity of the veto actors; with no veto actor, unanimity of all. */
    return any_veto ? !vetoed : accepting == total;
}

int pl_evaluate(const pl_scenario *s, const double *package, pl_evaluation **out)
{
    if (s == NULL || package == NULL || out == NULL)
        return PL_ERR_ARGUMENT;
    size_t na = s->n_actors, ni = s->n_issues;
    pl_evaluation *e = pli_calloc(1, sizeof *e);
    if (e == NULL)
        return PL_ERR_NOMEM;
    e->n_actors = na;
    e->n_issues = ni;
    e->item_utility = pli_malloc(na * ni * sizeof *e->item_utility);
    e->verdict = pli_malloc(na * ni * sizeof *e->verdict);
    e->utility = pli_malloc(na * sizeof *e->utility);
    e->acceptance = pli_malloc(na * sizeof *e->acceptance);
    e->red_lines_crossed = pli_calloc(na, sizeof *e->red_lines_crossed);
    if (!e->item_utility || !e->verdict || !e->utility || !e->acceptance ||
        !e->red_lines_crossed) {
        pl_evaluation_free(e);
        return PL_ERR_NOMEM;
    }
    for (size_t a = 0; a < na; a++) {
        for (size_t i = 0; i < ni; i++) {
            double u = pl_item_utility(s, a, i, package[i]);
            e->item_utility[a * ni + i] = u;
            e->verdict[a * ni + i] = item_verdict(s, u);
        }
        e->utility[a] = pl_package_utility(s, a, package);
    }
    for (size_t r = 0; r < s->n_red_lines; r++) {
        const pl_red_line *line = &s->red_lines[r];
        if (!pl_red_line_allows(s, line, package[line->issue])) {
            e->verdict[line->actor * ni + line->issue] = PL_VERDICT_UNACCEPTABLE;
            e->red_lines_crossed[line->actor]++;
        }
    }
    for (size_t a = 0; a < na; a++) {
        if (e->red_lines_crossed[a] > 0)
            e->acceptance[a] = PL_REJECTS_RED_LINE;
        else if (e->utility[a] < s->actors[a].reservation)
            e->acceptance[a] = PL_REJECTS_BELOW_RESERVATION;
        else
            e->acceptance[a] = PL_ACCEPTS;
    }
    e->passes = rule_passes(s, e);
    *out = e;
    return PL_OK;
}
