/*
 * frontier_lists.c - the skyline of one merge stage for 4 and more parties,
 * decided on the stage's lists instead of on its pool (docs/frontier.md,
 * "Method").
 *
 * The pool of a stage is the union of the lists F + g_j, one per Pareto value
 * j of the issue, F the previous frontier (an antichain). Two points of one
 * list never dominate each other, and f + g_v is weakly dominated by
 * f' + g_w exactly when f' >= f + (g_v - g_w). So every dominance question is
 * a query "is some point of F >= x?" in one static k-d tree over F, whatever
 * the list, and the pool itself is never built: only the kept points are
 * merged into the next frontier (frontier.c).
 *
 * The marks are those of fr_skyline() on the sorted pool: f + g_v is dropped
 * when some f' + g_w (w != v) is >= it everywhere and differs from it; when
 * only an equal vector stands against it, the mark says so (FR_MARK_TIED) and
 * the caller decides the tie by its tie key, as the pool's order would. A
 * weak dominator of a reachable point is reachable (the test is monotone),
 * so the dominators need not be checked for reachability. Each
 * mark is independent of the others: the marks are computed in parallel and
 * do not depend on the thread count.
 *
 * The tree is implicit: node k covers a range of the points reordered by the
 * build, its children are 2k + 1 and 2k + 2 and split the range at its
 * middle, alternately on each coordinate; each node keeps only its corner
 * (the maximum of its points in every coordinate). Lists are tried in
 * increasing order of the total positive part of g_v - g_w (the likeliest
 * dominators first); the order changes the time only.
 */
#include <string.h>

#include "frontier/frontier_internal.h"

enum { LEAF = 8, STACK_DEPTH = 128, CHUNK = 256 };

typedef struct lists_tree {
    size_t parties, n;
    int64_t *points; /* the base points, in the build's order */
    int64_t *corner; /* per node: the maximum of its points (parties values) */
} lists_tree;

typedef struct lists_job {
    lists_tree tree;
    const int64_t *base, *shift, *need;
    size_t n_base, m;
    size_t *order; /* per list v: the other lists, likeliest dominators first */
    unsigned char *keep;
} lists_job;

/* Reorder rows [lo, hi) so that row k holds the element of rank k by coordinate d
 * (Wirth's FIND, Algorithms + Data Structures = Programs, 1976), rows of P values. */
static void select_kth(int64_t *rows, size_t P, size_t lo, size_t hi, size_t k, size_t d,
                       int64_t *tmp)
{
    ptrdiff_t left = (ptrdiff_t)lo, right = (ptrdiff_t)hi - 1, kk = (ptrdiff_t)k;
    while (left < right) {
        int64_t pivot = rows[(size_t)kk * P + d];
        ptrdiff_t i = left, j = right;
        do {
            while (rows[(size_t)i * P + d] < pivot)
                i++;
            while (pivot < rows[(size_t)j * P + d])
                j--;
            if (i <= j) {
                memcpy(tmp, &rows[(size_t)i * P], P * sizeof *tmp);
                memcpy(&rows[(size_t)i * P], &rows[(size_t)j * P], P * sizeof *tmp);
                memcpy(&rows[(size_t)j * P], tmp, P * sizeof *tmp);
                i++;
                j--;
            }
        } while (i <= j);
        if (j < kk)
            left = i;
        if (kk < i)
            right = j;
    }
}

static void build(lists_tree *t, size_t node, size_t lo, size_t hi, size_t depth, int64_t *tmp)
{
    size_t P = t->parties;
    int64_t *corner = &t->corner[node * P];
    if (hi - lo <= LEAF) {
        for (size_t d = 0; d < P; d++)
            corner[d] = INT64_MIN;
        for (size_t k = lo; k < hi; k++)
            for (size_t d = 0; d < P; d++)
                if (t->points[k * P + d] > corner[d])
                    corner[d] = t->points[k * P + d];
        return;
    }
    size_t mid = lo + (hi - lo) / 2;
    select_kth(t->points, P, lo, hi, mid, depth % P, tmp);
    build(t, 2 * node + 1, lo, mid, depth + 1, tmp);
    build(t, 2 * node + 2, mid, hi, depth + 1, tmp);
    for (size_t d = 0; d < P; d++) {
        int64_t a = t->corner[(2 * node + 1) * P + d], b = t->corner[(2 * node + 2) * P + d];
        corner[d] = a > b ? a : b;
    }
}

static int tree_build(lists_tree *t, const int64_t *base, size_t n, size_t P)
{
    size_t depth = 0;
    while (((n + ((size_t)1 << depth) - 1) >> depth) > LEAF)
        depth++;
    size_t nodes = ((size_t)2 << depth) - 1;
    t->parties = P;
    t->n = n;
    t->points = pli_malloc((n ? n : 1) * P * sizeof *t->points);
    t->corner = pli_malloc(nodes * P * sizeof *t->corner);
    int64_t *tmp = pli_malloc(P * sizeof *tmp);
    if (t->points == NULL || t->corner == NULL || tmp == NULL) {
        pli_free(tmp);
        return PL_ERR_NOMEM;
    }
    memcpy(t->points, base, n * P * sizeof *t->points);
    build(t, 0, 0, n, 0, tmp);
    pli_free(tmp);
    return PL_OK;
}

/*
 * Is some point >= x everywhere and different from x? *equal is set when x
 * itself is a point (every node holding x covers x, so the walk meets it
 * unless it stops early at a dominator).
 */
static int occupied(const lists_tree *t, const int64_t *x, int *equal)
{
    size_t stack[STACK_DEPTH][3], top = 0, P = t->parties;
    stack[top][0] = 0;
    stack[top][1] = 0;
    stack[top++][2] = t->n;
    while (top > 0) {
        top--;
        size_t node = stack[top][0], lo = stack[top][1], hi = stack[top][2];
        if (!fr_covers(&t->corner[node * P], x, P))
            continue;
        if (hi - lo <= LEAF) {
            for (size_t k = lo; k < hi; k++) {
                const int64_t *q = &t->points[k * P];
                if (!fr_covers(q, x, P))
                    continue;
                if (memcmp(q, x, P * sizeof *x) != 0)
                    return 1;
                *equal = 1;
            }
            continue;
        }
        size_t mid = lo + (hi - lo) / 2;
        /* The lower half of the split coordinate first (measured faster). */
        stack[top][0] = 2 * node + 2;
        stack[top][1] = mid;
        stack[top++][2] = hi;
        stack[top][0] = 2 * node + 1;
        stack[top][1] = lo;
        stack[top++][2] = mid;
    }
    return 0;
}

/* Lists w in increasing total of the positive parts of g_v - g_w (ties by index). */
static void order_lists(const int64_t *shift, size_t m, size_t P, size_t *order)
{
    int64_t cost[FR_MAX_LISTS];
    for (size_t v = 0; v < m; v++) {
        size_t *row = &order[v * m], k = 0;
        for (size_t w = 0; w < m; w++) {
            cost[w] = 0;
            for (size_t a = 0; a < P; a++) {
                int64_t d = shift[v * P + a] - shift[w * P + a];
                cost[w] += d > 0 ? d : 0;
            }
            if (w == v)
                continue;
            size_t at = k++;
            for (; at > 0 && cost[row[at - 1]] > cost[w]; at--)
                row[at] = row[at - 1];
            row[at] = w;
        }
    }
}

/*
 * A chunk of consecutive base points. The loops run list pair by list pair
 * over the chunk, so that consecutive queries fall near each other in the tree.
 */
static void mark_chunk(size_t chunk, void *payload)
{
    lists_job *job = payload;
    size_t P = job->tree.parties, m = job->m, begin = chunk * CHUNK;
    size_t end = begin + CHUNK < job->n_base ? begin + CHUNK : job->n_base;
    int64_t x[FR_MAX_LIST_PARTIES];
    for (size_t v = 0; v < m; v++) {
        const int64_t *gv = &job->shift[v * P];
        for (size_t f = begin; f < end; f++) {
            const int64_t *p = &job->base[f * P];
            int keep = 1;
            for (size_t a = 0; a < P && keep; a++)
                keep = p[a] + gv[a] >= job->need[a];
            job->keep[f * m + v] = (unsigned char)keep;
        }
        for (size_t r = 0; r + 1 < m; r++) {
            size_t w = job->order[v * m + r];
            const int64_t *gw = &job->shift[w * P];
            for (size_t f = begin; f < end; f++) {
                if (!job->keep[f * m + v])
                    continue;
                const int64_t *p = &job->base[f * P];
                for (size_t a = 0; a < P; a++)
                    x[a] = p[a] + gv[a] - gw[a];
                int equal = 0;
                if (occupied(&job->tree, x, &equal))
                    job->keep[f * m + v] = 0;
                else if (equal)
                    job->keep[f * m + v] = FR_MARK_TIED;
            }
        }
    }
}

int fr_lists_mark(const int64_t *base, size_t n, size_t P, const int64_t *shift, size_t m,
                  const int64_t *need, pl_pool *pool, unsigned char *keep)
{
    if (P > FR_MAX_LIST_PARTIES || m > FR_MAX_LISTS)
        return PL_ERR_ARGUMENT;
    lists_job job = {.base = base, .shift = shift, .need = need, .n_base = n, .m = m,
                     .keep = keep};
    job.order = pli_malloc((m > 0 ? m * m : 1) * sizeof *job.order);
    int rc = job.order ? tree_build(&job.tree, base, n, P) : PL_ERR_NOMEM;
    if (rc == PL_OK) {
        order_lists(shift, m, P, job.order);
        size_t chunks = (n + CHUNK - 1) / CHUNK;
        if (pool != NULL) {
            rc = pl_pool_for(pool, chunks, mark_chunk, &job);
        } else {
            for (size_t c = 0; c < chunks; c++)
                mark_chunk(c, &job);
        }
    }
    pli_free(job.order);
    pli_free(job.tree.points);
    pli_free(job.tree.corner);
    return rc;
}
