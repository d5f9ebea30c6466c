/* scenario.c - building, copying and freeing scenarios. */
#include <assert.h>
#include <math.h>
#include <string.h>

#include "core/internal.h"

const char *const pl_rule_names[2] = {"unanimity", "weighted_majority"};
const char *const pl_utility_names[2] = {"linear", "quadratic"};
const char *const pl_distribution_names[3] = {"uniform", "normal", "triangular"};
const char *const pl_quantity_names[PL_QUANTITY_COUNT] = {
    "capability", "reservation", "position", "salience", "red_line",
};
const char *const pl_operation_names[3] = {"add", "multiply", "set"};

const char *pl_quantity_name(pl_quantity quantity)
{
    return (unsigned)quantity < PL_QUANTITY_COUNT ? pl_quantity_names[quantity] : "unknown";
}

static const char *const ktab_parameter_names[PL_KTAB_PARAMETER_COUNT] = {
    "VictoryProbModel", "PCEModel",         "StateTransitions",
    "VotingRule",       "BigRAdjust",       "BigRRange",
    "ThirdPartyCommit", "InterVecBrgn",     "BargnModel",
};

const char *pl_ktab_parameter_name(size_t k)
{
    return k < PL_KTAB_PARAMETER_COUNT ? ktab_parameter_names[k] : NULL;
}

int pl_scenario_new(pl_scenario **out)
{
    pl_scenario *s = pli_calloc(1, sizeof *s);
    if (s == NULL)
        return PL_ERR_NOMEM;
    s->decision_rule.kind = PL_RULE_UNANIMITY;
    s->decision_rule.threshold = 0.5;
    s->utility_form = PL_UTILITY_LINEAR;
    s->acceptable_threshold = 0.75;
    s->critical_threshold = 0.5;
    *out = s;
    return PL_OK;
}

static void free_strings(char **strings, size_t n)
{
    if (strings == NULL) /* a copy whose allocation failed: the count is set, the array not */
        return;
    for (size_t k = 0; k < n; k++)
        pli_free(strings[k]);
    pli_free(strings);
}

void pl_scenario_free(pl_scenario *s)
{
    if (s == NULL)
        return;
    pli_free(s->id);
    pli_free(s->name);
    pli_free(s->format);
    pli_free(s->provenance.description);
    pli_free(s->provenance.date);
    free_strings(s->provenance.sources, s->provenance.n_sources);
    free_strings(s->provenance.caveats, s->provenance.n_caveats);
    for (size_t a = 0; a < s->n_actors; a++) {
        pli_free(s->actors[a].id);
        pli_free(s->actors[a].name);
        pli_free(s->actors[a].description);
    }
    pli_free(s->actors);
    for (size_t i = 0; i < s->n_issues; i++) {
        pl_issue *issue = &s->issues[i];
        pli_free(issue->id);
        pli_free(issue->name);
        pli_free(issue->description);
        pli_free(issue->low_label);
        pli_free(issue->high_label);
        for (size_t k = 0; k < issue->n_scale_points; k++)
            pli_free(issue->scale_points[k].label);
        pli_free(issue->scale_points);
        for (size_t k = 0; k < issue->n_options; k++) {
            pli_free(issue->options[k].id);
            pli_free(issue->options[k].label);
        }
        pli_free(issue->options);
    }
    pli_free(s->issues);
    if (s->stances != NULL)
        for (size_t k = 0; k < s->n_actors * s->n_issues; k++)
            pli_free(s->stances[k].option_values);
    pli_free(s->stances);
    for (size_t r = 0; r < s->n_red_lines; r++) {
        pli_free(s->red_lines[r].allowed);
        pli_free(s->red_lines[r].note);
    }
    pli_free(s->red_lines);
    for (size_t p = 0; p < s->n_proposals; p++) {
        pli_free(s->proposals[p].id);
        pli_free(s->proposals[p].name);
        pli_free(s->proposals[p].description);
        pli_free(s->proposals[p].date);
        pli_free(s->proposals[p].values);
    }
    pli_free(s->proposals);
    for (size_t u = 0; u < s->n_uncertainties; u++) {
        pli_free(s->uncertainties[u].id);
        pli_free(s->uncertainties[u].name);
        pli_free(s->uncertainties[u].description);
        pli_free(s->uncertainties[u].draws);
    }
    pli_free(s->uncertainties);
    for (size_t k = 0; k < s->n_shocks; k++) {
        pli_free(s->shocks[k].id);
        pli_free(s->shocks[k].name);
        pli_free(s->shocks[k].description);
        pli_free(s->shocks[k].changes);
    }
    pli_free(s->shocks);
    pli_free(s->ktab.seed);
    for (size_t k = 0; k < PL_KTAB_PARAMETER_COUNT; k++)
        pli_free(s->ktab.parameters[k]);
    pli_free(s->ktab.adjustments);
    pli_free(s);
}

int pl_scenario_set_string(char **field, const char *value)
{
    char *copy = NULL;
    if (value != NULL && (copy = pli_strdup(value)) == NULL)
        return PL_ERR_NOMEM;
    pli_free(*field);
    *field = copy;
    return PL_OK;
}

/*
 * Room for element `count` of an array of `size`-byte elements, `*capacity` of
 * them allocated (0: exactly `count`). It grows by half, so that n appends copy
 * O(n) elements in all: a realloc that copies every time (ASan's does) would
 * otherwise make a reader of 10 000 issues quadratic. Only `*capacity` changes
 * on success; the array is unchanged on failure.
 */
static int reserve(void **array, size_t count, size_t *capacity, size_t size)
{
    if (*capacity > count)
        return PL_OK;
    if (size > ((size_t)-1) / 16 || count >= ((size_t)-1) / size / 2)
        return PL_ERR_NOMEM;
    size_t room = count + count / 2 + 4;
    void *grown = pli_realloc(*array, room * size);
    if (grown == NULL)
        return PL_ERR_NOMEM;
    *array = grown;
    *capacity = room;
    return PL_OK;
}

/* Arrays that are seldom long grow one element at a time. */
static int append(void **array, size_t count, size_t size)
{
    if (count >= ((size_t)-1) / size - 1)
        return PL_ERR_NOMEM;
    void *grown = pli_realloc(*array, (count + 1) * size);
    if (grown == NULL)
        return PL_ERR_NOMEM;
    memset((char *)grown + count * size, 0, size);
    *array = grown;
    return PL_OK;
}

int pl_scenario_add_actor(pl_scenario *s, const char *id, const char *name, double capability,
                          size_t *index_out)
{
    if (s == NULL || id == NULL)
        return PL_ERR_ARGUMENT;
    size_t n_issues = s->n_issues;
    if (n_issues > 0) {
        if (n_issues > ((size_t)-1) / sizeof *s->stances ||
            reserve((void **)&s->stances, s->n_actors, &s->stance_rows_capacity,
                    n_issues * sizeof *s->stances) != PL_OK)
            return PL_ERR_NOMEM;
        memset(s->stances + s->n_actors * n_issues, 0, n_issues * sizeof *s->stances);
    }
    if (reserve((void **)&s->actors, s->n_actors, &s->actors_capacity, sizeof *s->actors) != PL_OK)
        return PL_ERR_NOMEM;
    pl_actor *actor = &s->actors[s->n_actors];
    memset(actor, 0, sizeof *actor);
    actor->id = pli_strdup(id);
    actor->name = pli_strdup(name ? name : id);
    if (actor->id == NULL || actor->name == NULL) {
        pli_free(actor->id);
        pli_free(actor->name);
        memset(actor, 0, sizeof *actor);
        return PL_ERR_NOMEM;
    }
    actor->capability = capability;
    actor->discount = 1.0;
    if (index_out)
        *index_out = s->n_actors;
    s->n_actors++;
    return PL_OK;
}

/* Make room for one more issue: a wider stance matrix and longer proposals. */
static int add_issue(pl_scenario *s, const char *id, const char *name, pl_issue **issue_out)
{
    size_t n_actors = s->n_actors, n_issues = s->n_issues;
    pl_stance *stances = NULL;
    if (n_actors > 0) {
        stances = pli_calloc(n_actors * (n_issues + 1), sizeof *stances);
        if (stances == NULL)
            return PL_ERR_NOMEM;
    }
    for (size_t p = 0; p < s->n_proposals; p++) {
        double *values = pli_realloc(s->proposals[p].values, (n_issues + 1) * sizeof *values);
        if (values == NULL) {
            pli_free(stances);
            return PL_ERR_NOMEM;
        }
        values[n_issues] = NAN;
        s->proposals[p].values = values;
    }
    if (reserve((void **)&s->issues, n_issues, &s->issues_capacity, sizeof *s->issues) != PL_OK) {
        pli_free(stances);
        return PL_ERR_NOMEM;
    }
    pl_issue *issue = &s->issues[n_issues];
    memset(issue, 0, sizeof *issue);
    issue->id = pli_strdup(id);
    issue->name = pli_strdup(name ? name : id);
    if (issue->id == NULL || issue->name == NULL) {
        pli_free(issue->id);
        pli_free(issue->name);
        memset(issue, 0, sizeof *issue);
        pli_free(stances);
        return PL_ERR_NOMEM;
    }
    for (size_t a = 0; a < n_actors; a++)
        for (size_t i = 0; i < n_issues; i++)
            stances[a * (n_issues + 1) + i] = s->stances[a * n_issues + i];
    pli_free(s->stances);
    s->stances = stances;
    s->stance_rows_capacity = 0; /* exactly n_actors rows of the new width */
    s->n_issues++;
    *issue_out = issue;
    return PL_OK;
}

int pl_scenario_add_continuous_issue(pl_scenario *s, const char *id, const char *name,
                                     double low, double high, size_t *index_out)
{
    if (s == NULL || id == NULL)
        return PL_ERR_ARGUMENT;
    pl_issue *issue;
    int rc = add_issue(s, id, name, &issue);
    if (rc != PL_OK)
        return rc;
    issue->kind = PL_ISSUE_CONTINUOUS;
    issue->low = low;
    issue->high = high;
    if (index_out)
        *index_out = s->n_issues - 1;
    return PL_OK;
}

int pl_scenario_add_options_issue(pl_scenario *s, const char *id, const char *name,
                                  size_t n_options, const char *const *option_ids,
                                  size_t *index_out)
{
    if (s == NULL || id == NULL || (n_options > 0 && option_ids == NULL))
        return PL_ERR_ARGUMENT;
    pl_option *options = pli_calloc(n_options, sizeof *options);
    if (options == NULL)
        return PL_ERR_NOMEM;
    for (size_t k = 0; k < n_options; k++) {
        options[k].id = pli_strdup(option_ids[k] ? option_ids[k] : "");
        options[k].label = pli_strdup(option_ids[k] ? option_ids[k] : "");
        if (options[k].id == NULL || options[k].label == NULL) {
            for (size_t j = 0; j <= k; j++) {
                pli_free(options[j].id);
                pli_free(options[j].label);
            }
            pli_free(options);
            return PL_ERR_NOMEM;
        }
    }
    pl_issue *issue;
    int rc = add_issue(s, id, name, &issue);
    if (rc != PL_OK) {
        for (size_t k = 0; k < n_options; k++) {
            pli_free(options[k].id);
            pli_free(options[k].label);
        }
        pli_free(options);
        return rc;
    }
    issue->kind = PL_ISSUE_OPTIONS;
    issue->low = 0;
    issue->high = 100;
    issue->options = options;
    issue->n_options = n_options;
    if (index_out)
        *index_out = s->n_issues - 1;
    return PL_OK;
}

int pl_scenario_add_scale_point(pl_scenario *s, size_t issue, double value, const char *label)
{
    if (s == NULL || issue >= s->n_issues)
        return PL_ERR_ARGUMENT;
    pl_issue *is = &s->issues[issue];
    char *copy = pli_strdup(label ? label : "");
    if (copy == NULL)
        return PL_ERR_NOMEM;
    if (append((void **)&is->scale_points, is->n_scale_points, sizeof *is->scale_points)) {
        pli_free(copy);
        return PL_ERR_NOMEM;
    }
    is->scale_points[is->n_scale_points].value = value;
    is->scale_points[is->n_scale_points].label = copy;
    is->n_scale_points++;
    return PL_OK;
}

pl_stance *pl_scenario_stance(pl_scenario *s, size_t actor, size_t issue)
{
    assert(actor < s->n_actors && issue < s->n_issues);
    return &s->stances[actor * s->n_issues + issue];
}

const pl_stance *pl_scenario_stance_const(const pl_scenario *s, size_t actor, size_t issue)
{
    assert(actor < s->n_actors && issue < s->n_issues);
    return &s->stances[actor * s->n_issues + issue];
}

int pl_scenario_set_position(pl_scenario *s, size_t actor, size_t issue, double position,
                             double salience)
{
    if (s == NULL || actor >= s->n_actors || issue >= s->n_issues ||
        s->issues[issue].kind != PL_ISSUE_CONTINUOUS)
        return PL_ERR_ARGUMENT;
    pl_stance *stance = pl_scenario_stance(s, actor, issue);
    stance->present = 1;
    stance->position = position;
    stance->salience = salience;
    return PL_OK;
}

int pl_scenario_set_option_values(pl_scenario *s, size_t actor, size_t issue,
                                  const double *values, double salience)
{
    if (s == NULL || actor >= s->n_actors || issue >= s->n_issues ||
        s->issues[issue].kind != PL_ISSUE_OPTIONS || values == NULL)
        return PL_ERR_ARGUMENT;
    size_t n = s->issues[issue].n_options;
    double *copy = pli_malloc(n * sizeof *copy);
    if (copy == NULL)
        return PL_ERR_NOMEM;
    memcpy(copy, values, n * sizeof *copy);
    pl_stance *stance = pl_scenario_stance(s, actor, issue);
    pli_free(stance->option_values);
    stance->option_values = copy;
    stance->present = 1;
    stance->salience = salience;
    return PL_OK;
}

static int add_red_line(pl_scenario *s, size_t actor, size_t issue, pl_red_line **out,
                        size_t *index_out)
{
    if (s == NULL || actor >= s->n_actors || issue >= s->n_issues)
        return PL_ERR_ARGUMENT;
    if (append((void **)&s->red_lines, s->n_red_lines, sizeof *s->red_lines) != PL_OK)
        return PL_ERR_NOMEM;
    pl_red_line *line = &s->red_lines[s->n_red_lines];
    line->actor = actor;
    line->issue = issue;
    *out = line;
    if (index_out)
        *index_out = s->n_red_lines;
    return PL_OK;
}

int pl_scenario_add_red_line(pl_scenario *s, size_t actor, size_t issue, double low,
                             double high, size_t *index_out)
{
    pl_red_line *line;
    if (s == NULL || issue >= s->n_issues || s->issues[issue].kind != PL_ISSUE_CONTINUOUS)
        return PL_ERR_ARGUMENT;
    int rc = add_red_line(s, actor, issue, &line, index_out);
    if (rc != PL_OK)
        return rc;
    line->low = low;
    line->high = high;
    s->n_red_lines++;
    return PL_OK;
}

int pl_scenario_add_red_line_options(pl_scenario *s, size_t actor, size_t issue,
                                     const unsigned char *allowed, size_t *index_out)
{
    pl_red_line *line;
    if (s == NULL || issue >= s->n_issues || s->issues[issue].kind != PL_ISSUE_OPTIONS ||
        allowed == NULL)
        return PL_ERR_ARGUMENT;
    size_t n = s->issues[issue].n_options;
    unsigned char *copy = pli_malloc(n);
    if (copy == NULL)
        return PL_ERR_NOMEM;
    memcpy(copy, allowed, n);
    int rc = add_red_line(s, actor, issue, &line, index_out);
    if (rc != PL_OK) {
        pli_free(copy);
        return rc;
    }
    line->allowed = copy;
    s->n_red_lines++;
    return PL_OK;
}

int pl_scenario_add_proposal(pl_scenario *s, const char *id, const char *name,
                             size_t *index_out)
{
    if (s == NULL || id == NULL)
        return PL_ERR_ARGUMENT;
    double *values = pli_malloc(s->n_issues * sizeof *values);
    char *id_copy = pli_strdup(id), *name_copy = pli_strdup(name ? name : id);
    if (values == NULL || id_copy == NULL || name_copy == NULL ||
        append((void **)&s->proposals, s->n_proposals, sizeof *s->proposals) != PL_OK) {
        pli_free(values);
        pli_free(id_copy);
        pli_free(name_copy);
        return PL_ERR_NOMEM;
    }
    for (size_t i = 0; i < s->n_issues; i++)
        values[i] = NAN;
    pl_proposal *proposal = &s->proposals[s->n_proposals];
    proposal->id = id_copy;
    proposal->name = name_copy;
    proposal->values = values;
    if (index_out)
        *index_out = s->n_proposals;
    s->n_proposals++;
    return PL_OK;
}

static int append_string(char ***strings, size_t *count, const char *value)
{
    char *copy = pli_strdup(value ? value : "");
    if (copy == NULL || append((void **)strings, *count, sizeof **strings) != PL_OK) {
        pli_free(copy);
        return PL_ERR_NOMEM;
    }
    (*strings)[(*count)++] = copy;
    return PL_OK;
}

int pl_scenario_add_source(pl_scenario *s, const char *source)
{
    if (s == NULL)
        return PL_ERR_ARGUMENT;
    return append_string(&s->provenance.sources, &s->provenance.n_sources, source);
}

int pl_scenario_add_caveat(pl_scenario *s, const char *caveat)
{
    if (s == NULL)
        return PL_ERR_ARGUMENT;
    return append_string(&s->provenance.caveats, &s->provenance.n_caveats, caveat);
}

int pl_scenario_add_uncertainty(pl_scenario *s, const char *id, size_t *index_out)
{
    if (s == NULL || id == NULL)
        return PL_ERR_ARGUMENT;
    char *copy = pli_strdup(id), *name = pli_strdup(id);
    if (copy == NULL || name == NULL ||
        append((void **)&s->uncertainties, s->n_uncertainties, sizeof *s->uncertainties)) {
        pli_free(copy);
        pli_free(name);
        return PL_ERR_NOMEM;
    }
    s->uncertainties[s->n_uncertainties].id = copy;
    s->uncertainties[s->n_uncertainties].name = name;
    if (index_out)
        *index_out = s->n_uncertainties;
    s->n_uncertainties++;
    return PL_OK;
}

int pl_scenario_add_draw(pl_scenario *s, size_t uncertainty, const pl_draw *draw)
{
    if (s == NULL || uncertainty >= s->n_uncertainties || draw == NULL)
        return PL_ERR_ARGUMENT;
    pl_uncertainty *u = &s->uncertainties[uncertainty];
    if (append((void **)&u->draws, u->n_draws, sizeof *u->draws) != PL_OK)
        return PL_ERR_NOMEM;
    u->draws[u->n_draws++] = *draw;
    return PL_OK;
}

int pl_scenario_add_shock(pl_scenario *s, const char *id, size_t *index_out)
{
    if (s == NULL || id == NULL)
        return PL_ERR_ARGUMENT;
    char *copy = pli_strdup(id), *name = pli_strdup(id);
    if (copy == NULL || name == NULL ||
        append((void **)&s->shocks, s->n_shocks, sizeof *s->shocks) != PL_OK) {
        pli_free(copy);
        pli_free(name);
        return PL_ERR_NOMEM;
    }
    s->shocks[s->n_shocks].id = copy;
    s->shocks[s->n_shocks].name = name;
    s->shocks[s->n_shocks].start_round = 1;
    if (index_out)
        *index_out = s->n_shocks;
    s->n_shocks++;
    return PL_OK;
}

int pl_scenario_add_change(pl_scenario *s, size_t shock, const pl_change *change)
{
    if (s == NULL || shock >= s->n_shocks || change == NULL)
        return PL_ERR_ARGUMENT;
    pl_shock *k = &s->shocks[shock];
    if (append((void **)&k->changes, k->n_changes, sizeof *k->changes) != PL_OK)
        return PL_ERR_NOMEM;
    k->changes[k->n_changes++] = *change;
    return PL_OK;
}

int pl_scenario_add_ktab_adjustment(pl_scenario *s, const pl_ktab_adjustment *pair)
{
    if (s == NULL || pair == NULL)
        return PL_ERR_ARGUMENT;
    pl_ktab_settings *k = &s->ktab;
    if (append((void **)&k->adjustments, k->n_adjustments, sizeof *k->adjustments) != PL_OK)
        return PL_ERR_NOMEM;
    k->adjustments[k->n_adjustments++] = *pair;
    return PL_OK;
}

int pl_scenario_find_actor(const pl_scenario *s, const char *id, size_t *index_out)
{
    for (size_t a = 0; s && id && a < s->n_actors; a++)
        if (strcmp(s->actors[a].id, id) == 0) {
            if (index_out)
                *index_out = a;
            return PL_OK;
        }
    return PL_ERR_NOT_FOUND;
}

int pl_scenario_find_issue(const pl_scenario *s, const char *id, size_t *index_out)
{
    for (size_t i = 0; s && id && i < s->n_issues; i++)
        if (strcmp(s->issues[i].id, id) == 0) {
            if (index_out)
                *index_out = i;
            return PL_OK;
        }
    return PL_ERR_NOT_FOUND;
}

int pl_scenario_find_proposal(const pl_scenario *s, const char *id, size_t *index_out)
{
    for (size_t p = 0; s && id && p < s->n_proposals; p++)
        if (strcmp(s->proposals[p].id, id) == 0) {
            if (index_out)
                *index_out = p;
            return PL_OK;
        }
    return PL_ERR_NOT_FOUND;
}

int pl_scenario_find_option(const pl_scenario *s, size_t issue, const char *id,
                            size_t *index_out)
{
    if (s == NULL || id == NULL || issue >= s->n_issues)
        return PL_ERR_NOT_FOUND;
    const pl_issue *is = &s->issues[issue];
    for (size_t k = 0; k < is->n_options; k++)
        if (strcmp(is->options[k].id, id) == 0) {
            if (index_out)
                *index_out = k;
            return PL_OK;
        }
    return PL_ERR_NOT_FOUND;
}

double pl_scenario_capability_on(const pl_scenario *s, size_t actor, size_t issue)
{
    const pl_stance *stance = pl_scenario_stance_const(s, actor, issue);
    return stance->has_capability ? stance->capability : s->actors[actor].capability;
}
