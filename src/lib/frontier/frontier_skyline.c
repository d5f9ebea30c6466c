/*
 * frontier_skyline.c - the skyline (Pareto set) of a sorted pool of utility
 * vectors (docs/design.md, "Performance principles": skyline for more parties).
 *
 * The pool is sorted lexicographically descending, so every point that weakly
 * dominates p (>= in every coordinate) comes before p, and the first of equal
 * vectors is the one kept. p is on the skyline exactly when no earlier point
 * is >= p in coordinates 2..P. Because dominance on exact integers is a
 * partial order, the test may look at every earlier point, kept or not (a
 * dominated dominator has an undominated one above it), so the tests of
 * different points are independent: they run in parallel and the result does
 * not depend on the thread count.
 *   1 party:  only the first point survives.
 *   2 parties: p survives when its u2 beats every earlier u2 (Kung, Luccio
 *             and Preparata 1975; the sweep of Nemhauser and Ullmann 1969).
 *   3 parties: a sweep with a Fenwick tree of the best u3 per u2 rank.
 *   more:     a k-d tree of the pool (splitting on every coordinate in turn)
 *             with per-node maximum corners and minimum positions answers
 *             "is an earlier point >= p everywhere?".
 */
#include <stdlib.h>
#include <string.h>

#include "frontier/frontier_internal.h"

int fr_compare_desc(const int64_t *a, const int64_t *b, size_t parties)
{
    for (size_t j = 0; j < parties; j++)
        if (a[j] != b[j])
            return a[j] > b[j] ? -1 : 1;
    return 0;
}

static void skyline_two(const int64_t *points, size_t n, unsigned char *keep)
{
    int64_t best = INT64_MIN;
    for (size_t i = 0; i < n; i++) {
        int64_t u2 = points[2 * i + 1];
        keep[i] = u2 > best;
        if (u2 > best)
            best = u2;
    }
}

static int compare_int64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Position of `value` in the sorted distinct array `sorted` (it is there). */
static size_t rank_of(const int64_t *sorted, size_t n, int64_t value)
{
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid] <= value)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Three parties: keep p unless an earlier point has u2 >= p2 and u3 >= p3. */
static int skyline_three(const int64_t *points, size_t n, unsigned char *keep)
{
    int64_t *u2 = pli_malloc(n * sizeof *u2);
    int64_t *tree = pli_malloc((n + 1) * sizeof *tree);
    if (u2 == NULL || tree == NULL) {
        pli_free(u2);
        pli_free(tree);
        return PL_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        u2[i] = points[3 * i + 1];
    qsort(u2, n, sizeof *u2, compare_int64);
    size_t r = 0;
    for (size_t i = 0; i < n; i++)
        if (r == 0 || u2[i] != u2[r - 1])
            u2[r++] = u2[i];
    for (size_t k = 0; k <= r; k++)
        tree[k] = INT64_MIN;
    for (size_t i = 0; i < n; i++) {
        const int64_t *p = &points[3 * i];
        /* Fenwick index (1-based) of rank reversed: prefixes cover u2 >= p2. */
        size_t slot = r - rank_of(u2, r, p[1]);
        int64_t best = INT64_MIN;
        for (size_t k = slot; k > 0; k -= k & (~k + 1))
            best = tree[k] > best ? tree[k] : best;
        keep[i] = best < p[2];
        for (size_t k = slot; k <= r; k += k & (~k + 1))
            if (tree[k] < p[2])
                tree[k] = p[2];
    }
    pli_free(u2);
    pli_free(tree);
    return PL_OK;
}

/* ---- more parties: a k-d tree over coordinates 2..P ---- */

enum { LEAF_SIZE = 8, STACK_DEPTH = 128, CHUNK = 512 };

typedef struct kd_tree {
    const int64_t *points;
    size_t parties;
    size_t *perm;     /* point indices, partitioned by the tree */
    size_t n_nodes;
    size_t *lo, *hi;  /* node's range of perm */
    size_t *left, *right;
    size_t *first;    /* smallest point index under the node */
    int64_t *corner;  /* node's maximum in each coordinate (parties values) */
    int64_t *sorted;  /* the points in perm order, for cache-friendly leaves */
    unsigned char *keep;
} kd_tree;

static int64_t coord(const kd_tree *t, size_t index, size_t d)
{
    return t->points[index * t->parties + d];
}

/* Reorder perm[lo, hi) so that perm[k] holds the element of rank k by coordinate d
 * (Wirth's FIND, Algorithms + Data Structures = Programs, 1976). */
static void select_kth(kd_tree *t, size_t lo, size_t hi, size_t k, size_t d)
{
    size_t *a = t->perm;
    ptrdiff_t left = (ptrdiff_t)lo, right = (ptrdiff_t)hi - 1, kk = (ptrdiff_t)k;
    while (left < right) {
        int64_t pivot = coord(t, a[kk], d);
        ptrdiff_t i = left, j = right;
        do {
            while (coord(t, a[i], d) < pivot)
                i++;
            while (pivot < coord(t, a[j], d))
                j--;
            if (i <= j) {
                size_t tmp = a[i];
                a[i] = a[j];
                a[j] = tmp;
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

static void leaf_box(kd_tree *t, size_t node)
{
    size_t P = t->parties, first = SIZE_MAX;
    int64_t *corner = &t->corner[node * P];
    for (size_t d = 0; d < P; d++)
        corner[d] = INT64_MIN;
    for (size_t k = t->lo[node]; k < t->hi[node]; k++) {
        size_t index = t->perm[k];
        first = index < first ? index : first;
        for (size_t d = 0; d < P; d++)
            if (coord(t, index, d) > corner[d])
                corner[d] = coord(t, index, d);
    }
    t->first[node] = first;
}

/* Split on every coordinate in turn; boxes are the children's, merged. */
static size_t build_node(kd_tree *t, size_t lo, size_t hi, size_t depth)
{
    size_t node = t->n_nodes++, P = t->parties;
    t->lo[node] = lo;
    t->hi[node] = hi;
    t->left[node] = t->right[node] = SIZE_MAX;
    if (hi - lo <= LEAF_SIZE) {
        leaf_box(t, node);
        return node;
    }
    size_t mid = lo + (hi - lo) / 2;
    select_kth(t, lo, hi, mid, depth % P);
    size_t l = build_node(t, lo, mid, depth + 1), r = build_node(t, mid, hi, depth + 1);
    t->left[node] = l;
    t->right[node] = r;
    for (size_t d = 0; d < P; d++) {
        int64_t a = t->corner[l * P + d], b = t->corner[r * P + d];
        t->corner[node * P + d] = a > b ? a : b;
    }
    t->first[node] = t->first[l] < t->first[r] ? t->first[l] : t->first[r];
    return node;
}

/* Is some point before `index` >= it everywhere (a dominator, or an equal kept first)? */
static int dominated(const kd_tree *t, size_t index)
{
    size_t stack[STACK_DEPTH], top = 0, P = t->parties;
    const int64_t *p = &t->points[index * P];
    stack[top++] = 0;
    while (top > 0) {
        size_t node = stack[--top];
        if (t->first[node] >= index || !fr_covers(&t->corner[node * P], p, P))
            continue;
        if (t->left[node] == SIZE_MAX) {
            for (size_t k = t->lo[node]; k < t->hi[node]; k++) {
                if (t->perm[k] < index && fr_covers(&t->sorted[k * P], p, P))
                    return 1;
            }
            continue;
        }
        stack[top++] = t->right[node];
        stack[top++] = t->left[node];
    }
    return 0;
}

static void query_chunk(size_t chunk, void *payload)
{
    kd_tree *t = payload;
    size_t n = t->hi[0], end = (chunk + 1) * CHUNK < n ? (chunk + 1) * CHUNK : n;
    for (size_t i = chunk * CHUNK; i < end; i++)
        t->keep[i] = !dominated(t, i);
}

static void kd_free(kd_tree *t)
{
    pli_free(t->perm);
    pli_free(t->lo);
    pli_free(t->hi);
    pli_free(t->left);
    pli_free(t->right);
    pli_free(t->first);
    pli_free(t->corner);
    pli_free(t->sorted);
}

static int skyline_tree(const int64_t *points, size_t n, size_t P, pl_pool *pool,
                        unsigned char *keep)
{
    kd_tree t = {.points = points, .parties = P, .keep = keep};
    size_t cap = 2 * (n / (LEAF_SIZE / 2) + 1) + 1;
    t.perm = pli_malloc(n * sizeof *t.perm);
    t.lo = pli_malloc(cap * sizeof *t.lo);
    t.hi = pli_malloc(cap * sizeof *t.hi);
    t.left = pli_malloc(cap * sizeof *t.left);
    t.right = pli_malloc(cap * sizeof *t.right);
    t.first = pli_malloc(cap * sizeof *t.first);
    t.corner = pli_malloc(cap * P * sizeof *t.corner);
    t.sorted = pli_malloc(n * P * sizeof *t.sorted);
    int rc = PL_ERR_NOMEM;
    if (t.perm && t.lo && t.hi && t.left && t.right && t.first && t.corner && t.sorted) {
        for (size_t i = 0; i < n; i++)
            t.perm[i] = i;
        build_node(&t, 0, n, 0);
        for (size_t k = 0; k < n; k++)
            memcpy(&t.sorted[k * P], &points[t.perm[k] * P], P * sizeof *t.sorted);
        size_t chunks = (n + CHUNK - 1) / CHUNK;
        if (pool != NULL)
            rc = pl_pool_for(pool, chunks, query_chunk, &t);
        else {
            for (size_t c = 0; c < chunks; c++)
                query_chunk(c, &t);
            rc = PL_OK;
        }
    }
    kd_free(&t);
    return rc;
}

int fr_skyline(const int64_t *points, size_t n, size_t parties, pl_pool *pool,
               unsigned char *keep)
{
    if (n == 0)
        return PL_OK;
    if (parties == 1) {
        memset(keep, 0, n);
        keep[0] = 1;
        return PL_OK;
    }
    if (parties == 2) {
        skyline_two(points, n, keep);
        return PL_OK;
    }
    if (parties == 3)
        return skyline_three(points, n, keep);
    return skyline_tree(points, n, parties, pool, keep);
}
