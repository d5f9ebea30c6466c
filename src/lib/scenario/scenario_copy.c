/* scenario_copy.c - deep copy of a scenario (for what-ifs and Monte Carlo draws). */
#include <string.h>

#include "core/internal.h"

/* Copy `count` elements of `size` bytes; NULL source or zero count gives NULL. */
static int copy_block(void **out, const void *source, size_t count, size_t size)
{
    *out = NULL;
    if (source == NULL || count == 0)
        return PL_OK;
    *out = pli_malloc(count * size);
    if (*out == NULL)
        return PL_ERR_NOMEM;
    memcpy(*out, source, count * size);
    return PL_OK;
}

static int copy_string(char **out, const char *source)
{
    *out = pli_strdup(source);
    return (source != NULL && *out == NULL) ? PL_ERR_NOMEM : PL_OK;
}

static int copy_strings(char ***out, char *const *source, size_t count)
{
    *out = NULL;
    if (count == 0)
        return PL_OK;
    if ((*out = pli_calloc(count, sizeof **out)) == NULL)
        return PL_ERR_NOMEM;
    for (size_t k = 0; k < count; k++)
        if (copy_string(&(*out)[k], source[k]) != PL_OK)
            return PL_ERR_NOMEM;
    return PL_OK;
}

static int copy_issue(pl_issue *to, const pl_issue *from)
{
    *to = *from;
    to->id = to->name = to->description = to->low_label = to->high_label = NULL;
    to->scale_points = NULL;
    to->options = NULL;
    /* Counts follow their arrays, so that a half-made copy frees cleanly. */
    to->n_scale_points = to->n_options = 0;
    if (copy_string(&to->id, from->id) || copy_string(&to->name, from->name) ||
        copy_string(&to->description, from->description) ||
        copy_string(&to->low_label, from->low_label) ||
        copy_string(&to->high_label, from->high_label))
        return PL_ERR_NOMEM;
    if (from->n_scale_points) {
        to->scale_points = pli_calloc(from->n_scale_points, sizeof *to->scale_points);
        if (to->scale_points == NULL)
            return PL_ERR_NOMEM;
        to->n_scale_points = from->n_scale_points;
        for (size_t k = 0; k < from->n_scale_points; k++) {
            to->scale_points[k].value = from->scale_points[k].value;
            if (copy_string(&to->scale_points[k].label, from->scale_points[k].label))
                return PL_ERR_NOMEM;
        }
    }
    if (from->n_options) {
        to->options = pli_calloc(from->n_options, sizeof *to->options);
        if (to->options == NULL)
            return PL_ERR_NOMEM;
        to->n_options = from->n_options;
        for (size_t k = 0; k < from->n_options; k++) {
            to->options[k] = from->options[k];
            to->options[k].id = to->options[k].label = NULL;
            if (copy_string(&to->options[k].id, from->options[k].id) ||
                copy_string(&to->options[k].label, from->options[k].label))
                return PL_ERR_NOMEM;
        }
    }
    return PL_OK;
}

/*
 * Every array is allocated with its final size and zeroed before it is
 * filled, and its count is set at once, so that pl_scenario_free() can clean
 * up a half-made copy whatever allocation fails.
 */
static int copy_contents(pl_scenario *to, const pl_scenario *from)
{
    if (copy_string(&to->id, from->id) || copy_string(&to->name, from->name) ||
        copy_string(&to->format, from->format) ||
        copy_string(&to->provenance.description, from->provenance.description) ||
        copy_string(&to->provenance.date, from->provenance.date))
        return PL_ERR_NOMEM;
    to->provenance.judgements = from->provenance.judgements;
    to->provenance.n_sources = from->provenance.n_sources;
    if (copy_strings(&to->provenance.sources, from->provenance.sources, from->provenance.n_sources))
        return PL_ERR_NOMEM;
    to->provenance.n_caveats = from->provenance.n_caveats;
    if (copy_strings(&to->provenance.caveats, from->provenance.caveats, from->provenance.n_caveats))
        return PL_ERR_NOMEM;
    to->decision_rule = from->decision_rule;
    to->horizon = from->horizon;
    to->utility_form = from->utility_form;
    to->acceptable_threshold = from->acceptable_threshold;
    to->critical_threshold = from->critical_threshold;

    if (from->n_actors && (to->actors = pli_calloc(from->n_actors, sizeof *to->actors)) == NULL)
        return PL_ERR_NOMEM;
    to->n_actors = from->n_actors;
    for (size_t a = 0; a < from->n_actors; a++) {
        to->actors[a] = from->actors[a];
        to->actors[a].id = to->actors[a].name = to->actors[a].description = NULL;
        if (copy_string(&to->actors[a].id, from->actors[a].id) ||
            copy_string(&to->actors[a].name, from->actors[a].name) ||
            copy_string(&to->actors[a].description, from->actors[a].description))
            return PL_ERR_NOMEM;
    }
    if (from->n_issues && (to->issues = pli_calloc(from->n_issues, sizeof *to->issues)) == NULL)
        return PL_ERR_NOMEM;
    to->n_issues = from->n_issues;
    for (size_t i = 0; i < from->n_issues; i++)
        if (copy_issue(&to->issues[i], &from->issues[i]) != PL_OK)
            return PL_ERR_NOMEM;

    size_t n_stances = from->n_actors * from->n_issues;
    if (n_stances) {
        if ((to->stances = pli_calloc(n_stances, sizeof *to->stances)) == NULL)
            return PL_ERR_NOMEM;
        for (size_t k = 0; k < n_stances; k++) {
            to->stances[k] = from->stances[k];
            to->stances[k].option_values = NULL;
            size_t issue = k % from->n_issues;
            if (copy_block((void **)&to->stances[k].option_values, from->stances[k].option_values,
                           from->issues[issue].n_options, sizeof(double)))
                return PL_ERR_NOMEM;
        }
    }
    if (from->n_red_lines &&
        (to->red_lines = pli_calloc(from->n_red_lines, sizeof *to->red_lines)) == NULL)
        return PL_ERR_NOMEM;
    to->n_red_lines = from->n_red_lines;
    for (size_t r = 0; r < from->n_red_lines; r++) {
        const pl_red_line *line = &from->red_lines[r];
        to->red_lines[r] = *line;
        to->red_lines[r].allowed = NULL;
        to->red_lines[r].note = NULL;
        if (copy_block((void **)&to->red_lines[r].allowed, line->allowed,
                       from->issues[line->issue].n_options, 1) ||
            copy_string(&to->red_lines[r].note, line->note))
            return PL_ERR_NOMEM;
    }
    if (from->n_proposals &&
        (to->proposals = pli_calloc(from->n_proposals, sizeof *to->proposals)) == NULL)
        return PL_ERR_NOMEM;
    to->n_proposals = from->n_proposals;
    for (size_t p = 0; p < from->n_proposals; p++) {
        const pl_proposal *proposal = &from->proposals[p];
        if (copy_string(&to->proposals[p].id, proposal->id) ||
            copy_string(&to->proposals[p].name, proposal->name) ||
            copy_string(&to->proposals[p].description, proposal->description) ||
            copy_string(&to->proposals[p].date, proposal->date) ||
            copy_block((void **)&to->proposals[p].values, proposal->values, from->n_issues,
                       sizeof(double)))
            return PL_ERR_NOMEM;
    }
    if (from->n_uncertainties &&
        (to->uncertainties = pli_calloc(from->n_uncertainties, sizeof *to->uncertainties)) == NULL)
        return PL_ERR_NOMEM;
    to->n_uncertainties = from->n_uncertainties;
    for (size_t u = 0; u < from->n_uncertainties; u++) {
        const pl_uncertainty *group = &from->uncertainties[u];
        to->uncertainties[u].n_draws = group->n_draws;
        if (copy_string(&to->uncertainties[u].id, group->id) ||
            copy_string(&to->uncertainties[u].name, group->name) ||
            copy_string(&to->uncertainties[u].description, group->description) ||
            copy_block((void **)&to->uncertainties[u].draws, group->draws, group->n_draws,
                       sizeof *group->draws))
            return PL_ERR_NOMEM;
    }
    if (from->n_shocks && (to->shocks = pli_calloc(from->n_shocks, sizeof *to->shocks)) == NULL)
        return PL_ERR_NOMEM;
    to->n_shocks = from->n_shocks;
    for (size_t k = 0; k < from->n_shocks; k++) {
        const pl_shock *shock = &from->shocks[k];
        to->shocks[k] = *shock;
        to->shocks[k].id = to->shocks[k].name = to->shocks[k].description = NULL;
        to->shocks[k].changes = NULL;
        if (copy_string(&to->shocks[k].id, shock->id) ||
            copy_string(&to->shocks[k].name, shock->name) ||
            copy_string(&to->shocks[k].description, shock->description) ||
            copy_block((void **)&to->shocks[k].changes, shock->changes, shock->n_changes,
                       sizeof *shock->changes))
            return PL_ERR_NOMEM;
    }
    if (copy_string(&to->ktab.seed, from->ktab.seed))
        return PL_ERR_NOMEM;
    for (size_t k = 0; k < PL_KTAB_PARAMETER_COUNT; k++)
        if (copy_string(&to->ktab.parameters[k], from->ktab.parameters[k]))
            return PL_ERR_NOMEM;
    to->ktab.n_adjustments = from->ktab.n_adjustments;
    return copy_block((void **)&to->ktab.adjustments, from->ktab.adjustments,
                      from->ktab.n_adjustments, sizeof *from->ktab.adjustments);
}

int pl_scenario_copy(const pl_scenario *scenario, pl_scenario **out)
{
    if (scenario == NULL || out == NULL)
        return PL_ERR_ARGUMENT;
    pl_scenario *copy = pli_calloc(1, sizeof *copy);
    if (copy == NULL)
        return PL_ERR_NOMEM;
    int rc = copy_contents(copy, scenario);
    if (rc != PL_OK) {
        pl_scenario_free(copy);
        return rc;
    }
    *out = copy;
    return PL_OK;
}

/* ---- restriction to some actors and issues ---- */

/* Issue `is` appended to `t` with its id, name, range and options (ids, places, order). */
static int restrict_issue(pl_scenario *t, const pl_issue *is)
{
    size_t index = 0;
    if (is->kind == PL_ISSUE_CONTINUOUS)
        return pl_scenario_add_continuous_issue(t, is->id, is->name, is->low, is->high, &index);
    const char **ids = pli_calloc(is->n_options + 1, sizeof *ids);
    if (ids == NULL)
        return PL_ERR_NOMEM;
    for (size_t k = 0; k < is->n_options; k++)
        ids[k] = is->options[k].id;
    int rc = pl_scenario_add_options_issue(t, is->id, is->name, is->n_options, ids, &index);
    pli_free(ids);
    if (rc != PL_OK)
        return rc;
    pl_issue *copy = &t->issues[index];
    copy->low = is->low;
    copy->high = is->high;
    copy->ordered = is->ordered;
    for (size_t k = 0; k < is->n_options; k++) {
        copy->options[k].has_position = is->options[k].has_position;
        copy->options[k].position = is->options[k].position;
    }
    return PL_OK;
}

/* Actor actors[to] of `s` appended to `t` with its stances and red lines on the kept issues. */
static int restrict_actor(pl_scenario *t, const pl_scenario *s, size_t a, size_t to,
                          const size_t *issues, size_t n_issues)
{
    const pl_actor *actor = &s->actors[a];
    int rc = pl_scenario_add_actor(t, actor->id, actor->name, actor->capability, NULL);
    if (rc != PL_OK)
        return rc;
    t->actors[to].reservation = actor->reservation;
    t->actors[to].veto = actor->veto;
    for (size_t j = 0; rc == PL_OK && j < n_issues; j++) {
        const pl_stance *st = pl_scenario_stance_const(s, a, issues[j]);
        if (!st->present)
            continue;
        rc = s->issues[issues[j]].kind == PL_ISSUE_CONTINUOUS
                 ? pl_scenario_set_position(t, to, j, st->position, st->salience)
                 : pl_scenario_set_option_values(t, to, j, st->option_values, st->salience);
        pl_stance *copy = pl_scenario_stance(t, to, j);
        copy->has_capability = st->has_capability;
        copy->capability = st->capability;
    }
    for (size_t j = 0; rc == PL_OK && j < n_issues; j++)
        for (size_t r = 0; rc == PL_OK && r < s->n_red_lines; r++) {
            const pl_red_line *line = &s->red_lines[r];
            if (line->actor != a || line->issue != issues[j])
                continue;
            rc = line->allowed != NULL
                     ? pl_scenario_add_red_line_options(t, to, j, line->allowed, NULL)
                     : pl_scenario_add_red_line(t, to, j, line->low, line->high, NULL);
        }
    return rc;
}

/* The i-th kept index: list[i], or i itself when the list is NULL (keep all). */
static size_t kept(const size_t *list, size_t i)
{
    return list != NULL ? list[i] : i;
}

/* Copy the kept indexes into `*out` (pli_free it); each must be below `limit` and kept once. */
static int kept_indexes(const size_t *list, size_t *n, size_t limit, size_t **out)
{
    if (list == NULL)
        *n = limit;
    *out = pli_malloc((*n + 1) * sizeof **out);
    unsigned char *seen = pli_calloc(limit + 1, 1);
    int rc = *out != NULL && seen != NULL ? PL_OK : PL_ERR_NOMEM;
    for (size_t k = 0; rc == PL_OK && k < *n; k++) {
        size_t x = (*out)[k] = kept(list, k);
        if (x >= limit || seen[x])
            rc = PL_ERR_ARGUMENT;
        else
            seen[x] = 1;
    }
    pli_free(seen);
    return rc;
}

int pl_scenario_restrict(const pl_scenario *scenario, const size_t *actors, size_t n_actors,
                         const size_t *issues, size_t n_issues, pl_scenario **out)
{
    if (scenario == NULL || out == NULL)
        return PL_ERR_ARGUMENT;
    *out = NULL;
    size_t *a = NULL, *i = NULL;
    pl_scenario *t = NULL;
    int rc = kept_indexes(actors, &n_actors, scenario->n_actors, &a);
    if (rc == PL_OK)
        rc = kept_indexes(issues, &n_issues, scenario->n_issues, &i);
    if (rc == PL_OK)
        rc = pl_scenario_new(&t);
    for (size_t j = 0; rc == PL_OK && j < n_issues; j++)
        rc = restrict_issue(t, &scenario->issues[i[j]]);
    for (size_t k = 0; rc == PL_OK && k < n_actors; k++)
        rc = restrict_actor(t, scenario, a[k], k, i, n_issues);
    pli_free(a);
    pli_free(i);
    if (rc != PL_OK) {
        pl_scenario_free(t);
        return rc;
    }
    t->decision_rule = scenario->decision_rule;
    t->utility_form = scenario->utility_form;
    t->acceptable_threshold = scenario->acceptable_threshold;
    t->critical_threshold = scenario->critical_threshold;
    *out = t;
    return PL_OK;
}
