/*
 * frontier_count.c - outcome counts beyond 64 bits, and the exact count of
 * rational outcomes (docs/cli-contract.md: `outcomes`, `rational`; a string above
 * 2^53).
 *
 * The rational count is a depth-first walk over the issues with bound
 * pruning, in fixed-point integers (frontier_internal.h) so that each
 * outcome's test is the same exact sum the merge uses. At a node (a partial
 * package over the first k issues, utility s) with best and worst remaining
 * gains R+ and R-:
 *   - if s_a + R+_a < rv_a - 1e-9 for some party, no completion is rational;
 *   - if s_a + R-_a >= rv_a - 1e-9 for every party, every completion is, and
 *     the node adds the product of the remaining issues' allowed counts;
 *   - otherwise it branches on the next issue (the last issue is a loop).
 * Issues are walked in decreasing order of their utility spread, so the
 * bounds close early. The count is exact; the walk visits at most every
 * outcome and usually a small fraction (docs/frontier.md, "Counts").
 * The subtrees under the first issue's values run in parallel; their counts
 * are added in value order, so the result does not depend on the threads.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontier/frontier_internal.h"

void fr_big_set(fr_big *b, uint64_t value)
{
    memset(b, 0, sizeof *b);
    b->limb[0] = (uint32_t)value;
    b->limb[1] = (uint32_t)(value >> 32);
}

int fr_big_mul(fr_big *b, uint32_t factor)
{
    uint64_t carry = 0;
    for (size_t k = 0; k < FR_BIG_LIMBS; k++) {
        uint64_t x = (uint64_t)b->limb[k] * factor + carry;
        b->limb[k] = (uint32_t)x;
        carry = x >> 32;
    }
    return carry != 0;
}

int fr_big_add(fr_big *a, const fr_big *b)
{
    uint64_t carry = 0;
    for (size_t k = 0; k < FR_BIG_LIMBS; k++) {
        uint64_t x = (uint64_t)a->limb[k] + b->limb[k] + carry;
        a->limb[k] = (uint32_t)x;
        carry = x >> 32;
    }
    return carry != 0;
}

static int big_add_small(fr_big *a, uint64_t value)
{
    fr_big b;
    fr_big_set(&b, value);
    return fr_big_add(a, &b);
}

/* Divide by 10^9 in place; returns the remainder. */
static uint32_t big_divide_billion(fr_big *b)
{
    uint64_t remainder = 0;
    for (size_t k = FR_BIG_LIMBS; k-- > 0;) {
        uint64_t x = (remainder << 32) | b->limb[k];
        b->limb[k] = (uint32_t)(x / 1000000000u);
        remainder = x % 1000000000u;
    }
    return (uint32_t)remainder;
}

static int big_is_zero(const fr_big *b)
{
    for (size_t k = 0; k < FR_BIG_LIMBS; k++)
        if (b->limb[k])
            return 0;
    return 1;
}

void fr_big_to_count(const fr_big *b, pl_count *out)
{
    /* Exactly representable as a double (and a JSON number) up to 2^53. */
    int small = b->limb[1] < (1u << 21) || (b->limb[1] == (1u << 21) && b->limb[0] == 0);
    for (size_t k = 2; k < FR_BIG_LIMBS; k++)
        small = small && b->limb[k] == 0;
    out->exact_double = small;
    out->value = 0.0;
    for (size_t k = FR_BIG_LIMBS; k-- > 0;)
        out->value = out->value * 4294967296.0 + b->limb[k];
    /* Groups of nine digits, least significant first. */
    uint32_t groups[(FR_BIG_LIMBS * 32) / 29 + 2];
    size_t n = 0;
    fr_big copy = *b;
    do
        groups[n++] = big_divide_billion(&copy);
    while (!big_is_zero(&copy));
    size_t w = (size_t)snprintf(out->decimal, sizeof out->decimal, "%u", groups[n - 1]);
    for (size_t k = n - 1; k-- > 0 && w < sizeof out->decimal;)
        w += (size_t)snprintf(out->decimal + w, sizeof out->decimal - w, "%09u", groups[k]);
}

/* ---- the rational count ---- */

typedef struct count_plan {
    size_t n, P;
    size_t *n_values;         /* per walked issue: its allowed values */
    int64_t **gain;           /* per walked issue: n_values x P */
    int64_t *rem_max, *rem_min; /* (n + 1) x P, in walk order */
    const int64_t *threshold;
    fr_big *suffix;           /* (n + 1): products of allowed counts of issues k.. */
    unsigned long long budget;
    atomic_ullong nodes;
} count_plan;

typedef struct count_task {
    const count_plan *plan;
    fr_big total;
    int64_t *scratch;         /* (n + 1) x P partial sums */
    unsigned long long local;
    int failed;
} count_task;

enum { FLUSH_NODES = 1 << 16 };

static int charge_node(count_task *task)
{
    if (++task->local < FLUSH_NODES)
        return 0;
    count_plan *plan = (count_plan *)task->plan;
    unsigned long long seen = atomic_fetch_add(&plan->nodes, task->local) + task->local;
    task->local = 0;
    return seen > plan->budget;
}

/* -1: no completion rational; 1: all are; 0: undecided. */
static int node_bounds(const count_plan *p, size_t k, const int64_t *s)
{
    int all = 1;
    for (size_t a = 0; a < p->P; a++) {
        if (s[a] + p->rem_max[k * p->P + a] < p->threshold[a])
            return -1;
        if (s[a] + p->rem_min[k * p->P + a] < p->threshold[a])
            all = 0;
    }
    return all;
}

static uint64_t count_last(const count_plan *p, size_t k, const int64_t *s)
{
    uint64_t count = 0;
    const int64_t *g = p->gain[k];
    for (size_t v = 0; v < p->n_values[k]; v++) {
        size_t a = 0;
        while (a < p->P && s[a] + g[v * p->P + a] >= p->threshold[a])
            a++;
        count += a == p->P;
    }
    return count;
}

static void walk(count_task *task, size_t k, const int64_t *s)
{
    const count_plan *p = task->plan;
    if (task->failed || (task->failed = charge_node(task)) != 0)
        return;
    int verdict = node_bounds(p, k, s);
    if (verdict < 0)
        return;
    if (verdict > 0) {
        task->failed |= fr_big_add(&task->total, &p->suffix[k]) ? PL_ERR_LIMIT : 0;
        return;
    }
    if (k + 1 == p->n) {
        task->failed |= big_add_small(&task->total, count_last(p, k, s)) ? PL_ERR_LIMIT : 0;
        return;
    }
    int64_t *next = &task->scratch[(k + 1) * p->P];
    for (size_t v = 0; v < p->n_values[k] && !task->failed; v++) {
        for (size_t a = 0; a < p->P; a++)
            next[a] = s[a] + p->gain[k][v * p->P + a];
        walk(task, k + 1, next);
    }
}

typedef struct count_job {
    const count_plan *plan;
    const int64_t *root;
    count_task *tasks;
} count_job;

static void run_branch(size_t v, void *payload)
{
    count_job *job = payload;
    count_task *task = &job->tasks[v];
    const count_plan *p = job->plan;
    for (size_t a = 0; a < p->P; a++)
        task->scratch[p->P + a] = job->root[a] + p->gain[0][v * p->P + a];
    walk(task, 1, &task->scratch[p->P]);
}

static double spread(const fr_issue *is, size_t P)
{
    double total = 0.0;
    for (size_t a = 0; a < P; a++) {
        int64_t lo = INT64_MAX, hi = INT64_MIN;
        for (size_t v = 0; v < is->n_values; v++)
            if (is->allowed[v]) {
                lo = is->gain[v * P + a] < lo ? is->gain[v * P + a] : lo;
                hi = is->gain[v * P + a] > hi ? is->gain[v * P + a] : hi;
            }
        total += is->n_allowed ? (double)(hi - lo) : 0.0;
    }
    return total;
}

typedef struct order_item {
    double spread;
    size_t issue;
} order_item;

static int compare_order(const void *a, const void *b)
{
    const order_item *x = a, *y = b;
    if (x->spread != y->spread)
        return x->spread > y->spread ? -1 : 1;
    return (x->issue > y->issue) - (x->issue < y->issue);
}

static void plan_free(count_plan *p)
{
    for (size_t k = 0; p->gain && k < p->n; k++)
        pli_free(p->gain[k]);
    pli_free(p->gain);
    pli_free(p->n_values);
    pli_free(p->rem_max);
    pli_free(p->rem_min);
    pli_free(p->suffix);
}

/* Copy one issue's allowed values into walk position k. */
static int plan_issue(count_plan *p, size_t k, const fr_issue *is)
{
    size_t P = p->P, w = 0;
    p->n_values[k] = is->n_allowed;
    p->gain[k] = pli_malloc((is->n_allowed ? is->n_allowed : 1) * P * sizeof **p->gain);
    if (p->gain[k] == NULL)
        return PL_ERR_NOMEM;
    for (size_t v = 0; v < is->n_values; v++)
        if (is->allowed[v])
            memcpy(&p->gain[k][w++ * P], &is->gain[v * P], P * sizeof **p->gain);
    return PL_OK;
}

/* Far below any reachable sum of gains, yet far from overflowing when a partial sum is added. */
#define EMPTY_BOUND (INT64_MIN / 4)

static int64_t bound_add(int64_t a, int64_t b)
{
    if (a <= EMPTY_BOUND || b <= EMPTY_BOUND)
        return EMPTY_BOUND;
    return a + b;
}

static void plan_bounds(count_plan *p)
{
    size_t P = p->P;
    fr_big_set(&p->suffix[p->n], 1);
    for (size_t a = 0; a < P; a++)
        p->rem_max[p->n * P + a] = p->rem_min[p->n * P + a] = 0;
    for (size_t k = p->n; k-- > 0;) {
        p->suffix[k] = p->suffix[k + 1];
        fr_big_mul(&p->suffix[k], (uint32_t)p->n_values[k]);
        for (size_t a = 0; a < P; a++) {
            int64_t hi = INT64_MIN, lo = INT64_MAX;
            for (size_t v = 0; v < p->n_values[k]; v++) {
                int64_t g = p->gain[k][v * P + a];
                hi = g > hi ? g : hi;
                lo = g < lo ? g : lo;
            }
            /*
             * An issue left without values (red lines exclude them all) makes
             * every completion unreachable: both bounds drop to EMPTY_BOUND, so
             * the walk prunes at once, and they saturate there without overflow.
             */
            if (p->n_values[k] == 0)
                hi = lo = EMPTY_BOUND;
            p->rem_max[k * P + a] = bound_add(p->rem_max[(k + 1) * P + a], hi);
            p->rem_min[k * P + a] = bound_add(p->rem_min[(k + 1) * P + a], lo);
        }
    }
}

static int plan_build(const fr_tables *t, const pl_frontier_options *o, count_plan *p)
{
    size_t n = t->n_issues, P = t->parties;
    memset(p, 0, sizeof *p);
    p->n = n;
    p->P = P;
    p->threshold = t->threshold;
    p->budget = o->max_count_nodes;
    atomic_init(&p->nodes, 0);
    order_item *order = pli_malloc((n ? n : 1) * sizeof *order);
    p->n_values = pli_calloc(n ? n : 1, sizeof *p->n_values);
    p->gain = pli_calloc(n ? n : 1, sizeof *p->gain);
    p->rem_max = pli_malloc((n + 1) * P * sizeof *p->rem_max);
    p->rem_min = pli_malloc((n + 1) * P * sizeof *p->rem_min);
    p->suffix = pli_malloc((n + 1) * sizeof *p->suffix);
    int rc = PL_ERR_NOMEM;
    if (order && p->n_values && p->gain && p->rem_max && p->rem_min && p->suffix) {
        for (size_t i = 0; i < n; i++)
            order[i] = (order_item){spread(&t->issues[i], P), i};
        qsort(order, n, sizeof *order, compare_order);
        rc = PL_OK;
        for (size_t k = 0; k < n && rc == PL_OK; k++)
            rc = plan_issue(p, k, &t->issues[order[k].issue]);
    }
    pli_free(order);
    if (rc == PL_OK)
        plan_bounds(p);
    return rc;
}

/* Split the walk over the first issue's values; add the branches in order. */
static int count_parallel(const count_plan *p, const int64_t *root, pl_pool *pool,
                          fr_big *out)
{
    size_t m = p->n_values[0];
    count_task *tasks = pli_calloc(m ? m : 1, sizeof *tasks);
    int rc = tasks ? PL_OK : PL_ERR_NOMEM;
    for (size_t v = 0; v < m && rc == PL_OK; v++) {
        tasks[v].plan = p;
        tasks[v].scratch = pli_malloc((p->n + 1) * p->P * sizeof *tasks[v].scratch);
        rc = tasks[v].scratch ? PL_OK : PL_ERR_NOMEM;
    }
    count_job job = {p, root, tasks};
    if (rc == PL_OK && pool != NULL)
        rc = pl_pool_for(pool, m, run_branch, &job);
    else if (rc == PL_OK)
        for (size_t v = 0; v < m; v++)
            run_branch(v, &job);
    fr_big_set(out, 0);
    for (size_t v = 0; v < m && rc == PL_OK; v++) {
        if (tasks[v].failed)
            rc = PL_ERR_LIMIT;
        else if (fr_big_add(out, &tasks[v].total))
            rc = PL_ERR_LIMIT;
    }
    for (size_t v = 0; tasks && v < m; v++)
        pli_free(tasks[v].scratch);
    pli_free(tasks);
    return rc;
}

int fr_count_rational(const fr_tables *t, const pl_frontier_options *o, pl_pool *pool,
                      fr_big *out, pl_diag *diag)
{
    count_plan plan;
    int rc = plan_build(t, o, &plan);
    fr_big_set(out, 0);
    if (rc == PL_OK) {
        int verdict = node_bounds(&plan, 0, t->offset);
        if (verdict > 0)
            *out = plan.suffix[0];
        else if (verdict == 0)
            rc = count_parallel(&plan, t->offset, pool, out);
    }
    plan_free(&plan);
    if (rc == PL_ERR_LIMIT)
        return pl_diag_set(diag, rc, 0, 0,
                           "frontier: counting the rational outcomes needs more than %llu "
                           "search nodes (max_count_nodes)",
                           o->max_count_nodes);
    if (rc != PL_OK)
        return pl_diag_set(diag, rc, 0, 0, "frontier: out of memory counting outcomes");
    return PL_OK;
}
