/*
 * sensitivity_inputs.c - the factors, design and output of `parley
 * sensitivity` (sensitivity_inputs.h; docs/sensitivity.md).
 *
 * An uncertainty group's inputs are the ones Monte Carlo draws
 * (docs/simulation.md, "Monte Carlo"): a position or salience draw on every
 * issue ("*") is one input per issue the actor has a stance on (positions:
 * continuous issues only), a red-line draw one input per continuous red line
 * of the actor, moving both bounds. Each input's deviation comes from a design
 * uniform u through its distribution's inverse CDF (uniform: spread (2u - 1);
 * triangular: as Monte Carlo; normal: spread Phi^-1(u)), and is added with
 * Monte Carlo's clamping. A group is one factor: its inputs move together
 * between the A and B rows (Saltelli et al. 2008, section 1.2.15, groups).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "cli.h"
#include "sensitivity_inputs.h"

static int parse_actor_issue(sens_problem *p, const char *rest, int proposal)
{
    const char *colon = strchr(rest, ':');
    char first[256];
    if (colon == NULL || (size_t)(colon - rest) >= sizeof first)
        return -1;
    memcpy(first, rest, (size_t)(colon - rest));
    first[colon - rest] = '\0';
    if (proposal)
        return pl_scenario_find_actor(p->base, first, &p->actor) == PL_OK &&
                       pl_scenario_find_proposal(p->base, colon + 1, &p->proposal) == PL_OK
                   ? 0
                   : -1;
    return pl_model_from_name(first, &p->model) == PL_OK &&
                   pl_scenario_find_issue(p->base, colon + 1, &p->issue) == PL_OK
               ? 0
               : -1;
}

int sens_parse_output(sens_problem *p, const char *q)
{
    int bad = 0;
    if (q == NULL)
        return cli_usage_error("sensitivity", "give --output Q (forecast:MODEL:ISSUE, margin, "
                                              "settlement or utility:ACTOR:PROPOSAL)");
    if (strncmp(q, "forecast:", 9) == 0) {
        p->kind = SENS_FORECAST;
        bad = parse_actor_issue(p, q + 9, 0);
    } else if (strncmp(q, "utility:", 8) == 0) {
        p->kind = SENS_UTILITY;
        bad = parse_actor_issue(p, q + 8, 1);
    } else if (strcmp(q, "margin") == 0) {
        p->kind = SENS_MARGIN;
    } else if (strcmp(q, "settlement") == 0) {
        p->kind = SENS_SETTLEMENT;
    } else {
        bad = 1;
    }
    if (bad)
        return cli_usage_error("sensitivity", "--output %s: not forecast:MODEL:ISSUE, margin, "
                                              "settlement or utility:ACTOR:PROPOSAL of this "
                                              "scenario", q);
    return EXIT_OK;
}

static int push_input(sens_problem *p, size_t *capacity, sens_input x)
{
    if (p->n_inputs == *capacity) {
        size_t bigger = *capacity ? 2 * *capacity : 16;
        sens_input *grown = realloc(p->inputs, bigger * sizeof *grown);
        if (grown == NULL)
            return -1;
        p->inputs = grown;
        *capacity = bigger;
    }
    p->inputs[p->n_inputs++] = x;
    return 0;
}

/* A draw's inputs (file comment); `factor` is the group's place among the factors. */
static int expand(sens_problem *p, size_t *capacity, size_t factor, const pl_draw *d)
{
    const pl_scenario *s = p->base;
    sens_input x = {factor, d->actor, d->issue, 0, d->quantity, d->distribution, d->spread};
    int rc = 0;
    if (d->quantity == PL_QUANTITY_RED_LINE) {
        for (size_t r = 0; rc == 0 && r < s->n_red_lines; r++) {
            const pl_red_line *l = &s->red_lines[r];
            if (l->actor == d->actor && (d->issue == PL_ALL_ISSUES || d->issue == l->issue) &&
                s->issues[l->issue].kind == PL_ISSUE_CONTINUOUS) {
                x.issue = l->issue;
                x.red_line = r;
                rc = push_input(p, capacity, x);
            }
        }
        return rc;
    }
    if (d->quantity != PL_QUANTITY_POSITION && d->quantity != PL_QUANTITY_SALIENCE)
        return push_input(p, capacity, x);
    for (size_t i = 0; rc == 0 && i < s->n_issues; i++) {
        const pl_stance *st = &s->stances[d->actor * s->n_issues + i];
        if ((d->issue == PL_ALL_ISSUES || d->issue == i) && st->present &&
            (d->quantity == PL_QUANTITY_SALIENCE || s->issues[i].kind == PL_ISSUE_CONTINUOUS)) {
            x.issue = i;
            rc = push_input(p, capacity, x);
        }
    }
    return rc;
}

int sens_group_factors(sens_problem *p)
{
    int rc = sens_collect_groups(p);
    if (rc == EXIT_OK && p->n_factors == 0)
        return cli_usage_error("sensitivity", "the scenario has no uncertainty group that draws "
                                              "anything; give --vary PATH=FROM:TO ranges");
    return rc;
}

int sens_collect_groups(sens_problem *p)
{
    const pl_scenario *s = p->base;
    size_t capacity = 0;
    p->factor_names = calloc(s->n_uncertainties + 1, sizeof *p->factor_names);
    if (p->factor_names == NULL)
        return EXIT_INTERNAL;
    for (size_t g = 0; g < s->n_uncertainties; g++) {
        size_t before = p->n_inputs;
        for (size_t k = 0; k < s->uncertainties[g].n_draws; k++)
            if (expand(p, &capacity, p->n_factors, &s->uncertainties[g].draws[k]) != 0)
                return EXIT_INTERNAL;
        if (p->n_inputs > before) /* a group that draws nothing here is no factor */
            p->factor_names[p->n_factors++] = s->uncertainties[g].id;
    }
    return EXIT_OK;
}

int sens_design(sens_problem *p)
{
    size_t d = p->n_inputs;
    p->a = malloc(p->n * d * sizeof *p->a);
    p->b = malloc(p->n * d * sizeof *p->b);
    if (p->a == NULL || p->b == NULL)
        return EXIT_INTERNAL;
    if (2 * d <= SWEEP_SOBOL_MAX_DIMENSIONS) {
        double *joint = malloc(p->n * 2 * d * sizeof *joint);
        if (joint == NULL || sweep_sobol_points(2 * d, p->n, p->seed, joint) != 0) {
            free(joint);
            return EXIT_INTERNAL;
        }
        for (size_t j = 0; j < p->n; j++) {
            memcpy(p->a + j * d, joint + j * 2 * d, d * sizeof *p->a);
            memcpy(p->b + j * d, joint + j * 2 * d + d, d * sizeof *p->b);
        }
        free(joint);
        return EXIT_OK;
    }
    for (size_t j = 0; j < p->n; j++)
        for (size_t c = 0; c < d; c++) {
            p->a[j * d + c] = sweep_uniform(p->seed, j, 2 * c);
            p->b[j * d + c] = sweep_uniform(p->seed, j, 2 * c + 1);
        }
    return EXIT_OK;
}

static double clamp(double x, double low, double high)
{
    return x < low ? low : x > high ? high : x;
}

static double deviation(const sens_input *x, double u)
{
    switch (x->distribution) {
    case PL_DISTRIBUTION_NORMAL:
        return x->spread * gsl_cdf_ugaussian_Pinv(clamp(u, 1e-12, 1 - 1e-12));
    case PL_DISTRIBUTION_TRIANGULAR: /* as pl_montecarlo_deviation */
        return u < 0.5 ? x->spread * (sqrt(2.0 * u) - 1.0)
                       : x->spread * (1.0 - sqrt(2.0 * (1.0 - u)));
    default:
        return x->spread * (2.0 * u - 1.0);
    }
}

/* Add e to one input of `s`, clamped as Monte Carlo clamps (montecarlo_inputs.c). */
static void add_deviation(pl_scenario *s, const sens_input *x, double e)
{
    pl_stance *st = &s->stances[x->actor * s->n_issues + (x->issue == PL_ALL_ISSUES ? 0 : x->issue)];
    const pl_issue *is = &s->issues[x->issue == PL_ALL_ISSUES ? 0 : x->issue];
    switch (x->quantity) {
    case PL_QUANTITY_CAPABILITY:
        s->actors[x->actor].capability = fmax(1e-9, s->actors[x->actor].capability + e);
        break;
    case PL_QUANTITY_RESERVATION:
        s->actors[x->actor].reservation = clamp(s->actors[x->actor].reservation + e, 0, 1);
        break;
    case PL_QUANTITY_SALIENCE: st->salience = clamp(st->salience + e, 0, 1); break;
    case PL_QUANTITY_POSITION: st->position = clamp(st->position + e, is->low, is->high); break;
    default: {
        pl_red_line *l = &s->red_lines[x->red_line];
        l->low = clamp(l->low + e, is->low, is->high);
        l->high = clamp(l->high + e, is->low, is->high);
    }
    }
}

static double quantity(const sens_problem *p, const pl_scenario *s, int *failed)
{
    pl_diag diag = {0};
    double q = NAN;
    if (p->kind == SENS_FORECAST) {
        double *forecast = calloc(s->n_issues, sizeof *forecast);
        *failed |= forecast == NULL;
        if (forecast && pl_predict(s, p->model, forecast, &diag) == PL_OK)
            q = forecast[p->issue];
        free(forecast);
    } else if (p->kind == SENS_UTILITY) {
        q = pl_package_utility(s, p->actor, s->proposals[p->proposal].values);
    } else if (p->kind == SENS_MARGIN) {
        pl_agreement_options ao = PL_AGREEMENT_OPTIONS_INIT;
        ao.max_set = 0;
        ao.solutions = 0;
        ao.searches = 0;
        pl_agreement *a = NULL;
        if (pl_agreement_compute(s, &ao, &a, &diag) == PL_OK)
            q = a->margin;
        pl_agreement_free(a);
    } else {
        /* The groups are the factors: Monte Carlo draws none of them again. */
        unsigned char *none = calloc(s->n_uncertainties + 1, 1);
        pl_montecarlo_options mo = PL_MONTECARLO_OPTIONS_INIT;
        mo.runs = p->runs;
        mo.seed = p->seed;
        mo.use_uncertainty = none;
        pl_montecarlo *r = NULL;
        *failed |= none == NULL;
        if (none && pl_montecarlo_run(s, &mo, NULL, &r, &diag) == PL_OK)
            q = r->agreement_rate;
        pl_montecarlo_free(r);
        free(none);
    }
    return q;
}

double sens_evaluate(const sens_problem *p, size_t id, int *failed)
{
    size_t k = p->n_factors, j = id / (k + 2), c = id % (k + 2), d = p->n_inputs;
    const double *a = p->a + j * d, *b = p->b + j * d;
    pl_scenario *s = NULL;
    if (pl_scenario_copy(p->base, &s) != PL_OK) {
        *failed = 1;
        return NAN;
    }
    int rc = PL_OK;
    pl_diag diag = {0};
    for (size_t col = 0; rc == PL_OK && col < d; col++) {
        size_t factor = p->vary ? col : p->inputs[col].factor;
        double u = c == 1 || (c >= 2 && factor == c - 2) ? b[col] : a[col];
        if (p->vary)
            rc = sweep_apply(s, &p->vary[col], p->vary[col].from +
                                                   u * (p->vary[col].to - p->vary[col].from), &diag);
        else
            add_deviation(s, &p->inputs[col], deviation(&p->inputs[col], u));
    }
    double q = rc == PL_OK && pl_scenario_validate(s, &diag) == PL_OK ? quantity(p, s, failed) : NAN;
    pl_scenario_free(s);
    return q;
}

void sens_problem_free(sens_problem *p)
{
    if (p->vary != NULL)
        for (size_t f = 0; f < p->n_factors; f++)
            free((char *)p->factor_names[f]);
    free(p->factor_names);
    free(p->vary);
    free(p->inputs);
    free(p->a);
    free(p->b);
    memset(p, 0, sizeof *p);
}
