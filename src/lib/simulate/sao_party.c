/*
 * sao_party.c - one party's utility tables and ranked outcome index
 * (docs/specs/negmas-sao.md §2.3 and §3).
 *
 * Weights: the party's saliences in issue order. GENIUS readers store
 * w_i = fl(raw_i / W) as saliences and fl(eval / M_i) as option values
 * (genius_build.c, genius_profile.c), so when the saliences already sum to 1
 * (within 1e-12) they are used as they are, bit for bit; otherwise they are
 * divided by their sum. Terms tau_i(v) = fl(w_i e_i(v)) are tabulated once
 * and utilities are summed left to right from 0.0, never clipped (§2.3).
 */
#include <math.h>
#include <string.h>

#include "simulate/sao_internal.h"

void sao_party_free(sao_party *p, size_t n_issues)
{
    for (size_t i = 0; i < n_issues; i++) {
        if (p->eval)
            pli_free(p->eval[i]);
        if (p->term)
            pli_free(p->term[i]);
        if (p->allowed)
            pli_free(p->allowed[i]);
        if (p->order)
            pli_free(p->order[i]);
    }
    pli_free(p->order);
    pli_free(p->eval);
    pli_free(p->term);
    pli_free(p->allowed);
    pli_free(p->weight);
    pli_free(p->best);
    sao_rank_free(&p->rank);
    pli_free(p->ranked);
    pli_free(p->tail);
    memset(p, 0, sizeof *p);
}

double sao_utility(const sao_party *p, const sao_space *space, const uint32_t *values)
{
    double u = 0.0; /* §2.3: strictly left to right, in issue order */
    for (size_t i = 0; i < space->n_issues; i++)
        u += p->term[i][values[i]];
    return u;
}

int sao_allowed(const sao_party *p, const sao_space *space, const uint32_t *values)
{
    for (size_t i = 0; i < space->n_issues; i++)
        if (p->allowed[i] != NULL && !p->allowed[i][values[i]])
            return 0;
    return 1;
}

/* §2.3 weights (see the file comment). */
static void set_weights(sao_party *p, const sao_inputs *in, size_t a)
{
    size_t n = in->n_issues;
    double total = 0.0;
    for (size_t i = 0; i < n; i++)
        total += in->salience[a * n + i];
    for (size_t i = 0; i < n; i++) {
        double s = in->salience[a * n + i];
        p->weight[i] = total <= 0 ? 0.0 : fabs(total - 1.0) <= 1e-12 ? s : s / total;
    }
}

/* e_i(v): the option value, or the continuous item utility at the grid point. */
static double evaluation(const pl_scenario *s, const sao_inputs *in, size_t a, size_t i,
                         double x, uint32_t v)
{
    const pl_stance *st = &s->stances[a * s->n_issues + i];
    const pl_issue *issue = &s->issues[i];
    if (!st->present)
        return 0.0;
    if (issue->kind == PL_ISSUE_OPTIONS)
        return st->option_values ? st->option_values[v] : 0.0;
    double d = (x - in->position[a * s->n_issues + i]) / (issue->high - issue->low);
    double u = s->utility_form == PL_UTILITY_QUADRATIC ? 1.0 - d * d : 1.0 - fabs(d);
    return u < 0 ? 0 : u;
}

/* Red lines: per issue, the values the party may offer and accept. */
static int set_allowed(sao_party *p, const sao_space *space, const pl_scenario *s,
                       const sao_inputs *in, size_t a)
{
    for (size_t r = 0; r < s->n_red_lines; r++) {
        const pl_red_line *line = &s->red_lines[r];
        if (line->actor != a)
            continue;
        size_t i = line->issue;
        uint32_t n = space->n_values[i];
        if (p->allowed[i] == NULL) {
            p->allowed[i] = pli_malloc(n);
            if (p->allowed[i] == NULL)
                return PL_ERR_NOMEM;
            memset(p->allowed[i], 1, n);
        }
        for (uint32_t v = 0; v < n; v++) {
            double x = space->values[i][v];
            int ok = s->issues[i].kind == PL_ISSUE_OPTIONS
                         ? line->allowed == NULL || line->allowed[v]
                         : x >= in->red_low[r] && x <= in->red_high[r];
            p->allowed[i][v] &= (unsigned char)(ok != 0);
        }
    }
    return PL_OK;
}

/* §3.1: b* and w* issue by issue, over the values the red lines allow. */
static void best_and_worst(sao_party *p, const sao_space *space, uint32_t *worst)
{
    for (size_t i = 0; i < space->n_issues; i++) {
        long top = -1, bottom = -1;
        for (uint32_t v = 0; v < space->n_values[i]; v++) {
            if (p->allowed[i] != NULL && !p->allowed[i][v])
                continue;
            double e = p->eval[i][v];
            if (top < 0 || e >= p->eval[i][top])
                top = v; /* the last value that reaches the largest e_i */
            if (bottom < 0 || e < p->eval[i][bottom])
                bottom = v; /* the first value that reaches the smallest */
        }
        if (top < 0) {
            p->blocked = 1;
            top = bottom = 0;
        }
        p->best[i] = (uint32_t)(p->weight[i] > 0 ? top : bottom);
        worst[i] = (uint32_t)(p->weight[i] > 0 ? bottom : top);
    }
}

static int push_tail(sao_party *p, size_t *capacity, double u, uint32_t r)
{
    if (pli_grow((void **)&p->tail, capacity, p->n_tail + 1, sizeof *p->tail) != PL_OK)
        return PL_ERR_NOMEM;
    p->tail[p->n_tail++] = (sao_entry){u, r};
    return PL_OK;
}

/* One outcome of the enumeration (§3.3): ranked, in the tail, or dropped. */
static inline int keep(sao_party *p, size_t *capacity, double u, uint32_t r, double tail_floor)
{
    if (u >= p->rv)
        p->ranked[p->n_ranked++] = (sao_entry){u, r};
    else if (u >= tail_floor)
        return push_tail(p, capacity, u, r);
    return PL_OK;
}

/* Nonzero when some red line of the party restricts an issue. */
static int restricted(const sao_party *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p->allowed[i] != NULL)
            return 1;
    return 0;
}

/* §3.3-3.6: enumerate, keep rational outcomes and the near-rational tail, and
 * rank them lazily. The odometer runs over every issue but the last, which
 * the inner loop sweeps; U is the same left-to-right sum (§2.3). */
static int rank_outcomes(sao_party *p, const sao_space *space, uint32_t *digits, double *partial)
{
    size_t n = space->n_issues, total = (size_t)space->n_outcomes, capacity = 0;
    p->ranked = pli_malloc((total + 1) * sizeof *p->ranked);
    if (p->ranked == NULL)
        return PL_ERR_NOMEM;
    double tail_floor = p->rv - 1e-6; /* §8 fast procedure: tail entries below never win */
    int rc = PL_OK, check = !p->blocked && restricted(p, n);
    if (n == 0) {
        rc = keep(p, &capacity, 0.0, 0, tail_floor);
        return rc == PL_OK ? sao_rank_init(&p->rank, p->ranked, p->n_ranked) : rc;
    }
    size_t last = n - 1;
    uint32_t width = space->n_values[last];
    const double *term = p->term[last];
    const unsigned char *ok_last = check ? p->allowed[last] : NULL;
    memset(digits, 0, n * sizeof *digits);
    partial[0] = 0.0;
    for (size_t i = 0; i < last; i++)
        partial[i + 1] = partial[i] + p->term[i][0];
    uint32_t r = 0;
    for (;;) {
        double base = partial[last];
        int prefix_ok = 1;
        for (size_t i = 0; check && i < last; i++)
            if (p->allowed[i] != NULL && !p->allowed[i][digits[i]])
                prefix_ok = 0;
        for (uint32_t v = 0; v < width && rc == PL_OK; v++, r++)
            if (prefix_ok && (ok_last == NULL || ok_last[v]))
                rc = keep(p, &capacity, base + term[v], r, tail_floor);
        if (rc != PL_OK)
            return rc;
        size_t j = last; /* odometer over the other issues: the later ones vary faster */
        while (j-- > 0 && ++digits[j] == space->n_values[j])
            digits[j] = 0;
        if (j >= last)
            break;
        for (size_t i = j; i < last; i++)
            partial[i + 1] = partial[i] + p->term[i][digits[i]];
    }
    return sao_rank_init(&p->rank, p->ranked, p->n_ranked);
}

/* Searched spaces: each issue's values by ascending term, ties by value index. */
static int order_values(sao_party *p, const sao_space *space)
{
    p->order = pli_calloc(space->n_issues + 1, sizeof *p->order);
    if (p->order == NULL)
        return PL_ERR_NOMEM;
    for (size_t i = 0; i < space->n_issues; i++) {
        uint32_t n = space->n_values[i];
        uint32_t *order = p->order[i] = pli_malloc(n * sizeof *order);
        if (order == NULL)
            return PL_ERR_NOMEM;
        const double *term = p->term[i];
        for (uint32_t v = 0; v < n; v++) { /* straight insertion: stable */
            uint32_t k = v;
            while (k > 0 && term[v] < term[order[k - 1]]) {
                order[k] = order[k - 1];
                k--;
            }
            order[k] = v;
        }
    }
    return PL_OK;
}

static int alloc_tables(sao_party *p, const sao_space *space)
{
    size_t n = space->n_issues + 1;
    p->weight = pli_calloc(n, sizeof *p->weight);
    p->eval = pli_calloc(n, sizeof *p->eval);
    p->term = pli_calloc(n, sizeof *p->term);
    p->allowed = pli_calloc(n, sizeof *p->allowed);
    p->best = pli_calloc(n, sizeof *p->best);
    if (!p->weight || !p->eval || !p->term || !p->allowed || !p->best)
        return PL_ERR_NOMEM;
    for (size_t i = 0; i < space->n_issues; i++) {
        p->eval[i] = pli_malloc(space->n_values[i] * sizeof(double));
        p->term[i] = pli_malloc(space->n_values[i] * sizeof(double));
        if (!p->eval[i] || !p->term[i])
            return PL_ERR_NOMEM;
    }
    return PL_OK;
}

int sao_party_build(sao_party *p, const sao_space *space, const pl_scenario *s,
                    const sao_inputs *in, size_t actor)
{
    size_t n = space->n_issues;
    sao_party_free(p, n);
    p->actor = actor;
    uint32_t *worst = pli_calloc(n + 1, sizeof *worst);
    double *partial = pli_calloc(n + 1, sizeof *partial);
    int rc = worst && partial ? alloc_tables(p, space) : PL_ERR_NOMEM;
    if (rc == PL_OK) {
        set_weights(p, in, actor);
        for (size_t i = 0; i < n; i++)
            for (uint32_t v = 0; v < space->n_values[i]; v++) {
                p->eval[i][v] = evaluation(s, in, actor, i, space->values[i][v], v);
                p->term[i][v] = p->weight[i] * p->eval[i][v]; /* §2.3: one multiplication */
            }
        rc = set_allowed(p, space, s, in, actor);
    }
    if (rc == PL_OK) {
        best_and_worst(p, space, worst);
        p->rv = in->reservation[actor];
        p->u_max = sao_utility(p, space, p->best);
        p->u_worst = sao_utility(p, space, worst);
        p->m = p->u_worst < p->rv ? p->rv : p->u_worst; /* §3.2 */
        rc = space->exact ? rank_outcomes(p, space, worst, partial) : order_values(p, space);
    }
    pli_free(worst);
    pli_free(partial);
    if (rc != PL_OK)
        sao_party_free(p, n);
    return rc;
}
