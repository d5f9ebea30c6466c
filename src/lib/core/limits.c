/*
 * limits.c - the input limits (parley/limits.h) and the check every reader
 * makes through pl_scenario_validate().
 */
#include "core/internal.h"
#include "parley/limits.h"

static const pl_limits default_limits = {
    PL_LIMIT_DEFAULT_INPUT_BYTES, PL_LIMIT_DEFAULT_ACTORS, PL_LIMIT_DEFAULT_ISSUES,
    PL_LIMIT_DEFAULT_OPTIONS,     PL_LIMIT_DEFAULT_STANCES, PL_LIMIT_DEFAULT_ROUNDS,
    PL_LIMIT_DEFAULT_RUNS,        PL_LIMIT_DEFAULT_DEPTH,
};

/*
 * Process-wide configuration, set before any other call (parley/limits.h),
 * like the allocator hook; read without a lock.
 */
static pl_limits current_limits = {
    PL_LIMIT_DEFAULT_INPUT_BYTES, PL_LIMIT_DEFAULT_ACTORS, PL_LIMIT_DEFAULT_ISSUES,
    PL_LIMIT_DEFAULT_OPTIONS,     PL_LIMIT_DEFAULT_STANCES, PL_LIMIT_DEFAULT_ROUNDS,
    PL_LIMIT_DEFAULT_RUNS,        PL_LIMIT_DEFAULT_DEPTH,
};

void pl_limits_default(pl_limits *limits)
{
    if (limits != NULL)
        *limits = default_limits;
}

const pl_limits *pl_limits_get(void)
{
    return &current_limits;
}

static int within(size_t value, size_t ceiling)
{
    return value > 0 && value <= ceiling;
}

int pl_limits_set(const pl_limits *limits)
{
    if (limits == NULL) {
        current_limits = default_limits;
        return PL_OK;
    }
    const pl_limits *d = &default_limits;
    if (!within(limits->max_input_bytes, d->max_input_bytes) ||
        !within(limits->max_actors, d->max_actors) ||
        !within(limits->max_issues, d->max_issues) ||
        !within(limits->max_options, d->max_options) ||
        !within(limits->max_stances, d->max_stances) ||
        !within(limits->max_rounds, d->max_rounds) || !within(limits->max_runs, d->max_runs) ||
        !within(limits->max_depth, d->max_depth))
        return PL_ERR_ARGUMENT;
    current_limits = *limits;
    return PL_OK;
}

int pl_limits_check(const pl_scenario *s, pl_diag *diag)
{
    const pl_limits *l = &current_limits;
    if (s == NULL)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no scenario");
    if (s->n_actors > l->max_actors)
        return pl_diag_set(diag, PL_ERR_LIMIT, 0, 0,
                           "actors: %zu actors exceed parley's limit of %zu", s->n_actors,
                           l->max_actors);
    if (s->n_issues > l->max_issues)
        return pl_diag_set(diag, PL_ERR_LIMIT, 0, 0,
                           "issues: %zu issues exceed parley's limit of %zu", s->n_issues,
                           l->max_issues);
    if (s->n_issues > 0 && s->n_actors > l->max_stances / s->n_issues)
        return pl_diag_set(diag, PL_ERR_LIMIT, 0, 0,
                           "%zu actors x %zu issues exceed parley's limit of %zu stances",
                           s->n_actors, s->n_issues, l->max_stances);
    for (size_t i = 0; i < s->n_issues; i++)
        if (s->issues[i].n_options > l->max_options)
            return pl_diag_set(diag, PL_ERR_LIMIT, 0, 0,
                               "issues[%zu].options: %zu options exceed parley's limit of %zu",
                               i, s->issues[i].n_options, l->max_options);
    return PL_OK;
}
