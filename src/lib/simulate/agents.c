/*
 * agents.c - the negotiators: NegMAS's time-based agents exactly as
 * docs/specs/negmas-sao.md §5-§8 gives them, the GENIUS TimeDependentAgent form,
 * a hardheaded agent and a tit-for-tat agent (docs/simulation.md, "Agents").
 *
 * Every agent judges and makes offers through one band [lo, hi] of its own
 * utility; the kinds differ only in how the band moves with time. Red lines
 * are absolute: an agent never accepts, and never offers, an outcome that
 * crosses one of its red lines (the ranked lists hold no such outcome).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simulate/sao_internal.h"

/* ---- names ---- */

typedef struct agent_name {
    const char *name;
    pl_agent_kind kind;
    double exponent;
} agent_name;

static const agent_name names[] = {
    {"boulware", PL_AGENT_TIME_BASED, 4.0},       /* spec §5 table */
    {"linear", PL_AGENT_TIME_BASED, 1.0},
    {"conceder", PL_AGENT_TIME_BASED, 0.25},
    {"hardheaded", PL_AGENT_HARDHEADED, 0.0},
    {"tit-for-tat", PL_AGENT_TIT_FOR_TAT, 0.0},
    {"genius-boulware", PL_AGENT_GENIUS, 0.2},    /* GENIUS BoulwareNegotiationParty */
    {"genius-linear", PL_AGENT_GENIUS, 1.0},
    {"genius-conceder", PL_AGENT_GENIUS, 2.0},    /* GENIUS ConcederNegotiationParty */
};

static int parse_exponent(const char *text, double *out)
{
    char *end;
    double e = strtod(text, &end);
    if (end == text || *end != '\0' || !(e > 0) || !pli_is_finite(e))
        return PL_ERR_NOT_FOUND;
    *out = e;
    return PL_OK;
}

int pl_agent_parse(const char *text, pl_agent *out)
{
    if (text == NULL || out == NULL)
        return PL_ERR_ARGUMENT;
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strcmp(text, names[k].name) == 0) {
            out->kind = names[k].kind;
            out->exponent = names[k].exponent;
            return PL_OK;
        }
    if (strcmp(text, "tft") == 0 || strcmp(text, "titfortat") == 0) {
        *out = (pl_agent){PL_AGENT_TIT_FOR_TAT, 0.0, NULL};
        return PL_OK;
    }
    if (strncmp(text, "tb:", 3) == 0) {
        out->kind = PL_AGENT_TIME_BASED;
        return parse_exponent(text + 3, &out->exponent);
    }
    if (strncmp(text, "genius:", 7) == 0) {
        out->kind = PL_AGENT_GENIUS;
        return parse_exponent(text + 7, &out->exponent);
    }
    return PL_ERR_NOT_FOUND;
}

const char *pl_agent_name(const pl_agent *agent, char *buffer, size_t size)
{
    if (agent->kind == PL_AGENT_CALLBACK) {
        const pl_negotiator *n = agent->negotiator;
        snprintf(buffer, size, "%s", n != NULL && n->name != NULL ? n->name : "callback");
        return buffer;
    }
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (agent->kind == names[k].kind &&
            (agent->exponent == names[k].exponent || names[k].kind == PL_AGENT_HARDHEADED ||
             names[k].kind == PL_AGENT_TIT_FOR_TAT)) {
            snprintf(buffer, size, "%s", names[k].name);
            return buffer;
        }
    snprintf(buffer, size, "%s:%.17g", agent->kind == PL_AGENT_GENIUS ? "genius" : "tb",
             agent->exponent);
    return buffer;
}

/* ---- the band ---- */

/* Tit-for-tat: the share of its range the agent still demands, after
 * conceding what the others have conceded to it (docs/simulation.md). */
static double tit_for_tat_aspiration(const sao_agent *a)
{
    const sao_party *p = a->party;
    double d = p->u_max - p->m;
    if (!a->seen || !(d > 0))
        return 1.0;
    double conceded = a->best_seen - a->first_seen;
    double alpha = (p->u_max - conceded - p->m) / d;
    return alpha < 0 ? 0 : alpha > 1 ? 1 : alpha;
}

void sao_agent_band(const sao_agent *a, double t, double *lo, double *hi)
{
    const sao_party *p = a->party;
    if (!(p->m <= p->u_max)) { /* §6: rv above every utility */
        *lo = *hi = p->m;
        return;
    }
    double d = p->u_max - p->m;
    if (a->spec.kind == PL_AGENT_GENIUS) {
        /* GENIUS TimeDependentAgent: p(t) = Pmin + (Pmax - Pmin)(1 - t^(1/e)), k = 0 */
        double f = 1.0 - pow(t, 1.0 / a->spec.exponent);
        double scaled = d * f;
        double target = scaled + p->m;
        *lo = target < p->m ? p->m : target > p->u_max ? p->u_max : target;
        *hi = p->u_max;
        return;
    }
    double alpha = 1.0; /* hardheaded: the band of t = 0 for ever */
    if (a->spec.kind == PL_AGENT_TIME_BASED)
        alpha = 1.0 - pow(t, a->spec.exponent); /* §5 */
    else if (a->spec.kind == PL_AGENT_TIT_FOR_TAT)
        alpha = tit_for_tat_aspiration(a);
    double scaled = d * alpha; /* §6: two roundings, no fused multiply-add */
    double l0 = scaled + p->m;
    double l1 = l0 - 1e-4;
    double l = l1 < p->u_max ? l1 : p->u_max;
    *lo = l > p->m ? l : p->m;
    *hi = p->u_max;
}

int sao_agent_accepts(const sao_agent *a, const sao_space *space, double t, const uint32_t *offer)
{
    const sao_party *p = a->party;
    if (p->blocked || !sao_allowed(p, space, offer))
        return 0; /* red lines are absolute */
    double lo, hi, u = sao_utility(p, space, offer);
    sao_agent_band(a, t, &lo, &hi);
    return lo <= u && u <= hi; /* §7: inclusive, exact */
}

void sao_agent_observe(sao_agent *a, double u)
{
    if (!a->seen) {
        a->first_seen = a->best_seen = u;
        a->seen = 1;
    } else if (u > a->best_seen) {
        a->best_seen = u;
    }
}

/* ---- offers ---- */

/* First position of the ranked list with u >= x (ranked is ascending). */
static size_t lower_bound(const sao_entry *e, size_t n, double x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (e[mid].u < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The tail of §8.3: a near-rational entry strictly nearer to lo than `best`. */
static const sao_entry *nearer_in_tail(const sao_party *p, double lo, double a, double b,
                                       const sao_entry *best, double delta)
{
    for (size_t j = 0; j < p->n_tail; j++) {
        double u = p->tail[j].u;
        if (a <= u && u <= b && fabs(u - lo) < delta) {
            best = &p->tail[j];
            delta = fabs(u - lo);
        }
    }
    return best;
}

/* §8, the equivalent fast procedure, on the wholly ranked list: the number offered. */
static uint32_t flat_offer(const sao_party *p, double lo, double hi)
{
    const sao_entry *e = p->ranked;
    size_t i0 = lower_bound(e, p->n_ranked, lo); /* §8.2 */
    double a = lo - 1e-6, b = hi + 2e-6;          /* §8.3 window */
    const sao_entry *best = &e[i0];
    double delta = fabs(best->u - lo);
    for (size_t j = lower_bound(e, i0, a); j < i0; j++) {
        double u = e[j].u;
        if (a <= u && u <= b && fabs(u - lo) < delta) { /* strictly nearer */
            best = &e[j];
            delta = fabs(u - lo);
        }
    }
    return nearer_in_tail(p, lo, a, b, best, delta)->r;
}

/*
 * The same on the lazy ranking, which refines what it reads (sao_sort.c).
 * The scan of §8.3 walks j = lower_bound(a) .. i0 - 1 keeping the first
 * strictly nearer entry; there every u < lo <= b, and |u - lo| = fl(lo - u) never grows with
 * j, so it keeps the first j whose distance equals that of j = i0 - 1 (when
 * smaller than i0's): found by bisection, with the same result as the walk.
 */
static uint32_t lazy_offer(sao_party *p, double lo, double hi)
{
    sao_rank *rank = &p->rank;
    size_t i0 = sao_rank_lower_bound(rank, lo); /* §8.2 */
    if (i0 >= rank->n)
        i0 = rank->n - 1; /* lo <= u_max = U(b*), which is ranked: never happens */
    double a = lo - 1e-6, b = hi + 2e-6;        /* §8.3 window */
    const sao_entry *best = sao_rank_at(rank, i0);
    double delta = fabs(best->u - lo);
    size_t j0 = sao_rank_lower_bound(rank, a);
    if (j0 < i0) {
        double u = sao_rank_at(rank, i0 - 1)->u;
        double nearest = fabs(u - lo);
        if (a <= u && u <= b && nearest < delta) {
            size_t first = j0, last = i0 - 1;
            while (first < last) {
                size_t mid = first + (last - first) / 2;
                if (fabs(sao_rank_at(rank, mid)->u - lo) <= nearest)
                    last = mid;
                else
                    first = mid + 1;
            }
            best = sao_rank_at(rank, first);
            delta = nearest;
        }
    }
    return nearer_in_tail(p, lo, a, b, best, delta)->r;
}

static uint32_t exact_offer(sao_party *p, double lo, double hi)
{
    return sao_rank_flat(&p->rank) ? flat_offer(p, lo, hi) : lazy_offer(p, lo, hi);
}

/*
 * The lowest candidate U - tau_i(c_i) + tau_i(v) of issue i that is >= lo,
 * over the allowed values v != c_i, and the first value reaching it; 0 when
 * none. fl(base + t) never decreases as t grows, so the values in term order
 * are bisected to the first candidate >= lo, and then only the values giving
 * that same candidate are looked at.
 */
static int issue_floor(const sao_party *p, const sao_space *space, size_t i, uint32_t current,
                       double base, double lo, double *found_u, uint32_t *found_v)
{
    const uint32_t *order = p->order[i];
    const double *term = p->term[i];
    const unsigned char *allowed = p->allowed[i];
    uint32_t n = space->n_values[i], first = 0, last = n;
    while (first < last) {
        uint32_t mid = first + (last - first) / 2;
        if (base + term[order[mid]] >= lo)
            last = mid;
        else
            first = mid + 1;
    }
    int found = 0;
    for (uint32_t k = first; k < n; k++) {
        uint32_t v = order[k];
        if (v == current || (allowed != NULL && !allowed[v]))
            continue;
        double candidate = base + term[v];
        if (!found) {
            found = 1;
            *found_u = candidate;
            *found_v = v;
        } else if (candidate == *found_u) {
            if (v < *found_v)
                *found_v = v;
        } else {
            break;
        }
    }
    return found;
}

/* One step of the search: the single-issue change that brings U down to the
 * lowest utility still >= lo (ties: first issue, then first value); 0 when none. */
static int search_step(const sao_party *p, const sao_space *space, uint32_t *c, double *u,
                       double lo)
{
    double best_u = *u;
    size_t best_i = 0;
    uint32_t best_v = 0;
    for (size_t i = 0; i < space->n_issues; i++) {
        double candidate = 0;
        uint32_t v = 0;
        if (issue_floor(p, space, i, c[i], *u - p->term[i][c[i]], lo, &candidate, &v) &&
            candidate < best_u) {
            best_u = candidate;
            best_i = i;
            best_v = v;
        }
    }
    if (best_u == *u)
        return 0;
    uint32_t old = c[best_i];
    c[best_i] = best_v;
    double exact = sao_utility(p, space, c);
    if (exact < lo || exact >= *u) {
        c[best_i] = old;
        return 0;
    }
    *u = exact;
    return 1;
}

/* Large spaces (docs/simulation.md, "Offers without enumeration"): descend
 * from the last own offer still in the band (else from b*) by single-issue
 * changes, each to the lowest utility that stays >= lo. */
static void search_offer(sao_agent *a, const sao_space *space, double lo, uint32_t *out)
{
    const sao_party *p = a->party;
    size_t n = space->n_issues;
    double u = -1;
    if (a->has_last) {
        memcpy(out, a->last, n * sizeof *out);
        u = sao_utility(p, space, out);
    }
    if (!(u >= lo)) {
        memcpy(out, p->best, n * sizeof *out);
        u = sao_utility(p, space, out);
    }
    for (size_t k = 0; k < 64 * n + 64 && search_step(p, space, out, &u, lo); k++)
        ;
}

void sao_agent_offer(sao_agent *a, const sao_space *space, double t, uint32_t *out)
{
    sao_party *p = a->party;
    double lo, hi;
    sao_agent_band(a, t, &lo, &hi);
    if (p->blocked || !(p->m <= p->u_max) || (space->exact && p->n_ranked == 0))
        memcpy(out, p->best, space->n_issues * sizeof *out); /* §8.1 */
    else if (space->exact)
        sao_space_decode(space, exact_offer(p, lo, hi), out);
    else
        search_offer(a, space, lo, out);
    memcpy(a->last, out, space->n_issues * sizeof *out);
    a->has_last = 1;
}
