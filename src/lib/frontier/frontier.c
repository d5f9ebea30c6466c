/*
 * frontier.c - the Pareto frontier of the rational outcomes by a staged merge
 * of per-issue Pareto sets (docs/design.md, "Performance principles";
 * docs/frontier.md, "Method").
 *
 * Stage k holds F_k, the Pareto set of the partial packages over issues
 * 1..k that can still become rational. F_k+1 is the skyline of the pool
 * { f + g(v) : f in F_k, v a Pareto value of issue k+1 }, after dropping every
 * point that cannot reach some party's rationality threshold even with the
 * best remaining value of every later issue (u_a + rem_max_a < rv_a - 1e-9).
 * Both prunings are exact: a partial package dominated by another is beaten
 * by it in every completion, and a package that cannot reach a threshold has
 * no rational completion. For two parties this is the algorithm of
 * Nemhauser and Ullmann (1969). F_0 is the constant utility of indifferent
 * actors; the last F is the exact frontier of the rational outcomes.
 *
 * Issues are merged in decreasing order of their Pareto values (merge_order).
 * The pool is built already sorted: each list f + g(v) is sorted because F_k
 * is, and the lists are merged with a heap. Of equal vectors the package that
 * comes first in the scenario's issue order is kept (the tie key, below), so
 * packages are deterministic and independent of the merge order. For 4 and
 * more parties and an issue with few Pareto values the pool is not built: the
 * lists' points are marked by queries in a tree over F_k (frontier_lists.c)
 * and only the kept ones are merged, which gives the same next frontier.
 */
#include <string.h>

#include "frontier/frontier_internal.h"

typedef struct stage_input {
    const fr_tables *t;
    const fr_issue *is;
    size_t issue;            /* the issue merged: is == &t->issues[issue] */
    const int64_t *frontier; /* F_k, n x parties */
    size_t n;
    const int64_t *need;     /* per party: threshold - best remaining gain */
    const unsigned char *keep; /* when set: n x n_pareto marks of the points to merge */
    const fr_merge *m;       /* the stages merged so far (m->order, m->stages) */
    size_t stage;            /* how many */
    uint32_t *key1, *key2;   /* scratch for the tie key: n_issues each */
} stage_input;

/*
 * The tie key. Equal vectors are one point of the frontier; the package kept
 * for it is the one whose value indices, read in the scenario's issue order,
 * come first lexicographically. Keeping, at every stage, the partial package
 * that comes first on the issues merged so far gives exactly that package,
 * whatever the merge order: a later partial package that comes first with the
 * same completion would be a whole package with the same vector coming first.
 */
static void partial_package(const stage_input *in, size_t f, uint32_t value, uint32_t *key)
{
    memset(key, 0xff, in->t->n_issues * sizeof *key);
    key[in->issue] = value;
    for (size_t s = in->stage; s-- > 0;) {
        key[in->m->order[s]] = in->m->stages[s].choice[f];
        f = in->m->stages[s].parent[f];
    }
}

/* Does the package of f1 + value v1 come before that of f2 + value v2? */
static int tie_before(const stage_input *in, size_t f1, uint32_t v1, size_t f2, uint32_t v2)
{
    partial_package(in, f1, v1, in->key1);
    partial_package(in, f2, v2, in->key2);
    for (size_t i = 0; i < in->t->n_issues; i++)
        if (in->key1[i] != in->key2[i])
            return in->key1[i] < in->key2[i];
    return 0;
}

/* Can f + g(v) still become rational (and, with marks, is it marked)? */
static int reachable(const stage_input *in, size_t f, size_t j)
{
    size_t P = in->t->parties;
    if (in->keep != NULL)
        return in->keep[f * in->is->n_pareto + j];
    const int64_t *p = &in->frontier[f * P];
    const int64_t *g = &in->is->gain[(size_t)in->is->pareto[j] * P];
    for (size_t a = 0; a < P; a++)
        if (p[a] + g[a] < in->need[a])
            return 0;
    return 1;
}

/* Lexicographic descending order of f1 + g(j1) against f2 + g(j2); ties by list. */
static int heap_before(const stage_input *in, const size_t *pos, size_t j1, size_t j2)
{
    size_t P = in->t->parties;
    const int64_t *p1 = &in->frontier[pos[j1] * P], *p2 = &in->frontier[pos[j2] * P];
    const int64_t *g1 = &in->is->gain[(size_t)in->is->pareto[j1] * P];
    const int64_t *g2 = &in->is->gain[(size_t)in->is->pareto[j2] * P];
    for (size_t a = 0; a < P; a++) {
        int64_t x = p1[a] + g1[a], y = p2[a] + g2[a];
        if (x != y)
            return x > y;
    }
    return tie_before(in, pos[j1], in->is->pareto[j1], pos[j2], in->is->pareto[j2]);
}

static void sift_down(const stage_input *in, const size_t *pos, size_t *heap, size_t n,
                      size_t k)
{
    for (;;) {
        size_t best = k, l = 2 * k + 1, r = l + 1;
        if (l < n && heap_before(in, pos, heap[l], heap[best]))
            best = l;
        if (r < n && heap_before(in, pos, heap[r], heap[best]))
            best = r;
        if (best == k)
            return;
        size_t tmp = heap[k];
        heap[k] = heap[best];
        heap[best] = tmp;
        k = best;
    }
}

/* Move list j to its next reachable point; SIZE_MAX in pos when exhausted. */
static void advance(const stage_input *in, size_t *pos, size_t j, size_t from)
{
    size_t f = from;
    while (f < in->n && !reachable(in, f, j))
        f++;
    pos[j] = f < in->n ? f : SIZE_MAX;
}

typedef struct pool_points {
    size_t n;
    int64_t *points;
    uint32_t *parent, *choice;
} pool_points;

static void pool_free(pool_points *p)
{
    pli_free(p->points);
    pli_free(p->parent);
    pli_free(p->choice);
    memset(p, 0, sizeof *p);
}

static size_t pool_size(const stage_input *in)
{
    size_t total = 0;
    for (size_t j = 0; j < in->is->n_pareto; j++)
        for (size_t f = 0; f < in->n; f++)
            total += (size_t)reachable(in, f, j);
    return total;
}

/* The sorted pool of one stage, by a heap merge of the lists f + g(v). */
static int build_pool(const stage_input *in, pool_points *out)
{
    size_t P = in->t->parties, m = in->is->n_pareto, h = 0;
    size_t *pos = pli_malloc(m * sizeof *pos), *heap = pli_malloc(m * sizeof *heap);
    out->points = pli_malloc((out->n ? out->n : 1) * P * sizeof *out->points);
    out->parent = pli_malloc((out->n ? out->n : 1) * sizeof *out->parent);
    out->choice = pli_malloc((out->n ? out->n : 1) * sizeof *out->choice);
    int rc = PL_ERR_NOMEM;
    if (pos == NULL || heap == NULL || !out->points || !out->parent || !out->choice)
        goto done;
    for (size_t j = 0; j < m; j++) {
        advance(in, pos, j, 0);
        if (pos[j] != SIZE_MAX)
            heap[h++] = j;
    }
    for (size_t k = h; k-- > 0;)
        sift_down(in, pos, heap, h, k);
    for (size_t k = 0; h > 0; k++) {
        size_t j = heap[0], f = pos[j];
        const int64_t *g = &in->is->gain[(size_t)in->is->pareto[j] * P];
        for (size_t a = 0; a < P; a++)
            out->points[k * P + a] = in->frontier[f * P + a] + g[a];
        out->parent[k] = (uint32_t)f;
        out->choice[k] = in->is->pareto[j];
        advance(in, pos, j, f + 1);
        if (pos[j] == SIZE_MAX)
            heap[0] = heap[--h];
        sift_down(in, pos, heap, h, 0);
    }
    rc = PL_OK;
done:
    pli_free(pos);
    pli_free(heap);
    return rc;
}

/* Keep the skyline of the pool as the next frontier and record the stage. */
static int compact(const fr_tables *t, pool_points *pool, const unsigned char *keep,
                   int64_t **frontier, size_t *n, fr_stage *stage)
{
    size_t P = t->parties, kept = 0;
    for (size_t k = 0; k < pool->n; k++)
        kept += keep[k] != 0;
    int64_t *next = pli_malloc((kept ? kept : 1) * P * sizeof *next);
    stage->parent = pli_malloc((kept ? kept : 1) * sizeof *stage->parent);
    stage->choice = pli_malloc((kept ? kept : 1) * sizeof *stage->choice);
    if (next == NULL || stage->parent == NULL || stage->choice == NULL) {
        pli_free(next);
        return PL_ERR_NOMEM;
    }
    size_t w = 0;
    for (size_t k = 0; k < pool->n; k++) {
        if (!keep[k])
            continue;
        memcpy(&next[w * P], &pool->points[k * P], P * sizeof *next);
        stage->parent[w] = pool->parent[k];
        stage->choice[w] = pool->choice[k];
        w++;
    }
    pli_free(*frontier);
    *frontier = next;
    *n = kept;
    return PL_OK;
}

/*
 * The list marks (frontier_lists.c) ask up to m - 1 queries per point in a tree
 * of |F| points; the pool's tree asks one in a tree of m |F| points. Measured
 * (docs/frontier.md): the lists win by 1.7-2.8x up to |F| = 84,000 with m <= 8,
 * and lose by 1.6x at |F| = 163,000 (their queries jump around a tree that no
 * longer fits the caches), and for m = 50 (killer_robot's last issue).
 */
enum { LISTS_MAX_VALUES = 16, LISTS_MAX_BASE = 100000 };

static int use_lists(const fr_tables *t, const fr_issue *is, size_t n)
{
    return t->parties >= 4 && t->parties <= FR_MAX_LIST_PARTIES &&
           is->n_pareto <= LISTS_MAX_VALUES && is->n_pareto <= FR_MAX_LISTS &&
           n <= LISTS_MAX_BASE;
}

/* The index of x in points (n rows, sorted descending, distinct), or SIZE_MAX. */
static size_t find_desc(const int64_t *points, size_t n, size_t P, const int64_t *x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = fr_compare_desc(&points[mid * P], x, P);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return SIZE_MAX;
}

/*
 * A point that only an equal vector of another list stands against stays when
 * its package comes first (the tie key), as it would in the pool's order.
 */
static void resolve_ties(const stage_input *in, const int64_t *shift, unsigned char *keep)
{
    size_t P = in->t->parties, m = in->is->n_pareto;
    int64_t x[FR_MAX_LIST_PARTIES];
    for (size_t f = 0; f < in->n; f++) {
        for (size_t v = 0; v < m; v++) {
            if (keep[f * m + v] != FR_MARK_TIED)
                continue;
            keep[f * m + v] = 1;
            for (size_t w = 0; w < m && keep[f * m + v]; w++) {
                if (w == v)
                    continue;
                for (size_t a = 0; a < P; a++)
                    x[a] = in->frontier[f * P + a] + shift[v * P + a] - shift[w * P + a];
                size_t g = find_desc(in->frontier, in->n, P, x);
                if (g != SIZE_MAX &&
                    tie_before(in, g, in->is->pareto[w], f, in->is->pareto[v]))
                    keep[f * m + v] = 0;
            }
        }
    }
}

/*
 * 4 and more parties: mark the kept points of the lists (frontier_lists.c) and
 * merge only those, already the next frontier.
 */
static int stage_lists(stage_input *in, pl_pool *threads, int64_t **frontier, size_t *n,
                       fr_stage *stage)
{
    size_t P = in->t->parties, m = in->is->n_pareto;
    unsigned char *keep = pli_malloc(*n * m > 0 ? *n * m : 1);
    int64_t *shift = pli_malloc((m ? m : 1) * P * sizeof *shift);
    int rc = keep && shift ? PL_OK : PL_ERR_NOMEM;
    for (size_t j = 0; rc == PL_OK && j < m; j++)
        memcpy(&shift[j * P], &in->is->gain[(size_t)in->is->pareto[j] * P], P * sizeof *shift);
    if (rc == PL_OK)
        rc = fr_lists_mark(*frontier, *n, P, shift, m, in->need, threads, keep);
    if (rc == PL_OK)
        resolve_ties(in, shift, keep);
    pool_points next = {0, NULL, NULL, NULL};
    if (rc == PL_OK) {
        in->keep = keep;
        next.n = pool_size(in);
        rc = build_pool(in, &next);
        in->keep = NULL;
    }
    if (rc == PL_OK) {
        pli_free(*frontier);
        *frontier = next.points;
        *n = next.n;
        stage->parent = next.parent;
        stage->choice = next.choice;
    } else {
        pool_free(&next);
    }
    pli_free(keep);
    pli_free(shift);
    return rc;
}

static int run_stage(const fr_tables *t, const pl_frontier_options *o, pl_pool *threads,
                     const fr_merge *m, const int64_t *remain, size_t k, int64_t **frontier,
                     size_t *n, pl_diag *diag)
{
    size_t P = t->parties, issue = m->order[k];
    fr_stage *stage = &m->stages[k];
    int64_t *need = pli_malloc(P * sizeof *need);
    uint32_t *key = pli_malloc(2 * t->n_issues * sizeof *key);
    if (need == NULL || key == NULL) {
        pli_free(need);
        pli_free(key);
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "frontier: out of memory");
    }
    for (size_t a = 0; a < P; a++)
        need[a] = t->threshold[a] - remain[(k + 1) * P + a];
    stage_input in = {t,    &t->issues[issue], issue, *frontier,       *n, need, NULL,
                      m,    k,                 key,   key + t->n_issues};
    pool_points pool = {pool_size(&in), NULL, NULL, NULL};
    /* The memory of max_points two-party points (4 numbers each), for P + 2 numbers each. */
    double fits = (double)o->max_points * 4.0 / (double)(P + 2);
    size_t limit = fits < (double)UINT32_MAX ? (size_t)fits : UINT32_MAX;
    if (pool.n > limit) {
        pli_free(need);
        pli_free(key);
        return pl_diag_set(diag, PL_ERR_LIMIT, 0, 0,
                           "frontier: merging issue %zu (stage %zu of %zu) needs %zu "
                           "candidate points, more than the limit of %zu (max_points x 4 / "
                           "(parties + 2)); use a coarser grid (--steps N), fewer parties or "
                           "--max-points N",
                           issue + 1, k + 1, t->n_issues, pool.n, limit);
    }
    int rc;
    unsigned char *keep = NULL;
    if (use_lists(t, in.is, *n)) {
        rc = stage_lists(&in, threads, frontier, n, stage);
    } else {
        rc = build_pool(&in, &pool);
        keep = rc == PL_OK ? pli_malloc(pool.n ? pool.n : 1) : NULL;
        if (rc == PL_OK && keep == NULL)
            rc = PL_ERR_NOMEM;
        if (rc == PL_OK)
            rc = fr_skyline(pool.points, pool.n, P, threads, keep);
        if (rc == PL_OK)
            rc = compact(t, &pool, keep, frontier, n, stage);
    }
    pli_free(keep);
    pli_free(need);
    pli_free(key);
    pool_free(&pool);
    if (rc != PL_OK)
        return pl_diag_set(diag, rc, 0, 0, "frontier: out of memory merging issue %zu",
                           issue + 1);
    return PL_OK;
}

/* The sum over the parties of the range of the issue's Pareto gains. */
static double spread(const fr_tables *t, const fr_issue *is)
{
    double total = 0;
    for (size_t a = 0; a < t->parties; a++) {
        int64_t low = INT64_MAX, high = INT64_MIN;
        for (size_t j = 0; j < is->n_pareto; j++) {
            int64_t g = is->gain[(size_t)is->pareto[j] * t->parties + a];
            low = g < low ? g : low;
            high = g > high ? g : high;
        }
        total += is->n_pareto > 0 ? (double)high - (double)low : 0.0;
    }
    return total;
}

/* Does issue i go before issue k in the merge? */
static int merged_before(const fr_tables *t, const double *spreads, size_t i, size_t k)
{
    if (t->issues[i].n_pareto != t->issues[k].n_pareto)
        return t->issues[i].n_pareto > t->issues[k].n_pareto;
    if (t->parties >= 4 && spreads[i] != spreads[k])
        return spreads[i] < spreads[k];
    return i < k;
}

/*
 * The merge order: issues with more Pareto values first, so that the last
 * stages, with the largest frontiers, multiply them by the fewest values;
 * for 4 parties and more, among issues with as many Pareto values, those
 * whose gains spread least first (measured, docs/frontier.md: 5 x 10 x 8
 * 0.46 -> 0.35 s; for 3 parties it helps as often as it hurts); then the
 * scenario's order. The frontier and, by the tie key, the packages do not
 * depend on the order. `remain` gets, per stage s, the best allowed gain of
 * the issues merged from stage s on.
 */
static int merge_order(const fr_tables *t, uint32_t *order, int64_t *remain)
{
    size_t P = t->parties, n = t->n_issues;
    double *spreads = pli_malloc((n ? n : 1) * sizeof *spreads);
    if (spreads == NULL)
        return PL_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        spreads[i] = spread(t, &t->issues[i]);
    for (size_t i = 0; i < n; i++) {
        size_t at = i;
        for (; at > 0 && merged_before(t, spreads, i, order[at - 1]); at--)
            order[at] = order[at - 1];
        order[at] = (uint32_t)i;
    }
    pli_free(spreads);
    for (size_t a = 0; a < P; a++)
        remain[n * P + a] = 0;
    for (size_t s = n; s-- > 0;) {
        size_t i = order[s];
        for (size_t a = 0; a < P; a++)
            remain[s * P + a] = remain[(s + 1) * P + a] + t->rem_max[i * P + a] -
                                t->rem_max[(i + 1) * P + a];
    }
    return PL_OK;
}

int fr_merge_run(const fr_tables *t, const pl_frontier_options *o, pl_pool *threads,
                 fr_merge *m, pl_diag *diag)
{
    size_t P = t->parties;
    memset(m, 0, sizeof *m);
    m->stages = pli_calloc(t->n_issues ? t->n_issues : 1, sizeof *m->stages);
    m->order = pli_malloc((t->n_issues ? t->n_issues : 1) * sizeof *m->order);
    int64_t *frontier = pli_malloc(P * sizeof *frontier);
    int64_t *remain = pli_malloc((t->n_issues + 1) * P * sizeof *remain);
    if (m->stages == NULL || m->order == NULL || frontier == NULL || remain == NULL ||
        merge_order(t, m->order, remain) != PL_OK) {
        pli_free(frontier);
        pli_free(remain);
        fr_merge_free(m, t->n_issues);
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "frontier: out of memory");
    }
    size_t n = 1;
    for (size_t a = 0; a < P; a++) {
        frontier[a] = t->offset[a];
        /* With no issue left to add, F_0 itself must be rational. */
        if (t->offset[a] + t->rem_max[a] < t->threshold[a])
            n = 0;
    }
    const pl_progress *progress = &o->progress;
    for (size_t k = 0; k <= t->n_issues; k++) {
        int rc = PL_OK;
        if (k < t->n_issues && n > 0)
            rc = run_stage(t, o, threads, m, remain, k, &frontier, &n, diag);
        /* After each stage (k + 1 of n_issues), and once with 1 when the merge ends. */
        int last = k + 1 >= t->n_issues || n == 0;
        double fraction = last ? 1.0 : (double)(k + 1) / (double)t->n_issues;
        if (rc == PL_OK && progress->function != NULL &&
            progress->function(fraction, progress->payload) != 0)
            rc = pl_diag_set(diag, PL_ERR_CANCELLED, 0, 0, "frontier: cancelled");
        if (rc == PL_OK && last)
            break;
        if (rc != PL_OK) {
            pli_free(frontier);
            pli_free(remain);
            fr_merge_free(m, t->n_issues);
            return rc;
        }
    }
    pli_free(remain);
    m->n = n;
    m->points = frontier;
    return PL_OK;
}

void fr_merge_free(fr_merge *m, size_t n_issues)
{
    for (size_t k = 0; m->stages && k < n_issues; k++) {
        pli_free(m->stages[k].parent);
        pli_free(m->stages[k].choice);
    }
    pli_free(m->stages);
    pli_free(m->order);
    pli_free(m->points);
    memset(m, 0, sizeof *m);
}

void fr_merge_package(const fr_tables *t, const fr_merge *m, size_t k, double *package)
{
    for (size_t s = t->n_issues; s-- > 0;) {
        size_t i = m->order[s];
        uint32_t v = m->stages[s].choice[k];
        package[i] = t->issues[i].values[v];
        k = m->stages[s].parent[k];
    }
}
