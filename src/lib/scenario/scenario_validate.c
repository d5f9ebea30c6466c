/*
 * scenario_validate.c - every consistency rule of a scenario.
 *
 * Messages start with the JSON path of the offending field in the native
 * format (docs/scenario-format.md), so that a user of any input format can
 * find what is wrong: "actors[2].capability: must be positive".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "parley/limits.h"

#define FAIL(...) return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, __VA_ARGS__)

/*
 * Every error, for `parley validate` (pli_scenario_validate_all): each actor,
 * issue, stance, red line and proposal is checked on its own, and each other
 * group of rules once, so that independent mistakes are all reported.
 */
typedef struct collector {
    pl_diag_list *list;
    pl_diag first;
    int status;    /* the first error's */
    int stopped;   /* the list is full, or memory ran out */
    size_t errors; /* recorded so far */
} collector;

/* Keep a failed check's diagnostic; nonzero when checking must stop. */
static int record(collector *c, int status, const pl_diag *diag)
{
    if (c == NULL)
        return 1;
    c->errors++;
    if (c->status == PL_OK) {
        c->status = status;
        if (diag != NULL)
            c->first = *diag;
    }
    if (status == PL_ERR_NOMEM || diag == NULL || pli_diag_list_add(c->list, diag) != PL_OK ||
        pli_diag_list_full(c->list))
        c->stopped = 1;
    return c->stopped;
}

typedef int (*element_check)(const pl_scenario *s, size_t k, pl_diag *diag);

/* check(s, k) for k < n: without a collector up to the first failure, with one every k. */
static int each(const pl_scenario *s, size_t n, element_check check, pl_diag *diag, collector *c)
{
    for (size_t k = 0; k < n; k++) {
        int rc = check(s, k, diag);
        if (rc != PL_OK && record(c, rc, diag))
            return rc;
    }
    return PL_OK;
}

static int in_unit_interval(double x)
{
    return isfinite(x) && x >= 0.0 && x <= 1.0;
}

static int check_id(const char *id, const char *what, size_t k, pl_diag *diag)
{
    if (id == NULL || id[0] == '\0')
        FAIL("%s[%zu].id: must not be empty", what, k);
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            FAIL("%s[%zu].id: must not contain control characters", what, k);
    return PL_OK;
}

/*
 * Uniqueness, in O(n log n): sort (id, index) pairs and compare neighbours,
 * so that scenarios with very many actors or options validate quickly. The
 * duplicate reported is the one that comes first in input order.
 */
typedef struct named {
    const char *id;
    size_t index;
} named;

static int compare_named(const void *x, const void *y)
{
    const named *a = x, *b = y;
    int c = strcmp(a->id, b->id);
    if (c != 0)
        return c;
    return a->index < b->index ? -1 : (a->index > b->index);
}

/* Sort `list` and find the duplicate with the smallest later index. */
static int find_duplicate(named *list, size_t n, size_t *first, size_t *second)
{
    qsort(list, n, sizeof *list, compare_named);
    int found = 0;
    for (size_t k = 1; k < n; k++)
        if (strcmp(list[k - 1].id, list[k].id) == 0 && (!found || list[k].index < *second)) {
            /* Within a run of equal ids the earliest index is the run's first entry. */
            size_t start = k - 1;
            while (start > 0 && strcmp(list[start - 1].id, list[k].id) == 0)
                start--;
            *first = list[start].index;
            *second = list[k].index;
            found = 1;
        }
    return found;
}

/* Check the ids fetched by `id_of`; report "PREFIX[j].id: duplicate id "x" (also PREFIX[i])". */
static int check_unique(named *list, size_t n, const char *(*id_of)(const void *, size_t),
                        const void *array, const char *prefix, pl_diag *diag)
{
    for (size_t k = 0; k < n; k++) {
        list[k].id = id_of(array, k);
        list[k].index = k;
    }
    size_t first = 0, second = 0;
    if (find_duplicate(list, n, &first, &second))
        FAIL("%s[%zu].id: duplicate id \"%s\" (also %s[%zu])", prefix, second,
             id_of(array, second), prefix, first);
    return PL_OK;
}

static const char *actor_id(const void *array, size_t k)
{
    return ((const pl_actor *)array)[k].id;
}

static const char *issue_id(const void *array, size_t k)
{
    return ((const pl_issue *)array)[k].id;
}

static const char *option_id(const void *array, size_t k)
{
    return ((const pl_option *)array)[k].id;
}

static const char *proposal_id(const void *array, size_t k)
{
    return ((const pl_proposal *)array)[k].id;
}

static const char *uncertainty_id(const void *array, size_t k)
{
    return ((const pl_uncertainty *)array)[k].id;
}

static const char *shock_id(const void *array, size_t k)
{
    return ((const pl_shock *)array)[k].id;
}

static int compare_red_lines(const void *x, const void *y)
{
    const pl_red_line *const *a = x, *const *b = y;
    if ((*a)->actor != (*b)->actor)
        return (*a)->actor < (*b)->actor ? -1 : 1;
    if ((*a)->issue != (*b)->issue)
        return (*a)->issue < (*b)->issue ? -1 : 1;
    return *a < *b ? -1 : (*a > *b);
}

/* Every id unique within its kind; at most one red line per actor and issue. */
static int check_unique_ids(const pl_scenario *s, pl_diag *diag)
{
    size_t most = s->n_actors;
    if (s->n_issues > most)
        most = s->n_issues;
    if (s->n_proposals > most)
        most = s->n_proposals;
    if (s->n_uncertainties > most)
        most = s->n_uncertainties;
    if (s->n_shocks > most)
        most = s->n_shocks;
    if (s->n_red_lines > most)
        most = s->n_red_lines;
    for (size_t i = 0; i < s->n_issues; i++)
        if (s->issues[i].n_options > most)
            most = s->issues[i].n_options;
    named *list = pli_malloc(most * sizeof *list);
    const pl_red_line **lines = pli_malloc(s->n_red_lines * sizeof *lines);
    int rc = (list && lines) ? PL_OK : pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    if (rc == PL_OK)
        rc = check_unique(list, s->n_actors, actor_id, s->actors, "actors", diag);
    if (rc == PL_OK)
        rc = check_unique(list, s->n_issues, issue_id, s->issues, "issues", diag);
    for (size_t i = 0; rc == PL_OK && i < s->n_issues; i++) {
        char prefix[64];
        snprintf(prefix, sizeof prefix, "issues[%zu].options", i);
        rc = check_unique(list, s->issues[i].n_options, option_id, s->issues[i].options, prefix,
                          diag);
    }
    if (rc == PL_OK)
        rc = check_unique(list, s->n_proposals, proposal_id, s->proposals, "proposals", diag);
    if (rc == PL_OK)
        rc = check_unique(list, s->n_uncertainties, uncertainty_id, s->uncertainties,
                          "uncertainty", diag);
    if (rc == PL_OK)
        rc = check_unique(list, s->n_shocks, shock_id, s->shocks, "shocks", diag);
    if (rc == PL_OK && s->n_red_lines > 1) {
        for (size_t r = 0; r < s->n_red_lines; r++)
            lines[r] = &s->red_lines[r];
        qsort(lines, s->n_red_lines, sizeof *lines, compare_red_lines);
        for (size_t r = 1; r < s->n_red_lines && rc == PL_OK; r++)
            if (lines[r]->actor == lines[r - 1]->actor && lines[r]->issue == lines[r - 1]->issue)
                rc = pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                                 "actors[%zu].red_lines.%s: more than one red line on the same "
                                 "issue",
                                 lines[r]->actor, s->issues[lines[r]->issue].id);
    }
    pli_free(list);
    pli_free(lines);
    return rc;
}

static int check_actor(const pl_scenario *s, size_t a, pl_diag *diag)
{
    const pl_actor *actor = &s->actors[a];
    int rc = check_id(actor->id, "actors", a, diag);
    if (rc != PL_OK)
        return rc;
    if (!isfinite(actor->capability))
        FAIL("actors[%zu].capability: must be a finite number", a);
    if (actor->capability <= 0)
        FAIL("actors[%zu].capability: must be positive", a);
    if (!in_unit_interval(actor->reservation))
        FAIL("actors[%zu].reservation: must lie in [0, 1]", a);
    if (!(isfinite(actor->discount) && actor->discount > 0 && actor->discount <= 1))
        FAIL("actors[%zu].discount: must lie in (0, 1]", a);
    return PL_OK;
}

static int check_actors(const pl_scenario *s, pl_diag *diag, collector *c)
{
    if (s->n_actors == 0)
        FAIL("actors: a scenario needs at least one actor");
    return each(s, s->n_actors, check_actor, diag, c);
}

/* A reference point or observed outcome: on the range, or an option's index. */
static int check_issue_point(const pl_issue *issue, size_t i, const char *key, double v,
                             pl_diag *diag)
{
    if (issue->kind == PL_ISSUE_OPTIONS) {
        if (!(v >= 0 && v < (double)issue->n_options && v == floor(v)))
            FAIL("issues[%zu].%s: not an option of the issue", i, key);
        return PL_OK;
    }
    if (!isfinite(v))
        FAIL("issues[%zu].%s: must be a finite number", i, key);
    if (v < issue->low || v > issue->high)
        FAIL("issues[%zu].%s: %g lies outside the issue's range [%g, %g]", i, key, v, issue->low,
             issue->high);
    return PL_OK;
}

static int check_issue(const pl_issue *issue, size_t i, pl_diag *diag)
{
    if (!isfinite(issue->low) || !isfinite(issue->high))
        FAIL("issues[%zu].range: must be finite numbers", i);
    if (!(issue->low < issue->high))
        FAIL("issues[%zu].range: low end %g must be below high end %g", i, issue->low,
             issue->high);
    for (size_t k = 0; k < issue->n_scale_points; k++) {
        double v = issue->scale_points[k].value;
        if (!isfinite(v) || v < issue->low || v > issue->high)
            FAIL("issues[%zu].scale[%zu].value: must lie in the range [%g, %g]", i, k, issue->low,
                 issue->high);
    }
    if (issue->kind == PL_ISSUE_CONTINUOUS)
        return PL_OK;
    if (issue->kind != PL_ISSUE_OPTIONS)
        FAIL("issues[%zu]: unknown kind", i);
    if (issue->n_options < 2)
        FAIL("issues[%zu].options: an options issue needs at least two options", i);
    for (size_t k = 0; k < issue->n_options; k++) {
        const pl_option *option = &issue->options[k];
        char where[64];
        snprintf(where, sizeof where, "issues[%zu].options", i);
        int rc = check_id(option->id, where, k, diag);
        if (rc != PL_OK)
            return rc;
        if (option->has_position &&
            (!isfinite(option->position) || option->position < issue->low ||
             option->position > issue->high))
            FAIL("issues[%zu].options[%zu].position: must lie in the range [%g, %g]", i, k,
                 issue->low, issue->high);
    }
    return PL_OK;
}

static int check_issue_at(const pl_scenario *s, size_t i, pl_diag *diag)
{
    int rc = check_id(s->issues[i].id, "issues", i, diag);
    if (rc == PL_OK && strcmp(s->issues[i].id, "*") == 0)
        FAIL("issues[%zu].id: \"*\" is reserved (it means every issue)", i);
    if (rc == PL_OK)
        rc = check_issue(&s->issues[i], i, diag);
    if (rc == PL_OK && s->issues[i].has_reference)
        rc = check_issue_point(&s->issues[i], i, "reference", s->issues[i].reference, diag);
    if (rc == PL_OK && s->issues[i].has_outcome)
        rc = check_issue_point(&s->issues[i], i, "outcome", s->issues[i].outcome, diag);
    return rc;
}

static int check_issues(const pl_scenario *s, pl_diag *diag, collector *c)
{
    if (s->n_issues == 0)
        FAIL("issues: a scenario needs at least one issue");
    return each(s, s->n_issues, check_issue_at, diag, c);
}

/* Stance k of the actors x issues matrix (row-major, as pl_scenario.stances). */
static int check_stance(const pl_scenario *s, size_t k, pl_diag *diag)
{
    size_t a = k / s->n_issues, i = k % s->n_issues;
    const pl_stance *st = &s->stances[k];
    const pl_issue *issue = &s->issues[i];
    const char *where_issue = issue->id;
    if (!st->present)
        return PL_OK;
    if (!in_unit_interval(st->salience))
        FAIL("actors[%zu].stances.%s.salience: must lie in [0, 1]", a, where_issue);
    if (st->has_capability && !(isfinite(st->capability) && st->capability > 0))
        FAIL("actors[%zu].stances.%s.capability: must be positive", a, where_issue);
    if (issue->kind == PL_ISSUE_CONTINUOUS) {
        if (!isfinite(st->position))
            FAIL("actors[%zu].stances.%s.position: must be a finite number", a, where_issue);
        if (st->position < issue->low || st->position > issue->high)
            FAIL("actors[%zu].stances.%s.position: %g lies outside the issue's range "
                 "[%g, %g]",
                 a, where_issue, st->position, issue->low, issue->high);
        return PL_OK;
    }
    if (st->option_values == NULL)
        FAIL("actors[%zu].stances.%s.values: missing for an options issue", a, where_issue);
    for (size_t o = 0; o < issue->n_options; o++)
        if (!in_unit_interval(st->option_values[o]))
            FAIL("actors[%zu].stances.%s.values.%s: must lie in [0, 1]", a, where_issue,
                 issue->options[o].id);
    return PL_OK;
}

static int check_stances(const pl_scenario *s, pl_diag *diag, collector *c)
{
    return s->n_issues == 0 ? PL_OK : each(s, s->n_actors * s->n_issues, check_stance, diag, c);
}

static int check_red_line(const pl_scenario *s, size_t r, pl_diag *diag)
{
    const pl_red_line *line = &s->red_lines[r];
    if (line->actor >= s->n_actors || line->issue >= s->n_issues)
        FAIL("red line %zu: refers to an unknown actor or issue", r);
    size_t a = line->actor;
    const pl_issue *issue = &s->issues[line->issue];
    if (issue->kind == PL_ISSUE_OPTIONS) {
        size_t allowed = 0;
        for (size_t k = 0; line->allowed && k < issue->n_options; k++)
            allowed += line->allowed[k] != 0;
        if (allowed == 0)
            FAIL("actors[%zu].red_lines.%s.allowed: allows no option at all", a, issue->id);
        return PL_OK;
    }
    if (!isfinite(line->low) || !isfinite(line->high))
        FAIL("actors[%zu].red_lines.%s: bounds must be finite numbers", a, issue->id);
    if (line->low > line->high)
        FAIL("actors[%zu].red_lines.%s: empty interval (min %g is above max %g)", a, issue->id,
             line->low, line->high);
    if (line->low < issue->low || line->high > issue->high)
        FAIL("actors[%zu].red_lines.%s: [%g, %g] reaches outside the issue's range [%g, %g]", a,
             issue->id, line->low, line->high, issue->low, issue->high);
    return PL_OK;
}

static int check_red_lines(const pl_scenario *s, pl_diag *diag, collector *c)
{
    return each(s, s->n_red_lines, check_red_line, diag, c);
}

static int check_proposal(const pl_scenario *s, size_t p, pl_diag *diag)
{
    const pl_proposal *proposal = &s->proposals[p];
    int rc = check_id(proposal->id, "proposals", p, diag);
    if (rc != PL_OK)
        return rc;
    for (size_t i = 0; i < s->n_issues; i++) {
        const pl_issue *issue = &s->issues[i];
        double v = proposal->values[i];
        if (isnan(v))
            FAIL("proposals[%zu].positions.%s: missing (a proposal sets every issue)", p,
                 issue->id);
        if (issue->kind == PL_ISSUE_OPTIONS) {
            if (!(v >= 0 && v < (double)issue->n_options && v == floor(v)))
                FAIL("proposals[%zu].positions.%s: not an option of the issue", p, issue->id);
        } else if (!isfinite(v) || v < issue->low || v > issue->high) {
            FAIL("proposals[%zu].positions.%s: %g lies outside the issue's range [%g, %g]", p,
                 issue->id, v, issue->low, issue->high);
        }
    }
    return PL_OK;
}

static int check_proposals(const pl_scenario *s, pl_diag *diag, collector *c)
{
    return each(s, s->n_proposals, check_proposal, diag, c);
}

static int check_target(const pl_scenario *s, size_t actor, size_t issue, pl_quantity quantity,
                        const char *where, pl_diag *diag)
{
    if (actor >= s->n_actors)
        FAIL("%s.actor: unknown actor", where);
    if ((unsigned)quantity >= PL_QUANTITY_COUNT)
        FAIL("%s.quantity: unknown quantity", where);
    int per_issue = quantity == PL_QUANTITY_POSITION || quantity == PL_QUANTITY_SALIENCE ||
                    quantity == PL_QUANTITY_RED_LINE;
    if (issue != PL_ALL_ISSUES && issue >= s->n_issues)
        FAIL("%s.issue: unknown issue", where);
    if (!per_issue && issue != PL_ALL_ISSUES)
        FAIL("%s.issue: %s belongs to the actor, not to an issue", where,
             pl_quantity_name(quantity));
    return PL_OK;
}

static int check_uncertainty_and_shocks(const pl_scenario *s, pl_diag *diag)
{
    char where[96];
    if (s->horizon < 0)
        FAIL("horizon: must be a whole number of rounds >= 1");
    for (size_t u = 0; u < s->n_uncertainties; u++) {
        const pl_uncertainty *group = &s->uncertainties[u];
        int rc = check_id(group->id, "uncertainty", u, diag);
        if (rc != PL_OK)
            return rc;
        for (size_t d = 0; d < group->n_draws; d++) {
            const pl_draw *draw = &group->draws[d];
            snprintf(where, sizeof where, "uncertainty[%zu].draws[%zu]", u, d);
            rc = check_target(s, draw->actor, draw->issue, draw->quantity, where, diag);
            if (rc != PL_OK)
                return rc;
            if ((unsigned)draw->distribution > PL_DISTRIBUTION_TRIANGULAR)
                FAIL("%s.distribution: unknown distribution", where);
            if (!isfinite(draw->spread) || draw->spread <= 0)
                FAIL("%s.spread: must be a positive number", where);
        }
    }
    for (size_t k = 0; k < s->n_shocks; k++) {
        const pl_shock *shock = &s->shocks[k];
        int rc = check_id(shock->id, "shocks", k, diag);
        if (rc != PL_OK)
            return rc;
        if (shock->start_round < 1)
            FAIL("shocks[%zu].start_round: must be at least 1", k);
        /* a shock the talks never reach would silently do nothing (issue #13, item 6) */
        if (s->horizon > 0 && shock->start_round > s->horizon)
            FAIL("shocks[%zu].start_round: %d lies beyond the horizon of %d rounds, so the "
                 "shock could never apply", k, shock->start_round, s->horizon);
        if (shock->every < 0)
            FAIL("shocks[%zu].every: must not be negative", k);
        if (shock->n_changes == 0)
            FAIL("shocks[%zu].changes: a shock needs at least one change", k);
        for (size_t c = 0; c < shock->n_changes; c++) {
            const pl_change *change = &shock->changes[c];
            snprintf(where, sizeof where, "shocks[%zu].changes[%zu]", k, c);
            rc = check_target(s, change->actor, change->issue, change->quantity, where, diag);
            if (rc != PL_OK)
                return rc;
            if ((unsigned)change->operation > PL_CHANGE_SET)
                FAIL("%s: unknown operation", where);
            if (!isfinite(change->value))
                FAIL("%s: the amount must be a finite number", where);
            if (change->quantity == PL_QUANTITY_RED_LINE && change->operation == PL_CHANGE_SET)
                FAIL("%s: a red line can be shifted (add) or scaled, not set to one number",
                     where);
        }
    }
    return PL_OK;
}

static int check_rules(const pl_scenario *s, pl_diag *diag)
{
    if (s->decision_rule.kind != PL_RULE_UNANIMITY &&
        s->decision_rule.kind != PL_RULE_WEIGHTED_MAJORITY)
        FAIL("decision_rule.kind: unknown decision rule");
    if (s->decision_rule.kind == PL_RULE_WEIGHTED_MAJORITY &&
        !(isfinite(s->decision_rule.threshold) && s->decision_rule.threshold > 0 &&
          s->decision_rule.threshold <= 1))
        FAIL("decision_rule.threshold: must lie in (0, 1]");
    if (s->utility_form != PL_UTILITY_LINEAR && s->utility_form != PL_UTILITY_QUADRATIC)
        FAIL("evaluation.utility: unknown utility form");
    if (!in_unit_interval(s->acceptable_threshold))
        FAIL("evaluation.acceptable: must lie in [0, 1]");
    if (!in_unit_interval(s->critical_threshold))
        FAIL("evaluation.critical: must lie in [0, 1]");
    if (s->critical_threshold > s->acceptable_threshold)
        FAIL("evaluation.critical: %g is above the acceptable threshold %g",
             s->critical_threshold, s->acceptable_threshold);
    for (size_t k = 0; k < s->ktab.n_adjustments; k++) {
        const pl_ktab_adjustment *pair = &s->ktab.adjustments[k];
        if (pair->adjusting_actor >= s->n_actors || pair->reference_actor >= s->n_actors)
            FAIL("ktab.ideal_adjustment[%zu]: unknown actor", k);
        if (!isfinite(pair->adjust))
            FAIL("ktab.ideal_adjustment[%zu].adjust: must be a finite number", k);
    }
    return PL_OK;
}

/* The rules that are checked once each (the first failure of each group is reported). */
static int check_unique_ids_group(const pl_scenario *s, pl_diag *diag, collector *c)
{
    (void)c;
    return check_unique_ids(s, diag);
}

static int check_rules_group(const pl_scenario *s, pl_diag *diag, collector *c)
{
    (void)c;
    return check_rules(s, diag);
}

static int check_events_group(const pl_scenario *s, pl_diag *diag, collector *c)
{
    (void)c;
    return check_uncertainty_and_shocks(s, diag);
}

typedef int (*group_check)(const pl_scenario *s, pl_diag *diag, collector *c);

static int validate(const pl_scenario *s, pl_diag *diag, collector *c)
{
    if (s == NULL)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no scenario");
    /* Limits first: the other checks may be slow on a scenario beyond them. */
    int rc = pl_limits_check(s, diag);
    if (rc != PL_OK)
        return record(c, rc, diag), rc;
    /* Stances, red lines and proposals are measured against the issues: when an issue is
     * wrong, their errors would only repeat it. */
    static const group_check groups[] = {check_actors,      check_issues,
                                         check_stances,     check_red_lines,
                                         check_proposals,   check_rules_group,
                                         check_events_group, check_unique_ids_group};
    size_t before_issues = 0;
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        if (g == 1 && c != NULL)
            before_issues = c->errors;
        if (g == 2 && c != NULL && c->errors > before_issues)
            g = 5; /* on to the rules, events and ids */
        rc = groups[g](s, diag, c);
        if (c != NULL && c->stopped)
            break;
        if (rc != PL_OK && record(c, rc, diag))
            return rc;
    }
    if (c != NULL && c->status != PL_OK && diag != NULL)
        *diag = c->first;
    return c != NULL ? c->status : PL_OK;
}

int pl_scenario_validate(const pl_scenario *s, pl_diag *diag)
{
    return validate(s, diag, NULL);
}

int pli_scenario_validate_all(const pl_scenario *s, pl_diag *diag, pl_diag_list *list)
{
    collector c;
    memset(&c, 0, sizeof c);
    c.list = list;
    pl_diag local;
    pl_diag_clear(&local);
    if (diag != NULL)
        pl_diag_set_source(&local, diag->source);
    int rc = validate(s, &local, &c);
    if (diag != NULL && rc != PL_OK)
        *diag = local;
    return rc;
}
