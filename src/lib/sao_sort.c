/*
 * sao_sort.c - the tie order NegMAS's ranking inherits from numpy 1.24's
 * default argsort for doubles (specs/negmas-sao.md, Appendix A): an
 * introsort (median-of-three quicksort, heap sort past the depth budget,
 * straight insertion below 17 entries). Entries carry their utility, so the
 * permutation is applied to (u, r) pairs directly; only "x < y" is used, so
 * the order is the spec's permutation exactly.
 */
#include "sao_internal.h"

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

/* Appendix A step 2: one partition of e[lo..hi]; returns the pivot's place. */
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
    ptrdiff_t i = lo, j = hi - 1;
    for (;;) {
        do
            i++;
        while (e[i].u < v);
        do
            j--;
        while (v < e[j].u);
        if (i >= j)
            break;
        SWAP(e[i], e[j]);
    }
    SWAP(e[i], e[hi - 1]);
    return i;
}

typedef struct segment {
    ptrdiff_t lo, hi;
    int budget;
} segment;

void sao_argsort(sao_entry *e, size_t n)
{
    if (n < 2)
        return;
    int msb = 0;
    for (size_t m = n; m > 1; m >>= 1)
        msb++;
    segment stack[128];
    int top = 0;
    ptrdiff_t lo = 0, hi = (ptrdiff_t)n - 1;
    int budget = 2 * msb;
    for (;;) {
        if (budget < 0) {
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
    }
}
