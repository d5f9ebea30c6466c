/*
 * frontier.c - the Pareto frontier of the rational outcomes by a staged merge
 * of per-issue Pareto sets (DESIGN.md, "Performance principles";
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
 * The pool is built already sorted: each list f + g(v) is sorted because F_k
 * is, and the lists are merged with a heap. Ties between equal vectors keep
 * the Pareto value that sorts first, so packages are deterministic. For 4 and
 * more parties and an issue with few Pareto values the pool is not built: the
 * lists' points are marked by queries in a tree over F_k (frontier_lists.c)
 * and only the kept ones are merged, which gives the same next frontier.
 */
#include <string.h>

#include "frontier_internal.h"

typedef struct stage_input {
    const fr_tables *t;
    const fr_issue *is;
    const int64_t *frontier; /* F_k, n x parties */
    size_t n;
    const int64_t *need;     /* per party: threshold - best remaining gain */
    const unsigned char *keep; /* when set: n x n_pareto marks of the points to merge */
} stage_input;

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
    return j1 < j2;
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
    pl_free(p->points);
    pl_free(p->parent);
    pl_free(p->choice);
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
    size_t *pos = pl_malloc(m * sizeof *pos), *heap = pl_malloc(m * sizeof *heap);
    out->points = pl_malloc((out->n ? out->n : 1) * P * sizeof *out->points);
    out->parent = pl_malloc((out->n ? out->n : 1) * sizeof *out->parent);
    out->choice = pl_malloc((out->n ? out->n : 1) * sizeof *out->choice);
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
    pl_free(pos);
    pl_free(heap);
    return rc;
}

/* Keep the skyline of the pool as the next frontier and record the stage. */
static int compact(const fr_tables *t, pool_points *pool, const unsigned char *keep,
                   int64_t **frontier, size_t *n, fr_stage *stage)
{
    size_t P = t->parties, kept = 0;
    for (size_t k = 0; k < pool->n; k++)
        kept += keep[k] != 0;
    int64_t *next = pl_malloc((kept ? kept : 1) * P * sizeof *next);
    stage->parent = pl_malloc((kept ? kept : 1) * sizeof *stage->parent);
    stage->choice = pl_malloc((kept ? kept : 1) * sizeof *stage->choice);
    if (next == NULL || stage->parent == NULL || stage->choice == NULL) {
        pl_free(next);
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
    pl_free(*frontier);
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

/*
 * 4 and more parties: mark the kept points of the lists (frontier_lists.c) and
 * merge only those, already the next frontier.
 */
static int stage_lists(stage_input *in, pl_pool *threads, int64_t **frontier, size_t *n,
                       fr_stage *stage)
{
    size_t P = in->t->parties, m = in->is->n_pareto;
    unsigned char *keep = pl_malloc(*n * m > 0 ? *n * m : 1);
    int64_t *shift = pl_malloc((m ? m : 1) * P * sizeof *shift);
    int rc = keep && shift ? PL_OK : PL_ERR_NOMEM;
    for (size_t j = 0; rc == PL_OK && j < m; j++)
        memcpy(&shift[j * P], &in->is->gain[(size_t)in->is->pareto[j] * P], P * sizeof *shift);
    if (rc == PL_OK)
        rc = fr_lists_mark(*frontier, *n, P, shift, m, in->need, threads, keep);
    pool_points next = {0, NULL, NULL, NULL};
    if (rc == PL_OK) {
        in->keep = keep;
        next.n = pool_size(in);
        rc = build_pool(in, &next);
        in->keep = NULL;
    }
    if (rc == PL_OK) {
        pl_free(*frontier);
        *frontier = next.points;
        *n = next.n;
        stage->parent = next.parent;
        stage->choice = next.choice;
    } else {
        pool_free(&next);
    }
    pl_free(keep);
    pl_free(shift);
    return rc;
}

static int run_stage(const fr_tables *t, const pl_frontier_options *o, pl_pool *threads,
                     size_t k, int64_t **frontier, size_t *n, fr_stage *stage, pl_diag *diag)
{
    size_t P = t->parties;
    int64_t *need = pl_malloc(P * sizeof *need);
    if (need == NULL)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "frontier: out of memory");
    for (size_t a = 0; a < P; a++)
        need[a] = t->threshold[a] - t->rem_max[(k + 1) * P + a];
    stage_input in = {t, &t->issues[k], *frontier, *n, need, NULL};
    pool_points pool = {pool_size(&in), NULL, NULL, NULL};
    size_t limit = o->max_points < UINT32_MAX ? o->max_points : UINT32_MAX;
    if (pool.n > limit) {
        pl_free(need);
        return pl_diag_set(diag, PL_ERR_LIMIT, 0, 0,
                           "frontier: merging issue %zu of %zu needs %zu candidate points, "
                           "more than the limit of %zu (max_points)",
                           k + 1, t->n_issues, pool.n, limit);
    }
    int rc;
    unsigned char *keep = NULL;
    if (use_lists(t, in.is, *n)) {
        rc = stage_lists(&in, threads, frontier, n, stage);
    } else {
        rc = build_pool(&in, &pool);
        keep = rc == PL_OK ? pl_malloc(pool.n ? pool.n : 1) : NULL;
        if (rc == PL_OK && keep == NULL)
            rc = PL_ERR_NOMEM;
        if (rc == PL_OK)
            rc = fr_skyline(pool.points, pool.n, P, threads, keep);
        if (rc == PL_OK)
            rc = compact(t, &pool, keep, frontier, n, stage);
    }
    pl_free(keep);
    pl_free(need);
    pool_free(&pool);
    if (rc != PL_OK)
        return pl_diag_set(diag, rc, 0, 0, "frontier: out of memory merging issue %zu", k + 1);
    return PL_OK;
}

int fr_merge_run(const fr_tables *t, const pl_frontier_options *o, pl_pool *threads,
                 fr_merge *m, pl_diag *diag)
{
    size_t P = t->parties;
    memset(m, 0, sizeof *m);
    m->stages = pl_calloc(t->n_issues ? t->n_issues : 1, sizeof *m->stages);
    int64_t *frontier = pl_malloc(P * sizeof *frontier);
    if (m->stages == NULL || frontier == NULL) {
        pl_free(frontier);
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
            rc = run_stage(t, o, threads, k, &frontier, &n, &m->stages[k], diag);
        /* After each stage (k + 1 of n_issues), and once with 1 when the merge ends. */
        int last = k + 1 >= t->n_issues || n == 0;
        double fraction = last ? 1.0 : (double)(k + 1) / (double)t->n_issues;
        if (rc == PL_OK && progress->function != NULL &&
            progress->function(fraction, progress->payload) != 0)
            rc = pl_diag_set(diag, PL_ERR_CANCELLED, 0, 0, "frontier: cancelled");
        if (rc == PL_OK && last)
            break;
        if (rc != PL_OK) {
            pl_free(frontier);
            fr_merge_free(m, t->n_issues);
            return rc;
        }
    }
    m->n = n;
    m->points = frontier;
    return PL_OK;
}

void fr_merge_free(fr_merge *m, size_t n_issues)
{
    for (size_t k = 0; m->stages && k < n_issues; k++) {
        pl_free(m->stages[k].parent);
        pl_free(m->stages[k].choice);
    }
    pl_free(m->stages);
    pl_free(m->points);
    memset(m, 0, sizeof *m);
}

void fr_merge_package(const fr_tables *t, const fr_merge *m, size_t k, double *package)
{
    for (size_t i = t->n_issues; i-- > 0;) {
        uint32_t v = m->stages[i].choice[k];
        package[i] = t->issues[i].values[v];
        k = m->stages[i].parent[k];
    }
}
