/*
 * sao_sort.c - the tie order NegMAS's ranking inherits from numpy 1.24's
 * default argsort for doubles (docs/specs/negmas-sao.md, Appendix A): an
 * introsort (median-of-three quicksort, heap sort past the depth budget,
 * straight insertion below 17 entries). Entries carry their utility, so the
 * permutation is applied to (u, r) pairs directly; only "x < y" is used, so
 * the order is the spec's permutation exactly.
 */
#include <string.h>

#include "simulate/sao_internal.h"

#define SWAP(a, b)            \
    do {                      \
        sao_entry swap_ = (a); \
        (a) = (b);            \
        (b) = swap_;          \
    } while (0)

/* Appendix A, heap sort: heap position h (1..s) is e[lo + h - 1]. */
static void sift_down(sao_entry *h, sao_entry a, size_t i, size_t s)
{
    size_t j = 2 * i;
    while (j <= s) {
        if (j < s && h[j].u < h[j + 1].u)
            j++;
        if (!(a.u < h[j].u))
            break;
        h[i] = h[j];
        i = j;
        j *= 2;
    }
    h[i] = a;
}

static void heap_sort(sao_entry *e, size_t s)
{
    sao_entry *h = e - 1; /* 1-based */
    for (size_t start = s / 2; start >= 1; start--)
        sift_down(h, h[start], start, s);
    while (s > 1) {
        sao_entry tmp = h[s];
        h[s] = h[1];
        s--;
        sift_down(h, tmp, 1, s);
    }
}

/* Appendix A step 3: straight insertion of e[lo..hi] (stable). */
static void insertion_sort(sao_entry *e, ptrdiff_t lo, ptrdiff_t hi)
{
    for (ptrdiff_t q = lo + 1; q <= hi; q++) {
        sao_entry a = e[q];
        ptrdiff_t k = q;
        while (k > lo && a.u < e[k - 1].u) {
            e[k] = e[k - 1];
            k--;
        }
        e[k] = a;
    }
}

/*
 * Appendix A step 2 without unpredictable branches. Hoare's scans pair the
 * k-th entry from the left with u >= v with the k-th entry from the right
 * with u <= v and swap them until the scans cross. Each side's positions come
 * from a stream that tests a block of entries at a time with no branch. A
 * position a stream read may since have been swapped only if it lies beyond
 * the other scan, where the real scan stops at the other scan's position:
 * clamping to it gives the same stops, so the swaps are Hoare's, one by one.
 */
#define BLOCK 64

typedef struct stream {
    uint32_t at[BLOCK];
    int count, next;
    ptrdiff_t scan; /* the next position to test */
} stream;

/* The next position from the left (>= scan) with !(u < v); `stop` when none before it. */
static ptrdiff_t next_left(stream *s, const sao_entry *e, double v, ptrdiff_t stop)
{
    while (s->next == s->count) {
        if (s->scan >= stop)
            return stop;
        ptrdiff_t end = s->scan + BLOCK < stop ? s->scan + BLOCK : stop;
        s->count = s->next = 0;
        for (ptrdiff_t p = s->scan; p < end; p++) {
            s->at[s->count] = (uint32_t)p;
            s->count += !(e[p].u < v);
        }
        s->scan = end;
    }
    return s->at[s->next++];
}

/* The next position from the right (<= scan) with !(v < u); `stop` when none after it. */
static ptrdiff_t next_right(stream *s, const sao_entry *e, double v, ptrdiff_t stop)
{
    while (s->next == s->count) {
        if (s->scan <= stop)
            return stop;
        ptrdiff_t end = s->scan - BLOCK > stop ? s->scan - BLOCK : stop;
        s->count = s->next = 0;
        for (ptrdiff_t p = s->scan; p > end; p--) {
            s->at[s->count] = (uint32_t)p;
            s->count += !(v < e[p].u);
        }
        s->scan = end;
    }
    return s->at[s->next++];
}

/* One partition of e[lo..hi] (hi - lo > 15); returns the pivot's place. */
static ptrdiff_t partition(sao_entry *e, ptrdiff_t lo, ptrdiff_t hi)
{
    ptrdiff_t mid = lo + (hi - lo) / 2;
    if (e[mid].u < e[lo].u)
        SWAP(e[mid], e[lo]);
    if (e[hi].u < e[mid].u)
        SWAP(e[hi], e[mid]);
    if (e[mid].u < e[lo].u)
        SWAP(e[mid], e[lo]);
    double v = e[mid].u;
    SWAP(e[mid], e[hi - 1]);
    /* sentinels: e[hi - 1] = v stops the left scan, e[lo] <= v the right one */
    stream left = {.scan = lo + 1}, right = {.scan = hi - 2};
    ptrdiff_t i = lo, j = hi - 1;
    for (;;) {
        ptrdiff_t ni = next_left(&left, e, v, j);
        if (ni > j)
            ni = j; /* the real scan stops at j at the latest */
        ptrdiff_t nj = next_right(&right, e, v, i);
        if (nj < i)
            nj = i;
        i = ni;
        if (i >= nj)
            break;
        j = nj;
        SWAP(e[i], e[j]);
    }
    SWAP(e[i], e[hi - 1]);
    return i;
}

typedef struct segment {
    ptrdiff_t lo, hi;
    int budget;
} segment;

/*
 * Appendix A from one segment on: e[lo..hi] with depth budget `budget`.
 * `checked` is zero for a segment numpy continues with straight after a
 * partition (the smaller side), whose budget is not tested before it is
 * partitioned again; popped segments (and the whole array) are tested.
 */
static void introsort(sao_entry *e, ptrdiff_t lo, ptrdiff_t hi, int budget, int checked)
{
    segment stack[128];
    int top = 0;
    for (;;) {
        if (checked && budget < 0) {
            heap_sort(e + lo, (size_t)(hi - lo + 1));
        } else {
            while (hi - lo > 15) {
                ptrdiff_t i = partition(e, lo, hi);
                budget--;
                if (i - lo < hi - i) {
                    stack[top++] = (segment){i + 1, hi, budget};
                    hi = i - 1;
                } else {
                    stack[top++] = (segment){lo, i - 1, budget};
                    lo = i + 1;
                }
            }
            insertion_sort(e, lo, hi);
        }
        if (top == 0)
            return;
        top--;
        lo = stack[top].lo;
        hi = stack[top].hi;
        budget = stack[top].budget;
        checked = 1;
    }
}

static int depth_budget(size_t n)
{
    int msb = 0;
    for (size_t m = n; m > 1; m >>= 1)
        msb++;
    return 2 * msb;
}

void sao_argsort(sao_entry *e, size_t n)
{
    if (n >= 2)
        introsort(e, 0, (ptrdiff_t)n - 1, depth_budget(n), 1);
}

/* ---- the lazy ranking ----
 *
 * The introsort handles each segment on its own: what it does to e[lo..hi]
 * depends only on the segment's entries, its budget and whether the budget is
 * tested. So a segment may be left unsorted until a position in it is asked
 * for, and then partitioned exactly as the full sort would: each partition
 * is a node whose pivot is final and whose sides are child nodes. The final
 * array, wherever it has been refined, is the full sort's to the entry.
 */

enum { NODE_UNREFINED = SAO_NODE_UNREFINED, NODE_SORTED = SAO_NODE_SORTED,
       NODE_SPLIT = SAO_NODE_SPLIT };

int sao_rank_init(sao_rank *k, sao_entry *e, size_t n)
{
    memset(k, 0, sizeof *k);
    k->e = e;
    k->n = n;
    if (n == 0)
        return PL_OK;
    if (pli_grow((void **)&k->nodes, &k->capacity, 64, sizeof *k->nodes) != PL_OK)
        return PL_ERR_NOMEM;
    k->nodes[0] = (sao_rank_node){0, (uint32_t)(n - 1), 0, -1, -1, depth_budget(n), 1,
                                  n < 2 ? NODE_SORTED : NODE_UNREFINED};
    k->n_nodes = 1;
    return PL_OK;
}

void sao_rank_free(sao_rank *k)
{
    pli_free(k->nodes);
    memset(k, 0, sizeof *k);
}

/* A child node for e[lo..hi] (-1 when empty). */
static int32_t add_child(sao_rank *k, ptrdiff_t lo, ptrdiff_t hi, int budget, int checked)
{
    if (lo > hi)
        return -1;
    int32_t c = (int32_t)k->n_nodes++;
    k->nodes[c] = (sao_rank_node){(uint32_t)lo, (uint32_t)hi, 0, -1, -1, budget,
                                  (unsigned char)checked, lo == hi ? NODE_SORTED
                                                                   : NODE_UNREFINED};
    return c;
}

/* One step of the introsort on an unrefined node. Without memory for the
 * children the node is sorted completely instead (the same order). */
static void refine(sao_rank *k, int32_t id)
{
    sao_rank_node *x = &k->nodes[id];
    ptrdiff_t lo = x->lo, hi = x->hi;
    if (x->checked && x->budget < 0) {
        heap_sort(k->e + lo, (size_t)(hi - lo + 1));
        x->state = NODE_SORTED;
        return;
    }
    if (hi - lo <= 15) {
        insertion_sort(k->e, lo, hi);
        x->state = NODE_SORTED;
        return;
    }
    if (pli_grow((void **)&k->nodes, &k->capacity, k->n_nodes + 2, sizeof *k->nodes) != PL_OK) {
        introsort(k->e, lo, hi, x->budget, x->checked);
        x->state = NODE_SORTED;
        return;
    }
    x = &k->nodes[id];
    ptrdiff_t i = partition(k->e, lo, hi);
    int budget = x->budget - 1;
    int left_checked = !(i - lo < hi - i); /* the larger side is pushed, then tested */
    int32_t left = add_child(k, lo, i - 1, budget, left_checked);
    int32_t right = add_child(k, i + 1, hi, budget, !left_checked);
    x = &k->nodes[id];
    x->pivot = (uint32_t)i;
    x->left = left;
    x->right = right;
    x->state = NODE_SPLIT;
}

/*
 * Once the lookups outnumber a quarter of the entries (a pl_sao run many
 * times), sort what is left, each unrefined segment as the full sort would,
 * and answer from the flat array from then on.
 */
static void count_lookup(sao_rank *k)
{
    if (k->n_nodes <= 1 || ++k->lookups <= k->n / 4 + 4096)
        return;
    for (size_t id = 0; id < k->n_nodes; id++) {
        sao_rank_node *x = &k->nodes[id];
        if (x->state == NODE_UNREFINED)
            introsort(k->e, x->lo, x->hi, x->budget, x->checked);
    }
    k->nodes[0] = (sao_rank_node){0, (uint32_t)(k->n - 1), 0, -1, -1, 0, 1, NODE_SORTED};
    k->n_nodes = 1;
}

size_t sao_rank_lower_bound(sao_rank *k, double x)
{
    if (k->n == 0)
        return 0;
    count_lookup(k);
    int32_t id = 0;
    for (;;) {
        if (k->nodes[id].state == NODE_UNREFINED)
            refine(k, id);
        const sao_rank_node *node = &k->nodes[id];
        if (node->state == NODE_SORTED) {
            size_t lo = node->lo, hi = (size_t)node->hi + 1;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (k->e[mid].u < x)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            return lo;
        }
        if (k->e[node->pivot].u < x) {
            if (node->right < 0)
                return (size_t)node->pivot + 1;
            id = node->right;
        } else {
            if (node->left < 0)
                return node->pivot;
            id = node->left;
        }
    }
}

const sao_entry *sao_rank_at(sao_rank *k, size_t position)
{
    count_lookup(k);
    int32_t id = 0;
    for (;;) {
        if (k->nodes[id].state == NODE_UNREFINED)
            refine(k, id);
        const sao_rank_node *node = &k->nodes[id];
        if (node->state == NODE_SORTED || position == node->pivot)
            return &k->e[position];
        id = position < node->pivot ? node->left : node->right;
    }
}
