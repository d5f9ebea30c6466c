/*
 * exchange_options.c - the options of the exchange model (docs/specs/exchange.md
 * section 9, decisions X1-X9) and the result's lifetime.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "parley/exchange.h"
#include "models/model_support.h"

#define OPTION_NAMES                                                                          \
    "rounds, ties, seed, tie_resolution, cap, cap_tolerance, history_sum, merge, left, zero, " \
    "fixed_weight, salience_weight, max_candidates"

void pl_exchange_options_init(pl_exchange_options *o)
{
    if (o == NULL)
        return;
    /* Rounds: section 7, Decide's --iterations; tie_resolution: X1, section 6.1;
     * cap_tolerance: X2, section 5; history_sum: X3, section 6.3; merge: X4,
     * section 6.2 (b); left_inclusive: X5, section 3; the weights: X9, section 7 step 4. */
    *o = (pl_exchange_options)PL_EXCHANGE_OPTIONS_INIT;
}

/* One of two words: `first` sets *out to 0, `second` to 1. */
static int choose(const char *name, const char *value, const char *first, const char *second,
                  int *out, pl_diag *diag)
{
    if (strcmp(value, first) == 0 || strcmp(value, second) == 0) {
        *out = strcmp(value, second) == 0;
        return PL_OK;
    }
    return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                       "exchange option %s: unknown value \"%s\" (valid: %s, %s)", name, value,
                       first, second);
}

/* A number in [low, high]; `low_open` excludes low itself. */
static int number_in(const char *name, const char *value, double low, int low_open, double high,
                     double *out, pl_diag *diag)
{
    double x;
    if (pli_parse_number(value, &x) != 0 || x < low || (low_open && x == low) || x > high)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                           "exchange option %s: \"%s\" is not a number in %s%g, %g]", name,
                           value, low_open ? "(" : "[", low, high);
    *out = x;
    return PL_OK;
}

/* An unsigned decimal integer no larger than `max`. */
static int unsigned_in(const char *name, const char *value, unsigned long long max,
                       unsigned long long *out, pl_diag *diag)
{
    char *end = NULL;
    errno = 0;
    unsigned long long x = value[0] >= '0' && value[0] <= '9' ? strtoull(value, &end, 10) : 0;
    if (end == NULL || *end != '\0' || errno != 0 || x > max)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                           "exchange option %s: \"%s\" is not an integer from 0 to %llu", name,
                           value, max);
    *out = x;
    return PL_OK;
}

/* The options that take a word; *handled is set when `name` is one of them. */
static int set_word(pl_exchange_options *o, const char *name, const char *value, int *handled,
                    pl_diag *diag)
{
    int flag = 0, rc;
    *handled = 1;
    if (strcmp(name, "ties") == 0) {
        if ((rc = choose(name, value, "order", "random", &flag, diag)) == PL_OK)
            o->ties = flag ? PL_EXCHANGE_TIES_RANDOM : PL_EXCHANGE_TIES_ORDER;
    } else if (strcmp(name, "cap") == 0) {
        if ((rc = choose(name, value, "pass", "block", &flag, diag)) == PL_OK)
            o->cap = flag ? PL_EXCHANGE_CAP_BLOCK : PL_EXCHANGE_CAP_PASS;
    } else if (strcmp(name, "history_sum") == 0) {
        if ((rc = choose(name, value, "off", "on", &flag, diag)) == PL_OK)
            o->history_sum = flag;
    } else if (strcmp(name, "merge") == 0) {
        if ((rc = choose(name, value, "smaller", "latest", &flag, diag)) == PL_OK)
            o->merge = flag ? PL_EXCHANGE_MERGE_LATEST : PL_EXCHANGE_MERGE_SMALLER;
    } else if (strcmp(name, "left") == 0) {
        if ((rc = choose(name, value, "lt", "le", &flag, diag)) == PL_OK)
            o->left_inclusive = flag;
    } else if (strcmp(name, "zero") == 0) {
        if ((rc = choose(name, value, "reject", "exclude", &flag, diag)) == PL_OK)
            o->zero = flag ? PL_EXCHANGE_ZERO_EXCLUDE : PL_EXCHANGE_ZERO_REJECT;
    } else {
        *handled = 0;
        rc = PL_OK;
    }
    return rc;
}

/* The options that take a number. */
static int set_number(pl_exchange_options *o, const char *name, const char *value, pl_diag *diag)
{
    unsigned long long n;
    int rc;
    if (strcmp(name, "rounds") == 0) {
        if ((rc = unsigned_in(name, value, PL_EXCHANGE_MAX_ROUNDS, &n, diag)) == PL_OK)
            o->rounds = (int)n;
        return rc;
    }
    if (strcmp(name, "seed") == 0) {
        if ((rc = unsigned_in(name, value, UINT64_MAX, &n, diag)) == PL_OK)
            o->seed = (uint64_t)n;
        return rc;
    }
    if (strcmp(name, "max_candidates") == 0) {
        if ((rc = unsigned_in(name, value, SIZE_MAX, &n, diag)) == PL_OK && n == 0)
            rc = pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "exchange option max_candidates: "
                             "must be at least 1");
        if (rc == PL_OK)
            o->max_candidates = (size_t)n;
        return rc;
    }
    if (strcmp(name, "tie_resolution") == 0)
        return number_in(name, value, 0.0, 1, 1.0, &o->tie_resolution, diag);
    if (strcmp(name, "cap_tolerance") == 0)
        return number_in(name, value, 0.0, 0, 1.0, &o->cap_tolerance, diag);
    if (strcmp(name, "fixed_weight") == 0)
        return number_in(name, value, 0.0, 0, 1.0, &o->fixed_weight, diag);
    if (strcmp(name, "salience_weight") == 0)
        return number_in(name, value, 0.0, 0, 1.0, &o->salience_weight, diag);
    return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                       "unknown exchange option \"%s\" (valid: " OPTION_NAMES ")", name);
}

int pl_exchange_options_set(pl_exchange_options *o, const char *name, const char *value,
                            pl_diag *diag)
{
    if (o == NULL || name == NULL || value == NULL || o->version != PL_EXCHANGE_OPTIONS_VERSION)
        return PL_ERR_ARGUMENT;
    pl_exchange_options copy = *o; /* unchanged on error */
    int handled = 0;
    int rc = set_word(&copy, name, value, &handled, diag);
    if (!handled)
        rc = set_number(&copy, name, value, diag);
    if (rc == PL_OK)
        *o = copy;
    return rc;
}

void pl_exchange_result_free(pl_exchange_result *r)
{
    if (r == NULL)
        return;
    pl_trace_clear(&r->trace);
    pli_free(r->forecast);
    pli_free(r->start_outcome);
    pli_free(r->preferences);
    pli_free(r->preference_outcome);
    pli_free(r->round_count);
    pli_free(r->round_first);
    pli_free(r->exchanges);
    pli_free(r);
}

/* The checks before a run (exchange.c). */
int pli_exchange_check_options(const pl_exchange_options *o, pl_diag *diag)
{
    if (o->version != PL_EXCHANGE_OPTIONS_VERSION)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "exchange: unknown options version %u",
                           o->version);
    if (o->rounds < 0 || !(o->tie_resolution > 0) || !(o->cap_tolerance >= 0) ||
        !pli_is_finite(o->tie_resolution) || !pli_is_finite(o->cap_tolerance) ||
        !pli_is_finite(o->fixed_weight) || !pli_is_finite(o->salience_weight))
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                           "exchange options: rounds must be >= 0, tie_resolution > 0, "
                           "cap_tolerance >= 0 and the weights finite");
    return PL_OK;
}

/* Refuse at once a run whose rounds would take minutes (max_candidates). */
int pli_exchange_check_size(const pl_scenario *s, const pl_exchange_options *o, pl_diag *diag)
{
    double n = (double)s->n_actors, k = (double)s->n_issues;
    double candidates = n * (n - 1) / 2 * k * (k - 1);
    if (candidates <= (double)o->max_candidates)
        return PL_OK;
    return pl_diag_set(diag, PL_ERR_LIMIT, 0, 0,
                       "exchange: %zu actors x %zu issues give up to %.3g candidate exchanges "
                       "a round, more than the limit of %zu (max_candidates; the time grows "
                       "with their square): use fewer actors or issues, or raise it with "
                       "--option exchange.max_candidates=N",
                       s->n_actors, s->n_issues, candidates, o->max_candidates);
}
