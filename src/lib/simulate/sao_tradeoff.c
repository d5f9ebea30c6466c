/*
 * sao_tradeoff.c - offers on the continuum for scenario input under SAO
 * (docs/simulation.md, "Trade-off offers on scenario issues").
 *
 * On a scenario (anything but a GENIUS or GeniusWeb domain) with continuous
 * issues and the linear utility form, an agent does not offer a grid point:
 * at its current aspiration level lo it offers the package that is as
 * acceptable as it can be to the others as it believes them, subject to its
 * own red lines and its own utility U_self >= lo. These are the trade-off
 * offers of Faratin, Sierra and Jennings (2002), "Using similarity criteria
 * to make issue trade-offs in automated negotiations", Artificial
 * Intelligence 142(2): a move along the agent's own iso-utility curve towards
 * the opponents. "As acceptable as it can be" is the maximin of the others'
 * normalised utilities (U_b - m_b) / (u_max_b - m_b), the share of its range
 * each other party gets, which is what a time-based party's acceptance tests
 * (spec §6-§7): max tau subject to U_b >= m_b + (u_max_b - m_b) tau.
 *
 * With linear utilities U_a(x) = C_a + sum_i w_ai (1 - |x_i - p_ai| / R_i) on
 * the continuous issues, each |x_i - p_ai| is an epigraph variable d_ai
 * (U_a >= level holds for some d_ai >= |x_i - p_ai| exactly when it holds at
 * d_ai = |x_i - p_ai|), so for each option combination the problem is one LP
 * (lp.h; the same construction as agreement_solve.c, after Boyd and
 * Vandenberghe, "Convex Optimization", 2004, §4.3; written in the kinks of
 * the utilities in sao_tradeoff_lp.c). Options issues are branched on, depth
 * first, with a bound that prunes.
 *
 * What an agent believes of the others: the scenario's stated inputs (their
 * positions, saliences, reservations and red lines), never the drawn ones of a
 * Monte Carlo run. It first keeps the others' stated red lines as constraints;
 * when no package meets them and its own aspiration, it drops them.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "simulate/sao_tradeoff.h"

/*
 * Most parties offered on the continuum: beyond, as on KTAB's samples of 27 to
 * 160 actors, each LP has a row per party and a column per party and issue,
 * the dense simplex (lp.c) takes milliseconds to seconds per offer, and the
 * agents keep the grid (docs/simulation.md).
 */
#define SAO_TRADEOFF_MAX_PARTIES 16


/* ---- views ---- */

static void view_free(view *v)
{
    pli_free(v->position);
    pli_free(v->low);
    pli_free(v->high);
    pli_free(v->best);
    pli_free(v->weight);
    memset(v, 0, sizeof *v);
}

double sao_view_evaluation(const pl_scenario *s, const view *v, size_t i, double x)
{
    const pl_issue *is = &s->issues[i];
    double d = (x - v->position[i]) / (is->high - is->low);
    double e = s->utility_form == PL_UTILITY_QUADRATIC ? 1.0 - d * d : 1.0 - fabs(d);
    return e < 0 ? 0 : e;
}

/* U(x) summed left to right from 0.0, as sao_utility() (spec §2.3). */
static double view_utility(const pl_scenario *s, const view *v, const double *x)
{
    double u = 0.0;
    for (size_t i = 0; i < s->n_issues; i++)
        u += s->issues[i].kind == PL_ISSUE_OPTIONS
                 ? v->p->term[i][(uint32_t)x[i]]
                 : v->p->weight[i] * sao_view_evaluation(s, v, i, x[i]);
    return u;
}

static int view_allows(const pl_scenario *s, const view *v, const double *x)
{
    for (size_t i = 0; i < s->n_issues; i++) {
        if (s->issues[i].kind == PL_ISSUE_OPTIONS) {
            if (v->p->allowed[i] != NULL && !v->p->allowed[i][(uint32_t)x[i]])
                return 0;
        } else if (x[i] < v->low[i] || x[i] > v->high[i]) {
            return 0;
        }
    }
    return 1;
}

/* Best and worst allowed value of each issue, u_max, u_worst and m (spec §3.1-§3.2). */
static void view_extremes(const pl_scenario *s, view *v, double *worst)
{
    for (size_t i = 0; i < s->n_issues; i++) {
        double w = v->p->weight[i];
        if (s->issues[i].kind == PL_ISSUE_OPTIONS) {
            long top = -1, bottom = -1;
            const unsigned char *ok = v->p->allowed[i];
            for (size_t o = 0; o < s->issues[i].n_options; o++) {
                if (ok != NULL && !ok[o])
                    continue;
                double t = v->p->term[i][o];
                if (top < 0 || t > v->p->term[i][top])
                    top = (long)o;
                if (bottom < 0 || t < v->p->term[i][bottom])
                    bottom = (long)o;
            }
            if (top < 0)
                v->blocked = 1, top = bottom = 0;
            v->best[i] = (double)top;
            worst[i] = (double)bottom;
            continue;
        }
        if (v->low[i] > v->high[i]) {
            v->blocked = 1;
            v->best[i] = worst[i] = v->low[i];
            continue;
        }
        double p = v->position[i];
        v->best[i] = w > 0 ? fmin(v->high[i], fmax(v->low[i], p)) : v->low[i];
        worst[i] = fabs(v->low[i] - p) >= fabs(v->high[i] - p) ? v->low[i] : v->high[i];
    }
    v->u_max = view_utility(s, v, v->best);
    v->u_worst = view_utility(s, v, worst);
    v->m = v->u_worst < v->rv ? v->rv : v->u_worst;
}

static int view_build(view *v, const sao_party *p, const pl_scenario *s, const sao_inputs *in,
                      size_t a, double *scratch)
{
    size_t ni = s->n_issues;
    view_free(v);
    v->p = p;
    v->position = pli_calloc(ni + 1, sizeof *v->position);
    v->low = pli_calloc(ni + 1, sizeof *v->low);
    v->high = pli_calloc(ni + 1, sizeof *v->high);
    v->best = pli_calloc(ni + 1, sizeof *v->best);
    v->weight = pli_calloc(ni + 1, sizeof *v->weight);
    if (!v->position || !v->low || !v->high || !v->best || !v->weight)
        return PL_ERR_NOMEM;
    for (size_t i = 0; i < ni; i++) {
        v->weight[i] = p->weight[i];
        v->position[i] = in->position[a * ni + i];
        v->low[i] = s->issues[i].low;
        v->high[i] = s->issues[i].high;
    }
    for (size_t r = 0; r < s->n_red_lines; r++) {
        const pl_red_line *line = &s->red_lines[r];
        if (line->actor != a || s->issues[line->issue].kind == PL_ISSUE_OPTIONS)
            continue;
        v->low[line->issue] = fmax(v->low[line->issue], in->red_low[r]);
        v->high[line->issue] = fmin(v->high[line->issue], in->red_high[r]);
    }
    v->rv = in->reservation[a];
    view_extremes(s, v, scratch);
    return PL_OK;
}

/* Nonzero when two views of a party give the same utility, red lines and band. */
static int view_same(const view *a, const view *b, size_t ni)
{
    size_t bytes = ni * sizeof(double);
    return a->rv == b->rv && a->blocked == b->blocked && a->m == b->m &&
           a->u_max == b->u_max && memcmp(a->position, b->position, bytes) == 0 &&
           memcmp(a->low, b->low, bytes) == 0 && memcmp(a->high, b->high, bytes) == 0 &&
           memcmp(a->weight, b->weight, bytes) == 0;
}

/* ---- offers, cached ---- */

static int solved_alloc(solved *v, size_t ni)
{
    v->x = pli_calloc(ni + 1, sizeof *v->x);
    v->valid = 0;
    return v->x ? PL_OK : PL_ERR_NOMEM;
}

/* Solve at v->lo into v (the agent's best package when nothing meets lo). */
static int solve_at(const sao_session *ss, size_t self, solved *v)
{
    int found = 0;
    int rc = sao_trade_off(ss, self, v->lo, v->x, &v->tau, &found, &v->stage);
    if (rc == PL_OK && !found) {
        memcpy(v->x, ss->tradeoff->own[self].best, ss->scenario->n_issues * sizeof *v->x);
        v->tau = -INFINITY;
        v->stage = -1;
    }
    v->valid = v->exact = rc == PL_OK;
    return rc;
}

/* Nonzero for agents whose aspiration depends on time alone (not tit-for-tat). */
static int scheduled(const sao_agent *g)
{
    return g->spec.kind != PL_AGENT_TIT_FOR_TAT;
}

/* Step k's offer solved by the LP (its aspiration from the band at t = (k + 1) / N). */
static int solve_step(const sao_session *ss, size_t self, memo *mm, size_t k)
{
    solved *v = &mm->schedule[k];
    if (v->exact)
        return PL_OK;
    double hi;
    sao_agent_band(&ss->state[self], (double)(k + 1) / (double)mm->n_schedule, &v->lo, &hi);
    return solve_at(ss, self, v);
}

/*
 * Step k's offer of a time-driven agent, by a fixed bisection of the steps
 * 0..N-1. The best maximin value tau*(lo) is concave in lo (the value of a
 * convex program in its right-hand side), so when it meets the chord of
 * steps a < b at their middle step it is affine between them, and the convex
 * combinations of the two end packages are optimal offers at every step in
 * between (each meets U_self >= lo, U_self being concave): those steps need
 * no LP. Else the half holding k is bisected. The nodes solved depend only on
 * k and the inputs, so an offer is the same whenever and in whatever order it
 * is asked for (a shock mid-run, a plan kept from an earlier run).
 */
static int scheduled_offer(const sao_session *ss, size_t self, memo *mm, size_t k)
{
    size_t a = 0, b = mm->n_schedule - 1, ni = ss->scenario->n_issues;
    int rc = solve_step(ss, self, mm, a);
    if (rc == PL_OK)
        rc = solve_step(ss, self, mm, b);
    while (rc == PL_OK && !mm->schedule[k].valid) {
        size_t mid = a + (b - a) / 2;
        if ((rc = solve_step(ss, self, mm, mid)) != PL_OK)
            break;
        const solved *sa = &mm->schedule[a], *sb = &mm->schedule[b], *sm = &mm->schedule[mid];
        double span = sa->lo - sb->lo, lambda = span != 0 ? (sm->lo - sb->lo) / span : 0;
        double chord = sb->tau + lambda * (sa->tau - sb->tau);
        int same = sa->stage == sb->stage && sa->stage == sm->stage && sa->stage >= 0;
        if (same && (span == 0 ? sa->tau == sb->tau && sm->tau == sa->tau
                               : fabs(sm->tau - chord) <= 1e-9 * (1 + fabs(chord)))) {
            solved *v = &mm->schedule[k];
            double hi;
            sao_agent_band(&ss->state[self], (double)(k + 1) / (double)mm->n_schedule, &v->lo,
                           &hi);
            double l = span != 0 ? (v->lo - sb->lo) / span : 1;
            for (size_t i = 0; i < ni; i++)
                v->x[i] = ss->scenario->issues[i].kind == PL_ISSUE_OPTIONS
                              ? sa->x[i]
                              : sb->x[i] + l * (sa->x[i] - sb->x[i]);
            v->tau = sb->tau + l * (sa->tau - sb->tau);
            v->valid = 1;
        } else if (k < mid) {
            b = mid;
        } else {
            a = mid;
        }
    }
    return rc;
}

int sao_tradeoff_offer(sao_session *ss, size_t self, int k, double t, double *out)
{
    sao_tradeoff *tr = ss->tradeoff;
    const view *v = &tr->own[self];
    size_t ni = ss->scenario->n_issues;
    memo *mm = &tr->memo[self];
    int rc = PL_OK;
    if (v->blocked || !(v->m <= v->u_max)) {
        memcpy(out, v->best, ni * sizeof *out); /* §8.1: nothing to concede over */
        return PL_OK;
    }
    if (scheduled(&ss->state[self]) && !tr->has_options) {
        rc = scheduled_offer(ss, self, mm, (size_t)k);
        if (rc == PL_OK)
            memcpy(out, mm->schedule[k].x, ni * sizeof *out);
        return rc;
    }
    double lo, hi;
    sao_agent_band(&ss->state[self], t, &lo, &hi);
    if (!mm->last.valid || mm->last.lo != lo) {
        mm->last.lo = lo;
        rc = solve_at(ss, self, &mm->last);
    }
    if (rc == PL_OK)
        memcpy(out, mm->last.x, ni * sizeof *out);
    return rc;
}

int sao_tradeoff_accepts(const sao_session *ss, size_t self, double t, const double *x)
{
    const view *v = &ss->tradeoff->own[self];
    if (v->blocked || !view_allows(ss->scenario, v, x))
        return 0; /* red lines are absolute */
    double lo, hi;
    sao_agent_band(&ss->state[self], t, &lo, &hi);
    return view_utility(ss->scenario, v, x) >= lo - TRADEOFF_TOLERANCE;
}

int sao_tradeoff_allowed(const sao_session *ss, size_t party, const double *x)
{
    return view_allows(ss->scenario, &ss->tradeoff->own[party], x);
}

double sao_tradeoff_utility(const sao_session *ss, size_t party, const double *x)
{
    return view_utility(ss->scenario, &ss->tradeoff->own[party], x);
}

/* Nonzero when some applicable shock moves a red line. */
static int red_lines_shocked(const sao_session *ss)
{
    const pl_scenario *s = ss->scenario;
    for (size_t h = 0; ss->use_shock != NULL && h < s->n_shocks; h++)
        for (size_t c = 0; ss->use_shock[h] && c < s->shocks[h].n_changes; c++)
            if (s->shocks[h].changes[c].quantity == PL_QUANTITY_RED_LINE)
                return 1;
    return 0;
}

int sao_tradeoff_hopeless(const sao_session *ss)
{
    const sao_tradeoff *tr = ss->tradeoff;
    const pl_scenario *s = ss->scenario;
    for (size_t a = 0; a < tr->n; a++)
        if (tr->own[a].blocked)
            return 0; /* a blocked party's offers cross its own red lines: play it out */
    if (red_lines_shocked(ss))
        return 0;
    for (size_t i = 0; i < s->n_issues; i++) {
        if (s->issues[i].kind == PL_ISSUE_CONTINUOUS) {
            double low = -INFINITY, high = INFINITY;
            for (size_t a = 0; a < tr->n; a++)
                low = fmax(low, tr->own[a].low[i]), high = fmin(high, tr->own[a].high[i]);
            if (low > high)
                return 1;
            continue;
        }
        int open = 0;
        for (size_t o = 0; o < s->issues[i].n_options && !open; o++) {
            open = 1;
            for (size_t a = 0; a < tr->n; a++) {
                const unsigned char *ok = tr->own[a].p->allowed[i];
                if (ok != NULL && !ok[o])
                    open = 0;
            }
        }
        if (!open)
            return 1;
    }
    return 0;
}

/* ---- setting up ---- */

int sao_tradeoff_applies(const pl_scenario *s, const pl_simulation_options *o)
{
    if (o->protocol != PL_PROTOCOL_SAO || s->utility_form == PL_UTILITY_QUADRATIC ||
        s->n_actors > SAO_TRADEOFF_MAX_PARTIES)
        return 0;
    if (s->format != NULL && (strcmp(s->format, "genius") == 0 ||
                              strcmp(s->format, "geniusweb") == 0))
        return 0; /* GENIUS domains keep NegMAS's behaviour to the bit */
    for (size_t i = 0; i < s->n_issues; i++)
        if (s->issues[i].kind == PL_ISSUE_CONTINUOUS)
            return 1;
    return 0;
}

void sao_tradeoff_free(sao_tradeoff *tr, size_t n_issues)
{
    if (tr == NULL)
        return;
    for (size_t a = 0; a < tr->n; a++) {
        if (tr->stated_party)
            sao_party_free(&tr->stated_party[a], n_issues);
        if (tr->belief)
            view_free(&tr->belief[a]);
        if (tr->own)
            view_free(&tr->own[a]);
        if (tr->memo) {
            pli_free(tr->memo[a].last.x);
            for (size_t k = 0; tr->memo[a].schedule && k < tr->memo[a].n_schedule; k++)
                pli_free(tr->memo[a].schedule[k].x);
            pli_free(tr->memo[a].schedule);
        }
    }
    pli_free(tr->stated_party);
    pli_free(tr->belief);
    pli_free(tr->own);
    pli_free(tr->memo);
    pli_free(tr->scratch);
    sao_inputs_free(&tr->stated);
    pli_free(tr);
}

static int memo_alloc(memo *mm, size_t ni, size_t steps)
{
    int rc = solved_alloc(&mm->last, ni);
    mm->schedule = rc == PL_OK ? pli_calloc(steps, sizeof *mm->schedule) : NULL;
    if (mm->schedule == NULL)
        return PL_ERR_NOMEM;
    mm->n_schedule = steps;
    for (size_t k = 0; k < steps && rc == PL_OK; k++)
        rc = solved_alloc(&mm->schedule[k], ni);
    return rc;
}

int sao_tradeoff_new(sao_session *ss)
{
    const pl_scenario *s = ss->scenario;
    size_t n = s->n_actors, ni = s->n_issues, steps = (size_t)ss->options.steps;
    sao_tradeoff *tr = ss->tradeoff = pli_calloc(1, sizeof *tr);
    if (tr == NULL)
        return PL_ERR_NOMEM;
    tr->n = n;
    tr->ni = ni;
    for (size_t i = 0; i < ni; i++)
        tr->has_options |= s->issues[i].kind == PL_ISSUE_OPTIONS;
    tr->stated_party = pli_calloc(n, sizeof *tr->stated_party);
    tr->belief = pli_calloc(n, sizeof *tr->belief);
    tr->own = pli_calloc(n, sizeof *tr->own);
    tr->memo = pli_calloc(n, sizeof *tr->memo);
    tr->scratch = pli_calloc(ni + 1, sizeof *tr->scratch);
    int rc = tr->stated_party && tr->belief && tr->own && tr->memo && tr->scratch
                 ? sao_inputs_init(&tr->stated, s) : PL_ERR_NOMEM;
    for (size_t a = 0; a < n && rc == PL_OK; a++) {
        rc = sao_party_build(&tr->stated_party[a], &ss->space, s, &tr->stated, a);
        if (rc == PL_OK)
            rc = view_build(&tr->belief[a], &tr->stated_party[a], s, &tr->stated, a,
                            tr->scratch);
        if (rc == PL_OK)
            rc = memo_alloc(&tr->memo[a], ni, steps);
    }
    return rc;
}

/* The agent's best utility within every party's red lines (continuous issues). */
static double best_within(const sao_tradeoff *tr, const pl_scenario *s, size_t self)
{
    const view *v = &tr->own[self];
    double *x = tr->scratch;
    for (size_t i = 0; i < s->n_issues; i++) {
        double low = v->low[i], high = v->high[i];
        for (size_t b = 0; b < tr->n && s->issues[i].kind == PL_ISSUE_CONTINUOUS; b++)
            if (b != self)
                low = fmax(low, tr->belief[b].low[i]), high = fmin(high, tr->belief[b].high[i]);
        if (low > high)
            return -INFINITY;
        x[i] = s->issues[i].kind == PL_ISSUE_OPTIONS ? v->best[i]
                                                     : fmin(high, fmax(low, v->position[i]));
    }
    /* options issues: the agent's own best, an upper bound when the others forbid it */
    return view_utility(s, v, x) + (tr->has_options ? 1e-9 : 0);
}

/*
 * Each party's own view from the current inputs; a party whose view did not
 * change (its inputs were not drawn or shocked) keeps its planned offers.
 */
int sao_tradeoff_rebuild(sao_session *ss)
{
    sao_tradeoff *tr = ss->tradeoff;
    view fresh = {0};
    int rc = PL_OK;
    for (size_t a = 0; a < tr->n && rc == PL_OK; a++) {
        sao_party *p = &ss->parties[a];
        rc = view_build(&fresh, p, ss->scenario, &ss->inputs, a, tr->scratch);
        if (rc != PL_OK)
            break;
        view *v = &tr->own[a];
        if (v->position == NULL || !view_same(v, &fresh, tr->ni)) {
            view old = *v;
            *v = fresh;
            fresh = old;
            memo *mm = &tr->memo[a];
            mm->last.valid = 0;
            for (size_t k = 0; k < mm->n_schedule; k++)
                mm->schedule[k].valid = mm->schedule[k].exact = 0;
        }
        v->p = p;
        tr->memo[a].within = best_within(tr, ss->scenario, a);
        /* the agent's band (sao_agent_band) reads these: the continuum's, not the grid's */
        p->u_max = v->u_max;
        p->u_worst = v->u_worst;
        p->m = v->m;
        p->blocked = v->blocked;
    }
    view_free(&fresh);
    return rc;
}
