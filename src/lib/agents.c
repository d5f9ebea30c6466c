/*
 * agents.c - the negotiators: NegMAS's time-based agents exactly as
 * specs/negmas-sao.md §5-§8 gives them, the GENIUS TimeDependentAgent form,
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

#include "sao_internal.h"

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
    if (end == text || *end != '\0' || !(e > 0) || !pl_is_finite(e))
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
        *out = (pl_agent){PL_AGENT_TIT_FOR_TAT, 0.0};
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

/* §8, the equivalent fast procedure: returns the enumeration number offered. */
static uint32_t exact_offer(const sao_party *p, double lo, double hi)
{
    size_t i0 = lower_bound(p->ranked, p->n_ranked, lo); /* §8.2 */
    double a = lo - 1e-6, b = hi + 2e-6;                 /* §8.3 window */
    const sao_entry *best = &p->ranked[i0];
    double delta = fabs(best->u - lo);
    for (size_t j = lower_bound(p->ranked, i0, a); j < i0; j++) {
        double u = p->ranked[j].u;
        if (a <= u && u <= b && fabs(u - lo) < delta) { /* strictly nearer */
            best = &p->ranked[j];
            delta = fabs(u - lo);
        }
    }
    for (size_t j = 0; j < p->n_tail; j++) {
        double u = p->tail[j].u;
        if (a <= u && u <= b && fabs(u - lo) < delta) {
            best = &p->tail[j];
            delta = fabs(u - lo);
        }
    }
    return best->r;
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
        double base = *u - p->term[i][c[i]];
        for (uint32_t v = 0; v < space->n_values[i]; v++) {
            if (v == c[i] || (p->allowed[i] != NULL && !p->allowed[i][v]))
                continue;
            double candidate = base + p->term[i][v];
            if (candidate >= lo && candidate < best_u) {
                best_u = candidate;
                best_i = i;
                best_v = v;
            }
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
    const sao_party *p = a->party;
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
