/*
 * utility.c - how much an actor values an outcome (docs/design.md, "The scenario").
 *
 * On a continuous issue the utility falls with distance from the actor's
 * ideal point, linearly by default: u = 1 - |x - p| / range. On an options
 * issue it is the actor's own value of the option. A package's utility is the
 * salience-weighted sum over the actor's issues, saliences normalised to sum 1.
 */
#include <math.h>

#include "core/internal.h"

double pl_item_utility(const pl_scenario *s, size_t actor, size_t issue, double value)
{
    const pl_stance *stance = pl_scenario_stance_const(s, actor, issue);
    const pl_issue *is = &s->issues[issue];
    if (!stance->present)
        return NAN;
    if (is->kind == PL_ISSUE_OPTIONS) {
        if (!(value >= 0 && value < (double)is->n_options))
            return NAN;
        return stance->option_values[(size_t)value];
    }
    double distance = fabs(value - stance->position) / (is->high - is->low);
    if (s->utility_form == PL_UTILITY_QUADRATIC)
        return 1.0 - distance * distance;
    return 1.0 - distance;
}

double pl_package_utility(const pl_scenario *s, size_t actor, const double *package)
{
    double weighted = 0.0, total_salience = 0.0;
    for (size_t i = 0; i < s->n_issues; i++) {
        const pl_stance *stance = pl_scenario_stance_const(s, actor, i);
        if (!stance->present || stance->salience <= 0)
            continue;
        weighted += stance->salience * pl_item_utility(s, actor, i, package[i]);
        total_salience += stance->salience;
    }
    /* An actor that cares about nothing here loses nothing whatever is agreed. */
    return total_salience > 0 ? weighted / total_salience : 1.0;
}

int pl_red_line_allows(const pl_scenario *s, const pl_red_line *line, double value)
{
    const pl_issue *is = &s->issues[line->issue];
    if (is->kind == PL_ISSUE_OPTIONS)
        return value >= 0 && value < (double)is->n_options && line->allowed[(size_t)value];
    return value >= line->low && value <= line->high;
}
