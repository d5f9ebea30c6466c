/*
 * frontier_continuous.c - the exact frontier of two parties when some issues
 * are continuous and utilities linear (docs/frontier.md, "Two parties on
 * continuous issues"; issue #13, item 1).
 *
 * On a continuous issue with u_a = 1 - |x - p_a| / R, the positions between
 * the two parties' best allowed positions (their ideal points clamped into
 * the interval the red lines leave) are the issue's Pareto set, and along it
 * both weighted utilities are linear in x: party 1 gains w_1 / R per unit
 * while party 2 loses w_2 / R. So the continuous issues' joint Pareto set is
 * the chain that starts at party 2's best package and moves the issues, one
 * after the other, to party 1's best, cheapest exchange rate (party 2's loss
 * per unit of party 1's gain) first: the greedy solution of the fractional
 * knapsack, equivalently the parametric LP max u_2 s.t. u_1 >= t (Dantzig
 * 1957). Options issues add a translate of this chain per Pareto option
 * combination (the existing merge, frontier.c); the frontier is the Pareto
 * part of the union of these polylines cut by the reservations, computed
 * segment against segment. Its vertices, with the solutions' points, are the
 * reported frontier; the solutions are exact optima over the pieces (each
 * objective is maximised on a segment in closed form).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "frontier/frontier_internal.h"
#include "parley/analysis.h"

/* One continuous issue's move from party 2's end (from) to party 1's (to). */
typedef struct fc_link {
    size_t issue;
    double from, to;
    double delta[2]; /* party 1's gain (>= 0), party 2's loss (<= 0) */
} fc_link;

/* Piece `link` of the chain translated by option combination `combo`, on [t0, t1]. */
typedef struct fc_segment {
    size_t combo, link;
    double t0, t1;
    double p0[2], p1[2]; /* the utilities at t0 and t1 (p0[0] <= p1[0]) */
} fc_segment;

/* A point of the frontier and where it comes from. */
typedef struct fc_point {
    double u[2];
    size_t combo, link;
    double t;
    const fc_segment *seg; /* where it lies, at parameter s */
    double s;
    int open;              /* +1, -1: the piece starts, ends here at a cut */
} fc_point;

typedef struct fc_state {
    const pl_scenario *s;
    size_t n_cont, n_links;
    fc_link *links;       /* n_cont: the first n_links are the sorted proper moves */
    double base[2];       /* every continuous issue at party 2's end */
    fr_tables opt;        /* the options issues only */
    size_t *opt_issue;    /* scenario index of opt.issues[k] */
    fr_merge merge;
    double *chain;        /* (n_links + 1) x 2: cumulative deltas */
    fc_segment *segs;
    size_t n_segs;
    fc_point *points;
    size_t n_points, cap_points;
} fc_state;

static int64_t to_fixed(double u)
{
    return (int64_t)llround(u * FR_SCALE);
}

/* The interval of issue i that every red line allows (lo > hi: none). */
static void allowed_interval(const pl_scenario *s, size_t i, double *lo, double *hi)
{
    *lo = s->issues[i].low;
    *hi = s->issues[i].high;
    for (size_t r = 0; r < s->n_red_lines; r++)
        if (s->red_lines[r].issue == i) {
            *lo = fmax(*lo, s->red_lines[r].low);
            *hi = fmin(*hi, s->red_lines[r].high);
        }
}

int fr_continuous_applies(const pl_scenario *s)
{
    if (s->n_actors != 2 || s->utility_form != PL_UTILITY_LINEAR)
        return 0;
    int any = 0;
    for (size_t i = 0; i < s->n_issues; i++) {
        if (s->issues[i].kind != PL_ISSUE_CONTINUOUS)
            continue;
        any = 1;
        double lo, hi;
        allowed_interval(s, i, &lo, &hi);
        if (lo > hi)
            return 0; /* nothing allowed: the candidate path reports it */
    }
    return any;
}

/* Weight of actor a on issue i in pl_package_utility(). */
static double weight(const pl_scenario *s, size_t a, size_t i)
{
    double total = 0.0;
    for (size_t k = 0; k < s->n_issues; k++) {
        const pl_stance *st = pl_scenario_stance_const(s, a, k);
        if (st->present && st->salience > 0)
            total += st->salience;
    }
    const pl_stance *st = pl_scenario_stance_const(s, a, i);
    return st->present && st->salience > 0 && total > 0 ? st->salience / total : 0.0;
}

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

static double gain(const pl_scenario *s, size_t a, size_t i, double x)
{
    double w = weight(s, a, i);
    return w > 0 ? w * pl_item_utility(s, a, i, x) : 0.0;
}

static int compare_rate(const void *pa, const void *pb)
{
    const fc_link *a = pa, *b = pb;
    /* -delta2/delta1 ascending, by cross-multiplication (both delta1 > 0). */
    double l = -a->delta[1] * b->delta[0], r = -b->delta[1] * a->delta[0];
    if (l != r)
        return l < r ? -1 : 1;
    return (a->issue > b->issue) - (a->issue < b->issue);
}

/* Each continuous issue's two ends; the proper moves sorted by exchange rate. */
static void build_links(fc_state *st)
{
    const pl_scenario *s = st->s;
    size_t n = 0, proper = 0;
    st->base[0] = st->base[1] = 0.0;
    for (size_t i = 0; i < s->n_issues; i++) {
        if (s->issues[i].kind != PL_ISSUE_CONTINUOUS)
            continue;
        double lo, hi, end[2];
        allowed_interval(s, i, &lo, &hi);
        double w[2] = {weight(s, 0, i), weight(s, 1, i)};
        for (size_t a = 0; a < 2; a++) {
            const pl_stance *sa = pl_scenario_stance_const(s, a, i);
            end[a] = clamp(sa->present ? sa->position : lo, lo, hi);
        }
        /* A party that does not care lets the other have its end. */
        if (w[0] <= 0)
            end[0] = w[1] > 0 ? end[1] : lo;
        if (w[1] <= 0)
            end[1] = end[0];
        fc_link link = {i, end[1], end[0], {0.0, 0.0}};
        for (size_t a = 0; a < 2; a++) {
            double g = gain(s, a, i, end[1]);
            st->base[a] += g;
            link.delta[a] = gain(s, a, i, end[0]) - g;
        }
        st->links[n++] = link;
    }
    /* Proper moves (party 1 gains) first, then the fixed issues. */
    for (size_t k = 0; k < n; k++)
        if (st->links[k].delta[0] > 0) {
            fc_link tmp = st->links[proper];
            st->links[proper++] = st->links[k];
            st->links[k] = tmp;
        }
    qsort(st->links, proper, sizeof *st->links, compare_rate);
    st->n_cont = n;
    st->n_links = proper;
}

/* The options issues alone, the continuous ones at party 2's end in the offset. */
static int options_tables(fc_state *st, const fr_tables *t)
{
    size_t n = 0;
    fr_tables *o = &st->opt;
    memset(o, 0, sizeof *o);
    o->parties = 2;
    for (size_t i = 0; i < t->n_issues; i++)
        n += st->s->issues[i].kind == PL_ISSUE_OPTIONS;
    o->n_issues = n;
    o->issues = pli_calloc(n ? n : 1, sizeof *o->issues);
    st->opt_issue = pli_calloc(n ? n : 1, sizeof *st->opt_issue);
    o->offset = pli_calloc(2, sizeof *o->offset);
    o->rem_max = pli_calloc((n + 1) * 2, sizeof *o->rem_max);
    o->threshold = pli_calloc(2, sizeof *o->threshold);
    if (!o->issues || !st->opt_issue || !o->offset || !o->rem_max || !o->threshold)
        return PL_ERR_NOMEM;
    for (size_t i = 0, k = 0; i < t->n_issues; i++)
        if (st->s->issues[i].kind == PL_ISSUE_OPTIONS) {
            o->issues[k] = t->issues[i]; /* shallow: owned by t */
            st->opt_issue[k++] = i;
        }
    double extra = 0.0; /* party 1's best move along the chain; party 2 starts at its best */
    for (size_t k = 0; k < st->n_links; k++)
        extra += st->links[k].delta[0];
    /* The merge drops a combination that misses a threshold with the best of the
     * issues still to merge; the chain can still add `extra` to party 1. */
    for (size_t a = 0; a < 2; a++)
        o->offset[a] = t->offset[a] + to_fixed(st->base[a]);
    o->threshold[0] = t->threshold[0] - to_fixed(extra);
    o->threshold[1] = t->threshold[1];
    for (size_t k = n; k-- > 0;) {
        const fr_issue *is = &o->issues[k];
        for (size_t a = 0; a < 2; a++) {
            int64_t best = is->n_allowed ? INT64_MIN : 0;
            for (size_t v = 0; v < is->n_values; v++)
                if (is->allowed[v] && is->gain[v * 2 + a] > best)
                    best = is->gain[v * 2 + a];
            o->rem_max[k * 2 + a] = o->rem_max[(k + 1) * 2 + a] + best;
        }
    }
    return PL_OK;
}

/* Clip p0 + t (p1 - p0), t in [lo, hi], to u_a >= threshold_a; 0 when nothing is left. */
static int clip(const double *p0, const double *p1, const double *thr, double *lo, double *hi)
{
    for (size_t a = 0; a < 2; a++) {
        double d = p1[a] - p0[a];
        if (d == 0.0) {
            if (p0[a] < thr[a])
                return 0;
        } else {
            double t = (thr[a] - p0[a]) / d;
            if (d > 0)
                *lo = t > *lo ? t : *lo;
            else
                *hi = t < *hi ? t : *hi;
        }
    }
    return *lo <= *hi;
}

static void chain_point(const fc_state *st, size_t combo, size_t link, double t, double *u)
{
    for (size_t a = 0; a < 2; a++) {
        double g = (double)st->merge.points[combo * 2 + a] / FR_SCALE;
        u[a] = g + st->chain[link * 2 + a] +
               (st->n_links ? t * st->links[link].delta[a] : 0.0);
    }
}

/* Every rational piece of every translate of the chain. */
static int build_segments(fc_state *st, const double *thr)
{
    size_t pieces = st->n_links ? st->n_links : 1;
    st->segs = pli_malloc((st->merge.n * pieces + 1) * sizeof *st->segs);
    if (st->segs == NULL)
        return PL_ERR_NOMEM;
    for (size_t c = 0; c < st->merge.n; c++)
        for (size_t k = 0; k < pieces; k++) {
            fc_segment sg = {c, k, 0.0, 1.0, {0, 0}, {0, 0}};
            double a[2], b[2];
            chain_point(st, c, k, 0.0, a);
            chain_point(st, c, k, 1.0, b);
            if (!clip(a, b, thr, &sg.t0, &sg.t1))
                continue;
            chain_point(st, c, k, sg.t0, sg.p0);
            chain_point(st, c, k, sg.t1, sg.p1);
            st->segs[st->n_segs++] = sg;
        }
    return PL_OK;
}

/*
 * The parameters s in [0, 1] of segment `x` (p0 + s (p1 - p0)) that some point
 * of segment `r` weakly dominates. r's best point for a given u_1 level is its
 * leftmost one at or beyond it, so p is dominated when either p_1 <= r.p0_1 and
 * p_2 <= r.p0_2, or r.p0_1 <= p_1 <= r.p1_1 and p_2 <= r(p_1). Each is an
 * interval of s and, x being decreasing, the two meet when both are non-empty.
 */
static int dominated_part(const fc_segment *x, const fc_segment *r, double *lo, double *hi)
{
    double dx = x->p1[0] - x->p0[0], dy = x->p1[1] - x->p0[1];
    double rdx = r->p1[0] - r->p0[0], rdy = r->p1[1] - r->p0[1];
    double alo = 0, ahi = 1, blo = 0, bhi = 1;
    /* a: p_1 <= r.p0_1, p_2 <= r.p0_2. */
    double pa0[2] = {x->p0[0], x->p0[1]}, pa1[2] = {x->p1[0], x->p1[1]};
    double neg0[2] = {-pa0[0], -pa0[1]}, neg1[2] = {-pa1[0], -pa1[1]};
    double thr_a[2] = {-r->p0[0], -r->p0[1]};
    int a_ok = clip(neg0, neg1, thr_a, &alo, &ahi);
    /* b: r.p0_1 <= p_1 <= r.p1_1 and p_2 - r(p_1) <= 0. */
    double thr_lo[2] = {r->p0[0], -INFINITY};
    int b_ok = clip(x->p0, x->p1, thr_lo, &blo, &bhi);
    double thr_hi[2] = {-r->p1[0], -INFINITY};
    b_ok = b_ok && clip(neg0, neg1, thr_hi, &blo, &bhi);
    if (b_ok && rdx > 0) {
        /* h(s) = r(p_1(s)) - p_2(s) >= 0, r(x) = r.p0_2 + (x - r.p0_1) rdy / rdx. */
        double slope = rdy / rdx;
        double h0 = r->p0[1] + (x->p0[0] - r->p0[0]) * slope - x->p0[1];
        double h1 = slope * dx - dy;
        double f0[2] = {h0, 0}, f1[2] = {h0 + h1, 0}, zero[2] = {0, -INFINITY};
        b_ok = clip(f0, f1, zero, &blo, &bhi);
    } else if (b_ok) {
        /* r is vertical or a point: p_1 == r_1 and p_2 <= r's top. */
        double f0[2] = {r->p0[1] - x->p0[1], 0}, f1[2] = {r->p0[1] - x->p1[1], 0};
        double zero[2] = {0, -INFINITY};
        b_ok = clip(f0, f1, zero, &blo, &bhi);
    }
    if (!a_ok && !b_ok)
        return 0;
    *lo = a_ok ? alo : blo;
    *hi = a_ok ? ahi : bhi;
    if (a_ok && b_ok) {
        *lo = fmin(alo, blo);
        *hi = fmax(ahi, bhi);
    }
    return 1;
}

/* Utility shift that makes every dominance test strict (far inside 1e-9). */
#define FC_STRICT 1e-13

typedef struct fc_interval {
    double lo, hi;
} fc_interval;

static int compare_interval(const void *pa, const void *pb)
{
    const fc_interval *a = pa, *b = pb;
    return (a->lo > b->lo) - (a->lo < b->lo);
}

static int add_point(fc_state *st, const fc_segment *sg, double s)
{
    if (st->n_points == st->cap_points) {
        size_t cap = st->cap_points ? 2 * st->cap_points : 64;
        fc_point *p = pli_realloc(st->points, cap * sizeof *p);
        if (p == NULL)
            return PL_ERR_NOMEM;
        st->points = p;
        st->cap_points = cap;
    }
    fc_point *p = &st->points[st->n_points++];
    p->seg = sg;
    p->s = s;
    p->open = 0;
    p->combo = sg->combo;
    p->link = sg->link;
    p->t = sg->t0 + s * (sg->t1 - sg->t0);
    for (size_t a = 0; a < 2; a++)
        p->u[a] = sg->p0[a] + s * (sg->p1[a] - sg->p0[a]);
    return PL_OK;
}



/*
 * The undominated parts of every segment (closures of what the other
 * segments strictly dominate, FC_STRICT standing for "strictly"); their ends
 * are the frontier's vertices. Equal pieces of different segments both stay:
 * their vertices merge later as near-equals.
 */
static int compare_desc(const void *pa, const void *pb)
{
    const double *a = pa, *b = pb;
    return (a[0] < b[0]) - (a[0] > b[0]);
}

/* First index of `v` (sorted by [0] descending, n rows of 2) with v[k][0] < x. */
static size_t first_below(const double *v, size_t n, double x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[2 * mid] >= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/*
 * Keep only the segments whose top-right corner (p1_1, p0_2) no vertex
 * strictly dominates: the others are strictly dominated everywhere, and what
 * they dominate, the vertex does, and so does a kept segment (one holding a
 * vertex that no vertex dominates). Sorting the 2S vertices by u_1 with a
 * running maximum of u_2 answers each test by binary search.
 */
static int prune_segments(fc_state *st)
{
    size_t n = st->n_segs, w = 0;
    double *v = pli_malloc((2 * n + 1) * 2 * sizeof *v);
    if (v == NULL)
        return PL_ERR_NOMEM;
    for (size_t k = 0; k < n; k++) {
        memcpy(&v[4 * k], st->segs[k].p0, 2 * sizeof *v);
        memcpy(&v[4 * k + 2], st->segs[k].p1, 2 * sizeof *v);
    }
    qsort(v, 2 * n, 2 * sizeof *v, compare_desc);
    for (size_t k = 1; k < 2 * n; k++) /* v[k][1]: the best u_2 of rows 0..k */
        v[2 * k + 1] = fmax(v[2 * k + 1], v[2 * k - 1]);
    for (size_t k = 0; k < n; k++) {
        const fc_segment *sg = &st->segs[k];
        double c1 = sg->p1[0], c2 = sg->p0[1];
        size_t a = first_below(v, 2 * n, c1 + FC_STRICT), b = first_below(v, 2 * n, c1);
        int out = (a > 0 && v[2 * a - 1] >= c2) || (b > 0 && v[2 * b - 1] >= c2 + FC_STRICT);
        if (!out)
            st->segs[w++] = *sg;
    }
    st->n_segs = w;
    pli_free(v);
    return PL_OK;
}

static int frontier_points_add(fc_state *st)
{
    int rc = prune_segments(st);
    size_t n = st->n_segs;
    fc_interval *cut = rc == PL_OK ? pli_malloc((n ? 2 * n : 1) * sizeof *cut) : NULL;
    if (cut == NULL)
        return PL_ERR_NOMEM;
    for (size_t x = 0; x < n && rc == PL_OK; x++) {
        const fc_segment *sx = &st->segs[x];
        size_t nc = 0;
        for (size_t r = 0; r < n; r++) {
            const fc_segment *sr = &st->segs[r];
            /* Quick reject: r has no point above-right of x's lowest-left corner box. */
            if (r == x || sr->p1[0] < sx->p0[0] || sr->p0[1] < sx->p1[1])
                continue;
            /* q strictly dominates p: q - (e, 0) >= p or q - (0, e) >= p. */
            for (size_t a = 0; a < 2; a++) {
                fc_segment lowered = *sr;
                lowered.p0[a] -= FC_STRICT;
                lowered.p1[a] -= FC_STRICT;
                double lo, hi;
                if (dominated_part(sx, &lowered, &lo, &hi))
                    cut[nc++] = (fc_interval){lo, hi};
            }
        }
        int point = sx->p0[0] == sx->p1[0] && sx->p0[1] == sx->p1[1];
        if (point) {
            if (nc == 0)
                rc = add_point(st, sx, 0.0);
            if (nc == 0 && rc == PL_OK)
                rc = add_point(st, sx, 0.0); /* a piece of length zero */
            continue;
        }
        qsort(cut, nc, sizeof *cut, compare_interval);
        double at = 0.0;
        for (size_t k = 0; k <= nc && rc == PL_OK; k++) {
            double end = k < nc ? cut[k].lo : 1.0;
            if (end > at) {
                rc = add_point(st, sx, at);
                if (rc == PL_OK) {
                    st->points[st->n_points - 1].open = at > 0.0;
                    rc = add_point(st, sx, end);
                }
                if (rc == PL_OK)
                    st->points[st->n_points - 1].open = -(end < 1.0);
            }
            if (k < nc && cut[k].hi > at)
                at = cut[k].hi;
        }
    }
    pli_free(cut);
    return rc;
}

/* b dominates a within the contract's tolerance (docs/cli-contract.md). */
static int tolerant_dominates(const double *b, const double *a)
{
    return b[0] >= a[0] - 1e-9 && b[1] >= a[1] - 1e-9 &&
           (b[0] > a[0] + 1e-9 || b[1] > a[1] + 1e-9);
}

/*
 * Where another piece takes over with a jump (the frontier is not connected
 * there), the end of a piece is the limit of frontier points but is itself
 * dominated: move it 2e-9 into its piece, where the contract's tolerant
 * dominance no longer reaches it. Ends at a crossing are not dominated and
 * stay.
 */
static void open_ends_inward(fc_state *st)
{
    for (size_t i = 0; i < st->n_points; i++) {
        fc_point *p = &st->points[i];
        if (p->open == 0)
            continue;
        size_t j = 0;
        while (j < st->n_points && (j == i || !tolerant_dominates(st->points[j].u, p->u)))
            j++;
        if (j == st->n_points)
            continue;
        const fc_segment *sg = p->seg;
        double len = fmax(sg->p1[0] - sg->p0[0], sg->p0[1] - sg->p1[1]);
        double s = p->s + p->open * 2e-9 / len;
        s = s < 0.0 ? 0.0 : s > 1.0 ? 1.0 : s;
        p->s = s;
        p->t = sg->t0 + s * (sg->t1 - sg->t0);
        for (size_t a = 0; a < 2; a++)
            p->u[a] = sg->p0[a] + s * (sg->p1[a] - sg->p0[a]);
    }
}

/* Parameters where a solution's objective peaks on the line p0 + s (p1 - p0). */
static size_t peak_candidates(const double *p0, const double *p1, const double *d,
                              const double *spread, const double *power, double *out)
{
    double g1 = p0[0] - d[0], g2 = p0[1] - d[1];
    double a1 = p1[0] - p0[0], a2 = p1[1] - p0[1];
    size_t n = 0;
    out[n++] = 0.0;
    out[n++] = 1.0;
    if (a1 * a2 != 0.0) {
        /* Nash: (g1 + a1 s)(g2 + a2 s) has its top at s = -(a1 g2 + a2 g1) / (2 a1 a2). */
        out[n++] = -(a1 * g2 + a2 * g1) / (2 * a1 * a2);
        /* Asymmetric Nash: c1 a1 / (g1 + a1 s) + c2 a2 / (g2 + a2 s) = 0. */
        double c1 = power[0], c2 = power[1];
        if (c1 + c2 > 0)
            out[n++] = -(c1 * a1 * g2 + c2 * a2 * g1) / ((c1 + c2) * a1 * a2);
    }
    if (a1 != a2) /* egalitarian: equal gains */
        out[n++] = (g2 - g1) / (a1 - a2);
    if (spread[0] > 1e-12 && spread[1] > 1e-12 && a1 * spread[1] != a2 * spread[0])
        /* Kalai-Smorodinsky: equal shares of the way to the ideal point. */
        out[n++] = (g2 * spread[0] - g1 * spread[1]) / (a1 * spread[1] - a2 * spread[0]);
    size_t kept = 0;
    for (size_t k = 0; k < n; k++)
        if (out[k] >= 0.0 && out[k] <= 1.0)
            out[kept++] = out[k];
    return kept;
}

/* The package of a frontier point: options from the merge, continuous along the chain. */
static void point_package(const fc_state *st, const fc_point *p, double *package)
{
    const pl_scenario *s = st->s;
    double *opt = package + s->n_issues; /* scratch room after the package */
    fr_merge_package(&st->opt, &st->merge, p->combo, opt);
    for (size_t k = 0; k < st->opt.n_issues; k++)
        package[st->opt_issue[k]] = opt[k];
    for (size_t k = 0; k < st->n_cont; k++) {
        const fc_link *l = &st->links[k];
        double t = k < p->link ? 1.0 : k == p->link && k < st->n_links ? p->t : 0.0;
        package[l->issue] = t >= 1.0 ? l->to : t <= 0.0 ? l->from : l->from + t * (l->to - l->from);
    }
}

static int compare_points(const void *pa, const void *pb)
{
    const fc_point *a = pa, *b = pb;
    for (size_t k = 0; k < 2; k++)
        if (a->u[k] != b->u[k])
            return a->u[k] > b->u[k] ? -1 : 1;
    return 0;
}

/* Within 1e-9 in both utilities (docs/cli-contract.md: count once). */
static int near(const double *a, const double *b)
{
    return fabs(a[0] - b[0]) <= 1e-9 && fabs(a[1] - b[1]) <= 1e-9;
}

/* Sort, merge near-equals (first kept), and copy to f->utilities. */
static int publish_points(fc_state *st, pl_frontier *f)
{
    if (st->n_points > 1) /* none at all: no array (qsort's pointer must not be NULL) */
        qsort(st->points, st->n_points, sizeof *st->points, compare_points);
    size_t kept = 0;
    for (size_t k = 0; k < st->n_points; k++) {
        int dup = 0;
        for (size_t j = kept; j-- > 0 && st->points[j].u[0] <= st->points[k].u[0] + 1e-9;)
            if (near(st->points[j].u, st->points[k].u)) {
                dup = 1;
                break;
            }
        if (!dup)
            st->points[kept++] = st->points[k];
    }
    st->n_points = kept;
    f->n_points = kept;
    pli_free(f->utilities);
    f->utilities = pli_malloc((kept ? kept : 1) * 2 * sizeof *f->utilities);
    if (f->utilities == NULL)
        return PL_ERR_NOMEM;
    for (size_t k = 0; k < kept; k++)
        memcpy(&f->utilities[2 * k], st->points[k].u, 2 * sizeof(double));
    return PL_OK;
}

static void reference(fc_state *st, const fr_tables *t, pl_frontier *f)
{
    const pl_scenario *s = st->s;
    for (size_t a = 0; a < 2; a++) {
        f->minimum[a] = (double)t->lowest[a] / FR_SCALE;
        double best = -INFINITY;
        for (size_t k = 0; k < st->n_points; k++)
            best = st->points[k].u[a] > best ? st->points[k].u[a] : best;
        f->ideal[a] = st->n_points ? best : NAN;
        f->disagreement[a] = f->disagreement_kind == PL_DISAGREEMENT_MINIMUM ? f->minimum[a]
                             : f->disagreement_kind == PL_DISAGREEMENT_ZERO  ? 0.0
                                                                              : s->actors[a].reservation;
    }
}

/*
 * Each solution: the best of the peak candidates of every frontier piece
 * (consecutive vertices of one segment), added to the points so that
 * `point` names it. Ties: the first in frontier order.
 */
static int solve(fc_state *st, const pl_frontier_options *o, pl_frontier *f)
{
    const pl_scenario *s = st->s;
    double power[2], spread[2], total = s->actors[0].capability + s->actors[1].capability;
    for (size_t a = 0; a < 2; a++) {
        power[a] = total > 0 ? s->actors[a].capability / total : 0.5;
        spread[a] = f->ideal[a] - f->disagreement[a];
    }
    size_t n_vertices = st->n_points; /* pairs (2j, 2j+1): the ends of one piece */
    fc_point best[PL_SOLUTION_COUNT];
    double value[PL_SOLUTION_COUNT];
    for (int kind = 0; kind < PL_SOLUTION_COUNT; kind++)
        value[kind] = -INFINITY;
    for (size_t j = 0; j + 1 < n_vertices; j += 2) {
        const fc_point *a = &st->points[j], *b = &st->points[j + 1];
        double cand[8];
        size_t nc = peak_candidates(a->u, b->u, f->disagreement, spread, power, cand);
        for (size_t c = 0; c < nc; c++) {
            fc_point p = *a;
            p.t = a->t + cand[c] * (b->t - a->t);
            for (size_t k = 0; k < 2; k++)
                p.u[k] = a->u[k] + cand[c] * (b->u[k] - a->u[k]);
            for (int kind = 0; kind < PL_SOLUTION_COUNT; kind++) {
                double v = fr_objective((pl_solution_kind)kind, p.u, f, power);
                double slack = 1e-12 * (fabs(value[kind]) > 1 ? fabs(value[kind]) : 1.0);
                if (value[kind] == -INFINITY || v > value[kind] + slack ||
                    (v >= value[kind] - slack && compare_points(&p, &best[kind]) < 0)) {
                    value[kind] = v;
                    best[kind] = p;
                }
            }
        }
    }
    int rc = PL_OK;
    for (int kind = 0; kind < PL_SOLUTION_COUNT && rc == PL_OK && n_vertices > 0; kind++)
        if (kind != PL_SOLUTION_ASYMMETRIC_NASH || o->asymmetric) {
            rc = add_point(st, &(fc_segment){best[kind].combo, best[kind].link, best[kind].t,
                                             best[kind].t, {best[kind].u[0], best[kind].u[1]},
                                             {best[kind].u[0], best[kind].u[1]}},
                           0.0);
            f->solutions[kind].value = value[kind];
        }
    return rc;
}

static int fill_solutions(fc_state *st, const pl_frontier_options *o, pl_frontier *f,
                          const fc_point *chosen)
{
    const pl_scenario *s = st->s;
    for (int kind = 0; kind < PL_SOLUTION_COUNT; kind++) {
        if (f->n_points == 0 || (kind == PL_SOLUTION_ASYMMETRIC_NASH && !o->asymmetric))
            continue;
        pl_frontier_solution *sol = &f->solutions[kind];
        sol->utilities = pli_malloc(2 * sizeof *sol->utilities);
        sol->package = pli_malloc((2 * s->n_issues + 1) * sizeof *sol->package);
        if (sol->utilities == NULL || sol->package == NULL)
            return PL_ERR_NOMEM;
        point_package(st, &chosen[kind], sol->package);
        for (size_t a = 0; a < 2; a++)
            sol->utilities[a] = pl_package_utility(s, a, sol->package);
        sol->point = 0;
        for (size_t k = 0; k < f->n_points; k++)
            if (near(&f->utilities[2 * k], chosen[kind].u)) {
                sol->point = k;
                break;
            }
        sol->present = 1;
    }
    return PL_OK;
}

static void state_free(fc_state *st)
{
    pli_free(st->links);
    pli_free(st->opt.issues);
    pli_free(st->opt.offset);
    pli_free(st->opt.rem_max);
    pli_free(st->opt.threshold);
    pli_free(st->opt_issue);
    if (st->merge.stages != NULL)
        fr_merge_free(&st->merge, st->opt.n_issues);
    pli_free(st->chain);
    pli_free(st->segs);
    pli_free(st->points);
}

int fr_continuous_frontier(const pl_scenario *s, const pl_frontier_options *o,
                           const fr_tables *t, pl_pool *pool, pl_frontier *f, pl_diag *diag)
{
    fc_state st;
    memset(&st, 0, sizeof st);
    st.s = s;
    st.links = pli_malloc((s->n_issues ? s->n_issues : 1) * sizeof *st.links);
    int rc = st.links ? PL_OK : PL_ERR_NOMEM;
    if (rc == PL_OK) {
        build_links(&st);
        rc = options_tables(&st, t);
    }
    if (rc == PL_OK) {
        rc = fr_merge_run(&st.opt, o, pool, &st.merge, diag);
        if (rc != PL_OK) {
            state_free(&st);
            return rc;
        }
        st.chain = pli_calloc((st.n_links + 1) * 2, sizeof *st.chain);
        rc = st.chain ? PL_OK : PL_ERR_NOMEM;
    }
    for (size_t k = 0; rc == PL_OK && k < st.n_links; k++)
        for (size_t a = 0; a < 2; a++)
            st.chain[(k + 1) * 2 + a] = st.chain[k * 2 + a] + st.links[k].delta[a];
    /* Cut at rv itself: every reported point is rational without the 1e-9 tolerance. */
    double thr[2] = {s->actors[0].reservation, s->actors[1].reservation};
    if (rc == PL_OK)
        rc = build_segments(&st, thr);
    if (rc == PL_OK)
        rc = frontier_points_add(&st);
    if (rc == PL_OK) {
        open_ends_inward(&st);
        /* Vertices in frontier order, pieces as consecutive pairs for solve(). */
        reference(&st, t, f);
        rc = solve(&st, o, f);
    }
    fc_point chosen[PL_SOLUTION_COUNT];
    if (rc == PL_OK) {
        size_t n_sol = 0;
        for (int kind = 0; kind < PL_SOLUTION_COUNT; kind++)
            n_sol += st.n_points > 0 && (kind != PL_SOLUTION_ASYMMETRIC_NASH || o->asymmetric);
        /* solve() appended the solutions' points in kind order. */
        for (int kind = 0, w = 0; kind < PL_SOLUTION_COUNT; kind++)
            if (n_sol > 0 && (kind != PL_SOLUTION_ASYMMETRIC_NASH || o->asymmetric))
                chosen[kind] = st.points[st.n_points - n_sol + (size_t)w++];
        rc = publish_points(&st, f);
    }
    if (rc == PL_OK)
        rc = fill_solutions(&st, o, f, chosen);
    if (rc == PL_OK) {
        f->agreement_possible = f->n_points > 0;
        f->exact_vertices = 1;
        f->solutions_exact = 1;
    }
    state_free(&st);
    if (rc == PL_ERR_NOMEM)
        pl_diag_set(diag, rc, 0, 0, "frontier: out of memory");
    return rc;
}
