/*
 * backtest.c - scoring the models' forecasts against observed outcomes
 * (include/parley/backtest.h, docs/backtest.md).
 *
 * Random numbers: Philox4x32-10 from Random123 (Salmon, Moraes, Dror and Shaw
 * 2011, "Parallel random numbers: as easy as 1, 2, 3"), a counter-based
 * generator: the k-th block of replicate b is philox(key = seed, counter =
 * (b, k)), so that no state is carried between replicates and the same seed
 * gives the same numbers on any machine.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <Random123/philox.h>

#include "core/internal.h"
#include "parley/backtest.h"

static const double within_points[PL_BACKTEST_WITHIN_COUNT] = {5, 10, 20};

#define N_BASELINES 2

double pl_backtest_within(size_t k)
{
    return k < PL_BACKTEST_WITHIN_COUNT ? within_points[k] : 0;
}

/* ---- errors ---------------------------------------------------------------------------- */

static int is_option(const pl_issue *issue, double x)
{
    return x >= 0 && x < (double)issue->n_options && x == floor(x);
}

static int all_options_placed(const pl_issue *issue)
{
    for (size_t k = 0; k < issue->n_options; k++)
        if (!issue->options[k].has_position)
            return 0;
    return 1;
}

double pl_backtest_error(const pl_issue *issue, double forecast, double outcome)
{
    double scale = 100 / (issue->high - issue->low);
    if (!isfinite(forecast) || !isfinite(outcome))
        return NAN;
    if (issue->kind == PL_ISSUE_CONTINUOUS)
        return fabs(forecast - outcome) * scale;
    if (!is_option(issue, forecast) || !is_option(issue, outcome))
        return NAN;
    if (!all_options_placed(issue))
        return forecast == outcome ? 0 : 100;
    double x = issue->options[(size_t)forecast].position;
    double y = issue->options[(size_t)outcome].position;
    return fabs(x - y) * scale;
}

/* ---- the bootstrap --------------------------------------------------------------------- */

/* A stream of 32-bit words: the blocks philox(key, (replicate, block number)). */
typedef struct philox_stream {
    philox4x32_key_t key;
    philox4x32_ctr_t counter;
    philox4x32_ctr_t block;
    unsigned used;
} philox_stream;

static void stream_start(philox_stream *s, uint64_t seed, uint64_t replicate)
{
    s->key.v[0] = (uint32_t)seed;
    s->key.v[1] = (uint32_t)(seed >> 32);
    s->counter.v[0] = (uint32_t)replicate;
    s->counter.v[1] = (uint32_t)(replicate >> 32);
    s->counter.v[2] = 0;
    s->counter.v[3] = 0;
    s->used = 4;
}

static uint32_t stream_next(philox_stream *s)
{
    if (s->used == 4) {
        s->block = philox4x32(s->counter, s->key);
        if (++s->counter.v[2] == 0)
            s->counter.v[3]++;
        s->used = 0;
    }
    return s->block.v[s->used++];
}

/* A uniform index in [0, n), n < 2^32, without bias (Lemire 2019, multiply and reject). */
static size_t uniform_index(philox_stream *s, uint32_t n)
{
    uint64_t m = (uint64_t)stream_next(s) * n;
    uint32_t low = (uint32_t)m;
    if (low < n) {
        uint32_t threshold = (uint32_t)(0u - n) % n;
        while (low < threshold) {
            m = (uint64_t)stream_next(s) * n;
            low = (uint32_t)m;
        }
    }
    return (size_t)(m >> 32);
}

int pl_backtest_bootstrap(const double *differences, size_t n, size_t replicates, uint64_t seed,
                          double *low, double *high)
{
    if (differences == NULL || n == 0 || replicates == 0 || n > UINT32_MAX - 1u || low == NULL ||
        high == NULL)
        return PL_ERR_ARGUMENT;
    double *means = pli_malloc(replicates * sizeof *means);
    if (means == NULL)
        return PL_ERR_NOMEM;
    for (size_t b = 0; b < replicates; b++) {
        philox_stream stream;
        stream_start(&stream, seed, b);
        double sum = 0;
        for (size_t j = 0; j < n; j++)
            sum += differences[uniform_index(&stream, (uint32_t)n)];
        means[b] = sum / (double)n;
    }
    qsort(means, replicates, sizeof *means, pli_compare_doubles);
    *low = pli_quantile_sorted(means, replicates, 0.025);
    *high = pli_quantile_sorted(means, replicates, 0.975);
    pli_free(means);
    return PL_OK;
}

/* ---- forecasting one issue alone ------------------------------------------------------- */

/*
 * A scenario of issue `i` alone with the actors that have a stance on it;
 * `*out` stays NULL when no actor has one.
 */
static int one_issue_scenario(const pl_scenario *s, size_t i, pl_scenario **out)
{
    *out = NULL;
    size_t *actors = pli_malloc((s->n_actors + 1) * sizeof *actors), n = 0;
    if (actors == NULL)
        return PL_ERR_NOMEM;
    for (size_t a = 0; a < s->n_actors; a++)
        if (pl_scenario_stance_const(s, a, i)->present)
            actors[n++] = a;
    int rc = n > 0 ? pl_scenario_restrict(s, actors, n, &i, 1, out) : PL_OK;
    pli_free(actors);
    return rc;
}

/* ---- running the methods --------------------------------------------------------------- */

/*
 * Run model `m` on `s` into `forecast` (n_issues); NaN on the issues it does
 * not handle, everywhere when it fails on the scenario (`why` then says why:
 * its message is empty otherwise). Only PL_ERR_NOMEM is returned as a failure.
 */
static int run_model(const pl_scenario *s, pl_model m, double *forecast, pl_diag *why)
{
    pl_diag_clear(why);
    int rc = pl_predict(s, m, forecast, why);
    if (rc == PL_ERR_NOMEM)
        return rc;
    if (rc == PL_OK)
        why->message[0] = '\0';
    else if (why->message[0] == '\0')
        pl_diag_set(why, rc, 0, 0, "%s", pl_strerror(rc));
    for (size_t i = 0; i < s->n_issues; i++)
        if (rc != PL_OK || !isfinite(forecast[i]))
            forecast[i] = NAN;
    return PL_OK;
}

/* Keep `text` as the reason why entry (k, m) has no forecast or no error. */
static int set_reason(pl_backtest *b, size_t k, size_t m, const char *text)
{
    char **slot = &b->reasons[k * b->n_methods + m];
    pli_free(*slot);
    *slot = pli_strdup(text);
    return *slot ? PL_OK : PL_ERR_NOMEM;
}

/*
 * Why model `m` gave no forecast on issue `i` of `s` (the scenario it ran on):
 * its reason for leaving out the issue, else its failure on the whole scenario.
 */
static const char *model_reason(const pl_scenario *s, pl_model m, size_t i, const pl_diag *why)
{
    const char *reason = pl_model_skip_reason(s, m, 0, i);
    if (reason != NULL)
        return reason;
    return why->message[0] != '\0' ? why->message : "no forecast";
}

static int use_split(const pl_scenario *s, pl_backtest_split split)
{
    if (split == PL_BACKTEST_SPLIT_AUTO)
        return s->format != NULL && strcmp(s->format, "deu") == 0;
    return split == PL_BACKTEST_SPLIT_ISSUE;
}

/* Forecasts of every model for issue `i` forecast alone: models[m]; reasons into row k. */
static int forecast_alone(pl_backtest *b, size_t k, const pl_scenario *s, size_t i,
                          double *models)
{
    pl_scenario *t = NULL;
    pl_diag why;
    int rc = one_issue_scenario(s, i, &t);
    for (size_t m = 0; m < PL_MODEL_COUNT; m++)
        models[m] = NAN;
    for (size_t m = 0; rc == PL_OK && m < PL_MODEL_COUNT; m++) {
        if (t == NULL) {
            rc = set_reason(b, k, m, "no actor has a stance");
            continue;
        }
        rc = run_model(t, (pl_model)m, &models[m], &why);
        if (rc == PL_OK && isnan(models[m]))
            rc = set_reason(b, k, m, model_reason(t, (pl_model)m, 0, &why));
    }
    pl_scenario_free(t);
    return rc;
}

/* The baselines' forecasts of issue `is`: midpoint, reference. */
static void baselines(const pl_issue *is, double *out)
{
    out[0] = is->kind == PL_ISSUE_CONTINUOUS ? (is->low + is->high) / 2 : NAN;
    out[1] = is->has_reference ? is->reference : NAN;
}

/* Why method `m` (a baseline, or a model whose forecast has no error) has no error. */
static const char *baseline_reason(const pl_issue *is, size_t m, double forecast)
{
    if (!isnan(forecast))
        return "forecast not comparable with the outcome";
    if (m == PL_MODEL_COUNT)
        return is->kind == PL_ISSUE_OPTIONS ? PL_SKIP_OPTIONS : "no range";
    return "no reference point";
}

/*
 * Fill the forecasts and errors of the backtest's issues first .. first + count - 1,
 * all of scenario `s`: models jointly or issue by issue, then the baselines.
 */
static int forecast_scenario(pl_backtest *b, const pl_scenario *s, size_t first, size_t count,
                             int split)
{
    size_t nm = b->n_methods;
    double *joint = NULL;
    pl_diag *why = NULL;
    if (!split) {
        joint = pli_malloc((s->n_issues + 1) * PL_MODEL_COUNT * sizeof *joint);
        why = pli_malloc(PL_MODEL_COUNT * sizeof *why);
        int rc = joint && why ? PL_OK : PL_ERR_NOMEM;
        for (size_t m = 0; rc == PL_OK && m < PL_MODEL_COUNT; m++)
            rc = run_model(s, (pl_model)m, joint + m * (s->n_issues + 1), &why[m]);
        if (rc != PL_OK) {
            pli_free(joint);
            pli_free(why);
            return PL_ERR_NOMEM;
        }
    }
    int rc = PL_OK;
    for (size_t k = first; rc == PL_OK && k < first + count; k++) {
        size_t i = b->issues[k].issue;
        double *row = b->forecasts + k * nm;
        if (split)
            rc = forecast_alone(b, k, s, i, row);
        for (size_t m = 0; !split && rc == PL_OK && m < PL_MODEL_COUNT; m++) {
            row[m] = joint[m * (s->n_issues + 1) + i];
            if (isnan(row[m]))
                rc = set_reason(b, k, m, model_reason(s, (pl_model)m, i, &why[m]));
        }
        baselines(&s->issues[i], row + PL_MODEL_COUNT);
        for (size_t m = 0; rc == PL_OK && m < nm; m++) {
            b->errors[k * nm + m] = pl_backtest_error(&s->issues[i], row[m], s->issues[i].outcome);
            if (isnan(b->errors[k * nm + m]) && b->reasons[k * nm + m] == NULL)
                rc = set_reason(b, k, m, baseline_reason(&s->issues[i], m, row[m]));
        }
    }
    pli_free(joint);
    pli_free(why);
    return rc;
}

/* ---- summaries ------------------------------------------------------------------------- */

static void name_methods(pl_backtest *b)
{
    for (size_t m = 0; m < b->n_methods; m++) {
        pl_backtest_method *method = &b->methods[m];
        if (m < PL_MODEL_COUNT) {
            method->kind = PL_BACKTEST_MODEL;
            method->model = (pl_model)m;
            method->name = pl_model_name((pl_model)m);
        } else {
            method->kind = m == PL_MODEL_COUNT ? PL_BACKTEST_MIDPOINT : PL_BACKTEST_REFERENCE;
            method->model = PL_MODEL_COMPROMISE;
            method->name = m == PL_MODEL_COUNT ? "midpoint" : "reference";
        }
    }
}

/* n, mean, median and shares within of method `m`; `work` holds n_issues doubles. */
static void score_method(pl_backtest *b, size_t m, double *work)
{
    pl_backtest_method *method = &b->methods[m];
    size_t n = 0;
    double sum = 0;
    size_t within[PL_BACKTEST_WITHIN_COUNT] = {0};
    for (size_t k = 0; k < b->n_issues; k++) {
        double e = b->errors[k * b->n_methods + m];
        if (isnan(e))
            continue;
        work[n++] = e;
        sum += e;
        for (size_t t = 0; t < PL_BACKTEST_WITHIN_COUNT; t++)
            within[t] += e <= within_points[t] + PL_TOLERANCE; /* decimals' rounding */
    }
    method->n = n;
    method->not_applicable = b->n_issues - n;
    method->mean_error = method->median_error = NAN;
    for (size_t t = 0; t < PL_BACKTEST_WITHIN_COUNT; t++)
        method->within[t] = n > 0 ? (double)within[t] / (double)n : NAN;
    if (n == 0)
        return;
    qsort(work, n, sizeof *work, pli_compare_doubles);
    method->mean_error = sum / (double)n;
    method->median_error = n % 2 ? work[n / 2] : (work[n / 2 - 1] + work[n / 2]) / 2;
}

/* Method `m`'s paired difference from the compromise model; `work` holds n_issues doubles. */
static int compare_method(pl_backtest *b, size_t m, double *work)
{
    pl_backtest_difference *d = &b->methods[m].difference;
    size_t nm = b->n_methods, n = 0;
    double sum = 0;
    memset(d, 0, sizeof *d);
    if (m == PL_MODEL_COMPROMISE)
        return PL_OK;
    for (size_t k = 0; k < b->n_issues; k++) {
        double e = b->errors[k * nm + m], c = b->errors[k * nm + PL_MODEL_COMPROMISE];
        if (isnan(e) || isnan(c))
            continue;
        work[n] = e - c;
        sum += work[n++];
    }
    d->n = n;
    d->mean = n > 0 ? sum / (double)n : NAN;
    d->low = d->high = NAN;
    if (n == 0 || b->bootstrap == 0)
        return PL_OK;
    int rc = pl_backtest_bootstrap(work, n, b->bootstrap, b->seed, &d->low, &d->high);
    d->has_interval = rc == PL_OK;
    return rc;
}

static int summarise(pl_backtest *b)
{
    double *work = pli_malloc((b->n_issues + 1) * sizeof *work);
    if (work == NULL)
        return PL_ERR_NOMEM;
    int rc = PL_OK;
    for (size_t m = 0; rc == PL_OK && m < b->n_methods; m++) {
        score_method(b, m, work);
        rc = compare_method(b, m, work);
    }
    pli_free(work);
    return rc;
}

/* ---- the whole backtest ---------------------------------------------------------------- */

static int check_arguments(const pl_scenario *const *scenarios, size_t n_scenarios,
                           const pl_backtest_options *o, pl_backtest **out, pl_diag *diag)
{
    if (out == NULL || (scenarios == NULL && n_scenarios > 0))
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no scenarios");
    for (size_t k = 0; k < n_scenarios; k++)
        if (scenarios[k] == NULL)
            return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "scenario %zu is missing", k);
    if (o->version != PL_BACKTEST_OPTIONS_VERSION)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "unknown options version %u", o->version);
    if (o->bootstrap > PL_BACKTEST_MAX_BOOTSTRAP)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0,
                           "bootstrap: %zu replicates is more than the limit of %d",
                           o->bootstrap, PL_BACKTEST_MAX_BOOTSTRAP);
    if ((unsigned)o->split > PL_BACKTEST_SPLIT_ISSUE)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "unknown split");
    return PL_OK;
}

/* Allocate the result for the issues with an outcome. */
static int make_backtest(const pl_scenario *const *scenarios, size_t n_scenarios,
                         pl_backtest **out)
{
    pl_backtest *b = pli_calloc(1, sizeof *b);
    if (b == NULL)
        return PL_ERR_NOMEM;
    *out = b;
    for (size_t sc = 0; sc < n_scenarios; sc++)
        for (size_t i = 0; i < scenarios[sc]->n_issues; i++)
            b->n_issues += scenarios[sc]->issues[i].has_outcome != 0;
    b->n_methods = PL_MODEL_COUNT + N_BASELINES;
    b->issues = pli_calloc(b->n_issues + 1, sizeof *b->issues);
    b->methods = pli_calloc(b->n_methods, sizeof *b->methods);
    b->forecasts = pli_calloc((b->n_issues + 1) * b->n_methods, sizeof *b->forecasts);
    b->errors = pli_calloc((b->n_issues + 1) * b->n_methods, sizeof *b->errors);
    b->reasons = pli_calloc((b->n_issues + 1) * b->n_methods, sizeof *b->reasons);
    if (!b->issues || !b->methods || !b->forecasts || !b->errors || !b->reasons)
        return PL_ERR_NOMEM;
    size_t k = 0;
    for (size_t sc = 0; sc < n_scenarios; sc++)
        for (size_t i = 0; i < scenarios[sc]->n_issues; i++)
            if (scenarios[sc]->issues[i].has_outcome)
                b->issues[k++] = (pl_backtest_issue){sc, i};
    name_methods(b);
    return PL_OK;
}

static int run_all(pl_backtest *b, const pl_scenario *const *scenarios, size_t n_scenarios,
                   pl_backtest_split split)
{
    size_t first = 0;
    for (size_t sc = 0; sc < n_scenarios; sc++) {
        size_t count = 0;
        while (first + count < b->n_issues && b->issues[first + count].scenario == sc)
            count++;
        if (count == 0)
            continue;
        int rc = forecast_scenario(b, scenarios[sc], first, count,
                                   use_split(scenarios[sc], split));
        if (rc != PL_OK)
            return rc;
        first += count;
    }
    return summarise(b);
}

int pl_backtest_run(const pl_scenario *const *scenarios, size_t n_scenarios,
                    const pl_backtest_options *options, pl_backtest **out, pl_diag *diag)
{
    const pl_backtest_options defaults = PL_BACKTEST_OPTIONS_INIT;
    const pl_backtest_options *o = options ? options : &defaults;
    int rc = check_arguments(scenarios, n_scenarios, o, out, diag);
    if (rc != PL_OK)
        return rc;
    *out = NULL;
    pl_backtest *b = NULL;
    rc = make_backtest(scenarios, n_scenarios, &b);
    if (rc == PL_OK && b->n_issues == 0)
        rc = pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                         "no issue has an observed outcome (an issue's \"outcome\"; the column "
                         "\"out\" of a DEU table): nothing to backtest");
    if (rc == PL_OK) {
        b->bootstrap = o->bootstrap;
        b->seed = o->seed;
        rc = run_all(b, scenarios, n_scenarios, o->split);
    }
    if (rc == PL_ERR_NOMEM)
        pl_diag_set(diag, rc, 0, 0, "out of memory");
    if (rc != PL_OK) {
        pl_backtest_free(b);
        return rc;
    }
    *out = b;
    return PL_OK;
}

void pl_backtest_free(pl_backtest *b)
{
    if (b == NULL)
        return;
    pli_free(b->issues);
    pli_free(b->methods);
    pli_free(b->forecasts);
    pli_free(b->errors);
    for (size_t k = 0; b->reasons && k < b->n_issues * b->n_methods; k++)
        pli_free(b->reasons[k]);
    pli_free(b->reasons);
    pli_free(b);
}
